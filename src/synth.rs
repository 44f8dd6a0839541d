//! A deterministic generator of synthetic atlases and linkage graphs, for
//! benchmarks, load tests and examples at the scale of the whole country
//! (about 40,000 township-level units) and beyond.
//!
//! A public module, a namespace behind a feature: its functions read
//! qualified (`synth::atlas`, `synth::linkage_graph`).
//!
//! Enabled by the `synth` cargo feature. Nothing generated here is real
//! data: every record cites one [`Source`] with id `synthetic`, of kind
//! [`SourceKind::Dataset`], whose note says so and records the
//! configuration that produced it.
//!
//! # What it generates
//!
//! [`atlas`] builds a valid [`Atlas`] of [`SynthConfig::towns`] towns in a
//! three-level hierarchy shaped like China's: about one prefecture-level
//! city per 125 units, one county-level unit (county, district or
//! county-level city) per 15, and township-level units (towns, townships,
//! subdistricts, development zones) for the rest. Each unit has
//!
//! - a pinyin and Chinese name, a province, an NBS-style statistical code;
//! - key facts for 2020 with heavy tails: log-normal population, area and
//!   GDP per head (GDP is population × GDP per head, so it is heavy-tailed
//!   and correlated with population), and GDP per head as a "source" states
//!   it in US dollars; each fact is missing with probability
//!   [`SynthConfig::missing_facts`];
//! - a regional model (shared by a prefecture and its children) and a
//!   profile drawn near that model's archetype: each dimension is present
//!   with probability 1 − [`SynthConfig::missing_dimensions`], and then
//!   takes the archetype's value with probability 0.7 where the archetype
//!   sets it, any value otherwise;
//! - for a fraction [`SynthConfig::graph_fraction`] of the towns, a linkage
//!   graph of [`SynthConfig::actors_per_town`] actors (the first is the
//!   town government) and about [`SynthConfig::linkages_per_actor`]
//!   linkages per actor, grown by preferential attachment
//!   (Barabási–Albert), so degrees are heavy-tailed and the government
//!   becomes a hub. No self-loops and no repeated (from, to) pair.
//!
//! The atlas also holds the three built-in archetypes and the sources they
//! cite, and a 2020 CNY/USD exchange rate, so queries, conversions and
//! classification work on it as on real data.
//!
//! # Reproducibility
//!
//! The same configuration gives the same atlas, bit for bit, on every run,
//! platform and compiler version. Two choices guarantee it:
//!
//! - the random numbers come from a fixed, named algorithm: xoshiro256**
//!   seeded through SplitMix64 (public-domain algorithms by David Blackman
//!   and Sebastiano Vigna: "Scrambled Linear Pseudorandom Number
//!   Generators", arXiv:1805.01407, 2018), and every draw (uniform,
//!   Bernoulli, weighted choice, normal by Box–Muller, log-normal) is
//!   computed here from its raw 64-bit outputs.
//!   Named generators keep their value streams across versions (the
//!   `rand_xoshiro` crate's `Xoshiro256StarStar` is this algorithm); what
//!   `rand` does not promise to keep is `StdRng`, whose algorithm may be
//!   replaced, and the sampling algorithms of its distributions
//!   (`random_range`, `rand_distr::Normal`, …), which may change in minor
//!   releases. So the distributions are written out here, on the raw
//!   64-bit outputs, and no sampling algorithm can change under the data;
//!   the generator itself is twenty lines beside them;
//! - the transcendental functions (`exp`, `ln`, `cos`) come from the `libm`
//!   crate, a pure-Rust port of musl's libm, not from `f64::exp` and
//!   friends, which call the platform's C library and may differ in the
//!   last bit between glibc, musl, macOS and Windows.
//!
//! Each town and each graph draws from its own stream (derived from the
//! seed and its position), so changing the graph settings does not change
//! the towns. `tests/synth.rs` pins the values of one town as a guard.
//!
//! # Example
//!
//! ```
//! use regdev::synth::{self, SynthConfig};
//!
//! let config = SynthConfig::new().towns(200).seed(7).actors_per_town(10)?.graph_fraction(0.1)?;
//! let atlas = synth::atlas(&config)?;
//! assert_eq!(atlas.towns().count(), 200);
//! assert_eq!(atlas.graphs().count(), 20);
//! assert_eq!(synth::atlas(&config)?, atlas); // same seed, same atlas
//! # Ok::<(), regdev::Error>(())
//! ```

