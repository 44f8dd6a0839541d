//! Documented results of R's `QCA` package, reproduced.
//!
//! Unless a test says otherwise, the expected values are those printed in
//! the "Examples" section of QCA's help page of `minimize()` (QCA 3.23,
//! `inst/staticdocs/minimize.html` in the package sources; the same
//! examples as `?minimize`), which cite Rihoux & De Meur (2009, p. 57) for
//! `LC`, Cronqvist & Berg-Schlosser (2009, p. 80) for `LM`, Ragin (2009,
//! p. 112) for `LF` and Cebotari & Vink (2013) for `CVF`. Figures are
//! printed there to three decimals; we compare at that precision.
#![cfg(feature = "qca")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use regdev::qca::{
    Calibration, Dataset, MAX_CONDITIONS, MinimizeOptions, Output, QcaError, Solution, TruthTable, TruthTableOptions,
};

fn data(name: &str) -> Dataset {
    Dataset::from_csv_path(format!("tests/fixtures/qca/{name}.csv")).expect("fixture")
}

fn tt(name: &str, opts: TruthTableOptions) -> TruthTable {
    TruthTable::new(&data(name), &opts).expect("truth table")
}

fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A solution's terms as (expression, inclS, PRI, covS, covU) rounded like R prints them.
fn table(s: &Solution) -> Vec<(String, f64, f64, f64, f64)> {
    s.terms()
        .iter()
        .map(|t| (t.expression().to_owned(), r3(t.incl()), r3(t.pri()), r3(t.cov_raw()), r3(t.cov_unique())))
        .collect()
}

fn row(e: &str, a: f64, b: f64, c: f64, d: f64) -> (String, f64, f64, f64, f64) {
    (e.to_owned(), a, b, c, d)
}

fn whole(s: &Solution) -> (f64, f64, f64) {
    (r3(s.incl()), r3(s.pri()), r3(s.cov()))
}

#[test]
fn lipset_crisp_truth_table() {
    // ttLC <- truthTable(LC, "SURV", sort.by = "incl, n"): rows 32, 22, 24
    // positive (n 4, 2, 2), rows 1, 2, 5, 6, 23, 31 negative (n 3, 2, 2, 1, 1, 1).
    let t = tt("LC", TruthTableOptions::new("SURV"));
    let got: Vec<(u64, u64, f64, Output)> = t.rows().iter().map(|r| (r.index(), r.n(), r.incl(), r.out())).collect();
    use Output::{Negative as N, Positive as P};
    assert_eq!(
        got,
        vec![
            (1, 3, 0.0, N),
            (2, 2, 0.0, N),
            (5, 2, 0.0, N),
            (6, 1, 0.0, N),
            (22, 2, 1.0, P),
            (23, 1, 0.0, N),
            (24, 2, 1.0, P),
            (31, 1, 0.0, N),
            (32, 4, 1.0, P)
        ]
    );
    assert_eq!(t.remainder_count(), 32 - 9);
}

#[test]
fn lipset_crisp_conservative() {
    let t = tt("LC", TruthTableOptions::new("SURV"));
    let m = t.minimize(&MinimizeOptions::conservative()).expect("minimize");
    assert_eq!(m.solutions().len(), 1);
    let s = &m.solutions()[0];
    assert_eq!(s.expression(), "DEV*~URB*LIT*STB + DEV*LIT*IND*STB");
    assert_eq!(
        table(s),
        vec![row("DEV*~URB*LIT*STB", 1.0, 1.0, 0.5, 0.25), row("DEV*LIT*IND*STB", 1.0, 1.0, 0.75, 0.5)]
    );
    assert_eq!(whole(s), (1.0, 1.0, 1.0));
    // Cases, as printed with show.cases = TRUE: "FI,IE; FR,SE" and "FR,SE; BE,CZ,NL,UK".
    assert_eq!(s.terms()[0].cases(), ["FI", "IE", "FR", "SE"]);
    assert_eq!(s.terms()[1].cases(), ["FR", "SE", "BE", "CZ", "NL", "UK"]);
}

#[test]
fn lipset_crisp_negated_outcome() {
    let t = tt("LC", TruthTableOptions::new("~SURV"));
    let c = t.minimize(&MinimizeOptions::conservative()).expect("minimize");
    assert_eq!(c.solutions()[0].expression(), "~DEV*~URB*~IND + DEV*LIT*IND*~STB");
    let p = t.minimize(&MinimizeOptions::parsimonious()).expect("minimize");
    let s = &p.solutions()[0];
    assert_eq!(s.expression(), "~DEV + ~STB");
    assert_eq!(table(s), vec![row("~DEV", 1.0, 1.0, 0.8, 0.3), row("~STB", 1.0, 1.0, 0.7, 0.2)]);
    assert_eq!(whole(s), (1.0, 1.0, 1.0));
}

