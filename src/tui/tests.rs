//! The app driven key by key with a fake clock, and every screen rendered
//! to a `TestBackend` and compared with its snapshot.

use std::time::Duration;

use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

use super::app::{App, Screen, Settings, Start};
use super::theme::Theme;
use crate::config::PracticeDefaults;
use crate::deck::DeckLibrary;
use crate::practice::{FakeClock, Mode, People};
use crate::record::Role;
use crate::store::Store;

struct Harness {
    app: App,
    clock: FakeClock,
    store: Store,
    _dir: TempDir,
}

fn harness_with(start: Start, bell: bool, prepare: impl FnOnce(&Store)) -> Harness {
    let settings = Settings {
        theme: Theme::color(),
        bell,
        mouse: true,
        practice: PracticeDefaults::default(),
        load_behind: false,
        seed_source: Some(1),
    };
    harness_from(start, settings, prepare)
}

fn harness_from(start: Start, settings: Settings, prepare: impl FnOnce(&Store)) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    prepare(&store);
    let clock = FakeClock::at(Utc.with_ymd_and_hms(2026, 11, 25, 18, 30, 0).unwrap());
    let app = App::new(
        store.clone(),
        DeckLibrary::load(None),
        Box::new(clock.clone()),
        settings,
        start,
    );
    Harness {
        app,
        clock,
        store,
        _dir: dir,
    }
}

fn practice_start() -> Start {
    let deck = DeckLibrary::load(None)
        .resolve("relational-1on1")
        .unwrap()
        .deck;
    Start::Practice {
        deck: Box::new(deck),
        people: People::pair("Ana", "Ben"),
        mode: Mode::Pair,
        drill_stage: None,
        seed: Some(7),
        fit: None,
    }
}

/// A pair round on the relational deck, past the partner's brief.
fn practising() -> Harness {
    let mut h = harness_with(practice_start(), true, |_| {});
    assert_eq!(h.screen_name(), "brief");
    h.press(KeyCode::Enter);
    h
}

impl Harness {
    fn press(&mut self, code: KeyCode) {
        self.app
            .handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
        self.app.tick();
    }

    fn char(&mut self, c: char) {
        self.press(KeyCode::Char(c));
    }

    fn ctrl(&mut self, c: char) {
        self.app
            .handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    fn type_text(&mut self, text: &str) {
        text.chars().for_each(|c| self.char(c));
    }

    fn wait(&mut self, secs: u64) {
        self.clock.advance_secs(secs);
        self.app.tick();
    }

    fn draw(&self, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| self.app.render(frame)).unwrap();
        terminal.backend().to_string()
    }

    fn screen_name(&self) -> &'static str {
        match self.app.screen() {
            Screen::Home(_) => "home",
            Screen::Setup(_) => "setup",
            Screen::Brief(_) => "brief",
            Screen::Practice(_) => "practice",
            Screen::Feedback(_) => "feedback",
            Screen::Summary(_) => "summary",
            Screen::Review(_) => "review",
            Screen::Session(_) => "session",
            Screen::Progress(_) => "progress",
        }
    }

    /// Runs the four stages with a mark and some talk, then opens the form
    /// (the last stage asks before it ends the round).
    fn run_round(&mut self) {
        self.char(' ');
        self.wait(100);
        self.char('2');
        self.char(' ');
        self.wait(80);
        while self.screen_name() == "practice" {
            self.char('n');
            if self
                .draw(80, 24)
                .contains(&first_words(&crate::tr!("practice-end-question")))
            {
                self.char('y');
            }
        }
    }

    /// Past the partner's brief, if it is on screen.
    fn past_brief(&mut self) {
        if self.screen_name() == "brief" {
            self.press(KeyCode::Enter);
        }
    }

    /// Saves the form, agreeing when asked about someone who gave nothing.
    fn save(&mut self) {
        self.ctrl('s');
        let question = crate::tr!("feedback-save-anyway", names = "", count = 1);
        if self.draw(80, 24).contains(&last_words(&question)) {
            self.char('y');
        }
    }

    /// Presses Tab `n` times.
    fn tabs(&mut self, n: usize) {
        (0..n).for_each(|_| self.press(KeyCode::Tab));
    }
}

/// The first three words of a message (in the current language): what
/// shows on one line of a question box.
fn first_words(message: &str) -> String {
    message.split(' ').take(3).collect::<Vec<_>>().join(" ")
}

/// The last two words of a message, as [`first_words`].
fn last_words(message: &str) -> String {
    let words: Vec<&str> = message.split(' ').collect();
    words[words.len().saturating_sub(2)..].join(" ")
}

/// Snapshots with the temp dir paths replaced by a placeholder.
macro_rules! snapshot {
    ($name:expr, $text:expr) => {
        insta::with_settings!({filters => vec![(r"/tmp/\.tmp\w+/data", "[data]")]}, {
            insta::assert_snapshot!($name, $text);
        });
    };
}

#[test]
fn practice_screen_green_at_the_start() {
    let mut h = practising();
    h.char(' ');
    h.wait(20);
    h.char('1');
    snapshot!("practice_green", h.draw(80, 24));
}

#[test]
fn practice_screen_yellow_in_the_last_quarter() {
    let mut h = practising();
    h.wait(140);
    assert!(h.draw(80, 24).contains("[wrap up soon]"));
    snapshot!("practice_yellow", h.draw(80, 24));
}

#[test]
fn practice_screen_red_in_overtime() {
    let mut h = practising();
    h.wait(200);
    let screen = h.draw(80, 24);
    assert!(screen.contains("+0:20 over"), "{screen}");
    snapshot!("practice_red", screen);
}

#[test]
fn practice_screen_paused_shows_how_to_continue() {
    let mut h = practising();
    h.wait(30);
    h.char('p');
    h.wait(600);
    let screen = h.draw(80, 24);
    assert!(screen.contains("PAUSED"), "{screen}");
    assert!(screen.contains("2:30 left"), "{screen}");
    assert!(screen.contains("p continue"), "{screen}");
    snapshot!("practice_paused", screen);
}

/// The organizer's screen shows the persona's name and summary, never its
/// private part; `h` shows it only after asking. Drawn wide enough that no
/// text wraps, so a missing text is really missing.
#[test]
fn the_organizer_never_sees_the_private_brief_unless_asked() {
    for loaded in DeckLibrary::load(None).decks() {
        let deck = loaded.deck.clone();
        for index in 0..deck.personas.len() {
            // A seed that draws this persona.
            let Some(seed) = (0..500)
                .find(|&seed| crate::practice::Practice::persona_for(&deck, seed) == Some(index))
            else {
                continue;
            };
            let persona = deck.personas[index].clone();
            let mut h = harness_with(
                Start::Practice {
                    deck: Box::new(deck.clone()),
                    people: People::pair("Ana", "Ben"),
                    mode: Mode::Pair,
                    drill_stage: None,
                    seed: Some(seed),
                    fit: None,
                },
                true,
                |_| {},
            );
            let brief = h.draw(300, 40);
            h.past_brief();
            // The start of each private text: it stands on the line of its
            // label, whatever wraps after it.
            let private: Vec<String> = persona
                .private_rows()
                .iter()
                .map(|(_, t)| t.chars().take(30).collect())
                .collect();
            let mut screens = vec![h.draw(300, 40)];
            for stage in 1..deck.stages.len() {
                h.char('n');
                if h.draw(80, 24).contains("Enter record") {
                    h.press(KeyCode::Esc); // a scale, skipped
                }
                assert_eq!(h.screen_name(), "practice", "{} stage {stage}", deck.id);
                screens.push(h.draw(300, 40));
            }
            for text in &private {
                assert!(brief.contains(text), "{}: the brief lacks {text}", deck.id);
                for screen in &screens {
                    assert!(
                        !screen.contains(text),
                        "{}: shown to the organizer: {text}",
                        deck.id
                    );
                }
            }
            assert!(screens[0].contains(&persona.summary), "{}", deck.id);
            h.char('h');
            assert!(
                h.draw(300, 40)
                    .contains("Show the partner's private brief?")
            );
            h.char('n');
            assert!(
                private
                    .iter()
                    .all(|t| !h.draw(300, 40).contains(t.as_str()))
            );
            h.char('h');
            h.char('y');
            let shown = h.draw(300, 60);
            for text in &private {
                assert!(
                    shown.contains(text),
                    "{}: not shown on asking: {text}\n{shown}",
                    deck.id
                );
            }
        }
    }
}

#[test]
fn alone_the_whole_persona_shows() {
    let mut h = start_with(Mode::Solo, People::pair("Ana", ""), None);
    assert_eq!(h.screen_name(), "practice", "no brief when alone");
    let screen = h.draw(200, 60);
    assert!(screen.contains("Cares about:"), "{screen}");
    h.char('h');
    assert!(!h.draw(200, 60).contains("Cares about:"));
}

#[test]
fn practice_help_lists_every_key() {
    let mut h = practising();
    h.char('?');
    let screen = h.draw(80, 24);
    for key in ["n/→", "b/←", "Space", "Tab", "1-9", "Esc"] {
        assert!(screen.contains(key), "{key} missing:\n{screen}");
    }
    snapshot!("practice_help", screen);
    h.char('?');
    assert!(!h.draw(80, 24).contains("Keys: practice"));
}

#[test]
fn feedback_form_empty_and_filled() {
    let mut h = practising();
    h.run_round();
    assert_eq!(h.screen_name(), "feedback");
    let empty = h.draw(80, 24);
    assert!(
        empty.contains("▶ What worked?"),
        "typing starts in the first text field: {empty}"
    );
    snapshot!("feedback_empty", empty);
    h.type_text("Stayed with one story.");
    h.press(KeyCode::Tab);
    h.type_text("Make the ask sooner.");
    h.press(KeyCode::Tab);
    h.char('4'); // purpose
    h.press(KeyCode::Down);
    h.press(KeyCode::Right); // exploration: 1
    h.press(KeyCode::Right); // 2
    h.press(KeyCode::PageDown); // the partner
    h.char('m'); // would have said yes? maybe
    snapshot!("feedback_filled", h.draw(80, 24));
    let draft = h
        .store
        .load_in_progress()
        .unwrap()
        .unwrap()
        .feedback
        .unwrap();
    let organizer = &draft.participants[0];
    assert_eq!(organizer.what_worked, "Stayed with one story.");
    assert_eq!(organizer.to_change, "Make the ask sooner.");
    let scores: Vec<(String, u8)> = organizer
        .ratings
        .iter()
        .map(|r| (r.stage.clone(), r.score))
        .collect();
    assert_eq!(
        scores,
        [("purpose".to_owned(), 4), ("exploration".to_owned(), 2)]
    );
    assert_eq!(
        draft.participants[1].would_say_yes,
        Some(crate::record::Answer::Maybe)
    );
}

