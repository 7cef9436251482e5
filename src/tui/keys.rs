//! Key tables. Each screen lists its bindings once; the same table decides
//! what a key does and draws the key hints and the `?` help overlay, so the
//! two cannot drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tr;

/// One way of pressing a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character, with or without Shift.
    Char(char),
    /// A named key (arrows, Enter, Esc, Tab, …), without Ctrl or Alt.
    Code(KeyCode),
    /// Ctrl plus a letter.
    Ctrl(char),
    /// Any of the digits 1–9; the digit is passed to the command.
    Digit,
}

impl Key {
    /// The digit (1–9) this key matched, if it is `Digit`; `Some(0)` for
    /// any other match.
    fn matches(self, event: &KeyEvent) -> Option<u8> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        match (self, event.code) {
            (Key::Ctrl(want), KeyCode::Char(c)) if ctrl => {
                (c.eq_ignore_ascii_case(&want)).then_some(0)
            }
            (_, _) if ctrl || alt => None,
            (Key::Char(want), KeyCode::Char(c)) => (c == want).then_some(0),
            (Key::Digit, KeyCode::Char(c @ '1'..='9')) => Some(c as u8 - b'0'),
            (Key::Code(want), code) => (code == want).then_some(0),
            _ => None,
        }
    }
}

/// A text in the current language, looked up when it is drawn.
pub type Message = fn() -> String;

/// (keys, help) rows of the `?` overlay, in the current language.
pub type HelpRows = Vec<(String, String)>;

/// A row of a screen's key table.
#[derive(Debug)]
pub struct Binding<C> {
    pub keys: &'static [Key],
    /// How the keys are written in hints and help, e.g. "n / →".
    pub label: &'static str,
    /// Short word for the hint bar, in the current language; `None` keeps
    /// the binding out of the bar.
    pub hint: Option<Message>,
    /// One sentence for the help overlay, in the current language.
    pub help: Message,
    pub command: C,
}

/// The `?` row every list screen has.
pub const fn help_key<C>(command: C) -> Binding<C> {
    Binding {
        keys: &[Key::Char('?')],
        label: "?",
        hint: Some(|| tr!("hint-help")),
        help: || tr!("key-help"),
        command,
    }
}

/// The `q`/`Esc` row of a screen that goes back somewhere; `help` says
/// where.
pub const fn back_key<C>(command: C, help: Message) -> Binding<C> {
    Binding {
        keys: &[Key::Char('q'), Key::Code(KeyCode::Esc)],
        label: "q/Esc",
        hint: Some(|| tr!("hint-back")),
        help,
        command,
    }
}

/// Key names as the current language writes them on keyboards:
/// "q/Esc" → "q/Échap", "Shift-Tab" → "Maj-Tab". Letters, digits and
/// arrows stay as they are.
pub fn key_names(label: &str) -> String {
    const NAMES: [(&str, Message); 8] = [
        ("Enter", || tr!("key-name-enter")),
        ("Esc", || tr!("key-name-esc")),
        ("Space", || tr!("key-name-space")),
        ("Shift", || tr!("key-name-shift")),
        ("PgUp", || tr!("key-name-page-up")),
        ("PgDn", || tr!("key-name-page-down")),
        ("Home", || tr!("key-name-home")),
        ("End", || tr!("key-name-end")),
    ];
    let mut out = String::with_capacity(label.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match NAMES.iter().find(|(name, _)| *name == word.as_str()) {
            Some((_, translated)) => out.push_str(&translated()),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in label.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Finds the command bound to `event`, with the digit pressed (0 when the
/// binding is not a digit binding).
pub fn lookup<C: Copy>(table: &[Binding<C>], event: &KeyEvent) -> Option<(C, u8)> {
    table.iter().find_map(|binding| {
        binding
            .keys
            .iter()
            .find_map(|key| key.matches(event))
            .map(|digit| (binding.command, digit))
    })
}

/// (keys, help) rows for the help overlay, in the current language.
pub fn help_rows<C>(table: &[Binding<C>]) -> HelpRows {
    table
        .iter()
        .map(|b| (b.label.to_owned(), (b.help)()))
        .collect()
}

/// (keys, hint) pairs for the hint bar, in the current language.
pub fn hints<C>(table: &[Binding<C>]) -> Vec<(&'static str, String)> {
    table
        .iter()
        .filter_map(|b| b.hint.map(|hint| (b.label, hint())))
        .collect()
}

/// `Ctrl-C`: quits from anywhere, keeping in-progress state.
pub fn is_quit(event: &KeyEvent) -> bool {
    Key::Ctrl('c').matches(event).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Cmd {
        Next,
        Mark,
        Save,
    }

    const TABLE: &[Binding<Cmd>] = &[
        Binding {
            keys: &[Key::Char('n'), Key::Code(KeyCode::Right)],
            label: "n / →",
            hint: Some(|| "next".to_owned()),
            help: || "Next stage.".to_owned(),
            command: Cmd::Next,
        },
        Binding {
            keys: &[Key::Digit],
            label: "1–9",
            hint: None,
            help: || "Add a mark.".to_owned(),
            command: Cmd::Mark,
        },
        Binding {
            keys: &[Key::Ctrl('s')],
            label: "Ctrl-S",
            hint: Some(|| "save".to_owned()),
            help: || "Save.".to_owned(),
            command: Cmd::Save,
        },
    ];

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn keys_find_their_commands() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            lookup(TABLE, &key(KeyCode::Char('n'), none)),
            Some((Cmd::Next, 0))
        );
        assert_eq!(
            lookup(TABLE, &key(KeyCode::Right, none)),
            Some((Cmd::Next, 0))
        );
        assert_eq!(
            lookup(TABLE, &key(KeyCode::Char('7'), none)),
            Some((Cmd::Mark, 7))
        );
        assert_eq!(lookup(TABLE, &key(KeyCode::Char('0'), none)), None);
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(
            lookup(TABLE, &key(KeyCode::Char('s'), ctrl)),
            Some((Cmd::Save, 0))
        );
        assert_eq!(lookup(TABLE, &key(KeyCode::Char('n'), ctrl)), None);
        assert_eq!(lookup(TABLE, &key(KeyCode::Char('s'), none)), None);
    }

    #[test]
    fn key_names_follow_the_language_and_leave_letters_alone() {
        assert_eq!(key_names("q/Esc"), "q/Esc");
        assert_eq!(key_names("Shift-Tab/↑"), "Shift-Tab/↑");
        let _fr = crate::i18n::scoped("fr");
        assert_eq!(key_names("q/Esc"), "q/Échap");
        assert_eq!(key_names("Shift-Tab/↑"), "Maj-Tab/↑");
        assert_eq!(key_names("PgDn/Space"), "PgSuiv/Espace");
        assert_eq!(key_names("End/G"), "Fin/G");
        assert_eq!(key_names("Ctrl-S"), "Ctrl-S");
    }

    #[test]
    fn hints_leave_out_unhinted_bindings() {
        assert_eq!(
            hints(TABLE),
            vec![("n / →", "next".to_owned()), ("Ctrl-S", "save".to_owned())]
        );
        assert_eq!(help_rows(TABLE).len(), 3);
    }
}
