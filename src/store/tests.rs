use std::os::unix::fs::PermissionsExt;

use chrono::{TimeZone, Utc};

use super::*;
use crate::deck::DeckLibrary;
use crate::practice::{Clock, FakeClock, Mode, People, Practice, RoundSpec};
use crate::record::{CoachNote, Commitment, Feedback, ParticipantFeedback, Rating, Role};

fn sample() -> (InProgress, SessionRecord) {
    let deck = DeckLibrary::load(None)
        .resolve("relational-1on1")
        .unwrap()
        .deck;
    let clock = FakeClock::at(Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
    let spec = RoundSpec {
        people: People::pair("Ana", "Ben ../../etc"),
        mode: Mode::Pair,
        drill_stage: None,
        seed: 7,
        stage_minutes: None,
        plan: None,
    };
    let mut practice = Practice::start(&deck, &spec, clock.now(), clock.wall());
    practice.cycle_speaker(clock.now());
    clock.advance_secs(95);
    practice.add_mark(clock.now(), 1, "asked why");
    practice.next_stage(clock.now());
    clock.advance_secs(30);
    let feedback = Feedback {
        commitment: Commitment {
            ask: "Come on Thursday".into(),
            answer: Some(crate::record::Answer::Yes),
            action: "Come with a friend".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 27),
            follow_up: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
        },
        checks: vec![crate::record::Check {
            stage: "purpose".into(),
            item: "credential stated".into(),
            observed: true,
        }],
        checked_by: Some(Role::Partner),
        participants: vec![ParticipantFeedback {
            role: Role::Organizer,
            name: "Ana".into(),
            what_worked: "Stayed curious.\nAsked why twice.".into(),
            to_change: "Slow down".into(),
            ratings: vec![Rating {
                stage: "purpose".into(),
                score: 4,
            }],
            ..ParticipantFeedback::default()
        }],
    };
    let in_progress = InProgress {
        deck: deck.clone(),
        practice: practice.snapshot(clock.now()),
        feedback: None,
    };
    let record = practice.record(
        crate::record::new_session_id(clock.wall()),
        &deck,
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
    let StoreError::MovedAside { aside, .. } = &err else {
        panic!("expected a file moved aside, got {err}");
    };
    assert_eq!(std::fs::read_to_string(aside).unwrap(), "garbage = [");
    assert_eq!(store.load_in_progress().unwrap(), None);
}

#[test]
fn only_one_owner_of_the_round_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let other = Store::open(dir.path()).unwrap();
    let lock = store.lock_round().unwrap();
    let err = other.lock_round().unwrap_err().to_string();
    assert!(
        err.contains(&format!("pid {}", std::process::id())),
        "{err}"
    );
    assert!(err.contains("another tandem"), "{err}");
    drop(lock);
    assert!(
        other.lock_round().is_ok(),
        "a released lock can be taken over"
    );
}

mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::record::strategies::record;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Whatever a session holds, it comes back from disk unchanged.
        #[test]
        fn any_session_round_trips(record in record()) {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(dir.path()).unwrap();
            store.save_session(&record).unwrap();
            let scan = store.load_sessions();
            prop_assert!(scan.problems.is_empty(), "{:?}", scan.problems);
            prop_assert_eq!(scan.sessions, vec![record]);
        }
    }
}

#[test]
fn control_characters_in_a_session_file_never_reach_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (_, mut record) = sample();
    record.people.organizer = "Ana\u{1b}]0;pwned\u{7}".into();
    record.people.observer = Some("C\u{1b}[2Jy".into());
    record.feedback[0].what_worked = "line one\n\u{1b}[2Jline two".into();
    store.save_session(&record).unwrap();
    let loaded = &store.load_sessions().sessions[0];
    assert_eq!(loaded.people.organizer, "Ana]0;pwned");
    assert_eq!(loaded.people.observer.as_deref(), Some("C[2Jy"));
    assert_eq!(loaded.feedback[0].what_worked, "line one\n[2Jline two");
}

