//! `Atlas::write_towns_csv`: both column sets read back with the `csv`
//! crate (as a spreadsheet or pandas would), quoting, codes and
//! specialisations, and every fact's cell.
#![cfg(feature = "csv")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod util;

use regdev::{AdminLevel, Atlas, CsvColumns, IndustryDivision, Name, SourceId, Specialisation, Town, TownId};

fn read(atlas: &Atlas, columns: CsvColumns) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut out = Vec::new();
    atlas.write_towns_csv(atlas.towns(), columns, &mut out).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    (header, reader.records().collect::<Result<_, _>>().unwrap())
}

fn cell<'a>(header: &[String], row: &'a csv::StringRecord, column: &str) -> &'a str {
    let i = header.iter().position(|h| h == column).unwrap_or_else(|| panic!("no column {column}"));
    &row[i]
}

#[test]
fn people_columns_hold_codes_specialisations_and_stated_facts() {
    let atlas = Atlas::builtin();
    let (header, rows) = read(atlas, CsvColumns::People);
    assert_eq!(header, CsvColumns::People.names());
    assert_eq!(rows.len(), atlas.towns().len());
    for (row, town) in rows.iter().zip(atlas.towns()) {
        assert_eq!(row.len(), header.len());
        assert_eq!(cell(&header, row, "id"), town.id().as_str());
        let code = town.statistical_code().map(|c| c.code().as_str().to_owned()).unwrap_or_default();
        assert_eq!(cell(&header, row, "code"), code);
        let specs: Vec<String> =
            town.specialisations().iter().map(|s| format!("{}:{}", s.industry().id(), s.product())).collect();
        assert_eq!(cell(&header, row, "specialisations"), specs.join(";"));
        let f = town.key_facts();
        assert_eq!(
            cell(&header, row, "population"),
            f.population().map(|p| p.value().get().to_string()).unwrap_or_default()
        );
        assert_eq!(
            cell(&header, row, "gdp_currency"),
            f.gdp().map(|g| g.value().currency().code().to_owned()).unwrap_or_default()
        );
        assert_eq!(
            cell(&header, row, "gdp_year"),
            f.gdp().and_then(|g| g.year()).map(|y| y.to_string()).unwrap_or_default()
        );
    }
    let shunde = rows.iter().find(|r| &r[0] == "shunde").unwrap();
    assert_eq!(cell(&header, shunde, "code"), "440606");
    assert_eq!(cell(&header, shunde, "gdp_currency"), "CNY");
    let with_c38 =
        atlas.towns().filter(|t| t.specialisations().iter().any(|s| s.industry() == IndustryDivision::C38)).count();
    assert!(with_c38 >= 2, "the built-in atlas has c38 specialisations");
    assert_eq!(rows.iter().filter(|r| cell(&header, r, "specialisations").contains("c38:")).count(), with_c38);
}

#[test]
fn text_with_commas_quotes_and_line_breaks_round_trips() {
    let src = SourceId::new("s").unwrap();
    let awkward = "Kun, \"Shan\"\nline two";
    let town = Town::builder(TownId::new("t").unwrap(), Name::new(awkward).unwrap(), AdminLevel::Town)
        .province("A, B")
        .specialisation(Specialisation::new(IndustryDivision::C38, "lamps; \"LED\"", src.clone()).unwrap())
        .build()
        .unwrap();
    let atlas = Atlas::builder()
        .source(regdev::Source::new(src, regdev::SourceKind::Dataset, "S").unwrap())
        .town(town)
        .build()
        .unwrap();
    for columns in [CsvColumns::People, CsvColumns::Peers] {
        let (header, rows) = read(&atlas, columns);
        assert_eq!(rows.len(), 1);
        assert_eq!(cell(&header, &rows[0], "name"), awkward);
        assert_eq!(cell(&header, &rows[0], "province"), "A, B");
    }
    let (header, rows) = read(&atlas, CsvColumns::People);
    assert_eq!(cell(&header, &rows[0], "specialisations"), "c38:lamps; \"LED\"");
}

#[test]
fn a_subset_of_towns_and_a_failing_writer() {
    let atlas = Atlas::builtin();
    let mut out = Vec::new();
    atlas.write_towns_csv(atlas.children("kunshan"), CsvColumns::People, &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 11);

    let err = atlas.write_towns_csv(atlas.towns(), CsvColumns::Peers, util::BrokenWriter).unwrap_err();
    assert!(matches!(err, regdev::Error::Io { operation: "writing CSV", .. }), "{err}");
    assert!(err.to_string().contains("disk full"), "{err}");
}
