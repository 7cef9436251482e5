//! Text hygiene shared by every module that shows or stores user text.

/// Removes control characters (including the ESC that starts terminal escape
/// sequences) so that text from decks, names or files can never drive the
/// terminal. Newlines are kept only when `keep_newlines` is set.
pub fn strip_controls(text: &str, keep_newlines: bool) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || (keep_newlines && c == '\n'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_escape_byte() {
        assert_eq!(strip_controls("a\u{1b}]0;evil\u{7}b", false), "a]0;evilb");
    }

    #[test]
    fn newlines_survive_only_when_asked() {
        assert_eq!(strip_controls("one\ntwo\r", true), "one\ntwo");
        assert_eq!(strip_controls("one\ntwo", false), "onetwo");
    }
}