use std::collections::{BTreeSet, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::progress::Tally;
use crate::town::ProfileSources;
use crate::{
    Actor, ActorId, ActorKind, AdminLevel, Area, Atlas, CodeListing, CsvColumns, Currency, Dimension, DimensionKind,
    DimensionValue, DivisionCode, Error, ExchangeRate, IndustryDivision, Linkage, LinkageGraph, LinkageKind, Money,
    Name, Observed, Place, Population, Profile, Progress, RegionalModel, Scale, Source, SourceId, SourceKind,
    Specialisation, Town, TownId, Year,
};

/// The id of the one source every synthetic record cites.
pub const SOURCE_ID: &str = "synthetic";

/// The year of every synthetic key fact.
pub const FACT_YEAR: i64 = 2020;

/// The CNY per USD rate the synthetic atlas holds for [`FACT_YEAR`]: the
/// 2020 annual average (6.8976).
pub const CNY_PER_USD: f64 = 6.8976;

/// Probability that a present dimension takes its archetype's value.
const AFFINITY: f64 = 0.7;

// ---------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------

/// xoshiro256** (D. Blackman and S. Vigna, "Scrambled Linear Pseudorandom
/// Number Generators", arXiv:1805.01407, 2018), seeded through SplitMix64.
#[derive(Debug, Clone)]
struct Rng {
    s: [u64; 4],
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut st = seed;
        Rng { s: [splitmix(&mut st), splitmix(&mut st), splitmix(&mut st), splitmix(&mut st)] }
    }

    /// An independent stream for record `index` of kind `tag`.
    fn stream(seed: u64, tag: u64, index: u64) -> Rng {
        let mut st = seed ^ tag.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let a = splitmix(&mut st);
        Rng::new(a ^ index.wrapping_mul(0xA24B_AED4_963E_E407))
    }

    fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = &mut self.s;
        let result = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = *s1 << 17;
        *s2 ^= *s0;
        *s3 ^= *s1;
        *s1 ^= *s2;
        *s0 ^= *s3;
        *s2 ^= t;
        *s3 = s3.rotate_left(45);
        result
    }

    /// Uniform in [0, 1), 53 random bits.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in 0..n (n > 0), by Lemire's multiply-shift.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() { None } else { items.get(self.below(items.len())) }
    }

    /// Picks from `(item, weight)` pairs.
    fn weighted<T: Copy>(&mut self, items: &[(T, f64)]) -> Option<T> {
        let total: f64 = items.iter().map(|(_, w)| w).sum();
        let mut x = self.unit() * total;
        for (item, w) in items {
            if x < *w {
                return Some(*item);
            }
            x -= w;
        }
        items.last().map(|(item, _)| *item)
    }

    /// Standard normal, Box–Muller with libm for platform-independent bits.
    fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.unit(); // (0, 1]
        let u2 = self.unit();
        (-2.0 * libm::log(u1)).sqrt() * libm::cos(2.0 * core::f64::consts::PI * u2)
    }

    fn log_normal(&mut self, median: f64, sigma: f64) -> f64 {
        median * libm::exp(sigma * self.normal())
    }
}

/// Rounds to a multiple of `1 / scale` (scale a power of ten) as
/// `k / scale`: the double nearest the decimal, so that it prints short and
/// parses back to the same bits.
fn round_dp(x: f64, scale: f64) -> f64 {
    (x * scale).round() / scale
}

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

/// What to generate; see the [module documentation](self).
///
/// Each setter checks its value at once (a fraction outside [0, 1] is
/// [`Error::OutOfRange`]), so a configuration that exists is valid.
///
/// | setting | default |
/// |---|---|
/// | [`towns`](SynthConfig::towns) | 1,000 |
/// | [`seed`](SynthConfig::seed) | 42 |
/// | [`missing_dimensions`](SynthConfig::missing_dimensions) | 0.3 |
/// | [`missing_facts`](SynthConfig::missing_facts) | 0.05 |
/// | [`actors_per_town`](SynthConfig::actors_per_town) | 0 (no graphs) |
/// | [`linkages_per_actor`](SynthConfig::linkages_per_actor) | 5 |
/// | [`graph_fraction`](SynthConfig::graph_fraction) | 1.0 |
///
/// # Example
///
/// ```
/// use regdev::synth::SynthConfig;
/// let c = SynthConfig::new().towns(100_000).actors_per_town(20)?.graph_fraction(0.1)?;
/// assert_eq!(c.expected_linkages(), 1_000_000);
/// # Ok::<(), regdev::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct SynthConfig {
    towns: usize,
    seed: u64,
    missing_dimensions: f64,
    missing_facts: f64,
    actors_per_town: usize,
    linkages_per_actor: usize,
    graph_fraction: f64,
}

impl Default for SynthConfig {
    fn default() -> SynthConfig {
        SynthConfig::new()
    }
}

