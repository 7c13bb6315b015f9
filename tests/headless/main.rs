//! The interface without a terminal: `update` fed with keys and messages, the screens drawn
//! into ratatui's TestBackend, and the effect runner over the file-operations seam.

// Test code: a failed step should stop the test, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../common/mod.rs"]
mod common;

mod app;
mod conflict;
mod drafts;
mod flow;
mod keys;
mod model_based;
mod picker;
mod record;
mod runner;
mod screens;
