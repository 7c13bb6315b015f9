//! Writes a synthetic workbook of N items, for measuring start-up and memory:
//! `cargo run --release --example generate -- 10000 /tmp/10k.ron`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(items), Some(path)) = (args.get(1).and_then(|n| n.parse::<usize>().ok()), args.get(2)) else {
        eprintln!("usage: generate ITEMS FILE");
        return ExitCode::from(2);
    };
    let workbook = phasebook::generate::workbook(items, 1);
    match phasebook::store::save(std::path::Path::new(path), &workbook) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
