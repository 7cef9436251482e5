//! The index against the files: every way it can be out of date, broken or
//! shared, and what it must do then (read the files again, never trust it).

use super::*;
use crate::record::{
    Answer, Commitment, ParticipantFeedback, Rating, Role, SCHEMA_VERSION, SessionRecord,
    StageRecord,
};
use crate::store::Store;

/// A session of `organizer` on March `day`, the partner rating purpose
/// `score`.
fn session(day: u32, organizer: &str, score: u8) -> SessionRecord {
    let started = chrono::NaiveDate::from_ymd_opt(2026, 3, day)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
        .and_utc();
    SessionRecord {
        schema: SCHEMA_VERSION,
        id: format!("2026-03-{day:02}-{organizer}"),
        mode: Mode::Pair,
        seed: 0,
        started,
        ended: started + chrono::Duration::minutes(20),
        deck: DeckRef {
            id: "relational-1on1".into(),
            version: 1,
            skill: None,
        },
        people: People::pair(organizer, "Pat"),
        plan: None,
        persona: None,
        stages: vec![StageRecord {
            id: "purpose".into(),
            planned_secs: 120,
            actual_secs: 130,
            paused_secs: 0,
            organizer_talk_secs: 40,
            partner_talk_secs: 60,
            talk: crate::deck::TalkBand::default_for("purpose"),
            prompts_shown: vec!["Why are we meeting?".into()],
        }],
        marks: Vec::new(),
        scales: Vec::new(),
        checks: Vec::new(),
        checked_by: None,
        commitment: Commitment {
            answer: Some(Answer::Yes),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 30),
            ..Commitment::default()
        },
        feedback: vec![ParticipantFeedback {
            role: Role::Partner,
            name: "Pat".into(),
            ratings: vec![Rating {
                stage: "purpose".into(),
                score,
            }],
            felt_heard: Some(4),
            ..ParticipantFeedback::default()
        }],
    }
}

struct Dirs {
    _tmp: tempfile::TempDir,
    store: Store,
    cache: PathBuf,
}

fn dirs() -> Dirs {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("data")).unwrap();
    let cache = tmp.path().join("cache");
    Dirs {
        store: store.with_cache(Some(cache.clone())),
        cache,
        _tmp: tmp,
    }
}

impl Dirs {
    fn save(&self, record: &SessionRecord) -> PathBuf {
        self.store.save_session(record).unwrap()
    }

    fn index_file(&self) -> PathBuf {
        index_path(&self.cache, self.store.root())
    }

    /// Opens and refreshes the index; returns it with what the refresh did.
    fn refreshed(&self) -> (Index, Refreshed) {
        let mut index = self.store.index();
        let refreshed = index.refresh(&mut |_| {}).unwrap();
        (index, refreshed)
    }
}

/// (id, purpose score) of every session the index streams, oldest first.
fn scores(index: &Index) -> Vec<(String, u8)> {
    let mut out = Vec::new();
    index
        .for_each(&Query::default(), |s| {
            out.push((s.id.clone(), s.ratings.first().map_or(0, |r| r.score)));
        })
        .unwrap();
    out
}

/// Makes every file of the sessions dir look old enough to be trusted.
fn age_files(store: &Store) {
    let old = SystemTime::now() - Duration::from_secs(60);
    for entry in std::fs::read_dir(store.sessions_dir()).unwrap() {
        let file = std::fs::File::options()
            .write(true)
            .open(entry.unwrap().path())
            .unwrap();
        file.set_modified(old).unwrap();
    }
}

