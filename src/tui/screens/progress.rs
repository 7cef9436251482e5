//! Progress for one organizer or the whole cohort: ratings per stage and
//! talk share over time, sessions per week, calibration, the suggested
//! focus with its tips, and a cohort table for coaches.

use std::borrow::Cow;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Cell, Chart, Dataset, GraphType, Paragraph, Row, Sparkline, Table, Wrap,
};

use crate::deck::{Deck, DeckLibrary};
use crate::record::SessionRecord;
use crate::stats::{self, Direction, Filter, Report, TALK_BAND};
use crate::text::fit_width;
use crate::tui::action::Action;
use crate::tui::keys::{Binding, Key, back_key, help_key, help_rows, hints, lookup};
use crate::tui::theme::Theme;
use crate::tui::widgets::hint_line;

/// Charts show at most this many of the latest rounds.
const CHART_ROUNDS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    PreviousPerson,
    NextPerson,
    Cohort,
    Help,
    Back,
}

const BINDINGS: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Left), Key::Char('h')],
        label: "←/h",
        hint: "",
        help: "Previous person (or everyone)",
        command: Cmd::PreviousPerson,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Right), Key::Char('l')],
        label: "→/l",
        hint: "person",
        help: "Next person (or everyone)",
        command: Cmd::NextPerson,
    },
    Binding {
        keys: &[Key::Char('c')],
        label: "c",
        hint: "cohort",
        help: "Switch between the charts and the cohort table (people × stages)",
        command: Cmd::Cohort,
    },
    help_key(Cmd::Help),
    back_key(Cmd::Back, "Back to the home screen"),
];

/// Everything shown for one choice of person.
#[derive(Debug, Clone)]
struct View {
    /// `None` for the whole cohort.
    person: Option<String>,
    report: Report,
    /// Per stage (in report order): session scores of the latest rounds.
    stage_series: Vec<Vec<(f64, f64)>>,
    talk_series: Vec<(f64, f64)>,
    /// The deck of the latest round, for stage names and tips.
    deck: Option<Deck>,
}

/// State of the progress screen.
#[derive(Debug, Clone)]
pub struct ProgressScreen {
    views: Vec<View>,
    current: usize,
    cohort: Vec<(String, Vec<Option<f64>>)>,
    cohort_stages: Vec<String>,
    show_cohort: bool,
}

/// Charts draw the mean of this many values up to each round, so one odd
/// round does not hide the direction.
const SMOOTHING: usize = 5;

/// (x, y) points of the latest `CHART_ROUNDS` rounds, x counting rounds,
/// y the mean of the last [`SMOOTHING`] values up to that round.
fn points(values: impl Iterator<Item = Option<f64>>) -> Vec<(f64, f64)> {
    let all: Vec<Option<f64>> = values.collect();
    let start = all.len().saturating_sub(CHART_ROUNDS);
    let mut window: std::collections::VecDeque<f64> = std::collections::VecDeque::new();
    let mut out = Vec::new();
    for (i, value) in all.into_iter().enumerate() {
        let Some(value) = value else { continue };
        window.push_back(value);
        if window.len() > SMOOTHING {
            window.pop_front();
        }
        if i >= start {
            out.push((
                (i + 1) as f64,
                window.iter().sum::<f64>() / window.len() as f64,
            ));
        }
    }
    out
}

impl View {
    fn new(
        sessions: &[SessionRecord],
        person: Option<String>,
        decks: &DeckLibrary,
        today: NaiveDate,
    ) -> View {
        let filter = Filter {
            person: person.clone(),
            ..Filter::default()
        };
        let mine: Cow<[SessionRecord]> = if person.is_none() {
            Cow::Borrowed(sessions)
        } else {
            Cow::Owned(
                sessions
                    .iter()
                    .filter(|s| filter.matches(s))
                    .cloned()
                    .collect(),
            )
        };
        let report = stats::report(&mine, today);
        let stage_series = report
            .stages
            .iter()
            .map(|stage| points(mine.iter().map(|s| stats::stage_score(s, &stage.id))))
            .collect();
        let talk_series = points(mine.iter().map(stats::talk_share))
            .into_iter()
            .map(|(x, y)| (x, y * 100.0))
            .collect();
        let deck = mine
            .last()
            .and_then(|s| decks.resolve(&s.deck.id).ok())
            .map(|d| d.deck);
        View {
            person,
            report,
            stage_series,
            talk_series,
            deck,
        }
    }

