//! The home screen: start or resume a round, help, quit; shows the last
//! session and anything the app could not read.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use chrono::NaiveDate;

use crate::deck::DeckLibrary;
use crate::i18n::words;
use crate::record::SessionSummary;
use crate::stats::{self, Direction, Filter};
use crate::tr;
use crate::tui::action::Action;
use crate::tui::keys::{Binding, Key, help_key, help_rows, hints, lookup};
use crate::tui::mouse::{Hits, Pointer};
use crate::tui::theme::Theme;
use crate::tui::widgets::{Confirm, Reply, confirm_help, hint_bar, hint_line};

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
        hint: None,
        help: || tr!("key-home-up"),
        command: Cmd::Up,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), Key::Char('j')],
        label: "↓/j",
        hint: None,
        help: || tr!("key-home-down"),
        command: Cmd::Down,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        label: "Enter",
        hint: Some(|| tr!("hint-choose")),
        help: || tr!("key-home-choose"),
        command: Cmd::Choose,
    },
    Binding {
        keys: &[Key::Char('s')],
        label: "s",
        hint: Some(|| tr!("hint-start")),
        help: || tr!("key-home-start"),
        command: Cmd::Start,
    },
    Binding {
        keys: &[Key::Char('r')],
        label: "r",
        hint: None,
        help: || tr!("key-home-resume"),
        command: Cmd::Resume,
    },
    Binding {
        keys: &[Key::Char('v')],
        label: "v",
        hint: Some(|| tr!("hint-review")),
        help: || tr!("key-home-review"),
        command: Cmd::Review,
    },
    Binding {
        keys: &[Key::Char('p')],
        label: "p",
        hint: Some(|| tr!("hint-progress")),
        help: || tr!("key-home-progress"),
        command: Cmd::Progress,
    },
    Binding {
        keys: &[Key::Char('d')],
        label: "d",
        hint: Some(|| tr!("hint-drill")),
        help: || tr!("key-home-drill"),
        command: Cmd::Drill,
    },
    help_key(Cmd::Help),
    Binding {
        keys: &[Key::Char('q'), Key::Code(KeyCode::Esc)],
        label: "q/Esc",
        hint: Some(|| tr!("hint-quit")),
        help: || tr!("key-home-quit"),
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
    /// How far reading the saved sessions has come, until it is done.
    pub loading: Option<String>,
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

/// The suggested focus for the organizer of the latest of `sessions`
/// (oldest first): the weakest stage of their recent rounds of that
/// round's deck family, named as that deck names it, with the command that
/// drills it. `None` before anything is rated.
pub fn suggested_focus(
    sessions: &[SessionSummary],
    decks: &DeckLibrary,
    today: NaiveDate,
) -> Option<String> {
    suggested(sessions, decks, today).map(|(line, _)| line)
}

/// The suggested focus (see [`suggested_focus`]) with the drill that `d`
/// starts for it.
pub fn suggested(
    sessions: &[SessionSummary],
    decks: &DeckLibrary,
    today: NaiveDate,
) -> Option<(String, DrillSuggestion)> {
    let last = sessions.last()?;
    let organizer = &last.people.organizer;
    // The organizer's rounds of the last round's deck family only: stages
    // of other decks are not the same skill.
    let filter = Filter {
        person: Some(organizer.clone()),
        family: Some(last.deck.family().to_owned()),
        ..Filter::default()
    };
    // The focus and its trend look at recent rounds only, so the latest
    // few do.
    let mut theirs: Vec<&SessionSummary> = sessions
        .iter()
        .rev()
        .filter(|s| filter.matches(s))
        .take(2 * stats::SLOPE_SESSIONS)
        .collect();
    theirs.reverse();
    let report = stats::report_of(&theirs, today);
    let family = report.families.first()?;
    let stage = family
        .stages
        .iter()
        .find(|s| Some(&s.id) == family.focus.as_ref())?;
    let deck = decks.resolve(&last.deck.id).ok();
    let name = deck
        .as_ref()
        .and_then(|d| d.deck.stage(&stage.id).map(|s| s.name.clone()))
        .unwrap_or_else(|| stage.id.clone());
    let line = focus_line(&FocusInfo {
        stage_name: &name,
        stage_id: &stage.id,
        organizer,
        deck_id: &last.deck.id,
        recent: stage.recent.unwrap_or_default(),
        direction: stage.direction,
    });
    let drill = DrillSuggestion {
        deck_id: last.deck.id.clone(),
        stage_id: stage.id.clone(),
        organizer: organizer.clone(),
    };
    Some((line, drill))
}

/// What the suggested focus says: the weakest stage of the last
/// organizer's rounds of one deck family, and how to drill it.
#[derive(Debug, Clone, Copy)]
pub struct FocusInfo<'a> {
    /// The stage's name in the deck compared.
    pub stage_name: &'a str,
    pub stage_id: &'a str,
    pub organizer: &'a str,
    /// The deck to drill: the one of the organizer's latest round.
    pub deck_id: &'a str,
    pub recent: f64,
    pub direction: Direction,
}