/// Four numbers a person, the checks once, the partner's questions and a
/// commitment with a date: everything lands in the session file.
#[test]
fn a_debrief_records_ratings_checks_the_partners_answer_and_the_commitment() {
    let mut h = practising();
    h.run_round();
    for score in ['3', '4', '2', '5'] {
        h.press(KeyCode::Tab);
        if h.draw(80, 24).contains("▶ One thing") {
            h.press(KeyCode::Tab);
        }
        h.char(score);
    }
    h.press(KeyCode::PageDown); // partner
    h.char('y');
    h.press(KeyCode::Tab);
    h.type_text("A date I could say yes to");
    h.press(KeyCode::Tab);
    h.char('5'); // felt heard
    h.press(KeyCode::PageDown); // the checks
    let checks = h.draw(80, 24);
    assert!(checks.contains("Ben ticks them"), "{checks}");
    h.char(' '); // the first check observed
    h.press(KeyCode::PageDown); // the commitment
    h.type_text("Come to Thursday's meeting?");
    h.press(KeyCode::Tab);
    h.char('y');
    h.press(KeyCode::Tab);
    h.type_text("Bring two neighbours");
    h.press(KeyCode::Tab);
    h.type_text("2026-12-03");
    h.save();
    assert_eq!(h.screen_name(), "summary");
    let record = &h.store.load_sessions().sessions[0];
    let organizer = &record.feedback[0];
    assert_eq!(
        organizer
            .ratings
            .iter()
            .map(|r| r.score)
            .collect::<Vec<_>>(),
        [3, 4, 2, 5]
    );
    let partner = &record.feedback[1];
    assert_eq!(partner.would_say_yes, Some(crate::record::Answer::Yes));
    assert_eq!(partner.to_make_yes, "A date I could say yes to");
    assert_eq!(partner.felt_heard, Some(5));
    assert_eq!(record.checked_by, Some(Role::Partner));
    assert!(record.checks[0].observed);
    assert!(record.checks[1..].iter().all(|c| !c.observed));
    let deck = DeckLibrary::load(None)
        .resolve("relational-1on1")
        .unwrap()
        .deck;
    let rubric: usize = deck.stages.iter().map(|s| s.rubric.len()).sum();
    assert_eq!(record.checks.len(), rubric, "each rubric item once");
    let c = &record.commitment;
    assert_eq!(c.ask, "Come to Thursday's meeting?");
    assert_eq!(c.answer, Some(crate::record::Answer::Yes));
    assert_eq!(c.action, "Bring two neighbours");
    assert_eq!(c.date, chrono::NaiveDate::from_ymd_opt(2026, 12, 3));
    assert!(c.counts());
    assert!(!record.persona.as_ref().unwrap().name.is_empty());
    let summary = h.draw(100, 60);
    assert!(
        summary.contains("a commitment: a yes with a date"),
        "{summary}"
    );
    assert!(summary.contains("What "), "{summary}");
}

#[test]
fn summary_after_saving() {
    let mut h = practising();
    h.run_round();
    h.type_text("Good questions");
    h.press(KeyCode::PageDown); // the partner's turn
    h.press(KeyCode::Tab);
    h.type_text("Ask me about my kids");
    h.tabs(2);
    h.char('3');
    h.ctrl('s');
    assert!(!h.draw(80, 24).contains("Save anyway?"));
    assert_eq!(h.screen_name(), "summary");
    let screen = h.draw(80, 24);
    let saved = h.store.load_sessions();
    assert_eq!(saved.sessions.len(), 1);
    let record = &saved.sessions[0];
    assert_eq!(record.feedback[0].what_worked, "Good questions");
    assert_eq!(record.feedback[1].to_make_yes, "Ask me about my kids");
    assert_eq!(record.feedback[1].ratings[0].score, 3);
    assert!(record.feedback[0].ratings.is_empty());
    assert_eq!(h.store.load_in_progress().unwrap(), None);
    let screen = screen.replace(&record.id, "[id]");
    snapshot!("summary", screen);
    let tall = h.draw(100, 80);
    assert!(
        tall.contains("What "),
        "the partner's brief is revealed: {tall}"
    );
    snapshot!("summary_100x80", tall.replace(&record.id, "[id]"));
}

#[test]
fn home_offers_the_unfinished_round_and_shows_the_last_session() {
    let mut h = practising();
    h.run_round();
    h.save();
    h.char('s'); // swap roles: Ben organizes
    h.past_brief();
    h.wait(42);
    h.press(KeyCode::Esc);
    h.char('y');
    assert_eq!(h.screen_name(), "home");
    snapshot!("home_resume", h.draw(80, 24));
}

#[test]
fn setup_screen_needs_both_names() {
    let mut h = harness_with(Start::Home, true, |_| {});
    h.char('s');
    assert_eq!(h.screen_name(), "setup");
    h.type_text("Ana");
    h.press(KeyCode::Enter);
    assert_eq!(h.screen_name(), "setup");
    snapshot!("setup_missing_partner", h.draw(80, 24));
    h.type_text("Ben");
    h.press(KeyCode::Enter);
    assert_eq!(h.screen_name(), "brief");
    h.press(KeyCode::Enter);
    assert_eq!(h.screen_name(), "practice");
}

#[test]
fn setup_from_home_opens_on_the_configs_deck_mode_and_names() {
    let settings = Settings {
        theme: Theme::color(),
        bell: true,
        mouse: true,
        practice: PracticeDefaults {
            deck: Some("quick-round".into()),
            mode: Some(Mode::Solo),
            organizer: Some("Ana".into()),
            ..PracticeDefaults::default()
        },
        load_behind: false,
        seed_source: Some(1),
    };
    let mut h = harness_from(Start::Home, settings, |_| {});
    h.char('s');
    assert_eq!(h.screen_name(), "setup");
    h.press(KeyCode::Enter);
    h.past_brief();
    let round = h
        .app
        .round()
        .expect("the config's names are enough to start");
    assert_eq!(round.deck.id, "quick-round");
    assert_eq!(round.practice.mode, Mode::Solo);
    assert_eq!(round.practice.people.organizer, "Ana");
}

#[test]
fn a_tiny_terminal_gets_a_message_not_a_panic() {
    let h = practising();
    let screen = h.draw(50, 12);
    assert!(screen.contains("Make the window larger"), "{screen}");
    snapshot!("too_small", screen);
    for (w, h_) in [(1, 1), (59, 40), (200, 19)] {
        h.draw(w, h_);
    }
}

#[test]
fn the_bell_rings_once_per_stage_end() {
    let mut h = practising();
    h.wait(179);
    assert_eq!(h.app.take_bells(), 0);
    h.wait(1);
    assert_eq!(h.app.take_bells(), 1);
    h.wait(30);
    assert_eq!(h.app.take_bells(), 0);
    h.char('n');
    h.wait(900);
    assert_eq!(h.app.take_bells(), 1);
}

#[test]
fn no_bell_when_it_is_turned_off() {
    let mut h = harness_with(practice_start(), false, |_| {});
    h.wait(400);
    assert_eq!(h.app.take_bells(), 0);
}

#[test]
fn changes_are_checkpointed_at_once_and_time_every_five_seconds() {
    let mut h = practising();
    h.char('3');
    let saved = h.store.load_in_progress().unwrap().unwrap();
    assert_eq!(saved.practice.marks().len(), 1);
    h.wait(4);
    let saved = h.store.load_in_progress().unwrap().unwrap();
    assert_eq!(saved.practice.runs()[0].active, Duration::ZERO);
    h.wait(2);
    let saved = h.store.load_in_progress().unwrap().unwrap();
    assert_eq!(saved.practice.runs()[0].active, Duration::from_secs(6));
}

#[test]
fn leaving_practice_asks_first_and_keeps_the_round() {
    let mut h = practising();
    h.press(KeyCode::Esc);
    assert!(h.draw(80, 24).contains("Leave practice?"));
    h.char('n');
    assert_eq!(h.screen_name(), "practice");
    h.press(KeyCode::Esc);
    h.char('y');
    assert_eq!(h.screen_name(), "home");
    assert!(h.draw(80, 24).contains("Resume: Ana with Ben"));
}

#[test]
fn ctrl_c_quits_and_the_round_resumes_where_it_was() {
    let mut h = practising();
    h.char(' ');
    h.wait(50);
    h.char('n');
    h.wait(7);
    h.ctrl('c');
    assert!(h.app.should_quit());
    let state = h.store.load_in_progress().unwrap().unwrap();
    assert_eq!(state.practice.current_index(), 1);

    let mut again = harness_with(Start::Home, true, |store| {
        store.save_in_progress(&state).unwrap();
    });
    again.press(KeyCode::Enter);
    let screen = again.draw(80, 24);
    assert!(screen.contains("PAUSED · stage 2 of 4"), "{screen}");
    assert!(screen.contains("spent 0:07"), "{screen}");
}

#[test]
fn practice_from_the_command_line_defers_to_an_unfinished_round() {
    let mut first = practising();
    first.wait(3);
    first.ctrl('c');
    let state = first.store.load_in_progress().unwrap().unwrap();
    let h = harness_with(practice_start(), true, |store| {
        store.save_in_progress(&state).unwrap();
    });
    assert_eq!(h.screen_name(), "home");
    let screen = h.draw(80, 24);
    assert!(
        screen.contains("An unfinished round is waiting"),
        "{screen}"
    );
    assert!(screen.contains("s start this one"), "{screen}");
    assert!(screen.contains("r/Enter resume"), "{screen}");
}

