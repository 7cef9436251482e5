//! Statistics over saved sessions: counts and frequency, per-stage ratings
//! and their trends, talk share, time keeping, commitments, marks,
//! calibration and the suggested focus.
//!
//! Pure: no terminal types and no file I/O. The caller loads and filters
//! the sessions and passes "today", so every figure is reproducible.
//!
//! Conventions used by every figure below:
//! - A session's **date** is the UTC calendar date of its start
//!   ([`session_date`]).
//! - A **week** is an ISO week, Monday to Sunday, named by its Monday
//!   ([`week_start`]).
//! - A session's **score** for a stage is the mean of every rating any
//!   participant gave that stage's rubric items ([`stage_score`]).
//! - Series are in the order of the sessions given (oldest first).
//! - A figure that has nothing to be computed from is `None`, never 0.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::Serialize;

use crate::practice::Mode;
use crate::record::{Role, SessionRecord};

/// The organizer's target share of the talk over a whole 1:1, inclusive at
/// both ends (method.md: "whole 1:1 ≈ 25–40%, flag above 50%").
pub const TALK_BAND: (f64, f64) = (0.25, 0.40);

/// Above this share the organizer talks more than the partner: flagged.
pub const TALK_FLAG: f64 = 0.50;

/// How far (in rating points) the last three scores must move from the
/// three before to count as rising or falling (method.md trend rule).
pub const RATING_TREND_STEP: f64 = 0.5;

/// The same for talk share (a fraction of the talk, so 0.05 = 5 points).
pub const TALK_TREND_STEP: f64 = 0.05;

/// How many of the latest scores make a stage's `recent` average.
pub const RECENT_SESSIONS: usize = 5;

/// How many of the latest values a slope is fitted over.
pub const SLOPE_SESSIONS: usize = 10;

/// At most this many weeks in [`Report::weekly`].
pub const WEEKLY_WEEKS: usize = 26;

/// A stage is on time when its actual length is within this many percent
/// of its plan (inclusive).
pub const TIME_TOLERANCE_PERCENT: u64 = 20;

/// Calibration gaps larger than this many points are worth flagging
/// (method.md: "flag gaps of more than one point").
pub const CALIBRATION_FLAG: f64 = 1.0;

/// Slack for comparing computed means with thresholds, so that e.g. a
/// difference of exactly 0.05 is not lost to rounding.
const EPSILON: f64 = 1e-9;

/// Which sessions to count. Every `None` field lets everything through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The organizer's name, compared by [`name_key`].
    pub person: Option<String>,
    /// The deck id, compared trimmed.
    pub deck: Option<String>,
    pub mode: Option<Mode>,
    /// First session date to include (inclusive).
    pub since: Option<NaiveDate>,
    /// Last session date to include (inclusive).
    pub until: Option<NaiveDate>,
}

impl Filter {
    /// Whether `record` passes every condition set.
    pub fn matches(&self, record: &SessionRecord) -> bool {
        let date = session_date(record);
        self.person
            .as_ref()
            .is_none_or(|p| name_key(p) == name_key(&record.people.organizer))
            && self
                .deck
                .as_ref()
                .is_none_or(|d| d.trim() == record.deck.id.trim())
            && self.mode.is_none_or(|m| m == record.mode)
            && self.since.is_none_or(|since| date >= since)
            && self.until.is_none_or(|until| date <= until)
    }
}

/// How a name is compared, everywhere (statistics, export filters,
/// aliases): trimmed, runs of inner whitespace as one space, lowercase.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The date a session counts for: the UTC date of its start.
pub fn session_date(record: &SessionRecord) -> NaiveDate {
    record.started.date_naive()
}

/// The Monday of `date`'s ISO week.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// Running sum and count, for means without keeping the values.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    sum: f64,
    count: usize,
}

impl Sums {
    fn add(&mut self, value: f64) {
        self.sum += value;
        self.count += 1;
    }

    fn mean(self) -> Option<f64> {
        (self.count > 0).then(|| self.sum / self.count as f64)
    }
}

/// One session's ratings of one stage: everyone's, the organizer's own,
/// and the partner's and observer's together.
#[derive(Debug, Default)]
struct StageRatings<'a> {
    stage: &'a str,
    everyone: Sums,
    own: Sums,
    others: Sums,
}

impl StageRatings<'_> {
    /// Organizer's own mean minus the others' mean, when both exist.
    fn calibration(&self) -> Option<f64> {
        Some(self.own.mean()? - self.others.mean()?)
    }
}

