//! `tandem stats`: the figures of [`crate::stats`] over every saved
//! session, as an aligned text report or as JSON for tools.

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cli::{StatsArgs, StatsFormat};
use crate::stats::{self, CALIBRATION_FLAG, Filter, Report, TALK_BAND, TALK_FLAG};
use crate::store::Store;
use crate::text::{fit_width, strip_controls};

/// Reads every session, reports the unreadable ones on stderr (one line
/// each) and prints the report on stdout.
pub fn run(args: &StatsArgs, store: &Store) -> anyhow::Result<ExitCode> {
    let scan = store.load_sessions();
    scan.problems.iter().for_each(super::report_skipped);
    let filter = Filter {
        person: args.person.clone(),
        deck: args.deck.clone(),
        ..Filter::default()
    };
    let mut sessions = scan.sessions;
    sessions.retain(|s| filter.matches(s));
    // "Today" is read here, at the edge, so that the statistics stay pure.
    // UTC, like every session date: the local zone (TZ) is never read.
    let today = chrono::Utc::now().date_naive();
    let report = stats::report(&sessions, today);
    let output = match args.format {
        StatsFormat::Text => text(&report, &filter),
        StatsFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
    };
    // `tandem stats | head` is not an error: see `StdoutClosed`.
    super::print_out(&output)?;
    Ok(ExitCode::SUCCESS)
}

/// Width of the label column.
const LABEL: usize = 18;
/// Width of the stage column in the table.
const STAGE: usize = 18;

/// The readable report.
fn text(report: &Report, filter: &Filter) -> String {
    let mut out = String::new();
    let scope = scope(filter);
    let Some((first, last)) = report.first.zip(report.last) else {
        let _ = writeln!(out, "No sessions{scope} yet.");
        return out;
    };
    let line = |out: &mut String, label: &str, value: &str| {
        let _ = writeln!(
            out,
            "{}",
            format!("{}{value}", fit_width(label, LABEL)).trim_end()
        );
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

    out.push('\n');
    stage_table(&mut out, report);

    out.push('\n');
    let talk = &report.talk;
    let (low, high) = (percent(TALK_BAND.0), percent(TALK_BAND.1));
    match (talk.average, talk.in_band) {
        (Some(average), Some(in_band)) => {
            let warning = if average > TALK_FLAG {
                " (above 50%: listen more)"
            } else {
                ""
            };
            line(
                &mut out,
                "Talk share",
                &format!(
                    "{} organizer on average{warning}, target {low}–{high}",
                    percent(average)
                ),
            );
            line(
                &mut out,
                "",
                &format!(
                    "{} of {} measured session{} in the target band",
                    percent(in_band),
                    talk.measured_sessions,
                    plural(talk.measured_sessions)
                ),
            );
            line(
                &mut out,
                "",
                &format!(
                    "trend {} {}{}",
                    talk.direction.arrow(),
                    talk.direction.label(),
                    talk.slope
                        .map(|s| format!(", {:+.1} points per session", s * 100.0))
                        .unwrap_or_default()
                ),
            );
        }
        _ => line(
            &mut out,
            "Talk share",
            &format!("not measured (target {low}–{high})"),
        ),
    }
    line(
        &mut out,
        "Time keeping",
        &report
            .time_keeping
            .map_or("no planned stages".to_owned(), |t| {
                format!("{} of stages within ±20% of plan", percent(t))
            }),
    );
    line(
        &mut out,
        "Commitments",
        &report.commitment_rate.map_or(String::new(), |c| {
            format!(
                "{} of sessions ended with an ask made and agreed",
                percent(c)
            )
        }),
    );
    if report.marks.is_empty() {
        line(&mut out, "Marks per session", "none");
    } else {
        line(&mut out, "Marks per session", "");
        for mark in &report.marks {
            let _ = writeln!(
                out,
                "  {}{:.2}",
                fit_width(&mark.label, LABEL + 8),
                mark.per_session
            );
        }
    }

    out.push('\n');
    let focus = report
        .focus
        .as_deref()
        .and_then(|id| report.stages.iter().find(|s| s.id == id));
    match focus {
        Some(stage) => line(
            &mut out,
            "Suggested focus",
            &format!(
                "{} (recent average {}{})",
                stage.id,
                number(stage.recent),
                stage
                    .slope
                    .map(|s| format!(", slope {s:+.2}"))
                    .unwrap_or_default()
            ),
        ),
        None => line(&mut out, "Suggested focus", "none yet (no ratings)"),
    }
    out
}

/// The per-stage table with its legend.
fn stage_table(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "{}{:>5}{:>9}{:>8}  {:<16}{:>11}",
        fit_width("Stage", STAGE),
        "Rated",
        "Average",
        "Recent",
        "Trend",
        "Calibration"
    );
    for stage in &report.stages {
        let trend = format!(
            "{} {:<8}{:>6}",
            stage.direction.arrow(),
            stage.direction.label(),
            stage.slope.map_or("-".to_owned(), |s| format!("{s:+.2}"))
        );
        let flag = match stage.calibration {
            Some(c) if c.abs() > CALIBRATION_FLAG => " !",
            _ => "",
        };
        let row = format!(
            "{}{:>5}{:>9}{:>8}  {:<16}{:>11}{flag}",
            fit_width(&stage.id, STAGE),
            stage.rated_sessions,
            number(stage.average),
            number(stage.recent),
            trend,
            stage
                .calibration
                .map_or("-".to_owned(), |c| format!("{c:+.2}"))
        );
        let _ = writeln!(out, "{}", row.trim_end());
    }
    let _ = writeln!(
        out,
        "Recent: the last 5 sessions. Trend: the last three sessions against the three \
         before\n(needs six), and the slope per session over the last 10. Calibration: the \
         organizer's\nown rating minus the partner's and observer's; ! marks a gap over 1 point."
    );
}

