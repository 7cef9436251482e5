//! The hub: one thread that owns the workshop and a terminal per
//! connection. It takes the transport's events (and the stop signal), lets
//! the workshop act on them, and draws every connection's frame at that
//! connection's size. Frames are diffed as on a local terminal, so a tick
//! sends each client only the cells that changed.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError};

use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::transport::{ClientEvent, ClientId, ClientOutput};
use super::workshop::Workshop;
use crate::tr;

/// Frames are never drawn larger than this, whatever size a client
/// claims: a 10000×10000 request gets a frame of this size.
pub const MAX_COLS: u16 = 400;
/// See [`MAX_COLS`].
pub const MAX_ROWS: u16 = 200;

/// Turns the client's screen over to tandem: the alternate screen, no
/// cursor, cleared.
const TAKE_SCREEN: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[2J";

/// What wakes the hub.
pub enum Wake {
    /// Something from a connection.
    Client(ClientEvent),
    /// Ctrl-C or SIGTERM: keep every unfinished round and stop.
    Stop,
}

/// One connection's terminal.
struct Screen {
    terminal: Terminal<CrosstermBackend<ClientOutput>>,
    /// The same connection, to close it (after the frames sent before).
    closer: ClientOutput,
    /// The size the client claims (its frame is at most the caps).
    cols: u16,
    rows: u16,
    /// The "no size" line was written for the current size.
    told_no_size: bool,
    /// The workshop's clock stamp of the last frame drawn.
    stamp: Option<u64>,
    /// The last frame drawn: a tick redraws only the clock over it.
    last: Option<Buffer>,
}

impl Screen {
    fn new(output: ClientOutput, cols: u16, rows: u16) -> Option<Screen> {
        let viewport = Viewport::Fixed(frame_area(cols, rows));
        let closer = output.clone();
        let terminal =
            Terminal::with_options(CrosstermBackend::new(output), TerminalOptions { viewport })
                .ok()?;
        Some(Screen {
            terminal,
            closer,
            cols,
            rows,
            told_no_size: false,
            stamp: None,
            last: None,
        })
    }

    /// Writes bytes straight to the client, outside a frame.
    fn send(&mut self, bytes: &[u8]) {
        let backend = self.terminal.backend_mut();
        let _ = backend.write_all(bytes);
        let _ = backend.flush();
    }
}

/// The frame drawn for a client that claims `cols`×`rows`.
fn frame_area(cols: u16, rows: u16) -> Rect {
    Rect::new(0, 0, cols.min(MAX_COLS), rows.min(MAX_ROWS))
}

/// The workshop and the connections' terminals.
pub struct Hub {
    workshop: Workshop,
    screens: HashMap<ClientId, Screen>,
}

impl Hub {
    pub fn new(workshop: Workshop) -> Hub {
        Hub {
            workshop,
            screens: HashMap::new(),
        }
    }

    /// Runs until the breakout is ended from the board or a stop arrives;
    /// returns the in-progress files written for unfinished rounds.
    /// `log` receives the operator's lines (saved sessions, problems).
    pub fn run(mut self, wakes: &Receiver<Wake>, log: &mut dyn FnMut(&str)) -> Vec<PathBuf> {
        loop {
            // A key may change any screen of its room, the board, or (the
            // facilitator's) every screen: all are drawn, and only changed
            // cells go out. A tick changes only the screens whose clock
            // moved.
            let mut everyone = match wakes.recv_timeout(self.workshop.next_redraw()) {
                Ok(Wake::Client(event)) => {
                    self.handle(event);
                    true
                }
                Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => false,
            };
            // Everything that came meanwhile, before one round of drawing.
            while let Ok(wake) = wakes.try_recv() {
                match wake {
                    Wake::Client(event) => {
                        self.handle(event);
                        everyone = true;
                    }
                    Wake::Stop => return self.stop(log),
                }
            }
            everyone |= self.workshop.tick();
            self.close_finished();
            self.draw_all(everyone);
            for line in self.workshop.take_log() {
                log(&line);
            }
            if self.workshop.is_ended() {
                break;
            }
        }
        self.stop(log)
    }

    /// Keeps every unfinished round and says goodbye to everyone.
    fn stop(mut self, log: &mut dyn FnMut(&str)) -> Vec<PathBuf> {
        let kept = self.workshop.keep_unfinished();
        let ids: Vec<ClientId> = self.screens.keys().copied().collect();
        for id in ids {
            let farewell = {
                let _speaking = self.workshop.speak(id);
                tr!("serve-stopping")
            };
            self.close(id, &farewell);
        }
        for line in self.workshop.take_log() {
            log(&line);
        }
        kept
    }

    /// Applies one event from the transport.
    pub fn handle(&mut self, event: ClientEvent) {
        match event {
            ClientEvent::Joined {
                id,
                admission,
                cols,
                rows,
                language,
                mut output,
            } => {
                let _ = output.write_all(TAKE_SCREEN);
                let _ = output.flush();
                if let Some(screen) = Screen::new(output, cols, rows) {
                    self.screens.insert(id, screen);
                    self.workshop.join(id, admission, language);
                }
            }
            ClientEvent::Input { id, event } => self.workshop.input(id, &event),
            ClientEvent::Resized { id, cols, rows } => {
                if let Some(screen) = self.screens.get_mut(&id) {
                    screen.cols = cols;
                    screen.rows = rows;
                    screen.told_no_size = false;
                    let _ = screen.terminal.resize(frame_area(cols, rows));
                }
            }
            ClientEvent::Left { id } => {
                self.screens.remove(&id);
                self.workshop.leave(id);
            }
        }
    }

    /// Closes the connections the workshop is done with.
    fn close_finished(&mut self) {
        for (id, farewell) in self.workshop.take_closing() {
            self.close(id, &farewell);
        }
    }

    fn close(&mut self, id: ClientId, farewell: &str) {
        // The transport puts the client's terminal back before the line.
        if let Some(screen) = self.screens.remove(&id) {
            screen.closer.close(farewell);
        }
    }

    /// Draws every connection's frame (`everyone`), or those whose clock
    /// moved or whose bell rings; only the changed cells go out.
    fn draw_all(&mut self, everyone: bool) {
        let ids: Vec<ClientId> = self.screens.keys().copied().collect();
        for id in ids {
            self.draw(id, everyone);
        }
    }

    fn draw(&mut self, id: ClientId, always: bool) {
        let bell = self.workshop.take_bell(id);
        let stamp = self.workshop.clock_stamp(id);
        let Some(screen) = self.screens.get_mut(&id) else {
            return;
        };
        if !always && !bell && screen.stamp == Some(stamp) {
            return;
        }
        screen.stamp = Some(stamp);
        if screen.cols == 0 || screen.rows == 0 {
            // Nothing can be drawn: say so once per size, in plain text.
            if std::mem::replace(&mut screen.told_no_size, true) {
                return;
            }
            let _speaking = self.workshop.speak(id);
            let line = tr!("serve-no-size", cols = screen.cols, rows = screen.rows);
            screen.send(format!("\r{line}\x1b[K").as_bytes());
            return;
        }
        let workshop = &self.workshop;
        let mut last = screen.last.take();
        let drawn = screen.terminal.draw(|frame| {
            // A tick with nothing else new: the last frame (moved in, not
            // copied), with only the clock redrawn.
            if !always
                && let Some(last) = last.as_mut()
                && last.area == frame.area()
            {
                std::mem::swap(frame.buffer_mut(), last);
                if workshop.render_clock(id, frame) {
                    return;
                }
                frame.buffer_mut().reset();
            }
            workshop.render(id, frame);
        });
        // Kept only for a screen whose clock can be redrawn over it.
        screen.last = drawn
            .ok()
            .filter(|_| workshop.has_clock(id))
            .map(|done| done.buffer.clone());
        if bell {
            screen.send(b"\x07");
        }
    }
}