#[test]
fn lipset_crisp_parsimonious_and_simplifying_assumptions() {
    let t = tt("LC", TruthTableOptions::new("SURV"));
    let m = t.minimize(&MinimizeOptions::parsimonious()).expect("minimize");
    let s = &m.solutions()[0];
    assert_eq!(s.expression(), "DEV*STB");
    assert_eq!(whole(s), (1.0, 1.0, 1.0));
    // pLC$SA$M1: rows 18, 20, 26, 28, 30.
    assert_eq!(m.simplifying_assumptions(), [vec![18, 20, 26, 28, 30]]);
}

#[test]
fn lipset_multi_value() {
    let opts = || TruthTableOptions::new("SURV").conditions(&["DEV", "URB", "LIT", "IND"]).expect("options");
    let t = tt("LM", opts());
    assert!(t.is_multi_value());
    let c = t.minimize(&MinimizeOptions::conservative()).expect("minimize");
    let s = &c.solutions()[0];
    assert_eq!(s.expression(), "DEV[2]*LIT[1]*IND[1] + DEV[1]*URB[0]*LIT[1]*IND[0]");
    assert_eq!(
        table(s),
        vec![
            row("DEV[2]*LIT[1]*IND[1]", 1.0, 1.0, 0.625, 0.625),
            row("DEV[1]*URB[0]*LIT[1]*IND[0]", 1.0, 1.0, 0.25, 0.25)
        ]
    );
    assert_eq!(whole(s), (1.0, 1.0, 0.875));
    let p = t.minimize(&MinimizeOptions::parsimonious()).expect("minimize");
    assert_eq!(p.solutions()[0].expression(), "DEV[2] + DEV[1]*IND[0]");
    assert_eq!(whole(&p.solutions()[0]), (1.0, 1.0, 0.875));

    let n = tt("LM", TruthTableOptions::new("~SURV").conditions(&["DEV", "URB", "LIT", "IND"]).expect("options"));
    let c = n.minimize(&MinimizeOptions::conservative()).expect("minimize");
    assert_eq!(c.solutions()[0].expression(), "DEV[0]*URB[0]*IND[0] + DEV[1]*URB[0]*LIT[1]*IND[1]");
    assert_eq!(whole(&c.solutions()[0]), (1.0, 1.0, 0.9));
    let p = n.minimize(&MinimizeOptions::parsimonious()).expect("minimize");
    assert_eq!(p.solutions()[0].expression(), "DEV[0] + DEV[1]*URB[0]*IND[1]");
    assert_eq!(table(&p.solutions()[0])[1], row("DEV[1]*URB[0]*IND[1]", 1.0, 1.0, 0.1, 0.1));
}

#[test]
fn lipset_fuzzy_conservative() {
    let t = tt("LF", TruthTableOptions::new("SURV").incl_cut(0.8).expect("options"));
    let counts = |o: Output| t.rows().iter().filter(|r| r.out() == o).count();
    // "n OUT = 1/0/C: 6/12/0" counts cases; 2 positive configurations.
    assert_eq!((counts(Output::Positive), counts(Output::Negative)), (2, 7));
    let m = t.minimize(&MinimizeOptions::conservative()).expect("minimize");
    let s = &m.solutions()[0];
    assert_eq!(s.expression(), "DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB");
    assert_eq!(
        table(s),
        vec![
            row("DEV*URB*LIT*IND*STB", 0.904, 0.886, 0.454, 0.393),
            row("DEV*~URB*LIT*~IND*STB", 0.804, 0.719, 0.265, 0.204)
        ]
    );
    assert_eq!(whole(s), (0.870, 0.843, 0.658));
}

#[test]
fn lipset_fuzzy_parsimonious() {
    let t = tt("LF", TruthTableOptions::new("SURV").incl_cut(0.8).expect("options"));
    let m = t.minimize(&MinimizeOptions::parsimonious()).expect("minimize");
    let s = &m.solutions()[0];
    assert_eq!(s.expression(), "DEV*~IND + URB*STB");
    assert_eq!(table(s), vec![row("DEV*~IND", 0.815, 0.721, 0.284, 0.194), row("URB*STB", 0.874, 0.845, 0.520, 0.430)]);
    assert_eq!(whole(s), (0.850, 0.819, 0.714));
}

