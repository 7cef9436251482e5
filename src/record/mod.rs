//! What is saved: a finished session (`SessionRecord`), the feedback that
//! goes into it, and the in-progress state that survives a crash.
//!
//! Session files carry a `schema` version. Version 2 is written today;
//! version-1 files (see [`v1`]) are still read, converted in memory and
//! never rewritten.

mod plain_toml;
mod plan;
mod slim;
#[cfg(test)]
pub(crate) mod strategies;
mod summary;
mod v1;
mod vocabulary;

pub use plan::{FitError, FitPlan, MAX_STAGE_MINUTES, Plan, fit};
pub use slim::parse_summary;
pub use summary::{
    CommitmentOutcome, MarkCount, RatingSummary, ScaleShift, SessionSummary, StageSummary,
};
pub use vocabulary::{Answer, Mark, Mode, People, Role};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::deck::{Persona, TalkBand};
use crate::text::strip_controls;

/// Version of the session file format; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 2;

/// The highest stage rating (ratings run 1 to this).
pub const MAX_RATING: u8 = 5;

/// Which deck (and which revision of it) a session used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeckRef {
    pub id: String,
    pub version: u32,
    /// The deck's skill family when the round was run, if it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill: Option<String>,
}

impl DeckRef {
    /// The family this round is compared within: the skill, or the deck.
    pub fn family(&self) -> &str {
        self.skill.as_deref().unwrap_or(&self.id)
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
    /// The organizer's talk band this stage was judged against.
    pub talk: TalkBand,
    /// The prompt cards shown, in order.
    pub prompts_shown: Vec<String>,
}

impl StageRecord {
    /// The organizer's share of this stage's talk, if anyone talked.
    pub fn organizer_share(&self) -> Option<f64> {
        share(self.organizer_talk_secs, self.partner_talk_secs)
    }
}

/// The organizer's share of `organizer + partner`, if either talked.
pub fn share(organizer: u64, partner: u64) -> Option<f64> {
    let total = organizer.saturating_add(partner);
    (total > 0).then(|| organizer as f64 / total as f64)
}

/// The ask and what came of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    /// The ask the organizer made.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ask: String,
    /// The partner's answer to the ask.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
    /// The action agreed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
    /// When the action happens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// When the organizer follows up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<NaiveDate>,
}

impl Commitment {
    /// Whether this counts as a commitment: a yes to an action with a date.
    pub fn counts(&self) -> bool {
        CommitmentOutcome::from(self).counts()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        *self == Commitment::default()
    }
}

/// One participant's global 1–5 rating of a stage, anchored by its goal.
/// A version-1 file holds one per rubric item it rated; they are averaged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub stage: String,
    pub score: u8,
}

/// A rubric item as observed or not, ticked once per round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub stage: String,
    pub item: String,
    pub observed: bool,
}

/// A deck scale's value as asked at one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleReading {
    pub scale: String,
    pub stage: String,
    pub value: i32,
}

/// (organizer, partner) talk seconds summed over stages, saturating.
fn talk_totals(stages: impl Iterator<Item = (u64, u64)>) -> (u64, u64) {
    stages.fold((0, 0), |(o, p), (organizer, partner)| {
        (o.saturating_add(organizer), p.saturating_add(partner))
    })
}

/// The first and last reading of each scale, in the order first asked:
/// the shift a summary shows ("4 → 6").
pub fn scale_shifts(readings: &[ScaleReading]) -> Vec<(&str, i32, i32)> {
    let mut shifts: Vec<(&str, i32, i32)> = Vec::new();
    for reading in readings {
        match shifts.iter_mut().find(|(id, _, _)| *id == reading.scale) {
            Some(shift) => shift.2 = reading.value,
            None => shifts.push((&reading.scale, reading.value, reading.value)),
        }
    }
    shifts
}

