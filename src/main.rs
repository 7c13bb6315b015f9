use std::process::ExitCode;

use clap::Parser;
use phasebook::cli::{self, Cli};
use phasebook::i18n::visible;

fn main() -> ExitCode {
    let _ = color_eyre::install();
    let raw: Vec<String> = std::env::args().collect();
    let args = match Cli::try_parse_from(&raw) {
        Ok(args) => args,
        Err(e) => return cli::usage_error(e, &raw),
    };
    let result = match &args.command {
        Some(command) => cli::run(command, &args, &mut std::io::stdout(), &mut std::io::stderr()).map_err(Into::into),
        None => phasebook::run_interactive(&args),
    };
    match result {
        Ok(code) => code,
        Err(report) => {
            // The chain of causes on one line each; a file name or a workbook's text in it
            // is shown, never sent to the terminal as control characters.
            let mut text = format!("Error: {report}");
            for cause in report.chain().skip(1) {
                text.push_str(&format!("\n  caused by: {cause}"));
            }
            eprintln!("{}", visible::terminal(&text));
            ExitCode::from(1)
        }
    }
}
