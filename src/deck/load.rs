//! Reading decks: the bundled ones embedded in the binary, the user's own
//! from the config dir, and any `.toml` file named on the command line.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;
use toml::de::DeTable;

use super::Deck;
use super::validate::validate;

/// Decks shipped inside the binary, as (file name, content).
const BUNDLED: &[(&str, &str)] = &[
    (
        "relational-1on1.toml",
        include_str!("../../prompts/relational-1on1.toml"),
    ),
    (
        "quick-round.toml",
        include_str!("../../prompts/quick-round.toml"),
    ),
    (
        "deep-canvass.toml",
        include_str!("../../prompts/deep-canvass.toml"),
    ),
    (
        "volunteer-recruitment.toml",
        include_str!("../../prompts/volunteer-recruitment.toml"),
    ),
    (
        "workplace-1on1.toml",
        include_str!("../../prompts/workplace-1on1.toml"),
    ),
    (
        "coaching-conversation.toml",
        include_str!("../../prompts/coaching-conversation.toml"),
    ),
    (
        "relational-1on1-fr.toml",
        include_str!("../../prompts/relational-1on1-fr.toml"),
    ),
    (
        "story-of-self.toml",
        include_str!("../../prompts/story-of-self.toml"),
    ),
    (
        "story-of-us.toml",
        include_str!("../../prompts/story-of-us.toml"),
    ),
    (
        "story-of-now.toml",
        include_str!("../../prompts/story-of-now.toml"),
    ),
    (
        "campaign-volunteer.toml",
        include_str!("../../prompts/campaign-volunteer.toml"),
    ),
    (
        "trust-across-disagreement.toml",
        include_str!("../../prompts/trust-across-disagreement.toml"),
    ),
];

/// Decks larger than this are refused before parsing.
pub const MAX_DECK_BYTES: u64 = 1024 * 1024;

/// Where a deck came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeckSource {
    Bundled,
    File(PathBuf),
}

impl fmt::Display for DeckSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeckSource::Bundled => f.write_str("bundled"),
            DeckSource::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A deck together with where it was loaded from.
#[derive(Debug, Clone)]
pub struct LoadedDeck {
    pub deck: Deck,
    pub source: DeckSource,
    /// A user deck that replaces the bundled deck with the same id.
    pub overrides_bundled: bool,
}

/// Everything that can go wrong when loading a deck.
#[derive(Debug, Error)]
pub enum DeckError {
    #[error("{path}: cannot read deck: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: cannot read the user decks dir, so no user deck is loaded: {source}")]
    Dir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: deck is {size} bytes; the limit is {MAX_DECK_BYTES}")]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{path}: deck is not valid UTF-8 text")]
    NotUtf8 { path: PathBuf },
    #[error("{file}:{line}:{column}: {message}")]
    Parse {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}", located_lines(file, problems))]
    Invalid {
        file: String,
        problems: Vec<Located>,
    },
    #[error(
        "no deck with id `{id}`{}; available: {}",
        suggest(id, available).map_or(String::new(), |s| format!(" (did you mean {s}?)")),
        available.join(", ")
    )]
    NotFound { id: String, available: Vec<String> },
}

/// The deck id closest to a mistyped `id`: one it begins (`quick` for
/// `quick-round`), or one a couple of letters away.
pub fn suggest<'a>(id: &str, available: &'a [String]) -> Option<&'a str> {
    let id = id.trim().to_lowercase();
    if id.is_empty() {
        return None;
    }
    available
        .iter()
        .map(|a| (a, strsim::jaro_winkler(&id, a)))
        .filter(|(a, score)| {
            a.starts_with(&id) || *score >= 0.85 || strsim::levenshtein(&id, a) <= 2
        })
        .max_by(|x, y| x.1.total_cmp(&y.1))
        .map(|(a, _)| a.as_str())
}

