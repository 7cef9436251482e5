//! Bytes typed in a remote terminal become the same key events as local
//! input.
//!
//! The escape sequences are decoded by `termina`'s parser, which is
//! crossterm's own Unix input parser made public: a key pressed over SSH
//! decodes exactly as the same key pressed in a local terminal. This module
//! adds what a network stream needs on top of it: a sequence split across
//! packets waits for its end, a lone Esc is told apart from the start of a
//! sequence by a short wait (the caller's timer, then [`InputParser::flush_pending`]),
//! and a client can never make it hold more than [`MAX_PENDING`] bytes.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use termina::event::{
    Event as TerminaEvent, KeyCode as TerminaCode, KeyEventKind as TerminaKind, Modifiers,
};

/// How long a lone Esc waits for the rest of a sequence before it counts as
/// the Esc key: far longer than the gap between two packets of one key,
/// far shorter than a human notices.
pub const ESC_WAIT: std::time::Duration = std::time::Duration::from_millis(30);

/// The most bytes kept waiting for the end of a sequence (a bracketed paste
/// is the longest real one). Past it the waiting bytes are dropped: a client
/// sending an endless sequence costs bounded memory and time.
pub const MAX_PENDING: usize = 4096;

/// Bytes are handed to the parser in pieces of at most this size, so that
/// the count of waiting bytes stays close to the truth.
const PIECE: usize = 256;

/// Turns one connection's input bytes into key events, across packets.
pub struct InputParser {
    parser: termina::Parser,
    /// At least as many bytes as the parser holds unresolved (an upper
    /// bound: termina drops malformed bytes silently).
    unresolved: usize,
    /// The last byte fed was an Esc: it may be the Esc key, or the start of
    /// a sequence whose rest is still on its way.
    ends_with_esc: bool,
    /// The last event was Enter from a `\r`: a `\n` right after it belongs
    /// to the same Enter.
    after_carriage_return: bool,
}

impl Default for InputParser {
    fn default() -> Self {
        InputParser::new()
    }
}

impl InputParser {
    /// A parser with nothing pending.
    pub fn new() -> InputParser {
        InputParser {
            parser: termina::Parser::default(),
            unresolved: 0,
            ends_with_esc: false,
            after_carriage_return: false,
        }
    }

    /// Decodes `bytes` (one packet) into the events they complete; a
    /// sequence left incomplete waits for the next packet.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut events = Vec::new();
        if let Some(last) = bytes.last() {
            self.ends_with_esc = *last == 0x1b;
        }
        for piece in bytes.chunks(PIECE) {
            self.parser.parse(piece, true);
            let before = events.len();
            self.drain_into(&mut events);
            if events.len() > before {
                // Whatever waits now came after the last complete event.
                self.unresolved = piece.len();
            } else {
                self.unresolved += piece.len();
            }
            if self.unresolved > MAX_PENDING {
                self.parser = termina::Parser::default();
                self.unresolved = 0;
            }
        }
        events
    }

    /// Whether the bytes fed so far end with an Esc that may be the Esc
    /// key: the caller then calls [`InputParser::flush_pending`] after
    /// [`ESC_WAIT`] without new bytes.
    pub fn needs_flush(&self) -> bool {
        self.ends_with_esc
    }

    /// No more bytes came in time: a waiting lone Esc is the Esc key. A
    /// longer incomplete sequence keeps waiting (within [`MAX_PENDING`]).
    pub fn flush_pending(&mut self) -> Vec<Event> {
        self.ends_with_esc = false;
        self.parser.parse(&[], false);
        let mut events = Vec::new();
        self.drain_into(&mut events);
        if !events.is_empty() {
            self.unresolved = 0;
        }
        events
    }

    fn drain_into(&mut self, events: &mut Vec<Event>) {
        while let Some(event) = self.parser.pop() {
            if let Some(event) = self.translate(event) {
                events.push(event);
            }
        }
    }

    /// termina's event as crossterm's, with the few bytes a raw terminal
    /// sends that the parser reads as control keys: `\n` is Enter (and
    /// `\r\n` one Enter), 0x08 is Backspace.
    fn translate(&mut self, event: TerminaEvent) -> Option<Event> {
        let after_carriage_return = std::mem::take(&mut self.after_carriage_return);
        let key = match event {
            TerminaEvent::Key(key) => key,
            TerminaEvent::Paste(text) => return Some(Event::Paste(text)),
            _ => return None,
        };
        let mut modifiers = translate_modifiers(key.modifiers);
        let mut code = translate_code(key.code)?;
        if modifiers == KeyModifiers::CONTROL {
            match code {
                KeyCode::Char('j') if after_carriage_return => return None,
                KeyCode::Char('j') => {
                    code = KeyCode::Enter;
                    modifiers = KeyModifiers::NONE;
                }
                KeyCode::Char('h') => {
                    code = KeyCode::Backspace;
                    modifiers = KeyModifiers::NONE;
                }
                _ => {}
            }
        }
        self.after_carriage_return =
            key.code == TerminaCode::Enter && key.modifiers == Modifiers::NONE;
        let kind = match key.kind {
            TerminaKind::Press => KeyEventKind::Press,
            TerminaKind::Repeat => KeyEventKind::Repeat,
            TerminaKind::Release => KeyEventKind::Release,
        };
        Some(Event::Key(KeyEvent::new_with_kind(code, modifiers, kind)))
    }
}

