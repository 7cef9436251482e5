//! Statistics over saved sessions: counts and frequency, and per deck
//! family the per-stage ratings and their trends, talk share against each
//! stage's own band, time keeping, commitments, marks, scales, calibration
//! and the suggested focus.
//!
//! Pure: no terminal types and no file I/O. The caller loads and filters
//! the sessions, looks decks up, and passes "today", so every figure is
//! reproducible.
//!
//! Conventions used by every figure below:
//! - A session's **date** is the UTC calendar date of its start
//!   ([`session_date`]).
//! - A **week** is an ISO week, Monday to Sunday, named by its Monday
//!   ([`week_start`]).
//! - A session's **family** is its deck's skill, else its deck id
//!   ([`crate::record::DeckRef::family`]). Ratings, trends, talk, marks,
//!   commitments and scales are only ever compared within one family: an
//!   `exploration` of one deck is never averaged with another family's.
//! - A session's **score** for a stage is the mean of every rating any
//!   participant gave that stage ([`stage_score`]).
//! - Series are in the order of the sessions given (oldest first).
//! - A figure that has nothing to be computed from is `None`, never 0.

use foldhash::HashMap;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::Serialize;

use crate::deck::{Deck, TalkBand};
use crate::record::Mode;
use crate::record::{Answer, Role, SessionSummary};

/// How many of the latest rounds a trend compares with the same number
/// before them (method.md: "the last five against the five before").
pub const TREND_ROUNDS: usize = 5;

/// A change of means is called a trend only beyond this many standard
/// errors (method.md: "beyond twice its standard error").
pub const TREND_ERRORS: f64 = 2.0;

/// Ratings are whole points, so each is only known to ±0.5: a spread of
/// at least 1²/12 (the variance of that rounding) is assumed in each group
/// of a rating trend. Without it, five rounds that happen to repeat a
/// number look more certain than they are: the rule then calls a change in
/// about 10% of flat histories at half-point levels (2.5, 3.5), against
/// 2–4% with it (see the tests).
pub const RATING_RESOLUTION: f64 = 1.0;

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

/// Slack for comparing computed means with thresholds, so that a value
/// exactly on a threshold is not moved across it by rounding.
const EPSILON: f64 = 1e-9;

/// Which sessions to count. Every `None` field lets everything through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The organizer's name, compared by [`name_key`].
    pub person: Option<String>,
    /// The deck family (a deck's skill, else its id; see [`family_of`]),
    /// compared trimmed with each session's `deck.family()`.
    pub family: Option<String>,
    pub mode: Option<Mode>,
    /// First session date to include (inclusive).
    pub since: Option<NaiveDate>,
    /// Last session date to include (inclusive).
    pub until: Option<NaiveDate>,
}

impl Filter {
    /// Whether `record` passes every condition set.
    pub fn matches(&self, record: &SessionSummary) -> bool {
        let date = session_date(record);
        self.person
            .as_ref()
            .is_none_or(|p| name_key(p) == name_key(&record.people.organizer))
            && self
                .family
                .as_ref()
                .is_none_or(|f| f.trim() == record.deck.family().trim())
            && self.mode.is_none_or(|m| m == record.mode)
            && self.since.is_none_or(|since| date >= since)
            && self.until.is_none_or(|until| date <= until)
    }
}

