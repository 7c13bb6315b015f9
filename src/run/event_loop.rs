//! The loop: draw, wait for something to happen, update, carry out the effects — until
//! the user quits, a signal arrives, or the terminal fails. It blocks while nothing
//! happens, so an idle phasebook does no work.

use std::collections::VecDeque;
use std::sync::mpsc;

use color_eyre::eyre::Result;
use signal_hook::consts::SIGHUP;

use super::effects::{RECOVER_IDLE, Runner};
use super::terminal::{self, Asked, Incoming, to_msg};
use crate::app::state::App;
use crate::app::update::update;

/// How long a stop waits for a continue already sent (`kill -TSTP; kill -CONT`) to arrive.
const STOP_GRACE: std::time::Duration = std::time::Duration::from_millis(50);

/// How the loop ended.
pub enum Ending {
    Quit,
    Signal(i32),
    Failed(color_eyre::Report),
    Panicked,
}

pub fn event_loop(
    screen: &mut ratatui::DefaultTerminal,
    app: &mut App,
    runner: &mut Runner,
    incoming: &mpsc::Receiver<Incoming>,
) -> Result<Ending> {
    let size = screen.size()?;
    app.size = (size.width, size.height);
    // What was taken from the channel while deciding whether to stop, to be handled next.
    let mut pending: VecDeque<Incoming> = VecDeque::new();
    // When the last continue was handled: signals that arrive together are handed over in
    // the order of their numbers, so `kill -TSTP; kill -CONT` can reach here continue first.
    let mut continued_at: Option<std::time::Instant> = None;
    loop {
        screen.draw(|frame| crate::ui::draw(app, frame))?;
        // Blocks until something happens: nothing redraws or reloads while the user is away.
        // Only with unsaved work not yet in the recovery file does it wait at most a moment.
        let next = if let Some(next) = pending.pop_front() {
            next
        } else if runner.needs_recovery(app) {
            match incoming.recv_timeout(RECOVER_IDLE) {
                Ok(next) => next,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if let Some(msg) = runner.write_recovery(app) {
                        let effects = update(app, msg);
                        if runner.settle(app, effects) {
                            return Ok(Ending::Quit);
                        }
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(Ending::Signal(SIGHUP)),
            }
        } else {
            match incoming.recv() {
                Ok(next) => next,
                Err(mpsc::RecvError) => return Ok(Ending::Signal(SIGHUP)),
            }
        };
        let event = match next {
            Incoming::Signal(signal) => match terminal::asked(signal) {
                Asked::End => return Ok(Ending::Signal(signal)),
                Asked::Stop => {
                    let seen = std::time::Instant::now();
                    // What is unsaved is kept first: a stopped session may never be continued.
                    if let Some(msg) = runner.write_recovery(app) {
                        let effects = update(app, msg);
                        if runner.settle(app, effects) {
                            return Ok(Ending::Quit);
                        }
                    }
                    terminal::hand_over(app.config.mouse);
                    // A continue sent right after the stop arrived before it was carried
                    // out: stopping now would wait for another that may never come.
                    // (A moment is given for one still on its way from the signal thread.)
                    let mut continued = continued_at.is_some_and(|at| seen.duration_since(at) < STOP_GRACE);
                    let until = std::time::Instant::now() + STOP_GRACE;
                    while let Some(left) = until.checked_duration_since(std::time::Instant::now()) {
                        match incoming.recv_timeout(left) {
                            Ok(Incoming::Signal(s)) if matches!(terminal::asked(s), Asked::Continue) => {
                                continued = true
                            }
                            Ok(other) => pending.push_back(other),
                            Err(_) => break,
                        }
                    }
                    if !continued {
                        terminal::stop_here();
                    }
                    terminal::take_back(screen, app.config.mouse)?;
                    resized(screen, app)?;
                    continue;
                }
                Asked::Continue => {
                    continued_at = Some(std::time::Instant::now());
                    terminal::take_back(screen, app.config.mouse)?;
                    resized(screen, app)?;
                    continue;
                }
            },
            Incoming::Terminal(event) => event?,
        };
        let Some(msg) = to_msg(event) else { continue };
        #[cfg(debug_assertions)]
        panic_if_asked(&msg);
        app.now = super::now();
        let before = app.history.revision();
        let effects = update(app, msg);
        if runner.settle(app, effects) {
            return Ok(Ending::Quit);
        }
        if let Some(msg) = runner.after_update(app, before) {
            let effects = update(app, msg);
            if runner.settle(app, effects) {
                return Ok(Ending::Quit);
            }
        }
    }
}

/// The window may have been resized while the process was stopped.
fn resized(screen: &ratatui::DefaultTerminal, app: &mut App) -> Result<()> {
    let size = screen.size()?;
    let _ = update(app, crate::app::update::Msg::Resize(size.width, size.height));
    Ok(())
}

/// Debug builds only: the key named by `PHASEBOOK_DEBUG_PANIC_KEY` panics, so the tests can
/// prove that a panic restores the terminal and keeps the unsaved work.
#[cfg(debug_assertions)]
#[allow(clippy::panic)]
fn panic_if_asked(msg: &crate::app::update::Msg) {
    if let crate::app::update::Msg::Key(key) = msg
        && let Ok(wanted) = std::env::var("PHASEBOOK_DEBUG_PANIC_KEY")
        && wanted.chars().next().is_some_and(|c| key.code == crossterm::event::KeyCode::Char(c))
    {
        panic!("PHASEBOOK_DEBUG_PANIC_KEY was pressed");
    }
}
