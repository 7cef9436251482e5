//! The workshop driven as its connections drive it, with a fake clock; each
//! connection's frame is drawn on a `TestBackend` of its own size.

use std::time::Duration;

use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

use super::*;
use crate::deck::DeckLibrary;
use crate::practice::FakeClock;
use crate::store::read_session;

const ORGANIZER: ClientId = ClientId(1);
const PARTNER: ClientId = ClientId(2);
const OBSERVER: ClientId = ClientId(3);
const FACILITATOR: ClientId = ClientId(9);

struct Harness {
    workshop: Workshop,
    clock: FakeClock,
    store: Store,
    /// Frames drawn whole, by connection and size, for the tick tests.
    last_frames: std::collections::HashMap<(ClientId, u16, u16), ratatui::buffer::Buffer>,
    _dir: TempDir,
}

fn harness(rooms: usize) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    let clock = FakeClock::at(Utc.with_ymd_and_hms(2026, 11, 25, 18, 30, 0).unwrap());
    let deck = DeckLibrary::load(None)
        .resolve("relational-1on1")
        .unwrap()
        .deck;
    let codes = (1..=rooms).map(|n| format!("code{n}")).collect();
    let workshop = Workshop::new(
        codes,
        &deck,
        None,
        store.clone(),
        Box::new(clock.clone()),
        Theme::color(),
        7,
    );
    Harness {
        workshop,
        clock,
        store,
        last_frames: std::collections::HashMap::new(),
        _dir: dir,
    }
}

impl Harness {
    fn key(&mut self, id: ClientId, code: KeyCode) {
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        self.workshop.input(id, &event);
    }

    fn typed(&mut self, id: ClientId, text: &str) {
        for c in text.chars() {
            self.key(id, KeyCode::Char(c));
        }
    }

    fn draw_at(&self, id: ClientId, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| self.workshop.render(id, frame))
            .unwrap();
        terminal.backend().to_string()
    }

    /// Draws `id`'s whole frame at this size and keeps it.
    fn remember_frame(&mut self, id: ClientId, width: u16, height: u16) {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| self.workshop.render(id, frame))
            .unwrap();
        let frame = terminal.backend().buffer().clone();
        self.last_frames.insert((id, width, height), frame);
    }

    fn draw(&self, id: ClientId) -> String {
        self.draw_at(id, 80, 24)
    }

    /// `id` joins room 0 under `name`, stepping down to `role`.
    fn seat(&mut self, id: ClientId, name: &str, role: Role) {
        self.seat_speaking(id, name, role, None);
    }

    /// [`Harness::seat`], for a connection whose locale names `language`.
    fn seat_speaking(&mut self, id: ClientId, name: &str, role: Role, language: Option<Language>) {
        self.workshop.join(id, Admission::Room(0), language);
        self.typed(id, name);
        let room = &self.workshop.rooms()[0];
        let open = room.open_roles();
        let steps = open.iter().position(|r| *r == role).unwrap();
        for _ in 0..steps {
            self.key(id, KeyCode::Down);
        }
        self.key(id, KeyCode::Enter);
        assert_eq!(
            self.workshop.rooms()[0].seat(role).map(|s| s.name.as_str()),
            Some(name),
            "{name} is not seated:\n{}",
            self.draw(id)
        );
    }

    fn pair_running(&mut self) {
        self.seat(ORGANIZER, "Ana", Role::Organizer);
        self.seat(PARTNER, "Ben", Role::Partner);
        self.key(ORGANIZER, KeyCode::Enter);
        assert!(self.workshop.rooms()[0].running().is_some());
    }

    fn private_text(&self) -> (String, String) {
        let round = self.workshop.rooms()[0].round().expect("a round");
        let persona = round.persona().expect("the deck has personas");
        let (field, text) = persona.private_fields()[0];
        let start: String = text.chars().take(16).collect();
        (crate::i18n::words::private_field(field), start)
    }
}

