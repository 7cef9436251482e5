//! The summary after a round: planned vs actual time, talk share, marks,
//! ratings and the commitment, with an offer to swap roles.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use crate::deck::Deck;
use crate::practice::secs_text;
use crate::record::{Role, SessionRecord};
use crate::stats;
use crate::text::truncate_width;
use crate::tui::action::Action;
use crate::tui::keys::{Binding, Key, help_key, help_rows, hints, lookup};
use crate::tui::theme::Theme;
use crate::tui::widgets::hint_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Swap,
    Home,
    Quit,
    Help,
}

const BINDINGS: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Char('s')],
        label: "s",
        hint: "next round",
        help: "Next round, same deck: the partner organizes (alone: you go again)",
        command: Cmd::Swap,
    },
    Binding {
        keys: &[Key::Char('h'), Key::Code(KeyCode::Esc)],
        label: "h/Esc",
        hint: "home",
        help: "Back to the home screen",
        command: Cmd::Home,
    },
    Binding {
        keys: &[Key::Char('q')],
        label: "q",
        hint: "quit",
        help: "Quit tandem",
        command: Cmd::Quit,
    },
    help_key(Cmd::Help),
];

/// State of the summary screen.
#[derive(Debug, Clone)]
pub struct SummaryScreen {
    pub record: SessionRecord,
    pub deck: Deck,
    saved_to: PathBuf,
    /// Per stage: the organizer's average score in earlier rounds.
    before: Vec<Option<f64>>,
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "–".to_owned()
    } else {
        format!("{:.0}%", part as f64 * 100.0 / whole as f64)
    }
}

/// `+m:ss` over plan or `-m:ss` under it.
fn difference(actual: u64, planned: u64) -> String {
    if actual >= planned {
        format!("+{}", secs_text(actual - planned))
    } else {
        format!("-{}", secs_text(planned - actual))
    }
}

impl SummaryScreen {
    /// The summary of `record`, saved at `saved_to`, compared with the
    /// organizer's earlier average per stage (`before`, in stage order).
    pub fn new(
        record: SessionRecord,
        deck: Deck,
        saved_to: PathBuf,
        before: Vec<Option<f64>>,
    ) -> SummaryScreen {
        SummaryScreen {
            record,
            deck,
            saved_to,
            before,
        }
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(&'static str, &'static str)> {
        help_rows(BINDINGS)
    }

    pub fn handle_key(&self, key: &KeyEvent) -> Option<Action> {
        let (command, _) = lookup(BINDINGS, key)?;
        Some(match command {
            Cmd::Swap => Action::SwapRoles,
            Cmd::Home => Action::Home,
            Cmd::Quit => Action::Quit,
            Cmd::Help => Action::ToggleHelp,
        })
    }

    fn stage_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.deck.stage(id).map_or(id, |s| s.name.as_str())
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let record = &self.record;
        let [header, times, middle, commitment, talk, saved, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(record.stages.len() as u16 + 4),
            Constraint::Fill(1),
            Constraint::Length(4),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Line::from(vec![
                Span::styled("Round saved", theme.title),
                Span::raw(format!(
                    " · {} · {} · {}",
                    record.people.describe_roles(),
                    self.deck.title,
                    record.mode.label()
                )),
            ]),
            header,
        );
        self.render_times(frame, times, theme);
        let [ratings, marks] =
            Layout::horizontal([Constraint::Percentage(62), Constraint::Fill(1)]).areas(middle);
        self.render_ratings(frame, ratings, theme);
        self.render_marks(frame, marks, theme);
        self.render_commitment(frame, commitment, theme);
        let (organizer, partner) = record.talk_totals();
        let share = if record.people.partner.is_empty() {
            "none measured when practising alone".to_owned()
        } else {
            format!(
                "{} {} · {} {} (the organizer should listen most: 25–40%)",
                record.people.organizer,
                percent(organizer, organizer + partner),
                record.people.partner,
                percent(partner, organizer + partner)
            )
        };
        frame.render_widget(
            Line::from(vec![
                Span::styled("Talk share: ", theme.title),
                Span::raw(share),
            ]),
            talk,
        );
        frame.render_widget(
            Line::styled(format!("Saved to {}", self.saved_to.display()), theme.muted),
            saved,
        );
        frame.render_widget(hint_line(&hints(BINDINGS), theme), bar);
    }

