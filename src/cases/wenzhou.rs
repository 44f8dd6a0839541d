//! Cases of the Wenzhou model: Wenzhou itself, Qiaotou, the button town of
//! Yongjia county, and Liushi, the low-voltage electrics town of Yueqing.

use super::{ActorRow, LinkRow, code, graph, sid, y};
use crate::dimension::{CapitalOrigin, DistrictType, DrivingActor, Dynamics, MarketOrientation, Ownership};
use crate::{
    ActorKind, AdminLevel, Claim, Currency, DimensionValue, Error, Indicator, IndustryDivision, LinkageGraph,
    LinkageKind, Money, Name, Observation, ObservationKind, Observed, Population, Qualifier, Rank, RegionalModel,
    Scale, Share, Source, SourceKind, SourceStrength, Specialisation, Stage, Town, TownId, Trajectory,
};

/// The works cited by the Wenzhou cases.
pub(super) fn sources() -> Result<Vec<Source>, Error> {
    use SourceKind::{Article, Book, WebPage};
    use SourceStrength::{Medium, Strong, Weak};
    Ok(vec![
        Source::new(sid("routledge-wenzhou-chapter"), Book, "Book chapter on Wenzhou's private economy (doi:10.4324/9780203930922-17)")?
            .with_venue("Routledge (Taylor & Francis), ISBN 9781134056880")?
            .with_url("https://www.taylorfrancis.com/books/e/9781134056880/chapters/10.4324%2F9780203930922-17")?
            .with_note("\"The 'Wenzhou model' of family-owned enterprises was widely contrasted with the 'Sunan model' (based in southern Jiangsu) of collective enterprises and the 'Guangzhou model' of export processing\"; the chapter's title and author were not shown on the page read")?
            .with_strength(Medium),
        Source::new(sid("china-daily-2010-wenzhou"), WebPage, "Wenzhou's workshops crafted economic legend")?
            .with_authors(["Han Tianyang"])?
            .with_year(y(2010)?)
            .with_venue("China Daily, 19 June 2010")?
            .with_url("http://covid-19.chinadaily.com.cn/regional/2010-06/19/content_9997311.htm")?
            .with_note("\"Last year, Wenzhou's GDP reached 253 billion yuan\"; \"individual businesses and family workshops mushroomed in the 1980s\"; the private economy \"now accounts for 80 percent of Wenzhou's total GDP\"; \"Wenzhou's greatest success has come in overseas markets\"")?
            .with_strength(Medium),
        Source::new(sid("npr-2006-qiaotou"), WebPage, "Chinese 'Button Town' Struggles with Success")?
            .with_authors(["Louisa Lim"])?
            .with_year(y(2006)?)
            .with_venue("NPR, 21 August 2006")?
            .with_url("http://www.npr.org/templates/story/story.php?storyId=5686805")?
            .with_note("\"about 200 factories and 20,000 migrant workers, produces 60 percent of the world's supply\"; \"We had no capital. Everything came from the work of our own two hands.\"")?
            .with_strength(Medium),
        Source::new(sid("guardian-2005-qiaotou"), WebPage, "The tiger's teeth")?
            .with_authors(["Jonathan Watts"])?
            .with_year(y(2005)?)
            .with_venue("The Guardian, 25 May 2005")?
            .with_url("https://www.theguardian.com/business/2005/may/25/china.g2")?
            .with_note("\"In 1980, three brothers in Qiaotou started up a business by picking buttons off the street\"; \"the town's 700 family-run factories churn out 15bn buttons and 200 million metres of zips a year\"; \"the undisputed global capital of buttons and zips\"")?
            .with_strength(Medium),
        Source::new(sid("xinhua-2025-qiaotou"), WebPage, "Button industry thrives in Qiaotou Town of E China's Zhejiang")?
            .with_authors(["Jiang Han"])?
            .with_year(y(2025)?)
            .with_venue("Xinhua, via People's Daily Online, 28 March 2025")?
            .with_url("http://en.people.cn/n3/2025/0328/c90000-20295505.html")?
            .with_note("button industry since the late 1970s; over 250 button enterprises, about 16,000 jobs, around 60 billion buttons and sales over 4 billion yuan a year")?
            .with_strength(Medium),
        Source::new(sid("xinhua-2024-qiaotou"), WebPage, "中国经济样本观察·“镇”了不起丨“纽”市场“扣”创新:小地摊“摆”出40亿元大市")?
            .with_authors(["Zheng Keyi", "Liu Mingxiang"])?
            .with_year(y(2024)?)
            .with_venue("Xinhua, 19 December 2024, read on a mirror of unknown origin")?
            .with_url("http://www.4vs4.cn/time/nbalanwang/cms2024/12@19,106810.html")?
            .with_note("42 households licensed as the first button traders in February 1983; the Qiaotou button market of 1983 as the first rural specialised small-commodity market; half the domestic and 30% of the world market")?
            .with_strength(Weak),
        Source::new(sid("hessler-2010"), Book, "Country Driving: A Journey Through China from Farm to Factory")?
            .with_authors(["Peter Hessler"])?
            .with_year(y(2010)?)
            .with_url("https://www.urking.top/read/country-driving-514a16/144.html")?
            .with_note("read on an unofficial copy; Qiaotou's \"380 factories that manufactured more than 70 percent of the buttons for clothes made in China\"; clothes manufacturers buy in bulk at \"Button City\"")?
            .with_strength(Weak),
        Source::new(sid("hessler-natgeo-2007"), WebPage, "China's Instant Cities")?
            .with_authors(["Peter Hessler"])?
            .with_year(y(2007)?)
            .with_venue("National Geographic, June 2007 (web page title 'China's Boomtowns'); page 3 of the article on the magazine's site")?
            .with_url("http://ngm.nationalgeographic.com/2007/06/instant-cities/hessler-text/3")?
            .with_note("read on the magazine's page 3, which holds both passages: \"Families opened tiny workshops, often with fewer than a dozen workers, and they produced simple goods.\" ... \"The Wenzhou Model, as it became known, spread throughout southern Zhejiang Province.\" ... \"In the same way that a pilgrim treks across Spain, stopping at the shrines of obscure saints, I passed the birthplaces of products that are usually taken for granted.\" ... \"At Qiaotou, I stopped to admire the 20-foot-high (six meters) silver statue of a button with wings that had been erected by the town elders. Qiaotou's population is only 64,000, but 380 local factories produce more than 70 percent of the buttons for clothes made in China.\" No sentence calls Qiaotou a case of the Wenzhou Model in so many words: the page places it among the one-product towns of the province the model spread through")?
            .with_strength(Medium),
        Source::new(sid("globe-and-mail-2004-wenzhou"), WebPage, "Wenzhou: capitalism unbound")?
            .with_authors(["John Barber"])?
            .with_year(y(2004)?)
            .with_venue("The Globe and Mail, 23 October 2004")?
            .with_url("http://v1.theglobeandmail.com/servlet/story/RTGAM.20041023.wxchinawenzhou23/BNStory/specialChina/?pageRequested=all")?
            .with_note("Wenzhou's goods go 'for China and beyond -- and most are privately run'; the shoe maker Aokang produced '10 million pairs of shoes a year for the Chinese market'")?
            .with_strength(Medium),
        Source::new(sid("wenzhou-gov-2020-electrical"), WebPage, "Wenzhou to Incubate an Industrial Cluster for Smart Electrical Equipment")?
            .with_year(y(2020)?)
            .with_venue("Wenzhou Municipal People's Government, English site (Wenzhou·China), 20 July 2020")?
            .with_url("http://english.wenzhou.gov.cn/art/2020/7/20/art_1231275_51434499.html")?
            .with_note("\"As the first One hundred billion industries, Wenzhou's electrical industry has always kept about 8% growth rate in total industrial output value\"; \"Based on Yueqing as the key point together with Zhenan (South Zhejiang Province) Industry Cluster Area, we strive to form an upgrading pattern of green, intellectualization and digitization for electrical industrial cluster\"; Chint Group and Delixi Group among the 'China Electrical Industry Leading Companies (2020)'; \"Yueqing production base of Chint Group\"")?
            .with_strength(Strong),
        Source::new(sid("week-in-china-2011-nan-cunhui"), WebPage, "Happy to switch")?
            .with_year(y(2011)?)
            .with_venue("Week in China, August 2011 ('Who's Hu' profile of Nan Cunhui)")?
            .with_url("https://www.weekinchina.com/2011/08/happy-to-switch/")?
            .with_note("\"Born in 1963 in Liushi, Nan Cunhui dropped out of school to repair shoes at the age of 13\"; \"In 1984 Nan stopped repairing shoes to establish an electrical switch factory with his partner Hu Chengzhong, using Rmb50,000\"; \"After a survey of electrical products in Liushi, Qiujing surprised supervisors with the high quality of its electrical switches\"; \"in 1991 Nan started a new company with family members, calling it CHINT\"; \"By 2010 CHINT Group, with over 23,000 employees, had revenues of Rmb24.4 billion\"")?
            .with_strength(Medium),
        Source::new(sid("ebrary-wenzhou-early-privatization"), Book, "The \"Wenzhou Model\" of (Early) Privatization")?
            .with_venue("a section of a book on China's private sector, read on m.ebrary.net; the page read names neither the book nor its author")?
            .with_url("https://m.ebrary.net/87530/political_science/wenzhou_model_early_privatization")?
            .with_note("\"In May 1982, for example, there was a major crackdown on private business in Wenzhou. Eight prominent entrepreneurs, known among locals as ba dawang, or 'the eight kingpins,' in the township of Liushi were given jail sentences for engaging in 'speculative buying and selling' (touji daoba), which was an economic crime at that time.\"; rated weak because the book cannot be identified from the page")?
            .with_strength(Weak),
        Source::new(sid("china-daily-2010-wenzhou-locals"), WebPage, "Locals do booming business both at home and abroad")?
            .with_authors(["Cong Rong"])?
            .with_year(y(2010)?)
            .with_venue("China Daily, 19 June 2010")?
            .with_url("https://covid-19.chinadaily.com.cn/regional/2010-06/19/content_9997287.htm")?
            .with_note("\"Where other booming cities in China relied on foreign investment or government funding to fuel their economies, Wenzhou had to be more self-reliant.\"; \"Over 95 percent of the local economy is private sector. Wenzhou currently has 130,000 private enterprises and 27 national production bases\"; small goods \"exported around the world\"")?
            .with_strength(Medium),
        Source::new(sid("economist-1998-wenzhou"), WebPage, "Boom time in capitalist Wenzhou")?
            .with_year(y(1998)?)
            .with_venue("The Economist, 28 May 1998")?
            .with_url("https://www.economist.com/asia/1998/05/28/boom-time-in-capitalist-wenzhou")?
            .with_note("\"the economy of Wenzhou has grown by an average of 16% every year since 1979\"; \"shareholding co-operatives account for 70% of Wenzhou's economy. Another 20% is now officially private\" (private partnerships registered as collectives); \"more than 140 townships have bloomed as some 2m peasants have given up farming to work in factories\"; \"Many of Wenzhou's townships make a single product. Qiaotou ... makes 70% of all the buttons used in China. Liushi, across the Oujiang estuary from Wenzhou, accounts for 40% of the country's low-voltage electrical switches.\"")?
            .with_strength(Medium),
        Source::new(
            sid("zhu-chen-liushi"),
            Article,
            "温州模式的空间格局:社会经济发展模式与物质空间结构之间的内在逻辑 (The spatial pattern of the Wenzhou model: the inner logic of the socio-economic development model and the physical spatial structure; title translated here)",
        )?
        .with_authors(["Zhu Jieming (朱介鸣)", "Chen Jie (陈洁)"])?
        .with_venue("城市规划学刊 (Urban Planning Forum), the journal's site upforum.wupen.org; the page gives no year or issue")?
        .with_url("http://upforum.wupen.org/Data/View/204")?
        .with_note("only the abstract (提要) and keywords were read, on the journal's page (期刊浏览, 'journal browsing'); the journal is named from the site (upforum: Urban Planning Forum). \"以乐清市柳市镇为案例,探讨温州社会经济发展模式与物质空间结构之间的内在逻辑\" (takes Liushi town, Yueqing, as its case of the Wenzhou model); \"温州模式是自下而上乡村工业化的典范之一,其基本要素是民营企业主导、小型企业为主、村民广泛参与创业并形成产业链和高度专业分工、市场需求推动的产品销售与制造产业链紧密结合\" (one of the examples of bottom-up rural industrialisation; its elements: private enterprises lead, small firms predominate, villagers widely start businesses and form production chains with a high degree of specialisation); \"村土地股份合作社利用集体土地建设村工业小区,将家庭作坊式生产提升成为园区制造\" (village land-share cooperatives build village industrial zones on collective land, raising household-workshop production to manufacturing in parks); \"经过40年的发展,柳市镇基于村工业区的相对空间集聚成为温州模式的空间特征\"; \"非正式民间金融……为民营小企业和村工业区建设提供决定性的融资\" (informal private finance provides the decisive funding of the small private firms and of the village industrial zones)")?
        .with_strength(Strong),
        Source::new(sid("yybnet-2014-yueqing"), WebPage, "走进低压电器城——乐清")?
            .with_year(y(2014)?)
            .with_venue("Huangshan Morning News, 17 April 2014, reprinted by yybnet.net")?
            .with_url("https://www.yybnet.net/news/china/201404/795186.html")?
            .with_note("\"南部柳市地区是中国著名的低压电器之都,温台模式的发源地\"; aggregator reprint")?
            .with_strength(Weak),
    ])
}

