//! The feedback form: what worked, what to improve, the commitment, then a
//! 1–5 rating per rubric item. Each participant fills in their own text and
//! ratings (switch with ←/→ on the first field); they are stored apart.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};
use ratatui_textarea::{TextArea, WrapMode};

use crate::deck::Deck;
use std::time::Duration;

use crate::practice::{Moment, Practice, StageTimer, clock_text};
use crate::record::{FeedbackDraft, ParticipantFeedback, Rating, Role};
use crate::text::{strip_controls, truncate_width};
use crate::tui::action::Action;
use crate::tui::keys::{Binding, Key, help_rows, hints, lookup};
use crate::tui::theme::Theme;
use crate::tui::widgets::{field_block, hint_line, render_confirm, render_text_area};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Save,
    NextField,
    PrevField,
    Help,
    Leave,
    Lower,
    Higher,
    Up,
    Down,
    Clear,
    Score,
}

/// Keys that work in every field.
const GLOBAL: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Ctrl('s')],
        label: "Ctrl-S",
        hint: "save",
        help: "Save the session and show the summary",
        command: Cmd::Save,
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
        keys: &[Key::Code(KeyCode::F(1))],
        label: "F1",
        hint: "help",
        help: "This help (also ? outside text fields)",
        command: Cmd::Help,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        label: "Esc",
        hint: "",
        help: "Leave the form (asks first; what you typed is kept)",
        command: Cmd::Leave,
    },
];

/// Keys of the "feedback from" selector and the rating cells.
const CHOICE: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Left)],
        label: "←",
        hint: "",
        help: "Rating: one lower; first field: previous participant",
        command: Cmd::Lower,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Right)],
        label: "→",
        hint: "",
        help: "Rating: one higher; first field: next participant",
        command: Cmd::Higher,
    },
    Binding {
        keys: &[Key::Digit],
        label: "1-5",
        hint: "rate",
        help: "Set the rating",
        command: Cmd::Score,
    },
    Binding {
        keys: &[
            Key::Char('0'),
            Key::Code(KeyCode::Backspace),
            Key::Code(KeyCode::Delete),
        ],
        label: "0/Del",
        hint: "",
        help: "Clear the rating (ratings may be left empty)",
        command: Cmd::Clear,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Up)],
        label: "↑",
        hint: "",
        help: "Previous rating",
        command: Cmd::Up,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down)],
        label: "↓",
        hint: "",
        help: "Next rating",
        command: Cmd::Down,
    },
    Binding {
        keys: &[Key::Char('?')],
        label: "?",
        hint: "",
        help: "This help",
        command: Cmd::Help,
    },
];

/// A focusable part of the form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Rater,
    WhatWorked,
    ToImprove,
    Ask,
    Agreed,
    FollowUp,
    Rating(usize),
}

/// One rubric item, flattened across stages.
#[derive(Debug, Clone)]
struct Item {
    stage_id: String,
    stage_name: String,
    text: String,
}

/// One participant's part of the form.
#[derive(Debug, Clone)]
struct RaterForm {
    role: Role,
    name: String,
    what_worked: TextArea<'static>,
    to_improve: TextArea<'static>,
    scores: Vec<Option<u8>>,
}

/// State of the feedback form.
#[derive(Debug, Clone)]
pub struct FeedbackScreen {
    items: Vec<Item>,
    raters: Vec<RaterForm>,
    rater: usize,
    ask: TextArea<'static>,
    agreed: TextArea<'static>,
    follow_up: TextArea<'static>,
    focus: Field,
    error: Option<String>,
    confirm_leave: bool,
    /// The soft debrief timer: its plan, and when the form opened.
    debrief: StageTimer,
    debrief_started: Moment,
}

fn text_area(text: &str, placeholder: &str, wrap: WrapMode) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_owned).collect()
    };
    let mut area = TextArea::new(lines);
    area.set_placeholder_text(placeholder);
    area.set_wrap_mode(wrap);
    area.set_cursor_line_style(Style::new());
    area
}

fn text_of(area: &TextArea<'_>) -> String {
    strip_controls(&area.lines().join("\n"), true)
        .trim()
        .to_owned()
}

