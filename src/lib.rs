//! phasebook: a terminal workbook for running a customer onboarding engagement phase by
//! phase. The library holds everything; `main.rs` only parses the command line.

pub mod cli;
pub mod i18n;
pub mod model;
pub mod report;
pub mod store;
pub mod templates;

/// Opens the interactive workbook.
pub fn run_interactive(_cli: &cli::Cli) -> color_eyre::Result<std::process::ExitCode> {
    eprintln!("The interactive workbook is not built yet; try `phasebook status FILE`.");
    Ok(std::process::ExitCode::from(2))
}
pub mod app;
