//! The workbook domain: the types a workbook file holds and the rules over them
//! (scope, progress, gates, deadlines). Pure data and functions: no terminal, no files.

pub mod agenda;
pub mod assess;
pub mod calendar;
pub mod check;
pub mod condition;
pub mod deadline;
pub mod decision;
pub mod due;
pub mod edit;
pub mod engagement;
pub mod gate;
pub mod history;
pub mod items;
pub mod meeting;
pub mod merge;
pub mod names;
pub mod portfolio;
pub mod reapply;
pub mod rollup;
pub mod scope;
pub mod template;
pub mod workbook;

#[cfg(test)]
pub(crate) mod fixture;

pub use condition::Condition;
pub use rollup::{Progress, Rollup};
pub use workbook::*;