impl FeedbackScreen {
    /// A form for this deck and these people, filled from `draft` (empty
    /// fields for everything the draft lacks).
    /// A form for this round, filled from `draft` (empty fields for
    /// everything the draft lacks). Only the stages the round ran are rated;
    /// the soft debrief timer starts at `now`.
    pub fn new(
        deck: &Deck,
        practice: &Practice,
        draft: &FeedbackDraft,
        now: Moment,
    ) -> FeedbackScreen {
        let people = &practice.people;
        let items: Vec<Item> = practice
            .runs()
            .iter()
            .filter_map(|run| deck.stage(&run.stage_id))
            .flat_map(|stage| {
                stage.rubric.iter().map(|text| Item {
                    stage_id: stage.id.clone(),
                    stage_name: stage.name.clone(),
                    text: text.clone(),
                })
            })
            .collect();
        // The order taught for a debrief: organizer, partner, observer.
        let raters = [
            (Role::Organizer, Some(&people.organizer)),
            (
                Role::Partner,
                Some(&people.partner).filter(|p| !p.is_empty()),
            ),
            (Role::Observer, people.observer.as_ref()),
        ]
        .into_iter()
        .filter_map(|(role, name)| Some((role, name?)))
        .map(|(role, name)| {
            let saved = draft.participants.iter().find(|p| p.role == role);
            let scores = items
                .iter()
                .map(|item| {
                    saved.and_then(|s| {
                        s.ratings
                            .iter()
                            .find(|r| r.stage == item.stage_id && r.item == item.text)
                            .map(|r| r.score)
                    })
                })
                .collect();
            RaterForm {
                role,
                name: name.clone(),
                what_worked: text_area(
                    saved.map_or("", |s| &s.what_worked),
                    "What went well in this round?",
                    WrapMode::WordOrGlyph,
                ),
                to_improve: text_area(
                    saved.map_or("", |s| &s.to_improve),
                    "One thing to do differently next time",
                    WrapMode::WordOrGlyph,
                ),
                scores,
            }
        })
        .collect();
        FeedbackScreen {
            items,
            raters,
            rater: 0,
            ask: text_area(&draft.ask, "The ask the organizer made", WrapMode::None),
            agreed: text_area(&draft.agreed, "What the partner agreed to", WrapMode::None),
            follow_up: text_area(&draft.follow_up, "YYYY-MM-DD (optional)", WrapMode::None),
            focus: Field::Rater,
            error: None,
            confirm_leave: false,
            debrief: StageTimer {
                planned: Duration::from_secs(u64::from(deck.debrief_minutes) * 60),
                elapsed: Duration::ZERO,
            },
            debrief_started: now,
        }
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(&'static str, &'static str)> {
        let mut rows = help_rows(GLOBAL);
        rows.extend(help_rows(CHOICE));
        rows.push(("typing", "Edits the focused text field"));
        rows
    }

    /// The form's content, as saved in the in-progress state.
    pub fn draft(&self) -> FeedbackDraft {
        FeedbackDraft {
            ask: text_of(&self.ask),
            agreed: text_of(&self.agreed),
            follow_up: text_of(&self.follow_up),
            participants: self
                .raters
                .iter()
                .map(|rater| ParticipantFeedback {
                    role: rater.role,
                    name: rater.name.clone(),
                    what_worked: text_of(&rater.what_worked),
                    to_improve: text_of(&rater.to_improve),
                    ratings: self
                        .items
                        .iter()
                        .zip(&rater.scores)
                        .filter_map(|(item, score)| {
                            score.map(|score| Rating {
                                stage: item.stage_id.clone(),
                                item: item.text.clone(),
                                score,
                            })
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// Shows why the last save did not go through.
    pub fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    fn fields(&self) -> Vec<Field> {
        let mut fields = vec![
            Field::Rater,
            Field::WhatWorked,
            Field::ToImprove,
            Field::Ask,
            Field::Agreed,
            Field::FollowUp,
        ];
        fields.extend((0..self.items.len()).map(Field::Rating));
        fields
    }

    fn move_focus(&mut self, forward: bool) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % fields.len()
        } else {
            (at + fields.len() - 1) % fields.len()
        };
        self.focus = fields[next];
    }

    fn focused_text(&mut self) -> Option<&mut TextArea<'static>> {
        let rater = &mut self.raters[self.rater];
        match self.focus {
            Field::WhatWorked => Some(&mut rater.what_worked),
            Field::ToImprove => Some(&mut rater.to_improve),
            Field::Ask => Some(&mut self.ask),
            Field::Agreed => Some(&mut self.agreed),
            Field::FollowUp => Some(&mut self.follow_up),
            Field::Rater | Field::Rating(_) => None,
        }
    }

    /// Applies a key; returns what the app must do about it.
    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<Action> {
        if self.confirm_leave {
            self.confirm_leave = false;
            return matches!(key.code, KeyCode::Char('y' | 'Y')).then_some(Action::Leave);
        }
        if let Some((command, _)) = lookup(GLOBAL, key) {
            return self.run(command, 0);
        }
        let multi_line = matches!(self.focus, Field::WhatWorked | Field::ToImprove);
        if let Some(text) = self.focused_text() {
            if key.code == KeyCode::Enter && !multi_line {
                self.move_focus(true);
                return Some(Action::Checkpoint);
            }
            text.input(*key);
            return None;
        }
        let (command, digit) = lookup(CHOICE, key)?;
        self.run(command, digit)
    }

    fn run(&mut self, command: Cmd, digit: u8) -> Option<Action> {
        let raters = self.raters.len();
        match (command, self.focus) {
            (Cmd::Save, _) => {
                return match self.draft().finish() {
                    Ok(_) => Some(Action::Save(self.draft())),
                    Err(message) => {
                        self.error = Some(message);
                        self.focus = Field::FollowUp;
                        Some(Action::Checkpoint)
                    }
                };
            }
            (Cmd::NextField, _) => self.move_focus(true),
            (Cmd::PrevField, _) => self.move_focus(false),
            (Cmd::Help, _) => return Some(Action::ToggleHelp),
            (Cmd::Leave, _) => {
                self.confirm_leave = true;
                return None;
            }
            (Cmd::Lower, Field::Rater) => self.rater = (self.rater + raters - 1) % raters,
            (Cmd::Higher, Field::Rater) => self.rater = (self.rater + 1) % raters,
            (Cmd::Lower | Cmd::Higher | Cmd::Score | Cmd::Clear, Field::Rating(i)) => {
                let score = &mut self.raters[self.rater].scores[i];
                *score = match command {
                    Cmd::Lower => Some(score.map_or(1, |s| s.saturating_sub(1).max(1))),
                    Cmd::Higher => Some(score.map_or(1, |s| (s + 1).min(5))),
                    Cmd::Score if (1..=5).contains(&digit) => Some(digit),
                    Cmd::Score => *score,
                    _ => None,
                };
            }
            (Cmd::Up, Field::Rating(i)) => {
                self.focus = if i == 0 {
                    Field::FollowUp
                } else {
                    Field::Rating(i - 1)
                };
            }
            (Cmd::Down, Field::Rating(i)) if i + 1 < self.items.len() => {
                self.focus = Field::Rating(i + 1);
            }
            (Cmd::Down, Field::Rater) if !self.items.is_empty() => self.focus = Field::WhatWorked,
            _ => return None,
        }
        Some(Action::Checkpoint)
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, now: Moment, theme: &Theme) {
        // A save error wraps over as many rows as it needs (up to 4), so
        // that its advice is never cut off.
        let error = self.error.as_ref().map(|e| format!("Not saved: {e}"));
        let status_rows = error.as_ref().map_or(1, |e| {
            crate::tui::app::wrapped_height(e, area.width).clamp(1, 4)
        });
        let [header, body, status, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(status_rows),
            Constraint::Length(1),
        ])
        .areas(area);
        let debrief = StageTimer {
            elapsed: now.since(self.debrief_started),
            ..self.debrief
        };
        let clock = match debrief.remaining() {
            Some(left) => format!("debrief {} left", clock_text(left, true)),
            None => format!("debrief +{} over", clock_text(debrief.overtime(), false)),
        };
        frame.render_widget(
            Line::from(vec![
                Span::styled("Feedback", theme.title),
                Span::styled(" · each gives their own, in turn · ", theme.muted),
                Span::styled(clock, theme.light(debrief.light())),
            ]),
            header,
        );
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(body);
        let [rater, worked, improve, commitment] = Layout::vertical([
            Constraint::Length(4),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Length(5),
        ])
        .areas(left);
        self.render_rater(frame, rater, theme);
        let current = &self.raters[self.rater];
        let who = format!("{} ({})", current.name, current.role.label());
        self.render_text(
            frame,
            worked,
            &current.what_worked,
            &format!("What worked · {who}"),
            Field::WhatWorked,
            theme,
        );
        self.render_text(
            frame,
            improve,
            &current.to_improve,
            &format!("What to improve · {who}"),
            Field::ToImprove,
            theme,
        );
        self.render_commitment(frame, commitment, theme);
        self.render_ratings(frame, right, theme);
        if let Some(error) = error {
            frame.render_widget(
                Paragraph::new(Line::styled(error, theme.error))
                    .wrap(ratatui::widgets::Wrap { trim: true }),
                status,
            );
        }
        let mut bar_hints = hints(GLOBAL);
        bar_hints.extend(hints(CHOICE));
        frame.render_widget(hint_line(&bar_hints, theme), bar);
        if self.confirm_leave {
            render_confirm(
                frame,
                area,
                "Leave the form unsaved? It is kept; resume it from the home screen.",
                theme,
            );
        }
    }

    fn block(&self, title: &str, field: Option<Field>, theme: &Theme) -> Block<'static> {
        field_block(title, field.is_some_and(|f| f == self.focus), theme)
    }

    fn render_rater(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let spans: Vec<Span> = self
            .raters
            .iter()
            .enumerate()
            .flat_map(|(i, rater)| {
                let label = format!(" {} ", rater.name);
                let style = if i == self.rater {
                    theme.focus.add_modifier(Modifier::BOLD)
                } else {
                    theme.muted
                };
                [Span::styled(label, style), Span::raw(" ")]
            })
            .collect();
        let guide = Line::styled(turn_guide(self.raters[self.rater].role), theme.muted);
        frame.render_widget(
            Paragraph::new(vec![Line::from(spans), guide]).block(self.block(
                "Feedback from (←/→)",
                Some(Field::Rater),
                theme,
            )),
            area,
        );
    }

    fn render_text(
        &self,
        frame: &mut Frame,
        area: Rect,
        text: &TextArea<'static>,
        title: &str,
        field: Field,
        theme: &Theme,
    ) {
        let block = self.block(title, Some(field), theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        render_text_area(frame, inner, text, self.focus == field, theme);
    }

    fn render_commitment(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let focused = matches!(self.focus, Field::Ask | Field::Agreed | Field::FollowUp);
        let block = self.block("Commitment reached", focused.then_some(self.focus), theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let rows = Layout::vertical([Constraint::Length(1); 3]).split(inner);
        for (row, label, text, field) in [
            (rows[0], "Ask      ", &self.ask, Field::Ask),
            (rows[1], "Agreed   ", &self.agreed, Field::Agreed),
            (rows[2], "Follow-up", &self.follow_up, Field::FollowUp),
        ] {
            let [label_area, text_area] =
                Layout::horizontal([Constraint::Length(10), Constraint::Fill(1)]).areas(row);
            let style = if self.focus == field {
                theme.focus
            } else {
                theme.muted
            };
            frame.render_widget(Span::styled(label, style), label_area);
            render_text_area(frame, text_area, text, self.focus == field, theme);
        }
    }

    fn render_ratings(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let focused_row = match self.focus {
            Field::Rating(i) => Some(i),
            _ => None,
        };
        let mut rows = Vec::new();
        let mut selected = None;
        let mut last_stage = "";
        for (i, item) in self.items.iter().enumerate() {
            if item.stage_id != last_stage {
                last_stage = &item.stage_id;
                rows.push(Row::new([Cell::from(Span::styled(
                    item.stage_name.clone(),
                    theme.title,
                ))]));
            }
            if focused_row == Some(i) {
                selected = Some(rows.len());
            }
            let mut cells = vec![Cell::from(format!("  {}", item.text))];
            for (r, rater) in self.raters.iter().enumerate() {
                let text = rater.scores[i].map_or("·".to_owned(), |s| s.to_string());
                let style = if focused_row == Some(i) && r == self.rater {
                    theme.focus.add_modifier(Modifier::BOLD)
                } else if r == self.rater {
                    theme.text
                } else {
                    theme.muted
                };
                cells.push(Cell::from(Line::styled(text, style).centered()));
            }
            rows.push(Row::new(cells));
        }
        let header = Row::new(
            std::iter::once(Cell::from("1–5"))
                .chain(self.raters.iter().enumerate().map(|(r, rater)| {
                    let style = if r == self.rater {
                        theme.title
                    } else {
                        theme.muted
                    };
                    Cell::from(Line::styled(truncate_width(&rater.name, 5), style).centered())
                }))
                .collect::<Vec<_>>(),
        );
        let widths = std::iter::once(Constraint::Fill(1))
            .chain(self.raters.iter().map(|_| Constraint::Length(5)))
            .collect::<Vec<_>>();
        let title = format!(
            "Ratings · {} ({})",
            self.raters[self.rater].name,
            self.raters[self.rater].role.label()
        );
        let table = Table::new(rows, widths).header(header).block(self.block(
            &title,
            focused_row.map(Field::Rating),
            theme,
        ));
        let mut state = TableState::default().with_selected(selected);
        frame.render_stateful_widget(table, area, &mut state);
    }
}

/// What each participant speaks to in the debrief, in the order taught.
fn turn_guide(role: Role) -> &'static str {
    match role {
        Role::Organizer => "First: what worked, what to change",
        Role::Partner => "Then: how it felt; would you commit?",
        Role::Observer => "Last: read out the marks, one tip",
    }
}
