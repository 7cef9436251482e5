//! `tandem export` and `tandem import` as processes, each run on data dirs
//! of its own (never the user's home).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::{DateTime, Utc};
use tandem::practice::{Mode, People};
use tandem::record::{
    CoachNote, Commitment, DeckRef, ParticipantFeedback, Rating, Role, SCHEMA_VERSION,
    SessionRecord, StageRecord,
};
use tandem::store::Store;
use tempfile::TempDir;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// A small finished pair round whose free text names both people.
fn session(id: &str, started: &str, organizer: &str, partner: &str) -> SessionRecord {
    SessionRecord {
        schema: SCHEMA_VERSION,
        plan: None,
        scales: Vec::new(),
        checks: Vec::new(),
        checked_by: None,
        id: id.into(),
        mode: Mode::Pair,
        seed: 1,
        started: at(started),
        ended: at(started) + chrono::Duration::minutes(20),
        persona: None,
        deck: DeckRef {
            skill: None,
            id: "relational-1on1".into(),
            version: 1,
        },
        people: People::pair(organizer, partner),
        commitment: Commitment {
            ask: format!("{partner}, will you come on Thursday?"),
            action: "Come on Thursday".into(),
            ..Commitment::default()
        },
        stages: vec![StageRecord {
            id: "purpose".into(),
            talk: tandem::deck::TalkBand::default_for("purpose"),
            planned_secs: 180,
            actual_secs: 200,
            paused_secs: 0,
            organizer_talk_secs: 100,
            partner_talk_secs: 50,
            prompts_shown: vec!["Why did you agree to meet?".into()],
        }],
        marks: Vec::new(),
        feedback: vec![ParticipantFeedback {
            role: Role::Organizer,
            name: organizer.into(),
            what_worked: format!("{partner} told me about their street."),
            to_change: String::new(),
            ratings: vec![Rating {
                stage: "purpose".into(),
                score: 4,
            }],
            ..ParticipantFeedback::default()
        }],
    }
}

fn note(id: &str, session: &str, author: &str, text: &str) -> CoachNote {
    CoachNote {
        schema: SCHEMA_VERSION,
        id: id.into(),
        session: session.into(),
        author: author.into(),
        written: at("2026-12-20T10:00:00Z"),
        text: text.into(),
    }
}

const S1: &str = "20261125T090000Z-00000000000000a1";
const S2: &str = "20261202T090000Z-00000000000000a2";
const S3: &str = "20270105T090000Z-00000000000000a3";

/// A temp dir holding a data dir (`data/`) with three sessions and a note.
fn cohort() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    for record in [
        session(S1, "2026-11-25T09:00:00Z", "Ana Lopez", "Ben Okafor"),
        session(S2, "2026-12-02T09:00:00Z", "Ben Okafor", "Chidi Eze"),
        session(S3, "2027-01-05T09:00:00Z", "Chidi Eze", "Ana Lopez"),
    ] {
        store.save_session(&record).unwrap();
    }
    store
        .save_note(&note(
            "20261220T100000Z-00000000000000b1",
            S1,
            "Dana Reyes",
            "Ana, ask Ben why twice.",
        ))
        .unwrap();
    dir
}

/// Runs the binary on the data dir `data`, with every other dir it might
/// look at inside `data`'s parent.
fn tandem(data: &Path, args: &[&str]) -> Output {
    let home = data.parent().unwrap().join("home");
    Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(args)
        .env("TANDEM_DATA_DIR", data)
        .env("TANDEM_CACHE_DIR", home.join("cache"))
        .env("TANDEM_CONFIG_DIR", home.join("config"))
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn ok(output: Output) -> Output {
    assert!(
        output.status.success(),
        "exit {:?}\nstderr: {}",
        output.status,
        stderr(&output)
    );
    output
}

/// The ids of the sessions in a JSON export.
fn json_ids(output: &Output) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(&stdout(output)).unwrap();
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

#[test]
fn export_writes_each_format_to_stdout() {
    let dir = cohort();
    let data = dir.path().join("data");

    let csv = ok(tandem(&data, &["export", "--format", "csv"]));
    let text = stdout(&csv);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "header and three rows:\n{text}");
    assert!(
        lines[0].starts_with("id,date,deck,organizer,partner,")
            && lines[0].ends_with(",rating_purpose"),
        "{text}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "{S1},2026-11-25,relational-1on1,Ana Lopez,Ben Okafor,"
        )),
        "{text}"
    );
    assert!(lines[1].ends_with(",4.00"), "{text}");

    let json = ok(tandem(&data, &["export", "--format", "json"]));
    assert_eq!(json_ids(&json), [S1, S2, S3], "oldest first");
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(value[0]["notes"][0]["author"], "Dana Reyes");

    let md = ok(tandem(&data, &["export", "--format", "md"]));
    let text = stdout(&md);
    assert!(
        text.starts_with("# tandem sessions\n\n3 sessions.\n"),
        "{text}"
    );
    assert!(
        text.contains("## 2026-11-25 09:00 UTC · Ana Lopez (organizer) with Ben Okafor (partner)"),
        "{text}"
    );
    assert!(
        text.contains("- 2026-12-20 · Dana Reyes: Ana, ask Ben why twice."),
        "{text}"
    );

    for output in [&csv, &json, &md] {
        assert_eq!(stderr(output), "", "nothing to report");
    }
}

