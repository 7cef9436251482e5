//! Saved sessions as CSV, JSON or a Markdown report, with filtering and
//! anonymization. Pure: no terminal and no file I/O; `commands::export`
//! reads the store and prints what these functions return.
//!
//! Every format is made piece by piece (a header, one piece per session,
//! an end), so that an export holds one session in memory at a time
//! whatever the size of the data dir. The pieces keep the order they are
//! asked for in (the command goes oldest first). Notes go with the
//! session they point at; a note whose session is not among those
//! exported is left out. Dates and times are UTC, as saved.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use crate::practice::{People, secs_text};
use crate::record::{CoachNote, SessionRecord, SessionSummary, TextKind, scale_shifts};
use crate::stats::name_key;

/// Which sessions to export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFilter {
    /// Only sessions this person took part in, in any role (organizer,
    /// partner, observer or a feedback giver); compared by
    /// [`name_key`], as in the statistics.
    pub person: Option<String>,
    /// Only sessions started on or after this date (UTC).
    pub since: Option<NaiveDate>,
}

impl ExportFilter {
    /// Whether `session` passes the filter.
    pub fn matches(&self, session: &SessionRecord) -> bool {
        let since_ok = self
            .since
            .is_none_or(|since| session.started.date_naive() >= since);
        let person_ok = self.person.as_deref().is_none_or(|person| {
            let wanted = name_key(person);
            participants(session).any(|name| name_key(name) == wanted)
        });
        since_ok && person_ok
    }

    /// Whether the session `summary` stands for passes, as far as its
    /// summary can tell: a person named only in feedback is found in the
    /// full record alone.
    pub fn check(&self, summary: &SessionSummary) -> Verdict {
        if self
            .since
            .is_some_and(|since| summary.started.date_naive() < since)
        {
            return Verdict::Dropped;
        }
        let Some(person) = self.person.as_deref() else {
            return Verdict::Kept;
        };
        let wanted = name_key(person);
        if wanted.is_empty() {
            // No name has an empty key: a blank filter keeps nothing.
            return Verdict::Dropped;
        }
        let people = &summary.people;
        let named = [people.organizer.as_str(), people.partner.as_str()]
            .into_iter()
            .chain(people.observer.as_deref())
            .filter(|name| !name.trim().is_empty())
            .any(|name| name_key(name) == wanted);
        if named {
            Verdict::Kept
        } else {
            Verdict::NeedsRecord
        }
    }
}

/// What [`ExportFilter::check`] can tell from a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The session passes.
    Kept,
    /// The session does not pass.
    Dropped,
    /// Only [`ExportFilter::matches`] on the full record can tell.
    NeedsRecord,
}

/// Everyone named in a session, in the order aliases are given: organizer,
/// partner, observer, then whoever gave feedback. Empty names are left out.
fn participants(session: &SessionRecord) -> impl Iterator<Item = &str> {
    let people = &session.people;
    [people.organizer.as_str(), people.partner.as_str()]
        .into_iter()
        .chain(people.observer.as_deref())
        .chain(session.feedback.iter().map(|f| f.name.as_str()))
        .filter(|name| !name.trim().is_empty())
}

// ---------------------------------------------------------------- CSV

/// The rating columns of a CSV export: every stage id of the exported
/// sessions (run or rated), in first-seen order. Gathered from the
/// sessions' summaries, which the index holds, before any row is written.
#[derive(Debug, Default)]
pub struct StageColumns {
    seen: HashSet<String>,
    ids: Vec<String>,
}

impl StageColumns {
    /// Adds the stage ids of one exported session.
    pub fn add(&mut self, summary: &SessionSummary) {
        let run = summary.stages.iter().map(|s| s.id.as_str());
        let rated = summary.ratings.iter().map(|r| r.stage.as_str());
        for id in run.chain(rated) {
            if !self.seen.contains(id) {
                self.seen.insert(id.to_owned());
                self.ids.push(id.to_owned());
            }
        }
    }

    /// The stage ids, in first-seen order.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }
}

/// The header row of a CSV export: `id, date, deck, organizer, partner,
/// observer, mode, minutes, organizer_talk_share`, then `rating_<stage
/// id>` for each of `stages` (see [`StageColumns`]).
pub fn csv_header(stages: &[String]) -> String {
    let fixed = [
        "id",
        "date",
        "deck",
        "organizer",
        "partner",
        "observer",
        "mode",
        "minutes",
        "organizer_talk_share",
    ];
    let header = fixed
        .iter()
        .map(|s| (*s).to_owned())
        .chain(stages.iter().map(|id| format!("rating_{id}")));
    csv_line(header.map(|h| csv_text(&h)))
}