/// `tandem practice --mode solo --organizer Ana …` with an unfinished
/// round on disk asked nothing and dropped every argument. Now it asks:
/// resume the unfinished round, or start this one, which replaces it.
#[test]
fn the_command_line_round_or_the_unfinished_one_is_the_users_choice() {
    let mut first = practising();
    first.wait(33);
    first.ctrl('c');
    let state = first.store.load_in_progress().unwrap().unwrap();
    let solo = || {
        let deck = DeckLibrary::load(None).resolve("quick-round").unwrap().deck;
        Start::Practice {
            deck: Box::new(deck),
            people: People::pair("Zoe", ""),
            mode: Mode::Solo,
            drill_stage: None,
            seed: Some(3),
            fit: None,
        }
    };
    // Starting this one: the arguments are kept and the old round replaced.
    let mut h = harness_with(solo(), true, |store| {
        store.save_in_progress(&state).unwrap();
    });
    let asked = h.draw(80, 24);
    assert!(asked.contains("quick-round · solo"), "{asked}");
    h.char('s');
    h.past_brief();
    assert_eq!(h.screen_name(), "practice");
    let screen = h.draw(80, 24);
    assert!(screen.contains("Zoe, alone"), "{screen}");
    let saved = h.store.load_in_progress().unwrap().unwrap();
    assert_eq!(saved.practice.people.organizer, "Zoe");
    assert_eq!(saved.deck.id, "quick-round");
    // Resuming: the unfinished round goes on, untouched.
    let mut h = harness_with(solo(), true, |store| {
        store.save_in_progress(&state).unwrap();
    });
    h.char('r');
    assert_eq!(h.screen_name(), "practice");
    let screen = h.draw(80, 24);
    assert!(screen.contains("Ana (organizer) with Ben"), "{screen}");
    assert!(screen.contains("spent 0:33"), "{screen}");
}

/// A deck given by path stays in setup's list after the user resumed
/// the unfinished round instead of starting it.
#[test]
fn a_deck_given_by_path_can_be_chosen_in_setup_later() {
    let mut first = practising();
    first.ctrl('c');
    let state = first.store.load_in_progress().unwrap().unwrap();
    let mut deck = DeckLibrary::load(None).resolve("quick-round").unwrap().deck;
    deck.id = "my-own".into();
    deck.title = "Our own round".into();
    let mut h = harness_with(
        Start::Practice {
            deck: Box::new(deck),
            people: People::pair("Ana", "Ben"),
            mode: Mode::Pair,
            drill_stage: None,
            seed: Some(7),
            fit: None,
        },
        true,
        |store| store.save_in_progress(&state).unwrap(),
    );
    h.press(KeyCode::Esc); // decide later
    h.char('s'); // start practice: replace the unfinished round?
    h.char('y');
    assert_eq!(h.screen_name(), "setup");
    let screen = h.draw(80, 60);
    assert!(screen.contains("my-own"), "{screen}");
}

#[test]
fn a_bad_follow_up_date_is_refused_and_nothing_is_lost() {
    let mut h = practising();
    h.run_round();
    for _ in 0..3 {
        h.press(KeyCode::PageDown); // partner, checks, commitment
    }
    h.tabs(4);
    h.type_text("next week");
    h.save();
    assert_eq!(h.screen_name(), "feedback");
    assert!(h.draw(80, 24).contains("Not saved: follow-up date"));
    assert!(h.store.load_sessions().sessions.is_empty());
    let draft = h
        .store
        .load_in_progress()
        .unwrap()
        .unwrap()
        .feedback
        .unwrap();
    assert_eq!(draft.follow_up, "next week");
}

#[test]
fn a_failed_save_keeps_the_form_and_can_be_retried() {
    let mut h = practising();
    h.run_round();
    h.type_text("kept");
    let sessions = h.store.sessions_dir();
    std::fs::remove_dir(&sessions).unwrap();
    std::fs::write(&sessions, "not a dir").unwrap();
    h.save();
    assert_eq!(h.screen_name(), "feedback");
    let screen = h.draw(80, 24);
    assert!(screen.contains("Not saved"), "{screen}");
    std::fs::remove_file(&sessions).unwrap();
    std::fs::create_dir(&sessions).unwrap();
    h.save();
    assert_eq!(h.screen_name(), "summary");
    assert_eq!(
        h.store.load_sessions().sessions[0].feedback[0].what_worked,
        "kept"
    );
}

#[test]
fn an_unfinished_form_resumes_with_its_text() {
    let mut h = practising();
    h.run_round();
    h.type_text("half written");
    h.press(KeyCode::Tab);
    h.ctrl('c');
    let state = h.store.load_in_progress().unwrap().unwrap();
    let mut again = harness_with(Start::Home, true, |store| {
        store.save_in_progress(&state).unwrap();
    });
    assert!(
        again
            .draw(80, 24)
            .contains("Resume: Ana with Ben · feedback form")
    );
    again.press(KeyCode::Enter);
    assert_eq!(again.screen_name(), "feedback");
    assert!(again.draw(80, 24).contains("half written"));
}

/// Ana's round saved, with "Ask why at least twice" as the one thing she
/// would change.
fn saved_with_a_lesson() -> Harness {
    let mut h = practising();
    h.run_round();
    h.type_text("Ask why twice");
    h.press(KeyCode::Tab);
    h.type_text("Ask why at least twice");
    h.save();
    h
}

#[test]
fn swapping_roles_starts_the_next_round_with_names_exchanged() {
    let mut h = saved_with_a_lesson();
    h.char('s');
    assert_eq!(h.screen_name(), "brief");
    assert!(h.draw(80, 24).contains("Ana, read this — Ben, look away."));
    h.press(KeyCode::Enter);
    let screen = h.draw(80, 24);
    assert!(
        screen.contains("Ben (organizer) with Ana (partner)"),
        "{screen}"
    );
    assert!(
        !screen.contains("Last time"),
        "Ben has no last time yet: {screen}"
    );
    // Ben's round saved, Ana organizes again and sees her lesson.
    h.run_round();
    h.save();
    h.char('s');
    h.past_brief();
    let screen = h.draw(80, 24);
    assert!(
        screen.contains("Last time: Ask why at least twice"),
        "{screen}"
    );
}

#[test]
fn every_bundled_deck_renders_its_first_stage() {
    for loaded in DeckLibrary::load(None).decks() {
        let deck = loaded.deck.clone();
        let id = deck.id.clone();
        let mut h = harness_with(
            Start::Practice {
                deck: Box::new(deck),
                people: People::pair("Ana", "Ben"),
                mode: Mode::Pair,
                drill_stage: None,
                seed: Some(7),
                fit: None,
            },
            true,
            |_| {},
        );
        h.past_brief();
        assert_eq!(h.screen_name(), "practice", "{id}");
        snapshot!(format!("deck_{id}"), h.draw(80, 24));
    }
}

fn start_with(mode: Mode, people: People, drill_stage: Option<&str>) -> Harness {
    let deck = DeckLibrary::load(None)
        .resolve("relational-1on1")
        .unwrap()
        .deck;
    let mut h = harness_with(
        Start::Practice {
            deck: Box::new(deck),
            people,
            mode,
            drill_stage: drill_stage.map(str::to_owned),
            seed: Some(7),
            fit: None,
        },
        true,
        |_| {},
    );
    h.past_brief();
    h
}

fn triad() -> People {
    People {
        observer: Some("Cy".into()),
        ..People::pair("Ana", "Ben")
    }
}

#[test]
fn a_triad_round_keeps_three_sets_of_feedback_apart() {
    let mut h = start_with(Mode::Triad, triad(), None);
    let screen = h.draw(80, 24);
    assert!(screen.contains("Cy observing"), "{screen}");
    let roomy = h.draw(120, 40);
    assert!(roomy.contains("Talk (observer: Space)"), "{roomy}");
    h.run_round();
    snapshot!("feedback_triad", h.draw(80, 24));
    // The first rating of each person, in the order taught.
    for score in ['1', '2', '3'] {
        while !h.draw(80, 24).contains("▶ Purpose") {
            h.press(KeyCode::Tab);
        }
        h.char(score);
        h.press(KeyCode::PageDown);
    }
    let observer = h.draw(80, 100);
    assert!(observer.contains("Cy ticks them"), "{observer}");
    h.save();
    let record = &h.store.load_sessions().sessions[0];
    assert_eq!(record.mode, Mode::Triad);
    assert_eq!(record.people.observer.as_deref(), Some("Cy"));
    assert_eq!(record.checked_by, Some(Role::Observer));
    let scores: Vec<(Role, u8)> = record
        .feedback
        .iter()
        .map(|f| (f.role, f.ratings[0].score))
        .collect();
    assert_eq!(
        scores,
        [
            (Role::Organizer, 1),
            (Role::Partner, 2),
            (Role::Observer, 3)
        ]
    );
    h.char('s');
    assert!(
        h.draw(80, 24)
            .contains("Cy and Ana, read this — Ben, look away.")
    );
    h.past_brief();
    let screen = h.draw(80, 24);
    assert!(
        screen.contains("Ben (organizer) with Cy (partner), Ana observing"),
        "{screen}"
    );
}

#[test]
fn the_observer_reads_the_marks_out_in_their_turn() {
    let mut h = start_with(Mode::Triad, triad(), None);
    h.run_round();
    h.press(KeyCode::PageDown);
    h.press(KeyCode::PageDown);
    let screen = h.draw(80, 24);
    assert!(screen.contains("Marks to read out"), "{screen}");
    assert!(screen.contains("1:40  Purpose · asked why"), "{screen}");
}

