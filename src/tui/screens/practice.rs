//! The practice screen: one stage at a time, with its timer, prompt card,
//! tips, the persona's public card, talk meter, scales and marks. It keeps
//! only what the view needs; the round itself is the app's
//! [`ActiveRound`], borrowed for each key and frame.

use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Gauge, LineGauge, Paragraph, Row, Table, Tabs, Wrap};

use crate::deck::{Scale, Stage, TalkBand};
use crate::i18n::words;
use crate::practice::{Mode, Moment, Speaker, StageTimer, Step, clock_text, until_next_second};
use crate::record::share;
use crate::text::{fit_width, truncate_width};
use crate::tr;
use crate::tui::action::Action;
use crate::tui::keys::{Binding, Key, help_key, help_rows, hints, lookup};
use crate::tui::round::{ActiveRound, Viewer};
use crate::tui::theme::Theme;
use crate::tui::widgets::{
    Confirm, Reply, centered, confirm_help, hint_bar, hint_line, talk_verdict,
};
use unicode_width::UnicodeWidthStr;

/// Marks shown side by side in the marks box.
const MARK_COLUMNS: usize = 3;
/// From this size on the time and talk have boxes of their own beside the
/// card; below it they share a two-row strip above it.
const ROOMY_WIDTH: u16 = 100;
const ROOMY_HEIGHT: u16 = 30;
/// From this size on (a projector) the time is drawn in block digits.
const BIG_WIDTH: u16 = 120;
const BIG_HEIGHT: u16 = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Next,
    Back,
    Pause,
    More,
    Less,
    Talk,
    Card,
    Mark,
    Undo,
    Scale,
    Persona,
    ScrollDown,
    ScrollUp,
    Help,
    Leave,
}

const BINDINGS: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Char('n'), Key::Code(KeyCode::Right)],
        label: "n/→",
        hint: Some(|| tr!("hint-next")),
        help: || tr!("key-practice-next"),
        command: Cmd::Next,
    },
    Binding {
        keys: &[Key::Char('b'), Key::Code(KeyCode::Left)],
        label: "b/←",
        hint: Some(|| tr!("hint-back")),
        help: || tr!("key-practice-back"),
        command: Cmd::Back,
    },
    Binding {
        keys: &[Key::Char('p')],
        label: "p",
        hint: Some(|| tr!("hint-pause")),
        help: || tr!("key-practice-pause"),
        command: Cmd::Pause,
    },
    Binding {
        keys: &[Key::Char('+'), Key::Char('=')],
        label: "+/-",
        hint: Some(|| tr!("hint-minute")),
        help: || tr!("key-practice-more"),
        command: Cmd::More,
    },
    Binding {
        keys: &[Key::Char('-')],
        label: "-",
        hint: None,
        help: || tr!("key-practice-less"),
        command: Cmd::Less,
    },
    Binding {
        keys: &[Key::Char(' ')],
        label: "Space",
        hint: Some(|| tr!("hint-talk")),
        help: || tr!("key-practice-talk"),
        command: Cmd::Talk,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Tab)],
        label: "Tab",
        hint: Some(|| tr!("hint-card")),
        help: || tr!("key-practice-card"),
        command: Cmd::Card,
    },
    Binding {
        keys: &[Key::Digit],
        label: "1-9",
        hint: Some(|| tr!("hint-mark")),
        help: || tr!("key-practice-mark"),
        command: Cmd::Mark,
    },
    Binding {
        keys: &[Key::Char('u')],
        label: "u",
        hint: None,
        help: || tr!("key-practice-undo"),
        command: Cmd::Undo,
    },
    Binding {
        keys: &[Key::Char('r')],
        label: "r",
        hint: None,
        help: || tr!("key-practice-scale"),
        command: Cmd::Scale,
    },
    Binding {
        keys: &[Key::Char('h')],
        label: "h",
        hint: Some(|| tr!("hint-brief")),
        help: || tr!("key-practice-persona"),
        command: Cmd::Persona,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), Key::Char('j')],
        label: "↓/j",
        hint: None,
        help: || tr!("key-practice-scroll-down"),
        command: Cmd::ScrollDown,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Up), Key::Char('k')],
        label: "↑/k",
        hint: None,
        help: || tr!("key-practice-scroll-up"),
        command: Cmd::ScrollUp,
    },
    help_key(Cmd::Help),
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        label: "Esc",
        hint: Some(|| tr!("hint-leave")),
        help: || tr!("key-practice-leave"),
        command: Cmd::Leave,
    },
];

/// The questions this screen asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Question {
    Leave,
    Finish,
    ShowPrivate,
}

/// A scale's value being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ScaleEntry {
    /// Index into the deck's scales.
    scale: usize,
    text: String,
    error: Option<String>,
    /// Move on to the next stage once it is recorded (or skipped).
    then_next: bool,
}

