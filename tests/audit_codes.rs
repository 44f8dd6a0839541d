//! The audit's checks of statistical codes, one hand-made atlas per check,
//! and the same findings through `regdev validate --audit`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use regdev::audit::{Finding, FindingKind, Severity};
use regdev::{
    AdminLevel, Atlas, CodeListing, DivisionCode, Name, Period, Source, SourceId, SourceKind, Town, TownId, Year,
};

fn src() -> SourceId {
    SourceId::new("s").unwrap()
}

fn listing(code: &str, years: Option<(i64, i64)>) -> CodeListing {
    let l = CodeListing::new(DivisionCode::new(code).unwrap(), src());
    match years {
        Some((a, b)) => l.with_validity(Period::new(Year::new(a).unwrap(), Some(Year::new(b).unwrap())).unwrap()),
        None => l,
    }
}

fn town(id: &str, chinese: &str, level: AdminLevel, code: &str, parent: Option<&str>) -> Town {
    let mut b = Town::builder(TownId::new(id).unwrap(), Name::new(id).unwrap().with_chinese(chinese).unwrap(), level)
        .statistical_code(listing(code, None));
    if let Some(p) = parent {
        b = b.parent(TownId::new(p).unwrap());
    }
    b.build().unwrap()
}

fn atlas(towns: Vec<Town>) -> Atlas {
    let mut b = Atlas::builder().source(Source::new(src(), SourceKind::Dataset, "test data").unwrap());
    for t in towns {
        b = b.town(t);
    }
    b.build().unwrap()
}

/// The code findings only (the other checks need facts these towns lack).
fn code_findings(a: &Atlas) -> Vec<Finding> {
    a.audit()
        .into_iter()
        .filter(|f| {
            matches!(
                f.kind(),
                FindingKind::DuplicateCode
                    | FindingKind::CodeParentMismatch
                    | FindingKind::CodeNotInGazetteer
                    | FindingKind::GazetteerNameMismatch
                    | FindingKind::GazetteerLevelMismatch
            )
        })
        .collect()
}

fn yueqing() -> Town {
    town("yueqing", "乐清市", AdminLevel::CountyLevelCity, "330382", None)
}

#[test]
fn consistent_towns_give_no_finding() {
    let a = atlas(vec![yueqing(), town("liushi", "柳市镇", AdminLevel::Town, "330382114", Some("yueqing"))]);
    assert_eq!(code_findings(&a), []);
    // Nor does the built-in atlas.
    assert_eq!(code_findings(Atlas::builtin()), []);
}

#[test]
fn a_code_outside_its_parents_code_is_a_finding() {
    let a = atlas(vec![
        town("yongjia", "永嘉县", AdminLevel::County, "330324", None),
        town("liushi", "柳市镇", AdminLevel::Town, "330382114", Some("yongjia")),
    ]);
    let f = code_findings(&a);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].kind(), f[0].severity(), f[0].town().unwrap().as_str()),
        (FindingKind::CodeParentMismatch, Severity::Warning, "liushi")
    );
    assert_eq!(f[0].field(), "statistical_code");
    assert!(f[0].message().contains("does not start with 330324"), "{}", f[0].message());

    // A parent coded at prefecture level with six digits is a prefix of four.
    let a = atlas(vec![
        town("wenzhou", "温州市", AdminLevel::PrefectureLevelCity, "330300", None),
        town("yueqing", "乐清市", AdminLevel::CountyLevelCity, "330382", Some("wenzhou")),
    ]);
    assert_eq!(code_findings(&a), []);
    // The same code as the parent is not below it.
    let a = atlas(vec![yueqing(), town("copy", "乐清市", AdminLevel::Town, "330382", Some("yueqing"))]);
    let kinds: Vec<FindingKind> = code_findings(&a).iter().map(Finding::kind).collect();
    assert!(kinds.contains(&FindingKind::CodeParentMismatch), "{kinds:?}");
}

#[test]
fn a_code_used_by_two_towns_is_a_finding_on_the_second() {
    let a = atlas(vec![
        yueqing(),
        town("liushi", "柳市镇", AdminLevel::Town, "330382114", Some("yueqing")),
        town("liushi-again", "柳市镇", AdminLevel::Town, "330382114", Some("yueqing")),
    ]);
    let f = code_findings(&a);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].kind(), f[0].town().unwrap().as_str()), (FindingKind::DuplicateCode, "liushi-again"));
    assert!(f[0].message().contains("town 'liushi'"), "{}", f[0].message());
}

