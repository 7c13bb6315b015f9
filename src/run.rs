//! The interactive loop: open the workbook, set up the terminal, then draw, wait for an
//! event, update, and carry out the effects, until quit. The only place with terminal
//! and file I/O for the interface; the terminal is restored however the loop ends.

use std::path::PathBuf;
use std::process::ExitCode;

use color_eyre::eyre::{Result, WrapErr};
use crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use crossterm::execute;

use crate::app::config::Config;
use crate::app::state::App;
use crate::app::update::{Effect, Msg, update};
use crate::cli::{Cli, interface_lang};
use crate::i18n::Lang;
use crate::store;
use crate::templates::{self, DEFAULT_TEMPLATE};

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "phasebook")
}

/// The user's working copy of the bundled workbook, made from the embedded one on first use.
pub fn working_copy(lang: Lang) -> Result<PathBuf> {
    let dirs =
        project_dirs().ok_or_else(|| color_eyre::eyre::eyre!("cannot find a home folder to keep the workbook in"))?;
    let folder = dirs.data_dir();
    std::fs::create_dir_all(folder).wrap_err_with(|| format!("cannot create {}", folder.display()))?;
    let template = templates::find(DEFAULT_TEMPLATE, lang.code())
        .or_else(|| templates::find(DEFAULT_TEMPLATE, "en"))
        .ok_or_else(|| color_eyre::eyre::eyre!("the bundled workbook is missing from this build"))?;
    let path = folder.join(template.file_name);
    if !path.exists() {
        let workbook = template.workbook()?;
        crate::cli::create_new(&path, &workbook).map_err(|e| color_eyre::eyre::eyre!("{}: {e}", path.display()))?;
    }
    Ok(path)
}

/// The configuration: the defaults, patched by the user's file if there is one.
pub fn load_config() -> Config {
    let login = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "me".into());
    let path = project_dirs().map(|d| d.config_dir().join("config.ron"));
    match path.as_deref().map(|p| (p, std::fs::read_to_string(p))) {
        Some((p, Ok(text))) => Config::from_texts(Some((&p.display().to_string(), &text)), &login),
        _ => Config::from_texts(None, &login),
    }
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// Colours are on unless `--no-color` is given or NO_COLOR is set to anything non-empty.
pub fn wants_color(cli: &Cli) -> bool {
    !cli.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn run(cli: &Cli) -> Result<ExitCode> {
    let lang = interface_lang(cli);
    let path = match &cli.file {
        Some(file) => file.clone(),
        None => working_copy(lang)?,
    };
    let workbook = match store::load(&path) {
        Ok(wb) => wb,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(1));
        }
    };
    let config = load_config();
    let mouse = config.mouse;
    let mut app = App::new(workbook, path, lang, config, now());
    app.color = wants_color(cli);

    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), event::EnableBracketedPaste);
    if mouse {
        let _ = execute!(std::io::stdout(), event::EnableMouseCapture);
    }
    let result = event_loop(&mut terminal, &mut app);
    if mouse {
        let _ = execute!(std::io::stdout(), event::DisableMouseCapture);
    }
    let _ = execute!(std::io::stdout(), event::DisableBracketedPaste);
    ratatui::restore();
    result.map(|()| ExitCode::SUCCESS)
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> Result<()> {
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    loop {
        terminal.draw(|frame| crate::ui::draw(app, frame))?;
        // Blocks until something happens: nothing redraws or reloads while the user is away.
        let Some(msg) = to_msg(event::read()?) else { continue };
        app.now = now();
        for effect in update(app, msg) {
            match effect {
                Effect::Save => {
                    save(app);
                }
                Effect::SaveAndQuit => {
                    if save(app) {
                        return Ok(());
                    }
                }
                Effect::Quit => return Ok(()),
                Effect::Export { format, path } => {
                    let result = export(app, format, &path).map(|()| path);
                    update(app, Msg::Exported(result));
                }
            }
        }
    }
}

/// Saves through the store and tells the state how it went; true when it worked.
fn save(app: &mut App) -> bool {
    let result = store::save(&app.path, &app.workbook).map_err(|e| e.to_string());
    let ok = result.is_ok();
    update(app, Msg::Saved(result));
    ok
}

/// Renders the snapshot as of now and writes it where the user chose, by the export rules.
fn export(app: &App, format: crate::export::Format, path: &std::path::Path) -> Result<(), String> {
    let strings = Lang::from_code(&app.workbook.meta.language).strings();
    let snapshot = crate::export::Snapshot::new(&app.workbook, &app.rollup, app.now);
    let text = crate::export::render(format, &snapshot, strings);
    crate::export::write_export(path, text.as_bytes(), Some(&app.path)).map_err(|e| e.to_string())
}

fn to_msg(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(Msg::Key(key)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(_) => Some(Msg::Click { column: m.column, row: m.row }),
            MouseEventKind::ScrollDown => Some(Msg::Scroll { down: true, column: m.column, row: m.row }),
            MouseEventKind::ScrollUp => Some(Msg::Scroll { down: false, column: m.column, row: m.row }),
            _ => None,
        },
        _ => None,
    }
}
