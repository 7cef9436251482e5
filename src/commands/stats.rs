//! `tandem stats`: the figures of [`crate::stats`] over every saved
//! session, as an aligned text report (one section per deck family) or as
//! JSON for tools.

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cli::{StatsArgs, StatsFormat};
use crate::deck::{DeckLibrary, TalkBand};
use crate::stats::{self, CALIBRATION_FLAG, FamilyReport, Filter, Report, ReportBuilder};
use crate::store::{Query, Store};
use crate::text::{fit_width, strip_controls};

/// Brings the index up to date, reports the unreadable files on stderr
/// (one line each) and prints the report over the summaries on stdout.
pub fn run(args: &StatsArgs, store: &Store, decks: &DeckLibrary) -> anyhow::Result<ExitCode> {
    let mut index = store.index();
    index.refresh(&mut |_| {})?;
    index.problems()?.iter().for_each(super::report_skipped);
    let deck = args.deck.as_deref().map(|id| {
        let found = decks.resolve(id.trim()).ok();
        (id, stats::family_of(id, found.as_ref().map(|d| &d.deck)))
    });
    let filter = Filter {
        person: args.person.clone(),
        family: deck.as_ref().map(|(_, family)| family.clone()),
        ..Filter::default()
    };
    // The index narrows by organizer and family; the filter decides.
    let query = Query {
        organizer_key: args.person.as_deref().map(stats::name_key),
        family: filter.family.clone(),
        latest: None,
    };
    let mut builder = ReportBuilder::default();
    index.for_each(&query, |summary| {
        if filter.matches(&summary) {
            builder.add(&summary);
        }
    })?;
    // "Today" is read here, at the edge, so that the statistics stay pure.
    // UTC, like every session date: the local zone (TZ) is never read.
    let today = chrono::Utc::now().date_naive();
    let report = builder.finish(today);
    let output = match args.format {
        StatsFormat::Text => {
            let tips = |family: &FamilyReport, stage: &str| -> Vec<String> {
                let found = decks.resolve(&family.latest_deck).ok();
                stats::focus_tips(found.as_ref().map(|d| &d.deck), stage).to_vec()
            };
            text(&report, &scope(&filter, args.deck.as_deref()), &tips)
        }
        StatsFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
    };
    // `tandem stats | head` is not an error: see `StdoutClosed`.
    super::print_out(&output)?;
    Ok(ExitCode::SUCCESS)
}

/// Width of the label column.
const LABEL: usize = 18;
/// Width of the stage column in the table.
const STAGE: usize = 16;

/// One aligned "label  value" line, trimmed at the end.
fn line(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(
        out,
        "{}",
        format!("{}{value}", fit_width(label, LABEL)).trim_end()
    );
}

/// The readable report: counts over everything, then one section per deck
/// family. `tips` gives the tips of a family's deck for a stage.
fn text(report: &Report, scope: &str, tips: &dyn Fn(&FamilyReport, &str) -> Vec<String>) -> String {
    let mut out = String::new();
    let Some((first, last)) = report.first.zip(report.last) else {
        let _ = writeln!(out, "No sessions{scope} yet.");
        return out;
    };
    line(
        &mut out,
        "Sessions",
        &format!("{}{scope}, {}", report.sessions, span(first, last)),
    );
    line(&mut out, "Per week", &format!("{:.1}", report.per_week));
    line(
        &mut out,
        "Streak",
        &format!(
            "{} week{} in a row",
            report.streak_weeks,
            plural(report.streak_weeks as usize)
        ),
    );
    if !report.weekly.is_empty() {
        let counts: Vec<String> = report.weekly.iter().map(|(_, n)| n.to_string()).collect();
        line(
            &mut out,
            "Weekly",
            &format!(
                "{}  (weeks from {}, oldest first)",
                counts.join(" "),
                report.weekly[0].0
            ),
        );
    }
    for family in &report.families {
        out.push('\n');
        family_section(
            &mut out,
            family,
            tips(family, family.focus.as_deref().unwrap_or("")),
        );
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "Each deck family (a deck's skill, else the deck) is counted on its own. Recent: the\n\
         last 5 sessions. Trends compare the last 5 rounds with the 5 before and say rising or\n\
         falling only beyond twice the difference's standard error (needs 10 rounds); the\n\
         partner's and observer's ratings (others) apart from the organizer's own (self).\n\
         Calibration: own rating minus others'; ! marks a gap over 1 point. Talk: ! marks a\n\
         share well outside its stage's band."
    );
    out
}