/// One session's row of a CSV export, under [`csv_header`] of the same
/// `stages`.
///
/// `date` is the UTC start date; `minutes` the running time (pauses left
/// out) to one decimal; `organizer_talk_share` the organizer's part of all
/// talk time, 0–1 to two decimals, empty when no talk was timed; a rating
/// column is the mean of every participant's scores for that stage, two
/// decimals, empty when nobody rated it. Names are trimmed. A text cell
/// that a spreadsheet would take for a formula (starting with `=`, `+`,
/// `-`, `@`) gets a leading `'`.
pub fn csv_row(session: &SessionRecord, stages: &[String]) -> String {
    let active: u64 = session.stages.iter().map(|s| s.actual_secs).sum();
    let mut row = vec![
        csv_text(&session.id),
        session.started.format("%Y-%m-%d").to_string(),
        csv_text(&session.deck.id),
        csv_text(session.people.organizer.trim()),
        csv_text(session.people.partner.trim()),
        csv_text(
            session
                .people
                .observer
                .as_deref()
                .unwrap_or_default()
                .trim(),
        ),
        session.mode.label().to_owned(),
        format!("{:.1}", active as f64 / 60.0),
        organizer_share(session.talk_totals())
            .map(|share| format!("{share:.2}"))
            .unwrap_or_default(),
    ];
    row.extend(stages.iter().map(|stage| {
        stage_rating(session, stage)
            .map(|r| format!("{r:.2}"))
            .unwrap_or_default()
    }));
    csv_line(row)
}