/// Every stage rated in `record`, in first-rated order, in one pass over
/// its ratings (a session has a handful of stages, so lookup is linear).
fn session_ratings(record: &SessionRecord) -> Vec<StageRatings<'_>> {
    let mut stages: Vec<StageRatings> = Vec::new();
    for feedback in &record.feedback {
        for rating in &feedback.ratings {
            let index = match stages.iter().position(|s| s.stage == rating.stage) {
                Some(index) => index,
                None => {
                    stages.push(StageRatings {
                        stage: &rating.stage,
                        ..StageRatings::default()
                    });
                    stages.len() - 1
                }
            };
            let entry = &mut stages[index];
            let score = f64::from(rating.score);
            entry.everyone.add(score);
            match feedback.role {
                Role::Organizer => entry.own.add(score),
                Role::Partner | Role::Observer => entry.others.add(score),
            }
        }
    }
    stages
}

/// A session's score for `stage`: the mean of every rating any participant
/// (organizer, partner, observer) gave that stage's items, all ratings
/// weighing the same. `None` when nobody rated the stage.
pub fn stage_score(record: &SessionRecord, stage: &str) -> Option<f64> {
    let mut sums = Sums::default();
    record
        .feedback
        .iter()
        .flat_map(|f| &f.ratings)
        .filter(|r| r.stage == stage)
        .for_each(|r| sums.add(f64::from(r.score)));
    sums.mean()
}

/// The organizer's share of the talk over the whole session: organizer
/// seconds / (organizer + partner seconds), summed over all stages. `None`
/// when no talk was measured (both zero).
pub fn talk_share(record: &SessionRecord) -> Option<f64> {
    let (organizer, partner) = record.talk_totals();
    let total = organizer + partner;
    (total > 0).then(|| organizer as f64 / total as f64)
}

/// Whether a share lies in [`TALK_BAND`] (both ends included).
pub fn in_talk_band(share: f64) -> bool {
    (TALK_BAND.0..=TALK_BAND.1).contains(&share)
}

/// Which way a series is going, by the rule in method.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Rising,
    Falling,
    Steady,
    /// Fewer than six values.
    Unknown,
}

impl Direction {
    /// Compares the mean of the last three values with the mean of the
    /// three before: `Rising` when it is at least `step` higher, `Falling`
    /// when at least `step` lower, `Steady` otherwise, `Unknown` with fewer
    /// than six values. Use [`RATING_TREND_STEP`] for scores and
    /// [`TALK_TREND_STEP`] for talk share.
    pub fn of(values: &[f64], step: f64) -> Direction {
        if values.len() < 6 {
            return Direction::Unknown;
        }
        let last_six = &values[values.len() - 6..];
        let before = last_six[..3].iter().sum::<f64>() / 3.0;
        let last = last_six[3..].iter().sum::<f64>() / 3.0;
        let change = last - before;
        if change >= step - EPSILON {
            Direction::Rising
        } else if change <= -step + EPSILON {
            Direction::Falling
        } else {
            Direction::Steady
        }
    }

    /// An arrow that reads without colour.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Rising => "↑",
            Direction::Falling => "↓",
            Direction::Steady => "→",
            Direction::Unknown => "·",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Direction::Rising => "rising",
            Direction::Falling => "falling",
            Direction::Steady => "steady",
            Direction::Unknown => "too few",
        }
    }
}

/// The least-squares slope of `values` against x = 0, 1, …, n−1: the change
/// per session. `None` with fewer than two values.
pub fn slope(values: &[f64]) -> Option<f64> {
    let n = values.len();
    if n < 2 {
        return None;
    }
    let mean_x = (n - 1) as f64 / 2.0;
    let mean_y = values.iter().sum::<f64>() / n as f64;
    let (sxy, sxx) = values
        .iter()
        .enumerate()
        .fold((0.0, 0.0), |(sxy, sxx), (x, y)| {
            let dx = x as f64 - mean_x;
            (sxy + dx * (y - mean_y), sxx + dx * dx)
        });
    Some(sxy / sxx)
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The last `n` values (all of them when there are fewer).
fn tail(values: &[f64], n: usize) -> &[f64] {
    &values[values.len().saturating_sub(n)..]
}

/// One stage across sessions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageReport {
    /// The stage id, as in the deck.
    pub id: String,
    /// Sessions with at least one rating of this stage.
    pub rated_sessions: usize,
    /// Mean of the session scores ([`stage_score`]) of all rated sessions.
    pub average: Option<f64>,
    /// Mean of the last [`RECENT_SESSIONS`] session scores.
    pub recent: Option<f64>,
    /// Least-squares slope of the last [`SLOPE_SESSIONS`] session scores,
    /// in points per session; `None` below two scores.
    pub slope: Option<f64>,
    /// The method.md trend rule over the session scores, with
    /// [`RATING_TREND_STEP`].
    pub direction: Direction,
    /// Mean over sessions of (organizer's own mean rating − the mean of the
    /// partner's and observer's ratings together) for this stage, counting
    /// only sessions that have both. Positive: rates themself higher than
    /// others do.
    pub calibration: Option<f64>,
}