/// The family a deck id stands for: the skill of `deck` (the deck of that
/// id, when the caller found one), else the id itself.
pub fn family_of(id: &str, deck: Option<&Deck>) -> String {
    deck.map_or(id.trim(), Deck::family).to_owned()
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
pub fn session_date(record: &SessionSummary) -> NaiveDate {
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
/// A version-1 file may hold several ratings of a stage per person: they
/// are averaged with the rest.
fn session_ratings(record: &SessionSummary) -> Vec<StageRatings<'_>> {
    let mut stages: Vec<StageRatings> = Vec::new();
    for rating in &record.ratings {
        {
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
            match rating.role {
                Role::Organizer => entry.own.add(score),
                Role::Partner | Role::Observer => entry.others.add(score),
            }
        }
    }
    stages
}

/// A session's score for `stage`: the mean of every rating any participant
/// (organizer, partner, observer) gave that stage, all ratings weighing the
/// same. `None` when nobody rated the stage.
pub fn stage_score(record: &SessionSummary, stage: &str) -> Option<f64> {
    let mut sums = Sums::default();
    record
        .ratings
        .iter()
        .filter(|r| r.stage == stage)
        .for_each(|r| sums.add(f64::from(r.score)));
    sums.mean()
}

/// The organizer's share of the talk over the whole session: organizer
/// seconds / (organizer + partner seconds), summed over all stages. `None`
/// when no talk was measured (both zero).
pub fn talk_share(record: &SessionSummary) -> Option<f64> {
    let (organizer, partner) = record.talk_totals();
    crate::record::share(organizer, partner)
}

/// Which way a series is going, by the rule in method.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Rising,
    Falling,
    Steady,
    /// Fewer than 2 × [`TREND_ROUNDS`] values.
    Unknown,
}

impl Direction {
    /// An arrow that reads without colour.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Rising => "↑",
            Direction::Falling => "↓",
            Direction::Steady => "→",
            Direction::Unknown => "·",
        }
    }
}

/// A trend by the method.md rule: the mean of the last [`TREND_ROUNDS`]
/// values against the mean of the [`TREND_ROUNDS`] before, called rising or
/// falling only when the difference is beyond [`TREND_ERRORS`] standard
/// errors.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Trend {
    /// How many values the series has (the rule needs 2 × [`TREND_ROUNDS`]).
    pub rounds: usize,
    pub direction: Direction,
    /// Mean of the last [`TREND_ROUNDS`] values minus the mean of the
    /// [`TREND_ROUNDS`] before; `None` with too few values.
    pub change: Option<f64>,
    /// The standard error of `change`: √(s₁²/n + s₂²/n) from the two
    /// groups' sample variances (each at least resolution²/12).
    pub std_error: Option<f64>,
}

impl Trend {
    /// The trend of `values` (oldest first), whose values are known to
    /// `resolution` (1 for whole-point ratings, 0 for measured shares).
    pub fn of(values: &[f64], resolution: f64) -> Trend {
        let n = TREND_ROUNDS;
        let rounds = values.len();
        if rounds < 2 * n {
            return Trend {
                rounds,
                direction: Direction::Unknown,
                change: None,
                std_error: None,
            };
        }
        let (before, last) = values[rounds - 2 * n..].split_at(n);
        let floor = resolution * resolution / 12.0;
        let spread = |group: &[f64]| {
            let mean = group.iter().sum::<f64>() / n as f64;
            let variance = group.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
            (mean, variance + floor)
        };
        let ((before_mean, before_var), (last_mean, last_var)) = (spread(before), spread(last));
        let change = last_mean - before_mean;
        let std_error = (before_var / n as f64 + last_var / n as f64).sqrt();
        let bound = TREND_ERRORS * std_error + EPSILON;
        let direction = if change > bound {
            Direction::Rising
        } else if change < -bound {
            Direction::Falling
        } else {
            Direction::Steady
        };
        Trend {
            rounds,
            direction,
            change: Some(change),
            std_error: Some(std_error),
        }
    }
}

/// `value` with `decimals` decimals and its sign, except that a value
/// that rounds to zero reads "0.00", never "+0.00" or "-0.00".
pub fn signed(value: f64, decimals: usize) -> String {
    let shown = format!("{value:+.decimals$}");
    if shown[1..].bytes().all(|b| b == b'0' || b == b'.') {
        shown[1..].to_owned()
    } else {
        shown
    }
}

/// Whose ratings a stage's headline trend is based on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Raters {
    /// The partner's and observer's ratings.
    Others,
    /// The organizer's own ratings.
    #[serde(rename = "self")]
    Own,
}

