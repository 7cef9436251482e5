//! One breakout room of `tandem serve`: the seats its people took, and the
//! one round they share, from gathering to the saved session. Every
//! connection of the room draws from this state; only the seat it holds
//! (its role) differs. Time comes in as a [`Moment`], so the room is tested
//! with a fake clock, and nothing here touches a terminal or a socket.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::deck::Deck;
use crate::practice::{InProgress, Mode, Moment, People, Practice, RoundSpec, Step};
use crate::record::{
    FeedbackDraft, FitPlan, ParticipantFeedback, Role, SessionRecord, fit, new_session_id,
};
use crate::text::strip_controls;
use crate::tui::round::ActiveRound;

/// A name is cut to this many characters.
pub const MAX_NAME_CHARS: usize = 40;

/// The roles in the order a seat is offered and a debrief is taught.
pub const ROLES: [Role; 3] = [Role::Organizer, Role::Partner, Role::Observer];

/// Someone's place in the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    pub name: String,
    /// Whether a connection holds the seat now; a dropped one keeps its
    /// seat for a rejoin.
    pub connected: bool,
}

/// Where the room's round is.
#[derive(Debug)]
pub enum Phase {
    /// People are joining; the partner reads the brief.
    Gathering,
    /// The round runs.
    Running(ActiveRound),
    /// The round is over; each person fills in their part of the debrief.
    Debrief(Debrief),
    /// The session is saved; the summary shows.
    Saved(Box<SavedRound>),
}

/// The shared debrief: the round, when it started, and the parts handed in.
#[derive(Debug)]
pub struct Debrief {
    pub round: ActiveRound,
    /// When the debrief started: its timer is the same on every screen.
    pub started: Moment,
    /// The parts handed in so far, one per role.
    pub parts: Vec<(Role, FeedbackDraft)>,
    /// What was typed before the server last stopped: each form starts
    /// from it.
    pub typed: FeedbackDraft,
}

/// A round saved as a session, and where.
#[derive(Debug)]
pub struct SavedRound {
    pub record: SessionRecord,
    pub deck: Deck,
    pub path: PathBuf,
}

/// Why a seat cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeatError {
    #[error("a name is needed")]
    NoName,
    #[error("someone else holds that role")]
    Taken,
    #[error("the round has started without that role")]
    NotInRound,
}

/// One room.
#[derive(Debug)]
pub struct Room {
    /// The room's number, from 1.
    pub number: usize,
    pub deck: Deck,
    /// Minutes the breakout has, when rounds are fitted to it.
    pub fit_minutes: Option<u32>,
    seats: [Option<Seat>; 3],
    pub phase: Phase,
    /// The seed of the next round: decides the persona the partner reads.
    seed: u32,
    /// The round of the fitted plan that comes next, from 1.
    plan_round: u32,
    /// The plan's id, shared by its rounds.
    plan_id: String,
}

fn slot(role: Role) -> usize {
    match role {
        Role::Organizer => 0,
        Role::Partner => 1,
        Role::Observer => 2,
    }
}

/// A name as a person typed it, made safe to show on every screen.
pub fn clean_name(typed: &str) -> String {
    let flat = strip_controls(typed, false);
    let capped: String = flat.trim().chars().take(MAX_NAME_CHARS).collect();
    capped.trim_end().to_owned()
}

impl Room {
    /// An empty room; `seed` decides its first round's persona.
    pub fn new(number: usize, deck: Deck, fit_minutes: Option<u32>, seed: u32) -> Room {
        Room {
            number,
            deck,
            fit_minutes,
            seats: [None, None, None],
            phase: Phase::Gathering,
            seed,
            plan_round: 1,
            plan_id: format!("room-{number}-{seed:08x}"),
        }
    }