    fn stage_name(&self, id: &str) -> String {
        self.deck
            .as_ref()
            .and_then(|d| d.stage(id))
            .map_or_else(|| id.to_owned(), |s| s.name.clone())
    }

    fn rounds(&self) -> f64 {
        self.report.sessions.max(1) as f64
    }
}

impl ProgressScreen {
    /// Views for everyone and for each organizer, opening on `person` when
    /// given (matched like the statistics filter).
    pub fn new(
        sessions: &[SessionRecord],
        decks: &DeckLibrary,
        person: Option<&str>,
        today: NaiveDate,
    ) -> ProgressScreen {
        let mut views = vec![View::new(sessions, None, decks, today)];
        for name in stats::organizers(sessions) {
            views.push(View::new(sessions, Some(name), decks, today));
        }
        let current = person
            .and_then(|p| {
                let p = p.trim().to_lowercase();
                views
                    .iter()
                    .position(|v| v.person.as_ref().is_some_and(|n| n.to_lowercase() == p))
            })
            .unwrap_or(0);
        ProgressScreen {
            views,
            current,
            cohort: stats::cohort(sessions),
            cohort_stages: stats::stage_order(sessions),
            show_cohort: false,
        }
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(&'static str, &'static str)> {
        help_rows(BINDINGS)
    }

    /// Whose progress is on screen (`None`: everyone).
    pub fn person(&self) -> Option<&str> {
        self.views[self.current].person.as_deref()
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<Action> {
        let (command, _) = lookup(BINDINGS, key)?;
        let n = self.views.len();
        match command {
            Cmd::PreviousPerson => self.current = (self.current + n - 1) % n,
            Cmd::NextPerson => self.current = (self.current + 1) % n,
            Cmd::Cohort => self.show_cohort = !self.show_cohort,
            Cmd::Help => return Some(Action::ToggleHelp),
            Cmd::Back => return Some(Action::Home),
        }
        None
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let view = &self.views[self.current];
        let [title, body, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let who = view.person.clone().unwrap_or_else(|| "everyone".to_owned());
        let r = &view.report;
        frame.render_widget(
            Line::from(vec![
                Span::styled("Progress · ", theme.title),
                Span::styled(format!("◀ {who} ▶"), theme.focus),
                Span::styled(
                    format!(
                        " · {} rounds · {:.1} a week · streak {} week{}",
                        r.sessions,
                        r.per_week,
                        r.streak_weeks,
                        if r.streak_weeks == 1 { "" } else { "s" }
                    ),
                    theme.muted,
                ),
            ]),
            title,
        );
        if r.sessions == 0 {
            frame.render_widget(
                Paragraph::new("No rounds saved yet: practise a round, then come back here.")
                    .style(theme.muted)
                    .block(Block::bordered()),
                body,
            );
        } else if self.show_cohort {
            self.render_cohort(frame, body, theme);
        } else {
            self.render_charts(frame, body, view, theme);
        }
        frame.render_widget(hint_line(&hints(BINDINGS), theme), bar);
    }

    fn render_charts(&self, frame: &mut Frame, area: Rect, view: &View, theme: &Theme) {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Fill(1)]).areas(area);
        let [ratings, talk] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Fill(1)]).areas(top);
        let [table, side] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(bottom);
        let [weekly, focus] =
            Layout::vertical([Constraint::Length(4), Constraint::Fill(1)]).areas(side);
        render_rating_chart(frame, ratings, view, theme);
        render_talk_chart(frame, talk, view, theme);
        render_stage_table(frame, table, view, theme);
        render_weekly(frame, weekly, view, theme);
        render_focus(frame, focus, view, theme);
    }

    fn render_cohort(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let names: Vec<String> = self
            .cohort_stages
            .iter()
            .map(|id| self.views[0].stage_name(id))
            .collect();
        let header = Row::new(
            std::iter::once("Organizer".to_owned())
                .chain(names.iter().map(|n| fit_width(n, 11).trim_end().to_owned()))
                .collect::<Vec<_>>(),
        )
        .style(theme.title);
        let weakest = |scores: &[Option<f64>]| {
            scores
                .iter()
                .enumerate()
                .filter_map(|(i, s)| Some((i, (*s)?)))
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(i, _)| i)
        };
        let rows = self.cohort.iter().map(|(name, scores)| {
            let low = weakest(scores);
            Row::new(std::iter::once(Cell::from(name.clone())).chain(
                scores.iter().enumerate().map(|(i, score)| {
                    let text = score.map_or("·".to_owned(), |s| format!("{s:.1}"));
                    // The weakest stage is marked with text, not colour alone.
                    if Some(i) == low {
                        Cell::from(Span::styled(format!("{text} ▼"), theme.warning))
                    } else {
                        Cell::from(text)
                    }
                }),
            ))
        });
        let widths = std::iter::once(Constraint::Fill(1))
            .chain(names.iter().map(|_| Constraint::Length(12)))
            .collect::<Vec<_>>();
        frame.render_widget(
            Table::new(rows, widths)
                .header(header)
                .block(Block::bordered().title(Line::styled(
                    " Cohort: average rating per stage (▼ weakest) ",
                    theme.title,
                ))),
            area,
        );
    }
}

