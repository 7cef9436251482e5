//! The first screen in a room: who is already there, a name to type and a
//! role to take, whichever is still open.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::{TextArea, WrapMode};

use super::room::{ROLES, Room};
use crate::i18n::words;
use crate::record::Role;
use crate::tr;
use crate::tui::keys::{Binding, Key, hints, lookup};
use crate::tui::theme::Theme;
use crate::tui::widgets::{field_block, hint_bar, render_text_area};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Join,
    Down,
    Up,
}

const BINDINGS: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        label: "Enter",
        hint: Some(|| tr!("hint-join")),
        help: || tr!("key-join"),
        command: Cmd::Join,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), Key::Code(KeyCode::Tab)],
        label: "↓/↑",
        hint: Some(|| tr!("hint-role")),
        help: || tr!("key-join-role"),
        command: Cmd::Down,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Up), Key::Code(KeyCode::BackTab)],
        label: "↑",
        hint: None,
        help: || tr!("key-join-role"),
        command: Cmd::Up,
    },
];

/// "Room 3 · Quick round": the first line of a room's own screens.
pub fn room_title(room: &Room, theme: &Theme) -> Line<'static> {
    Line::styled(
        tr!(
            "join-title",
            room = room.number,
            deck = room.deck.title.as_str()
        ),
        theme.title,
    )
}

/// The join form of one room.
#[derive(Debug, Clone)]
pub struct JoinScreen {
    /// The room's index in the workshop.
    pub room: usize,
    name: TextArea<'static>,
    /// The role chosen, as an index into [`ROLES`].
    chosen: usize,
    error: Option<String>,
}

impl JoinScreen {
    /// An empty form for room index `room`.
    pub fn new(room: usize) -> JoinScreen {
        let mut name = TextArea::default();
        name.set_placeholder_text(tr!("join-name-placeholder"));
        name.set_wrap_mode(WrapMode::None);
        name.set_cursor_line_style(ratatui::style::Style::new());
        JoinScreen {
            room,
            name,
            chosen: 0,
            error: None,
        }
    }

    /// The name typed so far.
    pub fn name(&self) -> String {
        self.name.lines().join(" ")
    }

    /// Says why the last try did not seat them.
    pub fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    /// The role chosen among the room's open ones (the first open one
    /// when the chosen one was taken meanwhile).
    pub fn role(&self, room: &Room) -> Option<Role> {
        let open = room.open_roles();
        let chosen = ROLES[self.chosen % ROLES.len()];
        if open.contains(&chosen) {
            Some(chosen)
        } else {
            open.first().copied()
        }
    }

    /// Applies a key; returns the role to take when Enter was pressed.
    pub fn handle_key(&mut self, key: &KeyEvent, room: &Room) -> Option<Role> {
        self.error = None;
        match lookup(BINDINGS, key).map(|(cmd, _)| cmd) {
            Some(Cmd::Join) => return self.role(room),
            Some(step @ (Cmd::Down | Cmd::Up)) => {
                let open = room.open_roles();
                let at = self
                    .role(room)
                    .and_then(|r| open.iter().position(|o| *o == r))
                    .unwrap_or(0);
                let next = match step {
                    Cmd::Down => at + 1,
                    _ => at + open.len().saturating_sub(1),
                };
                if let Some(role) = open.get(next % open.len().max(1)) {
                    self.chosen = ROLES.iter().position(|r| r == role).unwrap_or(0);
                }
            }
            None => {
                // One line only: Enter joins, it never breaks the line.
                if !matches!(key.code, KeyCode::Enter) {
                    self.name.input(*key);
                }
            }
        }
        None
    }

    pub fn render(&self, room: &Room, frame: &mut Frame, area: Rect, theme: &Theme) {
        let [title, here, name, roles, error, bar] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(2),
            Constraint::Length(3),
            Constraint::Fill(1),
            Constraint::Length(2),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(room_title(room, theme), title);
        let seated: Vec<String> = ROLES
            .iter()
            .filter_map(|&role| {
                room.seat(role).map(|seat| {
                    tr!(
                        "join-seated",
                        name = seat.name.as_str(),
                        role = words::role(role)
                    )
                })
            })
            .collect();
        let here_text = if seated.is_empty() {
            tr!("join-nobody-yet")
        } else {
            tr!("join-here", people = seated.join(", "))
        };
        frame.render_widget(
            Paragraph::new(Line::styled(here_text, theme.muted)).wrap(Wrap { trim: true }),
            here,
        );
        let block = field_block(&tr!("join-name"), true, theme);
        let inner = block.inner(name);
        frame.render_widget(block, name);
        render_text_area(frame, inner, &self.name, true, theme);
        let open = room.open_roles();
        let chosen = self.role(room);
        let mut lines = vec![Line::styled(tr!("join-role"), theme.title)];
        if open.is_empty() {
            lines.push(Line::styled(tr!("join-room-full"), theme.error));
        }
        for role in open {
            let rejoin = room.seat(role).map(|seat| seat.name.as_str());
            let label = match rejoin {
                Some(name) => tr!("join-rejoin", role = words::role(role), name = name),
                None => words::role(role),
            };
            let (marker, style) = if Some(role) == chosen {
                ("▶ ", theme.focus)
            } else {
                ("  ", theme.text)
            };
            lines.push(Line::from(vec![
                Span::styled(marker, style),
                Span::styled(label, style),
            ]));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), roles);
        if let Some(message) = &self.error {
            frame.render_widget(
                Paragraph::new(Line::styled(message.as_str(), theme.error))
                    .wrap(Wrap { trim: true }),
                error,
            );
        }
        frame.render_widget(hint_bar(&hints(BINDINGS), bar.width, theme), bar);
    }
}
