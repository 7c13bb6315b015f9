//! The RON text form. One fixed pretty-printing, so the same workbook always gives the
//! same bytes and a change to one item is a change to its lines alone.

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::Workbook;

/// How deep nested values may go: far more than any real workbook, far less than the stack.
pub const RECURSION_LIMIT: usize = 96;

pub fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME).with_recursion_limit(RECURSION_LIMIT)
}

fn pretty() -> PrettyConfig {
    PrettyConfig::new()
        .indentor("  ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .extensions(Extensions::IMPLICIT_SOME)
}

/// The workbook as RON text.
pub fn to_ron(workbook: &Workbook) -> Result<String, ron::Error> {
    to_ron_pretty(workbook)
}

/// Any of the store's files (workbooks, recovery files) in the one pretty form.
pub fn to_ron_pretty<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let mut text = ron::ser::to_string_pretty(value, pretty())?;
    text.push('\n');
    Ok(text)
}

/// Parses RON text into any of the file's types.
pub fn from_ron<T: DeserializeOwned>(text: &str) -> Result<T, ron::error::SpannedError> {
    options().from_str(text)
}

/// A value as compact RON, for names of things (e.g. an enum variant as `snake_case`).
pub fn to_ron_value<T: serde::Serialize>(value: &T) -> Result<String, ron::Error> {
    ron::ser::to_string(value)
}

/// A JSON Schema (draft 2020-12) of the workbook, made from the same types and serde
/// attributes the loader reads with: what an author may write, field by field, with the
/// doc comments as descriptions. It describes the workbook's JSON form, which has RON's
/// shape: a `( … )` is an object, `Days(30)` is `{"Days": 30}`, `Purchase` is `"Purchase"`.
pub fn schema() -> String {
    let mut schema =
        schemars::generate::SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<Workbook>();
    schema.insert("title".into(), "phasebook workbook, format version 1".into());
    schema.insert(
        "description".into(),
        format!(
            "A phasebook workbook (format version {}) in its JSON form. A workbook file is RON with the same \
             fields: `( … )` is an object, `[ … ]` an array, a variant with a value such as `Days(30)` is \
             `{{\"Days\": 30}}`, and one without, such as `Purchase`, is the string \"Purchase\". \
             `phasebook validate` checks the rules a schema cannot say: unique ids and what each reference names.",
            crate::model::FORMAT_VERSION
        )
        .into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
