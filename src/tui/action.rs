//! Everything a screen can ask the app to do.

use crate::deck::Deck;
use crate::practice::RoundSpec;
use crate::record::FeedbackDraft;

/// A user intent that reaches beyond the screen that saw the key.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Leave the app (in-progress state is kept).
    Quit,
    /// Back to the home screen.
    Home,
    /// Open setup for a new round; `replace` when the user agreed to
    /// discard the unfinished round.
    NewRound { replace: bool },
    /// Start a round with this plan: the partner's brief first, when
    /// there is one to read.
    Start(Box<RoundPlan>),
    /// The brief is read: start the round's clock now.
    Begin(Box<RoundPlan>),
    /// Resume the saved in-progress round.
    Resume,
    /// Start the drill home suggests; `replace` when the user agreed to
    /// discard the unfinished round.
    Drill {
        drill: crate::tui::screens::home::DrillSuggestion,
        replace: bool,
    },
    /// Start the round asked for on the command line, replacing the
    /// unfinished one (the user chose so).
    StartAsked,
    /// The round changed: write the in-progress state now.
    Checkpoint,
    /// Leave practice for home; the round stays resumable.
    Leave,
    /// The last stage is over: open the feedback form.
    Finish,
    /// Save the session with this feedback.
    Save(FeedbackDraft),
    /// Start the next round (of the plan, if any) with the roles rotated.
    SwapRoles,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Open the list of saved sessions.
    Review,
    /// Open the progress charts.
    Progress,
    /// Open one saved session, by id.
    OpenSession(String),
    /// Save a coach note on a session.
    SaveNote {
        session: String,
        author: String,
        text: String,
    },
}

/// What a new round needs.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundPlan {
    pub deck: Deck,
    pub spec: RoundSpec,
}
