//! The command line as a process: errors go to stderr with a non-zero exit
//! code, before the terminal is touched.

use std::process::{Command, Output, Stdio};

fn tandem(args: &[&str]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(args)
        .env("TANDEM_DATA_DIR", dir.path().join("data"))
        .env("TANDEM_CACHE_DIR", dir.path().join("cache"))
        .env("TANDEM_CONFIG_DIR", dir.path().join("config"))
        // English whatever the developer's locale: the tests read its words.
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (dir, output)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn help_and_version_work_without_a_terminal() {
    let (_dir, help) = tandem(&["--help"]);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for word in ["practice", "--data-dir", "--no-color", "--no-bell"] {
        assert!(text.contains(word), "{word} missing from --help:\n{text}");
    }
    let (_dir, version) = tandem(&["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("tandem "));
}

#[test]
fn without_a_terminal_it_says_so_instead_of_crashing() {
    let (_dir, output) = tandem(&["practice", "--organizer", "A", "--partner", "B"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("tandem needs a terminal"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unknown_deck_lists_the_available_ones() {
    let (_dir, output) = tandem(&["practice", "--deck", "nope"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("no deck with id `nope`"), "{text}");
    assert!(text.contains("relational-1on1"), "{text}");
}

#[test]
fn a_missing_deck_file_is_reported_with_its_path() {
    let (_dir, output) = tandem(&["practice", "--deck", "/no/such/deck.toml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("/no/such/deck.toml"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn practice_options_are_checked_against_the_mode_and_deck() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["practice", "--mode", "drill"],
            "--mode drill needs --stage, one of: purpose, exploration, exchange, commitment",
        ),
        (
            &["practice", "--mode", "drill", "--stage", "warmup"],
            "deck `relational-1on1` has no stage `warmup`",
        ),
        (
            &["practice", "--observer", "Cy"],
            "--observer is for --mode triad",
        ),
        (
            &["practice", "--mode", "quartet"],
            "invalid value 'quartet' for '--mode",
        ),
    ];
    for (args, expected) in cases {
        let (_dir, output) = tandem(args);
        assert!(!output.status.success(), "{args:?} should fail");
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let (_dir, output) = tandem(&["completions", shell]);
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(
            script.contains("practice") && script.contains("export"),
            "{shell}"
        );
    }
    let (_dir, output) = tandem(&["completions", "tcsh"]);
    assert!(!output.status.success());
}

#[test]
fn fit_takes_minutes_and_says_what_it_expects() {
    for bad in ["half an hour", "0m", "9999"] {
        let (_dir, output) = tandem(&["practice", "--organizer", "A", "--fit", bad]);
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&output).contains("is not a number of minutes from 1 to 600, e.g. 30m"),
            "{bad}: {}",
            stderr(&output)
        );
    }
    let (_dir, output) = tandem(&[
        "practice",
        "--mode",
        "drill",
        "--stage",
        "purpose",
        "--organizer",
        "A",
        "--fit",
        "30m",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("--fit plans whole rounds"),
        "{}",
        stderr(&output)
    );
    // A good value passes the parser and fails only for want of a terminal.
    for good in ["30m", "30", "45 min"] {
        let (_dir, output) = tandem(&[
            "practice",
            "--organizer",
            "A",
            "--partner",
            "B",
            "--fit",
            good,
        ]);
        assert!(
            stderr(&output).contains("tandem needs a terminal"),
            "{good}: {}",
            stderr(&output)
        );
    }
}

/// A newcomer's mistakes on the command line get an answer that says
/// what to do.
#[test]
fn newcomer_mistakes_are_told_what_to_do() {
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["practice", "--stage", "exploration"],
            &["--stage exploration only goes with --mode drill"],
        ),
        (
            &["practice", "--mode", "solo", "--stage", "purpose"],
            &["only goes with --mode drill"],
        ),
        (
            &["practice", "--deck", "quick"],
            &["no deck with id `quick` (did you mean quick-round?)"],
        ),
        (
            &["practice", "--deck", "relational-1on"],
            &["did you mean relational-1on1?"],
        ),
        (
            &["export", "--format", "md", "--since", "yesterday"],
            &["'yesterday'", "YYYY-MM-DD"],
        ),
    ];
    for (args, expected) in cases {
        let (_dir, output) = tandem(args);
        assert!(!output.status.success(), "{args:?} should fail");
        for text in *expected {
            assert!(
                stderr(&output).contains(text),
                "{args:?}: {text} missing: {}",
                stderr(&output)
            );
        }
    }
    // A drill's stage is accepted: only the missing terminal stops it.
    let (_dir, output) = tandem(&[
        "practice",
        "--mode",
        "drill",
        "--stage",
        "exploration",
        "--organizer",
        "Ana",
    ]);
    assert!(
        stderr(&output).contains("tandem needs a terminal"),
        "{}",
        stderr(&output)
    );
    let (_dir, output) = tandem(&["practice", "--deck", "zzzzzz"]);
    assert!(
        !stderr(&output).contains("did you mean"),
        "{}",
        stderr(&output)
    );
}

/// `stats` only reads: a data dir that does not exist is left so.
#[test]
fn stats_never_creates_the_data_dir() {
    let (dir, output) = tandem(&["stats"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        !dir.path().join("data").exists(),
        "stats created the data dir"
    );
}

/// Importing a folder that is not a data dir (no sessions/, no session
/// files) says so and fails, instead of "imported 0 sessions".
#[test]
fn importing_a_folder_that_is_not_a_data_dir_is_an_error() {
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("notes.txt"), "hello").unwrap();
    let path = other.path().to_str().unwrap();
    let (_dir, output) = tandem(&["import", path]);
    assert!(!output.status.success());
    let text = stderr(&output);
    assert!(text.contains("is not a tandem data dir"), "{text}");
    assert!(text.contains("no sessions/"), "{text}");
    // A sessions dir given directly, even empty, is fine.
    let sessions = other.path().join("sessions");
    std::fs::create_dir(&sessions).unwrap();
    let (_dir, output) = tandem(&["import", sessions.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn man_writes_a_roff_page_from_the_same_definition_as_help() {
    let (dir, output) = tandem(&["man"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(page.starts_with(".ie"), "not roff:\n{page}");
    for part in [
        ".TH tandem 1",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        "no\\-mouse",
        "config",
    ] {
        assert!(
            page.contains(part),
            "{part} missing from the man page:\n{page}"
        );
    }
    // As a user would check it: a pipe that grep closes early.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' man | grep -q SYNOPSIS",
            env!("CARGO_BIN_EXE_tandem")
        ))
        .env("TANDEM_CONFIG_DIR", dir.path().join("config"))
        .status()
        .unwrap();
    assert!(status.success());
}
