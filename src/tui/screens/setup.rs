//! Setup for a new round: the deck, the mode (and a drill's stage), who
//! organizes, who is met, who observes, and the seed.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

use crate::config::PracticeDefaults;
use crate::deck::Deck;
use crate::i18n::words;
use crate::practice::{Mode, People, RoundSpec};
use crate::record::{FitError, FitPlan, MAX_STAGE_MINUTES, fit, new_session_id};
use crate::text::{fit_width, strip_controls, truncate_width};
use crate::tr;
use crate::tui::action::{Action, RoundPlan};
use crate::tui::keys::{Binding, Key, help_rows, hints, lookup};
use crate::tui::mouse::{Hits, Pointer};
use crate::tui::theme::Theme;
use crate::tui::widgets::{field_block, fit_spans, hint_bar, render_text_area, wrap_words};

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
        hint: Some(|| tr!("hint-start")),
        help: || tr!("key-setup-start"),
        command: Cmd::Start,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Tab)],
        label: "Tab",
        hint: Some(|| tr!("hint-next-field")),
        help: || tr!("key-setup-next-field"),
        command: Cmd::NextField,
    },
    Binding {
        keys: &[Key::Code(KeyCode::BackTab)],
        label: "Shift-Tab",
        hint: None,
        help: || tr!("key-setup-prev-field"),
        command: Cmd::PrevField,
    },
    Binding {
        keys: &[Key::Ctrl('r')],
        label: "Ctrl-R",
        hint: Some(|| tr!("hint-new-seed")),
        help: || tr!("key-setup-reseed"),
        command: Cmd::Reseed,
    },
    Binding {
        keys: &[Key::Code(KeyCode::F(1))],
        label: "F1",
        hint: Some(|| tr!("hint-help")),
        help: || tr!("key-setup-help"),
        command: Cmd::Help,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        label: "Esc",
        hint: Some(|| tr!("hint-back")),
        help: || tr!("key-setup-back"),
        command: Cmd::Back,
    },
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Deck,
    Mode,
    Stage,
    Fit,
    Minutes,
    Organizer,
    Partner,
    Observer,
}

/// State of the setup screen.
#[derive(Debug, Clone)]
pub struct SetupScreen {
    decks: Vec<Deck>,
    deck: usize,
    mode: Mode,
    /// Index of the drilled stage in the chosen deck.
    stage: usize,
    organizer: TextArea<'static>,
    partner: TextArea<'static>,
    observer: TextArea<'static>,
    /// The minutes available, as typed; empty for one round at the
    /// deck's length.
    fit: String,
    /// Each stage's planned minutes for the chosen deck.
    minutes: Vec<u32>,
    /// The stage whose minutes ←/→ picked.
    minute_stage: usize,
    seed: u32,
    /// Draws the seeds offered by Ctrl-R, starting from the first seed.
    reseed: ChaCha8Rng,
    focus: Field,
    error: Option<String>,
    /// Names from saved sessions, most recent first, offered under the
    /// name fields.
    recent: Vec<String>,
    /// ↓/↑ in a name field: what was typed before picking, and which
    /// offered name is in the field now.
    picking: Option<(String, usize)>,
    /// Where each deck was drawn, for clicks.
    deck_hits: Hits<usize>,
}

/// Recent names offered at once.
const OFFERED_NAMES: usize = 4;

/// What setup starts from: earlier choices or the command line.
#[derive(Debug, Clone, Default)]
pub struct SetupDefaults {
    pub deck_id: String,
    pub people: People,
    pub mode: Mode,
    pub drill_stage: Option<String>,
    pub seed: u32,
    /// The minutes the breakout has, if rounds are to be fitted.
    pub fit: Option<u32>,
}

