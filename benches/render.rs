//! How long one frame takes to render at 80×24 (the quality bar: under
//! 1 ms). Each screen is reached the way a user reaches it, with a fake
//! clock, and drawn to a ratatui `TestBackend`.
//!
//! `cargo bench --bench render`
//!
//! - `first_frame`: a fresh terminal each time, so every cell is drawn and
//!   diffed: the worst case, as after a resize.
//! - `practice_next_second`: the same terminal, one second later: what the
//!   event loop does once a second while the timer runs.

use chrono::{TimeZone, Utc};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tandem::deck::DeckLibrary;
use tandem::practice::{FakeClock, Mode, People};
use tandem::store::Store;
use tandem::tui::app::{App, Settings, Start};
use tandem::tui::theme::Theme;
use tempfile::TempDir;

#[path = "../examples/gen_sessions.rs"]
#[allow(dead_code)]
mod gen_sessions;

const WIDTH: u16 = 80;
const HEIGHT: u16 = 24;

fn main() {
    divan::main();
}

/// An app on a temp data dir with a fake clock.
struct Fixture {
    app: App,
    clock: FakeClock,
    _dir: TempDir,
}

impl Fixture {
    fn new(start: Start, sessions: usize) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("data")).expect("store");
        if sessions > 0 {
            let records = gen_sessions::generate(sessions, 1).expect("generated sessions");
            gen_sessions::save_all(&store, &records).expect("saved sessions");
        }
        let clock = FakeClock::at(Utc.with_ymd_and_hms(2026, 11, 25, 18, 30, 0).unwrap());
        let settings = Settings {
            theme: Theme::color(),
            bell: false,
            mouse: true,
            practice: Default::default(),
            seed_source: Some(1),
            load_behind: false,
        };
        let app = App::new(
            store,
            DeckLibrary::load(None),
            Box::new(clock.clone()),
            settings,
            start,
        );
        Fixture {
            app,
            clock,
            _dir: dir,
        }
    }

    /// Four minutes into a round: talk on the meter, a few marks, the
    /// second prompt card.
    fn practising() -> Fixture {
        let deck = DeckLibrary::load(None)
            .resolve("relational-1on1")
            .expect("bundled deck")
            .deck;
        let mut fixture = Fixture::new(
            Start::Practice {
                deck: Box::new(deck),
                people: People::pair("Ana", "Ben"),
                mode: Mode::Pair,
                drill_stage: None,
                seed: Some(7),
                fit: None,
            },
            0,
        );
        fixture.key(KeyCode::Enter); // past the partner's brief
        fixture.key(KeyCode::Char(' '));
        fixture.wait(100);
        fixture.key(KeyCode::Char('n'));
        fixture.key(KeyCode::Char(' '));
        fixture.wait(60);
        fixture.key(KeyCode::Char('2'));
        fixture.key(KeyCode::Tab);
        fixture.wait(80);
        fixture.key(KeyCode::Char('3'));
        fixture.key(KeyCode::Char('2'));
        fixture
    }

    /// The feedback form after a round, with some text typed.
    fn feedback() -> Fixture {
        let mut fixture = Fixture::practising();
        // From the second stage to the last, then yes to ending the round.
        for key in ['n', 'n', 'n', 'y'] {
            fixture.key(KeyCode::Char(key));
        }
        "Stayed with one story and asked why twice."
            .chars()
            .for_each(|c| fixture.key(KeyCode::Char(c)));
        fixture.key(KeyCode::Tab);
        "Make the ask sooner."
            .chars()
            .for_each(|c| fixture.key(KeyCode::Char(c)));
        fixture
    }

    fn key(&mut self, code: KeyCode) {
        self.app
            .handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
        self.app.tick();
    }

    fn wait(&mut self, secs: u64) {
        self.clock.advance_secs(secs);
        self.app.tick();
    }
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal")
}

fn first_frame(bencher: Bencher, fixture: &Fixture) {
    bencher.with_inputs(terminal).bench_local_refs(|terminal| {
        terminal
            .draw(|frame| fixture.app.render(frame))
            .expect("draw");
    });
}

#[divan::bench]
fn practice_first_frame(bencher: Bencher) {
    first_frame(bencher, &Fixture::practising());
}

#[divan::bench]
fn practice_next_second(bencher: Bencher) {
    let fixture = Fixture::practising();
    let mut terminal = terminal();
    terminal
        .draw(|frame| fixture.app.render(frame))
        .expect("draw");
    // The clock moves inside the timed part (a `Cell` write): inputs made
    // ahead of a sample would all see the last second.
    bencher.bench_local(|| {
        fixture.clock.advance_secs(1);
        terminal
            .draw(|frame| fixture.app.render(frame))
            .expect("draw");
    });
}

#[divan::bench]
fn feedback_first_frame(bencher: Bencher) {
    first_frame(bencher, &Fixture::feedback());
}

#[divan::bench]
fn home_first_frame(bencher: Bencher) {
    first_frame(bencher, &Fixture::new(Start::Home, 50));
}
