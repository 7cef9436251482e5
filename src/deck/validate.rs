//! Full deck validation on the parsed TOML tree, where every key and value
//! still has its place in the file. Every problem is collected, so a deck
//! author sees all of them at once, each with a line and column.

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

/// One thing wrong with a deck, at a byte range of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
}

const TOP_KEYS: &[&str] = &[
    "id",
    "title",
    "description",
    "language",
    "version",
    "skill",
    "debrief_minutes",
    "stages",
    "marks",
    "personas",
    "scales",
];
const STAGE_KEYS: &[&str] = &[
    "id", "name", "goal", "minutes", "talk", "prompts", "tips", "rubric",
];
const MARK_KEYS: &[&str] = &["label", "stage"];
const PERSONA_KEYS: &[&str] = &[
    "name",
    "summary",
    "cares_about",
    "resources",
    "reluctance",
    "play",
];
const SCALE_KEYS: &[&str] = &["id", "label", "min", "max", "at"];

/// Checks a parsed deck against the deck format; empty when it is valid.
pub fn validate(root: &Spanned<DeTable<'_>>) -> Vec<Problem> {
    let mut v = Validator::default();
    let top = Table {
        table: root.get_ref(),
        span: 0..0,
        what: "the deck".to_owned(),
    };
    v.known_keys(&top, TOP_KEYS);
    if let Some(id) = v.string(&top, "id", true) {
        v.id_chars(&id, "deck id");
    }
    v.string(&top, "title", true);
    v.string(&top, "description", true);
    if let Some(language) = v.string(&top, "language", false)
        && !is_language_tag(language.get_ref())
    {
        v.problem(
            language.span(),
            format!(
                "`language` must be a BCP 47 tag such as \"en\" or \"fr-CA\", not \"{}\"",
                language.get_ref()
            ),
        );
    }
    v.integer(&top, "version", true, 1..=i64::from(u32::MAX));
    v.integer(&top, "debrief_minutes", false, 0..=120);
    if let Some(skill) = v.string(&top, "skill", false) {
        v.id_chars(&skill, "skill family");
    }

    let stage_ids = v.stages(&top);
    if let Some(marks) = v.tables(&top, "marks", false) {
        if marks.len() > 9 {
            let span = marks[9].span.clone();
            v.problem(
                span,
                format!("at most 9 marks (keys 1-9); this deck has {}", marks.len()),
            );
        }
        for mark in &marks {
            v.known_keys(mark, MARK_KEYS);
            v.string(mark, "label", true);
            if let Some(stage) = v.string(mark, "stage", false)
                && !stage_ids.contains(stage.get_ref())
            {
                v.problem(
                    stage.span(),
                    format!(
                        "{} names stage \"{}\", which the deck does not have",
                        mark.what,
                        stage.get_ref()
                    ),
                );
            }
        }
    }
    if let Some(personas) = v.tables(&top, "personas", false) {
        for persona in &personas {
            v.known_keys(persona, PERSONA_KEYS);
            for key in ["name", "summary"] {
                v.string(persona, key, true);
            }
            for key in ["cares_about", "resources", "reluctance", "play"] {
                v.string(persona, key, false);
            }
        }
    }
    if let Some(scales) = v.tables(&top, "scales", false) {
        let mut ids = HashSet::new();
        for scale in &scales {
            v.scale(scale, &stage_ids, &mut ids);
        }
    }
    v.problems.sort_by_key(|p| p.span.start);
    v.problems
}

/// A table of the deck and how to name it in messages.
struct Table<'a, 'i> {
    table: &'a DeTable<'i>,
    /// Where the table starts (its header), for "missing key" problems.
    span: Range<usize>,
    what: String,
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
}

impl Validator {
    fn problem(&mut self, span: Range<usize>, message: String) {
        self.problems.push(Problem { span, message });
    }

    fn get<'a, 'i>(
        &mut self,
        table: &Table<'a, 'i>,
        key: &str,
        required: bool,
    ) -> Option<&'a Spanned<DeValue<'i>>> {
        let value = table.table.get(key);
        if value.is_none() && required {
            self.problem(
                table.span.clone(),
                format!("{} is missing the required key `{key}`", table.what),
            );
        }
        value
    }

