//! `tandem practice`: the command-line options checked against the deck and
//! the mode, turned into how the app should open.

use crate::cli::PracticeArgs;
use crate::deck::{Deck, DeckLibrary};
use crate::practice::{Mode, People};
use crate::tui::app::Start;
use crate::tui::screens::setup::clean_name;

/// Checks `tandem practice` options against the deck and the mode.
pub fn start(args: PracticeArgs, decks: &DeckLibrary) -> anyhow::Result<Start> {
    let deck = decks.resolve(&args.deck)?.deck;
    let mode = Mode::from(args.mode);
    let name = |n: Option<String>| clean_name(n.as_deref().unwrap_or_default());
    let drill_stage = match (mode, args.stage) {
        (Mode::Drill, None) => {
            anyhow::bail!("--mode drill needs --stage, one of: {}", stage_ids(&deck))
        }
        (Mode::Drill, Some(id)) if deck.stage(&id).is_none() => anyhow::bail!(
            "deck `{}` has no stage `{id}`; its stages are: {}",
            deck.id,
            stage_ids(&deck)
        ),
        (Mode::Drill, stage) => stage,
        (_, Some(id)) => anyhow::bail!(
            "--stage {id} only goes with --mode drill (one stage, round after round); \
             add --mode drill, or leave --stage out for a whole round"
        ),
        (_, None) => None,
    };
    anyhow::ensure!(
        args.observer.is_none() || mode == Mode::Triad,
        "--observer is for --mode triad"
    );
    anyhow::ensure!(
        args.fit.is_none() || mode != Mode::Drill,
        "--fit plans whole rounds; a drill runs one stage"
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
