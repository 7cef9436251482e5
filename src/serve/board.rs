//! The facilitator's board: every room at a glance (code, people, stage,
//! time left or over, debrief), and the keys that act on all of them:
//! start, pause, go on, a line to every screen, and the end of the
//! breakout.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};
use ratatui_textarea::{TextArea, WrapMode};
use unicode_width::UnicodeWidthStr;

use super::room::{Phase, ROLES, Room, round_roles};
use crate::practice::{Moment, TimingLight, clock_text};
use crate::text::fit_width;
use crate::tr;
use crate::tui::keys::{Binding, HelpRows, Key, help_key, help_rows, hints, lookup};
use crate::tui::theme::Theme;
use crate::tui::widgets::{Confirm, Reply, confirm_help, field_block, hint_bar, render_text_area};

/// What the facilitator asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoardAction {
    StartAll,
    PauseAll,
    ContinueAll,
    /// Show this line on every screen of every room (empty: take it down).
    Broadcast(String),
    /// End the breakout: keep every round and close every connection.
    End,
    ToggleHelp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Start,
    Pause,
    Continue,
    Write,
    End,
    Help,
}

const BINDINGS: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Char('s')],
        label: "s",
        hint: Some(|| tr!("hint-start-all")),
        help: || tr!("key-board-start"),
        command: Cmd::Start,
    },
    Binding {
        keys: &[Key::Char('p')],
        label: "p",
        hint: Some(|| tr!("hint-pause-all")),
        help: || tr!("key-board-pause"),
        command: Cmd::Pause,
    },
    Binding {
        keys: &[Key::Char('c')],
        label: "c",
        hint: Some(|| tr!("hint-continue-all")),
        help: || tr!("key-board-continue"),
        command: Cmd::Continue,
    },
    Binding {
        keys: &[Key::Char('w')],
        label: "w",
        hint: Some(|| tr!("hint-broadcast")),
        help: || tr!("key-board-broadcast"),
        command: Cmd::Write,
    },
    Binding {
        keys: &[Key::Char('e')],
        label: "e",
        hint: Some(|| tr!("hint-end")),
        help: || tr!("key-board-end"),
        command: Cmd::End,
    },
    help_key(Cmd::Help),
];

const WRITING: &[Binding<bool>] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        label: "Enter",
        hint: Some(|| tr!("hint-send")),
        help: || tr!("key-board-send"),
        command: true,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        label: "Esc",
        hint: Some(|| tr!("hint-cancel")),
        help: || tr!("key-board-cancel"),
        command: false,
    },
];

/// The longest line the facilitator can send.
pub const MAX_BROADCAST_CHARS: usize = 200;

/// What the board shows of the breakout: every room with its join code,
/// and the facilitator's line while it is on every screen.
#[derive(Clone, Copy)]
pub struct Overview<'a> {
    pub rooms: &'a [Room],
    pub codes: &'a [String],
    pub sent: Option<&'a str>,
}

/// The board's own state: the line being written, the question asked.
#[derive(Debug, Clone, Default)]
pub struct BoardScreen {
    writing: Option<TextArea<'static>>,
    confirm: Option<Confirm<()>>,
}