impl SynthConfig {
    /// The defaults listed on [`SynthConfig`].
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::synth::SynthConfig::new().get_towns(), 1_000);
    /// ```
    pub fn new() -> SynthConfig {
        SynthConfig {
            towns: 1_000,
            seed: 42,
            missing_dimensions: 0.3,
            missing_facts: 0.05,
            actors_per_town: 0,
            linkages_per_actor: 5,
            graph_fraction: 1.0,
        }
    }

    /// The total number of towns (administrative units of every level).
    ///
    /// # Example
    ///
    /// ```
    /// let a = regdev::synth::atlas(&regdev::synth::SynthConfig::new().towns(30))?;
    /// assert_eq!(a.towns().count(), 30);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn towns(mut self, towns: usize) -> SynthConfig {
        self.towns = towns;
        self
    }

    /// The seed: the same seed and settings give the same atlas.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::synth::{atlas, SynthConfig};
    /// assert_ne!(atlas(&SynthConfig::new().towns(20).seed(1))?, atlas(&SynthConfig::new().towns(20).seed(2))?);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn seed(mut self, seed: u64) -> SynthConfig {
        self.seed = seed;
        self
    }

    /// The probability, in [0, 1], that a profile dimension (or the
    /// town's regional model) is missing.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] if `fraction` is not in [0, 1].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::synth::{atlas, SynthConfig};
    /// let a = atlas(&SynthConfig::new().towns(20).missing_dimensions(1.0)?)?;
    /// assert!(SynthConfig::new().missing_dimensions(1.5).is_err());
    /// assert!(a.towns().all(|t| t.profile().is_empty() && t.model().is_none()));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn missing_dimensions(mut self, fraction: f64) -> Result<SynthConfig, Error> {
        self.missing_dimensions = fraction_setting("synth setting 'missing_dimensions'", fraction)?;
        Ok(self)
    }

    /// The probability, in [0, 1], that each key fact is missing.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] if `fraction` is not in [0, 1].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::synth::{atlas, SynthConfig};
    /// let a = atlas(&SynthConfig::new().towns(20).missing_facts(0.0)?)?;
    /// assert!(SynthConfig::new().missing_facts(f64::NAN).is_err());
    /// assert!(a.towns().all(|t| t.key_facts().population().is_some()));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn missing_facts(mut self, fraction: f64) -> Result<SynthConfig, Error> {
        self.missing_facts = fraction_setting("synth setting 'missing_facts'", fraction)?;
        Ok(self)
    }

    /// The number of actors in each town's linkage graph; 0 for no graphs.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] for more than `u32::MAX` actors.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::synth::{atlas, SynthConfig};
    /// let a = atlas(&SynthConfig::new().towns(10).actors_per_town(8)?)?;
    /// assert!(a.graphs().all(|g| g.actor_count() == 8));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn actors_per_town(mut self, actors: usize) -> Result<SynthConfig, Error> {
        if actors > u32::MAX as usize {
            return Err(Error::TooLarge {
                what: "synth setting 'actors_per_town'",
                value: actors as u128,
                max: u128::from(u32::MAX),
            });
        }
        self.actors_per_town = actors;
        Ok(self)
    }

    /// The number of linkages per actor: a graph of `k` actors gets
    /// `k × linkages_per_actor` linkages, capped at `k × (k − 1)` (every
    /// ordered pair once).
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::synth::{atlas, SynthConfig};
    /// let a = atlas(&SynthConfig::new().towns(10).actors_per_town(20)?.linkages_per_actor(3))?;
    /// assert!(a.graphs().all(|g| g.linkage_count() == 60));
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn linkages_per_actor(mut self, linkages: usize) -> SynthConfig {
        self.linkages_per_actor = linkages;
        self
    }

    /// The fraction, in [0, 1], of towns that get a linkage graph (when
    /// [`actors_per_town`](SynthConfig::actors_per_town) is not 0): exactly
    /// `⌊towns × fraction⌋` of them, spread evenly through the atlas.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] if `fraction` is not in [0, 1].
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::synth::{atlas, SynthConfig};
    /// let a = atlas(&SynthConfig::new().towns(50).actors_per_town(4)?.graph_fraction(0.5)?)?;
    /// assert!(SynthConfig::new().graph_fraction(-0.1).is_err());
    /// assert_eq!(a.graphs().count(), 25);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    pub fn graph_fraction(mut self, fraction: f64) -> Result<SynthConfig, Error> {
        self.graph_fraction = fraction_setting("synth setting 'graph_fraction'", fraction)?;
        Ok(self)
    }

    /// The configured number of towns.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::synth::SynthConfig::new().towns(5).get_towns(), 5);
    /// ```
    #[must_use]
    pub fn get_towns(&self) -> usize {
        self.towns
    }

    /// The configured seed.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(regdev::synth::SynthConfig::new().get_seed(), 42);
    /// ```
    #[must_use]
    pub fn get_seed(&self) -> u64 {
        self.seed
    }

    /// The number of towns that get a linkage graph.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::synth::SynthConfig;
    /// assert_eq!(SynthConfig::new().towns(10).expected_graphs(), 0);
    /// assert_eq!(SynthConfig::new().towns(10).actors_per_town(3)?.graph_fraction(0.25)?.expected_graphs(), 2);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn expected_graphs(&self) -> usize {
        if self.actors_per_town == 0 {
            return 0;
        }
        (0..self.towns).filter(|&i| self.has_graph(i)).count()
    }

    /// The total number of linkages [`atlas`] will generate.
    ///
    /// # Example
    ///
    /// ```
    /// use regdev::synth::SynthConfig;
    /// assert_eq!(SynthConfig::new().towns(10).actors_per_town(4)?.expected_linkages(), 10 * 4 * 3);
    /// # Ok::<(), regdev::Error>(())
    /// ```
    #[must_use]
    pub fn expected_linkages(&self) -> usize {
        self.expected_graphs() * linkage_target(self.actors_per_town, self.linkages_per_actor)
    }

    fn has_graph(&self, i: usize) -> bool {
        if self.actors_per_town == 0 {
            return false;
        }
        let f = self.graph_fraction;
        ((i + 1) as f64 * f).floor() > (i as f64 * f).floor()
    }
}

/// A probability setting, checked to lie in [0, 1] (NaN is out of range).
fn fraction_setting(setting: &'static str, value: f64) -> Result<f64, Error> {
    if (0.0..=1.0).contains(&value) { Ok(value) } else { Err(Error::OutOfRange { setting, min: 0.0, max: 1.0, value }) }
}

/// The number of linkages a graph of `actors` actors gets.
fn linkage_target(actors: usize, per_actor: usize) -> usize {
    let max = actors.saturating_mul(actors.saturating_sub(1));
    actors.saturating_mul(per_actor).min(max)
}

// ---------------------------------------------------------------------------
// Vocabulary tables
// ---------------------------------------------------------------------------

const PROVINCES: [(&str, u32); 31] = [
    ("Beijing", 11),
    ("Tianjin", 12),
    ("Hebei", 13),
    ("Shanxi", 14),
    ("Inner Mongolia", 15),
    ("Liaoning", 21),
    ("Jilin", 22),
    ("Heilongjiang", 23),
    ("Shanghai", 31),
    ("Jiangsu", 32),
    ("Zhejiang", 33),
    ("Anhui", 34),
    ("Fujian", 35),
    ("Jiangxi", 36),
    ("Shandong", 37),
    ("Henan", 41),
    ("Hubei", 42),
    ("Hunan", 43),
    ("Guangdong", 44),
    ("Guangxi", 45),
    ("Hainan", 46),
    ("Chongqing", 50),
    ("Sichuan", 51),
    ("Guizhou", 52),
    ("Yunnan", 53),
    ("Tibet", 54),
    ("Shaanxi", 61),
    ("Gansu", 62),
    ("Qinghai", 63),
    ("Ningxia", 64),
    ("Xinjiang", 65),
];

