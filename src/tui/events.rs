//! Where the event loop's wake-ups come from: terminal input and stop
//! signals, each read on a thread of its own and sent down one channel.
//!
//! Reading input on its own thread keeps the loop responsive when the
//! terminal goes away: crossterm's reader can then spin without returning,
//! but the loop still hears SIGHUP, saves the round and exits.

use std::sync::mpsc::{self, Receiver};
use std::thread;

use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// What woke the event loop.
#[derive(Debug)]
pub enum Wake {
    /// A key press, a resize, …
    Input(Event),
    /// SIGTERM, SIGHUP or SIGINT: save and leave.
    Stop,
    /// The terminal cannot be read any more.
    InputClosed,
}

/// Installs the stop-signal handlers. Call before taking over the terminal,
/// so that a signal never finds the terminal taken and nobody listening.
pub fn stop_signals() -> std::io::Result<Signals> {
    Signals::new([SIGTERM, SIGHUP, SIGINT])
}

/// Starts the input and signal threads; their wake-ups arrive on the
/// returned channel.
pub fn spawn(mut signals: Signals) -> Receiver<Wake> {
    let (tx, rx) = mpsc::channel();
    let signal_tx = tx.clone();
    thread::spawn(move || {
        for _ in signals.forever() {
            if signal_tx.send(Wake::Stop).is_err() {
                break;
            }
        }
    });
    thread::spawn(move || {
        loop {
            match event::read() {
                Ok(event) => {
                    if tx.send(Wake::Input(event)).is_err() {
                        break;
                    }
                }
                Err(_) => {
                    let _ = tx.send(Wake::InputClosed);
                    break;
                }
            }
        }
    });
    rx
}