/// The Wenzhou towns: the prefecture, two counties, two towns.
pub(super) fn towns() -> Result<Vec<Town>, Error> {
    let wenzhou = Town::builder(
        TownId::known("wenzhou"),
        Name::new("Wenzhou")?.with_chinese("温州市")?,
        AdminLevel::PrefectureLevelCity,
    )
    .province("Zhejiang")
    .statistical_code(code("3303", Some((2015, 2023)))?)
        .note(super::gazetteer_note())
    .model(Observed::new(RegionalModel::Wenzhou, sid("walcott-2007")))
    .gdp(Observed::new(Money::new(253e9, Currency::Cny)?, sid("china-daily-2010-wenzhou")).with_year(y(2009)?))
    .dimension(DimensionValue::Dynamics(Dynamics::BottomUpPrivate), sid("walcott-2007"))
    .dimension(DimensionValue::CapitalOrigin(CapitalOrigin::EndogenousPrivate), sid("walcott-2007"))
    .claim(Claim::new(
        DimensionValue::CapitalOrigin(CapitalOrigin::EndogenousPrivate),
        sid("china-daily-2010-wenzhou-locals"),
    ))
    // Two readings of the market orientation, both recorded (see the note):
    // the export reading (preferred: a peer-reviewed study, and the
    // archetype's) and the domestic one.
    .claim(
        Claim::new(DimensionValue::MarketOrientation(MarketOrientation::Export), sid("walcott-2007"))
            .ranked(Rank::Preferred),
    )
    .claim(Claim::new(DimensionValue::MarketOrientation(MarketOrientation::Export), sid("china-daily-2010-wenzhou")))
    .claim(Claim::new(
        DimensionValue::MarketOrientation(MarketOrientation::Domestic),
        sid("globe-and-mail-2004-wenzhou"),
    ))
    .dimension(DimensionValue::Ownership(Ownership::PrivateHousehold), sid("routledge-wenzhou-chapter"))
    .dimension(DimensionValue::DrivingActor(DrivingActor::HouseholdEntrepreneurs), sid("china-daily-2010-wenzhou"))
    .specialisation(Specialisation::new(
        IndustryDivision::C38,
        "electrical equipment, in the government's words 'the first One hundred billion industries' of Wenzhou",
        sid("wenzhou-gov-2020-electrical"),
    )?)
    .trajectory(Trajectory::new(vec![
        Stage::new("Individual businesses and family workshops (1980s)", sid("china-daily-2010-wenzhou"))?
            .with_ownership(Ownership::PrivateHousehold)
            .with_driving_actors([DrivingActor::HouseholdEntrepreneurs]),
        Stage::new("Private economy at 80% of GDP, success in overseas markets", sid("china-daily-2010-wenzhou"))?
            .with_ownership(Ownership::Private),
    ])?)
    .note(Observed::new(
        "the term 'Wenzhou model' was first adopted in a Jiefang Daily report of 12 May 1985 on Wenzhou's family industries".to_owned(),
        sid("berkshire-wenzhou"),
    ))
    .note(Observed::new(
        "market orientation, two readings recorded as ranked claims: Walcott (2007) reads the model as 'market sensitive export orientation' and China Daily (2010) says 'Wenzhou's greatest success has come in overseas markets' (export, preferred); the classic model sold at home, through specialised markets (the Qiaotou button market of 1983 is only in a weak source) and firms such as Aokang, whose 10 million pairs of shoes a year were made 'for the Chinese market' (Globe and Mail 2004; domestic, normal rank)".to_owned(),
        sid("walcott-2007"),
    ))
    .note(Observed::new(
        "the private economy 'now accounts for 80 percent of Wenzhou's total GDP'".to_owned(),
        sid("china-daily-2010-wenzhou"),
    ))
    .note(Observed::new(
        "in 1998 'shareholding co-operatives', private partnerships the city registered as collectives, made up 70% of Wenzhou's economy and another 20% was officially private; the economy had grown by 16% a year on average since 1979, and more than 140 townships had grown as some 2 million peasants left farming for factories, many of them making a single product".to_owned(),
        sid("economist-1998-wenzhou"),
    ))
    .note(Observed::new(
        "the private share of Wenzhou's economy as the sources measure it: 70% in 'shareholding co-operatives' and 20% officially private (The Economist, 1998); the private economy 'now accounts for 80 percent of Wenzhou's total GDP' (China Daily, 19 June 2010, Han Tianyang); 'Over 95 percent of the local economy is private sector', with 130,000 private enterprises (China Daily, same day, Cong Rong); the measures differ and none is a statistical series".to_owned(),
        sid("china-daily-2010-wenzhou-locals"),
    ))
    .build()?;
    let yongjia =
        Town::builder(TownId::known("yongjia"), Name::new("Yongjia")?.with_chinese("永嘉县")?, AdminLevel::County)
            .parent(TownId::known("wenzhou"))
            .province("Zhejiang")
            .statistical_code(code("330324", Some((2015, 2023)))?)
            .note(super::gazetteer_note())
            .build()?;
    let yueqing = Town::builder(
        TownId::known("yueqing"),
        Name::new("Yueqing")?.with_chinese("乐清市")?,
        AdminLevel::CountyLevelCity,
    )
    .parent(TownId::known("wenzhou"))
    .province("Zhejiang")
    .statistical_code(code("330382", Some((2015, 2023)))?)
    .note(super::gazetteer_note())
    .specialisation(Specialisation::new(
        IndustryDivision::C38,
        "electrical equipment: 'the key point' of Wenzhou's electrical industrial cluster, with Chint Group's Yueqing production base",
        sid("wenzhou-gov-2020-electrical"),
    )?)
    .build()?;
    let qiaotou = Town::builder(TownId::known("qiaotou"), Name::new("Qiaotou")?.with_chinese("桥头镇")?, AdminLevel::Town)
        .parent(TownId::known("yongjia"))
        .province("Zhejiang")
        .statistical_code(code("330324102", Some((2015, 2023)))?)
        .note(super::gazetteer_note())
        .model(Observed::new(RegionalModel::Wenzhou, sid("hessler-natgeo-2007")))
        .observation(Observation::new(Indicator::Population, Population::new(64_000), sid("hessler-natgeo-2007"))?)
        .observation(Observation::firms(700, sid("guardian-2005-qiaotou")).with_year(y(2005)?))
        .observation(
            Observation::firms(200, sid("npr-2006-qiaotou")).with_qualifier(Qualifier::Approximate).with_year(y(2006)?),
        )
        .observation(Observation::firms(380, sid("hessler-natgeo-2007")))
        .observation(
            Observation::new(Indicator::MarketShare, Share::new(0.7)?, sid("economist-1998-wenzhou"))?
                .with_kind(ObservationKind::National)?
                .with_product("buttons used in China")?,
        )
        .observation(
            Observation::new(Indicator::MarketShare, Share::new(0.6)?, sid("npr-2006-qiaotou"))?
                .with_kind(ObservationKind::World)?
                .with_product("buttons")?
                .with_year(y(2006)?),
        )
        .observation(
            Observation::new(Indicator::MarketShare, Share::new(0.7)?, sid("hessler-natgeo-2007"))?
                .with_kind(ObservationKind::National)?
                .with_product("buttons for clothes made in China")?
                .with_qualifier(Qualifier::AtLeast),
        )
        .dimension(DimensionValue::Dynamics(Dynamics::BottomUpPrivate), sid("npr-2006-qiaotou"))
        .dimension(DimensionValue::CapitalOrigin(CapitalOrigin::EndogenousPrivate), sid("npr-2006-qiaotou"))
        .dimension(DimensionValue::Ownership(Ownership::PrivateHousehold), sid("guardian-2005-qiaotou"))
        .dimension(DimensionValue::DrivingActor(DrivingActor::LocalPrivateFirms), sid("npr-2006-qiaotou"))
        .dimension(DimensionValue::MarketOrientation(MarketOrientation::Export), sid("npr-2006-qiaotou"))
        .trajectory(Trajectory::new(vec![
            Stage::new("Street trade in buttons", sid("npr-2006-qiaotou"))?
                .with_description("the boom began on the town's streets when three brothers sold discarded buttons")?,
            Stage::new("Button factories built without outside capital", sid("npr-2006-qiaotou"))?
                .with_ownership(Ownership::Private),
            Stage::new("Button Capital: over 250 button enterprises", sid("xinhua-2025-qiaotou"))?,
        ])?)
        .note(Observed::new(
            "model: on one page of his National Geographic article (2007, read on the magazine's site) Hessler writes that 'The Wenzhou Model, as it became known, spread throughout southern Zhejiang Province', then drives into the province past 'the birthplaces of products' and stops at Qiaotou, whose 380 factories make more than 70 percent of the buttons for clothes made in China: the town is an example of the model's spread in the article's telling, not in one sentence; no medium or strong source read says in so many words that Qiaotou is a case of the Wenzhou model (the pages that call it '温州模式的典范', a model of the Wenzhou model, are aggregators)".to_owned(),
            sid("hessler-natgeo-2007"),
        ))
        .note(Observed::new(
            "the population of 64,000, the 380 factories and the share of more than 70 percent are as of the 2007 article, which gives no year for them".to_owned(),
            sid("hessler-natgeo-2007"),
        ))
        .note(Observed::new(
            "the share of 70% of all the buttons used in China is as of the May 1998 article, which gives no year for it".to_owned(),
            sid("economist-1998-wenzhou"),
        ))
        .note(Observed::new(
            "the town's 700 family-run factories make 15 billion buttons and 200 million metres of zips a year (2005)".to_owned(),
            sid("guardian-2005-qiaotou"),
        ))
        .note(Observed::new(
            "about 200 factories and 20,000 migrant workers produce 60 percent of the world's buttons (2006)".to_owned(),
            sid("npr-2006-qiaotou"),
        ))
        .note(Observed::new(
            "over 250 button enterprises employ about 16,000 people and make around 60 billion buttons a year, with sales over 4 billion yuan (2025)".to_owned(),
            sid("xinhua-2025-qiaotou"),
        ))
        .note(Observed::new(
            "market share disagrees across sources and years: 60% of the world's supply (NPR 2006); 'more than 70 percent of the buttons for clothes made in China' (Hessler 2010); half the domestic and 30% of the world market (Xinhua 2024)".to_owned(),
            sid("xinhua-2024-qiaotou"),
        ))
        .note(Observed::new(
            "the Qiaotou button market of 1983 is called the first rural specialised small-commodity market in China".to_owned(),
            sid("xinhua-2024-qiaotou"),
        ))
        .build()?;
    let liushi = Town::builder(TownId::known("liushi"), Name::new("Liushi")?.with_chinese("柳市镇")?, AdminLevel::Town)
        .parent(TownId::known("yueqing"))
        .province("Zhejiang")
        .statistical_code(code("330382114", Some((2015, 2023)))?)
        .note(super::gazetteer_note())
        .model(Observed::new(RegionalModel::Wenzhou, sid("zhu-chen-liushi")))
        .specialisation(Specialisation::new(
            IndustryDivision::C38,
            "low-voltage electrical equipment ('capital of low-voltage electrics')",
            sid("yybnet-2014-yueqing"),
        )?)
        .specialisation(Specialisation::new(
            IndustryDivision::C38,
            "low-voltage electrical switches: 40% of China's (1998)",
            sid("economist-1998-wenzhou"),
        )?)
        .observation(
            Observation::new(Indicator::MarketShare, Share::new(0.4)?, sid("economist-1998-wenzhou"))?
                .with_kind(ObservationKind::National)?
                .with_product("low-voltage electrical switches")?,
        )
        // Zhu & Chen take Liushi as their case of the Wenzhou model; the
        // abstract's elements of the model, as that case shows them.
        .dimension(DimensionValue::Dynamics(Dynamics::BottomUpPrivate), sid("zhu-chen-liushi"))
        .dimension(DimensionValue::Ownership(Ownership::Private), sid("zhu-chen-liushi"))
        .dimension(DimensionValue::CapitalOrigin(CapitalOrigin::EndogenousPrivate), sid("zhu-chen-liushi"))
        .dimension(DimensionValue::DrivingActor(DrivingActor::HouseholdEntrepreneurs), sid("zhu-chen-liushi"))
        .dimension(DimensionValue::DistrictType(DistrictType::Marshallian), sid("zhu-chen-liushi"))
        .trajectory(Trajectory::new(vec![
            Stage::new("Household-workshop production", sid("zhu-chen-liushi"))?
                .with_ownership(Ownership::PrivateHousehold)
                .with_driving_actors([DrivingActor::HouseholdEntrepreneurs]),
            Stage::new(
                "Village industrial zones on collective land, built by village land-share cooperatives: workshops become manufacturing in parks",
                sid("zhu-chen-liushi"),
            )?
            .with_ownership(Ownership::Private),
        ])?)
        .note(Observed::new(
            "model: Zhu & Chen take Liushi as their case of the Wenzhou model ('以乐清市柳市镇为案例', taking Liushi town of Yueqing as the case) and find that, after 40 years, Liushi's relative concentration in village industrial zones has become the Wenzhou model's spatial feature; only their abstract was read".to_owned(),
            sid("zhu-chen-liushi"),
        ))
        .note(Observed::new(
            "profile: the abstract's elements of the Wenzhou model, of which Liushi is the case: bottom-up rural industrialisation ('自下而上乡村工业化') led by private enterprises, mostly small ('民营企业主导、小型企业为主': ownership private, not only household firms, since household workshops were raised into manufacturing in parks); informal private finance giving the decisive funding ('非正式民间金融……提供决定性的融资': endogenous private capital); villagers widely starting businesses ('村民广泛参与创业': household entrepreneurs); production chains with a high degree of specialisation among small firms ('小型企业为主……形成产业链和高度专业分工': a Marshallian district in Markusen's typology, the crate's reading, not the authors' word); the abstract says the model is driven by market demand but not which market, so market orientation is not set".to_owned(),
            sid("zhu-chen-liushi"),
        ))
        .note(Observed::new(
            "the share of 40% of the country's low-voltage electrical switches is as of the May 1998 article, which gives no year for it; the article names Liushi, with Qiaotou, among Wenzhou's single-product townships".to_owned(),
            sid("economist-1998-wenzhou"),
        ))
        .note(Observed::new(
            "called the birthplace of the 'Wen-Tai model' (温台模式); this and the other pages read that call Liushi the birthplace of the Wenzhou model are aggregators and copies of unknown origin, rated weak: the label rests on Zhu & Chen".to_owned(),
            sid("yybnet-2014-yueqing"),
        ))
        .note(Observed::new(
            "in May 1982 eight prominent private entrepreneurs of Liushi, the 'eight kingpins' (ba dawang), were jailed for 'speculative buying and selling' in a crackdown on private business in Wenzhou".to_owned(),
            sid("ebrary-wenzhou-early-privatization"),
        ))
        .note(Observed::new(
            "Nan Cunhui, born in Liushi in 1963, set up the Qiujing electrical switch factory with Hu Chengzhong in 1984 with Rmb50,000, and CHINT with family members in 1991; a survey of electrical products in Liushi singled out Qiujing's switches for their quality; by 2010 CHINT had over 23,000 employees and revenues of Rmb24.4 billion".to_owned(),
            sid("week-in-china-2011-nan-cunhui"),
        ))
        .build()?;
    Ok(vec![wenzhou, yongjia, yueqing, qiaotou, liushi])
}

