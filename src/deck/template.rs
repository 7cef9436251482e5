//! The commented starting point written by `tandem decks new ID`.

/// A complete, valid deck with comments explaining every key.
pub fn template(id: &str) -> String {
    TEMPLATE.replace("{ID}", id)
}

const TEMPLATE: &str = r#"# A tandem deck. Check it with `tandem decks check {ID}.toml`, then put it
# in tandem's config dir under decks/ (or pass --deck {ID}.toml).

id = "{ID}"                 # a-z, 0-9 and -; a bundled deck with this id is replaced
title = "My practice deck"
description = "One sentence on what this deck is for."
language = "en"             # BCP 47 tag, e.g. "en", "fr", "es-MX"
version = 1                 # bump when you change the content
skill = "{ID}"              # optional: decks of one skill family are compared in progress
debrief_minutes = 5         # soft timer for the debrief after a round

# One [[stages]] per timed stage, in order. Each needs an id (unique), a
# name, a goal (also the anchor of the stage's 1-5 rating in the debrief),
# whole minutes (1-120), prompt cards (at least one), optional tips, and
# 1-5 rubric items, ticked once per round as observed or not. `talk` is
# the organizer's share of the talk in percent; without it, purpose is
# [55, 85], exploration [15, 35], exchange [40, 65], commitment [35, 65]
# and any other stage [25, 50].
[[stages]]
id = "purpose"
name = "Purpose"
goal = "Say who you are, who sent you, and why this person, now."
minutes = 3
talk = [55, 85]
prompts = [
  "Thanks for making the time. ___ suggested I talk with you.",
  "I'm meeting people one at a time because ___ is coming up.",
]
tips = ["Keep it short, then hand the conversation over."]
rubric = ["clear why you, why now", "credential stated"]

[[stages]]
id = "exploration"
name = "Exploration"
goal = "Learn what they care about, and why, through their stories."
minutes = 15
prompts = [
  "What's been on your mind lately about ___? Why does it matter to you?",
  "Can you tell me about a time this hit home for you?",
]
tips = ["After each 'what', ask 'why'.", "Listen far more than you talk."]
rubric = ["one thread followed deep", "a story surfaced"]

[[stages]]
id = "exchange"
name = "Exchange"
goal = "Share your own story and connect it to what they care about."
minutes = 7
prompts = ["What brought me to this work was ___."]
tips = ["One short story: the challenge, your choice, the outcome."]
rubric = ["own story told briefly", "linked to their values"]

[[stages]]
id = "commitment"
name = "Commitment"
goal = "Agree on a concrete next step with a date."
minutes = 5
prompts = ["Will you come to ___ on ___ at ___?"]
tips = ["A maybe is a no for now: go back to what they care about."]
rubric = ["specific ask: what and when", "follow-up date set"]

# Up to 9 marks, bound to the keys 1-9 in this order. `stage` is optional
# and must name a stage above.
[[marks]]
label = "asked why"
stage = "exploration"

[[marks]]
label = "made the ask"
stage = "commitment"

# Optional numbers asked during the round, e.g. a 0-10 rating at the start
# and again at the end; the summary shows the shift. `at` names stages.
# [[scales]]
# id = "support"
# label = "On a scale of 0 to 10, how much do you support ___?"
# min = 0
# max = 10
# at = ["purpose", "commitment"]

# Optional personas; one is drawn for the partner. The name and summary
# are public (the organizer sees them); the rest is the partner's private
# brief, shown to the partner before the round: what they care about,
# what they could bring, what holds them back, and how to play them.
[[personas]]
name = "Sam"
summary = "A neighbour worried about rents going up on their street."
cares_about = "Staying near family."
resources = "Knows everyone in the building."
reluctance = "Has never been to a meeting."
play = "Polite but brief at first. Talk about the rent, not the family, until asked why twice. Say yes to a second coffee, maybe to a meeting."
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    #[test]
    fn the_template_is_a_valid_deck_with_the_given_id() {
        let deck = parse_deck(&template("my-deck"), "my-deck.toml").unwrap();
        assert_eq!(deck.id, "my-deck");
        assert_eq!(deck.stages.len(), 4);
        assert_eq!(deck.marks.len(), 2);
        assert_eq!(deck.skill.as_deref(), Some("my-deck"));
        assert!(deck.personas[0].play.is_some());
        assert_eq!(deck.stages[0].talk, Some([55, 85]));
    }
}
