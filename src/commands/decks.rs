//! `tandem decks list|show|check|new`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use super::{print_err, print_out};
use crate::cli::DecksCommand;
use crate::deck::{Deck, DeckLibrary, DeckSource, load_file, template};
use crate::i18n::words;
use crate::tr;

pub fn run(command: DecksCommand, library: &DeckLibrary) -> anyhow::Result<ExitCode> {
    match command {
        // File names and broken decks' messages may hold control
        // characters; print_out and print_err remove them.
        DecksCommand::List => {
            print_out(&list(library))?;
            Ok(ExitCode::SUCCESS)
        }
        DecksCommand::Show { id } => {
            let loaded = library
                .resolve(&id)
                .map_err(|err| anyhow::anyhow!(words::deck_error(&err)))?;
            print_out(&show(&loaded.deck))?;
            Ok(ExitCode::SUCCESS)
        }
        DecksCommand::Check { files } => check(&files),
        DecksCommand::New { id } => {
            let path = new(&id, Path::new("."))?;
            print_out(&format!(
                "{}\n",
                tr!("decks-wrote", path = path.display().to_string())
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// One line per deck (those in the interface's language first), then any
/// user deck that could not be loaded.
fn list(library: &DeckLibrary) -> String {
    let mut out = String::new();
    // Wide enough for the longest id (bundled ids run to 25 characters),
    // but an absurdly long user id does not push every row aside.
    let id_width = library
        .decks()
        .iter()
        .map(|d| d.deck.id.chars().count())
        .filter(|&n| n <= 40)
        .max()
        .unwrap_or(0)
        .max(24);
    let _ = writeln!(
        out,
        "{:<id_width$} {:<32} {:<5} {:>4}  {}",
        tr!("decks-id"),
        tr!("decks-title"),
        tr!("decks-lang"),
        tr!("decks-min"),
        tr!("decks-source")
    );
    for loaded in library.decks_for(&crate::i18n::language()) {
        let deck = &loaded.deck;
        let source = match (&loaded.source, loaded.overrides_bundled) {
            (DeckSource::Bundled, _) => tr!("decks-bundled"),
            (DeckSource::File(path), false) => path.display().to_string(),
            (DeckSource::File(path), true) => {
                tr!("decks-overrides", path = path.display().to_string())
            }
        };
        let title: String = deck.title.chars().take(32).collect();
        let _ = writeln!(
            out,
            "{:<id_width$} {:<32} {:<5} {:>4}  {source}",
            deck.id,
            title,
            deck.language,
            deck.total_minutes()
        );
    }
    for broken in &library.broken {
        let _ = writeln!(
            out,
            "{}",
            tr!("decks-broken", problem = words::deck_error(broken))
        );
    }
    out
}

/// A readable summary of a deck.
fn show(deck: &Deck) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}, v{}, {})",
        deck.title, deck.id, deck.version, deck.language
    );
    let _ = writeln!(out, "{}", deck.description);
    let _ = writeln!(
        out,
        "{}",
        tr!(
            "decks-show-minutes",
            minutes = deck.total_minutes(),
            stages = deck.stages.len(),
            debrief = deck.debrief_minutes
        )
    );
    for (i, stage) in deck.stages.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{}",
            tr!(
                "decks-show-stage",
                number = (i + 1),
                name = stage.name.as_str(),
                minutes = stage.minutes,
                band = stage.talk_band().label(),
                goal = stage.goal.as_str()
            )
        );
        for prompt in &stage.prompts {
            let _ = writeln!(out, "   - {prompt}");
        }
        for tip in &stage.tips {
            let _ = writeln!(out, "   {}", tr!("decks-show-tip", tip = tip.as_str()));
        }
        let _ = writeln!(
            out,
            "   {}",
            tr!("decks-show-checks", checks = stage.rubric.join("; "))
        );
    }
    if !deck.marks.is_empty() {
        let _ = writeln!(out, "\n{}", tr!("decks-show-marks"));
        for (i, mark) in deck.marks.iter().enumerate() {
            let stage = mark
                .stage
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            let _ = writeln!(out, "   {} {}{stage}", i + 1, mark.label);
        }
    }
    if !deck.scales.is_empty() {
        let _ = writeln!(out, "\n{}", tr!("decks-show-scales"));
        for scale in &deck.scales {
            let _ = writeln!(
                out,
                "   {}",
                tr!(
                    "decks-show-scale",
                    id = scale.id.as_str(),
                    min = scale.min,
                    max = scale.max,
                    at = scale.at.join(", "),
                    label = scale.label.as_str()
                )
            );
        }
    }
    if !deck.personas.is_empty() {
        let _ = writeln!(out, "\n{}", tr!("decks-show-personas"));
        for persona in &deck.personas {
            let _ = writeln!(out, "   {}: {}", persona.name, persona.summary);
        }
    }
    out
}

/// Checks every file; problems go to stderr, one per line.
fn check(files: &[std::path::PathBuf]) -> anyhow::Result<ExitCode> {
    let mut all_valid = true;
    for file in files {
        match load_file(file) {
            Ok(deck) => print_out(&format!(
                "{}\n",
                tr!(
                    "decks-check-ok",
                    file = file.display().to_string(),
                    id = deck.id.as_str(),
                    stages = deck.stages.len()
                )
            ))?,
            Err(err) => {
                all_valid = false;
                print_err(&words::deck_error(&err));
            }
        }
    }
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Writes `ID.toml` in `dir`, never replacing a file.
fn new(id: &str, dir: &Path) -> anyhow::Result<std::path::PathBuf> {
    anyhow::ensure!(
        !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        tr!("decks-bad-id", id = id)
    );
    let path = dir.join(format!("{id}.toml"));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    // Never through a symlink (create_new already refuses one; say so).
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    let mut file = options
        .open(&path)
        .with_context(|| tr!("decks-cannot-create", path = path.display().to_string()))?;
    file.write_all(template(id).as_bytes())
        .with_context(|| tr!("error-cannot-write", path = path.display().to_string()))?;
    Ok(path)
}
