//! Generated records for property tests: any value a saved session can
//! hold, within the ranges [`SessionRecord::check`] accepts, and with
//! texts free of control characters (so that they come back unchanged).

use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;

use super::{
    Answer, Check, Commitment, DeckRef, Mark, Mode, ParticipantFeedback, People, Plan, Rating,
    Role, SCHEMA_VERSION, ScaleReading, SessionRecord, StageRecord, new_session_id,
};
use crate::deck::{Persona, TalkBand};

/// Printable text of any script, with line breaks in free text.
pub fn text() -> impl Strategy<Value = String> {
    "[\\PC\n]{0,40}".prop_map(|s| s.trim().to_owned())
}

/// One line of printable text of any script.
pub fn line() -> impl Strategy<Value = String> {
    "\\PC{0,30}"
}

fn secs() -> impl Strategy<Value = u64> {
    0u64..600_000
}

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..4_000_000_000).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![
        Just(Role::Organizer),
        Just(Role::Partner),
        Just(Role::Observer)
    ]
}

fn stage() -> impl Strategy<Value = StageRecord> {
    (
        line(),
        secs(),
        secs(),
        secs(),
        secs(),
        secs(),
        proptest::collection::vec(line(), 0..4),
    )
        .prop_map(|(id, planned, actual, paused, o, p, prompts)| {
            // Talk never exceeds the stage's time: split it.
            let organizer = o % (actual + 1);
            StageRecord {
                talk: TalkBand::default_for(&id),
                id,
                planned_secs: planned,
                actual_secs: actual,
                paused_secs: paused,
                organizer_talk_secs: organizer,
                partner_talk_secs: p % (actual - organizer + 1),
                prompts_shown: prompts,
            }
        })
}

fn mark() -> impl Strategy<Value = Mark> {
    // Few labels, so that some repeat.
    (0usize..9, "[ab ]{1,2}", line(), secs(), secs()).prop_map(|(kind, label, stage, at, s)| Mark {
        kind,
        label,
        stage,
        at_secs: at,
        stage_secs: s,
    })
}

fn participant() -> impl Strategy<Value = ParticipantFeedback> {
    (
        role(),
        line(),
        text(),
        text(),
        proptest::collection::vec((line(), 1u8..=5), 0..5),
        (text(), text(), proptest::option::of(1u8..=5)),
    )
        .prop_map(
            |(role, name, worked, improve, ratings, (yes, phrase, heard))| ParticipantFeedback {
                role,
                name,
                what_worked: worked,
                to_change: improve,
                ratings: ratings
                    .into_iter()
                    .map(|(stage, score)| Rating { stage, score })
                    .collect(),
                to_make_yes: yes,
                phrase,
                felt_heard: heard,
                would_say_yes: heard.map(|h| Answer::ALL[usize::from(h) % 3]),
            },
        )
}

fn persona() -> impl Strategy<Value = Persona> {
    (line(), line(), proptest::option::of(line())).prop_map(|(name, summary, play)| Persona {
        name,
        summary,
        play,
        ..Persona::default()
    })
}

fn plan() -> impl Strategy<Value = Plan> {
    (line(), 1u32..4, proptest::collection::vec(1u32..120, 1..5)).prop_map(
        |(id, rounds, stage_minutes)| Plan {
            id,
            round: 1,
            rounds,
            minutes: 60,
            stage_minutes,
            debrief_minutes: 5,
        },
    )
}

fn scales() -> impl Strategy<Value = Vec<ScaleReading>> {
    // Few scale names, so that a scale is read more than once.
    proptest::collection::vec(("[xy]", line(), -10i32..10), 0..5).prop_map(|readings| {
        readings
            .into_iter()
            .map(|(scale, stage, value)| ScaleReading {
                scale,
                stage,
                value,
            })
            .collect()
    })
}

fn checks() -> impl Strategy<Value = Vec<Check>> {
    proptest::collection::vec((line(), line(), any::<bool>()), 0..3).prop_map(|checks| {
        checks
            .into_iter()
            .map(|(stage, item, observed)| Check {
                stage,
                item,
                observed,
            })
            .collect()
    })
}

prop_compose! {
    /// Any session a round could have saved.
    pub fn record()(
        seed in any::<u32>(),
        started in time(),
        ended in time(),
        mode in proptest::sample::select(Mode::ALL.to_vec()),
        plan in proptest::option::of(plan()),
        persona in proptest::option::of(persona()),
        deck in (line(), any::<u32>(), proptest::option::of(line())),
        names in (line(), line(), proptest::option::of(line())),
        commitment in (text(), text(), proptest::option::of(0i32..3000)),
        stages in proptest::collection::vec(stage(), 0..5),
        marks in proptest::collection::vec(mark(), 0..6),
        (scales, checks, checked_by) in (scales(), checks(), proptest::option::of(role())),
        feedback in proptest::collection::vec(participant(), 0..3),
    ) -> SessionRecord {
        SessionRecord {
            schema: SCHEMA_VERSION,
            id: new_session_id(started),
            mode,
            seed,
            started,
            ended,
            deck: DeckRef { id: deck.0, version: deck.1, skill: deck.2 },
            people: People { organizer: names.0, partner: names.1, observer: names.2 },
            plan,
            persona,
            stages,
            marks,
            scales,
            checks,
            checked_by,
            commitment: Commitment {
                ask: commitment.0.replace('\n', " "),
                action: commitment.1.replace('\n', " "),
                follow_up: commitment.2.and_then(|d| NaiveDate::from_num_days_from_ce_opt(700_000 + d)),
                date: commitment.2.and_then(|d| NaiveDate::from_num_days_from_ce_opt(700_100 + d)),
                answer: commitment.2.map(|d| Answer::ALL[(d % 3) as usize]),
            },
            feedback,
        }
    }
}