impl Raters {
    pub fn label(self) -> &'static str {
        match self {
            Raters::Others => "others",
            Raters::Own => "self",
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

/// One stage across the sessions of one family.
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
    /// in points per session; `None` while the headline trend has too few
    /// rounds to tell.
    pub slope: Option<f64>,
    /// The headline trend: the others' ratings when they have enough
    /// rounds, else the organizer's own.
    pub direction: Direction,
    /// Which ratings `direction` comes from; `None` when neither has
    /// enough rounds.
    pub trend_from: Option<Raters>,
    /// The trend of the partner's and observer's ratings (their mean per
    /// session).
    pub others: Trend,
    /// The trend of the organizer's own ratings.
    pub own: Trend,
    /// Mean over sessions of (organizer's own mean rating − the mean of the
    /// partner's and observer's ratings together) for this stage, counting
    /// only sessions that have both. Positive: rates themself higher than
    /// others do.
    pub calibration: Option<f64>,
}

impl StageReport {
    /// The trend `direction` comes from (the others' when there is none).
    pub fn headline(&self) -> &Trend {
        match self.trend_from {
            Some(Raters::Own) => &self.own,
            _ => &self.others,
        }
    }
}

/// One stage's talk share, judged against the stage's own band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageTalk {
    pub id: String,
    /// Rounds in which some talk was measured in this stage.
    pub measured: usize,
    /// Mean of those rounds' shares of this stage's talk.
    pub average: Option<f64>,
    /// The stage's band: each round's band for this stage, weighted by
    /// the stage's planned time (one band when the deck never changed).
    pub band: Option<TalkBand>,
    /// Whether `average` is well outside `band` ([`TalkBand::judge`]).
    pub flagged: bool,
}

/// The organizer's talk share across the sessions of one family.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TalkReport {
    /// Sessions where some talk was measured ([`talk_share`] is `Some`).
    pub measured_sessions: usize,
    /// Mean of the per-session shares (each session weighs the same,
    /// however long it was).
    pub average: Option<f64>,
    /// The whole-round band of these rounds: every stage's band weighted
    /// by its planned time ([`TalkBand::for_round`] over all their stages).
    pub band: Option<TalkBand>,
    /// Whether `average` is well outside `band`.
    pub flagged: bool,
    /// Share of measured sessions whose share lies within their own
    /// round's band ([`SessionSummary::round_talk_band`]).
    pub in_band: Option<f64>,
    /// Measured sessions whose share is well outside their round's band.
    pub flagged_sessions: usize,
    /// Least-squares slope of the last [`SLOPE_SESSIONS`] shares, per
    /// session; `None` while the trend has too few rounds.
    pub slope: Option<f64>,
    /// The method.md trend rule over the shares.
    pub trend: Trend,
    /// Per stage, in stage order.
    pub stages: Vec<StageTalk>,
}

/// Commitments as an outcome (method.md): a yes to an action with a date
/// counts; a "maybe" is its own figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitmentReport {
    /// Rounds that count as a commitment ([`crate::record::Commitment::counts`]).
    pub committed: usize,
    /// Rounds answered "yes" but without a date for the action.
    pub yes_without_date: usize,
    pub maybe: usize,
    pub no: usize,
    /// Rounds with no answer recorded.
    pub unanswered: usize,
    /// `committed` / rounds.
    pub rate: Option<f64>,
    /// `maybe` / rounds.
    pub maybe_rate: Option<f64>,
}

/// The mean shift of one deck scale (last − first reading in a round).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleReport {
    pub id: String,
    /// Rounds with at least two readings of this scale.
    pub rounds: usize,
    pub mean_shift: Option<f64>,
}

/// How often one kind of mark was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkRate {
    /// The mark's label, as in the deck.
    pub label: String,
    /// Marks with this label / number of sessions of the family (all
    /// sessions, including those without any mark).
    pub per_session: f64,
}

