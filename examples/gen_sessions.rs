//! Writes COUNT realistic practice sessions into the data dir DIR, for
//! demos, tests and benchmarks:
//!
//! ```text
//! cargo run --release --example gen_sessions -- COUNT DIR [--seed S]
//! ```
//!
//! Every round is played through the real practice state machine
//! ([`Practice`]) and saved with [`Store::save_session`], so the files are
//! exactly what the app writes. The output depends only on COUNT and the
//! seed (default 1): same arguments, byte-identical files.
//!
//! What makes the history look real: 6–12 people who join, pause and
//! leave at different times over 26 weeks, rounds at evening, lunchtime
//! and weekend hours, every bundled deck (mostly the full 1:1 and the quick
//! round), every mode, stages that run over when someone is new, a talk
//! share that falls from about two thirds towards a third, more "why"
//! marks and fewer interruptions with practice, and ratings that rise per
//! person, with self-ratings apart from what partners and observers see.
//!
//! Benchmarks include this file with `#[path]` to reuse [`generate`].

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use tandem::deck::{Deck, DeckLibrary};
use tandem::practice::{Mode, Moment, People, Practice, RoundSpec};
use tandem::record::{
    Answer, Check, Commitment, Feedback, ParticipantFeedback, Rating, Role, SessionRecord,
};
use tandem::store::Store;

/// Length of the generated history.
const WEEKS: u32 = 26;

/// Where the history starts (a Monday); fixed, so the output never depends
/// on the day it is generated.
fn first_monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 25).expect("a valid date")
}

/// The pool people are drawn from; the first two are always in.
const NAMES: &[&str] = &[
    "Chloé Dubois",
    "王芳",
    "Ana Souza",
    "Ben Okafor",
    "Dmitri Volkov",
    "Fatima Haddad",
    "Grace Kim",
    "Hamid Rahimi",
    "Inés Navarro",
    "Jamal Carter",
    "Kofi Mensah",
    "Lena Fischer",
    "Marisol Vega",
    "Tom O'Brien",
];

/// Decks and how often a round uses them; the French deck mostly goes to
/// French speakers (see [`Person::francophone`]).
const DECK_WEIGHTS: &[(&str, f64)] = &[
    ("relational-1on1", 36.0),
    ("quick-round", 28.0),
    ("volunteer-recruitment", 8.0),
    ("workplace-1on1", 8.0),
    ("deep-canvass", 7.0),
    ("coaching-conversation", 6.0),
    ("relational-1on1-fr", 2.0),
    ("campaign-volunteer", 5.0),
    ("trust-across-disagreement", 4.0),
    ("story-of-self", 3.0),
    ("story-of-us", 2.0),
    ("story-of-now", 2.0),
];

const MODE_WEIGHTS: [(Mode, f64); 4] = [
    (Mode::Pair, 58.0),
    (Mode::Triad, 17.0),
    (Mode::Solo, 10.0),
    (Mode::Drill, 15.0),
];

const WHAT_WORKED: &[&str] = &[
    "Kept the purpose short and said why this person.",
    "Asked why twice and a real story came out.",
    "Followed one thread three levels deep.",
    "Let the silences sit instead of filling them.",
    "The story of self was short and linked to theirs.",
    "A specific ask, with a day and a time.",
    "Did not pitch, even when pushed back.",
    "Reflected feelings back before moving on.",
    "Found out what they could bring.",
    "The credential landed: said who sent them.",
    "Named the value under the issue.",
    "Warm opening, and the ask was flagged up front.",
];

const TO_IMPROVE: &[&str] = &[
    "Talked too much in exploration.",
    "Too many questions, not enough depth.",
    "Skipped the why after the first answer.",
    "The story ran over two minutes.",
    "The ask was vague: no what and no when.",
    "Accepted a maybe instead of asking what holds them back.",
    "Interrupted a couple of times.",
    "Forgot to flag the ask up front.",
    "Purpose was rushed.",
    "Took notes during the conversation.",
    "Moved on before the story was finished.",
    "Argued with a fact instead of asking why.",
];