/// The organizer's talk share across sessions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TalkReport {
    /// Sessions where some talk was measured ([`talk_share`] is `Some`).
    pub measured_sessions: usize,
    /// Mean of the per-session shares (each session weighs the same,
    /// however long it was).
    pub average: Option<f64>,
    /// Least-squares slope of the last [`SLOPE_SESSIONS`] shares, per
    /// session.
    pub slope: Option<f64>,
    /// The method.md trend rule over the shares, with [`TALK_TREND_STEP`].
    pub direction: Direction,
    /// Share of measured sessions whose talk share lies in [`TALK_BAND`].
    pub in_band: Option<f64>,
}

/// How often one kind of mark was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkRate {
    /// The mark's label, as in the deck.
    pub label: String,
    /// Marks with this label / number of sessions (all sessions, including
    /// those without any mark).
    pub per_session: f64,
}

/// Everything `tandem stats` and the progress screen show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Number of sessions.
    pub sessions: usize,
    /// Date of the earliest session.
    pub first: Option<NaiveDate>,
    /// Date of the latest session.
    pub last: Option<NaiveDate>,
    /// Sessions / weeks spanned, where the weeks spanned are the ISO weeks
    /// from the first session's week to the last session's week, both
    /// included (so at least 1). Steady weekly practice reads 1.0. Zero
    /// without sessions.
    pub per_week: f64,
    /// Consecutive ISO weeks with at least one session, counting back from
    /// the week of `today`, or from the week before when this week has no
    /// session yet.
    pub streak_weeks: u32,
    /// One entry per stage id, in first-seen order ([`stage_order`]),
    /// rated or not.
    pub stages: Vec<StageReport>,
    pub talk: TalkReport,
    /// Share of stage records (with a plan above zero) whose actual length
    /// is within ±[`TIME_TOLERANCE_PERCENT`]% of the plan, ends included.
    pub time_keeping: Option<f64>,
    /// Share of sessions where an ask was made and something was agreed
    /// (`commitment.ask` and `commitment.agreed` both non-blank).
    pub commitment_rate: Option<f64>,
    /// Marks per session by label, labels in first-seen order.
    pub marks: Vec<MarkRate>,
    /// The stage to practise next ([`suggested_focus`]).
    pub focus: Option<String>,
    /// Sessions per ISO week (named by its Monday) from the first to the
    /// last session's week, empty weeks included; only the last
    /// [`WEEKLY_WEEKS`] weeks.
    pub weekly: Vec<(NaiveDate, usize)>,
}

/// Stage ids in first-seen order, with an index for O(1) lookup.
#[derive(Default)]
struct StageIndex {
    ids: Vec<String>,
    index: HashMap<String, usize>,
}

impl StageIndex {
    fn get_or_add(&mut self, id: &str) -> usize {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        self.ids.push(id.to_owned());
        self.index.insert(id.to_owned(), self.ids.len() - 1);
        self.ids.len() - 1
    }

    /// Adds `record`'s stages: first its stage records, then any stage
    /// that only appears in ratings.
    fn add_record(&mut self, record: &SessionRecord) {
        for stage in &record.stages {
            self.get_or_add(&stage.id);
        }
        for rating in record.feedback.iter().flat_map(|f| &f.ratings) {
            self.get_or_add(&rating.stage);
        }
    }
}

/// Stage ids in first-seen order: each session's stage records, then the
/// stages only named in its ratings.
pub fn stage_order(sessions: &[SessionRecord]) -> Vec<String> {
    let mut index = StageIndex::default();
    sessions.iter().for_each(|s| index.add_record(s));
    index.ids
}

/// Per stage while scanning: every score, and the calibration sums.
#[derive(Default)]
struct StageAcc {
    scores: Vec<f64>,
    calibration: Sums,
}