impl SetupDefaults {
    /// The config's defaults over these: each one the config sets wins
    /// over the last round's choice.
    pub fn with_config(mut self, config: &PracticeDefaults) -> SetupDefaults {
        if let Some(deck) = &config.deck {
            self.deck_id.clone_from(deck);
        }
        self.mode = config.mode.unwrap_or(self.mode);
        let people = &mut self.people;
        for (name, field) in [
            (&config.organizer, &mut people.organizer),
            (&config.partner, &mut people.partner),
        ] {
            if let Some(name) = name {
                *field = clean_name(name);
            }
        }
        if let Some(observer) = &config.observer {
            people.observer = Some(clean_name(observer));
        }
        self.fit = config.fit.or(self.fit);
        self
    }
}

fn name_field(name: &str, placeholder: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![name.to_owned()]);
    area.set_placeholder_text(placeholder);
    area.set_cursor_line_style(Style::new());
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

fn name_of(area: &TextArea<'_>) -> String {
    clean_name(&area.lines().join(" "))
}

/// A name as typed, made safe to show and store.
pub fn clean_name(raw: &str) -> String {
    strip_controls(raw, false)
        .trim()
        .chars()
        .take(MAX_NAME_CHARS)
        .collect()
}

/// One line on what each mode is for.
fn mode_help(mode: Mode) -> String {
    match mode {
        Mode::Pair => tr!("setup-mode-pair"),
        Mode::Triad => tr!("setup-mode-triad"),
        Mode::Solo => tr!("setup-mode-solo"),
        Mode::Drill => tr!("setup-mode-drill"),
    }
}

impl SetupScreen {
    /// A setup form over `decks`, prefilled from `defaults`.
    pub fn new(decks: Vec<Deck>, defaults: &SetupDefaults) -> SetupScreen {
        let deck = decks
            .iter()
            .position(|d| d.id == defaults.deck_id)
            .unwrap_or(0);
        let stage = defaults
            .drill_stage
            .as_ref()
            .and_then(|id| decks.get(deck)?.stages.iter().position(|s| &s.id == id))
            .unwrap_or(0);
        let people = &defaults.people;
        let mut setup = SetupScreen {
            decks,
            deck,
            mode: defaults.mode,
            stage,
            organizer: name_field(&people.organizer, &tr!("setup-organizer-placeholder")),
            partner: name_field(&people.partner, &tr!("setup-partner-placeholder")),
            observer: name_field(
                people.observer.as_deref().unwrap_or_default(),
                &tr!("setup-observer-placeholder"),
            ),
            fit: defaults.fit.map(|m| m.to_string()).unwrap_or_default(),
            minutes: Vec::new(),
            minute_stage: 0,
            seed: defaults.seed,
            reseed: ChaCha8Rng::seed_from_u64(u64::from(defaults.seed)),
            focus: Field::Organizer,
            error: None,
            recent: Vec::new(),
            picking: None,
            deck_hits: Hits::default(),
        };
        setup.reset_minutes();
        setup.focus = setup
            .fields()
            .into_iter()
            .find(|f| setup.name_area(*f).is_some_and(|a| name_of(a).is_empty()))
            .unwrap_or(Field::Deck);
        setup
    }

    /// Offers these names (most recent first) while a name is typed.
    pub fn with_recent_names(mut self, names: Vec<String>) -> SetupScreen {
        self.recent = names;
        self
    }

    /// The recent names that match what was typed in the focused name
    /// field: those it begins first, then those it is part of; with
    /// nothing typed, the latest ones. Names already in another field are
    /// left out.
    fn offered_names(&self) -> Vec<String> {
        let Some(area) = self.name_area(self.focus) else {
            return Vec::new();
        };
        let query = match &self.picking {
            Some((query, _)) => query.clone(),
            None => name_of(area),
        }
        .to_lowercase();
        let taken: Vec<String> = [Field::Organizer, Field::Partner, Field::Observer]
            .into_iter()
            .filter(|f| *f != self.focus && self.fields().contains(f))
            .filter_map(|f| self.name_area(f).map(|a| name_of(a).to_lowercase()))
            .collect();
        let free = self
            .recent
            .iter()
            .filter(|n| !taken.contains(&n.to_lowercase()) && n.to_lowercase() != query);
        let (mut starts, mut within): (Vec<&String>, Vec<&String>) = free
            .filter(|n| n.to_lowercase().contains(&query))
            .partition(|n| n.to_lowercase().starts_with(&query));
        starts.append(&mut within);
        starts.into_iter().take(OFFERED_NAMES).cloned().collect()
    }

