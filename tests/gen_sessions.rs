//! The session generator (`examples/gen_sessions.rs`, behind
//! `scripts/gen-sessions`), run as a process through `cargo run`: its files
//! load with the real store, vary the way a cohort's history does, and are
//! the same for the same seed.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use tandem::deck::DeckLibrary;
use tandem::practice::Mode;
use tandem::record::SessionRecord;
use tandem::store::Store;

fn gen_sessions(args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["run", "--quiet", "--example", "gen_sessions", "--"])
        .args(args)
        .output()
        .expect("cargo runs")
}

fn generate(count: usize, dir: &Path, seed: u64) {
    let output = gen_sessions(&[
        &count.to_string(),
        dir.to_str().expect("a UTF-8 temp path"),
        "--seed",
        &seed.to_string(),
    ]);
    assert!(
        output.status.success(),
        "gen_sessions failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every file of a dir, by name, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The organizer's share of the talk time, over sessions that tracked it.
fn talk_share(sessions: &[SessionRecord]) -> f64 {
    let shares: Vec<f64> = sessions
        .iter()
        .map(SessionRecord::talk_totals)
        .filter(|(o, p)| o + p > 0)
        .map(|(o, p)| o as f64 / (o + p) as f64)
        .collect();
    shares.iter().sum::<f64>() / shares.len() as f64
}

#[test]
fn writes_varied_sessions_that_load_and_repeat_for_a_seed() {
    let temp = tempfile::tempdir().unwrap();
    let (first, second) = (temp.path().join("a"), temp.path().join("b"));
    generate(200, &first, 1);

    let store = Store::open(&first).unwrap();
    let scan = store.load_sessions();
    assert!(scan.problems.is_empty(), "{:?}", scan.problems);
    let sessions = scan.sessions;
    assert_eq!(sessions.len(), 200);
    assert_eq!(files(&store.sessions_dir()).len(), 200, "one file each");

    let organizers: BTreeSet<&str> = sessions
        .iter()
        .map(|s| s.people.organizer.as_str())
        .collect();
    assert!(organizers.len() >= 4, "{organizers:?}");
    let everyone: BTreeSet<&str> = sessions
        .iter()
        .flat_map(|s| [&s.people.organizer, &s.people.partner])
        .map(String::as_str)
        .collect();
    assert!(everyone.contains("王芳") && everyone.contains("Chloé Dubois"));

    let modes: BTreeSet<&str> = sessions.iter().map(|s| s.mode.label()).collect();
    assert_eq!(modes.len(), Mode::ALL.len(), "{modes:?}");
    for session in &sessions {
        match session.mode {
            Mode::Triad => assert!(session.people.observer.is_some()),
            Mode::Solo => assert!(session.people.partner.is_empty()),
            Mode::Drill => assert_eq!(session.stages.len(), 1),
            Mode::Pair => assert!(!session.people.partner.is_empty()),
        }
    }

    let decks: BTreeSet<&str> = sessions.iter().map(|s| s.deck.id.as_str()).collect();
    let bundled = DeckLibrary::load(None);
    for deck in bundled.decks() {
        assert!(
            decks.contains(deck.deck.id.as_str()),
            "{} unused",
            deck.deck.id
        );
    }
    // Prompts and marks come from the decks themselves.
    for session in &sessions {
        let deck = &bundled.resolve(&session.deck.id).unwrap().deck;
        for stage in &session.stages {
            let prompts = &deck.stage(&stage.id).unwrap().prompts;
            assert!(!stage.prompts_shown.is_empty());
            assert!(stage.prompts_shown.iter().all(|p| prompts.contains(p)));
        }
        for mark in &session.marks {
            assert_eq!(deck.marks[mark.kind].label, mark.label);
        }
    }

    let span = sessions.last().unwrap().started - sessions.first().unwrap().started;
    assert!(span.num_days() > 90, "only {} days", span.num_days());

    let fifth = sessions.len() / 5;
    let (early, late) = (
        talk_share(&sessions[..fifth]),
        talk_share(&sessions[sessions.len() - fifth..]),
    );
    assert!(late < early, "talk share went from {early:.2} to {late:.2}");

    generate(200, &second, 1);
    assert!(
        files(&store.sessions_dir()) == files(&second.join("sessions")),
        "the same seed must give byte-identical files"
    );
}

#[test]
fn bad_arguments_are_refused_with_usage() {
    let output = gen_sessions(&["many", "somewhere"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("COUNT") && stderr.contains("usage"),
        "{stderr}"
    );
}

/// The first run of `scripts/gen-sessions` compiles the generator in
/// release mode; it says so before cargo starts rather than sitting
/// silent. A stand-in `cargo` on the PATH records that it ran after the
/// line was printed.
#[test]
fn the_script_says_it_is_building_before_cargo_runs() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let fake = bin.join("cargo");
    std::fs::write(&fake, "#!/bin/sh\necho 'fake cargo ran' >&2\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let output = Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-sessions"))
        .args(["1", dir.path().join("data").to_str().unwrap()])
        .env("PATH", path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let building = stderr.find("building").unwrap_or(usize::MAX);
    let ran = stderr
        .find("fake cargo ran")
        .expect("the script runs cargo");
    assert!(building < ran, "no word before cargo runs:\n{stderr}");
}

/// A newcomer finds in the README how `tandem` gets onto the PATH and how
/// to run a command without installing it.
#[test]
fn the_readme_says_how_to_install_and_run_each_command() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(readme.contains("cargo install --path ."), "no install line");
    assert!(
        readme.contains("cargo run --release -- review"),
        "no cargo run form"
    );
}
