//! `regdev lookup`: codes, names, both output formats, unknown and
//! malformed queries.
#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod util;

use serde_json::Value;
use util::run;

#[test]
fn a_township_code_prints_its_name_parents_and_listing_years() {
    let r = run(&["lookup", "330382114"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    assert!(lines[0].starts_with("code") && lines[0].contains("parents") && lines[0].contains("listed"));
    let row = lines[2];
    assert!(row.starts_with("330382114  柳市镇"), "{row}");
    assert!(row.contains("Township"), "{row}");
    assert!(row.contains("乐清市 → 温州市 → 浙江省"), "{row}");
    assert!(row.ends_with("2015–2023"), "{row}");
}

#[test]
fn twelve_digit_codes_and_prefecture_codes_work_too() {
    let r = run(&["lookup", "330382114000"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("柳市镇"));
    let r = run(&["lookup", "3303", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v[0]["code"], "330300");
    assert_eq!(v[0]["level"], "prefecture");
    assert_eq!(v[0]["parents"], serde_json::json!([{"code": "330000", "name": "浙江省"}]));
}

#[test]
fn json_has_the_documented_fields_with_parents_from_the_province_down() {
    let r = run(&["lookup", "330382114", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 1);
    let m = &arr[0];
    assert_eq!(m["code"], "330382114");
    assert_eq!(m["name"], "柳市镇");
    assert_eq!(m["level"], "township");
    let parents: Vec<(&str, &str)> = m["parents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["code"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    assert_eq!(parents, [("330000", "浙江省"), ("330300", "温州市"), ("330382", "乐清市")]);
    assert_eq!(m["listed"], serde_json::json!([2015, 2023]));
}

#[test]
fn a_repeated_name_lists_every_unit_with_it() {
    let r = run(&["lookup", "桥头镇", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert!(arr.len() >= 2);
    let province = |m: &Value| m["parents"][0]["name"].as_str().unwrap().to_owned();
    let zhejiang = arr.iter().find(|m| m["code"] == "330324102").expect("Yongjia's 桥头镇");
    assert_eq!(province(zhejiang), "浙江省");
    let dongguan = arr.iter().find(|m| m["code"] == "441900107").expect("Dongguan's 桥头镇");
    assert_eq!(province(dongguan), "广东省");
    assert_eq!(dongguan["parents"].as_array().unwrap().len(), 2, "Dongguan has no county level");
    assert!(arr.iter().all(|m| m["name"] == "桥头镇"));

    let table = run(&["lookup", "桥头镇"]);
    assert_eq!(table.code, 0);
    assert_eq!(table.stdout.lines().count(), arr.len() + 2);
    assert!(table.stdout.contains("永嘉县 → 温州市 → 浙江省"));
    assert!(table.stdout.contains("东莞市 → 广东省"));
}

#[test]
fn a_unit_listed_in_part_of_the_releases_says_which() {
    let r = run(&["lookup", "320583105"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("淀山湖镇") && r.stdout.trim_end().ends_with("2015–2020"), "{}", r.stdout);
}

#[test]
fn unknown_codes_and_names_exit_1_with_a_clear_message() {
    let r = run(&["lookup", "330382999"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("no statistical division has the code 330382999"), "{}", r.stderr);
    assert!(r.stderr.contains("2015–2023"), "{}", r.stderr);

    let r = run(&["lookup", "不存在镇"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no statistical division is named '不存在镇'"), "{}", r.stderr);
}

#[test]
fn malformed_codes_exit_1_naming_the_problem() {
    let r = run(&["lookup", "3303821"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("invalid statistical division code \"3303821\""), "{}", r.stderr);
    assert!(r.stderr.contains("this one has 7"), "{}", r.stderr);
    let r = run(&["lookup", "330382114201"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("village-level"), "{}", r.stderr);
}