#[test]
fn a_newcomer_sees_who_is_here_and_the_open_roles() {
    let mut h = harness(2);
    h.seat(ORGANIZER, "Ana", Role::Organizer);
    h.workshop.join(PARTNER, Admission::Room(0), None);
    let screen = h.draw(PARTNER);
    assert!(screen.contains("Room 1"), "{screen}");
    assert!(screen.contains("Already here: Ana (organizer)"), "{screen}");
    assert!(screen.contains("▶ partner"), "{screen}");
    assert!(screen.contains("observer"), "{screen}");
    assert!(!screen.contains("▶ organizer"), "{screen}");
    // Enter without a name says what is missing and seats nobody.
    h.key(PARTNER, KeyCode::Enter);
    assert!(h.draw(PARTNER).contains("Type your name first."));
    assert!(h.workshop.rooms()[0].seat(Role::Partner).is_none());
}

#[test]
fn the_organizer_never_sees_the_private_brief_and_the_partner_does() {
    let mut h = harness(1);
    h.seat(ORGANIZER, "Ana", Role::Organizer);
    h.seat(PARTNER, "Ben", Role::Partner);
    // Before the round: the partner reads the brief, the organizer waits.
    let brief = h.draw(PARTNER);
    let waiting = h.draw(ORGANIZER);
    assert!(waiting.contains("reading their brief"), "{waiting}");
    h.key(PARTNER, KeyCode::Enter);
    let (label, private) = h.private_text();
    assert!(
        brief.contains(&private),
        "the brief lacks {private:?}:\n{brief}"
    );
    for size in [(60, 20), (80, 24), (200, 60)] {
        let organizer = h.draw_at(ORGANIZER, size.0, size.1);
        let partner = h.draw_at(PARTNER, size.0, size.1);
        assert!(
            !organizer.contains(&private) && !organizer.contains(&label),
            "{organizer}"
        );
        if size.1 > 20 {
            assert!(partner.contains(&label), "{partner}");
        }
    }
    // `h` does not open it for the organizer, not even after a yes.
    h.key(ORGANIZER, KeyCode::Char('h'));
    h.key(ORGANIZER, KeyCode::Char('y'));
    assert!(!h.draw_at(ORGANIZER, 200, 60).contains(&private));
    assert!(!h.draw(ORGANIZER).contains(" h "));
}

#[test]
fn everyone_in_the_room_sees_the_same_stage_clock_and_marks() {
    let mut h = harness(1);
    h.seat(ORGANIZER, "Ana", Role::Organizer);
    h.seat(PARTNER, "Ben", Role::Partner);
    h.seat(OBSERVER, "Cy", Role::Observer);
    h.key(PARTNER, KeyCode::Enter);
    h.clock.advance(Duration::from_secs(75));
    h.workshop.tick();
    h.key(OBSERVER, KeyCode::Char('1'));
    let label = h.workshop.rooms()[0].deck.marks[0].label.clone();
    let clock = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains("left"))
            .map(str::to_owned)
            .unwrap_or_default()
    };
    let screens: Vec<String> = [ORGANIZER, PARTNER, OBSERVER]
        .into_iter()
        .map(|id| h.draw(id))
        .collect();
    for screen in &screens {
        assert!(screen.contains("Purpose"), "{screen}");
        assert!(screen.contains(&label), "the mark is missing:\n{screen}");
        assert_eq!(clock(screen), clock(&screens[0]));
        assert!(!clock(screen).is_empty(), "{screen}");
    }
    // The next stage, keyed by anyone, moves everyone.
    h.key(ORGANIZER, KeyCode::Char('n'));
    let stage = h.workshop.rooms()[0]
        .running()
        .unwrap()
        .practice
        .current_index();
    assert_eq!(stage, 1);
}