    fn render_times(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let people = &self.record.people;
        let header = Row::new([
            "Stage".to_owned(),
            "Planned".to_owned(),
            "Actual".to_owned(),
            "Diff".to_owned(),
            "Paused".to_owned(),
            format!("{} talk", truncate_width(&people.organizer, 7)),
        ])
        .style(theme.title);
        let mut rows: Vec<Row> = self
            .record
            .stages
            .iter()
            .map(|s| {
                let over = s.actual_secs > s.planned_secs * 6 / 5;
                let diff_style = if over { theme.warning } else { theme.text };
                Row::new([
                    Cell::from(self.stage_name(&s.id).to_owned()),
                    Cell::from(secs_text(s.planned_secs)),
                    Cell::from(secs_text(s.actual_secs)),
                    Cell::from(Span::styled(
                        difference(s.actual_secs, s.planned_secs),
                        diff_style,
                    )),
                    Cell::from(secs_text(s.paused_secs)),
                    Cell::from(percent(
                        s.organizer_talk_secs,
                        s.organizer_talk_secs + s.partner_talk_secs,
                    )),
                ])
            })
            .collect();
        let sum = |f: fn(&crate::record::StageRecord) -> u64| -> u64 {
            self.record.stages.iter().map(f).sum()
        };
        let (planned, actual) = (sum(|s| s.planned_secs), sum(|s| s.actual_secs));
        let (organizer, partner) = self.record.talk_totals();
        rows.push(
            Row::new([
                "Total".to_owned(),
                secs_text(planned),
                secs_text(actual),
                difference(actual, planned),
                secs_text(sum(|s| s.paused_secs)),
                percent(organizer, organizer + partner),
            ])
            .style(theme.title),
        );
        let widths = [
            Constraint::Fill(1),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Length(12),
        ];
        frame.render_widget(
            Table::new(rows, widths)
                .header(header)
                .block(Block::bordered().title(Line::styled(" Time per stage ", theme.title))),
            area,
        );
    }

    fn render_ratings(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let raters: Vec<(Role, &str)> = self
            .record
            .feedback
            .iter()
            .map(|f| (f.role, f.name.as_str()))
            .collect();
        let header = Row::new(
            std::iter::once("Stage".to_owned())
                .chain(raters.iter().map(|(_, name)| truncate_width(name, 5)))
                .chain(["Before".to_owned(), "Change".to_owned()])
                .collect::<Vec<_>>(),
        )
        .style(theme.title);
        let number = |v: Option<f64>| v.map_or("·".to_owned(), |v| format!("{v:.1}"));
        let rows = self.record.stages.iter().enumerate().map(|(i, s)| {
            let before = self.before.get(i).copied().flatten();
            let change = match (stats::stage_score(&self.record, &s.id), before) {
                (Some(now), Some(before)) => {
                    let delta = now - before;
                    let arrow = if delta > 0.05 {
                        "▲"
                    } else if delta < -0.05 {
                        "▼"
                    } else {
                        "="
                    };
                    format!("{arrow}{delta:+.1}")
                }
                _ => "·".to_owned(),
            };
            Row::new(
                std::iter::once(self.stage_name(&s.id).to_owned())
                    .chain(
                        raters
                            .iter()
                            .map(|(role, _)| number(self.record.average_rating(*role, &s.id))),
                    )
                    .chain([number(before), change])
                    .collect::<Vec<_>>(),
            )
        });
        let widths = std::iter::once(Constraint::Fill(1))
            .chain(raters.iter().map(|_| Constraint::Length(5)))
            .chain([Constraint::Length(6), Constraint::Length(6)])
            .collect::<Vec<_>>();
        let title = format!(
            " Ratings (1–5), before = {}'s earlier rounds ",
            self.record.people.organizer
        );
        frame.render_widget(
            Table::new(rows, widths)
                .header(header)
                .block(Block::bordered().title(Line::styled(title, theme.title))),
            area,
        );
    }

    fn render_marks(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let marks = &self.record.marks;
        let lines: Vec<Line> = if marks.is_empty() {
            vec![Line::styled("No marks this round.", theme.muted)]
        } else {
            let mut kinds: Vec<(&str, usize)> = Vec::new();
            for mark in marks {
                match kinds.iter_mut().find(|(label, _)| *label == mark.label) {
                    Some((_, count)) => *count += 1,
                    None => kinds.push((&mark.label, 1)),
                }
            }
            kinds
                .into_iter()
                .map(|(label, count)| Line::from(format!("{label} ×{count}")))
                .collect()
        };
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(Line::styled(
                    format!(" Marks ({}) ", marks.len()),
                    theme.title,
                ))),
            area,
        );
    }

    fn render_commitment(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let c = &self.record.commitment;
        let or_none = |s: &str| {
            if s.is_empty() {
                "—".to_owned()
            } else {
                s.to_owned()
            }
        };
        let lines = vec![
            Line::from(vec![
                Span::styled("Ask: ", theme.title),
                Span::raw(or_none(&c.ask)),
            ]),
            Line::from(vec![
                Span::styled("Agreed: ", theme.title),
                Span::raw(or_none(&c.action)),
                Span::styled("  Follow-up: ", theme.title),
                Span::raw(c.follow_up.map_or("—".to_owned(), |d| d.to_string())),
            ]),
        ];
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(Line::styled(" Commitment ", theme.title))),
            area,
        );
    }
}
