//! What each command line does; `main` only calls [`run`].

mod decks;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::deck::DeckLibrary;
use crate::store::config_dir;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Decks(command)) => {
            let library = DeckLibrary::load(user_decks_dir(cli.config_dir).as_deref());
            decks::run(command, &library)
        }
        _ => crate::tui::launch(cli).map(|()| ExitCode::SUCCESS),
    }
}

/// The config dir's `decks/`, where user decks live.
pub fn user_decks_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    config_dir(explicit).map(|dir| dir.join("decks"))
}
