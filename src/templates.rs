//! The workbooks bundled into the binary, one per template and language.

use std::path::Path;

use crate::model::Workbook;
use crate::store::{LoadError, load_bytes};

/// A bundled workbook: its template id, language and RON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    pub id: &'static str,
    pub language: &'static str,
    pub file_name: &'static str,
    pub text: &'static str,
}

pub const TEMPLATES: &[Template] = &[
    Template {
        id: "intune-fasttrack",
        language: "en",
        file_name: "intune-fasttrack.en.ron",
        text: include_str!("../workbooks/intune-fasttrack.en.ron"),
    },
    Template {
        id: "intune-fasttrack",
        language: "sv",
        file_name: "intune-fasttrack.sv.ron",
        text: include_str!("../workbooks/intune-fasttrack.sv.ron"),
    },
];

/// The template opened when none is named.
pub const DEFAULT_TEMPLATE: &str = "intune-fasttrack";

/// Finds a bundled template by id and language.
pub fn find(id: &str, language: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id && t.language == language)
}

impl Template {
    /// Parses the bundled text. It is checked by the test suite, so this fails only on a broken build.
    pub fn workbook(&self) -> Result<Workbook, LoadError> {
        load_bytes(Path::new(self.file_name), self.text.as_bytes())
    }
}
