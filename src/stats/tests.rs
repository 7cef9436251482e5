//! Every expected number here is worked out by hand in the comments, never
//! recomputed with the code under test.

use super::*;
use crate::practice::{Mark, People};
use crate::record::{
    Commitment, DeckRef, ParticipantFeedback, Rating, SCHEMA_VERSION, StageRecord,
};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Equal up to float rounding (every expected value below is exact to 1e-9).
#[track_caller]
fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!(
        (actual - expected).abs() < 1e-9,
        "got {actual}, expected {expected}"
    );
}

/// A bare session on `date` at 10:00 UTC: pair mode, deck relational-1on1,
/// no stages, ratings, marks or commitment.
fn session(date: &str, organizer: &str) -> SessionRecord {
    let started = day(date).and_hms_opt(10, 0, 0).unwrap().and_utc();
    SessionRecord {
        schema: SCHEMA_VERSION,
        plan: None,
        scales: Vec::new(),
        checks: Vec::new(),
        checked_by: None,
        id: format!("{date}-{organizer}"),
        mode: Mode::Pair,
        seed: 0,
        started,
        ended: started + chrono::Duration::minutes(30),
        persona: None,
        deck: DeckRef {
            skill: None,
            id: "relational-1on1".into(),
            version: 1,
        },
        people: People::pair(organizer, "Pat"),
        commitment: Commitment::default(),
        stages: Vec::new(),
        marks: Vec::new(),
        feedback: Vec::new(),
    }
}

/// Compact additions to a [`session`].
trait Build: Sized {
    /// A stage record: planned and actual seconds, then (organizer,
    /// partner) talk seconds.
    fn stage(self, id: &str, planned: u64, actual: u64, talk: (u64, u64)) -> Self;
    /// `role` rates `stage`'s items with `scores`.
    fn rate(self, role: Role, stage: &str, scores: &[u8]) -> Self;
    fn marks(self, labels: &[&str]) -> Self;
    fn commit(self, ask: &str, action: &str) -> Self;
    fn deck(self, id: &str) -> Self;
    fn mode(self, mode: Mode) -> Self;
}

impl Build for SessionRecord {
    fn stage(mut self, id: &str, planned: u64, actual: u64, talk: (u64, u64)) -> Self {
        self.stages.push(StageRecord {
            id: id.into(),
            talk: crate::deck::TalkBand::default_for(id),
            planned_secs: planned,
            actual_secs: actual,
            paused_secs: 0,
            organizer_talk_secs: talk.0,
            partner_talk_secs: talk.1,
            prompts_shown: Vec::new(),
        });
        self
    }

    fn rate(mut self, role: Role, stage: &str, scores: &[u8]) -> Self {
        let index = match self.feedback.iter().position(|f| f.role == role) {
            Some(index) => index,
            None => {
                self.feedback.push(ParticipantFeedback {
                    role,
                    name: role.label().into(),
                    what_worked: String::new(),
                    ..ParticipantFeedback::default()
                });
                self.feedback.len() - 1
            }
        };
        for &score in scores {
            self.feedback[index].ratings.push(Rating {
                stage: stage.into(),
                score,
            });
        }
        self
    }

    fn marks(mut self, labels: &[&str]) -> Self {
        for (i, label) in labels.iter().enumerate() {
            self.marks.push(Mark {
                kind: i,
                label: (*label).into(),
                stage: "exploration".into(),
                at_secs: 10 * i as u64,
                stage_secs: 10 * i as u64,
            });
        }
        self
    }

    fn commit(mut self, ask: &str, action: &str) -> Self {
        self.commitment.ask = ask.into();
        self.commitment.action = action.into();
        // Only a yes with a date counts: a builder's ask that got an
        // action got both.
        if !ask.trim().is_empty() && !action.trim().is_empty() {
            self.commitment.answer = Some(crate::record::Answer::Yes);
            self.commitment.date = Some(self.started.date_naive());
        }
        self
    }

