//! A stage's clock at one moment: planned vs elapsed, and the timing light.

use std::time::Duration;

/// The timing light of a stage. Shown as a colour and always as text too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimingLight {
    /// More than a quarter of the planned time is left.
    Green,
    /// In the last quarter of the planned time.
    Yellow,
    /// Time is up; overtime is counting.
    Red,
}

/// Planned and elapsed time of one stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageTimer {
    pub planned: Duration,
    pub elapsed: Duration,
}

impl StageTimer {
    /// Time left, or `None` once the plan is used up.
    pub fn remaining(&self) -> Option<Duration> {
        self.planned
            .checked_sub(self.elapsed)
            .filter(|left| !left.is_zero())
    }

    /// Time past the plan (zero while time is left).
    pub fn overtime(&self) -> Duration {
        self.elapsed.saturating_sub(self.planned)
    }

    /// Share of the planned time still left, 0.0 to 1.0.
    pub fn fraction_left(&self) -> f64 {
        match self.remaining() {
            Some(left) if !self.planned.is_zero() => {
                left.as_secs_f64() / self.planned.as_secs_f64()
            }
            _ => 0.0,
        }
    }

    /// Green, then yellow in the last quarter, red at zero and after.
    pub fn light(&self) -> TimingLight {
        match self.remaining() {
            None => TimingLight::Red,
            Some(_) if self.fraction_left() <= 0.25 => TimingLight::Yellow,
            Some(_) => TimingLight::Green,
        }
    }
}

/// The time from `elapsed` to its next whole second: when a clock that
/// shows whole seconds changes next.
pub fn until_next_second(elapsed: Duration) -> Duration {
    Duration::from_secs(1) - Duration::from_nanos(u64::from(elapsed.subsec_nanos()))
}

/// Formats a duration as `m:ss` (or `h:mm:ss` past an hour), rounding the
/// seconds up while counting down so that "0:00" appears only at zero.
pub fn clock_text(d: Duration, round_up: bool) -> String {
    let mut secs = d.as_secs();
    if round_up && d.subsec_nanos() > 0 {
        secs += 1;
    }
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Whole seconds as `m:ss` (or `h:mm:ss`).
pub fn secs_text(secs: u64) -> String {
    clock_text(Duration::from_secs(secs), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timer(planned: u64, elapsed_ms: u64) -> StageTimer {
        StageTimer {
            planned: Duration::from_secs(planned),
            elapsed: Duration::from_millis(elapsed_ms),
        }
    }

    #[test]
    fn light_turns_yellow_in_the_last_quarter_and_red_at_zero() {
        assert_eq!(timer(120, 89_000).light(), TimingLight::Green);
        assert_eq!(timer(120, 90_000).light(), TimingLight::Yellow);
        assert_eq!(timer(120, 119_999).light(), TimingLight::Yellow);
        assert_eq!(timer(120, 120_000).light(), TimingLight::Red);
        assert_eq!(timer(120, 500_000).light(), TimingLight::Red);
    }

    #[test]
    fn overtime_counts_only_past_the_plan() {
        assert_eq!(timer(60, 59_000).overtime(), Duration::ZERO);
        assert_eq!(timer(60, 75_000).overtime(), Duration::from_secs(15));
        assert_eq!(timer(60, 75_000).remaining(), None);
    }

    #[test]
    fn clock_text_rounds_up_while_counting_down() {
        assert_eq!(clock_text(Duration::from_millis(59_100), true), "1:00");
        assert_eq!(clock_text(Duration::from_millis(59_100), false), "0:59");
        assert_eq!(clock_text(Duration::from_secs(3_725), false), "1:02:05");
    }
}
