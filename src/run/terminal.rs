//! The terminal side of the loop: signals and terminal events brought into one channel,
//! the events turned into messages, and the terminal set up and given back.

use std::sync::mpsc;

use color_eyre::eyre::{Result, WrapErr};
use crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::app::update::Msg;

/// What reaches the loop: a terminal event (or the error reading one), or a signal.
pub enum Incoming {
    Terminal(std::io::Result<Event>),
    Signal(i32),
}

const SIGNALS: [i32; 3] = [SIGTERM, SIGHUP, SIGINT];

pub fn signal_name(signal: i32) -> &'static str {
    match signal {
        SIGTERM => "SIGTERM",
        SIGHUP => "SIGHUP (the terminal closed)",
        SIGINT => "SIGINT",
        _ => "a signal",
    }
}

/// Forwards SIGTERM, SIGHUP and SIGINT to the loop instead of letting them end the process
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
