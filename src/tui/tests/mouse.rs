//! Clicks and the wheel, fed to the app as the terminal reports them, on
//! what the last frame drew.

use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use unicode_width::UnicodeWidthStr;

use super::{Harness, harness_from, harness_with, practising, with_saved_rounds};
use crate::config::PracticeDefaults;
use crate::deck::DeckLibrary;
use crate::tui::app::{App, Screen, Settings, Start};
use crate::tui::theme::Theme;

impl Harness {
    fn mouse(&mut self, kind: MouseEventKind, column: u16, row: u16) {
        self.app.handle_mouse(&MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        });
        self.app.tick();
    }

    /// Draws at `width`×`height` (as the terminal shows it before the
    /// click), then clicks `at` cells into the first `text` on screen.
    fn click_into(&mut self, text: &str, at: usize, width: u16, height: u16) {
        let screen = self.draw(width, height);
        let (row, line) = screen
            .lines()
            .enumerate()
            .find(|(_, line)| line.contains(text))
            .unwrap_or_else(|| panic!("no `{text}` on screen:\n{screen}"));
        // Each line of the drawing starts with a quote.
        let column = line[..line.find(text).unwrap()].width() - 1 + at;
        let (column, row) = (column as u16, row as u16);
        self.mouse(MouseEventKind::Down(MouseButton::Left), column, row);
    }

    fn click_on(&mut self, text: &str) {
        self.click_into(text, 0, 100, 40);
    }

    fn wheel(&mut self, down: bool) {
        let kind = if down {
            MouseEventKind::ScrollDown
        } else {
            MouseEventKind::ScrollUp
        };
        self.mouse(kind, 10, 10);
    }

    /// The id of the session Enter opens from the review list, and back.
    fn open_selected(&mut self) -> String {
        self.press(KeyCode::Enter);
        let Screen::Session(session) = self.app.screen() else {
            panic!("expected a session, got {}", self.screen_name());
        };
        let id = session.record().id.clone();
        self.char('q');
        assert_eq!(self.screen_name(), "review");
        id
    }
}

#[test]
fn a_click_on_a_home_entry_chooses_it() {
    let mut h = harness_with(Start::Home, true, |_| {});
    h.click_on("tandem"); // the title: nothing
    assert_eq!(h.screen_name(), "home");
    h.click_on("Review sessions");
    assert_eq!(h.screen_name(), "review");
    h.char('q');
    h.click_on("Progress: ratings");
    assert_eq!(h.screen_name(), "progress");
    h.char('q');
    assert!(!h.app.should_quit());
    h.click_on("Quit");
    assert!(h.app.should_quit());
}

#[test]
fn with_the_mouse_off_clicks_do_nothing() {
    let settings = Settings {
        theme: Theme::color(),
        bell: true,
        mouse: false,
        practice: PracticeDefaults::default(),
        load_behind: false,
        seed_source: Some(1),
    };
    let mut h = harness_from(Start::Home, settings, |_| {});
    h.click_on("Review sessions");
    assert_eq!(h.screen_name(), "home");
}

#[test]
fn a_click_closes_the_help_as_a_key_does() {
    let mut h = harness_with(Start::Home, true, |_| {});
    h.char('?');
    assert!(h.draw(100, 40).contains("Start a new practice round"));
    h.wheel(true);
    assert!(h.draw(100, 40).contains("Start a new practice round"));
    h.click_on("Review sessions");
    assert!(!h.draw(100, 40).contains("Start a new practice round"));
    assert_eq!(h.screen_name(), "home", "the click only closed the help");
}

#[test]
fn a_click_on_a_deck_in_setup_chooses_it() {
    let mut h = harness_with(Start::Home, true, |_| {});
    h.char('s');
    assert!(h.draw(100, 40).contains("▶ relational-1on1"));
    h.click_on("deep-canvass");
    let screen = h.draw(100, 40);
    assert!(screen.contains("▶ deep-canvass"), "{screen}");
    // The deck list has the focus now, so ↓ moves on from the clicked deck.
    h.press(KeyCode::Down);
    assert!(!h.draw(100, 40).contains("▶ deep-canvass"));
}