    /// Room `number` taking up the round it kept when the server last
    /// stopped: its people hold their seats (to rejoin them), the round
    /// waits paused, and a debrief goes on from what was typed.
    pub fn restored(
        number: usize,
        deck: Deck,
        fit_minutes: Option<u32>,
        seed: u32,
        state: InProgress,
        now: Moment,
    ) -> Room {
        let InProgress {
            deck: round_deck,
            practice,
            feedback,
        } = state;
        let practice = practice.resume(now);
        let mut room = Room::new(number, deck, fit_minutes, seed);
        for role in round_roles(&practice.people) {
            let people = &practice.people;
            let name = match role {
                Role::Organizer => people.organizer.clone(),
                Role::Partner => people.partner.clone(),
                Role::Observer => people.observer.clone().unwrap_or_default(),
            };
            room.seats[slot(role)] = Some(Seat {
                name,
                connected: false,
            });
        }
        if let Some(plan) = &practice.plan {
            room.plan_id = plan.id.clone();
            room.plan_round = plan.round;
        }
        let round = ActiveRound {
            deck: round_deck,
            practice,
            last_change: None,
            lock: None,
            last_checkpoint: now,
        };
        room.phase = match feedback {
            None if !round.practice.is_finished() => Phase::Running(round),
            typed => {
                let typed = typed.unwrap_or_default();
                let spent = std::time::Duration::from_secs(typed.debrief_secs);
                Phase::Debrief(Debrief {
                    round,
                    started: Moment(now.0.saturating_sub(spent)),
                    parts: Vec::new(),
                    typed,
                })
            }
        };
        room
    }

    /// The seat of `role`, if someone took it.
    pub fn seat(&self, role: Role) -> Option<&Seat> {
        self.seats[slot(role)].as_ref()
    }

    /// The roles a newcomer may take: a free seat (while the round has not
    /// started, or it is one the round has), or one whose connection
    /// dropped (to rejoin it).
    pub fn open_roles(&self) -> Vec<Role> {
        ROLES
            .into_iter()
            .filter(|&role| match self.seat(role) {
                Some(seat) => !seat.connected,
                None => self.round_has(role),
            })
            .collect()
    }

    /// Whether `role` takes part in the round under way (any role before
    /// it starts).
    fn round_has(&self, role: Role) -> bool {
        match self.round() {
            None => true,
            Some(round) => role != Role::Observer || round.practice.people.observer.is_some(),
        }
    }

    /// Takes `role`'s seat under `name`: a free one, or the seat of a
    /// dropped connection (which keeps the name it had).
    pub fn take_seat(&mut self, role: Role, name: &str) -> Result<(), SeatError> {
        if !self.round_has(role) {
            return Err(SeatError::NotInRound);
        }
        match &mut self.seats[slot(role)] {
            Some(seat) if seat.connected => Err(SeatError::Taken),
            Some(seat) => {
                seat.connected = true;
                Ok(())
            }
            free @ None => {
                let name = clean_name(name);
                if name.is_empty() {
                    return Err(SeatError::NoName);
                }
                *free = Some(Seat {
                    name,
                    connected: true,
                });
                Ok(())
            }
        }
    }

    /// The connection on `role`'s seat dropped. Before the round starts the
    /// seat is freed; after, it is kept for a rejoin.
    pub fn leave_seat(&mut self, role: Role) {
        let gathering = matches!(self.phase, Phase::Gathering);
        let seat = &mut self.seats[slot(role)];
        if gathering {
            *seat = None;
        } else if let Some(seat) = seat {
            seat.connected = false;
        }
    }

    /// The people of the next round, from the seats.
    pub fn people(&self) -> People {
        let name = |role| self.seat(role).map(|s| s.name.clone());
        People {
            organizer: name(Role::Organizer).unwrap_or_default(),
            partner: name(Role::Partner).unwrap_or_default(),
            observer: name(Role::Observer),
        }
    }

    /// The fitted breakout for this many people, when rounds are fitted.
    pub fn fitted(&self) -> Option<Result<FitPlan, crate::record::FitError>> {
        let minutes = self.fit_minutes?;
        let people = if self.seat(Role::Observer).is_some() {
            3
        } else {
            2
        };
        let stage_minutes: Vec<u32> = self.deck.stages.iter().map(|s| s.minutes).collect();
        Some(fit(
            &stage_minutes,
            self.deck.debrief_minutes,
            people,
            minutes,
        ))
    }

    /// The round the seats would start now.
    pub fn next_spec(&self) -> RoundSpec {
        let people = self.people();
        let plan = self
            .fitted()
            .and_then(Result::ok)
            .map(|fitted| fitted.round(&self.plan_id, self.plan_round));
        RoundSpec {
            mode: if people.observer.is_some() {
                Mode::Triad
            } else {
                Mode::Pair
            },
            people,
            drill_stage: None,
            seed: self.seed,
            stage_minutes: plan.as_ref().map(|p| p.stage_minutes.clone()),
            plan,
        }
    }