/// Series styles that differ by marker as well as colour.
fn series_style(i: usize, theme: &Theme) -> (Marker, Style) {
    const MARKERS: [Marker; 4] = [Marker::Braille, Marker::Dot, Marker::Block, Marker::Bar];
    let styles = [theme.title, theme.on_time, theme.warning, theme.key];
    (MARKERS[i % MARKERS.len()], styles[i % styles.len()])
}

fn render_rating_chart(frame: &mut Frame, area: Rect, view: &View, theme: &Theme) {
    let names: Vec<String> = view
        .report
        .stages
        .iter()
        .map(|s| view.stage_name(&s.id))
        .collect();
    let datasets = view
        .stage_series
        .iter()
        .zip(&names)
        .enumerate()
        .map(|(i, (points, name))| {
            let (marker, style) = series_style(i, theme);
            Dataset::default()
                .name(name.clone())
                .marker(marker)
                .graph_type(GraphType::Line)
                .style(style)
                .data(points)
        })
        .collect();
    let rounds = view.rounds();
    let chart = Chart::new(datasets)
        .block(Block::bordered().title(Line::styled(
            format!(" Rating per stage (1–5, mean of {SMOOTHING}) "),
            theme.title,
        )))
        .x_axis(
            Axis::default()
                .bounds([(rounds - CHART_ROUNDS as f64).max(1.0), rounds.max(2.0)])
                .labels(["", "rounds →"])
                .style(theme.muted),
        )
        .y_axis(
            Axis::default()
                .bounds([1.0, 5.0])
                .labels(["1", "3", "5"])
                .style(theme.muted),
        )
        .legend_position(Some(ratatui::widgets::LegendPosition::BottomRight))
        .hidden_legend_constraints((Constraint::Ratio(1, 2), Constraint::Ratio(3, 4)));
    frame.render_widget(chart, area);
}

fn render_talk_chart(frame: &mut Frame, area: Rect, view: &View, theme: &Theme) {
    let rounds = view.rounds();
    let start = (rounds - CHART_ROUNDS as f64).max(1.0);
    let band: Vec<[(f64, f64); 2]> = [TALK_BAND.0, TALK_BAND.1]
        .iter()
        .map(|edge| [(start, edge * 100.0), (rounds.max(2.0), edge * 100.0)])
        .collect();
    let talk = &view.report.talk;
    let title = match talk.average {
        Some(avg) => format!(
            " Organizer talk: {:.0}% avg {} ",
            avg * 100.0,
            talk.direction.arrow()
        ),
        None => " Organizer talk share ".to_owned(),
    };
    // The band first, so that the share line is drawn over it.
    let datasets = vec![
        Dataset::default()
            .name("25–40% band")
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(theme.on_time)
            .data(&band[0]),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(theme.on_time)
            .data(&band[1]),
        Dataset::default()
            .name("share")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.title)
            .data(&view.talk_series),
    ];
    let chart = Chart::new(datasets)
        .block(Block::bordered().title(Line::styled(title, theme.title)))
        .x_axis(
            Axis::default()
                .bounds([start, rounds.max(2.0)])
                .style(theme.muted),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(["0", "50", "100%"])
                .style(theme.muted),
        )
        .legend_position(Some(ratatui::widgets::LegendPosition::TopRight));
    frame.render_widget(chart, area);
}

