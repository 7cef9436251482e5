//! The practice round as a state machine: stages, timer, pauses, extensions,
//! talk time, prompt cards and marks. Pure: every change takes the current
//! [`Moment`] from a [`Clock`], so tests drive time with a [`FakeClock`].
//!
//! Time is integrated at each event (`settle`), never counted per tick, so
//! late or missed redraws cannot make the timer drift.

mod clock;
mod saved;
mod timer;

pub use clock::{Clock, FakeClock, Moment, SystemClock};
pub use saved::InProgress;
pub use timer::{StageTimer, TimingLight, clock_text, secs_text, until_next_second};

use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::deck::Deck;
use crate::record::{MAX_STAGE_SECS, Plan, ScaleReading};
pub use crate::record::{Mark, Mode, People};

/// Everything a round needs besides its deck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundSpec {
    pub people: People,
    pub mode: Mode,
    /// The one stage a drill practises; ignored in other modes.
    pub drill_stage: Option<String>,
    /// Decides the persona and the order of the cards.
    pub seed: u32,
    /// Each stage's planned minutes in deck order, replacing the deck's
    /// (a fitted plan, or minutes edited in setup).
    pub stage_minutes: Option<Vec<u32>>,
    /// The fitted breakout this round belongs to.
    pub plan: Option<Plan>,
}

/// Whoever is talking, as toggled with `Space`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    Organizer,
    Partner,
}

/// One stage as it is being run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageRun {
    pub stage_id: String,
    /// Planned length, including any `+`/`-` extensions.
    pub planned_secs: u64,
    /// Time spent in this stage while running.
    #[serde(with = "millis")]
    pub active: Duration,
    /// Time spent in this stage while paused.
    #[serde(with = "millis")]
    pub paused: Duration,
    #[serde(with = "millis")]
    pub organizer_talk: Duration,
    #[serde(with = "millis")]
    pub partner_talk: Duration,
    /// The shuffled order of this stage's prompt cards.
    pub card_order: Vec<usize>,
    /// Position of the current card in `card_order`.
    pub card_pos: usize,
    /// How many cards of `card_order` have been shown.
    pub cards_seen: usize,
    /// Whether the end-of-stage bell has sounded for the current plan.
    pub bell_rung: bool,
}

impl StageRun {
    /// Indices (into the deck's prompts) of every card shown, in order.
    pub fn shown_cards(&self) -> &[usize] {
        &self.card_order[..self.cards_seen.min(self.card_order.len())]
    }
}

/// What `next_stage` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Moved on to the next stage.
    Moved,
    /// The last stage ended; the round is over.
    Finished,
}

/// A practice round in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Practice {
    pub deck_id: String,
    pub deck_version: u32,
    pub mode: Mode,
    pub people: People,
    pub seed: u32,
    /// Index of the partner's persona in the deck, if it has any.
    pub persona: Option<usize>,
    pub started_at: DateTime<Utc>,
    stages: Vec<StageRun>,
    current: usize,
    paused: bool,
    finished: bool,
    speaker: Option<Speaker>,
    marks: Vec<Mark>,
    /// The fitted breakout this round belongs to, if any.
    #[serde(default)]
    pub plan: Option<Plan>,
    /// The deck's scales as asked so far.
    #[serde(default)]
    scales: Vec<ScaleReading>,
    /// When time was last integrated; not meaningful across processes.
    #[serde(skip)]
    last: Option<Moment>,
}