#[test]
fn a_solo_round_has_one_rater_and_no_talk_meter() {
    let mut h = start_with(Mode::Solo, People::pair("Ana", ""), None);
    let screen = h.draw(80, 24);
    assert!(screen.contains("Ana, alone"), "{screen}");
    assert!(screen.contains("Alone: say your part aloud"), "{screen}");
    assert!(
        !screen.contains("Space talk"),
        "no talk meter, no hint: {screen}"
    );
    snapshot!("practice_solo", screen);
    h.char(' ');
    assert_eq!(h.draw(80, 24), screen, "Space does nothing alone");
    h.run_round();
    let form = h.draw(80, 24);
    assert!(
        form.contains("Ana · organizer") && !form.contains("· partner"),
        "{form}"
    );
    h.save();
    let record = &h.store.load_sessions().sessions[0];
    assert_eq!(record.feedback.len(), 1);
    assert_eq!(record.people.partner, "");
    h.char('s');
    assert!(h.draw(80, 24).contains("Ana, alone"));
}

#[test]
fn a_drill_runs_one_stage_and_rates_only_it() {
    let mut h = start_with(Mode::Drill, People::pair("Ana", "Ben"), Some("commitment"));
    let screen = h.draw(80, 24);
    assert!(screen.contains("drill · stage 1 of 1"), "{screen}");
    assert!(
        screen.contains("Goal: Agree on a concrete next step"),
        "{screen}"
    );
    snapshot!("practice_drill", screen);
    h.char('n');
    h.char('y');
    assert_eq!(h.screen_name(), "feedback");
    let form = h.draw(80, 24);
    assert!(
        form.contains("Commitment") && !form.contains("Exploration"),
        "{form}"
    );
    h.save();
    let record = &h.store.load_sessions().sessions[0];
    assert_eq!(record.mode, Mode::Drill);
    assert_eq!(record.stages.len(), 1);
    assert_eq!(record.stages[0].id, "commitment");
    h.char('s');
    h.past_brief();
    assert!(h.draw(80, 24).contains("drill · stage 1 of 1"));
}

#[test]
fn setup_offers_every_mode_and_asks_for_the_names_each_needs() {
    let mut h = harness_with(Start::Home, true, |_| {});
    h.char('s');
    while !h.draw(80, 24).contains("▶ Mode") {
        h.press(KeyCode::BackTab);
    }
    h.press(KeyCode::Right); // triad
    assert!(h.draw(80, 24).contains("◀ triad ▶"));
    while !h.draw(80, 24).contains("▶ Organizer") {
        h.press(KeyCode::Tab);
    }
    h.type_text("Ana");
    h.press(KeyCode::Tab);
    h.type_text("Ben");
    h.press(KeyCode::Enter);
    assert!(
        h.draw(80, 24)
            .contains("A triad round needs the observer's name.")
    );
    h.type_text("Cy");
    snapshot!("setup_triad", h.draw(80, 24));
    h.press(KeyCode::Enter);
    h.past_brief();
    assert_eq!(h.screen_name(), "practice");
    assert!(h.draw(80, 24).contains("Cy observing"));

    let mut h = harness_with(Start::Home, true, |_| {});
    h.char('s');
    while !h.draw(80, 24).contains("▶ Mode") {
        h.press(KeyCode::BackTab);
    }
    h.press(KeyCode::Left); // drill
    h.press(KeyCode::Tab); // stage
    h.press(KeyCode::Right); // exploration
    let screen = h.draw(80, 24);
    assert!(
        screen.contains("◀ drill ▶") && screen.contains("◀ Exploration ▶"),
        "{screen}"
    );
    h.press(KeyCode::Tab);
    h.type_text("Ana");
    h.press(KeyCode::Enter); // the partner is optional in a drill
    assert_eq!(h.screen_name(), "practice");
    assert!(h.draw(80, 24).contains("Goal: Learn what they care about"));
}

#[test]
fn emoji_cjk_and_right_to_left_names_keep_the_frame_intact() {
    let people = People {
        observer: Some("مريم".into()),
        ..People::pair("李小龍", "Amara 👩🏽‍🌾 Noël")
    };
    let mut h = start_with(Mode::Triad, people, None);
    h.char(' ');
    h.wait(30);
    let screen = h.draw(80, 24);
    snapshot!("practice_unicode_names", screen);
    for line in screen.lines().skip(5).take(12) {
        let line = line.split("\" Hidden").next().unwrap().trim_matches('"');
        assert!(
            line.ends_with('┐') || line.ends_with('│') || line.ends_with('┘'),
            "the right border moved: {line}"
        );
    }
    h.run_round();
    snapshot!("feedback_unicode_names", h.draw(80, 24));
}

#[test]
fn resizing_mid_practice_keeps_the_clock() {
    let mut h = practising();
    h.wait(10);
    assert!(h.draw(40, 10).contains("Make the window larger"));
    h.wait(20);
    let screen = h.draw(100, 30);
    assert!(screen.contains("2:30 left"), "{screen}");
}

/// Saves `n` rounds through the real flow, with different organizers.
fn with_saved_rounds(n: usize) -> Harness {
    let mut h = practising();
    for i in 0..n {
        h.run_round();
        h.type_text(&format!("round {i} went well"));
        h.press(KeyCode::PageDown);
        h.tabs(3);
        h.char(char::from(b'1' + (i % 5) as u8));
        h.save();
        h.wait(3600);
        h.char('s'); // next round, roles swapped
        h.past_brief();
    }
    h.press(KeyCode::Esc);
    h.char('y');
    h
}

#[test]
fn review_lists_sessions_newest_first_filters_and_sorts() {
    let mut h = with_saved_rounds(3);
    h.char('v');
    assert_eq!(h.screen_name(), "review");
    snapshot!("review_list", h.draw(80, 24));
    snapshot!("review_list_120x40", h.draw(120, 40));
    h.char('/');
    h.type_text("19:33");
    h.press(KeyCode::Enter);
    let screen = h.draw(80, 24);
    assert!(screen.contains("1 of 3 sessions"), "{screen}");
    assert!(screen.contains("│2026-11-25 19:33 Ben"), "{screen}");
    h.press(KeyCode::Esc); // leaves the list: filter kept only while open
    assert_eq!(h.screen_name(), "home");
    h.char('v');
    h.char('s'); // sort by organizer
    let screen = h.draw(80, 24);
    assert!(screen.contains("sorted by organizer"), "{screen}");
    let ana = screen.find("│2026-11-25 ").unwrap();
    assert!(
        screen[ana..].starts_with("│2026-11-25 18:30"),
        "Ana's first round sorts first:\n{screen}"
    );
}

#[test]
fn a_session_opens_in_full_and_takes_a_coach_note() {
    let mut h = with_saved_rounds(2);
    h.char('v');
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    assert_eq!(h.screen_name(), "session");
    let screen = h.draw(120, 80);
    assert!(screen.contains("round 0 went well"), "{screen}");
    assert!(screen.contains("Coach notes (0)"), "{screen}");
    snapshot!("session_detail_120x40", screen);
    snapshot!("session_detail_80x24", h.draw(80, 24));
    h.char('a');
    h.type_text("Coach Kim");
    h.press(KeyCode::Enter);
    h.type_text("Lovely depth. Ask sooner.");
    snapshot!("session_note_form", h.draw(80, 24));
    h.ctrl('s');
    let notes = h.store.load_notes();
    assert_eq!(notes.notes.len(), 1);
    assert_eq!(notes.notes[0].author, "Coach Kim");
    assert_eq!(notes.notes[0].text, "Lovely depth. Ask sooner.");
    let session_id = &notes.notes[0].session;
    assert!(
        h.store
            .load_sessions()
            .sessions
            .iter()
            .any(|s| &s.id == session_id)
    );
    let screen = h.draw(100, 80);
    assert!(
        screen.contains("Coach notes (1)") && screen.contains("Coach Kim"),
        "{screen}"
    );
    h.char('q');
    assert_eq!(h.screen_name(), "review");
    assert!(h.draw(80, 24).contains("▶") || h.draw(80, 24).contains("Sessions"));
}

#[test]
fn review_with_no_sessions_says_so() {
    let mut h = harness_with(Start::Review, true, |_| {});
    assert_eq!(h.screen_name(), "review");
    assert!(h.draw(80, 24).contains("No sessions yet"));
    h.press(KeyCode::Enter);
    assert_eq!(h.screen_name(), "review");
}

#[test]
fn progress_shows_each_person_and_the_cohort() {
    let mut h = with_saved_rounds(6);
    let home = h.draw(80, 24);
    assert!(home.contains("Suggested focus: Purpose for"), "{home}");
    h.char('p');
    assert_eq!(h.screen_name(), "progress");
    let everyone = h.draw(80, 24);
    assert!(everyone.contains("◀ everyone ▶ · 6 rounds"), "{everyone}");
    snapshot!("progress_everyone_80x24", everyone);
    h.press(KeyCode::Right);
    let ana = h.draw(120, 40);
    assert!(ana.contains("◀ Ana ▶ · 3 rounds"), "{ana}");
    assert!(ana.contains("Drill Purpose"), "{ana}");
    snapshot!("progress_ana_120x40", ana);
    h.char('c');
    let cohort = h.draw(80, 24);
    assert!(
        cohort.contains("Cohort") && cohort.contains("Ben"),
        "{cohort}"
    );
    snapshot!("progress_cohort", cohort);
}

#[test]
fn progress_without_sessions_says_what_to_do() {
    let mut h = harness_with(
        Start::Progress {
            person: None,
            deck: None,
        },
        true,
        |_| {},
    );
    assert_eq!(h.screen_name(), "progress");
    assert!(h.draw(80, 24).contains("No rounds saved yet"));
    h.press(KeyCode::Right);
    h.char('q');
    assert!(
        h.app.should_quit(),
        "opened from the shell: back to the shell"
    );
}

