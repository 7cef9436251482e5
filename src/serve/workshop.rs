//! The workshop: every room, and every connection's own view of it. Keys
//! from any connection change the room they are in; every connection then
//! draws its own frame, at its own size, from the shared state and its
//! role. Nothing here knows about SSH: the hub feeds it events and draws
//! the frames it asks for.

use std::collections::BTreeMap;
use std::time::Duration;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::board::{BoardAction, BoardScreen, Overview};
use super::join::JoinScreen;
use super::keeper::Keeper;
use super::lobby::{LobbyAction, LobbyScreen};
use super::room::{Phase, Room, SeatError, merge};
use super::transport::{Admission, ClientId};
use crate::deck::Deck;
use crate::i18n::{Language, Scope, words};
use crate::practice::{Clock, InProgress, Moment, until_next_second};
use crate::record::{FeedbackDraft, Role};
use crate::store::Store;
use crate::tr;
use crate::tui::action::{Action, RoundPlan};
use crate::tui::keys::{HelpRows, is_quit};
use crate::tui::round::Viewer;
use crate::tui::screens::brief::BriefScreen;
use crate::tui::screens::feedback::FeedbackScreen;
use crate::tui::screens::practice::PracticeScreen;
use crate::tui::screens::summary::SummaryScreen;
use crate::tui::theme::Theme;
use crate::tui::widgets::{MIN_HEIGHT, MIN_WIDTH, render_help, render_too_small, wrapped_height};

/// Unfinished rounds are written at least this often.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(5);

/// The facilitator's line stays on screen this long.
const BROADCAST_FOR: Duration = Duration::from_secs(180);

/// What a participant in a room sees.
#[derive(Debug)]
enum RoomScreen {
    Lobby(LobbyScreen),
    Brief(Box<BriefScreen>),
    Practice(PracticeScreen),
    Feedback(Box<FeedbackScreen>),
    Summary(Box<SummaryScreen>),
}

/// A connection's own view.
#[derive(Debug)]
enum View {
    /// Choosing a name and a role in room `JoinScreen::room`.
    Join(JoinScreen),
    /// Seated in a room.
    Member {
        room: usize,
        role: Role,
        screen: RoomScreen,
    },
    /// The facilitator's board.
    Board(BoardScreen),
}

#[derive(Debug)]
struct Client {
    view: View,
    help_open: bool,
    /// A one-off message for this connection (why a start did not happen).
    status: Option<String>,
    /// The stage ran out: ring this terminal's bell.
    bell: bool,
    /// The connection is to be closed with this line.
    closing: Option<Farewell>,
    /// The language its locale names; the server's when none.
    language: Option<Language>,
}

/// Why a connection is closed: said in its own language when it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Farewell {
    /// The participant left.
    Bye,
    /// The participant left a round that goes on: they may rejoin.
    ByeRejoin,
    /// The facilitator ended the breakout.
    Ended,
}

impl Farewell {
    fn line(self) -> String {
        match self {
            Farewell::Bye => tr!("serve-bye"),
            Farewell::ByeRejoin => tr!("serve-bye-rejoin"),
            Farewell::Ended => tr!("serve-ended"),
        }
    }
}

/// The whole served breakout.
pub struct Workshop {
    rooms: Vec<Room>,
    codes: Vec<String>,
    clients: BTreeMap<ClientId, Client>,
    /// The facilitator's line to every screen, and when it was sent.
    broadcast: Option<(String, Moment)>,
    store: Store,
    clock: Box<dyn Clock>,
    theme: Theme,
    seeds: ChaCha8Rng,
    last_checkpoint: Moment,
    /// Writes the periodic checkpoints off the hub's thread.
    keeper: Keeper,
    /// The breakout was ended from the board.
    ended: bool,
    /// What the operator should know (saves, failed writes), oldest first.
    log: Vec<String>,
    /// The server's language: its log's, and every connection's that
    /// names none of its own.
    language: Language,
}

