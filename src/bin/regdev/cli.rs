//! The command line, declared with clap's derive API.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use regdev::{AdminLevel, RegionalModel};

/// A typed, citable model of China's regional development models, towns
/// and economic-linkage graphs.
///
/// Every subcommand works on the built-in atlas (the talk's Kunshan and
/// Shunde cases, cases of each regional model from the literature, the
/// models' archetypes) unless --atlas FILE names an atlas JSON file or a
/// Parquet export's directory ('-' reads JSON from standard input). Results go to standard output, diagnostics to standard
/// error. Exit codes: 0 success, 1 invalid input or failed check, 2 usage
/// error.
#[derive(Debug, Parser)]
#[command(name = "regdev", version, propagate_version = true, max_term_width = 100)]
#[command(after_help = "Examples:
  regdev compare kunshan shunde
  regdev towns --model sunan --format csv
  regdev export json -o atlas.json && regdev validate atlas.json
  regdev draw graph kunshan -o kunshan.svg
  regdev report kunshan shunde -o report.html")]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check atlas files: print `ok` with counts, or every problem found.
    Validate(ValidateArgs),
    /// List towns with their names, level, model and key facts.
    Towns(TownsArgs),
    /// Compare two towns (or archetypes) dimension by dimension.
    Compare(CompareArgs),
    /// Rank the regional-model archetypes by distance to a town.
    Classify(ClassifyArgs),
    /// Analyse a town's linkage graph: per-actor centralities and graph metrics.
    Graph(GraphArgs),
    /// Write the atlas as JSON, CSV or JSON Schema, or a town's graph as GraphML or DOT.
    Export(ExportArgs),
    /// Read a linkage graph from GraphML or a CSV edge list into a validated atlas fragment (JSON).
    Import(ImportArgs),
    /// Generate a synthetic atlas: DIR/atlas.json, DIR/linkages.graphml, DIR/towns.csv.
    Synth(SynthArgs),
    /// Draw a figure as SVG: a linkage graph on scale rings, a comparison, a distance heatmap.
    Draw(crate::draw::DrawArgs),
    /// Write a self-contained HTML report on two or more towns or archetypes.
    Report(crate::draw::ReportArgs),
    /// Look up NBS statistical divisions (2015-2023 releases) by code or Chinese name.
    Lookup(LookupArgs),
    /// Qualitative comparative analysis (truth table, minimisation) as R's QCA package; `qca calibrate`.
    Qca(crate::qca::QcaArgs),
}

/// `--atlas FILE`, shared by the subcommands that read one atlas.
#[derive(Debug, Args)]
pub(crate) struct AtlasArg {
    /// Read this atlas JSON file instead of the built-in atlas ('-' reads standard input).
    #[arg(long, value_name = "FILE")]
    pub(crate) atlas: Option<PathBuf>,
}

/// `regdev validate`.
#[derive(Debug, Args)]
#[command(after_help = "A valid file prints one line on standard output, with its counts:
  atlas.json: ok (T towns, A archetypes, G graphs, N actors, L linkages, S sources)
An invalid one prints every problem on standard error, each prefixed by the file name
(and line:column for JSON syntax errors), and the exit code is 1.

Examples:
  regdev validate atlas.json other.json
  regdev export json | regdev validate -
  regdev validate --audit atlas.json")]
pub(crate) struct ValidateArgs {
    /// Atlas JSON files to check ('-' reads standard input).
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
    /// Also print the audit findings (valid but suspicious data) of valid files.
    #[arg(long)]
    pub(crate) audit: bool,
}

/// Output formats of `regdev towns`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TownsFormat {
    /// An aligned text table.
    Table,
    /// A JSON array of towns, in the atlas format.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

/// `regdev towns`.
#[derive(Debug, Args)]
#[command(after_help = "Filters combine with AND. A town without a population matches no population bound.

Examples:
  regdev towns
  regdev towns --parent shunde --format csv
  regdev towns --model prd --min-population 1000000")]
