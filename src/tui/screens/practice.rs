//! The practice screen: one stage at a time, with its timer, prompt card,
//! tips, the persona's public card, talk meter, scales and marks. It keeps
//! only what the view needs; the round itself is the app's
//! [`ActiveRound`], borrowed for each key and frame.

use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Gauge, LineGauge, Paragraph, Row, Table, Tabs, Wrap};

use crate::deck::{Scale, Stage, TalkBand};
use crate::practice::{Mode, Moment, Speaker, Step, clock_text};
use crate::record::share;
use crate::text::fit_width;
use crate::tui::action::Action;
use crate::tui::keys::{Binding, Key, help_key, help_rows, hints, lookup};
use crate::tui::round::ActiveRound;
use crate::tui::theme::Theme;
use crate::tui::widgets::{Confirm, Reply, centered, confirm_help, hint_line, talk_verdict};

/// Marks shown side by side in the marks box.
const MARK_COLUMNS: usize = 3;

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
    Help,
    Leave,
}

const BINDINGS: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Char('n'), Key::Code(KeyCode::Right)],
        label: "n/→",
        hint: "next",
        help: "Next stage (after the last one: the debrief, asks first)",
        command: Cmd::Next,
    },
    Binding {
        keys: &[Key::Char('b'), Key::Code(KeyCode::Left)],
        label: "b/←",
        hint: "back",
        help: "Previous stage (its clock carries on)",
        command: Cmd::Back,
    },
    Binding {
        keys: &[Key::Char('p')],
        label: "p",
        hint: "pause",
        help: "Pause or resume the clock",
        command: Cmd::Pause,
    },
    Binding {
        keys: &[Key::Char('+'), Key::Char('=')],
        label: "+/-",
        hint: "minute",
        help: "One minute more for this stage (- one less)",
        command: Cmd::More,
    },
    Binding {
        keys: &[Key::Char('-')],
        label: "-",
        hint: "",
        help: "One minute less for this stage",
        command: Cmd::Less,
    },
    Binding {
        keys: &[Key::Char(' ')],
        label: "Space",
        hint: "talk",
        help: "Who is talking: organizer, partner, nobody (drives the talk meter)",
        command: Cmd::Talk,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Tab)],
        label: "Tab",
        hint: "card",
        help: "Next prompt card",
        command: Cmd::Card,
    },
    Binding {
        keys: &[Key::Digit],
        label: "1-9",
        hint: "mark",
        help: "Add the mark with that number at the current time",
        command: Cmd::Mark,
    },
    Binding {
        keys: &[Key::Char('u')],
        label: "u",
        hint: "",
        help: "Take back the last mark",
        command: Cmd::Undo,
    },
    Binding {
        keys: &[Key::Char('r')],
        label: "r",
        hint: "",
        help: "Record the deck's scale asked at this stage (e.g. 0 to 10)",
        command: Cmd::Scale,
    },
    Binding {
        keys: &[Key::Char('h')],
        label: "h",
        hint: "brief",
        help: "Show or hide the partner's private brief (asks first when the organizer may see)",
        command: Cmd::Persona,
    },
    help_key(Cmd::Help),
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        label: "Esc",
        hint: "leave",
        help: "Leave practice (asks first; the round stays resumable)",
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
    /// `h` flipped the persona's private part from how this round shows
    /// it by default (hidden with a partner, open alone).
    private_flipped: bool,
    confirm: Option<Confirm<Question>>,
    scale_entry: Option<ScaleEntry>,
}