#[test]
fn the_summary_compares_each_stage_with_the_organizers_earlier_rounds() {
    let mut h = practising();
    h.run_round();
    h.tabs(2);
    h.char('2');
    h.save();
    h.char('s'); // Ben organizes
    h.past_brief();
    h.run_round();
    h.save();
    h.char('s'); // Ana again
    h.past_brief();
    h.run_round();
    h.tabs(2);
    h.char('4');
    h.save();
    let screen = h.draw(80, 24);
    assert!(screen.contains("Before"), "{screen}");
    let purpose = screen
        .lines()
        .find(|l| l.contains("Purpose") && l.contains("▲"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        purpose.contains("2.0") && purpose.contains("▲+2.0"),
        "{purpose}"
    );
}

/// A second app on the data dir of `other`, as a second tandem would be.
fn second_app(other: &Harness) -> App {
    let settings = Settings {
        theme: Theme::color(),
        bell: false,
        load_behind: false,
        mouse: true,
        practice: PracticeDefaults::default(),
        seed_source: Some(2),
    };
    App::new(
        other.store.clone(),
        DeckLibrary::load(None),
        Box::new(other.clock.clone()),
        settings,
        Start::Home,
    )
}

fn key_to(app: &mut App, code: KeyCode) {
    app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
}

#[test]
fn a_round_saved_meanwhile_by_another_tandem_is_never_overwritten() {
    let mut first = harness_with(Start::Home, true, |_| {});
    let mut second = second_app(&first);
    // The second tandem opens setup while nothing is unfinished…
    key_to(&mut second, KeyCode::Char('s'));
    for c in "Cy\tDee".chars() {
        key_to(
            &mut second,
            if c == '\t' {
                KeyCode::Tab
            } else {
                KeyCode::Char(c)
            },
        );
    }
    // …meanwhile the first starts a round and leaves it unfinished.
    first.char('s');
    first.type_text("Ana");
    first.press(KeyCode::Tab);
    first.type_text("Ben");
    first.press(KeyCode::Enter);
    first.past_brief();
    first.char('2');
    first.press(KeyCode::Esc);
    first.char('y');
    key_to(&mut second, KeyCode::Enter);
    key_to(&mut second, KeyCode::Enter); // past the partner's brief
    let kept = first.store.load_in_progress().unwrap().unwrap();
    assert_eq!(kept.practice.people.organizer, "Ana");
    assert_eq!(kept.practice.marks().len(), 1);
    assert!(matches!(second.screen(), Screen::Home(_)));
}

#[test]
fn a_resume_that_finds_nothing_lets_go_of_the_round() {
    let mut first = practising();
    first.press(KeyCode::Esc);
    first.char('y'); // home, offering to resume
    let mut second = second_app(&first);
    key_to(&mut second, KeyCode::Enter); // the second resumes…
    second.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    first.store.clear_in_progress().unwrap(); // …and the round is gone
    drop(second);
    first.char('r');
    assert_eq!(first.screen_name(), "home");
    let mut third = second_app(&first);
    key_to(&mut third, KeyCode::Char('s'));
    for c in "Cy".chars() {
        key_to(&mut third, KeyCode::Char(c));
    }
    key_to(&mut third, KeyCode::Tab);
    key_to(&mut third, KeyCode::Char('D'));
    key_to(&mut third, KeyCode::Enter);
    key_to(&mut third, KeyCode::Enter); // past the partner's brief
    assert!(
        matches!(third.screen(), Screen::Practice(_)),
        "the lock was left held"
    );
}

#[test]
fn a_deck_given_by_path_stays_chosen_when_setup_asks_for_a_name() {
    let mut deck = DeckLibrary::load(None).resolve("quick-round").unwrap().deck;
    deck.id = "my-own".into();
    deck.title = "Our own round".into();
    let mut h = harness_with(
        Start::Practice {
            deck: Box::new(deck),
            people: People::pair("Ana", ""),
            mode: Mode::Pair,
            drill_stage: None,
            seed: Some(7),
            fit: None,
        },
        true,
        |_| {},
    );
    assert_eq!(h.screen_name(), "setup");
    h.type_text("Ben");
    h.press(KeyCode::Enter);
    h.past_brief();
    assert!(
        h.draw(80, 24).contains("Our own round ·"),
        "{}",
        h.draw(80, 24)
    );
}

#[test]
fn a_note_being_typed_is_kept_when_tandem_quits() {
    let mut h = with_saved_rounds(1);
    h.char('v');
    h.press(KeyCode::Enter);
    h.char('a');
    h.press(KeyCode::Tab);
    h.type_text("Half a thought");
    h.ctrl('c');
    assert!(h.app.should_quit());
    let notes = h.store.load_notes().notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Half a thought");
}

/// The screen as one line of words, so that wrapped text can be searched.
fn words_of(screen: &str) -> String {
    screen
        .lines()
        .map(|line| line.trim_matches('"').trim())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Puts a non-empty directory where the in-progress file goes: its
/// rename fails even for root, like a full disk.
fn block_in_progress(store: &Store) {
    let path = store.in_progress_path();
    let _ = std::fs::remove_file(&path);
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("blocker"), "").unwrap();
}

#[test]
fn a_failed_save_says_all_of_its_advice_at_80_and_120_columns() {
    let mut h = practising();
    h.run_round();
    assert_eq!(h.screen_name(), "feedback");
    let sessions = h.store.sessions_dir();
    std::fs::remove_dir_all(&sessions).unwrap();
    std::fs::write(&sessions, "in the way").unwrap();
    h.save();
    for width in [80, 120] {
        let screen = words_of(&h.draw(width, 24));
        assert!(
            screen.contains("(nothing was lost: fix it and press Ctrl-S again)"),
            "{width} columns:\n{}",
            h.draw(width, 24)
        );
    }
}

#[test]
fn an_unsaved_round_is_shown_retried_and_never_dropped_on_one_ctrl_c() {
    let mut h = practising();
    h.run_round();
    block_in_progress(&h.store);
    h.press(KeyCode::Tab);
    h.type_text("Kept calm");
    h.ctrl('c');
    assert!(!h.app.should_quit(), "quit with the round unsaved");
    let screen = words_of(&h.draw(80, 24));
    assert!(screen.contains("Round NOT saved"), "{screen}");
    assert!(screen.contains("in-progress.toml"), "{screen}");
    assert!(screen.contains("Ctrl-C again"), "{screen}");

    // The problem goes away: the next change saves the round.
    std::fs::remove_dir_all(h.store.in_progress_path()).unwrap();
    h.type_text("!");
    assert!(!words_of(&h.draw(80, 24)).contains("NOT saved"));
    let saved = h.store.load_in_progress().unwrap().unwrap();
    let draft = saved.feedback.unwrap();
    assert!(format!("{draft:?}").contains("Kept calm!"), "{draft:?}");
    h.ctrl('c');
    assert!(h.app.should_quit());
    assert_eq!(
        h.app.shutdown(),
        super::app::Shutdown::Saved(h.store.in_progress_path())
    );
}

#[test]
fn a_second_ctrl_c_quits_without_the_round_and_says_so() {
    let mut h = practising();
    h.run_round();
    block_in_progress(&h.store);
    h.type_text("Lost words");
    h.ctrl('c');
    h.ctrl('c');
    assert!(h.app.should_quit());
    match h.app.shutdown() {
        super::app::Shutdown::NotSaved(problem) => {
            assert!(problem.contains("in-progress.toml"), "{problem}")
        }
        other => panic!("claimed {other:?}"),
    }
}

#[test]
fn suspending_pauses_a_running_round_and_saves_it() {
    let mut h = practising();
    h.wait(30);
    h.app.suspend();
    assert_eq!(h.screen_name(), "practice");
    assert!(h.app.round().unwrap().practice.is_paused());
    h.wait(600);
    assert_eq!(h.screen_name(), "practice");
    let run = h.app.round().unwrap().practice.current_run();
    assert_eq!(
        run.active,
        Duration::from_secs(30),
        "time away ran the clock"
    );
    assert!(h.store.load_in_progress().unwrap().is_some());
}

#[test]
fn an_unfinished_round_left_in_place_is_not_called_moved_aside() {
    let h = harness_with(Start::Home, false, |store| {
        std::fs::create_dir(store.in_progress_path()).unwrap();
    });
    let screen = words_of(&h.draw(120, 40));
    assert!(screen.contains("left where it is"), "{screen}");
    assert!(!screen.contains("moved aside"), "{screen}");
}

#[test]
fn a_failed_save_never_says_nothing_was_lost_when_the_round_is_unsaved_too() {
    let mut h = practising();
    h.run_round();
    let sessions = h.store.sessions_dir();
    std::fs::remove_dir_all(&sessions).unwrap();
    std::fs::write(&sessions, "in the way").unwrap();
    block_in_progress(&h.store);
    h.save();
    let screen = words_of(&h.draw(120, 40));
    assert!(!screen.contains("nothing was lost"), "{screen}");
    assert!(screen.contains("the round is not saved either"), "{screen}");
    assert!(screen.contains("Round NOT saved"), "{screen}");
}

#[test]
fn once_the_session_is_saved_the_round_problem_is_gone() {
    let mut h = practising();
    h.run_round();
    block_in_progress(&h.store);
    h.press(KeyCode::Tab);
    h.type_text("Fine");
    assert!(words_of(&h.draw(100, 30)).contains("Round NOT saved"));
    h.save();
    assert_eq!(h.screen_name(), "summary");
    let screen = words_of(&h.draw(100, 30));
    assert!(!screen.contains("Round NOT saved"), "{screen}");
    assert_eq!(h.app.shutdown(), super::app::Shutdown::NoRound);
}

/// Deep canvassing asks its 0–10 scale at the open and the close: the
/// readings are kept, a bad number is refused, and the summary shows the
/// shift.
#[test]
fn scales_are_asked_at_their_stages_and_their_shift_is_shown() {
    let deck = DeckLibrary::load(None)
        .resolve("deep-canvass")
        .unwrap()
        .deck;
    let stages = deck.stages.len();
    let mut h = harness_with(
        Start::Practice {
            deck: Box::new(deck),
            people: People::pair("Ana", "Ben"),
            mode: Mode::Pair,
            drill_stage: None,
            seed: Some(2),
            fit: None,
        },
        true,
        |_| {},
    );
    h.past_brief();
    h.char('n');
    assert!(
        h.draw(80, 24).contains("Enter record"),
        "the scale is asked"
    );
    h.type_text("11");
    h.press(KeyCode::Enter);
    assert!(h.draw(80, 24).contains("a whole number from 0 to 10"));
    h.press(KeyCode::Backspace);
    h.press(KeyCode::Backspace);
    h.char('4');
    h.press(KeyCode::Enter);
    assert!(h.draw(80, 24).contains(&format!("stage 2 of {stages}")));
    for _ in 2..stages {
        h.char('n');
    }
    h.char('n');
    h.char('6');
    h.press(KeyCode::Enter);
    assert!(
        h.draw(80, 24).contains("End the round"),
        "the last stage asks first"
    );
    h.char('y');
    h.save();
    let record = &h.store.load_sessions().sessions[0];
    let values: Vec<i32> = record.scales.iter().map(|r| r.value).collect();
    assert_eq!(values, [4, 6]);
    assert!(h.draw(80, 40).contains("4 → 6 (+2)"));
}

/// The new screens of a round at the smallest window and a projector.
#[test]
fn brief_debrief_and_summary_at_small_and_large_windows() {
    let mut h = harness_with(practice_start(), true, |_| {});
    snapshot!("brief_60x20", h.draw(60, 20));
    snapshot!("brief_80x24", h.draw(80, 24));
    h.past_brief();
    h.run_round();
    snapshot!("feedback_60x20", h.draw(60, 20));
    snapshot!("feedback_200x60", h.draw(200, 60));
    h.type_text("Asked about the rec center");
    h.save();
    snapshot!("summary_60x20", mask_ids(&h.draw(60, 20)));
    snapshot!("summary_200x60", mask_ids(&h.draw(200, 60)));
}

/// Session ids end in random hex after the time ("…Z-9f3a…"): masked, so
/// that snapshots do not change from run to run.
fn mask_ids(screen: &str) -> String {
    let mut out = String::new();
    let mut rest = screen;
    while let Some(at) = rest.find("Z-") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        let hex = rest.chars().take_while(char::is_ascii_hexdigit).count();
        out.push_str(&"#".repeat(hex));
        rest = &rest[hex..];
    }
    out.push_str(rest);
    out
}