const SYLLABLES: [(&str, &str); 40] = [
    ("an", "安"),
    ("bai", "白"),
    ("bei", "北"),
    ("chang", "长"),
    ("cheng", "城"),
    ("da", "大"),
    ("dong", "东"),
    ("feng", "丰"),
    ("fu", "富"),
    ("gao", "高"),
    ("guang", "光"),
    ("he", "河"),
    ("hong", "红"),
    ("hua", "华"),
    ("huang", "黄"),
    ("jiang", "江"),
    ("jin", "金"),
    ("kang", "康"),
    ("le", "乐"),
    ("li", "利"),
    ("lin", "林"),
    ("long", "龙"),
    ("ming", "明"),
    ("nan", "南"),
    ("ning", "宁"),
    ("ping", "平"),
    ("qing", "青"),
    ("shan", "山"),
    ("shi", "石"),
    ("shui", "水"),
    ("tai", "太"),
    ("tian", "天"),
    ("xi", "西"),
    ("xin", "新"),
    ("xing", "兴"),
    ("yang", "阳"),
    ("yong", "永"),
    ("yun", "云"),
    ("zhong", "中"),
    ("zhu", "竹"),
];

const COUNTY_LEVELS: [(AdminLevel, f64); 3] =
    [(AdminLevel::County, 0.52), (AdminLevel::District, 0.34), (AdminLevel::CountyLevelCity, 0.14)];

const TOWNSHIP_LEVELS: [(AdminLevel, f64); 4] = [
    (AdminLevel::Town, 0.55),
    (AdminLevel::Township, 0.21),
    (AdminLevel::Subdistrict, 0.23),
    (AdminLevel::DevelopmentZone, 0.01),
];

const SPECIALISATIONS: [(IndustryDivision, &str); 10] = [
    (IndustryDivision::C18, "garments"),
    (IndustryDivision::C18, "socks and hosiery"),
    (IndustryDivision::C21, "furniture"),
    (IndustryDivision::C33, "hardware and locks"),
    (IndustryDivision::C33, "moulds"),
    (IndustryDivision::C38, "lighting"),
    (IndustryDivision::C38, "household appliances"),
    (IndustryDivision::C39, "electronic components"),
    (IndustryDivision::F51, "wholesale markets"),
    (IndustryDivision::A01, "flowers and seedlings"),
];

const BORROWING_PLACES: [&str; 8] =
    ["Taiwan", "Hong Kong", "Shenzhen", "Shanghai", "Singapore", "Germany", "Japan", "South Korea"];

const ACTOR_KINDS: [(ActorKind, f64); 12] = [
    (ActorKind::PrivateFirm, 0.34),
    (ActorKind::HouseholdFirm, 0.18),
    (ActorKind::ForeignInvestedFirm, 0.14),
    (ActorKind::CollectiveEnterprise, 0.06),
    (ActorKind::University, 0.03),
    (ActorKind::ResearchInstitute, 0.03),
    (ActorKind::BusinessAssociation, 0.05),
    (ActorKind::IndustrialPark, 0.04),
    (ActorKind::ServiceCentre, 0.03),
    (ActorKind::FinancialInstitution, 0.04),
    (ActorKind::HigherGovernment, 0.03),
    (ActorKind::TalentNetwork, 0.03),
];

const LINKAGE_KINDS: [(LinkageKind, f64); 8] = [
    (LinkageKind::Supply, 0.35),
    (LinkageKind::Market, 0.20),
    (LinkageKind::Investment, 0.10),
    (LinkageKind::KnowledgeTransfer, 0.10),
    (LinkageKind::TalentFlow, 0.05),
    (LinkageKind::Partnership, 0.10),
    (LinkageKind::Governance, 0.08),
    (LinkageKind::InstitutionalBorrowing, 0.02),
];

const SCALES: [(Scale, f64); 4] =
    [(Scale::Local, 0.5), (Scale::Regional, 0.25), (Scale::National, 0.15), (Scale::Global, 0.10)];

/// Log-normal (median, sigma) of population, area (km²) and GDP per head
/// (yuan) by tier (1 prefecture, 2 county, 3 township).
fn fact_laws(tier: u8) -> [(f64, f64); 3] {
    match tier {
        0 | 1 => [(3_500_000.0, 0.6), (12_000.0, 0.8), (65_000.0, 0.45)],
        2 => [(400_000.0, 0.7), (1_500.0, 0.9), (60_000.0, 0.5)],
        _ => [(30_000.0, 0.85), (80.0, 0.9), (55_000.0, 0.55)],
    }
}

// ---------------------------------------------------------------------------
// The atlas
// ---------------------------------------------------------------------------

/// Shared state for generating one atlas.
struct Ctx {
    source: SourceId,
    year: Year,
    places: Vec<Place>,
    archetypes: Vec<(RegionalModel, Profile)>,
}

/// One unit of the hierarchy before it becomes a [`Town`].
struct Unit {
    level: AdminLevel,
    parent: Option<usize>,
    province: usize,
    model: RegionalModel,
    code: u64,
}

fn id_of(units: &[Unit], i: usize) -> Result<TownId, Error> {
    let prefix = match units.get(i).map(|u| u.level.tier()) {
        Some(0 | 1) => "pref",
        Some(2) => "cnty",
        _ => "town",
    };
    TownId::new(format!("{prefix}-{i}"))
}