/// Everything about the sessions of one deck family.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilyReport {
    /// The family: a deck's skill, else its id.
    pub family: String,
    /// Deck ids seen in this family, in first-seen order.
    pub decks: Vec<String>,
    /// The id of the deck of the family's latest round (for names and tips).
    pub latest_deck: String,
    pub sessions: usize,
    /// One entry per stage id, in first-seen order ([`stage_order`]),
    /// rated or not.
    pub stages: Vec<StageReport>,
    pub talk: TalkReport,
    /// Share of stage records (with a plan above zero) whose actual length
    /// is within ±[`TIME_TOLERANCE_PERCENT`]% of the plan, ends included.
    pub time_keeping: Option<f64>,
    pub commitments: CommitmentReport,
    /// Marks per session by label, most frequent first (then by label).
    pub marks: Vec<MarkRate>,
    /// Deck scales, in first-seen order.
    pub scales: Vec<ScaleReport>,
    /// The partner's "did you feel heard?" (1–5), mean over the rounds
    /// that have it.
    pub felt_heard: Option<f64>,
    /// The stage to practise next ([`suggested_focus`]).
    pub focus: Option<String>,
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
    /// Sessions per ISO week (named by its Monday) from the first to the
    /// last session's week, empty weeks included; only the last
    /// [`WEEKLY_WEEKS`] weeks.
    pub weekly: Vec<(NaiveDate, usize)>,
    /// One report per deck family, the family of the latest session first,
    /// then by latest session.
    pub families: Vec<FamilyReport>,
}

impl Report {
    /// The report of `family`, if any session had it.
    pub fn family(&self, family: &str) -> Option<&FamilyReport> {
        self.families.iter().find(|f| f.family == family)
    }
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
    fn add_record(&mut self, record: &SessionSummary) {
        for stage in &record.stages {
            self.get_or_add(&stage.id);
        }
        for rating in &record.ratings {
            self.get_or_add(&rating.stage);
        }
    }
}

/// Stage ids in first-seen order: each session's stage records, then the
/// stages only named in its ratings.
pub fn stage_order(sessions: &[SessionSummary]) -> Vec<String> {
    stage_order_of(&sessions.iter().collect::<Vec<_>>())
}

/// [`stage_order`] over borrowed sessions.
pub fn stage_order_of(sessions: &[&SessionSummary]) -> Vec<String> {
    let mut index = StageIndex::default();
    sessions.iter().for_each(|s| index.add_record(s));
    index.ids
}

/// Deck families in the order [`Report::families`] uses: the family of
/// the latest session first, then the others by their latest session.
pub fn families(sessions: &[SessionSummary]) -> Vec<String> {
    families_of(&sessions.iter().collect::<Vec<_>>())
}

fn families_of(sessions: &[&SessionSummary]) -> Vec<String> {
    let mut latest: Vec<(&str, usize)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::default();
    for (i, record) in sessions.iter().enumerate() {
        let family = record.deck.family();
        match at.get(family) {
            Some(&j) => latest[j].1 = i,
            None => {
                at.insert(family, latest.len());
                latest.push((family, i));
            }
        }
    }
    latest.sort_by_key(|&(_, i)| std::cmp::Reverse(i));
    latest.into_iter().map(|(f, _)| f.to_owned()).collect()
}

/// Per stage while scanning: every score, the raters' series and the
/// calibration sums.
#[derive(Default)]
struct StageAcc {
    scores: Vec<f64>,
    own: Vec<f64>,
    others: Vec<f64>,
    calibration: Sums,
}

/// Per stage while scanning: measured shares and the planned-time
/// weighted band.
#[derive(Default)]
struct TalkAcc {
    shares: Vec<f64>,
    bands: Vec<(u64, TalkBand)>,
}

/// The statistics of `sessions` (oldest first, already filtered), with
/// `today` for the streak: counts over all of them, everything else per
/// deck family.
pub fn report(sessions: &[SessionSummary], today: NaiveDate) -> Report {
    report_of(&sessions.iter().collect::<Vec<_>>(), today)
}

/// [`report`] over borrowed sessions (oldest first, already filtered).
pub fn report_of(sessions: &[&SessionSummary], today: NaiveDate) -> Report {
    let mut builder = ReportBuilder::default();
    sessions.iter().for_each(|s| builder.add(s));
    builder.finish(today)
}

/// A [`Report`] built one session at a time (oldest first), so that a
/// caller streaming sessions from the index never holds them all: only
/// the per-family series stay, a few numbers per session.
#[derive(Default)]
pub struct ReportBuilder {
    sessions: usize,
    weeks: HashMap<NaiveDate, usize>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    /// Per family, with the position of its latest session.
    families: Vec<(FamilyBuilder, usize)>,
    family_at: HashMap<String, usize>,
}

