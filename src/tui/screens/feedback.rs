//! The debrief: a form that fits the deck's debrief minutes. In the order
//! taught, the organizer first (what worked, one thing to change), then
//! the partner (would you have said yes, what would have made it a yes,
//! did you feel heard), then the observer (one phrase that worked, with
//! the marks to read out); each gives one 1–5 rating per stage, anchored
//! by the stage's goal. The rubric is ticked once as observed / not
//! observed, and the commitment is recorded as an outcome.

use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::{TextArea, WrapMode};
use unicode_width::UnicodeWidthStr;

use crate::deck::Deck;
use crate::i18n::words;
use crate::practice::{Practice, StageTimer, clock_text, secs_text};
use crate::record::{
    Answer, Check, DateField, DraftError, FeedbackDraft, MAX_RATING, ParticipantFeedback, Rating,
    Role,
};
use crate::text::{fit_width, strip_controls};
use crate::tr;
use crate::tui::action::Action;
use crate::tui::keys::{Binding, Key, help_rows, hints, lookup};
use crate::tui::mouse::{Hits, Pointer};
use crate::tui::round::Viewer;
use crate::tui::theme::Theme;
use crate::tui::widgets::{Confirm, Reply, confirm_help, hint_bar, render_text_area};

use crate::practice::Moment;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Save,
    NextField,
    PrevField,
    NextPart,
    PrevPart,
    Help,
    Leave,
}

/// Keys that work in every field.
const GLOBAL: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Ctrl('s')],
        label: "Ctrl-S",
        hint: Some(|| tr!("hint-save")),
        help: || tr!("key-feedback-save"),
        command: Cmd::Save,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Tab), Key::Code(KeyCode::Down)],
        label: "Tab/↓",
        hint: Some(|| tr!("hint-next")),
        help: || tr!("key-feedback-next-field"),
        command: Cmd::NextField,
    },
    Binding {
        keys: &[Key::Code(KeyCode::BackTab), Key::Code(KeyCode::Up)],
        label: "Shift-Tab/↑",
        hint: None,
        help: || tr!("key-feedback-prev-field"),
        command: Cmd::PrevField,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageDown)],
        label: "PgDn",
        hint: Some(|| tr!("hint-next-person")),
        help: || tr!("key-feedback-next-part"),
        command: Cmd::NextPart,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageUp)],
        label: "PgUp",
        hint: None,
        help: || tr!("key-feedback-prev-part"),
        command: Cmd::PrevPart,
    },
    Binding {
        keys: &[Key::Code(KeyCode::F(1))],
        label: "F1",
        hint: Some(|| tr!("hint-help")),
        help: || tr!("key-feedback-help"),
        command: Cmd::Help,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        label: "Esc",
        hint: None,
        help: || tr!("key-feedback-leave"),
        command: Cmd::Leave,
    },
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    Lower,
    Higher,
    Set,
    Clear,
    Toggle,
    Help,
}

/// Keys of ratings, choices and checks.
const CHOICE: &[Binding<Edit>] = &[
    Binding {
        keys: &[Key::Digit],
        label: "1-5",
        hint: Some(|| tr!("hint-rate")),
        help: || tr!("key-feedback-edit-set"),
        command: Edit::Set,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Left)],
        label: "←/→",
        hint: None,
        help: || tr!("key-feedback-edit-lower"),
        command: Edit::Lower,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Right)],
        label: "→",
        hint: None,
        help: || tr!("key-feedback-edit-higher"),
        command: Edit::Higher,
    },
    Binding {
        keys: &[
            Key::Char('0'),
            Key::Code(KeyCode::Backspace),
            Key::Code(KeyCode::Delete),
        ],
        label: "0/Del",
        hint: None,
        help: || tr!("key-feedback-edit-clear"),
        command: Edit::Clear,
    },
    Binding {
        keys: &[Key::Char(' '), Key::Char('x')],
        label: "Space",
        hint: Some(|| tr!("hint-tick")),
        help: || tr!("key-feedback-edit-toggle"),
        command: Edit::Toggle,
    },
    Binding {
        keys: &[Key::Char('?')],
        label: "?",
        hint: None,
        help: || tr!("key-feedback-edit-help"),
        command: Edit::Help,
    },
];

/// One text field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Text {
    WhatWorked,
    ToChange,
    ToMakeYes,
    Phrase,
    Ask,
    Action,
    Date,
    FollowUp,
}