const WHAT_WORKED_FR: &[&str] = &[
    "Objectif clair et court.",
    "A demandé pourquoi, et une vraie histoire est venue.",
    "Une demande précise, avec une date.",
    "A bien écouté, sans couper la parole.",
    "Récit personnel court et relié au sien.",
];

const TO_IMPROVE_FR: &[&str] = &[
    "A trop parlé pendant l'exploration.",
    "Trop de questions, pas assez de profondeur.",
    "Récit trop long.",
    "Demande floue : ni quoi ni quand.",
    "A accepté un peut-être.",
];

const AGREED: &[&str] = &[
    "Yes, Thursday at 7.",
    "Will come and bring a friend.",
    "Agreed to meet again in two weeks.",
    "Will think about it and call back by Friday.",
    "Yes to the first step, not the bigger one yet.",
    "Agreed; date to be set by text.",
    "Yes, and suggested two more people to ask.",
];

const AGREED_FR: &[&str] = &[
    "Oui, jeudi à 19 h.",
    "D'accord pour se revoir dans deux semaines.",
    "Viendra avec une amie.",
    "Va réfléchir et rappellera vendredi.",
];

/// Asks that fit each deck.
fn asks(deck_id: &str) -> &'static [&'static str] {
    match deck_id {
        "volunteer-recruitment" => &[
            "Lead a canvass shift on Saturday at 10.",
            "Take the sign-in table at the next meeting.",
            "Call five people from the list by Friday.",
            "Co-host the volunteer night on the 12th.",
        ],
        "workplace-1on1" => &[
            "Sign the petition on shift scheduling.",
            "Come to the meeting after Tuesday's shift.",
            "Talk to two coworkers on nights this week.",
            "Wear the button on Monday with the rest of us.",
        ],
        "deep-canvass" => &[
            "Talk with your sister about it this week.",
            "Come to a volunteer training next month.",
            "Take a flyer for the neighbours.",
        ],
        "coaching-conversation" => &[
            "Run the next 1:1 with one thread three levels deep.",
            "Practise the ask with me on Monday.",
            "Write three why-questions before each 1:1.",
        ],
        "campaign-volunteer" => &[
            "Canvass with me on Saturday from 10 to noon.",
            "Phone bank on Tuesday evening.",
            "Host a house party for ten neighbours before advance polls.",
            "A lawn sign this week.",
        ],
        "trust-across-disagreement" => &[
            "Talk again after the board meeting.",
            "Walk the lot together with the non-profit next week.",
            "Put both options to the members together.",
        ],
        "story-of-self" | "story-of-us" => &[
            "Start in one moment next time, not with background.",
            "Tell it again on Thursday with one more detail.",
        ],
        "story-of-now" => &[
            "Come to the rent hearing on the 14th at 6.",
            "Sign up for Saturday's phone bank.",
        ],
        "relational-1on1-fr" => &[
            "Venir à la réunion de jeudi à 19 h.",
            "Se revoir dans deux semaines.",
            "Appeler trois voisins d'ici vendredi.",
        ],
        _ => &[
            "Come to the housing action meeting on Thursday at 7.",
            "Meet again in two weeks about the school campaign.",
            "Host a house meeting for eight neighbours in March.",
            "Bring two neighbours to the tenants' assembly.",
            "Join the phone bank on Saturday morning.",
        ],
    }
}

/// One person of the cohort.
#[derive(Debug, Clone)]
struct Person {
    name: &'static str,
    /// Relative number of rounds they organize in an active week.
    activity: f64,
    /// Weeks (from the start of the history) they take part in.
    weeks: std::ops::Range<u32>,
    /// Head start: how good they are at their first round (0–0.3).
    talent: f64,
    /// How much their self-ratings sit above (or below) what others see.
    self_bias: f64,
    /// Per stage (by position in the deck), how much harder it is for them;
    /// their weakest stage has 1.
    weakness: [f64; 4],
    /// Mostly practises with the French deck.
    francophone: bool,
}

impl Person {
    /// Skill (0–1) at their `k`-th of `n` rounds as organizer: fast early
    /// gains that level off.
    fn skill(&self, k: usize, n: usize) -> f64 {
        let x = if n > 1 {
            k as f64 / (n - 1) as f64
        } else {
            1.0
        };
        let curve = (1.0 - (-3.0 * x).exp()) / (1.0 - (-3.0f64).exp());
        self.talent + (1.0 - self.talent) * curve
    }

