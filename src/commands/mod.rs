//! What each command line does; `main` only calls [`run`].

mod config;
mod decks;
mod export;
mod import;
mod practice;
mod serve;
mod stats;
mod sync;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::{Cli, Command};
use crate::config::{Effective, Env};
use crate::deck::DeckLibrary;
use crate::store::{Store, StoreError, cache_dir, config_dir, data_dir};
use crate::text::strip_controls;
use crate::tr;
use crate::tui;
use crate::tui::app::{Settings, Start};
use crate::tui::theme::Theme;

/// The interface language, worked out before clap reads the arguments
/// (so that `--help` speaks it): `--lang`, then the config (in
/// `--config-dir`, `TANDEM_CONFIG_DIR` or the platform's), then the
/// locale. A broken config is reported later, by [`run`].
pub fn early_language(args: impl IntoIterator<Item = std::ffi::OsString>) -> String {
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let value_of = |flag: &str| {
        let prefix = format!("{flag}=");
        args.iter()
            .enumerate()
            .find_map(|(i, arg)| match arg.strip_prefix(&prefix) {
                Some(value) => Some(value.to_owned()),
                None if arg == flag => args.get(i + 1).cloned(),
                None => None,
            })
    };
    let explicit_config = value_of("--config-dir")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("TANDEM_CONFIG_DIR").map(PathBuf::from));
    let loaded = crate::config::load(config_dir(explicit_config).as_deref());
    let flags = crate::config::Flags {
        lang: value_of("--lang").and_then(|tag| tag.parse().ok()),
        ..crate::config::Flags::default()
    };
    let effective = Effective::resolve(&flags, &loaded.file, &Env::from_process());
    effective.language.value.as_str().to_owned()
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let decks = DeckLibrary::load(user_decks_dir(cli.config_dir.clone()).as_deref());
    let loaded = crate::config::load(config_dir(cli.config_dir.clone()).as_deref());
    let flags = crate::config::Flags {
        lang: cli.lang.clone(),
        no_color: cli.no_color,
        high_contrast: cli.high_contrast,
        no_bell: cli.no_bell,
        no_mouse: cli.no_mouse,
    };
    let effective = Effective::resolve(&flags, &loaded.file, &Env::from_process());
    // Every sentence from here on is in the chosen language.
    crate::i18n::select(effective.language.value.as_str());
    // A broken config is said once, and never stops a command.
    if let Some(problem) = &loaded.problem {
        print_err(&tr!(
            "config-broken-using-defaults",
            problem = problem.to_string()
        ));
    }
    let settings = Settings {
        theme: Theme::named(effective.theme.value),
        bell: effective.bell.value,
        mouse: effective.mouse.value,
        practice: loaded.file.practice_defaults(),
        seed_source: None,
        load_behind: true,
    };
    let start = match cli.command {
        Some(Command::Config(command)) => return config::run(command, &loaded, &effective),
        Some(Command::Decks(command)) => return decks::run(command, &decks),
        Some(Command::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            // Into memory first: clap_complete panics when stdout fails.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "tandem", &mut script);
            print_out(&String::from_utf8_lossy(&script))?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Man) => {
            let mut page = Vec::new();
            clap_mangen::Man::new(crate::cli::localized())
                .render(&mut page)
                .context(tr!("error-man-page"))?;
            print_out(&String::from_utf8_lossy(&page))?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Export(args)) => {
            return export::run(&args, &open_store(cli.data_dir, cli.cache_dir)?);
        }
        Some(Command::Import { path }) => {
            return import::run(&path, &open_store(cli.data_dir, cli.cache_dir)?);
        }
        Some(Command::Stats(args)) => {
            return stats::run(&args, &read_store(cli.data_dir, cli.cache_dir)?, &decks);
        }
        Some(Command::Sync { remote }) => return sync::run(cli.data_dir, remote.as_deref()),
        Some(Command::Serve(args)) => {
            let deck = practice::chosen_deck(
                args.deck.as_deref(),
                settings.practice.deck.as_deref(),
                &decks,
            )?;
            let store = open_store(cli.data_dir, None)?;
            return serve::run(&args, deck, store, settings.theme);
        }
        Some(Command::Practice(args)) => practice::start(args, &settings.practice, &decks)?,
        Some(Command::Review) => Start::Review,
        Some(Command::Progress { person, deck }) => Start::Progress { person, deck },
        None => Start::Home,
    };
    // Before the data dir is touched: without a terminal nothing may be
    // created, locked or moved aside.
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(tr!("error-needs-terminal"));
    }
    let store = open_store(cli.data_dir, cli.cache_dir)?;
    tui::launch(store, decks, settings, start)?;
    Ok(ExitCode::SUCCESS)
}

/// Opens (creating if needed) the data dir: `--data-dir` or
/// `TANDEM_DATA_DIR` (both arrive as `explicit`), else the platform's.
/// Its index goes in `cache` (`--cache-dir`, `TANDEM_CACHE_DIR` or the
/// platform's).
fn open_store(explicit: Option<PathBuf>, cache: Option<PathBuf>) -> anyhow::Result<Store> {
    let root = data_dir(explicit).with_context(|| tr!("error-no-data-dir"))?;
    Store::open(&root)
        .map(|store| store.with_cache(cache_dir(cache)))
        .with_context(|| tr!("error-open-data-dir", path = root.display().to_string()))
}

/// The data dir for a command that only reads it: never created.
fn read_store(explicit: Option<PathBuf>, cache: Option<PathBuf>) -> anyhow::Result<Store> {
    let root = data_dir(explicit).with_context(|| tr!("error-no-data-dir"))?;
    Ok(Store::reader(&root).with_cache(cache_dir(cache)))
}

/// The config dir's `decks/`, where user decks live.
pub fn user_decks_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    config_dir(explicit).map(|dir| dir.join("decks"))
}

/// Says on stderr, in one line, that a file was skipped and why:
/// `tandem: skipped <path>: <reason>`.
fn report_skipped(problem: &StoreError) {
    print_err(&tr!(
        "error-skipped",
        problem = one_line(&problem.to_string())
    ));
}

/// Stdout was closed under tandem (`tandem … | head`): the command stops
/// quietly and exits 0, as other command-line tools do.
#[derive(Debug, thiserror::Error)]
#[error("stdout is closed")]
pub struct StdoutClosed;

/// Prints `text` on stdout with control characters removed (line breaks
/// kept). A closed pipe becomes [`StdoutClosed`]; any other failure (a full
/// disk) an error that says stdout could not be written.
pub fn print_out(text: &str) -> anyhow::Result<()> {
    let text = strip_controls(text, true);
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Err(StdoutClosed.into()),
        Err(err) => Err(anyhow::Error::new(err).context(tr!("error-stdout"))),
    }
}

/// Prints `text` and a line break on stderr with control characters
/// removed. A failure is ignored: there is nowhere left to report it.
pub fn print_err(text: &str) {
    let mut line = strip_controls(text, true);
    line.push('\n');
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Text from files and paths made safe for one line of a terminal: line
/// breaks become spaces and control characters are dropped.
fn one_line(text: &str) -> String {
    strip_controls(&text.replace(['\n', '\r'], " "), false)
}