fn render_stage_table(frame: &mut Frame, area: Rect, view: &View, theme: &Theme) {
    let header = Row::new(["Stage", "Avg", "Recent", "Trend", "Self−others"]).style(theme.title);
    let rows = view.report.stages.iter().map(|s| {
        let num = |v: Option<f64>| v.map_or("·".to_owned(), |v| format!("{v:.1}"));
        let trend = match (s.direction, s.slope) {
            (Direction::Unknown, _) | (_, None) => s.direction.label().to_owned(),
            (direction, Some(slope)) => format!("{} {slope:+.2}", direction.arrow()),
        };
        let calibration = match s.calibration {
            Some(gap) if gap.abs() > stats::CALIBRATION_FLAG => {
                Span::styled(format!("{gap:+.1} !"), theme.warning)
            }
            Some(gap) => Span::raw(format!("{gap:+.1}")),
            None => Span::raw("·"),
        };
        Row::new([
            Cell::from(view.stage_name(&s.id)),
            Cell::from(num(s.average)),
            Cell::from(num(s.recent)),
            Cell::from(trend),
            Cell::from(calibration),
        ])
    });
    let r = &view.report;
    let percent = |v: Option<f64>| v.map_or("·".to_owned(), |v| format!("{:.0}%", v * 100.0));
    let footer = format!(
        " on time {} · asks agreed {} ",
        percent(r.time_keeping),
        percent(r.commitment_rate)
    );
    frame.render_widget(
        Table::new(
            rows,
            [
                Constraint::Fill(1),
                Constraint::Length(4),
                Constraint::Length(6),
                Constraint::Length(8),
                Constraint::Length(11),
            ],
        )
        .header(header)
        .block(
            Block::bordered()
                .title(Line::styled(" Stages (! gap over 1 point) ", theme.title))
                .title_bottom(Line::styled(footer, theme.muted)),
        ),
        area,
    );
}

fn render_weekly(frame: &mut Frame, area: Rect, view: &View, theme: &Theme) {
    let counts: Vec<u64> = view.report.weekly.iter().map(|(_, n)| *n as u64).collect();
    let inner_width = usize::from(area.width.saturating_sub(2));
    let shown = &counts[counts.len().saturating_sub(inner_width)..];
    let peak = shown.iter().max().copied().unwrap_or(0);
    frame.render_widget(
        Sparkline::default()
            .data(shown)
            .style(theme.title)
            .block(Block::bordered().title(Line::styled(
                format!(" Rounds per week (max {peak}) "),
                theme.title,
            ))),
        area,
    );
}

fn render_focus(frame: &mut Frame, area: Rect, view: &View, theme: &Theme) {
    let Some(id) = &view.report.focus else {
        frame.render_widget(
            Paragraph::new("Rate a few rounds to get a suggested focus.")
                .style(theme.muted)
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(Line::styled(" Suggested focus ", theme.title))),
            area,
        );
        return;
    };
    let mut lines = vec![Line::styled(
        format!("Drill {}: the lowest recent rating.", view.stage_name(id)),
        theme.text,
    )];
    if let Some(stage) = view.deck.as_ref().and_then(|d| d.stage(id)) {
        lines.extend(
            stage
                .tips
                .iter()
                .map(|tip| Line::styled(format!("• {tip}"), theme.muted)),
        );
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(Line::styled(" Suggested focus ", theme.title))),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_points_are_running_means_that_skip_gaps() {
        let values = [
            Some(1.0),
            None,
            Some(3.0),
            Some(5.0),
            Some(5.0),
            Some(5.0),
            Some(5.0),
        ];
        let got = points(values.into_iter());
        // x counts rounds (the gap at round 2 has no point); y is the mean
        // of up to five values: 1; (1+3)/2; (1+3+5)/3; (1+3+5+5)/4;
        // (1+3+5+5+5)/5; (3+5+5+5+5)/5.
        assert_eq!(
            got,
            [
                (1.0, 1.0),
                (3.0, 2.0),
                (4.0, 3.0),
                (5.0, 3.5),
                (6.0, 3.8),
                (7.0, 4.6)
            ]
        );
    }
}
