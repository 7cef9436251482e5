use proptest::prelude::*;

use super::*;
use crate::record::strategies::record;

/// What the plain reader makes of `text`, as a `toml` table.
fn plain(text: &str) -> Result<toml::Table, Declined> {
    from_str::<toml::Table>(text)
}

/// What the `toml` crate makes of `text`.
fn reference(text: &str) -> Option<toml::Table> {
    toml::from_str::<toml::Table>(text).ok()
}

/// Reads `text` with both, and asserts the plain reader read it, and the
/// same way.
#[track_caller]
fn reads_as_toml_does(text: &str) -> toml::Table {
    let table = plain(text).unwrap_or_else(|_| panic!("declined: {text:?}"));
    assert_eq!(Some(&table), reference(text).as_ref(), "{text:?}");
    table
}

#[track_caller]
fn declines(text: &str) {
    assert_eq!(plain(text), Err(Declined), "{text:?}");
}

#[test]
fn tables_and_arrays_of_tables_nest_as_in_toml() {
    let table = reads_as_toml_does(
        "schema = 2 # the version\n\n[deck]\nid = \"d\"\n\n  [[stages]]\nid = \"a\"\n\
         [stages.talk]\nlow = 1\n[[stages]]\nid = \"b\"\n[stages.talk]\nlow = 2\n\
         [[feedback]]\n[[feedback.ratings]]\nscore = 4\n[[feedback.ratings]]\nscore = 5\n\
         [x.y]\n[x]\nz = true\n",
    );
    assert_eq!(table["stages"][1]["talk"]["low"].as_integer(), Some(2));
    assert_eq!(
        table["feedback"][0]["ratings"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(table["x"]["z"].as_bool(), Some(true));
}

#[test]
fn values_of_every_plain_kind_read_as_in_toml() {
    let table = reads_as_toml_does(
        "a = -0\nb = 9223372036854775807\nc = -9223372036854775808\nd = false\n\
         e = [1, \"two\", [true], ]\nf = [\n  \"x\", # one\n  \"y\"\n]\ng = []\n\
         h = \"tab\\there \\\"q\\\" \\\\ \\u00e9 \\U0001F600 \\b\\f\\r\\n\"\ni = 'C:\\path \"x\"'\n\
         j = \"\"\"\nline one\nline \"two\" \\\n    joined\"\"\"\nk = '''\nraw \\n ''stuff'''''\n\
         l = \"\"\"ends with quotes\"\"\"\"\"\nm = \"\"\nn = ''\no = \"\"\"\"\"\"\np = \"é ü 😀\"\r\n",
    );
    assert_eq!(
        table["h"].as_str(),
        Some("tab\there \"q\" \\ é 😀 \u{8}\u{c}\r\n")
    );
    assert_eq!(table["j"].as_str(), Some("line one\nline \"two\" joined"));
    assert_eq!(table["k"].as_str(), Some("raw \\n ''stuff''"));
    assert_eq!(table["l"].as_str(), Some("ends with quotes\"\""));
}

#[test]
fn unplain_or_wrong_toml_is_declined() {
    for text in [
        // Beyond the subset, though TOML.
        "a.b = 1",
        "\"a\" = 1",
        "['a']",
        "[ a ]",
        "a = { b = 1 }",
        "a = 1.5",
        "a = 1e3",
        "a = 1_000",
        "a = +1",
        "a = 0x1f",
        "a = 2026-11-25",
        "a = inf",
        "a = \"\\e\"",
        "a = \"\\x41\"",
        "a = \"\"\"x\r\ny\"\"\"",
        "a = '''\r\nx'''",
        "# bell \u{7}",
        "\u{feff}a = 1",
        // Not TOML.
        "a = 1\na = 2",
        "[a]\n[a]",
        "[a]\n[[a]]",
        "[[a]]\n[a]",
        "a = 1\n[a.b]",
        "[a.b]\n[a]\nb = 1",
        "a = 01",
        "a = -",
        "a = truth",
        "a = \"open",
        "a = \"new\nline\"",
        "a = \"\\q\"",
        "a = \"\\uD800\"",
        "a = \"\\u12\"",
        "a = \"del\u{7f}\"",
        "a = 'tab\tok' 'no'",
        "a = [1 2]",
        "a = [1,,]",
        "a = \"\"\"x\"\"\"\"\"\"",
        "a = 9223372036854775808",
        "a = 1\rb = 2",
        "a",
        "a =",
        "= 1",
        "[a",
        "[[a]",
        "[]",
    ] {
        declines(text);
    }
}

#[test]
fn nesting_is_read_to_a_limit_then_declined_without_overflowing() {
    let nested = |depth: usize| format!("a = {}{}", "[".repeat(depth), "]".repeat(depth));
    reads_as_toml_does(&nested(MAX_NESTING));
    declines(&nested(MAX_NESTING + 1));
    declines(&nested(1_000_000));
    let header = |keys: usize| format!("[{}]\nb = 1", vec!["a"; keys].join("."));
    reads_as_toml_does(&header(MAX_NESTING));
    declines(&header(MAX_NESTING + 1));
    declines(&header(500_000));
}

#[test]
fn tables_are_read_to_a_size_then_declined() {
    let keys = |count: usize| {
        (0..count)
            .map(|n| format!("k{n} = {n}\n"))
            .collect::<String>()
    };
    reads_as_toml_does(&keys(MAX_ENTRIES));
    declines(&keys(MAX_ENTRIES + 1));
    let headers = |count: usize| (0..count).map(|n| format!("[t{n}]\n")).collect::<String>();
    reads_as_toml_does(&headers(MAX_ENTRIES));
    declines(&headers(MAX_ENTRIES + 1));
    declines(&format!("{}[[x]]", keys(MAX_ENTRIES)));
    declines(&format!("[a]\n{}", keys(100_000)));
}

/// Files written by tandem's first version, by hand-written code.
#[test]
fn version_one_files_are_read_plain() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1");
    let mut read = 0;
    for entry in std::fs::read_dir(fixtures).unwrap() {
        reads_as_toml_does(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        read += 1;
    }
    assert_eq!(read, 4);
}

/// Pieces of lines, plain and not, right and wrong, for the reader and
/// the `toml` crate to disagree on if they can.
const KEYS: [&str; 6] = ["a", "b", "a-b_9", "\"a\"", "a.b", ""];
const VALUES: [&str; 28] = [
    "0",
    "-0",
    "007",
    "12",
    "-3",
    "+4",
    "1_0",
    "1.5",
    "9223372036854775808",
    "true",
    "false",
    "True",
    "\"s\"",
    "\"a\\\"b\\\\c\\u00e9\\q\"",
    "\"\\e\\x41\"",
    "'lit\"'",
    "'''m\nl'''",
    "\"\"\"\nm\\\n  l\"\"\"",
    "\"\"\"q\"\"\"\"",
    "\"\"\"q\"\"\"\"\"\"",
    "[]",
    "[1, \"x\", [true],]",
    "[\n1, # c\n2\n]",
    "{ x = 1 }",
    "2026-11-25",
    "\"unclosed",
    "\"tab\there\"",
    "\"bell\u{7}\"",
];
const HEADERS: [&str; 10] = [
    "[a]",
    "[b]",
    "[a.b]",
    "[[a]]",
    "[[b]]",
    "[[a.b]]",
    "[b.a]",
    "[ a ]",
    "[a.\"b\"]",
    "[[a]] # c",
];

/// A line made of the pieces above.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0..KEYS.len(), 0..VALUES.len(), any::<bool>()).prop_map(|(k, v, spaced)| {
            let eq = if spaced { " = " } else { "=" };
            format!("{}{eq}{}", KEYS[k], VALUES[v])
        }),
        2 => (0..HEADERS.len()).prop_map(|h| HEADERS[h].to_owned()),
        1 => prop_oneof![Just(""), Just("# note"), Just("  "), Just("\t# é")].prop_map(str::to_owned),
    ]
}