#[test]
fn a_long_brief_scrolls_and_says_more_is_below() {
    let mut h = harness_with(practice_start(), true, |_| {});
    let top = h.draw(60, 20);
    assert!(top.contains("↓ more"), "{top}");
    for _ in 0..10 {
        h.press(KeyCode::Down);
    }
    let bottom = h.draw(60, 20);
    assert!(!bottom.contains("↓ more"), "{bottom}");
    assert_ne!(top, bottom);
    assert_eq!(h.screen_name(), "brief");
}

/// Setup fits the rounds into the minutes typed, shows the plan, refuses
/// a plan that cannot fit, and takes stage minutes edited by hand.
#[test]
fn setup_fits_rounds_into_the_time_and_takes_edited_minutes() {
    let mut h = harness_with(Start::Home, true, |_| {});
    h.char('s');
    h.type_text("Ana");
    h.press(KeyCode::Tab);
    h.type_text("Ben");
    for _ in 0..3 {
        h.press(KeyCode::BackTab); // organizer, stages' minutes, minutes available
    }
    h.type_text("17");
    h.press(KeyCode::Enter);
    let screen = h.draw(100, 30);
    assert!(screen.contains("The rounds do not fit"), "{screen}");
    assert_eq!(h.screen_name(), "setup");
    h.press(KeyCode::Backspace);
    h.press(KeyCode::Backspace);
    h.type_text("30");
    let deck = DeckLibrary::load(None)
        .resolve("relational-1on1")
        .unwrap()
        .deck;
    let planned: Vec<u32> = deck.stages.iter().map(|s| s.minutes).collect();
    let plan = crate::record::fit(&planned, deck.debrief_minutes, 2, 30).unwrap();
    let screen = h.draw(100, 30);
    assert!(
        screen.contains(&format!(
            "{} · Ana, then Ben organize",
            crate::i18n::words::fit_plan(&plan)
        )),
        "{screen}"
    );
    snapshot!("setup_fit_60x20", h.draw(60, 20));
    h.press(KeyCode::Enter);
    h.past_brief();
    let screen = h.draw(80, 24);
    assert!(screen.contains("round 1 of 2 · stage 1 of 4"), "{screen}");
    let round = h.app.round().unwrap();
    let secs: Vec<u64> = round
        .practice
        .runs()
        .iter()
        .map(|r| r.planned_secs)
        .collect();
    let expected: Vec<u64> = plan
        .stage_minutes
        .iter()
        .map(|m| u64::from(*m) * 60)
        .collect();
    assert_eq!(secs, expected);
    assert_eq!(round.practice.plan.as_ref().unwrap().rounds, 2);

    // Minutes edited by hand: one round, no plan.
    let mut h = harness_with(Start::Home, true, |_| {});
    h.char('s');
    h.type_text("Ana");
    h.press(KeyCode::Tab);
    h.type_text("Ben");
    h.press(KeyCode::BackTab); // the organizer
    h.press(KeyCode::BackTab); // the stages' minutes
    h.press(KeyCode::Right); // exploration
    h.char('-');
    h.char('-');
    h.press(KeyCode::Enter);
    h.past_brief();
    let round = h.app.round().unwrap();
    assert_eq!(
        round.practice.runs()[1].planned_secs,
        u64::from(planned[1] - 2) * 60
    );
    assert_eq!(
        round.practice.runs()[0].planned_secs,
        u64::from(planned[0]) * 60
    );
    assert!(round.practice.plan.is_none());
}

/// Version-1 files open in review, in full, and in progress.
#[test]
fn version_one_files_open_in_review_and_progress() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1");
    let copy = |store: &Store| {
        for entry in std::fs::read_dir(&fixtures).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, store.sessions_dir().join(path.file_name().unwrap())).unwrap();
        }
    };
    let mut h = harness_with(Start::Review, true, copy);
    let list = h.draw(100, 30);
    assert!(
        list.contains("4 sessions") || list.contains("of 4"),
        "{list}"
    );
    h.press(KeyCode::Enter);
    assert_eq!(h.screen_name(), "session");
    let session = h.draw(100, 60);
    assert!(session.contains("Time and talk per stage"), "{session}");
    let h = harness_with(
        Start::Progress {
            person: None,
            deck: None,
        },
        true,
        copy,
    );
    let progress = h.draw(100, 30);
    assert!(!progress.contains("No rounds saved yet"), "{progress}");
}

#[test]
fn a_resumed_debrief_keeps_its_timer() {
    let mut h = practising();
    h.run_round();
    assert!(h.draw(80, 24).contains("debrief 5:00 left"));
    h.wait(90);
    h.type_text("half written");
    h.ctrl('c');
    let state = h.store.load_in_progress().unwrap().unwrap();
    assert_eq!(state.feedback.as_ref().unwrap().debrief_secs, 90);
    let mut again = harness_with(Start::Home, true, |store| {
        store.save_in_progress(&state).unwrap();
    });
    again.press(KeyCode::Enter);
    assert_eq!(again.screen_name(), "feedback");
    let screen = again.draw(80, 24);
    assert!(screen.contains("debrief 3:30 left"), "{screen}");
    again.wait(10);
    assert!(again.draw(80, 24).contains("debrief 3:20 left"));
}

#[test]
fn a_coach_note_is_only_thrown_away_when_confirmed_and_a_saved_one_says_so() {
    let mut h = with_saved_rounds(1);
    h.char('v');
    h.press(KeyCode::Enter);
    assert_eq!(h.screen_name(), "session");
    h.char('a');
    h.type_text("Coach Kim");
    h.press(KeyCode::Enter);
    h.type_text("Ask sooner.");
    h.press(KeyCode::Esc);
    let asked = h.draw(80, 24);
    assert!(asked.contains("Throw this note away?"), "{asked}");
    h.char('n');
    let kept = h.draw(80, 24);
    assert!(kept.contains("Ask sooner."), "the note is kept: {kept}");
    h.press(KeyCode::Esc);
    h.char('y');
    assert!(!h.draw(80, 24).contains("New coach note"));
    assert!(h.store.load_notes().notes.is_empty());
    // An empty form closes at once.
    h.char('a');
    h.press(KeyCode::Esc);
    let closed = h.draw(80, 24);
    assert!(
        !closed.contains("New coach note") && !closed.contains("Throw"),
        "{closed}"
    );
    h.char('a');
    h.press(KeyCode::Tab);
    h.type_text("Lovely depth.");
    h.ctrl('s');
    assert_eq!(h.store.load_notes().notes.len(), 1);
    let saved = h.draw(80, 24);
    assert!(saved.contains("Note saved"), "{saved}");
    h.press(KeyCode::Down);
    assert!(!h.draw(80, 24).contains("Note saved"));
}

#[test]
fn the_session_view_never_scrolls_into_blank_pages() {
    let mut h = with_saved_rounds(1);
    h.char('v');
    h.press(KeyCode::Enter);
    let top = h.draw(80, 24);
    for _ in 0..30 {
        h.press(KeyCode::PageDown);
        h.draw(80, 24);
    }
    let bottom = h.draw(80, 24);
    assert!(bottom.contains("Coach notes (0)"), "{bottom}");
    let body: Vec<&str> = bottom.lines().skip(1).take(21).collect();
    assert!(
        body.iter()
            .filter(|l| l.trim_matches(['"', '│', ' ']).is_empty())
            .count()
            < 5,
        "blank rows at the end:\n{bottom}"
    );
    h.press(KeyCode::Up);
    let up = h.draw(80, 24);
    assert_ne!(up, bottom, "one Up moves back at once");
    assert_ne!(up, top);
}

fn reviewing_one_round(deck: &str, organizer: &str, partner: &str) -> Harness {
    let deck = DeckLibrary::load(None).resolve(deck).unwrap().deck;
    let mut h = harness_with(
        Start::Practice {
            deck: Box::new(deck),
            people: People::pair(organizer, partner),
            mode: Mode::Pair,
            drill_stage: None,
            seed: Some(7),
            fit: None,
        },
        true,
        |_| {},
    );
    h.past_brief();
    h.run_round();
    h.type_text("fine");
    h.ctrl('s');
    if h.draw(80, 24).contains("┌ Confirm") {
        h.char('y');
    }
    assert_eq!(h.screen_name(), "summary", "{}", h.draw(80, 24));
    h.char('q');
    if h.screen_name() != "home" {
        h.press(KeyCode::Esc);
    }
    h.char('v');
    assert_eq!(h.screen_name(), "review");
    h
}