/// Lays out the hierarchy: prefectures, then counties, then townships.
fn hierarchy(config: &SynthConfig) -> Vec<Unit> {
    let n = config.towns;
    let prefectures = n.div_ceil(125).min(n);
    let counties = n.div_ceil(15).min(n - prefectures);
    let townships = n - prefectures - counties;
    let mut rng = Rng::stream(config.seed, 1, 0);
    let mut units: Vec<Unit> = Vec::with_capacity(n);
    let mut per_province = [0u64; PROVINCES.len()];
    for _ in 0..prefectures {
        let province = rng.below(PROVINCES.len());
        let model = rng.pick(RegionalModel::ALL).copied().unwrap_or(RegionalModel::Sunan);
        let seq = per_province.get_mut(province).map_or(1, |c| {
            *c += 1;
            *c
        });
        let pcode = PROVINCES.get(province).map_or(11, |p| p.1);
        units.push(Unit {
            level: AdminLevel::PrefectureLevelCity,
            parent: None,
            province,
            model,
            code: u64::from(pcode) * 100 + (seq % 99 + 1),
        });
    }
    // Each parent gets at least one child while children last; the rest
    // are spread at random.
    let mut children = vec![0u64; n];
    let mut attach = |rng: &mut Rng, units: &mut Vec<Unit>, k: usize, first: usize, count: usize, digits: u64| {
        let parent = first + if k < count { k } else { rng.below(count.max(1)) };
        let (province, model, pcode) =
            units.get(parent).map_or((0, RegionalModel::Sunan, 0), |p| (p.province, p.model, p.code));
        let seq = children.get_mut(parent).map_or(1, |c| {
            *c += 1;
            *c
        });
        (parent, province, model, pcode * digits + (seq % (digits - 1) + 1))
    };
    for k in 0..counties {
        let (parent, province, model, code) = attach(&mut rng, &mut units, k, 0, prefectures, 100);
        let level = rng.weighted(&COUNTY_LEVELS).unwrap_or(AdminLevel::County);
        units.push(Unit { level, parent: Some(parent), province, model, code });
    }
    for k in 0..townships {
        let (parent, province, model, code) = attach(&mut rng, &mut units, k, prefectures, counties, 1000);
        let level = rng.weighted(&TOWNSHIP_LEVELS).unwrap_or(AdminLevel::Town);
        units.push(Unit { level, parent: Some(parent), province, model, code });
    }
    units
}

/// Generates a synthetic atlas; see the [module documentation](self).
///
/// # Errors
///
/// The generated atlas itself always validates (a property test checks
/// it); any validation error would be a bug in this module.
///
/// # Example
///
/// ```
/// use regdev::synth::{self, SynthConfig};
/// let atlas = synth::atlas(&SynthConfig::new().towns(500))?;
/// assert_eq!(atlas.towns().count(), 500);
/// assert_eq!(atlas.archetypes().count(), 3);
/// let town = atlas.towns().last().ok_or("empty")?;
/// assert!(atlas.parent(town.id().as_str()).is_some());
/// assert!(SynthConfig::new().missing_facts(1.5).is_err()); // rejected when set
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn atlas(config: &SynthConfig) -> Result<Atlas, Error> {
    generate(config, &Tally::none())
}

/// As [`atlas`], reporting to `progress` the towns and linkage graphs
/// generated, out of [`SynthConfig::get_towns`] +
/// [`SynthConfig::expected_graphs`], with the promises of [`Progress`]. The
/// count reaches the total when the last record is generated; validating
/// the atlas follows (a few seconds at 100,000 towns).
///
/// # Errors
///
/// As [`atlas`].
///
/// # Example
///
/// ```
/// use regdev::synth::{self, SynthConfig};
/// let config = SynthConfig::new().towns(300).actors_per_town(4)?;
/// let mut seen = Vec::new();
/// let atlas = synth::atlas_with_progress(&config, |done, total| seen.push((done, total)))?;
/// assert_eq!(atlas, synth::atlas(&config)?);
/// let total = (config.get_towns() + config.expected_graphs()) as u64;
/// assert_eq!(seen.first(), Some(&(0, total)));
/// assert_eq!(seen.last(), Some(&(total, total)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn atlas_with_progress(config: &SynthConfig, mut progress: impl Progress) -> Result<Atlas, Error> {
    let tally = Tally::new(&mut progress, (config.towns + config.expected_graphs()) as u64);
    let atlas = generate(config, &tally);
    tally.finish();
    atlas
}

/// Generates the atlas, counting each town and graph on `tally`.
fn generate(config: &SynthConfig, tally: &Tally<'_>) -> Result<Atlas, Error> {
    let source_id = SourceId::new(SOURCE_ID)?;
    let ctx = Ctx {
        source: source_id.clone(),
        year: Year::new(FACT_YEAR)?,
        places: BORROWING_PLACES.iter().map(Place::new).collect::<Result<_, _>>()?,
        archetypes: RegionalModel::ALL.iter().map(|m| (*m, m.archetype().profile().clone())).collect(),
    };
    let units = hierarchy(config);

    let mut builder = Atlas::builder()
        .source(synthetic_source(config, source_id.clone())?)
        .exchange_rate(ExchangeRate::new(ctx.year, Currency::Usd, Currency::Cny, CNY_PER_USD, source_id)?);
    let archetypes: Vec<_> = RegionalModel::ALL.iter().map(|m| m.archetype()).collect();
    let cited: BTreeSet<&str> =
        archetypes.iter().flat_map(|a| a.profile_sources().values().map(SourceId::as_str)).collect();
    for id in cited {
        if let Some(s) = Atlas::builtin().source(id) {
            builder = builder.source(s.clone());
        }
    }
    for a in archetypes {
        builder = builder.archetype(a);
    }
    for i in 0..units.len() {
        let id = id_of(&units, i)?;
        if config.has_graph(i) {
            let mut rng = Rng::stream(config.seed, 3, i as u64);
            builder =
                builder.graph(graph(&mut rng, id.clone(), config.actors_per_town, config.linkages_per_actor, &ctx)?);
            tally.add(1);
        }
        let mut rng = Rng::stream(config.seed, 2, i as u64);
        builder = builder.town(town(&mut rng, &units, i, id, config, &ctx)?);
        tally.add(1);
    }
    builder.build()
}

