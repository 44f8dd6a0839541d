//! Atlas format 2: what case studies say, encoded as a user would encode
//! their own cases.
//!
//! Encodes what published sources say about three places, then saves the
//! atlas as format-2 JSON, reloads it and prints it:
//!
//! - Shunde: resident and registered population over several censuses, a
//!   GDP given only as a lower bound;
//! - Qiaotou, Wenzhou's "button town": a migrant workforce, firm counts,
//!   national and world market shares from sources of different years, and
//!   its specialised market ("Button City") in a linkage graph;
//! - Wenzhou: an approximate GDP, two sourced claims on its market
//!   orientation that disagree (ranked), a profile dated by period (family
//!   workshops in the 1980s, a private economy by 2010) and a conflictual
//!   linkage (national and provincial critics who tried to repress the
//!   model).
//!
//! No single set of sources read covers every kind of fact for one town,
//! so the facts are spread over the three. Every figure and claim is
//! quoted from the source cited next to it; nothing is illustrative,
//! derived or averaged.
//!
//! Run with `cargo run --example time_series`.

use regdev::{MarketOrientation, Ownership};
use regdev::{Actor, ActorId, ActorKind, AdminLevel, Atlas, Claim, Currency, Dimension, DimensionValue, Indicator, Linkage, LinkageGraph, LinkageKind, Money, Name, Observation, ObservationKind, Period, Population, Qualifier, Rank, Scale, Selection, Share, Source, SourceId, SourceKind, SourceStrength, Town, TownId, Valence, Year};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let y = Year::new;
    let id = |s: &str| SourceId::new(s);

    // ---- sources: what each says is quoted in its note
    let sources = [
        Source::new(id("shunde-gov-2015")?, SourceKind::WebPage, "About Shunde")?
            .with_venue("Shunde District government profile, 23 October 2015 (mirror)")
            .with_url("http://www.nuriaayma.com/sdqrmzf/yw/shundeprofile/content/post_4211781.html")
            .with_note("resident population 2.51 million, 1.23 million registered; the first county with a GDP over 100 billion yuan, in 2006")
            .with_strength(SourceStrength::Medium),
        Source::new(id("wiki-de-shunde")?, SourceKind::WebPage, "Shunde")?
            .with_venue("German Wikipedia (mirror)")
            .with_url("https://de.wiki.li/Shunde")
            .with_note("census population 1,694,152 (2000) and 3,229,090 (2020)")
            .with_strength(SourceStrength::Medium),
        Source::new(id("findatwiki-shunde")?, SourceKind::WebPage, "Shunde District")?
            .with_venue("Wikipedia (mirror)")
            .with_url("https://findatwiki.com/Shunde")
            .with_note("2010 census population 2,464,784")
            .with_strength(SourceStrength::Medium),
        Source::new(id("npr-2006-qiaotou")?, SourceKind::WebPage, "Chinese 'Button Town' Struggles with Success")?
            .with_authors(["Louisa Lim"])?
            .with_year(y(2006)?)
            .with_venue("NPR, 21 August 2006")
            .with_url("http://www.npr.org/templates/story/story.php?storyId=5686805")
            .with_note("'about 200 factories and 20,000 migrant workers, produces 60 percent of the world's supply'")
            .with_strength(SourceStrength::Medium),
        Source::new(id("hessler-2010")?, SourceKind::Book, "Country Driving: A Journey Through China from Farm to Factory")?
            .with_authors(["Peter Hessler"])?
            .with_year(y(2010)?)
            .with_note("'Qiaotou's population was only 64,000, but the town had 380 factories that manufactured more than 70 percent of the buttons for clothes made in China'; clothes manufacturers buy in bulk at the 'Button City' market")
            .with_strength(SourceStrength::Medium),
        Source::new(id("walcott-2007")?, SourceKind::Article, "Wenzhou and the Third Italy: Entrepreneurial Model Regions")?
            .with_authors(["Susan M. Walcott"])?
            .with_year(y(2007)?)
            .with_venue("Journal of Asia-Pacific Business 8(3): 23-35")
            .with_note("keys to success include 'market sensitive export orientation'")
            .with_strength(SourceStrength::Strong),
        Source::new(id("globe-and-mail-2004")?, SourceKind::WebPage, "Wenzhou: capitalism unbound")?
            .with_authors(["John Barber"])?
            .with_year(y(2004)?)
            .with_venue("The Globe and Mail, 23 October 2004")
            .with_note("the shoe maker Aokang made '10 million pairs of shoes a year for the Chinese market'; 'We used to be a Wenzhou company serving the domestic market'")
            .with_strength(SourceStrength::Medium),
        Source::new(id("china-daily-2010")?, SourceKind::WebPage, "Wenzhou's workshops crafted economic legend")?
            .with_year(y(2010)?)
            .with_venue("China Daily, 19 June 2010")
            .with_note("'Last year, Wenzhou's GDP reached 253 billion yuan'; 'individual businesses and family workshops mushroomed in the 1980s'; the private economy 'now accounts for 80 percent of Wenzhou's total GDP'")
            .with_strength(SourceStrength::Medium),
        Source::new(id("berkshire")?, SourceKind::WebPage, "Wenzhou Model")?
            .with_authors(["Qiusha Ma"])?
            .with_venue("Berkshire Encyclopedia of China")
            .with_note("'from the beginning, this model attracted severe criticism from many Communist Party and government leaders at the national and provincial levels'; critics held that it 'tried to restore capitalism, which the government then tried to repress'")
            .with_strength(SourceStrength::Medium),
    ];

    // ---- Shunde: population of several kinds and years, GDP as a lower bound
    let census = |n: u64, year: i64, source: &str| -> Result<Observation, regdev::Error> {
        Ok(Observation::new(Indicator::Population, Population::new(n), id(source)?)?
            .with_kind(ObservationKind::Resident)?
            .with_year(y(year)?))
    };
    let shunde =
        Town::builder(TownId::new("shunde")?, Name::new("Shunde")?.with_chinese("顺德区")?, AdminLevel::District)
            .province("Guangdong")
            .observation(census(1_694_152, 2000, "wiki-de-shunde")?)
            .observation(census(2_464_784, 2010, "findatwiki-shunde")?)
            .observation(census(3_229_090, 2020, "wiki-de-shunde")?)
            // "2.51 million": rounded, and the profile gives no year.
            .observation(
                Observation::new(Indicator::Population, Population::new(2_510_000), id("shunde-gov-2015")?)?
                    .with_kind(ObservationKind::Resident)?
                    .with_qualifier(Qualifier::Approximate),
            )
            .observation(
                Observation::new(Indicator::Population, Population::new(1_230_000), id("shunde-gov-2015")?)?
                    .with_kind(ObservationKind::Registered)?
                    .with_qualifier(Qualifier::Approximate),
            )
            // "the first county with a GDP over 100 billion yuan" (2006).
            .observation(
                Observation::new(Indicator::Gdp, Money::new(100e9, Currency::Cny)?, id("shunde-gov-2015")?)?
                    .with_qualifier(Qualifier::AtLeast)
                    .with_year(y(2006)?),
            )
            .build()?;

    // ---- Qiaotou: migrants, firms and market shares from two sources
    let buttons = |share: f64, kind: ObservationKind, source: &str| -> Result<Observation, regdev::Error> {
        Observation::new(Indicator::MarketShare, Share::new(share)?, id(source)?)?
            .with_kind(kind)?
            .with_product("buttons")
    };
    let qiaotou =
        Town::builder(TownId::new("qiaotou")?, Name::new("Qiaotou")?.with_chinese("桥头镇")?, AdminLevel::Town)
            .province("Zhejiang")
            .observation(Observation::new(Indicator::Population, Population::new(64_000), id("hessler-2010")?)?)
            .observation(
                // 20,000 migrant workers: the migrant population is at least that.
                Observation::new(Indicator::Population, Population::new(20_000), id("npr-2006-qiaotou")?)?
                    .with_kind(ObservationKind::Migrant)?
                    .with_qualifier(Qualifier::AtLeast)
                    .with_year(y(2006)?),
            )
            .observation(
                Observation::firms(200, id("npr-2006-qiaotou")?)
                    .with_qualifier(Qualifier::Approximate)
                    .with_year(y(2006)?),
            )
            .observation(Observation::firms(380, id("hessler-2010")?))
            .observation(buttons(0.6, ObservationKind::World, "npr-2006-qiaotou")?.with_year(y(2006)?))
            .observation(buttons(0.7, ObservationKind::National, "hessler-2010")?.with_qualifier(Qualifier::AtLeast))
            .build()?;

    // ---- Wenzhou: an approximate GDP, disagreeing claims, a dated profile
    let wenzhou = Town::builder(
        TownId::new("wenzhou")?,
        Name::new("Wenzhou")?.with_chinese("温州市")?,
        AdminLevel::PrefectureLevelCity,
    )
    .province("Zhejiang")
    // "253 billion yuan": rounded to the billion.
    .observation(
        Observation::new(Indicator::Gdp, Money::new(253e9, Currency::Cny)?, id("china-daily-2010")?)?
            .with_qualifier(Qualifier::Approximate)
            .with_year(y(2009)?),
    )
    // Two readings of the market orientation: both kept, one preferred.
    .claim(
        Claim::new(DimensionValue::MarketOrientation(MarketOrientation::Export), id("walcott-2007")?)
            .ranked(Rank::Preferred),
    )
    .claim(Claim::new(DimensionValue::MarketOrientation(MarketOrientation::Domestic), id("globe-and-mail-2004")?))
    // A dated profile: household workshops in the 1980s, a private economy in 2010.
    .claim(
        Claim::new(DimensionValue::Ownership(Ownership::PrivateHousehold), id("china-daily-2010")?)
            .with_period(Period::new(y(1980)?, Some(y(1989)?))?),
    )
    .claim(
        Claim::new(DimensionValue::Ownership(Ownership::Private), id("china-daily-2010")?)
            .with_period(Period::new(y(2010)?, Some(y(2010)?))?),
    )
    .build()?;

    // ---- linkage graphs: a specialised market, a conflictual tie
    let qiaotou_graph = LinkageGraph::builder(TownId::new("qiaotou")?)
        .actor(
            Actor::new(ActorId::new("button-city")?, "Button City market", ActorKind::SpecialisedMarket)?
                .with_place("Qiaotou")?
                .with_source(id("hessler-2010")?),
        )
        .actor(
            Actor::new(ActorId::new("clothes-makers")?, "Clothes manufacturers in China", ActorKind::PrivateFirm)?
                .with_source(id("hessler-2010")?),
        )
        .linkage(
            ActorId::new("clothes-makers")?,
            ActorId::new("button-city")?,
            Linkage::new(LinkageKind::Market, Scale::National, id("hessler-2010")?),
        )
        .build()?;
    let wenzhou_graph = LinkageGraph::builder(TownId::new("wenzhou")?)
        .actor(
            Actor::new(ActorId::new("critics")?, "Party and government critics", ActorKind::HigherGovernment)?
                .with_source(id("berkshire")?),
        )
        .actor(
            Actor::new(ActorId::new("family-industries")?, "Wenzhou's family industries", ActorKind::HouseholdFirm)?
                .with_place("Wenzhou")?
                .with_source(id("berkshire")?),
        )
        .linkage(
            ActorId::new("critics")?,
            ActorId::new("family-industries")?,
            Linkage::new(LinkageKind::Governance, Scale::National, id("berkshire")?).with_valence(Valence::Conflictual),
        )
        .build()?;

    let mut builder =
        Atlas::builder().town(shunde).town(qiaotou).town(wenzhou).graph(qiaotou_graph).graph(wenzhou_graph);
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

    // ---- print every observation, then what each selection picks
    for town in reloaded.towns() {
        println!("{}", town.name());
        for o in town.key_facts().observations() {
            let when = o.year().map(|y| y.to_string()).or(o.period().map(|p| p.to_string()));
            println!(
                "  {:<16} {:<11} {:<12} {:>22}  {:<6} {}",
                o.indicator().id(),
                o.kind().map_or("-", |k| k.id()),
                o.qualifier().id(),
                o.value().to_string(),
                when.unwrap_or_else(|| "undated".to_owned()),
                o.source()
            );
        }
        println!();
    }

    let shunde = reloaded.town("shunde").ok_or("no shunde")?.key_facts();
    let pop = |sel: Selection| shunde.select(Indicator::Population, sel).map(|o| o.value().to_string());
    println!("Shunde population, by rule:");
    println!("  latest (headline)          {:?}", pop(Selection::latest()));
    println!("  as of 2005                 {:?}", pop(Selection::as_of(y(2005)?)));
    println!("  in 2010                    {:?}", pop(Selection::in_year(y(2010)?)));
    println!("  registered, latest         {:?}", pop(Selection::latest().kind(ObservationKind::Registered)));
    println!(
        "  registered, exact only     {:?}",
        pop(Selection::latest().kind(ObservationKind::Registered).exact_only())
    );

    let qiaotou = reloaded.town("qiaotou").ok_or("no qiaotou")?.key_facts();
    let share = |kind| {
        qiaotou
            .select(Indicator::MarketShare, Selection::latest().kind(kind))
            .map(|o| (o.value().to_string(), o.source().to_string()))
    };
    println!("\nQiaotou buttons, world share:    {:?}", share(ObservationKind::World));
    println!("Qiaotou buttons, national share: {:?}", share(ObservationKind::National));
    let firms: Vec<String> = qiaotou
        .series(Indicator::Firms)
        .iter()
        .map(|o| format!("{} {} ({})", o.qualifier().id(), o.value(), o.source()))
        .collect();
    println!("Qiaotou firms, as the sources state them: {}", firms.join("; "));

    let wenzhou = reloaded.town("wenzhou").ok_or("no wenzhou")?;
    println!("\nWenzhou market orientation, every claim:");
    for c in wenzhou.profile_claims().claims(Dimension::MarketOrientation) {
        println!("  {:<9} {:<9} [{}]", c.value().to_string(), c.rank().id(), c.source());
    }
    println!("  used for comparison: {:?}", wenzhou.profile().market_orientation.map(|m| m.label()));
    for year in [1985, 2010] {
        let ownership = wenzhou.profile_as_of(y(year)?).ownership.map(|o| o.label());
        println!("Wenzhou ownership as of {year}: {ownership:?}");
    }
    for graph in reloaded.graphs() {
        for (from, to, l) in graph.linkages() {
            println!(
                "{} graph: {from} -> {to}: {} ({}, {}) [{}]",
                graph.focal_town(),
                l.kind().id(),
                l.scale().id(),
                l.valence().id(),
                l.source()
            );
        }
        for a in graph.actors().filter(|a| a.kind() == ActorKind::SpecialisedMarket) {
            println!("{} graph: specialised market '{}'", graph.focal_town(), a.name());
        }
    }

    println!("\naudit:");
    for f in reloaded.audit() {
        println!("  {f}");
    }
    Ok(())
}
