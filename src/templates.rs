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

/// A template of the user's own: a workbook file in the data folder's `templates/`.
#[derive(Debug, Clone)]
pub struct UserTemplate {
    pub path: std::path::PathBuf,
    pub workbook: Workbook,
}

/// Why a template named on the command line cannot be had.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error(
        "no template {name:?} in {language:?}: `phasebook templates` lists them, or name a workbook file to use as one"
    )]
    NotFound { name: String, language: String },
    /// More than one template has this id and language: the bundled one, or files in the
    /// data folder (their paths; `None` for the bundled one).
    #[error(
        "template {name:?} in {language:?} is more than one: {}; give the path of the file you mean (`--template PATH`), or move yours aside for the bundled one",
        shown(places)
    )]
    Ambiguous { name: String, language: String, places: Vec<Option<std::path::PathBuf>> },
    #[error(transparent)]
    Load(#[from] LoadError),
}

impl TemplateError {
    /// The message in `lang`.
    pub fn in_lang(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::messages::{fill, load_error, table};
        match (self, table(lang)) {
            (TemplateError::NotFound { name, language }, Some(m)) => fill(
                &m.template_not_found,
                &[("name", &format!("{name:?}")), ("language", &language_name(m, language))],
            ),
            (TemplateError::Ambiguous { name, language, places }, Some(m)) => {
                let places = places
                    .iter()
                    .map(|p| p.as_ref().map_or_else(|| m.template_bundled.clone(), |p| p.display().to_string()))
                    .collect::<Vec<_>>()
                    .join(", ");
                fill(
                    &m.template_ambiguous,
                    &[("name", &format!("{name:?}")), ("language", &language_name(m, language)), ("places", &places)],
                )
            }
            (TemplateError::Load(e), _) => load_error(e, lang),
            (e, None) => e.to_string(),
        }
    }
}

/// A language's name in the table's words, or its code.
fn language_name(m: &crate::i18n::messages::Messages, code: &str) -> String {
    match code {
        "en" => m.language_en.clone(),
        "sv" => m.language_sv.clone(),
        other => format!("{other:?}"),
    }
}

/// The templates in `folder` (the data folder's `templates/`), sorted by file name, and the
/// files there that could not be read as workbooks, with why. No folder, no templates.
pub fn user_templates(folder: &Path) -> (Vec<UserTemplate>, Vec<LoadError>) {
    let mut paths: Vec<_> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
        .collect();
    paths.sort();
    let (mut found, mut failed) = (Vec::new(), Vec::new());
    for path in paths {
        match crate::store::load(&path) {
            Ok(workbook) => found.push(UserTemplate { path, workbook: crate::model::template::cleared(&workbook) }),
            Err(e) => failed.push(e),
        }
    }
    (found, failed)
}

/// The process a new workbook starts from, with no engagement's state in it: `name` is a
/// workbook file (one that exists, or has a folder or a `.ron` ending), or the id of a
/// bundled template or one in `user_folder`, in `language`.
pub fn resolve(name: &str, language: &str, user_folder: Option<&Path>) -> Result<Workbook, TemplateError> {
    let as_path = Path::new(name);
    let json = as_path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    // Anything there (a folder too, which then says it is one), or anything that reads as a path.
    let is_file = as_path.exists()
        || as_path.components().count() > 1
        || json
        || as_path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    if is_file {
        let workbook = if json { crate::store::load_json(as_path)? } else { crate::store::load(as_path)? };
        return Ok(crate::model::template::cleared(&workbook));
    }
    let own = user_folder.map(|folder| user_templates(folder).0).unwrap_or_default();
    let mut own: Vec<UserTemplate> =
        own.into_iter().filter(|t| t.workbook.meta.template == name && t.workbook.meta.language == language).collect();
    let bundled = find(name, language);
    if own.len() + usize::from(bundled.is_some()) > 1 {
        let mut places: Vec<Option<std::path::PathBuf>> = bundled.iter().map(|_| None).collect();
        places.extend(own.into_iter().map(|t| Some(t.path)));
        return Err(TemplateError::Ambiguous { name: name.into(), language: language.into(), places });
    }
    match (bundled, own.pop()) {
        (Some(bundled), _) => Ok(bundled.workbook()?),
        (None, Some(t)) => Ok(t.workbook),
        (None, None) => Err(TemplateError::NotFound { name: name.into(), language: language.into() }),
    }
}

/// Where the templates of one id are, for a message: "bundled", and their files.
fn shown(places: &[Option<std::path::PathBuf>]) -> String {
    places
        .iter()
        .map(|p| p.as_ref().map_or_else(|| "bundled".to_string(), |p| p.display().to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}