/// A problem at a place in a deck file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One `file:line:column: message` line per problem.
fn located_lines(file: &str, problems: &[Located]) -> String {
    problems
        .iter()
        .map(|p| format!("{file}:{}:{}: {}", p.line, p.column, p.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Parses and checks a deck. `file` names the source in error messages.
pub fn parse_deck(text: &str, file: &str) -> Result<Deck, DeckError> {
    let parse_error = |err: toml::de::Error| {
        let Located {
            line,
            column,
            message,
        } = locate(text, &err);
        DeckError::Parse {
            file: file.to_owned(),
            line,
            column,
            message,
        }
    };
    let root = DeTable::parse(text).map_err(parse_error)?;
    let problems = validate(&root);
    if !problems.is_empty() {
        return Err(DeckError::Invalid {
            file: file.to_owned(),
            problems: problems
                .into_iter()
                .map(|problem| {
                    let (line, column) = line_column(text, problem.span.start);
                    Located {
                        line,
                        column,
                        message: problem.message,
                    }
                })
                .collect(),
        });
    }
    let mut deck = Deck::deserialize(toml::de::Deserializer::from(root)).map_err(parse_error)?;
    deck.strip_controls();
    Ok(deck)
}

/// Where a TOML error points in `text` (the start when it has no span),
/// with its message; shared by every TOML file tandem reads.
pub fn locate(text: &str, err: &toml::de::Error) -> Located {
    let (line, column) = err
        .span()
        .map(|span| line_column(text, span.start))
        .unwrap_or((1, 1));
    Located {
        line,
        column,
        message: err.message().trim().to_owned(),
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Reads and parses a deck file, refusing huge or non-UTF-8 files.
pub fn load_file(path: &Path) -> Result<Deck, DeckError> {
    let io = |source| DeckError::Io {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    // A FIFO would block the start for ever, a device never end.
    if !meta.is_file() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        )));
    }
    let size = meta.len();
    if size > MAX_DECK_BYTES {
        return Err(DeckError::TooLarge {
            path: path.to_owned(),
            size,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let text = String::from_utf8(bytes).map_err(|_| DeckError::NotUtf8 {
        path: path.to_owned(),
    })?;
    parse_deck(&text, &path.display().to_string())
}

/// All decks available to the app: bundled ones, overridden by user decks
/// with the same id.
#[derive(Debug, Default)]
pub struct DeckLibrary {
    decks: Vec<LoadedDeck>,
    /// User decks that failed to load; they do not stop the others.
    pub broken: Vec<DeckError>,
}

impl DeckLibrary {
    /// Loads the bundled decks and every `*.toml` in `user_dir` (if it exists).
    pub fn load(user_dir: Option<&Path>) -> DeckLibrary {
        let mut library = DeckLibrary::default();
        for (name, text) in BUNDLED {
            let deck = parse_deck(text, name).expect("bundled decks are checked by tests");
            library.insert(LoadedDeck {
                deck,
                source: DeckSource::Bundled,
                overrides_bundled: false,
            });
        }
        let Some(dir) = user_dir else {
            return library;
        };
        // No decks dir is normal; one that cannot be read is reported
        // (once, with the broken decks), never silently ignored.
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return library,
            Err(source) => {
                library.broken.push(DeckError::Dir {
                    path: dir.to_owned(),
                    source,
                });
                return library;
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            match load_file(&path) {
                Ok(deck) => library.insert(LoadedDeck {
                    deck,
                    source: DeckSource::File(path),
                    overrides_bundled: false,
                }),
                Err(err) => library.broken.push(err),
            }
        }
        library
    }

    fn insert(&mut self, loaded: LoadedDeck) {
        match self.decks.iter_mut().find(|d| d.deck.id == loaded.deck.id) {
            Some(existing) => {
                *existing = LoadedDeck {
                    overrides_bundled: existing.source == DeckSource::Bundled,
                    ..loaded
                }
            }
            None => self.decks.push(loaded),
        }
    }

    /// Every usable deck, bundled first, in load order.
    pub fn decks(&self) -> &[LoadedDeck] {
        &self.decks
    }

    /// Every usable deck, those written in `language` ("fr" also takes
    /// "fr-CA") first; otherwise in load order.
    pub fn decks_for(&self, language: &str) -> Vec<&LoadedDeck> {
        let mut decks: Vec<&LoadedDeck> = self.decks.iter().collect();
        // A stable sort keeps the load order within each group.
        decks.sort_by_key(|d| !same_language(&d.deck.language, language));
        decks
    }

    /// The deck a new round starts on when nothing chose one: `default`,
    /// or the first deck of the same skill family written in `language`.
    pub fn default_for(&self, default: &str, language: &str) -> String {
        let Some(fallback) = self.decks.iter().find(|d| d.deck.id == default) else {
            return default.to_owned();
        };
        if same_language(&fallback.deck.language, language) {
            return default.to_owned();
        }
        self.decks
            .iter()
            .find(|d| {
                d.deck.family() == fallback.deck.family()
                    && same_language(&d.deck.language, language)
            })
            .map_or_else(|| default.to_owned(), |d| d.deck.id.clone())
    }

    /// Finds a deck by id, or loads it from a path when `spec` names a
    /// `.toml` file.
    pub fn resolve(&self, spec: &str) -> Result<LoadedDeck, DeckError> {
        let path = Path::new(spec);
        if spec.ends_with(".toml") || path.components().count() > 1 {
            let deck = load_file(path)?;
            return Ok(LoadedDeck {
                deck,
                source: DeckSource::File(path.to_owned()),
                overrides_bundled: false,
            });
        }
        self.decks
            .iter()
            .find(|d| d.deck.id == spec)
            .cloned()
            .ok_or_else(|| DeckError::NotFound {
                id: spec.to_owned(),
                available: self.decks.iter().map(|d| d.deck.id.clone()).collect(),
            })
    }
}

/// Whether two language tags share their language ("fr-CA" and "fr").
fn same_language(a: &str, b: &str) -> bool {
    let primary = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    primary(a) == primary(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_puts_its_decks_first_and_picks_its_default() {
        let library = DeckLibrary::load(None);
        let ids = |language| -> Vec<String> {
            library
                .decks_for(language)
                .iter()
                .map(|d| d.deck.id.clone())
                .collect()
        };
        let all: Vec<String> = library.decks().iter().map(|d| d.deck.id.clone()).collect();
        let rest: Vec<String> = all
            .iter()
            .filter(|id| *id != "relational-1on1-fr")
            .cloned()
            .collect();
        // Each group keeps the load order.
        let french = ids("fr-CA");
        assert_eq!(french[0], "relational-1on1-fr");
        assert_eq!(french[1..], rest);
        let english = ids("en");
        assert_eq!(english[..english.len() - 1], rest);
        assert_eq!(english.last().unwrap(), "relational-1on1-fr");
        assert_eq!(
            library.default_for("relational-1on1", "fr"),
            "relational-1on1-fr"
        );
        assert_eq!(
            library.default_for("relational-1on1", "en"),
            "relational-1on1"
        );
        assert_eq!(library.default_for("deep-canvass", "fr"), "deep-canvass");
        assert_eq!(library.default_for("nope", "fr"), "nope");
    }

    const MINIMAL: &str = r#"
id = "tiny"
title = "Tiny"
description = "A deck for tests."
version = 1

[[stages]]
id = "purpose"
name = "Purpose"
goal = "Say why."
minutes = 2
prompts = ["Why are we here?"]
rubric = ["clear why"]
"#;

    /// Rules across decks (stage ids per skill family, unique persona
    /// names and prompt cards, timing) are in `tests/bundled_decks.rs`.
    #[test]
    fn every_bundled_deck_parses_and_is_complete() {
        for (name, text) in BUNDLED {
            let deck = parse_deck(text, name).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(format!("{}.toml", deck.id), *name);
            let ids: Vec<_> = deck.stages.iter().map(|s| s.id.as_str()).collect();
            if deck.family() == "relational-1on1" {
                assert_eq!(ids, ["purpose", "exploration", "exchange", "commitment"]);
            }
            for stage in &deck.stages {
                assert!(stage.prompts.len() >= 6, "{name} {}: few prompts", stage.id);
                assert!(!stage.tips.is_empty(), "{name} {}: no tips", stage.id);
                assert!((2..=4).contains(&stage.rubric.len()), "{name} {}", stage.id);
            }
            assert!(deck.marks.len() >= 5, "{name}");
            assert!(deck.personas.len() >= 6, "{name}");
        }
    }

    #[test]
    fn minimal_deck_gets_defaults() {
        let deck = parse_deck(MINIMAL, "tiny.toml").unwrap();
        assert_eq!(deck.language, "en");
        assert_eq!(deck.debrief_minutes, 5);
        assert_eq!(deck.total_minutes(), 2);
        assert!(deck.marks.is_empty());
    }

    #[test]
    fn type_error_reports_its_line_and_column() {
        let broken = MINIMAL.replace("minutes = 2", "minutes = \"two\"");
        let message = parse_deck(&broken, "tiny.toml").unwrap_err().to_string();
        assert_eq!(
            message,
            "tiny.toml:11:11: `minutes` in [[stages]] #1 must be a whole number, not text"
        );
    }

    #[test]
    fn syntax_error_reports_its_line_and_column() {
        let broken = MINIMAL.replace("goal = \"Say why.\"", "goal = \"Say why.");
        match parse_deck(&broken, "tiny.toml").unwrap_err() {
            DeckError::Parse { line, file, .. } => {
                assert_eq!((file.as_str(), line), ("tiny.toml", 10))
            }
            other => panic!("expected a parse error, got {other}"),
        }
    }

    #[test]
    fn unknown_key_is_rejected_with_the_nearest_valid_key() {
        let broken = MINIMAL.replace("goal = ", "gaol = ");
        let message = parse_deck(&broken, "tiny.toml").unwrap_err().to_string();
        assert!(
            message.contains(
                "tiny.toml:10:1: unknown key `gaol` in [[stages]] #1; did you mean `goal`?"
            ),
            "{message}"
        );
        assert!(
            message.contains("tiny.toml:7:1: [[stages]] #1 is missing the required key `goal`"),
            "{message}"
        );
    }

    #[test]
    fn structural_problems_are_all_reported() {
        let broken = MINIMAL
            .replace("minutes = 2", "minutes = 0")
            .replace("prompts = [\"Why are we here?\"]", "prompts = []");
        let message = parse_deck(&broken, "tiny.toml").unwrap_err().to_string();
        assert_eq!(
            message.lines().collect::<Vec<_>>(),
            [
                "tiny.toml:11:11: `minutes` in [[stages]] #1 must be between 1 and 120, not 0",
                "tiny.toml:12:11: `prompts` in [[stages]] #1 is empty; it needs at least 1",
            ]
        );
    }

    #[test]
    fn control_characters_are_stripped_from_content() {
        let hostile = MINIMAL.replace("Why are we here?", "Why\\u001b]0;pwned\\u0007?");
        let deck = parse_deck(&hostile, "tiny.toml").unwrap();
        assert_eq!(deck.stages[0].prompts[0], "Why]0;pwned?");
    }

    #[test]
    fn an_unreadable_user_decks_dir_is_reported_not_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let decks = dir.path().join("decks");
        std::fs::write(&decks, "not a dir").unwrap();
        let library = DeckLibrary::load(Some(&decks));
        assert_eq!(library.broken.len(), 1);
        let message = library.broken[0].to_string();
        assert!(
            message.contains("cannot read the user decks dir"),
            "{message}"
        );
        assert!(message.contains(&decks.display().to_string()), "{message}");
        assert!(!library.decks().is_empty(), "the bundled decks still load");
        let missing = DeckLibrary::load(Some(&dir.path().join("none")));
        assert!(missing.broken.is_empty());
    }

    #[test]
    fn a_fifo_or_device_among_the_decks_is_refused_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.toml");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.toml")).unwrap();
        let library = DeckLibrary::load(Some(dir.path()));
        let messages: Vec<String> = library.broken.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages.iter().all(|m| m.contains("not a regular file")));
    }

    #[test]
    fn user_deck_overrides_bundled_id_and_broken_ones_are_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let own = MINIMAL.replace("id = \"tiny\"", "id = \"relational-1on1\"");
        std::fs::write(dir.path().join("mine.toml"), own).unwrap();
        std::fs::write(dir.path().join("broken.toml"), "id = ").unwrap();
        let library = DeckLibrary::load(Some(dir.path()));
        let deck = library.resolve("relational-1on1").unwrap();
        assert_eq!(deck.deck.title, "Tiny");
        assert_eq!(deck.source, DeckSource::File(dir.path().join("mine.toml")));
        assert!(deck.overrides_bundled);
        assert_eq!(library.broken.len(), 1);
    }

    #[test]
    fn unknown_id_lists_the_available_ones() {
        let library = DeckLibrary::load(None);
        let message = library.resolve("nope").unwrap_err().to_string();
        assert!(message.contains("relational-1on1"), "{message}");
    }

    #[test]
    fn a_path_loads_that_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tiny.toml");
        std::fs::write(&path, MINIMAL).unwrap();
        let library = DeckLibrary::load(None);
        let loaded = library.resolve(path.to_str().unwrap()).unwrap();
        assert_eq!(loaded.deck.id, "tiny");
    }

    #[test]
    fn invalid_utf8_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, [0xff, 0xfe, b'i', b'd']).unwrap();
        assert!(matches!(load_file(&path), Err(DeckError::NotUtf8 { .. })));
    }
}