/// View state of the practice screen.
#[derive(Debug, Clone, Default)]
pub struct PracticeScreen {
    /// Who looks at this screen: an organizer on their own never sees the
    /// persona's private part.
    viewer: Viewer,
    /// `h` flipped the persona's private part from how this round shows
    /// it by default (hidden with a partner, open alone).
    private_flipped: bool,
    confirm: Option<Confirm<Question>>,
    scale_entry: Option<ScaleEntry>,
    /// Rows the card box is scrolled down (↓/j), back to 0 with each new
    /// card or stage.
    scroll: u16,
    /// The furthest the last frame could scroll the card box.
    max_scroll: std::cell::Cell<u16>,
    /// Rows the card box's text wrapped to, by width and text: the same
    /// text is not wrapped again each second (a served room draws this
    /// screen for every participant, every second).
    content_rows: WrapCache,
    /// The same for the stage's goal.
    goal_rows: WrapCache,
}

/// The rows a text last wrapped to, keyed by width and a hash of the text.
#[derive(Debug, Clone, Default)]
struct WrapCache(std::cell::Cell<Option<(u16, u64, usize)>>);

impl WrapCache {
    /// A key for the text of `lines` (their styles do not change how
    /// they wrap).
    fn key(lines: &[Line<'_>]) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        for line in lines {
            for span in &line.spans {
                span.content.hash(&mut hasher);
            }
            0xffu8.hash(&mut hasher);
        }
        hasher.finish()
    }

    /// The rows the text of `key` wraps to at `width`, wrapped only when
    /// the text or the width changed since the last call.
    fn rows(&self, key: u64, width: u16, wrap: impl FnOnce() -> usize) -> usize {
        match self.0.get() {
            Some((w, k, rows)) if w == width && k == key => rows,
            _ => {
                let rows = wrap();
                self.0.set(Some((width, key, rows)));
                rows
            }
        }
    }
}

impl PracticeScreen {
    pub fn new() -> PracticeScreen {
        PracticeScreen::default()
    }

