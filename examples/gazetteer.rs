//! The gazetteer of statistical divisions: a code, a repeated name, a walk
//! down from a county, and the releases listing a township.
//!
//! `cargo run --example gazetteer [QUERY]`
//!
//! Output piped into a reader that stops early (`| head`) ends the example
//! quietly instead of panicking as `println!` does on a closed pipe.

use std::io::{self, Write};

use regdev::gazetteer::Gazetteer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    match run(&mut io::stdout().lock()) {
        Err(e) if e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) => Ok(()),
        other => other,
    }
}

fn run(out: &mut impl Write) -> Result<(), Box<dyn std::error::Error>> {
    let g = Gazetteer::builtin();
    let query = std::env::args().nth(1).unwrap_or_else(|| "330382114".to_owned());
    let covered: Vec<i64> = g.releases().iter().map(|y| y.get()).collect();
    writeln!(out, "{} units from the NBS releases {:?}", g.len(), covered)?;

    for d in g.find(&query)? {
        let chain: Vec<String> = d.ancestors().map(|a| a.to_string()).collect();
        let listed = d.listed();
        writeln!(
            out,
            "{d} ({}), under {}; listed {}–{}",
            d.level(),
            chain.join(" → "),
            listed.first().get(),
            listed.last().get()
        )?;
    }

    let qiaotou = g.by_name("桥头镇");
    writeln!(out, "\n{} units are named 桥头镇:", qiaotou.len())?;
    for d in &qiaotou {
        let province = d.ancestors().last().map(|p| p.name()).unwrap_or("?");
        writeln!(out, "  {d} in {province}")?;
    }

    let kunshan = g.get("320583")?.ok_or("320583 is not listed")?;
    writeln!(out, "\n{kunshan} has {} township-level units:", kunshan.children().len())?;
    for town in kunshan.children() {
        let years: Vec<i64> = town.listed().years().map(|y| y.get()).collect();
        writeln!(out, "  {town}: {:?} {years:?}", town.township_kind())?;
    }
    Ok(())
}
