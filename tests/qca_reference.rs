//! Every scenario of `tests/fixtures/qca/reference.json`, the output of
//! R's `QCA` 3.23 (`tests/fixtures/qca/reference.R`, run with R 4.2.2 on
//! the CSV copies of QCA's datasets in the same folder), reproduced: truth
//! tables (row numbers, n, inclusion, PRI, output, cases), prime
//! implicants, every minimal solution with its terms in R's printed order,
//! inclusion, PRI and coverage of solutions and terms, and the simplifying
//! assumptions of parsimonious solutions.
#![cfg(feature = "qca")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use regdev::qca::{Dataset, MinimizeOptions, TruthTable, TruthTableOptions};
use serde_json::Value;

const TOL: f64 = 1e-9;

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn strs(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect(),
        Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || (a - b).abs() < TOL
}

fn options(s: &Value) -> TruthTableOptions {
    let outcome = s["outcome"].as_str().unwrap_or_default();
    let conds = strs(&s["conditions"]);
    let refs: Vec<&str> = conds.iter().map(String::as_str).collect();
    let cuts: Vec<f64> = s["incl_cut"].as_array().map(|a| a.iter().filter_map(num).collect()).unwrap_or_default();
    let o = TruthTableOptions::new(outcome)
        .conditions(&refs)
        .and_then(|o| o.n_cut(s["n_cut"].as_u64().unwrap_or(1)))
        .expect("reference options");
    match cuts.as_slice() {
        [a, b] => o.incl_cuts_two(*a, *b).expect("reference cut-offs"),
        [a] => o.incl_cut(*a).expect("reference cut-off"),
        _ => o,
    }
}

#[test]
fn every_reference_scenario_matches_r_qca() {
    let text = std::fs::read_to_string("tests/fixtures/qca/reference.json").expect("fixture");
    let scenarios: Vec<Value> = serde_json::from_str(&text).expect("json");
    assert!(scenarios.len() >= 40, "{} scenarios", scenarios.len());
    let mut failures = Vec::new();
    let mut solutions_checked = 0;
    for s in &scenarios {
        let id = s["id"].as_str().unwrap_or("?");
        let file = s["file"].as_str().unwrap_or_default();
        let data = Dataset::from_csv_path(format!("tests/fixtures/qca/{file}")).expect("dataset");
        let tt = TruthTable::new(&data, &options(s));
        let kind = s["kind"].as_str().unwrap_or_default();
        if let Some(err) = s.get("error").and_then(Value::as_str) {
            // R refused: so must we.
            let ours = tt.and_then(|tt| tt.minimize(&mopts(kind, s)));
            if ours.is_ok() {
                failures.push(format!("{id}: R failed ({err:?}) but we did not"));
            }
            continue;
        }
        let tt = match tt {
            Ok(tt) => tt,
            Err(e) => {
                failures.push(format!("{id}: truth table: {e}"));
                continue;
            }
        };
        // Truth table.
        let rows = s["tt"].as_array().cloned().unwrap_or_default();
        if rows.len() != tt.rows().len() {
            failures.push(format!("{id}: {} truth-table rows, R has {}", tt.rows().len(), rows.len()));
        }
        for (r, ours) in rows.iter().zip(tt.rows()) {
            let ok = num(&r["index"]) == Some(ours.index() as f64)
                && num(&r["n"]) == Some(ours.n() as f64)
                && num(&r["incl"]).is_none_or(|v| close(v, ours.incl()))
                && num(&r["pri"]).is_none_or(|v| close(v, ours.pri()))
                && r["out"].as_str() == Some(&ours.out().to_string())
                && strs(&r["cases"]) == ours.cases();
            if !ok {
                failures.push(format!("{id}: row {r} differs from ours {ours:?}"));
            }
        }
        // Minimisation.
        let m = match tt.minimize(&mopts(kind, s)) {
            Ok(m) => m,
            Err(e) => {
                failures.push(format!("{id}: minimize: {e}"));
                continue;
            }
        };
        if let Some(primes) = s.get("primes") {
            if strs(primes) != m.prime_implicants() {
                failures.push(format!("{id}: primes {:?}, R {:?}", m.prime_implicants(), strs(primes)));
            }
        }
        let rsols = s["solutions"].as_array().cloned().unwrap_or_default();
        let ours: Vec<String> = m.solutions().iter().map(|x| x.expression().to_owned()).collect();
        let theirs: Vec<String> = rsols.iter().map(|x| strs(&x["terms"]).join(" + ")).collect();
        if ours != theirs {
            failures.push(format!("{id}: solutions {ours:?}, R {theirs:?}"));
            continue;
        }
        for (rs, os) in rsols.iter().zip(m.solutions()) {
            solutions_checked += 1;
            let whole = [("incl", os.incl()), ("pri", os.pri()), ("cov", os.cov())];
            for (k, v) in whole {
                if !num(&rs[k]).is_some_and(|r| close(r, v)) {
                    failures.push(format!("{id} {}: solution {k} {v}, R {}", os.label(), rs[k]));
                }
            }
            if let Some(label) = rs["label"].as_str() {
                if label != os.label() {
                    failures.push(format!("{id}: label {} vs R {label}", os.label()));
                }
            }
            for f in rs["fit"].as_array().cloned().unwrap_or_default() {
                let name = f["term"].as_str().unwrap_or_default().trim();
                let Some(t) = os.terms().iter().find(|t| t.expression() == name) else {
                    failures.push(format!("{id}: R term {name} not in {}", os.expression()));
                    continue;
                };
                for (k, v) in
                    [("incl", t.incl()), ("pri", t.pri()), ("cov_raw", t.cov_raw()), ("cov_unique", t.cov_unique())]
                {
                    // R prints no unique coverage ("-") for a one-term solution.
                    if k == "cov_unique" && f[k].is_null() && os.terms().len() == 1 {
                        continue;
                    }
                    if !num(&f[k]).is_some_and(|r| close(r, v)) {
                        failures.push(format!("{id} {}: term {name} {k} {v}, R {}", os.label(), f[k]));
                    }
                }
            }
        }
        if let Some(sa) = s.get("sa").and_then(Value::as_object) {
            let theirs: Vec<Vec<u64>> = sa
                .values()
                .map(|v| v.as_array().map(|a| a.iter().filter_map(Value::as_u64).collect()).unwrap_or_default())
                .collect();
            if theirs != m.simplifying_assumptions() {
                failures.push(format!("{id}: SA {:?}, R {theirs:?}", m.simplifying_assumptions()));
            }
        }
    }
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
    assert!(solutions_checked >= 60, "only {solutions_checked} solutions compared");
}

fn mopts(kind: &str, s: &Value) -> MinimizeOptions {
    match kind {
        "parsimonious" => MinimizeOptions::parsimonious(),
        "intermediate" => MinimizeOptions::intermediate(strs(&s["dir_exp"]).join(",").parse().expect("dir.exp")),
        _ => MinimizeOptions::conservative(),
    }
}
