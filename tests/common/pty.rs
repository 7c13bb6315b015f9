//! Runs the real binary in a pseudo-terminal and rebuilds its screen with vt100, so a
//! test can type keys and read what a user would see.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const COLS: u16 = 100;
pub const ROWS: u16 = 30;
/// Generous: CI machines are slow and busy, and a pass returns as soon as the text shows.
const PATIENCE: Duration = Duration::from_secs(30);

pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    /// `None` once hung up.
    writer: Option<Box<dyn Write + Send>>,
    /// Kept open for the life of the session (it also reports the terminal's modes); `None`
    /// once hung up.
    master: Option<Box<dyn MasterPty + Send>>,
    /// Tells the reader thread to let go of its end of the terminal after its next read.
    stop_reading: Arc<std::sync::atomic::AtomicBool>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Set by the reader thread when the pty reports end of output (EIO on Linux).
    ended: Arc<Mutex<bool>>,
    /// Bytes received from the program so far.
    received: Arc<Mutex<usize>>,
}

impl Session {
    /// Starts phasebook with `args` in `home`, with every folder it uses pointed inside `home`.
    pub fn start(args: &[&str], home: &Path, extra_env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_phasebook"));
        cmd.args(args);
        cmd.cwd(home);
        cmd.env_clear();
        cmd.env("HOME", home);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("USER", "tester");
        cmd.env("LANG", "C.UTF-8");
        if let Ok(path) = std::env::var("PATH") {
            cmd.env("PATH", path);
        }
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn phasebook");
        // The slave belongs to the child now; keeping it open would hide the end of output.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(ROWS).expect("rows"),
            std::num::NonZeroU16::new(COLS).expect("cols"),
            0,
        )));
        let ended = Arc::new(Mutex::new(false));
        let received = Arc::new(Mutex::new(0));
        let stop_reading = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (p, e, r, stop) = (parser.clone(), ended.clone(), received.clone(), stop_reading.clone());
        let master = Some(pair.master);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        p.lock().expect("parser").process(&buf[..n]);
                        *r.lock().expect("received") += n;
                    }
                }
                if stop.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
            }
            *e.lock().expect("ended") = true;
        });
        Session { child, writer: Some(writer), master, stop_reading, parser, ended, received }
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    pub fn bytes_received(&self) -> usize {
        *self.received.lock().expect("received")
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// What each cell of screen row `row` shows (a wide character's second cell is empty).
    pub fn cells(&self, row: u16) -> Vec<String> {
        let parser = self.parser.lock().expect("parser");
        let screen = parser.screen();
        (0..COLS).map(|col| screen.cell(row, col).map(|c| c.contents().to_string()).unwrap_or_default()).collect()
    }

    /// Whether any cell on screen has a foreground or background colour set.
    pub fn has_colour(&self) -> bool {
        let parser = self.parser.lock().expect("parser");
        let screen = parser.screen();
        (0..ROWS).any(|row| {
            (0..COLS).any(|col| {
                screen.cell(row, col).is_some_and(|cell| {
                    cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
                })
            })
        })
    }

    /// Whether the terminal is in canonical (line) mode, as a shell expects it: raw mode
    /// turns this off, and restoring the terminal turns it back on.
    pub fn in_line_mode(&self) -> bool {
        let termios = self.master.as_ref().expect("not hung up").get_termios().expect("terminal modes");
        format!("{:?}", termios.local_flags).contains("ICANON")
    }

    /// Sends a signal to phasebook, as `kill -SIGNAL pid` would.
    pub fn signal(&self, signal: &str) {
        let pid = self.pid().expect("pid");
        let status = std::process::Command::new("kill").args([&format!("-{signal}"), &pid.to_string()]).status();
        assert!(status.expect("run kill").success(), "kill -{signal} failed");
    }

    /// The text of every cell drawn in reverse video: the selected row.
    pub fn reversed(&self) -> String {
        let parser = self.parser.lock().expect("parser");
        let screen = parser.screen();
        let mut text = String::new();
        for row in 0..ROWS {
            for col in 0..COLS {
                if let Some(cell) = screen.cell(row, col).filter(|c| c.inverse()) {
                    text.push_str(cell.contents());
                }
            }
        }
        text
    }

    /// Waits until `done` holds for the screen; panics with the screen if it never does.
    pub fn wait_until(&self, what: &str, done: impl Fn(&Session) -> bool) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if done(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the screen never showed {what}; it shows:\n{}", self.screen());
    }

    pub fn in_alternate_screen(&self) -> bool {
        self.parser.lock().expect("parser").screen().alternate_screen()
    }

    /// Waits until the screen shows `text`; panics with the screen if it never does.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the screen never showed {text:?}; it shows:\n{}", self.screen());
    }

    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("not hung up");
        writer.write_all(keys.as_bytes()).expect("type keys");
        writer.flush().expect("flush keys");
    }

    /// Closes the terminal, as closing a terminal window does: every handle on its side is
    /// let go, and the system hangs up on phasebook. `wake` is a key that makes phasebook
    /// draw, so the reader thread returns from its read and can let go of its handle.
    pub fn hang_up(&mut self, wake: &str) {
        self.stop_reading.store(true, std::sync::atomic::Ordering::SeqCst);
        self.send(wake);
        let start = Instant::now();
        while !*self.ended.lock().expect("ended") {
            assert!(start.elapsed() < PATIENCE, "the reader never let go of the terminal");
            std::thread::sleep(Duration::from_millis(10));
        }
        // The pty crate's writer types Enter and the end-of-file key when it is dropped; a
        // terminal window that closes types nothing, so the end-of-file key is unset first.
        let fd = self.master.as_ref().and_then(|m| m.as_raw_fd()).expect("the terminal's descriptor");
        // SAFETY: `fd` is the open master side of the pty, owned by `self.master`; termios is
        // plain data filled in by tcgetattr before it is read.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(fd, &mut t), 0, "read the terminal's modes");
            t.c_cc[libc::VEOF] = 0;
            assert_eq!(libc::tcsetattr(fd, libc::TCSANOW, &t), 0, "set the terminal's modes");
        }
        self.writer = None;
        self.master = None;
    }

    /// Waits for the program to exit and its last output to arrive; returns the exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Ok(Some(status)) = self.child.try_wait() {
                while !*self.ended.lock().expect("ended") && start.elapsed() < PATIENCE {
                    std::thread::sleep(Duration::from_millis(10));
                }
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("phasebook did not exit; the screen shows:\n{}", self.screen());
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
