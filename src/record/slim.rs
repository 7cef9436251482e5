//! A session's summary read straight from its file ([`parse_summary`]):
//! what [`parse_session`] then [`SessionSummary::of`] give, without
//! building the record. Every field of the file is still read with its
//! type, and checked as [`SessionRecord::check`] checks it; the texts a
//! summary leaves out (prompts, feedback, persona, the ask) are only seen
//! to be texts, never copied.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use serde::de::{Deserializer, Visitor};

use super::plain_toml;
use super::summary::{mark_counts, scale_summaries};
use super::{
    Answer, CommitmentOutcome, DeckRef, Mode, People, Plan, RatingSummary, RecordError, Role,
    SCHEMA_VERSION, SessionSummary, StageSummary, check_dates, check_felt_heard, check_rating,
    check_stage, parse_session,
};
use crate::deck::TalkBand;
use crate::text::strip_controls;

/// The summary of a session file's text, with the same values and the
/// same verdict as [`parse_session`] followed by [`SessionSummary::of`].
/// A file of the current schema that reads is summed up here; anything
/// else (a version-1 file, a newer schema, a file that does not parse)
/// goes through [`parse_session`], which converts it or says what is wrong.
pub fn parse_summary(text: &str) -> Result<SessionSummary, RecordError> {
    let slim = plain_toml::from_str::<SlimRecord>(text)
        .ok()
        .or_else(|| toml::from_str::<SlimRecord>(text).ok());
    match slim {
        Some(slim) if slim.schema <= SCHEMA_VERSION => slim.summary(),
        _ => parse_session(text).map(|record| SessionSummary::of(&record)),
    }
}

/// A text the summary leaves out: read as a string, then dropped.
#[derive(Default)]
struct Text;

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        struct AnyString;
        impl Visitor<'_> for AnyString {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Text, E> {
                Ok(Text)
            }
        }
        deserializer.deserialize_str(AnyString)
    }
}

// The mirrors of the v2 file (see `SessionRecord` and its parts): the same
// fields with the same types and defaults, so that they refuse what it
// refuses. Kept texts are borrowed from the file where they can be; the
// fields named `_…` are read for their type only.

#[derive(Deserialize)]
struct SlimRecord<'a> {
    schema: u32,
    #[serde(borrow)]
    id: Cow<'a, str>,
    mode: Mode,
    #[serde(rename = "seed")]
    _seed: u32,
    started: DateTime<Utc>,
    ended: DateTime<Utc>,
    #[serde(borrow)]
    deck: SlimDeck<'a>,
    #[serde(borrow)]
    people: SlimPeople<'a>,
    #[serde(default, rename = "plan")]
    _plan: Option<Plan>,
    #[serde(default, rename = "persona")]
    _persona: Option<SlimPersona>,
    #[serde(borrow)]
    stages: Vec<SlimStage<'a>>,
    #[serde(default, borrow)]
    marks: Vec<SlimMark<'a>>,
    #[serde(default, borrow)]
    scales: Vec<SlimScale<'a>>,
    #[serde(default, rename = "checks")]
    _checks: Vec<SlimCheck>,
    #[serde(default, rename = "checked_by")]
    _checked_by: Option<Role>,
    #[serde(default)]
    commitment: SlimCommitment,
    #[serde(borrow)]
    feedback: Vec<SlimFeedback<'a>>,
}

#[derive(Deserialize)]
struct SlimDeck<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    version: u32,
    #[serde(default, borrow)]
    skill: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct SlimPeople<'a> {
    #[serde(borrow)]
    organizer: Cow<'a, str>,
    #[serde(default, borrow)]
    partner: Cow<'a, str>,
    #[serde(default, borrow)]
    observer: Option<Cow<'a, str>>,
}