    fn stage_skill(&self, skill: f64, stage: usize) -> f64 {
        (skill * (1.0 - 0.35 * self.weakness[stage % 4])).clamp(0.0, 1.0)
    }

    fn weakest_stage(&self) -> usize {
        (0..4)
            .max_by(|&a, &b| self.weakness[a].total_cmp(&self.weakness[b]))
            .unwrap_or(1)
    }
}

/// A round before its content is drawn: who, when, which deck and mode.
#[derive(Debug, Clone)]
struct Slot {
    started: DateTime<Utc>,
    organizer: usize,
    partner: Option<usize>,
    observer: Option<usize>,
    deck: usize,
    mode: Mode,
}

/// A normal draw (Box–Muller); enough for noise.
fn normal(rng: &mut ChaCha8Rng, mean: f64, sd: f64) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random();
    mean + sd * (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A Poisson draw (Knuth); the means here are small.
fn poisson(rng: &mut ChaCha8Rng, mean: f64) -> usize {
    if mean <= 0.0 {
        return 0;
    }
    let limit = (-mean).exp();
    let mut product: f64 = rng.random();
    let mut count = 0;
    while product > limit {
        count += 1;
        product *= rng.random::<f64>();
    }
    count
}

/// An index drawn with the given weights.
fn weighted(rng: &mut ChaCha8Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = rng.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

fn cohort(rng: &mut ChaCha8Rng) -> Vec<Person> {
    let count = rng.random_range(6..=12usize);
    let mut rest: Vec<&'static str> = NAMES[2..].to_vec();
    rest.shuffle(rng);
    let mut names: Vec<&'static str> = NAMES[..2].to_vec();
    names.extend(rest.into_iter().take(count - 2));
    names.shuffle(rng);
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            // The first three stay the whole time; others may join late or
            // drop out, as people do.
            let start = if i >= 3 && rng.random_bool(0.25) {
                rng.random_range(6..16)
            } else {
                rng.random_range(0..4)
            };
            let end = if i >= 3 && rng.random_bool(0.2) {
                rng.random_range(start + 8..WEEKS)
            } else {
                WEEKS
            };
            let mut weakness = [0.0; 4];
            for w in &mut weakness {
                *w = rng.random_range(0.0..0.5);
            }
            weakness[rng.random_range(0..4)] = 1.0;
            Person {
                name,
                activity: (normal(rng, 0.0, 0.5)).exp(),
                weeks: start..end,
                talent: rng.random_range(0.0..0.3),
                self_bias: normal(rng, 0.0, 0.45),
                weakness,
                francophone: name == "Chloé Dubois",
            }
        })
        .collect()
}

