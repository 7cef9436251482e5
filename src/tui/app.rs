//! The app: which screen is active, and what each [`Action`] does to the
//! domain and the store. Screens never touch files; this module asks the
//! store.

use std::path::PathBuf;
use std::time::Duration;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::action::{Action, RoundPlan};
use super::keys::is_quit;
use super::library::{Library, Loaded};
use super::mouse::Pointer;
use super::round::ActiveRound;
use super::screens::brief::BriefScreen;
use super::screens::feedback::FeedbackScreen;
use super::screens::home::{HomeInfo, HomeScreen, suggested};
use super::screens::practice::PracticeScreen;
use super::screens::progress::ProgressScreen;
use super::screens::review::ReviewScreen;
use super::screens::session::SessionScreen;
use super::screens::setup::{SetupDefaults, SetupScreen};
use super::screens::summary::SummaryScreen;
use super::theme::Theme;
use super::widgets::{MIN_HEIGHT, MIN_WIDTH, render_help, render_too_small, wrapped_height};
use crate::config::{DEFAULT_DECK, PracticeDefaults};
use crate::deck::{Deck, DeckLibrary};
use crate::i18n::words;
use crate::practice::InProgress;
use crate::practice::{Clock, Mode, People, Practice, RoundSpec, clock_text, secs_text};
use crate::record::{
    CoachNote, FeedbackDraft, Role, SessionRecord, SessionSummary, new_session_id,
};
use crate::stats;
use crate::store::{Query, RoundLock, Store, StoreError, read_session};
use crate::tr;
use crate::tui::keys::{HelpRows, Message};

/// How often the screen shows loading progress.
const LOADING_REDRAW: Duration = Duration::from_millis(20);

/// Setup offers the names of this many latest sessions.
const RECENT_NAMES: usize = 200;

/// In-progress state is written at least this often during a round.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(5);

/// The screen on display, with the data it works on.
#[derive(Debug)]
pub enum Screen {
    Home(Box<HomeScreen>),
    Setup(Box<SetupScreen>),
    Brief(Box<BriefScreen>),
    Practice(PracticeScreen),
    Feedback(Box<FeedbackScreen>),
    Summary(Box<SummaryScreen>),
    Review(Box<ReviewScreen>),
    Session(Box<SessionScreen>),
    Progress(Box<ProgressScreen>),
}

/// How the app should open.
#[derive(Debug, Clone, Default)]
pub enum Start {
    /// The home screen.
    #[default]
    Home,
    /// The list of saved sessions.
    Review,
    /// Progress charts, for one organizer and one deck family if given.
    Progress {
        person: Option<String>,
        deck: Option<String>,
    },
    /// Setup, prefilled; straight to practice when every name the mode
    /// needs is given.
    Practice {
        deck: Box<Deck>,
        people: People,
        mode: Mode,
        drill_stage: Option<String>,
        seed: Option<u32>,
        /// Minutes the breakout has: setup shows the fitted plan first.
        fit: Option<u32>,
    },
}

/// Options that do not change during a run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub theme: Theme,
    pub bell: bool,
    /// Clicks and the wheel are taken (the terminal reports them).
    pub mouse: bool,
    /// The config's defaults for a new round set up from the app.
    pub practice: PracticeDefaults,
    /// Seeds the draw of new rounds' seeds; `None` takes one from the OS.
    /// Tests fix it so that every screen is reproducible.
    pub seed_source: Option<u64>,
    /// Load the saved sessions on a thread of their own, behind the first
    /// frame; tests load them at once, so every screen is reproducible.
    pub load_behind: bool,
}

/// The whole TUI state.
pub struct App {
    screen: Screen,
    store: Store,
    decks: DeckLibrary,
    clock: Box<dyn Clock>,
    settings: Settings,
    /// The index of saved sessions, or how far loading it has come.
    library: Library,
    notes: Vec<CoachNote>,
    /// Who wrote the last coach note, offered for the next one.
    last_author: String,
    /// Problems found while loading, shown on the home screen.
    notices: Vec<String>,
    /// A one-off message (e.g. a failed save) shown over the key hints.
    status: Option<String>,
    /// Why the last save of the unfinished round failed (path and
    /// reason), until a later save succeeds; shown until then.
    save_problem: Option<String>,
    /// Ctrl-C was pressed once while the round could not be saved; a
    /// second one quits without it.
    discard_armed: bool,
    help_open: bool,
    quit: bool,
    pending_bells: u32,
    seeds: ChaCha8Rng,
    /// The round being practised or debriefed, if any.
    round: Option<ActiveRound>,
    /// Opened by `tandem review` or `tandem progress`: going back from
    /// there quits, as the user came from the shell.
    opened_on_a_list: bool,
    /// The review list while a session from it is open, so going back
    /// keeps the filter, sort and selection.
    review_behind: Option<Box<ReviewScreen>>,
    /// The start of the unfinished round the user agreed to replace.
    replaceable: Option<chrono::DateTime<chrono::Utc>>,
    /// The round asked for on the command line while an unfinished one
    /// waited, until the user chooses between them.
    asked: Option<Start>,
    /// The progress screen asked for while loading: person and deck.
    progress_asked: Option<(Option<String>, Option<String>)>,
    /// A deck given by path on the command line: setup offers it with the
    /// library's decks for as long as the app runs.
    path_deck: Option<Deck>,
}

