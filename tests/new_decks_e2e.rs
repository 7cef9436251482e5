//! The decks added for issue 11, end to end: each is listed, shown, and
//! starts a round in the real binary (in a pty) with its first stage and
//! one of that stage's prompt cards on screen. Nothing here depends on the
//! feedback form, which changes separately.

mod support;

use std::process::Command;

use support::{Dirs, TIMEOUT, Tui, tandem_bin};
use tandem::deck::{Deck, DeckLibrary};

const NEW_DECKS: &[&str] = &[
    "story-of-self",
    "story-of-us",
    "story-of-now",
    "campaign-volunteer",
    "trust-across-disagreement",
];

const CTRL_C: &str = "\x03";

fn deck(id: &str) -> Deck {
    DeckLibrary::load(None).resolve(id).unwrap().deck
}

fn run(dirs: &Dirs, args: &[&str]) -> String {
    let output = Command::new(tandem_bin())
        .args(args)
        .envs(dirs.env())
        // English whatever the developer's locale: the tests read its words.
        .env("LC_ALL", "C.UTF-8")
        .current_dir(dirs.root())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn each_new_deck_is_listed_and_shown() {
    let dirs = Dirs::new();
    let list = run(&dirs, &["decks", "list"]);
    for id in NEW_DECKS {
        let deck = deck(id);
        assert!(
            list.lines()
                .any(|l| l.starts_with(&format!("{id} ")) && l.contains(&deck.title)),
            "{id} not listed:\n{list}"
        );
        let shown = run(&dirs, &["decks", "show", id]);
        let first = &deck.stages[0];
        for needle in [
            format!("({id}, v{}, en)", deck.version),
            format!(
                "1. {} ({} min, organizer talks {})",
                first.name,
                first.minutes,
                first.talk_band().label()
            ),
            first.prompts[0].clone(),
            deck.personas[0].name.clone(),
        ] {
            assert!(shown.contains(&needle), "{id}: {needle} missing:\n{shown}");
        }
    }
}

/// Starts a pair round on `id` and waits for its first stage and a card.
fn plays(id: &str) {
    let deck = deck(id);
    let first = &deck.stages[0];
    // A card may wrap on screen; its first few words stay on one line.
    let openings: Vec<String> = first
        .prompts
        .iter()
        .map(|p| p.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .collect();
    let dirs = Dirs::new();
    let data = dirs.data();
    let config = dirs.config();
    let args = [
        "practice",
        "--deck",
        id,
        "--organizer",
        "Ana",
        "--partner",
        "Ben",
        "--seed",
        "1",
        "--data-dir",
        data.to_str().unwrap(),
        "--config-dir",
        config.to_str().unwrap(),
        "--no-bell",
    ];
    let mut tui = Tui::spawn(&dirs, &args, 120, 40);
    tui.past_brief();
    tui.wait_until(
        &format!("{id}: stage {:?} and one of its cards", first.name),
        TIMEOUT,
        |screen| {
            screen.contains(&first.name) && openings.iter().any(|o| screen.contains(o.as_str()))
        },
    );
    tui.send(CTRL_C);
    let status = tui.wait_exit(TIMEOUT);
    assert!(status.success(), "{id}: exit status {status:?}");
}

#[test]
fn story_of_self_plays() {
    plays("story-of-self");
}

#[test]
fn story_of_us_plays() {
    plays("story-of-us");
}

#[test]
fn story_of_now_plays() {
    plays("story-of-now");
}

#[test]
fn campaign_volunteer_plays() {
    plays("campaign-volunteer");
}

#[test]
fn trust_across_disagreement_plays() {
    plays("trust-across-disagreement");
}
