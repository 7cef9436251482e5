//! `tandem stats` as a process, over sessions saved in a private data dir.
//! Expected numbers are worked out by hand in the comments.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use chrono::NaiveDate;
use tandem::practice::{Mode, People};
use tandem::record::{
    Commitment, DeckRef, ParticipantFeedback, Rating, Role, SCHEMA_VERSION, SessionRecord,
    StageRecord,
};
use tandem::store::Store;

/// A session on `date` with one "purpose" stage of 60 s planned.
/// `ratings` are (role, score) for purpose; `talk` is (organizer, partner)
/// seconds.
fn session(
    date: &str,
    organizer: &str,
    actual_secs: u64,
    talk: (u64, u64),
    ratings: &[(Role, u8)],
    agreed: bool,
) -> SessionRecord {
    let started = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .unwrap()
        .and_hms_opt(18, 0, 0)
        .unwrap()
        .and_utc();
    SessionRecord {
        schema: SCHEMA_VERSION,
        id: format!("{}-{organizer}", started.format("%Y%m%dT%H%M%SZ")),
        mode: Mode::Pair,
        seed: 1,
        started,
        ended: started + chrono::Duration::minutes(20),
        persona: None,
        plan: None,
        scales: Vec::new(),
        checks: Vec::new(),
        checked_by: None,
        deck: DeckRef {
            id: "relational-1on1".into(),
            version: 1,
            skill: None,
        },
        people: People::pair(organizer, "Pat"),
        commitment: if agreed {
            Commitment {
                ask: "Come on Thursday".into(),
                answer: Some(tandem::record::Answer::Yes),
                action: "Come".into(),
                date: NaiveDate::from_ymd_opt(2026, 3, 12),
                follow_up: None,
            }
        } else {
            Commitment::default()
        },
        stages: vec![StageRecord {
            id: "purpose".into(),
            talk: tandem::deck::TalkBand::default_for("purpose"),
            planned_secs: 60,
            actual_secs,
            paused_secs: 0,
            organizer_talk_secs: talk.0,
            partner_talk_secs: talk.1,
            prompts_shown: Vec::new(),
        }],
        marks: Vec::new(),
        feedback: ratings
            .iter()
            .map(|&(role, score)| ParticipantFeedback {
                role,
                name: role.label().into(),
                ratings: vec![Rating {
                    stage: "purpose".into(),
                    score,
                }],
                ..ParticipantFeedback::default()
            })
            .collect(),
    }
}

/// Four sessions, three by Ana and one by Ben with another deck:
///
/// | session | purpose score        | time 60 s planned | talk share   | agreed |
/// |---------|----------------------|-------------------|--------------|--------|
/// | A1 03-02 | (2 + 4)/2 = 3       | 60 in             | 15/50 = 0.3  | yes    |
/// | A2 03-09 | 4                   | 90 (+50%) out     | 40/80 = 0.5  | no     |
/// | B1 03-10 | 1                   | 60 in             | none         | no     |
/// | A3 03-16 | (5 + 5)/2 = 5       | 66 (+10%) in      | 10/50 = 0.2  | no     |
fn fill(data: &Path) {
    let store = Store::open(data).unwrap();
    let mut ben = session(
        "2026-03-10",
        "Ben",
        60,
        (0, 0),
        &[(Role::Organizer, 1)],
        false,
    );
    ben.deck.id = "deep-canvass".into();
    let sessions = [
        session(
            "2026-03-02",
            "Ana",
            60,
            (15, 35),
            &[(Role::Organizer, 2), (Role::Partner, 4)],
            true,
        ),
        session(
            "2026-03-09",
            "Ana",
            90,
            (40, 40),
            &[(Role::Organizer, 4)],
            false,
        ),
        ben,
        session(
            "2026-03-16",
            "Ana",
            66,
            (10, 40),
            &[(Role::Organizer, 5), (Role::Observer, 5)],
            false,
        ),
    ];
    for record in &sessions {
        store.save_session(record).unwrap();
    }
}

fn tandem(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(args)
        .env("TANDEM_DATA_DIR", root.join("data"))
        .env("TANDEM_CONFIG_DIR", root.join("config"))
        .env("HOME", root.join("home"))
        .env("XDG_DATA_HOME", root.join("home/.local/share"))
        .env("XDG_CONFIG_HOME", root.join("home/.config"))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_slice(&output.stdout).expect("stats --format json prints JSON")
}

#[track_caller]
fn close(value: &serde_json::Value, expected: f64) {
    let actual = value
        .as_f64()
        .unwrap_or_else(|| panic!("{value} is not a number"));
    assert!(
        (actual - expected).abs() < 1e-9,
        "got {actual}, expected {expected}"
    );
}

