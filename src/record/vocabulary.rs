//! The words a round is described in: who took part, in which mode, in
//! which role, the marks made and the answers given. Both the practice
//! state machine and the saved records speak them.

use serde::{Deserialize, Serialize};

/// Who takes part in a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct People {
    pub organizer: String,
    /// Empty when someone practises alone.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub partner: String,
    /// Only in a triad.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observer: Option<String>,
}

impl People {
    /// An organizer and a partner, without an observer.
    pub fn pair(organizer: &str, partner: &str) -> People {
        People {
            organizer: organizer.to_owned(),
            partner: partner.to_owned(),
            observer: None,
        }
    }

    /// "Ana (organizer) with Ben (partner), Cy observing", or "Ana, alone".
    pub fn describe_roles(&self) -> String {
        match (self.partner.is_empty(), &self.observer) {
            (true, _) => format!("{}, alone", self.organizer),
            (false, None) => format!(
                "{} (organizer) with {} (partner)",
                self.organizer, self.partner
            ),
            (false, Some(observer)) => format!(
                "{} (organizer) with {} (partner), {observer} observing",
                self.organizer, self.partner
            ),
        }
    }
}

/// How a round is practised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// An organizer and a partner.
    #[default]
    Pair,
    /// A pair plus an observer who keeps the marks and the talk meter.
    Triad,
    /// One person rehearsing aloud with the prompts and the timer.
    Solo,
    /// One stage only, round after round, for the weakest skill.
    Drill,
}

impl Mode {
    /// Every mode, in the order the setup screen offers them.
    pub const ALL: [Mode; 4] = [Mode::Pair, Mode::Triad, Mode::Solo, Mode::Drill];

    pub fn label(self) -> &'static str {
        match self {
            Mode::Pair => "pair",
            Mode::Triad => "triad",
            Mode::Solo => "solo",
            Mode::Drill => "drill",
        }
    }

    /// Whether this mode has a partner (a drill may, or may not).
    pub fn needs_partner(self) -> bool {
        matches!(self, Mode::Pair | Mode::Triad)
    }

    /// How many people organize once in a fitted breakout: everyone in a
    /// pair or triad, the one person otherwise.
    pub fn participants(self) -> u32 {
        match self {
            Mode::Pair => 2,
            Mode::Triad => 3,
            Mode::Solo | Mode::Drill => 1,
        }
    }
}

/// The part someone played in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Organizer,
    Partner,
    Observer,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Organizer => "organizer",
            Role::Partner => "partner",
            Role::Observer => "observer",
        }
    }
}

/// An answer to an ask: trainers teach that "maybe" is not a yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    Yes,
    Maybe,
    No,
}

impl Answer {
    /// Every answer, in the order a form offers them.
    pub const ALL: [Answer; 3] = [Answer::Yes, Answer::Maybe, Answer::No];

    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::Maybe => "maybe",
            Answer::No => "no",
        }
    }
}

/// A mark added with a digit key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    /// 0-based index into the deck's marks (key `1` is kind 0).
    pub kind: usize,
    pub label: String,
    /// Id of the stage the mark was made in.
    pub stage: String,
    /// Running time since the round began.
    pub at_secs: u64,
    /// Running time since the stage began.
    pub stage_secs: u64,
}
