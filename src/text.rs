//! Text hygiene shared by every module that shows or stores user text.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Removes control characters (including the ESC that starts terminal escape
/// sequences) so that text from decks, names or files can never drive the
/// terminal. Newlines are kept only when `keep_newlines` is set.
///
/// Invisible characters that change how text reads without showing are
/// removed too: bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) and zero-width characters (U+200B–U+200F, U+2060,
/// U+FEFF). A zero-width joiner (U+200D) is kept between two emoji, where
/// it joins them into one picture (👩🏽‍🌾).
pub fn strip_controls(text: &str, keep_newlines: bool) -> String {
    // Most text has none of the bytes that can start a removed character
    // (ASCII controls; C1 controls start with 0xC2, the invisible formats
    // with 0xE2 or 0xEF): it is copied whole.
    let suspect = |b: &u8| {
        matches!(b, 0..=0x1F | 0x7F | 0xC2 | 0xE2 | 0xEF) && (*b != b'\n' || !keep_newlines)
    };
    if !text.as_bytes().iter().any(suspect) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    // Kept characters are copied a run at a time, up to each removed one.
    let mut copied_to = 0;
    let mut chars = text.char_indices().peekable();
    let mut previous: Option<char> = None;
    while let Some((at, c)) = chars.next() {
        let keep = if c == '\u{200D}' {
            previous.is_some_and(is_emoji_part)
                && chars.peek().is_some_and(|&(_, next)| is_emoji_part(next))
        } else if c == '\n' {
            keep_newlines
        } else {
            !c.is_control() && !is_invisible_format(c)
        };
        if !keep {
            out.push_str(&text[copied_to..at]);
            copied_to = at + c.len_utf8();
        }
        previous = Some(c);
    }
    out.push_str(&text[copied_to..]);
    out
}

/// Bidirectional controls and zero-width characters (the joiner apart).
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
    )
}

/// Whether `c` can stand on either side of a joiner in an emoji sequence:
/// pictographs, symbols, skin tones and the emoji variation selector.
fn is_emoji_part(c: char) -> bool {
    matches!(c as u32,
        0x2190..=0x2BFF         // arrows, symbols, dingbats (❤, ♀, ♂)
        | 0xFE0F                // emoji presentation
        | 0x1F000..=0x1FAFF     // pictographs, skin tones
    )
}

/// At most `max` characters of `text`, ending in "…" when something was
/// cut, so that a screen never lays out a huge text.
pub fn cap_chars(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(text),
        Some((end, _)) => std::borrow::Cow::Owned(format!("{}…", &text[..end])),
    }
}

/// Cuts `text` to at most `width` terminal columns, whole characters
/// (grapheme clusters) only, ending in "…" when something was cut.
pub fn truncate_width(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push_str(grapheme);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Cuts or pads `text` to exactly `width` terminal columns, so that wide
/// characters (CJK, emoji) keep columns aligned.
pub fn fit_width(text: &str, width: usize) -> String {
    let mut out = truncate_width(text, width);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// Like [`fit_width`], but padded on the left: for right-aligned columns.
pub fn fit_width_right(text: &str, width: usize) -> String {
    let cut = truncate_width(text, width);
    let pad = width.saturating_sub(cut.width());
    format!("{}{cut}", " ".repeat(pad))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_alignment_counts_columns_too() {
        assert_eq!(fit_width_right("Ana", 5), "  Ana");
        assert_eq!(fit_width_right("李小", 5), " 李小");
        assert_eq!(fit_width_right("Bartholomew", 4), "Bar…");
    }

    #[test]
    fn fitting_counts_columns_not_characters() {
        assert_eq!(fit_width("Ana", 5), "Ana  ");
        assert_eq!(fit_width("李小龍", 5), "李小…");
        assert_eq!(fit_width("Bartholomew", 4), "Bar…");
        assert_eq!(truncate_width("Amara 👩🏽‍🌾 Noël", 8), "Amara …");
        assert_eq!(truncate_width("Amara 👩🏽‍🌾", 10), "Amara 👩🏽‍🌾");
    }

    #[test]
    fn escape_sequences_lose_their_escape_byte() {
        assert_eq!(strip_controls("a\u{1b}]0;evil\u{7}b", false), "a]0;evilb");
    }

    #[test]
    fn bidi_overrides_and_zero_width_characters_are_removed() {
        let hostile = "a\u{202E}b\u{2066}c\u{2069}d\u{200B}e\u{200F}f\u{FEFF}g\u{2060}h\u{202A}i";
        assert_eq!(strip_controls(hostile, false), "abcdefghi");
        // A joiner between letters hides nothing useful: gone.
        assert_eq!(strip_controls("An\u{200D}a", false), "Ana");
        // A joiner inside an emoji sequence stays.
        let farmer = "Amara 👩🏽\u{200D}🌾 Noël";
        assert_eq!(strip_controls(farmer, false), farmer);
        let family = "👨\u{200D}👩\u{200D}👧";
        assert_eq!(strip_controls(family, true), family);
    }

    #[test]
    fn capped_text_ends_with_an_ellipsis() {
        assert_eq!(cap_chars("abc", 3), "abc");
        assert_eq!(cap_chars("abcdef", 3), "abc…");
        assert_eq!(cap_chars("李小龍李", 2), "李小…");
    }

    #[test]
    fn newlines_survive_only_when_asked() {
        assert_eq!(strip_controls("one\ntwo\r", true), "one\ntwo");
        assert_eq!(strip_controls("one\ntwo", false), "onetwo");
    }

    /// Every character on its own, as `strip_controls` did before it
    /// copied runs: the fast paths must keep exactly the same characters.
    fn strip_char_by_char(text: &str, keep_newlines: bool) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let keep = if c == '\u{200D}' {
                i > 0
                    && is_emoji_part(chars[i - 1])
                    && chars.get(i + 1).copied().is_some_and(is_emoji_part)
            } else if c == '\n' {
                keep_newlines
            } else {
                !c.is_control() && !is_invisible_format(c)
            };
            if keep {
                out.push(c);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn stripping_keeps_what_a_char_by_char_pass_keeps(
            text in "([a-zé王\n\r\t\u{1b}\u{85}\u{9f}\u{a0}·–→\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2060}\u{2066}-\u{2069}\u{FEFF}\u{FFFD}👩🏽🌾❤]){0,40}",
            keep_newlines: bool,
        ) {
            proptest::prop_assert_eq!(
                strip_controls(&text, keep_newlines),
                strip_char_by_char(&text, keep_newlines)
            );
        }
    }
}