/// One participant's own feedback; each person's ratings stay separate.
/// Which questions apply depends on the role (see the feedback form).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ParticipantFeedback {
    pub role: Role,
    pub name: String,
    /// One rating per stage rated; stages left empty are left out.
    #[serde(default)]
    pub ratings: Vec<Rating>,
    /// Organizer: what worked.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub what_worked: String,
    /// Organizer: one thing to change next time (shown back next round).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub to_change: String,
    /// Partner: would you have said yes?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub would_say_yes: Option<Answer>,
    /// Partner: what would have made it a yes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub to_make_yes: String,
    /// Partner: did you feel heard? (1–5)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub felt_heard: Option<u8>,
    /// Observer: one phrase that worked, quoted.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phrase: String,
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
    pub deck: DeckRef,
    pub people: People,
    /// The fitted breakout this round belonged to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    /// The persona the partner played, private part included, so the
    /// debrief can compare what was found with what was there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona: Option<Persona>,
    pub stages: Vec<StageRecord>,
    #[serde(default)]
    pub marks: Vec<Mark>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<ScaleReading>,
    /// The rubric checks, ticked once per round.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    /// Who ticked the checks: the observer, or the partner in a pair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_by: Option<Role>,
    #[serde(default)]
    pub commitment: Commitment,
    pub feedback: Vec<ParticipantFeedback>,
}

/// Why a session file cannot be taken as it is.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum RecordError {
    #[error("{0}")]
    Toml(String),
    #[error("written by a newer tandem (schema {0}, this one reads {SCHEMA_VERSION})")]
    NewerSchema(u32),
    #[error("its start or end date is not between the years 1900 and 9999")]
    DateOutOfRange,
    #[error("a rating of {score} for stage `{stage}`; ratings run from 1 to 5")]
    RatingOutOfRange { stage: String, score: u8 },
    #[error("\"felt heard\" is {0}; it runs from 1 to 5")]
    FeltHeardOutOfRange(u8),
    #[error("stage `{0}` has more talk time than time")]
    TalkLongerThanStage(String),
    #[error("stage `{0}` lasts longer than a week")]
    StageTooLong(String),
}

/// No stage of a real round lasts a week; longer times in a saved round
/// mean the file was crafted or damaged.
pub const MAX_STAGE_SECS: u64 = 7 * 24 * 3600;

/// Reads a session file's text, of schema 2 or 1 (converted), and checks
/// that its values are in range.
pub fn parse_session(text: &str) -> Result<SessionRecord, RecordError> {
    #[derive(Deserialize)]
    struct Header {
        schema: u32,
    }
    let toml_error = |err: toml::de::Error| RecordError::Toml(err.message().trim().to_owned());
    let read = plain_toml::from_str::<SessionRecord>(text).or_else(|_| toml::from_str(text));
    let mut record = match read {
        Ok(record) => record,
        Err(err) => match toml::from_str::<Header>(text).map(|h| h.schema) {
            Ok(1) => v1::parse(text).map_err(toml_error)?,
            Ok(found) if found > SCHEMA_VERSION => return Err(RecordError::NewerSchema(found)),
            _ => return Err(toml_error(err)),
        },
    };
    if record.schema > SCHEMA_VERSION {
        return Err(RecordError::NewerSchema(record.schema));
    }
    record.check()?;
    record.strip_controls();
    Ok(record)
}

/// Checks that the start and end fall in years 1900–9999: date arithmetic
/// (weeks, streaks) on anything further out could overflow.
fn check_dates(started: DateTime<Utc>, ended: DateTime<Utc>) -> Result<(), RecordError> {
    use chrono::Datelike;
    if [started, ended]
        .iter()
        .all(|d| (1900..=9999).contains(&d.year()))
    {
        Ok(())
    } else {
        Err(RecordError::DateOutOfRange)
    }
}

/// Checks one stage's times: at most a week, and no more talk than time.
fn check_stage(
    id: &str,
    planned: u64,
    actual: u64,
    organizer: u64,
    partner: u64,
) -> Result<(), RecordError> {
    if actual > MAX_STAGE_SECS || planned > MAX_STAGE_SECS {
        return Err(RecordError::StageTooLong(id.to_owned()));
    }
    // Seconds are rounded down on both sides: allow one of slack.
    if organizer.saturating_add(partner) > actual.saturating_add(1) {
        return Err(RecordError::TalkLongerThanStage(id.to_owned()));
    }
    Ok(())
}

/// Checks that a stage rating runs from 1 to [`MAX_RATING`].
fn check_rating(stage: &str, score: u8) -> Result<(), RecordError> {
    if (1..=MAX_RATING).contains(&score) {
        Ok(())
    } else {
        Err(RecordError::RatingOutOfRange {
            stage: stage.to_owned(),
            score,
        })
    }
}

