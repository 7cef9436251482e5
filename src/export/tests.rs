use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::practice::{Mark, Mode, People};
use crate::record::{
    Commitment, DeckRef, ParticipantFeedback, Rating, Role, SCHEMA_VERSION, StageRecord,
};

// The whole-slice exports the tests read, made of the streaming pieces
// the command prints one session at a time.

fn to_csv(sessions: &[SessionRecord]) -> String {
    let mut columns = StageColumns::default();
    sessions
        .iter()
        .for_each(|s| columns.add(&SessionSummary::of(s)));
    let mut out = csv_header(columns.ids());
    for session in sessions {
        out.push_str(&csv_row(session, columns.ids()));
    }
    out
}

fn to_json(sessions: &[SessionRecord], notes: &[CoachNote]) -> String {
    let mut out = String::new();
    for (position, session) in sessions.iter().enumerate() {
        out.push_str(&json_element(position, session, notes));
    }
    out + json_end(sessions.len())
}

fn to_markdown(sessions: &[SessionRecord], notes: &[CoachNote]) -> String {
    let mut out = markdown_header(sessions.len());
    for session in sessions {
        out.push_str(&session_markdown(session, notes));
    }
    out
}

/// The anonymizer of `sessions` and `notes`, the sessions taken oldest
/// first (by start, then id) whatever their order in the slice.
fn anonymizer(sessions: &[SessionRecord], notes: &[CoachNote]) -> Anonymizer {
    let mut order: Vec<&SessionRecord> = sessions.iter().collect();
    order.sort_by(|a, b| (a.started, &a.id).cmp(&(b.started, &b.id)));
    let mut collector = AliasCollector::new(notes);
    order.into_iter().for_each(|s| collector.add(s));
    collector.finish()
}

fn anonymize(sessions: &mut [SessionRecord], notes: &mut [CoachNote]) {
    anonymizer(sessions, notes).apply(sessions, notes);
}

/// The sessions that pass `filter`, and the notes about them, in order.
fn apply(
    filter: &ExportFilter,
    sessions: Vec<SessionRecord>,
    notes: Vec<CoachNote>,
) -> (Vec<SessionRecord>, Vec<CoachNote>) {
    let sessions: Vec<SessionRecord> = sessions.into_iter().filter(|s| filter.matches(s)).collect();
    let notes = notes
        .into_iter()
        .filter(|n| sessions.iter().any(|s| s.id == n.session))
        .collect();
    (sessions, notes)
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

fn stage(id: &str, planned: u64, actual: u64, talk: (u64, u64), prompts: &[&str]) -> StageRecord {
    StageRecord {
        id: id.into(),
        talk: crate::deck::TalkBand::default_for(id),
        planned_secs: planned,
        actual_secs: actual,
        paused_secs: 0,
        organizer_talk_secs: talk.0,
        partner_talk_secs: talk.1,
        prompts_shown: prompts.iter().map(|p| (*p).to_owned()).collect(),
    }
}

fn rating(stage: &str, score: u8) -> Rating {
    Rating {
        stage: stage.into(),
        score,
    }
}

fn feedback(
    role: Role,
    name: &str,
    worked: &str,
    improve: &str,
    ratings: Vec<Rating>,
) -> ParticipantFeedback {
    ParticipantFeedback {
        role,
        name: name.into(),
        what_worked: worked.into(),
        to_change: improve.into(),
        ratings,
        ..ParticipantFeedback::default()
    }
}

fn mark(kind: usize, label: &str, stage: &str, at_secs: u64, stage_secs: u64) -> Mark {
    Mark {
        kind,
        label: label.into(),
        stage: stage.into(),
        at_secs,
        stage_secs,
    }
}

/// A pair round with everything filled in.
fn pair_round() -> SessionRecord {
    let mut purpose = stage(
        "purpose",
        180,
        195,
        (120, 60),
        &["Why did you agree to meet?"],
    );
    purpose.paused_secs = 20;
    SessionRecord {
        schema: SCHEMA_VERSION,
        plan: None,
        scales: Vec::new(),
        checks: Vec::new(),
        checked_by: None,
        id: "20261125T090000Z-00000000000000a1".into(),
        mode: Mode::Pair,
        seed: 7,
        started: at("2026-11-25T09:00:00Z"),
        ended: at("2026-11-25T09:32:10Z"),
        persona: Some(crate::deck::Persona {
            name: "Rosa, a night-shift nurse".into(),
            ..Default::default()
        }),
        deck: DeckRef {
            skill: None,
            id: "relational-1on1".into(),
            version: 1,
        },
        people: People::pair("Ana Lopez", "Ben Okafor"),
        commitment: Commitment {
            ask: "Come to the tenants' meeting on Thursday, Ben?".into(),
            answer: Some(crate::record::Answer::Yes),
            action: "Bring \"two\" neighbours".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 26),
            follow_up: NaiveDate::from_ymd_opt(2026, 12, 1),
        },
        stages: vec![
            purpose,
            stage(
                "exploration",
                600,
                640,
                (200, 400),
                &[
                    "What keeps you up at night?",
                    "Why does that matter to you?",
                ],
            ),
            stage(
                "exchange",
                300,
                280,
                (150, 130),
                &["Tell a story of your own."],
            ),
            stage("commitment", 180, 210, (90, 120), &["Make a clear ask."]),
        ],
        marks: vec![
            mark(0, "asked why", "exploration", 300, 105),
            mark(2, "made the ask", "commitment", 1200, 60),
        ],
        feedback: vec![
            feedback(
                Role::Organizer,
                "Ana Lopez",
                "Stayed curious, asked why twice.\nBen opened up about the Benefits office.",
                "Slow down; let Ben finish.",
                vec![
                    rating("purpose", 4),
                    rating("purpose", 3),
                    rating("exploration", 5),
                ],
            ),
            feedback(
                Role::Partner,
                "Ben Okafor",
                "Ana listened. *Really* listened.",
                "Ask about my kids",
                vec![rating("purpose", 5), rating("commitment", 4)],
            ),
        ],
    }
}

