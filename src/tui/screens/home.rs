//! The home screen: start or resume a round, help, quit; shows the last
//! session and anything the app could not read.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use crate::tui::action::Action;
use crate::tui::keys::{Binding, Key, help_key, help_rows, hints, lookup};
use crate::tui::theme::Theme;
use crate::tui::widgets::{hint_bar, hint_line, render_confirm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Up,
    Down,
    Choose,
    Start,
    Resume,
    Review,
    Progress,
    Drill,
    Help,
    Quit,
}

const BINDINGS: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Up), Key::Char('k')],
        label: "↑/k",
        hint: "",
        help: "Move up",
        command: Cmd::Up,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), Key::Char('j')],
        label: "↓/j",
        hint: "",
        help: "Move down",
        command: Cmd::Down,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        label: "Enter",
        hint: "choose",
        help: "Choose the highlighted entry",
        command: Cmd::Choose,
    },
    Binding {
        keys: &[Key::Char('s')],
        label: "s",
        hint: "start",
        help: "Start a new practice round",
        command: Cmd::Start,
    },
    Binding {
        keys: &[Key::Char('r')],
        label: "r",
        hint: "",
        help: "Resume the unfinished round",
        command: Cmd::Resume,
    },
    Binding {
        keys: &[Key::Char('v')],
        label: "v",
        hint: "review",
        help: "Review saved sessions and add coach notes",
        command: Cmd::Review,
    },
    Binding {
        keys: &[Key::Char('p')],
        label: "p",
        hint: "progress",
        help: "Progress charts and the suggested focus",
        command: Cmd::Progress,
    },
    Binding {
        keys: &[Key::Char('d')],
        label: "d",
        hint: "drill",
        help: "Drill the suggested focus: its stage, on its deck, for its organizer",
        command: Cmd::Drill,
    },
    help_key(Cmd::Help),
    Binding {
        keys: &[Key::Char('q'), Key::Code(KeyCode::Esc)],
        label: "q/Esc",
        hint: "quit",
        help: "Quit tandem (Ctrl-C works everywhere)",
        command: Cmd::Quit,
    },
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Resume,
    Start,
    Review,
    Progress,
    Help,
    Quit,
}

/// What the home screen shows, gathered by the app from the store.
#[derive(Debug, Clone, Default)]
pub struct HomeInfo {
    /// A one-line description of the unfinished round, if there is one.
    pub unfinished: Option<String>,
    /// A one-line description of the most recent saved session.
    pub last_session: Option<String>,
    /// The stage its organizer should practise next, and why.
    pub focus: Option<String>,
    /// The drill that focus suggests, started with `d`.
    pub drill: Option<DrillSuggestion>,
    /// Files that could not be read, and other things the user should know.
    pub notices: Vec<String>,
    pub data_dir: String,
    /// The round asked for on the command line while an unfinished one
    /// waits: home asks which of the two to go on with.
    pub asked: Option<String>,
}

/// A drill to start from home: one stage of a deck, for one organizer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillSuggestion {
    pub deck_id: String,
    pub stage_id: String,
    pub organizer: String,
}

/// State of the home screen.
#[derive(Debug, Clone)]
pub struct HomeScreen {
    info: HomeInfo,
    entries: Vec<Entry>,
    selected: usize,
    /// What a yes does while "replace the unfinished round?" is asked.
    confirm_discard: Option<Box<Action>>,
}

impl HomeScreen {
    pub fn new(info: HomeInfo) -> HomeScreen {
        let mut entries = vec![
            Entry::Start,
            Entry::Review,
            Entry::Progress,
            Entry::Help,
            Entry::Quit,
        ];
        if info.unfinished.is_some() {
            entries.insert(0, Entry::Resume);
        }
        HomeScreen {
            info,
            entries,
            selected: 0,
            confirm_discard: None,
        }
    }

