//! Fitting rounds into the time a breakout has: every participant
//! organizes once, each round followed by its debrief, with the deck's
//! stage minutes scaled to what is left.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A stage is never planned longer than this (the deck format's limit).
pub const MAX_STAGE_MINUTES: u32 = 120;

/// The fitted breakout a round belongs to, saved with each of its rounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Shared by every round of the breakout.
    pub id: String,
    /// This round's number, from 1.
    pub round: u32,
    pub rounds: u32,
    /// The minutes the breakout had.
    pub minutes: u32,
    /// Each stage's planned minutes, in deck order.
    pub stage_minutes: Vec<u32>,
    pub debrief_minutes: u32,
}

impl Plan {
    /// Whether another round of the plan comes after this one.
    pub fn has_next(&self) -> bool {
        self.round < self.rounds
    }

    /// The plan's next round.
    pub fn next(&self) -> Plan {
        Plan {
            round: self.round + 1,
            ..self.clone()
        }
    }
}

/// What `fit` worked out, before anything starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitPlan {
    pub rounds: u32,
    pub minutes: u32,
    pub stage_minutes: Vec<u32>,
    pub debrief_minutes: u32,
}

impl FitPlan {
    /// Minutes of practice in one round.
    pub fn round_minutes(&self) -> u32 {
        self.stage_minutes.iter().sum()
    }

    /// Minutes the whole plan takes (at most the minutes available).
    pub fn total_minutes(&self) -> u32 {
        self.rounds * (self.round_minutes() + self.debrief_minutes)
    }

    /// The saved plan of round `round` (from 1), under the plan id `id`.
    pub fn round(&self, id: &str, round: u32) -> Plan {
        Plan {
            id: id.to_owned(),
            round,
            rounds: self.rounds,
            minutes: self.minutes,
            stage_minutes: self.stage_minutes.clone(),
            debrief_minutes: self.debrief_minutes,
        }
    }
}

/// Why the rounds do not fit.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FitError {
    #[error(
        "{available} min is too short: it needs at least {needed} min ({rounds} round(s) of {stages} stage(s), {debrief}-min debriefs)"
    )]
    TooShort {
        available: u32,
        rounds: u32,
        stages: u32,
        debrief: u32,
        needed: u32,
    },
    #[error("the deck has no stages to fit")]
    NoStages,
}

/// Plans `rounds` rounds (one per participant) in `available` minutes:
/// each round gets the same slot, the debrief comes out of it, and the
/// deck's stage minutes (`stage_minutes`) are scaled to the rest in
/// proportion, never below one minute.
pub fn fit(
    stage_minutes: &[u32],
    debrief_minutes: u32,
    rounds: u32,
    available: u32,
) -> Result<FitPlan, FitError> {
    let stages = u32::try_from(stage_minutes.len()).unwrap_or(u32::MAX);
    if stages == 0 {
        return Err(FitError::NoStages);
    }
    let rounds = rounds.max(1);
    let slot = available / rounds;
    let practice = slot.saturating_sub(debrief_minutes);
    if slot <= debrief_minutes || practice < stages {
        return Err(FitError::TooShort {
            available,
            rounds,
            stages,
            debrief: debrief_minutes,
            needed: rounds * (stages + debrief_minutes),
        });
    }
    let practice = practice.min(stages * MAX_STAGE_MINUTES);
    Ok(FitPlan {
        rounds,
        minutes: available,
        stage_minutes: scale(stage_minutes, practice),
        debrief_minutes,
    })
}

