//! The interactive workbook's state and behaviour: actions and the key table per context,
//! config, layout, and `update`, which changes the state and returns effects for the loop
//! to carry out. No terminal or file I/O happens here. One file per screen or popup.

pub mod action;
pub mod commit;
pub mod config;
pub mod conflict;
pub mod context;
pub mod drafts;
pub mod editor;
pub mod export;
pub mod header;
pub mod help;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod main_screen;
pub mod picker;
pub mod prompt;
pub mod quit;
pub mod rows;
pub mod saving;
pub mod screens;
pub mod state;
pub mod text;
pub mod update;