impl App {
    /// Loads what the home screen needs and opens on `start`. An unfinished
    /// round always wins: the app opens on home, offering to resume it.
    pub fn new(
        store: Store,
        decks: DeckLibrary,
        clock: Box<dyn Clock>,
        settings: Settings,
        start: Start,
    ) -> App {
        let seed_source = settings.seed_source;
        let notices: Vec<String> = decks
            .broken
            .iter()
            .map(|e| tr!("notice-deck-not-loaded", error = words::deck_error(e)))
            .collect();
        let (library, loaded) = if settings.load_behind {
            (Library::behind(&store), None)
        } else {
            (Library::waiting(), Some(Library::at_once(&store)))
        };
        let mut app = App {
            screen: Screen::Home(Box::new(HomeScreen::new(HomeInfo::default()))),
            store,
            decks,
            clock,
            settings,
            library,
            last_author: String::new(),
            notes: Vec::new(),
            notices,
            status: None,
            save_problem: None,
            discard_armed: false,
            help_open: false,
            quit: false,
            pending_bells: 0,
            seeds: ChaCha8Rng::seed_from_u64(seed_source.unwrap_or_else(rand::random)),
            round: None,
            opened_on_a_list: false,
            review_behind: None,
            replaceable: None,
            asked: None,
            progress_asked: None,
            path_deck: None,
        };
        if let Some(loaded) = loaded {
            app.on_loaded(loaded);
        }
        if let Start::Practice { deck, .. } = &start
            && app.decks.resolve(&deck.id).map(|d| d.deck).ok().as_ref() != Some(deck)
        {
            app.path_deck = Some((**deck).clone());
        }
        let unfinished = app.go_home();
        match start {
            Start::Practice { .. } if unfinished => {
                // Ask, never drop the arguments: resume the unfinished
                // round, or start the one asked for in its place.
                app.asked = Some(start);
                app.go_home();
            }
            start => app.open(start),
        }
        app
    }

    /// Opens what `start` asks for.
    fn open(&mut self, start: Start) {
        let app = self;
        match start {
            Start::Practice {
                deck,
                people,
                mode,
                drill_stage,
                seed,
                fit,
            } => {
                let seed = seed.unwrap_or_else(|| app.seeds.random());
                let complete = !people.organizer.is_empty()
                    && (!mode.needs_partner() || !people.partner.is_empty())
                    && (mode != Mode::Triad
                        || people.observer.as_ref().is_some_and(|o| !o.is_empty()));
                if complete && fit.is_none() {
                    let spec = RoundSpec {
                        people,
                        mode,
                        drill_stage,
                        seed,
                        stage_minutes: None,
                        plan: None,
                    };
                    app.apply(Action::Start(Box::new(RoundPlan { deck: *deck, spec })));
                } else {
                    let defaults = SetupDefaults {
                        deck_id: deck.id.clone(),
                        people,
                        mode,
                        drill_stage,
                        seed,
                        fit,
                    };
                    let setup = app.setup_screen_with(&defaults, Some(*deck));
                    app.screen = Screen::Setup(Box::new(setup));
                }
            }
            Start::Review => {
                app.opened_on_a_list = true;
                app.apply(Action::Review);
            }
            Start::Progress { person, deck } => {
                app.opened_on_a_list = true;
                app.open_progress(person.as_deref(), deck.as_deref());
            }
            Start::Home => {}
        }
    }

    /// The drill the home screen suggests, if it is on screen.
    #[cfg(test)]
    pub fn home_drill(&self) -> Option<super::screens::home::DrillSuggestion> {
        match &self.screen {
            Screen::Home(home) => home.drill().cloned(),
            _ => None,
        }
    }

    /// Waits until the saved sessions are loaded, and shows them.
    #[cfg(test)]
    pub fn wait_for_library(&mut self) {
        if let Some(loaded) = self.library.wait() {
            self.on_loaded(loaded);
        }
    }

