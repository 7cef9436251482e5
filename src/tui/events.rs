//! Where the event loop's wake-ups come from: terminal input and stop
//! signals, each read on a thread of its own and sent down one channel.
//!
//! Reading input on its own thread keeps the loop responsive when the
//! terminal goes away: crossterm's reader can then spin without returning,
//! but the loop still hears SIGHUP, saves the round and exits.

use std::sync::mpsc::{self, Receiver};
use std::thread;

use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2};
use signal_hook::iterator::Signals;

/// What woke the event loop.
#[derive(Debug)]
pub enum Wake {
    /// A key press, a resize, …
    Input(Event),
    /// SIGTERM, SIGHUP, SIGINT, SIGUSR1 or SIGUSR2: save and leave.
    Stop,
    /// SIGTSTP (Ctrl-Z from outside, `kill -TSTP`): hand the terminal
    /// back and stop until continued.
    Suspend,
    /// The terminal cannot be read any more.
    InputClosed,
}

/// Installs the stop-signal handlers. Call before taking over the terminal,
/// so that a signal never finds the terminal taken and nobody listening.
///
/// SIGUSR1 and SIGUSR2 would otherwise kill tandem on the spot, leaving
/// the terminal on the alternate screen and the last seconds unsaved; a
/// user who sends one expects tandem to end, so they end it like SIGTERM:
/// saved and restored.
pub fn stop_signals() -> std::io::Result<Signals> {
    Signals::new([SIGTERM, SIGHUP, SIGINT, SIGUSR1, SIGUSR2, SIGTSTP])
}

/// Starts the input and signal threads; their wake-ups arrive on the
/// returned channel.
pub fn spawn(mut signals: Signals) -> Receiver<Wake> {
    let (tx, rx) = mpsc::channel();
    let signal_tx = tx.clone();
    thread::spawn(move || {
        for signal in signals.forever() {
            let wake = if signal == SIGTSTP {
                Wake::Suspend
            } else {
                Wake::Stop
            };
            if signal_tx.send(wake).is_err() {
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
