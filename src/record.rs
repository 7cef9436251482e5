//! What is saved: a finished session (`SessionRecord`), the feedback that
//! goes into it, and the in-progress state that survives a crash.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::deck::Deck;
use crate::practice::{Mark, Mode, People, Practice};
use crate::text::strip_controls;

/// Version of the session file format; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Which deck (and which revision of it) a session used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeckRef {
    pub id: String,
    pub version: u32,
}

/// The part someone played in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Organizer,
    Partner,
    Observer,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Organizer => "organizer",
            Role::Partner => "partner",
            Role::Observer => "observer",
        }
    }
}

/// One stage as it actually went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageRecord {
    pub id: String,
    pub planned_secs: u64,
    pub actual_secs: u64,
    pub paused_secs: u64,
    pub organizer_talk_secs: u64,
    pub partner_talk_secs: u64,
    /// The prompt cards shown, in order.
    pub prompts_shown: Vec<String>,
}

/// The ask and what came of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    /// The ask the organizer made.
    pub ask: String,
    /// What the partner agreed to.
    pub agreed: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<NaiveDate>,
}

/// A 1–5 score for one rubric item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub stage: String,
    pub item: String,
    pub score: u8,
}

/// One participant's own feedback; each person's ratings stay separate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticipantFeedback {
    pub role: Role,
    pub name: String,
    pub what_worked: String,
    pub to_improve: String,
    /// Only the items this participant rated; empty ones are left out.
    pub ratings: Vec<Rating>,
}

/// A finished session, as saved under `sessions/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub schema: u32,
    pub id: String,
    pub mode: Mode,
    pub seed: u32,
    pub started: DateTime<Utc>,
    pub ended: DateTime<Utc>,
    /// Name of the persona the partner played, if one was drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona: Option<String>,
    pub deck: DeckRef,
    pub people: People,
    pub commitment: Commitment,
    pub stages: Vec<StageRecord>,
    pub marks: Vec<Mark>,
    pub feedback: Vec<ParticipantFeedback>,
}

impl SessionRecord {
    /// Builds the record of a finished round.
    pub fn new(
        id: String,
        deck: &Deck,
        practice: &Practice,
        feedback: Feedback,
        ended: DateTime<Utc>,
    ) -> SessionRecord {
        let stages = practice
            .runs()
            .iter()
            .map(|run| {
                let prompts = deck
                    .stage(&run.stage_id)
                    .map(|s| s.prompts.as_slice())
                    .unwrap_or_default();
                StageRecord {
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
            persona: practice
                .persona
                .and_then(|i| deck.personas.get(i))
                .map(|p| p.name.clone()),
            deck: DeckRef {
                id: deck.id.clone(),
                version: deck.version,
            },
            people: practice.people.clone(),
            commitment: feedback.commitment,
            stages,
            marks: practice.marks().to_vec(),
            feedback: feedback.participants,
        }
    }

    /// Calls `visit` with every text the record holds and what kind of
    /// text it is, so that code rewriting texts (control characters,
    /// anonymizing) cannot miss a field.
    pub fn for_each_text(&mut self, mut visit: impl FnMut(TextKind, &mut String)) {
        visit(TextKind::Id, &mut self.id);
        let people = &mut self.people;
        visit(TextKind::Name, &mut people.organizer);
        visit(TextKind::Name, &mut people.partner);
        if let Some(observer) = &mut people.observer {
            visit(TextKind::Name, observer);
        }
        if let Some(persona) = &mut self.persona {
            visit(TextKind::Line, persona);
        }
        visit(TextKind::Line, &mut self.deck.id);
        visit(TextKind::Line, &mut self.commitment.ask);
        visit(TextKind::Line, &mut self.commitment.agreed);
        for stage in &mut self.stages {
            visit(TextKind::Line, &mut stage.id);
            for prompt in &mut stage.prompts_shown {
                visit(TextKind::Line, prompt);
            }
        }
        for mark in &mut self.marks {
            visit(TextKind::Line, &mut mark.label);
            visit(TextKind::Line, &mut mark.stage);
        }
        for feedback in &mut self.feedback {
            visit(TextKind::Name, &mut feedback.name);
            visit(TextKind::Free, &mut feedback.what_worked);
            visit(TextKind::Free, &mut feedback.to_improve);
            for rating in &mut feedback.ratings {
                visit(TextKind::Line, &mut rating.stage);
                visit(TextKind::Line, &mut rating.item);
            }
        }
    }

    /// Strips control characters from every text, so that a file written
    /// by hand or by someone else cannot drive the terminal.
    pub fn strip_controls(&mut self) {
        self.for_each_text(strip_text);
    }

    /// Whether the start and end fall in years 1900–9999: date arithmetic
    /// (weeks, streaks) on anything further out could overflow.
    pub fn dates_are_plausible(&self) -> bool {
        use chrono::Datelike;
        [self.started, self.ended]
            .iter()
            .all(|d| (1900..=9999).contains(&d.year()))
    }

    /// Total talk time of (organizer, partner) in seconds.
    pub fn talk_totals(&self) -> (u64, u64) {
        self.stages.iter().fold((0, 0), |(o, p), s| {
            (o + s.organizer_talk_secs, p + s.partner_talk_secs)
        })
    }

    /// The average score one participant gave a stage, if they rated it.
    pub fn average_rating(&self, role: Role, stage: &str) -> Option<f64> {
        let scores: Vec<f64> = self
            .feedback
            .iter()
            .filter(|f| f.role == role)
            .flat_map(|f| &f.ratings)
            .filter(|r| r.stage == stage)
            .map(|r| f64::from(r.score))
            .collect();
        (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
    }
}

/// What a text field of a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A file id; never user text.
    Id,
    /// A person's name.
    Name,
    /// One line of text.
    Line,
    /// Free text that may span lines.
    Free,
}

/// Strips control characters, keeping line breaks in free text.
fn strip_text(kind: TextKind, text: &mut String) {
    *text = strip_controls(text, kind == TextKind::Free);
}

/// Everything the feedback form produces.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub commitment: Commitment,
    pub participants: Vec<ParticipantFeedback>,
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
            clean_line(&mut draft.ask);
            clean_line(&mut draft.agreed);
            clean_line(&mut draft.follow_up);
            draft.participants.iter_mut().for_each(strip_participant);
        }
    }
}