impl Practice {
    /// Starts a round on the first stage, running. The seed decides the
    /// persona and the order of every stage's cards; a drill runs only its
    /// stage (all stages if the deck has no stage of that id).
    pub fn start(deck: &Deck, spec: &RoundSpec, now: Moment, wall: DateTime<Utc>) -> Practice {
        let mut rng = ChaCha8Rng::seed_from_u64(u64::from(spec.seed));
        let persona = draw_persona(deck, &mut rng);
        let planned = |index: usize, minutes: u32| {
            let minutes = spec
                .stage_minutes
                .as_ref()
                .and_then(|planned| planned.get(index).copied())
                .unwrap_or(minutes);
            u64::from(minutes) * 60
        };
        let drilled = match (spec.mode, &spec.drill_stage) {
            (Mode::Drill, Some(id)) if deck.stage(id).is_some() => Some(id.as_str()),
            _ => None,
        };
        let stages = deck
            .stages
            .iter()
            .enumerate()
            .filter(|(_, stage)| drilled.is_none_or(|id| stage.id == id))
            .map(|(index, stage)| {
                let mut card_order: Vec<usize> = (0..stage.prompts.len()).collect();
                card_order.shuffle(&mut rng);
                StageRun {
                    stage_id: stage.id.clone(),
                    planned_secs: planned(index, stage.minutes),
                    active: Duration::ZERO,
                    paused: Duration::ZERO,
                    organizer_talk: Duration::ZERO,
                    partner_talk: Duration::ZERO,
                    card_order,
                    card_pos: 0,
                    cards_seen: 1,
                    bell_rung: false,
                }
            })
            .collect();
        Practice {
            deck_id: deck.id.clone(),
            deck_version: deck.version,
            mode: spec.mode,
            people: spec.people.clone(),
            seed: spec.seed,
            persona,
            started_at: wall,
            stages,
            current: 0,
            paused: false,
            finished: false,
            speaker: None,
            marks: Vec::new(),
            plan: spec.plan.clone(),
            scales: Vec::new(),
            last: Some(now),
        }
    }

    /// The persona a round of this deck and seed gives the partner: the
    /// one [`Practice::start`] draws, known before the round starts so the
    /// partner can read their brief.
    pub fn persona_for(deck: &Deck, seed: u32) -> Option<usize> {
        draw_persona(deck, &mut ChaCha8Rng::seed_from_u64(u64::from(seed)))
    }

    /// Folds the time since the last event into the current stage.
    fn settle(&mut self, now: Moment) {
        let Some(last) = self.last.replace(now) else {
            return;
        };
        if self.finished {
            return;
        }
        let dt = now.since(last);
        let speaker = self.speaker;
        let run = &mut self.stages[self.current];
        if self.paused {
            run.paused = run.paused.saturating_add(dt);
            return;
        }
        run.active = run.active.saturating_add(dt);
        match speaker {
            Some(Speaker::Organizer) => run.organizer_talk = run.organizer_talk.saturating_add(dt),
            Some(Speaker::Partner) => run.partner_talk = run.partner_talk.saturating_add(dt),
            None => {}
        }
    }

    /// Time not yet folded into the counters, if the clock is running.
    fn unsettled(&self, now: Moment) -> Duration {
        match self.last {
            Some(last) if !self.paused && !self.finished => now.since(last),
            _ => Duration::ZERO,
        }
    }

    /// Index of the stage on screen.
    pub fn current_index(&self) -> usize {
        self.current
    }

    /// The stage on screen.
    pub fn current_run(&self) -> &StageRun {
        &self.stages[self.current]
    }

    /// Every stage, in deck order, as settled at the last event.
    pub fn runs(&self) -> &[StageRun] {
        &self.stages
    }

    pub fn is_paused(&self) -> bool {
        self.paused
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }

    pub fn speaker(&self) -> Option<Speaker> {
        self.speaker
    }

    pub fn marks(&self) -> &[Mark] {
        &self.marks
    }

    /// The scale readings taken so far, in the order asked.
    pub fn scales(&self) -> &[ScaleReading] {
        &self.scales
    }

    /// The reading of `scale` at the current stage, if it was taken.
    pub fn scale_here(&self, scale: &str) -> Option<i32> {
        let stage = &self.current_run().stage_id;
        self.scales
            .iter()
            .find(|r| r.scale == scale && &r.stage == stage)
            .map(|r| r.value)
    }

