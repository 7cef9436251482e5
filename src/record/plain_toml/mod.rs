//! A fast reader for the plain TOML that tandem writes: `[table]` and
//! `[[array]]` headers with bare keys, `key = value` lines, strings of
//! all four kinds, integers, booleans and arrays, comments and blank
//! lines. [`from_str`] reads a file in that subset straight into a serde
//! type, several times faster than the `toml` crate, which builds a whole
//! document of spanned values first.
//!
//! It only ever says yes to a text the `toml` crate reads the same way.
//! Anything outside the subset (dotted or quoted keys, inline tables,
//! floats, dates, TOML 1.1 escapes, a carriage return inside a string),
//! and anything wrong in it, is *declined*: the caller then reads the text
//! with the `toml` crate, which stays the judge of every file and gives
//! the error messages. A differential property test holds the two equal.

mod de;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use serde::Deserialize;

pub use de::Declined;

/// Reads `text` into a `T` when it is plain TOML that `T` accepts;
/// [`Declined`] otherwise, and the caller reads it with the `toml` crate.
pub fn from_str<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, Declined> {
    let table = parse(text).ok_or(Declined)?;
    T::deserialize(Value::Table(table))
}

/// A value of the document. Strings borrow from the text unless they had
/// escapes to decode.
#[derive(Debug)]
enum Value<'a> {
    String(Cow<'a, str>),
    Integer(i64),
    Boolean(bool),
    Array(Vec<Value<'a>>),
    Table(Table<'a>),
    /// An array of tables (`[[name]]`).
    Tables(Vec<Table<'a>>),
}

/// A table: its entries in the order they were read.
#[derive(Debug, Default)]
struct Table<'a> {
    entries: Vec<(&'a str, Value<'a>)>,
    /// Whether a header or an array of tables made it, rather than only
    /// a longer header passing through it; a table is made once.
    defined: bool,
}

impl<'a> Table<'a> {
    fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|(name, _)| *name == key)
    }
}

/// Where the key-value lines go: the entries to follow from the root to
/// the current table (the last element where an entry is an array of
/// tables).
type TablePath = Vec<usize>;

/// The table at `path` below `root`.
fn table_at<'t, 'a>(root: &'t mut Table<'a>, path: &[usize]) -> &'t mut Table<'a> {
    path.iter()
        .fold(root, |table, &at| match &mut table.entries[at].1 {
            Value::Table(inner) => inner,
            Value::Tables(list) => list.last_mut().expect("an array of tables is never empty"),
            _ => unreachable!("a table path runs through tables only"),
        })
}

/// The document in `text`, or `None` where it leaves the plain subset or
/// breaks a rule of TOML.
fn parse(text: &str) -> Option<Table<'_>> {
    let mut reader = Reader {
        text,
        at: 0,
        depth: 0,
    };
    let mut root = Table::default();
    let mut current = TablePath::new();
    loop {
        reader.skip_blanks();
        match reader.peek() {
            None => return Some(root),
            Some(b'\n') => reader.at += 1,
            Some(b'\r') => reader.newline()?,
            Some(b'#') => reader.end_of_line()?,
            Some(b'[') => {
                current = reader.header(&mut root)?;
                reader.end_of_line()?;
            }
            Some(_) => {
                let key = reader.bare_key()?;
                reader.skip_blanks();
                reader.expect(b'=')?;
                reader.skip_blanks();
                let value = reader.value()?;
                reader.end_of_line()?;
                let table = table_at(&mut root, &current);
                if table.position(key).is_some() || table.entries.len() == MAX_ENTRIES {
                    return None;
                }
                table.entries.push((key, value));
            }
        }
    }
}

/// Arrays nested deeper than this, and headers of more keys than this,
/// are declined (tandem writes neither deeper than 2): reading and
/// dropping a hostile file's values recurses once per level, and must not
/// overflow the stack. The `toml` crate then judges it, with its own
/// limits.
const MAX_NESTING: usize = 16;

/// Tables of more entries than this are declined (tandem writes at most
/// about 20): a key is looked up by a scan of its table, which a hostile
/// file of 100,000 keys would make quadratic. The `toml` crate hashes.
const MAX_ENTRIES: usize = 64;