pub(crate) struct TownsArgs {
    #[command(flatten)]
    pub(crate) atlas: AtlasArg,
    /// Only towns placed in this regional model (id, label or alias: sunan, prd, wenzhou).
    #[arg(long, value_name = "MODEL", value_parser = parse_model)]
    pub(crate) model: Option<RegionalModel>,
    /// Only towns at this administrative level (e.g. town, district, county_level_city).
    #[arg(long, value_name = "LEVEL", value_parser = parse_level)]
    pub(crate) level: Option<AdminLevel>,
    /// Only towns in this province (case-insensitive).
    #[arg(long, value_name = "PROVINCE")]
    pub(crate) province: Option<String>,
    /// Only direct children of this town (id or name).
    #[arg(long, value_name = "TOWN")]
    pub(crate) parent: Option<String>,
    /// Only towns with at least this population.
    #[arg(long, value_name = "N")]
    pub(crate) min_population: Option<u64>,
    /// Only towns with at most this population.
    #[arg(long, value_name = "N")]
    pub(crate) max_population: Option<u64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TownsFormat::Table)]
    pub(crate) format: TownsFormat,
}

/// Output formats of `regdev compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CompareFormat {
    /// An aligned text table.
    Table,
    /// A Markdown table.
    Markdown,
    /// JSON: {"left", "right", "rows": [{"dimension", "left", "right"}]}.
    Json,
}

/// `regdev compare`.
#[derive(Debug, Args)]
#[command(after_help = "A and B are towns (id or name) or archetypes (id, name or model alias: sunan, prd,
wenzhou). town:ID and model:ID (or archetype:ID) select explicitly; a bare name that names both a
town and an archetype is an error listing both. An atlas without archetypes uses the built-in ones.
Comparing with an empty profile (no dimension set) is an error (exit 1) naming the empty side.
Without --all-dimensions the table has the talk's seven rows.

Examples:
  regdev compare kunshan shunde
  regdev compare town:kunshan model:sunan --all-dimensions --format markdown")]
pub(crate) struct CompareArgs {
    #[command(flatten)]
    pub(crate) atlas: AtlasArg,
    /// The left-hand town or archetype.
    #[arg(value_name = "A")]
    pub(crate) left: String,
    /// The right-hand town or archetype.
    #[arg(value_name = "B")]
    pub(crate) right: String,
    /// Show every dimension, not only the talk's seven rows.
    #[arg(long)]
    pub(crate) all_dimensions: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub(crate) format: CompareFormat,
}

/// Table or JSON, for `classify` and `graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TableOrJson {
    /// Human-readable text.
    Table,
    /// JSON.
    Json,
}

/// Where `regdev classify` takes its archetypes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ArchetypeSource {
    /// The atlas's own archetypes.
    Atlas,
    /// The built-in Sunan, Pearl River Delta and Wenzhou archetypes.
    Builtin,
}

/// The distance measure of `regdev classify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Measure {
    /// Gower's distance on every dimension (nominal, ordinal, sets).
    Gower,
    /// Simple matching (Hamming) on the nominal dimensions.
    SimpleMatching,
}