/// Draws when and by whom every round is run, oldest first.
fn schedule(
    rng: &mut ChaCha8Rng,
    people: &[Person],
    decks: &[Deck],
    count: usize,
) -> anyhow::Result<Vec<Slot>> {
    let deck_index = |id: &str| decks.iter().position(|d| d.id == id);
    let deck_ids: Vec<usize> = DECK_WEIGHTS
        .iter()
        .map(|(id, _)| deck_index(id).with_context(|| format!("no bundled deck `{id}`")))
        .collect::<anyhow::Result<_>>()?;
    // How busy each person is in each week: some weeks off, some busy.
    let mut load = vec![0.0f64; people.len() * WEEKS as usize];
    for (p, person) in people.iter().enumerate() {
        for week in person.weeks.clone() {
            let factor = if rng.random_bool(0.1) {
                0.0
            } else {
                rng.random_range(0.3..1.7)
            };
            load[p * WEEKS as usize + week as usize] = person.activity * factor;
        }
    }
    let mut slots = Vec::with_capacity(count);
    for _ in 0..count {
        let cell = weighted(rng, &load);
        let (organizer, week) = (cell / WEEKS as usize, (cell % WEEKS as usize) as u32);
        let day = weighted(rng, &[1.0, 1.3, 1.3, 1.2, 0.5, 0.9, 0.4]) as u32;
        let (hour, minute) = if day >= 5 {
            (rng.random_range(10..15), 5 * rng.random_range(0..12))
        } else {
            match weighted(rng, &[0.7, 0.2, 0.1]) {
                0 => (rng.random_range(17..21), 5 * rng.random_range(0..12)),
                1 => (12, 5 * rng.random_range(0..9)),
                _ => (rng.random_range(8..10), 5 * rng.random_range(0..12)),
            }
        };
        let date = first_monday() + Days::new(u64::from(week * 7 + day));
        let time = date
            .and_hms_opt(hour, minute, rng.random_range(0..60))
            .context("a valid time")?;
        // Partners and observers: whoever else is around that week.
        let others: Vec<f64> = (0..people.len())
            .map(|q| {
                if q == organizer {
                    0.0
                } else {
                    load[q * WEEKS as usize + week as usize] + 0.05
                }
            })
            .collect();
        let mode = MODE_WEIGHTS[weighted(rng, &MODE_WEIGHTS.map(|(_, w)| w))].0;
        let partner = match mode {
            Mode::Pair | Mode::Triad => Some(weighted(rng, &others)),
            Mode::Drill if rng.random_bool(0.55) => Some(weighted(rng, &others)),
            _ => None,
        };
        let observer = match (mode, partner) {
            (Mode::Triad, Some(partner)) => {
                let mut rest = others.clone();
                rest[partner] = 0.0;
                Some(weighted(rng, &rest))
            }
            _ => None,
        };
        let french = if people[organizer].francophone {
            40.0
        } else {
            2.0
        };
        let weights: Vec<f64> = DECK_WEIGHTS
            .iter()
            .map(|(id, w)| if id.ends_with("-fr") { french } else { *w })
            .collect();
        slots.push(Slot {
            started: Utc.from_utc_datetime(&time),
            organizer,
            partner,
            observer,
            deck: deck_ids[weighted(rng, &weights)],
            mode,
        });
    }
    slots.sort_by_key(|s| s.started);
    Ok(slots)
}

/// Something that happens during a stage, at a running time in ms.
#[derive(Debug, Clone, Copy)]
enum Event {
    /// Press `Space` this many times.
    Speaker(u8),
    Mark(usize),
    Card,
    Extend(i64),
    Pause(u64),
}

/// How the observer's marks behave with practice.
#[derive(Debug, Clone, Copy, PartialEq)]
enum MarkClass {
    /// "why" follow-ups: the skill trainees build, rising over time.
    Why,
    /// Interruptions, pitching, accepting a maybe: falling over time.
    Slip,
    /// Once per round at most: the ask, a next meeting, the re-rate.
    Once,
    /// Stories, shared values, resources: rising slowly.
    Good,
}

fn mark_class(label: &str) -> MarkClass {
    let has = |words: &[&str]| words.iter().any(|w| label.contains(w));
    if has(&["why", "pourquoi"]) {
        MarkClass::Why
    } else if has(&[
        "interrupt",
        "pitch",
        "argu",
        "maybe",
        "closed",
        "handed",
        "praise",
        "vague",
        "peut-être",
        "coupé",
        "vendu",
    ]) {
        MarkClass::Slip
    } else if has(&[
        "ask", "meeting", "re-rated", "question", "step", "check-in", "demande", "rdv", "rating",
        "role",
    ]) && !label.contains("ouverte")
        && !label.contains("open")
        && !label.contains("who decides")
    {
        MarkClass::Once
    } else {
        MarkClass::Good
    }
}

/// The organizer's share of talk time per stage: (first rounds, practised).
fn talk_target(stage_id: &str) -> (f64, f64) {
    match stage_id {
        "purpose" => (0.80, 0.40),
        "exploration" => (0.64, 0.16),
        "exchange" => (0.78, 0.44),
        "commitment" => (0.72, 0.30),
        _ => (0.70, 0.30),
    }
}

/// Presses of `Space` to go from one speaker to another, in the cycle
/// nobody → organizer → partner → nobody.
fn presses(from: u8, to: u8) -> u8 {
    (to + 3 - from) % 3
}

