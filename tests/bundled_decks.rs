//! Rules that hold across all bundled decks together, which `decks check`
//! (one file at a time) cannot see. Each rule is a function from decks to
//! the problems it finds; the bundled decks must give none, and a small bad
//! input shows that each rule can fail.

use std::collections::{BTreeMap, HashMap};

use tandem::deck::{Deck, DeckLibrary, MarkKind, Persona, Stage};
use tandem::record::fit;

/// The stage ids of the relational 1:1 (LCN/NOI): their talk bands have
/// defaults, and every deck that uses them is a 1:1 of the same family.
const CANONICAL: [&str; 4] = ["purpose", "exploration", "exchange", "commitment"];

/// A pair does one round each in a 30-minute breakout.
const BREAKOUT_MINUTES: u32 = 30;
const PAIR_ROUNDS: u32 = 2;

fn bundled() -> Vec<Deck> {
    let library = DeckLibrary::load(None);
    assert!(library.broken.is_empty(), "{:?}", library.broken);
    library.decks().iter().map(|d| d.deck.clone()).collect()
}

/// Rule: **a stage id belongs to one skill family.** Progress and stats
/// average ratings by stage id, so the same id in decks of two families
/// would average two different skills. A stage id may therefore appear in
/// several decks only when they all have the same family (`skill`, or the
/// deck id when there is none). This holds for the canonical ids too:
/// purpose / exploration / exchange / commitment belong to the one family
/// whose decks are the four-stage relational 1:1, and a deck whose stages
/// mean something else (deep canvassing's rating, a coach's diagnosis, a
/// story) takes ids of its own. Decks of one family also have the same
/// stage ids in the same order, so a family's rounds line up stage by
/// stage.
fn stage_id_problems(decks: &[Deck]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut owner: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    let mut family_stages: BTreeMap<&str, (&str, Vec<&str>)> = BTreeMap::new();
    for deck in decks {
        let family = deck.family();
        for stage in &deck.stages {
            match owner.get(stage.id.as_str()) {
                Some(&(other_family, other_deck)) if other_family != family => {
                    problems.push(format!(
                        "stage id `{}` is in {} (family {family}) and in {other_deck} (family {other_family}); \
                         a stage id belongs to one skill family",
                        stage.id, deck.id
                    ));
                }
                Some(_) => {}
                None => {
                    owner.insert(&stage.id, (family, &deck.id));
                }
            }
        }
        let ids: Vec<&str> = deck.stages.iter().map(|s| s.id.as_str()).collect();
        match family_stages.get(family) {
            Some((first, first_ids)) if *first_ids != ids => problems.push(format!(
                "{} and {first} share the family {family} but not the stages: {ids:?} against {first_ids:?}",
                deck.id
            )),
            Some(_) => {}
            None => {
                family_stages.insert(family, (&deck.id, ids));
            }
        }
    }
    problems
}

/// Rule: every persona name is used once across all decks, so a trainee
/// who meets "Rosa" knows which card they are playing.
fn persona_name_problems(decks: &[Deck]) -> Vec<String> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut problems = Vec::new();
    for deck in decks {
        for persona in &deck.personas {
            let key = normalize(&persona.name);
            match seen.get(&key) {
                Some(other) => problems.push(format!(
                    "persona {} is in {} and in {other}",
                    persona.name, deck.id
                )),
                None => {
                    seen.insert(key, &deck.id);
                }
            }
        }
    }
    problems
}

