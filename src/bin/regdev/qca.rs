//! `regdev qca`: qualitative comparative analysis of a CSV table (or of
//! conditions taken from an atlas), and `regdev qca calibrate`.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use regdev::qca::{
    AtlasCondition, Calibration, Dataset, DirectionalExpectations, Minimization, MinimizeOptions, QcaError,
    SolutionKind, TruthTable, TruthTableOptions, atlas_dataset,
};

use crate::output::{Failure, emit};

/// `regdev qca`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
#[command(after_help = "The CSV file has a header row; a first column named 'case' holds case names.
Conditions whose values are all whole numbers are crisp (0/1) or multi-value (0, 1, 2, ...);
others are fuzzy sets and must lie in [0, 1]. 'NA' or an empty cell is a missing value: it is
an error in a column used by the analysis (remove or fill in the case first).

Expressions use R QCA notation: '*' and, '~' not, '+' or, 'COND[2]' a multi-value level.

Examples:
  regdev qca LC.csv --outcome SURV
  regdev qca LF.csv --outcome SURV --incl-cut 0.8 --solution parsimonious --format json
  regdev qca LF.csv --outcome SURV --incl-cut 0.8 --solution intermediate --dir-exp DEV=1,URB=1,LIT=1,IND=1,STB=1
  regdev qca calibrate --thresholds 2500,5000,20000 1000 4000 30000
  regdev qca --atlas builtin --condition FOREIGN=profile:capital_origin=foreign \\
      --condition GLOBAL=profile:economic_linkages=global --condition OBM=stage:obm --outcome OBM

With --atlas, every town is a case; values the atlas does not record are listed on standard
error with the reason, and those towns are left out of the analysis.")]
pub(crate) struct QcaArgs {
    /// `calibrate`, or nothing to analyse FILE.
    #[command(subcommand)]
    pub(crate) command: Option<QcaCommand>,
    /// The CSV table to analyse.
    #[arg(value_name = "FILE.csv", required_unless_present = "atlas", conflicts_with = "atlas")]
    pub(crate) file: Option<PathBuf>,
    /// Take the table from an atlas instead: 'builtin', an atlas JSON file, or '-' for standard input.
    #[arg(long, value_name = "FILE")]
    pub(crate) atlas: Option<PathBuf>,
    /// With --atlas: a column NAME=SPEC, SPEC one of profile:DIMENSION=VALUE,
    /// fact:FACT[@YEAR][/CURRENCY]:E,C,I (or :crisp:T1[,T2]), stage:ROLE. Repeat for each column.
    #[arg(long = "condition", value_name = "NAME=SPEC", requires = "atlas")]
    pub(crate) atlas_columns: Vec<String>,
    /// The outcome column; '~COL' for its negation, 'COL[v]' for a level of a multi-value column.
    #[arg(long, value_name = "COL", required = true, allow_hyphen_values = true)]
    pub(crate) outcome: Option<String>,
    /// The condition columns, comma-separated (default: every other column).
    #[arg(long, value_name = "A,B,...", value_delimiter = ',')]
    pub(crate) conditions: Vec<String>,
    /// Inclusion cut-off for output 1, and optionally a lower one for contradictions (C).
    #[arg(long, value_name = "X[,Y]", default_value = "1")]
    pub(crate) incl_cut: String,
    /// Lowest number of cases for a configuration to count as observed.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub(crate) n_cut: u64,
    /// Which solution to compute.
    #[arg(long, value_enum, default_value_t = SolutionArg::Conservative)]
    pub(crate) solution: SolutionArg,
    /// Directional expectations for the intermediate solution, e.g. A=1,B=0,C=- (or R's 'A, ~B').
    #[arg(long, value_name = "A=1,B=0,...", allow_hyphen_values = true)]
    pub(crate) dir_exp: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QcaFormat::Table)]
    pub(crate) format: QcaFormat,
}

/// The solution kinds, for clap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SolutionArg {
    /// Positive configurations only (the complex solution).
    Conservative,
    /// Remainders used wherever they simplify.
    Parsimonious,
    /// Only remainders in line with --dir-exp.
    Intermediate,
}