impl Workshop {
    /// A workshop of one room per code, each practising `deck` (fitted to
    /// `fit` minutes when given), in the language this thread speaks.
    pub fn new(
        codes: Vec<String>,
        deck: &Deck,
        fit: Option<u32>,
        store: Store,
        clock: Box<dyn Clock>,
        theme: Theme,
        seed: u64,
    ) -> Workshop {
        let mut seeds = ChaCha8Rng::seed_from_u64(seed);
        let now = clock.now();
        let mut log = Vec::new();
        // A round kept when the server last stopped is taken up again.
        let rooms = (1..=codes.len())
            .map(|number| match store.load_room_in_progress(number) {
                Ok(Some(state)) => {
                    log.push(tr!(
                        "serve-log-restored",
                        room = number,
                        people = words::people(&state.practice.people)
                    ));
                    Room::restored(number, deck.clone(), fit, seeds.random(), state, now)
                }
                Ok(None) => Room::new(number, deck.clone(), fit, seeds.random()),
                Err(err) => {
                    log.push(err.to_string());
                    Room::new(number, deck.clone(), fit, seeds.random())
                }
            })
            .collect();
        let keeper = Keeper::start(store.clone());
        Workshop {
            rooms,
            codes,
            clients: BTreeMap::new(),
            broadcast: None,
            store,
            clock,
            theme,
            seeds,
            last_checkpoint: now,
            keeper,
            ended: false,
            log,
            language: Language::current(),
        }
    }

    /// The rooms, in order.
    pub fn rooms(&self) -> &[Room] {
        &self.rooms
    }

    /// Whether the facilitator ended the breakout.
    pub fn is_ended(&self) -> bool {
        self.ended
    }

    /// The operator's log lines since the last call.
    pub fn take_log(&mut self) -> Vec<String> {
        std::mem::take(&mut self.log)
    }

    /// Connections to close, each with its last line.
    pub fn take_closing(&mut self) -> Vec<(ClientId, String)> {
        let server = self.language;
        let closing: Vec<(ClientId, String)> = self
            .clients
            .iter_mut()
            .filter_map(|(id, client)| {
                let farewell = client.closing.take()?;
                let language = client.language.unwrap_or(server);
                Some((*id, language.within(|| farewell.line())))
            })
            .collect();
        for (id, _) in &closing {
            self.leave(*id);
        }
        closing
    }

    /// Whether `id`'s terminal should ring its bell now.
    pub fn take_bell(&mut self, id: ClientId) -> bool {
        self.clients
            .get_mut(&id)
            .is_some_and(|c| std::mem::take(&mut c.bell))
    }

