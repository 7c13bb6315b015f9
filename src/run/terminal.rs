//! The terminal side of the loop: signals and terminal events brought into one channel,
//! the events turned into messages, and the terminal set up and given back.

use std::sync::mpsc;

use color_eyre::eyre::{Result, WrapErr};
use crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use crossterm::execute;
use signal_hook::consts::{SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2};

use crate::app::update::Msg;

/// What reaches the loop: a terminal event (or the error reading one), or a signal.
pub enum Incoming {
    Terminal(std::io::Result<Event>),
    Signal(i32),
}

/// The signals whose default is to end the process, which end the session instead with the
/// work kept and the terminal given back; and the two of stopping and continuing, which
/// give the terminal back while stopped and take it again after.
const SIGNALS: [i32; 9] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTSTP, SIGCONT];

pub fn signal_name(signal: i32) -> &'static str {
    match signal {
        SIGTERM => "SIGTERM",
        SIGHUP => "SIGHUP (the terminal closed)",
        SIGINT => "SIGINT",
        SIGQUIT => "SIGQUIT",
        SIGUSR1 => "SIGUSR1",
        SIGUSR2 => "SIGUSR2",
        SIGALRM => "SIGALRM",
        _ => "a signal",
    }
}

/// What a signal asks of the session.
pub enum Asked {
    /// End it, keeping the work.
    End,
    /// Stop until continued (SIGTSTP: Ctrl+Z in a shell, or `kill -TSTP`).
    Stop,
    /// Continue after a stop: the terminal is taken again and the screen drawn anew.
    Continue,
}

pub fn asked(signal: i32) -> Asked {
    match signal {
        SIGTSTP => Asked::Stop,
        SIGCONT => Asked::Continue,
        _ => Asked::End,
    }
}

/// Stops the process the way SIGTSTP would have, once the terminal is given back; returns
/// when it is continued.
pub fn stop_here() {
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
}

/// Forwards the signals above to the loop instead of letting them end or stop the process
/// with the work unsaved and the terminal raw.
pub fn listen_for_signals(tx: mpsc::Sender<Incoming>) -> Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(SIGNALS).wrap_err("cannot listen for signals")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if tx.send(Incoming::Signal(signal)).is_err() {
                    break;
                }
            }
        })
        .wrap_err("cannot start the signal listener")?;
    Ok(())
}

/// Reads terminal events on a thread of their own and hands them to the loop; stops after
/// a read error, which it hands on too.
pub fn read_terminal(tx: mpsc::Sender<Incoming>) -> std::io::Result<()> {
    std::thread::Builder::new().name("terminal".into()).spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if tx.send(Incoming::Terminal(event)).is_err() || failed {
                break;
            }
        }
    })?;
    Ok(())
}

pub fn to_msg(event: Event) -> Option<Msg> {
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

/// Why the interface cannot run here, if it cannot: it draws on standard output and reads
/// keys from the controlling terminal, and without either it would have nowhere to be.
pub fn missing() -> Option<&'static str> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return Some(
            "phasebook: the interface needs a terminal, and standard output is not one; \
             in scripts use `phasebook status FILE` or `phasebook export FILE --format …`",
        );
    }
    let tty = std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty");
    if tty.is_err() && !std::io::stdin().is_terminal() {
        return Some(
            "phasebook: the interface needs a controlling terminal to read keys from, and there is none; \
             run it in a terminal, or use `phasebook status FILE` or `phasebook export FILE --format …`",
        );
    }
    None
}

/// Raw mode, the alternate screen, bracketed paste, and the mouse when wanted.
pub fn enter(mouse: bool) -> std::io::Result<ratatui::DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    let _ = execute!(std::io::stdout(), event::EnableBracketedPaste);
    if mouse {
        let _ = execute!(std::io::stdout(), event::EnableMouseCapture);
    }
    Ok(terminal)
}

/// Gives the terminal back while the process is stopped: raw mode off, the shell's screen
/// back, the cursor shown. [`take_back`] undoes it.
pub fn hand_over(mouse: bool) {
    if mouse {
        let _ = execute!(std::io::stdout(), event::DisableMouseCapture);
    }
    let _ = execute!(std::io::stdout(), event::DisableBracketedPaste, crossterm::cursor::Show);
    let _ = ratatui::try_restore();
}

/// Takes the terminal again after a stop (whoever stopped the process, the shell may have
/// reset the terminal meanwhile) and clears it, so the next draw paints every cell.
pub fn take_back(terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> std::io::Result<()> {
    use crossterm::terminal::{Clear, ClearType, EnterAlternateScreen};
    crossterm::terminal::enable_raw_mode()?;
    execute!(std::io::stdout(), EnterAlternateScreen, Clear(ClearType::All), event::EnableBracketedPaste)?;
    if mouse {
        execute!(std::io::stdout(), event::EnableMouseCapture)?;
    }
    // A terminal of fresh (blank) buffers for the cleared screen: `Terminal::clear` would ask
    // the terminal where its cursor is, and the answer goes to the thread reading keys.
    let fresh = ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))?;
    // Dropping the old one would only show the cursor, which the next draw hides again.
    std::mem::forget(std::mem::replace(terminal, fresh));
    Ok(())
}

/// Gives the terminal back as it was, as far as it is still there.
pub fn leave(mut terminal: ratatui::DefaultTerminal, mouse: bool) {
    if mouse {
        let _ = execute!(std::io::stdout(), event::DisableMouseCapture);
    }
    let _ = execute!(std::io::stdout(), event::DisableBracketedPaste);
    // Restoring can fail when the terminal is gone (a hang-up); there is nothing left to restore then.
    let _ = ratatui::try_restore();
    let _ = terminal.show_cursor();
    // Dropping the terminal would show the cursor again and, when the terminal is gone, report
    // that with a print that panics, aborting before the lock is released. The cursor is shown.
    std::mem::forget(terminal);
}

/// A line on standard error that is dropped if standard error is gone (after a hang-up).
/// What it quotes of a workbook is shown, never sent as control characters.
pub fn say(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{}", crate::i18n::visible::terminal(text));
}