    /// The round being practised or debriefed, if any.
    pub fn round(&self) -> Option<&ActiveRound> {
        self.round.as_ref()
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// How many bells to ring now (and forget them).
    pub fn take_bells(&mut self) -> u32 {
        std::mem::take(&mut self.pending_bells)
    }

    /// Shows the home screen; returns whether an unfinished round exists.
    fn go_home(&mut self) -> bool {
        let mut notices = self.notices.clone();
        let unfinished = match self.store.load_in_progress() {
            Ok(state) => state.map(|s| describe_unfinished(&s)),
            // Say what really happened: moved aside, or left in place.
            Err(err @ (StoreError::MovedAside { .. } | StoreError::NotMovedAside { .. })) => {
                notices.push(tr!("notice-unfinished-unreadable", error = err.to_string()));
                None
            }
            Err(err) => {
                notices.push(tr!("notice-unfinished-left", error = err.to_string()));
                None
            }
        };
        let exists = unfinished.is_some();
        let latest = self.latest(&Query::default(), 1);
        let last_session = latest.last().map(describe_session);
        // The weakest stage of the last organizer's rounds of the same deck
        // family, with the command that drills that deck for them.
        let theirs = match latest.last() {
            Some(last) => self.latest(
                &Query {
                    organizer_key: Some(stats::name_key(&last.people.organizer)),
                    family: Some(last.deck.family().to_owned()),
                    latest: None,
                },
                2 * stats::SLOPE_SESSIONS,
            ),
            None => Vec::new(),
        };
        let (focus, drill) = match suggested(&theirs, &self.decks, self.clock.wall().date_naive()) {
            Some((line, drill)) => (Some(line), Some(drill)),
            None => (None, None),
        };
        let asked = match &self.asked {
            Some(Start::Practice {
                deck, people, mode, ..
            }) if exists => Some(format!(
                "{} · {} · {}",
                deck.id,
                words::mode(*mode),
                words::people_roles(people)
            )),
            _ => None,
        };
        self.screen = Screen::Home(Box::new(HomeScreen::new(HomeInfo {
            asked,
            drill,
            unfinished,
            last_session,
            focus,
            notices,
            loading: self.library.status(),
            data_dir: self.store.root().display().to_string(),
        })));
        exists
    }

    fn setup_screen(&self, defaults: &SetupDefaults) -> SetupScreen {
        self.setup_screen_with(defaults, self.path_deck.clone())
    }

    /// Setup over the library's decks, plus `chosen` (a deck given by path
    /// on the command line), which replaces a library deck of its id.
    fn setup_screen_with(&self, defaults: &SetupDefaults, chosen: Option<Deck>) -> SetupScreen {
        let mut decks: Vec<Deck> = self
            .decks
            .decks_for(&crate::i18n::language())
            .into_iter()
            .map(|d| d.deck.clone())
            .collect();
        if let Some(chosen) = chosen {
            match decks.iter_mut().find(|d| d.id == chosen.id) {
                Some(same) => *same = chosen,
                None => decks.push(chosen),
            }
        }
        SetupScreen::new(decks, defaults).with_recent_names(self.recent_names())
    }

    /// Everyone in the saved sessions, most recent first, each once
    /// (ignoring case), for setup to offer.
    fn recent_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for session in self.latest(&Query::default(), RECENT_NAMES).iter().rev() {
            let people = &session.people;
            for name in [
                Some(&people.organizer),
                Some(&people.partner),
                people.observer.as_ref(),
            ]
            .into_iter()
            .flatten()
            {
                let name = name.trim();
                if !name.is_empty() && !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                    names.push(name.to_owned());
                }
            }
            if names.len() >= 200 {
                break;
            }
        }
        names
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, key: &KeyEvent) {
        self.status = None;
        // Debug builds only: lets the end-to-end tests prove that a crash
        // restores the terminal and keeps the round.
        #[cfg(debug_assertions)]
        if key.code == ratatui::crossterm::event::KeyCode::F(12)
            && std::env::var_os("TANDEM_TEST_PANIC").is_some()
        {
            panic!("test panic requested with F12");
        }
        if is_quit(key) {
            self.apply(Action::Quit);
            return;
        }
        self.discard_armed = false;
        if self.help_open {
            self.help_open = false;
            return;
        }
        let now = self.clock.now();
        let action = match &mut self.screen {
            Screen::Home(home) => home.handle_key(key),
            Screen::Setup(setup) => setup.handle_key(key),
            Screen::Brief(brief) => brief.handle_key(key),
            Screen::Practice(screen) => self
                .round
                .as_mut()
                .and_then(|round| screen.handle_key(round, key, now)),
            Screen::Feedback(form) => form.handle_key(key),
            Screen::Summary(summary) => summary.handle_key(key),
            Screen::Review(review) => review.handle_key(key),
            Screen::Session(session) => session.handle_key(key, &self.last_author),
            Screen::Progress(progress) => progress.handle_key(key),
        };
        if let Some(action) = action {
            self.apply(action);
        }
        // Another person or deck on the progress screen: its rounds.
        self.fill_progress();
        // While the round cannot be saved, every change tries again.
        if self.save_problem.is_some() {
            self.checkpoint();
        }
    }

    /// Handles one mouse event (when the mouse is on): a click or the
    /// wheel does what the matching key does on the screen under it.
    pub fn handle_mouse(&mut self, event: &MouseEvent) {
        let Some(pointer) = Pointer::from_event(event).filter(|_| self.settings.mouse) else {
            return;
        };
        if self.help_open {
            // A click closes the help, as any key does.
            if matches!(pointer, Pointer::Click(_)) {
                self.help_open = false;
            }
            return;
        }
        self.status = None;
        self.discard_armed = false;
        let action = match &mut self.screen {
            Screen::Home(home) => home.handle_mouse(pointer),
            Screen::Setup(setup) => setup.handle_mouse(pointer),
            Screen::Feedback(form) => form.handle_mouse(pointer),
            Screen::Review(review) => review.handle_mouse(pointer),
            Screen::Progress(progress) => progress.handle_mouse(pointer),
            Screen::Brief(_) | Screen::Practice(_) | Screen::Summary(_) | Screen::Session(_) => {
                None
            }
        };
        if let Some(action) = action {
            self.apply(action);
        }
        if self.save_problem.is_some() {
            self.checkpoint();
        }
    }

    /// Called after every event and timeout: rings the bell when a stage
    /// runs out and writes the in-progress state every few seconds.
    pub fn tick(&mut self) {
        if let Some(loaded) = self.library.poll() {
            self.on_loaded(loaded);
        } else if let Some(status) = self.library.status() {
            match &mut self.screen {
                Screen::Home(home) => home.set_loading(Some(status)),
                Screen::Review(review) => review.set_loading(status),
                _ => {}
            }
        }
        let now = self.clock.now();
        if let (Screen::Practice(_), Some(round)) = (&self.screen, &mut self.round)
            && round.practice.take_bell(now)
            && self.settings.bell
        {
            self.pending_bells += 1;
        }
        if self
            .round
            .as_ref()
            .is_some_and(|round| now.since(round.last_checkpoint) >= CHECKPOINT_EVERY)
        {
            self.checkpoint();
        }
    }

    /// How long the event loop may wait before the screen needs redrawing.
    pub fn next_redraw(&self) -> Duration {
        match (&self.screen, &self.round) {
            (Screen::Practice(_), Some(round)) => {
                PracticeScreen::next_redraw(round, self.clock.now())
            }
            // Loading behind the screen: its progress is shown as it comes.
            _ if self.library.index().is_none() => LOADING_REDRAW,
            _ => Duration::from_secs(1),
        }
    }

    /// Saves the unfinished round before the app goes away (quit, signal,
    /// crash), and says what became of it.
    pub fn shutdown(&mut self) -> Shutdown {
        let saved = self.checkpoint();
        if self.round.is_none() {
            return Shutdown::NoRound;
        }
        match (saved, &self.save_problem) {
            (true, _) | (false, None) => Shutdown::Saved(self.store.in_progress_path()),
            (false, Some(problem)) => Shutdown::NotSaved(problem.clone()),
        }
    }

    /// Ctrl-Z: pauses a running round (time away counts as paused) and
    /// saves it, before the terminal is handed back. The round stays
    /// paused when tandem continues.
    pub fn suspend(&mut self) {
        let now = self.clock.now();
        if let Some(round) = &mut self.round
            && !round.practice.is_paused()
            && !round.practice.is_finished()
        {
            round.practice.toggle_pause(now);
        }
        self.checkpoint();
    }

    /// Writes the unfinished round (if any) to the store, with the
    /// feedback typed so far when the debrief form is open; returns false
    /// when the write failed, and keeps the reason in `save_problem` (shown
    /// on screen) until a later write succeeds.
    fn checkpoint(&mut self) -> bool {
        let Some(round) = &mut self.round else {
            // No round of ours is open (saved as a session, or left).
            self.save_problem = None;
            return true;
        };
        let now = self.clock.now();
        round.last_checkpoint = now;
        let feedback = match &self.screen {
            Screen::Feedback(form) => Some(form.draft(now)),
            _ => None,
        };
        let state = InProgress {
            deck: round.deck.clone(),
            practice: round.practice.snapshot(now),
            feedback,
        };
        match self.store.save_in_progress(&state) {
            Ok(()) => {
                self.save_problem = None;
                true
            }
            Err(err) => {
                self.save_problem = Some(err.to_string());
                false
            }
        }
    }

    /// Carries out an action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => {
                let saved = self.checkpoint();
                // A coach note being typed is kept, not lost.
                if let Screen::Session(screen) = &self.screen
                    && let Some((session, author, text)) = screen.pending_note()
                {
                    self.save_note(&session, &author, &text);
                }
                // An unsaved round is never dropped on one key press: the
                // first Ctrl-C says so, a second one quits without it.
                if !saved && !self.discard_armed {
                    self.discard_armed = true;
                    self.status = Some(
                        "Fix that and go on (every change retries the save), or press Ctrl-C \
                         again to quit without the round."
                            .to_owned(),
                    );
                    return;
                }
                self.quit = true;
            }
            Action::Home => {
                // `tandem review` and `tandem progress` go back to the shell.
                let listing = matches!(self.screen, Screen::Review(_) | Screen::Progress(_));
                if listing && self.opened_on_a_list {
                    self.apply(Action::Quit);
                    return;
                }
                self.opened_on_a_list = false;
                self.go_home();
            }
            Action::NewRound { replace } => {
                // Remember which unfinished round the user agreed to
                // replace, so that no other one is ever overwritten.
                self.replaceable = if replace {
                    self.unfinished_started()
                } else {
                    None
                };
                let seed = self.seeds.random();
                let defaults = match self.latest_record() {
                    Some(last) => SetupDefaults {
                        deck_id: last.deck.id.clone(),
                        people: last.people.clone(),
                        mode: last.mode,
                        drill_stage: last.stages.first().map(|s| s.id.clone()),
                        seed,
                        fit: last.plan.as_ref().map(|p| p.minutes),
                    },
                    None => SetupDefaults {
                        deck_id: self
                            .decks
                            .default_for(DEFAULT_DECK, &crate::i18n::language()),
                        seed,
                        ..SetupDefaults::default()
                    },
                }
                .with_config(&self.settings.practice);
                self.screen = Screen::Setup(Box::new(self.setup_screen(&defaults)));
            }
            Action::Start(plan) => {
                // Another tandem running a round here is said before the
                // partner reads a brief for nothing; `begin` checks again.
                if self.lock_round().is_none() {
                    return;
                }
                match BriefScreen::for_round(plan) {
                    Ok(brief) => self.screen = Screen::Brief(Box::new(brief)),
                    Err(plan) => self.begin(*plan),
                }
            }
            Action::Begin(plan) => self.begin(*plan),
            Action::Resume => {
                self.asked = None;
                self.resume();
            }
            Action::Drill { drill, replace } => {
                self.replaceable = if replace {
                    self.unfinished_started()
                } else {
                    None
                };
                match self.decks.resolve(&drill.deck_id) {
                    Ok(deck) if deck.deck.stage(&drill.stage_id).is_none() => {
                        self.status = Some(tr!(
                            "status-drill-no-stage",
                            deck = drill.deck_id.as_str(),
                            stage = drill.stage_id.as_str()
                        ));
                    }
                    Ok(deck) => self.open(Start::Practice {
                        deck: Box::new(deck.deck),
                        people: People::pair(&drill.organizer, ""),
                        mode: Mode::Drill,
                        drill_stage: Some(drill.stage_id),
                        seed: None,
                        fit: None,
                    }),
                    Err(err) => {
                        self.status = Some(tr!("status-drill-failed", error = err.to_string()));
                    }
                }
            }
            Action::StartAsked => {
                // The user chose the command line's round over the
                // unfinished one: only that one may be replaced.
                self.replaceable = self.unfinished_started();
                if let Some(start) = self.asked.take() {
                    self.open(start);
                }
            }
            Action::Checkpoint => {
                self.checkpoint();
            }
            Action::Leave => {
                // Leaving promises that the round is resumable: only once
                // it is saved.
                if !self.checkpoint() {
                    return;
                }
                self.round = None;
                self.go_home();
            }
            Action::Finish => {
                if let Some(round) = &self.round {
                    let form = FeedbackScreen::new(
                        &round.deck,
                        &round.practice,
                        &FeedbackDraft::default(),
                        self.clock.now(),
                    );
                    self.screen = Screen::Feedback(Box::new(form));
                    self.checkpoint();
                }
            }
            Action::Save(draft) => self.save(draft),
            Action::SwapRoles => {
                if let Screen::Summary(summary) = &self.screen {
                    let record = &summary.record;
                    let plan = record
                        .plan
                        .as_ref()
                        .filter(|p| p.has_next())
                        .map(|p| p.next());
                    let spec = RoundSpec {
                        people: next_round_people(&record.people),
                        mode: record.mode,
                        drill_stage: record.stages.first().map(|s| s.id.clone()),
                        seed: self.seeds.random(),
                        stage_minutes: plan.as_ref().map(|p| p.stage_minutes.clone()),
                        plan,
                    };
                    let deck = summary.deck.clone();
                    self.apply(Action::Start(Box::new(RoundPlan { deck, spec })));
                }
            }
            Action::ToggleHelp => self.help_open = !self.help_open,
            Action::Review => {
                let review = match self.review_behind.take() {
                    Some(review) => review,
                    None => Box::new(self.review_screen()),
                };
                self.screen = Screen::Review(review);
            }
            Action::OpenSession(id) => {
                // The full text is read from the session's own file.
                let found = self
                    .library
                    .index()
                    .and_then(|index| index.path_of(&id))
                    .and_then(|path| read_session(&path).ok())
                    .filter(|record| record.id == id)
                    .or_else(|| self.store.find_session(&id));
                if let Some(record) = found {
                    let deck = self.decks.resolve(&record.deck.id).ok().map(|d| d.deck);
                    let notes = self
                        .notes
                        .iter()
                        .filter(|n| n.session == id)
                        .cloned()
                        .collect();
                    let review = std::mem::replace(
                        &mut self.screen,
                        Screen::Session(Box::new(SessionScreen::new(record, deck, notes))),
                    );
                    self.review_behind = match review {
                        Screen::Review(review) => Some(review),
                        _ => None,
                    };
                }
            }
            Action::SaveNote {
                session,
                author,
                text,
            } => self.save_note(&session, &author, &text),
            Action::Progress => self.open_progress(None, None),
        }
    }

    fn open_progress(&mut self, person: Option<&str>, deck: Option<&str>) {
        // `--deck ID` stands for that deck's family (its skill, when the
        // library knows the deck).
        let family = deck.map(|id| {
            let found = self.decks.resolve(id).ok();
            stats::family_of(id, found.as_ref().map(|d| &d.deck))
        });
        let Some(index) = self.library.index() else {
            // Opened again once the sessions are loaded.
            self.progress_asked = Some((person.map(str::to_owned), deck.map(str::to_owned)));
            self.screen = Screen::Progress(Box::new(ProgressScreen::new(
                Vec::new(),
                Vec::new(),
                None,
                None,
            )));
            return;
        };
        let organizers = index.organizers().unwrap_or_default();
        let families = index.families().unwrap_or_default();
        // Without a family asked for: the family of this person's latest
        // round (of the latest round, for everyone).
        let family = family.or_else(|| {
            let key = person.map(stats::name_key);
            let query = Query {
                organizer_key: key,
                ..Query::default()
            };
            self.latest(&query, 1)
                .pop()
                .map(|s| s.deck.family().to_owned())
        });
        self.screen = Screen::Progress(Box::new(ProgressScreen::new(
            organizers,
            families,
            person,
            family.as_deref(),
        )));
        self.fill_progress();
    }

    /// Builds what the progress screen asks for from the index, streaming
    /// the rounds it covers.
    fn fill_progress(&mut self) {
        let (Some(index), Screen::Progress(screen)) = (self.library.index(), &mut self.screen)
        else {
            return;
        };
        let today = self.clock.wall().date_naive();
        screen.fill(&self.decks, today, |organizer_key, family, each| {
            let query = Query {
                organizer_key,
                family: Some(family),
                latest: None,
            };
            let _ = index.for_each(&query, each);
        });
    }

    /// The latest `n` sessions `query` asks for, oldest first; none while
    /// the index is loading.
    fn latest(&self, query: &Query, n: usize) -> Vec<SessionSummary> {
        self.summaries(&Query {
            latest: Some(n),
            ..query.clone()
        })
    }

    /// The sessions `query` asks for, oldest first; none while the index
    /// is loading.
    fn summaries(&self, query: &Query) -> Vec<SessionSummary> {
        let mut found = Vec::new();
        if let Some(index) = self.library.index() {
            let _ = index.for_each(query, |s| found.push(s));
        }
        found
    }

    /// The whole record of the latest session `query` asks for, read from
    /// its own file.
    fn read_latest(&self, query: &Query) -> Option<SessionRecord> {
        let last = self.latest(query, 1).pop()?;
        let path = self.library.index()?.path_of(&last.id)?;
        read_session(&path).ok()
    }

    /// The latest saved session, whole.
    fn latest_record(&self) -> Option<SessionRecord> {
        self.read_latest(&Query::default())
    }

    /// For each stage of `record`, its organizer's average score in their
    /// earlier rounds of the same deck family (`None` where they have
    /// none): another deck's stage of the same id is not the same skill.
    fn earlier_averages(&self, record: &SessionRecord) -> Vec<Option<f64>> {
        let query = Query {
            organizer_key: Some(stats::name_key(&record.people.organizer)),
            family: Some(record.deck.family().to_owned()),
            latest: None,
        };
        stats::earlier_averages(&self.summaries(&query), &SessionSummary::of(record))
    }

    /// The review list over every indexed session (empty, saying so,
    /// while loading).
    fn review_screen(&self) -> ReviewScreen {
        let mut rows = Vec::new();
        match self.library.index() {
            Some(index) => {
                let _ = index.list(|row| rows.push(row));
                ReviewScreen::new(rows)
            }
            None => ReviewScreen::loading(self.library.status().unwrap_or_default()),
        }
    }

    /// What loading found: the index is ready, and the screen that waited
    /// for it is drawn again.
    fn on_loaded(&mut self, loaded: Loaded) {
        self.library = Library::Ready(loaded.index);
        self.last_author = loaded
            .notes
            .last()
            .map(|n| n.author.clone())
            .unwrap_or_default();
        self.notes = loaded.notes;
        self.notices.extend(loaded.notices);
        // A round started before the sessions were in (straight from
        // `tandem practice`): its organizer's last lesson, now known.
        let organizer = self
            .round
            .as_ref()
            .filter(|round| round.last_change.is_none())
            .map(|round| round.practice.people.organizer.clone());
        if let Some(organizer) = organizer {
            let change = self.last_change(&organizer);
            if let Some(round) = self.round.as_mut() {
                round.last_change = change;
            }
        }
        match &self.screen {
            Screen::Home(_) => {
                self.go_home();
            }
            Screen::Review(_) => self.apply(Action::Review),
            Screen::Progress(_) => {
                if let Some((person, deck)) = self.progress_asked.take() {
                    self.open_progress(person.as_deref(), deck.as_deref());
                }
            }
            _ => {}
        }
    }

    fn save_note(&mut self, session: &str, author: &str, text: &str) {
        let note = CoachNote::new(session, author, text, self.clock.wall());
        let result = match self.store.save_note(&note) {
            Ok(_) => {
                self.last_author = note.author.clone();
                self.notes.push(note.clone());
                Ok(note)
            }
            Err(err) => Err(tr!("status-note-not-saved", error = err.to_string())),
        };
        if let Screen::Session(screen) = &mut self.screen {
            screen.note_saved(result);
        }
    }

    /// When the unfinished round on disk (if any) started: what identifies
    /// the round the user agreed to replace.
    fn unfinished_started(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.store
            .load_in_progress()
            .ok()
            .flatten()
            .map(|s| s.practice.started_at)
    }

    /// Takes the data dir's round lock; says so on the status line when
    /// another tandem has it.
    fn lock_round(&mut self) -> Option<RoundLock> {
        match self.store.lock_round() {
            Ok(lock) => Some(lock),
            Err(err) => {
                self.status = Some(tr!("status-cannot-start", error = err.to_string()));
                None
            }
        }
    }

    /// Starts the round's clock: takes the lock, and never replaces an
    /// unfinished round the user did not agree to replace.
    fn begin(&mut self, plan: RoundPlan) {
        let Some(lock) = self.lock_round() else {
            return;
        };
        if let Ok(Some(unfinished)) = self.store.load_in_progress()
            && Some(unfinished.practice.started_at) != self.replaceable
        {
            drop(lock);
            self.go_home();
            self.status = Some(tr!("status-unfinished-waiting"));
            return;
        }
        self.replaceable = None;
        let practice = Practice::start(&plan.deck, &plan.spec, self.clock.now(), self.clock.wall());
        let last_change = self.last_change(&practice.people.organizer);
        self.round = Some(ActiveRound {
            deck: plan.deck,
            practice,
            last_change,
            lock: Some(lock),
            last_checkpoint: self.clock.now(),
        });
        self.screen = Screen::Practice(PracticeScreen::new());
        self.checkpoint();
    }

    /// What `organizer` wrote as their one thing to change in their last
    /// round as organizer, read from that session's file.
    fn last_change(&self, organizer: &str) -> Option<String> {
        let query = Query {
            organizer_key: Some(stats::name_key(organizer)),
            ..Query::default()
        };
        let full = self.read_latest(&query)?;
        let change = full
            .feedback
            .iter()
            .find(|f| f.role == Role::Organizer)?
            .to_change
            .trim()
            .to_owned();
        (!change.is_empty()).then_some(change)
    }

    fn resume(&mut self) {
        let Some(lock) = self.lock_round() else {
            return;
        };
        let state = match self.store.load_in_progress() {
            Ok(Some(state)) => state,
            Ok(None) => {
                drop(lock);
                self.go_home();
                return;
            }
            Err(err) => {
                drop(lock);
                self.go_home();
                self.status = Some(tr!("status-cannot-resume", error = err.to_string()));
                return;
            }
        };
        let now = self.clock.now();
        let practice = state.practice.resume(now);
        self.screen = match state.feedback {
            None if !practice.is_finished() => Screen::Practice(PracticeScreen::new()),
            draft => Screen::Feedback(Box::new(FeedbackScreen::new(
                &state.deck,
                &practice,
                &draft.unwrap_or_default(),
                now,
            ))),
        };
        let last_change = self.last_change(&practice.people.organizer);
        self.round = Some(ActiveRound {
            deck: state.deck,
            practice,
            last_change,
            lock: Some(lock),
            last_checkpoint: now,
        });
    }

    fn save(&mut self, draft: FeedbackDraft) {
        let (Screen::Feedback(form), Some(round)) = (&mut self.screen, &self.round) else {
            return;
        };
        let feedback = match draft.finish() {
            Ok(feedback) => feedback,
            Err(err) => {
                form.set_error(err.to_string());
                return;
            }
        };
        let record = round.practice.record(
            new_session_id(round.practice.started_at),
            &round.deck,
            feedback,
            self.clock.wall(),
        );
        match self.store.save_session(&record) {
            Ok(path) => {
                if let Err(err) = self.store.clear_in_progress() {
                    self.status = Some(tr!(
                        "status-saved-unfinished-stays",
                        error = err.to_string()
                    ));
                }
                let deck = round.deck.clone();
                self.round = None;
                let before = self.earlier_averages(&record);
                if let Some(index) = self.library.index_mut()
                    && let Err(err) = index.add_file(&path)
                {
                    self.notices.push(err.to_string());
                }
                self.screen =
                    Screen::Summary(Box::new(SummaryScreen::new(record, deck, path, before)));
            }
            Err(err) => {
                // "Nothing was lost" only if the round itself is saved.
                let error = err.to_string();
                if self.checkpoint() {
                    self.set_form_error(tr!("form-save-failed", error = error));
                } else {
                    self.set_form_error(tr!("form-save-failed-unsaved", error = error));
                }
            }
        }
    }

    fn set_form_error(&mut self, message: String) {
        if let Screen::Feedback(form) = &mut self.screen {
            form.set_error(message);
        }
    }

    /// Draws the current screen, the help overlay and any status message.
    pub fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        let theme = &self.settings.theme;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(frame, area, theme);
            return;
        }
        // Looked up only when the overlay is open.
        let (title, help): (Message, fn() -> HelpRows) = match &self.screen {
            Screen::Home(home) => {
                home.render(frame, area, theme);
                (|| tr!("screen-home"), HomeScreen::help)
            }
            Screen::Setup(setup) => {
                setup.render(frame, area, theme);
                (|| tr!("screen-setup"), SetupScreen::help)
            }
            Screen::Brief(brief) => {
                brief.render(frame, area, theme);
                (|| tr!("screen-brief"), BriefScreen::help)
            }
            Screen::Practice(practice) => {
                if let Some(round) = &self.round {
                    practice.render(round, frame, area, self.clock.now(), theme);
                }
                (|| tr!("screen-practice"), PracticeScreen::help)
            }
            Screen::Feedback(form) => {
                form.render(frame, area, self.clock.now(), theme);
                (|| tr!("screen-feedback"), FeedbackScreen::help)
            }
            Screen::Summary(summary) => {
                summary.render(frame, area, theme);
                (|| tr!("screen-summary"), SummaryScreen::help)
            }
            Screen::Review(review) => {
                review.render(frame, area, theme);
                (|| tr!("screen-review"), ReviewScreen::help)
            }
            Screen::Session(session) => {
                session.render(frame, area, theme);
                (|| tr!("screen-session"), SessionScreen::help)
            }
            Screen::Progress(progress) => {
                progress.render(frame, area, theme);
                (|| tr!("screen-progress"), ProgressScreen::help)
            }
        };
        let problem = self
            .save_problem
            .as_ref()
            .map(|p| tr!("status-round-not-saved", problem = p.as_str()));
        let messages: Vec<&String> = problem.iter().chain(&self.status).collect();
        if !messages.is_empty() {
            // Wrapped, so that a long path and the advice both fit.
            let text = messages
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(" · ");
            let height = wrapped_height(&text, area.width).min(area.height / 2);
            let bottom = Rect {
                y: area.bottom() - height,
                height,
                ..area
            };
            frame.render_widget(ratatui::widgets::Clear, bottom);
            frame.render_widget(
                Paragraph::new(Line::styled(text, theme.error)).wrap(Wrap { trim: true }),
                bottom,
            );
        }
        if self.help_open {
            render_help(frame, area, &title(), &help(), theme);
        }
    }
}