impl Text {
    fn label(self) -> String {
        match self {
            Text::WhatWorked => tr!("feedback-what-worked"),
            Text::ToChange => tr!("feedback-to-change"),
            Text::ToMakeYes => tr!("feedback-to-make-yes"),
            Text::Phrase => tr!("feedback-phrase"),
            Text::Ask => tr!("feedback-ask"),
            Text::Action => tr!("feedback-action"),
            Text::Date => tr!("feedback-date"),
            Text::FollowUp => tr!("feedback-follow-up"),
        }
    }
}

/// A focusable part of the form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// A text field; `usize` is the rater for a rater's own text.
    Text(usize, Text),
    /// Rater's rating of a stage (index into `stages`).
    Rating(usize, usize),
    /// The partner's "would you have said yes?".
    WouldSayYes(usize),
    /// The partner's "did you feel heard?".
    FeltHeard(usize),
    Check(usize),
    Answer,
}

/// A rubric item of a stage the round ran.
#[derive(Debug, Clone)]
struct CheckItem {
    stage_id: String,
    stage_name: String,
    text: String,
    observed: bool,
}

/// A stage the round ran, rated by everyone.
#[derive(Debug, Clone)]
struct StageLine {
    id: String,
    name: String,
    goal: String,
}

/// One participant's part of the form.
#[derive(Debug, Clone)]
struct RaterForm {
    role: Role,
    name: String,
    texts: Vec<(Text, TextArea<'static>)>,
    scores: Vec<Option<u8>>,
    would_say_yes: Option<Answer>,
    felt_heard: Option<u8>,
}

impl RaterForm {
    fn text(&self, which: Text) -> Option<&TextArea<'static>> {
        self.texts.iter().find(|(t, _)| *t == which).map(|(_, a)| a)
    }

    fn text_mut(&mut self, which: Text) -> Option<&mut TextArea<'static>> {
        self.texts
            .iter_mut()
            .find(|(t, _)| *t == which)
            .map(|(_, a)| a)
    }

    fn gave_nothing(&self) -> bool {
        self.scores.iter().all(Option::is_none)
            && self.would_say_yes.is_none()
            && self.felt_heard.is_none()
            && self.texts.iter().all(|(_, a)| text_of(a).is_empty())
    }
}

/// The questions this form asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Question {
    Leave,
    SaveIncomplete,
}

/// State of the feedback form.
#[derive(Debug, Clone)]
pub struct FeedbackScreen {
    stages: Vec<StageLine>,
    raters: Vec<RaterForm>,
    checks: Vec<CheckItem>,
    /// Who ticks the checks: the observer, the partner in a pair, or the
    /// organizer alone.
    checker: Option<Role>,
    /// The commitment part applies when the round reached the deck's last
    /// stage with someone to ask.
    has_commitment: bool,
    commitment: Vec<(Text, TextArea<'static>)>,
    answer: Option<Answer>,
    /// Marks of the round, for the observer to read out: (time, stage, label).
    marks: Vec<(u64, String, String)>,
    focus: Field,
    error: Option<String>,
    confirm: Option<Confirm<Question>>,
    /// The soft debrief timer: its plan, and when the form opened.
    debrief: StageTimer,
    debrief_started: Moment,
    /// Debrief time spent before this form opened (a resumed draft).
    debrief_before: Duration,
    /// Where each field was drawn, and each star of a rating (with its
    /// score), for clicks.
    field_hits: Hits<(Field, Option<u8>)>,
}

fn text_area(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.replace('\n', " ")]);
    area.set_placeholder_text(placeholder);
    area.set_wrap_mode(WrapMode::None);
    area.set_cursor_line_style(Style::new());
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

fn text_of(area: &TextArea<'_>) -> String {
    strip_controls(&area.lines().join("\n"), true)
        .trim()
        .to_owned()
}

/// Steps an optional answer through none → yes → maybe → no.
fn step_answer(answer: Option<Answer>, forward: bool) -> Option<Answer> {
    let order = [
        None,
        Some(Answer::Yes),
        Some(Answer::Maybe),
        Some(Answer::No),
    ];
    let at = order.iter().position(|a| *a == answer).unwrap_or(0);
    let next = if forward {
        at + 1
    } else {
        at + order.len() - 1
    };
    order[next % order.len()]
}

/// Steps an optional 1–5 score.
fn step_score(score: Option<u8>, forward: bool) -> Option<u8> {
    Some(match (score, forward) {
        (None, _) => 1,
        (Some(s), true) => (s + 1).min(MAX_RATING),
        (Some(s), false) => s.saturating_sub(1).max(1),
    })
}

