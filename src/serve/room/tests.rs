use std::time::Duration;

use chrono::{TimeZone, Utc};

use super::*;
use crate::deck::parse_deck;
use crate::practice::{Clock, FakeClock};
use crate::record::{Answer, Check, Rating};

const DECK: &str = r#"
id = "test"
title = "Test"
description = "Two short stages."
version = 3
debrief_minutes = 3

[[stages]]
id = "purpose"
name = "Purpose"
goal = "Say why."
minutes = 4
prompts = ["a", "b"]
rubric = ["clear"]

[[stages]]
id = "commitment"
name = "Commitment"
goal = "Ask."
minutes = 2
prompts = ["x", "y"]
rubric = ["specific"]

[[personas]]
name = "Rosa"
summary = "A tenant."
reluctance = "Rent."
"#;

fn room() -> (Room, FakeClock) {
    let deck = parse_deck(DECK, "test.toml").unwrap();
    let clock = FakeClock::at(Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
    (Room::new(3, deck, None, 11), clock)
}

fn seated(observer: bool) -> (Room, FakeClock) {
    let (mut room, clock) = room();
    room.take_seat(Role::Organizer, "Ana").unwrap();
    room.take_seat(Role::Partner, "Ben").unwrap();
    if observer {
        room.take_seat(Role::Observer, "Cy").unwrap();
    }
    (room, clock)
}

fn part(role: Role, name: &str, score: u8) -> FeedbackDraft {
    FeedbackDraft {
        participants: vec![ParticipantFeedback {
            role,
            name: name.to_owned(),
            ratings: vec![Rating {
                stage: "purpose".into(),
                score,
            }],
            what_worked: format!("{name} worked"),
            ..ParticipantFeedback::default()
        }],
        ..FeedbackDraft::default()
    }
}

/// Runs a round through a debrief in which everyone hands in a part.
fn save_a_round(room: &mut Room, clock: &FakeClock) {
    room.start(clock.now(), clock.wall());
    room.finish(clock.now());
    let people = room.round().unwrap().practice.people.clone();
    let roles: Vec<Role> = round_roles(&people).collect();
    let mut record = None;
    for role in roles {
        record = room.hand_in(role, part(role, role.label(), 3), clock.wall());
    }
    room.saved(record.expect("every part is in"), "saved.toml".into());
}

#[test]
fn seats_are_taken_once_and_names_are_cleaned() {
    let (mut room, _) = room();
    assert_eq!(room.open_roles(), ROLES.to_vec());
    assert_eq!(
        room.take_seat(Role::Organizer, " \u{1b}[31mAna\u{7} "),
        Ok(())
    );
    assert_eq!(room.seat(Role::Organizer).unwrap().name, "[31mAna");
    assert_eq!(
        room.take_seat(Role::Organizer, "Zed"),
        Err(SeatError::Taken)
    );
    assert_eq!(
        room.take_seat(Role::Partner, " \t "),
        Err(SeatError::NoName)
    );
    assert_eq!(room.open_roles(), vec![Role::Partner, Role::Observer]);
    let long = "x".repeat(200);
    room.take_seat(Role::Partner, &long).unwrap();
    assert_eq!(
        room.seat(Role::Partner).unwrap().name.chars().count(),
        MAX_NAME_CHARS
    );
}

#[test]
fn a_round_starts_only_with_an_organizer_and_a_partner() {
    let (mut room, clock) = room();
    room.take_seat(Role::Organizer, "Ana").unwrap();
    assert!(!room.can_start());
    assert!(!room.start(clock.now(), clock.wall()));
    room.take_seat(Role::Partner, "Ben").unwrap();
    assert!(room.start(clock.now(), clock.wall()));
    let round = room.round().unwrap();
    assert_eq!(round.practice.people, People::pair("Ana", "Ben"));
    assert_eq!(round.practice.mode, Mode::Pair);
    assert!(round.lock.is_none());
    // Started once: a second start changes nothing.
    assert!(!room.start(clock.now(), clock.wall()));
}

#[test]
fn an_observer_makes_a_triad_and_a_late_observer_cannot_join_a_pair() {
    let (mut triad, clock) = seated(true);
    triad.start(clock.now(), clock.wall());
    assert_eq!(triad.round().unwrap().practice.mode, Mode::Triad);

    let (mut pair, clock) = seated(false);
    pair.start(clock.now(), clock.wall());
    assert_eq!(pair.open_roles(), Vec::<Role>::new());
    assert_eq!(
        pair.take_seat(Role::Observer, "Cy"),
        Err(SeatError::NotInRound)
    );
}

#[test]
fn a_dropped_seat_is_freed_before_the_round_and_kept_during_it() {
    let (mut room, clock) = seated(false);
    room.leave_seat(Role::Partner);
    assert!(room.seat(Role::Partner).is_none());
    room.take_seat(Role::Partner, "Ben").unwrap();
    room.start(clock.now(), clock.wall());
    room.leave_seat(Role::Partner);
    let seat = room.seat(Role::Partner).unwrap();
    assert_eq!((seat.name.as_str(), seat.connected), ("Ben", false));
    assert_eq!(room.open_roles(), vec![Role::Partner]);
    // Rejoining keeps the name the seat had.
    room.take_seat(Role::Partner, "someone else").unwrap();
    let seat = room.seat(Role::Partner).unwrap();
    assert_eq!((seat.name.as_str(), seat.connected), ("Ben", true));
}

#[test]
fn the_partner_brief_is_known_before_the_round_starts() {
    let (mut room, clock) = seated(false);
    let spec = room.next_spec();
    let drawn = Practice::persona_for(&room.deck, spec.seed);
    room.start(clock.now(), clock.wall());
    assert_eq!(room.round().unwrap().practice.persona, drawn);
    assert!(drawn.is_some());
}

#[test]
fn a_fitted_room_plans_one_round_per_person() {
    let deck = parse_deck(DECK, "test.toml").unwrap();
    let mut room = Room::new(1, deck, Some(30), 5);
    room.take_seat(Role::Organizer, "Ana").unwrap();
    room.take_seat(Role::Partner, "Ben").unwrap();
    let plan = room.next_spec().plan.unwrap();
    assert_eq!((plan.round, plan.rounds, plan.minutes), (1, 2, 30));
    // 15 minutes a round, 3 of them debrief: 12 minutes shared 4:2.
    assert_eq!(plan.stage_minutes, vec![8, 4]);
    room.take_seat(Role::Observer, "Cy").unwrap();
    let plan = room.next_spec().plan.unwrap();
    assert_eq!((plan.rounds, plan.stage_minutes.clone()), (3, vec![5, 2]));
    let too_short = Room::new(2, room.deck.clone(), Some(4), 5);
    assert!(matches!(too_short.fitted(), Some(Err(_))));
    assert!(too_short.next_spec().plan.is_none());
}

#[test]
fn pause_and_resume_touch_only_a_running_round() {
    let (mut room, clock) = seated(false);
    assert!(!room.pause(clock.now()));
    room.start(clock.now(), clock.wall());
    clock.advance(Duration::from_secs(10));
    assert!(room.pause(clock.now()));
    assert!(!room.pause(clock.now()), "already paused");
    clock.advance(Duration::from_secs(30));
    room.resume(clock.now());
    clock.advance(Duration::from_secs(5));
    let timer = room.round().unwrap().practice.timer(clock.now());
    assert_eq!(timer.elapsed, Duration::from_secs(15));
}

#[test]
fn the_debrief_waits_for_every_part_and_merges_them() {
    let (mut room, clock) = seated(true);
    room.start(clock.now(), clock.wall());
    clock.advance(Duration::from_secs(60));
    room.finish(clock.now());
    assert!(room.round().unwrap().practice.is_finished());
    assert_eq!(room.parts_missing(), ROLES.to_vec());

    let mut organizer = part(Role::Organizer, "Ana", 4);
    organizer.ask = "Come on Tuesday?".into();
    organizer.answer = Some(Answer::Yes);
    organizer.date = "2026-12-01".into();
    // Only the checker's checks count.
    organizer.checks = vec![Check {
        stage: "purpose".into(),
        item: "clear".into(),
        observed: false,
    }];
    assert!(
        room.hand_in(Role::Organizer, organizer, clock.wall())
            .is_none()
    );
    let mut observer = part(Role::Observer, "Cy", 2);
    observer.checked_by = Some(Role::Observer);
    observer.checks = vec![Check {
        stage: "purpose".into(),
        item: "clear".into(),
        observed: true,
    }];
    observer.ask = "not the organizer's".into();
    assert!(
        room.hand_in(Role::Observer, observer, clock.wall())
            .is_none()
    );
    assert_eq!(room.parts_missing(), vec![Role::Partner]);

    // Taken back and handed in again: still one part per role.
    room.hand_in(Role::Partner, part(Role::Partner, "Ben", 1), clock.wall());
    assert!(
        matches!(room.phase, Phase::Debrief(_)),
        "still in the debrief until saved"
    );
    let record = room.record(clock.wall()).unwrap();
    assert_eq!(
        record
            .feedback
            .iter()
            .map(|f| (f.role, f.name.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (Role::Organizer, "Ana"),
            (Role::Partner, "Ben"),
            (Role::Observer, "Cy")
        ]
    );
    assert_eq!(record.commitment.ask, "Come on Tuesday?");
    assert_eq!(record.commitment.answer, Some(Answer::Yes));
    assert_eq!(record.checked_by, Some(Role::Observer));
    assert!(record.checks.iter().all(|c| c.observed));
    room.saved(record, "saved.toml".into());
    let Phase::Saved(saved) = &room.phase else {
        panic!("saved");
    };
    assert_eq!(saved.deck.id, "test");
}

#[test]
fn the_last_part_returns_the_session_and_a_part_can_be_taken_back() {
    let (mut room, clock) = seated(false);
    room.start(clock.now(), clock.wall());
    room.finish(clock.now());
    assert!(
        room.hand_in(Role::Partner, part(Role::Partner, "Ben", 3), clock.wall())
            .is_none()
    );
    let back = room.take_back(Role::Partner).unwrap();
    assert_eq!(back.participants[0].name, "Ben");
    assert_eq!(room.take_back(Role::Partner), None);
    room.hand_in(Role::Partner, back, clock.wall());
    let record = room
        .hand_in(
            Role::Organizer,
            part(Role::Organizer, "Ana", 5),
            clock.wall(),
        )
        .expect("every part is in");
    assert_eq!(record.feedback.len(), 2);
    assert!(record.id.starts_with("20261125T090000Z-"));
}

#[test]
fn the_next_round_rotates_the_seats() {
    let (mut pair, clock) = seated(false);
    assert!(!pair.next_round(1));
    assert!(matches!(pair.phase, Phase::Gathering), "only after a save");
    assert_eq!(pair.people(), People::pair("Ana", "Ben"));
    save_a_round(&mut pair, &clock);
    assert!(pair.next_round(99));
    assert_eq!(pair.people(), People::pair("Ben", "Ana"));
    assert_eq!(pair.next_spec().seed, 99);

    let (mut triad, clock) = seated(true);
    save_a_round(&mut triad, &clock);
    triad.next_round(2);
    let people = triad.people();
    assert_eq!(
        (people.organizer, people.partner, people.observer),
        ("Ben".into(), "Cy".into(), Some("Ana".into()))
    );
    // Each person's new role follows them.
    for (before, after) in [
        (Role::Organizer, Role::Observer),
        (Role::Partner, Role::Organizer),
        (Role::Observer, Role::Partner),
    ] {
        assert_eq!(Room::rotated(before, true), after);
    }
    assert_eq!(Room::rotated(Role::Organizer, false), Role::Partner);
    assert_eq!(Room::rotated(Role::Partner, false), Role::Organizer);
}

#[test]
fn an_unfinished_round_and_its_parts_are_kept_as_in_progress() {
    let (mut room, clock) = seated(false);
    assert!(room.in_progress(clock.now()).is_none());
    room.start(clock.now(), clock.wall());
    clock.advance(Duration::from_secs(20));
    let running = room.in_progress(clock.now()).unwrap();
    assert!(running.feedback.is_none());
    assert_eq!(
        running.practice.timer(clock.now()).elapsed,
        Duration::from_secs(20)
    );
    room.finish(clock.now());
    room.hand_in(
        Role::Organizer,
        part(Role::Organizer, "Ana", 4),
        clock.wall(),
    );
    clock.advance(Duration::from_secs(90));
    let debrief = room.in_progress(clock.now()).unwrap();
    let draft = debrief.feedback.unwrap();
    assert_eq!(draft.debrief_secs, 90);
    assert_eq!(draft.participants.len(), 1);
}

#[test]
fn merge_takes_each_part_from_its_owner() {
    let mut partner = part(Role::Partner, "Ben", 2);
    // A part naming another role's feedback does not speak for them.
    partner
        .participants
        .push(part(Role::Organizer, "impostor", 1).participants.remove(0));
    partner.debrief_secs = 40;
    let organizer = FeedbackDraft {
        debrief_secs: 30,
        ..part(Role::Organizer, "Ana", 5)
    };
    let merged = merge(&[(Role::Partner, partner), (Role::Organizer, organizer)]);
    let names: Vec<&str> = merged
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Ana", "Ben"]);
    assert_eq!(merged.debrief_secs, 40);
    assert_eq!(merged.checked_by, None);
}
