//! Styles by meaning, so that "no colour" is one swap. Colour is never the
//! only signal: every state it marks is also written as text.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;
use crate::practice::TimingLight;

/// The styles every screen draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub text: Style,
    /// Secondary text: the default foreground, dimmed or in italics, never
    /// ANSI colour 8 (bright black), which several palettes draw in the
    /// background colour.
    pub muted: Style,
    /// The focused field or selected row.
    pub focus: Style,
    pub on_time: Style,
    pub warning: Style,
    pub overtime: Style,
    pub error: Style,
    /// Key names in hints and help.
    pub key: Style,
}

impl Theme {
    /// The default, coloured theme.
    pub fn color() -> Theme {
        Theme {
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            text: Style::new(),
            muted: Style::new().add_modifier(Modifier::DIM),
            focus: Style::new().fg(Color::Black).bg(Color::Cyan),
            on_time: Style::new().fg(Color::Green),
            warning: Style::new().fg(Color::Yellow),
            overtime: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        }
    }

    /// No colour at all (`--no-color`, `NO_COLOR`): emphasis by modifiers.
    pub fn monochrome() -> Theme {
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD),
            text: Style::new(),
            muted: Style::new().add_modifier(Modifier::DIM),
            focus: Style::new().add_modifier(Modifier::REVERSED),
            on_time: Style::new(),
            warning: Style::new().add_modifier(Modifier::BOLD),
            overtime: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            error: Style::new().add_modifier(Modifier::BOLD),
            key: Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// Bright, bold colours on the terminal's background; every emphasis
    /// also carries a modifier.
    pub fn high_contrast() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            title: Style::new().fg(Color::White).add_modifier(bold),
            text: Style::new().fg(Color::White),
            muted: Style::new().fg(Color::White).add_modifier(Modifier::ITALIC),
            focus: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(bold),
            on_time: Style::new().fg(Color::LightGreen).add_modifier(bold),
            warning: Style::new().fg(Color::LightYellow).add_modifier(bold),
            overtime: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(bold),
            error: Style::new().fg(Color::LightRed).add_modifier(bold),
            key: Style::new()
                .fg(Color::LightCyan)
                .add_modifier(bold | Modifier::UNDERLINED),
        }
    }

    /// The theme of this name (chosen by [`crate::config::Effective`]).
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Default => Theme::color(),
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::Mono => Theme::monochrome(),
        }
    }

    /// The style of a timing light.
    pub fn light(&self, light: TimingLight) -> Style {
        match light {
            TimingLight::Green => self.on_time,
            TimingLight::Yellow => self.warning,
            TimingLight::Red => self.overtime,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(theme: &Theme) -> [Style; 9] {
        [
            theme.title,
            theme.text,
            theme.muted,
            theme.focus,
            theme.on_time,
            theme.warning,
            theme.overtime,
            theme.error,
            theme.key,
        ]
    }

    /// ANSI colour 8 is the background colour in several palettes
    /// (Solarized dark among them): text drawn in it disappears.
    #[test]
    fn no_theme_draws_in_bright_black() {
        for theme in [Theme::color(), Theme::monochrome(), Theme::high_contrast()] {
            for style in styles(&theme) {
                for colour in [style.fg, style.bg] {
                    assert_ne!(colour, Some(Color::DarkGray), "{style:?} in {theme:?}");
                    assert_ne!(colour, Some(Color::Indexed(8)), "{style:?} in {theme:?}");
                }
            }
            assert_eq!(
                theme.muted.fg.unwrap_or(Color::Reset),
                theme.text.fg.unwrap_or(Color::Reset)
            );
        }
    }

    #[test]
    fn mono_uses_no_colour_at_all() {
        let theme = Theme::named(ThemeName::Mono);
        assert_eq!(theme, Theme::monochrome());
        for style in styles(&theme) {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
    }

    #[test]
    fn every_timing_light_differs_without_colour() {
        let theme = Theme::monochrome();
        let lights = [TimingLight::Green, TimingLight::Yellow, TimingLight::Red];
        let modifiers: Vec<_> = lights
            .iter()
            .map(|l| theme.light(*l).add_modifier)
            .collect();
        assert_ne!(modifiers[0], modifiers[1]);
        assert_ne!(modifiers[1], modifiers[2]);
    }

    #[test]
    fn high_contrast_is_bold_wherever_it_emphasises() {
        let theme = Theme::named(ThemeName::HighContrast);
        assert_eq!(theme, Theme::high_contrast());
        for style in [
            theme.title,
            theme.focus,
            theme.on_time,
            theme.warning,
            theme.overtime,
            theme.key,
        ] {
            assert!(style.add_modifier.contains(Modifier::BOLD), "{style:?}");
        }
    }
}