/// One CSV record, quoted where needed, with its line end.
fn csv_line(cells: impl IntoIterator<Item = String>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(cells)
        .expect("writing CSV to memory cannot fail");
    let bytes = writer
        .into_inner()
        .expect("writing CSV to memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}

/// The mean of every participant's scores for one stage.
fn stage_rating(session: &SessionRecord, stage: &str) -> Option<f64> {
    let scores: Vec<f64> = session
        .feedback
        .iter()
        .flat_map(|f| &f.ratings)
        .filter(|r| r.stage == stage)
        .map(|r| f64::from(r.score))
        .collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

/// The organizer's part of (organizer, partner) talk time.
fn organizer_share((organizer, partner): (u64, u64)) -> Option<f64> {
    let total = organizer + partner;
    (total > 0).then(|| organizer as f64 / total as f64)
}

/// A text cell, defused so a spreadsheet shows it rather than runs it.
fn csv_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

// ---------------------------------------------------------------- JSON

/// A session as exported: every field of the session file, plus `notes`.
#[derive(Serialize)]
struct ExportedSession<'a> {
    #[serde(flatten)]
    session: &'a SessionRecord,
    notes: Vec<&'a CoachNote>,
}

/// One session's part of a JSON export: the array's opening `[` before
/// the first (`position` 0), a `,` before the others, then the session's
/// object, pretty-printed at the array's indent. The object holds the
/// session's own fields (as in its file; times in RFC 3339) plus `notes`,
/// the array of coach notes on it (`id`, `session`, `author`, `written`,
/// `text`). With [`json_end`], the pieces make the same text as one
/// pretty-printed array.
pub fn json_element(position: usize, session: &SessionRecord, notes: &[CoachNote]) -> String {
    let exported = ExportedSession {
        session,
        notes: notes_on(notes, &session.id).collect(),
    };
    let object = serde_json::to_string_pretty(&exported).expect("sessions always encode as JSON");
    let mut out = String::with_capacity(object.len() + object.len() / 8);
    out.push_str(if position == 0 { "[\n" } else { ",\n" });
    // A line break in the text only ever ends a line of the layout:
    // breaks inside strings are escaped.
    for (i, line) in object.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    out
}

/// The end of a JSON export of `count` sessions: `[]` when there were
/// none, else the array's closing `]`.
pub fn json_end(count: usize) -> &'static str {
    if count == 0 { "[]\n" } else { "\n]\n" }
}

fn notes_on<'a>(notes: &'a [CoachNote], session: &'a str) -> impl Iterator<Item = &'a CoachNote> {
    notes.iter().filter(move |n| n.session == session)
}

// ---------------------------------------------------------------- Markdown

/// The start of a Markdown report of `count` sessions: a title and the
/// count.
pub fn markdown_header(count: usize) -> String {
    format!(
        "# tandem sessions\n\n{count} session{}.\n",
        if count == 1 { "" } else { "s" }
    )
}

/// One session's section of the Markdown report, after a blank line: a
/// heading with date, people and roles; deck, mode and persona; a table
/// of stages (planned, actual, talk share, average rating); marks; the
/// commitment; each participant's feedback and ratings; the coach notes
/// on it among `notes`. Text from the files is escaped so that it reads
/// as written and cannot add links, HTML or headings.
pub fn session_markdown(session: &SessionRecord, notes: &[CoachNote]) -> String {
    let mut out = String::from("\n");
    session_section(&mut out, session, notes);
    out
}

fn session_section(out: &mut String, session: &SessionRecord, notes: &[CoachNote]) {
    let people = People {
        organizer: md(session.people.organizer.trim()),
        partner: md(session.people.partner.trim()),
        observer: session.people.observer.as_deref().map(|o| md(o.trim())),
    };
    let _ = writeln!(
        out,
        "## {} · {}\n",
        session.started.format("%Y-%m-%d %H:%M UTC"),
        people.describe_roles()
    );
    let _ = writeln!(
        out,
        "- Deck: {} (version {})",
        md(&session.deck.id),
        session.deck.version
    );
    let _ = writeln!(out, "- Mode: {}", session.mode.label());
    if let Some(plan) = &session.plan {
        let _ = writeln!(
            out,
            "- Plan: round {} of {} in {} min",
            plan.round, plan.rounds, plan.minutes
        );
    }
    if let Some(persona) = &session.persona {
        let _ = writeln!(out, "- Persona: {}", md(&persona.name));
        for (label, text) in persona.private_rows() {
            let _ = writeln!(out, "  - {label}: {}", md(text));
        }
    }
    let _ = writeln!(
        out,
        "- Time: {}–{} UTC",
        session.started.format("%H:%M"),
        session.ended.format("%H:%M")
    );
    let _ = writeln!(out, "- Session id: {}", md(&session.id));

    if !session.stages.is_empty() {
        out.push_str("\n| stage | planned | actual | talk organizer / partner | rating |\n");
        out.push_str("|---|---:|---:|---:|---:|\n");
        for stage in &session.stages {
            let talk = organizer_share((stage.organizer_talk_secs, stage.partner_talk_secs))
                .map(|share| {
                    let percent = (share * 100.0).round() as u64;
                    format!("{percent}% / {}%", 100 - percent)
                })
                .unwrap_or_else(|| "–".to_owned());
            let rating = stage_rating(session, &stage.id)
                .map(|r| format!("{r:.2}"))
                .unwrap_or_else(|| "–".to_owned());
            let mut actual = secs_text(stage.actual_secs);
            if stage.paused_secs > 0 {
                let _ = write!(actual, " (+{} paused)", secs_text(stage.paused_secs));
            }
            let _ = writeln!(
                out,
                "| {} | {} | {actual} | {talk} | {rating} |",
                md(&stage.id),
                secs_text(stage.planned_secs),
            );
        }
    }

    if !session.marks.is_empty() {
        out.push_str("\n### Marks\n\n");
        for mark in &session.marks {
            let _ = writeln!(
                out,
                "- {} · {} · {}",
                secs_text(mark.at_secs),
                md(&mark.stage),
                md(&mark.label)
            );
        }
    }

    if !session.scales.is_empty() {
        out.push_str("\n### Scales\n\n");
        for (scale, first, last) in scale_shifts(&session.scales) {
            let _ = writeln!(out, "- {}: {first} → {last}", md(scale));
        }
    }

    if !session.checks.is_empty() {
        let by = session
            .checked_by
            .map(|role| format!(" (ticked by the {})", role.label()))
            .unwrap_or_default();
        let _ = writeln!(out, "\n### Checks{by}\n");
        for check in &session.checks {
            let tick = if check.observed { "x" } else { " " };
            let _ = writeln!(out, "- [{tick}] {} · {}", md(&check.stage), md(&check.item));
        }
    }

    let commitment = &session.commitment;
    out.push_str("\n### Commitment\n\n");
    if commitment.is_empty() {
        out.push_str("None recorded.\n");
    } else {
        item(out, "Ask", &commitment.ask);
        let answer = commitment.answer.map_or("–", |a| a.label());
        let _ = writeln!(out, "- Answer: {answer}");
        item(out, "Action", &commitment.action);
        for (label, date) in [
            ("Date", commitment.date),
            ("Follow-up", commitment.follow_up),
        ] {
            if let Some(date) = date {
                let _ = writeln!(out, "- {label}: {date}");
            }
        }
    }

    if !session.feedback.is_empty() {
        out.push_str("\n### Feedback\n");
        for feedback in &session.feedback {
            let _ = writeln!(
                out,
                "\n#### {} ({})\n",
                md(feedback.name.trim()),
                feedback.role.label()
            );
            for (label, text) in [
                ("What worked", &feedback.what_worked),
                ("One thing to change", &feedback.to_change),
                ("What would have made it a yes", &feedback.to_make_yes),
                ("A phrase that worked", &feedback.phrase),
            ] {
                if !text.is_empty() {
                    item(out, label, text);
                }
            }
            if let Some(answer) = feedback.would_say_yes {
                let _ = writeln!(out, "- Would have said yes: {}", answer.label());
            }
            if let Some(heard) = feedback.felt_heard {
                let _ = writeln!(out, "- Felt heard: {heard}/5");
            }
            if !feedback.ratings.is_empty() {
                out.push_str("- Ratings:\n");
                for rating in &feedback.ratings {
                    let _ = writeln!(out, "  - {}: {}/5", md(&rating.stage), rating.score);
                }
            }
        }
    }

    let mut on_session = notes_on(notes, &session.id).peekable();
    if on_session.peek().is_some() {
        out.push_str("\n### Coach notes\n\n");
        for note in on_session {
            let label = format!(
                "{} · {}",
                note.written.format("%Y-%m-%d"),
                md(note.author.trim())
            );
            item(out, &label, &note.text);
        }
    }
}

/// `- Label: text`, with "–" for empty text. Text may span lines; later
/// lines are indented so that they stay in the item.
fn item(out: &mut String, label: &str, text: &str) {
    let mut lines = text.trim().lines().map(|line| md(line.trim()));
    let first = lines.next().filter(|l| !l.is_empty());
    let _ = writeln!(out, "- {label}: {}", first.as_deref().unwrap_or("–"));
    for line in lines {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "  {line}");
        }
    }
}