#[test]
fn lipset_fuzzy_intermediate() {
    // minimize(ttLF, include = "?", dir.exp = "DEV, URB, LIT, IND, STB"), "From C1P1".
    let t = tt("LF", TruthTableOptions::new("SURV").incl_cut(0.8).expect("options"));
    for de in ["DEV, URB, LIT, IND, STB", "DEV=1,URB=1,LIT=1,IND=1,STB=1"] {
        let m = t.minimize(&MinimizeOptions::intermediate(de.parse().expect("dir.exp"))).expect("minimize");
        assert_eq!(m.solutions().len(), 1);
        let s = &m.solutions()[0];
        assert_eq!(s.label(), "C1P1 M1");
        assert_eq!(s.expression(), "DEV*URB*LIT*STB + DEV*LIT*~IND*STB");
        assert_eq!(
            table(s),
            vec![
                row("DEV*URB*LIT*STB", 0.901, 0.879, 0.468, 0.378),
                row("DEV*LIT*~IND*STB", 0.814, 0.721, 0.282, 0.191)
            ]
        );
        assert_eq!(whole(s), (0.866, 0.839, 0.660));
    }
}

#[test]
fn cebotari_vink_four_equivalent_parsimonious_solutions() {
    // pCVF <- minimize(ttCVF, include = "?"): M1-M4, essential PIs first.
    let t = tt("CVF", TruthTableOptions::new("PROTEST").incl_cut(0.8).expect("options"));
    let m = t.minimize(&MinimizeOptions::parsimonious()).expect("minimize");
    let got: Vec<&str> = m.solutions().iter().map(Solution::expression).collect();
    assert_eq!(
        got,
        [
            "~NATPRIDE + DEMOC*GEOCON*POLDIS + ~DEMOC*ETHFRACT*POLDIS + DEMOC*ETHFRACT*GEOCON",
            "~NATPRIDE + DEMOC*GEOCON*POLDIS + ~DEMOC*ETHFRACT*POLDIS + DEMOC*ETHFRACT*~POLDIS",
            "~NATPRIDE + DEMOC*GEOCON*POLDIS + DEMOC*ETHFRACT*GEOCON + ETHFRACT*GEOCON*POLDIS",
            "~NATPRIDE + DEMOC*GEOCON*POLDIS + DEMOC*ETHFRACT*~POLDIS + ETHFRACT*GEOCON*POLDIS",
        ]
    );
    // pCVF$PIchart rows.
    assert_eq!(
        m.prime_implicants(),
        [
            "~NATPRIDE",
            "~DEMOC*ETHFRACT*POLDIS",
            "DEMOC*ETHFRACT*GEOCON",
            "DEMOC*ETHFRACT*~POLDIS",
            "DEMOC*GEOCON*POLDIS",
            "ETHFRACT*GEOCON*POLDIS"
        ]
    );
    let wholes: Vec<(f64, f64, f64)> = m.solutions().iter().map(whole).collect();
    assert_eq!(wholes, [(0.877, 0.777, 0.805), (0.877, 0.777, 0.805), (0.879, 0.782, 0.810), (0.879, 0.782, 0.810)]);
    // inclS, PRI, covS of each PI, and its unique coverage in each model ((M1)…(M4) columns).
    let m1 = table(&m.solutions()[0]);
    assert_eq!(m1[0], row("~NATPRIDE", 0.899, 0.807, 0.597, 0.132));
    assert_eq!(m1[1], row("DEMOC*GEOCON*POLDIS", 0.906, 0.805, 0.342, 0.065));
    assert_eq!(m1[2], row("~DEMOC*ETHFRACT*POLDIS", 0.842, 0.718, 0.299, 0.040));
    assert_eq!(m1[3], row("DEMOC*ETHFRACT*GEOCON", 0.935, 0.826, 0.480, 0.085));
    let m4 = table(&m.solutions()[3]);
    assert_eq!(m4[0].4, 0.126);
    assert_eq!(m4[2], row("DEMOC*ETHFRACT*~POLDIS", 0.932, 0.773, 0.417, 0.085));
    assert_eq!(m4[3], row("ETHFRACT*GEOCON*POLDIS", 0.869, 0.786, 0.365, 0.045));
    assert!(m.solutions().iter().all(|s| s.terms()[0].is_essential() && !s.terms()[3].is_essential()));
}