    fn deck(mut self, id: &str) -> Self {
        self.deck.id = id.into();
        self
    }

    fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }
}

use Role::{Observer, Organizer, Partner};

/// Ana's six sessions, oldest first. 2026-03-02 is a Monday, so the weeks
/// are W1 = Mar 2 (S1, S2), W2 = Mar 9 (S3), W3 = Mar 16 (none),
/// W4 = Mar 23 (S4), W5 = Mar 30 (S5, S6).
///
/// Purpose scores per session (mean of everyone's ratings):
///   S1 2; S2 (4+4+1)/3 = 3; S3 (3+3+3)/3 = 3; S4 4; S5 (5+4+3)/3 = 4; S6 5.
/// Exploration: S1 (2+3)/2 = 2.5; S3 2; S6 3. Exchange: never rated.
/// Commitment: S2 3; S5 2.
fn ana() -> Vec<SessionRecord> {
    vec![
        // S1: talk organizer 30+20 = 50, partner 10+60 = 70.
        session("2026-03-02", "Ana")
            .stage("purpose", 100, 120, (30, 10))
            .stage("exploration", 100, 80, (20, 60))
            .stage("exchange", 100, 121, (0, 0))
            .stage("commitment", 100, 79, (0, 0))
            .rate(Organizer, "purpose", &[2])
            .rate(Organizer, "exploration", &[2])
            .rate(Partner, "exploration", &[3])
            .marks(&["asked why", "asked why", "shared a story"])
            .commit("Come on Thursday", "Yes, Thursday"),
        // S2: talk 10 / 40.
        session("2026-03-05", "Ana")
            .stage("purpose", 60, 60, (10, 30))
            .rate(Organizer, "purpose", &[4, 4])
            .rate(Partner, "purpose", &[1])
            .rate(Organizer, "commitment", &[3])
            .commit("Join the call", ""),
        // S3: no talk measured; a stage planned at 0 s.
        session("2026-03-10", "Ana")
            .mode(Mode::Triad)
            .stage("purpose", 60, 0, (0, 0))
            .stage("exploration", 0, 30, (0, 0))
            .rate(Organizer, "purpose", &[3])
            .rate(Partner, "purpose", &[3])
            .rate(Observer, "purpose", &[3])
            .rate(Organizer, "exploration", &[2])
            .marks(&["made the ask"])
            .commit("   ", "maybe"),
        // S4: talk 40 / 100.
        session("2026-03-24", "Ana")
            .stage("purpose", 200, 240, (40, 60))
            .rate(Partner, "purpose", &[4])
            .marks(&["asked why"])
            .commit("Host a house meeting", "Yes, in May"),
        // S5: talk 20 / 100.
        session("2026-03-31", "Ana")
            .mode(Mode::Triad)
            .stage("purpose", 200, 159, (20, 80))
            .rate(Organizer, "purpose", &[5])
            .rate(Partner, "purpose", &[4])
            .rate(Observer, "purpose", &[3])
            .rate(Partner, "commitment", &[2])
            .marks(&["shared a story"]),
        // S6: talk 30 / 100; the name differs only in case and spaces.
        session("2026-04-01", " ANA ")
            .stage("purpose", 50, 55, (30, 70))
            .rate(Organizer, "purpose", &[5])
            .rate(Organizer, "exploration", &[3])
            .commit("Call two neighbours", "Will call by Friday"),
    ]
}

/// Someone else, with another deck, in drill mode.
fn ben() -> SessionRecord {
    session("2026-03-10", "Ben")
        .deck("deep-canvass")
        .mode(Mode::Drill)
        .stage("rating", 60, 60, (10, 10))
        .rate(Organizer, "purpose", &[1])
        .rate(Observer, "purpose", &[3])
        .rate(Partner, "rating", &[4])
}

fn ids(sessions: &[SessionRecord], filter: &Filter) -> Vec<String> {
    sessions
        .iter()
        .filter(|s| filter.matches(s))
        .map(|s| s.id.clone())
        .collect()
}