/// A triad whose partner's name needs CSV quoting and whose observer is
/// the first round's organizer, written in lower case.
fn triad_round() -> SessionRecord {
    SessionRecord {
        schema: SCHEMA_VERSION,
        plan: None,
        scales: Vec::new(),
        checks: Vec::new(),
        checked_by: None,
        id: "20261202T183000Z-00000000000000a2".into(),
        mode: Mode::Triad,
        seed: 11,
        started: at("2026-12-02T18:30:00Z"),
        ended: at("2026-12-02T18:41:00Z"),
        persona: None,
        deck: DeckRef {
            skill: None,
            id: "workplace-1on1".into(),
            version: 2,
        },
        people: People {
            organizer: "Ben Okafor".into(),
            partner: "Zoë \"Z\" Brontë, Jr.".into(),
            observer: Some(" ana lopez ".into()),
        },
        commitment: Commitment::default(),
        stages: vec![
            stage("purpose", 120, 100, (80, 20), &["Why are we here?"]),
            stage(
                "grievance",
                300,
                320,
                (0, 0),
                &["What would you change at work?"],
            ),
        ],
        marks: vec![mark(1, "shared a story", "grievance", 150, 50)],
        feedback: vec![
            feedback(
                Role::Organizer,
                "Ben Okafor",
                "Zoë talked about the night shift.",
                "",
                vec![rating("grievance", 2)],
            ),
            feedback(
                Role::Observer,
                "Ana Lopez",
                "Brontë family story landed; Okafor asked why.",
                "Less talk, more questions",
                vec![rating("purpose", 3), rating("grievance", 4)],
            ),
        ],
    }
}

/// Someone drilling one stage alone, with a name in a script without spaces.
fn solo_drill() -> SessionRecord {
    SessionRecord {
        schema: SCHEMA_VERSION,
        plan: None,
        scales: Vec::new(),
        checks: Vec::new(),
        checked_by: None,
        id: "20270110T070500Z-00000000000000a3".into(),
        mode: Mode::Drill,
        seed: 3,
        started: at("2027-01-10T07:05:00Z"),
        ended: at("2027-01-10T07:15:30Z"),
        persona: None,
        deck: DeckRef {
            skill: None,
            id: "relational-1on1".into(),
            version: 1,
        },
        people: People {
            organizer: "李雷".into(),
            partner: String::new(),
            observer: None,
        },
        commitment: Commitment::default(),
        stages: vec![stage("exploration", 600, 630, (0, 0), &["Why?"])],
        marks: Vec::new(),
        feedback: vec![feedback(
            Role::Organizer,
            "李雷",
            "李雷说: more why questions.",
            "",
            Vec::new(),
        )],
    }
}