/// The statistics of `sessions` (oldest first, already filtered), with
/// `today` for the streak. One pass over the sessions.
pub fn report(sessions: &[SessionRecord], today: NaiveDate) -> Report {
    let mut stage_index = StageIndex::default();
    let mut stages: Vec<StageAcc> = Vec::new();
    let mut shares = Vec::new();
    let (mut stage_records, mut on_time) = (0usize, 0usize);
    let mut committed = 0usize;
    let mut mark_index: HashMap<&str, usize> = HashMap::new();
    let mut mark_counts: Vec<(&str, usize)> = Vec::new();
    let mut weeks: HashMap<NaiveDate, usize> = HashMap::new();
    let (mut first, mut last): (Option<NaiveDate>, Option<NaiveDate>) = (None, None);

    for record in sessions {
        let date = session_date(record);
        first = Some(first.map_or(date, |f| f.min(date)));
        last = Some(last.map_or(date, |l| l.max(date)));
        *weeks.entry(week_start(date)).or_default() += 1;

        stage_index.add_record(record);
        stages.resize_with(stage_index.ids.len(), StageAcc::default);
        for rated in session_ratings(record) {
            let acc = &mut stages[stage_index.index[rated.stage]];
            if let Some(score) = rated.everyone.mean() {
                acc.scores.push(score);
            }
            if let Some(gap) = rated.calibration() {
                acc.calibration.add(gap);
            }
        }

        shares.extend(talk_share(record));
        for stage in record.stages.iter().filter(|s| s.planned_secs > 0) {
            stage_records += 1;
            if on_plan(stage.planned_secs, stage.actual_secs) {
                on_time += 1;
            }
        }
        if record.commitment.counts() {
            committed += 1;
        }
        for mark in &record.marks {
            let i = *mark_index.entry(mark.label.as_str()).or_insert_with(|| {
                mark_counts.push((&mark.label, 0));
                mark_counts.len() - 1
            });
            mark_counts[i].1 += 1;
        }
    }

    let n = sessions.len();
    let share_of = |part: usize, whole: usize| (whole > 0).then(|| part as f64 / whole as f64);
    let stages: Vec<StageReport> = stage_index
        .ids
        .into_iter()
        .zip(stages)
        .map(|(id, acc)| StageReport {
            id,
            rated_sessions: acc.scores.len(),
            average: mean(&acc.scores),
            recent: mean(tail(&acc.scores, RECENT_SESSIONS)),
            slope: slope(tail(&acc.scores, SLOPE_SESSIONS)),
            direction: Direction::of(&acc.scores, RATING_TREND_STEP),
            calibration: acc.calibration.mean(),
        })
        .collect();
    let talk = TalkReport {
        measured_sessions: shares.len(),
        average: mean(&shares),
        slope: slope(tail(&shares, SLOPE_SESSIONS)),
        direction: Direction::of(&shares, TALK_TREND_STEP),
        in_band: share_of(
            shares.iter().filter(|&&s| in_talk_band(s)).count(),
            shares.len(),
        ),
    };
    let (per_week, weekly) = match (first, last) {
        (Some(first), Some(last)) => {
            let (first_week, last_week) = (week_start(first), week_start(last));
            let spanned = (last_week - first_week).num_days() / 7 + 1;
            let shown = (spanned as usize).min(WEEKLY_WEEKS);
            let weekly = (0..shown)
                .rev()
                .map(|back| {
                    let week = last_week - Days::new(7 * back as u64);
                    (week, weeks.get(&week).copied().unwrap_or(0))
                })
                .collect();
            (n as f64 / spanned as f64, weekly)
        }
        _ => (0.0, Vec::new()),
    };
    let focus = suggested_focus(&stages);
    Report {
        sessions: n,
        first,
        last,
        per_week,
        streak_weeks: streak(&weeks, today),
        stages,
        talk,
        time_keeping: share_of(on_time, stage_records),
        commitment_rate: share_of(committed, n),
        marks: mark_counts
            .into_iter()
            .map(|(label, count)| MarkRate {
                label: label.to_owned(),
                per_session: count as f64 / n as f64,
            })
            .collect(),
        focus,
        weekly,
    }
}

/// Whether `actual` is within ±[`TIME_TOLERANCE_PERCENT`]% of `planned`
/// (ends included), in integers so that exactly 20% is never lost to
/// rounding.
fn on_plan(planned: u64, actual: u64) -> bool {
    u128::from(actual.abs_diff(planned)) * 100
        <= u128::from(planned) * u128::from(TIME_TOLERANCE_PERCENT)
}