#[test]
fn each_person_hands_in_their_part_and_one_session_is_saved() {
    let mut h = harness(1);
    h.pair_running();
    h.workshop.rooms[0].finish(h.clock.now());
    h.workshop.tick();
    let organizer = h.draw(ORGANIZER);
    let partner = h.draw(PARTNER);
    assert!(organizer.contains("What worked"), "{organizer}");
    assert!(!organizer.contains("felt heard"), "{organizer}");
    assert!(!partner.contains("What worked"), "{partner}");
    // Both type at the same time, each on their own form.
    h.typed(ORGANIZER, "asked about the rent");
    h.key(PARTNER, KeyCode::Char('y'));
    // The partner saves first (Ctrl-S) and waits for the organizer.
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    h.workshop.input(PARTNER, &Event::Key(save));
    h.key(PARTNER, KeyCode::Char('y'));
    let waiting = h.draw(PARTNER);
    assert!(
        waiting.contains("Waiting for: Ana (organizer)"),
        "{waiting}"
    );
    h.workshop.input(ORGANIZER, &Event::Key(save));
    h.key(ORGANIZER, KeyCode::Char('y'));
    let Phase::Saved(saved) = &h.workshop.rooms()[0].phase else {
        panic!("not saved:\n{}", h.draw(ORGANIZER));
    };
    let record = read_session(&saved.path).unwrap();
    let organizer = record
        .feedback
        .iter()
        .find(|f| f.role == Role::Organizer)
        .unwrap();
    assert_eq!(organizer.what_worked, "asked about the rent");
    assert_eq!(record.feedback.len(), 2);
    assert_eq!(
        std::fs::read_dir(h.store.sessions_dir()).unwrap().count(),
        1
    );
    assert!(h.draw(PARTNER).contains("Saved"));
}

#[test]
fn a_dropped_connection_rejoins_its_role_and_the_round_goes_on() {
    let mut h = harness(1);
    h.pair_running();
    h.clock.advance(Duration::from_secs(30));
    h.key(ORGANIZER, KeyCode::Char('n'));
    h.workshop.leave(PARTNER);
    assert!(h.draw(ORGANIZER).contains("Exploration") || h.workshop.rooms()[0].running().is_some());
    // The same person comes back on a new connection.
    let back = ClientId(22);
    h.workshop.join(back, Admission::Room(0), None);
    let screen = h.draw(back);
    assert!(screen.contains("rejoin as Ben"), "{screen}");
    h.key(back, KeyCode::Enter);
    let room = &h.workshop.rooms()[0];
    assert!(room.seat(Role::Partner).unwrap().connected);
    assert_eq!(room.running().unwrap().practice.current_index(), 1);
    let (label, _) = h.private_text();
    assert!(h.draw(back).contains(&label));
}

#[test]
fn the_facilitator_starts_pauses_and_writes_to_every_room() {
    let mut h = harness(3);
    h.seat(ORGANIZER, "Ana", Role::Organizer);
    h.seat(PARTNER, "Ben", Role::Partner);
    h.workshop.join(FACILITATOR, Admission::Facilitator, None);
    let board = h.draw(FACILITATOR);
    assert!(board.contains("3 rooms, 0 with a round"), "{board}");
    assert!(
        board.contains("code1") && board.contains("Ana, Ben"),
        "{board}"
    );
    h.key(FACILITATOR, KeyCode::Char('s'));
    assert!(h.workshop.rooms()[0].running().is_some());
    assert!(h.workshop.rooms()[1].running().is_none(), "nobody is there");
    h.clock.advance(Duration::from_secs(10));
    h.key(FACILITATOR, KeyCode::Char('p'));
    assert!(
        h.workshop.rooms()[0]
            .running()
            .unwrap()
            .practice
            .is_paused()
    );
    let board = h.draw(FACILITATOR);
    assert!(board.contains("(paused)"), "{board}");
    h.key(FACILITATOR, KeyCode::Char('c'));
    assert!(
        !h.workshop.rooms()[0]
            .running()
            .unwrap()
            .practice
            .is_paused()
    );
    h.key(FACILITATOR, KeyCode::Char('w'));
    h.typed(FACILITATOR, "2 minutes left\u{1b}[2J, move to your ask");
    h.key(FACILITATOR, KeyCode::Enter);
    for id in [ORGANIZER, PARTNER] {
        let screen = h.draw(id);
        assert!(
            screen.contains("Facilitator: 2 minutes left[2J, move to your ask"),
            "{screen}"
        );
    }
    // The board says what every screen shows, instead of showing it on top.
    let board = h.draw(FACILITATOR);
    assert!(
        board.contains("On every screen: 2 minutes left[2J, move to your ask"),
        "{board}"
    );
    assert!(!board.contains("Facilitator:"), "{board}");
    // The line goes after a while, from the board too.
    h.clock.advance(BROADCAST_FOR);
    h.workshop.tick();
    assert!(!h.draw(ORGANIZER).contains("Facilitator:"));
    assert!(!h.draw(FACILITATOR).contains("On every screen"));
}