/// One deck family: its table, talk, time keeping, commitments, scales,
/// marks and focus.
fn family_section(out: &mut String, family: &FamilyReport, tips: Vec<String>) {
    let name = strip_controls(&family.family, false);
    let decks: Vec<String> = family
        .decks
        .iter()
        .map(|d| strip_controls(d, false))
        .collect();
    let also = if decks.len() == 1 && decks[0] == name {
        String::new()
    } else {
        format!(" (decks {})", decks.join(", "))
    };
    let _ = writeln!(
        out,
        "Deck {name}{also}: {} session{}",
        family.sessions,
        plural(family.sessions)
    );
    stage_table(out, family);

    let talk = &family.talk;
    let band = |band: Option<TalkBand>| band.map_or("no band".to_owned(), |b| b.label());
    match talk.average {
        Some(average) => {
            let verdict = talk
                .band
                .map(|b| b.judge(average))
                .map_or(String::new(), |v| {
                    format!(": {}{}", v.label(), if v.is_flagged() { " !" } else { "" })
                });
            line(
                out,
                "Talk share",
                &format!(
                    "{} organizer on average, round band {}{verdict}",
                    percent(average),
                    band(talk.band)
                ),
            );
            line(
                out,
                "",
                &format!(
                    "{} of {} measured session{} within their round's band, {} far outside",
                    talk.in_band.map_or("-".to_owned(), percent),
                    talk.measured_sessions,
                    plural(talk.measured_sessions),
                    talk.flagged_sessions
                ),
            );
            let trend = match talk.slope {
                Some(slope) => format!(
                    "trend {} (slope {} points per session over the last 10)",
                    talk.trend.short(100.0, 0),
                    stats::signed(slope * 100.0, 1)
                ),
                None => format!("trend: {}", talk.trend.direction.sentence()),
            };
            line(out, "", &trend);
        }
        None => line(
            out,
            "Talk share",
            &format!("not measured (round band {})", band(talk.band)),
        ),
    }
    for stage in &talk.stages {
        let share = match stage.average {
            Some(average) => format!(
                "{} (band {}){}",
                percent(average),
                band(stage.band),
                stage
                    .band
                    .filter(|_| stage.flagged)
                    .map_or(String::new(), |b| format!(
                        " ! {}",
                        b.judge(average).label()
                    ))
            ),
            None => format!("not measured (band {})", band(stage.band)),
        };
        line(
            out,
            &format!("  {}", strip_controls(&stage.id, false)),
            &share,
        );
    }

    line(
        out,
        "Time keeping",
        &family
            .time_keeping
            .map_or("no planned stages".to_owned(), |t| {
                format!("{} of stages within ±20% of plan", percent(t))
            }),
    );
    let c = &family.commitments;
    if let (Some(rate), Some(maybe)) = (c.rate, c.maybe_rate) {
        line(
            out,
            "Commitments",
            &format!(
                "{} of sessions ended in a yes with a date ({} of {})",
                percent(rate),
                c.committed,
                family.sessions
            ),
        );
        line(
            out,
            "",
            &format!(
                "maybe {} ({}); yes without a date {}, no {}, no answer {}",
                percent(maybe),
                c.maybe,
                c.yes_without_date,
                c.no,
                c.unanswered
            ),
        );
    }
    for scale in &family.scales {
        let id = strip_controls(&scale.id, false);
        let value = match scale.mean_shift {
            Some(shift) => format!(
                "{id}: mean shift {shift:+.1} over {} round{}",
                scale.rounds,
                plural(scale.rounds)
            ),
            None => format!("{id}: no round with two readings"),
        };
        line(out, "Scale", &value);
    }
    if let Some(heard) = family.felt_heard {
        line(
            out,
            "Felt heard",
            &format!("{heard:.1} of 5 (partner, mean)"),
        );
    }
    if family.marks.is_empty() {
        line(out, "Marks per session", "none");
    } else {
        line(out, "Marks per session", "");
        for mark in &family.marks {
            let _ = writeln!(
                out,
                "  {}{:.2}",
                fit_width(&strip_controls(&mark.label, false), LABEL + 8),
                mark.per_session
            );
        }
    }

    let focus = family
        .focus
        .as_deref()
        .and_then(|id| family.stages.iter().find(|s| s.id == id));
    match focus {
        Some(stage) => {
            line(
                out,
                "Suggested focus",
                &format!(
                    "{} (recent average {}{})",
                    strip_controls(&stage.id, false),
                    number(stage.recent),
                    stage
                        .slope
                        .map(|s| format!(", slope {}", stats::signed(s, 2)))
                        .unwrap_or_default()
                ),
            );
            for tip in tips {
                let _ = writeln!(out, "  • {}", strip_controls(&tip, false));
            }
        }
        None => line(out, "Suggested focus", "none yet (no ratings)"),
    }
}

