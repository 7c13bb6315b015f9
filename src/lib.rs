//! phasebook: a terminal workbook for running a customer onboarding engagement phase by
//! phase. The library holds everything; `main.rs` only parses the command line.

pub mod model;
pub mod store;
pub mod templates;