#[test]
fn ending_the_breakout_keeps_every_unfinished_round_and_closes_everyone() {
    let mut h = harness(2);
    h.pair_running();
    h.workshop.join(FACILITATOR, Admission::Facilitator, None);
    h.key(FACILITATOR, KeyCode::Char('e'));
    assert!(!h.workshop.is_ended(), "asks first");
    h.key(FACILITATOR, KeyCode::Char('y'));
    assert!(h.workshop.is_ended());
    let closing = h.workshop.take_closing();
    assert_eq!(closing.len(), 3);
    assert!(closing.iter().all(|(_, line)| line.contains("ended")));
    let kept = h.store.room_in_progress_path(1);
    let text = std::fs::read_to_string(&kept).unwrap();
    assert!(text.contains("Ana") && text.contains("Ben"), "{text}");
    assert!(!h.store.room_in_progress_path(2).exists());
}

#[test]
fn the_debrief_typed_so_far_is_kept_with_the_round() {
    let mut h = harness(1);
    h.pair_running();
    h.workshop.rooms[0].finish(h.clock.now());
    h.workshop.tick();
    h.typed(ORGANIZER, "good opening");
    let written = h.workshop.keep_unfinished();
    assert_eq!(written.len(), 1);
    let text = std::fs::read_to_string(&written[0]).unwrap();
    assert!(text.contains("good opening"), "{text}");
}

#[test]
fn odd_terminal_sizes_get_the_larger_window_message_or_a_frame() {
    let mut h = harness(1);
    h.pair_running();
    h.workshop.join(FACILITATOR, Admission::Facilitator, None);
    for id in [ORGANIZER, FACILITATOR] {
        let mut terminal = Terminal::new(TestBackend::new(0, 0)).unwrap();
        terminal.draw(|frame| h.workshop.render(id, frame)).unwrap();
        assert!(h.draw_at(id, 30, 10).contains("larger"));
        assert!(h.draw_at(id, 400, 200).contains("Purpose"));
    }
}

#[test]
fn ctrl_c_leaves_the_room_and_keeps_the_seat() {
    let mut h = harness(1);
    h.pair_running();
    let quit = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    h.workshop.input(PARTNER, &Event::Key(quit));
    let closing = h.workshop.take_closing();
    assert_eq!(closing.len(), 1);
    assert_eq!(closing[0].0, PARTNER);
    let seat = h.workshop.rooms()[0].seat(Role::Partner).unwrap();
    assert!(!seat.connected);
    assert!(h.workshop.rooms()[0].running().is_some());
}

#[test]
fn the_next_round_gives_each_person_their_new_role() {
    let mut h = harness(1);
    h.pair_running();
    h.workshop.rooms[0].finish(h.clock.now());
    h.workshop.tick();
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    for id in [ORGANIZER, PARTNER] {
        h.workshop.input(id, &Event::Key(save));
        h.key(id, KeyCode::Char('y'));
    }
    assert!(matches!(h.workshop.rooms()[0].phase, Phase::Saved(_)));
    h.key(PARTNER, KeyCode::Char('s'));
    let room = &h.workshop.rooms()[0];
    assert!(matches!(room.phase, Phase::Gathering));
    assert_eq!(room.seat(Role::Organizer).unwrap().name, "Ben");
    // Ana partners now: she reads the brief; Ben waits for her.
    assert!(h.draw(ORGANIZER).contains("Enter"));
    assert!(h.draw(PARTNER).contains("reading their brief"));
}

