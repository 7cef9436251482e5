//! The terminal side: lifecycle, the event loop, screens and widgets.

pub mod action;
pub mod app;
pub mod keys;
pub mod screens;
pub mod theme;
pub mod widgets;

use std::io::{IsTerminal, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::deck::DeckLibrary;
use crate::practice::SystemClock;
use crate::store::Store;
use app::{App, Settings, Start};

/// Takes over the terminal and runs the app until the user quits. The
/// caller has already opened the store and the decks, so that everything
/// that can fail early is reported before the screen changes.
pub fn launch(
    store: Store,
    decks: DeckLibrary,
    settings: Settings,
    start: Start,
) -> anyhow::Result<()> {
    let mut app = App::new(store, decks, Box::new(SystemClock::new()), settings, start);
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("cannot install the signal handlers")?;
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "tandem needs a terminal: run it in an interactive shell, not through a pipe"
        );
    }
    // `ratatui::try_init` installs a panic hook that restores the terminal
    // before the panic message is printed.
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    // A crashed earlier run can leave text on the alternate screen, and the
    // first frame only writes cells that differ from blank.
    ratatui::backend::Backend::clear(terminal.backend_mut())
        .context("cannot clear the terminal")?;
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| run(&mut terminal, &mut app, &stop)));
    let saved = panic::catch_unwind(AssertUnwindSafe(|| app.shutdown())).unwrap_or(None);
    ratatui::restore();
    let stopped_by_signal = stop.load(Ordering::Relaxed);
    if let Some(path) = &saved
        && (outcome.is_err() || stopped_by_signal)
    {
        eprintln!(
            "tandem: the unfinished round is saved in {}; run tandem again to resume it.",
            path.display()
        );
    }
    match outcome {
        Ok(result) => result,
        Err(_) => anyhow::bail!("stopped by an internal error (reported above)"),
    }
}

/// The event loop: draw, wait for a key or the next second, repeat. It
/// redraws only on input and when the displayed time changes.
fn run(terminal: &mut DefaultTerminal, app: &mut App, stop: &AtomicBool) -> anyhow::Result<()> {
    while !app.should_quit() && !stop.load(Ordering::Relaxed) {
        terminal.draw(|frame| app.render(frame))?;
        if app.take_bells() > 0 {
            let backend = terminal.backend_mut();
            backend.write_all(b"\x07")?;
            backend.flush()?;
        }
        if event::poll(app.next_redraw())? {
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => app.handle_key(&key),
                _ => {}
            }
        }
        app.tick();
    }
    Ok(())
}

#[cfg(test)]
mod tests;