#[test]
fn review_columns_fit_their_content_and_mark_a_cut() {
    let h = reviewing_one_round("volunteer-recruitment", "Ana", "Ben");
    let screen = h.draw(80, 24);
    assert!(screen.contains("volunteer-recruitment "), "{screen}");
    assert!(screen.contains("Length"), "{screen}");
    assert!(!screen.contains(" Time "), "{screen}");
    let h = reviewing_one_round(
        "trust-across-disagreement",
        "Maximiliana Oyelaran-Whitfield",
        "Bartholomew Nakamura-Lindqvist",
    );
    let screen = h.draw(80, 24);
    let row = screen
        .lines()
        .find(|l| l.contains("│2026-"))
        .expect("a row");
    for cell in ["Maximiliana", "Bartholomew", "trust-across"] {
        assert!(row.contains(cell), "{cell} missing: {row}");
    }
    assert!(row.matches('…').count() >= 2, "a cut without …: {row}");
    assert!(row.contains(" pair "), "{row}");
}

#[test]
fn review_lists_reverse_and_a_new_sort_starts_at_the_top() {
    let mut h = with_saved_rounds(3);
    h.char('v');
    let screen = h.draw(80, 24);
    assert!(
        screen.lines().last().unwrap().contains("r reverse"),
        "{screen}"
    );
    h.press(KeyCode::Down); // Ben's round, the last once sorted by organizer
    h.char('s'); // by organizer: Ana, Ana, Ben
    let screen = h.draw(80, 24);
    let first = screen.lines().find(|l| l.contains("│2026-")).unwrap();
    let selected_is_first = {
        let mut terminal = ratatui::Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|frame| h.app.render(frame)).unwrap();
        let buffer = terminal.backend().buffer().clone();
        let y = screen.lines().position(|l| l == first).unwrap() as u16;
        buffer[(2, y)].bg == ratatui::style::Color::Cyan
    };
    assert!(
        selected_is_first,
        "the selection is not on the top row:\n{screen}"
    );
}

#[test]
fn typing_after_tabbing_into_a_prefilled_name_replaces_it() {
    let setup = |organizer: &str| {
        let deck = DeckLibrary::load(None)
            .resolve("relational-1on1")
            .unwrap()
            .deck;
        let h = harness_with(
            Start::Practice {
                deck: Box::new(deck),
                people: People::pair(organizer, ""),
                mode: Mode::Pair,
                drill_stage: None,
                seed: Some(7),
                fit: None,
            },
            true,
            |_| {},
        );
        assert_eq!(h.screen_name(), "setup");
        h
    };
    let mut h = setup("Ana Lopez");
    h.type_text("Cy"); // the empty partner field has the focus
    h.press(KeyCode::BackTab); // into "Ana Lopez"
    h.type_text("Ben");
    let screen = h.draw(80, 24);
    assert!(!screen.contains("Ana Lopez"), "{screen}");
    h.press(KeyCode::Enter);
    h.past_brief();
    let screen = h.draw(80, 24);
    assert!(screen.contains("Ben (organizer) with Cy"), "{screen}");

    let mut h = setup("Ana Lopez");
    h.type_text("Cy");
    h.press(KeyCode::BackTab);
    h.press(KeyCode::End); // keeps the name, cursor at its end
    h.type_text("-Ruiz");
    h.press(KeyCode::Enter);
    h.past_brief();
    let screen = h.draw(80, 24);
    assert!(screen.contains("Ana Lopez-Ruiz (organizer)"), "{screen}");
}

#[test]
fn every_decks_longest_card_and_persona_fit_at_80x24() {
    let library = DeckLibrary::load(None);
    for loaded in library.decks() {
        let mut deck = loaded.deck.clone();
        let longest = |texts: Vec<String>| {
            texts
                .into_iter()
                .max_by_key(|t| t.chars().count())
                .unwrap_or_default()
        };
        let prompt = longest(deck.stages.iter().flat_map(|s| s.prompts.clone()).collect());
        let tip = longest(deck.stages.iter().flat_map(|s| s.tips.clone()).collect());
        let goal = longest(deck.stages.iter().map(|s| s.goal.clone()).collect());
        deck.stages[0].prompts = vec![prompt.clone()];
        deck.stages[0].tips = vec![tip.clone()];
        deck.stages[0].goal = goal.clone();
        let persona = deck
            .personas
            .iter()
            .max_by_key(|p| p.summary.chars().count())
            .cloned();
        deck.personas = persona.iter().cloned().collect();
        let id = deck.id.clone();
        let mut h = harness_with(
            Start::Practice {
                deck: Box::new(deck),
                people: People::pair("Ana", "Ben"),
                mode: Mode::Pair,
                drill_stage: None,
                seed: Some(7),
                fit: None,
            },
            true,
            |_| {},
        );
        h.past_brief();
        assert_eq!(h.screen_name(), "practice", "{id}");
        let screen = h.draw(80, 24);
        let shown = words_of(&screen.replace('│', " "));
        let mut texts = vec![prompt, tip, goal];
        texts.extend(persona.map(|p| format!("{}: {}", p.name, p.summary)));
        for text in texts {
            let wanted = words_of(&text);
            assert!(
                shown.contains(&wanted),
                "{id}: not all of {text:?} shows at 80×24:\n{screen}"
            );
        }
        assert!(
            !screen.contains("↓ more"),
            "{id}: something hidden:\n{screen}"
        );
    }
}

#[test]
fn a_card_that_does_not_fit_says_more_and_scrolls() {
    let mut h = start_with(Mode::Solo, People::pair("Ana", ""), None);
    let small = h.draw(60, 20);
    assert!(small.contains("↓ more: ↓/j"), "{small}");
    let hidden = !small.contains("Play:");
    assert!(hidden, "the play notes are below: {small}");
    for _ in 0..40 {
        h.press(KeyCode::Down);
        h.draw(60, 20);
    }
    let scrolled = h.draw(60, 20);
    assert!(!scrolled.contains("↓ more"), "{scrolled}");
    assert!(scrolled.contains("↑/k back up"), "{scrolled}");
    h.press(KeyCode::Tab); // a new card starts at its top
    assert!(h.draw(60, 20).contains("↓ more"));
    assert!(PracticeScreen_help_has_scroll(), "↓/j is in the key table");
}

#[allow(non_snake_case)]
fn PracticeScreen_help_has_scroll() -> bool {
    super::screens::practice::PracticeScreen::help()
        .iter()
        .any(|(k, _)| *k == "↓/j")
}

#[test]
fn practice_screen_at_three_sizes() {
    let mut h = practising();
    h.char(' ');
    h.wait(20);
    h.char('1');
    let small = h.draw(60, 20);
    snapshot!("practice_60x20", small);
    snapshot!("practice_80x24", h.draw(80, 24));
    let projector = h.draw(200, 60);
    assert!(
        projector.contains("██████  ██  ██"),
        "no block digits:\n{projector}"
    );
    snapshot!("practice_200x60", projector);
}

#[test]
fn the_practice_header_fits_a_small_window() {
    let deck = DeckLibrary::load(None)
        .resolve("deep-canvass")
        .unwrap()
        .deck;
    let mut h = harness_with(
        Start::Practice {
            deck: Box::new(deck),
            people: People::pair("Maximiliana Oyelaran", "Bartholomew Nakamura"),
            mode: Mode::Pair,
            drill_stage: None,
            seed: Some(7),
            fit: None,
        },
        true,
        |_| {},
    );
    h.past_brief();
    h.char('p');
    let screen = h.draw(60, 20);
    let mut lines = screen.lines();
    let header = lines.next().unwrap().trim_matches('"');
    assert!(
        header.contains('…') && header.ends_with("PAUSED · stage 1 of 5"),
        "{screen}"
    );
    let tabs = lines.next().unwrap().trim_matches('"');
    assert!(tabs.contains("Open and rate"), "{screen}");
    assert!(tabs.contains('…'), "{screen}");
    assert!(
        tabs.trim_end().contains("› Re"),
        "the last stage is on the row: {screen}"
    );
}

#[test]
fn help_lines_wrap_instead_of_being_cut() {
    let mut h = practising();
    h.char('?');
    let screen = h.draw(80, 24);
    let shown = words_of(&screen.replace('│', " "));
    for (_, help) in super::screens::practice::PracticeScreen::help() {
        assert!(
            shown.contains(&words_of(&help)),
            "{help:?} is cut:\n{screen}"
        );
    }
}

#[test]
fn setup_shows_the_chosen_decks_description_whole_and_marks_cuts() {
    let mut h = harness_with(Start::Home, true, |_| {});
    h.char('s');
    while !h.draw(80, 40).contains("▶ Deck") {
        h.press(KeyCode::BackTab);
    }
    let library = DeckLibrary::load(None);
    let decks = library.decks();
    for step in 0..3 {
        let screen = h.draw(80, 40);
        let deck = &decks[step].deck;
        let shown = words_of(&screen.replace('│', " "));
        assert!(
            shown.contains(&words_of(&deck.description)),
            "{} not whole:\n{screen}",
            deck.id
        );
        let lines: Vec<&str> = screen.lines().collect();
        for other in decks.iter().filter(|d| d.deck.id != deck.id) {
            let Some(at) = lines
                .iter()
                .position(|l| l.contains(&format!(" {} ", other.deck.id)))
            else {
                continue; // scrolled out of the list
            };
            let Some(next) = lines.get(at + 1) else {
                continue;
            };
            let text = next.trim_matches('"').trim_matches('│').trim();
            assert!(
                text == other.deck.description || text.ends_with('…'),
                "cut without …: {next}\n{screen}"
            );
        }
        h.press(KeyCode::Down);
    }
}

fn buffer(h: &Harness, width: u16, height: u16) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| h.app.render(frame)).unwrap();
    terminal.backend().buffer().clone()
}