#[test]
fn calibration_matches_r() {
    // tests/fixtures/qca/calibrate.csv: QCA::calibrate() in R 4.2.2 / QCA 3.23
    // (tests/fixtures/qca/calibrate.R) on Ragin's (2008) incomes.
    let text = std::fs::read_to_string("tests/fixtures/qca/calibrate.csv").expect("fixture");
    let rows: Vec<Vec<f64>> =
        text.lines().skip(1).map(|l| l.split(',').map(|v| v.parse().expect("number")).collect()).collect();
    let values: Vec<f64> = rows.iter().map(|r| r[0]).collect();
    let inc = Calibration::fuzzy(2500.0, 5000.0, 20000.0).expect("anchors").apply(&values).expect("calibrate");
    let dec = Calibration::fuzzy(20000.0, 5000.0, 2500.0).expect("anchors").apply(&values).expect("calibrate");
    let c1 = Calibration::crisp(&[5000.0]).expect("t").apply(&values).expect("calibrate");
    let c2 = Calibration::crisp(&[20000.0, 4000.0]).expect("t").apply(&values).expect("calibrate");
    for (i, r) in rows.iter().enumerate() {
        assert!((inc[i] - r[1]).abs() < 1e-12, "increasing {} : {} vs {}", r[0], inc[i], r[1]);
        assert!((dec[i] - r[2]).abs() < 1e-12, "decreasing {} : {} vs {}", r[0], dec[i], r[2]);
        assert_eq!((c1[i], c2[i]), (r[3], r[4]), "crisp {}", r[0]);
    }
    assert!(matches!(Calibration::fuzzy(1.0, 0.5, 2.0), Err(QcaError::InvalidThresholds { .. })));
    assert!(matches!(Calibration::crisp(&[1e9]).expect("t").apply(&values), Err(QcaError::InvalidThresholds { .. })));
}

#[test]
fn two_inclusion_cut_offs_make_contradictions() {
    let t = tt("LF", TruthTableOptions::new("SURV").incl_cuts_two(0.8, 0.6).expect("options"));
    for r in t.rows() {
        let expected = if r.incl() >= 0.8 {
            Output::Positive
        } else if r.incl() >= 0.6 {
            Output::Contradiction
        } else {
            Output::Negative
        };
        assert_eq!(r.out(), expected, "row {}", r.index());
    }
    assert!(t.rows().iter().any(|r| r.out() == Output::Contradiction));
}

#[test]
fn necessity_of_single_conditions() {
    // Lipset crisp: every surviving democracy was developed (DEV necessary).
    let t = tt("LC", TruthTableOptions::new("SURV"));
    let nec = t.necessity();
    let dev = nec.iter().find(|n| n.expression == "DEV").expect("DEV");
    assert_eq!(dev.incl, 1.0);
    assert_eq!(r3(dev.cov), r3(8.0 / 10.0));
    let not_dev = nec.iter().find(|n| n.expression == "~DEV").expect("~DEV");
    assert_eq!(not_dev.incl, 0.0);
    assert_eq!(nec.len(), 10);
}

#[test]
fn bad_input_is_a_typed_error_naming_the_culprit() {
    let d = Dataset::from_csv_str("case,A,B,Y\nx,0.2,1,1\ny,0.7,0,0\n").expect("csv");
    let e = TruthTable::new(&d, &TruthTableOptions::new("Z")).unwrap_err();
    assert_eq!(e, QcaError::UnknownColumn { column: "Z".into(), available: "A, B, Y".into() });
    let e = Dataset::from_csv_str("case,A,Y\nx,lots,1\n").unwrap_err();
    assert_eq!(e, QcaError::NonNumeric { column: "A".into(), case: "x".into(), value: "lots".into() });
    let d2 = Dataset::from_csv_str("case,A,Y\nx,1.5,1\ny,0.2,0\n").expect("csv");
    let e = TruthTable::new(&d2, &TruthTableOptions::new("Y")).unwrap_err();
    assert!(matches!(e, QcaError::OutOfRange { ref column, ref case, .. } if column == "A" && case == "x"), "{e}");
    let d3 = Dataset::from_csv_str("case,A,Y\nx,1,NA\ny,0,0\n").expect("csv");
    let e = TruthTable::new(&d3, &TruthTableOptions::new("Y")).unwrap_err();
    assert_eq!(e, QcaError::MissingValue { column: "Y".into(), case: "x".into() });
    assert!(matches!(Dataset::from_csv_str("case,A\n"), Err(QcaError::Empty { .. })));
    let e = TruthTableOptions::new("Y").incl_cut(1.5).unwrap_err();
    assert!(matches!(e, QcaError::InvalidOption { option: "incl_cut", .. }));
    let mv = Dataset::from_csv_str("A,Y\n1,2\n0,0\n").expect("csv");
    assert!(matches!(TruthTable::new(&mv, &TruthTableOptions::new("Y")), Err(QcaError::MultiValueOutcome { .. })));
    let all_zero = Dataset::from_csv_str("A,Y\n1,0\n0,0\n").expect("csv");
    let t = TruthTable::new(&all_zero, &TruthTableOptions::new("Y")).expect("tt");
    assert!(matches!(t.minimize(&MinimizeOptions::conservative()), Err(QcaError::NothingToExplain { .. })));
    // Too many conditions.
    let n = MAX_CONDITIONS + 1;
    let cols: Vec<(String, Vec<Option<f64>>)> =
        (0..=n).map(|i| (format!("C{i}"), vec![Some(0.0), Some(1.0)])).collect();
    let wide = Dataset::new(vec!["a".into(), "b".into()], cols).expect("dataset");
    let e = TruthTable::new(&wide, &TruthTableOptions::new(format!("C{n}"))).unwrap_err();
    assert_eq!(e, QcaError::TooManyConditions { count: n, limit: MAX_CONDITIONS });
}