#[test]
fn filter_by_person_deck_mode_and_dates() {
    let mut all = ana();
    all.push(ben());
    assert_eq!(ids(&all, &Filter::default()).len(), 7);

    // Trimmed and case-insensitive: " ana" finds "Ana" and " ANA ".
    let person = Filter {
        person: Some(" ana".into()),
        ..Filter::default()
    };
    assert_eq!(ids(&all, &person).len(), 6);
    assert!(!ids(&all, &person).contains(&ben().id));
    // The partner is not the person filtered on.
    let partner = Filter {
        person: Some("Pat".into()),
        ..Filter::default()
    };
    assert!(ids(&all, &partner).is_empty());

    let deck = Filter {
        deck: Some("deep-canvass".into()),
        ..Filter::default()
    };
    assert_eq!(ids(&all, &deck), [ben().id]);

    let triad = Filter {
        mode: Some(Mode::Triad),
        ..Filter::default()
    };
    assert_eq!(
        ids(&all, &triad),
        ["2026-03-10-Ana", "2026-03-31-Ana"].map(String::from)
    );

    // Both ends included: Mar 10 (S3 and Ben) and Mar 24 (S4); not Mar 5
    // or Mar 31.
    let dates = Filter {
        since: Some(day("2026-03-10")),
        until: Some(day("2026-03-24")),
        ..Filter::default()
    };
    assert_eq!(
        ids(&all, &dates),
        ["2026-03-10-Ana", "2026-03-24-Ana", "2026-03-10-Ben"].map(String::from)
    );

    // Conditions combine: Ana's triad sessions since Mar 11 → only S5.
    let combined = Filter {
        person: Some("ANA".into()),
        mode: Some(Mode::Triad),
        since: Some(day("2026-03-11")),
        ..Filter::default()
    };
    assert_eq!(ids(&all, &combined), ["2026-03-31-Ana"].map(String::from));
}

#[test]
fn a_session_counts_for_the_utc_date_of_its_start() {
    let mut late = session("2026-03-09", "Ana");
    late.started = day("2026-03-09").and_hms_opt(23, 59, 59).unwrap().and_utc();
    let until = Filter {
        until: Some(day("2026-03-09")),
        ..Filter::default()
    };
    assert!(until.matches(&late));
    late.started += chrono::Duration::seconds(1);
    assert!(!until.matches(&late));
}

#[test]
fn stage_score_is_the_mean_of_every_raters_ratings() {
    let s = ana();
    // S2 purpose: organizer 4 and 4, partner 1 → (4+4+1)/3 = 3 (each
    // rating weighs the same; a mean of the raters' means would give 2.5).
    close(stage_score(&s[1], "purpose"), 3.0);
    // S5 purpose: organizer 5, partner 4, observer 3 → 12/3 = 4.
    close(stage_score(&s[4], "purpose"), 4.0);
    // S1 exploration: organizer 2, partner 3 → 2.5.
    close(stage_score(&s[0], "exploration"), 2.5);
    // Nobody rated S1's exchange or S4's exploration.
    assert_eq!(stage_score(&s[0], "exchange"), None);
    assert_eq!(stage_score(&s[3], "exploration"), None);
}

#[test]
fn calibration_needs_both_the_self_rating_and_another() {
    let r = report(&ana(), day("2026-04-07"));
    // Purpose, sessions with both own and others' ratings:
    //   S2: own 4 − partner 1 = +3
    //   S3: own 3 − mean(3, 3) = 0
    //   S5: own 5 − mean(4, 3) = 5 − 3.5 = +1.5
    //   (S1 and S6 own only, S4 partner only: left out)
    //   mean (3 + 0 + 1.5) / 3 = 1.5
    close(r.stages[0].calibration, 1.5);
    // Exploration: only S1 has both: 2 − 3 = −1.
    close(r.stages[1].calibration, -1.0);
    // Commitment: S2 own only, S5 partner only → none.
    assert_eq!(r.stages[3].calibration, None);
}

