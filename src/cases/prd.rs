//! Cases of the Pearl River Delta model: Dongguan, the "world's factory"
//! built on Hong Kong and Taiwanese investment; its garment town Humen and
//! its furniture town Dalingshan, profiled but without a model label;
//! Guzhen, Zhongshan's lighting town, an example of the four little tigers'
//! west-bank mode; Shunde is in the parent module.

use super::{code, sid, y};
use crate::dimension::{CapitalOrigin, DrivingActor, Dynamics, MarketOrientation, Ownership};
use crate::{
    AdminLevel, Area, Claim, Currency, DimensionValue, Error, Indicator, IndustryDivision, Money, Name, Observation,
    ObservationKind, Observed, Population, Qualifier, RegionalModel, Share, Source, SourceKind, SourceStrength,
    Specialisation, Stage, Town, TownId, Trajectory,
};

/// The works cited by the Pearl River Delta cases (besides Shunde's).
pub(super) fn sources() -> Result<Vec<Source>, Error> {
    use SourceKind::{Article, WebPage};
    use SourceStrength::{Medium, Strong, Weak};
    Ok(vec![
        Source::new(sid("china-briefing-2013-dongguan"), WebPage, "Dongguan, the World's Factory in Transition (Part I)")?
            .with_authors(["Yao Lu"])?
            .with_year(y(2013)?)
            .with_venue("China Briefing, 27 February 2013")?
            .with_url("http://www.china-briefing.com/news/2013/02/27/dongguan-the-worlds-factory-in-transition-part-i.html")?
            .with_note("\"home to more than 10,000 foreign-invested enterprises\"; \"Beginning in the late 1970s, manufacturing enterprises from Hong Kong and Taiwan were attracted to Dongguan\"; 2012 GDP RMB 501 billion")?
            .with_strength(Medium),
        Source::new(sid("yeung-2001-dongguan"), Article, "Foreign Direct Investment and Investment Environment in Dongguan Municipality of Southern China")?
            .with_authors(["Godfrey Yeung"])?
            .with_year(y(2001)?)
            .with_venue("Journal of Contemporary China 10(26): 125-154")?
            .with_url("https://m.moam.info/download/foreign-direct-investment-and-investment-semantic-scholar_5adb4afa7f8b9a343c8b45c7.html")?
            .with_note("26 case studies of the causes of the inflow of FDI into Dongguan")?
            .with_strength(Strong),
        Source::new(sid("hku-yeh-dongguan"), WebPage, "Impacts of Economic Restructuring of Export-Oriented Industrialization on Urban Development in the Pearl River Delta – A Case Study of Dongguan")?
            .with_authors(["Anthony G. O. Yeh"])?
            .with_venue("University of Hong Kong, Centre of Urban Studies and Urban Planning, research project (RGC 37002617)")?
            .with_url("https://www.arch.hku.hk/research_centre/cusup/")?
            .with_note("Dongguan as a case of the Pearl River Delta's export-oriented industrialisation, \"one of the early success of export-oriented industries\"")?
            .with_strength(Medium),
        Source::new(sid("hkiaps-dongguan-hk-taiwan"), WebPage, "The Transformation of Hong Kong and Taiwanese Investment and Distinct Impacts on Local Industrial Upgrading in China: A Comparative Study of Dongguan")?
            .with_venue("Hong Kong Institute of Asia-Pacific Studies, The Chinese University of Hong Kong, occasional paper (catalogue item OP204); abstract read on the institute's publication list, which names neither author nor year")?
            .with_url("https://www.hkiaps.cuhk.edu.hk/eng/hkiaps_publication_publication_list_abstract.asp?itemid=OP204")?
            .with_note("field work and interviews with about 60 firms and officials, 2005-2007: \"industrialization in Dongguan has changed from being predominantly driven by Hong Kong investment in the 1980s to an increasing exposure to Taiwanese investment since the 1990s\"; Taiwanese investment contributed \"to a gradual shift from an export orientation based on cheap labour to a domestic market orientation since the late 1990s\"")?
            .with_strength(Medium),
        Source::new(sid("scmp-dongguan-hk-investors"), WebPage, "Dongguan offers sweeter deal for HK capitalists")?
            .with_venue("South China Morning Post")?
            .with_url("https://amp.scmp.com/article/643792/dongguan-offers-sweeter-deal-hk-capitalists")?
            .with_note("Hong Kong investors' factories \"powered the city's economic growth\"; 'Today's Dongguan represents the successful co-operation between the city and Hong Kong'; the page read gives no date")?
            .with_strength(Medium),
        Source::new(sid("zhang-to-cao-2004"), Article, "How do Industry Clusters Success: A Case Study in China's Textiles and Apparel Industries")?
            .with_authors(["Zhiming Zhang", "Chester To", "Ning Cao"])?
            .with_year(y(2004)?)
            .with_venue("Journal of Textile and Apparel, Technology and Management 4(2), Fall 2004 (peer-reviewed, per The Hong Kong Polytechnic University's research portal)")?
            .with_url("https://docslib.org/doc/10086105/how-do-industry-clusters-success-a-case-study-in-chinas-textiles-and")?
            .with_note("section 3: the first tier of clusters appeared in the late 1970s and early 1980s when \"many Hong Kong textile and apparel companies invested in Pearl River delta\"; \"These clusters grew fast, as new investments also came from Taiwan and other places, and many local entrepreneurs emerged as well. These clusters include Shenzhen ..., Dongguan ..., Humen, Shaxi, and others.\"")?
            .with_strength(Strong),
        Source::new(sid("dongguan-today-2008-taiping"), WebPage, "Manufacturing kingdom developed from a small handbag factory")?
            .with_year(y(2008)?)
            .with_venue("Dongguan Today, 5 December 2008")?
            .with_url("http://old.dongguantoday.com/newsc.asp?id=768")?
            .with_note("the Hong Kong funded Taiping Handbag Factory, founded in Humen on 15 September 1978, \"was the first enterprise in mainland China to adapt the business model of processing raw materials, assembling goods and processing according to client specifications\"")?
            .with_strength(Medium),
        Source::new(sid("china-daily-2013-humen"), WebPage, "Humen garment district hopes to grow by thinking small")?
            .with_authors(["Lin Jing"])?
            .with_year(y(2013)?)
            .with_venue("China Daily, 6 December 2013")?
            .with_url("http://covid-19.chinadaily.com.cn/fashion/2013-12/06/content_17156675.htm")?
            .with_note("area 178.5 km², population about 600,000; 2012 GDP 34.8 billion yuan; 'the largest apparel industry cluster in the country', more than 2,300 apparel enterprises at the end of 2012; page 2 (content_17156675_2.htm): 'the original women's wear sector is experiencing an upgrade from Original Equipment Manufacturer manufacturing to cultivating its own brands'; 'There are now more than 10 domestic brands in Humen, which account for 25 percent to 30 percent of local market share'; the designer brand Yizhou Garment plans 'distribution channels in every province in China'")?
            .with_strength(Medium),
        Source::new(sid("heredg-2016-humen"), WebPage, "Behind Humen's fashion scene")?
            .with_year(y(2016)?)
            .with_venue("Here! Dongguan (heredg.com), 'City facts' column, December 2016")?
            .with_url("http://www.heredg.com/2016/12/behind-humens-fashion-scene/")?
            .with_note("\"As early as the 1980s, fishermen—relying on an advantageous location—brought back clothes from Hong Kong and sold them at street stalls\"; \"In 1993, Humen business leaders seized a hot opportunity and built the first trading center: Fumin Fashion City\"; \"By the 2000s, 70 percent of Humen's population was involved in the garment business and over 1,300 garment factories, 18 wholesale and retail centers and more than 8,600 shops had sprouted up\"; an unsigned column of a local English-language city magazine, so rated weak")?
            .with_strength(Weak),
        Source::new(sid("yang-2020-exo-urbanisation"), Article, "The transformation of foreign investment-induced 'exo(genous)-urbanisation' amidst industrial restructuring in the Pearl River Delta, China")?
            .with_authors(["Chun Yang"])?
            .with_year(y(2020)?)
            .with_venue("Urban Studies 57(3): 618-635")?
            .with_url("https://econpapers.repec.org/article/saeurbstu/v_3a57_3ay_3a2020_3ai_3a3_3ap_3a618-635.htm")?
            .with_note("only the abstract was read (EconPapers): a study of \"the prevalent foreign direct investment (FDI)-induced exo(genous)-urbanisation in the Pearl River Delta (PRD)\", drawing on interviews \"in representative towns in Dongguan\"; \"Some towns (e.g. Humen and Chang'an) have witnessed stagnation due to the deliberate decoupling of low-skilled migrant labour and labour-intensive firms, whereas others (e.g. Songshanhu) have developed into high-tech zones\"")?
            .with_strength(Strong),
        Source::new(sid("china-daily-2023-dalingshan"), WebPage, "Traditional furniture gets digital upgrade in Guangdong")?
            .with_authors(["Qiu Quanlin"])?
            .with_year(y(2023)?)
            .with_venue("China Daily (chinadaily.com.cn, government news pages), 16 March 2023")?
            .with_url("https://govt.chinadaily.com.cn/s/202303/16/WS641807d7498ea274927b297f/traditional-furniture-gets-digital-upgrade-in-guangdong.html")?
            .with_note("\"Dalingshan, a core area of the furniture industry cluster in the Pearl River Delta region, currently has more than 390 furniture companies, with more than 100,000 professionals engaged in the furniture industry\"; \"Dalingshan's export of furniture has led among townships across the country for years since it started to introduce foreign investment and technology to accelerate development of the industry in the 1980s\"")?
            .with_strength(Medium),
        Source::new(sid("cens-2004-dalingshan"), WebPage, "Taiwanese furniture makers in Dongguan moving production facilities to Vietnam")?
            .with_year(y(2004)?)
            .with_venue("CENS (China Economic News Service, Taipei), 29 June 2004")?
            .with_url("https://cens.com/cens/html/en/news/news_inner_7066.html")?
            .with_note("\"more than 200 Taiwanese-invested furniture manufacturers in Dalingshan, Dongguan ... are moving their production facilities to Vietnam\" to escape US anti-dumping duties on wooden furniture; \"Dalingshan is the production center of Taiwanese-invested furniture manufacturers.\"")?
            .with_strength(Medium),
        Source::new(sid("dongguan-today-2010-census"), WebPage, "Donguan's population approaches 8.22 million")?
            .with_venue("Dongguan Today; the page shows no date (it reports the sixth census, of 1 November 2010)")?
            .with_url("http://old.dongguantoday.com/newsc.asp?id=10332")?
            .with_note("\"Dongguan's Municipal Bureau of Statistics released the 6th National Population Census figures confirming that as of 12am 1st November 2010, Dongguan's permanent population reached 8,220,237\"; \"the permanent populations of Chang'an Township, Humen Township, Dongcheng District and Tangxia Township are 664,000, 638,000, 492,000 and 482,000 respectively\"")?
            .with_strength(Medium),
        Source::new(sid("dongguan-today-humen"), WebPage, "Humen Town")?
            .with_venue("Dongguan Today, 'Towns and Districts' pages; undated (the latest figures it gives are for 2007)")?
            .with_url("http://old.dongguantoday.com/town.asp?id=10")?
            .with_note("\"In 2007 its GDP reached 18.289 billion yuan, an increase of 23.6% compared to that of the previous year. The gross value of industrial output was 45.834 billion yuan, an increase of 11.3%.\"; \"It has a permanent population of 120,000 and a migrant population over 500,000.\"")?
            .with_strength(Medium),
        Source::new(sid("dongguan-today-feature-industry"), WebPage, "Feature Industry")?
            .with_venue("Dongguan Today, 'Economic Development' pages; undated (the latest figures it gives are for 2007)")?
            .with_url("http://old.dongguantoday.com/Economic04.htm")?
            .with_note("towns \"awarded national base of different fields for their respective featured industry, such as Humen, 'The China Famous Lady Fashion Town;' Dalang, 'The China Famous Knitted Sweater Town;' Dalingshan, 'The China Key Furniture Export Town;' ...\"")?
            .with_strength(Medium),
        Source::new(sid("china-org-cn-2009-guzhen"), WebPage, "'Lighting capital of China' funds agriculture industry")?
            .with_year(y(2009)?)
            .with_venue("China.org.cn, 24 August 2009 (photographs by Susan Tart)")?
            .with_url("http://www.china.org.cn/business/news/2009-08/24/content_18388898.htm")?
            .with_note("\"Guzhen, the lighting capital of China ... Home to 60 percent of the Chinese lighting market\"; \"The township started specializing in the lighting industry in the 1980s\"; \"One of Zhongshan's 18 townships, Guzhen has a small population of 69,000 people. However, its migrant population is more than double that of the local residents – there are an estimated 150,000 migrants living in Guzhen.\"; \"'The characteristic of Guzhen's economy is to develop a collective economy, especially the village economy,' Deputy Party Secretary Chen Zuowang said. To do that, the local government has given the lighting enterprises preferential policies, financing and training, and is encouraging the businesses to form clusters.\"")?
            .with_strength(Medium),
        Source::new(sid("china-daily-2013-guzhen"), WebPage, "Tricky switch to lighting a new world")?
            .with_authors(["Qiu Quanlin"])?
            .with_year(y(2013)?)
            .with_venue("China Daily, 4 November 2013")?
            .with_url("http://www.chinadaily.com.cn/business/2013-11/04/content_17078315.htm")?
            .with_note("\"In the city's Guzhen township, which has a population of 80,000, more than 4,000 companies are engaged in making and selling lighting products.\"; \"According to the local government, last year the output of 'China's lighting capital' was 15.81 billion yuan ($2.6 billion), accounting for more than 60 percent of the country's lighting industry total.\"; \"Lighting products worth $480 million were shipped from Guzhen to more than 130 countries and regions in 2012.\"; many of its manufacturers and their 2,000 shops \"have been switching over to LED products\"")?
            .with_strength(Medium),
        Source::new(sid("wikipedia-guzhen"), WebPage, "Guzhen, Guangdong")?
            .with_venue("English Wikipedia (the stored copy read shows no revision date)")?
            .with_url("https://en.wikipedia.org/wiki/Guzhen,_Guangdong")?
            .with_note("infobox: \"Population: 230,405 (2020)\"; \"In 2001, lighting fittings produced in Guzhen made up 60% of the Chinese market with exports reaching $1 billion. The production of lighting fittings is the primary industry in Guzhen, accounting for nearly 88% of the town's industrial output.\"; \"The development of the lighting fittings industry in Guzhen can be traced back to the late 1970s, however, the first significant developments took place from the mid-1980s to early 1990s.\"; an older copy of the article (ipfs.io mirror) gives the 2001 exports as $250 million")?
            .with_strength(Medium),
        Source::new(sid("outlook-new-era-2025-guzhen"), WebPage, "Guzhen Town, Zhongshan, Guangdong: Small Town Lighting Illuminates the World")?
            .with_year(y(2025)?)
            .with_venue("Outlook New Era (outlooknewera.com.cn, English edition), 25 December 2025; by its about page a current-affairs magazine and website founded in Hong Kong, rated as press")?
            .with_url("http://www.outlooknewera.com.cn/pcen/info_view.php?VID=73084&tab=mynews")?
            .with_note("\"From a family workshop imitating a sample lamp to an industrial cluster with an annual output value exceeding 100 billion yuan\"; Yuan Daguang, in 1981, bought two wall lamps at a trade fair in Hong Kong \"and brought them back to the ancient town for research ... So he mobilized five households in the village to work together\"; \"the business minded people in the ancient town brought back lighting fixtures from Hong Kong and began to dismantle, imitate, and produce them. The earliest 'factories' were their own halls, and the earliest salespeople carried large woven bags filled with samples and squeezed onto green trains bound for various parts of the country.\"; now \"About 70% of the country's lighting products and nearly 50% of the world's lighting products are sold from here\"")?
            .with_strength(Medium),
        Source::new(sid("inlamp-2018-guzhen"), WebPage, "The Light City of China - Guzhen")?
            .with_year(y(2018)?)
            .with_venue("inlamp.com, a lighting seller's blog, 21 November 2018")?
            .with_url("https://www.inlamp.com/blogs/the-light-city-of-china---guzhen.html")?
            .with_note("\"the individual and private economy are very active, accounting for more than 95% of the total economy\"; \"more than 60% of the households have become the owners of large and small businesses\"; a seller's blog that names no source, so rated weak")?
            .with_strength(Weak),
        Source::new(sid("thepaper-2017-shunde"), WebPage, "同衡城市研究|经济最强的区:广东顺德的小城故事")?
            .with_authors(["李昊"])?
            .with_year(y(2017)?)
            .with_venue("The Paper (澎湃新闻), 1 January 2017")?
            .with_url("http://www.thepaper.cn/newsDetail_forward_1590890")?
            .with_note("on the four little tigers: \"中山当时以国营经济为龙头。而南海是县、镇、区、联合体、户“五个轮子一起转”,发展多样性产业。东莞是典型的“三来一补”,靠外资投资办厂起家。\"")?
            .with_strength(Medium),
    ])
}