#[test]
fn notes_are_their_own_files_and_never_touch_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (_, record) = sample();
    let session_path = store.save_session(&record).unwrap();
    let before = std::fs::read(&session_path).unwrap();
    let wall = Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap();
    let first = CoachNote::new(&record.id, "Coach Kim", "Good depth.\nAsk sooner.", wall);
    let second = CoachNote::new(
        &record.id,
        "Coach Kim",
        "Follow up",
        wall + chrono::Duration::hours(1),
    );
    let path = store.save_note(&second).unwrap();
    store.save_note(&first).unwrap();
    assert_eq!(mode_of(&path), 0o600);
    assert_eq!(std::fs::read(&session_path).unwrap(), before);
    let notes = store.load_notes();
    assert!(notes.problems.is_empty());
    assert_eq!(notes.notes, vec![first, second]);
}

#[test]
fn an_in_progress_round_that_does_not_fit_its_deck_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (state, _) = sample();
    let good = toml::to_string(&state).unwrap();
    for broken in [
        good.replace("current = 1", "current = 7"),
        good.replace("card_pos = 0", "card_pos = 99"),
        good.replacen("id = \"purpose\"", "id = \"warm-up\"", 1),
    ] {
        assert_ne!(broken, good, "the fixture must contain what is replaced");
        std::fs::write(store.in_progress_path(), &broken).unwrap();
        let err = store.load_in_progress().unwrap_err().to_string();
        assert!(err.contains("do not fit together"), "{err}");
        assert_eq!(store.load_in_progress().unwrap(), None);
    }
}

#[test]
fn a_session_dated_out_of_range_is_skipped_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (_, record) = sample();
    let text = toml::to_string(&record).unwrap();
    let started = format!(
        "started = \"{}\"",
        record
            .started
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    );
    assert!(text.contains(&started), "{started} not in\n{text}");
    let far = text.replace(&started, "started = \"-262143-01-01T00:00:00Z\"");
    std::fs::write(store.sessions_dir().join("far.toml"), far).unwrap();
    let scan = store.load_sessions();
    assert!(scan.sessions.is_empty());
    assert!(
        scan.problems[0]
            .to_string()
            .contains("between the years 1900 and 9999")
    );
    let report = crate::stats::report(&[], chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    assert_eq!(report.sessions, 0);
}

#[test]
fn a_session_is_found_by_id_even_in_a_renamed_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (_, record) = sample();
    let path = store.save_session(&record).unwrap();
    assert_eq!(store.find_session(&record.id), Some(record.clone()));
    std::fs::rename(&path, store.sessions_dir().join("from-laptop.toml")).unwrap();
    assert_eq!(store.find_session(&record.id), Some(record));
    assert_eq!(store.find_session("no-such-id"), None);
}

/// Real version-1 files, as tandem wrote them before schema 2, still
/// load: converted in memory, never rewritten.
#[test]
fn version_one_files_load_converted_and_untouched() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1");
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut originals = Vec::new();
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let copy = store.sessions_dir().join(path.file_name().unwrap());
        std::fs::write(&copy, &bytes).unwrap();
        originals.push((copy, bytes));
    }
    let scan = store.load_sessions();
    assert!(scan.problems.is_empty(), "{:?}", scan.problems);
    assert_eq!(scan.sessions.len(), 4);
    for record in &scan.sessions {
        assert_eq!(record.schema, 1);
        assert!(record.checks.is_empty() && record.plan.is_none());
        for stage in &record.stages {
            assert_eq!(stage.talk, crate::deck::TalkBand::default_for(&stage.id));
        }
    }
    // The triad's partner had agreed "Will think about it…": that is now
    // the action, with no answer and no date, so it does not count.
    let triad = scan
        .sessions
        .iter()
        .find(|r| r.id == "20260820T202011Z-9658a327d6ad1636")
        .unwrap();
    assert_eq!(triad.mode, Mode::Triad);
    assert_eq!(
        triad.commitment.action,
        "Will think about it and call back by Friday."
    );
    assert!(!triad.commitment.counts());
    // Every old item rating became a rating of its stage.
    let raw =
        std::fs::read_to_string(fixtures.join("20260820T202011Z-9658a327d6ad1636.toml")).unwrap();
    let old_ratings = raw.matches("[[feedback.ratings]]").count();
    let new_ratings: usize = triad.feedback.iter().map(|f| f.ratings.len()).sum();
    assert!(old_ratings > 0);
    assert_eq!(new_ratings, old_ratings);
    let organizer = triad.organizer_feedback().unwrap();
    assert!(raw.contains(&format!("to_improve = {:?}", organizer.to_change)));
    let pair = scan
        .sessions
        .iter()
        .find(|r| r.id == "20260607T142003Z-611474116f605aee")
        .unwrap();
    assert_eq!(pair.persona.as_ref().unwrap().name, "Walter Brooks");
    for (path, bytes) in originals {
        assert_eq!(
            std::fs::read(path).unwrap(),
            bytes,
            "a v1 file was rewritten"
        );
    }
}

