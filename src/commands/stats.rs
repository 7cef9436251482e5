//! `tandem stats`: the figures of [`crate::stats`] over every saved
//! session, as an aligned text report (one section per deck family) or as
//! JSON for tools.

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cli::{StatsArgs, StatsFormat};
use crate::deck::{DeckLibrary, TalkBand};
use crate::i18n::{self, words};
use crate::stats::{self, CALIBRATION_FLAG, FamilyReport, Filter, Report, ReportBuilder};
use crate::store::{Query, Store};
use crate::text::{fit_width, strip_controls};
use crate::tr;

/// Brings the index up to date, reports the unreadable files on stderr
/// (one line each) and prints the report over the summaries on stdout.
pub fn run(args: &StatsArgs, store: &Store, decks: &DeckLibrary) -> anyhow::Result<ExitCode> {
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
    let mut index = store.index();
    let (_, builder) = index.refresh_and_read(&mut |_| {}, |index| {
        let mut builder = ReportBuilder::default();
        index.for_each(&query, |summary| {
            if filter.matches(&summary) {
                builder.add(&summary);
            }
        })?;
        Ok(builder)
    })?;
    index.problems()?.iter().for_each(super::report_skipped);
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
        let _ = writeln!(out, "{}", tr!("stats-none", scope = scope));
        return out;
    };
    line(
        &mut out,
        &tr!("stats-sessions"),
        &format!("{}{scope}, {}", report.sessions, span(first, last)),
    );
    line(
        &mut out,
        &tr!("stats-per-week"),
        &i18n::decimal(report.per_week, 1),
    );
    line(
        &mut out,
        &tr!("stats-streak"),
        &tr!("stats-streak-weeks", count = report.streak_weeks),
    );
    if !report.weekly.is_empty() {
        let counts: Vec<String> = report.weekly.iter().map(|(_, n)| n.to_string()).collect();
        line(
            &mut out,
            &tr!("stats-weekly"),
            &tr!(
                "stats-weekly-counts",
                counts = counts.join(" "),
                from = i18n::date(report.weekly[0].0)
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
    let _ = writeln!(out, "{}", tr!("stats-legend"));
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
        tr!("stats-family-decks", decks = decks.join(", "))
    };
    let _ = writeln!(
        out,
        "{}",
        tr!(
            "stats-family",
            name = name,
            also = also,
            count = family.sessions
        )
    );
    stage_table(out, family);

    let talk = &family.talk;
    let band = |band: Option<TalkBand>| band.map_or_else(|| tr!("stats-no-band"), |b| b.label());
    match talk.average {
        Some(average) => {
            let verdict = talk
                .band
                .map(|b| b.judge(average))
                .map_or(String::new(), |v| {
                    format!(
                        ": {}{}",
                        words::verdict(v),
                        if v.is_flagged() { " !" } else { "" }
                    )
                });
            line(
                out,
                &tr!("stats-talk"),
                &tr!(
                    "stats-talk-average",
                    percent = percent(average),
                    band = band(talk.band),
                    verdict = verdict
                ),
            );
            line(
                out,
                "",
                &tr!(
                    "stats-talk-in-band",
                    share = talk.in_band.map_or("-".to_owned(), percent),
                    count = talk.measured_sessions,
                    flagged = talk.flagged_sessions
                ),
            );
            let trend = match talk.slope {
                Some(slope) => tr!(
                    "stats-talk-trend",
                    trend = words::trend_short(&talk.trend, 100.0, 0),
                    slope = words::signed(slope * 100.0, 1)
                ),
                None => tr!(
                    "stats-talk-trend-none",
                    trend = words::direction_sentence(talk.trend.direction)
                ),
            };
            line(out, "", &trend);
        }
        None => line(
            out,
            &tr!("stats-talk"),
            &tr!("stats-talk-not-measured", band = band(talk.band)),
        ),
    }
    for stage in &talk.stages {
        let share = match stage.average {
            Some(average) => format!(
                "{}{}",
                tr!(
                    "stats-stage-talk",
                    percent = percent(average),
                    band = band(stage.band)
                ),
                stage
                    .band
                    .filter(|_| stage.flagged)
                    .map_or(String::new(), |b| format!(
                        " ! {}",
                        words::verdict(b.judge(average))
                    ))
            ),
            None => tr!("stats-stage-not-measured", band = band(stage.band)),
        };
        line(
            out,
            &format!("  {}", strip_controls(&stage.id, false)),
            &share,
        );
    }

    line(
        out,
        &tr!("stats-time-keeping"),
        &family.time_keeping.map_or_else(
            || tr!("stats-no-planned-stages"),
            |t| tr!("stats-time-kept", percent = percent(t)),
        ),
    );
    let c = &family.commitments;
    if let (Some(rate), Some(maybe)) = (c.rate, c.maybe_rate) {
        line(
            out,
            &tr!("stats-commitments"),
            &tr!(
                "stats-committed",
                percent = percent(rate),
                committed = c.committed,
                sessions = family.sessions
            ),
        );
        line(
            out,
            "",
            &tr!(
                "stats-commitment-others",
                percent = percent(maybe),
                maybe = c.maybe,
                undated = c.yes_without_date,
                no = c.no,
                unanswered = c.unanswered
            ),
        );
    }
    for scale in &family.scales {
        let id = strip_controls(&scale.id, false);
        let value = match scale.mean_shift {
            Some(shift) => tr!(
                "stats-scale-shift",
                id = id,
                shift = format!(
                    "{}{}",
                    if shift < 0.0 { "-" } else { "+" },
                    i18n::decimal(shift.abs(), 1)
                ),
                count = scale.rounds
            ),
            None => tr!("stats-scale-none", id = id),
        };
        line(out, &tr!("stats-scale"), &value);
    }
    if let Some(heard) = family.felt_heard {
        line(
            out,
            &tr!("stats-felt-heard"),
            &tr!("stats-felt-heard-value", heard = i18n::decimal(heard, 1)),
        );
    }
    if family.marks.is_empty() {
        line(out, &tr!("stats-marks"), &tr!("stats-none-yet"));
    } else {
        line(out, &tr!("stats-marks"), "");
        for mark in &family.marks {
            let _ = writeln!(
                out,
                "  {}{}",
                fit_width(&strip_controls(&mark.label, false), LABEL + 8),
                i18n::decimal(mark.per_session, 2)
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
                &tr!("stats-focus"),
                &tr!(
                    "stats-focus-stage",
                    stage = strip_controls(&stage.id, false),
                    recent = number(stage.recent),
                    slope = stage
                        .slope
                        .map(|s| tr!("stats-focus-slope", slope = words::signed(s, 2)))
                        .unwrap_or_default()
                ),
            );
            for tip in tips {
                let _ = writeln!(out, "  • {}", strip_controls(&tip, false));
            }
        }
        None => line(out, &tr!("stats-focus"), &tr!("stats-focus-none")),
    }
}

/// The per-stage table of one family.
fn stage_table(out: &mut String, family: &FamilyReport) {
    let _ = writeln!(
        out,
        "{}{:>6}{:>8}{:>8}  {:<11}{:<11}{:>6}{:>12}",
        fit_width(&tr!("stats-col-stage"), STAGE),
        tr!("stats-col-rated"),
        tr!("stats-col-average"),
        tr!("stats-col-recent"),
        tr!("stats-col-others"),
        tr!("stats-col-self"),
        tr!("stats-col-slope"),
        tr!("stats-col-calibration")
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
            words::trend_short(&stage.others, 1.0, 2),
            words::trend_short(&stage.own, 1.0, 2),
            stage.slope.map_or("-".to_owned(), |s| words::signed(s, 2)),
            stage
                .calibration
                .map_or("-".to_owned(), |c| words::signed(c, 2))
        );
        let _ = writeln!(out, "{}", row.trim_end());
    }
}

/// " organized by Ana, with deck relational-1on1", or "".
fn scope(filter: &Filter, deck: Option<&str>) -> String {
    let mut scope = String::new();
    if let Some(person) = &filter.person {
        scope.push_str(&tr!(
            "stats-scope-person",
            person = strip_controls(person.trim(), false)
        ));
    }
    if let Some(deck) = deck {
        let sep = if scope.is_empty() { "" } else { "," };
        let deck = strip_controls(deck.trim(), false);
        scope.push_str(sep);
        scope.push_str(&tr!("stats-scope-deck", deck = deck.as_str()));
        if let Some(family) = filter.family.as_deref().filter(|f| *f != deck) {
            scope.push_str(&tr!(
                "stats-scope-family",
                family = strip_controls(family, false)
            ));
        }
    }
    scope
}

fn span(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        tr!("stats-span-one", day = i18n::date(first))
    } else {
        tr!(
            "stats-span",
            first = i18n::date(first),
            last = i18n::date(last)
        )
    }
}

fn number(value: Option<f64>) -> String {
    value.map_or("-".to_owned(), |v| i18n::decimal(v, 2))
}

fn percent(share: f64) -> String {
    tr!("stats-percent", percent = format!("{:.0}", share * 100.0))
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