/// Consecutive weeks with a session, back from `today`'s week (or the week
/// before, when this week has none yet). At most one step per week that
/// had a session, so it is bounded by the number of sessions.
fn streak(weeks: &HashMap<NaiveDate, usize>, today: NaiveDate) -> u32 {
    let this_week = week_start(today);
    let mut week = if weeks.contains_key(&this_week) {
        this_week
    } else {
        match this_week.checked_sub_days(Days::new(7)) {
            Some(before) => before,
            None => return 0,
        }
    };
    let mut count = 0;
    while weeks.contains_key(&week) {
        count += 1;
        match week.checked_sub_days(Days::new(7)) {
            Some(before) => week = before,
            None => break,
        }
    }
    count
}

/// The stage to practise next: the lowest `recent` average; on a tie the
/// lower slope (a stage without a slope counts as 0, neither rising nor
/// falling); on a further tie the earlier stage. Only stages with at least
/// one score take part.
pub fn suggested_focus(stages: &[StageReport]) -> Option<String> {
    let mut best: Option<(&StageReport, f64, f64)> = None;
    for stage in stages {
        let Some(recent) = stage.recent else { continue };
        let slope = stage.slope.unwrap_or(0.0);
        let better = match best {
            None => true,
            Some((_, best_recent, best_slope)) => {
                recent < best_recent - EPSILON
                    || ((recent - best_recent).abs() <= EPSILON && slope < best_slope - EPSILON)
            }
        };
        if better {
            best = Some((stage, recent, slope));
        }
    }
    best.map(|(stage, _, _)| stage.id.clone())
}

/// Distinct organizers (compared like [`Filter::person`]), keyed by their
/// trimmed name as first seen.
fn organizer_keys(sessions: &[SessionRecord]) -> (Vec<String>, HashMap<String, usize>) {
    let mut names = Vec::new();
    let mut index = HashMap::new();
    for record in sessions {
        let key = name_key(&record.people.organizer);
        if key.is_empty() || index.contains_key(&key) {
            continue;
        }
        index.insert(key, names.len());
        names.push(record.people.organizer.trim().to_owned());
    }
    (names, index)
}

/// Distinct organizer names, sorted case-insensitively. Names that differ
/// only in case or surrounding spaces count as one person (as in
/// [`Filter::person`]) and are shown as first seen; blank names are left
/// out.
pub fn organizers(sessions: &[SessionRecord]) -> Vec<String> {
    let (mut names, _) = organizer_keys(sessions);
    names.sort_by_cached_key(|name| (name.to_lowercase(), name.clone()));
    names
}

/// Every session score of `stage`, with the session's start.
pub fn stage_series(sessions: &[SessionRecord], stage: &str) -> Vec<(DateTime<Utc>, f64)> {
    sessions
        .iter()
        .filter_map(|s| Some((s.started, stage_score(s, stage)?)))
        .collect()
}

/// Every measured talk share, with the session's start.
pub fn talk_series(sessions: &[SessionRecord]) -> Vec<(DateTime<Utc>, f64)> {
    sessions
        .iter()
        .filter_map(|s| Some((s.started, talk_share(s)?)))
        .collect()
}

/// For each organizer ([`organizers`] order), the average session score of
/// each stage in [`stage_order`] (`None` where they have no score).
pub fn cohort(sessions: &[SessionRecord]) -> Vec<(String, Vec<Option<f64>>)> {
    let order = stage_order(sessions);
    let stage_at: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let (names, person_at) = organizer_keys(sessions);
    let mut sums = vec![vec![Sums::default(); order.len()]; names.len()];
    for record in sessions {
        let Some(&person) = person_at.get(&name_key(&record.people.organizer)) else {
            continue;
        };
        for rated in session_ratings(record) {
            if let Some(score) = rated.everyone.mean() {
                sums[person][stage_at[rated.stage]].add(score);
            }
        }
    }
    let mut rows: Vec<(String, Vec<Option<f64>>)> = names
        .into_iter()
        .zip(sums)
        .map(|(name, row)| (name, row.into_iter().map(Sums::mean).collect()))
        .collect();
    rows.sort_by_cached_key(|(name, _)| (name.to_lowercase(), name.clone()));
    rows
}

#[cfg(test)]
mod tests;