/// Plays one round through [`Practice`] and returns its record.
fn play(
    rng: &mut ChaCha8Rng,
    slot: &Slot,
    person: &Person,
    skill: f64,
    deck: &Deck,
    people: &[Person],
) -> SessionRecord {
    let drill_stage = (slot.mode == Mode::Drill).then(|| {
        let stage = if rng.random_bool(0.6) {
            person.weakest_stage().min(deck.stages.len() - 1)
        } else {
            rng.random_range(0..deck.stages.len())
        };
        deck.stages[stage].id.clone()
    });
    let spec = RoundSpec {
        people: People {
            organizer: person.name.to_owned(),
            partner: slot
                .partner
                .map_or_else(String::new, |p| people[p].name.to_owned()),
            observer: slot.observer.map(|o| people[o].name.to_owned()),
        },
        mode: slot.mode,
        drill_stage,
        seed: rng.random(),
        stage_minutes: None,
        plan: None,
    };
    let mut clock = Duration::ZERO;
    let mut practice = Practice::start(deck, &spec, Moment(clock), slot.started);
    // Nobody is tracking talk time when there is no one to talk with, and
    // now and then a pair forgets the meter.
    let talk_tracked = slot.partner.is_some() && !rng.random_bool(0.04);
    let mark_rate = match slot.mode {
        Mode::Triad => 1.3,
        Mode::Pair => 1.0,
        Mode::Drill => 0.9,
        Mode::Solo => 0.35,
    };
    let mut speaker = 0u8;
    let mut stage_skills = Vec::new();
    let runs: Vec<(String, u64)> = practice
        .runs()
        .iter()
        .map(|r| (r.stage_id.clone(), r.planned_secs))
        .collect();
    for (stage_id, planned_secs) in &runs {
        let position = deck
            .stages
            .iter()
            .position(|s| &s.id == stage_id)
            .unwrap_or(0);
        let stage = &deck.stages[position];
        let s = person.stage_skill(skill, position);
        stage_skills.push((stage_id.clone(), s));
        // How long the stage runs: over when new, especially exploration.
        let overrun = match stage_id.as_str() {
            "exploration" => 0.18,
            "exchange" => 0.12,
            _ => 0.05,
        };
        let mut factor = normal(rng, 1.0 + overrun * (1.0 - s), 0.12);
        if rng.random_bool(0.07) {
            factor += rng.random_range(0.3..0.7);
        } else if rng.random_bool(0.05) {
            factor = rng.random_range(0.5..0.8);
        }
        let planned_ms = planned_secs * 1000;
        let length = ((planned_ms as f64 * factor) as u64).max(20_000);
        let mut events: Vec<(u64, Event)> = Vec::new();
        if factor > 1.2 && rng.random_bool(0.5) {
            events.push((planned_ms.min(length - 1), Event::Extend(1)));
        } else if *planned_secs > 180 && rng.random_bool(0.03) {
            events.push((rng.random_range(0..length / 4), Event::Extend(-1)));
        }
        if rng.random_bool(0.06) {
            let pause = rng.random_range(15_000..240_000);
            events.push((rng.random_range(0..length), Event::Pause(pause)));
        }
        // Talk: turns around a target share, with short silences.
        if talk_tracked {
            let (early, late) = talk_target(stage_id);
            let share = normal(rng, early + (late - early) * s, 0.06).clamp(0.05, 0.95);
            let cycle = rng.random_range(30_000.0..70_000.0);
            let mut t = rng.random_range(2_000..15_000u64);
            let mut next = if speaker == 1 { 2 } else { 1 };
            while t < length {
                events.push((t, Event::Speaker(presses(speaker, next))));
                speaker = next;
                let mean = if next == 1 { share } else { 1.0 - share } * cycle;
                t += (mean * rng.random_range(0.4..1.6)) as u64 + 500;
                if rng.random_bool(0.1) && t < length {
                    events.push((t, Event::Speaker(presses(speaker, 0))));
                    speaker = 0;
                    t += rng.random_range(2_000..8_000);
                }
                next = if next == 1 { 2 } else { 1 };
            }
        }
        // Marks, at the rates an observer would see.
        let minutes = length as f64 / 60_000.0;
        for (kind, mark) in deck.marks.iter().enumerate() {
            let here = match &mark.stage {
                Some(id) => id == stage_id,
                None => true,
            };
            if !here {
                continue;
            }
            let class = mark_class(&mark.label);
            let elsewhere = if mark.stage.is_none() && stage_id != "exploration" {
                0.3
            } else {
                1.0
            };
            let n = match class {
                MarkClass::Why => poisson(rng, (0.08 + 0.32 * s) * minutes * mark_rate * elsewhere),
                MarkClass::Slip => poisson(rng, (0.02 + 0.14 * (1.0 - s)) * minutes * mark_rate),
                MarkClass::Good => {
                    poisson(rng, (0.04 + 0.10 * s) * minutes * mark_rate * elsewhere)
                }
                MarkClass::Once => {
                    let p = (0.35 + 0.55 * s)
                        * if mark.label.contains("role") {
                            0.3
                        } else {
                            1.0
                        };
                    usize::from(rng.random_bool(p.min(1.0)))
                }
            };
            for _ in 0..n {
                let from = if class == MarkClass::Once {
                    length * 2 / 5
                } else {
                    0
                };
                events.push((rng.random_range(from..length), Event::Mark(kind)));
            }
        }
        // Prompt cards: a few per stage, more when rehearsing alone.
        let per_card = if slot.mode == Mode::Solo { 1.5 } else { 2.5 };
        let cards = ((minutes / per_card) * rng.random_range(0.5..1.5)).round() as usize;
        for _ in 0..cards.min(stage.prompts.len() + 2) {
            events.push((rng.random_range(0..length), Event::Card));
        }
        events.sort_by_key(|(t, _)| *t);
        let origin = clock;
        let mut paused = Duration::ZERO;
        let at = |t: u64, paused: Duration| Moment(origin + Duration::from_millis(t) + paused);
        for (t, event) in events {
            let now = at(t, paused);
            match event {
                Event::Speaker(n) => (0..n).for_each(|_| practice.cycle_speaker(now)),
                Event::Mark(kind) => practice.add_mark(now, kind, &deck.marks[kind].label),
                Event::Card => practice.next_card(),
                Event::Extend(minutes) => practice.extend(now, minutes),
                Event::Pause(ms) => {
                    practice.toggle_pause(now);
                    paused += Duration::from_millis(ms);
                    practice.toggle_pause(at(t, paused));
                }
            }
        }
        clock = at(length, paused).0;
        practice.next_stage(Moment(clock));
    }
    let debrief = f64::from(deck.debrief_minutes) * 60.0 * rng.random_range(0.6..1.8);
    let ended = slot.started
        + chrono::Duration::from_std(clock).unwrap_or_default()
        + chrono::Duration::seconds(debrief as i64);
    let feedback = feedback(rng, slot, person, deck, &practice, &stage_skills);
    let id = format!(
        "{}-{:016x}",
        slot.started.format("%Y%m%dT%H%M%SZ"),
        rng.random::<u64>()
    );
    practice.record(id, deck, feedback, ended)
}