/// "Exploration for Ana (recent rating 2.5, steady); drill it: tandem
/// practice --mode drill --deck relational-1on1 --stage exploration
/// --organizer "Ana"": the command drills the deck compared, for the
/// organizer it is about.
pub fn focus_line(focus: &FocusInfo) -> String {
    tr!(
        "home-focus",
        stage = focus.stage_name,
        organizer = focus.organizer,
        rating = crate::i18n::decimal(focus.recent, 1),
        trend = words::direction_sentence(focus.direction),
        command = format!(
            "tandem practice --mode drill --deck {} --stage {} --organizer {}",
            shell_word(focus.deck_id),
            shell_word(focus.stage_id),
            shell_quoted(focus.organizer)
        )
    )
}

/// A word a shell reads as itself: ids are `[a-z0-9-]`, anything else is
/// quoted.
fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        word.to_owned()
    } else {
        shell_quoted(word)
    }
}

/// `"text"` for a POSIX shell: `"`, `\`, `$` and `` ` `` escaped.
fn shell_quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

/// State of the home screen.
#[derive(Debug, Clone)]
pub struct HomeScreen {
    info: HomeInfo,
    entries: Vec<Entry>,
    selected: usize,
    /// "Replace the unfinished round?" while it is asked, and what a
    /// yes does.
    confirm_discard: Option<(Confirm<()>, Box<Action>)>,
    /// Where each menu entry was drawn, for clicks.
    menu_hits: Hits<usize>,
}