impl FeedbackScreen {
    /// A form for this round, filled from `draft` (empty fields for
    /// everything the draft lacks). Only the stages the round ran are rated
    /// and checked; the soft debrief timer starts at `now`, less the time
    /// the draft says was already spent.
    pub fn new(
        deck: &Deck,
        practice: &Practice,
        draft: &FeedbackDraft,
        now: Moment,
    ) -> FeedbackScreen {
        let people = &practice.people;
        let ran: Vec<&crate::deck::Stage> = practice
            .runs()
            .iter()
            .filter_map(|run| deck.stage(&run.stage_id))
            .collect();
        let stages: Vec<StageLine> = ran
            .iter()
            .map(|stage| StageLine {
                id: stage.id.clone(),
                name: stage.name.clone(),
                goal: stage.goal.clone(),
            })
            .collect();
        let checks = ran
            .iter()
            .flat_map(|stage| {
                stage.rubric.iter().map(|item| CheckItem {
                    stage_id: stage.id.clone(),
                    stage_name: stage.name.clone(),
                    text: item.clone(),
                    observed: draft
                        .checks
                        .iter()
                        .any(|c| c.stage == stage.id && c.item == *item && c.observed),
                })
            })
            .collect();
        // The order taught for a debrief: organizer, partner, observer.
        let raters: Vec<RaterForm> = [
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
            let saved_text = |which: Text| {
                saved.map_or("", |s| match which {
                    Text::WhatWorked => &s.what_worked,
                    Text::ToChange => &s.to_change,
                    Text::ToMakeYes => &s.to_make_yes,
                    _ => &s.phrase,
                })
            };
            let fields: &[Text] = match role {
                Role::Organizer => &[Text::WhatWorked, Text::ToChange],
                Role::Partner => &[Text::ToMakeYes],
                Role::Observer => &[Text::Phrase],
            };
            RaterForm {
                role,
                name: name.clone(),
                texts: fields
                    .iter()
                    .map(|&t| (t, text_area(saved_text(t), &type_here())))
                    .collect(),
                scores: stages
                    .iter()
                    .map(|stage| {
                        saved.and_then(|s| {
                            s.ratings
                                .iter()
                                .find(|r| r.stage == stage.id)
                                .map(|r| r.score)
                        })
                    })
                    .collect(),
                would_say_yes: saved.and_then(|s| s.would_say_yes),
                felt_heard: saved.and_then(|s| s.felt_heard),
            }
        })
        .collect();
        let checker = if people.observer.is_some() {
            Some(Role::Observer)
        } else if !people.partner.is_empty() {
            Some(Role::Partner)
        } else {
            Some(Role::Organizer)
        };
        let last_stage = deck.stages.last().map(|s| s.id.as_str());
        let has_commitment = !people.partner.is_empty()
            && practice
                .runs()
                .last()
                .is_some_and(|run| Some(run.stage_id.as_str()) == last_stage);
        let commitment = [
            (Text::Ask, &draft.ask),
            (Text::Action, &draft.action),
            (Text::Date, &draft.date),
            (Text::FollowUp, &draft.follow_up),
        ]
        .into_iter()
        .map(|(t, text)| (t, text_area(text, &type_here())))
        .collect();
        let marks = practice
            .marks()
            .iter()
            .map(|m| {
                let stage = deck
                    .stage(&m.stage)
                    .map_or(m.stage.clone(), |s| s.name.clone());
                (m.at_secs, stage, m.label.clone())
            })
            .collect();
        let debrief_minutes = practice
            .plan
            .as_ref()
            .map_or(deck.debrief_minutes, |p| p.debrief_minutes);
        let mut form = FeedbackScreen {
            stages,
            raters,
            checks,
            checker: checker.filter(|_| !ran.is_empty()),
            has_commitment,
            commitment,
            answer: draft.answer,
            marks,
            focus: Field::Text(0, Text::WhatWorked),
            error: None,
            confirm: None,
            debrief: StageTimer {
                planned: Duration::from_secs(u64::from(debrief_minutes) * 60),
                elapsed: Duration::ZERO,
            },
            debrief_started: now,
            // A week at most: a hand-edited draft cannot overflow the clock.
            debrief_before: Duration::from_secs(draft.debrief_secs.min(7 * 24 * 3600)),
            field_hits: Hits::default(),
        };
        form.focus = form.fields()[0];
        form
    }

    /// The form as `viewer` fills it in: at a terminal of their own, a
    /// participant sees their own part, the checks when they tick them,
    /// and the commitment when they organized; everyone else fills in
    /// theirs at the same time on their own screen.
    pub fn for_viewer(
        deck: &Deck,
        practice: &Practice,
        draft: &FeedbackDraft,
        now: Moment,
        viewer: Viewer,
    ) -> FeedbackScreen {
        let mut form = FeedbackScreen::new(deck, practice, draft, now);
        if let Viewer::Only(role) = viewer {
            form.raters.retain(|rater| rater.role == role);
            form.checker = form.checker.filter(|checker| *checker == role);
            form.has_commitment &= role == Role::Organizer;
            if let Some(first) = form.fields().first() {
                form.focus = *first;
            }
        }
        form
    }

    /// Debrief time spent so far, before a resume included.
    fn debrief_spent(&self, now: Moment) -> Duration {
        self.debrief_before + now.since(self.debrief_started)
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(String, String)> {
        let mut rows = help_rows(GLOBAL);
        rows.extend(help_rows(CHOICE));
        rows.push(("y/m/n".to_owned(), tr!("key-feedback-answer")));
        rows.push((tr!("key-typing"), tr!("key-feedback-typing")));
        rows.extend(confirm_help());
        rows
    }

    /// The form's content, as saved in the in-progress state.
    pub fn draft(&self, now: Moment) -> FeedbackDraft {
        let commitment = |which: Text| {
            self.commitment
                .iter()
                .find(|(t, _)| *t == which)
                .map(|(_, a)| text_of(a))
                .unwrap_or_default()
        };
        FeedbackDraft {
            ask: commitment(Text::Ask),
            answer: self.answer,
            action: commitment(Text::Action),
            date: commitment(Text::Date),
            follow_up: commitment(Text::FollowUp),
            checks: self
                .checks
                .iter()
                .map(|c| Check {
                    stage: c.stage_id.clone(),
                    item: c.text.clone(),
                    observed: c.observed,
                })
                .collect(),
            checked_by: self.checker,
            debrief_secs: self.debrief_spent(now).as_secs(),
            participants: self
                .raters
                .iter()
                .map(|rater| {
                    let text = |which: Text| rater.text(which).map(text_of).unwrap_or_default();
                    ParticipantFeedback {
                        role: rater.role,
                        name: rater.name.clone(),
                        ratings: self
                            .stages
                            .iter()
                            .zip(&rater.scores)
                            .filter_map(|(stage, score)| {
                                score.map(|score| Rating {
                                    stage: stage.id.clone(),
                                    score,
                                })
                            })
                            .collect(),
                        what_worked: text(Text::WhatWorked),
                        to_change: text(Text::ToChange),
                        would_say_yes: rater.would_say_yes,
                        to_make_yes: text(Text::ToMakeYes),
                        felt_heard: rater.felt_heard,
                        phrase: text(Text::Phrase),
                    }
                })
                .collect(),
        }
    }

    /// Shows why the last save did not go through.
    pub fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    /// Every field, in Tab order, with the index of the part it is in.
    fn parts(&self) -> Vec<Vec<Field>> {
        let mut parts = Vec::new();
        for (r, rater) in self.raters.iter().enumerate() {
            let mut part = Vec::new();
            match rater.role {
                Role::Organizer => {
                    part.push(Field::Text(r, Text::WhatWorked));
                    part.push(Field::Text(r, Text::ToChange));
                }
                Role::Partner => {
                    part.push(Field::WouldSayYes(r));
                    part.push(Field::Text(r, Text::ToMakeYes));
                    part.push(Field::FeltHeard(r));
                }
                Role::Observer => part.push(Field::Text(r, Text::Phrase)),
            }
            part.extend((0..self.stages.len()).map(|s| Field::Rating(r, s)));
            parts.push(part);
        }
        if self.checker.is_some() && !self.checks.is_empty() {
            parts.push((0..self.checks.len()).map(Field::Check).collect());
        }
        if self.has_commitment {
            parts.push(vec![
                Field::Text(usize::MAX, Text::Ask),
                Field::Answer,
                Field::Text(usize::MAX, Text::Action),
                Field::Text(usize::MAX, Text::Date),
                Field::Text(usize::MAX, Text::FollowUp),
            ]);
        }
        parts
    }

    fn fields(&self) -> Vec<Field> {
        self.parts().into_iter().flatten().collect()
    }

    fn move_focus(&mut self, forward: bool) {
        let fields = self.fields();
        if fields.is_empty() {
            return;
        }
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % fields.len()
        } else {
            (at + fields.len() - 1) % fields.len()
        };
        self.focus = fields[next];
    }

    fn move_part(&mut self, forward: bool) {
        let parts = self.parts();
        if parts.is_empty() {
            return;
        }
        let at = parts
            .iter()
            .position(|p| p.contains(&self.focus))
            .unwrap_or(0);
        let next = if forward {
            (at + 1) % parts.len()
        } else {
            (at + parts.len() - 1) % parts.len()
        };
        self.focus = parts[next][0];
    }

    fn focused_text(&mut self) -> Option<&mut TextArea<'static>> {
        match self.focus {
            Field::Text(usize::MAX, which) => self
                .commitment
                .iter_mut()
                .find(|(t, _)| *t == which)
                .map(|(_, a)| a),
            Field::Text(r, which) => self.raters.get_mut(r)?.text_mut(which),
            _ => None,
        }
    }

    /// Applies a key; returns what the app must do about it.
    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<Action> {
        if let Some(confirm) = &self.confirm {
            let reply = confirm.reply(key)?;
            let question = confirm.question;
            self.confirm = None;
            return match (question, reply) {
                (_, Reply::No) => None,
                (Question::Leave, Reply::Yes) => Some(Action::Leave),
                (Question::SaveIncomplete, Reply::Yes) => self.save(true),
            };
        }
        if let Some((command, _)) = lookup(GLOBAL, key) {
            match command {
                Cmd::Save => return self.save(false),
                Cmd::NextField => self.move_focus(true),
                Cmd::PrevField => self.move_focus(false),
                Cmd::NextPart => self.move_part(true),
                Cmd::PrevPart => self.move_part(false),
                Cmd::Help => return Some(Action::ToggleHelp),
                Cmd::Leave => {
                    self.confirm = Some(Confirm::ask(
                        Question::Leave,
                        tr!("feedback-leave-question"),
                    ));
                    return None;
                }
            }
            return Some(Action::Checkpoint);
        }
        if let Some(text) = self.focused_text() {
            if key.code == KeyCode::Enter {
                self.move_focus(true);
                return Some(Action::Checkpoint);
            }
            text.input(*key);
            return None;
        }
        if let (Field::WouldSayYes(_) | Field::Answer, KeyCode::Char(c)) = (self.focus, key.code)
            && let Some(answer) = Answer::ALL.into_iter().find(|a| a.label().starts_with(c))
        {
            self.set_answer(Some(answer));
            return Some(Action::Checkpoint);
        }
        let (edit, digit) = lookup(CHOICE, key)?;
        if edit == Edit::Help {
            return Some(Action::ToggleHelp);
        }
        self.edit(edit, digit).then_some(Action::Checkpoint)
    }

    /// A click focuses a field; on a rating's stars it sets that rating,
    /// on a check it ticks or unticks it.
    pub fn handle_mouse(&mut self, pointer: Pointer) -> Option<Action> {
        let Pointer::Click(at) = pointer else {
            return None;
        };
        if self.confirm.is_some() {
            return None;
        }
        let (field, score) = self.field_hits.at(at)?;
        self.focus = field;
        match (field, score) {
            (_, Some(score)) => self.edit(Edit::Set, score),
            (Field::Check(_), None) => self.edit(Edit::Toggle, 0),
            _ => false,
        };
        Some(Action::Checkpoint)
    }

    fn set_answer(&mut self, answer: Option<Answer>) {
        match self.focus {
            Field::WouldSayYes(r) => self.raters[r].would_say_yes = answer,
            Field::Answer => self.answer = answer,
            _ => {}
        }
    }

    /// Changes a rating, answer or check; whether anything changed.
    fn edit(&mut self, edit: Edit, digit: u8) -> bool {
        let forward = edit == Edit::Higher;
        let score = |current: &mut Option<u8>| {
            *current = match edit {
                Edit::Lower | Edit::Higher => step_score(*current, forward),
                Edit::Set if (1..=MAX_RATING).contains(&digit) => Some(digit),
                Edit::Clear => None,
                _ => *current,
            };
        };
        match self.focus {
            Field::Rating(r, s) => score(&mut self.raters[r].scores[s]),
            Field::FeltHeard(r) => score(&mut self.raters[r].felt_heard),
            Field::WouldSayYes(r) => {
                let current = self.raters[r].would_say_yes;
                self.raters[r].would_say_yes = match edit {
                    Edit::Lower | Edit::Higher => step_answer(current, forward),
                    Edit::Clear => None,
                    _ => return false,
                };
            }
            Field::Answer => {
                self.answer = match edit {
                    Edit::Lower | Edit::Higher => step_answer(self.answer, forward),
                    Edit::Clear => None,
                    _ => return false,
                };
            }
            Field::Check(i) if matches!(edit, Edit::Toggle | Edit::Lower | Edit::Higher) => {
                self.checks[i].observed = !self.checks[i].observed;
            }
            _ => return false,
        }
        true
    }

    /// Saves, asking once when someone gave no feedback at all.
    fn save(&mut self, confirmed: bool) -> Option<Action> {
        // The saved session does not keep the debrief's length.
        let draft = self.draft(self.debrief_started);
        if let Err(err) = draft.clone().finish() {
            self.error = Some(draft_error(&err));
            self.focus = Field::Text(usize::MAX, date_text(&err));
            return Some(Action::Checkpoint);
        }
        let silent: Vec<&str> = self
            .raters
            .iter()
            .filter(|r| r.gave_nothing())
            .map(|r| r.name.as_str())
            .collect();
        if !confirmed && !silent.is_empty() {
            self.confirm = Some(Confirm::ask(
                Question::SaveIncomplete,
                tr!(
                    "feedback-save-anyway",
                    names = silent.join(&tr!("feedback-and")),
                    count = silent.len()
                ),
            ));
            return None;
        }
        Some(Action::Save(draft))
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, now: Moment, theme: &Theme) {
        // A save error wraps over as many rows as it needs (up to 4), so
        // that its advice is never cut off.
        let error = self
            .error
            .as_ref()
            .map(|e| tr!("feedback-not-saved", error = e.as_str()));
        let status_rows = error.as_ref().map_or(1, |e| {
            crate::tui::widgets::wrapped_height(e, area.width).clamp(1, 4)
        });
        let [header, body, status, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(status_rows),
            Constraint::Length(1),
        ])
        .areas(area);
        let debrief = StageTimer {
            elapsed: self.debrief_spent(now),
            ..self.debrief
        };
        let clock = match debrief.remaining() {
            Some(left) => tr!("feedback-clock-left", time = clock_text(left, true)),
            None => tr!(
                "feedback-clock-over",
                time = clock_text(debrief.overtime(), false)
            ),
        };
        let clock = tr!("feedback-debrief-clock", clock = clock);
        let [title_area, clock_area] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(clock.width() as u16 + 1),
        ])
        .areas(header);
        let title = tr!("feedback-title");
        let order = fit_width(
            &tr!("feedback-order"),
            usize::from(title_area.width).saturating_sub(title.width() + 1),
        );
        frame.render_widget(
            Line::from(vec![
                Span::styled(title, theme.title),
                Span::styled(order, theme.text.add_modifier(Modifier::ITALIC)),
            ]),
            title_area,
        );
        frame.render_widget(
            Line::styled(clock, theme.light(debrief.light())).right_aligned(),
            clock_area,
        );
        self.render_body(frame, body, theme);
        if let Some(error) = error {
            frame.render_widget(
                Paragraph::new(Line::styled(error, theme.error)).wrap(Wrap { trim: true }),
                status,
            );
        }
        let mut bar_hints = hints(GLOBAL);
        bar_hints.extend(hints(CHOICE));
        frame.render_widget(hint_bar(&bar_hints, bar.width, theme), bar);
        if let Some(confirm) = &self.confirm {
            confirm.render(frame, area, theme);
        }
    }

    /// Lays the form out as rows, scrolled so that the focused field shows.
    fn render_body(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let rows = self.rows(area.width, theme);
        let focus_at = rows.iter().position(|r| r.field == Some(self.focus));
        // A row is kept for "more" when the form is longer than the window.
        let overflow = rows.len() > usize::from(area.height);
        let height = usize::from(area.height) - usize::from(overflow);
        // The focused row shows, with two rows after it when there are.
        let top = focus_at.map_or(0, |i| (i + 3).min(rows.len()).saturating_sub(height));
        self.field_hits.clear();
        for (offset, row) in rows.iter().skip(top).take(height).enumerate() {
            let rect = Rect {
                y: area.y + offset as u16,
                height: 1,
                ..area
            };
            if let Some(field) = row.field {
                self.field_hits.add(rect, (field, None));
            }
            if let Some(field @ (Field::Rating(..) | Field::FeltHeard(_))) = row.field {
                // score_line: the label span, then one cell per star.
                let stars_x = rect.x + row.line.spans[0].width() as u16;
                for score in 1..=MAX_RATING {
                    let star = Rect::new(stars_x + u16::from(score) - 1, rect.y, 1, 1);
                    self.field_hits
                        .add(star.intersection(rect), (field, Some(score)));
                }
            }
            match &row.text {
                Some((r, which)) => {
                    let text = if *r == usize::MAX {
                        self.commitment
                            .iter()
                            .find(|(t, _)| t == which)
                            .map(|(_, a)| a)
                    } else {
                        self.raters[*r].text(*which)
                    };
                    let focused = row.field == Some(self.focus);
                    let [label, field] = Layout::horizontal([
                        Constraint::Length(row.label_width),
                        Constraint::Fill(1),
                    ])
                    .areas(rect);
                    frame.render_widget(row.line.clone(), label);
                    if let Some(text) = text {
                        if focused {
                            render_text_area(frame, field, text, true, theme);
                        } else {
                            let shown = text_of(text);
                            let line = if shown.is_empty() {
                                Line::styled("—", theme.muted)
                            } else {
                                Line::from(fit_width(&shown, usize::from(field.width)))
                            };
                            frame.render_widget(line, field);
                        }
                    }
                }
                None => frame.render_widget(row.line.clone(), rect),
            }
        }
        if overflow {
            let above = if top > 0 { "↑ " } else { "" };
            let below = if top + height < rows.len() {
                "↓ "
            } else {
                ""
            };
            let more = Rect {
                y: area.bottom() - 1,
                height: 1,
                ..area
            };
            frame.render_widget(
                Line::styled(
                    tr!("feedback-more", arrows = format!("{above}{below}")),
                    theme.text.add_modifier(Modifier::ITALIC),
                )
                .right_aligned(),
                more,
            );
        }
    }

    /// Every row of the form, top to bottom.
    fn rows(&self, width: u16, theme: &Theme) -> Vec<FormRow> {
        let width = usize::from(width);
        let mut rows = Vec::new();
        let focus = |field: Field| field == self.focus;
        let marker = |field: Field| if focus(field) { "▶ " } else { "  " };
        let label_style = |field: Field| {
            if focus(field) {
                theme.focus
            } else {
                theme.title
            }
        };
        let name_width = self
            .stages
            .iter()
            .map(|s| s.name.chars().count())
            .max()
            .unwrap_or(0)
            .clamp(6, 18);
        for (r, rater) in self.raters.iter().enumerate() {
            rows.push(FormRow::line(Line::from(vec![
                Span::styled(
                    format!("{} · {}", rater.name, words::role(rater.role)),
                    theme.title,
                ),
                Span::styled(
                    format!(" — {}", turn_guide(rater.role)),
                    theme.text.add_modifier(Modifier::ITALIC),
                ),
            ])));
            let text_row = |rows: &mut Vec<FormRow>, which: Text| {
                let field = Field::Text(r, which);
                let label = format!(
                    "{}{}",
                    marker(field),
                    tr!("label-colon", label = which.label())
                );
                rows.push(FormRow::text(field, (r, which), label, label_style(field)));
            };
            match rater.role {
                Role::Organizer => {
                    text_row(&mut rows, Text::WhatWorked);
                    text_row(&mut rows, Text::ToChange);
                }
                Role::Partner => {
                    let field = Field::WouldSayYes(r);
                    rows.push(FormRow::field(
                        field,
                        answer_line(
                            &format!("{}{}", marker(field), tr!("feedback-would-say-yes")),
                            rater.would_say_yes,
                            label_style(field),
                            theme,
                        ),
                    ));
                    text_row(&mut rows, Text::ToMakeYes);
                    let field = Field::FeltHeard(r);
                    rows.push(FormRow::field(
                        field,
                        score_line(
                            &format!("{}{}", marker(field), tr!("feedback-felt-heard")),
                            rater.felt_heard,
                            "",
                            label_style(field),
                            theme,
                        ),
                    ));
                }
                Role::Observer => {
                    text_row(&mut rows, Text::Phrase);
                    if !self.marks.is_empty() {
                        rows.push(FormRow::line(Line::styled(
                            tr!("feedback-marks-to-read"),
                            theme.text.add_modifier(Modifier::ITALIC),
                        )));
                        for (at, stage, label) in &self.marks {
                            rows.push(FormRow::line(Line::from(fit_width(
                                &format!("    {:>5}  {stage} · {label}", secs_text(*at)),
                                width,
                            ))));
                        }
                    }
                }
            }
            for (s, stage) in self.stages.iter().enumerate() {
                let field = Field::Rating(r, s);
                let label = format!(
                    "{}{:<name_width$}",
                    marker(field),
                    fit_width(&stage.name, name_width)
                );
                let anchor_width = width.saturating_sub(name_width + 16);
                rows.push(FormRow::field(
                    field,
                    score_line(
                        &label,
                        rater.scores[s],
                        &fit_width(&stage.goal, anchor_width),
                        label_style(field),
                        theme,
                    ),
                ));
            }
        }
        if let Some(checker) = self.checker.filter(|_| !self.checks.is_empty()) {
            let who = self
                .raters
                .iter()
                .find(|r| r.role == checker)
                .map_or(String::new(), |r| {
                    tr!("feedback-checks-who", name = r.name.as_str())
                });
            rows.push(FormRow::line(Line::from(vec![
                Span::styled(tr!("feedback-checks"), theme.title),
                Span::styled(who, theme.text.add_modifier(Modifier::ITALIC)),
            ])));
            for (i, check) in self.checks.iter().enumerate() {
                let field = Field::Check(i);
                let tick = if check.observed { "[x]" } else { "[ ]" };
                let text = format!(
                    "{}{tick} {} · {}",
                    marker(field),
                    check.text,
                    check.stage_name
                );
                rows.push(FormRow::field(
                    field,
                    Line::styled(fit_width(&text, width), label_style(field)),
                ));
            }
        }
        if self.has_commitment {
            rows.push(FormRow::line(Line::styled(
                tr!("feedback-commitment"),
                theme.title,
            )));
            for which in [Text::Ask, Text::Action, Text::Date, Text::FollowUp] {
                if which == Text::Action {
                    let field = Field::Answer;
                    rows.push(FormRow::field(
                        field,
                        answer_line(
                            &format!("{}{}", marker(field), tr!("feedback-answer")),
                            self.answer,
                            label_style(field),
                            theme,
                        ),
                    ));
                }
                let field = Field::Text(usize::MAX, which);
                let label = format!(
                    "{}{}",
                    marker(field),
                    tr!("label-colon", label = which.label())
                );
                rows.push(FormRow::text(
                    field,
                    (usize::MAX, which),
                    label,
                    label_style(field),
                ));
            }
        }
        rows
    }
}