    /// The screen as `viewer` sees the round.
    pub fn for_viewer(viewer: Viewer) -> PracticeScreen {
        PracticeScreen {
            viewer,
            ..PracticeScreen::default()
        }
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(String, String)> {
        let mut rows = help_rows(BINDINGS);
        rows.extend(confirm_help());
        rows
    }

    /// Applies a key; returns what the app must do about it.
    pub fn handle_key(
        &mut self,
        round: &mut ActiveRound,
        key: &KeyEvent,
        now: Moment,
    ) -> Option<Action> {
        if let Some(confirm) = &self.confirm {
            let reply = confirm.reply(key)?;
            let question = confirm.question;
            self.confirm = None;
            return match (question, reply) {
                (_, Reply::No) => None,
                (Question::Leave, Reply::Yes) => Some(Action::Leave),
                (Question::Finish, Reply::Yes) => self.next_stage(round, now),
                (Question::ShowPrivate, Reply::Yes) => {
                    self.private_flipped = !self.private_flipped;
                    None
                }
            };
        }
        if self.scale_entry.is_some() {
            return self.scale_key(round, key, now);
        }
        let (command, digit) = lookup(BINDINGS, key)?;
        if matches!(command, Cmd::Next | Cmd::Back | Cmd::Card) {
            self.scroll = 0;
        }
        let practice = &mut round.practice;
        match command {
            Cmd::Next => return self.advance(round, now, true),
            Cmd::Back => practice.previous_stage(now),
            Cmd::Pause => practice.toggle_pause(now),
            Cmd::More => practice.extend(now, 1),
            Cmd::Less => practice.extend(now, -1),
            Cmd::Talk if practice.people.partner.is_empty() => return None,
            Cmd::Talk => practice.cycle_speaker(now),
            Cmd::Card => practice.next_card(),
            Cmd::Mark => {
                let kind = usize::from(digit) - 1;
                let label = round.deck.marks.get(kind)?.label.clone();
                practice.add_mark(now, kind, &label);
            }
            Cmd::Undo => {
                practice.undo_mark()?;
            }
            Cmd::Scale => {
                let scale = scales_here(round).next()?;
                self.open_scale(round, scale, false);
                return None;
            }
            Cmd::Persona => {
                round.persona()?;
                if !round.private_is_allowed(self.viewer) {
                    return None;
                }
                if self.private_shown(round) {
                    self.private_flipped = !self.private_flipped;
                } else {
                    self.confirm = Some(Confirm::ask(
                        Question::ShowPrivate,
                        tr!(
                            "practice-show-private",
                            organizer = round.practice.people.organizer.as_str()
                        ),
                    ));
                }
                return None;
            }
            Cmd::ScrollDown => {
                self.scroll = (self.scroll + 1).min(self.max_scroll.get());
                return None;
            }
            Cmd::ScrollUp => {
                self.scroll = self.scroll.saturating_sub(1);
                return None;
            }
            Cmd::Help => return Some(Action::ToggleHelp),
            Cmd::Leave => {
                self.confirm = Some(Confirm::ask(
                    Question::Leave,
                    tr!("practice-leave-question"),
                ));
                return None;
            }
        }
        Some(Action::Checkpoint)
    }

    /// Whether the persona's private part is on screen.
    fn private_shown(&self, round: &ActiveRound) -> bool {
        round.private_is_allowed(self.viewer)
            && round.private_is_open(self.viewer) != self.private_flipped
    }

    /// Moves on from this stage: first any scale not yet asked (when
    /// `ask_scales`), and before the end of the round, a question.
    fn advance(
        &mut self,
        round: &mut ActiveRound,
        now: Moment,
        ask_scales: bool,
    ) -> Option<Action> {
        if ask_scales && let Some(scale) = unrecorded_scale(round) {
            self.open_scale(round, scale, true);
            return None;
        }
        if round.practice.current_index() + 1 == round.practice.runs().len() {
            self.confirm = Some(Confirm::ask(Question::Finish, tr!("practice-end-question")));
            return None;
        }
        self.next_stage(round, now)
    }

    fn next_stage(&mut self, round: &mut ActiveRound, now: Moment) -> Option<Action> {
        Some(match round.practice.next_stage(now) {
            Step::Moved => Action::Checkpoint,
            Step::Finished => Action::Finish,
        })
    }

    fn open_scale(&mut self, round: &ActiveRound, scale: usize, then_next: bool) {
        let id = &round.deck.scales[scale].id;
        self.scale_entry = Some(ScaleEntry {
            scale,
            text: round
                .practice
                .scale_here(id)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            error: None,
            then_next,
        });
    }

    /// Keys while a scale's value is typed: digits and `-`, Backspace,
    /// Enter records, Esc skips.
    fn scale_key(
        &mut self,
        round: &mut ActiveRound,
        key: &KeyEvent,
        now: Moment,
    ) -> Option<Action> {
        let entry = self.scale_entry.as_mut()?;
        let scale = round.deck.scales.get(entry.scale)?.clone();
        match key.code {
            KeyCode::Char(c @ ('0'..='9' | '-')) if entry.text.len() < 6 => {
                entry.text.push(c);
                entry.error = None;
                None
            }
            KeyCode::Backspace => {
                entry.text.pop();
                None
            }
            KeyCode::Esc => {
                let then_next = entry.then_next;
                self.scale_entry = None;
                then_next.then(|| self.advance(round, now, false)).flatten()
            }
            KeyCode::Enter => match entry.text.trim().parse::<i32>() {
                Ok(value) if (scale.min..=scale.max).contains(&value) => {
                    let then_next = entry.then_next;
                    self.scale_entry = None;
                    round.practice.record_scale(&scale.id, value);
                    if then_next {
                        // The step may end the round; the reading is saved
                        // either way.
                        return self.advance(round, now, true).or(Some(Action::Checkpoint));
                    }
                    Some(Action::Checkpoint)
                }
                _ => {
                    entry.error = Some(tr!(
                        "practice-scale-range",
                        min = scale.min,
                        max = scale.max
                    ));
                    None
                }
            },
            _ => None,
        }
    }

    /// How long until the displayed time changes.
    pub fn next_redraw(round: &ActiveRound, now: Moment) -> Duration {
        until_next_second(round.practice.timer(now).elapsed)
    }

    /// Where each part of the screen goes in `area`.
    fn layout(&self, round: &ActiveRound, area: Rect, theme: &Theme) -> PracticeLayout {
        let lesson_rows = u16::from(round.last_change.is_some());
        let stage = stage(round);
        let goal_line = Line::from(vec![
            Span::styled(tr!("practice-goal"), theme.title),
            Span::raw(stage.goal.clone()),
        ]);
        let goal_rows = self.goal_rows.rows(
            WrapCache::key(std::slice::from_ref(&goal_line)),
            area.width,
            || {
                Paragraph::new(goal_line.clone())
                    .wrap(Wrap { trim: true })
                    .line_count(area.width)
            },
        );
        let goal_rows = (goal_rows as u16).clamp(1, 3);
        // A large window keeps the time and talk in a column of boxes; a
        // small one puts them in a two-row strip, so that the card and the
        // persona get the full width (content first).
        let roomy = area.width >= ROOMY_WIDTH && area.height >= ROOMY_HEIGHT;
        let strip_rows = if roomy { 0 } else { 2 };
        let [header, tabs, lesson, goal, strip, main, marks, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(lesson_rows),
            Constraint::Length(goal_rows),
            Constraint::Length(strip_rows),
            Constraint::Fill(1),
            Constraint::Length(marks_height(round)),
            Constraint::Length(1),
        ])
        .areas(area);
        let (clock, content) = if roomy {
            let big = area.width >= BIG_WIDTH && area.height >= BIG_HEIGHT;
            let (left_width, timer_rows) = if big { (40, 11) } else { (32, 6) };
            let [left, right] =
                Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)])
                    .areas(main);
            let [timer, talk] =
                Layout::vertical([Constraint::Length(timer_rows), Constraint::Fill(1)]).areas(left);
            (ClockAreas::Boxes { timer, talk, big }, right)
        } else {
            let [time, talk] =
                Layout::horizontal([Constraint::Percentage(45), Constraint::Fill(1)])
                    .spacing(2)
                    .areas(strip);
            (ClockAreas::Strips { time, talk }, main)
        };
        PracticeLayout {
            header,
            tabs,
            lesson,
            goal,
            clock,
            content,
            marks,
            bar,
            goal_line,
        }
    }

    /// Whether [`PracticeScreen::render_clock`] can stand for a whole
    /// frame: nothing is open over the screen.
    pub fn clock_alone_changes(&self) -> bool {
        self.confirm.is_none() && self.scale_entry.is_none()
    }

    /// Redraws only what time changes (the timer and the talk meter) over
    /// the last frame drawn at this size: once a second, that is all that
    /// moves while nobody presses a key.
    pub fn render_clock(
        &self,
        round: &ActiveRound,
        frame: &mut Frame,
        area: Rect,
        now: Moment,
        theme: &Theme,
    ) {
        let clock = self.layout(round, area, theme).clock;
        render_clock(round, frame, clock, now, theme);
    }

    pub fn render(
        &self,
        round: &ActiveRound,
        frame: &mut Frame,
        area: Rect,
        now: Moment,
        theme: &Theme,
    ) {
        let PracticeLayout {
            header,
            tabs,
            lesson,
            goal,
            clock,
            content,
            marks,
            bar,
            goal_line,
        } = self.layout(round, area, theme);
        let goal_text = Paragraph::new(goal_line).wrap(Wrap { trim: true });
        render_header(round, frame, header, tabs, theme);
        if let Some(change) = &round.last_change {
            let last_time = tr!("practice-last-time");
            let room = usize::from(lesson.width).saturating_sub(last_time.width());
            frame.render_widget(
                Line::from(vec![
                    Span::styled(last_time, theme.warning),
                    Span::styled(truncate_width(change, room), theme.text),
                ]),
                lesson,
            );
        }
        frame.render_widget(goal_text, goal);
        render_clock(round, frame, clock, now, theme);
        self.render_content(round, frame, content, theme);
        render_marks(round, frame, marks, theme);
        let mut bar_hints = hints(BINDINGS);
        if round.practice.is_paused()
            && let Some(pause) = bar_hints.iter_mut().find(|(k, _)| *k == "p")
        {
            pause.1 = tr!("hint-continue");
        }
        // Hints match what the screen does: alone there is no talk meter,
        // and without a persona no brief to show.
        if round.practice.people.partner.is_empty() {
            bar_hints.retain(|(k, _)| *k != "Space");
        }
        if round.persona().is_none() || !round.private_is_allowed(self.viewer) {
            bar_hints.retain(|(k, _)| *k != "h");
        }
        frame.render_widget(hint_bar(&bar_hints, bar.width, theme), bar);
        if let Some(entry) = &self.scale_entry
            && let Some(scale) = round.deck.scales.get(entry.scale)
        {
            render_scale_entry(frame, area, scale, entry, theme);
        }
        if let Some(confirm) = &self.confirm {
            confirm.render(frame, area, theme);
        }
    }

    /// The card, its tip and scales, then the persona, in one box that
    /// scrolls (↓/j) and says "↓ more" while something is below.
    fn render_content(&self, round: &ActiveRound, frame: &mut Frame, area: Rect, theme: &Theme) {
        let stage = stage(round);
        let run = round.practice.current_run();
        let inner_width = area.width.saturating_sub(2);
        let mut lines = card_lines(round, theme);
        let has_private = round
            .persona()
            .is_some_and(|p| !p.private_fields().is_empty());
        let persona_title = match (
            self.private_shown(round),
            round.private_is_open(self.viewer),
        ) {
            (true, false) => tr!("practice-persona-shown"),
            (true, true) => tr!("practice-persona-open"),
            (false, _) if has_private => tr!("practice-persona-hidden"),
            (false, _) => tr!("practice-persona"),
        };
        let rule = usize::from(inner_width).saturating_sub(persona_title.width() + 4);
        lines.push(Line::from(vec![
            Span::styled("── ", theme.muted),
            Span::styled(persona_title, theme.title),
            Span::styled(format!(" {}", "─".repeat(rule)), theme.muted),
        ]));
        lines.extend(self.persona_lines(round, theme));
        let key = WrapCache::key(&lines);
        let paragraph = Paragraph::new(lines).wrap(Wrap { trim: true });
        let total =
            self.content_rows
                .rows(key, inner_width, || paragraph.line_count(inner_width)) as u16;
        let visible = area.height.saturating_sub(2);
        let max_scroll = total.saturating_sub(visible);
        self.max_scroll.set(max_scroll);
        let scroll = self.scroll.min(max_scroll);
        let title = tr!(
            "practice-card-title",
            stage = stage.name.as_str(),
            card = (run.card_pos + 1),
            cards = stage.prompts.len()
        );
        let mut block = Block::bordered().title(Line::styled(title, theme.title));
        if scroll < max_scroll {
            block = block.title_bottom(Line::styled(tr!("practice-more"), theme.warning));
        }
        if scroll > 0 {
            block = block
                .title_bottom(Line::styled(tr!("practice-back-up"), theme.warning).right_aligned());
        }
        frame.render_widget(paragraph.scroll((scroll, 0)).block(block), area);
    }

    /// The persona card: the public part, and the private part only when
    /// it is open to whoever sits here or was asked for.
    fn persona_lines(&self, round: &ActiveRound, theme: &Theme) -> Vec<Line<'static>> {
        let Some(p) = round.persona() else {
            return vec![Line::styled(tr!("practice-no-persona"), theme.muted)];
        };
        let mut lines = vec![Line::from(vec![
            Span::styled(tr!("label-colon", label = p.name.as_str()), theme.title),
            Span::raw(p.summary.clone()),
        ])];
        if self.private_shown(round) {
            for (field, text) in p.private_fields() {
                lines.push(Line::from(vec![
                    Span::styled(
                        tr!("label-colon", label = words::private_field(field)),
                        theme.title,
                    ),
                    Span::raw(text.to_owned()),
                ]));
            }
        }
        lines
    }
}