fn coach_note() -> CoachNote {
    CoachNote {
        schema: SCHEMA_VERSION,
        id: "20261126T100000Z-00000000000000b1".into(),
        session: "20261125T090000Z-00000000000000a1".into(),
        author: "Dana Reyes".into(),
        written: at("2026-11-26T10:00:00Z"),
        text: "Ana: good why questions.\nNext time ask Ben Okafor about the Benefits office, \
               and tell the Lopez family story."
            .into(),
    }
}

fn fixtures() -> (Vec<SessionRecord>, Vec<CoachNote>) {
    (
        vec![pair_round(), triad_round(), solo_drill()],
        vec![coach_note()],
    )
}

/// Every name of the fixtures, and every part of one worth hiding.
const NAMES: &[&str] = &[
    "Ana Lopez",
    "Ben Okafor",
    "Zoë \"Z\" Brontë, Jr.",
    "李雷",
    "Dana Reyes",
];
const NAME_PARTS: &[&str] = &[
    "ana", "lopez", "ben", "okafor", "zoë", "brontë", "jr", "dana", "reyes",
];

/// The words of `text`: runs of letters and digits, lowercased.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn anonymized() -> (Vec<SessionRecord>, Vec<CoachNote>) {
    let (mut sessions, mut notes) = fixtures();
    anonymize(&mut sessions, &mut notes);
    (sessions, notes)
}

#[test]
fn anonymized_exports_hold_no_name_in_any_field() {
    let (sessions, notes) = anonymized();
    let outputs = [
        ("json", to_json(&sessions, &notes)),
        ("csv", to_csv(&sessions)),
        ("md", to_markdown(&sessions, &notes)),
    ];
    for (format, text) in &outputs {
        let found = words(text);
        for part in NAME_PARTS {
            assert!(
                !found.iter().any(|w| w == part),
                "`{part}` left in the {format} export:\n{text}"
            );
        }
        let lower = text.to_lowercase();
        for name in NAMES {
            assert!(
                !lower.contains(&name.to_lowercase()),
                "`{name}` left in the {format} export"
            );
        }
        assert!(!text.contains("李雷"), "李雷 left in the {format} export");
    }
    // The fixtures do name everyone, so the check above means something.
    let (plain_sessions, plain_notes) = fixtures();
    let plain = words(&to_json(&plain_sessions, &plain_notes));
    for part in NAME_PARTS {
        assert!(
            plain.iter().any(|w| w == part),
            "fixtures never say `{part}`"
        );
    }
}

#[test]
fn a_name_inside_a_longer_word_is_kept() {
    let (sessions, notes) = anonymized();
    let json = to_json(&sessions, &notes);
    // "Ben" is replaced everywhere as a word, never inside "Benefits".
    assert_eq!(
        json.matches("Benefits").count(),
        2,
        "Benefits should survive in feedback and the note:\n{json}"
    );
    assert_eq!(
        sessions[0].feedback[0].what_worked,
        "Stayed curious, asked why twice.\nperson-2 opened up about the Benefits office."
    );
    assert_eq!(
        notes[0].text,
        "person-1: good why questions.\nNext time ask person-2 about the Benefits office, \
         and tell the person-1 family story."
    );
}

#[test]
fn aliases_follow_first_appearance_oldest_first_and_are_stable() {
    let (mut sessions, mut notes) = fixtures();
    // The slice order must not matter: aliases follow the start times.
    sessions.reverse();
    anonymize(&mut sessions, &mut notes);
    sessions.reverse();
    let [pair, triad, solo] = &sessions[..] else {
        panic!("three sessions")
    };
    assert_eq!(pair.people, People::pair("person-1", "person-2"));
    assert_eq!(
        notes[0].author, "person-3",
        "Dana, a note author on round 1"
    );
    assert_eq!(triad.people.organizer, "person-2");
    assert_eq!(triad.people.partner, "person-4");
    assert_eq!(
        triad.people.observer.as_deref(),
        Some("person-1"),
        "` ana lopez ` is Ana Lopez"
    );
    assert_eq!(solo.people.organizer, "person-5");
    assert_eq!(
        solo.feedback[0].what_worked,
        "person-5说: more why questions."
    );

    let (again, again_notes) = anonymized();
    assert_eq!(again, sessions, "same input, same aliases");
    assert_eq!(again_notes, notes);
}

