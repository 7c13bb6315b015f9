//! Bare `phasebook` with more than one known engagement: the picker, before a workbook
//! opens. Reads the known engagements (dropping those moved or deleted, with a note),
//! runs the picker's keys, and does what it asks: open one, forget one, make a new one,
//! gather the agenda across them.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use color_eyre::eyre::Result;
use crossterm::event::{self, Event, KeyEventKind};

use super::terminal;
use crate::app::picker::{Effect, NewEngagement, Next, Picker, Row};
use crate::i18n::Lang;
use crate::store;

/// What the picker came to.
pub enum Chosen {
    /// Fewer than two engagements known: bare `phasebook` opens as it always has.
    AsBefore,
    Open(PathBuf),
    Quit,
}

/// The row of the workbook at `path`: its summary, or why it cannot be read.
pub fn row(path: &Path, today: NaiveDate, lang: Lang) -> Row {
    match store::load(path) {
        Ok(wb) => {
            let summary = crate::model::portfolio::Summary::of(&wb, today);
            Row {
                path: path.to_path_buf(),
                customer: summary.customer,
                template: summary.template,
                phase: summary.phase.unwrap_or_else(|| lang.strings().picker_all_passed.clone()),
                percent: summary.progress.percent(),
                next: summary.next_deadline.map(|n| Next { title: n.title, date: n.date, days: n.days_left }),
                overdue: summary.overdue,
                blocked: summary.blocked,
                error: None,
            }
        }
        Err(e) => Row {
            path: path.to_path_buf(),
            customer: String::new(),
            template: String::new(),
            phase: String::new(),
            percent: 0,
            next: None,
            overdue: 0,
            blocked: 0,
            error: Some(crate::i18n::messages::load_error(&e, lang)),
        },
    }
}

/// Shows the picker when more than one engagement is known.
pub fn choose(lang: Lang, color: bool, keymap: crate::app::keymap::KeyMap) -> Result<Chosen> {
    let Ok(known) = store::Known::user() else { return Ok(Chosen::AsBefore) };
    if let Some(kept) = known.set_aside_damaged() {
        terminal::say(&lang.strings().known_damaged.replace("{path}", &kept.display().to_string()));
    }
    let gone = known.drop_missing().unwrap_or_else(|_| known.missing());
    // One row a file, however its path was written.
    let mut seen = std::collections::HashSet::new();
    let paths: Vec<PathBuf> = known
        .entries()
        .into_iter()
        .filter(|p| !gone.contains(p))
        .filter(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())))
        .collect();
    if paths.len() < 2 {
        return Ok(Chosen::AsBefore);
    }
    let today = chrono::Local::now().date_naive();
    let rows = paths.iter().map(|p| row(p, today, lang)).collect();
    let defaults = NewEngagement {
        language: lang.code().to_string(),
        template: crate::templates::DEFAULT_TEMPLATE.to_string(),
        ..NewEngagement::default()
    };
    let mut picker = Picker::new(rows, lang, keymap, today, defaults);
    picker.color = color;
    picker.new_folder = engagements_folder().unwrap_or_default();
    if !gone.is_empty() {
        let names: Vec<String> = gone.iter().map(|p| p.display().to_string()).collect();
        picker.say(lang.strings().picker_gone.replace("{paths}", &names.join(", ")), false);
    }
    let mut screen = terminal::enter(false)?;
    let chosen = run(&mut screen, &mut picker, &known, lang);
    terminal::leave(screen, false);
    chosen
}

fn run(screen: &mut ratatui::DefaultTerminal, picker: &mut Picker, known: &store::Known, lang: Lang) -> Result<Chosen> {
    loop {
        let area = screen.size()?;
        picker.size = (area.width, area.height);
        screen.draw(|frame| crate::ui::picker::draw(picker, frame))?;
        let key = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => key,
            _ => continue,
        };
        let Some(effect) = picker.update(key) else { continue };
        match effect {
            Effect::Open(path) => {
                // Gone since the list was read: said here, and the picker stays.
                if let Err(e) = store::load(&path) {
                    picker.say(crate::i18n::messages::load_error(&e, lang), true);
                    continue;
                }
                let _ = known.remember(&path);
                return Ok(Chosen::Open(path));
            }
            Effect::Quit => return Ok(Chosen::Quit),
            Effect::Forget(path) => {
                let said = match known.forget(&path) {
                    Ok(_) => {
                        picker.forgotten(&path);
                        (lang.strings().picker_forgot.replace("{path}", &path.display().to_string()), false)
                    }
                    Err(e) => (e.to_string(), true),
                };
                picker.say(said.0, said.1);
            }
            Effect::Create(draft) => match create(&draft, known) {
                Ok(path) => return Ok(Chosen::Open(path)),
                Err(said) => picker.retry(draft, said),
            },
            Effect::Agenda => {
                let paths: Vec<PathBuf> =
                    picker.rows.iter().filter(|r| r.error.is_none()).map(|r| r.path.clone()).collect();
                picker.agenda(agenda_lines(&paths, picker.today, lang));
            }
        }
    }
}