fn clean_line(text: &mut String) {
    *text = strip_controls(text, false);
}

/// Free text keeps its line breaks.
fn clean_text(text: &mut String) {
    *text = strip_controls(text, true);
}

fn strip_participant(feedback: &mut ParticipantFeedback) {
    clean_line(&mut feedback.name);
    clean_text(&mut feedback.what_worked);
    clean_text(&mut feedback.to_improve);
    for rating in &mut feedback.ratings {
        clean_line(&mut rating.stage);
        clean_line(&mut rating.item);
    }
}

/// The feedback form's content while it is being filled in; the follow-up
/// date is kept as typed until the form is saved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedbackDraft {
    pub ask: String,
    pub agreed: String,
    pub follow_up: String,
    pub participants: Vec<ParticipantFeedback>,
}

impl FeedbackDraft {
    /// Checks the draft and turns it into feedback. The only thing that can
    /// be wrong is a follow-up date that is not `YYYY-MM-DD`.
    pub fn finish(self) -> Result<Feedback, String> {
        let date = self.follow_up.trim();
        let follow_up = if date.is_empty() {
            None
        } else {
            Some(
                NaiveDate::parse_from_str(date, "%Y-%m-%d")
                    .map_err(|_| format!("follow-up date `{date}` is not YYYY-MM-DD"))?,
            )
        };
        Ok(Feedback {
            commitment: Commitment {
                ask: self.ask.trim().to_owned(),
                agreed: self.agreed.trim().to_owned(),
                follow_up,
            },
            participants: self.participants,
        })
    }
}

/// A coach's note on a saved session. Notes are files of their own, so a
/// session file is never edited after it is saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoachNote {
    pub schema: u32,
    pub id: String,
    /// Id of the session the note is about.
    pub session: String,
    pub author: String,
    pub written: DateTime<Utc>,
    pub text: String,
}

impl CoachNote {
    /// A new note on `session`, written now.
    pub fn new(session: &str, author: &str, text: &str, written: DateTime<Utc>) -> CoachNote {
        CoachNote {
            schema: SCHEMA_VERSION,
            id: new_session_id(written),
            session: session.to_owned(),
            author: strip_controls(author, false).trim().to_owned(),
            written,
            text: strip_controls(text, true).trim().to_owned(),
        }
    }

    /// Strips control characters (see [`SessionRecord::strip_controls`]).
    pub fn strip_controls(&mut self) {
        clean_line(&mut self.id);
        clean_line(&mut self.session);
        clean_line(&mut self.author);
        clean_text(&mut self.text);
    }
}

/// A new session id: UTC start time plus 64 random bits, so ids sort by
/// time and two machines never make the same one. Never holds user text.
pub fn new_session_id(started: DateTime<Utc>) -> String {
    format!(
        "{}-{:016x}",
        started.format("%Y%m%dT%H%M%SZ"),
        rand::random::<u64>()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follow_up_dates_are_checked() {
        let draft = FeedbackDraft {
            follow_up: "next week".into(),
            ..FeedbackDraft::default()
        };
        assert!(draft.finish().unwrap_err().contains("YYYY-MM-DD"));
        let draft = FeedbackDraft {
            follow_up: " 2026-12-03 ".into(),
            ask: "  join Thursday ".into(),
            ..FeedbackDraft::default()
        };
        let feedback = draft.finish().unwrap();
        assert_eq!(
            feedback.commitment.follow_up,
            NaiveDate::from_ymd_opt(2026, 12, 3)
        );
        assert_eq!(feedback.commitment.ask, "join Thursday");
    }

    #[test]
    fn session_ids_sort_by_time_and_differ() {
        let t = DateTime::parse_from_rfc3339("2026-11-25T09:00:00Z")
            .unwrap()
            .to_utc();
        let a = new_session_id(t);
        let b = new_session_id(t);
        assert!(a.starts_with("20261125T090000Z-"), "{a}");
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    }
}
