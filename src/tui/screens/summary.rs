//! The summary after a round: planned vs actual time, talk share against
//! each stage's band, ratings against the organizer's earlier rounds on
//! the same deck, scales, marks, checks, the commitment and what the
//! partner's private brief held, with the offer of the plan's next round.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::deck::Deck;
use crate::i18n::words;
use crate::record::SessionRecord;
use crate::text::fit_width;
use crate::tr;
use crate::tui::action::Action;
use crate::tui::keys::{Binding, Key, help_key, help_rows, hints, lookup};
use crate::tui::theme::Theme;
use crate::tui::widgets::hint_bar;
use crate::tui::widgets::record_view::RecordView;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Next,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    Quit,
    Help,
}

const BINDINGS: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Char('s')],
        label: "s",
        hint: Some(|| tr!("hint-next-round")),
        help: || tr!("key-summary-next"),
        command: Cmd::Next,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), Key::Char('j')],
        label: "↓/↑",
        hint: Some(|| tr!("hint-scroll")),
        help: || tr!("key-summary-down"),
        command: Cmd::Down,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Up), Key::Char('k')],
        label: "↑",
        hint: None,
        help: || tr!("key-summary-up"),
        command: Cmd::Up,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageDown), Key::Char(' ')],
        label: "PgDn/Space",
        hint: None,
        help: || tr!("key-summary-page-down"),
        command: Cmd::PageDown,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageUp)],
        label: "PgUp",
        hint: None,
        help: || tr!("key-summary-page-up"),
        command: Cmd::PageUp,
    },
    Binding {
        keys: &[Key::Char('h'), Key::Code(KeyCode::Esc)],
        label: "h/Esc",
        hint: Some(|| tr!("hint-home")),
        help: || tr!("key-summary-home"),
        command: Cmd::Home,
    },
    Binding {
        keys: &[Key::Char('q')],
        label: "q",
        hint: Some(|| tr!("hint-quit")),
        help: || tr!("key-summary-quit"),
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
    scroll: u16,
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
            scroll: 0,
        }
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(String, String)> {
        help_rows(BINDINGS)
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<Action> {
        let (command, _) = lookup(BINDINGS, key)?;
        Some(match command {
            Cmd::Next => Action::SwapRoles,
            Cmd::Up => {
                self.scroll = self.scroll.saturating_sub(1);
                return None;
            }
            Cmd::Down => {
                self.scroll = self.scroll.saturating_add(1);
                return None;
            }
            Cmd::PageUp => {
                self.scroll = self.scroll.saturating_sub(10);
                return None;
            }
            Cmd::PageDown => {
                self.scroll = self.scroll.saturating_add(10);
                return None;
            }
            Cmd::Home => Action::Home,
            Cmd::Quit => Action::Quit,
            Cmd::Help => Action::ToggleHelp,
        })
    }

    /// What `s` starts: the plan's next round, or another round.
    fn next_round(&self) -> String {
        let people = &self.record.people;
        let next = match &people.observer {
            _ if people.partner.is_empty() => people.organizer.clone(),
            _ => people.partner.clone(),
        };
        match &self.record.plan {
            Some(plan) if plan.has_next() => tr!(
                "summary-next-planned",
                round = (plan.round + 1),
                rounds = plan.rounds,
                organizer = next
            ),
            Some(plan) => tr!("summary-plan-done", rounds = plan.rounds),
            None => tr!("summary-next", organizer = next),
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let record = &self.record;
        let plan = record.plan.as_ref().map_or(String::new(), |p| {
            format!(
                " · {}",
                tr!("practice-round-of", round = p.round, rounds = p.rounds)
            )
        });
        let text = format!(
            " · {} · {} · {}{plan}",
            words::people_roles(&record.people),
            self.deck.title,
            words::mode(record.mode)
        );
        // Wrapped, not cut: long names take a second row.
        let heading = Paragraph::new(Line::from(vec![
            Span::styled(tr!("summary-saved"), theme.title),
            Span::raw(text),
        ]))
        .wrap(Wrap { trim: true });
        let header_rows = (heading.line_count(area.width) as u16).clamp(1, 3);
        let [header, next, body, saved, bar] = Layout::vertical([
            Constraint::Length(header_rows),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(heading, header);
        frame.render_widget(Line::styled(self.next_round(), theme.key), next);
        let view = RecordView {
            record,
            deck: Some(&self.deck),
            before: Some(&self.before),
            theme,
            width: usize::from(body.width.saturating_sub(2)),
        };
        frame.render_widget(
            Paragraph::new(view.lines())
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0))
                .block(Block::bordered().title(Line::styled(tr!("summary-title"), theme.title))),
            body,
        );
        frame.render_widget(
            Line::styled(
                fit_width(
                    &tr!(
                        "summary-saved-to",
                        path = self.saved_to.display().to_string()
                    ),
                    usize::from(saved.width),
                ),
                theme.muted,
            ),
            saved,
        );
        frame.render_widget(hint_bar(&hints(BINDINGS), bar.width, theme), bar);
    }
}