/// One line of text escaped for Markdown: characters that would make
/// emphasis, code, links, HTML or table cells get a backslash, and so does
/// a line start that would make a heading, list, rule or quote. Line
/// breaks become spaces.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    if out.starts_with(['-', '+', '=', '#', '>']) {
        out.insert(0, '\\');
    }
    // "1. text" or "1) text" would start a numbered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

// ---------------------------------------------------------------- anonymize

/// Replaces every person's name, everywhere, with a stable alias:
/// `person-1`, `person-2`, … in order of first appearance, drawn from one
/// set of sessions and notes (the whole data dir, through an
/// [`AliasCollector`]) and applied to another (those exported), so that
/// filtering never leaks a name: someone who appears only in sessions
/// filtered out is still replaced in the text of those kept.
///
/// Name fields become the alias. In every other text (feedback, commitment,
/// prompts, mark labels, rubric items, persona, deck and stage ids, note
/// text) each occurrence of a whole name, and of each part of a name with
/// at least two letters ("Ana" and "Lopez" of "Ana Lopez"), is replaced
/// case-insensitively at word boundaries ("Ben" in "Benefits" stays),
/// longest first, so "Ana Lopez" becomes one alias. A part shared by
/// several people (and not itself anyone's whole name) becomes all their
/// aliases, `person-1/person-3`, rather than a guess. Scripts written
/// without spaces (Chinese, Japanese, Thai…) have no word boundaries, so
/// there a name is replaced wherever it appears. A common word that is also
/// someone's name ("Will", "Joy") is replaced too: privacy comes first.
///
/// Ids are rewritten too (`Ana-Lopez-1` becomes `person-1-1`), the same
/// way in a session and in the notes pointing at it. Words joined by `_`,
/// `-` or `.` are separate words (`ana_lopez@example.org`), and a whole
/// name matches with those between its words as well as spaces.
pub struct Anonymizer {
    aliases: Aliases,
    replacer: Replacer,
}

