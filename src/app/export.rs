//! The export dialog: a format and a file, the file named beside the workbook from the
//! customer, the format and the day until the user types a name of their own.

use std::path::{Path, PathBuf};

use crossterm::event::KeyEvent;

use super::action::Action;
use super::state::{App, Mode};
use super::text;
use super::update::Effect;
use crate::export::Format;

/// What the export dialog answers to beside the text keys.
pub const ACTIONS: &[Action] = &[Action::NextFormat, Action::PrevFormat, Action::Submit, Action::Cancel];

pub fn open(app: &mut App) {
    let format = Format::Md;
    // The suggested name stands selected, as every prompt's value does: typing replaces it.
    app.mode = Mode::Export { format, path: text::selected(&default_path(app, format)), edited: false };
}

/// Where a snapshot goes unless the user says otherwise: beside the workbook.
fn default_path(app: &App, format: Format) -> String {
    let name = crate::export::default_file_name(&app.workbook, format, app.today());
    match app.path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.join(name).display().to_string(),
        _ => name,
    }
}

/// A name typed without a folder goes where the suggested one would: beside the workbook,
/// whichever folder phasebook happened to be started from. One with a folder (the suggested
/// one, `eng/contoso-status.md`) is where it says.
fn beside_workbook(workbook: &Path, target: PathBuf) -> PathBuf {
    let bare_name = target.parent().is_none_or(|p| p.as_os_str().is_empty());
    match workbook.parent() {
        Some(folder) if bare_name && !folder.as_os_str().is_empty() => folder.join(target),
        _ => target,
    }
}

pub fn act(app: &mut App, action: Option<Action>, key: Option<KeyEvent>) -> Vec<Effect> {
    let Mode::Export { format, path, edited } = &mut app.mode else { return Vec::new() };
    match action {
        Some(Action::Cancel) => app.mode = Mode::Normal,
        Some(step @ (Action::NextFormat | Action::PrevFormat)) => {
            let at = Format::ALL.iter().position(|f| f == format).unwrap_or(0);
            let by = if step == Action::PrevFormat { Format::ALL.len() - 1 } else { 1 };
            *format = Format::ALL[(at + by) % Format::ALL.len()];
            if !*edited {
                let format = *format;
                let default = default_path(app, format);
                if let Mode::Export { path, .. } = &mut app.mode {
                    *path = text::selected(&default);
                }
            }
        }
        Some(Action::Submit) => {
            let target = path.lines().join("").trim().to_string();
            if target.is_empty() {
                return Vec::new();
            }
            let effect = Effect::Export { format: *format, path: beside_workbook(&app.path, target.into()) };
            app.mode = Mode::Normal;
            return vec![effect];
        }
        Some(other) => *edited |= text::edit(path, other),
        None => *edited |= key.is_some_and(|k| text::insert(path, k)),
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::beside_workbook;
    use std::path::{Path, PathBuf};

    #[test]
    fn a_bare_name_goes_beside_the_workbook_and_a_path_where_it_says() {
        let workbook = Path::new("eng/fabrikam.ron");
        assert_eq!(beside_workbook(workbook, "x.md".into()), PathBuf::from("eng/x.md"));
        assert_eq!(beside_workbook(workbook, "eng/x.md".into()), PathBuf::from("eng/x.md"), "the suggested path once");
        assert_eq!(beside_workbook(workbook, "/tmp/x.md".into()), PathBuf::from("/tmp/x.md"));
        assert_eq!(beside_workbook(Path::new("fabrikam.ron"), "x.md".into()), PathBuf::from("x.md"));
    }
}