    /// Whether the round can start: an organizer and a partner are seated.
    pub fn can_start(&self) -> bool {
        matches!(self.phase, Phase::Gathering)
            && self.seat(Role::Organizer).is_some()
            && self.seat(Role::Partner).is_some()
    }

    /// Starts the round when it can; returns whether it did.
    pub fn start(&mut self, now: Moment, wall: DateTime<Utc>) -> bool {
        if !self.can_start() {
            return false;
        }
        let practice = Practice::start(&self.deck, &self.next_spec(), now, wall);
        self.phase = Phase::Running(ActiveRound {
            deck: self.deck.clone(),
            practice,
            last_change: None,
            lock: None,
            last_checkpoint: now,
        });
        true
    }

    /// The round being practised or debriefed.
    pub fn round(&self) -> Option<&ActiveRound> {
        match &self.phase {
            Phase::Running(round) => Some(round),
            Phase::Debrief(debrief) => Some(&debrief.round),
            Phase::Gathering | Phase::Saved(_) => None,
        }
    }

    /// The running round.
    pub fn running(&self) -> Option<&ActiveRound> {
        match &self.phase {
            Phase::Running(round) => Some(round),
            _ => None,
        }
    }

    /// The running round, to change it.
    pub fn running_mut(&mut self) -> Option<&mut ActiveRound> {
        match &mut self.phase {
            Phase::Running(round) => Some(round),
            _ => None,
        }
    }

    /// Pauses a running round (the facilitator's "pause all"); returns
    /// whether it was running.
    pub fn pause(&mut self, now: Moment) -> bool {
        match self.running_mut() {
            Some(round) if !round.practice.is_paused() => {
                round.practice.toggle_pause(now);
                true
            }
            _ => false,
        }
    }

    /// Goes on with a round paused by [`Room::pause`].
    pub fn resume(&mut self, now: Moment) {
        if let Some(round) = self.running_mut()
            && round.practice.is_paused()
        {
            round.practice.toggle_pause(now);
        }
    }

    /// The last stage is over: the debrief starts for everyone.
    pub fn finish(&mut self, now: Moment) {
        if let Phase::Running(_) = self.phase {
            let Phase::Running(mut round) = std::mem::replace(&mut self.phase, Phase::Gathering)
            else {
                unreachable!("matched above");
            };
            if !round.practice.is_finished() {
                while round.practice.next_stage(now) != Step::Finished {}
            }
            self.phase = Phase::Debrief(Debrief {
                round,
                started: now,
                parts: Vec::new(),
                typed: FeedbackDraft::default(),
            });
        }
    }

    /// The roles whose part of the debrief is still to come.
    pub fn parts_missing(&self) -> Vec<Role> {
        let Phase::Debrief(debrief) = &self.phase else {
            return Vec::new();
        };
        round_roles(&debrief.round.practice.people)
            .filter(|role| debrief.parts.iter().all(|(r, _)| r != role))
            .collect()
    }

    /// `role` hands in their part. Once every part is in, the session is
    /// returned for the caller to save (see [`Room::saved`]).
    pub fn hand_in(
        &mut self,
        role: Role,
        draft: FeedbackDraft,
        wall: DateTime<Utc>,
    ) -> Option<SessionRecord> {
        let Phase::Debrief(debrief) = &mut self.phase else {
            return None;
        };
        debrief.parts.retain(|(r, _)| *r != role);
        debrief.parts.push((role, draft));
        if self.parts_missing().is_empty() {
            self.record(wall)
        } else {
            None
        }
    }

    /// `role` takes their part back, to change it.
    pub fn take_back(&mut self, role: Role) -> Option<FeedbackDraft> {
        let Phase::Debrief(debrief) = &mut self.phase else {
            return None;
        };
        let at = debrief.parts.iter().position(|(r, _)| *r == role)?;
        Some(debrief.parts.remove(at).1)
    }