    /// ↓/↑ in a name field: puts the next (or previous) offered name in
    /// it; typing again goes back to filtering.
    fn pick_name(&mut self, forward: bool) {
        let offered = self.offered_names();
        if offered.is_empty() {
            return;
        }
        let focus = self.focus;
        let query = match &self.picking {
            Some((query, _)) => query.clone(),
            None => self.name_area(focus).map(name_of).unwrap_or_default(),
        };
        let n = offered.len();
        let at = match self.picking {
            Some((_, i)) if forward => (i + 1) % n,
            Some((_, i)) => (i + n - 1) % n,
            None if forward => 0,
            None => n - 1,
        };
        let field = name_field(&offered[at], "");
        if let Some(area) = self.name_area_mut(focus) {
            let placeholder = area.placeholder_text().to_owned();
            *area = field;
            area.set_placeholder_text(placeholder);
        }
        self.picking = Some((query, at));
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(String, String)> {
        let mut rows = help_rows(BINDINGS);
        rows.push(("↑/↓".to_owned(), tr!("key-setup-deck")));
        rows.push(("←/→".to_owned(), tr!("key-setup-choice")));
        rows.push(("+/-".to_owned(), tr!("key-setup-minutes")));
        rows.push((tr!("key-typing"), tr!("key-setup-typing")));
        rows.push(("↓/↑".to_owned(), tr!("key-setup-recent")));
        rows
    }

    /// The fitted plan for the minutes typed, if any were.
    fn fitted(&self) -> Option<Result<FitPlan, FitError>> {
        let available: u32 = self.fit.parse().ok()?;
        let deck = &self.decks[self.deck];
        let planned: Vec<u32> = deck.stages.iter().map(|s| s.minutes).collect();
        Some(fit(
            &planned,
            deck.debrief_minutes,
            self.mode.participants(),
            available,
        ))
    }

    /// The deck's minutes, or the fitted plan's.
    fn reset_minutes(&mut self) {
        self.minutes = match self.fitted() {
            Some(Ok(plan)) => plan.stage_minutes,
            _ => self.decks[self.deck]
                .stages
                .iter()
                .map(|s| s.minutes)
                .collect(),
        };
        self.minute_stage = self.minute_stage.min(self.minutes.len().saturating_sub(1));
    }

    /// "2 rounds × (10 min + 5 min debrief) = 30 min · Ana organizes,
    /// then Ben", or why the rounds do not fit.
    fn plan_line(&self) -> Result<String, String> {
        let deck = &self.decks[self.deck];
        match self.fitted() {
            Some(Ok(plan)) => {
                let mut order = vec![name_of(&self.organizer)];
                if self.mode.needs_partner() {
                    order.push(name_of(&self.partner));
                }
                if self.mode == Mode::Triad {
                    order.push(name_of(&self.observer));
                }
                order.retain(|n| !n.is_empty());
                let who = match order.split_first() {
                    Some((first, rest)) if !rest.is_empty() => {
                        tr!(
                            "setup-plan-order",
                            first = first.as_str(),
                            rest = rest.join(&tr!("setup-plan-then"))
                        )
                    }
                    _ => String::new(),
                };
                Ok(format!("{}{who}", words::fit_plan(&plan)))
            }
            Some(Err(err)) => Err(words::fit_error(&err)),
            None => Ok(tr!(
                "setup-one-round",
                round = self.minutes.iter().sum::<u32>(),
                debrief = deck.debrief_minutes
            )),
        }
    }

    /// The fields this mode shows, in Tab order.
    fn fields(&self) -> Vec<Field> {
        let mut fields = vec![Field::Deck, Field::Mode];
        if self.mode == Mode::Drill {
            fields.push(Field::Stage);
        } else {
            fields.push(Field::Fit);
            fields.push(Field::Minutes);
        }
        fields.push(Field::Organizer);
        if self.mode != Mode::Solo {
            fields.push(Field::Partner);
        }
        if self.mode == Mode::Triad {
            fields.push(Field::Observer);
        }
        fields
    }

    fn name_area(&self, field: Field) -> Option<&TextArea<'static>> {
        match field {
            Field::Organizer => Some(&self.organizer),
            Field::Partner => Some(&self.partner),
            Field::Observer => Some(&self.observer),
            _ => None,
        }
    }

