//! Progress for one organizer or the whole cohort, within one deck family
//! at a time: ratings per stage and talk share over time against each
//! round's own band, sessions per week, calibration, the suggested focus
//! with the compared deck's tips, and a cohort table for coaches.

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
use crate::i18n::{self, words};
use crate::record::SessionSummary;
use crate::stats::{self, CohortBuilder, FamilyReport, Report, ReportBuilder};
use crate::text::{fit_width, truncate_width};
use crate::tr;
use crate::tui::action::Action;
use crate::tui::keys::{Binding, Key, back_key, help_key, help_rows, hints, lookup};
use crate::tui::mouse::{Hits, Pointer};
use crate::tui::theme::Theme;
use crate::tui::widgets::hint_line;
use unicode_width::UnicodeWidthStr;

/// Charts show at most this many of the latest rounds.
const CHART_ROUNDS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    PreviousPerson,
    NextPerson,
    NextDeck,
    Cohort,
    Help,
    Back,
}

const BINDINGS: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Left), Key::Char('h')],
        label: "←/h",
        hint: None,
        help: || tr!("key-progress-previous-person"),
        command: Cmd::PreviousPerson,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Right), Key::Char('l')],
        label: "→/l",
        hint: Some(|| tr!("hint-person")),
        help: || tr!("key-progress-next-person"),
        command: Cmd::NextPerson,
    },
    Binding {
        keys: &[Key::Char('d')],
        label: "d",
        hint: Some(|| tr!("hint-deck")),
        help: || tr!("key-progress-next-deck"),
        command: Cmd::NextDeck,
    },
    Binding {
        keys: &[Key::Char('c')],
        label: "c",
        hint: Some(|| tr!("hint-cohort")),
        help: || tr!("key-progress-cohort"),
        command: Cmd::Cohort,
    },
    help_key(Cmd::Help),
    back_key(Cmd::Back, || tr!("key-progress-back")),
];

/// Everything shown for one person and one deck family.
#[derive(Debug, Clone)]
struct View {
    /// Counts over this person's rounds of the family.
    report: Report,
    /// Per stage (in the family report's order): session scores of the
    /// latest rounds.
    stage_series: Vec<Vec<(f64, f64)>>,
    talk_series: Vec<(f64, f64)>,
    /// Each round's whole-round talk band in percent: its lower edge…
    band_low: Vec<(f64, f64)>,
    /// …and its upper edge.
    band_high: Vec<(f64, f64)>,
    /// The deck of the latest round, for stage names and tips.
    deck: Option<Deck>,
}

/// The cohort table of one family.
#[derive(Debug, Clone, Default)]
struct Cohort {
    stages: Vec<String>,
    rows: Vec<(String, Vec<Option<f64>>)>,
}

/// State of the progress screen.
#[derive(Debug, Clone)]
pub struct ProgressScreen {
    /// `None` for everyone, then each organizer.
    people: Vec<Option<String>>,
    /// Deck families present, the latest round's first.
    families: Vec<String>,
    /// The view of the person and family on screen, once built.
    view: Option<View>,
    /// The cohort table of the family on screen, once built.
    cohort: Option<Cohort>,
    person: usize,
    family: usize,
    show_cohort: bool,
    /// A person asked for who has no rounds: said, and everyone shown.
    missing: Option<String>,
    /// The title's tabs (◀ person ▶, the deck family), as the key each
    /// click stands for.
    tab_hits: Hits<KeyCode>,
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

/// (x, value) of the latest `CHART_ROUNDS` rounds, unsmoothed.
fn raw_points(values: impl Iterator<Item = Option<f64>>) -> Vec<(f64, f64)> {
    let all: Vec<Option<f64>> = values.collect();
    let start = all.len().saturating_sub(CHART_ROUNDS);
    all.into_iter()
        .enumerate()
        .skip(start)
        .filter_map(|(i, v)| Some(((i + 1) as f64, v?)))
        .collect()
}

/// A [`View`] built from one person's (or everyone's) rounds of one
/// family, streamed oldest first: counts over all of them, charts over the
/// latest, so memory does not grow with the number of rounds.
#[derive(Default)]
struct ViewBuilder {
    report: ReportBuilder,
    /// The latest rounds: those charted, and the few before them that
    /// the first charted points average over.
    recent: std::collections::VecDeque<SessionSummary>,
    seen: usize,
}

impl ViewBuilder {
    fn add(&mut self, session: SessionSummary) {
        self.report.add(&session);
        self.seen += 1;
        self.recent.push_back(session);
        if self.recent.len() > CHART_ROUNDS + SMOOTHING {
            self.recent.pop_front();
        }
    }