impl PracticeScreen {
    pub fn new() -> PracticeScreen {
        PracticeScreen::default()
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(&'static str, &'static str)> {
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
                if self.private_shown(round) {
                    self.private_flipped = !self.private_flipped;
                } else {
                    self.confirm = Some(Confirm::ask(
                        Question::ShowPrivate,
                        format!(
                            "Show the partner's private brief? {} should look away.",
                            round.practice.people.organizer
                        ),
                    ));
                }
                return None;
            }
            Cmd::Help => return Some(Action::ToggleHelp),
            Cmd::Leave => {
                self.confirm = Some(Confirm::ask(
                    Question::Leave,
                    "Leave practice? The round is kept; resume it from the home screen.",
                ));
                return None;
            }
        }
        Some(Action::Checkpoint)
    }

    /// Whether the persona's private part is on screen.
    fn private_shown(&self, round: &ActiveRound) -> bool {
        round.private_is_open() != self.private_flipped
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
            self.confirm = Some(Confirm::ask(
                Question::Finish,
                "End the round and start the debrief?",
            ));
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
                    entry.error = Some(format!(
                        "a whole number from {} to {}",
                        scale.min, scale.max
                    ));
                    None
                }
            },
            _ => None,
        }
    }

    /// How long until the displayed time changes.
    pub fn next_redraw(round: &ActiveRound, now: Moment) -> Duration {
        let elapsed = round.practice.timer(now).elapsed;
        Duration::from_secs(1) - Duration::from_nanos(u64::from(elapsed.subsec_nanos()))
    }

    pub fn render(
        &self,
        round: &ActiveRound,
        frame: &mut Frame,
        area: Rect,
        now: Moment,
        theme: &Theme,
    ) {
        let lesson_rows = u16::from(round.last_change.is_some());
        let [header, tabs, lesson, goal, main, marks, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(lesson_rows),
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(marks_height(round)),
            Constraint::Length(1),
        ])
        .areas(area);
        render_header(round, frame, header, tabs, theme);
        if let Some(change) = &round.last_change {
            frame.render_widget(
                Line::from(vec![
                    Span::styled("Last time: ", theme.warning),
                    Span::styled(
                        fit_width(change, usize::from(lesson.width.saturating_sub(11))),
                        theme.text,
                    ),
                ]),
                lesson,
            );
        }
        let stage = stage(round);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Goal: ", theme.title),
                Span::raw(stage.goal.clone()),
            ]))
            .wrap(Wrap { trim: true }),
            goal,
        );
        let [left, right] =
            Layout::horizontal([Constraint::Length(32), Constraint::Fill(1)]).areas(main);
        let [timer, talk] =
            Layout::vertical([Constraint::Length(6), Constraint::Fill(1)]).areas(left);
        // The card comes first; the persona takes what is left, at least
        // three rows, and either says when something does not fit.
        let inner_width = right.width.saturating_sub(2);
        let card_rows = wrapped_rows(&card_lines(round, theme), inner_width) + 2;
        let persona_rows = wrapped_rows(&self.persona_lines(round, theme), inner_width) + 2;
        let persona_height = persona_rows
            .min(right.height.saturating_sub(card_rows))
            .max(3.min(right.height / 2));
        let [card, persona] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(persona_height)])
                .areas(right);
        render_timer(round, frame, timer, now, theme);
        render_talk(round, frame, talk, now, theme);
        render_card(round, frame, card, theme);
        self.render_persona(round, frame, persona, theme);
        render_marks(round, frame, marks, theme);
        let mut bar_hints = hints(BINDINGS);
        if round.practice.is_paused()
            && let Some(pause) = bar_hints.iter_mut().find(|(k, _)| *k == "p")
        {
            pause.1 = "continue";
        }
        frame.render_widget(hint_line(&bar_hints, theme), bar);
        if let Some(entry) = &self.scale_entry
            && let Some(scale) = round.deck.scales.get(entry.scale)
        {
            render_scale_entry(frame, area, scale, entry, theme);
        }
        if let Some(confirm) = &self.confirm {
            confirm.render(frame, area, theme);
        }
    }

    /// The persona card: the public part, and the private part only when
    /// it is open to whoever sits here or was asked for.
    fn persona_lines(&self, round: &ActiveRound, theme: &Theme) -> Vec<Line<'static>> {
        let Some(p) = round.persona() else {
            return vec![Line::styled(
                "No persona: the partner plays themself.",
                theme.muted,
            )];
        };
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{}: ", p.name), theme.title),
            Span::raw(p.summary.clone()),
        ])];
        if self.private_shown(round) {
            for (label, text) in p.private_rows() {
                lines.push(Line::from(vec![
                    Span::styled(format!("{label}: "), theme.title),
                    Span::raw(text.to_owned()),
                ]));
            }
        } else if !p.private_rows().is_empty() {
            lines.push(Line::styled(
                "The rest is for the organizer to discover.",
                theme.muted,
            ));
        }
        lines
    }

    fn render_persona(&self, round: &ActiveRound, frame: &mut Frame, area: Rect, theme: &Theme) {
        let title = match (self.private_shown(round), round.private_is_open()) {
            (true, false) => " Partner · private brief shown (h hides) ",
            (true, true) => " Partner (h hides the private part) ",
            (false, _) => " Partner ",
        };
        render_box(
            frame,
            area,
            title.to_owned(),
            self.persona_lines(round, theme),
            theme,
        );
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
    let mut right = format!("stage {} of {}", index + 1, practice.runs().len());
    if let Some(plan) = &practice.plan {
        right = format!("round {} of {} · {right}", plan.round, plan.rounds);
    }
    if practice.mode == Mode::Drill {
        right = format!("drill · {right}");
    }
    if practice.is_paused() {
        right = format!("PAUSED · {right}");
    }
    let right_width = (right.chars().count() as u16).min(header.width / 2);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(header);
    let left = format!(
        "{} · {}",
        round.deck.title,
        practice.people.describe_roles()
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
    let names = practice.runs().iter().map(|run| {
        round
            .deck
            .stage(&run.stage_id)
            .map_or(run.stage_id.clone(), |s| s.name.clone())
    });
    frame.render_widget(
        Tabs::new(names)
            .select(index)
            .style(theme.muted)
            .highlight_style(theme.focus.add_modifier(Modifier::BOLD))
            .divider("›"),
        tabs,
    );
}

fn render_timer(round: &ActiveRound, frame: &mut Frame, area: Rect, now: Moment, theme: &Theme) {
    let timer = round.practice.timer(now);
    let light = timer.light();
    let style = theme.light(light);
    let big = match timer.remaining() {
        Some(left) => format!("{} left", clock_text(left, true)),
        None => format!("+{} over", clock_text(timer.overtime(), false)),
    };
    let state = if round.practice.is_paused() {
        "paused: p continues".to_owned()
    } else {
        light.label().to_owned()
    };
    let block = Block::bordered().title(Line::styled(" Time ", theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [big_row, state_row, gauge_row, plan_row] =
        Layout::vertical([Constraint::Length(1); 4]).areas(inner);
    frame.render_widget(
        Line::styled(big, style.add_modifier(Modifier::BOLD)).centered(),
        big_row,
    );
    frame.render_widget(
        Line::styled(format!("[{state}]"), style).centered(),
        state_row,
    );
    frame.render_widget(
        Gauge::default()
            .ratio(timer.fraction_left().clamp(0.0, 1.0))
            .label(format!("{:.0}% left", timer.fraction_left() * 100.0))
            .gauge_style(style),
        gauge_row,
    );
    frame.render_widget(
        Line::styled(
            format!(
                "planned {} · spent {}",
                clock_text(timer.planned, false),
                clock_text(timer.elapsed, false)
            ),
            theme.muted,
        )
        .centered(),
        plan_row,
    );
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
            format!("{label}: aim {}–{}%", band.low, band.high),
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
            Paragraph::new(vec![
                Line::from("Alone: say your part aloud,"),
                Line::from("as if they were here."),
            ])
            .style(theme.text)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(Line::styled(" Talk ", theme.title))),
            area,
        );
        return;
    }
    let talking = match practice.speaker() {
        Some(Speaker::Organizer) => format!("{} talking", people.organizer),
        Some(Speaker::Partner) => format!("{} talking", people.partner),
        None => "nobody talking".to_owned(),
    };
    let title = if people.observer.is_some() {
        " Talk (observer: Space) "
    } else {
        " Talk (Space) "
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
    let round_band = TalkBand::for_round(practice.runs().iter().map(|run| {
        let band = round
            .deck
            .stage(&run.stage_id)
            .map_or_else(|| TalkBand::default_for(&run.stage_id), Stage::talk_band);
        (run.planned_secs, band)
    }));
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
        talk_verdict_line("stage", stage_talk, stage(round).talk_band(), theme),
        rows[3],
    );
    if let Some(band) = round_band {
        frame.render_widget(
            talk_verdict_line("round", practice.talk_totals(now), band, theme),
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
            Span::styled("Tip: ", theme.title),
            Span::styled(tip.clone(), theme.text.add_modifier(Modifier::ITALIC)),
        ]));
    }
    for index in scales_here(round) {
        let scale = &round.deck.scales[index];
        let value = practice.scale_here(&scale.id).map_or_else(
            || "not asked yet (r)".to_owned(),
            |v| format!("{v} (r changes)"),
        );
        lines.push(Line::from(vec![
            Span::styled("Ask: ", theme.warning),
            Span::raw(format!("{} → {value}", scale.label)),
        ]));
    }
    lines
}