#[test]
fn the_serve_screens_at_three_sizes() {
    let mut h = harness(3);
    h.seat(ORGANIZER, "Ana", Role::Organizer);
    h.workshop.join(PARTNER, Admission::Room(0), None);
    h.typed(PARTNER, "Bernadette Okonkwo-Villanueva");
    h.workshop.join(FACILITATOR, Admission::Facilitator, None);
    for (width, height) in [(60, 20), (80, 24), (200, 60)] {
        let name = format!("{width}x{height}");
        insta::assert_snapshot!(format!("join_{name}"), h.draw_at(PARTNER, width, height));
        insta::assert_snapshot!(format!("lobby_{name}"), h.draw_at(ORGANIZER, width, height));
    }
    h.key(PARTNER, KeyCode::Enter);
    h.seat(OBSERVER, "Cy", Role::Observer);
    h.key(FACILITATOR, KeyCode::Char('s'));
    h.clock.advance(Duration::from_secs(200));
    h.workshop.tick();
    h.key(FACILITATOR, KeyCode::Char('w'));
    h.typed(FACILITATOR, "2 minutes left, move to your ask");
    h.key(FACILITATOR, KeyCode::Enter);
    for (width, height) in [(60, 20), (80, 24), (200, 60)] {
        let name = format!("{width}x{height}");
        insta::assert_snapshot!(
            format!("board_{name}"),
            h.draw_at(FACILITATOR, width, height)
        );
        insta::assert_snapshot!(
            format!("observer_{name}"),
            h.draw_at(OBSERVER, width, height)
        );
    }
    h.workshop.rooms[0].finish(h.clock.now());
    h.workshop.tick();
    insta::assert_snapshot!("partner_debrief_80x24", h.draw(PARTNER));
    insta::assert_snapshot!("observer_debrief_80x24", h.draw(OBSERVER));
}

impl Harness {
    /// A new workshop over the same data dir, as after a restart.
    fn restarted(&self) -> Workshop {
        let deck = DeckLibrary::load(None)
            .resolve("relational-1on1")
            .unwrap()
            .deck;
        Workshop::new(
            vec!["new1".into(), "new2".into()],
            &deck,
            None,
            self.store.clone(),
            Box::new(self.clock.clone()),
            Theme::color(),
            8,
        )
    }
}

#[test]
fn a_restarted_server_takes_up_the_kept_round_paused_for_its_people() {
    let mut h = harness(2);
    h.pair_running();
    h.clock.advance(Duration::from_secs(40));
    h.key(ORGANIZER, KeyCode::Char('n'));
    h.workshop.keep_unfinished();
    let mut again = h.restarted();
    let log = again.take_log();
    assert_eq!(log.len(), 1, "{log:?}");
    assert!(
        log[0].contains("Room 1") && log[0].contains("Ana"),
        "{log:?}"
    );
    let room = &again.rooms()[0];
    let round = room.running().expect("the round is back");
    assert!(round.practice.is_paused());
    assert_eq!(round.practice.current_index(), 1);
    assert_eq!(room.open_roles(), vec![Role::Organizer, Role::Partner]);
    assert!(again.rooms()[1].round().is_none());
    // Ben rejoins his seat on the new code.
    h.workshop = again;
    h.workshop.join(PARTNER, Admission::Room(0), None);
    h.key(PARTNER, KeyCode::Down);
    let screen = h.draw(PARTNER);
    assert!(screen.contains("▶ partner — rejoin as Ben"), "{screen}");
    h.key(PARTNER, KeyCode::Enter);
    assert!(h.draw(PARTNER).contains("stage 2 of 4"));
}

