//! Atlas format 2: what case studies say about one town, encoded as a user
//! would encode their own case.
//!
//! Dongguan, the Pearl River Delta's "world's factory", as published
//! sources tell it:
//!
//! - resident (常住), registered (户籍) and migrant (外来) population in
//!   several years: the 2000 and 2010 censuses, the end of 2018 and the end
//!   of 2020, as lower bounds where a source says "at least" or "exceeded";
//! - an approximate GDP (2012), and a gross industrial output value given
//!   as an upper bound ("just short of 665 billion", 2007);
//! - a count of foreign-invested firms ("more than 10,000");
//! - two sourced claims on its market orientation that disagree, ranked
//!   (export-oriented industrialisation, preferred; factories that "have
//!   turned to domestic markets");
//! - a dated profile: foreign-investment-led from the Taiping Handbag
//!   Factory of 1978 to the 2008 article that tells the story;
//! - a linkage graph with a specialised market (Humen's Fumin Fashion City,
//!   1993), a regulatory and a conflictual linkage (the 2014 strike at the
//!   Yue Yuen shoe factory over unpaid social insurance).
//!
//! Every figure and claim is quoted from the source cited next to it;
//! nothing is illustrative, derived or averaged. The atlas is saved as
//! format-2 JSON, reloaded and printed.
//!
//! Run with `cargo run --example time_series`.

use regdev::{
    Actor, ActorId, ActorKind, AdminLevel, Atlas, Claim, Currency, Dimension, DimensionValue, Indicator, Linkage,
    LinkageGraph, LinkageKind, Money, Name, Observation, ObservationKind, Period, Population, Qualifier, Rank, Scale,
    Selection, Source, SourceId, SourceKind, SourceStrength, Town, TownId, Valence, Year,
};
use regdev::{Dynamics, MarketOrientation};