/// `regdev classify`.
#[derive(Debug, Args)]
#[command(after_help = "Prints the archetypes nearest first, each with its distance, the number of
dimensions compared and their coverage (the share of the archetype's dimensions the town has),
each dimension's contribution, and a verdict:
  nearest                one archetype is nearest by more than the tie tolerance;
  tie                    the first two are within the tie tolerance (tied ranks show as 2=);
  insufficient_evidence  the nearest distance rests on fewer than --min-compared dimensions or
                         less than --min-coverage of the archetype's weight.
An atlas without archetypes is classified against the built-in ones, and the output says so.

The JSON form: {\"town\", \"archetypes\": \"atlas\"|\"builtin\", \"subject\", \"measure\", \"verdict\",
  \"rule\": {\"tie_tolerance\", \"min_compared\", \"min_coverage\"},
  \"ranking\": [{\"rank\", \"archetype\", \"name\", \"distance\", \"compared\", \"coverage\",
                \"contributions\", \"uncompared\"}]}

Examples:
  regdev classify kunshan
  regdev classify town:shunde --format json
  regdev classify lecong --atlas mine.json --archetypes builtin")]
pub(crate) struct ClassifyArgs {
    #[command(flatten)]
    pub(crate) atlas: AtlasArg,
    /// The town (id or name, or town:ID).
    #[arg(value_name = "TOWN")]
    pub(crate) town: String,
    /// Archetypes to rank: the atlas's own or the built-in ones (default: the atlas's, or the
    /// built-in ones when it has none).
    #[arg(long, value_enum, value_name = "FROM")]
    pub(crate) archetypes: Option<ArchetypeSource>,
    /// The distance measure.
    #[arg(long, value_enum, default_value_t = Measure::Gower)]
    pub(crate) measure: Measure,
    /// Distances within this of each other are tied.
    #[arg(long, value_name = "D", default_value_t = regdev::VerdictRule::TIE_TOLERANCE)]
    pub(crate) tie_tolerance: f64,
    /// Fewest dimensions the nearest distance must rest on.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub(crate) min_compared: usize,
    /// Smallest coverage (0-1) of the nearest archetype's dimensions.
    #[arg(long, value_name = "SHARE", default_value_t = 0.5)]
    pub(crate) min_coverage: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub(crate) format: TableOrJson,
}

/// `regdev graph`.
#[derive(Debug, Args)]
#[command(after_help = "Measures follow networkx: degree counts distinct neighbours; betweenness is
normalized to [0, 1]; closeness is Wasserman-Faust; density is m / (n (n - 1)) over ordered pairs;
centralization is Freeman's degree centralization of the undirected graph.

The JSON form is stable (fields may be added, never renamed or removed):
  {\"town\": ID, \"orientation\": \"undirected\"|\"directed\",
   \"actors\": [{\"id\", \"name\", \"kind\", \"degree\", \"betweenness\", \"closeness\", \"group\",
     \"brokerage\": {\"coordinator\", \"itinerant\", \"gatekeeper\", \"representative\", \"liaison\", \"total\"},
     \"ei_index\": F|null}],
   \"density\": F, \"centralization\": F, \"scale_profile\": {SCALE: COUNT},
   \"borrowing_origins\": [PLACE], \"groups\": \"kind\"|\"place\"|\"locality\",
   \"ei_index\": F|null, \"group_ei_index\": {GROUP: F|null}}

Brokerage counts Gould-Fernandez roles over open two-paths a -> v -> b (no a -> b), as R's
sna::brokerage; the E-I index is (external - internal) / (external + internal) ties of the
undirected graph (Krackhardt-Stern), null without ties. --groups locality (the default) counts
actors based in the focal town or a town under it as local.

Examples:
  regdev graph kunshan
  regdev graph shunde --format json --groups kind")]
pub(crate) struct GraphArgs {
    #[command(flatten)]
    pub(crate) atlas: AtlasArg,
    /// The focal town of the graph (id or name, or town:ID).
    #[arg(value_name = "TOWN")]
    pub(crate) town: String,
    /// Follow linkage direction: total (in + out) degree, directed betweenness and
    /// closeness (incoming distances). Default: undirected, like the centralization.
    #[arg(long)]
    pub(crate) directed: bool,
    /// How actors are grouped for brokerage roles and the E-I index.
    #[arg(long, value_enum, value_name = "BY", default_value_t = GroupBy::Locality)]
    pub(crate) groups: GroupBy,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub(crate) format: TableOrJson,
}

/// `regdev graph --groups`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum GroupBy {
    /// By actor kind (local_government, private_firm, …).
    Kind,
    /// By the place an actor is based in.
    Place,
    /// Local (based in the focal town or a town under it) or non_local.
    Locality,
}

impl GroupBy {
    /// The id used in JSON.
    pub(crate) fn id(self) -> &'static str {
        match self {
            GroupBy::Kind => "kind",
            GroupBy::Place => "place",
            GroupBy::Locality => "locality",
        }
    }
}

/// What `regdev export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// The whole atlas as JSON (`regdev validate` accepts it; it round-trips losslessly).
    Json,
    /// A town's linkage graph as GraphML; without TOWN, every town's graph as one GraphML graph
    /// (node ids TOWN:ACTOR, a `town` attribute on nodes and edges), or one file per town with
    /// --per-town DIR.
    Graphml,
    /// A town's linkage graph as Graphviz DOT (needs TOWN).
    Dot,
    /// The towns as CSV.
    Csv,
    /// The JSON Schema of the atlas format.
    Schema,
    /// Tidy Parquet tables for DuckDB, Polars and Spark: one file per table in the directory
    /// given by -o DIR (needs -o). `regdev validate DIR` and `--atlas DIR` read it back.
    Parquet,
}

/// `regdev export`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  regdev export json -o atlas.json
  regdev export graphml kunshan -o kunshan.graphml
  regdev export graphml -o all-towns.graphml
  regdev export graphml --per-town graphml/
  regdev export dot kunshan | dot -Tsvg > kunshan.svg
  regdev export schema -o atlas.schema.json
  regdev export parquet -o tables/ && regdev validate tables/")]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    pub(crate) atlas: AtlasArg,
    /// What to write.
    #[arg(value_enum, value_name = "FORMAT")]
    pub(crate) format: ExportFormat,
    /// The town whose linkage graph to write (dot needs one; graphml without one writes all towns).
    #[arg(value_name = "TOWN")]
    pub(crate) town: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// With graphml and no TOWN: write DIR/TOWN.graphml for every town instead of one document.
    #[arg(long, value_name = "DIR")]
    pub(crate) per_town: Option<PathBuf>,
}