/// Rows `lines` take when word-wrapped to `width` (about: words may push
/// a line one row further).
fn wrapped_rows(lines: &[Line<'_>], width: u16) -> u16 {
    lines
        .iter()
        .map(|line| crate::tui::app::wrapped_height(&line.to_string(), width))
        .sum()
}

fn render_card(round: &ActiveRound, frame: &mut Frame, area: Rect, theme: &Theme) {
    let stage = stage(round);
    let run = round.practice.current_run();
    let lines = card_lines(round, theme);
    let title = format!(
        " {} · card {} of {} (Tab) ",
        stage.name,
        run.card_pos + 1,
        stage.prompts.len()
    );
    render_box(frame, area, title, lines, theme);
}

/// Wrapped lines in a titled box that says when they do not all fit.
fn render_box(
    frame: &mut Frame,
    area: Rect,
    title: String,
    lines: Vec<Line<'static>>,
    theme: &Theme,
) {
    let mut block = Block::bordered().title(Line::styled(title, theme.title));
    if wrapped_rows(&lines, area.width.saturating_sub(2)) > area.height.saturating_sub(2) {
        block = block.title_bottom(Line::styled(" … more: a larger window ", theme.warning));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

/// Marks are laid out three to a row, plus the latest ones and borders.
fn marks_height(round: &ActiveRound) -> u16 {
    round.deck.marks.len().div_ceil(MARK_COLUMNS) as u16 + 3
}

fn render_marks(round: &ActiveRound, frame: &mut Frame, area: Rect, theme: &Theme) {
    let marks = round.practice.marks();
    let block = Block::bordered().title(Line::styled(
        format!(" Marks ({}) · u takes back the last ", marks.len()),
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
        Line::styled(
            "No marks yet: press the number when you see it.",
            theme.muted,
        )
    } else {
        let text = fit_width(
            &recent.join(" · "),
            usize::from(latest.width.saturating_sub(8)),
        );
        Line::from(vec![Span::styled("Latest: ", theme.title), Span::raw(text)])
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
        "skip and go on"
    } else {
        "cancel"
    };
    lines.push(hint_line(&[("Enter", "record"), ("Esc", skip)], theme));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(Line::styled(" Scale ", theme.title))),
        popup,
    );
}
