//! The practice screen: one stage at a time, with its timer, prompt card,
//! tips, persona, talk meter and marks.

use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Gauge, LineGauge, Paragraph, Row, Table, Tabs, Wrap};

use crate::deck::{Deck, Stage};
use crate::practice::{Mode, Moment, Practice, Speaker, Step, clock_text};
use crate::text::fit_width;
use crate::tui::action::Action;
use crate::tui::keys::{Binding, Key, help_key, help_rows, hints, lookup};
use crate::tui::theme::Theme;
use crate::tui::widgets::{hint_line, render_confirm};

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
    Persona,
    Help,
    Leave,
}

const BINDINGS: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Char('n'), Key::Code(KeyCode::Right)],
        label: "n/→",
        hint: "next",
        help: "Next stage (after commitment: the feedback form)",
        command: Cmd::Next,
    },
    Binding {
        keys: &[Key::Char('b'), Key::Code(KeyCode::Left)],
        label: "b/←",
        hint: "",
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
        label: "+",
        hint: "",
        help: "One more minute for this stage",
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
        keys: &[Key::Char('h')],
        label: "h",
        hint: "",
        help: "Hide or show the partner's persona card",
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

/// State of the practice screen.
#[derive(Debug, Clone)]
pub struct PracticeScreen {
    pub deck: Deck,
    pub practice: Practice,
    show_persona: bool,
    confirm_leave: bool,
}

impl PracticeScreen {
    pub fn new(deck: Deck, practice: Practice) -> PracticeScreen {
        PracticeScreen {
            deck,
            practice,
            show_persona: true,
            confirm_leave: false,
        }
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(&'static str, &'static str)> {
        help_rows(BINDINGS)
    }

    /// The deck's stage on screen (a drill runs only some of them). The
    /// store only resumes rounds whose stages are in their deck.
    fn stage(&self) -> &Stage {
        let id = &self.practice.current_run().stage_id;
        self.deck.stage(id).unwrap_or(&self.deck.stages[0])
    }

    /// Applies a key; returns what the app must do about it.
    pub fn handle_key(&mut self, key: &KeyEvent, now: Moment) -> Option<Action> {
        if self.confirm_leave {
            self.confirm_leave = false;
            return matches!(key.code, KeyCode::Char('y' | 'Y')).then_some(Action::Leave);
        }
        let (command, digit) = lookup(BINDINGS, key)?;
        let practice = &mut self.practice;
        match command {
            Cmd::Next => {
                return Some(match practice.next_stage(now) {
                    Step::Moved => Action::Checkpoint,
                    Step::Finished => Action::Finish,
                });
            }
            Cmd::Back => practice.previous_stage(now),
            Cmd::Pause => practice.toggle_pause(now),
            Cmd::More => practice.extend(now, 1),
            Cmd::Less => practice.extend(now, -1),
            Cmd::Talk if practice.people.partner.is_empty() => return None,
            Cmd::Talk => practice.cycle_speaker(now),
            Cmd::Card => practice.next_card(),
            Cmd::Mark => {
                let kind = usize::from(digit) - 1;
                let label = self.deck.marks.get(kind)?.label.clone();
                practice.add_mark(now, kind, &label);
            }
            Cmd::Persona => {
                self.show_persona = !self.show_persona;
                return None;
            }
            Cmd::Help => return Some(Action::ToggleHelp),
            Cmd::Leave => {
                self.confirm_leave = true;
                return None;
            }
        }
        Some(Action::Checkpoint)
    }

    /// How long until the displayed time changes.
    pub fn next_redraw(&self, now: Moment) -> Duration {
        let elapsed = self.practice.timer(now).elapsed;
        Duration::from_secs(1) - Duration::from_nanos(u64::from(elapsed.subsec_nanos()))
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, now: Moment, theme: &Theme) {
        let [header, tabs, goal, main, marks, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(self.marks_height()),
            Constraint::Length(1),
        ])
        .areas(area);
        self.render_header(frame, header, tabs, theme);
        let stage = self.stage();
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Goal: ", theme.title),
                Span::raw(stage.goal.clone()),
            ]))
            .wrap(Wrap { trim: true }),
            goal,
        );
        let [left, right] =
            Layout::horizontal([Constraint::Length(34), Constraint::Fill(1)]).areas(main);
        let [timer, talk] =
            Layout::vertical([Constraint::Length(6), Constraint::Fill(1)]).areas(left);
        let [card, persona] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(right);
        self.render_timer(frame, timer, now, theme);
        self.render_talk(frame, talk, now, theme);
        self.render_card(frame, card, theme);
        self.render_persona(frame, persona, theme);
        self.render_marks(frame, marks, theme);
        frame.render_widget(hint_line(&hints(BINDINGS), theme), bar);
        if self.confirm_leave {
            render_confirm(
                frame,
                area,
                "Leave practice? The round is kept; resume it from the home screen.",
                theme,
            );
        }
    }

    fn render_header(&self, frame: &mut Frame, header: Rect, tabs: Rect, theme: &Theme) {
        let people = &self.practice.people;
        let index = self.practice.current_index();
        let mut right = format!("stage {} of {}", index + 1, self.practice.runs().len());
        if self.practice.mode == Mode::Drill {
            right = format!("drill · {right}");
        }
        if self.practice.is_paused() {
            right = format!("PAUSED · {right}");
        }
        let [left_area, right_area] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(right.chars().count() as u16),
        ])
        .areas(header);
        frame.render_widget(
            Line::from(vec![
                Span::styled(self.deck.title.clone(), theme.title),
                Span::styled(format!(" · {}", people.describe_roles()), theme.text),
            ]),
            left_area,
        );
        let right_style = if self.practice.is_paused() {
            theme.warning
        } else {
            theme.muted
        };
        frame.render_widget(Line::styled(right, right_style), right_area);
        let names = self.practice.runs().iter().map(|run| {
            self.deck
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

    fn render_timer(&self, frame: &mut Frame, area: Rect, now: Moment, theme: &Theme) {
        let timer = self.practice.timer(now);
        let light = timer.light();
        let style = theme.light(light);
        let big = match timer.remaining() {
            Some(left) => format!("{} left", clock_text(left, true)),
            None => format!("+{} over", clock_text(timer.overtime(), false)),
        };
        let state = if self.practice.is_paused() {
            "paused".to_owned()
        } else {
            light.label().to_owned()
        };
        let block = Block::bordered().title(Line::styled(" Time ", theme.title));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [big_row, state_row, gauge_row, plan_row] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
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

    fn render_talk(&self, frame: &mut Frame, area: Rect, now: Moment, theme: &Theme) {
        let people = &self.practice.people;
        if people.partner.is_empty() {
            frame.render_widget(
                Paragraph::new(vec![
                    Line::from("Alone: say your part aloud,"),
                    Line::from("as if they were here."),
                ])
                .style(theme.muted)
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(Line::styled(" Talk ", theme.title))),
                area,
            );
            return;
        }
        let (organizer, partner) = self.practice.talk_totals(now);
        let total = (organizer + partner).as_secs_f64();
        let share = |d: Duration| {
            if total > 0.0 {
                d.as_secs_f64() / total
            } else {
                0.0
            }
        };
        let organizer_share = share(organizer);
        let talking = match self.practice.speaker() {
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
        let rows = Layout::vertical([Constraint::Length(1); 4]).split(inner);
        frame.render_widget(Line::styled(talking, theme.text), rows[0]);
        for (row, name, time) in [
            (rows[1], &people.organizer, organizer),
            (rows[2], &people.partner, partner),
        ] {
            let ratio = share(time);
            frame.render_widget(
                LineGauge::default()
                    .ratio(ratio)
                    .label(format!("{} {:>3.0}%", fit_width(name, 8), ratio * 100.0))
                    .filled_symbol("█")
                    .unfilled_symbol("░")
                    .filled_style(theme.title)
                    .unfilled_style(theme.muted),
                row,
            );
        }
        let band = self.stage().talk_band();
        let verdict = if total == 0.0 {
            (format!("target {}", band.label()), theme.muted)
        } else {
            match band.judge(organizer_share) {
                crate::deck::TalkVerdict::Within => {
                    ("in the target band".to_owned(), theme.on_time)
                }
                crate::deck::TalkVerdict::TooMuch => {
                    (format!("listen more: {}", band.label()), theme.warning)
                }
                crate::deck::TalkVerdict::TooQuiet => {
                    (format!("speak up: {}", band.label()), theme.warning)
                }
                _ => (format!("target {}", band.label()), theme.muted),
            }
        };
        if rows.len() > 3 {
            frame.render_widget(Line::styled(verdict.0, verdict.1), rows[3]);
        }
    }

    fn render_card(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let stage = self.stage();
        let run = self.practice.current_run();
        let card = stage
            .prompts
            .get(self.practice.current_card())
            .cloned()
            .unwrap_or_default();
        let mut lines = vec![Line::styled(card, theme.text.add_modifier(Modifier::BOLD))];
        // One tip per card, turning with the cards, so that a small window
        // still shows one whole.
        if let Some(tip) = stage.tips.get(run.card_pos % stage.tips.len().max(1)) {
            lines.push(Line::from(vec![
                Span::styled("Tip: ", theme.title),
                Span::styled(tip.clone(), theme.muted),
            ]));
        }
        let title = format!(
            " {} · card {} of {} (Tab) ",
            stage.name,
            run.card_pos + 1,
            stage.prompts.len()
        );
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(Line::styled(title, theme.title))),
            area,
        );
    }

    fn render_persona(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let persona = self
            .practice
            .persona
            .and_then(|i| self.deck.personas.get(i));
        let (title, lines) = match persona {
            None => (
                " Partner ".to_owned(),
                vec![Line::styled(
                    "No persona: the partner plays themself.",
                    theme.muted,
                )],
            ),
            Some(_) if !self.show_persona => (
                " Persona hidden ".to_owned(),
                vec![Line::styled("h shows the persona card.", theme.muted)],
            ),
            Some(p) => {
                let mut lines = vec![Line::from(p.summary.clone())];
                for (label, value) in [
                    ("Cares about", &p.cares_about),
                    ("Could bring", &p.resources),
                    ("Holds back", &p.reluctance),
                ] {
                    if let Some(value) = value {
                        lines.push(Line::from(vec![
                            Span::styled(format!("{label}: "), theme.title),
                            Span::raw(value.clone()),
                        ]));
                    }
                }
                (format!(" Persona: {} (h hides) ", p.name), lines)
            }
        };
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(Line::styled(title, theme.title))),
            area,
        );
    }

    /// Marks are laid out three to a row, plus the latest ones and borders.
    fn marks_height(&self) -> u16 {
        self.deck.marks.len().div_ceil(MARK_COLUMNS) as u16 + 3
    }

    fn render_marks(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let marks = self.practice.marks();
        let block = Block::bordered().title(Line::styled(
            format!(" Marks ({}) ", marks.len()),
            theme.title,
        ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [grid, latest] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
        let rows = self
            .deck
            .marks
            .chunks(MARK_COLUMNS)
            .enumerate()
            .map(|(r, chunk)| {
                Row::new(chunk.iter().enumerate().map(|(c, kind)| {
                    let index = r * MARK_COLUMNS + c;
                    let count = marks.iter().filter(|m| m.kind == index).count();
                    let style = if count > 0 { theme.text } else { theme.muted };
                    Cell::from(Line::from(vec![
                        Span::styled(format!("{} ", index + 1), theme.key),
                        Span::styled(kind.label.clone(), style),
                        Span::styled(format!(" {count}"), theme.key),
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
            Line::from(vec![
                Span::styled("Latest: ", theme.title),
                Span::raw(recent.join(" · ")),
            ])
        };
        frame.render_widget(line, latest);
    }
}
