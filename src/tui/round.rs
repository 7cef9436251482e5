//! The round the app is running, from its first stage to its save: one
//! place that owns it, which the practice and feedback screens borrow.

use crate::deck::{Deck, Persona};
use crate::practice::{Mode, Moment, Practice};
use crate::store::RoundLock;

/// A round in progress and what belongs to it.
#[derive(Debug)]
pub struct ActiveRound {
    pub deck: Deck,
    pub practice: Practice,
    /// The organizer's "one thing to change" from their last round.
    pub last_change: Option<String>,
    /// Held while the round runs, so a second tandem on the same data dir
    /// cannot overwrite it.
    pub lock: RoundLock,
    /// When the round was last written to the in-progress file.
    pub last_checkpoint: Moment,
}

impl ActiveRound {
    /// The persona the partner plays, if one was drawn.
    pub fn persona(&self) -> Option<&Persona> {
        self.practice
            .persona
            .and_then(|i| self.deck.personas.get(i))
    }

    /// Whether whoever sits at this screen may see the persona's private
    /// part without asking: nobody is there to keep it from when someone
    /// practises alone.
    pub fn private_is_open(&self) -> bool {
        matches!(self.practice.mode, Mode::Solo | Mode::Drill)
            && self.practice.people.partner.is_empty()
    }
}