#[test]
fn talk_share_and_the_band() {
    let s = ana();
    // S1: 50 / (50 + 70) = 5/12.
    close(talk_share(&s[0]), 5.0 / 12.0);
    // S3 measured no talk.
    assert_eq!(talk_share(&s[2]), None);
    // Both ends of the band are inside it.
    assert!(in_talk_band(0.25) && in_talk_band(0.40));
    assert!(!in_talk_band(0.2499) && !in_talk_band(0.4001));
    // 10/40 and 40/100 land exactly on the ends.
    close(talk_share(&s[1]), 0.25);
    close(talk_share(&s[3]), 0.40);

    let talk = report(&s, day("2026-04-07")).talk;
    // Shares: 5/12, 1/4, (S3 none), 2/5, 1/5, 3/10 → 5 measured.
    assert_eq!(talk.measured_sessions, 5);
    // Mean: 5/12 + 1/4 = 2/3; 2/5 + 1/5 + 3/10 = 9/10; 2/3 + 9/10 = 47/30;
    // / 5 = 47/150 = 0.31333…
    close(talk.average, 47.0 / 150.0);
    // In band [0.25, 0.40]: 1/4, 2/5, 3/10 → 3 of 5 (5/12 = 0.4167 is
    // above, 1/5 below).
    close(talk.in_band, 0.6);
    // Slope over x = 0..4 (x̄ = 2): Σ(x − x̄)·y = −2·5/12 − 1·1/4 + 0 +
    // 1·1/5 + 2·3/10 = (−50 − 15 + 12 + 36)/60 = −17/60; Σ(x − x̄)² = 10;
    // slope = −17/600 = −0.02833 per session.
    close(talk.slope, -17.0 / 600.0);
    // Five values are too few for a direction.
    assert_eq!(talk.direction, Direction::Unknown);
}

#[test]
fn time_keeping_counts_exactly_twenty_percent_as_on_time() {
    // Boundaries on a 100 s plan: 80 and 120 are in, 79 and 121 are out.
    assert!(on_plan(100, 120) && on_plan(100, 80) && on_plan(100, 100));
    assert!(!on_plan(100, 121) && !on_plan(100, 79));
    // Huge values do not overflow.
    assert!(on_plan(u64::MAX, u64::MAX));
    assert!(!on_plan(u64::MAX, 0));

    let r = report(&ana(), day("2026-04-07"));
    // Stage records with a plan above 0 (S3's exploration planned 0 is
    // left out):
    //   S1 purpose 120/100 in, exploration 80/100 in, exchange 121/100
    //      out, commitment 79/100 out
    //   S2 60/60 in; S3 0/60 out; S4 240/200 (+20%) in;
    //   S5 159/200 (−20.5%) out; S6 55/50 (+10%) in
    //   → 5 of 9.
    close(r.time_keeping, 5.0 / 9.0);
}

#[test]
fn commitment_rate_needs_an_ask_and_an_agreement() {
    let r = report(&ana(), day("2026-04-07"));
    // S1 yes; S2 nothing agreed; S3 blank ask; S4 yes; S5 neither; S6 yes
    // → 3 of 6.
    close(r.commitment_rate, 0.5);
}

#[test]
fn marks_per_session_by_label_in_first_seen_order() {
    let r = report(&ana(), day("2026-04-07"));
    // "asked why": S1 ×2 + S4 = 3 → 3/6; "shared a story": S1 + S5 = 2 →
    // 2/6; "made the ask": S3 = 1 → 1/6. Sessions without marks count.
    let labels: Vec<&str> = r.marks.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["asked why", "shared a story", "made the ask"]);
    close(Some(r.marks[0].per_session), 0.5);
    close(Some(r.marks[1].per_session), 2.0 / 6.0);
    close(Some(r.marks[2].per_session), 1.0 / 6.0);
}