impl ReportBuilder {
    /// Counts `record`, which must not be older than the sessions before.
    pub fn add(&mut self, record: &SessionSummary) {
        let date = session_date(record);
        self.first = Some(self.first.map_or(date, |f| f.min(date)));
        self.last = Some(self.last.map_or(date, |l| l.max(date)));
        *self.weeks.entry(week_start(date)).or_default() += 1;
        let family = record.deck.family();
        let at = match self.family_at.get(family) {
            Some(&at) => at,
            None => {
                self.family_at
                    .insert(family.to_owned(), self.families.len());
                self.families
                    .push((FamilyBuilder::new(family.to_owned()), 0));
                self.families.len() - 1
            }
        };
        let (builder, latest) = &mut self.families[at];
        builder.add(record);
        *latest = self.sessions;
        self.sessions += 1;
    }

    /// The report, with `today` for the streak.
    pub fn finish(mut self, today: NaiveDate) -> Report {
        let n = self.sessions;
        let (per_week, weekly) = match (self.first, self.last) {
            (Some(first), Some(last)) => {
                let (first_week, last_week) = (week_start(first), week_start(last));
                let spanned = (last_week - first_week).num_days() / 7 + 1;
                let shown = (spanned as usize).min(WEEKLY_WEEKS);
                let weekly = (0..shown)
                    .rev()
                    .map(|back| {
                        let week = last_week - Days::new(7 * back as u64);
                        (week, self.weeks.get(&week).copied().unwrap_or(0))
                    })
                    .collect();
                (n as f64 / spanned as f64, weekly)
            }
            _ => (0.0, Vec::new()),
        };
        self.families
            .sort_by_key(|&(_, latest)| std::cmp::Reverse(latest));
        Report {
            sessions: n,
            first: self.first,
            last: self.last,
            per_week,
            streak_weeks: streak(&self.weeks, today),
            weekly,
            families: self
                .families
                .into_iter()
                .map(|(builder, _)| builder.finish())
                .collect(),
        }
    }
}

/// The report of one family's sessions (oldest first). One pass.
pub fn family_report(family: String, sessions: &[&SessionSummary]) -> FamilyReport {
    let mut builder = FamilyBuilder::new(family);
    sessions.iter().for_each(|s| builder.add(s));
    builder.finish()
}

/// A [`FamilyReport`] built one session at a time (oldest first).
struct FamilyBuilder {
    family: String,
    sessions: usize,
    stage_index: StageIndex,
    stages: Vec<StageAcc>,
    talk_stages: Vec<TalkAcc>,
    shares: Vec<f64>,
    in_band: usize,
    flagged_sessions: usize,
    /// Planned seconds per stage band, summed by band: the round band of
    /// every stage seen.
    round_bands: HashMap<TalkBand, u64>,
    stage_records: usize,
    on_time: usize,
    commitments: CommitmentReport,
    mark_index: HashMap<String, usize>,
    mark_counts: Vec<(String, usize)>,
    scale_index: HashMap<String, usize>,
    scales: Vec<(String, Sums)>,
    heard: Sums,
    decks: Vec<String>,
    latest_deck: String,
}

impl FamilyBuilder {
    fn new(family: String) -> FamilyBuilder {
        FamilyBuilder {
            family,
            sessions: 0,
            stage_index: StageIndex::default(),
            stages: Vec::new(),
            talk_stages: Vec::new(),
            shares: Vec::new(),
            in_band: 0,
            flagged_sessions: 0,
            round_bands: HashMap::default(),
            stage_records: 0,
            on_time: 0,
            commitments: CommitmentReport {
                committed: 0,
                yes_without_date: 0,
                maybe: 0,
                no: 0,
                unanswered: 0,
                rate: None,
                maybe_rate: None,
            },
            mark_index: HashMap::default(),
            mark_counts: Vec::new(),
            scale_index: HashMap::default(),
            scales: Vec::new(),
            heard: Sums::default(),
            decks: Vec::new(),
            latest_deck: String::new(),
        }
    }