/// Checks that a "felt heard" answer, if given, runs from 1 to [`MAX_RATING`].
fn check_felt_heard(heard: Option<u8>) -> Result<(), RecordError> {
    match heard {
        Some(heard) if !(1..=MAX_RATING).contains(&heard) => {
            Err(RecordError::FeltHeardOutOfRange(heard))
        }
        _ => Ok(()),
    }
}

impl SessionRecord {
    /// Checks that every value is one this program could have written:
    /// dates in range, ratings 1–5, talk no longer than its stage.
    pub fn check(&self) -> Result<(), RecordError> {
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
        Ok(())
    }

    /// The organizer's own feedback, if they gave any.
    pub fn organizer_feedback(&self) -> Option<&ParticipantFeedback> {
        self.feedback.iter().find(|f| f.role == Role::Organizer)
    }

    /// The organizer's talk band for the whole round, from its stages.
    pub fn round_talk_band(&self) -> Option<TalkBand> {
        TalkBand::for_round(self.stages.iter().map(|s| (s.planned_secs, s.talk)))
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
            visit(TextKind::Line, &mut persona.name);
            visit(TextKind::Line, &mut persona.summary);
            for text in [
                &mut persona.cares_about,
                &mut persona.resources,
                &mut persona.reluctance,
                &mut persona.play,
            ]
            .into_iter()
            .flatten()
            {
                visit(TextKind::Line, text);
            }
        }
        visit(TextKind::Line, &mut self.deck.id);
        if let Some(skill) = &mut self.deck.skill {
            visit(TextKind::Line, skill);
        }
        if let Some(plan) = &mut self.plan {
            visit(TextKind::Id, &mut plan.id);
        }
        visit(TextKind::Line, &mut self.commitment.ask);
        visit(TextKind::Line, &mut self.commitment.action);
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
        for reading in &mut self.scales {
            visit(TextKind::Line, &mut reading.scale);
            visit(TextKind::Line, &mut reading.stage);
        }
        for check in &mut self.checks {
            visit(TextKind::Line, &mut check.stage);
            visit(TextKind::Line, &mut check.item);
        }
        for feedback in &mut self.feedback {
            feedback.for_each_text(&mut visit);
        }
    }

    /// Strips control characters from every text, so that a file written
    /// by hand or by someone else cannot drive the terminal.
    pub fn strip_controls(&mut self) {
        self.for_each_text(strip_text);
    }

    /// Total talk time of (organizer, partner) in seconds.
    pub fn talk_totals(&self) -> (u64, u64) {
        talk_totals(
            self.stages
                .iter()
                .map(|s| (s.organizer_talk_secs, s.partner_talk_secs)),
        )
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

impl ParticipantFeedback {
    /// Calls `visit` with every text of this feedback (see
    /// [`SessionRecord::for_each_text`]).
    fn for_each_text(&mut self, visit: &mut impl FnMut(TextKind, &mut String)) {
        visit(TextKind::Name, &mut self.name);
        for text in [
            &mut self.what_worked,
            &mut self.to_change,
            &mut self.to_make_yes,
            &mut self.phrase,
        ] {
            visit(TextKind::Free, text);
        }
        for rating in &mut self.ratings {
            visit(TextKind::Line, &mut rating.stage);
        }
    }
}

/// Everything the feedback form produces.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub commitment: Commitment,
    pub checks: Vec<Check>,
    pub checked_by: Option<Role>,
    pub participants: Vec<ParticipantFeedback>,
}

impl FeedbackDraft {
    /// Strips control characters from every text (see
    /// [`SessionRecord::strip_controls`]).
    pub fn strip_controls(&mut self) {
        for text in [
            &mut self.ask,
            &mut self.action,
            &mut self.date,
            &mut self.follow_up,
        ] {
            clean_line(text);
        }
        for check in &mut self.checks {
            clean_line(&mut check.stage);
            clean_line(&mut check.item);
        }
        for participant in &mut self.participants {
            participant.for_each_text(&mut strip_text);
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

/// The feedback form's content while it is being filled in; dates are
/// kept as typed until the form is saved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedbackDraft {
    pub ask: String,
    pub answer: Option<Answer>,
    pub action: String,
    pub date: String,
    pub follow_up: String,
    pub checks: Vec<Check>,
    pub checked_by: Option<Role>,
    pub participants: Vec<ParticipantFeedback>,
    /// Seconds of debrief already spent, so that the debrief timer goes on
    /// where it was after a resume instead of restarting at full length.
    #[serde(default)]
    pub debrief_secs: u64,
}

/// A date field of the feedback form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    /// The date of the agreed action.
    Action,
    /// The follow-up date.
    FollowUp,
}

impl DateField {
    pub fn label(self) -> &'static str {
        match self {
            DateField::Action => "action date",
            DateField::FollowUp => "follow-up date",
        }
    }
}

