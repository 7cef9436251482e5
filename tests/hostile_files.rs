//! Hostile and malformed input for the deck and session loaders: every one
//! gets an error or a clean value, never a panic, a hang or a stack overflow.

use std::path::Path;

use proptest::prelude::*;
use tandem::deck::{DeckError, DeckLibrary, parse_deck};
use tandem::store::{Store, read_session, read_summary};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The summary the index reads of a file and its full record are refused
/// with the same message, or both read.
fn same_verdict(path: &Path) {
    let record = read_session(path).map_err(|err| err.to_string());
    let summary = read_summary(path).map_err(|err| err.to_string());
    assert_eq!(record.err(), summary.err(), "{}", path.display());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic_the_loaders(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let dir = tempfile::tempdir().unwrap();
        let deck = write(dir.path(), "deck.toml", &bytes);
        let _ = DeckLibrary::load(None).resolve(deck.to_str().unwrap());
        let session = write(dir.path(), "session.toml", &bytes);
        same_verdict(&session);
    }

    #[test]
    fn arbitrary_toml_like_text_never_panics(text in "[a-z_=\\[\\]{}\"'., 0-9\n#-]{0,400}") {
        let _ = parse_deck(&text, "fuzz.toml");
        let dir = tempfile::tempdir().unwrap();
        same_verdict(&write(dir.path(), "s.toml", text.as_bytes()));
    }
}

#[test]
fn deeply_nested_arrays_are_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let text = format!("id = {}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(parse_deck(&text, "nested.toml").is_err());
    let dir = tempfile::tempdir().unwrap();
    let nested = write(dir.path(), "nested.toml", text.as_bytes());
    assert!(read_session(&nested).is_err());
    same_verdict(&nested);
}

#[test]
fn a_header_of_many_keys_is_an_error_not_a_stack_overflow() {
    // Under the 1 MiB a session file may have.
    let text = format!("[{}]\nx = 1\n", vec!["a"; 400_000].join("."));
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "dotted.toml", text.as_bytes());
    assert!(read_session(&path).is_err());
    same_verdict(&path);
}

#[test]
fn a_huge_deck_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "huge.toml", &vec![b'#'; 2 * 1024 * 1024]);
    let err = DeckLibrary::load(None)
        .resolve(path.to_str().unwrap())
        .unwrap_err();
    assert!(matches!(err, DeckError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("huge.toml"));
}

#[test]
fn broken_session_files_are_skipped_and_left_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let cases: &[(&str, &[u8])] = &[
        ("empty.toml", b""),
        ("truncated.toml", b"schema = 1\nid = \"x\"\nmode = \"pa"),
        ("wrong-type.toml", b"schema = \"one\"\n"),
        ("not-utf8.toml", &[0xff, 0xfe, 0x00, 0x01]),
        ("future.toml", b"schema = 3\nnew_thing = true\n"),
    ];
    for (name, bytes) in cases {
        write(&store.sessions_dir(), name, bytes);
    }
    let scan = store.load_sessions();
    assert!(scan.sessions.is_empty());
    assert_eq!(scan.problems.len(), cases.len());
    let messages: Vec<String> = scan.problems.iter().map(ToString::to_string).collect();
    for (name, bytes) in cases {
        assert!(
            messages.iter().any(|m| m.contains(name)),
            "{name} not reported: {messages:?}"
        );
        assert_eq!(
            &std::fs::read(store.sessions_dir().join(name)).unwrap(),
            bytes
        );
    }
    assert!(messages.iter().any(|m| m.contains("newer tandem")));
}