    fn finish(self, decks: &DeckLibrary, today: NaiveDate) -> View {
        let report = self.report.finish(today);
        let offset = (self.seen - self.recent.len()) as f64;
        let shift = |points: Vec<(f64, f64)>| -> Vec<(f64, f64)> {
            points.into_iter().map(|(x, y)| (x + offset, y)).collect()
        };
        let mine: Vec<&SessionSummary> = self.recent.iter().collect();
        let stage_series = report
            .families
            .first()
            .map(|family| {
                family
                    .stages
                    .iter()
                    .map(|stage| {
                        shift(points(
                            mine.iter().map(|s| stats::stage_score(s, &stage.id)),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let talk_series = shift(points(mine.iter().map(|s| stats::talk_share(s))))
            .into_iter()
            .map(|(x, y)| (x, y * 100.0))
            .collect();
        let bands: Vec<_> = mine.iter().map(|s| s.round_talk_band()).collect();
        let band_low = shift(raw_points(
            bands.iter().map(|b| b.map(|b| f64::from(b.low))),
        ));
        let band_high = shift(raw_points(
            bands.iter().map(|b| b.map(|b| f64::from(b.high))),
        ));
        let deck = mine
            .last()
            .and_then(|s| decks.resolve(&s.deck.id).ok())
            .map(|d| d.deck);
        View {
            report,
            stage_series,
            talk_series,
            band_low,
            band_high,
            deck,
        }
    }
}

impl View {
    fn family(&self) -> Option<&FamilyReport> {
        self.report.families.first()
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
    /// Progress over `organizers` (each once, sorted) and the deck
    /// `families` (the latest round's first), opening on `person` (matched
    /// like the statistics filter) and on `family` when given, else on the
    /// first family. The views are filled in by the caller as
    /// [`ProgressScreen::wanted`] asks for them.
    pub fn new(
        organizers: Vec<String>,
        mut families: Vec<String>,
        person: Option<&str>,
        family: Option<&str>,
    ) -> ProgressScreen {
        if let Some(wanted) = family.map(str::trim)
            && !families.iter().any(|f| f == wanted)
        {
            // Asked for a family with no rounds: shown, and empty.
            families.push(wanted.to_owned());
        }
        let found = person.and_then(|p| {
            let key = stats::name_key(p);
            organizers.iter().position(|n| stats::name_key(n) == key)
        });
        let missing = person
            .filter(|_| found.is_none())
            .map(|p| crate::text::strip_controls(p.trim(), false));
        let family = family
            .and_then(|wanted| families.iter().position(|f| f == wanted.trim()))
            .unwrap_or(0);
        ProgressScreen {
            people: std::iter::once(None)
                .chain(organizers.into_iter().map(Some))
                .collect(),
            families,
            view: None,
            cohort: None,
            person: found.map_or(0, |p| p + 1),
            family,
            show_cohort: false,
            missing,
            tab_hits: Hits::default(),
        }
    }

    /// The rounds the screen needs next, as (organizer or everyone, deck
    /// family, whether it is the cohort table): `None` when it has them.
    fn wanted(&self) -> Option<(Option<String>, String, bool)> {
        let family = self.family()?.to_owned();
        if self.view.is_none() {
            return Some((self.person().map(str::to_owned), family, false));
        }
        (self.show_cohort && self.cohort.is_none()).then_some((None, family, true))
    }

    /// Builds the view and the cohort table the screen shows, when it has
    /// not got them yet. `rounds(organizer, family, each)` hands `each`
    /// the rounds of that organizer (a [`stats::name_key`]; `None`: everyone)
    /// in that deck family, oldest first.
    pub fn fill(
        &mut self,
        decks: &DeckLibrary,
        today: NaiveDate,
        mut rounds: impl FnMut(Option<String>, String, &mut dyn FnMut(SessionSummary)),
    ) {
        while let Some((person, family, cohort)) = self.wanted() {
            let organizer = person.as_deref().map(stats::name_key);
            if cohort {
                let mut builder = CohortBuilder::default();
                rounds(organizer, family, &mut |s| builder.add(&s));
                let (stages, rows) = builder.finish();
                self.cohort = Some(Cohort { stages, rows });
            } else {
                let mut builder = ViewBuilder::default();
                rounds(organizer, family, &mut |s| builder.add(s));
                self.view = Some(builder.finish(decks, today));
            }
        }
    }

    /// A click on ◀ or ▶ picks the previous or next person, on the deck
    /// family the next family: what ←, → and d do.
    pub fn handle_mouse(&mut self, pointer: Pointer) -> Option<Action> {
        let Pointer::Click(at) = pointer else {
            return None;
        };
        let code = self.tab_hits.at(at)?;
        self.handle_key(&KeyEvent::from(code))
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(String, String)> {
        help_rows(BINDINGS)
    }

    /// Whose progress is on screen (`None`: everyone).
    pub fn person(&self) -> Option<&str> {
        self.people[self.person].as_deref()
    }

    /// The deck family on screen (`None` when no rounds are saved).
    pub fn family(&self) -> Option<&str> {
        self.families.get(self.family).map(String::as_str)
    }

    fn view(&self) -> Option<&View> {
        self.view.as_ref()
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<Action> {
        let (command, _) = lookup(BINDINGS, key)?;
        let n = self.people.len();
        match command {
            Cmd::PreviousPerson => {
                self.person = (self.person + n - 1) % n;
                self.view = None;
            }
            Cmd::NextPerson => {
                self.person = (self.person + 1) % n;
                self.view = None;
            }
            Cmd::NextDeck => {
                self.family = (self.family + 1) % self.families.len().max(1);
                self.view = None;
                self.cohort = None;
            }
            Cmd::Cohort => self.show_cohort = !self.show_cohort,
            Cmd::Help => return Some(Action::ToggleHelp),
            Cmd::Back => return Some(Action::Home),
        }
        None
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let note_rows = u16::from(self.missing.is_some());
        let [title, note, body, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(note_rows),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        if let Some(name) = &self.missing {
            frame.render_widget(
                Line::styled(
                    truncate_width(
                        &tr!("progress-no-rounds-for", name = name.as_str()),
                        usize::from(note.width),
                    ),
                    theme.warning,
                ),
                note,
            );
        }
        let who = self
            .person()
            .map_or_else(|| tr!("progress-everyone"), str::to_owned);
        let head = format!("◀ {who} ▶");
        let mut tail = String::new();
        if let Some(r) = self.view().map(|v| &v.report) {
            tail.push_str(&tr!("progress-rounds", count = r.sessions));
        }
        if let Some(family) = self.family() {
            tail.push_str(&tr!("progress-of-family", family = family));
        }
        if let Some(r) = self.view().map(|v| &v.report) {
            tail.push_str(&tr!(
                "progress-per-week",
                per_week = i18n::decimal(r.per_week, 1),
                streak = r.streak_weeks
            ));
        }
        let label = tr!("progress-title");
        // Whatever does not fit is cut with "…", never silently.
        let room = usize::from(title.width).saturating_sub(label.width() + head.width());
        let tail = truncate_width(&tail, room);
        self.record_tabs(title, label.width(), &head, &tail);
        frame.render_widget(
            Line::from(vec![
                Span::styled(label, theme.title),
                Span::styled(head, theme.focus),
                Span::styled(tail, theme.muted),
            ]),
            title,
        );
        match self.view() {
            _ if self.families.is_empty() => frame.render_widget(
                Paragraph::new(tr!("progress-no-rounds"))
                    .style(theme.muted)
                    .block(Block::bordered()),
                body,
            ),
            _ if self.show_cohort => self.render_cohort(frame, body, theme),
            Some(view) if view.report.sessions > 0 => self.render_charts(frame, body, view, theme),
            _ => frame.render_widget(
                Paragraph::new(tr!("progress-no-rounds-of-deck", name = who))
                    .style(theme.muted)
                    .wrap(Wrap { trim: true })
                    .block(Block::bordered()),
                body,
            ),
        }
        frame.render_widget(hint_line(&hints(BINDINGS), theme), bar);
    }

    /// Where the title's ◀, ▶ and deck family were drawn: the title is
    /// "Progress · " (`label` cells), `head` ("◀ who ▶"), then `tail`.
    fn record_tabs(&self, title: Rect, label: usize, head: &str, tail: &str) {
        let cell = |dx: usize, width: usize| {
            let x = title
                .x
                .saturating_add(u16::try_from(dx).unwrap_or(u16::MAX));
            let width = u16::try_from(width).unwrap_or(u16::MAX);
            Rect::new(x, title.y, width, 1).intersection(title)
        };
        self.tab_hits.clear();
        self.tab_hits.add(cell(label, 1), KeyCode::Left);
        self.tab_hits
            .add(cell(label + head.width() - 1, 1), KeyCode::Right);
        if let Some(family) = self.family()
            && let Some(at) = tail.find(family)
        {
            let family_at = label + head.width() + tail[..at].width();
            self.tab_hits
                .add(cell(family_at, family.width()), KeyCode::Char('d'));
        }
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
        let cohort = self.cohort.clone().unwrap_or_default();
        // Stage names from the family's latest deck.
        let everyone = self.view.as_ref();
        let names: Vec<String> = cohort
            .stages
            .iter()
            .map(|id| everyone.map_or_else(|| id.clone(), |v| v.stage_name(id)))
            .collect();
        let header = Row::new(
            std::iter::once(tr!("review-organizer"))
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
        let rows = cohort.rows.iter().map(|(name, scores)| {
            let low = weakest(scores);
            Row::new(std::iter::once(Cell::from(name.clone())).chain(
                scores.iter().enumerate().map(|(i, score)| {
                    let text = score.map_or("·".to_owned(), |s| i18n::decimal(s, 1));
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
                .block(Block::bordered().title(Line::styled(tr!("progress-cohort"), theme.title))),
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
        .family()
        .map(|f| f.stages.iter().map(|s| view.stage_name(&s.id)).collect())
        .unwrap_or_default();
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
            truncate_width(
                &tr!("progress-rating-chart", rounds = SMOOTHING),
                usize::from(area.width.saturating_sub(2)),
            ),
            theme.title,
        )))
        .x_axis(
            Axis::default()
                .bounds([(rounds - CHART_ROUNDS as f64).max(1.0), rounds.max(2.0)])
                .labels([String::new(), tr!("progress-rounds-axis")])
                .style(theme.muted),
        )
        .y_axis(
            Axis::default()
                .bounds([1.0, 5.0])
                .labels(["1", "3", "5"])
                .style(theme.muted),
        )
        .legend_position(None);
    let [plot, legend] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(chart, plot);
    let entries: Vec<(String, Style)> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let (marker, style) = series_style(i, theme);
            (format!("{} {name}", marker_symbol(marker)), style)
        })
        .collect();
    frame.render_widget(legend_line(&entries, legend.width), legend);
}

/// The symbol a chart marker draws, for a legend outside the plot.
fn marker_symbol(marker: Marker) -> &'static str {
    match marker {
        Marker::Dot => "•",
        Marker::Block => "█",
        Marker::Bar => "▄",
        _ => "⣿",
    }
}

/// A legend as one line below a chart, cut with "…" when it does not fit.
fn legend_line(entries: &[(String, Style)], width: u16) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (text, style) in entries {
        let w = text.width() + 2;
        if used + w > usize::from(width) {
            spans.push(Span::raw("…"));
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {text} "), *style));
    }
    Line::from(spans)
}

fn render_talk_chart(frame: &mut Frame, area: Rect, view: &View, theme: &Theme) {
    let rounds = view.rounds();
    let start = (rounds - CHART_ROUNDS as f64).max(1.0);
    let Some(talk) = view.family().map(|f| &f.talk) else {
        return;
    };
    let title = match talk.average {
        Some(avg) => tr!(
            "progress-talk-average",
            percent = format!("{:.0}", avg * 100.0),
            arrow = talk.trend.direction.arrow()
        ),
        None => tr!("progress-talk-share"),
    };
    // Each round's own band (from its stages' bands and planned time),
    // drawn first so that the share line is drawn over it.
    let band_name = talk.band.map_or(tr!("progress-band"), |b| {
        format!("{} {}", tr!("progress-band"), b.label())
    });
    let datasets = vec![
        Dataset::default()
            .name(band_name)
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(theme.on_time)
            .data(&view.band_low),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(theme.on_time)
            .data(&view.band_high),
        Dataset::default()
            .name(tr!("progress-share"))
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.title)
            .data(&view.talk_series),
    ];
    let title = truncate_width(&title, usize::from(area.width.saturating_sub(2)));
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
        .legend_position(None);
    let [plot, legend] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(chart, plot);
    let band_label = talk
        .band
        .map_or(format!("• {}", tr!("progress-band")), |b| {
            format!("• {} {}", tr!("progress-band"), b.label())
        });
    let entries = [
        (format!("⣿ {}", tr!("progress-share")), theme.title),
        (band_label, theme.on_time),
    ];
    frame.render_widget(legend_line(&entries, legend.width), legend);
}

fn render_stage_table(frame: &mut Frame, area: Rect, view: &View, theme: &Theme) {
    let Some(family) = view.family() else {
        return;
    };
    let header = Row::new([
        tr!("progress-stage"),
        tr!("progress-average"),
        tr!("progress-recent"),
        tr!("progress-trend"),
        tr!("progress-self-others"),
    ])
    .style(theme.title);
    // The stage column gets what the fixed columns (4 + 6 + 8 + 11) and
    // the four gaps between columns leave inside the border.
    let name_width = usize::from(area.width.saturating_sub(2 + 29 + 4));
    let rows = family.stages.iter().map(move |s| {
        let num = |v: Option<f64>| v.map_or("·".to_owned(), |v| i18n::decimal(v, 1));
        // The headline trend (others' ratings when there are enough),
        // its sign always matching its arrow.
        let trend = words::trend_short(s.headline(), 1.0, 1);
        let calibration = match s.calibration {
            Some(gap) if gap.abs() > stats::CALIBRATION_FLAG => {
                Span::styled(format!("{} !", words::signed(gap, 1)), theme.warning)
            }
            Some(gap) => Span::raw(words::signed(gap, 1)),
            None => Span::raw("·"),
        };
        Row::new([
            Cell::from(truncate_width(&view.stage_name(&s.id), name_width)),
            Cell::from(num(s.average)),
            Cell::from(num(s.recent)),
            Cell::from(trend),
            Cell::from(calibration),
        ])
    });
    let percent = |v: Option<f64>| v.map_or("·".to_owned(), |v| format!("{:.0}%", v * 100.0));
    let footer = tr!(
        "progress-footer",
        on_time = percent(family.time_keeping),
        committed = percent(family.commitments.rate),
        maybe = percent(family.commitments.maybe_rate)
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
                .title(Line::styled(
                    truncate_width(
                        &tr!("progress-self-others-title"),
                        usize::from(area.width.saturating_sub(2)),
                    ),
                    theme.title,
                ))
                .title_bottom(Line::styled(
                    truncate_width(&footer, usize::from(area.width.saturating_sub(2))),
                    theme.muted,
                )),
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
                tr!("progress-weekly", peak = peak),
                theme.title,
            ))),
        area,
    );
}

fn render_focus(frame: &mut Frame, area: Rect, view: &View, theme: &Theme) {
    let Some(id) = view.family().and_then(|f| f.focus.as_ref()) else {
        frame.render_widget(
            Paragraph::new(tr!("progress-focus-none"))
                .style(theme.muted)
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(Line::styled(tr!("progress-focus"), theme.title))),
            area,
        );
        return;
    };
    let block = Block::bordered().title(Line::styled(tr!("progress-focus"), theme.title));
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = wrap(
        &tr!("progress-focus-drill", stage = view.stage_name(id)),
        width,
    )
    .into_iter()
    .map(|l| Line::styled(l, theme.text))
    .collect();
    // Tips from the deck being compared: the family's latest round's.
    for tip in stats::focus_tips(view.deck.as_ref(), id) {
        lines.extend(
            wrap(&format!("• {tip}"), width)
                .into_iter()
                .map(|l| Line::styled(l, theme.muted)),
        );
    }
    // What does not fit ends in "…" rather than being cut silently.
    let height = usize::from(inner.height);
    if lines.len() > height && height > 0 {
        lines.truncate(height);
        let last = lines.pop().map(|l| l.to_string()).unwrap_or_default();
        // Either " …" fits after the last line, or the line is cut with "…".
        lines.push(Line::styled(
            truncate_width(&format!("{last} …"), width),
            theme.muted,
        ));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// `text` wrapped at spaces to lines of at most `width` columns; a word
/// longer than a line is cut with "…".
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let word = truncate_width(word, width);
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::{Mode, People};
    use crate::record::{
        Commitment, DeckRef, ParticipantFeedback, Rating, Role, SCHEMA_VERSION, SessionRecord,
        StageRecord,
    };
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::KeyModifiers;

    /// Ana's round on `date` with `deck` (and `skill`): one exploration
    /// stage, rated `scores` by the partner.
    fn round(date: u32, deck: &str, skill: Option<&str>, scores: &[u8]) -> SessionSummary {
        let started = NaiveDate::from_ymd_opt(2026, 3, date)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
            .and_utc();
        SessionSummary::of(&SessionRecord {
            schema: SCHEMA_VERSION,
            id: format!("{date}-{deck}"),
            mode: Mode::Pair,
            seed: 0,
            started,
            ended: started + chrono::Duration::minutes(20),
            deck: DeckRef {
                id: deck.into(),
                version: 1,
                skill: skill.map(String::from),
            },
            people: People::pair("Ana", "Pat"),
            plan: None,
            persona: None,
            stages: vec![StageRecord {
                id: "exploration".into(),
                planned_secs: 600,
                actual_secs: 600,
                paused_secs: 0,
                organizer_talk_secs: 100,
                partner_talk_secs: 300,
                talk: crate::deck::TalkBand::default_for("exploration"),
                prompts_shown: Vec::new(),
            }],
            marks: Vec::new(),
            scales: Vec::new(),
            checks: Vec::new(),
            checked_by: None,
            commitment: Commitment::default(),
            feedback: vec![ParticipantFeedback {
                role: Role::Partner,
                name: "Pat".into(),
                ratings: scores
                    .iter()
                    .map(|&score| Rating {
                        stage: "exploration".into(),
                        score,
                    })
                    .collect(),
                ..ParticipantFeedback::default()
            }],
        })
    }

    /// Two families with a stage "exploration" each:
    ///   03-02 relational-1on1: 2
    ///   03-03 deep-canvass: 5
    ///   03-04 relational-1on1-fr (skill relational-1on1): 3
    ///   03-05 deep-canvass: 4
    /// Relational (2 + 3)/2 = 2.5, deep-canvass (5 + 4)/2 = 4.5; mixed it
    /// would be 14/4 = 3.5.
    fn two_families() -> Vec<SessionSummary> {
        vec![
            round(2, "relational-1on1", None, &[2]),
            round(3, "deep-canvass", None, &[5]),
            round(4, "relational-1on1-fr", Some("relational-1on1"), &[3]),
            round(5, "deep-canvass", None, &[4]),
        ]
    }

    fn draw(screen: &ProgressScreen, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| screen.render(frame, frame.area(), &Theme::color()))
            .unwrap();
        terminal.backend().to_string()
    }

    fn press(screen: &mut ProgressScreen, sessions: &[SessionSummary], c: char) {
        screen.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        fill(screen, sessions);
    }

    /// The progress screen over `sessions`, with its views filled in as
    /// the app fills them from the index.
    fn screen_of(
        sessions: &[SessionSummary],
        person: Option<&str>,
        family: Option<&str>,
    ) -> ProgressScreen {
        let family = family.map(str::to_owned).or_else(|| {
            let key = person.map(stats::name_key);
            sessions
                .iter()
                .rev()
                .find(|s| {
                    key.as_ref()
                        .is_none_or(|k| *k == stats::name_key(&s.people.organizer))
                })
                .map(|s| s.deck.family().to_owned())
        });
        let mut screen = ProgressScreen::new(
            stats::organizers(sessions),
            stats::families(sessions),
            person,
            family.as_deref(),
        );
        fill(&mut screen, sessions);
        screen
    }

    /// Fills `screen` from `sessions` as the app fills it from the index.
    fn fill(screen: &mut ProgressScreen, sessions: &[SessionSummary]) {
        let decks = DeckLibrary::load(None);
        let today = NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
        screen.fill(&decks, today, |organizer, family, each| {
            sessions
                .iter()
                .filter(|s| {
                    s.deck.family() == family
                        && organizer
                            .as_ref()
                            .is_none_or(|key| *key == stats::name_key(&s.people.organizer))
                })
                .cloned()
                .for_each(each);
        });
    }

    /// The stage table row of `stage` in a drawn screen.
    fn row<'a>(screen: &'a str, stage: &str) -> &'a str {
        screen
            .lines()
            .find(|l| l.contains(&format!("│{stage} ")))
            .unwrap_or_else(|| panic!("no {stage} row in:\n{screen}"))
    }

    #[test]
    fn each_deck_family_is_shown_on_its_own() {
        let decks = DeckLibrary::load(None);
        let sessions = two_families();
        let mut screen = screen_of(&sessions, None, None);
        // It opens on the family of the latest round: deep-canvass.
        assert_eq!(screen.family(), Some("deep-canvass"));
        let canvass = draw(&screen, 120, 40);
        assert!(
            canvass.contains("◀ everyone ▶ · 2 rounds of deep-canvass"),
            "{canvass}"
        );
        // Rounds from before deep-canvass had its own stage ids (version 1
        // used "exploration"): the deck no longer names that stage, so the
        // id shows.
        assert!(row(&canvass, "exploration").contains(" 4.5 "), "{canvass}");
        assert!(!canvass.contains("3.5"), "{canvass}");

        press(&mut screen, &sessions, 'd');
        assert_eq!(screen.family(), Some("relational-1on1"));
        let relational = draw(&screen, 120, 40);
        assert!(
            relational.contains("2 rounds of relational-1on1"),
            "{relational}"
        );
        assert!(
            row(&relational, "Exploration").contains(" 2.5 "),
            "{relational}"
        );
        assert!(!relational.contains("3.5"), "{relational}");
        // The focus tips come from the family's latest deck, the French
        // one: its first exploration tip.
        let french = decks.resolve("relational-1on1-fr").unwrap().deck;
        let tip = &french.stage("exploration").unwrap().tips[0];
        let first_words: String = tip.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        assert!(
            relational.contains(&first_words),
            "{first_words:?} in\n{relational}"
        );

        // The cohort table is per family too.
        press(&mut screen, &sessions, 'c');
        let cohort = draw(&screen, 80, 24);
        assert!(
            cohort.contains("2.5 ▼") && !cohort.contains("4.5"),
            "{cohort}"
        );
        press(&mut screen, &sessions, 'd');
        let cohort = draw(&screen, 80, 24);
        assert!(
            cohort.contains("4.5 ▼") && !cohort.contains("2.5"),
            "{cohort}"
        );
        // Back round to the first family.
        assert_eq!(screen.family(), Some("deep-canvass"));
    }

    #[test]
    fn a_deck_asked_for_opens_its_family_even_when_empty() {
        let sessions = two_families();
        let screen = screen_of(&sessions, Some(" ana "), Some("relational-1on1"));
        assert_eq!(
            (screen.person(), screen.family()),
            (Some("Ana"), Some("relational-1on1"))
        );
        let screen = screen_of(&sessions, None, Some("quick-round"));
        assert_eq!(screen.family(), Some("quick-round"));
        let drawn = draw(&screen, 80, 24);
        assert!(drawn.contains("0 rounds of quick-round"), "{drawn}");
        assert!(
            drawn.contains("No rounds of this deck for everyone yet"),
            "{drawn}"
        );
    }

    #[test]
    fn the_deck_key_is_in_the_hints_and_the_help() {
        assert!(hints(BINDINGS).contains(&("d", "deck".to_owned())));
        let help = ProgressScreen::help();
        assert!(
            help.iter()
                .any(|(key, text)| *key == "d" && text.contains("deck"))
        );
        // The help overlay has 63 columns for a key's text.
        assert!(help.iter().all(|(_, text)| text.width() <= 63), "{help:?}");
    }

    #[test]
    fn long_titles_and_tips_are_cut_with_an_ellipsis() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 5), ["abcd…"]);
        assert!(wrap("", 5).is_empty());
        let mut sessions = two_families();
        for s in &mut sessions {
            s.people.organizer = "Bartholomew Featherstonehaugh-Cholmondeley".into();
        }
        let screen = screen_of(
            &sessions,
            Some("bartholomew featherstonehaugh-cholmondeley"),
            None,
        );
        let drawn = draw(&screen, 80, 24);
        let title = drawn.lines().next().unwrap();
        assert!(title.contains("…"), "{drawn}");
    }

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