/// The per-stage table of one family.
fn stage_table(out: &mut String, family: &FamilyReport) {
    let _ = writeln!(
        out,
        "{}{:>6}{:>8}{:>8}  {:<11}{:<11}{:>6}{:>12}",
        fit_width("Stage", STAGE),
        "Rated",
        "Average",
        "Recent",
        "By others",
        "By self",
        "Slope",
        "Calibration"
    );
    for stage in &family.stages {
        let flag = match stage.calibration {
            Some(c) if c.abs() > CALIBRATION_FLAG => " !",
            _ => "",
        };
        let row = format!(
            "{}{:>6}{:>8}{:>8}  {:<11}{:<11}{:>6}{:>12}{flag}",
            fit_width(&strip_controls(&stage.id, false), STAGE),
            stage.rated_sessions,
            number(stage.average),
            number(stage.recent),
            stage.others.short(1.0, 2),
            stage.own.short(1.0, 2),
            stage.slope.map_or("-".to_owned(), |s| stats::signed(s, 2)),
            stage
                .calibration
                .map_or("-".to_owned(), |c| stats::signed(c, 2))
        );
        let _ = writeln!(out, "{}", row.trim_end());
    }
}

/// " organized by Ana, with deck relational-1on1", or "".
fn scope(filter: &Filter, deck: Option<&str>) -> String {
    let mut scope = String::new();
    if let Some(person) = &filter.person {
        let _ = write!(
            scope,
            " organized by {}",
            strip_controls(person.trim(), false)
        );
    }
    if let Some(deck) = deck {
        let sep = if scope.is_empty() { "" } else { "," };
        let deck = strip_controls(deck.trim(), false);
        let _ = write!(scope, "{sep} with deck {deck}");
        if let Some(family) = filter.family.as_deref().filter(|f| *f != deck) {
            let _ = write!(scope, " (family {})", strip_controls(family, false));
        }
    }
    scope
}

fn span(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        format!("on {first}")
    } else {
        format!("{first} to {last}")
    }
}