    /// The connections there are.
    pub fn clients(&self) -> impl Iterator<Item = ClientId> + '_ {
        self.clients.keys().copied()
    }

    /// Makes this thread speak `id`'s language (the server's when it has
    /// none of its own) until the guard is dropped.
    pub fn speak(&self, id: ClientId) -> Scope {
        self.clients
            .get(&id)
            .and_then(|client| client.language)
            .unwrap_or(self.language)
            .speak()
    }

    /// A connection was admitted: a room's join form, or the board. It
    /// sees everything in `language` when given, else in the server's.
    pub fn join(&mut self, id: ClientId, admission: Admission, language: Option<Language>) {
        let _speaking = language.unwrap_or(self.language).speak();
        let view = match admission {
            Admission::Room(room) if room < self.rooms.len() => View::Join(JoinScreen::new(room)),
            Admission::Room(_) => return,
            Admission::Facilitator => View::Board(BoardScreen::default()),
        };
        self.clients.insert(
            id,
            Client {
                view,
                help_open: false,
                status: None,
                bell: false,
                closing: None,
                language,
            },
        );
    }

    /// A connection went away: its seat waits for a rejoin.
    pub fn leave(&mut self, id: ClientId) {
        if let Some(Client {
            view: View::Member { room, role, .. },
            ..
        }) = self.clients.remove(&id)
        {
            self.rooms[room].leave_seat(role);
        }
        self.sync();
    }

    /// Input from a connection.
    pub fn input(&mut self, id: ClientId, event: &Event) {
        let Event::Key(key) = event else {
            return;
        };
        if key.kind != KeyEventKind::Press {
            return;
        }
        let server = self.language;
        let Some(client) = self.clients.get_mut(&id) else {
            return;
        };
        // What this key makes (a message, a screen) is in its sender's
        // language; other screens follow in their own (`sync`).
        let _speaking = client.language.unwrap_or(server).speak();
        client.status = None;
        if is_quit(key) {
            client.closing = Some(Farewell::Bye);
            return;
        }
        if client.help_open {
            client.help_open = false;
            return;
        }
        let now = self.clock.now();
        let view = std::mem::replace(&mut client.view, View::Board(BoardScreen::default()));
        let view = match view {
            View::Join(form) => self.join_key(form, key),
            View::Member { room, role, screen } => {
                self.member_key(id, room, role, screen, key, now)
            }
            View::Board(mut board) => {
                if let Some(action) = board.handle_key(key) {
                    self.board_action(id, action, now);
                }
                View::Board(board)
            }
        };
        if let Some(client) = self.clients.get_mut(&id) {
            client.view = view;
        }
        self.sync();
    }

    fn join_key(&mut self, mut form: JoinScreen, key: &KeyEvent) -> View {
        let room_index = form.room;
        let room = &mut self.rooms[room_index];
        let Some(role) = form.handle_key(key, room) else {
            return View::Join(form);
        };
        match room.take_seat(role, &form.name()) {
            Ok(()) => View::Member {
                room: room_index,
                role,
                screen: RoomScreen::Lobby(LobbyScreen { role }),
            },
            Err(err) => {
                form.set_error(match err {
                    SeatError::NoName => tr!("join-error-no-name"),
                    SeatError::Taken => tr!("join-error-taken"),
                    SeatError::NotInRound => tr!("join-error-not-in-round"),
                });
                View::Join(form)
            }
        }
    }

    fn member_key(
        &mut self,
        id: ClientId,
        room_index: usize,
        role: Role,
        mut screen: RoomScreen,
        key: &KeyEvent,
        now: Moment,
    ) -> View {
        let wall = self.clock.wall();
        let room = &mut self.rooms[room_index];
        let action = match &mut screen {
            RoomScreen::Lobby(lobby) => match lobby.handle_key(key, room) {
                Some(LobbyAction::Help) => Some(Action::ToggleHelp),
                Some(LobbyAction::Start) => Some(Action::Begin(Box::new(RoundPlan {
                    deck: room.deck.clone(),
                    spec: room.next_spec(),
                }))),
                Some(LobbyAction::Edit) => {
                    if let Some(mut draft) = room.take_back(role) {
                        screen = feedback_screen(room, role, Some(&mut draft));
                    }
                    None
                }
                None => None,
            },
            RoomScreen::Brief(brief) => brief.handle_key(key),
            RoomScreen::Practice(practice) => room
                .running_mut()
                .and_then(|round| practice.handle_key(round, key, now)),
            RoomScreen::Feedback(form) => form.handle_key(key),
            RoomScreen::Summary(summary) => summary.handle_key(key),
        };
        let client = self.clients.get_mut(&id).expect("the client sent this key");
        match action {
            Some(Action::Begin(_)) if !room.start(now, wall) => {
                client.status = Some(tr!("serve-cannot-start"));
            }
            Some(Action::Finish) => room.finish(now),
            Some(Action::Save(draft)) => {
                if let Some(record) = room.hand_in(role, draft, wall) {
                    match self.store.save_session(&record) {
                        Ok(path) => {
                            self.log.push(self.language.within(|| {
                                tr!(
                                    "serve-log-saved",
                                    room = room.number,
                                    path = path.display().to_string()
                                )
                            }));
                            self.keeper.clear(room.number);
                            room.saved(record, path);
                        }
                        Err(err) => {
                            // Their part goes back to them, with why.
                            let mut draft = room.take_back(role);
                            screen = feedback_screen(room, role, draft.as_mut());
                            if let RoomScreen::Feedback(form) = &mut screen {
                                form.set_error(err.to_string());
                            }
                            self.log.push(self.language.within(|| err.to_string()));
                        }
                    }
                }
            }
            Some(Action::SwapRoles) => {
                let with_observer = room.has_observer();
                if room.next_round(self.seeds.random()) {
                    self.rotate(room_index, with_observer);
                    let role = Room::rotated(role, with_observer);
                    return View::Member {
                        room: room_index,
                        role,
                        screen: RoomScreen::Lobby(LobbyScreen { role }),
                    };
                }
            }
            Some(Action::ToggleHelp) => client.help_open = !client.help_open,
            Some(Action::Leave | Action::Quit) => client.closing = Some(Farewell::ByeRejoin),
            _ => {}
        }
        View::Member {
            room: room_index,
            role,
            screen,
        }
    }

    /// Everyone else in the room takes their role of the next round.
    fn rotate(&mut self, room_index: usize, with_observer: bool) {
        for client in self.clients.values_mut() {
            if let View::Member { room, role, screen } = &mut client.view
                && *room == room_index
            {
                *role = Room::rotated(*role, with_observer);
                *screen = RoomScreen::Lobby(LobbyScreen { role: *role });
            }
        }
    }

    fn board_action(&mut self, id: ClientId, action: BoardAction, now: Moment) {
        let wall = self.clock.wall();
        match action {
            BoardAction::StartAll => {
                let started = self
                    .rooms
                    .iter_mut()
                    .map(|room| room.start(now, wall))
                    .filter(|&started| started)
                    .count();
                self.log.push(
                    self.language
                        .within(|| tr!("serve-log-started", count = started)),
                );
            }
            BoardAction::PauseAll => {
                for room in &mut self.rooms {
                    room.pause(now);
                }
            }
            BoardAction::ContinueAll => {
                for room in &mut self.rooms {
                    room.resume(now);
                }
            }
            BoardAction::Broadcast(line) if line.is_empty() => self.broadcast = None,
            BoardAction::Broadcast(line) => self.broadcast = Some((line, now)),
            BoardAction::End => self.end(),
            BoardAction::ToggleHelp => {
                if let Some(client) = self.clients.get_mut(&id) {
                    client.help_open = !client.help_open;
                }
            }
        }
    }

    /// Ends the breakout: every unfinished round is kept as an in-progress
    /// file, and every connection is closed.
    pub fn end(&mut self) {
        self.keep_unfinished();
        for client in self.clients.values_mut() {
            client.closing = Some(Farewell::Ended);
        }
        self.ended = true;
    }

    /// Makes every participant's screen follow their room's phase.
    fn sync(&mut self) {
        let server = self.language;
        for client in self.clients.values_mut() {
            let View::Member { room, role, screen } = &mut client.view else {
                continue;
            };
            let room = &self.rooms[*room];
            let _speaking = client.language.unwrap_or(server).speak();
            if let Some(next) = follow(room, *role, screen) {
                *screen = next;
            }
        }
    }

    /// Called after every event and timeout: the stage bells, the
    /// facilitator's line running out, and the in-progress files (written
    /// behind). Returns whether every screen changed (the line went).
    pub fn tick(&mut self) -> bool {
        let now = self.clock.now();
        for (index, room) in self.rooms.iter_mut().enumerate() {
            let Some(round) = room.running_mut() else {
                continue;
            };
            if round.practice.take_bell(now) {
                for client in self.clients.values_mut() {
                    if matches!(client.view, View::Member { room, .. } if room == index) {
                        client.bell = true;
                    }
                }
            }
        }
        let cleared = self
            .broadcast
            .as_ref()
            .is_some_and(|(_, sent)| now.since(*sent) >= BROADCAST_FOR);
        if cleared {
            self.broadcast = None;
        }
        if now.since(self.last_checkpoint) >= CHECKPOINT_EVERY {
            self.last_checkpoint = now;
            for (number, state) in self.unfinished(now) {
                self.keeper.keep(number, state);
            }
        }
        self.log.extend(self.keeper.problems());
        self.sync();
        cleared
    }

    /// Every unfinished round as an in-progress state, with the debrief
    /// typed so far (forms still open included), by room number.
    fn unfinished(&mut self, now: Moment) -> Vec<(usize, InProgress)> {
        let mut states = Vec::new();
        for index in 0..self.rooms.len() {
            // Forms still open count too: what was typed is not lost.
            let open: Vec<(Role, FeedbackDraft)> = self
                .clients
                .values()
                .filter_map(|client| match &client.view {
                    View::Member {
                        room,
                        role,
                        screen: RoomScreen::Feedback(form),
                    } if *room == index => Some((*role, form.draft(now))),
                    _ => None,
                })
                .collect();
            let room = &mut self.rooms[index];
            let Some(mut state) = room.in_progress(now) else {
                continue;
            };
            if let (Some(draft), Phase::Debrief(debrief)) = (&mut state.feedback, &room.phase) {
                let mut parts = debrief.parts.clone();
                parts.extend(open);
                let debrief_secs = draft.debrief_secs;
                *draft = merge(&parts);
                draft.debrief_secs = debrief_secs;
            }
            states.push((room.number, state));
        }
        states
    }

    /// Writes every unfinished round to its room's in-progress file now,
    /// after the writes still queued; returns the files written.
    pub fn keep_unfinished(&mut self) -> Vec<std::path::PathBuf> {
        let now = self.clock.now();
        self.last_checkpoint = now;
        self.keeper.flush();
        self.log.extend(self.keeper.problems());
        let mut written = Vec::new();
        for (number, state) in self.unfinished(now) {
            match self.store.save_room_in_progress(number, &state) {
                Ok(path) => written.push(path),
                Err(err) => self.log.push(err.to_string()),
            }
        }
        written
    }

    /// How long the hub may wait before a frame needs drawing again: the
    /// next second of a running round or of a debrief.
    pub fn next_redraw(&self) -> Duration {
        let now = self.clock.now();
        self.rooms
            .iter()
            .filter_map(|room| match &room.phase {
                Phase::Running(round) => Some(PracticeScreen::next_redraw(round, now)),
                Phase::Debrief(debrief) => Some(until_next_second(now.since(debrief.started))),
                Phase::Gathering | Phase::Saved(_) => None,
            })
            .min()
            .unwrap_or(Duration::from_secs(1))
            .min(Duration::from_secs(1))
    }

    /// A number that changes whenever the time `id`'s screen shows
    /// changes: its round's stage seconds, its debrief's, or any room's on
    /// the board. Screens without a clock keep one value, so between
    /// events the hub redraws only the screens whose time moved.
    pub fn clock_stamp(&self, id: ClientId) -> u64 {
        let now = self.clock.now();
        let Some(client) = self.clients.get(&id) else {
            return 0;
        };
        match &client.view {
            View::Join(_) => 0,
            View::Board(_) => self.rooms.iter().fold(0, |stamp, room| {
                stamp
                    .wrapping_mul(1_000_003)
                    .wrapping_add(room_stamp(room, now))
            }),
            View::Member { room, screen, .. } => match screen {
                RoomScreen::Practice(_) | RoomScreen::Feedback(_) => {
                    room_stamp(&self.rooms[*room], now)
                }
                _ => 0,
            },
        }
    }

    /// The facilitator's line as `client` sees it, the rows it takes, and
    /// the area left for the screen in `full`: the line takes rows of its
    /// own when the screen can spare them, and covers the screen's top
    /// rows when it cannot.
    fn screen_area(&self, client: &Client, full: Rect) -> (Option<String>, u16, Rect) {
        let banner = self
            .broadcast
            .as_ref()
            .filter(|_| !matches!(client.view, View::Board(_)))
            .map(|(line, _)| tr!("serve-broadcast", line = line.as_str()));
        let rows = banner
            .as_ref()
            .map_or(0, |b| wrapped_height(b, full.width).min(3));
        let area = if full.height >= MIN_HEIGHT + rows {
            Rect {
                y: full.y + rows,
                height: full.height - rows,
                ..full
            }
        } else {
            full
        };
        (banner, rows, area)
    }

    /// Whether `id`'s screen is one [`Workshop::render_clock`] may redraw
    /// in part (a participant's practice screen): only then is its last
    /// frame worth keeping.
    pub fn has_clock(&self, id: ClientId) -> bool {
        self.clients.get(&id).is_some_and(|client| {
            matches!(
                client.view,
                View::Member {
                    screen: RoomScreen::Practice(_),
                    ..
                }
            )
        })
    }

    /// Redraws only what time changed on `id`'s frame, over the last frame
    /// drawn at this size (already in `frame`): a participant's practice
    /// screen with nothing open over it. Returns false (drawing nothing)
    /// for every other screen, which the caller then draws whole.
    pub fn render_clock(&self, id: ClientId, frame: &mut Frame) -> bool {
        let Some(client) = self.clients.get(&id) else {
            return false;
        };
        let _speaking = client.language.unwrap_or(self.language).speak();
        let View::Member {
            room,
            screen: RoomScreen::Practice(practice),
            ..
        } = &client.view
        else {
            return false;
        };
        let full = frame.area();
        let Some(round) = self.rooms[*room].running() else {
            return false;
        };
        if client.help_open
            || client.status.is_some()
            || !practice.clock_alone_changes()
            || full.width < MIN_WIDTH
            || full.height < MIN_HEIGHT
        {
            return false;
        }
        let (banner, _, area) = self.screen_area(client, full);
        if banner.is_some() && area == full {
            // The line covers the screen's top rows: draw it all.
            return false;
        }
        practice.render_clock(round, frame, area, self.clock.now(), &self.theme);
        true
    }

    /// Draws connection `id`'s frame.
    pub fn render(&self, id: ClientId, frame: &mut Frame) {
        let Some(client) = self.clients.get(&id) else {
            return;
        };
        let _speaking = client.language.unwrap_or(self.language).speak();
        let theme = &self.theme;
        let full = frame.area();
        if full.width < MIN_WIDTH || full.height < MIN_HEIGHT {
            render_too_small(frame, full, theme);
            return;
        }
        let (banner, banner_rows, area) = self.screen_area(client, full);
        let now = self.clock.now();
        let (title, help): (String, HelpRows) = match &client.view {
            View::Join(form) => {
                form.render(&self.rooms[form.room], frame, area, theme);
                (tr!("screen-join"), Vec::new())
            }
            View::Board(board) => {
                let overview = Overview {
                    rooms: &self.rooms,
                    codes: &self.codes,
                    sent: self.broadcast.as_ref().map(|(line, _)| line.as_str()),
                };
                board.render(&overview, frame, area, now, theme);
                (tr!("screen-board"), BoardScreen::help())
            }
            View::Member { room, screen, .. } => {
                let room = &self.rooms[*room];
                match screen {
                    RoomScreen::Lobby(lobby) => {
                        lobby.render(room, frame, area, theme);
                        (tr!("screen-lobby"), LobbyScreen::help())
                    }
                    RoomScreen::Brief(brief) => {
                        brief.render(frame, area, theme);
                        (tr!("screen-brief"), BriefScreen::help())
                    }
                    RoomScreen::Practice(practice) => {
                        if let Some(round) = room.round() {
                            practice.render(round, frame, area, now, theme);
                        }
                        (tr!("screen-practice"), PracticeScreen::help())
                    }
                    RoomScreen::Feedback(form) => {
                        form.render(frame, area, now, theme);
                        (tr!("screen-feedback"), FeedbackScreen::help())
                    }
                    RoomScreen::Summary(summary) => {
                        summary.render(frame, area, theme);
                        (tr!("screen-summary"), SummaryScreen::help())
                    }
                }
            }
        };
        if let Some(status) = &client.status {
            let height = wrapped_height(status, area.width).min(area.height / 2);
            let bottom = Rect {
                y: area.bottom() - height,
                height,
                ..area
            };
            frame.render_widget(Clear, bottom);
            frame.render_widget(
                Paragraph::new(Line::styled(status.as_str(), theme.error))
                    .wrap(Wrap { trim: true }),
                bottom,
            );
        }
        if let Some(banner) = banner {
            let top = Rect {
                height: banner_rows,
                ..full
            };
            frame.render_widget(Clear, top);
            frame.render_widget(
                Paragraph::new(Line::styled(banner, theme.focus)).wrap(Wrap { trim: true }),
                top,
            );
        }
        if client.help_open {
            render_help(frame, area, &title, &help, theme);
        }
    }
}