/// Where the parts of the practice screen go.
struct PracticeLayout {
    header: Rect,
    tabs: Rect,
    lesson: Rect,
    goal: Rect,
    clock: ClockAreas,
    content: Rect,
    marks: Rect,
    bar: Rect,
    goal_line: Line<'static>,
}

/// Where the timer and the talk meter go: boxes in a roomy window, strips
/// in a small one.
#[derive(Debug, Clone, Copy)]
enum ClockAreas {
    Boxes { timer: Rect, talk: Rect, big: bool },
    Strips { time: Rect, talk: Rect },
}

/// Draws the timer and the talk meter, on cleared ground.
fn render_clock(
    round: &ActiveRound,
    frame: &mut Frame,
    clock: ClockAreas,
    now: Moment,
    theme: &Theme,
) {
    match clock {
        ClockAreas::Boxes { timer, talk, big } => {
            frame.render_widget(ratatui::widgets::Clear, timer);
            frame.render_widget(ratatui::widgets::Clear, talk);
            render_timer(round, frame, timer, now, theme, big);
            render_talk(round, frame, talk, now, theme);
        }
        ClockAreas::Strips { time, talk } => {
            frame.render_widget(ratatui::widgets::Clear, time);
            frame.render_widget(ratatui::widgets::Clear, talk);
            render_timer_strip(round, frame, time, now, theme);
            render_talk_strip(round, frame, talk, now, theme);
        }
    }
}

