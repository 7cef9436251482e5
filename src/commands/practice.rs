//! `tandem practice`: the command-line options checked against the deck and
//! the mode, turned into how the app should open.

use crate::cli::PracticeArgs;
use crate::commands::print_err;
use crate::config::{DEFAULT_DECK, PracticeDefaults};
use crate::deck::{Deck, DeckLibrary};
use crate::i18n::words;
use crate::practice::{Mode, People};
use crate::tr;
use crate::tui::app::Start;
use crate::tui::screens::setup::clean_name;

/// Checks `tandem practice` options against the deck and the mode.
/// The deck asked for on the command line, else the config's (reported
/// and replaced by the built-in one when it cannot be loaded), else the
/// built-in one in the interface's language.
pub fn chosen_deck(
    explicit: Option<&str>,
    config: Option<&str>,
    decks: &DeckLibrary,
) -> anyhow::Result<Deck> {
    let default = decks.default_for(DEFAULT_DECK, &crate::i18n::language());
    let resolve = |id: &str| {
        decks
            .resolve(id)
            .map(|d| d.deck)
            .map_err(|err| anyhow::anyhow!(words::deck_error(&err)))
    };
    match (explicit, config) {
        (Some(id), _) => resolve(id),
        (None, Some(id)) => resolve(id).or_else(|err| {
            print_err(&tr!(
                "practice-config-deck-unused",
                error = err.to_string(),
                deck = default.as_str()
            ));
            resolve(&default)
        }),
        (None, None) => resolve(&default),
    }
}

/// The config's defaults fill in what the command line leaves out, only
/// where they fit: a flag that does not fit is an error, a config value
/// that does not fit is left out (and a config deck that cannot be loaded
/// is reported and replaced by the built-in one).
pub fn start(
    args: PracticeArgs,
    config: &PracticeDefaults,
    decks: &DeckLibrary,
) -> anyhow::Result<Start> {
    let deck = chosen_deck(args.deck.as_deref(), config.deck.as_deref(), decks)?;
    let mode = args
        .mode
        .map_or(config.mode.unwrap_or_default(), Mode::from);
    let drill = if args.mode.is_some() {
        "--mode drill".to_owned()
    } else {
        tr!("practice-config-drill")
    };
    let args = PracticeArgs {
        organizer: args.organizer.or_else(|| config.organizer.clone()),
        partner: args.partner.or_else(|| config.partner.clone()),
        observer: args
            .observer
            .or_else(|| config.observer.clone().filter(|_| mode == Mode::Triad)),
        fit: args.fit.or(config.fit.filter(|_| mode != Mode::Drill)),
        ..args
    };
    let name = |n: Option<String>| clean_name(n.as_deref().unwrap_or_default());
    let drill_stage = match (mode, args.stage) {
        (Mode::Drill, None) => {
            anyhow::bail!(tr!(
                "practice-drill-needs-stage",
                drill = drill,
                stages = stage_ids(&deck)
            ))
        }
        (Mode::Drill, Some(id)) if deck.stage(&id).is_none() => anyhow::bail!(tr!(
            "practice-no-such-stage",
            deck = deck.id.as_str(),
            stage = id,
            stages = stage_ids(&deck)
        )),
        (Mode::Drill, stage) => stage,
        (_, Some(id)) => anyhow::bail!(tr!("practice-stage-without-drill", stage = id)),
        (_, None) => None,
    };
    anyhow::ensure!(
        args.observer.is_none() || mode == Mode::Triad,
        tr!("practice-observer-needs-triad")
    );
    anyhow::ensure!(
        args.fit.is_none() || mode != Mode::Drill,
        tr!("practice-fit-not-for-drill")
    );
    Ok(Start::Practice {
        people: People {
            organizer: name(args.organizer),
            partner: if mode == Mode::Solo {
                String::new()
            } else {
                name(args.partner)
            },
            observer: (mode == Mode::Triad).then(|| name(args.observer)),
        },
        deck: Box::new(deck),
        mode,
        drill_stage,
        seed: args.seed,
        fit: args.fit,
    })
}

fn stage_ids(deck: &Deck) -> String {
    deck.stages
        .iter()
        .map(|s| s.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::ModeArg;

    fn opened(
        args: PracticeArgs,
        config: &PracticeDefaults,
    ) -> (String, Mode, People, Option<u32>) {
        match start(args, config, &DeckLibrary::load(None)).unwrap() {
            Start::Practice {
                deck,
                mode,
                people,
                fit,
                ..
            } => (deck.id, mode, people, fit),
            other => panic!("expected practice, got {other:?}"),
        }
    }

    fn config() -> PracticeDefaults {
        PracticeDefaults {
            deck: Some("quick-round".into()),
            mode: Some(Mode::Triad),
            organizer: Some("Ana".into()),
            partner: Some("Ben".into()),
            observer: Some("Chloé".into()),
            fit: Some(40),
        }
    }

    #[test]
    fn the_config_fills_in_what_the_command_line_leaves_out() {
        let (deck, mode, people, fit) = opened(PracticeArgs::default(), &config());
        assert_eq!(
            (deck.as_str(), mode, fit),
            ("quick-round", Mode::Triad, Some(40))
        );
        let trio = People {
            organizer: "Ana".into(),
            partner: "Ben".into(),
            observer: Some("Chloé".into()),
        };
        assert_eq!(people, trio);
        let (deck, mode, people, fit) =
            opened(PracticeArgs::default(), &PracticeDefaults::default());
        assert_eq!((deck.as_str(), mode, fit), (DEFAULT_DECK, Mode::Pair, None));
        assert_eq!(people, People::pair("", ""));
    }

    #[test]
    fn flags_win_and_config_values_that_do_not_fit_the_mode_are_left_out() {
        let args = PracticeArgs {
            deck: Some("deep-canvass".into()),
            organizer: Some("Dee".into()),
            mode: Some(ModeArg::Pair),
            ..PracticeArgs::default()
        };
        let (deck, mode, people, fit) = opened(args, &config());
        assert_eq!(
            (deck.as_str(), mode, fit),
            ("deep-canvass", Mode::Pair, Some(40))
        );
        assert_eq!(people, People::pair("Dee", "Ben"));
        let drill = PracticeArgs {
            mode: Some(ModeArg::Drill),
            stage: Some("purpose".into()),
            ..PracticeArgs::default()
        };
        let (_, mode, _, fit) = opened(drill, &config());
        assert_eq!((mode, fit), (Mode::Drill, None));
    }

    #[test]
    fn a_config_deck_that_cannot_be_loaded_falls_back_but_a_flag_is_an_error() {
        let config = PracticeDefaults {
            deck: Some("no-such-deck".into()),
            ..PracticeDefaults::default()
        };
        assert_eq!(opened(PracticeArgs::default(), &config).0, DEFAULT_DECK);
        let args = PracticeArgs {
            deck: Some("no-such-deck".into()),
            ..PracticeArgs::default()
        };
        assert!(start(args, &PracticeDefaults::default(), &DeckLibrary::load(None)).is_err());
        let drill = PracticeDefaults {
            mode: Some(Mode::Drill),
            ..PracticeDefaults::default()
        };
        let err = start(PracticeArgs::default(), &drill, &DeckLibrary::load(None)).unwrap_err();
        assert!(err.to_string().starts_with("the config's mode"), "{err}");
    }
}