/// What became of the unfinished round when the app went away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shutdown {
    /// No round was open (or another tandem owns it).
    NoRound,
    /// Saved at this path.
    Saved(PathBuf),
    /// The save failed, for this reason (path included).
    NotSaved(String),
}

impl Shutdown {
    /// The line for stderr once the terminal is back: a round that is kept
    /// says where and how to get back to it, however tandem was left
    /// (Ctrl-C, a signal, quitting from home).
    pub fn farewell(&self) -> Option<String> {
        match self {
            Shutdown::Saved(path) => Some(tr!("farewell-saved", path = path.display().to_string())),
            Shutdown::NoRound | Shutdown::NotSaved(_) => None,
        }
    }
}

/// Who plays what next round: the partner organizes, the observer (if
/// any) becomes the partner, the organizer observes. Alone, nothing moves.
fn next_round_people(people: &People) -> People {
    if people.partner.is_empty() {
        return people.clone();
    }
    match &people.observer {
        None => People::pair(&people.partner, &people.organizer),
        Some(observer) => People {
            organizer: people.partner.clone(),
            partner: observer.clone(),
            observer: Some(people.organizer.clone()),
        },
    }
}

/// "Ana with Ben · Exploration, 4:12 in" for the resume entry.
fn describe_unfinished(state: &InProgress) -> String {
    let practice = &state.practice;
    let people = &practice.people;
    let place = if state.feedback.is_some() || practice.is_finished() {
        tr!("unfinished-in-form")
    } else {
        let run = practice.current_run();
        let name = state
            .deck
            .stage(&run.stage_id)
            .map_or(run.stage_id.as_str(), |s| s.name.as_str());
        tr!(
            "unfinished-in-stage",
            stage = name,
            time = clock_text(run.active, false)
        )
    };
    format!("{} · {place}", words::people(people))
}

/// "2026-11-25 Ana with Ben · relational-1on1 · 28:10" for the home screen.
fn describe_session(record: &SessionSummary) -> String {
    let secs = record.actual_secs();
    format!(
        "{} {} · {} · {} · {}",
        crate::i18n::date(record.started.date_naive()),
        words::people(&record.people),
        record.deck.id,
        words::mode(record.mode),
        secs_text(secs)
    )
}
