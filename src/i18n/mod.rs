//! Every sentence of the interface comes through here: Fluent messages in
//! `i18n/{language}/tandem.ftl`, embedded in the binary, English as the
//! fallback for any message a language lacks.
//!
//! The language is chosen once at start ([`select`]); a thread can speak
//! another for a while ([`scoped`]), which lets French tests run beside
//! English ones without a race.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError, RwLock};

use chrono::{Datelike, NaiveDate};
use fluent::FluentValue;
use i18n_embed::LanguageLoader;
use i18n_embed::fluent::FluentLanguageLoader;
use i18n_embed::unic_langid::LanguageIdentifier;
use rust_embed::RustEmbed;

pub mod words;

/// The `.ftl` files, one folder per language.
#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Localizations;

/// The message file's name in each language folder.
const DOMAIN: &str = "tandem";

/// One loader per language asked for, built on first use and kept for the
/// life of the process (there are as many as there are language folders).
static LOADERS: LazyLock<Mutex<HashMap<String, &'static FluentLanguageLoader>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// English, the language of a process (or a test) that selected none.
static ENGLISH: LazyLock<&'static FluentLanguageLoader> = LazyLock::new(|| loader_for(FALLBACK));

/// The language chosen at start; English until [`select`] is called.
static SELECTED: RwLock<Option<&'static FluentLanguageLoader>> = RwLock::new(None);

thread_local! {
    /// A language this thread speaks instead of the selected one.
    static SCOPED: Cell<Option<&'static FluentLanguageLoader>> = const { Cell::new(None) };
}

/// The fallback language, in which every message exists.
pub const FALLBACK: &str = "en";

/// Translates a message of `i18n/en/tandem.ftl` (checked at build time)
/// into the current language: `tr!("id")`, `tr!("id", count = 2)`.
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        i18n_embed_fl::fl!($crate::i18n::loader(), $id)
    };
    ($id:literal, $($args:tt)*) => {
        i18n_embed_fl::fl!($crate::i18n::loader(), $id, $($args)*)
    };
}

/// The languages that have a folder of messages, e.g. `["en", "fr"]`.
pub fn available() -> Vec<String> {
    let mut languages: Vec<String> = Localizations::iter()
        .filter_map(|path| path.split('/').next().map(str::to_owned))
        .collect();
    languages.sort();
    languages.dedup();
    languages
}

/// The available language that serves `tag` ("fr-CA" → "fr"), English when
/// none does.
pub fn negotiate(tag: &str) -> String {
    serving(tag).unwrap_or_else(|| FALLBACK.to_owned())
}

/// The available language that serves `tag` (`fr-CA` or `fr_CA` → "fr"):
/// the one of that exact tag, else the one of its primary language.
fn serving(tag: &str) -> Option<String> {
    let available = available();
    let tag = tag.replace('_', "-");
    let primary = tag.split('-').next().unwrap_or_default();
    let found = available
        .iter()
        .find(|l| l.eq_ignore_ascii_case(&tag))
        .or_else(|| available.iter().find(|l| l.eq_ignore_ascii_case(primary)));
    found.cloned()
}

/// The loader for an available `language`, built on first use.
fn loader_for(language: &str) -> &'static FluentLanguageLoader {
    let mut loaders = LOADERS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(loader) = loaders.get(language) {
        return loader;
    }
    let fallback: LanguageIdentifier = FALLBACK.parse().expect("a valid tag");
    let id: LanguageIdentifier = language.parse().unwrap_or_else(|_| fallback.clone());
    let loader = FluentLanguageLoader::new(DOMAIN, fallback);
    // The messages are embedded and checked by tests: loading cannot fail
    // but for a build without them, which no test would pass.
    loader
        .load_languages(&Localizations, &[id])
        .expect("the embedded messages load");
    // Unicode isolation marks would reach the terminal as odd characters.
    loader.set_use_isolating(false);
    let loader: &'static FluentLanguageLoader = Box::leak(Box::new(loader));
    loaders.insert(language.to_owned(), loader);
    loader
}