#[test]
fn stage_averages_trends_and_order() {
    let r = report(&ana(), day("2026-04-07"));
    assert_eq!(r.sessions, 6);
    let order: Vec<&str> = r.stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(order, ["purpose", "exploration", "exchange", "commitment"]);

    let purpose = &r.stages[0];
    // Scores 2, 3, 3, 4, 4, 5.
    assert_eq!(purpose.rated_sessions, 6);
    // Mean 21/6 = 3.5; recent = last five 3+3+4+4+5 = 19 / 5 = 3.8.
    close(purpose.average, 3.5);
    close(purpose.recent, 3.8);
    // Slope over x = 0..5: x̄ = 2.5, ȳ = 3.5;
    //   x − x̄: −2.5 −1.5 −0.5 0.5 1.5 2.5
    //   y − ȳ: −1.5 −0.5 −0.5 0.5 0.5 1.5
    //   Σ products = 3.75 + 0.75 + 0.25 + 0.25 + 0.75 + 3.75 = 9.5
    //   Σ (x − x̄)² = 6.25 + 2.25 + 0.25 + 0.25 + 2.25 + 6.25 = 17.5
    //   slope = 9.5 / 17.5 = 19/35 = 0.542857…
    close(purpose.slope, 19.0 / 35.0);
    // Last three mean 13/3 − three before 8/3 = 5/3 ≥ 0.5 → rising.
    assert_eq!(purpose.direction, Direction::Rising);

    let exploration = &r.stages[1];
    // Scores 2.5, 2, 3: mean 7.5/3 = 2.5 (all are recent);
    // slope: x̄ = 1, ȳ = 2.5, Σ = (−1)(0) + 0 + (1)(0.5) = 0.5, Σx² = 2
    // → 0.25.
    assert_eq!(exploration.rated_sessions, 3);
    close(exploration.average, 2.5);
    close(exploration.recent, 2.5);
    close(exploration.slope, 0.25);
    assert_eq!(exploration.direction, Direction::Unknown);

    // Exchange has stage records but no rating.
    let exchange = &r.stages[2];
    assert_eq!(exchange.rated_sessions, 0);
    assert_eq!(
        (exchange.average, exchange.recent, exchange.slope),
        (None, None, None)
    );

    let commitment = &r.stages[3];
    // Scores 3, 2: mean 2.5; slope with two points = 2 − 3 = −1.
    close(commitment.average, 2.5);
    close(commitment.recent, 2.5);
    close(commitment.slope, -1.0);

    // Exploration and commitment tie at a recent 2.5; commitment's slope
    // −1 is lower than exploration's 0.25 → commitment.
    assert_eq!(r.focus.as_deref(), Some("commitment"));
}

#[test]
fn recent_and_slope_use_only_the_latest_sessions() {
    // Purpose scores 1,1,1,1,1,1,5,5,5,5,5,5 (12 sessions, one a week).
    let sessions: Vec<SessionRecord> = (0..12)
        .map(|i| {
            let date = day("2026-01-05") + Days::new(7 * i);
            let score = if i < 6 { 1 } else { 5 };
            session(&date.to_string(), "Ana").rate(Organizer, "purpose", &[score])
        })
        .collect();
    let purpose = report(&sessions, day("2026-04-07")).stages.remove(0);
    // Mean of all: (6 + 30)/12 = 3. Recent: last five are all 5.
    close(purpose.average, 3.0);
    close(purpose.recent, 5.0);
    // Slope over the last ten: 1,1,1,1,5,5,5,5,5,5 at x = 0..9, x̄ = 4.5,
    // ȳ = 3.4. Σ(x − x̄)y: the 1s at x 0..3 give (−4.5 −3.5 −2.5 −1.5)·1
    // = −12; the 5s at x 4..9 give (−0.5 +0.5 +1.5 +2.5 +3.5 +4.5)·5 = 60;
    // total 48. Σ(x − x̄)² = 2·(0.25 + 2.25 + 6.25 + 12.25 + 20.25) = 82.5.
    // slope = 48 / 82.5 = 0.581818… (over all twelve: x̄ = 5.5, Σ(x − x̄)y =
    // −18 + 90 = 72, Σ(x − x̄)² = 143 → 0.5035, so the window matters).
    close(purpose.slope, 48.0 / 82.5);
    // Last three 5s − the three before (also 5s) = 0 → steady, although
    // the series as a whole went up.
    assert_eq!(purpose.direction, Direction::Steady);
}

