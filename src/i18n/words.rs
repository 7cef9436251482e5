//! The domain's vocabulary in the current language. The domain keeps its
//! typed values (and English `label()`s for files and tools); screens and
//! commands show these words instead.

use crate::config::Source;
use crate::deck::{DeckError, MAX_DECK_BYTES, PrivateField, TalkVerdict, suggest};
use crate::practice::{People, TimingLight};
use crate::record::{Answer, DateField, FitError, FitPlan, Mode, Role};
use crate::stats::{self, Direction, Trend};
use crate::tr;

/// "pair", "triad", "solo", "drill".
pub fn mode(mode: Mode) -> String {
    match mode {
        Mode::Pair => tr!("mode-pair"),
        Mode::Triad => tr!("mode-triad"),
        Mode::Solo => tr!("mode-solo"),
        Mode::Drill => tr!("mode-drill"),
    }
}

/// "organizer", "partner", "observer".
pub fn role(role: Role) -> String {
    match role {
        Role::Organizer => tr!("role-organizer"),
        Role::Partner => tr!("role-partner"),
        Role::Observer => tr!("role-observer"),
    }
}

/// "yes", "maybe", "no".
pub fn answer(answer: Answer) -> String {
    match answer {
        Answer::Yes => tr!("answer-yes"),
        Answer::Maybe => tr!("answer-maybe"),
        Answer::No => tr!("answer-no"),
    }
}

/// A trend in a table: "rising", …, "too few".
pub fn direction(direction: Direction) -> String {
    match direction {
        Direction::Rising => tr!("trend-rising"),
        Direction::Falling => tr!("trend-falling"),
        Direction::Steady => tr!("trend-steady"),
        Direction::Unknown => tr!("trend-unknown"),
    }
}

/// A trend in a table cell: "↑ +0.4", "→ steady", "too few" (as
/// [`Trend::short`], in the current language).
pub fn trend_short(trend: &Trend, scale: f64, decimals: usize) -> String {
    let arrow = trend.direction.arrow();
    match (trend.direction, trend.change) {
        (Direction::Rising | Direction::Falling, Some(change))
            // A change that rounds to zero would read "+0.00".
            if (change * scale).abs() >= 0.5 * 10f64.powi(-(decimals as i32)) =>
        {
            format!("{arrow} {}", signed(change * scale, decimals))
        }
        (Direction::Rising | Direction::Falling | Direction::Steady, _) => {
            format!("{arrow} {}", direction(trend.direction))
        }
        (Direction::Unknown, _) => direction(Direction::Unknown),
    }
}

/// A signed number with the language's decimal separator ("+0,4"), as
/// [`stats::signed`].
pub fn signed(value: f64, decimals: usize) -> String {
    let text = stats::signed(value, decimals);
    let separator = tr!("decimal-separator");
    if separator == "." {
        text
    } else {
        text.replace('.', &separator)
    }
}

/// A trend in a sentence: "not enough rounds to tell" for too few.
pub fn direction_sentence(direction: Direction) -> String {
    match direction {
        Direction::Unknown => tr!("trend-unknown-sentence"),
        other => self::direction(other),
    }
}

/// The timing light in words, so colour is never the only signal.
pub fn light(light: TimingLight) -> String {
    match light {
        TimingLight::Green => tr!("light-green"),
        TimingLight::Yellow => tr!("light-yellow"),
        TimingLight::Red => tr!("light-red"),
    }
}

/// A talk share's verdict against its band.
pub fn verdict(verdict: TalkVerdict) -> String {
    match verdict {
        TalkVerdict::TooQuiet => tr!("talk-too-quiet"),
        TalkVerdict::Low => tr!("talk-low"),
        TalkVerdict::Within => tr!("talk-within"),
        TalkVerdict::High => tr!("talk-high"),
        TalkVerdict::TooMuch => tr!("talk-too-much"),
    }
}

/// A talk share's verdict in a word or two, for tight rows.
pub fn verdict_short(verdict: TalkVerdict) -> String {
    match verdict {
        TalkVerdict::TooQuiet => tr!("talk-short-too-quiet"),
        TalkVerdict::Low => tr!("talk-short-low"),
        TalkVerdict::Within => tr!("talk-short-within"),
        TalkVerdict::High => tr!("talk-short-high"),
        TalkVerdict::TooMuch => tr!("talk-short-too-much"),
    }
}

/// "action date" or "follow-up date".
pub fn date_field(field: DateField) -> String {
    match field {
        DateField::Action => tr!("date-field-action"),
        DateField::FollowUp => tr!("date-field-follow-up"),
    }
}

