//! The round the app is running, from its first stage to its save: one
//! place that owns it, which the practice and feedback screens borrow.

use crate::deck::{Deck, Persona};
use crate::practice::{Mode, Moment, Practice};
use crate::record::Role;
use crate::store::RoundLock;

/// Who looks at a screen: everyone at one terminal (a local round), or one
/// participant at a terminal of their own (a room of `tandem serve`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Viewer {
    /// The round's people share this terminal.
    #[default]
    Everyone,
    /// Only this participant sees the screen.
    Only(Role),
}

/// A round in progress and what belongs to it.
#[derive(Debug)]
pub struct ActiveRound {
    pub deck: Deck,
    pub practice: Practice,
    /// The organizer's "one thing to change" from their last round.
    pub last_change: Option<String>,
    /// Held while a local round runs, so a second tandem on the same data
    /// dir cannot overwrite it; a served room's round has no lock, as its
    /// in-progress file is the room's own.
    pub lock: Option<RoundLock>,
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
    /// practises alone, and the partner and the observer at a terminal of
    /// their own play or watch it.
    pub fn private_is_open(&self, viewer: Viewer) -> bool {
        match viewer {
            Viewer::Everyone => {
                matches!(self.practice.mode, Mode::Solo | Mode::Drill)
                    && self.practice.people.partner.is_empty()
            }
            Viewer::Only(role) => role != Role::Organizer,
        }
    }

    /// Whether `viewer` may ever see the persona's private part: everyone
    /// but an organizer at a terminal of their own.
    pub fn private_is_allowed(&self, viewer: Viewer) -> bool {
        viewer != Viewer::Only(Role::Organizer)
    }
}