#[test]
fn whole_names_win_over_their_parts_and_matching_ignores_case() {
    let (sessions, notes) = fixtures();
    let replacer = anonymizer(&sessions, &notes).replacer;
    let cases = [
        ("Ana Lopez said yes", "person-1 said yes"),
        ("ANA   lopez\nsaid yes", "person-1\nsaid yes"),
        ("Ana\nLopez", "person-1"),
        ("lopez, okafor", "person-1, person-2"),
        ("Zoë \"Z\" Brontë, Jr. came", "person-4 came"),
        ("Brontë's idea", "person-4's idea"),
        (
            "Benefits, Bento, Anabel, Okaforx",
            "Benefits, Bento, Anabel, Okaforx",
        ),
        // `_` joins words in e-mail addresses and handles: it is no part
        // of a name, so a name next to it is still replaced.
        ("_ben_ ben2", "_person-2_ ben2"),
        ("ana_lopez@example.org", "person-1@example.org"),
        ("Ana-Lopez-1 and ana.lopez", "person-1-1 and person-1"),
        ("(Ben)", "(person-2)"),
        ("", ""),
    ];
    for (text, want) in cases {
        assert_eq!(replacer.replace(text), want, "in {text:?}");
    }
}

#[test]
fn a_part_shared_by_two_people_names_both() {
    let mut a = pair_round();
    a.people = People::pair("Ana Lopez", "Rita Lopez");
    a.feedback.clear();
    a.commitment.ask = "Lopez asked, Rita agreed".into();
    let mut sessions = vec![a];
    anonymize(&mut sessions, &mut []);
    assert_eq!(
        sessions[0].commitment.ask,
        "person-1/person-2 asked, person-2 agreed"
    );
}

#[test]
fn a_one_word_name_that_is_also_a_part_keeps_its_own_alias() {
    let mut a = pair_round();
    a.people = People::pair("Ana", "Ana Lopez");
    a.feedback.clear();
    a.commitment.ask = "Ana met Ana Lopez and Lopez".into();
    let mut sessions = vec![a];
    anonymize(&mut sessions, &mut []);
    assert_eq!(
        sessions[0].commitment.ask,
        "person-1 met person-2 and person-2"
    );
}

#[test]
fn csv_quotes_commas_quotes_and_newlines() {
    let mut round = pair_round();
    round.people = People {
        organizer: "Lee, \"Sam\"".into(),
        partner: "two\nlines".into(),
        observer: Some("=HYPERLINK(\"x\")".into()),
    };
    let text = to_csv(&[round]);
    assert!(text.contains("\"Lee, \"\"Sam\"\"\""), "{text}");
    assert!(text.contains("\"two\nlines\""), "{text}");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let field = |name: &str| {
        let i = header.iter().position(|h| h == name).unwrap();
        row[i].to_owned()
    };
    assert_eq!(field("organizer"), "Lee, \"Sam\"");
    assert_eq!(field("partner"), "two\nlines");
    assert_eq!(
        field("observer"),
        "'=HYPERLINK(\"x\")",
        "a formula is defused"
    );
    assert_eq!(field("rating_purpose"), "4.00", "mean of 4, 3 and 5");
    assert_eq!(field("rating_exchange"), "", "unrated");
    assert_eq!(field("organizer_talk_share"), "0.44", "560 of 1270 s");
    assert_eq!(field("minutes"), "22.1", "1325 s running");
}

#[test]
fn csv_has_a_rating_column_per_stage_in_first_seen_order() {
    let (sessions, _) = fixtures();
    let text = to_csv(&sessions);
    let header = text.lines().next().unwrap();
    assert_eq!(
        header,
        "id,date,deck,organizer,partner,observer,mode,minutes,organizer_talk_share,\
         rating_purpose,rating_exploration,rating_exchange,rating_commitment,rating_grievance"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.records().count(), 3, "one row per session");
}