/// What the participants write and rate after the round.
fn feedback(
    rng: &mut ChaCha8Rng,
    slot: &Slot,
    person: &Person,
    deck: &Deck,
    practice: &Practice,
    stage_skills: &[(String, f64)],
) -> Feedback {
    let french = deck.language.starts_with("fr");
    let (worked, improve, agreed) = if french {
        (WHAT_WORKED_FR, TO_IMPROVE_FR, AGREED_FR)
    } else {
        (WHAT_WORKED, TO_IMPROVE, AGREED)
    };
    let commit_skill = stage_skills
        .iter()
        .find(|(id, _)| id == "commitment")
        .map(|(_, s)| *s);
    let skill = stage_skills.iter().map(|(_, s)| s).sum::<f64>() / stage_skills.len().max(1) as f64;
    let mut commitment = Commitment::default();
    let p_ask = commit_skill.map_or(0.1, |s| 0.3 + 0.65 * s);
    if rng.random_bool(p_ask) {
        commitment.ask = (*asks(&deck.id).choose(rng).expect("asks")).to_owned();
        if slot.partner.is_some() && rng.random_bool(0.75) {
            commitment.action = (*agreed.choose(rng).expect("agreed")).to_owned();
            let yes = commit_skill.map_or(0.4, |s| 0.3 + 0.6 * s);
            commitment.answer = Some(if rng.random_bool(yes) {
                Answer::Yes
            } else if rng.random_bool(0.7) {
                Answer::Maybe
            } else {
                Answer::No
            });
            if commitment.answer != Some(Answer::No) && rng.random_bool(0.7) {
                commitment.date =
                    Some(slot.started.date_naive() + Days::new(rng.random_range(1..10)));
            }
            if rng.random_bool(0.6) {
                commitment.follow_up =
                    Some(slot.started.date_naive() + Days::new(rng.random_range(3..15)));
            }
        }
    }
    // What each rater sees: one quality per stage, shared; each rater adds
    // their own lean and noise.
    let ran: Vec<(&tandem::deck::Stage, f64)> = practice
        .runs()
        .iter()
        .zip(stage_skills)
        .filter_map(|(run, (_, s))| deck.stage(&run.stage_id).map(|stage| (stage, *s)))
        .collect();
    let quality: Vec<(String, f64)> = ran
        .iter()
        .map(|(stage, s)| (stage.id.clone(), normal(rng, 1.6 + 3.0 * s, 0.45)))
        .collect();
    // The rubric checks, ticked once: more of them seen as skill grows.
    let checks: Vec<Check> = ran
        .iter()
        .flat_map(|(stage, s)| stage.rubric.iter().map(move |item| (*stage, item, *s)))
        .map(|(stage, item, s)| Check {
            stage: stage.id.clone(),
            item: item.clone(),
            observed: rng.random_bool((0.2 + 0.7 * s).clamp(0.0, 1.0)),
        })
        .collect();
    let checked_by = match (
        &practice.people.observer,
        practice.people.partner.is_empty(),
    ) {
        (Some(_), _) => Some(Role::Observer),
        (None, false) => Some(Role::Partner),
        (None, true) => Some(Role::Organizer),
    };
    let people = &practice.people;
    let raters = [
        (
            Role::Organizer,
            Some(people.organizer.clone()),
            person.self_bias,
            0.35,
            0.05,
        ),
        (
            Role::Partner,
            Some(people.partner.clone()).filter(|p| !p.is_empty()),
            0.25,
            0.45,
            0.2,
        ),
        (Role::Observer, people.observer.clone(), -0.1, 0.35, 0.1),
    ];
    let participants = raters
        .into_iter()
        .filter_map(|(role, name, lean, noise, blank)| {
            let name = name?;
            let mut text = |bank: &[&str]| {
                if rng.random_bool(blank) {
                    String::new()
                } else if rng.random_bool(0.2) {
                    let picked: Vec<&str> = bank.sample(rng, 2).copied().collect();
                    picked.join(" ")
                } else {
                    (*bank.choose(rng).expect("phrases")).to_owned()
                }
            };
            let what_worked = text(worked);
            let mut to_improve = text(improve);
            if !french && !to_improve.is_empty() && skill < 0.4 && rng.random_bool(0.4) {
                to_improve = TO_IMPROVE[0].to_owned();
            }
            let rates_nothing = role != Role::Organizer && rng.random_bool(0.08);
            let mut ratings = Vec::new();
            for (stage, q) in &quality {
                if rates_nothing || rng.random_bool(0.04) {
                    continue;
                }
                ratings.push(Rating {
                    stage: stage.clone(),
                    score: normal(rng, q + lean, noise).round().clamp(1.0, 5.0) as u8,
                });
            }
            let mut feedback = ParticipantFeedback {
                role,
                name,
                ratings,
                ..ParticipantFeedback::default()
            };
            match role {
                Role::Organizer => {
                    feedback.what_worked = what_worked;
                    feedback.to_change = to_improve;
                }
                Role::Partner => {
                    feedback.would_say_yes = commitment.answer;
                    feedback.to_make_yes = to_improve;
                    feedback.felt_heard =
                        Some(normal(rng, 2.0 + 3.0 * skill, 0.6).round().clamp(1.0, 5.0) as u8);
                }
                Role::Observer => feedback.phrase = what_worked,
            }
            Some(feedback)
        })
        .collect();
    Feedback {
        commitment,
        checks,
        checked_by,
        participants,
    }
}