#[test]
fn a_restarted_debrief_goes_on_from_what_was_typed() {
    let mut h = harness(1);
    h.pair_running();
    h.workshop.rooms[0].finish(h.clock.now());
    h.workshop.tick();
    h.typed(ORGANIZER, "good opening");
    h.clock.advance(Duration::from_secs(70));
    h.workshop.keep_unfinished();
    h.workshop = h.restarted();
    assert!(matches!(h.workshop.rooms()[0].phase, Phase::Debrief(_)));
    h.seat(ORGANIZER, "Ana", Role::Organizer);
    let screen = h.draw(ORGANIZER);
    assert!(screen.contains("good opening"), "{screen}");
    assert!(
        screen.contains("3:50 left"),
        "the debrief clock goes on:\n{screen}"
    );
}

#[test]
fn an_unreadable_kept_round_is_moved_aside_and_said() {
    let h = harness(1);
    let path = h.store.room_in_progress_path(1);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "not = [valid").unwrap();
    let mut again = h.restarted();
    let log = again.take_log();
    assert_eq!(log.len(), 1);
    assert!(log[0].contains("room-01"), "{log:?}");
    assert!(!path.exists());
    let aside: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        aside
            .iter()
            .any(|n| n.starts_with("room-01.in-progress.unreadable-")),
        "{aside:?}"
    );
    assert!(again.rooms()[0].round().is_none());
}

#[test]
fn the_serve_screens_in_french() {
    let _french = crate::i18n::scoped("fr");
    let mut h = harness(2);
    h.seat(ORGANIZER, "Ana", Role::Organizer);
    h.workshop.join(PARTNER, Admission::Room(0), None);
    h.workshop.join(FACILITATOR, Admission::Facilitator, None);
    insta::assert_snapshot!("fr_join_80x24", h.draw(PARTNER));
    insta::assert_snapshot!("fr_lobby_80x24", h.draw(ORGANIZER));
    h.typed(PARTNER, "Ben");
    h.key(PARTNER, KeyCode::Enter);
    h.key(FACILITATOR, KeyCode::Char('s'));
    h.key(FACILITATOR, KeyCode::Char('p'));
    insta::assert_snapshot!("fr_board_80x24", h.draw(FACILITATOR));
}

#[test]
fn a_screen_is_redrawn_between_events_only_when_its_clock_moves() {
    let mut h = harness(2);
    h.pair_running();
    h.workshop.join(ClientId(5), Admission::Room(1), None);
    h.workshop.join(FACILITATOR, Admission::Facilitator, None);
    let stamps = |h: &Harness| {
        [ORGANIZER, PARTNER, ClientId(5), FACILITATOR].map(|id| h.workshop.clock_stamp(id))
    };
    h.clock.advance(Duration::from_millis(300));
    let before = stamps(&h);
    h.clock.advance(Duration::from_millis(600));
    assert_eq!(stamps(&h), before, "the same second");
    h.clock.advance(Duration::from_millis(200));
    let after = stamps(&h);
    assert_ne!(after[0], before[0]);
    assert_eq!(after[0], after[1], "one room, one clock");
    assert_eq!(after[2], before[2], "the join form has no clock");
    assert_ne!(after[3], before[3], "the board shows every room's clock");
    // The next second is due when the round's is.
    assert_eq!(h.workshop.next_redraw(), Duration::from_millis(900));
    // Paused, nothing moves.
    h.key(ORGANIZER, KeyCode::Char('p'));
    let paused = stamps(&h);
    h.clock.advance(Duration::from_secs(5));
    assert_eq!(stamps(&h), paused);
    // A new stage is a new clock, even at the same second.
    h.key(ORGANIZER, KeyCode::Char('n'));
    assert_ne!(h.workshop.clock_stamp(ORGANIZER), paused[0]);
}

