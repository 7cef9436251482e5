//! The room's own screen between the busy ones: who is here, the plan, and
//! what happens next — before the round starts, and after someone handed
//! in their part of the debrief while the others finish theirs.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::join::room_title;
use super::room::{Phase, ROLES, Room};
use crate::i18n::words;
use crate::record::Role;
use crate::tr;
use crate::tui::keys::{Binding, HelpRows, Key, help_key, help_rows, hints, lookup};
use crate::tui::theme::Theme;
use crate::tui::widgets::hint_bar;

/// What a key on the lobby asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LobbyAction {
    /// Start the round (once an organizer and a partner are here).
    Start,
    /// Take back the part handed in, to change it.
    Edit,
    /// Show or hide the keys.
    Help,
}

const GATHERING: &[Binding<LobbyAction>] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        label: "Enter",
        hint: Some(|| tr!("hint-start")),
        help: || tr!("key-lobby-start"),
        command: LobbyAction::Start,
    },
    help_key(LobbyAction::Help),
];

const HANDED_IN: &[Binding<LobbyAction>] = &[
    Binding {
        keys: &[Key::Char('e')],
        label: "e",
        hint: Some(|| tr!("hint-edit")),
        help: || tr!("key-lobby-edit"),
        command: LobbyAction::Edit,
    },
    help_key(LobbyAction::Help),
];

/// The lobby as one participant sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LobbyScreen {
    pub role: Role,
}

impl LobbyScreen {
    /// Every key of this screen, for the help overlay.
    pub fn help() -> HelpRows {
        let mut rows = help_rows(&GATHERING[..1]);
        rows.extend(help_rows(HANDED_IN));
        rows
    }

    fn bindings(room: &Room) -> &'static [Binding<LobbyAction>] {
        match room.phase {
            Phase::Debrief(_) => HANDED_IN,
            _ => GATHERING,
        }
    }

    pub fn handle_key(&self, key: &KeyEvent, room: &Room) -> Option<LobbyAction> {
        lookup(Self::bindings(room), key).map(|(action, _)| action)
    }

    pub fn render(&self, room: &Room, frame: &mut Frame, area: Rect, theme: &Theme) {
        let [title, people, plan, next, bar] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(4),
            Constraint::Length(3),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(room_title(room, theme), title);
        let lines: Vec<Line> = ROLES
            .iter()
            .map(|&role| {
                let who = match room.seat(role) {
                    None => Span::styled(tr!("lobby-free"), theme.muted),
                    Some(seat) if role == self.role => {
                        Span::styled(tr!("lobby-you", name = seat.name.as_str()), theme.focus)
                    }
                    Some(seat) if !seat.connected => {
                        Span::styled(tr!("lobby-away", name = seat.name.as_str()), theme.warning)
                    }
                    Some(seat) => Span::styled(seat.name.clone(), theme.text),
                };
                Line::from(vec![
                    Span::styled(tr!("label-colon", label = words::role(role)), theme.muted),
                    who,
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), people);
        let plan_text = match room.fitted() {
            None => tr!(
                "lobby-no-plan",
                minutes = room.deck.stages.iter().map(|s| s.minutes).sum::<u32>()
            ),
            Some(Ok(plan)) => tr!("lobby-plan", plan = words::fit_plan(&plan)),
            Some(Err(err)) => tr!("lobby-plan-too-short", error = words::fit_error(&err)),
        };
        frame.render_widget(
            Paragraph::new(Line::styled(plan_text, theme.text)).wrap(Wrap { trim: true }),
            plan,
        );
        frame.render_widget(
            Paragraph::new(Line::styled(self.next_text(room), theme.title))
                .wrap(Wrap { trim: true }),
            next,
        );
        frame.render_widget(
            hint_bar(&hints(Self::bindings(room)), bar.width, theme),
            bar,
        );
    }

    /// What happens next, from this participant's seat.
    fn next_text(&self, room: &Room) -> String {
        match &room.phase {
            Phase::Debrief(_) => {
                let missing: Vec<String> = room
                    .parts_missing()
                    .into_iter()
                    .map(|role| match room.seat(role) {
                        Some(seat) => tr!(
                            "join-seated",
                            name = seat.name.as_str(),
                            role = words::role(role)
                        ),
                        None => words::role(role),
                    })
                    .collect();
                tr!("lobby-handed-in", waiting = missing.join(", "))
            }
            _ if !room.can_start() => tr!("lobby-waiting-partner"),
            _ if self.role == Role::Organizer => tr!("lobby-ready-organizer"),
            _ => tr!("lobby-ready"),
        }
    }
}