/// Why a feedback draft cannot be saved yet.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DraftError {
    #[error("{} `{text}` is not a date: write it as YYYY-MM-DD", .field.label())]
    BadDate { field: DateField, text: String },
}

impl DraftError {
    /// The field to put right.
    pub fn field(&self) -> DateField {
        match self {
            DraftError::BadDate { field, .. } => *field,
        }
    }
}

/// An optional `YYYY-MM-DD` date as typed.
fn parse_date(text: &str, field: DateField) -> Result<Option<NaiveDate>, DraftError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| DraftError::BadDate {
            field,
            text: text.to_owned(),
        })
}

impl FeedbackDraft {
    /// Checks the draft and turns it into feedback. What can be wrong is a
    /// date that is not `YYYY-MM-DD`.
    pub fn finish(self) -> Result<Feedback, DraftError> {
        let date = parse_date(&self.date, DateField::Action)?;
        let follow_up = parse_date(&self.follow_up, DateField::FollowUp)?;
        let trim = |text: String| text.trim().to_owned();
        Ok(Feedback {
            commitment: Commitment {
                ask: trim(self.ask),
                answer: self.answer,
                action: trim(self.action),
                date,
                follow_up,
            },
            checks: self.checks,
            checked_by: self.checked_by,
            participants: self
                .participants
                .into_iter()
                .map(|p| ParticipantFeedback {
                    what_worked: trim(p.what_worked),
                    to_change: trim(p.to_change),
                    to_make_yes: trim(p.to_make_yes),
                    phrase: trim(p.phrase),
                    ..p
                })
                .collect(),
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
    fn dates_are_checked() {
        let draft = FeedbackDraft {
            follow_up: "next week".into(),
            ..FeedbackDraft::default()
        };
        let err = draft.finish().unwrap_err();
        assert_eq!(err.field(), DateField::FollowUp);
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
        let draft = FeedbackDraft {
            date: "Thursday".into(),
            ..FeedbackDraft::default()
        };
        assert_eq!(draft.finish().unwrap_err().field(), DateField::Action);
        let draft = FeedbackDraft {
            follow_up: " 2026-12-03 ".into(),
            date: "2026-12-01".into(),
            ask: "  join Thursday ".into(),
            answer: Some(Answer::Yes),
            ..FeedbackDraft::default()
        };
        let feedback = draft.finish().unwrap();
        assert_eq!(
            feedback.commitment.follow_up,
            NaiveDate::from_ymd_opt(2026, 12, 3)
        );
        assert_eq!(feedback.commitment.ask, "join Thursday");
        assert!(feedback.commitment.counts());
    }

    #[test]
    fn a_commitment_counts_only_as_a_yes_with_a_date() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 1);
        let with = |answer, date| Commitment {
            answer,
            date,
            ..Commitment::default()
        };
        assert!(with(Some(Answer::Yes), date).counts());
        assert!(!with(Some(Answer::Yes), None).counts());
        assert!(!with(Some(Answer::Maybe), date).counts());
        assert!(!with(Some(Answer::No), date).counts());
        assert!(!with(None, date).counts());
        assert!(Commitment::default().is_empty());
        assert!(!with(None, date).is_empty());
    }

    #[test]
    fn scale_shifts_run_from_first_to_last_reading() {
        let reading = |scale: &str, value| ScaleReading {
            scale: scale.into(),
            stage: "s".into(),
            value,
        };
        let readings = [
            reading("support", 4),
            reading("trust", 2),
            reading("support", 5),
            reading("support", 6),
        ];
        assert_eq!(
            scale_shifts(&readings),
            vec![("support", 4, 6), ("trust", 2, 2)]
        );
        assert!(scale_shifts(&[]).is_empty());
    }

    #[test]
    fn shares_need_talk() {
        assert_eq!(share(0, 0), None);
        assert_eq!(share(1, 3), Some(0.25));
        assert_eq!(share(u64::MAX, u64::MAX), Some(1.0));
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