/// Chooses the interface language for the whole process, from a tag such
/// as "fr" or "fr-CA" (the nearest available language, else English), and
/// returns the language chosen.
pub fn select(tag: &str) -> String {
    let language = negotiate(tag);
    *SELECTED.write().unwrap_or_else(PoisonError::into_inner) = Some(loader_for(&language));
    language
}

/// The current thread speaks `tag` until the returned guard is dropped.
pub fn scoped(tag: &str) -> Scope {
    let previous = SCOPED.replace(Some(loader_for(&negotiate(tag))));
    Scope { previous }
}

/// An available language, resolved once, for a thread to speak now and
/// then ([`Language::speak`]): a served connection's own language.
#[derive(Clone, Copy)]
pub struct Language(&'static FluentLanguageLoader);

impl Language {
    /// The available language a POSIX locale value names (`fr_FR.UTF-8`,
    /// `fr`, `en_GB@euro`), if any. `C`, `POSIX`, an empty value, a
    /// language without messages and anything that is not a locale name
    /// name none.
    pub fn from_locale(locale: &str) -> Option<Language> {
        let name = locale.split(['.', '@']).next().unwrap_or_default();
        let well_formed = !name.is_empty()
            && name.len() <= 35
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !well_formed || name == "C" || name == "POSIX" {
            return None;
        }
        serving(name).map(|language| Language(loader_for(&language)))
    }

    /// The language's tag, e.g. "fr".
    pub fn tag(self) -> String {
        self.0.current_language().language.as_str().to_owned()
    }

    /// The language this thread speaks now.
    pub fn current() -> Language {
        Language(loader())
    }

    /// The current thread speaks this language until the guard is dropped.
    pub fn speak(self) -> Scope {
        Scope {
            previous: SCOPED.replace(Some(self.0)),
        }
    }

    /// Runs `make` in this language, whatever this thread speaks.
    pub fn within<T>(self, make: impl FnOnce() -> T) -> T {
        let _speaking = self.speak();
        make()
    }
}

impl std::fmt::Debug for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Language").field(&self.tag()).finish()
    }
}

impl PartialEq for Language {
    fn eq(&self, other: &Language) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

/// Restores the thread's previous language when dropped.
#[must_use = "the language goes back when this is dropped"]
pub struct Scope {
    previous: Option<&'static FluentLanguageLoader>,
}

impl Drop for Scope {
    fn drop(&mut self) {
        SCOPED.set(self.previous);
    }
}

/// The loader of the current language: this thread's, else the selected
/// one, else English.
pub fn loader() -> &'static FluentLanguageLoader {
    SCOPED
        .get()
        .or_else(|| *SELECTED.read().unwrap_or_else(PoisonError::into_inner))
        .unwrap_or_else(|| *ENGLISH)
}

/// The current language, e.g. "fr".
pub fn language() -> String {
    loader().current_language().language.as_str().to_owned()
}

/// `value` with `digits` decimals and the language's decimal separator:
/// "3.5" in English, "3,5" in French.
pub fn decimal(value: f64, digits: usize) -> String {
    let text = format!("{value:.digits$}");
    let separator = tr!("decimal-separator");
    if separator == "." {
        text
    } else {
        text.replace('.', &separator)
    }
}

/// A count grouped by thousands as the language writes it: "1,234" in
/// English, "1 234" (a narrow no-break space) in French.
pub fn integer(n: usize) -> String {
    let separator = tr!("thousands-separator");
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(&separator);
        }
        out.push(c);
    }
    out
}