/// The line endings a file may have, and some it may not.
fn ending() -> impl Strategy<Value = &'static str> {
    prop_oneof![8 => Just("\n"), 1 => Just("\r\n"), 1 => Just("\r"), 1 => Just(" x\n")]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever the text, a text the plain reader reads is one the `toml`
    /// crate reads, to the same values.
    #[test]
    fn what_is_read_plain_is_read_as_toml_reads_it(
        lines in proptest::collection::vec((line(), ending()), 0..10)
    ) {
        let text: String = lines.iter().map(|(line, end)| format!("{line}{end}")).collect();
        if let Ok(table) = plain(&text) {
            prop_assert_eq!(Some(table), reference(&text), "{:?}", text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every file tandem writes is read plain, to the values the `toml`
    /// crate reads.
    #[test]
    fn every_saved_session_is_read_plain(record in record()) {
        let text = toml::to_string(&record).unwrap();
        let table = plain(&text);
        prop_assert!(table.is_ok(), "declined:\n{}", text);
        prop_assert_eq!(table.ok(), reference(&text));
    }

    /// A saved file cut anywhere, or with a byte changed anywhere: read as
    /// `toml` reads it, or declined.
    #[test]
    fn a_damaged_file_is_read_as_toml_reads_it_or_declined(
        record in record(),
        at in any::<prop::sample::Index>(),
        byte in prop_oneof![Just(b'"'), Just(b'\''), Just(b'\\'), Just(b'\n'), Just(b'['), Just(b'.'), Just(b'='), Just(b'#'), Just(b'\r'), Just(b' ')],
    ) {
        let text = toml::to_string(&record).unwrap();
        let at = at.index(text.len());
        let mut damaged = text.as_bytes().to_vec();
        damaged[at] = byte;
        for damaged in [String::from_utf8_lossy(&damaged).into_owned(), String::from_utf8_lossy(&text.as_bytes()[..at]).into_owned()] {
            if let Ok(table) = plain(&damaged) {
                prop_assert_eq!(Some(table), reference(&damaged), "{:?}", damaged);
            }
        }
    }
}