    fn add(&mut self, record: &SessionSummary) {
        self.sessions += 1;
        if !self.decks.contains(&record.deck.id) {
            self.decks.push(record.deck.id.clone());
        }
        record.deck.id.clone_into(&mut self.latest_deck);
        self.stage_index.add_record(record);
        let stage_count = self.stage_index.ids.len();
        self.stages.resize_with(stage_count, StageAcc::default);
        self.talk_stages.resize_with(stage_count, TalkAcc::default);
        for rated in session_ratings(record) {
            let acc = &mut self.stages[self.stage_index.index[rated.stage]];
            acc.scores.extend(rated.everyone.mean());
            acc.own.extend(rated.own.mean());
            acc.others.extend(rated.others.mean());
            if let Some(gap) = rated.calibration() {
                acc.calibration.add(gap);
            }
        }

        for stage in &record.stages {
            let acc = &mut self.talk_stages[self.stage_index.index[stage.id.as_str()]];
            acc.shares.extend(stage.organizer_share());
            push_band(&mut acc.bands, stage.planned_secs, stage.talk);
            *self.round_bands.entry(stage.talk).or_default() += stage.planned_secs;
        }
        if let Some(share) = talk_share(record) {
            self.shares.push(share);
            if let Some(verdict) = record.round_talk_band().map(|band| band.judge(share)) {
                self.in_band += usize::from(verdict == crate::deck::TalkVerdict::Within);
                self.flagged_sessions += usize::from(verdict.is_flagged());
            }
        }
        for stage in record.stages.iter().filter(|s| s.planned_secs > 0) {
            self.stage_records += 1;
            self.on_time += usize::from(on_plan(stage.planned_secs, stage.actual_secs));
        }

        let commitments = &mut self.commitments;
        match record.commitment.answer {
            _ if record.commitment.counts() => commitments.committed += 1,
            Some(Answer::Yes) => commitments.yes_without_date += 1,
            Some(Answer::Maybe) => commitments.maybe += 1,
            Some(Answer::No) => commitments.no += 1,
            None => commitments.unanswered += 1,
        }
        for mark in &record.marks {
            let i = match self.mark_index.get(&mark.label) {
                Some(&i) => i,
                None => {
                    self.mark_index
                        .insert(mark.label.clone(), self.mark_counts.len());
                    self.mark_counts.push((mark.label.clone(), 0));
                    self.mark_counts.len() - 1
                }
            };
            self.mark_counts[i].1 += mark.count as usize;
        }
        for shift in &record.scales {
            let i = match self.scale_index.get(&shift.scale) {
                Some(&i) => i,
                None => {
                    self.scale_index
                        .insert(shift.scale.clone(), self.scales.len());
                    self.scales.push((shift.scale.clone(), Sums::default()));
                    self.scales.len() - 1
                }
            };
            if shift.readings >= 2 {
                self.scales[i]
                    .1
                    .add(f64::from(shift.last) - f64::from(shift.first));
            }
        }
        for &score in &record.felt_heard {
            self.heard.add(f64::from(score));
        }
    }

