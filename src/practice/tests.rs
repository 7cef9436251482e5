use std::time::Duration;

use chrono::{TimeZone, Utc};

use super::*;
use crate::deck::parse_deck;

const DECK: &str = r#"
id = "test"
title = "Test"
description = "Two short stages."
version = 3

[[stages]]
id = "purpose"
name = "Purpose"
goal = "Say why."
minutes = 2
prompts = ["a", "b", "c", "d"]
rubric = ["clear"]

[[stages]]
id = "commitment"
name = "Commitment"
goal = "Ask."
minutes = 1
prompts = ["x", "y"]
rubric = ["specific"]

[[marks]]
label = "asked why"

[[personas]]
name = "Rosa"
summary = "A tenant."

[[personas]]
name = "Kwame"
summary = "An usher."
"#;

fn setup() -> (Deck, FakeClock, Practice) {
    let deck = parse_deck(DECK, "test.toml").unwrap();
    let clock = FakeClock::at(Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
    let practice = Practice::start(&deck, &spec(7), clock.now(), clock.wall());
    (deck, clock, practice)
}

fn spec(seed: u32) -> RoundSpec {
    RoundSpec {
        people: People::pair("Ana", "Ben"),
        mode: Mode::Pair,
        drill_stage: None,
        seed,
        stage_minutes: None,
        plan: None,
    }
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[test]
fn stages_run_in_deck_order_and_the_last_next_finishes() {
    let (_, clock, mut p) = setup();
    assert_eq!(p.current_run().stage_id, "purpose");
    assert_eq!(p.next_stage(clock.now()), Step::Moved);
    assert_eq!(p.current_run().stage_id, "commitment");
    assert_eq!(p.next_stage(clock.now()), Step::Finished);
    assert!(p.is_finished());
}

#[test]
fn going_back_continues_the_earlier_stage_clock() {
    let (_, clock, mut p) = setup();
    clock.advance_secs(30);
    p.next_stage(clock.now());
    clock.advance_secs(10);
    p.previous_stage(clock.now());
    clock.advance_secs(5);
    assert_eq!(p.timer(clock.now()).elapsed, secs(35));
    assert_eq!(p.runs()[1].active, secs(10));
}

#[test]
fn pause_stops_the_clock_and_counts_paused_time() {
    let (_, clock, mut p) = setup();
    clock.advance_secs(20);
    p.toggle_pause(clock.now());
    clock.advance_secs(100);
    assert_eq!(p.timer(clock.now()).elapsed, secs(20));
    p.toggle_pause(clock.now());
    clock.advance_secs(5);
    assert_eq!(p.timer(clock.now()).elapsed, secs(25));
    assert_eq!(p.current_run().paused, secs(100));
}

#[test]
fn extensions_move_the_plan_but_never_below_one_minute() {
    let (_, clock, mut p) = setup();
    p.extend(clock.now(), 1);
    assert_eq!(p.timer(clock.now()).planned, secs(180));
    p.extend(clock.now(), -1);
    p.extend(clock.now(), -1);
    p.extend(clock.now(), -1);
    assert_eq!(p.timer(clock.now()).planned, secs(60));
}

#[test]
fn overtime_counts_up_after_the_plan_and_the_bell_rings_once() {
    let (_, clock, mut p) = setup();
    clock.advance_secs(119);
    assert!(!p.take_bell(clock.now()));
    assert_eq!(p.timer(clock.now()).light(), TimingLight::Yellow);
    clock.advance_secs(1);
    assert!(p.take_bell(clock.now()));
    assert!(!p.take_bell(clock.now()));
    clock.advance_secs(42);
    let timer = p.timer(clock.now());
    assert_eq!(timer.light(), TimingLight::Red);
    assert_eq!(timer.overtime(), secs(42));
}

#[test]
fn extending_after_the_bell_rearms_it() {
    let (_, clock, mut p) = setup();
    clock.advance_secs(120);
    assert!(p.take_bell(clock.now()));
    p.extend(clock.now(), 1);
    assert_eq!(p.timer(clock.now()).light(), TimingLight::Green);
    clock.advance_secs(60);
    assert!(p.take_bell(clock.now()));
}

#[test]
fn talk_time_follows_the_speaker_and_stops_while_paused() {
    let (_, clock, mut p) = setup();
    clock.advance_secs(5); // nobody talking
    p.cycle_speaker(clock.now());
    assert_eq!(p.speaker(), Some(Speaker::Organizer));
    clock.advance_secs(10);
    p.cycle_speaker(clock.now());
    assert_eq!(p.speaker(), Some(Speaker::Partner));
    clock.advance_secs(30);
    p.toggle_pause(clock.now());
    clock.advance_secs(60);
    p.toggle_pause(clock.now());
    p.next_stage(clock.now());
    clock.advance_secs(4);
    assert_eq!(p.talk_totals(clock.now()), (secs(10), secs(34)));
    p.cycle_speaker(clock.now());
    assert_eq!(p.speaker(), None);
    assert_eq!(p.runs()[0].partner_talk, secs(30));
    assert_eq!(p.runs()[1].partner_talk, secs(4));
}

#[test]
fn marks_carry_round_and_stage_time() {
    let (_, clock, mut p) = setup();
    clock.advance_secs(50);
    p.next_stage(clock.now());
    clock.advance_secs(12);
    p.add_mark(clock.now(), 0, "asked why");
    let mark = &p.marks()[0];
    assert_eq!(mark.stage, "commitment");
    assert_eq!((mark.at_secs, mark.stage_secs), (62, 12));
    assert_eq!(mark.label, "asked why");
}

#[test]
fn cards_cycle_and_the_shown_ones_are_remembered() {
    let (_, _, mut p) = setup();
    let first = p.current_card();
    p.next_card();
    assert_ne!(p.current_card(), first);
    assert_eq!(p.current_run().shown_cards().len(), 2);
    for _ in 0..4 {
        p.next_card();
    }
    assert_eq!(p.current_run().shown_cards().len(), 4);
    let mut shown = p.current_run().shown_cards().to_vec();
    shown.sort();
    assert_eq!(shown, [0, 1, 2, 3]);
}

#[test]
fn the_same_seed_draws_the_same_cards_and_persona() {
    let (deck, clock, p) = setup();
    let again = Practice::start(&deck, &spec(7), clock.now(), clock.wall());
    assert_eq!(again.runs(), p.runs());
    assert_eq!(again.persona, p.persona);
    let orders: std::collections::HashSet<Vec<usize>> = (0..20)
        .map(|seed| {
            Practice::start(&deck, &spec(seed), clock.now(), clock.wall()).runs()[0]
                .card_order
                .clone()
        })
        .collect();
    assert!(orders.len() > 1, "seeds should vary the draw");
}

#[test]
fn a_drill_runs_only_its_stage() {
    let (deck, clock, _) = setup();
    let drill = RoundSpec {
        mode: Mode::Drill,
        drill_stage: Some("commitment".into()),
        ..spec(7)
    };
    let mut p = Practice::start(&deck, &drill, clock.now(), clock.wall());
    assert_eq!(p.runs().len(), 1);
    assert_eq!(p.current_run().stage_id, "commitment");
    assert_eq!(p.timer(clock.now()).planned, secs(60));
    assert_eq!(p.next_stage(clock.now()), Step::Finished);
}

#[test]
fn a_snapshot_resumes_paused_with_the_same_times() {
    let (_, clock, mut p) = setup();
    p.cycle_speaker(clock.now());
    clock.advance_secs(40);
    p.add_mark(clock.now(), 0, "asked why");
    clock.advance_secs(3);
    let text = toml::to_string(&p.snapshot(clock.now())).unwrap();
    let restored: Practice = toml::from_str(&text).unwrap();
    clock.advance_secs(1000);
    let mut resumed = restored.resume(clock.now());
    assert!(resumed.is_paused());
    assert_eq!(resumed.timer(clock.now()).elapsed, secs(43));
    resumed.toggle_pause(clock.now());
    clock.advance_secs(2);
    assert_eq!(resumed.timer(clock.now()).elapsed, secs(45));
    assert_eq!(resumed.talk_totals(clock.now()).0, secs(45));
    assert_eq!(resumed.marks(), p.marks());
}

#[test]
fn a_finished_round_stops_counting() {
    let (_, clock, mut p) = setup();
    p.next_stage(clock.now());
    clock.advance_secs(30);
    p.next_stage(clock.now());
    clock.advance_secs(300);
    assert_eq!(p.total_active(clock.now()), secs(30));
    let _ = p.snapshot(clock.now());
    assert_eq!(p.runs()[1].paused, Duration::ZERO);
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    #[derive(Debug, Clone)]
    enum Op {
        Wait(u64),
        Next,
        Back,
        Pause,
        Extend(i64),
        Talk,
        Card,
        Mark(usize),
        Bell,
        Snapshot,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0u64..400_000).prop_map(Op::Wait),
            Just(Op::Next),
            Just(Op::Back),
            Just(Op::Pause),
            (-3i64..4).prop_map(Op::Extend),
            Just(Op::Talk),
            Just(Op::Card),
            (0usize..3).prop_map(Op::Mark),
            Just(Op::Bell),
            Just(Op::Snapshot),
        ]
    }

    proptest! {
        /// Any sequence of keys and clock ticks keeps the books balanced:
        /// running time is exactly the time spent unpaused before the end,
        /// talk never exceeds it, and no plan drops under a minute.
        #[test]
        fn any_sequence_keeps_the_times_consistent(ops in proptest::collection::vec(op(), 0..80)) {
            let (_, clock, mut p) = setup();
            let mut running = Duration::ZERO;
            let mut paused_total = Duration::ZERO;
            for op in ops {
                let now = clock.now();
                match op {
                    Op::Wait(ms) => {
                        let d = Duration::from_millis(ms);
                        if !p.is_finished() {
                            if p.is_paused() { paused_total += d } else { running += d }
                        }
                        clock.advance(d);
                    }
                    Op::Next => { p.next_stage(now); }
                    Op::Back => p.previous_stage(now),
                    Op::Pause => p.toggle_pause(now),
                    Op::Extend(m) => p.extend(now, m),
                    Op::Talk => p.cycle_speaker(now),
                    Op::Card => p.next_card(),
                    Op::Mark(k) => p.add_mark(now, k, "m"),
                    Op::Bell => { p.take_bell(now); }
                    Op::Snapshot => {
                        let snap = p.snapshot(now);
                        p = snap.resume(now);
                        if !p.is_finished() {
                            // a resumed round starts paused; go on running
                            p.toggle_pause(now);
                        }
                    }
                }
                let now = clock.now();
                let (organizer, partner) = p.talk_totals(now);
                prop_assert!(organizer + partner <= p.total_active(now));
                prop_assert!(p.runs().iter().all(|r| r.planned_secs >= 60));
                prop_assert!(p.current_index() < p.runs().len());
            }
            let now = clock.now();
            let snap = p.snapshot(now);
            let paused: Duration = snap.runs().iter().map(|r| r.paused).sum();
            prop_assert_eq!(snap.total_active(now), running);
            prop_assert_eq!(paused, paused_total);
        }
    }
}