/// The deck's stage on screen (a drill runs only some of them). The store
/// only resumes rounds whose stages are in their deck.
fn stage(round: &ActiveRound) -> &Stage {
    let id = &round.practice.current_run().stage_id;
    round.deck.stage(id).unwrap_or(&round.deck.stages[0])
}

/// Indices of the deck's scales asked at the stage on screen.
fn scales_here(round: &ActiveRound) -> impl Iterator<Item = usize> + '_ {
    let id = &round.practice.current_run().stage_id;
    round
        .deck
        .scales
        .iter()
        .enumerate()
        .filter(move |(_, s)| s.at.iter().any(|at| at == id))
        .map(|(i, _)| i)
}

/// The first scale of this stage not yet recorded.
fn unrecorded_scale(round: &ActiveRound) -> Option<usize> {
    scales_here(round).find(|&i| {
        round
            .practice
            .scale_here(&round.deck.scales[i].id)
            .is_none()
    })
}

fn render_header(round: &ActiveRound, frame: &mut Frame, header: Rect, tabs: Rect, theme: &Theme) {
    let practice = &round.practice;
    let index = practice.current_index();
    let mut right = tr!(
        "practice-stage-of",
        stage = (index + 1),
        stages = practice.runs().len()
    );
    if let Some(plan) = &practice.plan {
        right = format!(
            "{} · {right}",
            tr!(
                "practice-round-of",
                round = plan.round,
                rounds = plan.rounds
            )
        );
    }
    if practice.mode == Mode::Drill {
        right = format!("{} · {right}", words::mode(Mode::Drill));
    }
    if practice.is_paused() {
        right = format!("{} · {right}", tr!("practice-paused"));
    }
    let right_width = (right.chars().count() as u16).min(header.width / 2);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(header);
    let left = format!(
        "{} · {}",
        round.deck.title,
        words::people_roles(&practice.people)
    );
    frame.render_widget(
        Line::styled(
            fit_width(&left, usize::from(left_area.width.saturating_sub(1))),
            theme.title,
        ),
        left_area,
    );
    let right_style = if practice.is_paused() {
        theme.warning
    } else {
        theme.muted
    };
    frame.render_widget(
        Line::styled(fit_width(&right, usize::from(right_width)), right_style),
        right_area,
    );
    let names: Vec<String> = practice
        .runs()
        .iter()
        .map(|run| {
            round
                .deck
                .stage(&run.stage_id)
                .map_or(run.stage_id.clone(), |s| s.name.clone())
        })
        .collect();
    let names = fit_tabs(names, index, usize::from(tabs.width));
    frame.render_widget(
        Tabs::new(names)
            .select(index)
            .style(theme.muted)
            .highlight_style(theme.focus.add_modifier(Modifier::BOLD))
            .divider("›"),
        tabs,
    );
}

/// Stage names that fit in `width` as tabs (" a › b › c"): the stage on
/// screen keeps its whole name, the others are cut, each with "…", to the
/// longest length that fits.
fn fit_tabs(names: Vec<String>, selected: usize, width: usize) -> Vec<String> {
    let total = |names: &[String]| -> usize {
        names.iter().map(|n| n.width() + 2).sum::<usize>() + names.len().saturating_sub(1)
    };
    if total(&names) <= width {
        return names;
    }
    let longest = names.iter().map(|n| n.width()).max().unwrap_or(0);
    for keep in (2..longest).rev() {
        let cut: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                if i == selected {
                    n.clone()
                } else {
                    truncate_width(n, keep)
                }
            })
            .collect();
        if total(&cut) <= width {
            return cut;
        }
    }
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            if i == selected {
                n.clone()
            } else {
                "…".to_owned()
            }
        })
        .collect()
}

