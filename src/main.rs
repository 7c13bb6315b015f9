use std::process::ExitCode;

use clap::Parser;
use phasebook::cli::{self, Cli};

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let args = Cli::parse();
    match &args.command {
        Some(command) => Ok(cli::run(command, &args, &mut std::io::stdout(), &mut std::io::stderr())?),
        None => Ok(phasebook::run_interactive(&args)?),
    }
}
