//! The command line: subcommands that work on a workbook file without the interface,
//! and the arguments that open the interface.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, Local, NaiveDate, TimeZone};
use clap::{Parser, Subcommand};

use crate::export::{self, Format, Snapshot, default_file_name, write_export};
use crate::i18n::Lang;
use crate::i18n::messages::{self, fill};
use crate::i18n::visible::terminal;
use crate::model::Rollup;
use crate::model::due::{self, NotADate};
use crate::store::{self, LoadError};
use crate::templates::{self, DEFAULT_TEMPLATE, TEMPLATES};

#[derive(Debug, Parser)]
#[command(
    name = "phasebook",
    version,
    about = "A terminal workbook for running an onboarding engagement, phase by phase.",
    after_help = "Examples:\n  phasebook                      pick an engagement, or open your working copy\n  phasebook contoso.ron          open a workbook file\n  phasebook new --lang sv -o contoso.ron --customer Contoso\n  phasebook status contoso.ron\n  phasebook export contoso.ron --format html"
)]
pub struct Cli {
    /// The workbook to open; without it, the picker of your engagements when more than one
    /// is known (`n` there makes a new one in the data folder's `engagements/`), else your
    /// working copy of the bundled workbook.
    pub file: Option<PathBuf>,
    /// Interface language (default: from the locale).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
    /// No colours, as when NO_COLOR is set.
    #[arg(long, global = true)]
    pub no_color: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check workbook files; exit status 1 if any has an error (with --strict, a warning).
    #[command(
        after_help = "Errors keep a file from opening; warnings (dates out of order, a ruled-out scope) do not, and are\nprinted as `file:line:col: warning: …`.\n\nExample:\n  phasebook validate contoso.ron workbooks/*.ron"
    )]
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Print a short status summary: phases, gates, deadlines, what needs attention.
    #[command(after_help = "Example:\n  phasebook status contoso.ron --as-of 2026-12-01")]
    Status {
        file: PathBuf,
        /// The day to report as of (YYYY-MM-DD); default today.
        #[arg(long, value_parser = parse_date, allow_hyphen_values = true)]
        as_of: Option<NaiveDate>,
    },
    /// Make a new engagement workbook from a template: a bundled one, one of yours, or any
    /// workbook file (its engagement's state left behind).
    #[command(
        after_help = "Examples:\n  phasebook new --template intune-fasttrack --lang sv -o contoso.ron \\\n      --customer Contoso --purchase-date 2026-11-02 --start-date 2026-11-20\n  phasebook new --template fabrikam.ron -o contoso.ron --customer Contoso"
    )]
    New {
        /// Template id (see `phasebook templates`), or a workbook file to use as one.
        #[arg(long, default_value = DEFAULT_TEMPLATE)]
        template: String,
        /// The file to create (`-`: standard output); an existing file is never overwritten.
        #[arg(short, long)]
        output: PathBuf,
        #[arg(long, default_value = "")]
        customer: String,
        #[arg(long, default_value = "")]
        tenant: String,
        #[arg(long, default_value = "")]
        project_lead: String,
        #[arg(long, default_value = "")]
        partner: String,
        /// Purchase date of the eligible plan (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date, allow_hyphen_values = true)]
        purchase_date: Option<NaiveDate>,
        /// Date onboarding started (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date, allow_hyphen_values = true)]
        start_date: Option<NaiveDate>,
    },
    /// Export a status snapshot as Markdown, HTML, JSON or CSV, or the dates as iCalendar,
    /// without the interface.
    #[command(
        after_help = "Examples:\n  phasebook export contoso.ron --format html\n  phasebook export contoso.ron --format md -o - | less\n  phasebook export contoso.ron --format csv -o items.csv --as-of 2026-12-01\n  phasebook export contoso.ron --format csv --csv-separator ';'"
    )]
    Export {
        /// The workbook to take the snapshot of; the labels follow its language.
        file: PathBuf,
        /// What to write.
        #[arg(long, value_enum)]
        format: Format,
        /// Where to write, or `-` for standard output (default: CUSTOMER-status-DATE.EXT here).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The day to take the snapshot as of (YYYY-MM-DD), at noon local time; default now.
        #[arg(long, value_parser = parse_date, allow_hyphen_values = true)]
        as_of: Option<NaiveDate>,
        /// Report the changes from this day on (YYYY-MM-DD, or an offset such as -2w); default
        /// those since the last meeting.
        #[arg(long, value_parser = parse_date, allow_hyphen_values = true)]
        since: Option<NaiveDate>,
        /// What separates CSV cells: `,` or `;` (default: `;` for a Swedish workbook, whose
        /// spreadsheets expect it, `,` otherwise).
        #[arg(long, value_enum)]
        csv_separator: Option<export::csv::Separator>,
    },
    /// List the templates: the bundled ones, and yours (workbook files in the data
    /// folder's `templates/`).
    #[command(after_help = "Example:\n  phasebook templates")]
    Templates,
    /// Make a template of a workbook: the process kept, the engagement's state (statuses,
    /// assignees, due dates, notes, answers, findings, sign-offs, passes, decisions,
    /// meetings, history) left behind.
    #[command(
        after_help = "Examples:\n  phasebook template contoso.ron -o ~/.local/share/phasebook/templates/our-process.ron\n  phasebook template generated.json -o our-process.ron"
    )]
    Template {
        /// The workbook to make a template of: a RON file, or a `.json` file holding a
        /// workbook in its JSON form (the shape `phasebook schema` describes).
        file: PathBuf,
        /// The template file to create (`-`: standard output); an existing file is never
        /// overwritten.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Print the change history: when, who, what changed and what it did, oldest first.
    #[command(
        after_help = "Examples:\n  phasebook log contoso.ron --since 2026-11-01\n  phasebook log contoso.ron --item initiate.ms.contact --json"
    )]
    Log {
        file: PathBuf,
        /// Only changes on or after this day (YYYY-MM-DD, or an offset such as -2w).
        #[arg(long, value_parser = parse_date, allow_hyphen_values = true)]
        since: Option<NaiveDate>,
        /// Only changes of the item (or gate, question, decision) with this id.
        #[arg(long)]
        item: Option<String>,
        /// As a JSON array, for scripts: each change with `at`, `by`, `target`, `what` (in
        /// words) and, when kept as data, `said`.
        #[arg(long)]
        json: bool,
    },
    /// Merge two copies of a workbook that grew apart from BASE, fact by fact: what one side
    /// changed is taken, what both changed differently keeps OURS and is recorded as a
    /// conflict in the workbook (never as text markers). Usable as a git merge driver
    /// (`%O %A %B`): without -o the result goes to OURS. Exit 0 when clean, 1 when
    /// conflicts remain, 2 when an input is not a workbook (OURS is then left untouched).
    #[command(
        after_help = "Examples:\n  phasebook merge base.ron ours.ron theirs.ron -o merged.ron\n  phasebook git-setup   # and git runs it for every .ron file"
    )]
    Merge {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// Where to write the result (default: over OURS).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// When an input is no workbook (another `.ron` file), merge the files line by line
        /// as git would (`git merge-file`): what git-setup's driver asks for.
        #[arg(long)]
        or_text: bool,
        /// The workbook's name in messages (git's `%P`: OURS is then a file of git's own).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
    /// Bring a running engagement up to a newer version of its process: new items appear,
    /// reworded ones update, the engagement's state is kept, and where the new version and
    /// the engagement clash (an item dropped that the engagement worked on) a conflict is
    /// kept in the file. Exit 0 when clean, 1 when conflicts remain, 2 when it cannot be done.
    #[command(
        after_help = "Examples:\n  phasebook upgrade contoso.ron --template intune-fasttrack\n  phasebook upgrade contoso.ron --template our-process-v2.ron -o contoso-v2.ron"
    )]
    Upgrade {
        file: PathBuf,
        /// The newer process: a template id (see `phasebook templates`) or a workbook file.
        #[arg(long)]
        template: String,
        /// Where to write the result (default: over FILE, keeping its backups).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print a workbook as facts, one per line, in a stable order: for reading, and for
    /// git's `textconv` (so `git diff` reads as changes to the engagement).
    #[command(after_help = "Example:\n  phasebook show contoso.ron")]
    Show {
        file: PathBuf,
        /// When the file is no workbook, print it as it is (what git's textconv needs to
        /// show any file), and say why on standard error.
        #[arg(long)]
        or_raw: bool,
    },
    /// Print what changed from OLD to NEW, one line per fact: "Assess · Run the assessment
    /// tools: not started → done (Anna Berg, 2026-12-01)".
    #[command(
        after_help = "Examples:\n  phasebook diff last-week.ron contoso.ron\n  phasebook diff last-week.ron contoso.ron --json"
    )]
    Diff {
        old: PathBuf,
        new: PathBuf,
        /// As a JSON array of `key`, `about`, `old`, `new`, `by`, `at`.
        #[arg(long)]
        json: bool,
    },
    /// Make git merge workbooks with phasebook and show them as facts: adds
    /// `*.ron merge=phasebook diff=phasebook` to `.gitattributes` and the merge driver and
    /// text filter to the repository's git config. Run twice, it changes nothing.
    #[command(
        name = "git-setup",
        after_help = "Examples:\n  phasebook git-setup\n  phasebook git-setup --global --print"
    )]
    GitSetup {
        /// For every repository of yours: your git config and your attributes file.
        #[arg(long)]
        global: bool,
        /// Only show what would be written.
        #[arg(long)]
        print: bool,
    },
    /// List engagements: customer, template, current phase, progress, next deadline with
    /// days left, overdue and blocked items, file. Without FILE or DIR, the known engagements
    /// (every workbook opened in phasebook or made with `new`).
    #[command(
        after_help = "A folder is read one level deep, its .ron files only; a file that is no workbook is named on\nstandard error and skipped.\n\nExamples:\n  phasebook list\n  phasebook list ~/engagements --sort name\n  phasebook list contoso.ron fabrikam.ron --json"
    )]
    List {
        /// Workbook files, or folders whose `.ron` files are read (not their subfolders).
        paths: Vec<PathBuf>,
        /// The order: soonest next deadline first, or by customer name.
        #[arg(long, value_enum, default_value_t = ListOrder::Deadline)]
        sort: ListOrder,
        /// As JSON, for scripts: `engagements[]` and `skipped[]`.
        #[arg(long)]
        json: bool,
        /// The day to count days left from (YYYY-MM-DD); default today.
        #[arg(long, value_parser = parse_date, allow_hyphen_values = true)]
        as_of: Option<NaiveDate>,
    },
    /// What is overdue and what is due in the next days across engagements: items, deadlines
    /// and meetings, each with its engagement and phase, soonest first. Without FILE or DIR,
    /// the known engagements.
    #[command(
        after_help = "Examples:\n  phasebook agenda\n  phasebook agenda ~/engagements --days 14 --mine\n  phasebook agenda --format ics -o engagements.ics"
    )]
    Agenda {
        /// Workbook files, or folders whose `.ron` files are read (not their subfolders).
        paths: Vec<PathBuf>,
        /// How many days after today to look ahead.
        #[arg(long, default_value_t = crate::model::calendar::DEFAULT_DAYS)]
        days: u32,
        /// Only items assigned to you (the `user` of config.ron, else your login name);
        /// deadlines and meetings stay.
        #[arg(long)]
        mine: bool,
        /// As JSON, for scripts: `entries[]` and `skipped[]`.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// `text`, or `ics`: one iCalendar file of every engagement's due dates, deadlines and
        /// meetings (all of them, not only the next days).
        #[arg(long, value_enum, default_value_t = AgendaFormat::Text)]
        format: AgendaFormat,
        /// Where to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The day to take as today (YYYY-MM-DD); default today.
        #[arg(long, value_parser = parse_date, allow_hyphen_values = true)]
        as_of: Option<NaiveDate>,
    },
    /// Print a JSON Schema of the workbook format, for editors and tools that write or
    /// check workbooks (`workbooks/README.md` says how).
    #[command(after_help = "Example:\n  phasebook schema > workbook.schema.json")]
    Schema,
}

