//! The interactive workbook's state and behaviour: actions, key bindings, config, and
//! `update`, which changes the state and returns effects for the loop to carry out. No
//! terminal I/O happens here.

pub mod action;
pub mod config;
pub mod conflict;
pub mod drafts;
pub mod keys;
pub mod screens;
pub mod state;
pub mod update;