    fn finish(self) -> FamilyReport {
        let n = self.sessions;
        let share_of = |part: usize, whole: usize| (whole > 0).then(|| part as f64 / whole as f64);
        let stages: Vec<StageReport> = self
            .stage_index
            .ids
            .iter()
            .zip(self.stages)
            .map(|(id, acc)| {
                let others = Trend::of(&acc.others, RATING_RESOLUTION);
                let own = Trend::of(&acc.own, RATING_RESOLUTION);
                let trend_from = if others.direction != Direction::Unknown {
                    Some(Raters::Others)
                } else if own.direction != Direction::Unknown {
                    Some(Raters::Own)
                } else {
                    None
                };
                let direction = match trend_from {
                    Some(Raters::Others) => others.direction,
                    Some(Raters::Own) => own.direction,
                    None => Direction::Unknown,
                };
                StageReport {
                    id: id.clone(),
                    rated_sessions: acc.scores.len(),
                    average: mean(&acc.scores),
                    recent: mean(tail(&acc.scores, RECENT_SESSIONS)),
                    slope: trend_from.and_then(|_| slope(tail(&acc.scores, SLOPE_SESSIONS))),
                    direction,
                    trend_from,
                    others,
                    own,
                    calibration: acc.calibration.mean(),
                }
            })
            .collect();
        let mut round_bands: Vec<(u64, TalkBand)> =
            self.round_bands.into_iter().map(|(b, s)| (s, b)).collect();
        round_bands.sort_by_key(|&(_, b)| (b.low, b.high));
        let band = TalkBand::for_round(round_bands);
        let shares = self.shares;
        let average = mean(&shares);
        let trend = Trend::of(&shares, 0.0);
        let talk = TalkReport {
            measured_sessions: shares.len(),
            average,
            band,
            flagged: average
                .zip(band)
                .is_some_and(|(a, b)| b.judge(a).is_flagged()),
            in_band: share_of(self.in_band, shares.len()),
            flagged_sessions: self.flagged_sessions,
            slope: (trend.direction != Direction::Unknown)
                .then(|| slope(tail(&shares, SLOPE_SESSIONS)))
                .flatten(),
            trend,
            stages: self
                .stage_index
                .ids
                .iter()
                .zip(self.talk_stages)
                .filter(|(_, acc)| !acc.bands.is_empty())
                .map(|(id, acc)| {
                    let average = mean(&acc.shares);
                    let band = TalkBand::for_round(acc.bands.iter().copied())
                        .or_else(|| acc.bands.first().map(|b| b.1));
                    StageTalk {
                        id: id.clone(),
                        measured: acc.shares.len(),
                        average,
                        band,
                        flagged: average
                            .zip(band)
                            .is_some_and(|(a, b)| b.judge(a).is_flagged()),
                    }
                })
                .collect(),
        };
        let mut commitments = self.commitments;
        commitments.rate = share_of(commitments.committed, n);
        commitments.maybe_rate = share_of(commitments.maybe, n);
        let mut mark_counts = self.mark_counts;
        mark_counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let focus = suggested_focus(&stages);
        FamilyReport {
            family: self.family,
            latest_deck: self.latest_deck,
            decks: self.decks,
            sessions: n,
            stages,
            talk,
            time_keeping: share_of(self.on_time, self.stage_records),
            commitments,
            marks: mark_counts
                .into_iter()
                .map(|(label, count)| MarkRate {
                    label,
                    per_session: count as f64 / n as f64,
                })
                .collect(),
            scales: self
                .scales
                .into_iter()
                .map(|(id, sums)| ScaleReport {
                    id,
                    rounds: sums.count,
                    mean_shift: sums.mean(),
                })
                .collect(),
            felt_heard: self.heard.mean(),
            focus,
        }
    }
}

/// Adds `planned` seconds of `band` to a stage's bands: one entry per
/// distinct band, so a stage's list stays as short as its deck's history.
fn push_band(bands: &mut Vec<(u64, TalkBand)>, planned: u64, band: TalkBand) {
    match bands.iter_mut().find(|(_, b)| *b == band) {
        Some(entry) => entry.0 = entry.0.saturating_add(planned),
        None => bands.push((planned, band)),
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
/// one score take part. Give it the stages of one family only.
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

/// The tips `deck` gives for `stage` (the deck compared, found by the
/// caller), empty when it has none.
pub fn focus_tips<'a>(deck: Option<&'a Deck>, stage: &str) -> &'a [String] {
    deck.and_then(|d| d.stage(stage))
        .map_or(&[], |s| s.tips.as_slice())
}

/// For each stage of `record`, the mean session score ([`stage_score`]) of
/// that stage in its organizer's `earlier` rounds of the same deck family
/// (`None` where there is none): the summary's "before" column. Another
/// family's stage of the same id is a different skill and is left out.
pub fn earlier_averages(earlier: &[SessionSummary], record: &SessionSummary) -> Vec<Option<f64>> {
    let filter = Filter {
        person: Some(record.people.organizer.clone()),
        family: Some(record.deck.family().to_owned()),
        ..Filter::default()
    };
    let theirs: Vec<&SessionSummary> = earlier.iter().filter(|s| filter.matches(s)).collect();
    record
        .stages
        .iter()
        .map(|stage| {
            let mut sums = Sums::default();
            theirs
                .iter()
                .filter_map(|s| stage_score(s, &stage.id))
                .for_each(|score| sums.add(score));
            sums.mean()
        })
        .collect()
}