#[test]
fn export_keeps_one_persons_sessions_in_any_role() {
    let dir = cohort();
    let data = dir.path().join("data");
    let output = ok(tandem(
        &data,
        &["export", "--format", "json", "--person", "  ana LOPEZ "],
    ));
    assert_eq!(
        json_ids(&output),
        [S1, S3],
        "organizer of one, partner of the other"
    );
    let output = ok(tandem(
        &data,
        &["export", "--format", "json", "--person", "Nobody"],
    ));
    assert_eq!(json_ids(&output), Vec::<String>::new());
}

#[test]
fn export_since_a_date_includes_that_day() {
    let dir = cohort();
    let data = dir.path().join("data");
    let output = ok(tandem(
        &data,
        &["export", "--format", "json", "--since", "2026-12-02"],
    ));
    assert_eq!(json_ids(&output), [S2, S3]);
    let output = tandem(
        &data,
        &["export", "--format", "json", "--since", "yesterday"],
    );
    assert!(!output.status.success());
    assert!(stderr(&output).contains("--since"), "{}", stderr(&output));
}

#[test]
fn export_anonymize_leaves_no_name_in_any_format() {
    let dir = cohort();
    let data = dir.path().join("data");
    let parts = [
        "ana", "lopez", "ben", "okafor", "chidi", "eze", "dana", "reyes",
    ];
    for format in ["csv", "json", "md"] {
        let output = ok(tandem(
            &data,
            &["export", "--format", format, "--anonymize"],
        ));
        let text = stdout(&output);
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .collect();
        for part in parts {
            assert!(
                !words.iter().any(|w| w == part),
                "`{part}` in {format}:\n{text}"
            );
        }
        assert!(text.contains("person-1"), "{format}:\n{text}");
    }
    let output = ok(tandem(
        &data,
        &["export", "--format", "json", "--anonymize"],
    ));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value[0]["people"]["organizer"], "person-1");
    assert_eq!(value[0]["people"]["partner"], "person-2");
    assert_eq!(
        value[0]["notes"][0]["text"],
        "person-1, ask person-2 why twice."
    );
    assert_eq!(
        value[1]["people"]["partner"], "person-4",
        "Dana is person-3"
    );
}

#[test]
fn export_reports_unreadable_files_once_and_leaves_them_alone() {
    let dir = cohort();
    let data = dir.path().join("data");
    let broken = data.join("sessions/broken.toml");
    let future = data.join("sessions/future.toml");
    let bad_note = data.join("notes/bad-note.toml");
    std::fs::write(&broken, b"schema = 1\nid = \"x\"\nmode = \"pa").unwrap();
    std::fs::write(&future, b"schema = 99\nid = \"y\"\nsomething_new = true\n").unwrap();
    std::fs::write(&bad_note, b"\x1b[31mnot a note").unwrap();
    let before = files(&data);

    let output = ok(tandem(&data, &["export", "--format", "json"]));
    assert_eq!(
        json_ids(&output),
        [S1, S2, S3],
        "the readable ones still go out"
    );
    let report = stderr(&output);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 3, "one line per unreadable file:\n{report}");
    for path in [&broken, &future, &bad_note] {
        let start = format!("tandem: skipped {}: ", path.display());
        assert_eq!(
            lines.iter().filter(|l| l.starts_with(&start)).count(),
            1,
            "{start}…\n{report}"
        );
    }
    assert!(report.contains("newer tandem (schema 99"), "{report}");
    assert!(!report.contains('\x1b'), "no escape reaches the terminal");
    assert_eq!(files(&data), before, "nothing modified, moved or deleted");
}