#[test]
fn a_summary_from_the_index_is_the_summary_of_the_file() {
    let d = dirs();
    let mut record = session(2, "Ana", 4);
    record.scales.push(crate::record::ScaleReading {
        scale: "support".into(),
        stage: "purpose".into(),
        value: 3,
    });
    record.marks.push(crate::record::Mark {
        kind: 0,
        label: "open question".into(),
        stage: "purpose".into(),
        at_secs: 5,
        stage_secs: 5,
    });
    d.save(&record);
    let (index, refreshed) = d.refreshed();
    assert_eq!(refreshed.read, 1);
    let mut found = Vec::new();
    index
        .for_each(&Query::default(), |s| found.push(s))
        .unwrap();
    assert_eq!(found, vec![SessionSummary::of(&record)]);
    assert_eq!(index.count().unwrap(), 1);
    let mut rows = Vec::new();
    index.list(|row| rows.push(row)).unwrap();
    assert_eq!(rows[0].secs, 130);
    assert_eq!(rows[0].rating, Some(4.0));
    assert_eq!(rows[0].people.organizer, "Ana");
}

#[test]
fn a_warm_index_reads_no_file_and_a_deleted_one_is_rebuilt() {
    let d = dirs();
    d.save(&session(2, "Ana", 4));
    d.save(&session(3, "Ben", 2));
    age_files(&d.store);
    let (_, first) = d.refreshed();
    assert_eq!((first.read, first.removed), (2, 0));
    let (index, warm) = d.refreshed();
    assert_eq!(
        (warm.read, warm.removed),
        (0, 0),
        "a warm start reads nothing"
    );
    assert_eq!(scores(&index).len(), 2);
    drop(index);
    remove_index_files(&d.index_file());
    let (index, cold) = d.refreshed();
    assert_eq!(cold.read, 2, "a deleted index is rebuilt from the files");
    assert_eq!(scores(&index).len(), 2);
}

/// Ana's file edited by hand (a new score, a new size), Ben's removed,
/// Cy's added.
fn change_every_way(d: &Dirs, ana: &Path, ben: &Path) {
    let text = std::fs::read_to_string(ana)
        .unwrap()
        .replace("score = 4", "score = 5  ");
    std::fs::write(ana, text).unwrap();
    std::fs::remove_file(ben).unwrap();
    d.save(&session(4, "Cy", 3));
}

/// The scores after [`change_every_way`].
fn after_every_change() -> Vec<(String, u8)> {
    vec![
        ("2026-03-02-Ana".to_owned(), 5),
        ("2026-03-04-Cy".to_owned(), 3),
    ]
}

#[test]
fn a_changed_a_new_and_a_deleted_file_are_found() {
    let d = dirs();
    let ana = d.save(&session(2, "Ana", 4));
    let ben = d.save(&session(3, "Ben", 2));
    age_files(&d.store);
    d.refreshed();
    change_every_way(&d, &ana, &ben);
    let (index, refreshed) = d.refreshed();
    assert_eq!((refreshed.read, refreshed.removed), (2, 1));
    assert_eq!(scores(&index), after_every_change());
}

#[test]
fn a_file_changed_in_the_same_tick_is_read_again() {
    // Same size, and the modification time put back: only the racy rule
    // (a file read within moments of its last change is not trusted)
    // catches this change.
    let d = dirs();
    let path = d.save(&session(2, "Ana", 4));
    let (_, first) = d.refreshed();
    assert_eq!(first.read, 1);
    let meta = std::fs::metadata(&path).unwrap();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("score = 4", "score = 1");
    std::fs::write(&path, text).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(meta.modified().unwrap()).unwrap();
    let (index, second) = d.refreshed();
    assert_eq!(second.read, 1, "a racy entry is read again");
    assert_eq!(scores(&index)[0].1, 1);
}

#[test]
fn an_unreadable_file_is_reported_on_every_start_and_a_duplicate_once() {
    let d = dirs();
    let ana = d.save(&session(2, "Ana", 4));
    std::fs::write(d.store.sessions_dir().join("broken.toml"), "not = [toml").unwrap();
    // A sync tool's conflict copy of Ana's session.
    std::fs::copy(&ana, d.store.sessions_dir().join("a-copy.toml")).unwrap();
    for _ in 0..2 {
        let (index, _) = d.refreshed();
        let problems: Vec<String> = index
            .problems()
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("broken.toml"), "{problems:?}");
        assert!(
            problems[1].contains("a-copy.toml") && problems[1].contains("same contents"),
            "{problems:?}"
        );
        assert_eq!(scores(&index).len(), 1, "a copy counts once");
        assert_eq!(index.path_of("2026-03-02-Ana"), Some(ana.clone()));
    }
}