/// One row of the laid-out form.
struct FormRow {
    field: Option<Field>,
    line: Line<'static>,
    /// A text field drawn after the label.
    text: Option<(usize, Text)>,
    label_width: u16,
}

impl FormRow {
    fn line(line: Line<'static>) -> FormRow {
        FormRow {
            field: None,
            line,
            text: None,
            label_width: 0,
        }
    }

    fn field(field: Field, line: Line<'static>) -> FormRow {
        FormRow {
            field: Some(field),
            ..FormRow::line(line)
        }
    }

    fn text(field: Field, text: (usize, Text), label: String, style: Style) -> FormRow {
        let label_width = label.chars().count() as u16;
        FormRow {
            field: Some(field),
            line: Line::styled(label, style),
            text: Some(text),
            label_width,
        }
    }
}

/// "▶ Purpose   ★★★☆☆ 3  Say who you are and why…".
fn score_line(
    label: &str,
    score: Option<u8>,
    anchor: &str,
    label_style: Style,
    theme: &Theme,
) -> Line<'static> {
    let stars = score.map_or("·····".to_owned(), |s| {
        format!(
            "{}{}",
            "★".repeat(usize::from(s)),
            "☆".repeat(usize::from(MAX_RATING - s))
        )
    });
    let number = score.map_or("–".to_owned(), |s| s.to_string());
    Line::from(vec![
        Span::styled(format!("{label} "), label_style),
        Span::styled(format!("{stars} {number}  "), theme.key),
        Span::styled(anchor.to_owned(), theme.text.add_modifier(Modifier::ITALIC)),
    ])
}