impl HomeScreen {
    /// How loading the saved sessions is going (`None`: done).
    pub fn set_loading(&mut self, loading: Option<String>) {
        self.info.loading = loading;
    }

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
            menu_hits: Hits::default(),
        }
    }

    /// A click on a menu entry chooses it, as Enter on it does; a question
    /// on screen is answered with keys only.
    pub fn handle_mouse(&mut self, pointer: Pointer) -> Option<Action> {
        let Pointer::Click(at) = pointer else {
            return None;
        };
        if self.confirm_discard.is_some() || self.info.asked.is_some() {
            return None;
        }
        self.selected = self.menu_hits.at(at)?;
        self.handle_key(&KeyEvent::from(KeyCode::Enter))
    }

    /// The drill `d` starts, if one is suggested.
    pub fn drill(&self) -> Option<&DrillSuggestion> {
        self.info.drill.as_ref()
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(String, String)> {
        let mut rows = help_rows(BINDINGS);
        rows.extend(confirm_help());
        rows
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<Action> {
        if let Some((confirm, _)) = &self.confirm_discard {
            let reply = confirm.reply(key)?;
            let (_, action) = self.confirm_discard.take()?;
            return (reply == Reply::Yes).then_some(*action);
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
                    self.confirm_discard = Some((replace_question(), Box::new(action)));
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
                self.confirm_discard = Some((
                    replace_question(),
                    Box::new(Action::NewRound { replace: true }),
                ));
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
                Line::styled(tr!("home-tagline"), theme.muted),
            ])
            .wrap(Wrap { trim: true }),
            title,
        );
        let items: Vec<ListItem> = self
            .entries
            .iter()
            .map(|entry| {
                ListItem::new(match entry {
                    Entry::Resume => tr!(
                        "home-menu-resume",
                        round = self.info.unfinished.as_deref().unwrap_or_default()
                    ),
                    Entry::Start => tr!("home-menu-start"),
                    Entry::Review => tr!("home-menu-review"),
                    Entry::Progress => tr!("home-menu-progress"),
                    Entry::Help => tr!("home-menu-help"),
                    Entry::Quit => tr!("home-menu-quit"),
                })
            })
            .collect();
        let mut state = ListState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(
            List::new(items)
                .highlight_style(theme.focus)
                .highlight_symbol("▶ ")
                .block(Block::bordered().title(Line::styled(tr!("home-menu"), theme.title))),
            menu,
            &mut state,
        );
        self.menu_hits.clear();
        self.menu_hits.add_list(
            Block::bordered().inner(menu),
            state.offset(),
            &vec![1; self.entries.len()],
        );
        let last = match (&self.info.last_session, &self.info.loading) {
            (Some(last), _) => Span::raw(last.clone()),
            (None, Some(loading)) => Span::styled(loading.clone(), theme.muted),
            (None, None) => Span::raw(tr!("home-no-session")),
        };
        let mut lines = vec![Line::from(vec![
            Span::styled(tr!("home-last-session"), theme.title),
            last,
        ])];
        if let Some(focus) = &self.info.focus {
            lines.push(Line::from(vec![
                Span::styled(tr!("home-focus-label"), theme.title),
                Span::raw(focus.clone()),
            ]));
        }
        lines.push(Line::from(vec![
            Span::styled(tr!("home-data"), theme.title),
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
        if let Some((confirm, _)) = &self.confirm_discard {
            confirm.render(frame, area, theme);
        }
    }
}

/// "Start a new round?" while an unfinished one waits.
fn replace_question() -> Confirm<()> {
    Confirm::ask((), tr!("home-replace-question"))
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
        Line::from(match unfinished {
            Some(round) => tr!("home-choice-waiting", round = round),
            None => tr!("home-choice-waiting-any"),
        }),
        Line::from(tr!("home-choice-asked", round = asked)),
        Line::from(""),
        hint_line(&[("r/Enter", tr!("home-choice-resume"))], theme),
        hint_line(&[("s", tr!("home-choice-start"))], theme),
        hint_line(&[("Esc", tr!("home-choice-later"))], theme),
    ];
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(Line::styled(tr!("home-choice-title"), theme.title))),
        popup,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::{Mode, People};
    use crate::record::{
        Commitment, DeckRef, ParticipantFeedback, Rating, Role, SCHEMA_VERSION, SessionRecord,
    };

    /// A round on March `date` of `deck` by `organizer`, the partner rating
    /// purpose and exploration.
    fn round(
        date: u32,
        deck: &str,
        organizer: &str,
        purpose: u8,
        exploration: u8,
    ) -> SessionSummary {
        let started = NaiveDate::from_ymd_opt(2026, 3, date)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
            .and_utc();
        let rating = |stage: &str, score| Rating {
            stage: stage.into(),
            score,
        };
        SessionSummary::of(&SessionRecord {
            schema: SCHEMA_VERSION,
            id: format!("{date}-{deck}"),
            mode: Mode::Pair,
            seed: 0,
            started,
            ended: started,
            deck: DeckRef {
                id: deck.into(),
                version: 1,
                skill: None,
            },
            people: People::pair(organizer, "Pat"),
            plan: None,
            persona: None,
            stages: Vec::new(),
            marks: Vec::new(),
            scales: Vec::new(),
            checks: Vec::new(),
            checked_by: None,
            commitment: Commitment::default(),
            feedback: vec![ParticipantFeedback {
                role: Role::Partner,
                name: "Pat".into(),
                ratings: vec![
                    rating("purpose", purpose),
                    rating("exploration", exploration),
                ],
                ..ParticipantFeedback::default()
            }],
        })
    }

    #[test]
    fn the_home_focus_drills_the_last_rounds_deck_for_its_organizer() {
        let decks = DeckLibrary::load(None);
        let today = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        // Ana's relational rounds: purpose 5, exploration 1. Her deep
        // canvass rounds: purpose 2, exploration 4. Ben's deep canvass
        // round: purpose 1 (not hers). Her latest round is a deep canvass:
        // purpose (2) is weaker than exploration (4) there. Mixed with
        // the relational rounds exploration (1+1+4+4)/4 = 2.5 would beat
        // purpose (5+5+2+2)/4 = 3.5. (These are rounds from before
        // deep-canvass had stage ids of its own, so its stage shows by id.)
        let sessions = [
            round(2, "relational-1on1", "Ana", 5, 1),
            round(3, "deep-canvass", "Ana", 2, 4),
            round(4, "relational-1on1", "Ana", 5, 1),
            round(5, "deep-canvass", "Ben", 1, 5),
            round(6, "deep-canvass", "Ana", 2, 4),
        ];
        assert_eq!(
            suggested_focus(&sessions, &decks, today).as_deref(),
            Some(
                "purpose for Ana (recent rating 2.0, not enough rounds to tell); drill it: \
                 tandem practice --mode drill --deck deep-canvass --stage purpose --organizer \"Ana\""
            )
        );
        // After a relational round the focus moves to that deck's weakest
        // stage: exploration (1).
        let mut later = sessions.to_vec();
        later.push(round(7, "relational-1on1", "Ana", 5, 1));
        let focus = suggested_focus(&later, &decks, today).unwrap();
        assert!(
            focus.starts_with("Exploration for Ana (recent rating 1.0")
                && focus
                    .ends_with("--deck relational-1on1 --stage exploration --organizer \"Ana\""),
            "{focus}"
        );
        assert_eq!(suggested_focus(&[], &decks, today), None);
    }

    #[test]
    fn the_focus_names_the_deck_the_stage_and_the_organizer() {
        let focus = FocusInfo {
            stage_name: "Exploration",
            stage_id: "exploration",
            organizer: "Ana",
            deck_id: "deep-canvass",
            recent: 2.5,
            direction: Direction::Unknown,
        };
        assert_eq!(
            focus_line(&focus),
            "Exploration for Ana (recent rating 2.5, not enough rounds to tell); drill it: \
             tandem practice --mode drill --deck deep-canvass --stage exploration --organizer \"Ana\""
        );
        // A name the shell would split or expand stays one word.
        let odd = FocusInfo {
            organizer: "Zoë \"Z\" $HOME `x`",
            stage_id: "odd stage",
            ..focus
        };
        assert!(
            focus_line(&odd)
                .ends_with("--stage \"odd stage\" --organizer \"Zoë \\\"Z\\\" \\$HOME \\`x\\`\""),
            "{}",
            focus_line(&odd)
        );
    }
}
