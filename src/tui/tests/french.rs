//! The main screens in French at 80×24. Each test speaks French on its
//! own thread only (`i18n::scoped`), so the English tests beside them
//! never see it.

use ratatui::crossterm::event::KeyCode;

use super::{Harness, harness_with};
use crate::deck::DeckLibrary;
use crate::i18n;
use crate::practice::{Mode, People};
use crate::tui::app::Start;

/// Fails when text runs into a box's right border or the window's right
/// edge: whatever went past it was cut without "…". (Text that exactly
/// fills a line would fail too: French text has to leave room.)
#[track_caller]
fn assert_nothing_cut(screen: &str) {
    const BORDERS: &str = "│┐┘┤┌└├─┬┴┼╮╯╭╰";
    for (row, line) in screen.lines().enumerate() {
        let line = line.trim_matches('"');
        let chars: Vec<char> = line.chars().collect();
        for (at, c) in chars.iter().enumerate() {
            let right_edge = at + 1 == chars.len();
            let closes = matches!(c, '│' | '┐' | '┘' | '┤') && at > 0;
            let before = if closes {
                Some(chars[at - 1])
            } else if right_edge && !BORDERS.contains(*c) {
                Some(*c)
            } else {
                None
            };
            if let Some(before) = before {
                assert!(
                    before == ' ' || before == '…' || BORDERS.contains(before),
                    "row {row}, column {at}: text reaches the edge: {line}\n{screen}"
                );
            }
        }
    }
}

/// A pair round on the French deck, before the partner's brief.
fn french_round() -> Harness {
    let deck = DeckLibrary::load(None)
        .resolve("relational-1on1-fr")
        .unwrap()
        .deck;
    harness_with(
        Start::Practice {
            deck: Box::new(deck),
            people: People::pair("Ana", "Benoît"),
            mode: Mode::Pair,
            drill_stage: None,
            seed: Some(7),
            fit: None,
        },
        true,
        |_| {},
    )
}

#[test]
fn home_in_french() {
    let _fr = i18n::scoped("fr");
    let mut h = harness_with(Start::Home, true, |_| {});
    let screen = h.draw(80, 24);
    assert!(screen.contains("Commencer l'entraînement"), "{screen}");
    assert_nothing_cut(&screen);
    snapshot!("fr_home_80x24", screen);
    h.char('?');
    let help = h.draw(80, 24);
    assert!(help.contains("Touches : accueil"), "{help}");
    assert_nothing_cut(&help);
    snapshot!("fr_home_help_80x24", help);
    h.press(KeyCode::Esc);
}

#[test]
fn setup_in_french_offers_the_french_decks_first() {
    let _fr = i18n::scoped("fr");
    let mut h = harness_with(Start::Home, true, |_| {});
    h.char('s');
    assert_eq!(h.screen_name(), "setup");
    let screen = h.draw(80, 24);
    assert!(screen.contains("Nouveau tour d'entraînement"), "{screen}");
    // The French deck is first, and chosen.
    assert!(screen.contains("▶ relational-1on1-fr"), "{screen}");
    h.type_text("Ana");
    h.press(KeyCode::Enter);
    let missing = h.draw(80, 24);
    assert!(
        missing.contains("Un tour en binôme demande le nom du partenaire."),
        "{missing}"
    );
    assert_nothing_cut(&missing);
    snapshot!("fr_setup_80x24", missing);
}