#[test]
fn values_out_of_range_are_refused_when_read() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/v1/20260607T142003Z-611474116f605aee.toml");
    let text = std::fs::read_to_string(fixture).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let first_score = text.find("score = ").unwrap();
    let end = first_score + text[first_score..].find('\n').unwrap();
    let cases = [
        (
            "rating.toml",
            format!("{}score = 200{}", &text[..first_score], &text[end..]),
            "ratings run from 1 to 5",
        ),
        (
            "talk.toml",
            text.replacen(
                "organizer_talk_secs = 34",
                "organizer_talk_secs = 18446744073709551615",
                1,
            ),
            "more talk time than time",
        ),
    ];
    for (name, content, _) in &cases {
        std::fs::write(store.sessions_dir().join(name), content).unwrap();
    }
    let scan = store.load_sessions();
    assert!(scan.sessions.is_empty());
    for (name, _, reason) in cases {
        assert!(
            scan.problems
                .iter()
                .any(|p| p.to_string().contains(name) && p.to_string().contains(reason)),
            "{name}: {:?}",
            scan.problems
        );
    }
}

#[test]
fn the_lock_never_writes_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    let outside = dir.path().join("precious.txt");
    std::fs::write(&outside, "keep me").unwrap();
    let lock = store.root().join(ROUND_LOCK_FILE);
    std::os::unix::fs::symlink(&outside, &lock).unwrap();
    let err = store.lock_round().unwrap_err().to_string();
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me");

    // A dangling link must not create its target either.
    std::fs::remove_file(&lock).unwrap();
    let target = dir.path().join("created-by-tandem");
    std::os::unix::fs::symlink(&target, &lock).unwrap();
    assert!(store.lock_round().is_err());
    assert!(!target.exists(), "the lock created the symlink's target");
}

#[test]
fn writes_replace_a_symlink_rather_than_write_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    let outside = dir.path().join("precious.txt");
    std::fs::write(&outside, "keep me").unwrap();
    std::os::unix::fs::symlink(&outside, store.in_progress_path()).unwrap();
    let (state, _) = sample();
    store.save_in_progress(&state).unwrap();
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me");
    let meta = std::fs::symlink_metadata(store.in_progress_path()).unwrap();
    assert!(meta.is_file());
}

