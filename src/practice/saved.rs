//! What a round leaves behind: the record of a finished round, and the
//! in-progress state of an unfinished one. Built here, from the practice
//! state machine, so that the record knows nothing of how a round runs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Practice;
use crate::deck::{Deck, TalkBand};
use crate::record::{DeckRef, Feedback, FeedbackDraft, SCHEMA_VERSION, SessionRecord, StageRecord};

impl Practice {
    /// The record of this round, finished with `feedback` at `ended`.
    pub fn record(
        &self,
        id: String,
        deck: &Deck,
        feedback: Feedback,
        ended: DateTime<Utc>,
    ) -> SessionRecord {
        let practice = self;
        let stages = practice
            .runs()
            .iter()
            .map(|run| {
                let stage = deck.stage(&run.stage_id);
                let prompts = stage.map(|s| s.prompts.as_slice()).unwrap_or_default();
                StageRecord {
                    talk: stage
                        .map_or_else(|| TalkBand::default_for(&run.stage_id), |s| s.talk_band()),
                    id: run.stage_id.clone(),
                    planned_secs: run.planned_secs,
                    actual_secs: run.active.as_secs(),
                    paused_secs: run.paused.as_secs(),
                    organizer_talk_secs: run.organizer_talk.as_secs(),
                    partner_talk_secs: run.partner_talk.as_secs(),
                    prompts_shown: run
                        .shown_cards()
                        .iter()
                        .filter_map(|&i| prompts.get(i).cloned())
                        .collect(),
                }
            })
            .collect();
        SessionRecord {
            schema: SCHEMA_VERSION,
            id,
            mode: practice.mode,
            seed: practice.seed,
            started: practice.started_at,
            ended,
            deck: DeckRef {
                id: deck.id.clone(),
                version: deck.version,
                skill: deck.skill.clone(),
            },
            people: practice.people.clone(),
            plan: practice.plan.clone(),
            persona: practice.persona.and_then(|i| deck.personas.get(i)).cloned(),
            stages,
            marks: practice.marks().to_vec(),
            scales: practice.scales().to_vec(),
            checks: feedback.checks,
            checked_by: feedback.checked_by,
            commitment: feedback.commitment,
            feedback: feedback.participants,
        }
    }
}

/// A round not yet saved as a session: written often, so a crash loses at
/// most a few seconds. It carries its deck so that it resumes even if the
/// deck file has changed since.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InProgress {
    pub deck: Deck,
    pub practice: Practice,
    /// The feedback typed so far, once the round has reached the form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<FeedbackDraft>,
}

impl InProgress {
    /// Whether the round fits its deck: at least one stage, a current stage
    /// that exists, cards within each stage's prompts. A file edited by
    /// hand may say otherwise.
    pub fn is_consistent(&self) -> bool {
        !self.deck.stages.is_empty()
            && self
                .practice
                .is_consistent(|stage| self.deck.stage(stage).map(|s| s.prompts.len()))
    }

    /// Strips control characters from every text (see
    /// [`SessionRecord::strip_controls`]).
    pub fn strip_controls(&mut self) {
        self.deck.strip_controls();
        self.practice.strip_controls();
        if let Some(draft) = &mut self.feedback {
            draft.strip_controls();
        }
    }
}