/// Output formats of `regdev qca`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum QcaFormat {
    /// The truth table and the solutions as aligned text, as R prints them.
    Table,
    /// One JSON object with `truth_table` and `solutions`.
    Json,
}

/// Subcommands of `regdev qca`.
#[derive(Debug, Subcommand)]
pub(crate) enum QcaCommand {
    /// Calibrate raw values into set memberships, as R's QCA::calibrate.
    Calibrate(CalibrateArgs),
}

/// `regdev qca calibrate`.
#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
#[command(after_help = "Fuzzy (--thresholds E,C,I): Ragin's direct method, a logistic curve through
full exclusion (0.05), crossover (0.5) and full inclusion (0.95); E > I gives a decreasing set.
One membership per line with 6 decimals. Crisp (--crisp T1[,T2,...]): the number of thresholds
at or below each value (0/1, or levels 0, 1, 2 for a multi-value condition).

Examples:
  regdev qca calibrate --thresholds 2500,5000,20000 1000 4000 30000
  regdev qca calibrate --crisp 4000,20000 1000 4000 30000")]
pub(crate) struct CalibrateArgs {
    /// Fuzzy anchors: exclusion, crossover, inclusion.
    #[arg(
        long,
        value_name = "E,C,I",
        value_delimiter = ',',
        num_args = 1,
        conflicts_with = "crisp",
        required_unless_present = "crisp"
    )]
    pub(crate) thresholds: Vec<f64>,
    /// Crisp thresholds.
    #[arg(long, value_name = "T1[,T2]", value_delimiter = ',', num_args = 1)]
    pub(crate) crisp: Vec<f64>,
    /// The raw values.
    #[arg(required = true, value_name = "VALUE")]
    pub(crate) values: Vec<f64>,
}

fn fail(e: QcaError) -> Failure {
    Failure::invalid(e.to_string())
}

/// Runs `regdev qca`.
pub(crate) fn run(args: &QcaArgs) -> Result<(), Failure> {
    if let Some(QcaCommand::Calibrate(c)) = &args.command {
        return calibrate(c);
    }
    let outcome = args.outcome.as_deref().ok_or_else(|| Failure::usage("--outcome is required"))?;
    if let Some(path) = &args.atlas {
        return from_atlas(path, outcome, args);
    }
    let file = args.file.as_ref().ok_or_else(|| Failure::usage("a CSV file is required"))?;
    let data = Dataset::from_csv_path(file).map_err(fail)?;
    analyse(&data, outcome, args)
}

fn from_atlas(path: &std::path::Path, outcome: &str, args: &QcaArgs) -> Result<(), Failure> {
    let atlas = if path.as_os_str() == "builtin" {
        std::borrow::Cow::Borrowed(regdev::Atlas::builtin())
    } else {
        crate::load::atlas(Some(path))?
    };
    if args.atlas_columns.is_empty() {
        return Err(Failure::usage("--atlas needs --condition NAME=SPEC for the conditions and the outcome"));
    }
    let mut columns: Vec<(String, AtlasCondition)> = Vec::new();
    for item in &args.atlas_columns {
        let (name, spec) =
            item.split_once('=').ok_or_else(|| Failure::usage(format!("--condition {item:?}: expected NAME=SPEC")))?;
        columns.push((name.trim().to_owned(), spec.parse().map_err(fail)?));
    }
    let (data, missing) = atlas_dataset(&atlas, &columns).map_err(fail)?;
    for m in &missing {
        eprintln!("note: {} has no {}: {}", m.town, m.column, m.reason);
    }
    let names: Vec<&str> = columns.iter().map(|(n, _)| n.as_str()).collect();
    let (complete, dropped) = data.complete_cases(&names).map_err(fail)?;
    if !dropped.is_empty() {
        eprintln!("note: {} of {} towns left out for missing values", dropped.len(), data.len());
    }
    analyse(&complete, outcome, args)
}