/// Dongguan, Humen and Dalingshan.
pub(super) fn towns() -> Result<Vec<Town>, Error> {
    let dongguan = Town::builder(
        TownId::known("dongguan"),
        Name::new("Dongguan")?.with_chinese("东莞市")?,
        AdminLevel::PrefectureLevelCity,
    )
    .province("Guangdong")
    .statistical_code(code("4419", Some((2015, 2023)))?)
    .note(super::gazetteer_note())
    .model(Observed::new(RegionalModel::PearlRiverDelta, sid("hku-yeh-dongguan")))
    .gdp(Observed::new(Money::new(501e9, Currency::Cny)?, sid("china-briefing-2013-dongguan")).with_year(y(2012)?))
    .dimension(DimensionValue::Dynamics(Dynamics::ForeignInvestmentLed), sid("hkiaps-dongguan-hk-taiwan"))
    .dimension(DimensionValue::Ownership(Ownership::ForeignInvested), sid("china-briefing-2013-dongguan"))
    .dimension(DimensionValue::CapitalOrigin(CapitalOrigin::ForeignDirectInvestment), sid("yeung-2001-dongguan"))
    .dimension(DimensionValue::DrivingActor(DrivingActor::ForeignInvestors), sid("scmp-dongguan-hk-investors"))
    .dimension(DimensionValue::MarketOrientation(MarketOrientation::Export), sid("hku-yeh-dongguan"))
    .trajectory(Trajectory::new(vec![
        Stage::new(
            "Hong Kong and Taiwanese manufacturers relocate (from the late 1970s)",
            sid("china-briefing-2013-dongguan"),
        )?
        .with_driving_actors([DrivingActor::ForeignInvestors]),
        Stage::new(
            "World's factory: more than 10,000 foreign-invested enterprises",
            sid("china-briefing-2013-dongguan"),
        )?
        .with_ownership(Ownership::ForeignInvested),
        Stage::new("Restructuring of export-oriented industrialisation", sid("hku-yeh-dongguan"))?,
    ])?)
    .note(Observed::new(
        "industrialisation 'predominantly driven by Hong Kong investment in the 1980s', with 'an increasing exposure to Taiwanese investment since the 1990s', and 'a gradual shift from an export orientation based on cheap labour to a domestic market orientation since the late 1990s' (field work 2005-2007); the profile keeps the export orientation the HKU project states, since the study reports a gradual shift, not a domestic orientation reached".to_owned(),
        sid("hkiaps-dongguan-hk-taiwan"),
    ))
    .build()?;
    let humen = Town::builder(TownId::known("humen"), Name::new("Humen")?.with_chinese("虎门镇")?, AdminLevel::Town)
        .parent(TownId::known("dongguan"))
        .province("Guangdong")
        .statistical_code(code("441900121", Some((2015, 2023)))?)
        .note(super::gazetteer_note())
        .area(Observed::new(Area::new(178.5)?, sid("china-daily-2013-humen")))
        .observation(
            Observation::new(Indicator::Population, Population::new(600_000), sid("china-daily-2013-humen"))?
                .with_qualifier(Qualifier::Approximate),
        )
        .gdp(Observed::new(Money::new(34.8e9, Currency::Cny)?, sid("china-daily-2013-humen")).with_year(y(2012)?))
        .observation(
            Observation::new(Indicator::Population, Population::new(638_000), sid("dongguan-today-2010-census"))?
                .with_year(y(2010)?)
                .with_qualifier(Qualifier::Approximate),
        )
        .observation(
            Observation::new(Indicator::Gdp, Money::new(18.289e9, Currency::Cny)?, sid("dongguan-today-humen"))?
                .with_year(y(2007)?),
        )
        .observation(
            Observation::new(
                Indicator::IndustrialOutput,
                Money::new(45.834e9, Currency::Cny)?,
                sid("dongguan-today-humen"),
            )?
            .with_year(y(2007)?),
        )
        .specialisation(Specialisation::new(
            IndustryDivision::C18,
            "women's and children's wear: the largest apparel cluster in China",
            sid("china-daily-2013-humen"),
        )?)
        .note(Observed::new(
            "the population is 'about 600,000' in the article, with no year".to_owned(),
            sid("china-daily-2013-humen"),
        ))
        .note(Observed::new(
            "population: 638,000 permanent residents at the sixth census (1 November 2010), second in Dongguan after Chang'an (664,000), as the city's statistics bureau released it; the article rounds to the thousand".to_owned(),
            sid("dongguan-today-2010-census"),
        ))
        .note(Observed::new(
            "the town page, undated beside 2007 figures, gives 'a permanent population of 120,000 and a migrant population over 500,000': its 'permanent' leaves the migrants out, unlike the census's permanent residents, so the figures are kept as a note, not as a population".to_owned(),
            sid("dongguan-today-humen"),
        ))
        // Three of the Pearl River Delta archetype's five dimensions, from
        // the study read that names Humen among the clusters Hong Kong
        // investment built, and from a study of the model (exo-urbanisation)
        // that takes Humen as one of its representative towns; no source
        // read supports a fourth, so Humen carries no model label (a case
        // needs four shared dimensions).
        .dimension(DimensionValue::Dynamics(Dynamics::ForeignInvestmentLed), sid("zhang-to-cao-2004"))
        .claim(Claim::new(DimensionValue::Dynamics(Dynamics::ForeignInvestmentLed), sid("yang-2020-exo-urbanisation")))
        .dimension(DimensionValue::CapitalOrigin(CapitalOrigin::ForeignDirectInvestment), sid("zhang-to-cao-2004"))
        .dimension(DimensionValue::DrivingActor(DrivingActor::ForeignInvestors), sid("zhang-to-cao-2004"))
        .trajectory(Trajectory::new(vec![
            Stage::new(
                "Hong Kong funded Taiping Handbag Factory, the first processing-and-assembly enterprise in mainland China (1978)",
                sid("dongguan-today-2008-taiping"),
            )?
            .with_driving_actors([DrivingActor::ForeignInvestors]),
            Stage::new("Garment cluster grown from Hong Kong and Taiwanese investment and local entrepreneurs", sid("zhang-to-cao-2004"))?,
            Stage::new("Women's wear moving from OEM manufacturing to own brands", sid("china-daily-2013-humen"))?,
        ])?)
        .note(Observed::new(
            "no model label: Zhang, To & Cao (2004) name Humen among the first-tier clusters of the Pearl River Delta, grown from Hong Kong and Taiwanese investment 'and many local entrepreneurs', which backs three of the archetype's dimensions (dynamics, origin of capital, driving actor); Yang (2020) takes Humen as a representative town of the Delta's FDI-induced exo-urbanisation, the model of the archetype's own source (Sit & Yang 1997), so a study does treat Humen as a case of the model; but no source read at medium or strong strength states Humen's dominant ownership or market orientation, and a case needs four of the archetype's dimensions".to_owned(),
            sid("zhang-to-cao-2004"),
        ))
        .note(Observed::new(
            "what the sources read describe points away from the archetype's foreign-invested ownership and export orientation rather than towards it: women's wear moving from OEM manufacturing to its own brands, more than 10 domestic brands with 25 to 30 percent of the local market, and a local brand building distribution 'in every province in China' (2013); none of this states the town's dominant ownership or main market, so neither dimension is set".to_owned(),
            sid("china-daily-2013-humen"),
        ))
        .note(Observed::new(
            "Yang (2020), whose abstract alone was read, names Humen with Chang'an among the representative towns of Dongguan that 'have witnessed stagnation due to the deliberate decoupling of low-skilled migrant labour and labour-intensive firms' since the mid-2000s".to_owned(),
            sid("yang-2020-exo-urbanisation"),
        ))
        .note(Observed::new(
            "the garment trade began in the 1980s with clothes brought back from Hong Kong and sold at street stalls; Humen business leaders built the first trading centre, Fumin Fashion City, in 1993; by the 2000s the town had over 1,300 garment factories, 18 wholesale and retail centres and more than 8,600 shops".to_owned(),
            sid("heredg-2016-humen"),
        ))
        .build()?;
    let dalingshan =
        Town::builder(TownId::known("dalingshan"), Name::new("Dalingshan")?.with_chinese("大岭山镇")?, AdminLevel::Town)
            .parent(TownId::known("dongguan"))
            .province("Guangdong")
            .statistical_code(code("441900118", Some((2015, 2023)))?)
            .note(super::gazetteer_note())
            .observation(
                Observation::firms(390, sid("china-daily-2023-dalingshan"))
                    .with_qualifier(Qualifier::AtLeast)
                    .with_year(y(2023)?),
            )
            .specialisation(Specialisation::new(
                IndustryDivision::C21,
                "furniture: 'a core area of the furniture industry cluster in the Pearl River Delta region'",
                sid("china-daily-2023-dalingshan"),
            )?)
            // Four of the Pearl River Delta archetype's five dimensions; the
            // town's ownership is left unset (see the notes).
            .dimension(DimensionValue::Dynamics(Dynamics::ForeignInvestmentLed), sid("china-daily-2023-dalingshan"))
            .dimension(
                DimensionValue::CapitalOrigin(CapitalOrigin::ForeignDirectInvestment),
                sid("china-daily-2023-dalingshan"),
            )
            .dimension(DimensionValue::DrivingActor(DrivingActor::ForeignInvestors), sid("cens-2004-dalingshan"))
            .dimension(DimensionValue::MarketOrientation(MarketOrientation::Export), sid("china-daily-2023-dalingshan"))
            .claim(Claim::new(
                DimensionValue::MarketOrientation(MarketOrientation::Export),
                sid("dongguan-today-feature-industry"),
            ))
            .trajectory(Trajectory::new(vec![
                Stage::new(
                    "Foreign investment and technology brought into the furniture industry (from the 1980s)",
                    sid("china-daily-2023-dalingshan"),
                )?
                .with_driving_actors([DrivingActor::ForeignInvestors]),
                Stage::new(
                    "Production centre of Taiwanese-invested furniture makers; over 200 of them move production to Vietnam under US anti-dumping duties (2004)",
                    sid("cens-2004-dalingshan"),
                )?,
                Stage::new("Digital and intelligent upgrading of the furniture cluster (2023)", sid("china-daily-2023-dalingshan"))?,
            ])?)
            .note(Observed::new(
                "no model label: its profile shares four of the Pearl River Delta archetype's dimensions (furniture industry built from the 1980s on introduced foreign investment, a production centre of Taiwanese-invested makers, the country's leading furniture-exporting township), but no source read names Dalingshan a case of the Pearl River Delta model or studies it as one: China Daily (2023) places it in the Delta's furniture cluster, which is geography, not the model".to_owned(),
                sid("china-daily-2023-dalingshan"),
            ))
            .note(Observed::new(
                "market orientation: the sources give Dalingshan's rank among furniture-exporting townships ('led among townships across the country for years'; 'The China Key Furniture Export Town'), not the share of its output sold abroad".to_owned(),
                sid("dongguan-today-feature-industry"),
            ))
            .note(Observed::new(
                "ownership is not set: more than 200 Taiwanese-invested furniture makers were in Dalingshan in 2004, but no source read gives their share of the town's firms or output".to_owned(),
                sid("cens-2004-dalingshan"),
            ))
            .note(Observed::new(
                "more than 390 furniture companies and more than 100,000 people working in the furniture industry (2023)".to_owned(),
                sid("china-daily-2023-dalingshan"),
            ))
            .build()?;
    let (zhongshan, guzhen) = zhongshan_and_guzhen()?;
    Ok(vec![dongguan, humen, dalingshan, zhongshan, guzhen])
}

