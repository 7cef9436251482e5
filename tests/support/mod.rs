//! A harness that runs the real `tandem` binary in a pseudo-terminal and
//! reads its screen through a vt100 parser.
//!
//! Every run gets its own data and config dirs (never the user's home).
//! Tests wait for what is on screen, never for a fixed time.

// Each test crate that includes this module uses a different part of it.
#![allow(dead_code)]

pub mod ssh;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How often a wait looks at the screen again.
const POLL: Duration = Duration::from_millis(20);
/// The default limit of a wait.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// A pair round straight from the command line, without the bell.
pub const PRACTICE: &[&str] = &[
    "practice",
    "--organizer",
    "Ana",
    "--partner",
    "Ben",
    "--seed",
    "7",
    "--no-bell",
];

/// Finds the last position of `needle` in `haystack`.
pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The path of the binary under test.
pub fn tandem_bin() -> &'static str {
    env!("CARGO_BIN_EXE_tandem")
}

/// Private data and config dirs for one test, removed when dropped.
pub struct Dirs {
    root: tempfile::TempDir,
}

impl Dirs {
    pub fn new() -> Dirs {
        let root = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(root.path().join("data")).unwrap();
        std::fs::create_dir_all(root.path().join("config")).unwrap();
        Dirs { root }
    }

    pub fn root(&self) -> &Path {
        self.root.path()
    }

    pub fn data(&self) -> PathBuf {
        self.root.path().join("data")
    }

    pub fn config(&self) -> PathBuf {
        self.root.path().join("config")
    }

    /// The environment every run of the binary gets.
    pub fn env(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("TANDEM_DATA_DIR", self.data()),
            ("TANDEM_CONFIG_DIR", self.config()),
            ("TANDEM_CACHE_DIR", self.root().join("cache")),
            ("HOME", self.root().join("home")),
            ("XDG_DATA_HOME", self.root().join("home/.local/share")),
            ("XDG_CONFIG_HOME", self.root().join("home/.config")),
        ]
    }
}

/// `tandem` running in a pty.
pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    eof: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    status: Option<ExitStatus>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is never zero")
}

impl Tui {
    /// Starts `tandem args…` in a `cols`×`rows` pty with the dirs of `dirs`.
    pub fn spawn(dirs: &Dirs, args: &[&str], cols: u16, rows: u16) -> Tui {
        Tui::spawn_with_env(dirs, args, cols, rows, &[])
    }

    /// Like [`Tui::spawn`], with extra environment variables.
    pub fn spawn_with_env(
        dirs: &Dirs,
        args: &[&str],
        cols: u16,
        rows: u16,
        extra_env: &[(&str, &str)],
    ) -> Tui {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(tandem_bin());
        cmd.args(args);
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        for (key, value) in dirs.env() {
            cmd.env(key, value);
        }
        for (key, value) in extra_env {
            cmd.env(key, value);
        }
        cmd.cwd(dirs.root());
        let child = pair.slave.spawn_command(cmd).expect("spawn tandem");
        // Only the child may hold the slave side, so that reading the
        // master ends when the child is gone.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let eof = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let thread = {
            let (parser, raw, eof) = (parser.clone(), raw.clone(), eof.clone());
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        // Linux reports EIO on the master once the slave is
                        // closed: that is the end of the output.
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                            parser.lock().unwrap().process(&buf[..n]);
                        }
                    }
                }
                eof.store(true, Ordering::SeqCst);
            })
        };
        Tui {
            child,
            master: pair.master,
            writer,
            parser,
            raw,
            eof,
            reader: Some(thread),
            status: None,
        }
    }

    /// Types `input` (text or raw bytes such as `"\x13"` for Ctrl-S).
    pub fn send(&mut self, input: impl AsRef<[u8]>) {
        self.writer.write_all(input.as_ref()).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Everything the program wrote so far, escape sequences included.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until `text` is on screen.
    #[track_caller]
    /// Waits for the partner's brief and starts the round.
    pub fn past_brief(&mut self) {
        self.wait_for("look away");
        self.send("\r");
    }

    pub fn wait_for(&self, text: &str) {
        self.wait_for_within(text, TIMEOUT);
    }

    /// Waits up to `timeout` until `text` is on screen; panics with the
    /// screen if it never appears.
    #[track_caller]
    pub fn wait_for_within(&self, text: &str, timeout: Duration) {
        self.wait_until(&format!("{text:?} on screen"), timeout, |screen| {
            screen.contains(text)
        });
    }

    /// Waits until every one of `texts` is on screen at the same time (a
    /// screen can be caught half redrawn, so one text does not vouch for
    /// another).
    #[track_caller]
    pub fn wait_for_all(&self, texts: &[&str]) {
        self.wait_until(&format!("all of {texts:?} on screen"), TIMEOUT, |screen| {
            texts.iter().all(|text| screen.contains(text))
        });
    }

    /// Waits until `test` holds for the screen text.
    #[track_caller]
    pub fn wait_until(&self, what: &str, timeout: Duration, test: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.screen();
            if test(&screen) {
                return;
            }
            if Instant::now() >= deadline {
                panic!("timed out after {timeout:?} waiting for {what}; the screen:\n{screen}\n");
            }
            thread::sleep(POLL);
        }
    }

    /// Sends a signal (`"TERM"`, `"HUP"`, `"KILL"`, …) to the program.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a running child has a pid");
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} {pid} failed");
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child has a pid")
    }

    /// Whether the program is stopped (state `T` in /proc), as after
    /// Ctrl-Z or SIGSTOP.
    pub fn is_stopped(&self) -> bool {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        // "pid (comm) S …": the state follows the last ')'.
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with(['T', 't']))
    }

    /// Waits until `test` holds for the program (not its screen).
    #[track_caller]
    pub fn wait_for_state(&self, what: &str, test: impl Fn(&Tui) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        while !test(self) {
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {TIMEOUT:?} waiting for {what}; the screen:\n{}\n",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Whether the terminal is in raw mode (no canonical input, no echo),
    /// read from the pty: on Linux the master reports the slave's modes.
    pub fn is_raw(&self) -> bool {
        let fd = self
            .master
            .as_raw_fd()
            .expect("a pty master has a file descriptor");
        // SAFETY: tcgetattr fills the zeroed struct it is given.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut termios) }, 0, "tcgetattr");
        termios.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    /// Resizes the terminal (and the parser that mirrors it).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let mut parser = self.parser.lock().unwrap();
        parser.set_size(nz(rows), nz(cols));
        self.master.resize(size(cols, rows)).expect("resize pty");
    }

    /// Waits for the program to end and for its last output to be read;
    /// returns its exit status.
    #[track_caller]
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll child") {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "tandem did not exit within {timeout:?}; the screen:\n{}\n",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        };
        while !self.eof.load(Ordering::SeqCst) {
            if Instant::now() >= deadline {
                panic!("the pty output did not end within {timeout:?} of the exit");
            }
            thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        self.status = Some(status.clone());
        status
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
