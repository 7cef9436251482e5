use std::os::unix::fs::PermissionsExt;

use chrono::{TimeZone, Utc};

use super::*;
use crate::deck::DeckLibrary;
use crate::practice::{Clock, FakeClock, Mode, People, Practice};
use crate::record::{Commitment, Feedback, ParticipantFeedback, Rating, Role};

fn sample() -> (InProgress, SessionRecord) {
    let deck = DeckLibrary::load(None)
        .resolve("relational-1on1")
        .unwrap()
        .deck;
    let clock = FakeClock::at(Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
    let people = People {
        organizer: "Ana".into(),
        partner: "Ben ../../etc".into(),
    };
    let mut practice = Practice::start(&deck, people, Mode::Pair, 7, clock.now(), clock.wall());
    practice.cycle_speaker(clock.now());
    clock.advance_secs(95);
    practice.add_mark(clock.now(), 1, "asked why");
    practice.next_stage(clock.now());
    clock.advance_secs(30);
    let feedback = Feedback {
        commitment: Commitment {
            ask: "Come on Thursday".into(),
            agreed: "Yes, with a friend".into(),
            follow_up: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
        },
        participants: vec![ParticipantFeedback {
            role: Role::Organizer,
            name: "Ana".into(),
            what_worked: "Stayed curious.\nAsked why twice.".into(),
            to_improve: "Slow down".into(),
            ratings: vec![Rating {
                stage: "purpose".into(),
                item: "clear why".into(),
                score: 4,
            }],
        }],
    };
    let in_progress = InProgress {
        deck: deck.clone(),
        practice: practice.snapshot(clock.now()),
        feedback: None,
    };
    let record = SessionRecord::new(
        crate::record::new_session_id(clock.wall()),
        &deck,
        &practice,
        feedback,
        clock.wall(),
    );
    (in_progress, record)
}

fn mode_of(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_saved_session_loads_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (_, record) = sample();
    let path = store.save_session(&record).unwrap();
    assert_eq!(
        path.file_name().unwrap(),
        format!("{}.toml", record.id).as_str()
    );
    let scan = store.load_sessions();
    assert!(scan.problems.is_empty(), "{:?}", scan.problems);
    assert_eq!(scan.sessions, vec![record.clone()]);
    assert_eq!(scan.sessions[0].stages[0].actual_secs, 95);
    assert_eq!(scan.sessions[0].talk_totals(), (125, 0));
}

#[test]
fn files_are_private_and_no_temp_file_is_left_behind() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("data");
    let store = Store::open(&root).unwrap();
    let (state, record) = sample();
    let path = store.save_session(&record).unwrap();
    store.save_in_progress(&state).unwrap();
    assert_eq!(mode_of(&root), 0o700);
    assert_eq!(mode_of(&store.sessions_dir()), 0o700);
    assert_eq!(mode_of(&path), 0o600);
    assert_eq!(mode_of(&store.in_progress_path()), 0o600);
    let names: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .chain(std::fs::read_dir(store.sessions_dir()).unwrap())
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with(".tmp")), "{names:?}");
}

#[test]
fn a_session_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (_, record) = sample();
    let path = store.save_session(&record).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut changed = record.clone();
    changed.people.organizer = "Mallory".into();
    assert!(store.save_session(&changed).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let leftovers = std::fs::read_dir(store.sessions_dir()).unwrap().count();
    assert_eq!(leftovers, 1, "the failed write left a temp file");
}

#[test]
fn a_failed_rename_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (state, _) = sample();
    // A directory where the file should go makes the final rename fail.
    std::fs::create_dir(store.in_progress_path()).unwrap();
    assert!(store.save_in_progress(&state).is_err());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with(".tmp")), "{names:?}");
    assert!(store.in_progress_path().is_dir());
}

#[test]
fn unreadable_sessions_are_reported_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (_, record) = sample();
    store.save_session(&record).unwrap();
    let broken = store.sessions_dir().join("broken.toml");
    std::fs::write(&broken, "schema = 1\nid = [").unwrap();
    let newer = store.sessions_dir().join("newer.toml");
    std::fs::write(&newer, "schema = 99\nid = \"x\"\n").unwrap();
    let scan = store.load_sessions();
    assert_eq!(scan.sessions.len(), 1);
    let messages: Vec<String> = scan.problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("broken.toml")));
    assert!(
        messages
            .iter()
            .any(|m| m.contains("newer tandem (schema 99"))
    );
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "schema = 1\nid = ["
    );
}

#[test]
fn in_progress_round_trips_and_clears() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.load_in_progress().unwrap(), None);
    let (state, _) = sample();
    store.save_in_progress(&state).unwrap();
    assert_eq!(store.load_in_progress().unwrap(), Some(state));
    store.clear_in_progress().unwrap();
    assert_eq!(store.load_in_progress().unwrap(), None);
}

#[test]
fn an_unreadable_in_progress_file_is_moved_aside_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    std::fs::write(store.in_progress_path(), "garbage = [").unwrap();
    let err = store.load_in_progress().unwrap_err();
    let StoreError::Parse { path, .. } = &err else {
        panic!("expected a parse error, got {err}");
    };
    assert_eq!(std::fs::read_to_string(path).unwrap(), "garbage = [");
    assert_eq!(store.load_in_progress().unwrap(), None);
}