/// Zhongshan, one of the four little tigers (a parent only: too few of its
/// dimensions are sourced for a label), and Guzhen, its lighting town, the
/// Chinese Wikipedia's example of the four tigers' west-bank mode.
fn zhongshan_and_guzhen() -> Result<(Town, Town), Error> {
    let zhongshan = Town::builder(
        TownId::known("zhongshan"),
        Name::new("Zhongshan")?.with_chinese("中山市")?,
        AdminLevel::PrefectureLevelCity,
    )
    .province("Guangdong")
    .statistical_code(code("4420", Some((2015, 2023)))?)
    .note(super::gazetteer_note())
    .note(Observed::new(
        "one of Guangdong's 'four little tigers', whose model Fei Xiaotong summed up as the 'Pearl River model'; Zhongshan is on the west bank, whose mode grew township and village enterprises out of the collective economy and sold to the national market. No model label and no profile: the sources read give Zhongshan's ownership (collective here; state-owned in The Paper, 2017) and market, two of the archetype's five dimensions".to_owned(),
        sid("zh-wikipedia-four-tigers"),
    ))
    .note(Observed::new(
        "in the 1980s Zhongshan's economy was led by the state-owned sector ('以国营经济为龙头'), unlike Nanhai's 'five wheels' and Dongguan's processing for foreign investors".to_owned(),
        sid("thepaper-2017-shunde"),
    ))
    .build()?;
    let guzhen = Town::builder(TownId::known("guzhen"), Name::new("Guzhen")?.with_chinese("古镇镇")?, AdminLevel::Town)
        .parent(TownId::known("zhongshan"))
        .province("Guangdong")
        .statistical_code(code("442000105", Some((2015, 2023)))?)
        .note(super::gazetteer_note())
        // The label: the Chinese Wikipedia's article on the four little
        // tigers, whose model Fei Xiaotong called the Pearl River model,
        // names Guzhen's lighting as an example of the west-bank mode.
        .model(Observed::new(RegionalModel::PearlRiverDelta, sid("zh-wikipedia-four-tigers")))
        .observation(
            Observation::new(Indicator::Population, Population::new(230_405), sid("wikipedia-guzhen"))?
                .with_year(y(2020)?),
        )
        .observation(
            Observation::new(Indicator::Population, Population::new(69_000), sid("china-org-cn-2009-guzhen"))?
                .with_year(y(2009)?),
        )
        .observation(
            Observation::new(Indicator::Population, Population::new(150_000), sid("china-org-cn-2009-guzhen"))?
                .with_kind(ObservationKind::Migrant)?
                .with_year(y(2009)?)
                .with_qualifier(Qualifier::Approximate),
        )
        .observation(
            Observation::new(Indicator::Population, Population::new(80_000), sid("china-daily-2013-guzhen"))?
                .with_year(y(2013)?),
        )
        .observation(
            Observation::firms(4_000, sid("china-daily-2013-guzhen"))
                .with_qualifier(Qualifier::AtLeast)
                .with_year(y(2013)?),
        )
        .observation(
            Observation::new(Indicator::MarketShare, Share::new(0.6)?, sid("wikipedia-guzhen"))?
                .with_kind(ObservationKind::National)?
                .with_product("lighting fittings")?
                .with_year(y(2001)?),
        )
        .observation(
            Observation::new(Indicator::MarketShare, Share::new(0.6)?, sid("china-org-cn-2009-guzhen"))?
                .with_kind(ObservationKind::National)?
                .with_product("lighting")?
                .with_year(y(2009)?),
        )
        .observation(
            Observation::new(Indicator::MarketShare, Share::new(0.6)?, sid("china-daily-2013-guzhen"))?
                .with_kind(ObservationKind::National)?
                .with_product("lighting (share of the country's lighting industry output)")?
                .with_qualifier(Qualifier::AtLeast)
                .with_year(y(2012)?),
        )
        .observation(
            Observation::new(Indicator::Exports, Money::new(1e9, Currency::Usd)?, sid("wikipedia-guzhen"))?
                .with_year(y(2001)?),
        )
        .observation(
            Observation::new(Indicator::Exports, Money::new(480e6, Currency::Usd)?, sid("china-daily-2013-guzhen"))?
                .with_year(y(2012)?),
        )
        .specialisation(Specialisation::new(
            IndustryDivision::C38,
            "lighting fittings: 'China's lighting capital', more than 60% of the country's lighting industry output (2012)",
            sid("china-daily-2013-guzhen"),
        )?)
        // Four of the Pearl River Delta archetype's five dimensions (no
        // source read states the origin of Guzhen's capital). The values are
        // the west-bank mode's, not the archetype's: see the notes.
        .dimension(DimensionValue::MarketOrientation(MarketOrientation::Domestic), sid("zh-wikipedia-four-tigers"))
        .dimension(DimensionValue::Ownership(Ownership::Collective), sid("china-org-cn-2009-guzhen"))
        .claim(Claim::new(DimensionValue::Ownership(Ownership::Collective), sid("zh-wikipedia-four-tigers")))
        .dimension(DimensionValue::Dynamics(Dynamics::BottomUpPrivate), sid("outlook-new-era-2025-guzhen"))
        .dimension(
            DimensionValue::DrivingActor(DrivingActor::HouseholdEntrepreneurs),
            sid("outlook-new-era-2025-guzhen"),
        )
        .trajectory(Trajectory::new(vec![
            Stage::new(
                "Households copy lamps brought back from Hong Kong in their own halls and sell them across the country (from 1981)",
                sid("outlook-new-era-2025-guzhen"),
            )?
            .with_driving_actors([DrivingActor::HouseholdEntrepreneurs]),
            Stage::new(
                "China's lighting capital: more than 60% of the country's lighting output, exports to more than 130 countries (2012)",
                sid("china-daily-2013-guzhen"),
            )?,
            Stage::new("Switch from incandescent lighting to LED products", sid("china-daily-2013-guzhen"))?,
        ])?)
        .note(Observed::new(
            "model: the article on Guangdong's four little tigers, whose model Fei Xiaotong summed up as the 'Pearl River model', divides it into the east-bank Dongguan mode and the west-bank Zhongshan, Shunde and Nanhai modes, and names 'Zhongshan Guzhen's lighting' (中山古镇的灯饰) with Shunde's appliances and Nanhai's ceramics as examples of the west-bank mode: an example in the model's description, not a case study in one sentence. No study read takes Guzhen as a case of the model".to_owned(),
            sid("zh-wikipedia-four-tigers"),
        ))
        .note(Observed::new(
            "the profile is the west-bank mode's, far from the archetype's export processing for Hong Kong investors: township and village enterprises grown out of the collective economy, selling to the national market (the same article), lamps first copied by village households (Outlook New Era, 2025). The label stays the source's; the profile records what the sources say, not the archetype's values".to_owned(),
            sid("zh-wikipedia-four-tigers"),
        ))
        .note(Observed::new(
            "ownership: the deputy party secretary's 'The characteristic of Guzhen's economy is to develop a collective economy, especially the village economy' (2009), with local-government preferential policies, financing and training for the lighting firms; the article gives no share of firms or output by ownership".to_owned(),
            sid("china-org-cn-2009-guzhen"),
        ))
        .note(Observed::new(
            "disagrees on ownership: 'the individual and private economy ... more than 95% of the total economy', with more than 60% of households owning a business (a seller's blog, weak, so not a claim)".to_owned(),
            sid("inlamp-2018-guzhen"),
        ))
        .note(Observed::new(
            "market orientation: the national market is the west-bank mode's and Guzhen's first salesmen took the trains 'bound for various parts of the country'; exports are large too ($1 billion in 2001 per Wikipedia, $250 million in an older copy of the same article; $480 million in 2012 per China Daily, against a lighting output of 15.81 billion yuan) and Outlook New Era (2025) says nearly half the world's lighting products are sold from Guzhen; the profile keeps the national market the article gives for the west-bank mode, and the export figures stand as key facts".to_owned(),
            sid("wikipedia-guzhen"),
        ))
        .note(Observed::new(
            "population: 69,000 local residents and an estimated 150,000 migrants (2009, China.org.cn); 80,000 (2013, China Daily, no basis given); 230,405 in 2020 (Wikipedia): the 2009 figure counts local residents only, the article setting the migrants apart; the 2013 figure's basis is not given".to_owned(),
            sid("china-org-cn-2009-guzhen"),
        ))
        .build()?;
    Ok((zhongshan, guzhen))
}