/// A new engagement from its template, in the data folder's `engagements` folder, named
/// after the customer (never over a file that is there); remembered.
fn create(draft: &NewEngagement, known: &store::Known) -> Result<PathBuf, String> {
    let lang = if draft.language == "sv" { Lang::Sv } else { Lang::En };
    let folder = engagements_folder().ok_or_else(|| "no home folder".to_string())?;
    let user_templates = crate::project_dirs().map(|d| d.data_dir().join("templates"));
    let mut workbook = crate::templates::resolve(&draft.template, &draft.language, user_templates.as_deref())
        .map_err(|e| e.in_lang(lang))?;
    let e = &mut workbook.engagement;
    e.customer.clone_from(&draft.customer);
    e.tenant.clone_from(&draft.tenant);
    e.purchase_date = draft.purchase_date;
    e.start_date = draft.start_date;
    e.id = store::fresh_engagement_id();
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    // What the loader would refuse is refused here, before there is a file.
    let check = crate::model::check::check(&workbook);
    if let Some(problem) = check.iter().find(|i| i.is_error()) {
        return Err(crate::i18n::messages::issue(problem, lang));
    }
    let stem = file_stem(&draft.customer);
    for n in 1..1000 {
        let name = if n == 1 { format!("{stem}.ron") } else { format!("{stem}-{n}.ron") };
        let path = folder.join(name);
        if path.exists() {
            continue;
        }
        let _saved = store::create_new(&path, &workbook).map_err(|e| crate::i18n::messages::save_error(&e, lang))?;
        let _ = known.remember(&path);
        return Ok(path);
    }
    Err(format!("{}: no free name for {stem}", folder.display()))
}

/// Where the picker's `n` puts a new engagement: `engagements` in the data folder.
fn engagements_folder() -> Option<PathBuf> {
    crate::project_dirs().map(|d| d.data_dir().join("engagements"))
}

/// A customer's name as a file name: letters and digits kept, the rest a dash.
fn file_stem(customer: &str) -> String {
    let mut stem = String::new();
    for c in customer.trim().chars() {
        if c.is_alphanumeric() {
            stem.extend(c.to_lowercase());
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
    }
    // Short enough for any file system, with room for `-2.ron`.
    let stem: String = stem.chars().take(60).collect();
    let stem = stem.trim_end_matches('-').to_string();
    if stem.is_empty() { "engagement".into() } else { stem }
}

/// The agenda `phasebook agenda` prints for these engagements, the coming week, line by line.
fn agenda_lines(paths: &[PathBuf], today: NaiveDate, lang: Lang) -> Vec<String> {
    let books: Vec<(PathBuf, crate::model::Workbook)> =
        paths.iter().filter_map(|p| store::load(p).ok().map(|wb| (p.clone(), wb))).collect();
    let window = crate::model::calendar::Window { today, days: 7, mine: None };
    let entries = crate::model::calendar::gather(&books.iter().map(|(_, wb)| wb).collect::<Vec<_>>(), window);
    let sources: Vec<crate::export::agenda::Source<'_>> =
        books.iter().map(|(path, workbook)| crate::export::agenda::Source { path, workbook }).collect();
    let text = crate::export::agenda::text(&entries, &sources, window, lang.strings());
    text.lines().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn a_customers_name_makes_a_plain_file_name() {
        assert_eq!(file_stem("Contoso AB"), "contoso-ab");
        assert_eq!(file_stem("  Åre/../Kommun "), "åre-kommun");
        assert_eq!(file_stem("../"), "engagement");
        assert_eq!(file_stem(&"ö".repeat(200)).chars().count(), 60);
    }
}
