//! The organizer's talk band: the share of talk time a stage expects from
//! the organizer. Every screen and report judges talk share through this
//! one type, so no band or threshold is typed anywhere else.

use serde::{Deserialize, Serialize};

/// A share this far outside its band (in points of percent) is flagged;
/// closer than that is within the noise of a hand-toggled talk meter.
const FLAG_MARGIN: f64 = 0.10;

/// The organizer's expected share of talk time, in whole percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TalkBand {
    pub low: u8,
    pub high: u8,
}

/// Where a talk share falls against its band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TalkVerdict {
    /// Well below the band: the organizer hardly spoke.
    TooQuiet,
    /// Below the band, but not by much.
    Low,
    Within,
    /// Above the band, but not by much.
    High,
    /// Well above the band: pitching, or an interview with no exchange.
    TooMuch,
}

impl TalkVerdict {
    /// Whether this share is worth flagging to the trainee.
    pub fn is_flagged(self) -> bool {
        matches!(self, TalkVerdict::TooQuiet | TalkVerdict::TooMuch)
    }
}

impl TalkBand {
    /// A band from a deck's `talk = [low, high]`.
    pub fn from_percent([low, high]: [u8; 2]) -> TalkBand {
        TalkBand { low, high }
    }

    /// The default band for a stage of this id (method notes, "Talk share
    /// targets, per stage"): the organizer opens and explains the purpose,
    /// listens in exploration, tells their story in the exchange, and asks
    /// then listens in the commitment. Any other stage: a quarter to a half,
    /// enough to be a conversation rather than an interview.
    pub fn default_for(stage_id: &str) -> TalkBand {
        let (low, high) = match stage_id {
            "purpose" => (55, 85),
            "exploration" => (15, 35),
            "exchange" => (40, 65),
            "commitment" => (35, 65),
            _ => (25, 50),
        };
        TalkBand { low, high }
    }

    /// The band of a whole round: each stage's band weighted by its
    /// planned seconds. `None` for a round with no planned time.
    pub fn for_round(stages: impl IntoIterator<Item = (u64, TalkBand)>) -> Option<TalkBand> {
        let (mut secs, mut low, mut high) = (0u64, 0u64, 0u64);
        for (planned, band) in stages {
            secs = secs.saturating_add(planned);
            low = low.saturating_add(planned.saturating_mul(u64::from(band.low)));
            high = high.saturating_add(planned.saturating_mul(u64::from(band.high)));
        }
        let round = |sum: u64| ((sum as f64 / secs as f64).round() as u8).min(100);
        (secs > 0).then(|| TalkBand {
            low: round(low),
            high: round(high),
        })
    }

    /// The lower bound as a share (0.0–1.0).
    pub fn low_share(self) -> f64 {
        f64::from(self.low) / 100.0
    }

    /// The upper bound as a share (0.0–1.0).
    pub fn high_share(self) -> f64 {
        f64::from(self.high) / 100.0
    }

    /// Where `share` (0.0–1.0) falls against the band.
    pub fn judge(self, share: f64) -> TalkVerdict {
        if share < self.low_share() - FLAG_MARGIN {
            TalkVerdict::TooQuiet
        } else if share < self.low_share() {
            TalkVerdict::Low
        } else if share > self.high_share() + FLAG_MARGIN {
            TalkVerdict::TooMuch
        } else if share > self.high_share() {
            TalkVerdict::High
        } else {
            TalkVerdict::Within
        }
    }

    /// "15–35%".
    pub fn label(self) -> String {
        format!("{}–{}%", self.low, self.high)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_method_notes() {
        assert_eq!(
            TalkBand::default_for("purpose"),
            TalkBand { low: 55, high: 85 }
        );
        assert_eq!(
            TalkBand::default_for("exploration"),
            TalkBand { low: 15, high: 35 }
        );
        assert_eq!(
            TalkBand::default_for("exchange"),
            TalkBand { low: 40, high: 65 }
        );
        assert_eq!(
            TalkBand::default_for("commitment"),
            TalkBand { low: 35, high: 65 }
        );
        assert_eq!(
            TalkBand::default_for("open"),
            TalkBand { low: 25, high: 50 }
        );
    }

    #[test]
    fn a_round_band_weights_stages_by_planned_time() {
        // The relational deck's 3/15/7/5 minutes: low (3·55 + 15·15 + 7·40
        // + 5·35) / 30 = 845/30 = 28.2, high (3·85 + 15·35 + 7·65 + 5·65)
        // / 30 = 1560/30 = 52.
        let stages = [
            (180, TalkBand::default_for("purpose")),
            (900, TalkBand::default_for("exploration")),
            (420, TalkBand::default_for("exchange")),
            (300, TalkBand::default_for("commitment")),
        ];
        assert_eq!(
            TalkBand::for_round(stages),
            Some(TalkBand { low: 28, high: 52 })
        );
        assert_eq!(TalkBand::for_round([]), None);
        assert_eq!(
            TalkBand::for_round([(60, TalkBand { low: 10, high: 20 })]),
            Some(TalkBand { low: 10, high: 20 })
        );
    }

    #[test]
    fn shares_are_judged_with_a_margin_before_flagging() {
        let band = TalkBand { low: 20, high: 40 };
        assert_eq!(band.judge(0.05), TalkVerdict::TooQuiet);
        assert_eq!(band.judge(0.10), TalkVerdict::Low);
        assert_eq!(band.judge(0.15), TalkVerdict::Low);
        assert_eq!(band.judge(0.20), TalkVerdict::Within);
        assert_eq!(band.judge(0.40), TalkVerdict::Within);
        assert_eq!(band.judge(0.45), TalkVerdict::High);
        assert_eq!(band.judge(0.50), TalkVerdict::High);
        assert_eq!(band.judge(0.51), TalkVerdict::TooMuch);
        assert!(band.judge(0.6).is_flagged());
        assert!(band.judge(0.0).is_flagged());
        assert!(!band.judge(0.45).is_flagged());
        assert!(!band.judge(0.15).is_flagged());
        assert_eq!(band.label(), "20–40%");
    }
}