#[test]
fn only_regular_files_up_to_one_mib_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let sessions = store.sessions_dir();
    let (_, record) = sample();
    store.save_session(&record).unwrap();
    std::os::unix::fs::symlink("/dev/zero", sessions.join("zero.toml")).unwrap();
    let fifo = sessions.join("fifo.toml");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    std::fs::create_dir(sessions.join("dir.toml")).unwrap();
    let mut huge = toml::to_string(&record).unwrap();
    huge.push_str(&format!("# {}\n", "x".repeat(2 * 1024 * 1024)));
    std::fs::write(sessions.join("huge.toml"), &huge).unwrap();
    let good_copy = sessions.join("linked.toml");
    std::os::unix::fs::symlink(sessions.join(format!("{}.toml", record.id)), &good_copy).unwrap();

    // Reading the FIFO would block, /dev/zero would never end.
    let scan = store.load_sessions();
    assert_eq!(scan.sessions.len(), 1);
    let messages: Vec<String> = scan.problems.iter().map(ToString::to_string).collect();
    let about = |name: &str| {
        messages
            .iter()
            .find(|m| m.contains(name))
            .unwrap_or_else(|| panic!("{name} not reported: {messages:?}"))
            .clone()
    };
    assert!(about("zero.toml").contains("a symbolic link, not a regular file"));
    assert!(about("linked.toml").contains("a symbolic link"));
    assert!(about("fifo.toml").contains("a FIFO, not a regular file"));
    assert!(about("dir.toml").contains("a directory, not a regular file"));
    assert!(
        about("huge.toml").contains(&format!("too large ({} bytes, limit 1 MiB)", huge.len())),
        "{messages:?}"
    );
    assert_eq!(messages.len(), 5, "{messages:?}");
}

#[test]
fn an_in_progress_directory_is_reported_as_left_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    std::fs::create_dir(store.in_progress_path()).unwrap();
    let err = store.load_in_progress().unwrap_err();
    assert!(matches!(err, StoreError::NotRegular { .. }), "{err}");
    assert!(!err.to_string().contains("moved aside"), "{err}");
    assert!(store.in_progress_path().is_dir());
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 3, "nothing was moved: {names:?}");
}

#[test]
fn aside_files_never_collide_even_in_the_same_millisecond() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let frozen = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
    let mut asides = Vec::new();
    for text in ["first = [", "second = ["] {
        std::fs::write(store.in_progress_path(), text).unwrap();
        match store.load_in_progress_at(frozen).unwrap_err() {
            StoreError::MovedAside { aside, .. } => {
                assert_eq!(std::fs::read_to_string(&aside).unwrap(), text);
                asides.push(aside);
            }
            other => panic!("not moved aside: {other}"),
        }
    }
    assert_ne!(asides[0], asides[1]);
    assert_eq!(std::fs::read_to_string(&asides[0]).unwrap(), "first = [");
    assert!(!store.in_progress_path().exists());
}

#[test]
fn an_in_progress_round_with_impossible_times_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (state, _) = sample();
    let good = toml::to_string(&state).unwrap();
    let line = good
        .lines()
        .find(|l| l.starts_with("organizer_talk = "))
        .unwrap()
        .to_owned();
    let crafted = good.replacen(&line, &format!("organizer_talk = {}", i64::MAX), 1);
    std::fs::write(store.in_progress_path(), crafted).unwrap();
    let err = store.load_in_progress().unwrap_err();
    assert!(matches!(err, StoreError::MovedAside { .. }), "{err}");
    assert!(err.to_string().contains("impossible"), "{err}");
    assert_eq!(store.load_in_progress().unwrap(), None);
}

#[test]
fn the_same_id_in_two_files_is_one_session() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (_, record) = sample();
    let path = store.save_session(&record).unwrap();
    // " (" sorts before ".toml": the copy comes first by name.
    let copy = store
        .sessions_dir()
        .join(format!("{} (conflicted copy).toml", record.id));
    std::fs::copy(&path, &copy).unwrap();
    let scan = store.load_sessions();
    assert_eq!(scan.sessions, vec![record.clone()]);
    let message = scan.problems[0].to_string();
    assert!(
        message.starts_with(&copy.display().to_string()),
        "{message}"
    );
    assert!(message.contains(&record.id), "{message}");
    assert!(message.contains("same contents"), "{message}");

    let changed = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Slow down", "Slow down a lot");
    std::fs::write(&copy, changed).unwrap();
    let scan = store.load_sessions();
    assert_eq!(scan.sessions, vec![record]);
    assert!(scan.problems[0].to_string().contains("the contents differ"));
}

