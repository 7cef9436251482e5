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
debrief_minutes = 5         # soft timer for the debrief after a round

# One [[stages]] per timed stage, in order. Each needs an id (unique), a
# name, a goal, whole minutes (1-120), prompt cards (at least one), optional
# tips, and 1-5 rubric items that are rated 1-5 after the round.
[[stages]]
id = "purpose"
name = "Purpose"
goal = "Say who you are, who sent you, and why this person, now."
minutes = 3
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

# Optional personas; one is drawn for the partner. Only name and summary
# are required.
[[personas]]
name = "Sam"
summary = "A neighbour worried about rents going up on their street."
cares_about = "Staying near family."
resources = "Knows everyone in the building."
reluctance = "Has never been to a meeting."
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
    }
}
