//! `tandem stats` as a process, over sessions saved in a private data dir.
//! Expected numbers are worked out by hand in the comments.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use chrono::NaiveDate;
use tandem::practice::{Mode, People};
use tandem::record::{
    Answer, Commitment, DeckRef, ParticipantFeedback, Rating, Role, SCHEMA_VERSION, ScaleReading,
    SessionRecord, StageRecord,
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
                answer: Some(Answer::Yes),
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
        .env("TANDEM_CACHE_DIR", root.join("cache"))
        .env("TANDEM_CONFIG_DIR", root.join("config"))
        .env("HOME", root.join("home"))
        .env("XDG_DATA_HOME", root.join("home/.local/share"))
        .env("XDG_CONFIG_HOME", root.join("home/.config"))
        // English whatever the developer's locale: the tests read its words.
        .env("LC_ALL", "C.UTF-8")
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

/// The line of `text` that starts with `label` (after `from`, when given).
#[track_caller]
fn line_of(text: &str, from: &str, label: &str) -> String {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in:\n{text}"));
    text[start..]
        .lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no line starting with {label:?} in:\n{text}"))
        .to_owned()
}

#[test]
fn text_report_per_deck_family() {
    let dir = tempfile::tempdir().unwrap();
    fill(&dir.path().join("data"));
    let output = tandem(dir.path(), &["stats"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let text = stdout(&output);
    let line = |label: &str| line_of(&text, "", label);
    // 4 sessions from Mar 2 to Mar 16.
    assert!(
        line("Sessions").ends_with("4, 2026-03-02 to 2026-03-16"),
        "{text}"
    );
    // Weeks of Mar 2, 9, 16: 4 sessions / 3 weeks = 1.33.
    assert!(line("Per week").ends_with("1.3"), "{text}");
    assert!(line("Weekly").contains("1 2 1"), "{text}");

    // One section per family, the latest round's (A3, relational) first.
    let relational = text
        .find("Deck relational-1on1: 3 sessions\n")
        .expect(&text);
    let canvass = text.find("Deck deep-canvass: 1 session\n").expect(&text);
    assert!(relational < canvass, "{text}");
    let section = |label: &str| line_of(&text, "Deck relational-1on1:", label);

    // Relational purpose scores A1 3, A2 4, A3 5: mean 4 (Ben's 1 on
    // another deck is not averaged in: mixed it would be 13/4 = 3.25).
    // Three rounds are too few for a trend, so no slope. Calibration: A1
    // own 2 − partner 4 = −2; A3 5 − 5 = 0 → −1.00.
    let purpose: Vec<String> = section("purpose")
        .split_whitespace()
        .map(String::from)
        .collect();
    assert_eq!(
        purpose,
        [
            "purpose", "3", "4.00", "4.00", "too", "few", "too", "few", "-", "-1.00"
        ],
        "{text}"
    );
    assert!(!text.contains("3.25"), "{text}");
    // Talk shares 0.3, 0.5, 0.2: mean 1.0/3 = 33%. Each round has only a
    // purpose stage, whose band is 55–85%: 33% is more than 10 points
    // below → flagged. In band: none; far outside: 0.3 and 0.2 (0.5 is
    // within 10 points of 55%).
    assert_eq!(
        section("Talk share"),
        "Talk share        33% organizer on average, round band 55–85%: far below the band !"
    );
    assert!(
        text.contains("0% of 3 measured sessions within their round's band, 2 far outside"),
        "{text}"
    );
    assert!(text.contains("trend: not enough rounds to tell"), "{text}");
    assert_eq!(
        section("  purpose"),
        "  purpose         33% (band 55–85%) ! far below the band"
    );
    assert!(
        !text.contains("25–40") && !text.contains("25%–40%"),
        "{text}"
    );
    // Within ±20%: A1 and A3 of 3 → 67%.
    assert!(section("Time keeping").contains("67% of stages"), "{text}");
    // Only A1 ended in a yes with a date: 1 of 3 → 33%; no maybe; A2 and
    // A3 have no answer.
    assert!(
        section("Commitments").contains("33% of sessions ended in a yes with a date (1 of 3)"),
        "{text}"
    );
    assert!(
        text.contains("maybe 0% (0); yes without a date 0, no 0, no answer 2"),
        "{text}"
    );
    assert!(section("Marks per session").ends_with("none"), "{text}");
    assert_eq!(
        section("Suggested focus"),
        "Suggested focus   purpose (recent average 4.00)"
    );
    // The tips come from the deck compared: relational-1on1's purpose.
    assert!(
        text.contains("purpose (recent average 4.00)\n  • Name your credential"),
        "{text}"
    );

    // Deep canvass: Ben's one round, purpose 1; no talk measured.
    let section = |label: &str| line_of(&text, "Deck deep-canvass:", label);
    assert!(section("purpose").contains("1.00"), "{text}");
    assert!(
        section("Talk share").contains("not measured (round band 55–85%)"),
        "{text}"
    );
    assert!(
        section("Suggested focus").contains("purpose (recent average 1.00)"),
        "{text}"
    );
    // Its tips would come from deep-canvass, whose stages no longer use
    // the id "purpose" (these rounds predate that): none, and never the
    // relational deck's.
    assert!(!text[canvass..].contains("Name your credential"), "{text}");
}

#[test]
fn json_report_for_tools() {
    let dir = tempfile::tempdir().unwrap();
    fill(&dir.path().join("data"));
    let report = json(&tandem(dir.path(), &["stats", "--format", "json"]));
    assert_eq!(report["sessions"], 4);
    assert_eq!(report["first"], "2026-03-02");
    assert_eq!(report["last"], "2026-03-16");
    // See text_report_per_deck_family for the arithmetic.
    close(&report["per_week"], 4.0 / 3.0);
    assert_eq!(
        report["weekly"],
        serde_json::json!([["2026-03-02", 1], ["2026-03-09", 2], ["2026-03-16", 1]])
    );
    let relational = &report["families"][0];
    assert_eq!(relational["family"], "relational-1on1");
    assert_eq!(relational["sessions"], 3);
    let purpose = &relational["stages"][0];
    assert_eq!(purpose["id"], "purpose");
    assert_eq!(purpose["rated_sessions"], 3);
    close(&purpose["average"], 4.0);
    assert!(purpose["slope"].is_null());
    close(&purpose["calibration"], -1.0);
    assert_eq!(purpose["direction"], "unknown");
    // Others rated A1 (partner) and A3 (observer); the organizer all three.
    assert_eq!(purpose["others"]["rounds"], 2);
    assert_eq!(purpose["own"]["rounds"], 3);
    let talk = &relational["talk"];
    assert_eq!(talk["measured_sessions"], 3);
    close(&talk["average"], 1.0 / 3.0);
    close(&talk["in_band"], 0.0);
    assert_eq!(talk["flagged_sessions"], 2);
    assert_eq!(talk["band"], serde_json::json!({"low": 55, "high": 85}));
    assert_eq!(talk["flagged"], true);
    close(&relational["time_keeping"], 2.0 / 3.0);
    close(&relational["commitments"]["rate"], 1.0 / 3.0);
    close(&relational["commitments"]["maybe_rate"], 0.0);
    assert_eq!(relational["focus"], "purpose");

    let canvass = &report["families"][1];
    assert_eq!(canvass["family"], "deep-canvass");
    close(&canvass["stages"][0]["average"], 1.0);
    assert_eq!(report["families"].as_array().unwrap().len(), 2);
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
    // Ana's purpose scores 3, 4, 5 → mean 4; time keeping A1 and A3 of 3.
    let family = &ana["families"][0];
    close(&family["stages"][0]["average"], 4.0);
    close(&family["time_keeping"], 2.0 / 3.0);
    assert_eq!(ana["families"].as_array().unwrap().len(), 1);

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
    close(&deck["families"][0]["stages"][0]["average"], 1.0);

    let nobody = tandem(dir.path(), &["stats", "--person", "Zed"]);
    assert!(nobody.status.success());
    assert_eq!(stdout(&nobody), "No sessions organized by Zed yet.\n");
}

/// A session of `deck` (with `skill`) on `date` whose only stage is
/// "exploration", rated `scores` by the organizer then the partner.
fn exploration(date: &str, deck: &str, skill: Option<&str>, scores: &[u8]) -> SessionRecord {
    let roles = [Role::Organizer, Role::Partner];
    let ratings: Vec<(Role, u8)> = roles.into_iter().zip(scores.iter().copied()).collect();
    let mut record = session(date, "Ana", 60, (10, 30), &ratings, false);
    record.deck.id = deck.into();
    record.deck.skill = skill.map(String::from);
    record.stages[0].id = "exploration".into();
    record.stages[0].talk = tandem::deck::TalkBand::default_for("exploration");
    for feedback in &mut record.feedback {
        feedback.ratings[0].stage = "exploration".into();
    }
    record
}

/// Two families that both have a stage "exploration":
///
/// | round   | deck (family)                              | exploration  |
/// |---------|--------------------------------------------|--------------|
/// | R1 03-02 | relational-1on1                            | (2+2)/2 = 2  |
/// | C1 03-03 | deep-canvass                               | 5            |
/// | F1 03-04 | relational-1on1-fr (skill relational-1on1) | 3            |
/// | C2 03-05 | deep-canvass                               | 4            |
///
/// Per family: relational (2+3)/2 = 2.5, deep-canvass (5+4)/2 = 4.5;
/// mixed it would be (2+5+3+4)/4 = 3.5.
fn fill_two_families(root: &Path) {
    let store = Store::open(&root.join("data")).unwrap();
    for record in [
        exploration("2026-03-02", "relational-1on1", None, &[2, 2]),
        exploration("2026-03-03", "deep-canvass", None, &[5]),
        exploration(
            "2026-03-04",
            "relational-1on1-fr",
            Some("relational-1on1"),
            &[3],
        ),
        exploration("2026-03-05", "deep-canvass", None, &[4]),
    ] {
        store.save_session(&record).unwrap();
    }
    // The user's French deck belongs to the relational skill.
    let french = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/prompts/relational-1on1-fr.toml"
    ))
    .unwrap()
    .replace(
        "\nversion = 1\n",
        "\nversion = 1\nskill = \"relational-1on1\"\n",
    );
    assert!(french.contains("skill = "));
    std::fs::create_dir_all(root.join("config/decks")).unwrap();
    std::fs::write(root.join("config/decks/relational-1on1-fr.toml"), french).unwrap();
}

#[test]
fn deck_families_are_never_mixed() {
    let dir = tempfile::tempdir().unwrap();
    fill_two_families(dir.path());
    let average = |args: &[&str]| {
        let mut all = vec!["stats", "--format", "json"];
        all.extend(args);
        let report = json(&tandem(dir.path(), &all));
        assert_eq!(report["families"].as_array().unwrap().len(), 1, "{report}");
        let family = &report["families"][0];
        assert_eq!(family["stages"][0]["id"], "exploration");
        (
            report["sessions"].as_u64().unwrap(),
            family["family"].as_str().unwrap().to_owned(),
            family["stages"][0]["average"].as_f64().unwrap(),
        )
    };
    // --deck takes the family of that deck: the French deck's skill is
    // relational-1on1, so it finds R1 and F1.
    assert_eq!(
        average(&["--deck", "relational-1on1-fr"]),
        (2, "relational-1on1".to_owned(), 2.5)
    );
    assert_eq!(
        average(&["--deck", "relational-1on1"]),
        (2, "relational-1on1".to_owned(), 2.5)
    );
    assert_eq!(
        average(&["--deck", "deep-canvass"]),
        (2, "deep-canvass".to_owned(), 4.5)
    );

    // Without --deck: one section each, 4.50 and 2.50, never 3.50.
    let text = stdout(&tandem(dir.path(), &["stats"]));
    let canvass = line_of(&text, "Deck deep-canvass: 2 sessions\n", "exploration");
    assert!(canvass.contains(" 4.50 "), "{text}");
    let relational = line_of(
        &text,
        "Deck relational-1on1 (decks relational-1on1, relational-1on1-fr): 2 sessions\n",
        "exploration",
    );
    assert!(relational.contains(" 2.50 "), "{text}");
    assert!(!text.contains("3.50"), "{text}");

    // A deck id the library does not know matches that id alone.
    let gone = tandem(dir.path(), &["stats", "--deck", "gone-deck"]);
    assert!(gone.status.success());
    assert_eq!(stdout(&gone), "No sessions with deck gone-deck yet.\n");
    // The family is named when it differs from the id given.
    let fr = stdout(&tandem(
        dir.path(),
        &["stats", "--deck", "relational-1on1-fr"],
    ));
    assert!(
        fr.starts_with(
            "Sessions          2 with deck relational-1on1-fr (family relational-1on1), "
        ),
        "{fr}"
    );
}

#[test]
fn commitments_scales_and_felt_heard() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d);
    // Four rounds: yes with a date (counts), yes without one, maybe with a
    // date (a maybe all the same), no answer. Support 3 → 5 (+2) and
    // 4 → 8 (+4) in the first two; felt heard 5 and 3 in the first two.
    let mut rounds = Vec::new();
    for (i, (answer, date)) in [
        (Some(Answer::Yes), day(20)),
        (Some(Answer::Yes), None),
        (Some(Answer::Maybe), day(21)),
        (None, None),
    ]
    .into_iter()
    .enumerate()
    {
        let mut record = session(
            &format!("2026-03-0{}", i + 2),
            "Ana",
            60,
            (10, 30),
            &[(Role::Partner, 3)],
            false,
        );
        record.commitment.answer = answer;
        record.commitment.date = date;
        rounds.push(record);
    }
    for (record, (from, to, heard)) in rounds.iter_mut().zip([(3, 5, 5), (4, 8, 3)]) {
        for value in [from, to] {
            record.scales.push(ScaleReading {
                scale: "support".into(),
                stage: "purpose".into(),
                value,
            });
        }
        record.feedback[0].felt_heard = Some(heard);
    }
    rounds.iter().for_each(|r| {
        store.save_session(r).unwrap();
    });
    let report = json(&tandem(dir.path(), &["stats", "--format", "json"]));
    let family = &report["families"][0];
    // 1 of 4 counts; 1 maybe of 4.
    close(&family["commitments"]["rate"], 0.25);
    close(&family["commitments"]["maybe_rate"], 0.25);
    assert_eq!(family["commitments"]["yes_without_date"], 1);
    assert_eq!(family["commitments"]["unanswered"], 1);
    // Support: (2 + 4)/2 = +3 over 2 rounds; felt heard (5 + 3)/2 = 4.
    assert_eq!(family["scales"][0]["id"], "support");
    assert_eq!(family["scales"][0]["rounds"], 2);
    close(&family["scales"][0]["mean_shift"], 3.0);
    close(&family["felt_heard"], 4.0);

    let text = stdout(&tandem(dir.path(), &["stats"]));
    assert!(
        text.contains("Commitments       25% of sessions ended in a yes with a date (1 of 4)\n"),
        "{text}"
    );
    assert!(
        text.contains("maybe 25% (1); yes without a date 1, no 0, no answer 1\n"),
        "{text}"
    );
    assert!(
        text.contains("Scale             support: mean shift +3.0 over 2 rounds\n"),
        "{text}"
    );
    assert!(
        text.contains("Felt heard        4.0 of 5 (partner, mean)\n"),
        "{text}"
    );
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
    assert_eq!(report["families"], serde_json::json!([]));
}