#[test]
fn the_summary_flags_talk_lists_marks_in_deck_order_and_shows_what_worked() {
    let people = People {
        observer: Some("Bartholomew Nakamura".into()),
        ..People::pair("Maximiliana Oyelaran", "Christabel Okonkwo")
    };
    let mut h = start_with(Mode::Triad, people, None);
    h.char(' '); // the organizer talks the whole purpose stage: too much
    h.wait(60);
    h.char('8'); // made the ask, pressed first
    h.char('1'); // open question, pressed second
    h.char(' ');
    while h.screen_name() == "practice" {
        h.char('n');
        if h.draw(80, 24).contains("End the round") {
            h.char('y');
        }
    }
    h.type_text("Stayed with one story.");
    h.ctrl('s');
    if h.draw(80, 24).contains("┌ Confirm") {
        h.char('y');
    }
    assert_eq!(h.screen_name(), "summary", "{}", h.draw(80, 24));
    let screen = h.draw(120, 80);
    let purpose = screen
        .lines()
        .find(|l| l.contains("Purpose") && l.contains('%'))
        .expect("the purpose row");
    assert!(purpose.contains("100% (55–85) ⚑ too much"), "{purpose}");
    let buffer = buffer(&h, 120, 80);
    let y = screen.lines().position(|l| l == purpose).unwrap() as u16;
    let x = purpose
        .trim_matches('"')
        .chars()
        .position(|c| c == '⚑')
        .unwrap() as u16;
    assert_eq!(
        buffer[(x, y)].fg,
        ratatui::style::Color::Yellow,
        "{purpose}"
    );
    let marks = screen.find("open question ×1").expect("marks counted");
    let ask = screen.find("made the ask ×1").expect("marks counted");
    assert!(marks < ask, "not in the deck's order:\n{screen}");
    assert!(
        screen.contains("What worked: Stayed with one story."),
        "{screen}"
    );
    let header = h.draw(80, 24);
    for name in [
        "Maximiliana Oyelaran",
        "Christabel Okonkwo",
        "Bartholomew Nakamura",
    ] {
        assert!(words_of(&header).contains(name), "{name} cut:\n{header}");
    }
}

#[test]
fn a_drills_summary_has_no_commitment_block() {
    let mut h = start_with(Mode::Drill, People::pair("Ana", ""), Some("exploration"));
    h.wait(30);
    while h.screen_name() == "practice" {
        h.char('n');
        if h.draw(80, 24).contains("End the round") {
            h.char('y');
        }
    }
    h.type_text("asked why twice");
    h.ctrl('s');
    if h.draw(80, 24).contains("┌ Confirm") {
        h.char('y');
    }
    assert_eq!(h.screen_name(), "summary");
    let screen = h.draw(100, 80);
    assert!(screen.contains("What worked: asked why twice"), "{screen}");
    assert!(!screen.contains("Commitment —"), "{screen}");
    // A full round with an ask has one: the test can fail.
    let mut full = practising();
    full.run_round();
    full.press(KeyCode::PageDown);
    full.press(KeyCode::PageDown);
    full.press(KeyCode::PageDown);
    full.type_text("Come on Thursday?");
    full.save();
    assert!(full.draw(100, 80).contains("Commitment —"));
}

#[test]
fn the_ask_shows_whole_after_leaving_it() {
    let mut h = practising();
    h.run_round();
    h.press(KeyCode::PageDown); // the partner
    h.press(KeyCode::PageDown); // the checks
    h.press(KeyCode::PageDown); // the commitment
    h.type_text("Come to Thursday's meeting?");
    let focused = h.draw(80, 24);
    assert!(focused.contains("Come to Thursday's meeting?"), "{focused}");
    h.press(KeyCode::Tab);
    let left = h.draw(80, 24);
    let line = left
        .lines()
        .find(|l| l.contains("Thursday"))
        .unwrap_or_else(|| panic!("the ask is gone:\n{left}"));
    assert!(line.contains(": Come to Thursday's meeting?"), "{line}");
    h.press(KeyCode::BackTab);
    h.press(KeyCode::BackTab);
    assert!(h.draw(80, 24).contains("Come to Thursday's meeting?"));
}

#[test]
fn d_on_home_starts_the_suggested_drill() {
    let mut h = with_saved_rounds(2);
    assert_eq!(h.screen_name(), "home");
    let home = h.draw(100, 30);
    assert!(home.contains("Suggested focus"), "{home}");
    assert!(home.contains("d drill"), "{home}");
    let drill = match h.app.screen() {
        Screen::Home(_) => h.app.home_drill().expect("a drill is suggested"),
        _ => unreachable!(),
    };
    h.char('d');
    assert!(
        h.draw(80, 24).contains("Start a new round?"),
        "replacing asks first"
    );
    h.char('y');
    h.past_brief();
    assert_eq!(h.screen_name(), "practice");
    let screen = h.draw(80, 24);
    assert!(screen.contains("drill · stage 1 of 1"), "{screen}");
    assert!(
        screen.contains(&format!("{},", drill.organizer)),
        "{screen}"
    );
    let state = h.store.load_in_progress().unwrap().unwrap();
    assert_eq!(state.practice.current_run().stage_id, drill.stage_id);
    assert_eq!(state.deck.id, drill.deck_id);
}

#[test]
fn setup_offers_recent_names_and_down_picks_one() {
    let mut h = with_saved_rounds(1); // Ana organized Ben
    h.char('s');
    h.char('y'); // replace the unfinished round
    assert_eq!(h.screen_name(), "setup");
    while !h.draw(80, 40).contains("▶ Partner") {
        h.press(KeyCode::Tab);
    }
    h.type_text("Cy"); // replaces the pre-filled Ben
    h.press(KeyCode::BackTab);
    h.type_text("b"); // replaces the pre-filled Ana
    let screen = h.draw(80, 40);
    let offer = screen
        .lines()
        .find(|l| l.contains("Recent:"))
        .unwrap_or_else(|| panic!("no names offered:\n{screen}"));
    assert!(offer.contains("Ben") && !offer.contains("Ana"), "{offer}");
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    h.past_brief();
    let screen = h.draw(80, 24);
    assert!(screen.contains("Ben (organizer) with Cy"), "{screen}");
}

#[test]
fn the_hint_row_ends_with_help_when_it_does_not_fit() {
    let mut h = practising();
    for (width, height) in [(60, 20), (80, 24)] {
        let screen = h.draw(width, height);
        let bar = screen.lines().last().unwrap().trim_matches('"').trim_end();
        assert!(bar.ends_with("…  ? help"), "{bar}");
    }
    let wide = h.draw(140, 40);
    let bar = wide.lines().last().unwrap();
    assert!(bar.contains("h brief  ? help  Esc leave"), "{bar}");
    h.char('?');
    assert!(h.draw(60, 20).contains("Keys: practice"));
}

/// `progress --person Nobody` says there are no rounds for Nobody, and
/// `q` from a screen opened on the command line goes back to the shell.
#[test]
fn progress_for_nobody_says_so_and_q_returns_to_the_shell() {
    let mut h = harness_with(
        Start::Progress {
            person: Some("Nobody".into()),
            deck: None,
        },
        true,
        |_| {},
    );
    let screen = h.draw(80, 24);
    assert!(screen.contains("No rounds for Nobody"), "{screen}");
    h.char('q');
    assert!(h.app.should_quit(), "q went home instead of to the shell");
    let mut h = harness_with(Start::Review, true, |_| {});
    h.char('q');
    assert!(h.app.should_quit());
    // From home, q on review goes back home as before.
    let mut h = harness_with(Start::Home, true, |_| {});
    h.char('v');
    h.char('q');
    assert!(!h.app.should_quit());
    assert_eq!(h.screen_name(), "home");
}

mod french;
mod mouse;

/// The app over `store` loading its sessions behind the first frame, with
/// the index in `cache`.
fn loading_behind(h: &Harness, cache: &std::path::Path, start: Start) -> App {
    let settings = Settings {
        theme: Theme::color(),
        bell: false,
        mouse: true,
        practice: PracticeDefaults::default(),
        load_behind: true,
        seed_source: Some(1),
    };
    App::new(
        h.store.clone().with_cache(Some(cache.to_owned())),
        DeckLibrary::load(None),
        Box::new(h.clock.clone()),
        settings,
        start,
    )
}

fn draw_app(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn sessions_load_behind_the_first_frame_and_fill_it_in() {
    let h = with_saved_rounds(2);
    let cache = h._dir.path().join("cache");

    // Home: drawn at once, saying the sessions are still coming.
    let mut app = loading_behind(&h, &cache, Start::Home);
    let first = draw_app(&app, 80, 24);
    assert!(first.contains("Menu"), "{first}");
    assert!(first.contains("saved sessions"), "{first}");
    assert!(!first.contains("Last session: 2026"), "{first}");
    app.wait_for_library();
    let filled = draw_app(&app, 80, 24);
    assert!(filled.contains("Last session: 2026-11-25"), "{filled}");

    // Review: the table waits, keys work meanwhile, then the rows come.
    let mut app = loading_behind(&h, &cache, Start::Review);
    let first = draw_app(&app, 80, 24);
    assert!(first.contains("saved sessions"), "{first}");
    assert!(
        !first.contains("0 of 0"),
        "no count before the sessions: {first}"
    );
    app.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE));
    app.wait_for_library();
    let filled = draw_app(&app, 80, 24);
    assert!(filled.contains("2 of 2 sessions"), "{filled}");

    // Progress: opened as asked once the sessions are in.
    let mut app = loading_behind(
        &h,
        &cache,
        Start::Progress {
            person: Some("Ben".into()),
            deck: None,
        },
    );
    app.wait_for_library();
    let filled = draw_app(&app, 80, 24);
    assert!(filled.contains("◀ Ben ▶ · 1 round of"), "{filled}");
}

#[test]
fn a_round_started_while_sessions_load_shows_the_last_lesson_once_they_are_in() {
    let h = saved_with_a_lesson();
    let cache = h._dir.path().join("cache");
    // `tandem practice --organizer Ana --partner Ben`: the round starts
    // before the index is read.
    let mut app = loading_behind(&h, &cache, practice_start());
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let before = draw_app(&app, 80, 24);
    assert!(!before.contains("Last time"), "{before}");
    app.wait_for_library();
    let after = draw_app(&app, 80, 24);
    assert!(
        after.contains("Last time: Ask why at least twice"),
        "{after}"
    );
}
