//! The command line in French: chosen by `--lang`, the config or the
//! locale, in that order; English otherwise. And `tandem --lang fr` in a
//! terminal, from home to a running round.

mod support;

use std::process::{Command, Output};
use std::time::Duration;

use support::{Dirs, Tui};

/// Runs `tandem args…` with private dirs, `locale` as `LANG` and the
/// config file `config` (if any).
fn run(args: &[&str], locale: &str, config: Option<&str>) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let config_dir = dir.path().join("config");
    std::fs::create_dir_all(&config_dir).unwrap();
    if let Some(config) = config {
        std::fs::write(config_dir.join("config.toml"), config).unwrap();
    }
    let mut command = Command::new(env!("CARGO_BIN_EXE_tandem"));
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(var);
    }
    command
        .args(args)
        .current_dir(dir.path())
        .env("LANG", locale)
        .env("TANDEM_DATA_DIR", dir.path().join("data"))
        .env("TANDEM_CACHE_DIR", dir.path().join("cache"))
        .env("TANDEM_CONFIG_DIR", &config_dir)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn decks_list_in_french_puts_the_french_decks_first() {
    let out = run(&["--lang", "fr", "decks", "list"], "C.UTF-8", None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.contains("TITRE"), "{text}");
    let first = lines.next().unwrap();
    assert!(first.starts_with("relational-1on1-fr "), "{text}");
    assert!(first.contains("intégré"), "{text}");

    // In English the French deck is no longer first.
    let out = run(&["decks", "list"], "C.UTF-8", None);
    let text = stdout(&out);
    assert!(text.lines().next().unwrap().contains("TITLE"), "{text}");
    assert!(
        text.lines().nth(1).unwrap().starts_with("relational-1on1 "),
        "{text}"
    );
}

#[test]
fn the_flag_beats_the_config_which_beats_the_locale() {
    let stats = |args: &[&str], locale, config| stdout(&run(args, locale, config));
    let french = "Aucune séance pour l'instant.\n";
    let english = "No sessions yet.\n";
    assert_eq!(stats(&["stats"], "fr_FR.UTF-8", None), french);
    assert_eq!(
        stats(&["stats"], "C.UTF-8", Some("language = \"fr\"\n")),
        french
    );
    assert_eq!(
        stats(&["stats"], "fr_FR.UTF-8", Some("language = \"en\"\n")),
        english
    );
    assert_eq!(
        stats(
            &["--lang", "en", "stats"],
            "fr_FR.UTF-8",
            Some("language = \"fr\"\n")
        ),
        english
    );
    // A language without messages falls back to English.
    assert_eq!(stats(&["--lang", "de", "stats"], "C.UTF-8", None), english);
}

#[test]
fn command_errors_are_in_french() {
    let out = run(
        &[
            "--lang",
            "fr",
            "practice",
            "--mode",
            "drill",
            "--organizer",
            "Ana",
        ],
        "C.UTF-8",
        None,
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("--mode drill demande --stage, parmi :"),
        "{err}"
    );

    let out = run(&["--lang", "fr", "decks", "show", "quick"], "C.UTF-8", None);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("aucun jeu d'identifiant `quick` (vouliez-vous dire quick-round ?)"),
        "{err}"
    );
}

#[test]
fn tandem_lang_fr_runs_home_setup_brief_and_practice_in_french() {
    let dirs = Dirs::new();
    let mut tui = Tui::spawn(&dirs, &["--lang", "fr", "--no-bell"], 80, 24);
    tui.wait_for_all(&["Commencer l'entraînement", "Entrée choisir"]);
    tui.send("s");
    tui.wait_for_all(&["Nouveau tour d'entraînement", "▶ relational-1on1-fr"]);
    tui.send("Ana\tBenoît\r");
    tui.wait_for("Benoît, lisez ceci — Ana, détournez le regard.");
    tui.send("\r");
    tui.wait_for_all(&["étape 1 sur 4", "Intention", "Repères (0)"]);
    // Ctrl-C keeps the round and says so, in French.
    tui.send("\x03");
    tui.wait_exit(Duration::from_secs(10));
    let output = String::from_utf8_lossy(&tui.raw_output()).into_owned();
    assert!(
        output.contains("le tour inachevé est enregistré"),
        "{output}"
    );
}

#[test]
fn the_help_speaks_the_language_of_the_flag_the_config_and_the_locale() {
    let french = "Un entraîneur en terminal";
    let english = "A terminal practice coach";
    let by_flag = run(&["--lang", "fr", "--help"], "C.UTF-8", None);
    assert!(stdout(&by_flag).contains(french), "{}", stdout(&by_flag));
    let by_flag_after = run(&["stats", "--help", "--lang=fr"], "C.UTF-8", None);
    assert!(
        stdout(&by_flag_after).contains("Seulement les séances que cette personne a organisées"),
        "{}",
        stdout(&by_flag_after)
    );
    let by_config = run(&["--help"], "C.UTF-8", Some("language = \"fr\"\n"));
    assert!(
        stdout(&by_config).contains(french),
        "{}",
        stdout(&by_config)
    );
    let by_locale = run(&["--help"], "fr_FR.UTF-8", None);
    assert!(
        stdout(&by_locale).contains(french),
        "{}",
        stdout(&by_locale)
    );
    let flag_wins = run(&["--lang", "en", "--help"], "fr_FR.UTF-8", None);
    assert!(
        stdout(&flag_wins).contains(english),
        "{}",
        stdout(&flag_wins)
    );
    // The man page comes from the same definition, in the same language.
    let man = run(&["--lang", "fr", "man"], "C.UTF-8", None);
    let page = stdout(&man);
    assert!(
        page.contains("SYNOPSIS") && page.contains("Un entra"),
        "{page}"
    );
}