/// `regdev synth`.
#[derive(Debug, Args)]
#[command(after_help = "Shows a progress bar on a terminal and stays quiet otherwise.

Example:
  regdev synth --towns 1000 --actors-per-town 20 --seed 7 --out /tmp/atlas")]
pub(crate) struct SynthArgs {
    /// Number of towns to generate.
    #[arg(long, value_name = "N")]
    pub(crate) towns: usize,
    /// Actors in each town's linkage graph.
    #[arg(long, value_name = "K", default_value_t = 12)]
    pub(crate) actors_per_town: usize,
    /// Seed of the generator: the same seed gives the same files.
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub(crate) seed: u64,
    /// Directory to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: PathBuf,
}

/// `regdev lookup`.
#[derive(Debug, Args)]
#[command(after_help = "QUERY is a code of 2, 4, 6, 9 or 12 digits, or a Chinese name (exact match; names
repeat, and every unit with the name is printed). The data are the National Bureau of
Statistics' statistical division codes to township level, releases 2015 to 2023.

The JSON form is an array of
  {\"code\", \"name\", \"level\", \"parents\": [{\"code\", \"name\"}] (province first),
   \"listed\": [FIRST, LAST], \"releases\": [YEAR], \"former_names\": [NAME]}

Exit code 1 if nothing matches or the code is malformed.

Examples:
  regdev lookup 330382114
  regdev lookup 桥头镇 --format json")]
pub(crate) struct LookupArgs {
    /// A statistical division code or a Chinese name.
    #[arg(value_name = "QUERY")]
    pub(crate) query: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub(crate) format: TableOrJson,
}

fn parse_model(s: &str) -> Result<RegionalModel, String> {
    RegionalModel::parse_alias(s).map_err(|e| e.to_string())
}

fn parse_level(s: &str) -> Result<AdminLevel, String> {
    s.parse::<AdminLevel>().map_err(|e| e.to_string())
}

/// What `regdev import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ImportFormat {
    /// A GraphML document (networkx, igraph, Gephi, or regdev's own export).
    Graphml,
    /// A CSV edge list: source,target,kind,scale[,since,until,valence,weight,source_id].
    Edges,
}

/// `regdev import`.
#[derive(Debug, Args)]
#[command(after_help = "Writes {\"format_version\": 2, \"graphs\": [GRAPH]} (the current format version): the
graph validated, ready for an atlas file's graphs list. Problems are reported with the file, line and element (GraphML) or
line (CSV): malformed XML or CSV, unknown kinds or scales, dangling edge ends, duplicate ids.
GraphML attributes are matched by attr.name: nodes kind (required), name, place, source_id;
edges kind, scale (required), since, until, valence, weight, source_id. With a `town` attribute on nodes
(regdev's all-towns export) only TOWN's nodes and edges are read. Attributes or columns outside
the model are left out and listed on standard error.

Examples:
  regdev export graphml kunshan -o k.graphml && regdev import graphml k.graphml --town kunshan
  regdev import edges ties.csv --nodes actors.csv --town shunde --source field-notes
  regdev import edges ties.csv --town shunde --actor-kind private_firm --source field-notes")]
pub(crate) struct ImportArgs {
    /// The input format.
    #[arg(value_enum, value_name = "FORMAT")]
    pub(crate) format: ImportFormat,
    /// The file to read.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// The focal town of the graph (a town id).
    #[arg(long, value_name = "TOWN")]
    pub(crate) town: String,
    /// edges: a CSV node list (id,name,kind[,place,source_id]).
    #[arg(long, value_name = "FILE")]
    pub(crate) nodes: Option<PathBuf>,
    /// edges without --nodes: the kind of every actor.
    #[arg(long, value_name = "KIND", value_parser = parse_actor_kind)]
    pub(crate) actor_kind: Option<regdev::ActorKind>,
    /// The source of linkages that name none (a source id).
    #[arg(long, value_name = "SOURCE")]
    pub(crate) source: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

fn parse_actor_kind(s: &str) -> Result<regdev::ActorKind, String> {
    s.parse::<regdev::ActorKind>().map_err(|e| e.to_string())
}