/// The clock's words: "2:40 left" or "+0:20 over", and the light's.
fn timer_texts(round: &ActiveRound, now: Moment) -> (String, String, String) {
    let timer = round.practice.timer(now);
    let clock = match timer.remaining() {
        Some(left) => clock_text(left, true),
        None => format!("+{}", clock_text(timer.overtime(), false)),
    };
    let word = if timer.remaining().is_some() {
        tr!("practice-left")
    } else {
        tr!("practice-over")
    };
    let state = if round.practice.is_paused() {
        tr!("practice-paused-state")
    } else {
        words::light(timer.light())
    };
    (clock, word, state)
}

fn render_timer(
    round: &ActiveRound,
    frame: &mut Frame,
    area: Rect,
    now: Moment,
    theme: &Theme,
    big: bool,
) {
    let timer = round.practice.timer(now);
    let style = theme.light(timer.light());
    let (clock, word, state) = timer_texts(round, now);
    let block = Block::bordered().title(Line::styled(tr!("practice-time"), theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let digit_rows = if big { BIG_FONT_ROWS } else { 0 };
    let [digits, big_row, state_row, gauge_row, plan_row] = Layout::vertical([
        Constraint::Length(digit_rows),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    if big {
        // Readable across a room: the clock in block digits.
        frame.render_widget(
            Paragraph::new(big_text(&clock))
                .style(style.add_modifier(Modifier::BOLD))
                .centered(),
            digits,
        );
    }
    let words = if big { word } else { format!("{clock} {word}") };
    frame.render_widget(
        Line::styled(words, style.add_modifier(Modifier::BOLD)).centered(),
        big_row,
    );
    frame.render_widget(
        Line::styled(format!("[{state}]"), style).centered(),
        state_row,
    );
    let suffix = format!(" {}", tr!("practice-left"));
    frame.render_widget(time_gauge(&timer, style, &suffix), gauge_row);
    frame.render_widget(
        Line::styled(planned_spent(&timer), theme.muted).centered(),
        plan_row,
    );
}

/// The time in two rows, for small windows: the clock, its light and the
/// gauge; then the plan.
fn render_timer_strip(
    round: &ActiveRound,
    frame: &mut Frame,
    area: Rect,
    now: Moment,
    theme: &Theme,
) {
    let timer = round.practice.timer(now);
    let style = theme.light(timer.light());
    let (clock, word, state) = timer_texts(round, now);
    let [top, bottom] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
    let text = format!("{clock} {word} [{state}] ");
    let text_width = (text.width() as u16).min(top.width);
    let [words, gauge] =
        Layout::horizontal([Constraint::Length(text_width), Constraint::Fill(1)]).areas(top);
    frame.render_widget(
        Line::styled(text, style.add_modifier(Modifier::BOLD)),
        words,
    );
    frame.render_widget(time_gauge(&timer, style, ""), gauge);
    frame.render_widget(
        Line::styled(
            truncate_width(&planned_spent(&timer), usize::from(bottom.width)),
            theme.muted,
        ),
        bottom,
    );
}

/// The share of the stage's time left, as a gauge labelled "NN%" plus
/// `suffix`.
fn time_gauge(timer: &StageTimer, style: Style, suffix: &str) -> Gauge<'static> {
    Gauge::default()
        .ratio(timer.fraction_left().clamp(0.0, 1.0))
        .label(format!("{:.0}%{suffix}", timer.fraction_left() * 100.0))
        .gauge_style(style)
}

/// "planned 3:00 · spent 0:20".
fn planned_spent(timer: &StageTimer) -> String {
    tr!(
        "practice-planned-spent",
        planned = clock_text(timer.planned, false),
        spent = clock_text(timer.elapsed, false)
    )
}

/// The talk meter in two rows, for small windows: who is talking and the
/// shares; then the stage's verdict, and the round's when it fits.
fn render_talk_strip(
    round: &ActiveRound,
    frame: &mut Frame,
    area: Rect,
    now: Moment,
    theme: &Theme,
) {
    let practice = &round.practice;
    let people = &practice.people;
    let width = usize::from(area.width);
    let [top, bottom] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
    if people.partner.is_empty() {
        frame.render_widget(
            Paragraph::new(tr!("practice-alone"))
                .style(theme.text)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let (organizer, partner) = practice.stage_talk(now);
    let total = (organizer + partner).as_secs_f64();
    let percent = |d: Duration| {
        if total > 0.0 {
            d.as_secs_f64() / total * 100.0
        } else {
            0.0
        }
    };
    let talking = match practice.speaker() {
        Some(Speaker::Organizer) => truncate_width(&people.organizer, 12),
        Some(Speaker::Partner) => truncate_width(&people.partner, 12),
        None => tr!("practice-nobody"),
    };
    let shares = format!(
        "{} {:.0}% · {} {:.0}%",
        truncate_width(&people.organizer, 10),
        percent(organizer),
        truncate_width(&people.partner, 10),
        percent(partner)
    );
    let talking = tr!("practice-talking", name = talking);
    frame.render_widget(
        Line::from(vec![
            Span::styled(format!("{talking} · "), theme.title),
            Span::styled(
                truncate_width(&shares, width.saturating_sub(talking.width() + 3)),
                theme.text,
            ),
        ]),
        top,
    );
    let stage_line = talk_verdict_line(
        &tr!("practice-talk-stage"),
        (organizer, partner),
        stage(round).talk_band(),
        theme,
    );
    let mut spans = stage_line.spans;
    if let Some(band) = round_band(round) {
        let round_line = talk_verdict_line(
            &tr!("practice-talk-round"),
            practice.talk_totals(now),
            band,
            theme,
        );
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        let more: usize = round_line.spans.iter().map(|s| s.content.width()).sum();
        if used + 3 + more <= width {
            spans.push(Span::raw(" · "));
            spans.extend(
                round_line
                    .spans
                    .into_iter()
                    .map(|s| s.style(round_line.style)),
            );
        }
    }
    frame.render_widget(Line::from(spans).style(stage_line.style), bottom);
}

/// The organizer's talk band over the whole round, from each stage's.
fn round_band(round: &ActiveRound) -> Option<TalkBand> {
    TalkBand::for_round(round.practice.runs().iter().map(|run| {
        let band = round
            .deck
            .stage(&run.stage_id)
            .map_or_else(|| TalkBand::default_for(&run.stage_id), Stage::talk_band);
        (run.planned_secs, band)
    }))
}

/// Rows of the block digits.
const BIG_FONT_ROWS: u16 = 5;

/// `text` ("12:40", "+0:20") in block digits five rows tall, each cell of
/// the 3×5 glyphs two columns wide; other characters are left out.
fn big_text(text: &str) -> Vec<Line<'static>> {
    const GLYPHS: [(char, [&str; 5]); 12] = [
        ('0', ["###", "#.#", "#.#", "#.#", "###"]),
        ('1', [".#.", "##.", ".#.", ".#.", "###"]),
        ('2', ["###", "..#", "###", "#..", "###"]),
        ('3', ["###", "..#", "###", "..#", "###"]),
        ('4', ["#.#", "#.#", "###", "..#", "..#"]),
        ('5', ["###", "#..", "###", "..#", "###"]),
        ('6', ["###", "#..", "###", "#.#", "###"]),
        ('7', ["###", "..#", "..#", "..#", "..#"]),
        ('8', ["###", "#.#", "###", "#.#", "###"]),
        ('9', ["###", "#.#", "###", "..#", "###"]),
        (':', [".", "#", ".", "#", "."]),
        ('+', ["...", ".#.", "###", ".#.", "..."]),
    ];
    (0..usize::from(BIG_FONT_ROWS))
        .map(|row| {
            let cells: Vec<String> = text
                .chars()
                .filter_map(|c| GLYPHS.iter().find(|(g, _)| *g == c))
                .map(|(_, glyph)| glyph[row].replace('#', "██").replace('.', "  "))
                .collect();
            Line::from(cells.join("  "))
        })
        .collect()
}

/// "stage 32% (15–35) in band", styled by the verdict.
fn talk_verdict_line(
    label: &str,
    (organizer, partner): (Duration, Duration),
    band: TalkBand,
    theme: &Theme,
) -> Line<'static> {
    let Some(share) = share(organizer.as_secs(), partner.as_secs()) else {
        return Line::styled(
            tr!(
                "practice-talk-aim",
                label = label,
                low = band.low,
                high = band.high
            ),
            theme.text,
        );
    };
    let (text, style) = talk_verdict(share, band, theme);
    Line::styled(format!("{label} {text}"), style)
}

fn render_talk(round: &ActiveRound, frame: &mut Frame, area: Rect, now: Moment, theme: &Theme) {
    let practice = &round.practice;
    let people = &practice.people;
    if people.partner.is_empty() {
        frame.render_widget(
            Paragraph::new(tr!("practice-alone"))
                .style(theme.text)
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(Line::styled(tr!("practice-talk"), theme.title))),
            area,
        );
        return;
    }
    let talking = match practice.speaker() {
        Some(Speaker::Organizer) => tr!("practice-talking", name = people.organizer.as_str()),
        Some(Speaker::Partner) => tr!("practice-talking", name = people.partner.as_str()),
        None => tr!("practice-nobody-talking"),
    };
    let title = if people.observer.is_some() {
        tr!("practice-talk-observer")
    } else {
        tr!("practice-talk-space")
    };
    let block = Block::bordered().title(Line::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let stage_talk = practice.stage_talk(now);
    let (organizer, partner) = stage_talk;
    let total = (organizer + partner).as_secs_f64();
    let ratio = |d: Duration| {
        if total > 0.0 {
            d.as_secs_f64() / total
        } else {
            0.0
        }
    };
    let round_band = round_band(round);
    let rows = Layout::vertical([Constraint::Length(1); 5]).split(inner);
    let width = usize::from(inner.width);
    frame.render_widget(
        Line::styled(fit_width(&talking, width), theme.text),
        rows[0],
    );
    for (row, name, time) in [
        (rows[1], &people.organizer, organizer),
        (rows[2], &people.partner, partner),
    ] {
        frame.render_widget(
            LineGauge::default()
                .ratio(ratio(time))
                .label(format!(
                    "{} {:>3.0}%",
                    fit_width(name, 8),
                    ratio(time) * 100.0
                ))
                .filled_symbol("█")
                .unfilled_symbol("░")
                .filled_style(theme.title)
                .unfilled_style(theme.muted),
            row,
        );
    }
    frame.render_widget(
        talk_verdict_line(
            &tr!("practice-talk-stage"),
            stage_talk,
            stage(round).talk_band(),
            theme,
        ),
        rows[3],
    );
    if let Some(band) = round_band {
        frame.render_widget(
            talk_verdict_line(
                &tr!("practice-talk-round"),
                practice.talk_totals(now),
                band,
                theme,
            ),
            rows[4],
        );
    }
}

/// The prompt card, its tip and the scales asked at this stage.
fn card_lines(round: &ActiveRound, theme: &Theme) -> Vec<Line<'static>> {
    let stage = stage(round);
    let practice = &round.practice;
    let run = practice.current_run();
    let card = stage
        .prompts
        .get(practice.current_card())
        .cloned()
        .unwrap_or_default();
    let mut lines = vec![Line::styled(card, theme.text.add_modifier(Modifier::BOLD))];
    // One tip per card, turning with the cards, so that a small window
    // still shows one whole.
    if let Some(tip) = stage.tips.get(run.card_pos % stage.tips.len().max(1)) {
        lines.push(Line::from(vec![
            Span::styled(tr!("practice-tip"), theme.title),
            Span::styled(tip.clone(), theme.text.add_modifier(Modifier::ITALIC)),
        ]));
    }
    for index in scales_here(round) {
        let scale = &round.deck.scales[index];
        let value = practice.scale_here(&scale.id).map_or_else(
            || tr!("practice-scale-not-asked"),
            |v| tr!("practice-scale-value", value = v),
        );
        lines.push(Line::from(vec![
            Span::styled(tr!("practice-ask"), theme.warning),
            Span::raw(format!("{} → {value}", scale.label)),
        ]));
    }
    lines
}

/// Marks are laid out three to a row, plus the latest ones and borders.
fn marks_height(round: &ActiveRound) -> u16 {
    round.deck.marks.len().div_ceil(MARK_COLUMNS) as u16 + 3
}

fn render_marks(round: &ActiveRound, frame: &mut Frame, area: Rect, theme: &Theme) {
    let marks = round.practice.marks();
    let block = Block::bordered().title(Line::styled(
        tr!("practice-marks", count = marks.len()),
        theme.title,
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [grid, latest] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    let cell_width = usize::from(grid.width) / MARK_COLUMNS;
    let rows = round
        .deck
        .marks
        .chunks(MARK_COLUMNS)
        .enumerate()
        .map(|(r, chunk)| {
            Row::new(chunk.iter().enumerate().map(|(c, kind)| {
                let index = r * MARK_COLUMNS + c;
                let count = marks.iter().filter(|m| m.kind == index).count();
                let style = if count > 0 {
                    theme.text.add_modifier(Modifier::BOLD)
                } else {
                    theme.text
                };
                let tail = format!(" {count}");
                let label_width = cell_width.saturating_sub(3 + tail.len());
                Cell::from(Line::from(vec![
                    Span::styled(format!("{} ", index + 1), theme.key),
                    Span::styled(fit_width(&kind.label, label_width), style),
                    Span::styled(tail, theme.key),
                ]))
            }))
        });
    frame.render_widget(
        Table::new(
            rows,
            [Constraint::Ratio(1, MARK_COLUMNS as u32); MARK_COLUMNS],
        ),
        grid,
    );
    let recent: Vec<String> = marks
        .iter()
        .rev()
        .take(4)
        .rev()
        .map(|m| {
            format!(
                "{} {}",
                clock_text(Duration::from_secs(m.at_secs), false),
                m.label
            )
        })
        .collect();
    let line = if recent.is_empty() {
        Line::styled(tr!("practice-no-marks"), theme.muted)
    } else {
        let label = tr!("practice-latest");
        let text = fit_width(
            &recent.join(" · "),
            usize::from(latest.width).saturating_sub(label.width()),
        );
        Line::from(vec![Span::styled(label, theme.title), Span::raw(text)])
    };
    frame.render_widget(line, latest);
}

fn render_scale_entry(
    frame: &mut Frame,
    area: Rect,
    scale: &Scale,
    entry: &ScaleEntry,
    theme: &Theme,
) {
    let popup = centered(area, 60, 8);
    frame.render_widget(Clear, popup);
    let mut lines = vec![
        Line::from(scale.label.clone()),
        Line::from(vec![
            Span::styled(format!("{}–{}: ", scale.min, scale.max), theme.title),
            Span::styled(format!("{}▏", entry.text), theme.focus),
        ]),
    ];
    if let Some(error) = &entry.error {
        lines.push(Line::styled(error.clone(), theme.error));
    }
    let skip = if entry.then_next {
        tr!("practice-scale-skip")
    } else {
        tr!("practice-scale-cancel")
    };
    lines.push(hint_line(
        &[("Enter", tr!("practice-scale-record")), ("Esc", skip)],
        theme,
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(Line::styled(tr!("practice-scale"), theme.title))),
        popup,
    );
}