#[test]
fn streak_weeks_counts_back_from_this_week_or_the_last() {
    let s = ana();
    // Weeks with sessions: W1 Mar 2, W2 Mar 9, W4 Mar 23, W5 Mar 30; W3
    // Mar 16 is a gap.
    // Today Thu Apr 2 is in W5: W5, W4, then the gap → 2.
    assert_eq!(report(&s, day("2026-04-02")).streak_weeks, 2);
    // Today Tue Apr 7 (week of Apr 6, nothing yet): count from W5 → 2.
    assert_eq!(report(&s, day("2026-04-07")).streak_weeks, 2);
    // Sunday Apr 5 still belongs to W5.
    assert_eq!(report(&s, day("2026-04-05")).streak_weeks, 2);
    // Today Apr 14: neither this week nor last week has a session → 0.
    assert_eq!(report(&s, day("2026-04-14")).streak_weeks, 0);
    // Today in the gap week (Wed Mar 18): W3 has none, count from W2:
    // W2, W1 → 2.
    assert_eq!(report(&s, day("2026-03-18")).streak_weeks, 2);
    // Three weeks in a row: the first three sessions plus one on Mar 17.
    let mut three = s[..3].to_vec();
    three.push(session("2026-03-17", "Ana"));
    assert_eq!(report(&three, day("2026-03-20")).streak_weeks, 3);
}

#[test]
fn per_week_and_weekly_include_empty_weeks() {
    let r = report(&ana(), day("2026-04-07"));
    assert_eq!(r.first, Some(day("2026-03-02")));
    assert_eq!(r.last, Some(day("2026-04-01")));
    // Weeks Mar 2 … Mar 30 inclusive = 5; 6 sessions / 5 = 1.2.
    close(Some(r.per_week), 1.2);
    assert_eq!(
        r.weekly,
        [
            (day("2026-03-02"), 2),
            (day("2026-03-09"), 1),
            (day("2026-03-16"), 0),
            (day("2026-03-23"), 1),
            (day("2026-03-30"), 2),
        ]
    );

    // One session, even on a Sunday: one week, one per week.
    let one = report(&[session("2026-03-08", "Ana")], day("2026-03-08"));
    close(Some(one.per_week), 1.0);
    assert_eq!(one.weekly, [(day("2026-03-02"), 1)]);
}

#[test]
fn weekly_keeps_only_the_last_26_weeks() {
    // Mon Jan 5 and Mon Aug 3 2026 are 210 days = 30 weeks apart, so 31
    // weeks are spanned: 2 sessions / 31 weeks.
    let s = [session("2026-01-05", "Ana"), session("2026-08-03", "Ana")];
    let r = report(&s, day("2026-08-03"));
    close(Some(r.per_week), 2.0 / 31.0);
    // The last 26 weeks run from Aug 3 − 25 weeks = Feb 9 to Aug 3; the
    // January session falls outside.
    assert_eq!(r.weekly.len(), 26);
    assert_eq!(r.weekly[0], (day("2026-02-09"), 0));
    assert_eq!(r.weekly[25], (day("2026-08-03"), 1));
    assert_eq!(r.weekly.iter().map(|w| w.1).sum::<usize>(), 1);
    assert_eq!(r.streak_weeks, 1);
}

fn stage_with(id: &str, recent: Option<f64>, slope: Option<f64>) -> StageReport {
    StageReport {
        id: id.into(),
        rated_sessions: usize::from(recent.is_some()),
        average: recent,
        recent,
        slope,
        direction: Direction::Unknown,
        calibration: None,
    }
}

