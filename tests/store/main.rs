//! Files and the command line: loading and saving under faults and kills, locks and
//! recovery files, the bundled workbooks, exports, and the commands run as a user runs them.

// Test code: a failed step should stop the test, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../common/mod.rs"]
mod common;

mod calendar;
mod cli;
mod export;
mod git;
mod load_mutations;
mod lock_recovery;
mod save;
mod save_kill;
mod save_race;
mod store;
mod workbooks;
