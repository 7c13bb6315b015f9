//! phasebook: a terminal workbook for running a customer onboarding engagement phase by
//! phase. The library holds everything; `main.rs` only parses the command line.
//!
//! `model` is the domain (no terminal, no files), `store` reads and writes workbook
//! files, `app` holds the interface state and `update`, `ui` draws it, and `run` is the
//! loop that ties them to a real terminal.

pub mod app;
pub mod cli;
pub mod export;
pub mod generate;
pub mod git;
pub mod i18n;
pub mod model;
pub mod report;
pub mod run;
pub mod store;
pub mod templates;
pub mod ui;

/// Where phasebook keeps its files for this user: the data folder (working copy, recovery
/// files, templates of the user's own) and the config folder.
pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "phasebook")
}

/// Opens the interactive workbook.
pub fn run_interactive(cli: &cli::Cli) -> color_eyre::Result<std::process::ExitCode> {
    run::run(cli)
}