#[test]
fn the_filter_takes_anyone_in_any_role_and_a_start_date() {
    let (sessions, notes) = fixtures();
    let ids = |filter: ExportFilter| {
        let (kept, notes) = apply(&filter, sessions.clone(), notes.clone());
        let ids: Vec<String> = kept.iter().map(|s| s.id[..8].to_owned()).collect();
        (ids, notes.len())
    };
    let person = |name: &str| ExportFilter {
        person: Some(name.into()),
        since: None,
    };
    assert_eq!(
        ids(ExportFilter::default()),
        (
            vec!["20261125".into(), "20261202".into(), "20270110".into()],
            1
        )
    );
    assert_eq!(
        ids(person("  ANA lopez ")),
        (vec!["20261125".into(), "20261202".into()], 1),
        "organizer of one, observer of the other"
    );
    assert_eq!(
        ids(person("zoë \"z\" brontë, jr.")),
        (vec!["20261202".into()], 0)
    );
    assert_eq!(ids(person("Ana")), (vec![], 0), "whole names only");
    assert_eq!(ids(person("")), (vec![], 0));
    let since = |date: &str| ExportFilter {
        person: None,
        since: Some(date.parse().unwrap()),
    };
    assert_eq!(
        ids(since("2026-12-02")),
        (vec!["20261202".into(), "20270110".into()], 0),
        "the start day itself is included"
    );
    assert_eq!(
        ids(ExportFilter {
            person: Some("Ben Okafor".into()),
            since: Some("2026-11-26".parse().unwrap()),
        }),
        (vec!["20261202".into()], 0)
    );
}

#[test]
fn markdown_cannot_be_driven_by_text_in_the_files() {
    let mut round = pair_round();
    round.people.organizer = "<img src=x onerror=alert(1)>".into();
    round.feedback[0].what_worked = "# heading\n- item\n1. first\n[link](http://x) | pipe".into();
    round.stages[0].id = "a|b".into();
    let text = to_markdown(&[round], &[]);
    let raw_tags = text
        .match_indices('<')
        .filter(|&(i, _)| !text[..i].ends_with('\\'));
    assert_eq!(raw_tags.count(), 0, "{text}");
    assert!(text.contains("\\<img src=x onerror=alert(1)>"), "{text}");
    assert!(
        text.contains("- What worked: \\# heading\n  \\- item\n  1\\. first\n  \\[link\\](http://x) \\| pipe\n"),
        "{text}"
    );
    assert!(text.contains("| a\\|b |"), "{text}");
}

#[test]
fn json_is_an_array_of_sessions_each_with_its_notes() {
    let (sessions, notes) = fixtures();
    let value: serde_json::Value = serde_json::from_str(&to_json(&sessions, &notes)).unwrap();
    let array = value.as_array().unwrap();
    assert_eq!(array.len(), 3);
    assert_eq!(array[0]["id"], sessions[0].id.as_str());
    assert_eq!(array[0]["people"]["organizer"], "Ana Lopez");
    assert_eq!(array[0]["notes"][0]["author"], "Dana Reyes");
    assert_eq!(array[1]["notes"].as_array().unwrap().len(), 0);
    // Each object reads back as the session it came from.
    let back: SessionRecord = serde_json::from_value(array[1].clone()).unwrap();
    assert_eq!(back, sessions[1]);
}

#[test]
fn golden_csv() {
    let (sessions, _) = fixtures();
    insta::assert_snapshot!("csv", to_csv(&sessions));
}

#[test]
fn golden_json() {
    let (sessions, notes) = fixtures();
    insta::assert_snapshot!("json", to_json(&sessions, &notes));
}

#[test]
fn golden_markdown() {
    let (sessions, notes) = fixtures();
    insta::assert_snapshot!("markdown", to_markdown(&sessions, &notes));
}

#[test]
fn golden_markdown_anonymized() {
    let (sessions, notes) = anonymized();
    insta::assert_snapshot!("markdown_anonymized", to_markdown(&sessions, &notes));
}

/// Session A is Ana's and names Carla; session B is Carla's and names Ana.
fn crossed_rounds() -> (Vec<SessionRecord>, Vec<CoachNote>) {
    let mut a = pair_round();
    a.id = "Ana-Lopez-1".into();
    a.people = People::pair("Ana Lopez", "Eve Stone");
    a.feedback.clear();
    a.commitment.ask = "Carla Diaz showed me, mail carla_diaz@example.org".into();
    let mut b = pair_round();
    b.id = "20261201T090000Z-00000000000000b2".into();
    b.started = a.started + chrono::Duration::days(7);
    b.people = People::pair("Carla Diaz", "Eve Stone");
    b.feedback.clear();
    b.commitment.ask = "Ana Lopez was great".into();
    let mut note = coach_note();
    note.session = a.id.clone();
    note.id = "note-for-Ana-Lopez".into();
    (vec![a, b], vec![note])
}