/// Distinct organizers (compared like [`Filter::person`]), keyed by their
/// trimmed name as first seen.
fn organizer_keys<'a>(
    sessions: impl IntoIterator<Item = &'a SessionSummary>,
) -> (Vec<String>, HashMap<String, usize>) {
    let mut names = Vec::new();
    let mut index = HashMap::default();
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
pub fn organizers(sessions: &[SessionSummary]) -> Vec<String> {
    let (mut names, _) = organizer_keys(sessions);
    names.sort_by_cached_key(|name| (name.to_lowercase(), name.clone()));
    names
}

/// Every session score of `stage`, with the session's start. Give it the
/// sessions of one family only.
pub fn stage_series(sessions: &[SessionSummary], stage: &str) -> Vec<(DateTime<Utc>, f64)> {
    sessions
        .iter()
        .filter_map(|s| Some((s.started, stage_score(s, stage)?)))
        .collect()
}

/// Every measured talk share, with the session's start.
pub fn talk_series(sessions: &[SessionSummary]) -> Vec<(DateTime<Utc>, f64)> {
    sessions
        .iter()
        .filter_map(|s| Some((s.started, talk_share(s)?)))
        .collect()
}

/// For each organizer ([`organizers`] order), the average session score of
/// each stage in [`stage_order`] (`None` where they have no score). Give
/// it the sessions of one family only.
pub fn cohort(sessions: &[SessionSummary]) -> Vec<(String, Vec<Option<f64>>)> {
    cohort_of(&sessions.iter().collect::<Vec<_>>())
}

/// [`cohort`] over borrowed sessions.
pub fn cohort_of(sessions: &[&SessionSummary]) -> Vec<(String, Vec<Option<f64>>)> {
    let mut builder = CohortBuilder::default();
    sessions.iter().for_each(|s| builder.add(s));
    builder.finish().1
}

/// One organizer's row of the cohort table: their name and average score
/// per stage.
pub type CohortRow = (String, Vec<Option<f64>>);

/// The cohort table built one session at a time: per organizer, the sums
/// of their session scores per stage.
#[derive(Default)]
pub struct CohortBuilder {
    stages: StageIndex,
    names: Vec<String>,
    person_at: HashMap<String, usize>,
    sums: Vec<Vec<Sums>>,
}

impl CohortBuilder {
    /// Counts `record` (sessions oldest first).
    pub fn add(&mut self, record: &SessionSummary) {
        self.stages.add_record(record);
        let key = name_key(&record.people.organizer);
        if key.is_empty() {
            return;
        }
        let person = match self.person_at.get(&key) {
            Some(&person) => person,
            None => {
                self.person_at.insert(key, self.names.len());
                self.names.push(record.people.organizer.trim().to_owned());
                self.sums.push(Vec::new());
                self.names.len() - 1
            }
        };
        for rated in session_ratings(record) {
            if let Some(score) = rated.everyone.mean() {
                let row = &mut self.sums[person];
                let stage = self.stages.index[rated.stage];
                if row.len() <= stage {
                    row.resize(stage + 1, Sums::default());
                }
                row[stage].add(score);
            }
        }
    }

    /// The stage order ([`stage_order`]) and one row per organizer
    /// ([`organizers`] order) of average scores in that order.
    pub fn finish(self) -> (Vec<String>, Vec<CohortRow>) {
        let stages = self.stages.ids.len();
        let mut rows: Vec<CohortRow> = self
            .names
            .into_iter()
            .zip(self.sums)
            .map(|(name, mut row)| {
                row.resize(stages, Sums::default());
                (name, row.into_iter().map(Sums::mean).collect())
            })
            .collect();
        rows.sort_by_cached_key(|(name, _)| (name.to_lowercase(), name.clone()));
        (self.stages.ids, rows)
    }
}

#[cfg(test)]
mod tests;
