//! Prompt decks: the stages, prompt cards, rubric, marks and personas that a
//! practice round is built from. Decks are TOML files (see `prompts/`).

mod load;
mod talk;
mod template;
mod validate;

pub use load::{
    DeckError, DeckLibrary, DeckSource, LoadedDeck, Located, MAX_DECK_BYTES, load_file, locate,
    parse_deck, suggest,
};
pub use talk::{TalkBand, TalkVerdict};
pub use template::template;
pub use validate::is_language_tag;

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
    /// Decks of the same skill family are compared in progress; a deck
    /// without one is compared only with itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill: Option<String>,
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
    /// Numbers asked during the round (e.g. a 0–10 support rating).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<Scale>,
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
    /// The organizer's talk band in percent; see [`Stage::talk_band`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub talk: Option<[u8; 2]>,
    /// Prompt cards, shown one at a time.
    pub prompts: Vec<String>,
    #[serde(default)]
    pub tips: Vec<String>,
    /// Observed / not-observed checks, ticked once per round.
    pub rubric: Vec<String>,
}

impl Stage {
    /// The organizer's talk band for this stage: the deck's, or the
    /// default for a stage of this id.
    pub fn talk_band(&self) -> TalkBand {
        self.talk
            .map(TalkBand::from_percent)
            .unwrap_or_else(|| TalkBand::default_for(&self.id))
    }
}

/// A number asked during the round, e.g. deep canvassing's "0 to 10, how
/// much do you support …?", asked at the open and again at the close.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub id: String,
    pub label: String,
    pub min: i32,
    pub max: i32,
    /// Ids of the stages where it is asked, in order.
    pub at: Vec<String>,
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

/// A character card the partner can play. The name and summary are
/// public (the organizer may know them); the rest is the partner's private
/// brief, which the organizer has to discover.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
    /// How to play them: how guarded to start, which story to give up and
    /// when, which ask they would accept, how they say "maybe".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub play: Option<String>,
}

/// A field of a persona's private part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrivateField {
    CaresAbout,
    Resources,
    Reluctance,
    Play,
}

impl PrivateField {
    /// The field's English name, as files and exports write it.
    pub fn label(self) -> &'static str {
        match self {
            PrivateField::CaresAbout => "Cares about",
            PrivateField::Resources => "Could bring",
            PrivateField::Reluctance => "Holds back",
            PrivateField::Play => "How to play",
        }
    }
}

impl Persona {
    /// The private part as (field, text) rows, in the order a brief shows
    /// them; empty fields are left out.
    pub fn private_fields(&self) -> Vec<(PrivateField, &str)> {
        [
            (PrivateField::CaresAbout, &self.cares_about),
            (PrivateField::Resources, &self.resources),
            (PrivateField::Reluctance, &self.reluctance),
            (PrivateField::Play, &self.play),
        ]
        .into_iter()
        .filter_map(|(field, text)| Some((field, text.as_deref()?)))
        .filter(|(_, text)| !text.trim().is_empty())
        .collect()
    }

    /// [`Persona::private_fields`] with English labels.
    pub fn private_rows(&self) -> Vec<(&'static str, &str)> {
        self.private_fields()
            .into_iter()
            .map(|(field, text)| (field.label(), text))
            .collect()
    }

    /// Strips control characters from every field.
    pub fn strip_controls(&mut self) {
        let clean = |s: &mut String| *s = strip_controls(s, false);
        clean(&mut self.name);
        clean(&mut self.summary);
        for text in [
            &mut self.cares_about,
            &mut self.resources,
            &mut self.reluctance,
            &mut self.play,
        ] {
            text.iter_mut().for_each(clean);
        }
    }
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
        self.personas.iter_mut().for_each(Persona::strip_controls);
        for scale in &mut self.scales {
            clean(&mut scale.label);
        }
    }

    /// The stage with this id, if the deck has one.
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// The family this deck's rounds are compared within: its `skill`, or
    /// its own id.
    pub fn family(&self) -> &str {
        self.skill.as_deref().unwrap_or(&self.id)
    }

    /// The scales asked at this stage.
    pub fn scales_at<'a>(&'a self, stage: &'a str) -> impl Iterator<Item = &'a Scale> + 'a {
        self.scales
            .iter()
            .filter(move |scale| scale.at.iter().any(|s| s == stage))
    }
}