#[test]
fn a_filter_never_leaks_a_name_from_the_sessions_left_out() {
    for filter in [
        ExportFilter {
            person: Some("ana  LOPEZ".into()),
            since: None,
        },
        ExportFilter {
            person: None,
            since: NaiveDate::from_ymd_opt(2026, 11, 30),
        },
    ] {
        let (all, all_notes) = crossed_rounds();
        let anonymizer = anonymizer(&all, &all_notes);
        let (mut sessions, mut notes) = apply(&filter, all, all_notes);
        assert_eq!(sessions.len(), 1, "{filter:?}");
        anonymizer.apply(&mut sessions, &mut notes);
        let out = to_markdown(&sessions, &notes) + &to_json(&sessions, &notes) + &to_csv(&sessions);
        for name in ["ana", "lopez", "carla", "diaz"] {
            assert!(
                !words(&out).contains(&name.to_owned()),
                "{name} leaked with {filter:?}:\n{out}"
            );
        }
    }
}

#[test]
fn ids_holding_a_name_are_replaced_consistently() {
    let (mut sessions, mut notes) = crossed_rounds();
    anonymize(&mut sessions, &mut notes);
    assert_eq!(sessions[0].id, "person-1-1");
    assert_eq!(notes[0].session, sessions[0].id);
    assert!(!notes[0].id.contains("Ana"), "{}", notes[0].id);
    assert!(to_json(&sessions, &notes).contains("\"notes\""));
}

#[test]
fn export_and_stats_compare_names_the_same_way() {
    let session = pair_round();
    assert_eq!(session.people.organizer, "Ana Lopez");
    for person in ["Ana  Lopez", " ana lopez ", "ANA\tLOPEZ"] {
        let stats = crate::stats::Filter {
            person: Some(person.into()),
            ..crate::stats::Filter::default()
        };
        let export = ExportFilter {
            person: Some(person.into()),
            since: None,
        };
        assert!(
            stats.matches(&crate::record::SessionSummary::of(&session)),
            "stats missed {person:?}"
        );
        assert!(export.matches(&session), "export missed {person:?}");
    }
}

#[test]
fn json_pieces_make_one_pretty_array() {
    let (sessions, notes) = fixtures();
    for count in 0..=sessions.len() {
        let exported: Vec<ExportedSession> = sessions[..count]
            .iter()
            .map(|session| ExportedSession {
                session,
                notes: notes_on(&notes, &session.id).collect(),
            })
            .collect();
        let whole = serde_json::to_string_pretty(&exported).unwrap() + "\n";
        assert_eq!(
            to_json(&sessions[..count], &notes),
            whole,
            "{count} sessions"
        );
    }
}

#[test]
fn the_summary_tells_what_it_can_and_the_record_the_rest() {
    let mut round = pair_round();
    round.feedback.push(ParticipantFeedback {
        role: Role::Partner,
        name: "Rosa Quint".into(),
        ..ParticipantFeedback::default()
    });
    let summary = SessionSummary::of(&round);
    let filter = |person: Option<&str>, since: Option<&str>| ExportFilter {
        person: person.map(Into::into),
        since: since.map(|d| d.parse().unwrap()),
    };
    let cases = [
        (filter(None, None), Verdict::Kept),
        (filter(Some(" ben OKAFOR"), None), Verdict::Kept),
        (
            filter(Some("Ben Okafor"), Some("2026-11-25")),
            Verdict::Kept,
        ),
        (
            filter(Some("Ben Okafor"), Some("2026-11-26")),
            Verdict::Dropped,
        ),
        (filter(None, Some("2026-11-26")), Verdict::Dropped),
        (filter(Some("  "), None), Verdict::Dropped),
        // Named in feedback only, or not at all: the record decides.
        (filter(Some("rosa quint"), None), Verdict::NeedsRecord),
        (filter(Some("Nobody"), None), Verdict::NeedsRecord),
    ];
    for (filter, verdict) in cases {
        assert_eq!(filter.check(&summary), verdict, "{filter:?}");
        match verdict {
            Verdict::Kept => assert!(filter.matches(&round), "{filter:?}"),
            Verdict::Dropped => assert!(!filter.matches(&round), "{filter:?}"),
            Verdict::NeedsRecord => {}
        }
    }
    assert!(filter(Some("rosa quint"), None).matches(&round));
    assert!(!filter(Some("Nobody"), None).matches(&round));
}
