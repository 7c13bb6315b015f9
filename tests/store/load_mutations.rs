//! Hostile workbooks: valid files mutated the ways disks, editors and merges break them
//! (bit flips, cuts, insertions, duplicated and deleted runs, stray RON tokens), fed to the
//! loader. It must answer Ok or Err and never panic; whatever it accepts must save and load
//! back the same, or the user could open a file and never save it again.

use std::path::Path;

use phasebook::store::{load_bytes, to_ron};
use phasebook::templates::TEMPLATES;
use proptest::prelude::*;

/// The valid workbooks mutations start from.
fn seeds() -> Vec<Vec<u8>> {
    let mut seeds = vec![crate::common::readme_example().into_bytes()];
    seeds.extend(TEMPLATES.iter().map(|t| t.text.as_bytes().to_vec()));
    seeds
}

/// Pieces of RON that turn a byte-level mutation into a structural one.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "Some(",
    "None",
    "true",
    "false",
    "-1",
    "4294967296",
    "1e999",
    "\"2026-02-30\"",
    "r#\"",
    "#![enable(implicit_some)]",
    "/*",
    "*/",
    "//",
    "\n",
    "version: 2",
    "id: \"x\"",
    "status: Done",
    "when: Not(",
    "Is(\"identity\", \"cloud\")",
    "within: Months(",
    "\u{feff}",
    "é",
    "\u{10ffff}",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Flips one bit.
    Flip { at: usize, bit: u8 },
    /// Sets one byte.
    Set { at: usize, byte: u8 },
    /// Cuts the file short.
    Truncate { at: usize },
    /// Inserts bytes.
    Insert { at: usize, bytes: Vec<u8> },
    /// Inserts a RON token.
    Token { at: usize, token: usize },
    /// Copies a run of the file to another place, as a bad merge does.
    Duplicate { from: usize, len: usize, to: usize },
    /// Deletes a run.
    Delete { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (at, 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        (at, any::<u8>()).prop_map(|(at, byte)| Mutation::Set { at, byte }),
        at.prop_map(|at| Mutation::Truncate { at }),
        (at, prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (at, 0..TOKENS.len()).prop_map(|(at, token)| Mutation::Token { at, token }),
        (at, 1usize..400, at).prop_map(|(from, len, to)| Mutation::Duplicate { from, len, to }),
        (at, 1usize..200).prop_map(|(at, len)| Mutation::Delete { at, len }),
    ]
}

/// Applies `m`; positions wrap around the current length so every mutation lands.
fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len().max(1);
    match m {
        Mutation::Flip { at, bit } if !bytes.is_empty() => bytes[at % n] ^= 1 << bit,
        Mutation::Set { at, byte } if !bytes.is_empty() => bytes[at % n] = *byte,
        Mutation::Truncate { at } => bytes.truncate(at % n),
        Mutation::Insert { at, bytes: new } => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, new.iter().copied());
        }
        Mutation::Token { at, token } => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, TOKENS[*token].bytes());
        }
        Mutation::Duplicate { from, len, to } if !bytes.is_empty() => {
            let from = from % n;
            let run: Vec<u8> = bytes[from..(from + len).min(bytes.len())].to_vec();
            let to = to % (bytes.len() + 1);
            bytes.splice(to..to, run);
        }
        Mutation::Delete { at, len } if !bytes.is_empty() => {
            let at = at % n;
            bytes.drain(at..(at + len).min(bytes.len()));
        }
        _ => {}
    }
}

/// The loader's whole contract on one input.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let path = Path::new("mutated.ron");
    if let Ok(workbook) = load_bytes(path, bytes) {
        let text = to_ron(&workbook).map_err(|e| TestCaseError::fail(format!("loads but does not serialize: {e}")))?;
        match load_bytes(path, text.as_bytes()) {
            Ok(again) => prop_assert_eq!(again, workbook, "loads but reads back different"),
            Err(e) => return Err(TestCaseError::fail(format!("loads but its saved text does not: {e}\n{text}"))),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn mutated_workbooks_load_or_fail_cleanly(seed in any::<prop::sample::Index>(), mutations in prop::collection::vec(mutation(), 1..6)) {
        let seeds = seeds();
        let mut bytes = seeds[seed.index(seeds.len())].clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check(&bytes)?;
    }

    #[test]
    fn a_workbook_cut_anywhere_loads_or_fails_cleanly(seed in any::<prop::sample::Index>(), cut in any::<prop::sample::Index>()) {
        let seeds = seeds();
        let bytes = &seeds[seed.index(seeds.len())];
        check(&bytes[..cut.index(bytes.len() + 1)])?;
    }
}

#[test]
fn every_single_byte_deletion_of_the_example_loads_or_fails_cleanly() {
    let bytes = crate::common::readme_example().into_bytes();
    for at in 0..bytes.len() {
        let mut cut = bytes.clone();
        cut.remove(at);
        check(&cut).unwrap_or_else(|e| panic!("deleting byte {at}: {e}"));
    }
}