/// Scales `weights` to whole minutes summing to `total` (at least one
/// each, at most the stage limit): proportional shares rounded down, the
/// minutes left over going to the largest remainders, and any minute given
/// to lift a stage to one taken back from the longest.
fn scale(weights: &[u32], total: u32) -> Vec<u32> {
    let sum: u64 = weights.iter().map(|&w| u64::from(w.max(1))).sum();
    let exact: Vec<f64> = weights
        .iter()
        .map(|&w| f64::from(w.max(1)) * f64::from(total) / sum as f64)
        .collect();
    let mut minutes: Vec<u32> = exact
        .iter()
        .map(|&e| (e.floor() as u32).clamp(1, MAX_STAGE_MINUTES))
        .collect();
    let mut by_remainder: Vec<usize> = (0..exact.len()).collect();
    by_remainder.sort_by(|&a, &b| {
        let rem = |i: usize| exact[i] - exact[i].floor();
        rem(b).total_cmp(&rem(a)).then(a.cmp(&b))
    });
    let mut assigned: u32 = minutes.iter().sum();
    for &i in by_remainder.iter().cycle().take(exact.len() * 2) {
        if assigned >= total {
            break;
        }
        if minutes[i] < MAX_STAGE_MINUTES {
            minutes[i] += 1;
            assigned += 1;
        }
    }
    while assigned > total {
        let Some(longest) = (0..minutes.len())
            .filter(|&i| minutes[i] > 1)
            .max_by_key(|&i| (minutes[i], std::cmp::Reverse(i)))
        else {
            break;
        };
        minutes[longest] -= 1;
        assigned -= 1;
    }
    minutes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_in_thirty_minutes_gets_two_ten_minute_rounds() {
        // 15 min each: 5 of debrief, 10 of practice. 3/15/7/5 scaled to
        // 10: 1.0, 5.0, 2.33, 1.67 → 1, 5, 2, 1 and the minute left goes
        // to the largest remainder (commitment, .67).
        let plan = fit(&[3, 15, 7, 5], 5, 2, 30).unwrap();
        assert_eq!(plan.stage_minutes, vec![1, 5, 2, 2]);
        assert_eq!(plan.rounds, 2);
        assert_eq!(plan.round_minutes(), 10);
        assert_eq!(plan.total_minutes(), 30);
        assert_eq!(
            crate::i18n::words::fit_plan(&plan),
            "2 rounds × (10 min + 5 min debrief) = 30 min"
        );
    }

    #[test]
    fn a_triad_in_forty_five_minutes() {
        // 15 min each, 4 of debrief: 11 of practice. 3/15/7/5 → 1.1, 5.5,
        // 2.57, 1.83 → 1, 5, 2, 1 (9) and two more minutes by remainder:
        // commitment (.83), exchange (.57).
        let plan = fit(&[3, 15, 7, 5], 4, 3, 45).unwrap();
        assert_eq!(plan.stage_minutes, vec![1, 5, 3, 2]);
        assert_eq!(plan.total_minutes(), 45);
        assert_eq!(
            crate::i18n::words::fit_plan(&plan),
            "3 rounds × (11 min + 4 min debrief) = 45 min"
        );
    }

    #[test]
    fn no_stage_drops_below_one_minute() {
        // 4 minutes over 30/1/1/1: 3.64, .12, .12, .12 → 3, 1, 1, 1 = 6,
        // two too many, taken from the longest.
        let plan = fit(&[30, 1, 1, 1], 0, 1, 4).unwrap();
        assert_eq!(plan.stage_minutes, vec![1, 1, 1, 1]);
        let plan = fit(&[30, 1, 1, 1], 0, 1, 6).unwrap();
        assert_eq!(plan.stage_minutes, vec![3, 1, 1, 1]);
    }

    #[test]
    fn more_time_scales_stages_up() {
        let plan = fit(&[1, 2], 0, 1, 9).unwrap();
        assert_eq!(plan.stage_minutes, vec![3, 6]);
        // Odd minutes left over go round, and the leftover of an uneven
        // split between rounds stays unused.
        let plan = fit(&[1, 1], 1, 2, 9).unwrap();
        assert_eq!(plan.stage_minutes, vec![2, 1]);
        assert_eq!(plan.total_minutes(), 8);
    }

    #[test]
    fn too_little_time_says_how_much_is_needed() {
        let err = fit(&[3, 15, 7, 5], 5, 2, 17).unwrap_err();
        assert_eq!(
            err,
            FitError::TooShort {
                available: 17,
                rounds: 2,
                stages: 4,
                debrief: 5,
                needed: 18
            }
        );
        assert!(err.to_string().contains("at least 18 min"), "{err}");
        assert!(fit(&[3, 15, 7, 5], 5, 2, 18).is_ok());
        assert!(fit(&[1], 5, 1, 5).is_err());
        assert_eq!(fit(&[], 5, 1, 60), Err(FitError::NoStages));
    }

    #[test]
    fn stages_stay_within_the_deck_limit() {
        let plan = fit(&[1, 1], 0, 1, 1000).unwrap();
        assert_eq!(plan.stage_minutes, vec![120, 120]);
    }

    #[test]
    fn plans_count_their_rounds() {
        let plan = fit(&[2, 2], 1, 3, 30).unwrap().round("p", 1);
        assert!(plan.has_next());
        let last = plan.next().next();
        assert_eq!(last.round, 3);
        assert!(!last.has_next());
        assert_eq!(last.id, "p");
    }
}