#[test]
fn import_twice_copies_once_and_then_changes_nothing() {
    let source = cohort();
    let from = source.path().join("data");
    let target = tempfile::tempdir().unwrap();
    let here = target.path().join("data");
    let source_files = files(&from);

    let first = ok(tandem(&here, &["import", from.to_str().unwrap()]));
    assert_eq!(
        stdout(&first),
        "imported 3 sessions and 1 note; skipped 0 already here; 0 unreadable\n"
    );
    assert_eq!(stderr(&first), "");
    let after_first = files(&here);
    let names: Vec<String> = after_first
        .keys()
        .map(|p| p.strip_prefix(&here).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "notes/20261220T100000Z-00000000000000b1.toml".to_owned(),
            format!("sessions/{S1}.toml"),
            format!("sessions/{S2}.toml"),
            format!("sessions/{S3}.toml"),
        ]
    );

    let second = ok(tandem(&here, &["import", from.to_str().unwrap()]));
    assert_eq!(
        stdout(&second),
        "imported 0 sessions and 0 notes; skipped 4 already here; 0 unreadable\n"
    );
    assert_eq!(
        files(&here),
        after_first,
        "the second import changed nothing"
    );
    assert_eq!(files(&from), source_files, "the source is never touched");

    // What came in reads the same as what was there.
    let exported = |data: &Path| stdout(&ok(tandem(data, &["export", "--format", "json"])));
    assert_eq!(exported(&here), exported(&from));
}

#[test]
fn import_takes_a_sessions_dir_and_skips_ids_it_has() {
    let source = cohort();
    let from = source.path().join("data/sessions");
    let target = tempfile::tempdir().unwrap();
    let here = target.path().join("data");
    Store::open(&here)
        .unwrap()
        .save_session(&session(S2, "2026-12-02T09:00:00Z", "Someone", "Else"))
        .unwrap();
    let output = ok(tandem(&here, &["import", from.to_str().unwrap()]));
    assert_eq!(
        stdout(&output),
        "imported 2 sessions and 0 notes; skipped 1 already here; 0 unreadable\n"
    );
    let text = std::fs::read_to_string(here.join(format!("sessions/{S2}.toml"))).unwrap();
    assert!(
        text.contains("Someone"),
        "the session here was kept as it was"
    );
}

#[test]
fn import_reports_unreadable_files_and_skips_them() {
    let source = cohort();
    let from = source.path().join("data");
    let broken = from.join("sessions/broken.toml");
    std::fs::write(&broken, b"not = [toml").unwrap();
    // A file whose id would write outside the sessions dir.
    let original = std::fs::read_to_string(from.join(format!("sessions/{S1}.toml"))).unwrap();
    let escaping = from.join("sessions/escaping.toml");
    std::fs::write(
        &escaping,
        original.replace(&format!("id = \"{S1}\""), "id = \"../../escaped\""),
    )
    .unwrap();
    let source_files = files(&from);
    let target = tempfile::tempdir().unwrap();
    let here = target.path().join("data");

    let output = ok(tandem(&here, &["import", from.to_str().unwrap()]));
    assert_eq!(
        stdout(&output),
        "imported 3 sessions and 1 note; skipped 0 already here; 2 unreadable\n"
    );
    let report = stderr(&output);
    assert!(
        report.contains(&format!("tandem: skipped {}: ", broken.display())),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "tandem: skipped {}: not a valid file: id `../../escaped` cannot name a file",
            escaping.display()
        )),
        "{report}"
    );
    assert_eq!(report.lines().count(), 2, "{report}");
    assert_eq!(files(&from), source_files, "the source is never touched");
    assert!(!here.join("sessions/broken.toml").exists());
    assert!(!target.path().join("escaped.toml").exists());
    assert_eq!(files(&here).len(), 4);
}