/// " organized by Ana, deck relational-1on1", or "".
fn scope(filter: &Filter) -> String {
    let mut scope = String::new();
    if let Some(person) = &filter.person {
        let _ = write!(
            scope,
            " organized by {}",
            strip_controls(person.trim(), false)
        );
    }
    if let Some(deck) = &filter.deck {
        let sep = if scope.is_empty() { "" } else { "," };
        let _ = write!(
            scope,
            "{sep} with deck {}",
            strip_controls(deck.trim(), false)
        );
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
    use crate::stats::{Direction, MarkRate, StageReport, TalkReport};

    #[test]
    fn no_sessions_say_so_with_the_filter() {
        let empty = stats::report(&[], NaiveDate::from_ymd_opt(2026, 4, 7).unwrap());
        let filter = Filter {
            person: Some(" Ana\u{1b}[2J ".into()),
            deck: Some("quick-round".into()),
            ..Filter::default()
        };
        assert_eq!(
            text(&empty, &filter),
            "No sessions organized by Ana[2J, with deck quick-round yet.\n"
        );
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    /// A report built by hand, to check the wording and the flags.
    fn sample() -> Report {
        Report {
            sessions: 7,
            first: Some(day(2)),
            last: Some(day(9)),
            per_week: 3.5,
            streak_weeks: 1,
            stages: vec![StageReport {
                id: "exploration".into(),
                rated_sessions: 7,
                average: Some(3.0),
                recent: Some(3.4),
                slope: Some(0.25),
                direction: Direction::Rising,
                calibration: Some(1.25),
            }],
            talk: TalkReport {
                measured_sessions: 7,
                average: Some(0.6),
                slope: Some(-0.02),
                direction: Direction::Falling,
                in_band: Some(0.0),
            },
            time_keeping: None,
            commitment_rate: Some(1.0),
            marks: vec![MarkRate {
                label: "asked why".into(),
                per_session: 1.5,
            }],
            focus: Some("exploration".into()),
            weekly: vec![(day(2), 3), (day(9), 4)],
        }
    }

    #[test]
    fn wording_flags_and_alignment() {
        let text = text(&sample(), &Filter::default());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Sessions          7, 2026-03-02 to 2026-03-09");
        assert_eq!(lines[1], "Per week          3.5");
        assert_eq!(lines[2], "Streak            1 week in a row");
        assert_eq!(
            lines[3],
            "Weekly            3 4  (weeks from 2026-03-02, oldest first)"
        );
        // A gap of more than one point between self and others is flagged.
        assert_eq!(
            lines[6],
            "exploration           7     3.00    3.40  ↑ rising   +0.25      +1.25 !"
        );
        // Above half the talk gets a warning; the slope reads in points.
        assert!(text.contains("60% organizer on average (above 50%: listen more)"));
        assert!(text.contains("trend ↓ falling, -2.0 points per session"));
        assert!(text.contains("Time keeping      no planned stages"));
        assert!(text.contains("\n  asked why                 1.50\n"));
        assert!(
            text.ends_with("Suggested focus   exploration (recent average 3.40, slope +0.25)\n")
        );
        assert!(text.lines().all(|l| l == l.trim_end()), "{text}");
    }
}