#[test]
fn the_debrief_clock_is_one_for_the_room() {
    let mut h = harness(1);
    h.pair_running();
    h.workshop.rooms[0].finish(h.clock.now());
    h.clock.advance(Duration::from_millis(1_400));
    h.workshop.tick();
    let organizer = h.workshop.clock_stamp(ORGANIZER);
    assert_eq!(organizer, h.workshop.clock_stamp(PARTNER));
    assert_eq!(h.workshop.next_redraw(), Duration::from_millis(600));
    h.clock.advance(Duration::from_millis(600));
    assert_ne!(h.workshop.clock_stamp(ORGANIZER), organizer);
    assert!(
        h.draw(ORGANIZER).contains("debrief 4:58 left"),
        "{}",
        h.draw(ORGANIZER)
    );
    assert!(h.draw(PARTNER).contains("debrief 4:58 left"));
}

#[test]
fn the_facilitators_line_going_redraws_everyone() {
    let mut h = harness(1);
    h.seat(ORGANIZER, "Ana", Role::Organizer);
    h.workshop.join(FACILITATOR, Admission::Facilitator, None);
    h.key(FACILITATOR, KeyCode::Char('w'));
    h.typed(FACILITATOR, "hello");
    h.key(FACILITATOR, KeyCode::Enter);
    assert!(!h.workshop.tick());
    h.clock.advance(BROADCAST_FOR);
    assert!(h.workshop.tick());
    assert!(!h.workshop.tick());
}

/// The frame a tick draws (the last frame, with only the clock redrawn)
/// against the whole frame at the same moment.
fn tick_and_whole(h: &Harness, id: ClientId, width: u16, height: u16) -> Option<(String, String)> {
    let mut whole = Terminal::new(TestBackend::new(width, height)).unwrap();
    whole.draw(|frame| h.workshop.render(id, frame)).unwrap();
    let whole = whole.backend().to_string();
    let mut ticked = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut drew_clock = false;
    ticked
        .draw(|frame| {
            frame
                .buffer_mut()
                .clone_from(&h.last_frames[&(id, width, height)]);
            drew_clock = h.workshop.render_clock(id, frame);
        })
        .unwrap();
    drew_clock.then(|| (ticked.backend().to_string(), whole))
}

#[test]
fn a_tick_redraws_the_clock_alone_and_the_frame_is_the_whole_one() {
    let mut h = harness(1);
    h.seat(ORGANIZER, "Ana", Role::Organizer);
    h.seat(PARTNER, "Ben", Role::Partner);
    h.seat(OBSERVER, "Cy", Role::Observer);
    h.key(PARTNER, KeyCode::Enter);
    h.key(OBSERVER, KeyCode::Char(' '));
    h.workshop.join(FACILITATOR, Admission::Facilitator, None);
    let sizes = [(60, 20), (80, 24), (120, 40), (200, 60)];
    for step in 0..4 {
        for id in [ORGANIZER, PARTNER] {
            for (width, height) in sizes {
                h.remember_frame(id, width, height);
            }
        }
        h.clock.advance(Duration::from_millis(1_300));
        h.workshop.tick();
        for id in [ORGANIZER, PARTNER] {
            for (width, height) in sizes {
                let Some((ticked, whole)) = tick_and_whole(&h, id, width, height) else {
                    // Only where the facilitator's line covers the top.
                    assert!(
                        step >= 2 && height == 20,
                        "no tick: step {step}, {width}×{height}"
                    );
                    continue;
                };
                assert_eq!(ticked, whole, "step {step}, {width}×{height}");
            }
        }
        if step == 1 {
            // The facilitator's line takes a row: the clock moves with it.
            h.key(FACILITATOR, KeyCode::Char('w'));
            h.typed(FACILITATOR, "two minutes left");
            h.key(FACILITATOR, KeyCode::Enter);
        }
        if step == 2 {
            h.key(ORGANIZER, KeyCode::Char(' '));
        }
    }
    // Something open over the screen: the whole frame is drawn instead.
    h.remember_frame(ORGANIZER, 80, 24);
    h.key(ORGANIZER, KeyCode::Char('?'));
    assert!(tick_and_whole(&h, ORGANIZER, 80, 24).is_none());
    h.key(ORGANIZER, KeyCode::Char('x'));
    assert!(
        tick_and_whole(&h, ORGANIZER, 80, 24).is_some(),
        "the help is closed"
    );
    h.key(ORGANIZER, KeyCode::Esc);
    assert!(
        tick_and_whole(&h, ORGANIZER, 80, 24).is_none(),
        "a question is open"
    );
    h.remember_frame(FACILITATOR, 80, 24);
    assert!(
        tick_and_whole(&h, FACILITATOR, 80, 24).is_none(),
        "the board draws whole"
    );
}