fn synthetic_source(config: &SynthConfig, id: SourceId) -> Result<Source, Error> {
    Source::new(id, SourceKind::Dataset, "Synthetic atlas generated by regdev::synth")?.with_note(format!(
        "not real data; towns={} seed={} missing_dimensions={} missing_facts={} actors_per_town={} \
         linkages_per_actor={} graph_fraction={}",
        config.towns,
        config.seed,
        config.missing_dimensions,
        config.missing_facts,
        config.actors_per_town,
        config.linkages_per_actor,
        config.graph_fraction
    ))
}

fn name_for(rng: &mut Rng, level: AdminLevel) -> Result<Name, Error> {
    let (a, ah) = rng.pick(&SYLLABLES).copied().unwrap_or(("an", "安"));
    let (b, bh) = rng.pick(&SYLLABLES).copied().unwrap_or(("an", "安"));
    let mut english = String::with_capacity(a.len() + b.len());
    let mut chars = a.chars();
    if let Some(c) = chars.next() {
        english.push(c.to_ascii_uppercase());
        english.push_str(chars.as_str());
    }
    english.push_str(b);
    let suffix = match level {
        AdminLevel::Province => "省",
        AdminLevel::PrefectureLevelCity | AdminLevel::CountyLevelCity => "市",
        AdminLevel::District => "区",
        AdminLevel::County => "县",
        AdminLevel::Town => "镇",
        AdminLevel::Township => "乡",
        AdminLevel::Subdistrict => "街道",
        AdminLevel::Village => "村",
        AdminLevel::DevelopmentZone => "开发区",
    };
    Name::new(english)?.with_chinese(format!("{ah}{bh}{suffix}"))
}

fn town(rng: &mut Rng, units: &[Unit], i: usize, id: TownId, config: &SynthConfig, ctx: &Ctx) -> Result<Town, Error> {
    let unit = units.get(i).ok_or(Error::Internal { what: "synth: a town without an administrative unit" })?;
    let name = name_for(rng, unit.level)?;
    let mut b = Town::builder(id, name, unit.level)
        .province(PROVINCES.get(unit.province).map_or("Beijing", |p| p.0))
        .statistical_code(CodeListing::new(DivisionCode::new(unit.code.to_string())?, ctx.source.clone()));
    if let Some(p) = unit.parent {
        b = b.parent(id_of(units, p)?);
    }
    let s = &ctx.source;

    // Key facts: draw all, then drop some, so the draws do not depend on
    // the missing fraction.
    let [(pop_m, pop_s), (area_m, area_s), (pc_m, pc_s)] = fact_laws(unit.level.tier());
    let population = rng.log_normal(pop_m, pop_s).round().max(1.0);
    let area = round_dp(rng.log_normal(area_m, area_s), 100.0).max(0.01);
    let per_head = rng.log_normal(pc_m, pc_s);
    let gdp = (((population * per_head) / 1e6).round() * 1e6).max(1e6);
    let stated_usd = (per_head / CNY_PER_USD * rng.log_normal(1.0, 0.05)).round();
    let drop: [bool; 4] = [
        rng.chance(config.missing_facts),
        rng.chance(config.missing_facts),
        rng.chance(config.missing_facts),
        rng.chance(config.missing_facts),
    ];
    if !drop[0] {
        b = b.area(Observed::new(Area::new(area)?, s.clone()).with_year(ctx.year));
    }
    if !drop[1] {
        b = b.population(Observed::new(Population::from_f64(population)?, s.clone()).with_year(ctx.year));
    }
    if !drop[2] {
        b = b.gdp(Observed::new(Money::new(gdp, Currency::Cny)?, s.clone()).with_year(ctx.year));
    }
    if !drop[3] {
        b = b.gdp_per_capita(Observed::new(Money::new(stated_usd, Currency::Usd)?, s.clone()).with_year(ctx.year));
    }

    let model_present = !rng.chance(config.missing_dimensions);
    if model_present {
        b = b.model(Observed::new(unit.model, s.clone()));
    }
    if unit.level.tier() >= 3 && rng.chance(0.5) {
        if let Some((division, product)) = rng.pick(&SPECIALISATIONS) {
            b = b.specialisation(Specialisation::new(*division, product, s.clone())?);
        }
    }

    let reference = ctx.archetypes.iter().find(|(m, _)| *m == unit.model).map(|(_, p)| p);
    let mut profile = Profile::default();
    let mut sources = ProfileSources::new();
    for d in Dimension::ALL {
        let present = !rng.chance(config.missing_dimensions);
        let value = draw_value(rng, *d, reference, &ctx.places);
        if let (true, Some(value)) = (present, value) {
            sources.insert(*d, s.clone());
            profile.set(value);
        }
    }
    b.profile(profile, sources).build()
}

/// A value of `d`: the reference profile's with probability [`AFFINITY`]
/// where it has one, uniform otherwise. Always consumes the same number of
/// random draws, so one dimension's draw does not shift the next.
fn draw_value(rng: &mut Rng, d: Dimension, reference: Option<&Profile>, places: &[Place]) -> Option<DimensionValue> {
    let follow = rng.chance(AFFINITY);
    let r1 = rng.next_u64();
    let r2 = rng.next_u64();
    if follow {
        if let Some(v) = reference.and_then(|p| p.get(d)) {
            return Some(v);
        }
    }
    let mut r = Rng::new(r1 ^ r2.rotate_left(17));
    // A non-empty random subset, each member in with probability 1/2.
    fn subset<T: Clone + Ord>(r: &mut Rng, all: &[T]) -> BTreeSet<T> {
        let mut set: BTreeSet<T> = all.iter().filter(|_| r.chance(0.5)).cloned().collect();
        if set.is_empty() {
            if let Some(x) = r.pick(all) {
                set.insert(x.clone());
            }
        }
        set
    }
    match d.value_ids() {
        Some(ids) if d.kind() == DimensionKind::Set => {
            let all: Vec<usize> = (0..ids.len()).collect();
            let chosen: Vec<usize> = subset(&mut r, &all).into_iter().collect();
            DimensionValue::from_indices(d, &chosen)
        }
        Some(ids) => {
            let all: Vec<usize> = (0..ids.len()).collect();
            r.pick(&all).and_then(|&i| DimensionValue::from_index(d, i))
        }
        None => DimensionValue::from_places(d, &subset(&mut r, places)),
    }
}

