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

use crate::cli::{Cli, Command, PracticeArgs};
use crate::commands::user_decks_dir;
use crate::deck::{Deck, DeckLibrary};
use crate::practice::{Mode, People, SystemClock};
use crate::store::{Store, data_dir};
use app::{App, Settings, Start};
use screens::setup::clean_name;
use theme::Theme;

/// Runs the app for the parsed command line. Everything that can fail
/// before the terminal is taken over (data dir, a broken deck) is reported
/// as an error first.
pub fn launch(cli: Cli) -> anyhow::Result<()> {
    let root =
        data_dir(cli.data_dir).context("no data dir: pass --data-dir or set TANDEM_DATA_DIR")?;
    let store = Store::open(&root)
        .with_context(|| format!("cannot open the data dir {}", root.display()))?;
    let decks = DeckLibrary::load(user_decks_dir(cli.config_dir).as_deref());
    let start = match cli.command {
        None => Start::Home,
        Some(Command::Decks(_)) => unreachable!("decks commands never open the TUI"),
        Some(Command::Practice(args)) => practice_start(args, &decks)?,
    };
    let settings = Settings {
        theme: Theme::from_env(cli.no_color),
        bell: !cli.no_bell,
        seed_source: None,
    };
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

/// Checks `tandem practice` options against the deck and the mode.
fn practice_start(args: PracticeArgs, decks: &DeckLibrary) -> anyhow::Result<Start> {
    let deck = decks.resolve(&args.deck)?.deck;
    let mode = Mode::from(args.mode);
    let name = |n: Option<String>| clean_name(n.as_deref().unwrap_or_default());
    let drill_stage = match (mode, args.stage) {
        (Mode::Drill, None) => {
            anyhow::bail!("--mode drill needs --stage, one of: {}", stage_ids(&deck))
        }
        (Mode::Drill, Some(id)) if deck.stage(&id).is_none() => anyhow::bail!(
            "deck `{}` has no stage `{id}`; its stages are: {}",
            deck.id,
            stage_ids(&deck)
        ),
        (_, stage) => stage,
    };
    anyhow::ensure!(
        args.observer.is_none() || mode == Mode::Triad,
        "--observer is for --mode triad"
    );
    Ok(Start::Practice {
        people: People {
            organizer: name(args.organizer),
            partner: if mode == Mode::Solo {
                String::new()
            } else {
                name(args.partner)
            },
            observer: (mode == Mode::Triad).then(|| name(args.observer)),
        },
        deck: Box::new(deck),
        mode,
        drill_stage,
        seed: args.seed,
    })
}

fn stage_ids(deck: &Deck) -> String {
    deck.stages
        .iter()
        .map(|s| s.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
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
