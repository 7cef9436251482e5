//! The user's `config.toml` (in the config dir) and how each setting is
//! decided: a command-line flag, else the config file, else the
//! environment (`NO_COLOR`, the locale), else the built-in default.
//!
//! A broken config never stops tandem: [`load`] returns the defaults with
//! the problem (file:line:column), for the caller to report.

use std::fmt;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::deck::{Located, is_language_tag, locate};
use crate::practice::Mode;
use crate::store::MAX_FILE_BYTES;

/// The config file's name in the config dir.
pub const FILE_NAME: &str = "config.toml";

/// The deck a round uses when neither the command line nor the config
/// names one.
pub const DEFAULT_DECK: &str = "relational-1on1";

/// The minutes a breakout may be given (`--fit`, `fit`).
pub const FIT_MINUTES: RangeInclusive<u32> = 1..=600;

/// `config.toml` as written: every key optional, so an empty file is valid;
/// an unknown key is an error (with its place), so a typo is not ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub language: Option<LanguageTag>,
    pub theme: Option<ThemeName>,
    pub bell: Option<bool>,
    pub mouse: Option<bool>,
    pub deck: Option<String>,
    pub mode: Option<Mode>,
    pub organizer: Option<String>,
    pub partner: Option<String>,
    pub observer: Option<String>,
    pub fit: Option<FitMinutes>,
}

impl ConfigFile {
    /// What the config says a new round starts from.
    pub fn practice_defaults(&self) -> PracticeDefaults {
        PracticeDefaults {
            deck: self.deck.clone(),
            mode: self.mode,
            organizer: self.organizer.clone(),
            partner: self.partner.clone(),
            observer: self.observer.clone(),
            fit: self.fit.map(|f| f.0),
        }
    }
}

/// The config's defaults for a new round; each fills in only what the
/// command line (or, in the app, nothing) gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PracticeDefaults {
    pub deck: Option<String>,
    pub mode: Option<Mode>,
    pub organizer: Option<String>,
    pub partner: Option<String>,
    pub observer: Option<String>,
    pub fit: Option<u32>,
}

/// A BCP 47 language tag ("en", "fr-CA"), checked loosely.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct LanguageTag(String);

impl LanguageTag {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LanguageTag {
    type Error = String;

    fn try_from(tag: String) -> Result<LanguageTag, String> {
        if is_language_tag(&tag) {
            Ok(LanguageTag(tag))
        } else {
            Err(format!(
                "`{tag}` is not a BCP 47 language tag such as \"en\" or \"fr-CA\""
            ))
        }
    }
}

impl std::str::FromStr for LanguageTag {
    type Err = String;

    fn from_str(tag: &str) -> Result<LanguageTag, String> {
        LanguageTag::try_from(tag.to_owned())
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The named colour themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
    /// No colour: emphasis by bold, dim and reverse only.
    Mono,
}

impl ThemeName {
    /// The name as written in the config.
    pub fn label(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::Mono => "mono",
        }
    }
}

/// The minutes a breakout has, within [`FIT_MINUTES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "i64")]
pub struct FitMinutes(pub u32);

impl TryFrom<i64> for FitMinutes {
    type Error = String;

    fn try_from(minutes: i64) -> Result<FitMinutes, String> {
        u32::try_from(minutes)
            .ok()
            .filter(|m| FIT_MINUTES.contains(m))
            .map(FitMinutes)
            .ok_or_else(|| {
                format!(
                    "`fit` must be a number of minutes from {} to {}, not {minutes}",
                    FIT_MINUTES.start(),
                    FIT_MINUTES.end()
                )
            })
    }
}

/// Why the config file was not used.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{path}: cannot read the config: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: the config is not a regular file")]
    NotRegular { path: PathBuf },
    #[error("{path}: the config is {size} bytes; the limit is {MAX_FILE_BYTES}")]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{path}: the config is not UTF-8 text")]
    NotUtf8 { path: PathBuf },
    #[error("{file}:{}:{}: {}", place.line, place.column, place.message)]
    Parse { file: String, place: Located },
}

/// The config file as found: its path (when there is a config dir), its
/// settings, and why it was not used, if it was not.
#[derive(Debug, Default)]
pub struct Loaded {
    pub path: Option<PathBuf>,
    pub file: ConfigFile,
    pub exists: bool,
    pub problem: Option<ConfigError>,
}