// ---------------------------------------------------------------------------
// Linkage graphs
// ---------------------------------------------------------------------------

/// Generates one linkage graph of `actors` actors and
/// `actors × linkages_per_actor` linkages (capped at `actors × (actors − 1)`),
/// for the graph benchmarks. The focal town is `synthetic-town` (not in any
/// atlas); actor `a0` is its government and the hub.
///
/// Degrees are heavy-tailed: actors arrive one by one and link to
/// `linkages_per_actor` earlier actors chosen in proportion to their degree
/// (Barabási–Albert), each link pointing either way with equal
/// probability; the first actors, which have too few predecessors, get
/// their missing links at the end, again by preferential attachment.
///
/// # Errors
///
/// [`Error::TooLarge`] if `actors` exceeds `u32::MAX`.
///
/// # Example
///
/// ```
/// let g = regdev::synth::linkage_graph(1_000, 5, 1)?;
/// assert_eq!((g.actor_count(), g.linkage_count()), (1_000, 5_000));
/// assert_eq!(g, regdev::synth::linkage_graph(1_000, 5, 1)?);
/// # Ok::<(), regdev::Error>(())
/// ```
pub fn linkage_graph(actors: usize, linkages_per_actor: usize, seed: u64) -> Result<LinkageGraph, Error> {
    if actors > u32::MAX as usize {
        return Err(Error::TooLarge {
            what: "number of synthetic actors",
            value: actors as u128,
            max: u128::from(u32::MAX),
        });
    }
    let ctx = Ctx {
        source: SourceId::new(SOURCE_ID)?,
        year: Year::new(FACT_YEAR)?,
        places: BORROWING_PLACES.iter().map(Place::new).collect::<Result<_, _>>()?,
        archetypes: Vec::new(),
    };
    let mut rng = Rng::stream(seed, 4, 0);
    graph(&mut rng, TownId::new("synthetic-town")?, actors, linkages_per_actor, &ctx)
}

/// The edge list of a preferential-attachment graph: `(from, to)` pairs,
/// distinct, no self-loops.
fn edges(rng: &mut Rng, n: usize, m: usize) -> Vec<(u32, u32)> {
    let target = linkage_target(n, m);
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(target);
    let mut seen: HashSet<(u32, u32)> = HashSet::with_capacity(target);
    // Every edge's two ends: sampling from it is sampling by degree.
    let mut ends: Vec<u32> = Vec::with_capacity(2 * target);
    let mut push = |out: &mut Vec<(u32, u32)>, ends: &mut Vec<u32>, rng: &mut Rng, a: u32, b: u32| {
        let e = if rng.chance(0.5) { (a, b) } else { (b, a) };
        if seen.insert(e) {
            out.push(e);
            ends.push(a);
            ends.push(b);
            true
        } else {
            false
        }
    };
    let mut chosen: Vec<u32> = Vec::with_capacity(m);
    for i in 1..n {
        let new = i as u32;
        chosen.clear();
        if i <= m {
            chosen.extend(0..new);
        } else {
            while chosen.len() < m {
                let t = ends.get(rng.below(ends.len())).copied().unwrap_or(0);
                if !chosen.contains(&t) {
                    chosen.push(t);
                }
            }
        }
        for &t in &chosen {
            push(&mut out, &mut ends, rng, new, t);
        }
    }
    // Top up to the target.
    let missing = target.saturating_sub(out.len());
    if missing > 0 && n >= 2 {
        if 2 * target >= n * (n - 1) {
            // Dense: pick among the free ordered pairs directly.
            let mut free: Vec<(u32, u32)> = Vec::new();
            for a in 0..n as u32 {
                for b in 0..n as u32 {
                    if a != b && !seen.contains(&(a, b)) {
                        free.push((a, b));
                    }
                }
            }
            for k in 0..missing.min(free.len()) {
                let j = k + rng.below(free.len() - k);
                free.swap(k, j);
                if let Some(&e) = free.get(k) {
                    seen.insert(e);
                    out.push(e);
                }
            }
        } else {
            while out.len() < target {
                let a = rng.below(n) as u32;
                let b = ends.get(rng.below(ends.len().max(1))).copied().unwrap_or(0);
                if a != b {
                    push(&mut out, &mut ends, rng, a, b);
                }
            }
        }
    }
    out
}

fn graph(rng: &mut Rng, focal: TownId, n: usize, m: usize, ctx: &Ctx) -> Result<LinkageGraph, Error> {
    let mut b = LinkageGraph::builder(focal);
    let mut ids: Vec<ActorId> = Vec::with_capacity(n);
    for i in 0..n {
        let id = ActorId::new(format!("a{i}"))?;
        let (kind, name) = if i == 0 {
            (ActorKind::LocalGovernment, "Town government".to_owned())
        } else {
            let kind = rng.weighted(&ACTOR_KINDS).unwrap_or(ActorKind::PrivateFirm);
            (kind, format!("{} {i}", kind.label()))
        };
        let mut actor = Actor::new(id.clone(), name, kind)?;
        if kind == ActorKind::ForeignInvestedFirm {
            if let Some(p) = rng.pick(&ctx.places) {
                actor = actor.with_place(p.as_str())?;
            }
        }
        ids.push(id);
        b = b.actor(actor);
    }
    for (from, to) in edges(rng, n, m) {
        let (Some(f), Some(t)) = (ids.get(from as usize), ids.get(to as usize)) else { continue };
        let kind = rng.weighted(&LINKAGE_KINDS).unwrap_or(LinkageKind::Supply);
        let scale = rng.weighted(&SCALES).unwrap_or(Scale::Local);
        let weight = round_dp(rng.log_normal(1.0, 1.0), 1000.0);
        let since = rng.chance(0.5).then(|| 1990 + rng.below(31) as i64);
        let mut l = Linkage::new(kind, scale, ctx.source.clone()).with_weight(weight)?;
        if let Some(y) = since {
            l = l.with_since(Year::new(y)?);
        }
        b = b.linkage(f.clone(), t.clone(), l);
    }
    b.build()
}

