//! A yes/no question over a screen. Every screen asks the same way, with
//! the same keys, listed in each screen's help.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{centered, hint_line};
use crate::tr;
use crate::tui::keys::{Binding, Key, help_rows, hints, lookup};
use crate::tui::theme::Theme;

/// The answer to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    Yes,
    No,
}

const KEYS: &[Binding<Reply>] = &[
    Binding {
        keys: &[Key::Char('y'), Key::Char('Y'), Key::Code(KeyCode::Enter)],
        label: "y/Enter",
        hint: Some(|| tr!("hint-yes")),
        help: || tr!("key-confirm-yes"),
        command: Reply::Yes,
    },
    Binding {
        keys: &[Key::Char('n'), Key::Char('N'), Key::Code(KeyCode::Esc)],
        label: "n/Esc",
        hint: Some(|| tr!("hint-no")),
        help: || tr!("key-confirm-no"),
        command: Reply::No,
    },
];

/// An open question; `Q` says which one, so the screen knows what a yes
/// does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm<Q> {
    pub question: Q,
    text: String,
}

impl<Q: Copy> Confirm<Q> {
    /// Asks `text`; `question` is handed back with the reply.
    pub fn ask(question: Q, text: impl Into<String>) -> Confirm<Q> {
        Confirm {
            question,
            text: text.into(),
        }
    }

    /// The reply a key gives, if it is one of the question's keys; other
    /// keys leave the question open.
    pub fn reply(&self, key: &KeyEvent) -> Option<Reply> {
        lookup(KEYS, key).map(|(reply, _)| reply)
    }

    /// Draws the question in a box over `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let width = 60.min(area.width);
        let inner_width = usize::from(width.saturating_sub(2)).max(1);
        let text_rows = self.text.chars().count().div_ceil(inner_width) as u16 + 1;
        let popup = centered(area, width, text_rows + 4);
        frame.render_widget(Clear, popup);
        let text = vec![
            Line::from(self.text.clone()),
            Line::from(""),
            hint_line(&hints(KEYS), theme),
        ];
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(Line::styled(tr!("confirm-title"), theme.title))),
            popup,
        );
    }
}

/// The question keys, for a screen's help overlay.
pub fn confirm_help() -> Vec<(String, String)> {
    help_rows(KEYS)
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyModifiers;

    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn y_and_enter_say_yes_n_and_esc_say_no_other_keys_wait() {
        let confirm = Confirm::ask(1, "Leave?");
        assert_eq!(confirm.reply(&key(KeyCode::Char('y'))), Some(Reply::Yes));
        assert_eq!(confirm.reply(&key(KeyCode::Enter)), Some(Reply::Yes));
        assert_eq!(confirm.reply(&key(KeyCode::Char('n'))), Some(Reply::No));
        assert_eq!(confirm.reply(&key(KeyCode::Esc)), Some(Reply::No));
        assert_eq!(confirm.reply(&key(KeyCode::Char('x'))), None);
        assert_eq!(confirm.reply(&key(KeyCode::Char('3'))), None);
        assert_eq!(confirm_help().len(), 2);
    }
}