/// Where a setting came from: "flag --lang", "config file", …
pub fn source(source: Source) -> String {
    match source {
        Source::Flag(flag) => tr!("source-flag", flag = flag),
        Source::ConfigFile => tr!("source-config-file"),
        Source::Environment(var) => tr!("source-environment", var = var),
        Source::Default => tr!("source-default"),
    }
}

/// Why a deck could not be loaded. A deck's own problems (TOML syntax,
/// validation) keep the wording of the check that found them.
pub fn deck_error(error: &DeckError) -> String {
    match error {
        DeckError::Io { path, source } => tr!(
            "deck-error-io",
            path = path.display().to_string(),
            error = source.to_string()
        ),
        DeckError::Dir { path, source } => tr!(
            "deck-error-dir",
            path = path.display().to_string(),
            error = source.to_string()
        ),
        DeckError::TooLarge { path, size } => tr!(
            "deck-error-too-large",
            path = path.display().to_string(),
            size = crate::i18n::integer(usize::try_from(*size).unwrap_or(usize::MAX)),
            limit = crate::i18n::integer(usize::try_from(MAX_DECK_BYTES).unwrap_or(usize::MAX))
        ),
        DeckError::NotUtf8 { path } => {
            tr!("deck-error-not-utf8", path = path.display().to_string())
        }
        DeckError::NotFound { id, available } => {
            let suggestion = suggest(id, available)
                .map(|s| tr!("deck-error-did-you-mean", id = s))
                .unwrap_or_default();
            tr!(
                "deck-error-not-found",
                id = id.as_str(),
                suggestion = suggestion,
                available = available.join(", ")
            )
        }
        DeckError::Parse { .. } | DeckError::Invalid { .. } => error.to_string(),
    }
}

/// A persona's private field: "Cares about", "Could bring", …
pub fn private_field(field: PrivateField) -> String {
    match field {
        PrivateField::CaresAbout => tr!("persona-cares-about"),
        PrivateField::Resources => tr!("persona-resources"),
        PrivateField::Reluctance => tr!("persona-reluctance"),
        PrivateField::Play => tr!("persona-play"),
    }
}

/// "2 rounds × (10 min + 5 min debrief) = 30 min".
pub fn fit_plan(plan: &FitPlan) -> String {
    tr!(
        "fit-plan",
        rounds = plan.rounds,
        round = plan.round_minutes(),
        debrief = plan.debrief_minutes,
        total = plan.total_minutes()
    )
}

/// Why rounds do not fit the minutes available.
pub fn fit_error(error: &FitError) -> String {
    match *error {
        FitError::TooShort {
            available,
            rounds,
            stages,
            debrief,
            needed,
        } => tr!(
            "fit-too-short",
            available = available,
            needed = needed,
            rounds = rounds,
            stages = stages,
            debrief = debrief
        ),
        FitError::NoStages => tr!("fit-no-stages"),
    }
}

/// "Ana with Ben", "Ana with Ben, Cy observing" or "Ana (alone)".
pub fn people(people: &People) -> String {
    let (organizer, partner) = (people.organizer.clone(), people.partner.clone());
    match (&people.partner.is_empty(), &people.observer) {
        (true, _) => tr!("people-alone", organizer = organizer),
        (false, None) => tr!("people-pair", organizer = organizer, partner = partner),
        (false, Some(observer)) => tr!(
            "people-triad",
            organizer = organizer,
            partner = partner,
            observer = observer.clone()
        ),
    }
}

/// "Ana (organizer) with Ben (partner)", with an observer or alone.
pub fn people_roles(people: &People) -> String {
    let (organizer, partner) = (people.organizer.clone(), people.partner.clone());
    match (&people.partner.is_empty(), &people.observer) {
        (true, _) => tr!("roles-alone", organizer = organizer),
        (false, None) => tr!("roles-pair", organizer = organizer, partner = partner),
        (false, Some(observer)) => tr!(
            "roles-triad",
            organizer = organizer,
            partner = partner,
            observer = observer.clone()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_and_modes_in_english_and_in_french() {
        let triad = People {
            observer: Some("Cy".into()),
            ..People::pair("Ana", "Ben")
        };
        assert_eq!(people(&People::pair("Ana", "")), "Ana (alone)");
        assert_eq!(people(&triad), "Ana with Ben, Cy observing");
        // The domain's own wording, used in exports, reads the same.
        for group in [People::pair("Ana", "Ben"), People::pair("Ana", ""), triad] {
            assert_eq!(people_roles(&group), group.describe_roles());
        }
        for m in Mode::ALL {
            assert_eq!(mode(m), m.label());
        }
        let _fr = crate::i18n::scoped("fr");
        assert_eq!(
            people_roles(&People::pair("Ana", "Ben")),
            "Ana (organisateur) avec Ben (partenaire)"
        );
        assert_eq!(mode(Mode::Triad), "trio");
    }
}
