//! `tandem decks list|show|check|new`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use super::{print_err, print_out};
use crate::cli::DecksCommand;
use crate::deck::{Deck, DeckLibrary, DeckSource, load_file, template};

pub fn run(command: DecksCommand, library: &DeckLibrary) -> anyhow::Result<ExitCode> {
    match command {
        // File names and broken decks' messages may hold control
        // characters; print_out and print_err remove them.
        DecksCommand::List => {
            print_out(&list(library))?;
            Ok(ExitCode::SUCCESS)
        }
        DecksCommand::Show { id } => {
            print_out(&show(&library.resolve(&id)?.deck))?;
            Ok(ExitCode::SUCCESS)
        }
        DecksCommand::Check { files } => check(&files),
        DecksCommand::New { id } => {
            let path = new(&id, Path::new("."))?;
            print_out(&format!(
                "wrote {} (check it with `tandem decks check {}`)\n",
                path.display(),
                path.display()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// One line per deck, then any user deck that could not be loaded.
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
        "{:<id_width$} {:<32} {:<5} {:>4}  SOURCE",
        "ID", "TITLE", "LANG", "MIN"
    );
    for loaded in library.decks() {
        let deck = &loaded.deck;
        let source = match (&loaded.source, loaded.overrides_bundled) {
            (DeckSource::Bundled, _) => "bundled".to_owned(),
            (DeckSource::File(path), false) => path.display().to_string(),
            (DeckSource::File(path), true) => format!("{} (overrides bundled)", path.display()),
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
        let _ = writeln!(out, "broken: {broken}");
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
        "{} minutes in {} stages, then a {}-minute debrief",
        deck.total_minutes(),
        deck.stages.len(),
        deck.debrief_minutes
    );
    for (i, stage) in deck.stages.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{}. {} ({} min, organizer talks {}): {}",
            i + 1,
            stage.name,
            stage.minutes,
            stage.talk_band().label(),
            stage.goal
        );
        for prompt in &stage.prompts {
            let _ = writeln!(out, "   - {prompt}");
        }
        for tip in &stage.tips {
            let _ = writeln!(out, "   tip: {tip}");
        }
        let _ = writeln!(out, "   checks: {}", stage.rubric.join("; "));
    }
    if !deck.marks.is_empty() {
        let _ = writeln!(out, "\nMarks:");
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
        let _ = writeln!(out, "\nScales:");
        for scale in &deck.scales {
            let _ = writeln!(
                out,
                "   {} ({} to {}, asked at {}): {}",
                scale.id,
                scale.min,
                scale.max,
                scale.at.join(", "),
                scale.label
            );
        }
    }
    if !deck.personas.is_empty() {
        let _ = writeln!(
            out,
            "\nPersonas (the public part; each has a private brief for the partner):"
        );
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
                "{}: ok ({}, {} stages)\n",
                file.display(),
                deck.id,
                deck.stages.len()
            ))?,
            Err(err) => {
                all_valid = false;
                print_err(&err.to_string());
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
        "deck id `{id}` may use only a-z, 0-9 and -"
    );
    let path = dir.join(format!("{id}.toml"));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    // Never through a symlink (create_new already refuses one; say so).
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    let mut file = options
        .open(&path)
        .with_context(|| format!("cannot create {} (it is never overwritten)", path.display()))?;
    file.write_all(template(id).as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}
