//! The terminal side: lifecycle, the event loop, screens and widgets.

pub mod action;
pub mod app;
mod events;
pub mod keys;
mod library;
pub mod mouse;
pub mod round;
pub mod screens;
pub mod theme;
pub mod widgets;

use std::io::{IsTerminal, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{Receiver, RecvTimeoutError};

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::deck::DeckLibrary;
use crate::practice::SystemClock;
use crate::store::Store;
use crate::tr;
use app::{App, Settings, Shutdown, Start};
use events::Wake;

/// Takes over the terminal and runs the app until the user quits. The
/// caller has already opened the store and the decks, so that everything
/// that can fail early is reported before the screen changes.
pub fn launch(
    store: Store,
    decks: DeckLibrary,
    settings: Settings,
    start: Start,
) -> anyhow::Result<()> {
    let mouse = settings.mouse;
    let mut app = App::new(store, decks, Box::new(SystemClock::new()), settings, start);
    let signals = events::stop_signals().with_context(|| tr!("error-signals"))?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(tr!("error-needs-terminal"));
    }
    // `ratatui::try_init` installs a panic hook that restores the terminal
    // before the panic message is printed.
    let mut terminal = ratatui::try_init().with_context(|| tr!("error-terminal"))?;
    // A crashed earlier run can leave text on the alternate screen, and the
    // first frame only writes cells that differ from blank.
    ratatui::backend::Backend::clear(terminal.backend_mut())
        .with_context(|| tr!("error-clear-terminal"))?;
    // Turned off again on every way out below, as raw mode is.
    if mouse && let Err(err) = mouse_capture(true) {
        let _ = ratatui::try_restore();
        return Err(anyhow::Error::new(err).context(tr!("error-mouse")));
    }
    let wakes = events::spawn(signals);
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        run(&mut terminal, &mut app, &wakes, mouse)
    }));
    let shutdown = panic::catch_unwind(AssertUnwindSafe(|| app.shutdown()))
        .unwrap_or_else(|_| Shutdown::NotSaved(tr!("error-save-failed")));
    // The terminal may be gone (SIGHUP): restoring it, and telling the
    // user, are best efforts that must not fail the exit. `Terminal`'s own
    // drop would report a failure on stderr, and panic when stderr is the
    // dead terminal, so the cursor is shown here and the drop skipped.
    let _ = terminal.show_cursor();
    std::mem::forget(terminal);
    mouse_capture_off(mouse);
    let _ = ratatui::try_restore();
    if let Some(line) = shutdown.farewell() {
        crate::commands::print_err(&line);
    }
    // Never claim a save that did not happen.
    if let Shutdown::NotSaved(problem) = &shutdown {
        anyhow::bail!(tr!("error-round-not-saved", problem = problem.as_str()));
    }
    match outcome {
        Ok(result) => result.map(|_| ()),
        Err(_) => anyhow::bail!(tr!("error-internal")),
    }
}

/// Asks the terminal to report (or stop reporting) clicks and the wheel.
/// Only presses and releases (mode 1000, SGR-encoded 1006): crossterm's
/// `EnableMouseCapture` also asks for every motion, which would wake the
/// event loop and redraw on each move of the mouse. Turning it off uses
/// crossterm's, which clears every mouse mode.
fn mouse_capture(on: bool) -> std::io::Result<()> {
    let mut stdout = std::io::stdout();
    if on {
        stdout.write_all(b"\x1b[?1000h\x1b[?1006h")?;
        stdout.flush()
    } else {
        ratatui::crossterm::execute!(stdout, ratatui::crossterm::event::DisableMouseCapture)
    }
}

/// Hands the mouse back to the terminal (when tandem took it) before the
/// terminal is restored; a best effort, as the terminal may be gone.
fn mouse_capture_off(mouse: bool) {
    if mouse {
        let _ = mouse_capture(false);
    }
}

/// Ctrl-Z as a key: in raw mode the terminal sends it to tandem rather
/// than stopping it.
fn is_suspend(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('z') && key.modifiers.contains(KeyModifiers::CONTROL)
}

/// Suspends tandem as Ctrl-Z does in a shell: pauses and saves the round,
/// hands the terminal back (cooked mode, main screen, cursor shown), stops
/// the process; once continued (`fg`), takes the terminal again and
/// redraws everything, since the screen was used meanwhile.
fn suspend(terminal: &mut DefaultTerminal, app: &mut App, mouse: bool) -> anyhow::Result<()> {
    app.suspend();
    let _ = terminal.show_cursor();
    mouse_capture_off(mouse);
    let _ = ratatui::try_restore();
    let _ = std::io::stdout().flush();
    // SIGSTOP cannot be caught: the process stops here until SIGCONT.
    // SAFETY: raise only sends a signal to this process.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    ratatui::crossterm::terminal::enable_raw_mode().with_context(|| tr!("error-terminal"))?;
    ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen
    )
    .with_context(|| tr!("error-terminal"))?;
    if mouse {
        mouse_capture(true).context(tr!("error-mouse"))?;
    }
    // Clear the screen, and make ratatui forget what it drew, so that the
    // next frame draws every cell. (`Terminal::clear` would ask the
    // terminal for the cursor position, whose answer the input thread can
    // take.)
    ratatui::backend::Backend::clear(terminal.backend_mut())
        .with_context(|| tr!("error-clear-terminal"))?;
    terminal.current_buffer_mut().reset();
    terminal
        .flush()
        .with_context(|| tr!("error-clear-terminal"))?;
    terminal.swap_buffers();
    Ok(())
}

/// Why the event loop ended.
enum Ending {
    /// The user quit.
    Quit,
    /// A stop signal, or the terminal went away.
    Stopped,
}

/// The event loop: draw, wait for a key or the next second, repeat. It
/// redraws only on input and when the displayed time changes.
fn run(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    wakes: &Receiver<Wake>,
    mouse: bool,
) -> anyhow::Result<Ending> {
    while !app.should_quit() {
        terminal.draw(|frame| app.render(frame))?;
        if app.take_bells() > 0 {
            let backend = terminal.backend_mut();
            backend.write_all(b"\x07")?;
            backend.flush()?;
        }
        match wakes.recv_timeout(app.next_redraw()) {
            Ok(Wake::Input(Event::Key(key))) if key.kind == KeyEventKind::Press => {
                if is_suspend(&key) {
                    suspend(terminal, app, mouse)?;
                } else {
                    app.handle_key(&key);
                }
            }
            Ok(Wake::Input(Event::Mouse(event))) => app.handle_mouse(&event),
            Ok(Wake::Suspend) => suspend(terminal, app, mouse)?,
            Ok(Wake::Input(_)) | Err(RecvTimeoutError::Timeout) => {}
            Ok(Wake::Stop | Wake::InputClosed) | Err(RecvTimeoutError::Disconnected) => {
                return Ok(Ending::Stopped);
            }
        }
        app.tick();
    }
    Ok(Ending::Quit)
}

#[cfg(test)]
mod tests;