#[test]
fn twenty_conditions_work() {
    // wide20.csv: 20 crisp conditions over 64 cases (see tests/fixtures/qca/DATASETS.md).
    // R QCA 3.23's conservative solution has the 28 positive configurations
    // as its 28 terms; its 15 equivalent parsimonious solutions from 1319
    // prime implicants are checked in tests/qca_reference.rs ("wide20-p").
    let t = tt("wide20", TruthTableOptions::new("Y"));
    assert_eq!(t.configuration_count(), 1 << 20);
    assert_eq!(t.remainder_count(), (1 << 20) - 64);
    let m = t.minimize(&MinimizeOptions::conservative()).expect("minimize");
    assert_eq!(m.solutions().len(), 1);
    assert_eq!(m.solutions()[0].terms().len(), 28);
    assert_eq!(whole(&m.solutions()[0]), (1.0, 1.0, 1.0));
}

#[test]
fn conditions_and_outcomes_from_the_builtin_atlas() {
    use regdev::Atlas;
    use regdev::qca::{AtlasCondition, atlas_dataset};
    let atlas = Atlas::builtin();
    let cols: Vec<(String, AtlasCondition)> = vec![
        ("RICH".into(), "fact:gdp_per_capita/usd:5000,10000,20000".parse().expect("spec")),
        ("RICH13".into(), "fact:gdp_per_capita@2013/usd:5000,10000,20000".parse().expect("spec")),
        ("GLOBAL".into(), "profile:economic_linkages=global".parse().expect("spec")),
        ("OBM".into(), "stage:obm".parse().expect("spec")),
    ];
    let (data, missing) = atlas_dataset(atlas, &cols).expect("dataset");
    assert_eq!(data.len(), atlas.towns().len());
    let at = |col: &str, town: &str| {
        let i = data.cases().iter().position(|c| c == town).expect("town");
        data.column(col).expect("column")[i]
    };
    assert_eq!(at("GLOBAL", "kunshan"), Some(1.0));
    assert_eq!(at("GLOBAL", "shunde"), Some(0.0));
    let (k, s) = (at("RICH", "kunshan").expect("kunshan"), at("RICH", "shunde").expect("shunde"));
    assert!(k > 0.95 && s > 0.5 && s < k, "kunshan {k}, shunde {s}");
    // Every value the atlas lacks is reported with its reason, none dropped.
    let reported =
        |town: &str, col: &str| missing.iter().find(|m| m.town == town && m.column == col).map(|m| m.reason.clone());
    assert_eq!(at("RICH", "yushan"), None);
    assert_eq!(reported("yushan", "RICH").as_deref(), Some("no GDP per head"));
    assert_eq!(reported("kunshan", "GLOBAL"), None);
    assert_eq!(
        missing.len(),
        data.column_names()
            .iter()
            .map(|c| data.column(c).expect("c").iter().filter(|v| v.is_none()).count())
            .sum::<usize>()
    );
    // A value outside the dimension's vocabulary is an error, not a missing value.
    let bad = atlas_dataset(atlas, &[("X".into(), "profile:dynamics=bottom_up".parse().expect("spec"))]).unwrap_err();
    assert!(matches!(bad, QcaError::InvalidOption { .. }), "{bad}");
    assert!("stage:brand".parse::<AtlasCondition>().is_err());
}