    /// The session of the debrief with the parts handed in so far (none
    /// before the debrief, or when nobody handed anything in).
    pub fn record(&self, wall: DateTime<Utc>) -> Option<SessionRecord> {
        let Phase::Debrief(debrief) = &self.phase else {
            return None;
        };
        if debrief.parts.is_empty() {
            return None;
        }
        let feedback = merge(&debrief.parts).finish().ok()?;
        let practice = &debrief.round.practice;
        Some(practice.record(
            new_session_id(practice.started_at),
            &debrief.round.deck,
            feedback,
            wall,
        ))
    }

    /// The session was saved at `path`: the summary shows.
    pub fn saved(&mut self, record: SessionRecord, path: PathBuf) {
        let deck = self
            .round()
            .map_or_else(|| self.deck.clone(), |r| r.deck.clone());
        self.phase = Phase::Saved(Box::new(SavedRound { record, deck, path }));
    }

    /// The next round, with the roles rotated as a local round rotates
    /// them (the partner organizes, the organizer observes or partners);
    /// returns whether it rotated (only after a saved round).
    pub fn next_round(&mut self, seed: u32) -> bool {
        if !matches!(self.phase, Phase::Saved(_)) {
            return false;
        }
        let [organizer, partner, observer] = std::mem::take(&mut self.seats);
        self.seats = match observer {
            Some(observer) => [partner, Some(observer), organizer],
            None => [partner, organizer, None],
        };
        self.seed = seed;
        self.plan_round += 1;
        self.phase = Phase::Gathering;
        true
    }

    /// The role that `role` plays after [`Room::next_round`], in a round
    /// with or without an observer.
    pub fn rotated(role: Role, with_observer: bool) -> Role {
        match (role, with_observer) {
            (Role::Partner, _) => Role::Organizer,
            (Role::Observer, _) => Role::Partner,
            (Role::Organizer, true) => Role::Observer,
            (Role::Organizer, false) => Role::Partner,
        }
    }

    /// Whether the room's seats include an observer.
    pub fn has_observer(&self) -> bool {
        self.seat(Role::Observer).is_some()
    }

    /// The unfinished round as an in-progress state, to keep it when the
    /// server stops; the parts handed in go with it.
    pub fn in_progress(&mut self, now: Moment) -> Option<InProgress> {
        let (round, feedback) = match &mut self.phase {
            Phase::Running(round) => (round, None),
            Phase::Debrief(debrief) => {
                let mut draft = merge(&debrief.parts);
                draft.debrief_secs = now.since(debrief.started).as_secs();
                (&mut debrief.round, Some(draft))
            }
            Phase::Gathering | Phase::Saved(_) => return None,
        };
        round.last_checkpoint = now;
        Some(InProgress {
            deck: round.deck.clone(),
            practice: round.practice.snapshot(now),
            feedback,
        })
    }
}

/// The roles of a round's people, in the taught order.
pub fn round_roles(people: &People) -> impl Iterator<Item = Role> + '_ {
    ROLES.into_iter().filter(|role| match role {
        Role::Organizer => true,
        Role::Partner => !people.partner.is_empty(),
        Role::Observer => people.observer.is_some(),
    })
}

/// One draft from everyone's parts: each person's own feedback, the checks
/// of whoever ticked them, the commitment from the organizer.
pub fn merge(parts: &[(Role, FeedbackDraft)]) -> FeedbackDraft {
    let mut merged = FeedbackDraft::default();
    let mut participants: Vec<ParticipantFeedback> = Vec::new();
    for role in ROLES {
        let Some((_, draft)) = parts.iter().find(|(r, _)| *r == role) else {
            continue;
        };
        participants.extend(
            draft
                .participants
                .iter()
                .filter(|p| p.role == role)
                .cloned(),
        );
        if draft.checked_by == Some(role) {
            merged.checks = draft.checks.clone();
            merged.checked_by = Some(role);
        }
        if role == Role::Organizer {
            merged.ask = draft.ask.clone();
            merged.answer = draft.answer;
            merged.action = draft.action.clone();
            merged.date = draft.date.clone();
            merged.follow_up = draft.follow_up.clone();
        }
        merged.debrief_secs = merged.debrief_secs.max(draft.debrief_secs);
    }
    merged.participants = participants;
    merged
}

#[cfg(test)]
mod tests;
