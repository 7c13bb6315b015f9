//! Feeds arbitrary bytes to the workbook loader: it must answer Ok or Err, never panic,
//! overflow the stack or hang. Whatever it accepts must also save and load back the same,
//! since a workbook that opens but cannot be saved would trap the user's edits.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use phasebook::store::{load_bytes, to_ron};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.ron");
    if let Ok(workbook) = load_bytes(path, data) {
        let text = match to_ron(&workbook) {
            Ok(text) => text,
            Err(e) => panic!("a loaded workbook does not serialize: {e}"),
        };
        match load_bytes(path, text.as_bytes()) {
            Ok(again) => assert_eq!(again, workbook, "a loaded workbook reads back different"),
            Err(e) => panic!("a loaded workbook does not load back after saving: {e}\n{text}"),
        }
    }
});