impl Anonymizer {
    /// Replaces every name in `sessions` and `notes`.
    pub fn apply(&self, sessions: &mut [SessionRecord], notes: &mut [CoachNote]) {
        let (aliases, replacer) = (&self.aliases, &self.replacer);
        for session in sessions.iter_mut() {
            session.for_each_text(|kind, text| match kind {
                TextKind::Name => *text = aliases.name(text),
                TextKind::Id | TextKind::Line | TextKind::Free => *text = replacer.replace(text),
            });
        }
        for note in notes.iter_mut() {
            note.id = replacer.replace(&note.id);
            note.session = replacer.replace(&note.session);
            note.author = aliases.name(&note.author);
            note.text = replacer.replace(&note.text);
        }
    }
}

/// Gathers the names of a whole data dir one session at a time, keeping
/// the names only, never the sessions, and makes the [`Anonymizer`].
///
/// Aliases go in order of first appearance: sessions in the order they
/// are added (oldest first, as the store lists them); within a session
/// the organizer, partner and observer, then whoever gave feedback, then
/// the authors of notes on it (oldest note first); authors of notes on no
/// session added come last. Names are the same person when they are equal
/// trimmed and case-insensitively.
pub struct AliasCollector {
    aliases: Aliases,
    /// Note authors by session id, oldest note first.
    authors_by_session: HashMap<String, Vec<String>>,
    /// Every note author, oldest note first.
    authors: Vec<String>,
}

impl AliasCollector {
    /// A collector that also names the authors of `notes`.
    pub fn new(notes: &[CoachNote]) -> AliasCollector {
        let mut in_order: Vec<&CoachNote> = notes.iter().collect();
        in_order.sort_by(|a, b| (a.written, &a.id).cmp(&(b.written, &b.id)));
        let mut authors_by_session: HashMap<String, Vec<String>> = HashMap::new();
        for note in &in_order {
            authors_by_session
                .entry(note.session.clone())
                .or_default()
                .push(note.author.clone());
        }
        AliasCollector {
            aliases: Aliases {
                names: Vec::new(),
                by_key: HashMap::new(),
            },
            authors_by_session,
            authors: in_order.iter().map(|n| n.author.clone()).collect(),
        }
    }

    /// Adds the names of the next session.
    pub fn add(&mut self, session: &SessionRecord) {
        participants(session).for_each(|name| self.aliases.add(name));
        for author in self
            .authors_by_session
            .get(&session.id)
            .into_iter()
            .flatten()
        {
            self.aliases.add(author);
        }
    }

    /// The anonymizer for every name added.
    pub fn finish(mut self) -> Anonymizer {
        for author in &self.authors {
            self.aliases.add(author);
        }
        let replacer = self.aliases.replacer();
        Anonymizer {
            aliases: self.aliases,
            replacer,
        }
    }
}

/// Every name met, with its alias, in order of first appearance.
struct Aliases {
    /// (original name as first met, alias)
    names: Vec<(String, String)>,
    by_key: HashMap<String, usize>,
}

impl Aliases {
    fn add(&mut self, name: &str) {
        let key = name_key(name);
        if key.is_empty() || self.by_key.contains_key(&key) {
            return;
        }
        self.by_key.insert(key, self.names.len());
        let alias = format!("person-{}", self.names.len() + 1);
        self.names.push((name.trim().to_owned(), alias));
    }

    /// The alias for a name field (empty stays empty).
    fn name(&self, name: &str) -> String {
        match self.by_key.get(&name_key(name)) {
            Some(&i) => self.names[i].1.clone(),
            None if name.trim().is_empty() => String::new(),
            // Every name field was collected; this is only a safety net.
            None => self.replacer().replace(name),
        }
    }

    /// What to look for in free text: whole names and their parts.
    fn replacer(&self) -> Replacer {
        let whole: HashMap<String, String> = self
            .names
            .iter()
            .map(|(name, alias)| (name_key(name), alias.clone()))
            .collect();
        // Parts that are not someone's whole name, with every alias they
        // could stand for (in first-appearance order).
        let mut parts: Vec<(String, Vec<String>)> = Vec::new();
        let mut part_index: HashMap<String, usize> = HashMap::new();
        for (name, alias) in &self.names {
            for part in name_parts(name) {
                let key = part.to_lowercase();
                if whole.contains_key(&key) {
                    continue;
                }
                let i = *part_index.entry(key).or_insert_with(|| {
                    parts.push((part.clone(), Vec::new()));
                    parts.len() - 1
                });
                if !parts[i].1.contains(alias) {
                    parts[i].1.push(alias.clone());
                }
            }
        }
        let mut patterns: Vec<Pattern> = self
            .names
            .iter()
            .map(|(name, alias)| Pattern::new(name, alias.clone()))
            .chain(
                parts
                    .into_iter()
                    .map(|(part, aliases)| Pattern::new(&part, aliases.join("/"))),
            )
            .filter(|p| !p.words.is_empty())
            .collect();
        patterns.sort_by(|a, b| {
            b.len
                .cmp(&a.len)
                .then_with(|| a.words.cmp(&b.words))
                .then_with(|| a.alias.cmp(&b.alias))
        });
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, pattern) in patterns.iter().enumerate() {
            by_first.entry(pattern.words[0][0]).or_default().push(i);
        }
        Replacer { patterns, by_first }
    }
}

