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
/// edge with nothing after it: whatever went past was cut without "…".
/// Text that fills a row and goes on in the next row of the same box was
/// wrapped, not cut; a row that ends with one of `flush`
/// (whole texts drawn right-aligned) ends where it should, as does a hint
/// bar that ends with its help hint (the bar is fitted to end there).
#[track_caller]
fn assert_nothing_cut_but(screen: &str, flush: &[&str]) {
    const BORDERS: &str = "│┐┘┤┌└├─┬┴┼╮╯╭╰";
    let rows: Vec<Vec<char>> = screen
        .lines()
        .map(|line| line.trim_matches('"').chars().collect())
        .collect();
    for (row, chars) in rows.iter().enumerate() {
        for (at, c) in chars.iter().enumerate() {
            // A box's right border ends the row or meets the next box; a
            // `│` with text after it is a chart's axis.
            let closes = matches!(c, '│' | '┐' | '┘' | '┤')
                && at > 0
                && chars.get(at + 1).is_none_or(|next| BORDERS.contains(*next));
            let before = if closes {
                chars[at - 1]
            } else if at + 1 == chars.len() && !BORDERS.contains(*c) {
                *c
            } else {
                continue;
            };
            // Only text can be cut: chart dots and bars may touch a border.
            let text_char = before.is_alphanumeric() || ".,;:!?)»%'\"".contains(before);
            if !text_char {
                continue;
            }
            let text: String = chars[..=at].iter().collect();
            let help = crate::tr!("hint-help");
            let text = text.trim_end_matches('│');
            if flush.iter().any(|f| text.ends_with(f)) || text.ends_with(&format!(" {help}")) {
                continue;
            }
            // Where this box's text starts: after its left border, or at
            // the window's left edge.
            let start = chars[..at]
                .iter()
                .rposition(|c| *c == '│')
                .map_or(0, |left| left + 1);
            let wrapped = rows.get(row + 1).is_some_and(|next| {
                next.get(start..at.min(next.len()))
                    .is_some_and(|cells| cells.iter().any(|c| *c != ' ' && !BORDERS.contains(*c)))
            });
            assert!(
                wrapped,
                "row {row}, column {at}: text reaches the edge and stops: {}\n{screen}",
                chars.iter().collect::<String>()
            );
        }
    }
}

/// [`assert_nothing_cut_but`] with nothing right-aligned.
#[track_caller]
fn assert_nothing_cut(screen: &str) {
    assert_nothing_cut_but(screen, &[]);
}

#[test]
fn a_cut_line_is_caught_and_a_wrapped_one_is_not() {
    let wrapped = "\"│a long line that│\"\n\"│goes on here     │\"";
    assert_nothing_cut(wrapped);
    let cut = "\"│a long line that│\"\n\"│                 │\"";
    assert!(std::panic::catch_unwind(|| assert_nothing_cut(cut)).is_err());
    let edge = "\"hints that run off the edg\"";
    assert!(std::panic::catch_unwind(|| assert_nothing_cut(edge)).is_err());
    assert_nothing_cut("\"hints that stop before it  \"");
    assert_nothing_cut_but("\"left   stage 1 of 4\"", &["stage 1 of 4"]);
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

#[test]
fn brief_practice_feedback_and_summary_in_french() {
    let _fr = i18n::scoped("fr");
    let mut h = french_round();
    assert_eq!(h.screen_name(), "brief");
    let brief = h.draw(80, 24);
    assert!(
        brief.contains("Benoît, lisez ceci — Ana, détournez le regard."),
        "{brief}"
    );
    assert_nothing_cut(&brief);
    snapshot!("fr_brief_80x24", brief);
    h.press(KeyCode::Enter);
    assert_eq!(h.screen_name(), "practice");
    h.char(' ');
    h.wait(20);
    h.char('1');
    let practice = h.draw(80, 24);
    assert!(practice.contains("étape 1 sur 4"), "{practice}");
    assert!(practice.contains("Repères (1)"), "{practice}");
    assert_nothing_cut_but(&practice, &["étape 1 sur 4"]);
    snapshot!("fr_practice_80x24", practice);
    h.char('?');
    let help = h.draw(80, 24);
    assert!(help.contains("Touches : entraînement"), "{help}");
    assert_nothing_cut_but(&help, &["étape 1 sur 4"]);
    h.char('?');

    h.run_round();
    assert_eq!(h.screen_name(), "feedback");
    let feedback = h.draw(80, 24);
    assert!(feedback.contains("Débrief"), "{feedback}");
    assert!(feedback.contains("Qu'est-ce qui a marché ?"), "{feedback}");
    assert_nothing_cut_but(
        &feedback,
        &["débrief 5:00 restant", "parcourent le formulaire"],
    );
    snapshot!("fr_feedback_80x24", feedback);
    h.press(KeyCode::F(1));
    let help = h.draw(80, 24);
    assert!(help.contains("Touches : débrief"), "{help}");
    assert_nothing_cut_but(&help, &["débrief 5:00 restant"]);
    h.press(KeyCode::F(1));
    assert!(!h.draw(80, 24).contains("Touches : débrief"));
    h.type_text("la question du pourquoi");
    h.press(KeyCode::PageDown);
    h.tabs(3);
    h.char('4');
    h.save();
    assert_eq!(h.screen_name(), "summary");
    let summary = h.draw(80, 24);
    assert!(summary.contains("Tour enregistré"), "{summary}");
    assert!(summary.contains("Temps et parole par étape"), "{summary}");
    assert_nothing_cut(&summary);
    let saved = h.store.load_sessions();
    let summary = summary.replace(&saved.sessions[0].id, "[id]");
    snapshot!("fr_summary_80x24", summary);
}

#[test]
fn review_session_and_progress_in_french() {
    let _fr = i18n::scoped("fr");
    let mut h = french_round();
    h.past_brief();
    for i in 0..3 {
        h.run_round();
        h.type_text(&format!("tour {i} : de bonnes questions"));
        h.press(KeyCode::PageDown);
        h.tabs(3);
        h.char(char::from(b'2' + i));
        h.save();
        h.wait(3600);
        h.char('s'); // the next round, roles swapped
        h.past_brief();
    }
    h.press(KeyCode::Esc);
    h.char('y');
    assert_eq!(h.screen_name(), "home");
    let home = h.draw(80, 24);
    assert!(home.contains("Dernière séance : 25 nov. 2026"), "{home}");
    assert_nothing_cut(&home);

    h.char('v');
    let review = h.draw(80, 24);
    assert!(review.contains("Relecture · 3 sur 3 séances"), "{review}");
    assert_nothing_cut(&review);
    snapshot!("fr_review_80x24", review);

    h.press(KeyCode::Enter);
    assert_eq!(h.screen_name(), "session");
    let session = h.draw(80, 24);
    assert!(session.contains("Temps et parole par étape"), "{session}");
    assert_nothing_cut(&session);
    snapshot!("fr_session_80x24", session);

    h.char('q');
    h.char('q');
    h.char('p');
    assert_eq!(h.screen_name(), "progress");
    let progress = h.draw(80, 24);
    assert!(
        progress.contains("Progrès · ◀ tout le monde ▶ · 3 tours"),
        "{progress}"
    );
    assert_nothing_cut(&progress);
    snapshot!("fr_progress_80x24", progress);
}
