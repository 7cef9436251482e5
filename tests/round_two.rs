//! Reliability and security, round two (issue 9), checked on the real
//! binary as a process: hostile files in the data dir, closed and full
//! output, clap's messages, a start without a terminal, duplicates and TZ.
//! Every run gets private dirs; nothing waits a fixed time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Long enough for a loaded CI machine; a hang shows up as a failure.
const LIMIT: Duration = Duration::from_secs(60);

struct Dirs {
    root: tempfile::TempDir,
}

impl Dirs {
    fn new() -> Dirs {
        Dirs {
            root: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    fn data(&self) -> PathBuf {
        self.path("data")
    }

    fn sessions(&self) -> PathBuf {
        let dir = self.data().join("sessions");
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn tandem(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tandem"));
        cmd.args(args)
            .env("TANDEM_DATA_DIR", self.data())
            .env("TANDEM_CACHE_DIR", self.data().with_extension("cache"))
            .env("TANDEM_CONFIG_DIR", self.path("config"))
            .env("HOME", self.path("home"))
            // English whatever the developer's locale: the tests read its words.
            .env("LC_ALL", "C.UTF-8")
            .current_dir(self.root.path())
            .stdin(Stdio::null());
        cmd
    }
}

/// Runs `cmd` to the end, failing the test (and killing it) if it is
/// still running after [`LIMIT`]: the bugs checked here were hangs.
fn run(mut cmd: Command) -> Output {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(LIMIT) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("tandem (pid {pid}) still running after {LIMIT:?}: it hangs");
        }
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn assert_no_panic(output: &Output) {
    assert_ne!(output.status.code(), Some(101), "{}", text(&output.stderr));
    assert!(!text(&output.stderr).contains("panicked"));
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// A schema-1 session file.
fn session(id: &str, started: &str, organizer: &str, partner: &str, ask: &str) -> String {
    format!(
        "schema = 1\nid = \"{id}\"\nmode = \"pair\"\nseed = 1\n\
         started = \"{started}\"\nended = \"{started}\"\n\
         stages = []\nmarks = []\nfeedback = []\n\
         [deck]\nid = \"relational-1on1\"\nversion = 1\n\
         [people]\norganizer = \"{organizer}\"\npartner = \"{partner}\"\n\
         [commitment]\nask = \"{ask}\"\nagreed = \"yes\"\n"
    )
}

const A: &str = "20261125T090000Z-00000000000000a1";
const B: &str = "20261202T090000Z-00000000000000b2";

#[test]
fn clap_messages_and_file_names_carry_no_control_characters() {
    let dirs = Dirs::new();
    // Forced colour, as on a terminal: clap then echoes what it was given.
    let mut cmd = dirs.tandem(&["completions", "bash\u{1b}]0;pwned\u{7}\u{1b}[2J\u{8}"]);
    cmd.env("CLICOLOR_FORCE", "1");
    let usage = run(cmd);
    assert_eq!(usage.status.code(), Some(2));
    let err = text(&usage.stderr);
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
    assert!(err.contains("invalid value 'bash"), "{err}");

    let help = run(dirs.tandem(&["--help"]));
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("Usage"));
    let version = run(dirs.tandem(&["--version"]));
    assert_eq!(version.status.code(), Some(0));
    assert!(text(&version.stdout).starts_with("tandem "));

    let deck = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/prompts/relational-1on1.toml"
    ))
    .unwrap();
    let name = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J.toml";
    std::fs::write(dirs.path(name), deck).unwrap();
    let check = run(dirs.tandem(&["decks", "check", name]));
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    let out = text(&check.stdout);
    assert!(out.contains("evil]0;pwned[2J.toml: ok"), "{out:?}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
}

#[test]
fn a_closed_pipe_exits_quietly_and_a_full_disk_exits_1() {
    let dirs = Dirs::new();
    // `tandem completions bash | true`: the reader is gone at once.
    let mut child = dirs
        .tandem(&["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stderr), "");

    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let source = Dirs::new();
    std::fs::write(
        source.sessions().join(format!("{A}.toml")),
        session(A, "2026-11-25T09:00:00Z", "Ana", "Ben", "come"),
    )
    .unwrap();
    let source_dir = source.data();
    for args in [
        vec!["decks", "list"],
        vec!["completions", "bash"],
        vec!["stats"],
        vec!["import", source_dir.to_str().unwrap()],
    ] {
        let mut cmd = dirs.tandem(&args);
        cmd.stdout(full());
        let output = cmd.stderr(Stdio::piped()).output().unwrap();
        assert_no_panic(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let err = text(&output.stderr);
        assert!(err.contains("cannot write to stdout"), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }

    // A full stderr is no reason to crash either.
    std::fs::write(dirs.sessions().join("broken.toml"), "schema = [").unwrap();
    let mut cmd = dirs.tandem(&["stats"]);
    cmd.stderr(full());
    let output = cmd.stdout(Stdio::piped()).output().unwrap();
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn without_a_terminal_the_data_dir_is_not_touched() {
    let dirs = Dirs::new();
    let practice = ["practice", "--organizer", "Ana", "--partner", "Ben"];
    let output = run(dirs.tandem(&practice));
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("needs a terminal"));
    assert!(!dirs.data().exists(), "the data dir was created");

    std::fs::create_dir_all(dirs.data()).unwrap();
    let corrupt = dirs.data().join("in-progress.toml");
    std::fs::write(&corrupt, "not = [toml").unwrap();
    for args in [&practice[..], &[], &["review"]] {
        let output = run(dirs.tandem(args));
        assert!(text(&output.stderr).contains("needs a terminal"));
        let names: Vec<_> = std::fs::read_dir(dirs.data())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["in-progress.toml"], "{args:?}");
        assert_eq!(std::fs::read_to_string(&corrupt).unwrap(), "not = [toml");
    }
}

#[test]
fn fifos_devices_and_symlinks_never_hang_stats_or_import() {
    let dirs = Dirs::new();
    std::fs::write(
        dirs.sessions().join(format!("{A}.toml")),
        session(A, "2026-11-25T09:00:00Z", "Ana", "Ben", "come"),
    )
    .unwrap();
    mkfifo(&dirs.sessions().join("fifo.toml"));
    let stats = run(dirs.tandem(&["stats", "--format", "json"]));
    assert_eq!(stats.status.code(), Some(0));
    assert!(text(&stats.stdout).contains("\"sessions\": 1"));
    assert!(text(&stats.stderr).contains("fifo.toml: a FIFO, not a regular file"));

    let source = Dirs::new();
    std::fs::write(
        source.sessions().join(format!("{B}.toml")),
        session(B, "2026-12-02T09:00:00Z", "Cy", "Dee", "join"),
    )
    .unwrap();
    std::os::unix::fs::symlink("/dev/zero", source.sessions().join("zero.toml")).unwrap();
    mkfifo(&source.sessions().join("fifo.toml"));
    let import = run(dirs.tandem(&["import", source.data().to_str().unwrap()]));
    let err = text(&import.stderr);
    assert_eq!(import.status.code(), Some(0), "{err}");
    assert!(text(&import.stdout).starts_with("imported 1 session and 0 notes"));
    assert!(err.contains("zero.toml: a symbolic link"), "{err}");
    assert!(err.contains("fifo.toml: a FIFO"), "{err}");
}

#[test]
fn a_sync_conflict_copy_is_one_session_not_two() {
    let dirs = Dirs::new();
    let text_a = session(A, "2026-11-25T09:00:00Z", "Ana", "Ben", "come");
    std::fs::write(dirs.sessions().join(format!("{A}.toml")), &text_a).unwrap();
    let copy = dirs.sessions().join(format!("{A} (conflicted copy).toml"));
    std::fs::write(&copy, text_a.replace("come", "come along")).unwrap();
    let stats = run(dirs.tandem(&["stats", "--format", "json"]));
    assert!(text(&stats.stdout).contains("\"sessions\": 1"));
    let err = text(&stats.stderr);
    assert!(err.contains(&copy.display().to_string()), "{err}");
    assert!(
        err.contains(A) && err.contains("the contents differ"),
        "{err}"
    );
    let export = run(dirs.tandem(&["export", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["commitment"]["ask"], "come");
}

#[test]
fn stats_never_reads_the_time_zone() {
    let dirs = Dirs::new();
    std::fs::write(
        dirs.sessions().join(format!("{A}.toml")),
        session(A, "2026-11-25T09:00:00Z", "Ana", "Ben", "come"),
    )
    .unwrap();
    // A time zone file that can never be read to the end (like
    // TZ=/dev/zero, without the 9 GB): reading it would hang.
    let zone = dirs.path("zone");
    mkfifo(&zone);
    let mut cmd = dirs.tandem(&["stats"]);
    cmd.env("TZ", &zone);
    let output = run(cmd);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("Sessions"));
}

#[test]
fn an_anonymized_filtered_export_names_nobody() {
    let dirs = Dirs::new();
    std::fs::write(
        dirs.sessions().join("Ana-Lopez-1.toml"),
        session(
            "Ana-Lopez-1",
            "2026-11-25T09:00:00Z",
            "Ana Lopez",
            "Eve",
            "Carla Diaz showed me",
        ),
    )
    .unwrap();
    std::fs::write(
        dirs.sessions().join(format!("{B}.toml")),
        session(
            B,
            "2026-12-02T09:00:00Z",
            "Carla Diaz",
            "Eve",
            "Ana Lopez was great, ana_lopez@example.org",
        ),
    )
    .unwrap();
    for filter in [["--person", "Ana  Lopez"], ["--since", "2026-12-01"]] {
        let mut args = vec!["export", "--format", "md", "--anonymize"];
        args.extend(filter);
        let output = run(dirs.tandem(&args));
        assert_eq!(output.status.code(), Some(0));
        let out = text(&output.stdout).to_lowercase();
        assert!(
            out.contains("showed me") || out.contains("was great"),
            "{out}"
        );
        for name in ["ana", "lopez", "carla", "diaz"] {
            assert!(!out.contains(name), "{name} leaked with {filter:?}:\n{out}");
        }
    }
}

#[test]
fn bidi_overrides_and_zero_width_characters_never_reach_an_export() {
    let dirs = Dirs::new();
    std::fs::write(
        dirs.sessions().join(format!("{A}.toml")),
        session(
            A,
            "2026-11-25T09:00:00Z",
            "Ana\\u200B",
            "Ben",
            "pay \\u202Eevil\\u202C now\\uFEFF",
        ),
    )
    .unwrap();
    for format in ["md", "csv", "json"] {
        let output = run(dirs.tandem(&["export", "--format", format]));
        assert_eq!(output.status.code(), Some(0));
        let out = text(&output.stdout);
        // CSV has no column for the ask, but has the name.
        let shown = if format == "csv" {
            ",Ana,"
        } else {
            "pay evil now"
        };
        assert!(out.contains(shown), "{format}: {out}");
        let hidden = ['\u{200B}', '\u{202E}', '\u{202C}', '\u{FEFF}'];
        assert!(!out.contains(hidden), "{format}: {out:?}");
    }
}