fn parse_cuts(text: &str) -> Result<(f64, Option<f64>), Failure> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let num = |s: &str| s.parse::<f64>().map_err(|_| Failure::usage(format!("--incl-cut: {s:?} is not a number")));
    match parts.as_slice() {
        [a] => Ok((num(a)?, None)),
        [a, b] => Ok((num(a)?, Some(num(b)?))),
        _ => Err(Failure::usage("--incl-cut takes one or two numbers, e.g. 0.8 or 0.8,0.6")),
    }
}

/// The analysis on a table, shared with `--atlas`.
pub(crate) fn analyse(data: &Dataset, outcome: &str, args: &QcaArgs) -> Result<(), Failure> {
    let (c1, c0) = parse_cuts(&args.incl_cut)?;
    let mut opts = TruthTableOptions::new(outcome).n_cut(args.n_cut).map_err(fail)?;
    opts = match c0 {
        Some(c0) => opts.incl_cuts_two(c1, c0),
        None => opts.incl_cut(c1),
    }
    .map_err(fail)?;
    if !args.conditions.is_empty() {
        let conds: Vec<&str> = args.conditions.iter().map(|s| s.trim()).collect();
        opts = opts.conditions(&conds).map_err(fail)?;
    }
    let tt = TruthTable::new(data, &opts).map_err(fail)?;
    let mopts = match args.solution {
        SolutionArg::Conservative => MinimizeOptions::conservative(),
        SolutionArg::Parsimonious => MinimizeOptions::parsimonious(),
        SolutionArg::Intermediate => {
            let text =
                args.dir_exp.as_deref().ok_or_else(|| Failure::usage("--solution intermediate needs --dir-exp"))?;
            let de: DirectionalExpectations = text.parse().map_err(fail)?;
            MinimizeOptions::intermediate(de)
        }
    };
    if args.dir_exp.is_some() && args.solution != SolutionArg::Intermediate {
        return Err(Failure::usage("--dir-exp is for --solution intermediate"));
    }
    let min = tt.minimize(&mopts).map_err(fail)?;
    let text = match args.format {
        QcaFormat::Table => table(&tt, &min),
        QcaFormat::Json => json(&tt, &min)?,
    };
    emit(&text, None)
}

fn f3(x: f64) -> String {
    if x.is_nan() { "-".into() } else { format!("{x:.3}") }
}