/// COUNT sessions from `seed`, oldest first; the same arguments always
/// give the same sessions.
pub fn generate(count: usize, seed: u64) -> anyhow::Result<Vec<SessionRecord>> {
    let library = DeckLibrary::load(None);
    let decks: Vec<Deck> = library.decks().iter().map(|d| d.deck.clone()).collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let people = cohort(&mut rng);
    let slots = schedule(&mut rng, &people, &decks, count)?;
    let mut totals = vec![0usize; people.len()];
    slots.iter().for_each(|s| totals[s.organizer] += 1);
    let mut done = vec![0usize; people.len()];
    let records = slots
        .iter()
        .map(|slot| {
            let person = &people[slot.organizer];
            let skill = person.skill(done[slot.organizer], totals[slot.organizer]);
            done[slot.organizer] += 1;
            play(&mut rng, slot, person, skill, &decks[slot.deck], &people)
        })
        .collect();
    Ok(records)
}

/// Saves every record into `store`, on several threads: each save waits
/// for an fsync, and the disk can take several at once.
pub fn save_all(store: &Store, records: &[SessionRecord]) -> anyhow::Result<()> {
    let threads = 16;
    let chunk = records.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = records
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || -> anyhow::Result<()> {
                    for record in part {
                        store.save_session(record)?;
                    }
                    Ok(())
                })
            })
            .collect();
        workers
            .into_iter()
            .try_for_each(|w| w.join().expect("a writer thread panicked"))
    })
}