impl BoardScreen {
    /// Every key of this screen, for the help overlay.
    pub fn help() -> HelpRows {
        let mut rows = help_rows(BINDINGS);
        rows.extend(help_rows(WRITING));
        rows.extend(confirm_help());
        rows
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<BoardAction> {
        if let Some(confirm) = &self.confirm {
            let reply = confirm.reply(key)?;
            self.confirm = None;
            return (reply == Reply::Yes).then_some(BoardAction::End);
        }
        if let Some(text) = &mut self.writing {
            match lookup(WRITING, key).map(|(send, _)| send) {
                Some(true) => {
                    let line = text.lines().join(" ");
                    self.writing = None;
                    let line = crate::text::strip_controls(&line, false);
                    let line: String = line.trim().chars().take(MAX_BROADCAST_CHARS).collect();
                    return Some(BoardAction::Broadcast(line));
                }
                Some(false) => self.writing = None,
                None => {
                    text.input(*key);
                }
            }
            return None;
        }
        Some(match lookup(BINDINGS, key)?.0 {
            Cmd::Start => BoardAction::StartAll,
            Cmd::Pause => BoardAction::PauseAll,
            Cmd::Continue => BoardAction::ContinueAll,
            Cmd::Help => BoardAction::ToggleHelp,
            Cmd::Write => {
                let mut text = TextArea::default();
                text.set_placeholder_text(tr!("board-broadcast-placeholder"));
                text.set_wrap_mode(WrapMode::None);
                text.set_cursor_line_style(ratatui::style::Style::new());
                self.writing = Some(text);
                return None;
            }
            Cmd::End => {
                self.confirm = Some(Confirm::ask((), tr!("board-end-question")));
                return None;
            }
        })
    }

    pub fn render(
        &self,
        breakout: &Overview,
        frame: &mut Frame,
        area: Rect,
        now: Moment,
        theme: &Theme,
    ) {
        let Overview { rooms, codes, sent } = *breakout;
        let writing_rows = if self.writing.is_some() { 3 } else { 0 };
        // The line on every screen, while it is up and no new one is written.
        let sent = sent.filter(|_| self.writing.is_none());
        let [title, table, shown, writing, bar] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(u16::from(sent.is_some())),
            Constraint::Length(writing_rows),
            Constraint::Length(1),
        ])
        .areas(area);
        let running = rooms.iter().filter(|r| r.round().is_some()).count();
        frame.render_widget(
            Paragraph::new(Line::styled(
                tr!("board-title", rooms = rooms.len(), running = running),
                theme.title,
            ))
            .wrap(Wrap { trim: true }),
            title,
        );
        let code_width = codes.iter().map(|c| c.width()).max().unwrap_or(4).max(4) as u16;
        let widths = [
            Constraint::Length(5),
            Constraint::Length(code_width),
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(14),
        ];
        // Each cell is fitted to its column, with "…" where it is cut.
        let columns = Layout::horizontal(widths).spacing(1).split(table);
        let fitted = |texts: [String; 5]| {
            texts
                .into_iter()
                .zip(columns.iter())
                .map(|(text, column)| fit_width(&text, usize::from(column.width)))
                .collect::<Vec<String>>()
        };
        let header = Row::new(fitted([
            tr!("board-room"),
            tr!("board-code"),
            tr!("board-people"),
            tr!("board-stage"),
            tr!("board-time"),
        ]))
        .style(theme.muted);
        let rows = rooms.iter().zip(codes).map(|(room, code)| {
            let (stage, time, light) = status(room, now);
            let mut cells = fitted([
                room.number.to_string(),
                code.clone(),
                people(room),
                stage,
                time,
            ]);
            let time = cells.pop().unwrap_or_default();
            let mut row: Vec<Cell> = cells.into_iter().map(Cell::from).collect();
            row.push(Cell::from(Line::styled(time, theme.light(light))));
            Row::new(row)
        });
        frame.render_widget(
            Table::new(rows, widths).header(header).column_spacing(1),
            table,
        );
        if let Some(line) = sent {
            let text = tr!("board-sent", line = line);
            frame.render_widget(
                Line::styled(fit_width(&text, usize::from(shown.width)), theme.focus),
                shown,
            );
        }
        if let Some(text) = &self.writing {
            let block = field_block(&tr!("board-broadcast"), true, theme);
            let inner = block.inner(writing);
            frame.render_widget(block, writing);
            render_text_area(frame, inner, text, true, theme);
            frame.render_widget(hint_bar(&hints(WRITING), bar.width, theme), bar);
        } else {
            frame.render_widget(hint_bar(&hints(BINDINGS), bar.width, theme), bar);
        }
        if let Some(confirm) = &self.confirm {
            confirm.render(frame, area, theme);
        }
    }
}

/// "Ana, Ben, Cy" with an away marker, or a dash for an empty room.
fn people(room: &Room) -> String {
    let names: Vec<String> = ROLES
        .iter()
        .filter_map(|&role| room.seat(role))
        .map(|seat| {
            if seat.connected {
                seat.name.clone()
            } else {
                tr!("board-away", name = seat.name.as_str())
            }
        })
        .collect();
    if names.is_empty() {
        "—".to_owned()
    } else {
        names.join(", ")
    }
}

/// The room's stage (or phase), its time, and the light of that time.
fn status(room: &Room, now: Moment) -> (String, String, TimingLight) {
    match &room.phase {
        Phase::Gathering => (tr!("board-gathering"), String::new(), TimingLight::Green),
        Phase::Running(round) => {
            let practice = &round.practice;
            let stage = round
                .deck
                .stage(&practice.current_run().stage_id)
                .map_or_else(
                    || practice.current_run().stage_id.clone(),
                    |s| s.name.clone(),
                );
            let timer = practice.timer(now);
            let time = match timer.remaining() {
                Some(left) => tr!("board-left", time = clock_text(left, true)),
                None => tr!("board-over", time = clock_text(timer.overtime(), false)),
            };
            let stage = if practice.is_paused() {
                tr!("board-paused", stage = stage)
            } else {
                stage
            };
            (stage, time, timer.light())
        }
        Phase::Debrief(debrief) => {
            let people = &debrief.round.practice.people;
            let parts = round_roles(people).count();
            let done = parts - room.parts_missing().len();
            (
                tr!("board-debrief", done = done, parts = parts),
                clock_text(now.since(debrief.started), false),
                TimingLight::Green,
            )
        }
        Phase::Saved(_) => (tr!("board-saved"), String::new(), TimingLight::Green),
    }
}