/// Like [`crate::deck::Persona`], which refuses unknown fields.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlimPersona {
    #[serde(rename = "name")]
    _name: Text,
    #[serde(rename = "summary")]
    _summary: Text,
    #[serde(default, rename = "cares_about")]
    _cares_about: Option<Text>,
    #[serde(default, rename = "resources")]
    _resources: Option<Text>,
    #[serde(default, rename = "reluctance")]
    _reluctance: Option<Text>,
    #[serde(default, rename = "play")]
    _play: Option<Text>,
}

#[derive(Deserialize)]
struct SlimStage<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    planned_secs: u64,
    actual_secs: u64,
    #[serde(rename = "paused_secs")]
    _paused_secs: u64,
    organizer_talk_secs: u64,
    partner_talk_secs: u64,
    talk: TalkBand,
    #[serde(rename = "prompts_shown")]
    _prompts_shown: Vec<Text>,
}

#[derive(Deserialize)]
struct SlimMark<'a> {
    #[serde(rename = "kind")]
    _kind: usize,
    #[serde(borrow)]
    label: Cow<'a, str>,
    #[serde(rename = "stage")]
    _stage: Text,
    #[serde(rename = "at_secs")]
    _at_secs: u64,
    #[serde(rename = "stage_secs")]
    _stage_secs: u64,
}

#[derive(Deserialize)]
struct SlimScale<'a> {
    #[serde(borrow)]
    scale: Cow<'a, str>,
    #[serde(rename = "stage")]
    _stage: Text,
    value: i32,
}

#[derive(Deserialize)]
struct SlimCheck {
    #[serde(rename = "stage")]
    _stage: Text,
    #[serde(rename = "item")]
    _item: Text,
    #[serde(rename = "observed")]
    _observed: bool,
}

#[derive(Deserialize, Default)]
struct SlimCommitment {
    #[serde(default, rename = "ask")]
    _ask: Text,
    #[serde(default)]
    answer: Option<Answer>,
    #[serde(default, rename = "action")]
    _action: Text,
    #[serde(default)]
    date: Option<NaiveDate>,
    #[serde(default, rename = "follow_up")]
    _follow_up: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct SlimFeedback<'a> {
    role: Role,
    #[serde(rename = "name")]
    _name: Text,
    #[serde(default, borrow)]
    ratings: Vec<SlimRating<'a>>,
    #[serde(default, rename = "what_worked")]
    _what_worked: Text,
    #[serde(default, rename = "to_change")]
    _to_change: Text,
    #[serde(default, rename = "would_say_yes")]
    _would_say_yes: Option<Answer>,
    #[serde(default, rename = "to_make_yes")]
    _to_make_yes: Text,
    #[serde(default)]
    felt_heard: Option<u8>,
    #[serde(default, rename = "phrase")]
    _phrase: Text,
}

#[derive(Deserialize)]
struct SlimRating<'a> {
    #[serde(borrow)]
    stage: Cow<'a, str>,
    score: u8,
}

/// A kept one-line text, stripped of control characters as
/// [`super::SessionRecord::strip_controls`] strips it.
fn line(text: &str) -> String {
    strip_controls(text, false)
}