#[test]
fn an_index_of_an_old_schema_is_rebuilt() {
    let d = dirs();
    d.save(&session(2, "Ana", 4));
    age_files(&d.store);
    d.refreshed();
    {
        let conn = Connection::open(d.index_file()).unwrap();
        conn.pragma_update(None, "user_version", INDEX_SCHEMA - 1)
            .unwrap();
        // Whatever the old schema held must not be read.
        conn.execute("UPDATE sessions SET detail = x'00'", [])
            .unwrap();
    }
    let (index, refreshed) = d.refreshed();
    assert!(
        refreshed.rebuilt.as_deref().unwrap().contains("schema"),
        "{:?}",
        refreshed.rebuilt
    );
    assert_eq!(refreshed.read, 1);
    assert_eq!(scores(&index), vec![("2026-03-02-Ana".to_owned(), 4)]);
}

#[test]
fn a_corrupt_index_is_rebuilt() {
    let d = dirs();
    d.save(&session(2, "Ana", 4));
    d.refreshed();
    std::fs::write(d.index_file(), b"this is not a SQLite database at all").unwrap();
    let (index, refreshed) = d.refreshed();
    assert!(refreshed.rebuilt.is_some());
    assert_eq!(scores(&index), vec![("2026-03-02-Ana".to_owned(), 4)]);

    // Damage in the middle of a valid file: the pages after the header.
    drop(index);
    let mut bytes = std::fs::read(d.index_file()).unwrap();
    if bytes.len() > 4096 {
        for byte in &mut bytes[4096..] {
            *byte = 0x5a;
        }
        std::fs::write(d.index_file(), bytes).unwrap();
        let (index, refreshed) = d.refreshed();
        assert!(refreshed.rebuilt.is_some(), "damaged pages are noticed");
        assert_eq!(scores(&index), vec![("2026-03-02-Ana".to_owned(), 4)]);
    }
}

#[test]
fn an_index_locked_by_another_process_is_not_waited_for_forever() {
    let d = dirs();
    d.save(&session(2, "Ana", 4));
    d.refreshed();
    // Another connection holds the write lock and never lets go (a hung
    // tandem): this one rebuilds in memory rather than trust or wait.
    let holder = Connection::open(d.index_file()).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    d.save(&session(3, "Ben", 2));
    let mut index = d.store.index();
    let refreshed = index.refresh(&mut |_| {});
    match refreshed {
        Ok(_) => assert_eq!(scores(&index).len(), 2),
        Err(err) => assert!(err.to_string().contains("locked"), "{err}"),
    }
    drop(holder);
    let (index, _) = d.refreshed();
    assert_eq!(scores(&index).len(), 2, "once free, the file index is used");
}

#[test]
fn two_tandems_refreshing_at_once_both_see_every_session() {
    let d = dirs();
    for day in 1..=20 {
        d.save(&session(day, "Ana", (day % 5 + 1) as u8));
    }
    let store = d.store.clone();
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let store = store.clone();
            std::thread::spawn(move || {
                let mut index = store.index();
                index.refresh(&mut |_| {}).unwrap();
                scores(&index).len()
            })
        })
        .collect();
    for worker in workers {
        assert_eq!(worker.join().unwrap(), 20);
    }
    let (index, _) = d.refreshed();
    assert_eq!(scores(&index).len(), 20);
}