#[test]
fn text_report_over_every_session() {
    let dir = tempfile::tempdir().unwrap();
    fill(&dir.path().join("data"));
    let output = tandem(dir.path(), &["stats"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let text = stdout(&output);
    let line = |label: &str| {
        text.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no line starting with {label:?} in:\n{text}"))
            .to_owned()
    };
    // 4 sessions from Mar 2 to Mar 16.
    assert!(
        line("Sessions").ends_with("4, 2026-03-02 to 2026-03-16"),
        "{text}"
    );
    // Weeks of Mar 2, 9, 16: 4 sessions / 3 weeks = 1.33.
    assert!(line("Per week").ends_with("1.3"), "{text}");
    assert!(line("Weekly").contains("1 2 1"), "{text}");
    // Purpose scores in time order 3, 4, 1, 5: mean 13/4 = 3.25; recent
    // the same (four ≤ five); slope over x = 0..3 (x̄ = 1.5): Σ(x − x̄)y =
    // −1.5·3 − 0.5·4 + 0.5·1 + 1.5·5 = 1.5, Σ(x − x̄)² = 5 → +0.30.
    // Calibration: A1 own 2 − partner 4 = −2; A3 5 − 5 = 0 → −1.00.
    let purpose: Vec<String> = line("purpose")
        .split_whitespace()
        .map(String::from)
        .collect();
    assert_eq!(
        purpose,
        [
            "purpose", "4", "3.25", "3.25", "·", "too", "few", "+0.30", "-1.00"
        ],
        "{text}"
    );
    // Talk shares 0.3, 0.5, 0.2: mean 1.0/3 = 33%; in band only 0.3 → 33%
    // of 3.
    assert!(
        line("Talk share").contains("33% organizer on average"),
        "{text}"
    );
    assert!(
        text.contains("33% of 3 measured sessions in the target band"),
        "{text}"
    );
    assert!(text.contains("target 25%–40%"), "{text}");
    // Within ±20%: A1, B1, A3 of 4 → 75%.
    assert!(line("Time keeping").contains("75% of stages"), "{text}");
    // Only A1 ended with an ask agreed: 1 of 4 → 25%.
    assert!(line("Commitments").contains("25% of sessions"), "{text}");
    assert!(line("Marks per session").ends_with("none"), "{text}");
    assert!(
        line("Suggested focus").contains("purpose (recent average 3.25, slope +0.30)"),
        "{text}"
    );
}

#[test]
fn json_report_for_tools() {
    let dir = tempfile::tempdir().unwrap();
    fill(&dir.path().join("data"));
    let report = json(&tandem(dir.path(), &["stats", "--format", "json"]));
    assert_eq!(report["sessions"], 4);
    assert_eq!(report["first"], "2026-03-02");
    assert_eq!(report["last"], "2026-03-16");
    // See text_report_over_every_session for the arithmetic.
    close(&report["per_week"], 4.0 / 3.0);
    let purpose = &report["stages"][0];
    assert_eq!(purpose["id"], "purpose");
    assert_eq!(purpose["rated_sessions"], 4);
    close(&purpose["average"], 3.25);
    close(&purpose["slope"], 0.3);
    close(&purpose["calibration"], -1.0);
    assert_eq!(purpose["direction"], "unknown");
    assert_eq!(report["talk"]["measured_sessions"], 3);
    close(&report["talk"]["average"], 1.0 / 3.0);
    close(&report["talk"]["in_band"], 1.0 / 3.0);
    close(&report["time_keeping"], 0.75);
    close(&report["commitment_rate"], 0.25);
    assert_eq!(report["focus"], "purpose");
    assert_eq!(
        report["weekly"],
        serde_json::json!([["2026-03-02", 1], ["2026-03-09", 2], ["2026-03-16", 1]])
    );
}

#[test]
fn person_and_deck_narrow_the_sessions() {
    let dir = tempfile::tempdir().unwrap();
    fill(&dir.path().join("data"));
    // The organizer's name matches whatever its case and spaces.
    let ana = json(&tandem(
        dir.path(),
        &["stats", "--person", " ana ", "--format", "json"],
    ));
    assert_eq!(ana["sessions"], 3);
    // Ana's purpose scores 3, 4, 5 → mean 4, slope 1; time keeping A1 and
    // A3 of 3.
    close(&ana["stages"][0]["average"], 4.0);
    close(&ana["stages"][0]["slope"], 1.0);
    close(&ana["time_keeping"], 2.0 / 3.0);

    let text = stdout(&tandem(dir.path(), &["stats", "--person", "Ben"]));
    assert!(
        text.starts_with("Sessions          1 organized by Ben, on 2026-03-10\n"),
        "{text}"
    );

    let deck = json(&tandem(
        dir.path(),
        &["stats", "--deck", "deep-canvass", "--format", "json"],
    ));
    assert_eq!(deck["sessions"], 1);
    close(&deck["stages"][0]["average"], 1.0);

    let nobody = tandem(dir.path(), &["stats", "--person", "Zed"]);
    assert!(nobody.status.success());
    assert_eq!(stdout(&nobody), "No sessions organized by Zed yet.\n");
}

#[test]
fn unreadable_files_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fill(&data);
    let broken = data.join("sessions/20260320T100000Z-broken.toml");
    std::fs::write(&broken, "schema = 1\nid = [unclosed\n").unwrap();
    let newer = data.join("sessions/20260321T100000Z-newer.toml");
    std::fs::write(&newer, "schema = 99\n").unwrap();

    let output = tandem(dir.path(), &["stats", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let errors = stderr(&output);
    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(lines.len(), 2, "{errors}");
    assert!(
        lines[0].starts_with(&format!("tandem: skipped {}: ", broken.display())),
        "{errors}"
    );
    assert!(
        lines[1].starts_with(&format!("tandem: skipped {}: ", newer.display())),
        "{errors}"
    );
    assert!(lines[1].contains("newer tandem"), "{errors}");
    // The rest is counted, and the bad files are left as they were.
    assert_eq!(json(&output)["sessions"], 4);
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "schema = 1\nid = [unclosed\n"
    );
    assert!(newer.exists());
}

#[test]
fn an_empty_data_dir_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = tandem(dir.path(), &["stats"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "No sessions yet.\n");
    let report = json(&tandem(dir.path(), &["stats", "--format", "json"]));
    assert_eq!(report["sessions"], 0);
    assert!(report["focus"].is_null() && report["time_keeping"].is_null());
}