// ---------------------------------------------------------------------------
// Files for peers
// ---------------------------------------------------------------------------

fn io_error(path: &Path, e: &impl core::fmt::Display) -> Error {
    Error::Io { operation: "writing synthetic peer files", message: format!("{}: {e}", path.display()) }
}

/// What [`write_peer_files`] generated and wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SynthSummary {
    /// Towns in the atlas.
    pub towns: usize,
    /// Linkage graphs in the atlas.
    pub graphs: usize,
    /// Actors over all graphs.
    pub actors: usize,
    /// Linkages over all graphs.
    pub linkages: usize,
    /// The files written, with their sizes in bytes.
    pub files: Vec<(PathBuf, u64)>,
}

/// Generates an atlas and writes the files peer tools read, into `dir`
/// (created if missing), all from the same atlas:
///
/// - `atlas.json`: compact JSON that [`Atlas::from_json_slice`] loads;
/// - `linkages.graphml`: every linkage graph as one GraphML graph (see
///   [`crate::graphml::write_all`]; node ids are
///   `focal-town:actor`, and nodes and edges carry their `town`), which
///   networkx, igraph and Gephi read whole; an empty graph when the atlas
///   has none;
/// - `towns.csv`: one row per town in the [`CsvColumns::Peers`] layout
///   ([`Atlas::write_towns_csv`]), for pandas.
///
/// # Errors
///
/// As [`atlas`]; [`Error::Io`] naming the file if a directory or file
/// cannot be written.
///
/// # Example
///
/// ```
/// use regdev::synth::{self, SynthConfig};
/// let dir = std::env::temp_dir().join(format!("regdev-synth-doc-{}", std::process::id()));
/// let summary = synth::write_peer_files(&SynthConfig::new().towns(50).actors_per_town(5)?, &dir)?;
/// assert_eq!(summary.towns, 50);
/// let atlas = regdev::Atlas::from_json_slice(&std::fs::read(dir.join("atlas.json")).map_err(|e| e.to_string())?)?;
/// assert_eq!(atlas.towns().count(), 50);
/// # std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_peer_files(config: &SynthConfig, dir: impl AsRef<Path>) -> Result<SynthSummary, Error> {
    write_files(config, dir.as_ref(), &Tally::none())
}

/// As [`write_peer_files`], reporting to `progress` the towns and graphs
/// generated, as [`atlas_with_progress`] does; validating the atlas and
/// writing the files follow the last count.
///
/// # Errors
///
/// As [`write_peer_files`].
///
/// # Example
///
/// ```
/// use regdev::synth::{self, SynthConfig};
/// let dir = std::env::temp_dir().join(format!("regdev-synth-progress-doc-{}", std::process::id()));
/// let config = SynthConfig::new().towns(40).actors_per_town(5)?;
/// let mut last = (0, 0);
/// let summary = synth::write_peer_files_with_progress(&config, &dir, |done, total| last = (done, total))?;
/// assert_eq!(last, ((summary.towns + summary.graphs) as u64, 80));
/// # std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_peer_files_with_progress(
    config: &SynthConfig,
    dir: impl AsRef<Path>,
    mut progress: impl Progress,
) -> Result<SynthSummary, Error> {
    let tally = Tally::new(&mut progress, (config.towns + config.expected_graphs()) as u64);
    write_files(config, dir.as_ref(), &tally)
}

fn write_files(config: &SynthConfig, dir: &Path, tally: &Tally<'_>) -> Result<SynthSummary, Error> {
    let atlas = generate(config, tally);
    tally.finish();
    let atlas = atlas?;
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))?;
    let mut files = Vec::new();

    let path = dir.join("atlas.json");
    let file = std::fs::File::create(&path).map_err(|e| io_error(&path, &e))?;
    let mut w = std::io::BufWriter::new(file);
    serde_json::to_writer(&mut w, &atlas).map_err(|e| io_error(&path, &e))?;
    w.flush().map_err(|e| io_error(&path, &e))?;
    files.push(path);

    let path = dir.join("linkages.graphml");
    let file = std::fs::File::create(&path).map_err(|e| io_error(&path, &e))?;
    let mut w = std::io::BufWriter::new(file);
    crate::linkage::graphml::write_all(atlas.graphs(), &mut w).map_err(|e| e.context(path.display().to_string()))?;
    w.flush().map_err(|e| io_error(&path, &e))?;
    files.push(path);

    let path = dir.join("towns.csv");
    let file = std::fs::File::create(&path).map_err(|e| io_error(&path, &e))?;
    atlas.write_towns_csv(atlas.towns(), CsvColumns::Peers, file).map_err(|e| e.context(path.display().to_string()))?;
    files.push(path);

    let files = files
        .into_iter()
        .map(|p| {
            let len = std::fs::metadata(&p).map_err(|e| io_error(&p, &e))?.len();
            Ok((p, len))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(SynthSummary {
        towns: atlas.towns().count(),
        graphs: atlas.graphs().count(),
        actors: atlas.graphs().map(LinkageGraph::actor_count).sum(),
        linkages: atlas.graphs().map(LinkageGraph::linkage_count).sum(),
        files,
    })
}