#[test]
fn a_huge_in_progress_file_is_moved_aside_unread() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let huge = vec![b'#'; 3 * 1024 * 1024];
    std::fs::write(store.in_progress_path(), &huge).unwrap();
    let err = store.load_in_progress().unwrap_err();
    let StoreError::MovedAside { aside, .. } = &err else {
        panic!("not moved aside: {err}");
    };
    assert!(
        err.to_string()
            .contains(&format!("too large ({} bytes, limit 1 MiB)", huge.len())),
        "{err}"
    );
    assert_eq!(std::fs::read(aside).unwrap().len(), huge.len());
}

/// `count` saved copies of the sample session, and their files, oldest
/// first.
fn saved_copies(store: &Store, count: usize) -> (Vec<PathBuf>, Vec<String>) {
    let (_, record) = sample();
    let mut paths = Vec::new();
    let mut ids = Vec::new();
    for n in 0..count {
        let mut record = record.clone();
        record.id = format!("20261125T090000Z-{n:016x}");
        ids.push(record.id.clone());
        paths.push(store.save_session(&record).unwrap());
    }
    (paths, ids)
}

#[test]
fn sessions_read_ahead_come_in_order_with_the_failures_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    // Several times the read-ahead window.
    let (mut paths, mut ids) = saved_copies(&store, 150);
    let broken = store.sessions_dir().join("broken.toml");
    std::fs::write(&broken, "not = [toml").unwrap();
    paths.insert(7, broken);
    ids.insert(7, "unreadable".into());
    let borrowed: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let mut seen = Vec::new();
    read_sessions_in_order(&borrowed, read_session, |i, result| {
        seen.push((i, result.map_or_else(|_| "unreadable".to_owned(), |r| r.id)));
        Ok::<_, ()>(())
    })
    .unwrap();
    let want: Vec<(usize, String)> = ids.into_iter().enumerate().collect();
    assert_eq!(seen, want);
}

#[test]
fn sessions_read_ahead_stop_at_the_first_error_of_the_receiver() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (paths, _) = saved_copies(&store, 100);
    let borrowed: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let mut handed = 0;
    let outcome = read_sessions_in_order(&borrowed, read_session, |i, _| {
        handed += 1;
        if i == 3 { Err("closed") } else { Ok(()) }
    });
    assert_eq!(outcome, Err("closed"));
    assert_eq!(handed, 4);
    let empty = read_sessions_in_order(&[], read_session, |_, _| Err("never called"));
    assert_eq!(empty, Ok(()));
}

/// The index reads summaries, the rest of the app records: a file gets
/// the same verdict either way, so the problem the index keeps is the one
/// opening the session would show.
#[test]
fn a_summary_is_read_with_the_verdict_of_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (_, record) = sample();
    let good = store.save_session(&record).unwrap();
    assert_eq!(
        read_summary(&good).unwrap(),
        crate::record::SessionSummary::of(&read_session(&good).unwrap())
    );
    let text = std::fs::read_to_string(&good).unwrap();
    assert!(text.contains("score = 4"), "{text}");
    let rating = text.replacen("score = 4", "score = 0", 1);
    let cases: [(&str, &[u8]); 4] = [
        ("newer.toml", b"schema = 3\n"),
        ("broken.toml", b"schema = 2\nid = "),
        ("not-utf8.toml", &[0xff, 0xfe]),
        ("rating.toml", rating.as_bytes()),
    ];
    for (name, bytes) in cases {
        let path = store.sessions_dir().join(name);
        std::fs::write(&path, bytes).unwrap();
        let expected = read_session(&path).unwrap_err().to_string();
        assert!(expected.contains(name), "{expected}");
        assert_eq!(read_summary(&path).unwrap_err().to_string(), expected);
    }
    let missing = store.sessions_dir().join("gone.toml");
    assert_eq!(
        read_summary(&missing).unwrap_err().to_string(),
        read_session(&missing).unwrap_err().to_string()
    );
}