impl SlimRecord<'_> {
    /// Checks the values in the order [`super::SessionRecord::check`]
    /// does, then sums them up.
    fn summary(self) -> Result<SessionSummary, RecordError> {
        check_dates(self.started, self.ended)?;
        for stage in &self.stages {
            check_stage(
                &stage.id,
                stage.planned_secs,
                stage.actual_secs,
                stage.organizer_talk_secs,
                stage.partner_talk_secs,
            )?;
        }
        for feedback in &self.feedback {
            for rating in &feedback.ratings {
                check_rating(&rating.stage, rating.score)?;
            }
            check_felt_heard(feedback.felt_heard)?;
        }
        let labels: Vec<String> = self.marks.iter().map(|m| line(&m.label)).collect();
        let scales: Vec<(String, i32)> = self
            .scales
            .iter()
            .map(|r| (line(&r.scale), r.value))
            .collect();
        Ok(SessionSummary {
            id: line(&self.id),
            started: self.started,
            deck: DeckRef {
                id: line(&self.deck.id),
                version: self.deck.version,
                skill: self.deck.skill.as_deref().map(line),
            },
            mode: self.mode,
            people: People {
                organizer: line(&self.people.organizer),
                partner: line(&self.people.partner),
                observer: self.people.observer.as_deref().map(line),
            },
            stages: self
                .stages
                .iter()
                .map(|stage| StageSummary {
                    id: line(&stage.id),
                    planned_secs: stage.planned_secs,
                    actual_secs: stage.actual_secs,
                    organizer_talk_secs: stage.organizer_talk_secs,
                    partner_talk_secs: stage.partner_talk_secs,
                    talk: stage.talk,
                })
                .collect(),
            ratings: self
                .feedback
                .iter()
                .flat_map(|f| {
                    f.ratings.iter().map(|r| RatingSummary {
                        role: f.role,
                        stage: line(&r.stage),
                        score: r.score,
                    })
                })
                .collect(),
            felt_heard: self
                .feedback
                .iter()
                .filter(|f| f.role == Role::Partner)
                .filter_map(|f| f.felt_heard)
                .collect(),
            commitment: CommitmentOutcome {
                answer: self.commitment.answer,
                dated: self.commitment.date.is_some(),
            },
            marks: mark_counts(labels.iter().map(String::as_str)),
            scales: scale_summaries(scales.iter().map(|(scale, value)| (scale.as_str(), *value))),
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;
    use crate::deck::Persona;
    use crate::record::strategies::record;
    use crate::record::{
        Check, Commitment, Mark, ParticipantFeedback, Rating, ScaleReading, SessionRecord,
        StageRecord,
    };

    /// What the full parse makes of `text`, summed up.
    fn full(text: &str) -> Result<SessionSummary, RecordError> {
        parse_session(text).map(|record| SessionSummary::of(&record))
    }

    /// A session with every part a file can have, so that each can be
    /// damaged.
    fn sample() -> SessionRecord {
        let started = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
        SessionRecord {
            schema: SCHEMA_VERSION,
            id: "20261125T090000Z-0123456789abcdef".into(),
            mode: Mode::Triad,
            seed: 7,
            started,
            ended: started + chrono::Duration::minutes(30),
            deck: DeckRef {
                id: "relational-1on1".into(),
                version: 3,
                skill: Some("relational".into()),
            },
            people: People {
                organizer: "Ana\u{1b}[2J".into(),
                partner: "Ben".into(),
                observer: Some("Cy".into()),
            },
            plan: Some(Plan {
                id: "plan-1".into(),
                round: 1,
                rounds: 3,
                minutes: 45,
                stage_minutes: vec![5, 6],
                debrief_minutes: 4,
            }),
            persona: Some(Persona {
                name: "Helen".into(),
                summary: "Runs a climate group.".into(),
                play: Some("Brisk".into()),
                ..Persona::default()
            }),
            stages: vec![StageRecord {
                id: "purpose".into(),
                planned_secs: 300,
                actual_secs: 320,
                paused_secs: 4,
                organizer_talk_secs: 150,
                partner_talk_secs: 120,
                talk: TalkBand { low: 40, high: 70 },
                prompts_shown: vec!["Why \"this\", of all things?".into()],
            }],
            marks: ["asked why", "asked why\u{7}", "made the ask"]
                .into_iter()
                .map(|label| Mark {
                    kind: 1,
                    label: label.into(),
                    stage: "purpose".into(),
                    at_secs: 10,
                    stage_secs: 10,
                })
                .collect(),
            scales: vec![
                ScaleReading {
                    scale: "support".into(),
                    stage: "purpose".into(),
                    value: 4,
                },
                ScaleReading {
                    scale: "support".into(),
                    stage: "purpose".into(),
                    value: 6,
                },
            ],
            checks: vec![Check {
                stage: "purpose".into(),
                item: "credential stated".into(),
                observed: true,
            }],
            checked_by: Some(Role::Observer),
            commitment: Commitment {
                ask: "Come on Thursday".into(),
                answer: Some(Answer::Yes),
                action: "Come with a friend".into(),
                date: NaiveDate::from_ymd_opt(2026, 11, 27),
                follow_up: NaiveDate::from_ymd_opt(2026, 12, 1),
            },
            feedback: vec![
                ParticipantFeedback {
                    role: Role::Organizer,
                    name: "Ana".into(),
                    ratings: vec![Rating {
                        stage: "purpose".into(),
                        score: 4,
                    }],
                    what_worked: "Asked why\ntwice".into(),
                    ..ParticipantFeedback::default()
                },
                ParticipantFeedback {
                    role: Role::Partner,
                    name: "Ben".into(),
                    felt_heard: Some(5),
                    would_say_yes: Some(Answer::Maybe),
                    ..ParticipantFeedback::default()
                },
            ],
        }
    }

    #[test]
    fn a_file_is_summed_up_as_the_full_parse_sums_it_up() {
        let text = toml::to_string(&sample()).unwrap();
        assert!(
            toml::from_str::<SlimRecord>(&text).is_ok(),
            "the slim parse reads the file itself"
        );
        assert!(
            plain_toml::from_str::<SlimRecord>(&text).is_ok(),
            "the plain reader reads the file"
        );
        let summary = parse_summary(&text).unwrap();
        assert_eq!(summary, full(&text).unwrap());
        // Control characters go, and marks that differ only by them are
        // counted together, as in the full parse.
        assert_eq!(summary.people.organizer, "Ana[2J");
        assert_eq!(summary.marks.len(), 2);
        assert_eq!(summary.marks[0].count, 2);
        assert_eq!(summary.scales[0].readings, 2);
        assert_eq!(summary.felt_heard, vec![5]);
        assert!(summary.commitment.counts());
    }

    /// Whether an error is the one a damage should cause.
    type Expected = fn(&RecordError) -> bool;

    #[test]
    fn every_damaged_file_is_refused_as_the_full_parse_refuses_it() {
        let good = toml::to_string(&sample()).unwrap();
        let toml_error = |err: &RecordError| matches!(err, RecordError::Toml(_));
        let cases: [(&str, &str, Expected); 16] = [
            ("prompts_shown = [", "prompts_shown = [1, ", toml_error),
            ("[persona]\n", "[persona]\nmood = \"cross\"\n", toml_error),
            ("paused_secs = 4\n", "", toml_error),
            ("what_worked = ", "what_worked = 3\nx = ", toml_error),
            ("observed = true", "observed = \"yes\"", toml_error),
            ("rounds = 3", "rounds = \"three\"", toml_error),
            ("date = \"2026-11-27\"", "date = \"Thursday\"", toml_error),
            ("score = 4", "score = 256", toml_error),
            ("seed = 7", "seed = -7", toml_error),
            ("kind = 1", "kind = \"one\"", toml_error),
            ("score = 4", "score = 200", |err| {
                *err == RecordError::RatingOutOfRange {
                    stage: "purpose".into(),
                    score: 200,
                }
            }),
            ("felt_heard = 5", "felt_heard = 9", |err| {
                *err == RecordError::FeltHeardOutOfRange(9)
            }),
            (
                "partner_talk_secs = 120",
                "partner_talk_secs = 900",
                |err| *err == RecordError::TalkLongerThanStage("purpose".into()),
            ),
            ("planned_secs = 300", "planned_secs = 900000", |err| {
                *err == RecordError::StageTooLong("purpose".into())
            }),
            (
                "started = \"2026-11-25T09:00:00Z\"",
                "started = \"-262143-01-01T00:00:00Z\"",
                |err| *err == RecordError::DateOutOfRange,
            ),
            ("schema = 2", "schema = 3", |err| {
                *err == RecordError::NewerSchema(3)
            }),
        ];
        for (from, to, expected) in cases {
            assert!(good.contains(from), "`{from}` not in\n{good}");
            let damaged = good.replacen(from, to, 1);
            let verdict = full(&damaged);
            assert!(
                verdict.as_ref().is_err_and(expected),
                "{from} → {to}: {verdict:?}"
            );
            assert_eq!(parse_summary(&damaged), verdict, "{from} → {to}");
        }
        for text in ["", "schema = 2", "not toml at all ["] {
            assert!(full(text).is_err());
            assert_eq!(parse_summary(text), full(text), "{text:?}");
        }
    }

    /// Version-1 files are left to the full parse, which converts them.
    #[test]
    fn version_one_files_are_summed_up_converted() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1");
        let mut read = 0;
        for entry in std::fs::read_dir(fixtures).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let summary = parse_summary(&text).unwrap();
            assert_eq!(summary, full(&text).unwrap());
            read += 1;
        }
        assert_eq!(read, 4);
    }

    /// Some control characters in the texts a summary keeps.
    fn noisy(mut record: SessionRecord) -> SessionRecord {
        record.people.organizer.push('\u{1b}');
        record.deck.id.insert(0, '\u{7}');
        for stage in &mut record.stages {
            stage.id.push_str("\u{200b}\u{9b}");
        }
        for (i, mark) in record.marks.iter_mut().enumerate() {
            if i % 2 == 0 {
                mark.label.push('\u{1b}');
            }
        }
        for feedback in &mut record.feedback {
            for rating in &mut feedback.ratings {
                rating.stage.push('\r');
            }
        }
        record
    }

    /// A value that a field of some other type may hold.
    const FOREIGN: [&str; 9] = [
        "0",
        "1",
        "-1",
        "200",
        "99999999999",
        "\"x\"",
        "true",
        "[]",
        "\"2026-01-01\"",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever a saved session holds, the slim parse reads it itself
        /// and sums it up as the full parse does.
        #[test]
        fn any_session_is_summed_up_as_in_full(record in record(), noise in any::<bool>()) {
            let record = if noise { noisy(record) } else { record };
            let text = toml::to_string(&record).unwrap();
            prop_assert!(toml::from_str::<SlimRecord>(&text).is_ok());
            prop_assert!(plain_toml::from_str::<SlimRecord>(&text).is_ok(), "read plain");
            let record = plain_toml::from_str::<SessionRecord>(&text);
            prop_assert_eq!(record.ok(), toml::from_str::<SessionRecord>(&text).ok(), "read plain, in full");
            let verdict = full(&text);
            prop_assert!(verdict.is_ok(), "{:?}", verdict);
            prop_assert_eq!(parse_summary(&text), verdict);
        }
    }

    proptest! {
        // Each case parses its file twice per line, twice.
        #![proptest_config(ProptestConfig::with_cases(16))]

        /// Each line of a saved session in turn dropped, or its value
        /// replaced by one of another type or range: the same summary or
        /// the same error.
        #[test]
        fn any_damage_gets_the_full_parse_verdict(record in record(), offset in 0..FOREIGN.len()) {
            let text = toml::to_string(&record).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            for at in 0..lines.len() {
                let mut damaged = lines.clone();
                damaged.remove(at);
                let damaged = damaged.join("\n");
                prop_assert_eq!(parse_summary(&damaged), full(&damaged), "{}", damaged);
                if let Some((key, _)) = lines[at].split_once(" = ") {
                    let value = FOREIGN[(at + offset) % FOREIGN.len()];
                    let mut damaged = lines.clone();
                    let replaced = format!("{key} = {value}");
                    damaged[at] = &replaced;
                    let damaged = damaged.join("\n");
                    prop_assert_eq!(parse_summary(&damaged), full(&damaged), "{}", damaged);
                }
            }
        }
    }
}