/// The order of `phasebook list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListOrder {
    /// Soonest next deadline first (a passed one first of all); none last.
    Deadline,
    /// By customer name.
    Name,
}

/// What `phasebook agenda` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AgendaFormat {
    /// Plain text, for a terminal or a mail.
    Text,
    /// One iCalendar file for every engagement.
    Ics,
}

/// The folder of the user's own templates, in the data folder.
fn user_templates_folder() -> Option<PathBuf> {
    crate::project_dirs().map(|d| d.data_dir().join("templates"))
}

/// A date on the command line: `2026-11-26`, or `today` or an offset (`+7d`, `-1w`) in
/// either interface language.
pub fn parse_date(text: &str) -> Result<NaiveDate, NotADate> {
    let today = today();
    let wrong = || NotADate(text.to_string());
    let mut dates = [Lang::En, Lang::Sv].into_iter().map(|lang| due::parse(text, today, &lang.strings().date_words()));
    dates.find_map(|date| date.ok().flatten()).ok_or_else(wrong)
}

/// Today on this machine's clock.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Noon of `day` at this machine's offset on that day: the moment `--as-of DAY` stands for.
pub fn noon(day: NaiveDate) -> DateTime<FixedOffset> {
    let noon = day.and_time(chrono::NaiveTime::MIN) + chrono::TimeDelta::hours(12);
    // No zone skips or repeats noon, but should one ever do, UTC still gives a moment on that day.
    Local.from_local_datetime(&noon).earliest().map_or_else(|| noon.and_utc().fixed_offset(), |t| t.fixed_offset())
}