#[test]
fn a_click_on_a_star_sets_the_rating_and_a_check_ticks() {
    let mut h = practising();
    h.run_round();
    assert_eq!(h.screen_name(), "feedback");
    // The organizer's first rating (purpose): its fourth star.
    h.click_into("·····", 3, 80, 24);
    let screen = h.draw(80, 24);
    assert!(screen.contains("★★★★☆ 4"), "{screen}");
    let draft = h
        .store
        .load_in_progress()
        .unwrap()
        .unwrap()
        .feedback
        .unwrap();
    let scores: Vec<(String, u8)> = draft.participants[0]
        .ratings
        .iter()
        .map(|r| (r.stage.clone(), r.score))
        .collect();
    assert_eq!(scores, [("purpose".to_owned(), 4)]);
    // Typing goes where the click put the focus.
    h.click_on("What worked?");
    h.type_text("clicked");
    assert!(h.draw(100, 40).contains("clicked"));
    h.press(KeyCode::End); // the checks, near the end of the form
    h.click_into("[ ]", 0, 100, 60);
    assert!(h.draw(100, 60).contains("[x]"), "{}", h.draw(100, 60));
}

#[test]
fn a_click_on_the_progress_tabs_changes_the_person() {
    let mut h = with_saved_rounds(2);
    h.char('p');
    let everyone = h.draw(100, 40);
    assert!(everyone.contains("◀ everyone ▶"), "{everyone}");
    let person = |h: &Harness| match h.app.screen() {
        Screen::Progress(progress) => progress.person().map(str::to_owned),
        _ => panic!("expected progress, got {}", h.screen_name()),
    };
    h.click_into("everyone ▶", 9, 100, 40);
    let next = person(&h).expect("the next person");
    h.click_into("◀", 0, 100, 40);
    assert_eq!(person(&h), None, "back to everyone");
    h.click_into("◀", 0, 100, 40);
    let last = person(&h).expect("the last person");
    assert_ne!(next, last, "two organizers, ◀ and ▶ go opposite ways");
}

#[test]
fn a_click_on_the_deck_family_in_the_progress_title_shows_the_next_one() {
    let mut h = with_saved_rounds(1);
    // Asked for a family with no rounds: it is shown, after the one with
    // rounds.
    let settings = Settings {
        theme: Theme::color(),
        bell: false,
        mouse: true,
        practice: PracticeDefaults::default(),
        load_behind: false,
        seed_source: Some(1),
    };
    let start = Start::Progress {
        person: None,
        deck: Some("deep-canvass".into()),
    };
    h.app = App::new(
        h.store.clone(),
        DeckLibrary::load(None),
        Box::new(h.clock.clone()),
        settings,
        start,
    );
    let family = |h: &Harness| match h.app.screen() {
        Screen::Progress(progress) => progress.family().map(str::to_owned),
        _ => panic!("expected progress, got {}", h.screen_name()),
    };
    assert_eq!(family(&h).as_deref(), Some("deep-canvass"));
    h.click_into("of deep-canvass", 4, 100, 40);
    assert_eq!(family(&h).as_deref(), Some("relational-1on1"));
    h.click_into("of relational-1on1", 1, 100, 40);
    assert_eq!(
        family(&h).as_deref(),
        Some("relational-1on1"),
        "`of` is not the family"
    );
    h.click_into("of relational-1on1", 8, 100, 40);
    assert_eq!(family(&h).as_deref(), Some("deep-canvass"));
}

#[test]
fn the_wheel_moves_through_the_review_list() {
    let mut h = with_saved_rounds(3);
    h.char('v');
    let first = h.open_selected();
    h.wheel(true);
    h.wheel(true);
    let third = h.open_selected();
    assert_ne!(first, third);
    h.press(KeyCode::Up);
    let second = h.open_selected();
    assert!(second != first && second != third);
    h.wheel(false);
    assert_eq!(h.open_selected(), first);
    h.wheel(false);
    assert_eq!(h.open_selected(), first, "the top stays the top");
}