/// "▶ Would you have said yes?  [yes]  maybe  no".
fn answer_line(
    label: &str,
    answer: Option<Answer>,
    label_style: Style,
    theme: &Theme,
) -> Line<'static> {
    let mut spans = vec![Span::styled(format!("{label} "), label_style)];
    for choice in Answer::ALL {
        let text = if answer == Some(choice) {
            Span::styled(format!(" [{}] ", words::answer(choice)), theme.key)
        } else {
            Span::styled(format!("  {}  ", words::answer(choice)), theme.text)
        };
        spans.push(text);
    }
    Line::from(spans)
}

/// The text field a date error is about.
fn date_text(err: &DraftError) -> Text {
    match err.field() {
        DateField::Action => Text::Date,
        DateField::FollowUp => Text::FollowUp,
    }
}

/// What each participant speaks to in the debrief, in the order taught.
fn turn_guide(role: Role) -> String {
    match role {
        Role::Organizer => tr!("feedback-turn-organizer"),
        Role::Partner => tr!("feedback-turn-partner"),
        Role::Observer => tr!("feedback-turn-observer"),
    }
}

/// What an empty text field shows while it has the focus.
fn type_here() -> String {
    tr!("feedback-type-here")
}

/// Why the draft cannot be saved, in the current language.
fn draft_error(err: &DraftError) -> String {
    match err {
        DraftError::BadDate { field, text } => tr!(
            "feedback-bad-date",
            field = words::date_field(*field),
            text = text.as_str()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_and_scores_step_and_stop() {
        assert_eq!(step_answer(None, true), Some(Answer::Yes));
        assert_eq!(step_answer(Some(Answer::No), true), None);
        assert_eq!(step_answer(None, false), Some(Answer::No));
        assert_eq!(step_score(None, false), Some(1));
        assert_eq!(step_score(Some(5), true), Some(5));
        assert_eq!(step_score(Some(1), false), Some(1));
        assert_eq!(step_score(Some(3), true), Some(4));
    }
}