#[test]
fn import_refuses_a_data_dir_into_itself() {
    let dir = cohort();
    let data = dir.path().join("data");
    let before = files(&data);
    for path in [data.clone(), data.join("sessions"), data.join("./notes")] {
        let output = tandem(&data, &["import", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{}", path.display());
        assert!(
            stderr(&output).contains("is this data dir"),
            "{}",
            stderr(&output)
        );
    }
    let output = tandem(&data, &["import", "/no/such/dir"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("/no/such/dir"),
        "{}",
        stderr(&output)
    );
    assert_eq!(files(&data), before);
}

/// Writes `count` generated sessions into the data dir `dir`, as
/// `scripts/gen-sessions` does.
fn generate(count: usize, dir: &Path, seed: u64) {
    let output = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["run", "--quiet", "--example", "gen_sessions", "--"])
        .arg(count.to_string())
        .arg(dir)
        .args(["--seed", &seed.to_string()])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "gen_sessions failed:\n{}",
        stderr(&output)
    );
}

/// The words of `text` (runs of letters and digits), lowercased.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn export_streams_a_generated_cohort_in_every_format() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    generate(300, &data, 7);
    let store = Store::open(&data).unwrap();
    // One more round, where someone only gave feedback: the index's
    // summaries do not name them, the file does.
    let mut extra = store.load_sessions().sessions[10].clone();
    extra.id = "20261125T090000Z-00000000000000f1".into();
    extra.feedback.push(ParticipantFeedback {
        role: Role::Partner,
        name: "Rosa Quint".into(),
        what_worked: "Asked me why, twice.".into(),
        ..ParticipantFeedback::default()
    });
    store.save_session(&extra).unwrap();
    let scan = store.load_sessions();
    assert!(scan.problems.is_empty(), "{:?}", scan.problems);
    let sessions = scan.sessions;
    assert_eq!(sessions.len(), 301);
    let ids: Vec<&str> = sessions.iter().map(|s| s.id.as_str()).collect();

    let json = ok(tandem(&data, &["export", "--format", "json"]));
    assert_eq!(json_ids(&json), ids, "every session, oldest first");
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    for (object, session) in value.as_array().unwrap().iter().zip(&sessions) {
        let back: SessionRecord = serde_json::from_value(object.clone()).unwrap();
        assert_eq!(&back, session, "each object is its whole session");
    }

    let csv = ok(tandem(&data, &["export", "--format", "csv"]));
    let text = stdout(&csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<String> = reader
        .records()
        .map(|row| row.unwrap()[0].to_owned())
        .collect();
    assert_eq!(rows, ids, "one row per session, oldest first");
    let header = reader.headers().unwrap().clone();
    for stage in ["purpose", "exploration", "exchange", "commitment"] {
        let column = format!("rating_{stage}");
        assert!(header.iter().any(|h| h == column), "{header:?}");
    }

    let md = ok(tandem(&data, &["export", "--format", "md"]));
    let text = stdout(&md);
    assert!(
        text.starts_with("# tandem sessions\n\n301 sessions.\n"),
        "{}",
        &text[..200]
    );
    assert_eq!(text.lines().filter(|l| l.starts_with("## ")).count(), 301);

    // The filter reads the index where it can and the file where it must.
    for person in [sessions[0].people.partner.as_str(), " rosa  QUINT "] {
        let filter = tandem::export::ExportFilter {
            person: Some(person.into()),
            since: None,
        };
        let wanted: Vec<&str> = sessions
            .iter()
            .filter(|s| filter.matches(s))
            .map(|s| s.id.as_str())
            .collect();
        assert!(!wanted.is_empty(), "{person}");
        let output = ok(tandem(
            &data,
            &["export", "--format", "json", "--person", person],
        ));
        assert_eq!(json_ids(&output), wanted, "{person}");
    }

    let mut parts: Vec<String> = Vec::new();
    for session in &sessions {
        let people = &session.people;
        let names = [people.organizer.as_str(), people.partner.as_str()]
            .into_iter()
            .chain(people.observer.as_deref())
            .chain(session.feedback.iter().map(|f| f.name.as_str()));
        for part in names.flat_map(words) {
            if part.chars().count() >= 2 && !parts.contains(&part) {
                parts.push(part);
            }
        }
    }
    assert!(parts.len() > 10, "{parts:?}");
    assert!(parts.contains(&"quint".to_owned()), "{parts:?}");
    for format in ["csv", "json", "md"] {
        let output = ok(tandem(
            &data,
            &["export", "--format", format, "--anonymize"],
        ));
        assert_eq!(stderr(&output), "");
        let text = stdout(&output);
        let found = words(&text);
        for part in &parts {
            assert!(!found.contains(part), "`{part}` in {format}");
        }
        assert!(text.contains("person-1"), "{format}");
        let count = match format {
            "json" => json_ids(&output).len(),
            "csv" => csv::Reader::from_reader(text.as_bytes()).records().count(),
            _ => text.lines().filter(|l| l.starts_with("## ")).count(),
        };
        assert_eq!(count, 301, "{format}");
    }
}