#[test]
fn focus_is_the_lowest_recent_then_the_lower_slope() {
    let unrated = stage_with("exchange", None, None);
    let a = stage_with("a", Some(2.5), Some(0.25));
    // No slope counts as 0, which is lower than 0.25.
    let b = stage_with("b", Some(2.5), None);
    // A falling stage at the same level beats both.
    let c = stage_with("c", Some(2.5), Some(-0.1));
    // A lower recent wins whatever its slope.
    let d = stage_with("d", Some(2.4), Some(1.0));

    let focus = |stages: &[&StageReport]| {
        suggested_focus(&stages.iter().map(|&s| s.clone()).collect::<Vec<_>>())
    };
    assert_eq!(focus(&[&unrated]), None);
    assert_eq!(focus(&[&unrated, &a]).as_deref(), Some("a"));
    assert_eq!(focus(&[&a, &b]).as_deref(), Some("b"));
    assert_eq!(focus(&[&b, &a]).as_deref(), Some("b"));
    assert_eq!(focus(&[&a, &b, &c]).as_deref(), Some("c"));
    assert_eq!(focus(&[&a, &c, &d, &b]).as_deref(), Some("d"));
    // A full tie keeps the earlier stage.
    let b2 = stage_with("b2", Some(2.5), Some(0.0));
    assert_eq!(focus(&[&b, &b2]).as_deref(), Some("b"));
    assert_eq!(focus(&[&b2, &b]).as_deref(), Some("b2"));
}

#[test]
fn direction_thresholds() {
    let step = RATING_TREND_STEP;
    // 1.5 − 1 = exactly 0.5 → rising; −0.5 → falling.
    assert_eq!(
        Direction::of(&[1.0, 1.0, 1.0, 1.5, 1.5, 1.5], step),
        Direction::Rising
    );
    assert_eq!(
        Direction::of(&[2.0, 2.0, 2.0, 1.5, 1.5, 1.5], step),
        Direction::Falling
    );
    // (1.4 + 1.5 + 1.5)/3 − 1 = 0.4667 → steady; so is −0.4667.
    assert_eq!(
        Direction::of(&[1.0, 1.0, 1.0, 1.4, 1.5, 1.5], step),
        Direction::Steady
    );
    assert_eq!(
        Direction::of(&[1.4, 1.5, 1.5, 1.0, 1.0, 1.0], step),
        Direction::Steady
    );
    // Five values are too few.
    assert_eq!(
        Direction::of(&[1.0, 1.0, 5.0, 5.0, 5.0], step),
        Direction::Unknown
    );
    // Only the last six count: 9,9,9 before them is ignored → steady.
    assert_eq!(
        Direction::of(&[9.0, 9.0, 9.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], step),
        Direction::Steady
    );
    // Talk share uses 0.05: 0.35 − 0.30 = 0.05 → rising (although in
    // floating point 0.35 − 0.30 is a hair under 0.05); 0.34 − 0.30 =
    // 0.04 → steady; 0.25 − 0.30 = −0.05 → falling.
    let talk = TALK_TREND_STEP;
    assert_eq!(
        Direction::of(&[0.30, 0.30, 0.30, 0.35, 0.35, 0.35], talk),
        Direction::Rising
    );
    assert_eq!(
        Direction::of(&[0.30, 0.30, 0.30, 0.34, 0.34, 0.34], talk),
        Direction::Steady
    );
    assert_eq!(
        Direction::of(&[0.30, 0.30, 0.30, 0.25, 0.25, 0.25], talk),
        Direction::Falling
    );
}