/// The parts of a name worth replacing on their own: each word, and each
/// piece of a hyphenated word, trimmed of punctuation, with at least two
/// letters. A one-word name has no parts besides itself.
fn name_parts(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut parts: Vec<String> = Vec::new();
    for word in &words {
        let pieces = std::iter::once(*word).chain(word.split('-'));
        for piece in pieces {
            let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
            let letters = piece.chars().filter(|c| c.is_alphabetic()).count();
            let is_whole = words.len() == 1 && piece == name.trim();
            if letters >= 2 && !is_whole && !parts.iter().any(|p| p == piece) {
                parts.push(piece.to_owned());
            }
        }
    }
    parts
}

/// A name to find: its words, each lowercased char by char; whitespace
/// between words matches any run of whitespace or of the joiners `_`, `-`
/// and `.` (`ana_lopez`, `Ana-Lopez-1`).
struct Pattern {
    words: Vec<Vec<char>>,
    /// Length in characters, for longest-first.
    len: usize,
    alias: String,
}

impl Pattern {
    fn new(name: &str, alias: String) -> Pattern {
        let words: Vec<Vec<char>> = name
            .split_whitespace()
            .map(|w| w.chars().map(fold).collect())
            .collect();
        let len = words.iter().map(Vec::len).sum::<usize>() + words.len().saturating_sub(1);
        Pattern { words, len, alias }
    }

    /// Where a match starting at `start` ends, if it matches there.
    fn match_at(&self, text: &[char], start: usize) -> Option<usize> {
        let mut i = start;
        for (n, word) in self.words.iter().enumerate() {
            if n > 0 {
                let gap = i;
                while text
                    .get(i)
                    .is_some_and(|&c| c.is_whitespace() || matches!(c, '_' | '-' | '.'))
                {
                    i += 1;
                }
                if i == gap {
                    return None;
                }
            }
            for &want in word {
                if fold(*text.get(i)?) != want {
                    return None;
                }
                i += 1;
            }
        }
        Some(i)
    }
}

/// Finds names in text and puts aliases in their place.
struct Replacer {
    /// Longest first.
    patterns: Vec<Pattern>,
    /// Indices into `patterns` by folded first character, longest first.
    by_first: HashMap<char, Vec<usize>>,
}

impl Replacer {
    fn replace(&self, text: &str) -> String {
        if self.patterns.is_empty() {
            return text.to_owned();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        'scan: while i < chars.len() {
            let c = chars[i];
            let joined_before = i > 0 && is_word_char(chars[i - 1]) && is_word_char(c);
            if !joined_before && let Some(candidates) = self.by_first.get(&fold(c)) {
                for &p in candidates {
                    let pattern = &self.patterns[p];
                    let Some(end) = pattern.match_at(&chars, i) else {
                        continue;
                    };
                    let joined_after = end < chars.len()
                        && is_word_char(chars[end - 1])
                        && is_word_char(chars[end]);
                    if !joined_after {
                        out.push_str(&pattern.alias);
                        i = end;
                        continue 'scan;
                    }
                }
            }
            out.push(c);
            i += 1;
        }
        out
    }
}

/// A character compared without case (its first lowercase character).
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Whether `c` joins with its neighbours into one word, so that a name
/// next to it is part of a longer word. Letters of scripts written without
/// spaces never do, since those scripts have no word boundaries to find.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced_script(c)
}

fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF     // Thai, Lao
        | 0x1000..=0x109F   // Myanmar
        | 0x1780..=0x17FF   // Khmer
        | 0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3100..=0x312F   // Bopomofo
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0x20000..=0x3134F // CJK extensions B–G
    )
}

#[cfg(test)]
mod tests;
