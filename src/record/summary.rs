//! The slim summary of a session: what lists, statistics and charts need,
//! without the texts only the session screen shows (prompts, feedback,
//! rubric wording, persona). The index keeps one per file, so a start
//! never parses every session file.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    Answer, Commitment, DeckRef, Mode, People, Role, SessionRecord, StageRecord, share, talk_totals,
};
use crate::deck::TalkBand;

/// One stage's timings and talk, as in [`StageRecord`] without its prompts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageSummary {
    pub id: String,
    pub planned_secs: u64,
    pub actual_secs: u64,
    pub organizer_talk_secs: u64,
    pub partner_talk_secs: u64,
    pub talk: TalkBand,
}

impl StageSummary {
    /// The organizer's share of this stage's measured talk.
    pub fn organizer_share(&self) -> Option<f64> {
        share(self.organizer_talk_secs, self.partner_talk_secs)
    }
}

impl From<&StageRecord> for StageSummary {
    fn from(stage: &StageRecord) -> StageSummary {
        StageSummary {
            id: stage.id.clone(),
            planned_secs: stage.planned_secs,
            actual_secs: stage.actual_secs,
            organizer_talk_secs: stage.organizer_talk_secs,
            partner_talk_secs: stage.partner_talk_secs,
            talk: stage.talk,
        }
    }
}

/// One participant's rating of one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingSummary {
    pub role: Role,
    pub stage: String,
    pub score: u8,
}

/// How many marks of one label a round has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkCount {
    pub label: String,
    pub count: u32,
}

/// One deck scale in a round: its first and last reading, and how many
/// readings there were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleShift {
    pub scale: String,
    pub first: i32,
    pub last: i32,
    pub readings: u32,
}

/// The commitment as an outcome: the answer, and whether the action has a
/// date (only a dated yes counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CommitmentOutcome {
    pub answer: Option<Answer>,
    pub dated: bool,
}

impl From<&Commitment> for CommitmentOutcome {
    fn from(commitment: &Commitment) -> CommitmentOutcome {
        CommitmentOutcome {
            answer: commitment.answer,
            dated: commitment.date.is_some(),
        }
    }
}

impl CommitmentOutcome {
    /// A yes to an action with a date: what counts as a commitment.
    pub fn counts(&self) -> bool {
        self.answer == Some(Answer::Yes) && self.dated
    }
}

/// What the lists, statistics and charts need of one session.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSummary {
    pub id: String,
    pub started: DateTime<Utc>,
    pub deck: DeckRef,
    pub mode: Mode,
    pub people: People,
    pub stages: Vec<StageSummary>,
    /// Every participant's ratings, in the order they were given.
    pub ratings: Vec<RatingSummary>,
    /// The partner's "did you feel heard?" answers (1–5).
    pub felt_heard: Vec<u8>,
    pub commitment: CommitmentOutcome,
    /// Marks per label, in first-made order.
    pub marks: Vec<MarkCount>,
    /// Deck scales, in first-asked order.
    pub scales: Vec<ScaleShift>,
}

impl SessionSummary {
    /// The summary of `record`.
    pub fn of(record: &SessionRecord) -> SessionSummary {
        let marks = mark_counts(record.marks.iter().map(|m| m.label.as_str()));
        let scales = scale_summaries(record.scales.iter().map(|r| (r.scale.as_str(), r.value)));
        SessionSummary {
            id: record.id.clone(),
            started: record.started,
            deck: record.deck.clone(),
            mode: record.mode,
            people: record.people.clone(),
            stages: record.stages.iter().map(StageSummary::from).collect(),
            ratings: record
                .feedback
                .iter()
                .flat_map(|f| {
                    f.ratings.iter().map(|r| RatingSummary {
                        role: f.role,
                        stage: r.stage.clone(),
                        score: r.score,
                    })
                })
                .collect(),
            felt_heard: record
                .feedback
                .iter()
                .filter(|f| f.role == Role::Partner)
                .filter_map(|f| f.felt_heard)
                .collect(),
            commitment: CommitmentOutcome::from(&record.commitment),
            marks,
            scales,
        }
    }

    /// Total talk time of (organizer, partner) in seconds.
    pub fn talk_totals(&self) -> (u64, u64) {
        talk_totals(
            self.stages
                .iter()
                .map(|s| (s.organizer_talk_secs, s.partner_talk_secs)),
        )
    }

    /// The organizer's talk band for the whole round, from its stages.
    pub fn round_talk_band(&self) -> Option<TalkBand> {
        TalkBand::for_round(self.stages.iter().map(|s| (s.planned_secs, s.talk)))
    }

    /// The running time of the round: every stage's actual seconds.
    pub fn actual_secs(&self) -> u64 {
        self.stages
            .iter()
            .fold(0, |sum, s| sum.saturating_add(s.actual_secs))
    }

    /// The mean of every rating anyone gave, `None` without ratings.
    pub fn mean_rating(&self) -> Option<f64> {
        let count = self.ratings.len();
        (count > 0)
            .then(|| self.ratings.iter().map(|r| f64::from(r.score)).sum::<f64>() / count as f64)
    }
}

/// Marks per label, in first-made order, from the marks' labels.
pub(super) fn mark_counts<'a>(labels: impl Iterator<Item = &'a str>) -> Vec<MarkCount> {
    let mut marks: Vec<MarkCount> = Vec::new();
    for label in labels {
        match marks.iter_mut().find(|m| m.label == label) {
            Some(found) => found.count += 1,
            None => marks.push(MarkCount {
                label: label.to_owned(),
                count: 1,
            }),
        }
    }
    marks
}

/// Each scale's first and last value and number of readings, in
/// first-asked order, from the (scale, value) readings.
pub(super) fn scale_summaries<'a>(
    readings: impl Iterator<Item = (&'a str, i32)>,
) -> Vec<ScaleShift> {
    let mut shifts: Vec<ScaleShift> = Vec::new();
    for (scale, value) in readings {
        match shifts.iter_mut().find(|s| s.scale == scale) {
            Some(shift) => {
                shift.last = value;
                shift.readings += 1;
            }
            None => shifts.push(ScaleShift {
                scale: scale.to_owned(),
                first: value,
                last: value,
                readings: 1,
            }),
        }
    }
    shifts
}

impl From<&SessionRecord> for SessionSummary {
    fn from(record: &SessionRecord) -> SessionSummary {
        SessionSummary::of(record)
    }
}
