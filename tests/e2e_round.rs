//! End-to-end: the real binary in a pseudo-terminal, driven key by key.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use chrono::NaiveDate;
use support::{Dirs, PRACTICE, TIMEOUT, Tui, rfind, tandem_bin};
use tandem::record::{Answer, Role};
use tandem::store::read_session;

const CTRL_C: &str = "\x03";
const CTRL_S: &str = "\x13";
const ENTER: &str = "\r";
const TAB: &str = "\t";

fn session_files(data: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("sessions"))
        .expect("sessions dir")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn a_whole_round_is_saved_with_its_feedback() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&dirs, PRACTICE, 80, 24);
    tui.past_brief();
    tui.wait_for("stage 1 of 4");

    tui.send(" ");
    tui.wait_for("Ana talking");
    tui.send("2");
    tui.wait_for("Marks (1)");
    for stage in 2..=4 {
        tui.send("n");
        tui.wait_for(&format!("stage {stage} of 4"));
    }
    tui.send("n");
    tui.wait_for("End the round and start the debrief?");
    tui.send("y");
    tui.wait_for("▶ What worked");
    tui.send("Asked why twice");
    tui.wait_for("Asked why twice");
    tui.send(TAB);
    tui.wait_for("▶ One thing to change");
    tui.send("Ask sooner");
    tui.wait_for("Ask sooner");
    tui.send(TAB);
    tui.wait_for("▶ Purpose");
    tui.send("4");
    tui.send("\x1b[6~"); // PgDn: the partner
    tui.wait_for("▶ Would you have said yes?");
    tui.send("m");
    tui.send("\x1b[6~\x1b[6~"); // past the checks, to the commitment
    tui.wait_for("▶ The ask");
    tui.send("Come on Thursday");
    tui.wait_for("Come on Thursday");
    tui.send(ENTER);
    tui.send("y");
    tui.send(TAB);
    tui.send("Bring a neighbour");
    tui.wait_for("Bring a neighbour");
    tui.send(ENTER);
    tui.send("2026-12-03");
    tui.wait_for("2026-12-03");
    tui.send(CTRL_S);
    tui.wait_for("Round saved");
    tui.send("q");
    let status = tui.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");

    let data = dirs.data();
    let files = session_files(&data);
    assert_eq!(files.len(), 1, "one session file: {files:?}");
    let record = read_session(&files[0]).expect("the session file reads back");
    assert_eq!(record.people.organizer, "Ana");
    assert_eq!(record.people.partner, "Ben");
    assert_eq!(record.seed, 7);
    let stages: Vec<&str> = record.stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(stages, ["purpose", "exploration", "exchange", "commitment"]);
    assert_eq!(record.marks.len(), 1, "{:?}", record.marks);
    assert_eq!(record.marks[0].label, "asked why");
    assert_eq!(record.marks[0].stage, "purpose");

    let organizer = &record.feedback[0];
    assert_eq!(organizer.role, Role::Organizer);
    assert_eq!(organizer.name, "Ana");
    assert_eq!(organizer.what_worked, "Asked why twice");
    assert_eq!(organizer.to_change, "Ask sooner");
    assert_eq!(organizer.ratings.len(), 1, "{:?}", organizer.ratings);
    assert_eq!(organizer.ratings[0].score, 4);
    assert_eq!(organizer.ratings[0].stage, "purpose");

    assert_eq!(record.feedback[1].would_say_yes, Some(Answer::Maybe));
    assert_eq!(record.commitment.ask, "Come on Thursday");
    assert_eq!(record.commitment.answer, Some(Answer::Yes));
    assert_eq!(record.commitment.action, "Bring a neighbour");
    assert_eq!(record.commitment.date, NaiveDate::from_ymd_opt(2026, 12, 3));
    assert!(record.commitment.counts());

    assert!(
        !data.join("in-progress.toml").exists(),
        "the in-progress state is cleared once the round is saved"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "session file mode {mode:o}");
    }
}