/// Lower case, punctuation dropped, runs of spaces as one: "word for word"
/// whatever the case, spacing or commas.
fn normalize(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Rule: no prompt card is repeated word for word (case, spacing and
/// punctuation aside) in two decks; each deck speaks for its own
/// situation.
fn repeated_prompt_problems(decks: &[Deck]) -> Vec<String> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut problems = Vec::new();
    for deck in decks {
        let mut own = std::collections::HashSet::new();
        for prompt in deck.stages.iter().flat_map(|s| &s.prompts) {
            let key = normalize(prompt);
            if !own.insert(key.clone()) {
                continue;
            }
            match seen.get(&key) {
                Some(other) => problems.push(format!(
                    "prompt \"{prompt}\" is in {} and in {other}",
                    deck.id
                )),
                None => {
                    seen.insert(key, &deck.id);
                }
            }
        }
    }
    problems
}

/// Rule: every persona has play notes (how guarded to start, which story
/// to give up and when, which ask they would accept, how they say maybe),
/// and its public summary does not give away the private part: no run of
/// five words from cares_about, resources, reluctance or play appears in
/// the summary.
fn persona_problems(decks: &[Deck]) -> Vec<String> {
    let mut problems = Vec::new();
    for deck in decks {
        for persona in &deck.personas {
            if persona.play.as_deref().is_none_or(|p| p.trim().is_empty()) {
                problems.push(format!(
                    "{}: persona {} has no play notes",
                    deck.id, persona.name
                ));
            }
            let summary = normalize(&persona.summary);
            for (label, text) in persona.private_rows() {
                let words: Vec<String> = normalize(text).split(' ').map(str::to_owned).collect();
                if let Some(run) = words
                    .windows(5)
                    .map(|w| w.join(" "))
                    .find(|run| summary.contains(run.as_str()))
                {
                    problems.push(format!(
                        "{}: the public summary of {} gives away \"{run}\" ({label})",
                        deck.id, persona.name
                    ));
                }
            }
        }
    }
    problems
}

/// Rule: a pair can do two rounds with debriefs in a 30-minute breakout
/// (`--fit 30m`): each round gets 15 minutes, the debrief comes out of
/// it and every stage keeps at least a minute, so debrief_minutes plus the
/// number of stages is at most 15.
fn timing_problems(decks: &[Deck]) -> Vec<String> {
    let slot = BREAKOUT_MINUTES / PAIR_ROUNDS;
    let mut problems = Vec::new();
    for deck in decks {
        let stages = u32::try_from(deck.stages.len()).unwrap();
        if deck.debrief_minutes + stages > slot {
            problems.push(format!(
                "{}: a {}-minute debrief and {stages} stages do not fit a {slot}-minute round",
                deck.id, deck.debrief_minutes
            ));
            continue;
        }
        let minutes: Vec<u32> = deck.stages.iter().map(|s| s.minutes).collect();
        match fit(
            &minutes,
            deck.debrief_minutes,
            PAIR_ROUNDS,
            BREAKOUT_MINUTES,
        ) {
            Ok(plan) if plan.total_minutes() <= BREAKOUT_MINUTES => {}
            Ok(plan) => problems.push(format!(
                "{}: the plan {} overruns",
                deck.id,
                tandem::i18n::words::fit_plan(&plan)
            )),
            Err(err) => problems.push(format!("{}: {err}", deck.id)),
        }
    }
    problems
}

/// Rule: a stage with its own id (not one of the canonical four, whose
/// bands have defaults) says what share of the talk the organizer should
/// have; the catch-all default fits few stages.
fn talk_band_problems(decks: &[Deck]) -> Vec<String> {
    decks
        .iter()
        .flat_map(|deck| {
            deck.stages
                .iter()
                .filter(|s| !CANONICAL.contains(&s.id.as_str()) && s.talk.is_none())
                .map(move |s| format!("{}: stage {} has no talk band", deck.id, s.id))
        })
        .collect()
}

/// The longest mark label that fits its column of the marks panel at 80
/// columns (three marks a row, with the key and the count).
const MAX_MARK_CHARS: usize = 21;

/// Rule: a mark label fits the marks panel of an 80×24 terminal, so the
/// observer can read every key without it being cut off.
fn mark_label_problems(decks: &[Deck]) -> Vec<String> {
    decks
        .iter()
        .flat_map(|deck| {
            deck.marks
                .iter()
                .filter(|m| m.label.chars().count() > MAX_MARK_CHARS)
                .map(move |m| format!("{}: mark \"{}\" is too long", deck.id, m.label))
        })
        .collect()
}

fn assert_none(what: &str, problems: Vec<String>) {
    assert!(problems.is_empty(), "{what}:\n{}", problems.join("\n"));
}

#[test]
fn stage_ids_belong_to_one_skill_family() {
    assert_none("stage ids", stage_id_problems(&bundled()));
}

#[test]
fn persona_names_are_unique_across_decks() {
    assert_none("persona names", persona_name_problems(&bundled()));
}

#[test]
fn no_prompt_card_is_repeated_in_two_decks() {
    assert_none("repeated prompts", repeated_prompt_problems(&bundled()));
}

#[test]
fn every_persona_has_play_notes_and_a_public_safe_summary() {
    assert_none("personas", persona_problems(&bundled()));
}

#[test]
fn every_deck_fits_two_rounds_in_thirty_minutes() {
    assert_none("timing", timing_problems(&bundled()));
}

#[test]
fn stages_with_their_own_ids_have_a_talk_band() {
    assert_none("talk bands", talk_band_problems(&bundled()));
}

#[test]
fn mark_labels_fit_the_marks_panel() {
    assert_none("mark labels", mark_label_problems(&bundled()));
}

#[test]
fn every_deck_has_a_skill_family() {
    let missing: Vec<String> = bundled()
        .into_iter()
        .filter(|d| d.skill.is_none())
        .map(|d| d.id)
        .collect();
    assert!(missing.is_empty(), "no `skill`: {missing:?}");
}

// Each rule fails on a small bad input.

fn stage(id: &str, minutes: u32, prompts: &[&str]) -> Stage {
    Stage {
        id: id.into(),
        name: id.into(),
        goal: "A goal.".into(),
        minutes,
        talk: None,
        prompts: prompts.iter().map(|p| (*p).to_owned()).collect(),
        tips: Vec::new(),
        rubric: vec!["a check".into()],
    }
}

fn deck(id: &str, skill: Option<&str>, stages: Vec<Stage>) -> Deck {
    Deck {
        id: id.into(),
        title: id.into(),
        description: "A deck for tests.".into(),
        language: "en".into(),
        version: 1,
        skill: skill.map(str::to_owned),
        debrief_minutes: 5,
        stages,
        marks: Vec::new(),
        personas: Vec::new(),
        scales: Vec::new(),
    }
}

fn persona(name: &str, summary: &str, play: Option<&str>) -> Persona {
    Persona {
        name: name.into(),
        summary: summary.into(),
        cares_about: Some("Her grandchildren growing up warm and safe.".into()),
        play: play.map(str::to_owned),
        ..Persona::default()
    }
}

fn one_on_one(id: &str, skill: &str) -> Deck {
    deck(
        id,
        Some(skill),
        CANONICAL.iter().map(|s| stage(s, 3, &["Hello?"])).collect(),
    )
}

#[test]
fn the_stage_id_rule_catches_a_coaching_deck_reusing_exchange() {
    // The old coaching-conversation: the 1:1's ids for its own stages.
    let relational = one_on_one("relational-1on1", "relational-1on1");
    let mut coaching = one_on_one("coaching-conversation", "coaching");
    let problems = stage_id_problems(&[relational.clone(), coaching.clone()]);
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems[2].contains("stage id `exchange`"), "{problems:?}");
    // Without a skill, the deck is its own family: still caught.
    coaching.skill = None;
    assert_eq!(stage_id_problems(&[relational.clone(), coaching]).len(), 4);
    // Same family, same stages: fine. Same family, other stages: caught.
    let quick = one_on_one("quick-round", "relational-1on1");
    assert!(stage_id_problems(&[relational.clone(), quick.clone()]).is_empty());
    let mut short = quick;
    short.stages.pop();
    let problems = stage_id_problems(&[relational, short]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("share the family"), "{problems:?}");
    // A non-canonical id in two families is caught too.
    let a = deck("story-a", Some("a"), vec![stage("story", 2, &["x"])]);
    let b = deck("story-b", Some("b"), vec![stage("story", 2, &["y"])]);
    assert_eq!(stage_id_problems(&[a, b]).len(), 1);
}