#[test]
fn each_connection_speaks_its_own_language_and_the_log_the_servers() {
    let mut h = harness(1);
    let (french, english) = (
        Language::from_locale("fr_FR.UTF-8"),
        Language::from_locale("en_GB.UTF-8"),
    );
    assert!(french.is_some() && english.is_some());
    let server = Language::current();
    h.seat_speaking(ORGANIZER, "Ana", Role::Organizer, english);
    h.seat_speaking(PARTNER, "Bea", Role::Partner, french);
    h.workshop.join(FACILITATOR, Admission::Facilitator, french);
    // The French facilitator starts the round and the English organizer
    // pauses it: every screen in its own language.
    h.key(FACILITATOR, KeyCode::Char('s'));
    h.key(ORGANIZER, KeyCode::Char('p'));
    assert!(
        h.draw(ORGANIZER).contains("PAUSED"),
        "{}",
        h.draw(ORGANIZER)
    );
    assert!(h.draw(PARTNER).contains("EN PAUSE"), "{}", h.draw(PARTNER));
    // The operator's log is in the server's language, whoever acted.
    let started = server.within(|| tr!("serve-log-started", count = 1));
    assert_eq!(h.workshop.take_log(), vec![started], "server: {server:?}");
    // The French facilitator ends the breakout: each farewell in its
    // reader's language.
    h.key(FACILITATOR, KeyCode::Char('e'));
    h.key(FACILITATOR, KeyCode::Char('y'));
    assert!(h.workshop.is_ended());
    let farewells: std::collections::HashMap<ClientId, String> =
        h.workshop.take_closing().into_iter().collect();
    assert!(
        farewells[&ORGANIZER].starts_with("The facilitator ended"),
        "{farewells:?}"
    );
    assert!(
        farewells[&PARTNER].starts_with("L'animateur a terminé"),
        "{farewells:?}"
    );
    assert!(
        farewells[&FACILITATOR].starts_with("L'animateur a terminé"),
        "{farewells:?}"
    );
}

#[test]
fn a_connection_without_a_language_of_its_own_gets_the_servers_whoever_keys() {
    let mut h = harness(1);
    let french = Language::from_locale("fr_FR.UTF-8");
    h.seat_speaking(ORGANIZER, "Ana", Role::Organizer, french);
    h.seat(PARTNER, "Ben", Role::Partner);
    h.key(PARTNER, KeyCode::Enter);
    // The French organizer moves through every stage to the debrief: the
    // partner's form is made as the organizer's key lands.
    for _ in 0..12 {
        if matches!(h.workshop.rooms()[0].phase, Phase::Debrief(_)) {
            break;
        }
        h.key(ORGANIZER, KeyCode::Char('n'));
        h.key(ORGANIZER, KeyCode::Char('y'));
    }
    assert!(
        matches!(h.workshop.rooms()[0].phase, Phase::Debrief(_)),
        "{}",
        h.draw(ORGANIZER)
    );
    let server = Language::current().within(|| tr!("feedback-type-here"));
    let french_hint = french.unwrap().within(|| tr!("feedback-type-here"));
    assert_ne!(server, french_hint);
    // To the partner's first text field, where the hint shows.
    h.key(PARTNER, KeyCode::Down);
    assert!(h.draw(PARTNER).contains(&server), "{}", h.draw(PARTNER));
    assert!(
        h.draw(ORGANIZER).contains(&french_hint),
        "{}",
        h.draw(ORGANIZER)
    );
}