const USAGE: &str = "usage: gen_sessions COUNT DIR [--seed S]";

fn parse_args() -> anyhow::Result<(usize, PathBuf, u64)> {
    let mut positional = Vec::new();
    let mut seed = 1;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--seed" {
            let value = args.next().context("--seed needs a value")?;
            seed = value
                .parse()
                .with_context(|| format!("bad seed `{value}`"))?;
        } else if let Some(value) = arg.strip_prefix("--seed=") {
            seed = value
                .parse()
                .with_context(|| format!("bad seed `{value}`"))?;
        } else if arg == "-h" || arg == "--help" {
            println!("{USAGE}");
            std::process::exit(0);
        } else if arg.starts_with('-') {
            bail!("unknown option `{arg}`");
        } else {
            positional.push(arg);
        }
    }
    let [count, dir] = positional.as_slice() else {
        bail!("expected COUNT and DIR");
    };
    let count = count
        .parse()
        .with_context(|| format!("COUNT must be a whole number, not `{count}`"))?;
    Ok((count, PathBuf::from(dir), seed))
}

fn main() -> std::process::ExitCode {
    let (count, dir, seed) = match parse_args() {
        Ok(args) => args,
        Err(err) => {
            eprintln!("gen_sessions: {err:#}\n{USAGE}");
            return std::process::ExitCode::from(2);
        }
    };
    let begun = Instant::now();
    let result = Store::open(&dir)
        .context("cannot open the data dir")
        .and_then(|store| {
            let records = generate(count, seed)?;
            save_all(&store, &records)?;
            Ok((store, records))
        });
    match result {
        Ok((store, records)) => {
            let mut names: Vec<&str> = records
                .iter()
                .map(|r| r.people.organizer.as_str())
                .collect();
            names.sort_unstable();
            names.dedup();
            let span = match (records.first(), records.last()) {
                (Some(a), Some(b)) => {
                    format!("{} to {}", a.started.date_naive(), b.started.date_naive())
                }
                _ => "nothing".to_owned(),
            };
            println!(
                "gen_sessions: wrote {} sessions by {} organizers ({span}) into {} in {:.2} s",
                records.len(),
                names.len(),
                store.sessions_dir().display(),
                begun.elapsed().as_secs_f64()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("gen_sessions: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