#[test]
fn the_persona_name_rule_catches_a_name_in_two_decks() {
    let mut a = one_on_one("a", "a");
    a.personas = vec![persona("Tomás Herrera", "52, a bus driver.", Some("x"))];
    let mut b = one_on_one("b", "b");
    b.personas = vec![persona("tomás  herrera", "45, an order picker.", Some("y"))];
    let problems = persona_name_problems(&[a.clone(), b]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(persona_name_problems(&[a]).is_empty());
}

#[test]
fn the_prompt_rule_catches_a_card_in_two_decks_whatever_the_case_and_spacing() {
    let a = deck(
        "a",
        None,
        vec![stage("one", 2, &["We both care about ___.", "Once."])],
    );
    let b = deck(
        "b",
        None,
        vec![stage("two", 2, &["  we BOTH care   about ___ ", "Twice."])],
    );
    let problems = repeated_prompt_problems(&[a.clone(), b]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    // The same card twice in one deck is not this rule's business.
    let twice = deck("c", None, vec![stage("one", 2, &["Hi.", "hi"])]);
    assert!(repeated_prompt_problems(&[a, twice]).is_empty());
}

#[test]
fn the_persona_rule_catches_missing_play_and_a_summary_that_gives_it_away() {
    let mut a = one_on_one("a", "a");
    a.personas = vec![
        persona("No Play", "58, a tenant.", None),
        persona("Blank Play", "58, a tenant.", Some("  ")),
        persona(
            "Leaky",
            "58, a tenant: her grandchildren growing up warm and safe matter most.",
            Some("Guarded."),
        ),
        persona(
            "Fine",
            "58, a tenant with broken heat.",
            Some("Guarded at first."),
        ),
    ];
    let problems = persona_problems(&[a]);
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[2].contains("Leaky") && problems[2].contains("Cares about"));
}

#[test]
fn the_timing_rule_catches_a_deck_that_cannot_fit_two_rounds() {
    let stages = |n: usize| (0..n).map(|i| stage(&format!("s{i}"), 3, &["x"])).collect();
    let mut fits = deck("fits", None, stages(10));
    fits.debrief_minutes = 5;
    assert!(timing_problems(&[fits]).is_empty());
    let mut long_debrief = deck("long-debrief", None, stages(4));
    long_debrief.debrief_minutes = 12;
    let mut many_stages = deck("many-stages", None, stages(11));
    many_stages.debrief_minutes = 5;
    let problems = timing_problems(&[long_debrief, many_stages]);
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[test]
fn the_mark_rule_catches_a_label_that_would_be_cut_off() {
    let mut a = deck("a", None, vec![stage("one", 2, &["x"])]);
    a.marks = vec![
        MarkKind {
            label: "voter took the other's view".into(),
            stage: None,
        },
        MarkKind {
            label: "re-rated".into(),
            stage: None,
        },
    ];
    assert_eq!(mark_label_problems(&[a]).len(), 1);
}

#[test]
fn the_talk_band_rule_catches_an_own_stage_without_a_band() {
    let mut a = deck(
        "a",
        None,
        vec![stage("purpose", 2, &["x"]), stage("open", 2, &["y"])],
    );
    assert_eq!(talk_band_problems(std::slice::from_ref(&a)).len(), 1);
    a.stages[1].talk = Some([40, 70]);
    assert!(talk_band_problems(&[a]).is_empty());
}