    fn name_area_mut(&mut self, field: Field) -> Option<&mut TextArea<'static>> {
        match field {
            Field::Organizer => Some(&mut self.organizer),
            Field::Partner => Some(&mut self.partner),
            Field::Observer => Some(&mut self.observer),
            _ => None,
        }
    }

    /// Moves to the next (or previous) field. A name tabbed into is
    /// selected whole, the cursor at its end: typing replaces it (the
    /// usual case for a pre-filled name), an arrow key keeps it to edit.
    fn move_focus(&mut self, forward: bool) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            at + 1
        } else {
            at + fields.len() - 1
        };
        if let Some(area) = self.name_area_mut(self.focus) {
            area.cancel_selection();
        }
        self.focus = fields[next % fields.len()];
        if let Some(area) = self.name_area_mut(self.focus)
            && !name_of(area).is_empty()
        {
            area.select_all();
        }
    }

    fn cycle_mode(&mut self, forward: bool) {
        let at = Mode::ALL.iter().position(|m| *m == self.mode).unwrap_or(0);
        let n = Mode::ALL.len();
        self.mode = Mode::ALL[if forward { at + 1 } else { at + n - 1 } % n];
        self.reset_minutes();
    }

    fn cycle_stage(&mut self, forward: bool) {
        let n = self.decks[self.deck].stages.len().max(1);
        self.stage = if forward {
            self.stage + 1
        } else {
            self.stage + n - 1
        } % n;
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<Action> {
        let is_name = matches!(
            self.focus,
            Field::Organizer | Field::Partner | Field::Observer
        );
        if is_name && matches!(key.code, KeyCode::Down | KeyCode::Up) {
            self.pick_name(key.code == KeyCode::Down);
            return None;
        }
        self.picking = None;
        if let Some((command, _)) = lookup(BINDINGS, key) {
            match command {
                Cmd::Start => return self.plan().map(|plan| Action::Start(Box::new(plan))),
                Cmd::NextField => self.move_focus(true),
                Cmd::PrevField => self.move_focus(false),
                Cmd::Reseed => self.seed = self.reseed.random(),
                Cmd::Help => return Some(Action::ToggleHelp),
                Cmd::Back => return Some(Action::Home),
            }
            return None;
        }
        match (self.focus, key.code) {
            (Field::Deck, KeyCode::Up) => self.choose_deck(self.deck.saturating_sub(1)),
            (Field::Deck, KeyCode::Down) => {
                self.choose_deck((self.deck + 1).min(self.decks.len() - 1));
            }
            (Field::Fit, KeyCode::Char(c @ '0'..='9')) if self.fit.len() < 3 => {
                self.fit.push(c);
                self.error = None;
                self.reset_minutes();
            }
            (Field::Fit, KeyCode::Backspace | KeyCode::Delete) => {
                self.fit.pop();
                self.error = None;
                self.reset_minutes();
            }
            (Field::Minutes, KeyCode::Left) => {
                self.minute_stage = self.minute_stage.saturating_sub(1);
            }
            (Field::Minutes, KeyCode::Right) => {
                self.minute_stage =
                    (self.minute_stage + 1).min(self.minutes.len().saturating_sub(1));
            }
            (Field::Minutes, KeyCode::Char(c @ ('+' | '=' | '-'))) => {
                // Minutes set by hand are no longer a fitted plan.
                self.fit.clear();
                if let Some(minutes) = self.minutes.get_mut(self.minute_stage) {
                    *minutes = if c == '-' {
                        minutes.saturating_sub(1).max(1)
                    } else {
                        (*minutes + 1).min(MAX_STAGE_MINUTES)
                    };
                }
            }
            (Field::Mode, KeyCode::Left | KeyCode::Right) => {
                self.cycle_mode(key.code == KeyCode::Right)
            }
            (Field::Stage, KeyCode::Left | KeyCode::Right) => {
                self.cycle_stage(key.code == KeyCode::Right)
            }
            (Field::Organizer, _) => {
                self.organizer.input(*key);
            }
            (Field::Partner, _) => {
                self.partner.input(*key);
            }
            (Field::Observer, _) => {
                self.observer.input(*key);
            }
            _ => {}
        }
        None
    }

    /// Picks deck `i`, with its own stages and minutes.
    fn choose_deck(&mut self, i: usize) {
        self.deck = i;
        self.stage = 0;
        self.reset_minutes();
    }

    /// A click on a deck chooses it (and focuses the deck list).
    pub fn handle_mouse(&mut self, pointer: Pointer) -> Option<Action> {
        let Pointer::Click(at) = pointer else {
            return None;
        };
        let deck = self.deck_hits.at(at)?;
        self.picking = None;
        self.focus = Field::Deck;
        if deck != self.deck {
            self.choose_deck(deck);
        }
        None
    }

    /// The round to start, or `None` (with an error shown) if a name the
    /// mode needs is missing.
    fn plan(&mut self) -> Option<RoundPlan> {
        let organizer = name_of(&self.organizer);
        let partner = if self.mode == Mode::Solo {
            String::new()
        } else {
            name_of(&self.partner)
        };
        let observer = (self.mode == Mode::Triad).then(|| name_of(&self.observer));
        let missing = if organizer.is_empty() {
            Some((Field::Organizer, tr!("setup-needs-organizer")))
        } else if partner.is_empty() && self.mode.needs_partner() {
            Some((Field::Partner, tr!("setup-needs-partner")))
        } else if observer.as_ref().is_some_and(String::is_empty) {
            Some((Field::Observer, tr!("setup-needs-observer")))
        } else {
            None
        };
        if let Some((field, what)) = missing {
            self.error = Some(tr!(
                "setup-needs",
                mode = words::mode(self.mode),
                what = what
            ));
            self.focus = field;
            return None;
        }
        let fitted = match self.fitted() {
            Some(Err(err)) if self.mode != Mode::Drill => {
                self.error = Some(tr!("setup-does-not-fit", error = words::fit_error(&err)));
                self.focus = Field::Fit;
                return None;
            }
            Some(Ok(plan)) if self.mode != Mode::Drill => Some(plan),
            _ => None,
        };
        let deck = self.decks[self.deck].clone();
        let drill_stage = (self.mode == Mode::Drill)
            .then(|| deck.stages.get(self.stage).map(|s| s.id.clone()))
            .flatten();
        let deck_minutes: Vec<u32> = deck.stages.iter().map(|s| s.minutes).collect();
        let stage_minutes = (self.mode != Mode::Drill && self.minutes != deck_minutes)
            .then(|| self.minutes.clone());
        let plan = fitted.map(|fitted| fitted.round(&new_session_id(chrono::Utc::now()), 1));
        Some(RoundPlan {
            deck,
            spec: RoundSpec {
                stage_minutes,
                plan,
                people: People {
                    organizer,
                    partner,
                    observer,
                },
                mode: self.mode,
                drill_stage,
                seed: self.seed,
            },
        })
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let time_rows = if self.mode == Mode::Drill { 0 } else { 4 };
        let offered = self.offered_names();
        let [title, decks, round, time, names, recent, seed, error, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(3),
            Constraint::Length(time_rows),
            Constraint::Length(3),
            Constraint::Length(u16::from(!offered.is_empty())),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(Line::styled(tr!("setup-title"), theme.title), title);
        self.render_decks(frame, decks, theme);
        self.render_round(frame, round, theme);
        if time_rows > 0 {
            self.render_time(frame, time, theme);
        }
        let name_fields: Vec<(Field, String)> = [
            (Field::Organizer, tr!("setup-organizer")),
            (Field::Partner, tr!("setup-partner")),
            (Field::Observer, tr!("setup-observer")),
        ]
        .into_iter()
        .filter(|(f, _)| self.fields().contains(f))
        .collect();
        let columns = Layout::horizontal(vec![Constraint::Fill(1); name_fields.len()]).split(names);
        for ((field, label), rect) in name_fields.into_iter().zip(columns.iter()) {
            let label = if field == Field::Partner && self.mode == Mode::Drill {
                tr!("setup-partner-optional")
            } else {
                label
            };
            let block = self.block(&label, field, theme);
            let inner = block.inner(*rect);
            frame.render_widget(block, *rect);
            if let Some(text) = self.name_area(field) {
                render_text_area(frame, inner, text, self.focus == field, theme);
            }
        }
        if !offered.is_empty() {
            let mut spans = vec![Span::styled(tr!("setup-recent"), theme.title)];
            for (i, name) in offered.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::styled(" · ", theme.muted));
                }
                let picked = self.picking.as_ref().is_some_and(|(_, at)| *at == i);
                let style = if picked { theme.focus } else { theme.text };
                spans.push(Span::styled(name.clone(), style));
            }
            spans.push(Span::styled(tr!("setup-recent-picks"), theme.key));
            frame.render_widget(Line::from(spans), recent);
        }
        let seed_note = tr!("setup-seed-note", seed = self.seed);
        let seed_label = tr!("setup-seed");
        let note_width = usize::from(seed.width)
            .saturating_sub(seed_label.width() + 2 + self.seed.to_string().len());
        frame.render_widget(
            Line::from(vec![
                Span::styled(format!("{seed_label} "), theme.title),
                Span::raw(self.seed.to_string()),
                Span::styled(fit_width(&seed_note, note_width), theme.muted),
            ]),
            seed,
        );
        if let Some(message) = &self.error {
            frame.render_widget(
                Line::styled(
                    truncate_width(message, usize::from(error.width)),
                    theme.error,
                ),
                error,
            );
        }
        frame.render_widget(hint_bar(&hints(BINDINGS), bar.width, theme), bar);
    }

    fn block(&self, title: &str, field: Field, theme: &Theme) -> Block<'static> {
        field_block(title, self.focus == field, theme)
    }

    /// Minutes available, each stage's minutes, and the plan they make.
    fn render_time(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let focused = matches!(self.focus, Field::Fit | Field::Minutes);
        let block = if focused {
            self.block(&tr!("setup-time-focused"), self.focus, theme)
        } else {
            Block::bordered().title(Line::styled(
                format!(" {} ", tr!("setup-time")),
                theme.title,
            ))
        };
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [stages_row, plan_row] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
        let fit_style = if self.focus == Field::Fit {
            theme.focus
        } else {
            theme.text
        };
        let fit_text = if self.fit.is_empty() {
            "–".to_owned()
        } else {
            self.fit.clone()
        };
        let mut spans = vec![
            Span::styled(tr!("setup-have"), theme.title),
            Span::styled(format!(" {fit_text} "), fit_style),
            Span::styled(tr!("setup-have-minutes"), theme.title),
        ];
        for (i, (stage, minutes)) in self.decks[self.deck]
            .stages
            .iter()
            .zip(&self.minutes)
            .enumerate()
        {
            let chosen = self.focus == Field::Minutes && i == self.minute_stage;
            let style = if chosen { theme.focus } else { theme.text };
            spans.push(Span::styled(format!("{} {minutes}", stage.name), style));
            spans.push(Span::raw("  "));
        }
        frame.render_widget(fit_spans(spans, stages_row.width), stages_row);
        let (text, style) = match self.plan_line() {
            Ok(text) => (text, theme.text),
            Err(text) => (text, theme.warning),
        };
        frame.render_widget(
            Line::styled(fit_width(&text, usize::from(plan_row.width)), style),
            plan_row,
        );
    }

    /// The mode picker, and the stage picker of a drill.
    fn render_round(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let choice = |field: Field, text: String| {
            let style = if self.focus == field {
                theme.focus
            } else {
                theme.text
            };
            Span::styled(format!("◀ {text} ▶"), style)
        };
        let mut spans = vec![choice(Field::Mode, words::mode(self.mode))];
        if self.mode == Mode::Drill {
            let stage = self.decks[self.deck]
                .stages
                .get(self.stage)
                .map_or(String::new(), |s| s.name.clone());
            spans.push(Span::styled(tr!("setup-stage"), theme.title));
            spans.push(choice(Field::Stage, stage));
        }
        spans.push(Span::styled(
            format!("  {}", mode_help(self.mode)),
            theme.muted,
        ));
        let focused = matches!(self.focus, Field::Mode | Field::Stage);
        let field = if focused { self.focus } else { Field::Mode };
        let block = if focused {
            self.block(&tr!("setup-mode"), field, theme)
        } else {
            Block::bordered().title(Line::styled(
                format!(" {} ", tr!("setup-mode")),
                theme.title,
            ))
        };
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(fit_spans(spans, inner.width), inner);
    }

    fn render_decks(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let items: Vec<ListItem> = self
            .decks
            .iter()
            .enumerate()
            .map(|(i, deck)| {
                let mut lines = vec![Line::from(vec![
                    Span::styled(format!("{:<21} ", deck.id), theme.key),
                    Span::raw(tr!(
                        "setup-deck-line",
                        title = deck.title.as_str(),
                        minutes = deck.total_minutes()
                    )),
                ])];
                // The chosen deck's description in full; the others on one
                // line each, cut with "…".
                let text_width = usize::from(area.width.saturating_sub(6));
                let description: Vec<String> = if i == self.deck {
                    wrap_words(&deck.description, text_width)
                } else {
                    vec![truncate_width(&deck.description, text_width)]
                };
                lines.extend(
                    description
                        .into_iter()
                        .map(|d| Line::styled(format!("  {d}"), theme.muted)),
                );
                ListItem::new(lines)
            })
            .collect();
        let heights: Vec<usize> = items.iter().map(ListItem::height).collect();
        let mut state = ListState::default().with_selected(Some(self.deck));
        let block = self.block(&tr!("setup-deck"), Field::Deck, theme);
        let inner = block.inner(area);
        frame.render_stateful_widget(
            List::new(items)
                .highlight_symbol("▶ ")
                .highlight_style(Style::new().add_modifier(Modifier::BOLD))
                .block(block),
            area,
            &mut state,
        );
        self.deck_hits.clear();
        self.deck_hits.add_list(inner, state.offset(), &heights);
    }
}

#[cfg(test)]
mod tests {
    use super::clean_name;

    #[test]
    fn names_are_cleaned_and_capped() {
        assert_eq!(clean_name("  Ana \u{1b}]0;x\u{7} "), "Ana ]0;x");
        assert_eq!(
            clean_name("../../x"),
            "../../x",
            "kept as text; never used in a path"
        );
        assert_eq!(clean_name(&"n".repeat(10_000)).chars().count(), 40);
        assert_eq!(clean_name(" \t "), "");
    }
}