/// A cursor over the text.
struct Reader<'a> {
    text: &'a str,
    at: usize,
    /// How many arrays the cursor is inside.
    depth: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    fn starts_with(&self, prefix: &[u8]) -> bool {
        self.bytes()[self.at..].starts_with(prefix)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek() == Some(byte)).then(|| self.at += 1)
    }

    /// Skips spaces and tabs.
    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    /// Takes a line ending: `\n` or `\r\n`.
    fn newline(&mut self) -> Option<()> {
        if self.starts_with(b"\r\n") {
            self.at += 2;
            Some(())
        } else {
            self.expect(b'\n')
        }
    }

    /// The rest of a line after a value or header: blanks, an optional
    /// comment, then a line ending or the end of the text.
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_blanks();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        match self.peek() {
            None => Some(()),
            _ => self.newline(),
        }
    }

    /// Skips a comment up to its line ending. Control characters other
    /// than tab are declined (TOML versions differ on them).
    fn comment(&mut self) -> Option<()> {
        let rest = &self.bytes()[self.at..];
        let length = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let comment = &rest[..length];
        let comment = comment.strip_suffix(b"\r").unwrap_or(comment);
        if comment.iter().any(|&b| is_control(b)) {
            return None;
        }
        self.at += comment.len();
        Some(())
    }

    /// A bare key: ASCII letters, digits, `_` and `-`.
    fn bare_key(&mut self) -> Option<&'a str> {
        let start = self.at;
        while matches!(
            self.peek(),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')
        ) {
            self.at += 1;
        }
        (self.at > start).then(|| &self.text[start..self.at])
    }

    /// A `[a.b]` or `[[a.b]]` header, made or found in `root`; returns the
    /// path to the table the lines after it go to.
    fn header(&mut self, root: &mut Table<'a>) -> Option<TablePath> {
        let array = self.starts_with(b"[[");
        self.at += if array { 2 } else { 1 };
        let mut keys = vec![self.bare_key()?];
        while self.expect(b'.').is_some() {
            if keys.len() == MAX_NESTING {
                return None;
            }
            keys.push(self.bare_key()?);
        }
        self.expect(b']')?;
        if array {
            self.expect(b']')?;
        }
        let (last, parents) = keys.split_last()?;
        let mut path = TablePath::new();
        let mut table = root;
        for key in parents {
            let at = match table.position(key) {
                Some(at) => at,
                None if table.entries.len() == MAX_ENTRIES => return None,
                None => {
                    table.entries.push((key, Value::Table(Table::default())));
                    table.entries.len() - 1
                }
            };
            table = match &mut table.entries[at].1 {
                Value::Table(inner) => inner,
                Value::Tables(list) => list.last_mut()?,
                _ => return None,
            };
            path.push(at);
        }
        let defined = Table {
            entries: Vec::new(),
            defined: true,
        };
        let at = match (table.position(last), array) {
            (None, _) if table.entries.len() == MAX_ENTRIES => return None,
            (None, false) => {
                table.entries.push((last, Value::Table(defined)));
                table.entries.len() - 1
            }
            (None, true) => {
                table.entries.push((last, Value::Tables(vec![defined])));
                table.entries.len() - 1
            }
            (Some(at), false) => match &mut table.entries[at].1 {
                Value::Table(inner) if !inner.defined => {
                    inner.defined = true;
                    at
                }
                _ => return None,
            },
            (Some(at), true) => match &mut table.entries[at].1 {
                Value::Tables(list) => {
                    list.push(defined);
                    at
                }
                _ => return None,
            },
        };
        path.push(at);
        Some(path)
    }

    /// A value: a string, an integer, a boolean or an array of values.
    fn value(&mut self) -> Option<Value<'a>> {
        match self.peek()? {
            b'"' if self.starts_with(b"\"\"\"") => self.multiline_basic().map(Value::String),
            b'"' => self.basic().map(Value::String),
            b'\'' if self.starts_with(b"'''") => self.multiline_literal().map(Value::String),
            b'\'' => self.literal().map(Value::String),
            b'[' => self.array().map(Value::Array),
            b't' | b'f' => self.boolean().map(Value::Boolean),
            b'-' | b'0'..=b'9' => self.integer().map(Value::Integer),
            _ => None,
        }
    }

    /// `true` or `false`, followed by something that ends a value.
    fn boolean(&mut self) -> Option<bool> {
        let value = if self.starts_with(b"true") {
            true
        } else if self.starts_with(b"false") {
            false
        } else {
            return None;
        };
        self.at += if value { 4 } else { 5 };
        self.ends_value().then_some(value)
    }

    /// A decimal integer: an optional `-`, then digits without a leading
    /// zero or underscores. Floats, dates and other forms are declined.
    fn integer(&mut self) -> Option<i64> {
        let start = self.at;
        self.expect(b'-');
        let digits = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        let length = self.at - digits;
        if length == 0 || (length > 1 && self.bytes()[digits] == b'0') || !self.ends_value() {
            return None;
        }
        self.text[start..self.at].parse().ok()
    }

    /// Whether the next byte may follow a number or boolean.
    fn ends_value(&self) -> bool {
        matches!(
            self.peek(),
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'#' | b',' | b']')
        )
    }

    /// An array of values, over as many lines as it likes, with comments
    /// and a trailing comma.
    fn array(&mut self) -> Option<Vec<Value<'a>>> {
        if self.depth == MAX_NESTING {
            return None;
        }
        self.depth += 1;
        let values = self.array_items();
        self.depth -= 1;
        values
    }

    /// The items of the array whose `[` is at the cursor.
    fn array_items(&mut self) -> Option<Vec<Value<'a>>> {
        self.at += 1;
        let mut values = Vec::new();
        loop {
            self.skip_array_blanks()?;
            if self.expect(b']').is_some() {
                return Some(values);
            }
            values.push(self.value()?);
            self.skip_array_blanks()?;
            if self.expect(b',').is_none() {
                self.expect(b']')?;
                return Some(values);
            }
        }
    }

    /// Skips blanks, line endings and comments inside an array.
    fn skip_array_blanks(&mut self) -> Option<()> {
        loop {
            self.skip_blanks();
            match self.peek() {
                Some(b'\n' | b'\r') => self.newline()?,
                Some(b'#') => self.comment()?,
                _ => return Some(()),
            }
        }
    }

    /// A `"basic"` string, with its escapes decoded.
    fn basic(&mut self) -> Option<Cow<'a, str>> {
        self.at += 1;
        let start = self.at;
        let bytes = self.bytes();
        loop {
            match *bytes.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(Cow::Borrowed(&self.text[start..self.at - 1]));
                }
                b'\\' => break,
                b if is_control(b) => return None,
                _ => self.at += 1,
            }
        }
        // An escape: decode from here into an owned string.
        let mut decoded = String::from(&self.text[start..self.at]);
        loop {
            match *bytes.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(Cow::Owned(decoded));
                }
                b'\\' => decoded.push(self.escape()?),
                b if is_control(b) => return None,
                _ => self.push_char(&mut decoded),
            }
        }
    }

    /// A `"""multi-line basic"""` string: a line ending right after the
    /// opening quotes is dropped, a backslash at the end of a line joins
    /// it to the next non-blank, and up to two quotes may end the text.
    fn multiline_basic(&mut self) -> Option<Cow<'a, str>> {
        self.at += 3;
        self.skip_first_newline()?;
        let start = self.at;
        let bytes = self.bytes();
        let mut decoded: Option<String> = None;
        loop {
            match *bytes.get(self.at)? {
                b'"' if self.starts_with(b"\"\"\"") => {
                    let quotes = self.closing_quotes(b'"')?;
                    let end = self.at + quotes;
                    self.at += quotes + 3;
                    return Some(match decoded {
                        None => Cow::Borrowed(&self.text[start..end]),
                        Some(mut text) => {
                            text.push_str(&self.text[end - quotes..end]);
                            Cow::Owned(text)
                        }
                    });
                }
                b'\\' => {
                    let text = decoded.get_or_insert_with(|| self.text[start..self.at].into());
                    let after = &bytes[self.at + 1..];
                    let blanks = after
                        .iter()
                        .take_while(|&&b| b == b' ' || b == b'\t')
                        .count();
                    if after.get(blanks) == Some(&b'\n') {
                        // A line-ending backslash: skip every blank and line ending after it.
                        self.at += 1 + blanks;
                        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n')) {
                            self.at += 1;
                        }
                    } else {
                        text.push(self.escape()?);
                    }
                }
                b'\n' | b'\t' => self.copy_byte(&mut decoded),
                b if is_control(b) => return None,
                _ => match &mut decoded {
                    None => self.at += 1,
                    Some(text) => self.push_char(text),
                },
            }
        }
    }

    /// A `'literal'` string: no escapes.
    fn literal(&mut self) -> Option<Cow<'a, str>> {
        self.at += 1;
        let start = self.at;
        loop {
            match self.peek()? {
                b'\'' => {
                    self.at += 1;
                    return Some(Cow::Borrowed(&self.text[start..self.at - 1]));
                }
                b if is_control(b) => return None,
                _ => self.at += 1,
            }
        }
    }

    /// A `'''multi-line literal'''` string: no escapes; a line ending
    /// right after the opening quotes is dropped.
    fn multiline_literal(&mut self) -> Option<Cow<'a, str>> {
        self.at += 3;
        self.skip_first_newline()?;
        let start = self.at;
        loop {
            match self.peek()? {
                b'\'' if self.starts_with(b"'''") => {
                    let quotes = self.closing_quotes(b'\'')?;
                    let end = self.at + quotes;
                    self.at += quotes + 3;
                    return Some(Cow::Borrowed(&self.text[start..end]));
                }
                b'\n' | b'\t' => self.at += 1,
                b if is_control(b) => return None,
                _ => self.at += 1,
            }
        }
    }

    /// Drops the line ending right after a multi-line string's opening.
    /// A carriage return is declined: TOML readers may normalise it.
    fn skip_first_newline(&mut self) -> Option<()> {
        match self.peek() {
            Some(b'\n') => self.at += 1,
            Some(b'\r') => return None,
            _ => {}
        }
        Some(())
    }

    /// At a run of at least three `quote`s that closes a multi-line
    /// string: how many belong to the text (0 to 2). More than five in a
    /// row is an error.
    fn closing_quotes(&self, quote: u8) -> Option<usize> {
        let run = self.bytes()[self.at..]
            .iter()
            .take_while(|&&b| b == quote)
            .count();
        (run <= 5).then(|| run - 3)
    }

    /// Appends the character at the cursor to `text` and moves past it.
    fn push_char(&mut self, text: &mut String) {
        let c = self.text[self.at..]
            .chars()
            .next()
            .expect("inside the text");
        text.push(c);
        self.at += c.len_utf8();
    }

    /// Moves past one ASCII byte, copying it when decoding.
    fn copy_byte(&mut self, decoded: &mut Option<String>) {
        if let Some(text) = decoded {
            text.push(char::from(self.bytes()[self.at]));
        }
        self.at += 1;
    }

    /// An escape at the cursor: the TOML 1.0 ones. `\e` and `\xHH`, new
    /// in TOML 1.1, are declined.
    fn escape(&mut self) -> Option<char> {
        self.at += 1;
        let c = match self.peek()? {
            b'b' => '\u{8}',
            b't' => '\t',
            b'n' => '\n',
            b'f' => '\u{c}',
            b'r' => '\r',
            b'"' => '"',
            b'\\' => '\\',
            b'u' => return self.unicode(4),
            b'U' => return self.unicode(8),
            _ => return None,
        };
        self.at += 1;
        Some(c)
    }

    /// The `digits` hex digits after `\u` or `\U`, as a character.
    fn unicode(&mut self, digits: usize) -> Option<char> {
        let hex = self.text.get(self.at + 1..self.at + 1 + digits)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at += 1 + digits;
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    }
}

/// The control characters TOML refuses in strings and comments: all but
/// tab (line endings are handled where they may appear).
fn is_control(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\t') || byte == 0x7f
}