#[cfg(feature = "gazetteer")]
#[test]
fn a_name_that_differs_from_the_gazetteers_is_a_finding() {
    let a = atlas(vec![yueqing(), town("liushi", "北白象镇", AdminLevel::Town, "330382114", Some("yueqing"))]);
    let f = code_findings(&a);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].kind(), f[0].field()), (FindingKind::GazetteerNameMismatch, "name.chinese"));
    assert!(f[0].message().contains("北白象镇 differs from the gazetteer's 柳市镇"), "{}", f[0].message());
    // A former name is accepted.
    let a = atlas(vec![town("kdz", "开发区", AdminLevel::DevelopmentZone, "320583400", None)]);
    assert_eq!(code_findings(&a), []);
}

#[cfg(feature = "gazetteer")]
#[test]
fn a_code_missing_from_its_listing_years_or_from_every_release_is_a_finding() {
    let unknown = atlas(vec![town("nowhere", "无名镇", AdminLevel::Town, "330382999", None)]);
    let f = code_findings(&unknown);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].kind(), f[0].severity()), (FindingKind::CodeNotInGazetteer, Severity::Warning));
    assert!(f[0].message().contains("none of the NBS releases 2015–2023"), "{}", f[0].message());

    // 淀山湖镇 is listed 2015-2020: a town saying 2017-2023 is not listed in 2021-2023.
    let t = Town::builder(
        TownId::new("dianshanhu").unwrap(),
        Name::new("Dianshanhu").unwrap().with_chinese("淀山湖镇").unwrap(),
        AdminLevel::Town,
    )
    .statistical_code(listing("320583105", Some((2017, 2023))))
    .build()
    .unwrap();
    let f = code_findings(&atlas(vec![t]));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].kind(), f[0].field()), (FindingKind::CodeNotInGazetteer, "statistical_code.valid"));
    assert!(f[0].message().contains("2021, 2022, 2023"), "{}", f[0].message());

    // Within the listed years, or before the first covered release: nothing.
    let t = Town::builder(
        TownId::new("dianshanhu").unwrap(),
        Name::new("Dianshanhu").unwrap().with_chinese("淀山湖镇").unwrap(),
        AdminLevel::Town,
    )
    .statistical_code(listing("320583105", Some((2010, 2020))))
    .build()
    .unwrap();
    assert_eq!(code_findings(&atlas(vec![t])), []);

    // A village-level code cannot be checked: info.
    let v = atlas(vec![town("village", "某村", AdminLevel::Village, "330382114201", None)]);
    let f = code_findings(&v);
    assert_eq!((f.len(), f[0].severity()), (1, Severity::Info), "{f:#?}");
}

#[cfg(feature = "gazetteer")]
#[test]
fn a_level_that_differs_from_the_gazetteers_is_a_finding() {
    // 330382114 is a town (镇, township digits 100-199), not a subdistrict.
    let a = atlas(vec![town("liushi", "柳市镇", AdminLevel::Subdistrict, "330382114", None)]);
    let f = code_findings(&a);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].kind(), f[0].field()), (FindingKind::GazetteerLevelMismatch, "level"));
    assert!(f[0].message().contains("Township (Town)"), "{}", f[0].message());
    // A county coded as a town.
    let a = atlas(vec![town("yueqing", "乐清市", AdminLevel::Town, "330382", None)]);
    assert_eq!(code_findings(&a).iter().map(Finding::kind).collect::<Vec<_>>(), [FindingKind::GazetteerLevelMismatch]);
}

#[cfg(all(feature = "cli", feature = "gazetteer"))]
#[test]
fn validate_audit_reports_each_code_finding() {
    let a = atlas(vec![
        town("yongjia", "永嘉县", AdminLevel::County, "330324", None),
        town("liushi", "柳市镇", AdminLevel::Town, "330382114", Some("yongjia")),
        town("liushi-copy", "柳市镇", AdminLevel::Town, "330382114", None),
        town("wrong-name", "桥头镇", AdminLevel::Subdistrict, "330324001", None),
    ]);
    let dir = std::env::temp_dir().join(format!("regdev-audit-codes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("atlas.json");
    std::fs::write(&path, a.to_json_pretty().unwrap()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_regdev"))
        .args(["validate", "--audit"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("town 'liushi', field 'statistical_code': code 330382114 does not start with 330324"),
        "{stdout}"
    );
    assert!(
        stdout
            .contains("town 'liushi-copy', field 'statistical_code': code 330382114 is also the code of town 'liushi'"),
        "{stdout}"
    );
    assert!(
        stdout.contains("town 'wrong-name', field 'name.chinese': name 桥头镇 differs from the gazetteer's"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