    /// The drill `d` starts, if one is suggested.
    pub fn drill(&self) -> Option<&DrillSuggestion> {
        self.info.drill.as_ref()
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(&'static str, &'static str)> {
        help_rows(BINDINGS)
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<Action> {
        if let Some(action) = self.confirm_discard.take() {
            return matches!(key.code, KeyCode::Char('y' | 'Y')).then_some(*action);
        }
        if self.info.asked.is_some() {
            // Two choices, and Esc to decide later from the menu.
            return match key.code {
                KeyCode::Char('r' | 'R') | KeyCode::Enter => {
                    self.info.asked = None;
                    Some(Action::Resume)
                }
                KeyCode::Char('s' | 'S') => {
                    self.info.asked = None;
                    Some(Action::StartAsked)
                }
                KeyCode::Esc => {
                    self.info.asked = None;
                    None
                }
                _ => None,
            };
        }
        let (command, _) = lookup(BINDINGS, key)?;
        let entry = match command {
            Cmd::Up => {
                self.selected = self.selected.saturating_sub(1);
                return None;
            }
            Cmd::Down => {
                self.selected = (self.selected + 1).min(self.entries.len() - 1);
                return None;
            }
            Cmd::Choose => self.entries[self.selected],
            Cmd::Start => Entry::Start,
            Cmd::Resume if self.info.unfinished.is_some() => Entry::Resume,
            Cmd::Resume => return None,
            Cmd::Review => Entry::Review,
            Cmd::Progress => Entry::Progress,
            Cmd::Drill => {
                let drill = self.info.drill.clone()?;
                let replace = self.info.unfinished.is_some();
                let action = Action::Drill { drill, replace };
                if replace {
                    self.confirm_discard = Some(Box::new(action));
                    return None;
                }
                return Some(action);
            }
            Cmd::Help => Entry::Help,
            Cmd::Quit => Entry::Quit,
        };
        match entry {
            Entry::Resume => Some(Action::Resume),
            Entry::Start if self.info.unfinished.is_some() => {
                self.confirm_discard = Some(Box::new(Action::NewRound { replace: true }));
                None
            }
            Entry::Start => Some(Action::NewRound { replace: false }),
            Entry::Review => Some(Action::Review),
            Entry::Progress => Some(Action::Progress),
            Entry::Help => Some(Action::ToggleHelp),
            Entry::Quit => Some(Action::Quit),
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let [title, menu, info, bar] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(self.entries.len() as u16 + 2),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled("tandem", theme.title),
                Line::styled(
                    "Practice the relational 1:1: purpose, exploration, exchange, commitment.",
                    theme.muted,
                ),
            ])
            .wrap(Wrap { trim: true }),
            title,
        );
        let items: Vec<ListItem> = self
            .entries
            .iter()
            .map(|entry| {
                ListItem::new(match entry {
                    Entry::Resume => format!(
                        "Resume: {}",
                        self.info.unfinished.as_deref().unwrap_or_default()
                    ),
                    Entry::Start => "Start practice".to_owned(),
                    Entry::Review => "Review sessions and add coach notes".to_owned(),
                    Entry::Progress => "Progress: ratings, talk share, focus".to_owned(),
                    Entry::Help => "Help: keys".to_owned(),
                    Entry::Quit => "Quit".to_owned(),
                })
            })
            .collect();
        let mut state = ListState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(
            List::new(items)
                .highlight_style(theme.focus)
                .highlight_symbol("▶ ")
                .block(Block::bordered().title(Line::styled(" Menu ", theme.title))),
            menu,
            &mut state,
        );
        let mut lines = vec![Line::from(vec![
            Span::styled("Last session: ", theme.title),
            Span::raw(
                self.info
                    .last_session
                    .clone()
                    .unwrap_or_else(|| "none yet — start your first round.".to_owned()),
            ),
        ])];
        if let Some(focus) = &self.info.focus {
            lines.push(Line::from(vec![
                Span::styled("Suggested focus: ", theme.title),
                Span::raw(focus.clone()),
            ]));
        }
        lines.push(Line::from(vec![
            Span::styled("Data: ", theme.title),
            Span::styled(self.info.data_dir.clone(), theme.muted),
        ]));
        for notice in &self.info.notices {
            lines.push(Line::styled(format!("! {notice}"), theme.error));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), info);
        let mut bar_hints = hints(BINDINGS);
        if self.info.drill.is_none() {
            bar_hints.retain(|(key, _)| *key != "d");
        }
        frame.render_widget(hint_bar(&bar_hints, bar.width, theme), bar);
        if let Some(asked) = &self.info.asked {
            render_choice(frame, area, asked, self.info.unfinished.as_deref(), theme);
        }
        if self.confirm_discard.is_some() {
            render_confirm(
                frame,
                area,
                "Start a new round? The unfinished one will be replaced once it starts.",
                theme,
            );
        }
    }
}

/// Which round to go on with: the unfinished one, or the one the command
/// line asked for (which replaces it).
fn render_choice(
    frame: &mut Frame,
    area: Rect,
    asked: &str,
    unfinished: Option<&str>,
    theme: &Theme,
) {
    let popup = crate::tui::widgets::centered(area, 64, 10);
    frame.render_widget(ratatui::widgets::Clear, popup);
    let text = vec![
        Line::from(format!(
            "An unfinished round is waiting: {}.",
            unfinished.unwrap_or("a round")
        )),
        Line::from(format!("You asked for: {asked}.")),
        Line::from(""),
        hint_line(&[("r/Enter", "resume the unfinished round")], theme),
        hint_line(
            &[("s", "start this one (it replaces the unfinished one)")],
            theme,
        ),
        hint_line(&[("Esc", "decide later")], theme),
    ];
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(Line::styled(" Which round? ", theme.title))),
        popup,
    );
}