#[test]
fn planned_minutes_replace_the_decks_and_the_plan_is_kept() {
    let (deck, clock, _) = setup();
    // 10 min for two rounds: 5 each, 1 of debrief, 4 over 2/1 → 2.67,
    // 1.33 → 2, 1 and the last minute to the larger remainder.
    let plan = crate::record::fit(&[2, 1], 1, 2, 10)
        .unwrap()
        .round("plan-1", 1);
    let spec = RoundSpec {
        stage_minutes: Some(plan.stage_minutes.clone()),
        plan: Some(plan.clone()),
        ..spec(7)
    };
    let p = Practice::start(&deck, &spec, clock.now(), clock.wall());
    let planned: Vec<u64> = p.runs().iter().map(|r| r.planned_secs).collect();
    assert_eq!(planned, vec![180, 60]);
    assert_eq!(p.plan, Some(plan));
}

#[test]
fn the_persona_known_before_the_round_is_the_one_drawn() {
    let (deck, clock, _) = setup();
    for seed in 0..20 {
        let p = Practice::start(&deck, &spec(seed), clock.now(), clock.wall());
        assert_eq!(Practice::persona_for(&deck, seed), p.persona);
    }
}

#[test]
fn scales_are_recorded_per_stage_and_corrected() {
    let (_, clock, mut p) = setup();
    p.record_scale("support", 4);
    assert_eq!(p.scale_here("support"), Some(4));
    p.record_scale("support", 5);
    assert_eq!(p.scales().len(), 1);
    p.next_stage(clock.now());
    assert_eq!(p.scale_here("support"), None);
    p.record_scale("support", 7);
    let values: Vec<(String, i32)> = p
        .scales()
        .iter()
        .map(|r| (r.stage.clone(), r.value))
        .collect();
    assert_eq!(
        values,
        vec![("purpose".into(), 5), ("commitment".into(), 7)]
    );
}