#[test]
fn slope_by_hand() {
    assert_eq!(slope(&[]), None);
    assert_eq!(slope(&[4.0]), None);
    // Two points: the difference.
    close(slope(&[1.0, 3.0]), 2.0);
    close(slope(&[3.0, 3.0, 3.0]), 0.0);
    // 2,3,3,4,4,5: 9.5 / 17.5 (see stage_averages_trends_and_order).
    close(slope(&[2.0, 3.0, 3.0, 4.0, 4.0, 5.0]), 19.0 / 35.0);
    // 5,1,3 at x = 0,1,2: x̄ = 1, ȳ = 3; Σ = (−1)(2) + 0 + (1)(0) = −2;
    // Σx² = 2 → −1.
    close(slope(&[5.0, 1.0, 3.0]), -1.0);
}

#[test]
fn organizers_series_and_cohort() {
    let mut all = ana();
    all.push(ben());
    // "Ana", " ANA " are one person, shown as first seen.
    assert_eq!(organizers(&all), ["Ana", "Ben"]);
    assert_eq!(
        organizers(&[session("2026-03-02", "zoë"), session("2026-03-02", "Ana")]),
        ["Ana", "zoë"]
    );
    assert!(organizers(&[session("2026-03-02", "  ")]).is_empty());

    // Ben's "rating" stage is seen last.
    assert_eq!(
        stage_order(&all),
        ["purpose", "exploration", "exchange", "commitment", "rating"]
    );

    let s = ana();
    let exploration = stage_series(&s, "exploration");
    assert_eq!(
        exploration,
        [
            (s[0].started, 2.5),
            (s[2].started, 2.0),
            (s[5].started, 3.0)
        ]
    );
    let talk: Vec<f64> = talk_series(&s).into_iter().map(|(_, v)| v).collect();
    assert_eq!(talk.len(), 5);
    close(Some(talk[1]), 0.25);

    // Ana: purpose 3.5, exploration 2.5, exchange none, commitment 2.5,
    // rating none. Ben: purpose (1+3)/2 = 2, rating 4.
    assert_eq!(
        cohort(&all),
        [
            (
                "Ana".to_owned(),
                vec![Some(3.5), Some(2.5), None, Some(2.5), None]
            ),
            (
                "Ben".to_owned(),
                vec![Some(2.0), None, None, None, Some(4.0)]
            ),
        ]
    );
}

#[test]
fn no_sessions_give_no_figures_and_no_panic() {
    let r = report(&[], day("2026-04-07"));
    assert_eq!(r.sessions, 0);
    assert_eq!((r.first, r.last), (None, None));
    assert_eq!(r.per_week, 0.0);
    assert_eq!(r.streak_weeks, 0);
    assert!(r.stages.is_empty() && r.marks.is_empty() && r.weekly.is_empty());
    assert_eq!(r.talk.measured_sessions, 0);
    assert_eq!(
        (r.talk.average, r.talk.slope, r.talk.in_band),
        (None, None, None)
    );
    assert_eq!(r.talk.direction, Direction::Unknown);
    assert_eq!((r.time_keeping, r.commitment_rate), (None, None));
    assert_eq!(r.focus, None);
    assert!(organizers(&[]).is_empty() && cohort(&[]).is_empty());
    assert!(stage_order(&[]).is_empty() && talk_series(&[]).is_empty());

    // Sessions with nothing measured: counts only.
    let bare = report(&[session("2026-03-02", "Ana")], day("2026-03-02"));
    assert_eq!(bare.sessions, 1);
    assert_eq!(bare.time_keeping, None);
    close(bare.commitment_rate, 0.0);
    assert_eq!(bare.focus, None);
    assert_eq!(bare.streak_weeks, 1);
}

#[test]
fn the_report_serializes_for_tools() {
    let r = report(&ana(), day("2026-04-07"));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["sessions"], 6);
    assert_eq!(json["first"], "2026-03-02");
    assert_eq!(json["stages"][0]["direction"], "rising");
    assert_eq!(json["weekly"][2], serde_json::json!(["2026-03-16", 0]));
    assert_eq!(json["focus"], "commitment");
    assert!(json["stages"][2]["average"].is_null());
}