fn translate_modifiers(modifiers: Modifiers) -> KeyModifiers {
    let pairs = [
        (Modifiers::SHIFT, KeyModifiers::SHIFT),
        (Modifiers::ALT, KeyModifiers::ALT),
        (Modifiers::CONTROL, KeyModifiers::CONTROL),
        (Modifiers::SUPER, KeyModifiers::SUPER),
        (Modifiers::HYPER, KeyModifiers::HYPER),
        (Modifiers::META, KeyModifiers::META),
    ];
    pairs
        .into_iter()
        .filter(|(theirs, _)| modifiers.contains(*theirs))
        .fold(KeyModifiers::NONE, |all, (_, ours)| all | ours)
}

/// The keys tandem can use; media and lone modifier keys (sent only by
/// terminals in the kitty protocol, which is never asked for) are dropped.
fn translate_code(code: TerminaCode) -> Option<KeyCode> {
    Some(match code {
        TerminaCode::Char(c) => KeyCode::Char(c),
        TerminaCode::Enter => KeyCode::Enter,
        TerminaCode::Backspace => KeyCode::Backspace,
        TerminaCode::Tab => KeyCode::Tab,
        TerminaCode::BackTab => KeyCode::BackTab,
        TerminaCode::Escape => KeyCode::Esc,
        TerminaCode::Left => KeyCode::Left,
        TerminaCode::Right => KeyCode::Right,
        TerminaCode::Up => KeyCode::Up,
        TerminaCode::Down => KeyCode::Down,
        TerminaCode::Home => KeyCode::Home,
        TerminaCode::End => KeyCode::End,
        TerminaCode::PageUp => KeyCode::PageUp,
        TerminaCode::PageDown => KeyCode::PageDown,
        TerminaCode::Insert => KeyCode::Insert,
        TerminaCode::Delete => KeyCode::Delete,
        TerminaCode::Function(n) => KeyCode::F(n),
        TerminaCode::Null => KeyCode::Null,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn with(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    fn char(c: char) -> Event {
        key(KeyCode::Char(c))
    }

    /// Every event of `packets`, fed one after the other, then flushed.
    fn parse_all(packets: &[&[u8]]) -> Vec<Event> {
        let mut parser = InputParser::new();
        let mut events: Vec<Event> = packets.iter().flat_map(|p| parser.feed(p)).collect();
        events.extend(parser.flush_pending());
        events
    }

    #[test]
    fn plain_characters_are_chars() {
        assert_eq!(parse_all(&[b"ab"]), vec![char('a'), char('b')]);
        assert_eq!(
            parse_all(&[b"A"]),
            vec![with(KeyCode::Char('A'), KeyModifiers::SHIFT)]
        );
    }

    #[test]
    fn carriage_return_and_newline_are_one_enter() {
        assert_eq!(parse_all(&[b"\r"]), vec![key(KeyCode::Enter)]);
        assert_eq!(parse_all(&[b"\n"]), vec![key(KeyCode::Enter)]);
        assert_eq!(parse_all(&[b"\r\n"]), vec![key(KeyCode::Enter)]);
        assert_eq!(parse_all(&[b"\r", b"\n"]), vec![key(KeyCode::Enter)]);
        assert_eq!(
            parse_all(&[b"\r\r\n\n"]),
            vec![
                key(KeyCode::Enter),
                key(KeyCode::Enter),
                key(KeyCode::Enter)
            ]
        );
        assert_eq!(
            parse_all(&[b"\ra\n"]),
            vec![key(KeyCode::Enter), char('a'), key(KeyCode::Enter)]
        );
    }

    #[test]
    fn delete_and_backspace_bytes_are_backspace() {
        assert_eq!(
            parse_all(&[b"\x7f\x08"]),
            vec![key(KeyCode::Backspace), key(KeyCode::Backspace)]
        );
    }

    #[test]
    fn tab_and_back_tab() {
        assert_eq!(parse_all(&[b"\t"]), vec![key(KeyCode::Tab)]);
        assert_eq!(
            parse_all(&[b"\x1b[Z"]),
            vec![with(KeyCode::BackTab, KeyModifiers::SHIFT)]
        );
    }

    #[test]
    fn control_letters_are_chars_with_control() {
        let control = |c| with(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(
            parse_all(&[b"\x01\x03\x13\x1a"]),
            vec![control('a'), control('c'), control('s'), control('z')]
        );
    }

    #[test]
    fn navigation_and_function_keys() {
        let cases: &[(&[u8], KeyCode)] = &[
            (b"\x1b[A", KeyCode::Up),
            (b"\x1b[B", KeyCode::Down),
            (b"\x1b[C", KeyCode::Right),
            (b"\x1b[D", KeyCode::Left),
            (b"\x1bOA", KeyCode::Up),
            (b"\x1b[H", KeyCode::Home),
            (b"\x1b[F", KeyCode::End),
            (b"\x1b[1~", KeyCode::Home),
            (b"\x1b[4~", KeyCode::End),
            (b"\x1b[5~", KeyCode::PageUp),
            (b"\x1b[6~", KeyCode::PageDown),
            (b"\x1b[3~", KeyCode::Delete),
            (b"\x1bOP", KeyCode::F(1)),
            (b"\x1bOQ", KeyCode::F(2)),
            (b"\x1bOR", KeyCode::F(3)),
            (b"\x1bOS", KeyCode::F(4)),
            (b"\x1b[11~", KeyCode::F(1)),
        ];
        for (bytes, code) in cases {
            assert_eq!(parse_all(&[bytes]), vec![key(*code)], "{bytes:?}");
        }
    }

    #[test]
    fn a_sequence_split_across_packets_is_joined() {
        let mut parser = InputParser::new();
        assert_eq!(parser.feed(b"\x1b"), vec![]);
        assert!(parser.needs_flush());
        assert_eq!(parser.feed(b"["), vec![]);
        assert!(!parser.needs_flush());
        assert_eq!(parser.feed(b"A"), vec![key(KeyCode::Up)]);
        assert_eq!(
            parse_all(&[b"\x1b", b"[", b"5", b"~"]),
            vec![key(KeyCode::PageUp)]
        );
    }

    #[test]
    fn a_lone_esc_waits_for_the_flush() {
        let mut parser = InputParser::new();
        assert_eq!(parser.feed(b"\x1b"), vec![]);
        assert!(parser.needs_flush());
        assert_eq!(parser.flush_pending(), vec![key(KeyCode::Esc)]);
        assert!(!parser.needs_flush());
        assert_eq!(parser.flush_pending(), vec![]);
        assert_eq!(parser.feed(b"a"), vec![char('a')]);
    }

    #[test]
    fn esc_then_a_key_before_the_flush_is_alt() {
        let mut parser = InputParser::new();
        assert_eq!(parser.feed(b"\x1b"), vec![]);
        assert_eq!(
            parser.feed(b"x"),
            vec![with(KeyCode::Char('x'), KeyModifiers::ALT)]
        );
    }

    #[test]
    fn a_flush_leaves_an_incomplete_sequence_waiting() {
        let mut parser = InputParser::new();
        assert_eq!(parser.feed(b"\x1b[1"), vec![]);
        assert!(!parser.needs_flush());
        assert_eq!(parser.flush_pending(), vec![]);
        assert_eq!(parser.feed(b"5~"), vec![key(KeyCode::F(5))]);
    }

    #[test]
    fn multi_byte_characters_are_one_char_even_when_split() {
        assert_eq!(
            parse_all(&["é€😀".as_bytes()]),
            vec![char('é'), char('€'), char('😀')]
        );
        let smile = "😀".as_bytes();
        assert_eq!(
            parse_all(&[&smile[..1], &smile[1..3], &smile[3..]]),
            vec![char('😀')]
        );
    }

    #[test]
    fn invalid_utf8_and_unknown_sequences_are_dropped() {
        assert_eq!(parse_all(&[b"\xff\xfea"]), vec![char('a')]);
        // A broken character takes the byte that broke it along.
        assert_eq!(parse_all(&[b"\xc3(b"]), vec![char('b')]);
        assert_eq!(parse_all(&[b"\x1b[99~c"]), vec![char('c')]);
    }

    #[test]
    fn a_bracketed_paste_is_one_paste() {
        assert_eq!(
            parse_all(&[b"\x1b[200~hello\r\nthere", b"\x1b[201~"]),
            vec![Event::Paste("hello\r\nthere".to_owned())]
        );
    }

    #[test]
    fn an_endless_sequence_is_dropped_past_the_limit() {
        let mut parser = InputParser::new();
        let mut endless = b"\x1b[".to_vec();
        endless.extend(std::iter::repeat_n(b'1', MAX_PENDING));
        assert_eq!(parser.feed(&endless), vec![]);
        // The held bytes were dropped: what follows is read on its own.
        assert!(parser.unresolved <= MAX_PENDING);
        assert_eq!(parser.feed(b"x"), vec![char('x')]);
    }

    #[test]
    fn bytes_below_the_limit_are_kept_waiting() {
        let mut parser = InputParser::new();
        let mut paste = b"\x1b[200~".to_vec();
        paste.extend(std::iter::repeat_n(b'p', MAX_PENDING - 100));
        assert_eq!(parser.feed(&paste), vec![]);
        let events = parser.feed(b"\x1b[201~");
        assert_eq!(events, vec![Event::Paste("p".repeat(MAX_PENDING - 100))]);
    }

    /// Bytes biased toward what makes sequences: Esc, `[`, `O`, digits,
    /// `;`, `~`, control bytes and UTF-8 lead bytes.
    fn input_bytes() -> impl Strategy<Value = Vec<u8>> {
        let byte = prop_oneof![
            3 => Just(0x1bu8),
            2 => prop::sample::select(b"[O0123456789;~ABCDHFPZu<Mm\r\n\t\x7f\x08".to_vec()),
            1 => any::<u8>(),
            1 => prop::sample::select(vec![0xc3u8, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f]),
        ];
        prop::collection::vec(byte, 0..300)
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
            let mut parser = InputParser::new();
            parser.feed(&bytes);
            parser.flush_pending();
        }

        #[test]
        fn a_split_anywhere_gives_the_same_events(bytes in input_bytes(), at in any::<prop::sample::Index>()) {
            let at = at.index(bytes.len() + 1);
            let mut whole = InputParser::new();
            let expected = whole.feed(&bytes);
            let mut split = InputParser::new();
            let mut events = split.feed(&bytes[..at]);
            events.extend(split.feed(&bytes[at..]));
            prop_assert_eq!(events, expected);
        }
    }
}
