//! `tandem decks …` as a process, and the corpus of malformed decks in
//! `tests/invalid_decks/` (each file's first line says what it must report).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tandem"))
            .args(args)
            .current_dir(self.dir.path())
            .env("TANDEM_DATA_DIR", self.dir.path().join("data"))
            .env("TANDEM_CACHE_DIR", self.dir.path().join("cache"))
            .env("TANDEM_CONFIG_DIR", self.config())
            // English whatever the developer's locale: the tests read its words.
            .env("LC_ALL", "C.UTF-8")
            .output()
            .unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn every_malformed_deck_gets_its_own_message_and_place() {
    let env = Env::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo("tests/invalid_decks"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 15, "the corpus is incomplete");
    for file in files {
        let content = std::fs::read_to_string(&file).unwrap();
        let expected = content
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{} has no `# expect:` line", file.display()));
        let output = env.run(&["decks", "check", file.to_str().unwrap()]);
        let stderr = text(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{}: {stderr}",
            file.display()
        );
        let wanted = format!("{}:{expected}", file.display());
        assert!(
            stderr.lines().any(|line| line == wanted),
            "{}: expected\n  {wanted}\ngot\n{stderr}",
            file.display()
        );
    }
}

#[test]
fn bundled_decks_pass_the_check() {
    let env = Env::new();
    let mut args = vec!["decks".to_owned(), "check".to_owned()];
    for entry in std::fs::read_dir(repo("prompts")).unwrap() {
        args.push(entry.unwrap().path().display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = env.run(&args);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout).matches(": ok (").count(),
        args.len() - 2
    );
}

#[test]
fn check_fails_if_any_file_fails_and_names_each() {
    let env = Env::new();
    let bad = env.dir.path().join("bad.toml");
    std::fs::write(&bad, [0xff, 0xfe, 0x00]).unwrap();
    let good = repo("prompts/quick-round.toml");
    let output = env.run(&[
        "decks",
        "check",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("quick-round.toml: ok"));
    assert!(text(&output.stderr).contains("bad.toml: deck is not valid UTF-8 text"));
}

#[test]
fn new_writes_a_valid_template_and_never_overwrites() {
    let env = Env::new();
    let output = env.run(&["decks", "new", "my-deck"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let path = env.dir.path().join("my-deck.toml");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("id = \"my-deck\""));
    let check = env.run(&["decks", "check", "my-deck.toml"]);
    assert!(check.status.success(), "{}", text(&check.stderr));

    std::fs::write(&path, "mine").unwrap();
    let again = env.run(&["decks", "new", "my-deck"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("never overwritten"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");

    let bad = env.run(&["decks", "new", "../evil"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(!env.dir.path().join("../evil.toml").exists());
}

#[test]
fn list_shows_sources_overrides_and_broken_user_decks() {
    let env = Env::new();
    let decks = env.config().join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    let own = std::fs::read_to_string(repo("prompts/quick-round.toml"))
        .unwrap()
        .replace("title = \"Quick round\"", "title = \"Our quick round\"");
    std::fs::write(decks.join("quick.toml"), own).unwrap();
    std::fs::write(decks.join("broken.toml"), "id = 3").unwrap();
    let output = env.run(&["decks", "list"]);
    assert!(output.status.success());
    let out = text(&output.stdout);
    let quick = out.lines().find(|l| l.starts_with("quick-round")).unwrap();
    assert!(
        quick.contains("Our quick round") && quick.contains("(overrides bundled)"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("relational-1on1") && l.ends_with("bundled"))
    );
    assert!(
        out.contains("broken: ") && out.contains("broken.toml"),
        "{out}"
    );
}

#[test]
fn list_columns_line_up_even_for_the_longest_bundled_id() {
    let env = Env::new();
    let output = env.run(&["decks", "list"]);
    assert!(output.status.success());
    let out = text(&output.stdout);
    let mut lines = out.lines();
    let header = lines.next().unwrap();
    let title_at = header.find("TITLE").unwrap();
    let rows: Vec<&str> = lines.collect();
    assert!(
        rows.iter()
            .any(|l| l.starts_with("trust-across-disagreement ")),
        "{out}"
    );
    for row in rows {
        assert_eq!(row.as_bytes()[title_at - 1], b' ', "{row}\n{out}");
        assert_ne!(row.as_bytes()[title_at], b' ', "{row}\n{out}");
    }
}

#[test]
fn show_prints_every_stage_and_mark() {
    let env = Env::new();
    let output = env.run(&["decks", "show", "relational-1on1"]);
    assert!(output.status.success());
    let out = text(&output.stdout);
    for needle in [
        "1. Purpose (3 min, organizer talks 55–85%)",
        "4. Commitment (5 min, organizer talks 35–65%)",
        "checks: ",
        "Marks:",
        "Personas (the public part",
    ] {
        assert!(out.contains(needle), "{needle} missing:\n{out}");
    }
    let missing = env.run(&["decks", "show", "nope"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn escape_sequences_in_a_deck_never_reach_the_terminal() {
    let env = Env::new();
    let evil = env.dir.path().join("evil.toml");
    std::fs::write(
        &evil,
        "\"\\u001b]0;PWNED\\u0007\\u001b[2J\" = 1\nid = \"Bad\\u001b[31m\"\n",
    )
    .unwrap();
    let check = env.run(&["decks", "check", evil.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    assert!(!check.stderr.contains(&0x1b), "{}", text(&check.stderr));
    assert!(
        text(&check.stderr).contains("]0;PWNED"),
        "the key is still named"
    );
    let decks = env.config().join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    std::fs::copy(&evil, decks.join("evil.toml")).unwrap();
    let list = env.run(&["decks", "list"]);
    assert!(!list.stdout.contains(&0x1b), "{}", text(&list.stdout));
    let practice = env.run(&["practice", "--deck", evil.to_str().unwrap()]);
    assert!(
        !practice.stderr.contains(&0x1b),
        "{}",
        text(&practice.stderr)
    );
}
