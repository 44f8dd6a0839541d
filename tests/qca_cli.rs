//! `regdev qca` and `regdev qca calibrate` end to end.
#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod util;

fn run(args: &[&str]) -> (i32, String, String) {
    util::run(args).into_parts()
}

#[test]
fn json_output_has_truth_table_and_solutions() {
    // The intermediate solution of Lipset's fuzzy data printed in QCA's help
    // page of minimize(): DEV*URB*LIT*STB + DEV*LIT*~IND*STB (0.866/0.839/0.660).
    let (code, out, err) = run(&[
        "qca",
        "tests/fixtures/qca/LF.csv",
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--solution",
        "intermediate",
        "--dir-exp",
        "DEV=1,URB=1,LIT=1,IND=1,STB=1",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let rows = v["truth_table"].as_array().expect("rows");
    assert_eq!(rows.len(), 9);
    let row = &rows[0];
    for key in ["configuration", "n", "incl", "pri", "out", "cases"] {
        assert!(row.get(key).is_some(), "truth-table row lacks {key}: {row}");
    }
    assert_eq!(row["configuration"]["DEV"], 0);
    let sol = &v["solutions"][0];
    assert_eq!(sol["expression"], "DEV*URB*LIT*STB + DEV*LIT*~IND*STB");
    assert_eq!((sol["cov"].as_f64().unwrap() * 1000.0).round(), 660.0);
    let term = &sol["terms"][1];
    assert_eq!(term["expression"], "DEV*LIT*~IND*STB");
    for key in ["incl", "pri", "cov_raw", "cov_unique"] {
        assert!(term[key].is_number(), "term lacks {key}");
    }
    assert_eq!((term["cov_unique"].as_f64().unwrap() * 1000.0).round(), 191.0);
}

#[test]
fn table_output_lists_every_equivalent_solution() {
    let (code, out, err) = run(&[
        "qca",
        "tests/fixtures/qca/CVF.csv",
        "--outcome",
        "PROTEST",
        "--incl-cut",
        "0.8",
        "--solution",
        "parsimonious",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "M4: ~NATPRIDE + DEMOC*GEOCON*POLDIS + DEMOC*ETHFRACT*~POLDIS + ETHFRACT*GEOCON*POLDIS -> PROTEST"
        ),
        "{out}"
    );
    assert!(out.contains("Truth table: outcome PROTEST, incl_cut 0.8, n_cut 1; 17 observed configurations"), "{out}");
}

#[test]
fn conditions_and_mv_outcome_level() {
    let (code, out, err) =
        run(&["qca", "tests/fixtures/qca/LM.csv", "--outcome", "SURV", "--conditions", "DEV,URB,LIT,IND"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("M1: DEV[2]*LIT[1]*IND[1] + DEV[1]*URB[0]*LIT[1]*IND[0] -> SURV"), "{out}");
}

#[test]
fn calibrate_prints_one_membership_per_line() {
    // R: calibrate(c(1000, 5000, 20000, 34400), thresholds = "e=2500, c=5000, i=20000")
    // (tests/fixtures/qca/calibrate.csv).
    let (code, out, err) =
        run(&["qca", "calibrate", "--thresholds", "2500,5000,20000", "1000", "5000", "20000", "34400"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "0.008915\n0.500000\n0.950000\n0.996893\n");
    let (code, out, _) = run(&["qca", "calibrate", "--crisp", "4000,20000", "1000", "4000", "30000"]);
    assert_eq!(code, 0);
    assert_eq!(out, "0\n1\n2\n");
}

#[test]
fn bad_input_names_the_culprit() {
    let (code, _, err) = run(&["qca", "tests/fixtures/qca/LC.csv", "--outcome", "SURVIVAL"]);
    assert_eq!(code, 1);
    assert!(err.contains("'SURVIVAL' is not a column"), "{err}");
    let (code, _, err) = run(&["qca", "tests/fixtures/qca/LC.csv", "--outcome", "SURV", "--solution", "intermediate"]);
    assert_eq!(code, 2);
    assert!(err.contains("--dir-exp"), "{err}");
    let (code, _, err) = run(&["qca", "calibrate", "--thresholds", "1,2", "5"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&["qca", "calibrate", "--thresholds", "5,1,9", "5"]);
    assert_eq!(code, 1);
    assert!(err.contains("crossover"), "{err}");
}

#[test]
fn conditions_from_an_atlas() {
    let (code, out, err) = run(&[
        "qca",
        "--atlas",
        "builtin",
        "--condition",
        "GOVLED=profile:dynamics=government_led",
        "--condition",
        "GLOBAL=profile:economic_linkages=global",
        "--outcome",
        "GLOBAL",
        "--format",
        "json",
    ]);
    // Every town without the dimension is named, not silently dropped.
    assert!(err.contains("note: yushan has no GOVLED: profile has no dynamics"), "{err}");
    // Since the built-in cases of every model (Wuxi and Huaxi are
    // government-led with local linkages beside Kunshan, government-led and
    // global), no configuration is consistently GLOBAL: the CLI says so.
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("nothing to explain: no configuration has output 1"), "{err}");
}