    fn wrong_type(&mut self, value: &Spanned<DeValue<'_>>, key: &str, what: &str, table: &str) {
        self.problem(
            value.span(),
            format!(
                "`{key}` in {table} must be {what}, not {}",
                type_name(value.get_ref())
            ),
        );
    }

    fn known_keys(&mut self, table: &Table<'_, '_>, known: &[&str]) {
        for key in table.table.keys() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let nearest = known
                .iter()
                .map(|k| (strsim::levenshtein(name, k), *k))
                .min()
                .filter(|(distance, k)| *distance <= 2.max(k.len() / 3));
            let hint = match nearest {
                Some((_, k)) => format!("; did you mean `{k}`?"),
                None => format!("; valid keys are {}", known.join(", ")),
            };
            self.problem(
                key.span(),
                format!("unknown key `{name}` in {}{hint}", table.what),
            );
        }
    }

    /// A string value; blank strings count as missing when required.
    fn string(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
        required: bool,
    ) -> Option<Spanned<String>> {
        let value = self.get(table, key, required)?;
        let DeValue::String(text) = value.get_ref() else {
            self.wrong_type(value, key, "text", &table.what);
            return None;
        };
        if required && text.trim().is_empty() {
            self.problem(
                value.span(),
                format!("`{key}` in {} must not be empty", table.what),
            );
        }
        Some(Spanned::new(value.span(), text.to_string()))
    }

    /// A whole number in `range`; returns it when it is one.
    fn integer(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
        required: bool,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        let value = self.get(table, key, required)?;
        let DeValue::Integer(int) = value.get_ref() else {
            self.wrong_type(value, key, "a whole number", &table.what);
            return None;
        };
        let number = i64::from_str_radix(int.as_str(), int.radix()).ok();
        if !number.is_some_and(|n| range.contains(&n)) {
            self.problem(
                value.span(),
                format!(
                    "`{key}` in {} must be between {} and {}, not {}",
                    table.what,
                    range.start(),
                    range.end(),
                    int.as_str()
                ),
            );
            return None;
        }
        number
    }

    /// `talk = [low, high]`: two whole percentages, low ≤ high.
    fn talk_band(&mut self, stage: &Table<'_, '_>) {
        let Some((items, span)) = self.array(stage, "talk", false) else {
            return;
        };
        let numbers: Vec<Option<i64>> = items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::Integer(int) => i64::from_str_radix(int.as_str(), int.radix())
                    .ok()
                    .filter(|n| (0..=100).contains(n)),
                _ => None,
            })
            .collect();
        match numbers.as_slice() {
            [Some(low), Some(high)] if low <= high => {}
            [Some(_), Some(_)] => self.problem(
                span,
                format!(
                    "`talk` in {} must be [low, high] with low at most high",
                    stage.what
                ),
            ),
            _ => self.problem(
                span,
                format!(
                    "`talk` in {} must be two whole percentages [low, high] from 0 to 100, e.g. [15, 35]",
                    stage.what
                ),
            ),
        }
    }

    /// A `[[scales]]` entry: a unique id, a label, min < max, and stages
    /// the deck has.
    fn scale(
        &mut self,
        scale: &Table<'_, '_>,
        stage_ids: &HashSet<String>,
        ids: &mut HashSet<String>,
    ) {
        self.known_keys(scale, SCALE_KEYS);
        if let Some(id) = self.string(scale, "id", true) {
            self.id_chars(&id, "scale id");
            if !ids.insert(id.get_ref().clone()) {
                self.problem(
                    id.span(),
                    format!(
                        "scale id \"{}\" is used twice; ids must be unique",
                        id.get_ref()
                    ),
                );
            }
        }
        self.string(scale, "label", true);
        let min = self.integer(scale, "min", true, -1000..=1000);
        let max = self.integer(scale, "max", true, -1000..=1000);
        if let (Some(min), Some(max)) = (min, max)
            && min >= max
        {
            self.problem(
                scale.span.clone(),
                format!(
                    "{} needs `min` below `max`, not {min} and {max}",
                    scale.what
                ),
            );
        }
        self.strings(scale, "at", true, 1..=usize::MAX);
        if let Some((items, _)) = self.array(scale, "at", false) {
            for item in items.iter() {
                if let DeValue::String(stage) = item.get_ref()
                    && !stage.trim().is_empty()
                    && !stage_ids.contains(stage.as_ref())
                {
                    self.problem(
                        item.span(),
                        format!(
                            "{} is asked at stage \"{stage}\", which the deck does not have",
                            scale.what
                        ),
                    );
                }
            }
        }
    }

    fn array<'a, 'i>(
        &mut self,
        table: &Table<'a, 'i>,
        key: &str,
        required: bool,
    ) -> Option<(&'a DeArray<'i>, Range<usize>)> {
        let value = self.get(table, key, required)?;
        match value.get_ref() {
            DeValue::Array(items) => Some((items, value.span())),
            _ => {
                self.wrong_type(value, key, "a list", &table.what);
                None
            }
        }
    }

    /// A list of texts with `min..=max` entries, none of them empty.
    fn strings(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
        required: bool,
        count: std::ops::RangeInclusive<usize>,
    ) {
        let Some((items, span)) = self.array(table, key, required) else {
            return;
        };
        if !count.contains(&items.len()) {
            let message = if items.is_empty() {
                format!(
                    "`{key}` in {} is empty; it needs at least {}",
                    table.what,
                    count.start()
                )
            } else {
                format!(
                    "`{key}` in {} needs {} to {} entries, not {}",
                    table.what,
                    count.start(),
                    count.end(),
                    items.len()
                )
            };
            self.problem(span, message);
        }
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(text) if text.trim().is_empty() => self.problem(
                    item.span(),
                    format!("an entry of `{key}` in {} is empty", table.what),
                ),
                DeValue::String(_) => {}
                other => self.problem(
                    item.span(),
                    format!(
                        "entries of `{key}` in {} must be text, not {}",
                        table.what,
                        type_name(other)
                    ),
                ),
            }
        }
    }

    /// An array of tables (`[[key]]`), each named for messages.
    fn tables<'a, 'i>(
        &mut self,
        table: &Table<'a, 'i>,
        key: &str,
        required: bool,
    ) -> Option<Vec<Table<'a, 'i>>> {
        let (items, span) = self.array(table, key, required)?;
        if required && items.is_empty() {
            self.problem(
                span.clone(),
                format!("the deck needs at least one [[{key}]] entry"),
            );
        }
        let mut tables = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(inner) => tables.push(Table {
                    table: inner,
                    span: item.span(),
                    what: format!("[[{key}]] #{}", i + 1),
                }),
                other => self.problem(
                    item.span(),
                    format!(
                        "entries of `{key}` must be tables, not {}",
                        type_name(other)
                    ),
                ),
            }
        }
        Some(tables)
    }

    fn id_chars(&mut self, id: &Spanned<String>, what: &str) {
        let valid = !id.get_ref().is_empty()
            && id
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            self.problem(
                id.span(),
                format!("{what} \"{}\" may use only a-z, 0-9 and -", id.get_ref()),
            );
        }
    }

    /// Checks every stage; returns the ids of the stages.
    fn stages(&mut self, top: &Table<'_, '_>) -> HashSet<String> {
        let mut ids = HashSet::new();
        let Some(stages) = self.tables(top, "stages", true) else {
            return ids;
        };
        for stage in &stages {
            self.known_keys(stage, STAGE_KEYS);
            if let Some(id) = self.string(stage, "id", true) {
                self.id_chars(&id, "stage id");
                if !ids.insert(id.get_ref().clone()) {
                    self.problem(
                        id.span(),
                        format!(
                            "stage id \"{}\" is used twice; ids must be unique",
                            id.get_ref()
                        ),
                    );
                }
            }
            self.string(stage, "name", true);
            self.string(stage, "goal", true);
            self.integer(stage, "minutes", true, 1..=120);
            self.talk_band(stage);
            self.strings(stage, "prompts", true, 1..=usize::MAX);
            self.strings(stage, "tips", false, 0..=usize::MAX);
            self.strings(stage, "rubric", true, 1..=5);
        }
        ids
    }
}

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// A loose BCP 47 check: a 2–3 letter language, then 1–8 character subtags.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