/// A date as the language writes it: "2026-11-25" in English, "25 nov.
/// 2026" in French.
pub fn date(date: NaiveDate) -> String {
    // Each language picks the parts it writes, so the arguments go as a
    // map rather than the checked named form.
    let args: HashMap<&str, FluentValue> = HashMap::from([
        ("year", FluentValue::from(date.year())),
        ("month", format!("{:02}", date.month()).into()),
        ("day", format!("{:02}", date.day()).into()),
        ("day_number", date.day().into()),
        (
            "month_name",
            tr!("month-short", month = date.month()).into(),
        ),
    ]);
    tr!("date", args)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use fluent_syntax::ast::{Entry, Resource};

    use super::*;

    /// Every language's parsed `tandem.ftl`, by language.
    fn resources() -> Vec<(String, Resource<String>)> {
        available()
            .into_iter()
            .map(|language| {
                let path = format!("{language}/{DOMAIN}.ftl");
                let file = Localizations::get(&path).unwrap_or_else(|| panic!("no {path}"));
                let text = String::from_utf8(file.data.to_vec()).expect("UTF-8");
                let resource = fluent_syntax::parser::parse(text)
                    .unwrap_or_else(|(_, errors)| panic!("{path} does not parse: {errors:?}"));
                (language, resource)
            })
            .collect()
    }

    /// The message ids of a file, with `id.attribute` for each attribute.
    fn ids(resource: &Resource<String>) -> BTreeSet<String> {
        let mut ids = BTreeSet::new();
        for entry in &resource.body {
            if let Entry::Message(message) = entry {
                ids.insert(message.id.name.clone());
                for attribute in &message.attributes {
                    ids.insert(format!("{}.{}", message.id.name, attribute.id.name));
                }
            }
        }
        ids
    }

    #[test]
    fn every_language_has_the_same_messages() {
        let all = resources();
        assert!(all.len() >= 2, "{:?}", available());
        let (english, reference) = all
            .iter()
            .find(|(language, _)| language == FALLBACK)
            .expect("English");
        let reference = ids(reference);
        for (language, resource) in &all {
            let theirs = ids(resource);
            let missing: Vec<_> = reference.difference(&theirs).collect();
            let extra: Vec<_> = theirs.difference(&reference).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{language} lacks {missing:?} that {english} has, and has {extra:?} that {english} lacks"
            );
        }
    }

    /// The ids `tr!` is called with in `dir`'s Rust files.
    fn used_ids(dir: &Path, ids: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                used_ids(&path, ids);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let calls = text.match_indices("tr!(").filter(|(at, _)| {
                    // Not `include_str!(` nor this test's own pattern.
                    text[..*at]
                        .chars()
                        .next_back()
                        .is_none_or(|c| c.is_whitespace() || "({[,=&".contains(c))
                });
                for (at, _) in calls {
                    let call = text[at + 4..].trim_start();
                    if let Some(rest) = call.strip_prefix('"') {
                        ids.insert(rest.split('"').next().unwrap().to_owned());
                    }
                }
            }
        }
    }

    #[test]
    fn the_messages_used_are_the_messages_defined() {
        let mut used = BTreeSet::new();
        used_ids(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut used,
        );
        // The macro's own definition and docs name `"id"`.
        used.remove("id");
        // The command line's help is looked up by the option's place.
        used.extend(crate::cli::help_ids().into_iter().map(|(id, _)| id));
        assert!(used.contains("session-count"), "{used:?}");
        for (language, resource) in resources() {
            let known = ids(&resource);
            let unknown: Vec<_> = used.difference(&known).collect();
            assert!(unknown.is_empty(), "{language} lacks {unknown:?}");
            // And no message is left behind by code that no longer uses it.
            let unused: Vec<_> = known.difference(&used).collect();
            assert!(unused.is_empty(), "{language} has unused {unused:?}");
        }
    }

    #[test]
    fn a_locale_names_a_language_only_when_it_has_messages() {
        let tag = |locale: &str| Language::from_locale(locale).map(Language::tag);
        for (locale, language) in [
            ("fr_FR.UTF-8", "fr"),
            ("fr", "fr"),
            ("fr_CA", "fr"),
            ("FR-be.utf8@euro", "fr"),
            ("en_US.UTF-8", "en"),
            ("en_GB@euro", "en"),
        ] {
            assert_eq!(tag(locale).as_deref(), Some(language), "{locale}");
        }
        for locale in [
            "C",
            "C.UTF-8",
            "POSIX",
            "",
            ".UTF-8",
            "de_DE.UTF-8",
            "../../etc/passwd",
            "fr_FR;rm -rf",
            "fr\u{1b}[2J",
            &"f".repeat(40),
        ] {
            assert_eq!(tag(locale), None, "{locale:?}");
        }
    }

    #[test]
    fn a_language_is_spoken_while_its_guard_lives() {
        let before = Language::current();
        let other = if before.tag() == "fr" {
            "en_GB"
        } else {
            "fr_FR"
        };
        let other = Language::from_locale(other).unwrap();
        {
            let _speaking = other.speak();
            assert_eq!(Language::current(), other);
            assert_eq!(before.within(language), before.tag());
            assert_eq!(language(), other.tag(), "back after `within`");
        }
        assert_eq!(Language::current(), before);
    }

    #[test]
    fn the_english_command_line_help_is_the_clap_definition_word_for_word() {
        let _english = scoped("en");
        for (id, text) in crate::cli::help_ids() {
            assert_eq!(loader().get(&id), text.replace('\n', " "), "{id}");
        }
    }

    #[test]
    fn the_command_line_help_speaks_french() {
        let _french = scoped("fr");
        let mut command = crate::cli::localized();
        let help = command.render_help().to_string();
        assert!(help.contains("Un entraîneur en terminal"), "{help}");
        assert!(help.contains("Où les séances sont gardées"), "{help}");
        let practice = command
            .find_subcommand_mut("practice")
            .unwrap()
            .render_help()
            .to_string();
        assert!(practice.contains("Qui mène le tête-à-tête"), "{practice}");
        let _english = scoped("en");
        let help = crate::cli::localized().render_help().to_string();
        assert!(help.contains("A terminal practice coach"), "{help}");
    }

    #[test]
    fn tags_find_the_nearest_language() {
        assert_eq!(negotiate("fr"), "fr");
        assert_eq!(negotiate("fr-CA"), "fr");
        assert_eq!(negotiate("fr_FR"), "fr");
        assert_eq!(negotiate("en-GB"), "en");
        assert_eq!(negotiate("de"), "en");
        assert!(available().contains(&"fr".to_owned()), "{:?}", available());
    }

    #[test]
    fn a_scope_changes_this_threads_language_and_gives_it_back() {
        assert_eq!(language(), "en");
        {
            let _fr = scoped("fr-CA");
            assert_eq!(language(), "fr");
            assert_eq!(decimal(3.5, 1), "3,5");
            let day = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
            assert_eq!(date(day), "5 nov. 2026");
        }
        assert_eq!(language(), "en");
        assert_eq!(decimal(3.5, 1), "3.5");
        let day = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
        assert_eq!(date(day), "2026-11-05");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(integer(0), "0");
        assert_eq!(integer(999), "999");
        assert_eq!(integer(1000), "1,000");
        assert_eq!(integer(1_234_567), "1,234,567");
        let _fr = scoped("fr");
        assert_eq!(integer(1_234_567), "1\u{202f}234\u{202f}567");
    }

    #[test]
    fn plurals_follow_the_language() {
        assert_eq!(tr!("session-count", count = 1), "1 session");
        assert_eq!(tr!("session-count", count = 2), "2 sessions");
        let _fr = scoped("fr");
        assert_eq!(tr!("session-count", count = 1), "1 séance");
        assert_eq!(tr!("session-count", count = 2), "2 séances");
        // French counts 0 as singular.
        assert_eq!(tr!("session-count", count = 0), "0 séance");
    }
}
