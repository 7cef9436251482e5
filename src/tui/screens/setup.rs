//! Setup for a new round: the deck, who organizes, who is met, the seed.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use crate::deck::Deck;
use crate::practice::People;
use crate::text::strip_controls;
use crate::tui::action::{Action, RoundPlan};
use crate::tui::keys::{Binding, Key, help_rows, hints, lookup};
use crate::tui::theme::Theme;
use crate::tui::widgets::hint_line;

/// Longest name kept; longer input is cut.
const MAX_NAME_CHARS: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Start,
    NextField,
    PrevField,
    Reseed,
    Help,
    Back,
}

const BINDINGS: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        label: "Enter",
        hint: "start",
        help: "Start the round",
        command: Cmd::Start,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Tab)],
        label: "Tab",
        hint: "next field",
        help: "Next field",
        command: Cmd::NextField,
    },
    Binding {
        keys: &[Key::Code(KeyCode::BackTab)],
        label: "Shift-Tab",
        hint: "",
        help: "Previous field",
        command: Cmd::PrevField,
    },
    Binding {
        keys: &[Key::Ctrl('r')],
        label: "Ctrl-R",
        hint: "new seed",
        help: "Draw a new seed (another persona and card order)",
        command: Cmd::Reseed,
    },
    Binding {
        keys: &[Key::Code(KeyCode::F(1))],
        label: "F1",
        hint: "help",
        help: "This help",
        command: Cmd::Help,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        label: "Esc",
        hint: "back",
        help: "Back to the home screen",
        command: Cmd::Back,
    },
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Deck,
    Organizer,
    Partner,
}

/// State of the setup screen.
#[derive(Debug, Clone)]
pub struct SetupScreen {
    decks: Vec<Deck>,
    deck: usize,
    organizer: TextArea<'static>,
    partner: TextArea<'static>,
    seed: u32,
    /// Draws the seeds offered by Ctrl-R, starting from the first seed.
    reseed: ChaCha8Rng,
    focus: Field,
    error: Option<String>,
}

fn name_field(name: &str, placeholder: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![name.to_owned()]);
    area.set_placeholder_text(placeholder);
    area.set_cursor_line_style(Style::new());
    area
}

/// A name as typed, made safe to show and store.
pub fn clean_name(raw: &str) -> String {
    strip_controls(raw, false)
        .trim()
        .chars()
        .take(MAX_NAME_CHARS)
        .collect()
}

impl SetupScreen {
    /// A setup form over `decks`, prefilled from earlier choices.
    pub fn new(decks: Vec<Deck>, chosen: &str, people: &People, seed: u32) -> SetupScreen {
        let deck = decks.iter().position(|d| d.id == chosen).unwrap_or(0);
        let focus = if people.organizer.is_empty() {
            Field::Organizer
        } else {
            Field::Partner
        };
        SetupScreen {
            decks,
            deck,
            organizer: name_field(&people.organizer, "who runs the 1:1"),
            partner: name_field(&people.partner, "who is being met"),
            seed,
            reseed: ChaCha8Rng::seed_from_u64(u64::from(seed)),
            focus,
            error: None,
        }
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(&'static str, &'static str)> {
        let mut rows = help_rows(BINDINGS);
        rows.push(("↑/↓", "Choose the deck (deck field)"));
        rows.push(("typing", "Edits the focused name"));
        rows
    }

    fn move_focus(&mut self, forward: bool) {
        const ORDER: [Field; 3] = [Field::Deck, Field::Organizer, Field::Partner];
        let at = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            at + 1
        } else {
            at + ORDER.len() - 1
        };
        self.focus = ORDER[next % ORDER.len()];
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<Action> {
        if let Some((command, _)) = lookup(BINDINGS, key) {
            match command {
                Cmd::Start => return self.plan().map(Action::Start),
                Cmd::NextField => self.move_focus(true),
                Cmd::PrevField => self.move_focus(false),
                Cmd::Reseed => self.seed = self.reseed.random(),
                Cmd::Help => return Some(Action::ToggleHelp),
                Cmd::Back => return Some(Action::Home),
            }
            return None;
        }
        match self.focus {
            Field::Deck => match key.code {
                KeyCode::Up => self.deck = self.deck.saturating_sub(1),
                KeyCode::Down => self.deck = (self.deck + 1).min(self.decks.len() - 1),
                _ => {}
            },
            Field::Organizer => {
                self.organizer.input(*key);
            }
            Field::Partner => {
                self.partner.input(*key);
            }
        }
        None
    }

    /// The round to start, or `None` (with an error shown) if a name is
    /// missing.
    fn plan(&mut self) -> Option<RoundPlan> {
        let organizer = clean_name(&self.organizer.lines().join(" "));
        let partner = clean_name(&self.partner.lines().join(" "));
        if organizer.is_empty() || partner.is_empty() {
            self.error = Some("Both names are needed.".to_owned());
            self.focus = if organizer.is_empty() {
                Field::Organizer
            } else {
                Field::Partner
            };
            return None;
        }
        Some(RoundPlan {
            deck: self.decks[self.deck].clone(),
            people: People { organizer, partner },
            seed: self.seed,
        })
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let [title, decks, names, seed, error, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(3),
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(Line::styled("New practice round", theme.title), title);
        self.render_decks(frame, decks, theme);
        let [organizer, partner] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(names);
        for (rect, field, text, label) in [
            (organizer, Field::Organizer, &self.organizer, "Organizer"),
            (partner, Field::Partner, &self.partner, "Partner"),
        ] {
            let focused = self.focus == field;
            let mut text = text.clone();
            text.set_block(self.block(label, field, theme));
            text.set_placeholder_style(theme.muted);
            text.set_cursor_style(if focused {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            });
            frame.render_widget(&text, rect);
        }
        frame.render_widget(
            Paragraph::new(vec![Line::from(vec![
                Span::styled("Seed ", theme.title),
                Span::raw(self.seed.to_string()),
                Span::styled(
                    format!(
                        "  (draws the persona and cards; `tandem practice --seed {}` repeats them)",
                        self.seed
                    ),
                    theme.muted,
                ),
            ])])
            .wrap(Wrap { trim: true }),
            seed,
        );
        if let Some(message) = &self.error {
            frame.render_widget(Line::styled(message.clone(), theme.error), error);
        }
        frame.render_widget(hint_line(&hints(BINDINGS), theme), bar);
    }

    fn block(&self, title: &str, field: Field, theme: &Theme) -> Block<'static> {
        let focused = self.focus == field;
        let style = if focused { theme.focus } else { theme.title };
        let marker = if focused { "▶ " } else { "" };
        Block::bordered().title(Line::styled(format!(" {marker}{title} "), style))
    }

    fn render_decks(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let items: Vec<ListItem> = self
            .decks
            .iter()
            .map(|deck| {
                ListItem::new(vec![
                    Line::from(vec![
                        Span::styled(format!("{:<22}", deck.id), theme.key),
                        Span::raw(format!("{} · {} min", deck.title, deck.total_minutes())),
                    ]),
                    Line::styled(format!("  {}", deck.description), theme.muted),
                ])
            })
            .collect();
        let mut state = ListState::default().with_selected(Some(self.deck));
        frame.render_stateful_widget(
            List::new(items)
                .highlight_symbol("▶ ")
                .highlight_style(Style::new().add_modifier(Modifier::BOLD))
                .block(self.block("Deck (↑/↓)", Field::Deck, theme)),
            area,
            &mut state,
        );
    }
}