/// Reads `config.toml` from `dir`. A missing file is no problem; a broken
/// one gives the defaults and the reason.
pub fn load(dir: Option<&Path>) -> Loaded {
    let Some(path) = dir.map(|d| d.join(FILE_NAME)) else {
        return Loaded::default();
    };
    let exists = std::fs::symlink_metadata(&path).is_ok();
    let (file, problem) = if exists {
        match read(&path).and_then(|text| parse(&text, &path.display().to_string())) {
            Ok(file) => (file, None),
            Err(err) => (ConfigFile::default(), Some(err)),
        }
    } else {
        (ConfigFile::default(), None)
    };
    Loaded {
        path: Some(path),
        file,
        exists,
        problem,
    }
}

/// Reads the config as text. Unlike data files it may be a symlink (into
/// a dotfiles repository, say), but never a FIFO or a device, nor huge.
fn read(path: &Path) -> Result<String, ConfigError> {
    let io = |source| ConfigError::Read {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ConfigError::NotRegular {
            path: path.to_owned(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ConfigError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    String::from_utf8(bytes).map_err(|_| ConfigError::NotUtf8 {
        path: path.to_owned(),
    })
}

/// Parses a config; `file` names it in the error.
pub fn parse(text: &str, file: &str) -> Result<ConfigFile, ConfigError> {
    toml::from_str(text).map_err(|err| ConfigError::Parse {
        file: file.to_owned(),
        place: locate(text, &err),
    })
}

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag (`--lang`, `--no-bell`, …).
    Flag(&'static str),
    ConfigFile,
    /// An environment variable (`NO_COLOR`, `LANG`, …).
    Environment(&'static str),
    Default,
}

/// A value with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

/// The first of the candidates that is given, else the default.
fn first<T>(candidates: impl IntoIterator<Item = Option<(T, Source)>>, default: T) -> Setting<T> {
    candidates.into_iter().flatten().next().map_or(
        Setting {
            value: default,
            source: Source::Default,
        },
        |(value, source)| Setting { value, source },
    )
}

/// The global flags that decide settings.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub lang: Option<LanguageTag>,
    pub no_color: bool,
    pub high_contrast: bool,
    pub no_bell: bool,
    pub no_mouse: bool,
}

/// The environment variables that decide settings, read once.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `NO_COLOR` is set and not empty.
    pub no_color: bool,
    pub lc_all: Option<String>,
    pub lc_messages: Option<String>,
    pub lang: Option<String>,
}

impl Env {
    /// The process's environment.
    pub fn from_process() -> Env {
        let var = |name| std::env::var(name).ok();
        Env {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            lc_all: var("LC_ALL"),
            lc_messages: var("LC_MESSAGES"),
            lang: var("LANG"),
        }
    }

    /// The messages language of the locale, as POSIX picks it: the first
    /// non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG`; `fr_FR.UTF-8` gives
    /// `fr`. `C` and `POSIX` name no language.
    fn language(&self) -> Option<(LanguageTag, Source)> {
        let (name, value) = [
            ("LC_ALL", &self.lc_all),
            ("LC_MESSAGES", &self.lc_messages),
            ("LANG", &self.lang),
        ]
        .into_iter()
        .find_map(|(name, value)| Some((name, value.as_deref().filter(|v| !v.is_empty())?)))?;
        let language = value
            .split(['.', '@', '_', '-'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if language == "c" || language == "posix" {
            return None;
        }
        let tag = LanguageTag::try_from(language).ok()?;
        Some((tag, Source::Environment(name)))
    }
}

/// Every setting's value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effective {
    pub language: Setting<LanguageTag>,
    pub theme: Setting<ThemeName>,
    pub bell: Setting<bool>,
    pub mouse: Setting<bool>,
    pub deck: Setting<String>,
    pub mode: Setting<Mode>,
    pub organizer: Setting<Option<String>>,
    pub partner: Setting<Option<String>>,
    pub observer: Setting<Option<String>>,
    pub fit: Setting<Option<u32>>,
}

impl Effective {
    /// Decides every setting: flag > config file > environment > default.
    pub fn resolve(flags: &Flags, file: &ConfigFile, env: &Env) -> Effective {
        fn config<T>(value: Option<T>) -> Option<(T, Source)> {
            value.map(|v| (v, Source::ConfigFile))
        }
        fn flag<T>(on: bool, value: T, name: &'static str) -> Option<(T, Source)> {
            on.then_some((value, Source::Flag(name)))
        }
        let name = |value: &Option<String>| first([config(value.clone().map(Some))], None);
        Effective {
            language: first(
                [
                    flags.lang.clone().map(|l| (l, Source::Flag("--lang"))),
                    config(file.language.clone()),
                    env.language(),
                ],
                LanguageTag("en".to_owned()),
            ),
            theme: first(
                [
                    flag(flags.no_color, ThemeName::Mono, "--no-color"),
                    flag(
                        flags.high_contrast,
                        ThemeName::HighContrast,
                        "--high-contrast",
                    ),
                    config(file.theme),
                    env.no_color
                        .then_some((ThemeName::Mono, Source::Environment("NO_COLOR"))),
                ],
                ThemeName::Default,
            ),
            bell: first(
                [flag(flags.no_bell, false, "--no-bell"), config(file.bell)],
                true,
            ),
            mouse: first(
                [
                    flag(flags.no_mouse, false, "--no-mouse"),
                    config(file.mouse),
                ],
                true,
            ),
            deck: first([config(file.deck.clone())], DEFAULT_DECK.to_owned()),
            mode: first([config(file.mode)], Mode::default()),
            organizer: name(&file.organizer),
            partner: name(&file.partner),
            observer: name(&file.observer),
            fit: first([config(file.fit.map(|f| Some(f.0)))], None),
        }
    }

    /// Each setting as (key, value as text, source), in the config's order.
    pub fn rows(&self) -> Vec<(&'static str, String, Source)> {
        let name = |s: &Setting<Option<String>>| {
            (
                s.value.clone().unwrap_or_else(|| "(none)".to_owned()),
                s.source,
            )
        };
        let on = |s: &Setting<bool>| (if s.value { "true" } else { "false" }.to_owned(), s.source);
        let rows = [
            (
                "language",
                (self.language.value.to_string(), self.language.source),
            ),
            (
                "theme",
                (self.theme.value.label().to_owned(), self.theme.source),
            ),
            ("bell", on(&self.bell)),
            ("mouse", on(&self.mouse)),
            ("deck", (self.deck.value.clone(), self.deck.source)),
            (
                "mode",
                (self.mode.value.label().to_owned(), self.mode.source),
            ),
            ("organizer", name(&self.organizer)),
            ("partner", name(&self.partner)),
            ("observer", name(&self.observer)),
            (
                "fit",
                (
                    self.fit.value.map_or_else(
                        || "(none: one round at the deck's length)".to_owned(),
                        |m| m.to_string(),
                    ),
                    self.fit.source,
                ),
            ),
        ];
        rows.into_iter()
            .map(|(key, (value, source))| (key, value, source))
            .collect()
    }
}

/// The file `tandem config init` writes: every key, commented out, with
/// its default, so that it parses as it is and each line can be enabled.
pub fn template() -> String {
    format!(
        r#"# tandem configuration. Every key is optional; remove the `#` in front
# of a line to use it. Command-line flags win over this file, and this
# file wins over the environment (NO_COLOR, LC_ALL, LC_MESSAGES, LANG).

# The interface language, a BCP 47 tag ("en", "fr"). Default: --lang,
# else the locale (LC_ALL, LC_MESSAGES, LANG), else English.
# language = "en"

# Colours: "default", "high-contrast" or "mono" (no colour).
# Default: "mono" when NO_COLOR is set, else "default".
# theme = "default"

# Ring the terminal bell at the end of each stage (--no-bell turns it off).
# bell = true

# Click and scroll with the mouse (--no-mouse turns it off).
# mouse = true

# What a new round starts from; the command line wins over each of them.
# The deck: an id (`tandem decks list`) or a path to a deck file.
# deck = "{DEFAULT_DECK}"

# "pair", "triad", "solo" or "drill".
# mode = "pair"

# The names setup is filled with (none by default).
# organizer = "Ana"
# partner = "Ben"
# observer = "Chloé"

# The minutes a breakout has ({min} to {max}): one round per participant,
# fitted to that time. Default: none, one round at the deck's length.
# fit = 30
"#,
        min = FIT_MINUTES.start(),
        max = FIT_MINUTES.end(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(result: Result<ConfigFile, ConfigError>) -> (usize, usize, String) {
        match result.unwrap_err() {
            ConfigError::Parse { place, .. } => (place.line, place.column, place.message),
            other => panic!("expected a parse error, got {other}"),
        }
    }

    #[test]
    fn an_empty_file_is_valid_and_sets_nothing() {
        assert_eq!(parse("", "c.toml").unwrap(), ConfigFile::default());
        assert_eq!(
            parse("# only a comment\n", "c.toml").unwrap(),
            ConfigFile::default()
        );
    }

    #[test]
    fn every_key_parses() {
        let file = parse(
            "language = \"fr-CA\"\ntheme = \"high-contrast\"\nbell = false\nmouse = false\n\
             deck = \"quick-round\"\nmode = \"triad\"\norganizer = \"Ana\"\npartner = \"Ben\"\n\
             observer = \"Chloé\"\nfit = 45\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(file.language.as_ref().unwrap().as_str(), "fr-CA");
        assert_eq!(file.theme, Some(ThemeName::HighContrast));
        assert_eq!((file.bell, file.mouse), (Some(false), Some(false)));
        assert_eq!(
            file.practice_defaults(),
            PracticeDefaults {
                deck: Some("quick-round".into()),
                mode: Some(Mode::Triad),
                organizer: Some("Ana".into()),
                partner: Some("Ben".into()),
                observer: Some("Chloé".into()),
                fit: Some(45),
            }
        );
    }

    #[test]
    fn the_template_parses_and_every_key_in_it_is_known() {
        assert_eq!(parse(&template(), "c.toml").unwrap(), ConfigFile::default());
        // Enabled, each listed key is a real key with a valid value.
        let enabled: String = template()
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| l.split_whitespace().nth(1) == Some("="))
            .map(|l| format!("{l}\n"))
            .collect();
        let file = parse(&enabled, "c.toml").unwrap_or_else(|e| panic!("{e}\n{enabled}"));
        assert_eq!(enabled.lines().count(), 10, "{enabled}");
        assert_eq!(file.theme, Some(ThemeName::Default));
        assert_eq!(file.fit, Some(FitMinutes(30)));
    }

    #[test]
    fn a_syntax_error_has_its_line_and_column() {
        let (line, column, _) = located(parse("bell = true\nmode = \"pair\n", "c.toml"));
        // An unclosed string is reported where the line ends.
        assert_eq!((line, column), (2, 13));
    }

    #[test]
    fn a_wrong_type_points_at_the_value() {
        let (line, column, message) = located(parse("\n\nbell = \"yes\"\n", "c.toml"));
        assert_eq!((line, column), (3, 8), "{message}");
        let error = parse("\n\nbell = \"yes\"\n", "dir/config.toml").unwrap_err();
        assert!(
            error.to_string().starts_with("dir/config.toml:3:8: "),
            "{error}"
        );
    }

    #[test]
    fn unknown_values_and_keys_are_errors_with_their_place() {
        let (line, column, message) = located(parse("theme = \"dark\"\n", "c.toml"));
        assert_eq!((line, column), (1, 9));
        assert!(message.contains("high-contrast"), "{message}");
        let (line, column, message) = located(parse("bell = true\nmode = \"duo\"\n", "c.toml"));
        assert_eq!((line, column), (2, 8));
        assert!(message.contains("triad"), "{message}");
        let (line, column, message) = located(parse("\nmouse = true\nmuose = 1\n", "c.toml"));
        assert_eq!((line, column), (3, 1));
        assert!(message.contains("muose"), "{message}");
    }

    #[test]
    fn out_of_range_minutes_and_bad_tags_are_errors_with_their_place() {
        let (line, column, message) = located(parse("fit = 0\n", "c.toml"));
        assert_eq!(
            (line, column, message.as_str()),
            (
                1,
                7,
                "`fit` must be a number of minutes from 1 to 600, not 0"
            )
        );
        assert!(parse("fit = 601", "c.toml").is_err());
        assert!(parse("fit = -5", "c.toml").is_err());
        assert_eq!(
            parse("fit = 600", "c.toml").unwrap().fit,
            Some(FitMinutes(600))
        );
        let (line, column, message) = located(parse("language = \"fr_FR\"\n", "c.toml"));
        assert_eq!((line, column), (1, 12));
        assert!(message.contains("BCP 47"), "{message}");
    }

    fn env_lang(lc_all: &str, lc_messages: &str, lang: &str) -> Env {
        let some = |v: &str| Some(v.to_owned());
        Env {
            no_color: false,
            lc_all: some(lc_all),
            lc_messages: some(lc_messages),
            lang: some(lang),
        }
    }

    #[test]
    fn the_locale_gives_the_language_in_posix_order() {
        let language = |env: &Env| {
            let effective = Effective::resolve(&Flags::default(), &ConfigFile::default(), env);
            (
                effective.language.value.to_string(),
                effective.language.source,
            )
        };
        assert_eq!(
            language(&env_lang("", "", "fr_FR.UTF-8")),
            ("fr".to_owned(), Source::Environment("LANG"))
        );
        assert_eq!(
            language(&env_lang("", "de_DE@euro", "fr_FR.UTF-8")),
            ("de".to_owned(), Source::Environment("LC_MESSAGES"))
        );
        assert_eq!(
            language(&env_lang("es_ES.UTF-8", "de_DE", "fr_FR")),
            ("es".to_owned(), Source::Environment("LC_ALL"))
        );
        assert_eq!(
            language(&env_lang("C.UTF-8", "de_DE", "fr_FR")),
            ("en".to_owned(), Source::Default)
        );
        assert_eq!(
            language(&Env::default()),
            ("en".to_owned(), Source::Default)
        );
    }

    #[test]
    fn a_flag_beats_the_config_which_beats_the_environment() {
        let env = Env {
            no_color: true,
            ..env_lang("", "", "fr_FR.UTF-8")
        };
        let file = parse(
            "language = \"de\"\ntheme = \"high-contrast\"\nbell = true\nmouse = false\n",
            "c.toml",
        )
        .unwrap();
        let from_file = Effective::resolve(&Flags::default(), &file, &env);
        assert_eq!(from_file.language.value.as_str(), "de");
        assert_eq!(from_file.language.source, Source::ConfigFile);
        assert_eq!(from_file.theme.value, ThemeName::HighContrast);
        assert!(!from_file.mouse.value);
        let flags = Flags {
            lang: Some("it".parse().unwrap()),
            no_color: true,
            high_contrast: true,
            no_bell: true,
            no_mouse: false,
        };
        let from_flags = Effective::resolve(&flags, &file, &env);
        assert_eq!(from_flags.language.value.as_str(), "it");
        assert_eq!(from_flags.language.source, Source::Flag("--lang"));
        // No colour wins over high contrast when both flags are given.
        assert_eq!(from_flags.theme.value, ThemeName::Mono);
        assert_eq!(from_flags.theme.source, Source::Flag("--no-color"));
        assert_eq!(
            (from_flags.bell.value, from_flags.bell.source),
            (false, Source::Flag("--no-bell"))
        );
        assert_eq!(from_flags.mouse.source, Source::ConfigFile);
        let from_env = Effective::resolve(&Flags::default(), &ConfigFile::default(), &env);
        assert_eq!(from_env.theme.value, ThemeName::Mono);
        assert_eq!(from_env.theme.source, Source::Environment("NO_COLOR"));
        let defaults =
            Effective::resolve(&Flags::default(), &ConfigFile::default(), &Env::default());
        assert_eq!(defaults.theme.value, ThemeName::Default);
        assert!(defaults.bell.value && defaults.mouse.value);
        assert!(
            defaults
                .rows()
                .iter()
                .all(|(_, _, s)| *s == Source::Default)
        );
        assert_eq!(defaults.deck.value, DEFAULT_DECK);
    }

    #[test]
    fn a_missing_file_is_no_problem_and_a_broken_one_gives_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let missing = load(Some(dir.path()));
        assert!(!missing.exists && missing.problem.is_none());
        assert_eq!(missing.path, Some(dir.path().join(FILE_NAME)));
        std::fs::write(dir.path().join(FILE_NAME), "bell = false\nmode = 3\n").unwrap();
        let broken = load(Some(dir.path()));
        assert!(broken.exists);
        assert_eq!(broken.file, ConfigFile::default());
        let message = broken.problem.unwrap().to_string();
        let wanted = format!("{}:2:8: ", dir.path().join(FILE_NAME).display());
        assert!(message.starts_with(&wanted), "{message}");
        std::fs::write(dir.path().join(FILE_NAME), [0xff, 0xfe]).unwrap();
        assert!(matches!(
            load(Some(dir.path())).problem,
            Some(ConfigError::NotUtf8 { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_config_is_read_but_a_fifo_or_a_dir_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join(FILE_NAME);
        let elsewhere = dir.path().join("dotfiles.toml");
        std::fs::write(&elsewhere, "bell = false\n").unwrap();
        std::os::unix::fs::symlink(&elsewhere, &config).unwrap();
        let linked = load(Some(dir.path()));
        assert!(linked.problem.is_none(), "{:?}", linked.problem);
        assert_eq!(linked.file.bell, Some(false));
        std::fs::remove_file(&config).unwrap();
        let fifo = std::ffi::CString::new(config.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo only reads the NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            load(Some(dir.path())).problem,
            Some(ConfigError::NotRegular { .. })
        ));
        std::fs::remove_file(&config).unwrap();
        std::fs::create_dir(&config).unwrap();
        assert!(matches!(
            load(Some(dir.path())).problem,
            Some(ConfigError::NotRegular { .. })
        ));
    }
}