fn number(value: Option<f64>) -> String {
    value.map_or("-".to_owned(), |v| format!("{v:.2}"))
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{
        CommitmentReport, Direction, MarkRate, Raters, ScaleReport, StageReport, StageTalk,
        TalkReport, Trend,
    };

    fn no_tips(_: &FamilyReport, _: &str) -> Vec<String> {
        Vec::new()
    }

    #[test]
    fn no_sessions_say_so_with_the_filter() {
        let empty = stats::report(&[], NaiveDate::from_ymd_opt(2026, 4, 7).unwrap());
        let filter = Filter {
            person: Some(" Ana\u{1b}[2J ".into()),
            family: Some("relational".into()),
            ..Filter::default()
        };
        assert_eq!(
            text(&empty, &scope(&filter, Some("quick-round")), &no_tips),
            "No sessions organized by Ana[2J, with deck quick-round (family relational) yet.\n"
        );
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    /// A trend by hand.
    fn trend(direction: Direction, change: Option<f64>) -> Trend {
        Trend {
            rounds: 12,
            direction,
            change,
            std_error: change.map(|_| 0.1),
        }
    }

    /// A report built by hand, to check the wording and the flags.
    fn sample() -> Report {
        let band = TalkBand { low: 15, high: 35 };
        Report {
            sessions: 7,
            first: Some(day(2)),
            last: Some(day(9)),
            per_week: 3.5,
            streak_weeks: 1,
            weekly: vec![(day(2), 3), (day(9), 4)],
            families: vec![FamilyReport {
                family: "relational".into(),
                decks: vec!["relational-1on1".into(), "relational-1on1-fr".into()],
                latest_deck: "relational-1on1".into(),
                sessions: 7,
                stages: vec![
                    StageReport {
                        id: "exploration".into(),
                        rated_sessions: 12,
                        average: Some(3.0),
                        recent: Some(3.4),
                        slope: Some(0.25),
                        direction: Direction::Rising,
                        trend_from: Some(Raters::Others),
                        others: trend(Direction::Rising, Some(0.8)),
                        own: trend(Direction::Steady, Some(0.1)),
                        calibration: Some(1.25),
                    },
                    StageReport {
                        id: "purpose".into(),
                        rated_sessions: 3,
                        average: Some(4.0),
                        recent: Some(4.0),
                        slope: None,
                        direction: Direction::Unknown,
                        trend_from: None,
                        others: trend(Direction::Unknown, None),
                        own: trend(Direction::Unknown, None),
                        calibration: None,
                    },
                ],
                talk: TalkReport {
                    measured_sessions: 7,
                    average: Some(0.6),
                    band: Some(TalkBand { low: 30, high: 50 }),
                    flagged: false,
                    in_band: Some(0.0),
                    flagged_sessions: 2,
                    slope: None,
                    trend: trend(Direction::Unknown, None),
                    stages: vec![
                        StageTalk {
                            id: "exploration".into(),
                            measured: 7,
                            average: Some(0.6),
                            band: Some(band),
                            flagged: true,
                        },
                        StageTalk {
                            id: "purpose".into(),
                            measured: 0,
                            average: None,
                            band: Some(TalkBand { low: 55, high: 85 }),
                            flagged: false,
                        },
                    ],
                },
                time_keeping: None,
                commitments: CommitmentReport {
                    committed: 2,
                    yes_without_date: 1,
                    maybe: 3,
                    no: 0,
                    unanswered: 1,
                    rate: Some(2.0 / 7.0),
                    maybe_rate: Some(3.0 / 7.0),
                },
                marks: vec![MarkRate {
                    label: "asked why".into(),
                    per_session: 1.5,
                }],
                scales: vec![ScaleReport {
                    id: "support".into(),
                    rounds: 12,
                    mean_shift: Some(1.8),
                }],
                felt_heard: Some(4.4),
                focus: Some("exploration".into()),
            }],
        }
    }

    #[test]
    fn wording_flags_and_alignment() {
        let tips = |family: &FamilyReport, stage: &str| {
            vec![format!("{} {stage} tip", family.latest_deck)]
        };
        let text = text(&sample(), "", &tips);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Sessions          7, 2026-03-02 to 2026-03-09");
        assert_eq!(lines[1], "Per week          3.5");
        assert_eq!(lines[2], "Streak            1 week in a row");
        assert_eq!(
            lines[3],
            "Weekly            3 4  (weeks from 2026-03-02, oldest first)"
        );
        assert_eq!(
            lines[5],
            "Deck relational (decks relational-1on1, relational-1on1-fr): 7 sessions"
        );
        // Both raters' trends; the sign agrees with the arrow; a gap of
        // more than one point between self and others is flagged.
        assert_eq!(
            lines[7],
            "exploration         12    3.00    3.40  ↑ +0.80    → steady    +0.25       +1.25 !"
        );
        // Too few rounds: no slope.
        assert_eq!(
            lines[8],
            "purpose              3    4.00    4.00  too few    too few         -           -"
        );
        // 60% against the round's 30–50%: 10 points over is "a little
        // high", not flagged.
        assert!(
            text.contains(
                "Talk share        60% organizer on average, round band 30–50%: a little high\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("trend: not enough rounds to tell\n"),
            "{text}"
        );
        assert!(
            text.contains("  exploration     60% (band 15–35%) ! far above the band\n"),
            "{text}"
        );
        assert!(
            text.contains("  purpose         not measured (band 55–85%)\n"),
            "{text}"
        );
        assert!(!text.contains("25–40"), "{text}");
        assert!(text.contains("Time keeping      no planned stages"));
        // 2/7 = 29%, 3/7 = 43%.
        assert!(
            text.contains(
                "Commitments       29% of sessions ended in a yes with a date (2 of 7)\n\
                 \x20                 maybe 43% (3); yes without a date 1, no 0, no answer 1\n"
            ),
            "{text}"
        );
        assert!(text.contains("Scale             support: mean shift +1.8 over 12 rounds\n"));
        assert!(
            text.contains("Felt heard        4.4 of 5 (partner, mean)\n"),
            "{text}"
        );
        assert!(text.contains("\n  asked why                 1.50\n"));
        assert!(text.contains(
            "Suggested focus   exploration (recent average 3.40, slope +0.25)\n  \
             • relational-1on1 exploration tip\n"
        ));
        assert!(text.lines().all(|l| l == l.trim_end()), "{text}");
    }
}
