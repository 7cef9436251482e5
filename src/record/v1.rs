//! Version-1 session files, as tandem wrote them before schema 2: read
//! and converted in memory, never written.
//!
//! What changed: ratings were per rubric item (now one per stage; each old
//! item rating becomes a rating of its stage, so averages are kept); the
//! commitment had `agreed` (now `action`, with an answer and a date, which
//! version 1 did not ask); the persona was only a name; stages had no talk
//! band (the default band for the stage id applies).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use super::{
    Commitment, DeckRef, Mark, Mode, ParticipantFeedback, People, Rating, Role, SessionRecord,
    StageRecord,
};
use crate::deck::{Persona, TalkBand};

#[derive(Deserialize)]
struct SessionV1 {
    schema: u32,
    id: String,
    mode: Mode,
    seed: u32,
    started: DateTime<Utc>,
    ended: DateTime<Utc>,
    #[serde(default)]
    persona: Option<String>,
    deck: DeckV1,
    people: People,
    commitment: CommitmentV1,
    stages: Vec<StageV1>,
    marks: Vec<Mark>,
    feedback: Vec<FeedbackV1>,
}

#[derive(Deserialize)]
struct DeckV1 {
    id: String,
    version: u32,
}

#[derive(Deserialize)]
struct CommitmentV1 {
    ask: String,
    agreed: String,
    #[serde(default)]
    follow_up: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct StageV1 {
    id: String,
    planned_secs: u64,
    actual_secs: u64,
    paused_secs: u64,
    organizer_talk_secs: u64,
    partner_talk_secs: u64,
    prompts_shown: Vec<String>,
}

#[derive(Deserialize)]
struct FeedbackV1 {
    role: Role,
    name: String,
    what_worked: String,
    to_improve: String,
    ratings: Vec<RatingV1>,
}

#[derive(Deserialize)]
struct RatingV1 {
    stage: String,
    #[allow(dead_code)] // read so that a file without it is not version 1
    item: String,
    score: u8,
}

/// Parses a version-1 file and converts it to the current record.
pub(super) fn parse(text: &str) -> Result<SessionRecord, toml::de::Error> {
    toml::from_str::<SessionV1>(text).map(SessionV1::convert)
}

impl SessionV1 {
    fn convert(self) -> SessionRecord {
        SessionRecord {
            schema: self.schema,
            id: self.id,
            mode: self.mode,
            seed: self.seed,
            started: self.started,
            ended: self.ended,
            deck: DeckRef {
                id: self.deck.id,
                version: self.deck.version,
                skill: None,
            },
            people: self.people,
            plan: None,
            persona: self.persona.map(|name| Persona {
                name,
                summary: String::new(),
                cares_about: None,
                resources: None,
                reluctance: None,
                play: None,
            }),
            stages: self
                .stages
                .into_iter()
                .map(|stage| StageRecord {
                    talk: TalkBand::default_for(&stage.id),
                    id: stage.id,
                    planned_secs: stage.planned_secs,
                    actual_secs: stage.actual_secs,
                    paused_secs: stage.paused_secs,
                    organizer_talk_secs: stage.organizer_talk_secs,
                    partner_talk_secs: stage.partner_talk_secs,
                    prompts_shown: stage.prompts_shown,
                })
                .collect(),
            marks: self.marks,
            scales: Vec::new(),
            checks: Vec::new(),
            checked_by: None,
            commitment: Commitment {
                ask: self.commitment.ask,
                answer: None,
                action: self.commitment.agreed,
                date: None,
                follow_up: self.commitment.follow_up,
            },
            feedback: self
                .feedback
                .into_iter()
                .map(|feedback| ParticipantFeedback {
                    role: feedback.role,
                    name: feedback.name,
                    ratings: feedback
                        .ratings
                        .into_iter()
                        .map(|r| Rating {
                            stage: r.stage,
                            score: r.score,
                        })
                        .collect(),
                    what_worked: feedback.what_worked,
                    to_change: feedback.to_improve,
                    ..ParticipantFeedback::default()
                })
                .collect(),
        }
    }
}