    /// Records (or corrects) the value of `scale` at the current stage.
    pub fn record_scale(&mut self, scale: &str, value: i32) {
        let stage = self.current_run().stage_id.clone();
        match self
            .scales
            .iter_mut()
            .find(|r| r.scale == scale && r.stage == stage)
        {
            Some(reading) => reading.value = value,
            None => self.scales.push(ScaleReading {
                scale: scale.to_owned(),
                stage,
                value,
            }),
        }
    }

    /// Takes back the last mark, if any (a wrong digit is common).
    pub fn undo_mark(&mut self) -> Option<Mark> {
        self.marks.pop()
    }

    /// The current stage's clock at `now`.
    pub fn timer(&self, now: Moment) -> StageTimer {
        let run = self.current_run();
        StageTimer {
            planned: Duration::from_secs(run.planned_secs),
            elapsed: run.active + self.unsettled(now),
        }
    }

    /// Running time of the whole round so far.
    pub fn total_active(&self, now: Moment) -> Duration {
        saturating_sum(self.stages.iter().map(|r| r.active)).saturating_add(self.unsettled(now))
    }

    /// Talk time of (organizer, partner) over the whole round at `now`.
    pub fn talk_totals(&self, now: Moment) -> (Duration, Duration) {
        let organizer = saturating_sum(self.stages.iter().map(|r| r.organizer_talk));
        let partner = saturating_sum(self.stages.iter().map(|r| r.partner_talk));
        self.with_unsettled_talk(organizer, partner, now)
    }

    /// Talk time of (organizer, partner) in the current stage at `now`.
    pub fn stage_talk(&self, now: Moment) -> (Duration, Duration) {
        let run = self.current_run();
        self.with_unsettled_talk(run.organizer_talk, run.partner_talk, now)
    }

    /// Adds the time not yet settled to whoever is talking.
    fn with_unsettled_talk(
        &self,
        mut organizer: Duration,
        mut partner: Duration,
        now: Moment,
    ) -> (Duration, Duration) {
        match self.speaker {
            Some(Speaker::Organizer) => organizer = organizer.saturating_add(self.unsettled(now)),
            Some(Speaker::Partner) => partner = partner.saturating_add(self.unsettled(now)),
            None => {}
        }
        (organizer, partner)
    }

    /// Index (into the stage's prompts) of the card on screen.
    pub fn current_card(&self) -> usize {
        let run = self.current_run();
        run.card_order.get(run.card_pos).copied().unwrap_or(0)
    }

    /// Moves to the next stage, or ends the round after the last one.
    pub fn next_stage(&mut self, now: Moment) -> Step {
        self.settle(now);
        if self.current + 1 < self.stages.len() {
            self.current += 1;
            Step::Moved
        } else {
            self.finished = true;
            Step::Finished
        }
    }

    /// Goes back one stage; its clock continues where it stopped.
    pub fn previous_stage(&mut self, now: Moment) {
        self.settle(now);
        self.current = self.current.saturating_sub(1);
    }

    /// Pauses or resumes the clock.
    pub fn toggle_pause(&mut self, now: Moment) {
        self.settle(now);
        self.paused = !self.paused;
    }

    /// Adds (or with a negative count removes) whole minutes to this stage's
    /// plan; a stage never drops below one minute.
    pub fn extend(&mut self, now: Moment, minutes: i64) {
        self.settle(now);
        let run = &mut self.stages[self.current];
        let planned = run.planned_secs as i64 + minutes * 60;
        run.planned_secs = planned.max(60) as u64;
        if run.active < Duration::from_secs(run.planned_secs) {
            run.bell_rung = false;
        }
    }

    /// Switches the talk meter: nobody → organizer → partner → nobody.
    pub fn cycle_speaker(&mut self, now: Moment) {
        self.settle(now);
        self.speaker = match self.speaker {
            None => Some(Speaker::Organizer),
            Some(Speaker::Organizer) => Some(Speaker::Partner),
            Some(Speaker::Partner) => None,
        };
    }

    /// Shows the next prompt card of this stage, wrapping round.
    pub fn next_card(&mut self) {
        let run = &mut self.stages[self.current];
        if run.card_order.is_empty() {
            return;
        }
        run.card_pos = (run.card_pos + 1) % run.card_order.len();
        run.cards_seen = run.cards_seen.max(run.card_pos + 1);
    }