#[test]
fn the_last_mark_can_be_taken_back() {
    let (_, clock, mut p) = setup();
    assert!(p.undo_mark().is_none());
    p.add_mark(clock.now(), 0, "asked why");
    p.add_mark(clock.now(), 2, "shared a story");
    assert_eq!(p.undo_mark().unwrap().kind, 2);
    assert_eq!(p.marks().len(), 1);
}

#[test]
fn stage_talk_counts_only_this_stage_and_the_running_speaker() {
    let (_, clock, mut p) = setup();
    p.cycle_speaker(clock.now());
    clock.advance_secs(30);
    p.next_stage(clock.now());
    clock.advance_secs(10);
    assert_eq!(p.stage_talk(clock.now()), (secs(10), secs(0)));
    assert_eq!(p.talk_totals(clock.now()), (secs(40), secs(0)));
    p.cycle_speaker(clock.now());
    clock.advance_secs(5);
    assert_eq!(p.stage_talk(clock.now()), (secs(10), secs(5)));
}

#[test]
fn huge_saved_times_saturate_and_are_flagged_as_impossible() {
    let (_, clock, mut practice) = setup();
    assert!(practice.times_are_plausible());
    practice.stages[0].organizer_talk = Duration::MAX;
    practice.stages[1].organizer_talk = Duration::MAX;
    practice.stages[0].active = Duration::MAX;
    practice.stages[1].active = Duration::MAX;
    practice.speaker = Some(Speaker::Organizer);
    clock.advance_secs(1);
    // Summing these used to panic with an overflow.
    assert_eq!(practice.talk_totals(clock.now()).0, Duration::MAX);
    assert_eq!(practice.total_active(clock.now()), Duration::MAX);
    practice.cycle_speaker(clock.now());
    assert!(!practice.times_are_plausible());
    let (_, _, mut talkative) = setup();
    talkative.stages[0].active = secs(10);
    talkative.stages[0].partner_talk = secs(11);
    assert!(!talkative.times_are_plausible(), "more talk than time");
}