/// What of `room`'s time is on screen: the stage and its second while the
/// round runs, the debrief's second after.
fn room_stamp(room: &Room, now: Moment) -> u64 {
    match &room.phase {
        Phase::Running(round) => {
            let practice = &round.practice;
            let index = practice.current_index() as u64;
            (index << 48) ^ practice.timer(now).elapsed.as_secs()
        }
        Phase::Debrief(debrief) => now.since(debrief.started).as_secs(),
        Phase::Gathering | Phase::Saved(_) => 0,
    }
}

/// The screen `role` should see in `room` now, when it is not the one
/// shown (`None` keeps the current one, with what was typed in it).
fn follow(room: &Room, role: Role, screen: &RoomScreen) -> Option<RoomScreen> {
    match (&room.phase, screen) {
        (Phase::Gathering, RoomScreen::Lobby(_)) if role == Role::Organizer => None,
        (Phase::Gathering, RoomScreen::Brief(brief)) if brief.plan.spec == room.next_spec() => None,
        (Phase::Gathering, _) => Some(gathering_screen(room, role)),
        (Phase::Running(_), RoomScreen::Practice(_)) => None,
        (Phase::Running(_), _) => Some(RoomScreen::Practice(PracticeScreen::for_viewer(
            Viewer::Only(role),
        ))),
        (Phase::Debrief(debrief), current) => {
            let handed_in = debrief.parts.iter().any(|(r, _)| *r == role);
            match current {
                RoomScreen::Lobby(_) if handed_in => None,
                RoomScreen::Feedback(_) if !handed_in => None,
                _ if handed_in => Some(RoomScreen::Lobby(LobbyScreen { role })),
                _ => Some(feedback_screen(room, role, None)),
            }
        }
        (Phase::Saved(_), RoomScreen::Summary(_)) => None,
        (Phase::Saved(saved), _) => Some(RoomScreen::Summary(Box::new(SummaryScreen::new(
            saved.record.clone(),
            saved.deck.clone(),
            saved.path.clone(),
            Vec::new(),
        )))),
    }
}