fn table(tt: &TruthTable, min: &Minimization) -> String {
    let mut out = String::new();
    let (c1, c0) = tt.options().incl_cuts();
    let cuts = c0.map_or_else(|| c1.to_string(), |c0| format!("{c1},{c0}"));
    let _ = writeln!(
        out,
        "Truth table: outcome {}, incl_cut {cuts}, n_cut {}; {} observed configurations, {} remainders",
        tt.outcome(),
        tt.options().n_cut_value(),
        tt.rows().len(),
        tt.remainder_count()
    );
    let widths: Vec<usize> = tt.conditions().iter().map(|c| c.chars().count().max(1)).collect();
    let row_w = tt.rows().iter().map(|r| r.index().to_string().len()).max().unwrap_or(1).max(3);
    let mut header = format!("{:>row_w$}", "row");
    for (c, w) in tt.conditions().iter().zip(&widths) {
        let _ = write!(header, " {c:>w$}");
    }
    let _ = writeln!(out, "{header}  OUT    n  incl   PRI    cases");
    for r in tt.rows() {
        let mut line = format!("{:>row_w$}", r.index());
        for (v, w) in r.values().iter().zip(&widths) {
            let _ = write!(line, " {v:>w$}");
        }
        let _ =
            writeln!(line, "  {:>3} {:>4}  {}  {}  {}", r.out(), r.n(), f3(r.incl()), f3(r.pri()), r.cases().join(","));
        out.push_str(&line);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{} solution{}:", min.kind(), if min.solutions().len() == 1 { "" } else { "s" });
    for s in min.solutions() {
        let _ = writeln!(out, "{}: {} -> {}", s.label(), s.expression(), tt.outcome());
    }
    for s in min.solutions() {
        let _ = writeln!(out);
        let w = s.terms().iter().map(|t| t.expression().chars().count()).max().unwrap_or(2).max(s.label().len());
        let _ = writeln!(out, "{}   {:w$}  inclS  PRI    covS   covU   cases", s.label(), "");
        for (i, t) in s.terms().iter().enumerate() {
            let _ = writeln!(
                out,
                "{:<3}{:<w$}  {}  {}  {}  {}  {}",
                i + 1,
                t.expression(),
                f3(t.incl()),
                f3(t.pri()),
                f3(t.cov_raw()),
                f3(t.cov_unique()),
                t.cases().join(",")
            );
        }
        let _ = writeln!(out, "   {:<w$}  {}  {}  {}", s.label(), f3(s.incl()), f3(s.pri()), f3(s.cov()));
    }
    out
}

fn num(x: f64) -> serde_json::Value {
    serde_json::Number::from_f64(x).map_or(serde_json::Value::Null, serde_json::Value::Number)
}

fn json(tt: &TruthTable, min: &Minimization) -> Result<String, Failure> {
    use serde_json::{Map, Value, json};
    let rows: Vec<Value> = tt
        .rows()
        .iter()
        .map(|r| {
            let mut conf = Map::new();
            for (c, v) in tt.conditions().iter().zip(r.values()) {
                conf.insert(c.clone(), json!(v));
            }
            json!({
                "row": r.index(),
                "configuration": conf,
                "n": r.n(),
                "incl": num(r.incl()),
                "pri": num(r.pri()),
                "out": r.out().to_string(),
                "cases": r.cases(),
            })
        })
        .collect();
    let sols: Vec<Value> = min
        .solutions()
        .iter()
        .map(|s| {
            let terms: Vec<Value> = s
                .terms()
                .iter()
                .map(|t| {
                    json!({
                        "expression": t.expression(),
                        "incl": num(t.incl()),
                        "pri": num(t.pri()),
                        "cov_raw": num(t.cov_raw()),
                        "cov_unique": num(t.cov_unique()),
                        "essential": t.is_essential(),
                        "cases": t.cases(),
                    })
                })
                .collect();
            json!({
                "label": s.label(),
                "expression": s.expression(),
                "incl": num(s.incl()),
                "pri": num(s.pri()),
                "cov": num(s.cov()),
                "terms": terms,
            })
        })
        .collect();
    let (c1, c0) = tt.options().incl_cuts();
    let kind = match min.kind() {
        SolutionKind::Conservative => "conservative",
        SolutionKind::Parsimonious => "parsimonious",
        SolutionKind::Intermediate => "intermediate",
    };
    let doc = json!({
        "outcome": tt.outcome(),
        "conditions": tt.conditions(),
        "incl_cut": match c0 { Some(c0) => json!([c1, c0]), None => json!([c1]) },
        "n_cut": tt.options().n_cut_value(),
        "remainders": tt.remainder_count(),
        "truth_table": rows,
        "solution_kind": kind,
        "prime_implicants": min.prime_implicants(),
        "solutions": sols,
    });
    let mut s = serde_json::to_string_pretty(&doc).map_err(|e| Failure::invalid(format!("cannot write JSON: {e}")))?;
    s.push('\n');
    Ok(s)
}

fn calibrate(args: &CalibrateArgs) -> Result<(), Failure> {
    let mut out = String::new();
    if args.crisp.is_empty() {
        let [e, c, i] = args.thresholds.as_slice() else {
            return Err(Failure::usage(format!(
                "--thresholds takes three numbers E,C,I (exclusion, crossover, inclusion), got {}",
                args.thresholds.len()
            )));
        };
        let cal = Calibration::fuzzy(*e, *c, *i).map_err(fail)?;
        for m in cal.apply(&args.values).map_err(fail)? {
            let _ = writeln!(out, "{m:.6}");
        }
    } else {
        let cal = Calibration::crisp(&args.crisp).map_err(fail)?;
        for m in cal.apply(&args.values).map_err(fail)? {
            let _ = writeln!(out, "{m}");
        }
    }
    emit(&out, None)
}