pub(crate) fn main() -> Result<(), Box<dyn std::error::Error>> {
    let y = Year::new;
    let id = |s: &str| SourceId::new(s);
    use SourceStrength::{Medium, Strong, Weak};

    // ---- sources: what each says is quoted in its note
    let sources = [
        Source::new(id("dongguan-today-census")?, SourceKind::WebPage, "Donguan's population approaches 8.22 million")?
            .with_venue("Dongguan Today (the page read gives no date; it reports the 2010 census)")?
            .with_url("http://old.dongguantoday.com/newsc.asp?id=10332")?
            .with_note("\"as of 12am 1st November 2010, Dongguan's permanent population reached 8,220,237\"; \"the 6,445,700 permanent residents recorded by the 5th National Population Census in 2000\"; \"at least 6.3 million of the permanent population are migrant residents\"")?
            .with_strength(Medium),
        Source::new(id("dongguan-today-2021")?, SourceKind::WebPage, "Dongguan's permanent population exceeds 10 million")?
            .with_year(y(2021)?)
            .with_venue("Dongguan Today, 17 May 2021")?
            .with_url("http://www.dongguantoday.com/news/dongguan/202105/t20210517_16176138.shtml")?
            .with_note("\"the resident population in Dongguan exceeded 10.46 million by the end of last year\"")?
            .with_strength(Medium),
        Source::new(
            id("china-banking-news-2019")?,
            SourceKind::WebPage,
            "21 Chinese Cities Host to More than One Million Permanent Residents without Household Registration",
        )?
        .with_year(y(2019)?)
        .with_venue("China Banking News, 16 April 2019 (reporting Yicai)")?
        .with_url("https://www.chinabankingnews.com/2019/04/16/21-chinese-cities-host-to-over-one-million-permanent-residents-lacking-household-registration/")?
        .with_note("Dongguan had \"a permanent resident population of 8.3922 million at the end of 2018, of whom only 2.3159 million had household registration\"")?
        .with_strength(Medium),
        Source::new(id("eurobiz-dongguan")?, SourceKind::WebPage, "Dongguan: The World's Factory in Transition")?
            .with_authors(["Yao Lu"])?
            .with_venue("EURObiz (European Union Chamber of Commerce in China)")?
            .with_url("https://www.eurobiz.com.cn/dongguan-the-worlds-factory-in-transition/")?
            .with_note("\"In 2012, the city's GDP alone exceeded the RMB 500 billion benchmark for the first time, registering at RMB 501 billion\"; manufacturers from Hong Kong and Taiwan came \"in the late 70s\"")?
            .with_strength(Medium),
        Source::new(id("dongguan-today-2008")?, SourceKind::WebPage, "Manufacturing kingdom developed from a small handbag factory")?
            .with_year(y(2008)?)
            .with_venue("Dongguan Today, 5 December 2008")?
            .with_url("http://old.dongguantoday.com/newsc.asp?id=768")?
            .with_note("\"Dongguan's success in economic development started with a humble beginning of Taiping Handbag Factory being founded in Humen, Dongguan on September 15th, 1978\"; the Hong Kong funded factory's success \"was the incentive needed for thousands of foreign-funded enterprises\"; industrial output \"just short of 665 billion RMB in 2007\"")?
            .with_strength(Medium),
        Source::new(id("china-briefing-2013")?, SourceKind::WebPage, "Dongguan, the World's Factory in Transition (Part I)")?
            .with_authors(["Yao Lu"])?
            .with_year(y(2013)?)
            .with_venue("China Briefing, 27 February 2013")?
            .with_note("Dongguan is \"home to more than 10,000 foreign-invested enterprises\"")?
            .with_strength(Medium),
        Source::new(
            id("hku-yeh")?,
            SourceKind::WebPage,
            "Impacts of Economic Restructuring of Export-Oriented Industrialization on Urban Development in the Pearl River Delta – A Case Study of Dongguan",
        )?
        .with_authors(["Anthony G. O. Yeh"])?
        .with_venue("University of Hong Kong, research project")?
        .with_strength(Medium),
        Source::new(id("cgtn-dongguan")?, SourceKind::WebPage, "Dongguan trade fair helps factories explore global markets")?
            .with_authors(["Ming Tian"])?
            .with_venue("CGTN (the page read gives no date)")?
            .with_url("https://news.cgtn.com/news/3d3d514f3259444d77457a6333566d54/index.html")?
            .with_note("Dongguan's factories: \"Now they have turned to domestic markets, creating their own brands and sales networks.\"")?
            .with_strength(Medium),
        Source::new(id("here-dongguan-2016")?, SourceKind::WebPage, "Behind Humen's fashion scene")?
            .with_year(y(2016)?)
            .with_venue("Here! Dongguan, December 2016")?
            .with_url("http://www.heredg.com/2016/12/behind-humens-fashion-scene/")?
            .with_note("\"In 1993, Humen business leaders seized a hot opportunity and built the first trading center: Fumin Fashion City\"; a city magazine, rated weak")?
            .with_strength(Weak),
        Source::new(id("taipei-times-2014")?, SourceKind::WebPage, "China intervenes in strike at Yue Yuen shoe factory")?
            .with_year(y(2014)?)
            .with_venue("Taipei Times (AFP and Reuters), 26 April 2014")?
            .with_url("http://www.taipeitimes.com/News/biz/archives/2014/04/26/2003588897")?
            .with_note("thousands of employees of the Taiwan-backed Yue Yuen factory in Dongguan on strike over unpaid social security; \"The Dongguan City social security bureau... has ordered the enterprise to carry out rectification in accordance with the law by April 25\"")?
            .with_strength(Medium),
        Source::new(id("zhang-to-cao-2004")?, SourceKind::Article, "How do Industry Clusters Success: A Case Study in China's Textiles and Apparel Industries")?
            .with_authors(["Zhiming Zhang", "Chester To", "Ning Cao"])?
            .with_year(y(2004)?)
            .with_venue("Journal of Textile and Apparel, Technology and Management 4(2)")?
            .with_note("Hong Kong textile and apparel companies invested in the Pearl River Delta from the late 1970s; the clusters \"include Shenzhen ..., Dongguan ..., Humen, Shaxi, and others\"")?
            .with_strength(Strong),
    ];

    // ---- population of three kinds over several years
    let pop = |n: u64, kind, source: &str| -> Result<Observation, regdev::Error> {
        Observation::new(Indicator::Population, Population::new(n), id(source)?)?.with_kind(kind)
    };
    use ObservationKind::{ForeignInvested, Migrant, Registered, Resident};
    let dongguan = Town::builder(
        TownId::new("dongguan")?,
        Name::new("Dongguan")?.with_chinese("东莞市")?,
        AdminLevel::PrefectureLevelCity,
    )
    .province("Guangdong")
    .observation(pop(6_445_700, Resident, "dongguan-today-census")?.with_year(y(2000)?))
    .observation(pop(8_220_237, Resident, "dongguan-today-census")?.with_year(y(2010)?))
    // "at least 6.3 million of the permanent population are migrant residents"
    .observation(
        pop(6_300_000, Migrant, "dongguan-today-census")?.with_qualifier(Qualifier::AtLeast).with_year(y(2010)?),
    )
    .observation(pop(8_392_200, Resident, "china-banking-news-2019")?.with_year(y(2018)?))
    .observation(pop(2_315_900, Registered, "china-banking-news-2019")?.with_year(y(2018)?))
    // "exceeded 10.46 million by the end of last year" (2020)
    .observation(
        pop(10_460_000, Resident, "dongguan-today-2021")?.with_qualifier(Qualifier::AtLeast).with_year(y(2020)?),
    )
    // ---- money: "registering at RMB 501 billion", rounded to the billion
    .observation(
        Observation::new(Indicator::Gdp, Money::new(501e9, Currency::Cny)?, id("eurobiz-dongguan")?)?
            .with_qualifier(Qualifier::Approximate)
            .with_year(y(2012)?),
    )
    // "just short of 665 billion RMB in 2007"
    .observation(
        Observation::new(Indicator::IndustrialOutput, Money::new(665e9, Currency::Cny)?, id("dongguan-today-2008")?)?
            .with_qualifier(Qualifier::AtMost)
            .with_year(y(2007)?),
    )
    // "home to more than 10,000 foreign-invested enterprises" (no year given)
    .observation(
        Observation::firms(10_000, id("china-briefing-2013")?)
            .with_kind(ForeignInvested)?
            .with_qualifier(Qualifier::AtLeast),
    )
    // ---- two readings of the market orientation: both kept, one preferred
    .claim(
        Claim::new(DimensionValue::MarketOrientation(MarketOrientation::Export), id("hku-yeh")?)
            .ranked(Rank::Preferred),
    )
    .claim(Claim::new(DimensionValue::MarketOrientation(MarketOrientation::Domestic), id("cgtn-dongguan")?))
    // ---- a dated profile: foreign-investment-led, 1978 to the 2008 article
    .claim(
        Claim::new(DimensionValue::Dynamics(Dynamics::ForeignInvestmentLed), id("dongguan-today-2008")?)
            .with_period(Period::new(y(1978)?, Some(y(2008)?))?),
    )
    .build()?;

    // ---- the linkage graph: a specialised market, regulation and conflict
    let actor = |a: &str, name: &str, kind, place: &str, source: &str| -> Result<Actor, regdev::Error> {
        Ok(Actor::new(ActorId::new(a)?, name, kind)?.with_place(place)?.with_source(id(source)?))
    };
    let graph = LinkageGraph::builder(TownId::new("dongguan")?)
        .actor(actor(
            "hong-kong-firms",
            "Hong Kong textile and apparel companies",
            ActorKind::ForeignInvestedFirm,
            "Hong Kong",
            "zhang-to-cao-2004",
        )?)
        .actor(actor(
            "humen-garment-firms",
            "Humen garment firms",
            ActorKind::PrivateFirm,
            "Humen",
            "zhang-to-cao-2004",
        )?)
        .actor(actor(
            "fumin-fashion-city",
            "Fumin Fashion City",
            ActorKind::SpecialisedMarket,
            "Humen",
            "here-dongguan-2016",
        )?)
        .actor(actor(
            "yue-yuen",
            "Yue Yuen shoe factory (Taiwan-backed)",
            ActorKind::ForeignInvestedFirm,
            "Dongguan",
            "taipei-times-2014",
        )?)
        .actor(actor("yue-yuen-workers", "Yue Yuen workers", ActorKind::Workforce, "Dongguan", "taipei-times-2014")?)
        .actor(actor(
            "social-security-bureau",
            "Dongguan City social security bureau",
            ActorKind::LocalGovernment,
            "Dongguan",
            "taipei-times-2014",
        )?)
        .linkage(
            ActorId::new("hong-kong-firms")?,
            ActorId::new("humen-garment-firms")?,
            Linkage::new(LinkageKind::Investment, Scale::Regional, id("zhang-to-cao-2004")?),
        )
        .linkage(
            ActorId::new("humen-garment-firms")?,
            ActorId::new("fumin-fashion-city")?,
            Linkage::new(LinkageKind::Market, Scale::Local, id("here-dongguan-2016")?).with_since(y(1993)?),
        )
        .linkage(
            ActorId::new("social-security-bureau")?,
            ActorId::new("yue-yuen")?,
            Linkage::new(LinkageKind::Governance, Scale::Local, id("taipei-times-2014")?)
                .with_valence(Valence::Regulatory)
                .with_since(y(2014)?)
                .with_until(y(2014)?),
        )
        // The strike: the workforce supplies the factory's labour, and the
        // relation is in conflict.
        .linkage(
            ActorId::new("yue-yuen-workers")?,
            ActorId::new("yue-yuen")?,
            Linkage::new(LinkageKind::Supply, Scale::Local, id("taipei-times-2014")?)
                .with_valence(Valence::Conflictual)
                .with_since(y(2014)?)
                .with_until(y(2014)?),
        )
        .build()?;

    let mut builder = Atlas::builder().town(dongguan).graph(graph);
    for s in sources {
        builder = builder.source(s);
    }
    let atlas = builder.build()?;

    // ---- save, reload: format 2, unchanged
    let path = std::env::temp_dir().join("regdev-time-series.json");
    std::fs::write(&path, atlas.to_json_pretty()?)?;
    let reloaded = Atlas::from_json_str(&std::fs::read_to_string(&path)?)?;
    assert_eq!(reloaded, atlas);
    println!("saved and reloaded {} (format_version {})\n", path.display(), regdev::FORMAT_VERSION);

    // ---- every observation as the sources state it
    let town = reloaded.town("dongguan").ok_or("no dongguan")?;
    println!("{}", town.name());
    for o in town.key_facts().observations() {
        let when = o.year().map(|y| y.to_string()).or(o.period().map(|p| p.to_string()));
        println!(
            "  {:<17} {:<16} {:<12} {:>24}  {:<8} {}",
            o.indicator().id(),
            o.kind().map_or("-", |k| k.id()),
            o.qualifier().id(),
            o.value().to_string(),
            when.unwrap_or_else(|| "undated".to_owned()),
            o.source()
        );
    }

    // ---- what each selection rule picks
    let facts = town.key_facts();
    let population = |sel: Selection| facts.select(Indicator::Population, sel).map(|o| o.value().to_string());
    println!("\npopulation, by rule:");
    println!("  latest resident (headline)  {:?}", population(Selection::latest()));
    println!("  exact only                  {:?}", population(Selection::latest().exact_only()));
    println!("  as of 2015                  {:?}", population(Selection::as_of(y(2015)?)));
    println!("  in 2010, migrant            {:?}", population(Selection::in_year(y(2010)?).kind(Migrant)));
    println!("  registered, latest          {:?}", population(Selection::latest().kind(Registered)));
    let resident: Vec<String> = facts
        .series(Indicator::Population)
        .iter()
        .filter(|o| o.kind() == Some(Resident))
        .map(|o| format!("{} {} {}", o.year().map_or("-".to_owned(), |y| y.to_string()), o.qualifier().id(), o.value()))
        .collect();
    println!("  resident series             {}", resident.join("; "));

    // ---- claims: every reading, the one used, the profile by year
    println!("\nmarket orientation, every claim:");
    for c in town.profile_claims().claims(Dimension::MarketOrientation) {
        println!("  {:<9} {:<9} [{}]", c.value().to_string(), c.rank().id(), c.source());
    }
    println!("  used for comparison: {:?}", town.profile().market_orientation.map(|m| m.label()));
    for year in [1975, 1990, 2010] {
        let dynamics = town.profile_as_of(y(year)?).dynamics.map(|d| d.label());
        println!("dynamics as of {year}: {dynamics:?}");
    }

    // ---- the graph
    let graph = reloaded.graph("dongguan").ok_or("no graph")?;
    for a in graph.actors().filter(|a| a.kind() == ActorKind::SpecialisedMarket) {
        println!("\nspecialised market: {} ({})", a.name(), a.place().map_or("-".to_owned(), |p| p.to_string()));
    }
    for (from, to, l) in graph.linkages() {
        let since = l.since_year().map_or("-".to_owned(), |y| y.to_string());
        println!(
            "  {from} -> {to}: {} ({}, {}, since {since}) [{}]",
            l.kind().id(),
            l.scale().id(),
            l.valence().id(),
            l.source()
        );
    }

    // ---- one town holds every kind of fact the format is for
    let kinds: Vec<Option<ObservationKind>> = facts.series(Indicator::Population).iter().map(|o| o.kind()).collect();
    for kind in [Resident, Registered, Migrant] {
        assert!(kinds.contains(&Some(kind)), "no {kind:?} population");
    }
    let gdp = facts.select(Indicator::Gdp, Selection::latest()).ok_or("no GDP")?;
    assert_eq!(gdp.qualifier(), Qualifier::Approximate);
    assert!(graph.actors().any(|a| a.kind() == ActorKind::SpecialisedMarket));
    assert!(graph.linkages().any(|(_, _, l)| l.valence() == Valence::Conflictual));
    assert_eq!(town.profile_claims().disagreements().len(), 1);
    assert_ne!(town.profile_as_of(y(1975)?), town.profile_as_of(y(1990)?));

    println!("\naudit:");
    for f in reloaded.audit() {
        println!("  {f}");
    }
    Ok(())
}