/// Before the round: the partner and the observer read the brief (when
/// the deck has a persona); the organizer waits in the lobby.
fn gathering_screen(room: &Room, role: Role) -> RoomScreen {
    if role != Role::Organizer {
        let plan = RoundPlan {
            deck: room.deck.clone(),
            spec: room.next_spec(),
        };
        if let Ok(brief) = BriefScreen::for_round(Box::new(plan)) {
            return RoomScreen::Brief(Box::new(brief.for_viewer(Viewer::Only(role))));
        }
    }
    RoomScreen::Lobby(LobbyScreen { role })
}

/// `role`'s part of the room's debrief, from `draft` (a part taken back)
/// or what was typed before a restart, with the debrief's shared timer.
fn feedback_screen(room: &Room, role: Role, draft: Option<&mut FeedbackDraft>) -> RoomScreen {
    let Phase::Debrief(debrief) = &room.phase else {
        return RoomScreen::Lobby(LobbyScreen { role });
    };
    let mut typed = debrief.typed.clone();
    let draft = draft.unwrap_or(&mut typed);
    // The form's clock starts when the debrief did: every form shows the
    // same second, and it changes when the room's does.
    draft.debrief_secs = 0;
    RoomScreen::Feedback(Box::new(FeedbackScreen::for_viewer(
        &debrief.round.deck,
        &debrief.round.practice,
        draft,
        debrief.started,
        Viewer::Only(role),
    )))
}

#[cfg(test)]
mod tests;
