//! The real binary in a pseudo-terminal: keys typed, the screen rebuilt with vt100, the
//! file read back; and the structural checks behind the speed figures.

// Test code: a failed step should stop the test, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../common/mod.rs"]
mod common;

mod e2e;
mod keys;
mod perf;
mod picker;