#[test]
fn ctrl_c_mid_practice_keeps_the_round_and_restores_the_terminal() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&dirs, PRACTICE, 80, 24);
    tui.past_brief();
    tui.wait_for("stage 1 of 4");
    tui.send("2");
    tui.wait_for("Marks (1)");
    tui.send("n");
    tui.wait_for("stage 2 of 4");
    tui.send(CTRL_C);
    let status = tui.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");

    let raw = tui.raw_output();
    let entered = rfind(&raw, b"\x1b[?1049h").expect("the alternate screen was entered");
    let after = &raw[entered..];
    assert!(
        rfind(after, b"\x1b[?1049l").is_some(),
        "the alternate screen is left on exit; output after entering it: {:?}",
        String::from_utf8_lossy(&after[after.len().saturating_sub(200)..])
    );
    assert!(
        rfind(after, b"\x1b[?25h").is_some(),
        "the cursor is shown again on exit; output after entering it: {:?}",
        String::from_utf8_lossy(&after[after.len().saturating_sub(200)..])
    );
    let in_progress = dirs.data().join("in-progress.toml");
    assert!(in_progress.exists(), "Ctrl-C keeps the round");
    assert!(session_files(&dirs.data()).is_empty());

    let mut tui = Tui::spawn(&dirs, &[], 80, 24);
    tui.wait_for("Resume: Ana with Ben");
    tui.send(ENTER);
    // A resumed round starts paused, on the stage it was left at, with
    // its mark.
    tui.wait_for_all(&["stage 2 of 4", "PAUSED", "Marks (1)"]);
    tui.send(CTRL_C);
    let status = tui.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn a_broken_deck_is_reported_before_the_terminal_is_taken() {
    let dirs = Dirs::new();
    let deck = dirs.root().join("broken.toml");
    let text = r#"id = "broken"
title = "Broken"
description = "A deck with a type error."
version = 1

[[stages]]
id = "purpose"
name = "Purpose"
goal = "Say why."
minutes = "two"
prompts = ["Why are we here?"]
rubric = ["clear why"]
"#;
    std::fs::write(&deck, text).unwrap();
    let (line, column) = (10, 11);
    assert!(text.lines().nth(line - 1).unwrap()[column - 1..].starts_with("\"two\""));

    let mut cmd = Command::new(tandem_bin());
    cmd.args(["practice", "--deck"])
        .arg(&deck)
        .args(["--organizer", "A", "--partner", "B"])
        .env_clear()
        .env("TERM", "xterm-256color")
        .current_dir(dirs.root());
    for (key, value) in dirs.env() {
        cmd.env(key, value);
    }
    let output = cmd.output().expect("run tandem");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "a broken deck fails: {output:?}");
    let place = format!("{}:{line}:{column}", deck.display());
    assert!(
        stderr.contains(&place),
        "stderr names {place}; it was:\n{stderr}"
    );
    assert!(
        !stdout.contains("\x1b[?1049h") && !stderr.contains("\x1b[?1049h"),
        "the terminal was not taken over; stdout: {stdout:?}"
    );
}

#[test]
fn a_tiny_terminal_asks_for_a_larger_window() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&dirs, &[], 40, 10);
    tui.wait_for("Make the window larger");
    tui.resize(80, 24);
    tui.wait_for_within("Start practice", Duration::from_secs(5));
    tui.send("q");
    let status = tui.wait_exit(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn every_mode_runs_end_to_end() {
    let cases: &[(&[&str], &str, usize, usize)] = &[
        (
            &[
                "--mode",
                "triad",
                "--organizer",
                "Ana",
                "--partner",
                "Ben",
                "--observer",
                "Cy",
            ],
            "triad",
            4,
            3,
        ),
        (&["--mode", "solo", "--organizer", "Ana"], "solo", 4, 1),
        (
            &[
                "--mode",
                "drill",
                "--stage",
                "exploration",
                "--organizer",
                "Ana",
            ],
            "drill",
            1,
            1,
        ),
        (
            &["--mode", "pair", "--organizer", "Ana", "--partner", "Ben"],
            "pair",
            4,
            2,
        ),
    ];
    for (args, mode, stages, raters) in cases {
        let dirs = Dirs::new();
        let mut all = vec!["practice", "--no-bell", "--seed", "3"];
        all.extend_from_slice(args);
        let mut tui = Tui::spawn(&dirs, &all, 80, 24);
        if *raters > 1 {
            tui.past_brief();
        }
        tui.wait_for(&format!("stage 1 of {stages}"));
        for _ in 0..*stages {
            tui.send("n");
        }
        tui.wait_for("End the round");
        tui.send("y");
        tui.wait_for("Debrief");
        tui.send(CTRL_S);
        tui.wait_for("gave no feedback. Save anyway?");
        tui.send("y");
        tui.wait_for("Round saved");
        tui.send("q");
        assert!(tui.wait_exit(TIMEOUT).success());
        let files = session_files(&dirs.data());
        let record = read_session(&files[0]).unwrap();
        assert_eq!(record.mode.label(), *mode);
        assert_eq!(record.stages.len(), *stages, "{mode}");
        assert_eq!(record.feedback.len(), *raters, "{mode}");
    }
}
