//! Styles by meaning, so that "no colour" is one swap. Colour is never the
//! only signal: every state it marks is also written as text.

use ratatui::style::{Color, Modifier, Style};

use crate::practice::TimingLight;

/// The styles every screen draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub text: Style,
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
            muted: Style::new().fg(Color::DarkGray),
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

    /// Picks the theme from the flag and the `NO_COLOR` convention.
    pub fn from_env(no_color_flag: bool) -> Theme {
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color_flag || no_color_env {
            Theme::monochrome()
        } else {
            Theme::color()
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