    /// Records a mark of the deck's kind `kind` at the current time.
    pub fn add_mark(&mut self, now: Moment, kind: usize, label: &str) {
        self.settle(now);
        let mark = Mark {
            kind,
            label: label.to_owned(),
            stage: self.current_run().stage_id.clone(),
            at_secs: self.total_active(now).as_secs(),
            stage_secs: self.current_run().active.as_secs(),
        };
        self.marks.push(mark);
    }

    /// True once, when the current stage's time has just run out: the
    /// moment to ring the bell.
    pub fn take_bell(&mut self, now: Moment) -> bool {
        if self.finished || self.timer(now).remaining().is_some() {
            return false;
        }
        self.settle(now);
        let run = &mut self.stages[self.current];
        !std::mem::replace(&mut run.bell_rung, true)
    }

    /// Whether a round read back from disk is one this code could have
    /// written: stages exist, the current one among them, and every card
    /// within its stage's prompts (`prompts` gives their number by stage
    /// id, `None` for a stage the deck lacks).
    pub fn is_consistent(&self, prompts: impl Fn(&str) -> Option<usize>) -> bool {
        self.current < self.stages.len()
            && self.stages.iter().all(|run| {
                let Some(count) = prompts(&run.stage_id) else {
                    return false;
                };
                run.card_order.iter().all(|&card| card < count)
                    && (run.card_order.is_empty() || run.card_pos < run.card_order.len())
                    && run.cards_seen <= run.card_order.len().max(1)
            })
    }

    /// Whether the times of a round read back from disk are possible: no
    /// stage plan, running, paused or talk time over a week, and no more
    /// talk than running time in a stage. A crafted file could otherwise
    /// overflow the sums on every resume.
    pub fn times_are_plausible(&self) -> bool {
        let week = Duration::from_secs(MAX_STAGE_SECS);
        self.stages.iter().all(|run| {
            run.planned_secs <= MAX_STAGE_SECS
                && [run.active, run.paused, run.organizer_talk, run.partner_talk]
                    .iter()
                    .all(|d| *d <= week)
                && run.organizer_talk + run.partner_talk <= run.active
        }) && self
            .marks
            .iter()
            .all(|m| m.at_secs <= MAX_STAGE_SECS * 64 && m.stage_secs <= MAX_STAGE_SECS)
    }

    /// Strips control characters from the names and mark labels of a
    /// round read back from disk.
    pub fn strip_controls(&mut self) {
        for text in [&mut self.people.organizer, &mut self.people.partner]
            .into_iter()
            .chain(self.people.observer.as_mut())
            .chain(self.marks.iter_mut().map(|m| &mut m.label))
        {
            *text = crate::text::strip_controls(text, false);
        }
    }

    /// Folds all time in, ready to be saved. A snapshot restored in another
    /// process continues paused, where it left off.
    pub fn snapshot(&mut self, now: Moment) -> Practice {
        self.settle(now);
        let mut copy = self.clone();
        copy.paused = true;
        copy.last = None;
        copy
    }

    /// Takes up a restored snapshot at `now`, paused.
    pub fn resume(mut self, now: Moment) -> Practice {
        self.paused = true;
        self.last = Some(now);
        self
    }
}

/// The seed's first draw: the persona (if the deck has any).
fn draw_persona(deck: &Deck, rng: &mut ChaCha8Rng) -> Option<usize> {
    let indices: Vec<usize> = (0..deck.personas.len()).collect();
    indices.choose(rng).copied()
}

/// The sum of durations, stopping at the largest one rather than panicking.
fn saturating_sum(durations: impl Iterator<Item = Duration>) -> Duration {
    durations.fold(Duration::ZERO, Duration::saturating_add)
}

/// Serde helper: a `Duration` as whole milliseconds.
mod millis {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_millis)
    }
}

#[cfg(test)]
mod tests;