/// Qiaotou's button economy as the sources tell it.
pub(super) fn qiaotou_graph() -> Result<LinkageGraph, Error> {
    use ActorKind as K;
    use LinkageKind as L;
    use Scale::{Global, Local, National};
    let actors: &[ActorRow] = &[
        ("button-traders", "Qiaotou button traders", K::HouseholdFirm, Some("Qiaotou"), "npr-2006-qiaotou"),
        ("button-factories", "Qiaotou button factories", K::PrivateFirm, Some("Qiaotou"), "npr-2006-qiaotou"),
        (
            "industry-commerce-bureau",
            "Administration for industry and commerce",
            K::LocalGovernment,
            Some("Yongjia"),
            "xinhua-2024-qiaotou",
        ),
        ("clothes-manufacturers", "Clothes manufacturers in China", K::PrivateFirm, Some("China"), "hessler-2010"),
        ("world-market", "Garment makers abroad", K::Place, Some("World"), "npr-2006-qiaotou"),
    ];
    let links: &[LinkRow] = &[
        ("industry-commerce-bureau", "button-traders", L::Governance, Local, Some(1983), "xinhua-2024-qiaotou"),
        ("button-factories", "clothes-manufacturers", L::Market, National, None, "hessler-2010"),
        ("button-factories", "world-market", L::Market, Global, None, "npr-2006-qiaotou"),
    ];
    graph("qiaotou", actors, links)
}
