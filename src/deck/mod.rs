//! Prompt decks: the stages, prompt cards, rubric, marks and personas that a
//! practice round is built from. Decks are TOML files (see `prompts/`).

mod load;
mod template;
mod validate;

pub use load::{DeckError, DeckLibrary, DeckSource, LoadedDeck, Located, load_file, parse_deck};
pub use template::template;

use serde::{Deserialize, Serialize};

use crate::text::strip_controls;

/// A complete deck as written in a `.toml` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    /// Unique id, `[a-z0-9-]+`.
    pub id: String,
    pub title: String,
    pub description: String,
    /// BCP 47 language tag of the content.
    #[serde(default = "default_language")]
    pub language: String,
    /// Bumped whenever the content changes; stored with each session.
    pub version: u32,
    /// Soft timer for the debrief after a round.
    #[serde(default = "default_debrief_minutes")]
    pub debrief_minutes: u32,
    pub stages: Vec<Stage>,
    /// Observer marks, bound to the digit keys 1–9 in this order.
    #[serde(default)]
    pub marks: Vec<MarkKind>,
    /// Partner personas; one is drawn at random for each round.
    #[serde(default)]
    pub personas: Vec<Persona>,
}

/// One timed stage of the conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub name: String,
    /// What the organizer is trying to achieve in this stage.
    pub goal: String,
    /// Planned length in whole minutes.
    pub minutes: u32,
    /// Prompt cards, shown one at a time.
    pub prompts: Vec<String>,
    #[serde(default)]
    pub tips: Vec<String>,
    /// Items rated 1–5 in the feedback form.
    pub rubric: Vec<String>,
}

/// A kind of observer mark ("asked why", "made the ask", …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkKind {
    pub label: String,
    /// The stage where this mark is expected, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
}

/// A character card the partner can play.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub name: String,
    pub summary: String,
    /// The value under their issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cares_about: Option<String>,
    /// What they could bring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<String>,
    /// What holds them back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reluctance: Option<String>,
}

fn default_language() -> String {
    "en".to_owned()
}

fn default_debrief_minutes() -> u32 {
    5
}

impl Deck {
    /// Total planned minutes over all stages.
    pub fn total_minutes(&self) -> u32 {
        self.stages.iter().map(|s| s.minutes).sum()
    }

    /// Strips control characters from every text a deck shows on screen.
    pub fn strip_controls(&mut self) {
        let clean = |s: &mut String| *s = strip_controls(s, false);
        let clean_opt = |s: &mut Option<String>| s.iter_mut().for_each(clean);
        clean(&mut self.title);
        clean(&mut self.description);
        for stage in &mut self.stages {
            clean(&mut stage.name);
            clean(&mut stage.goal);
            stage
                .prompts
                .iter_mut()
                .chain(&mut stage.tips)
                .chain(&mut stage.rubric)
                .for_each(clean);
        }
        for mark in &mut self.marks {
            clean(&mut mark.label);
        }
        for persona in &mut self.personas {
            clean(&mut persona.name);
            clean(&mut persona.summary);
            clean_opt(&mut persona.cares_about);
            clean_opt(&mut persona.resources);
            clean_opt(&mut persona.reluctance);
        }
    }

    /// The stage with this id, if the deck has one.
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }
}