/// The interface language: `--lang`, else the locale.
pub fn interface_lang(cli: &Cli) -> Lang {
    cli.lang.unwrap_or_else(|| Lang::from_locale(|k| std::env::var(k).ok()))
}

/// Runs a subcommand. Problems a user can act on are printed here and give exit status 1.
pub fn run(command: &Command, cli: &Cli, out: &mut impl Write, err: &mut impl Write) -> std::io::Result<ExitCode> {
    match command {
        Command::Validate { files, strict } => {
            let lang = interface_lang(cli);
            let s = lang.strings();
            let mut ok = true;
            for file in files {
                let path = file.display().to_string();
                match store::open(file) {
                    Ok(loaded) if loaded.warnings.is_empty() => line(out, &fill(&s.cli_ok, &[("path", &path)]))?,
                    Ok(loaded) => {
                        for warning in &loaded.warnings {
                            line(err, &messages::problem(warning, file, &s.cli_warning, lang))?;
                        }
                        let n = loaded.warnings.len();
                        let said = if n == 1 { &s.cli_ok_warning } else { &s.cli_ok_warnings };
                        line(out, &fill(said, &[("path", &path), ("n", &n.to_string())]))?;
                        ok &= !strict;
                    }
                    Err(e) => {
                        ok = false;
                        line(err, &messages::load_error(&e, lang))?;
                    }
                }
            }
            Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Status { file, as_of } => {
            let workbook = match store::load(file) {
                Ok(wb) => wb,
                Err(e) => return failed(err, &e, interface_lang(cli)),
            };
            let strings = Lang::from_code(&workbook.meta.language).strings();
            let rollup = Rollup::of(&workbook);
            let report = crate::report::status(&workbook, &rollup, strings, as_of.unwrap_or_else(today));
            write!(out, "{}", terminal(&report))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::New { template, output, customer, tenant, project_lead, partner, purchase_date, start_date } => {
            let lang = interface_lang(cli);
            let mut workbook = match templates::resolve(template, lang.code(), user_templates_folder().as_deref()) {
                Ok(wb) => wb,
                Err(e) => {
                    line(err, &e.in_lang(lang))?;
                    return Ok(ExitCode::from(1));
                }
            };
            let e = &mut workbook.engagement;
            e.customer.clone_from(customer);
            e.tenant.clone_from(tenant);
            e.project_lead.clone_from(project_lead);
            e.partner.clone_from(partner);
            e.purchase_date = *purchase_date;
            e.start_date = *start_date;
            e.id = store::fresh_engagement_id();
            match created(out, err, output, &workbook, lang)? {
                Made::File => {
                    // Known from now on, for the picker, `list` and `agenda`.
                    if let Ok(known) = store::Known::user() {
                        let _ = known.remember(output);
                    }
                }
                Made::StandardOutput => return Ok(ExitCode::SUCCESS),
                Made::Not => return Ok(ExitCode::from(1)),
            }
            let said = fill(
                &lang.strings().cli_new,
                &[
                    ("path", &output.display().to_string()),
                    ("template", &workbook.meta.template),
                    ("language", &workbook.meta.language),
                ],
            );
            line(out, &said)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { file, format, output, as_of, since, csv_separator } => {
            let lang = interface_lang(cli);
            let workbook = match store::load(file) {
                Ok(wb) => wb,
                Err(e) => return failed(err, &e, lang),
            };
            let moment = as_of.map_or_else(|| Local::now().fixed_offset(), noon);
            let strings = Lang::from_code(&workbook.meta.language).strings();
            let rollup = Rollup::of(&workbook);
            let separator =
                csv_separator.unwrap_or_else(|| export::csv::Separator::for_language(&workbook.meta.language));
            let mut snapshot = Snapshot::new(&workbook, &rollup, moment);
            snapshot.since = *since;
            let text = export::render(*format, &snapshot, strings, separator);
            if output.as_deref() == Some(Path::new("-")) {
                // To a terminal JSON's marks go as JSON's escapes, which read back the same.
                let text = if *format == Format::Json { crate::i18n::visible::json_marks(&text) } else { text.into() };
                return to_standard_output(out, text.as_bytes());
            }
            let dest = output
                .clone()
                .unwrap_or_else(|| PathBuf::from(default_file_name(&workbook, *format, moment.date_naive())));
            if let Err(e) = write_export(&dest, text.as_bytes(), Some(file)) {
                line(err, &e.in_lang(lang))?;
                return Ok(ExitCode::from(1));
            }
            let s = lang.strings();
            let what = if *format == Format::Ics { &s.cli_exported_calendar } else { &s.cli_exported };
            let said = fill(what, &[("path", &dest.display().to_string()), ("format", format.extension())]);
            line(out, &said)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Templates => {
            for t in TEMPLATES {
                let title = t.workbook().map(|wb| wb.meta.title).unwrap_or_default();
                line(out, &format!("{}  {}  {title}", t.id, t.language))?;
            }
            if let Some(folder) = user_templates_folder() {
                let (own, failed) = templates::user_templates(&folder);
                for t in own {
                    let meta = &t.workbook.meta;
                    line(
                        out,
                        &format!("{}  {}  {}  ({})", meta.template, meta.language, meta.title, t.path.display()),
                    )?;
                }
                // One that cannot be read is named, not silently left out.
                let lang = interface_lang(cli);
                for e in failed {
                    let reason = messages::load_error(&e, lang);
                    line(err, &fill(&lang.strings().cli_skipped, &[("reason", &reason)]))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => to_standard_output(out, store::schema().as_bytes()),
        Command::List { paths, sort, json, as_of } => {
            let lang = interface_lang(cli);
            let today = as_of.unwrap_or_else(today);
            let found = engagements(paths, lang, err)?;
            let summaries: Vec<_> =
                found.books.iter().map(|(_, wb)| crate::model::portfolio::Summary::of(wb, today)).collect();
            let mut rows: Vec<export::portfolio::Row<'_>> = found
                .books
                .iter()
                .zip(&summaries)
                .map(|((path, _), summary)| export::portfolio::Row { path, summary })
                .collect();
            let name = |row: &export::portfolio::Row<'_>| row.summary.customer.to_lowercase();
            match sort {
                ListOrder::Deadline => rows.sort_by_key(|row| {
                    let next = row.summary.next_deadline.as_ref().map(|d| d.date);
                    (next.is_none(), next, name(row), row.path.to_path_buf())
                }),
                ListOrder::Name => rows.sort_by_key(|row| (name(row), row.path.to_path_buf())),
            }
            let text = if *json {
                export::portfolio::json(&rows, &found.skipped)
            } else if rows.is_empty() {
                String::new()
            } else {
                export::portfolio::table(&rows, lang.strings())
            };
            // JSON escapes what it carries itself (and stays JSON); the table is made safe here.
            let text =
                if *json { crate::i18n::visible::json_marks(&text).into_owned() } else { terminal(&text).into_owned() };
            match to_standard_output(out, text.as_bytes())? {
                code if code != ExitCode::SUCCESS => Ok(code),
                _ => Ok(found.exit_code()),
            }
        }
        Command::Agenda { paths, days, mine, json, format, output, as_of } => {
            let lang = interface_lang(cli);
            let today = as_of.unwrap_or_else(today);
            let found = engagements(paths, lang, err)?;
            let user = mine.then(|| crate::run::startup::load_config().user);
            let window = crate::model::calendar::Window { today, days: *days, mine: user.as_deref() };
            let text = if *format == AgendaFormat::Ics {
                let moment = noon(today);
                let snapshots: Vec<Snapshot> = found
                    .books
                    .iter()
                    .map(|(_, wb)| {
                        let mut snapshot = Snapshot::new(wb, &Rollup::of(wb), moment);
                        if let Some(user) = &user {
                            snapshot.items.retain(|i| crate::model::calendar::is_name_of(&i.assignee, user));
                        }
                        snapshot
                    })
                    .collect();
                export::ics::calendar(&snapshots.iter().collect::<Vec<_>>())
            } else {
                let books: Vec<&crate::model::Workbook> = found.books.iter().map(|(_, wb)| wb).collect();
                let entries = crate::model::calendar::gather(&books, window);
                let sources: Vec<export::agenda::Source<'_>> =
                    found.books.iter().map(|(path, workbook)| export::agenda::Source { path, workbook }).collect();
                if *json {
                    crate::i18n::visible::json_marks(&export::agenda::json(&entries, &sources, window, &found.skipped))
                        .into_owned()
                } else {
                    terminal(&export::agenda::text(&entries, &sources, window, lang.strings())).into_owned()
                }
            };
            match output.as_deref().filter(|dest| *dest != Path::new("-")) {
                None => match to_standard_output(out, text.as_bytes())? {
                    code if code != ExitCode::SUCCESS => Ok(code),
                    _ => Ok(found.exit_code()),
                },
                Some(dest) => {
                    if let Err(e) = write_export(dest, text.as_bytes(), None) {
                        line(err, &e.in_lang(lang))?;
                        return Ok(ExitCode::from(1));
                    }
                    let kind = if *format == AgendaFormat::Ics {
                        "ics"
                    } else if *json {
                        "json"
                    } else {
                        "text"
                    };
                    let s = lang.strings();
                    let what = if kind == "ics" { &s.cli_exported_calendar } else { &s.cli_exported };
                    let said = fill(what, &[("path", &dest.display().to_string()), ("format", kind)]);
                    line(out, &said)?;
                    Ok(found.exit_code())
                }
            }
        }
        Command::Merge { base, ours, theirs, output, or_text, name } => {
            let lang = interface_lang(cli);
            if let Some(out_path) = output.as_ref().filter(|o| std::fs::symlink_metadata(o).is_ok()) {
                // Never over a file that is there (an input, another workbook): OURS is
                // replaced only when no -o is given, as git's driver asks.
                line(err, &fill(&lang.strings().cli_exists, &[("path", &out_path.display().to_string())]))?;
                return Ok(ExitCode::from(2));
            }
            let loaded = [base, ours, theirs].map(|p| store::load(p));
            let [base_wb, ours_wb, theirs_wb] = loaded;
            // Both leads made the file: git gives an empty base. What both grew from is then
            // the process with none of either's state.
            let empty_base = std::fs::metadata(base).is_ok_and(|m| m.len() == 0);
            let (base_wb, ours_wb, theirs_wb) = match (base_wb, ours_wb, theirs_wb) {
                (Ok(b), Ok(o), Ok(t)) => (b, o, t),
                (Err(_), Ok(o), Ok(t)) if empty_base => (crate::model::template::cleared(&o), o, t),
                // Another RON file under the same attribute: git's own line merge for it. A
                // workbook that does not open is said, never merged line by line.
                (Err(_), _, _) | (_, Err(_), _) | (_, _, Err(_))
                    if *or_text && output.is_none() && ![base, ours, theirs].iter().any(|p| looks_like_workbook(p)) =>
                {
                    let merged =
                        std::process::Command::new("git").arg("merge-file").args([ours, base, theirs]).status();
                    return Ok(match merged {
                        Ok(status) if status.success() => ExitCode::SUCCESS,
                        Ok(_) => ExitCode::from(1),
                        Err(_) => ExitCode::from(2),
                    });
                }
                (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
                    // Under git the copies are git's own files: said by the workbook's name.
                    let mut said = messages::load_error(&e, lang);
                    if let Some(name) = name {
                        let s = lang.strings();
                        for (path, whose) in
                            [(ours, &s.cli_merge_ours), (theirs, &s.cli_merge_theirs), (base, &s.cli_merge_base)]
                        {
                            said = said.replace(&path.display().to_string(), &fill(whose, &[("name", name)]));
                        }
                    }
                    line(err, &terminal(&said))?;
                    return Ok(ExitCode::from(2));
                }
            };
            let merged = match crate::model::merge::merge(&base_wb, &ours_wb, &theirs_wb) {
                Ok(merged) => merged,
                Err(e) => {
                    // The copy at fault, by its name.
                    let at_fault = match &e {
                        crate::model::merge::MergeError::Unresolved {
                            side: crate::model::merge::Side::Theirs, ..
                        } => theirs,
                        _ => ours,
                    };
                    let s = lang.strings();
                    let path = match name {
                        Some(name) if at_fault == ours => name.clone(),
                        Some(name) => fill(&s.cli_merge_theirs, &[("name", name)]),
                        None => at_fault.display().to_string(),
                    };
                    line(err, &terminal(&format!("{path}: {}", messages::merge_error(&e, lang))))?;
                    return Ok(ExitCode::from(2));
                }
            };
            let target = output.as_ref().unwrap_or(ours);
            if let Err(e) = store::write_workbook(target, &merged) {
                line(err, &messages::save_error(&e, lang))?;
                return Ok(ExitCode::from(2));
            }
            let s = lang.strings();
            let path = match (name, output) {
                (Some(name), None) => name.clone(),
                _ => target.display().to_string(),
            };
            if merged.conflicts.is_empty() {
                return Ok(ExitCode::SUCCESS);
            }
            let n = merged.conflicts.len().to_string();
            line(err, &terminal(&fill(&s.cli_merge_conflicts, &[("path", &path), ("n", &n)])))?;
            // Each as the conflicts screen and validate name it: the thing by its title.
            let issues = crate::model::check::check(&merged);
            for issue in issues.iter().filter(|i| matches!(i, crate::model::check::Issue::MergeConflict { .. })) {
                if let Some(text) = s.warning(issue) {
                    line(err, &terminal(&format!("  {text}")))?;
                }
            }
            Ok(ExitCode::from(1))
        }
        Command::Upgrade { file, template, output } => {
            let lang = interface_lang(cli);
            let engagement = match store::load(file) {
                Ok(wb) => wb,
                Err(e) => {
                    line(err, &messages::load_error(&e, lang))?;
                    return Ok(ExitCode::from(2));
                }
            };
            let newer =
                match templates::resolve(template, &engagement.meta.language, user_templates_folder().as_deref()) {
                    Ok(wb) => wb,
                    Err(e) => {
                        line(err, &e.in_lang(lang))?;
                        return Ok(ExitCode::from(2));
                    }
                };
            let base = crate::model::template::upgrade_base(&engagement, &newer);
            let mut upgraded = match crate::model::merge::merge(&base, &engagement, &newer) {
                Ok(wb) => wb,
                Err(e) => {
                    line(err, &format!("{}: {}", file.display(), messages::merge_error(&e, lang)))?;
                    return Ok(ExitCode::from(2));
                }
            };
            let target = output.as_ref().unwrap_or(file);
            if output.as_ref().is_some_and(|o| std::fs::symlink_metadata(o).is_ok()) {
                line(err, &fill(&lang.strings().cli_exists, &[("path", &target.display().to_string())]))?;
                return Ok(ExitCode::from(2));
            }
            let new_items = upgraded.all_items().filter(|(_, i)| engagement.item(&i.id).is_none()).count();
            let reworded = upgraded
                .all_items()
                .filter(|(_, i)| engagement.item(&i.id).is_some_and(|old| old.text != i.text))
                .count();
            let counts = [
                ("path", target.display().to_string()),
                ("template", upgraded.meta.template.clone()),
                ("new", new_items.to_string()),
                ("reworded", reworded.to_string()),
                ("conflicts", upgraded.conflicts.len().to_string()),
            ];
            let counts: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
            // The history says when the process changed under the engagement, and how much, as
            // data each reader's interface says in its own words.
            let said = crate::model::Said::Upgraded {
                template: upgraded.meta.template.clone(),
                new: new_items,
                reworded,
                conflicts: upgraded.conflicts.len(),
            };
            let by = crate::run::startup::load_config().user;
            upgraded.history.push(crate::model::Change {
                at: Local::now().fixed_offset(),
                by,
                target: String::new(),
                what: fill(&lang.strings().h_upgraded, &counts),
                said: Some(said),
            });
            if let Err(e) = store::save(target, &upgraded) {
                line(err, &messages::save_error(&e, lang))?;
                return Ok(ExitCode::from(2));
            }
            line(out, &fill(&lang.strings().cli_upgraded, &counts))?;
            Ok(if upgraded.conflicts.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Show { file, or_raw } => {
            let lang = interface_lang(cli);
            match store::load(file) {
                Ok(wb) => to_standard_output(out, export::facts::show(&wb, lang.strings()).as_bytes()),
                // For git's text filter: another RON file is shown as it is, and git's temporary
                // copy of it is never named.
                Err(_) if *or_raw => {
                    let raw = std::fs::read(file).unwrap_or_default();
                    to_standard_output(out, terminal(&String::from_utf8_lossy(&raw)).as_bytes())
                }
                Err(e) => failed(err, &e, lang),
            }
        }
        Command::Diff { old, new, json } => {
            let lang = interface_lang(cli);
            let (old, new) = match (store::load(old), store::load(new)) {
                (Ok(old), Ok(new)) => (old, new),
                (Err(e), _) | (_, Err(e)) => return failed(err, &e, lang),
            };
            let differences = export::facts::diff(&old, &new, lang.strings());
            let text = if *json {
                let mut text = serde_json::to_string_pretty(&differences).unwrap_or_default();
                text.push('\n');
                text
            } else {
                differences.iter().map(|d| d.line() + "\n").collect()
            };
            to_standard_output(out, text.as_bytes())
        }
        Command::GitSetup { global, print } => {
            let lang = interface_lang(cli);
            let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("phasebook"));
            let setup = match crate::git::plan(&here, *global, &exe) {
                Ok(setup) => setup,
                Err(e) => {
                    line(err, &messages::git_error(&e, lang))?;
                    return Ok(ExitCode::from(1));
                }
            };
            if *print {
                return to_standard_output(out, terminal(&setup.describe()).as_bytes());
            }
            if setup.is_done() {
                let path = setup.attributes.display().to_string();
                line(out, &fill(&lang.strings().cli_git_setup_done, &[("path", &path)]))?;
                return Ok(ExitCode::SUCCESS);
            }
            if let Err(e) = setup.apply(&here) {
                line(err, &messages::git_error(&e, lang))?;
                return Ok(ExitCode::from(1));
            }
            let path = setup.attributes.display().to_string();
            line(out, &fill(&lang.strings().cli_git_setup, &[("path", &path)]))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Log { file, since, item, json } => {
            let lang = interface_lang(cli);
            let workbook = match store::load(file) {
                Ok(wb) => wb,
                Err(e) => return failed(err, &e, lang),
            };
            let s = lang.strings();
            // An id nothing in the workbook has, and no change names, is a slip: said, not an
            // empty answer that reads as "nothing happened to it".
            if let Some(id) = item
                && !workbook.history.iter().any(|c| c.names(id))
                && !names_anything(&workbook, id)
            {
                let path = file.display().to_string();
                line(err, &fill(&s.cli_log_unknown, &[("path", &path), ("id", id)]))?;
                return Ok(ExitCode::from(1));
            }
            let names = crate::i18n::describe::Names::of(&workbook);
            let changes = workbook.history.iter().filter(|c| {
                since.is_none_or(|day| c.at.date_naive() >= day) && item.as_ref().is_none_or(|id| c.names(id))
            });
            let text = if *json {
                let all: Vec<serde_json::Value> = changes
                    .map(|c| {
                        let item = workbook.item(&c.target).map(|i| i.text.as_str());
                        serde_json::json!({
                            "at": c.at,
                            "by": c.by,
                            "target": c.target,
                            "about": crate::i18n::describe::target(&names, item, c),
                            "what": crate::i18n::describe::change(s, &names, c),
                            "said": c.said,
                        })
                    })
                    .collect();
                let mut text = serde_json::to_string_pretty(&all).unwrap_or_default();
                text.push('\n');
                text
            } else {
                changes
                    .map(|c| {
                        let what = crate::i18n::describe::change(s, &names, c);
                        let target = if c.target.is_empty() { String::new() } else { format!("  {}", c.target) };
                        let item = workbook.item(&c.target).map(|i| i.text.as_str());
                        let about = crate::i18n::describe::target(&names, item, c);
                        let about =
                            if about.is_empty() || about == c.target { String::new() } else { format!(" · {about}") };
                        format!("{}  {}{target}  {what}{about}\n", c.at.format("%Y-%m-%d %H:%M"), c.by)
                    })
                    .collect()
            };
            to_standard_output(out, terminal(&text).as_bytes())
        }
        Command::Template { file, output } => {
            let lang = interface_lang(cli);
            // A `.json` file is a workbook in its JSON form, as a generating script writes it.
            let json = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
            let loaded = if json { store::load_json(file) } else { store::load(file) };
            let workbook = match loaded {
                Ok(wb) => crate::model::template::cleared(&wb),
                Err(e) => return failed(err, &e, lang),
            };
            match created(out, err, output, &workbook, lang)? {
                Made::File => {}
                Made::StandardOutput => return Ok(ExitCode::SUCCESS),
                Made::Not => return Ok(ExitCode::from(1)),
            }
            let said = fill(
                &lang.strings().cli_template,
                &[
                    ("path", &output.display().to_string()),
                    ("template", &workbook.meta.template),
                    ("source", &file.display().to_string()),
                ],
            );
            line(out, &said)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The workbooks `list` and `agenda` work on, and those that could not be read.
struct Found {
    books: Vec<(PathBuf, crate::model::Workbook)>,
    skipped: Vec<export::agenda::Skipped>,
    /// A file named on the command line could not be read (one found in a folder, or on
    /// the known list, that cannot be is only skipped).
    named_failed: bool,
}

impl Found {
    fn exit_code(&self) -> ExitCode {
        if self.named_failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
    }
}

/// The workbooks named by `paths` (files, and the `.ron` files of folders, one level deep),
/// or without any the known engagements, with those gone from disk taken off the list. Each
/// file is read once however often it is named; what cannot be read is said on `err` and
/// skipped.
fn engagements(paths: &[PathBuf], lang: Lang, err: &mut impl Write) -> std::io::Result<Found> {
    let s = lang.strings();
    let mut found = Found { books: Vec::new(), skipped: Vec::new(), named_failed: false };
    // (file, named on the command line)
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    if paths.is_empty() {
        if let Ok(known) = store::Known::user() {
            if let Some(kept) = known.set_aside_damaged() {
                line(err, &fill(&s.known_damaged, &[("path", &kept.display().to_string())]))?;
            }
            let gone = match known.drop_missing() {
                Ok(gone) => gone,
                // The list could not be rewritten: the missing files are still left out here.
                Err(e) => {
                    line(err, &e.to_string())?;
                    known.missing()
                }
            };
            for path in &gone {
                line(err, &fill(&s.known_gone, &[("path", &path.display().to_string())]))?;
            }
            files.extend(known.entries().into_iter().filter(|p| !gone.contains(p)).map(|p| (p, false)));
        }
        if files.is_empty() {
            line(err, &s.known_none)?;
        }
    }
    for path in paths {
        if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            match store::workbooks_in(path) {
                Ok(in_folder) => files.extend(in_folder.into_iter().map(|p| (p, false))),
                Err(e) => {
                    let error = format!("{}: {}", path.display(), messages::io_reason(&e, lang));
                    line(err, &fill(&s.cli_skipped, &[("reason", &error)]))?;
                    found.skipped.push(export::agenda::Skipped { path: path.display().to_string(), error });
                    found.named_failed = true;
                }
            }
        } else {
            files.push((path.clone(), true));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (file, named) in files {
        if !seen.insert(std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone())) {
            continue;
        }
        match store::load(&file) {
            Ok(workbook) => found.books.push((file, workbook)),
            Err(e) => {
                let error = messages::load_error(&e, lang);
                line(err, &fill(&s.cli_skipped, &[("reason", &error)]))?;
                found.skipped.push(export::agenda::Skipped { path: file.display().to_string(), error });
                found.named_failed |= named;
            }
        }
    }
    Ok(found)
}

/// Where a new workbook went.
enum Made {
    File,
    StandardOutput,
    Not,
}

/// Says what is wrong with the command line, in the interface language, and exits: clap's
/// own words for English (and for help and version), the table's for Swedish.
pub fn usage_error(e: clap::Error, args: &[String]) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let asked = args
        .windows(2)
        .find(|w| w[0] == "--lang")
        .map(|w| w[1].clone())
        .or_else(|| args.iter().find_map(|a| a.strip_prefix("--lang=").map(str::to_string)));
    let lang = match asked.as_deref() {
        Some(code) => Lang::from_code(code),
        None => Lang::from_locale(|k| std::env::var(k).ok()),
    };
    let Some(m) = messages::table(lang) else { e.exit() };
    let get = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(all)) => all.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let suggested = |text: String| match get(ContextKind::SuggestedArg) + &get(ContextKind::SuggestedSubcommand) {
        s if s.is_empty() => text,
        s => text + &fill(&m.u_suggest, &[("suggested", &s)]),
    };
    let (arg, value) = (get(ContextKind::InvalidArg), get(ContextKind::InvalidValue));
    let said = match e.kind() {
        ErrorKind::InvalidValue => {
            let possible = get(ContextKind::ValidValue);
            let mut text = fill(&m.u_invalid_value, &[("value", &value), ("arg", &arg)]);
            if !possible.is_empty() {
                text.push_str(&fill(&m.u_possible, &[("values", &possible)]));
            }
            text
        }
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(&e);
            let reason = match source.and_then(|s| s.downcast_ref::<NotADate>()) {
                Some(_) => m.u_not_a_date.clone(),
                None => source.map(ToString::to_string).unwrap_or_default(),
            };
            fill(&m.u_bad_value, &[("value", &value), ("arg", &arg), ("reason", &reason)])
        }
        ErrorKind::MissingRequiredArgument => fill(&m.u_missing, &[("args", &arg)]),
        ErrorKind::UnknownArgument => suggested(fill(&m.u_unknown_argument, &[("arg", &arg)])),
        ErrorKind::InvalidSubcommand => suggested(fill(&m.u_unknown_command, &[("arg", &arg)])),
        _ => e.exit(),
    };
    // Point at the help of the command that was given, when one was.
    let commands = ["validate", "status", "new", "export", "templates", "template", "schema", "log", "list", "agenda"];
    let command = args.iter().skip(1).find(|a| commands.contains(&a.as_str()));
    let more = fill(&m.u_more, &[("command", &command.map_or_else(String::new, |c| format!(" {c}")))]);
    eprintln!("{}\n\n{more}", terminal(&said));
    ExitCode::from(2)
}

/// Writes `workbook` to a new file at `output`, never over one, or to standard output for
/// `-`; says why not on `err`, and what the new workbook should have fixed (its dates out
/// of order, say), as `validate` would.
fn created(
    out: &mut impl Write,
    err: &mut impl Write,
    output: &Path,
    workbook: &crate::model::Workbook,
    lang: Lang,
) -> std::io::Result<Made> {
    let s = lang.strings();
    let path = output.display().to_string();
    if output == Path::new("-") {
        let text = match store::to_ron(workbook) {
            Ok(text) => text,
            Err(e) => {
                line(err, &messages::save_error(&store::SaveError::Serialize(e.to_string()), lang))?;
                return Ok(Made::Not);
            }
        };
        return Ok(match to_standard_output(out, text.as_bytes())? {
            code if code == ExitCode::SUCCESS => Made::StandardOutput,
            _ => Made::Not,
        });
    }
    if output.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
        line(err, &fill(&s.cli_not_ron, &[("path", &path)]))?;
        return Ok(Made::Not);
    }
    match store::create_new(output, workbook) {
        Ok(_) => {
            if let Ok(loaded) = store::open(output) {
                for warning in &loaded.warnings {
                    line(err, &messages::problem(warning, output, &s.cli_warning, lang))?;
                }
            }
            Ok(Made::File)
        }
        Err(store::SaveError::AlreadyExists { .. }) => {
            line(err, &fill(&s.cli_exists, &[("path", &path)]))?;
            Ok(Made::Not)
        }
        Err(e) => {
            line(err, &messages::save_error(&e, lang))?;
            Ok(Made::Not)
        }
    }
}

/// Writes `bytes` to standard output.
fn to_standard_output(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<ExitCode> {
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // The reader went away (`| head`): nothing more to say, and nobody to say it to.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::from(1)),
        Err(e) => Err(e),
    }
}

/// Whether `id` is the id of an item, phase, gate, question, decision or meeting.
fn names_anything(workbook: &crate::model::Workbook, id: &str) -> bool {
    workbook.place_of(id).is_some()
        || workbook.phases.iter().any(|p| p.id == id || p.gate.id == id)
        || workbook.scope.iter().any(|q| q.id == id)
        || workbook.decisions.iter().any(|d| d.id == id)
        || workbook.meetings.iter().any(|m| m.id == id)
        || workbook.expectations.iter().any(|e| e.id == id)
}

fn failed(err: &mut impl Write, e: &LoadError, lang: Lang) -> std::io::Result<ExitCode> {
    line(err, &messages::load_error(e, lang))?;
    Ok(ExitCode::from(1))
}

/// Writes a line for a terminal: what a workbook or a file name holds is shown, never sent
/// as control characters that would act on the terminal.
fn line(w: &mut impl Write, text: &str) -> std::io::Result<()> {
    writeln!(w, "{}", terminal(text))
}

/// Whether the file at `path` reads like a workbook (it has a process and phases), though it
/// may not open: one hand-broken is said, not merged line by line as any RON file.
fn looks_like_workbook(path: &Path) -> bool {
    let Ok(bytes) = store::fs::read_capped(path, store::MAX_FILE_BYTES) else { return false };
    let text = String::from_utf8_lossy(&bytes);
    text.contains("meta:") && text.contains("phases:")
}