#[test]
fn queries_narrow_by_organizer_family_and_latest() {
    let d = dirs();
    d.save(&session(2, "Ana", 1));
    d.save(&session(3, "Ben", 2));
    d.save(&session(4, " ana ", 3));
    let mut other = session(5, "Ana", 4);
    other.deck.id = "deep-canvass".into();
    d.save(&other);
    let (index, _) = d.refreshed();
    let ids = |query: &Query| {
        let mut out = Vec::new();
        index.for_each(query, |s| out.push(s.id)).unwrap();
        out
    };
    let ana = Query {
        organizer_key: Some("ana".into()),
        family: Some("relational-1on1".into()),
        latest: None,
    };
    assert_eq!(ids(&ana), ["2026-03-02-Ana", "2026-03-04- ana "]);
    let latest = Query {
        latest: Some(2),
        ..Query::default()
    };
    assert_eq!(ids(&latest), ["2026-03-04- ana ", "2026-03-05-Ana"]);
    assert_eq!(index.organizers().unwrap(), ["Ana", "Ben"]);
    assert_eq!(
        index.families().unwrap(),
        ["deep-canvass", "relational-1on1"]
    );
}

#[test]
fn a_saved_round_is_added_without_listing_the_dir() {
    let d = dirs();
    let (mut index, _) = d.refreshed();
    let path = d.save(&session(2, "Ana", 4));
    index.add_file(&path).unwrap();
    assert_eq!(scores(&index), vec![("2026-03-02-Ana".to_owned(), 4)]);
}

#[test]
fn a_damaged_summary_is_an_error_that_says_how_to_mend_it_never_a_missing_session() {
    let d = dirs();
    d.save(&session(2, "Ana", 4));
    age_files(&d.store);
    d.refreshed();
    {
        let conn = Connection::open(d.index_file()).unwrap();
        conn.execute("UPDATE sessions SET detail = x'ff'", [])
            .unwrap();
    }
    let (index, _) = d.refreshed();
    let err = index.for_each(&Query::default(), |_| {}).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains(&d.index_file().display().to_string())
            && message.contains("rebuilt from the session files"),
        "{message}"
    );
}

/// Brings the index up to date through [`Index::refresh_and_read`],
/// reading the scores: what the refresh did, the scores, and how many
/// times the reading ran.
fn read_while_refreshing(d: &Dirs) -> (Refreshed, Vec<(String, u8)>, usize) {
    let mut index = d.store.index();
    let mut reads = 0;
    let (refreshed, scores) = index
        .refresh_and_read(&mut |_| {}, |index| {
            reads += 1;
            Ok(scores(index))
        })
        .unwrap();
    (refreshed, scores, reads)
}

#[test]
fn what_is_read_while_listing_is_the_answer_only_when_no_file_changed() {
    let d = dirs();
    let ana = d.save(&session(2, "Ana", 4));
    let ben = d.save(&session(3, "Ben", 2));
    age_files(&d.store);
    let (cold, read, reads) = read_while_refreshing(&d);
    assert_eq!(
        (cold.read, read.len(), reads),
        (2, 2, 2),
        "an empty index is filled, then read"
    );
    let (warm, read, reads) = read_while_refreshing(&d);
    assert_eq!(
        (warm.read, warm.removed, read.len(), reads),
        (0, 0, 2, 1),
        "a warm start reads the index once, while listing"
    );
    change_every_way(&d, &ana, &ben);
    let (changed, read, reads) = read_while_refreshing(&d);
    assert_eq!((changed.read, changed.removed, reads), (2, 1, 2));
    assert_eq!(read, after_every_change());
}

#[test]
fn damage_found_while_reading_and_listing_is_rebuilt_and_read_again() {
    let d = dirs();
    d.save(&session(2, "Ana", 4));
    for n in 3..20 {
        d.save(&session(n, "Ben", 2));
    }
    d.refreshed();
    let mut bytes = std::fs::read(d.index_file()).unwrap();
    assert!(bytes.len() > 4096, "more than one page");
    for byte in &mut bytes[4096..] {
        *byte = 0x5a;
    }
    std::fs::write(d.index_file(), bytes).unwrap();
    let (refreshed, read, _) = read_while_refreshing(&d);
    assert!(refreshed.rebuilt.is_some(), "damaged pages are noticed");
    assert_eq!(read.len(), 18);
    assert_eq!(read[0], ("2026-03-02-Ana".to_owned(), 4));
}
