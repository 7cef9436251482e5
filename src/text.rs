//! Text hygiene shared by every module that shows or stores user text.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Removes control characters (including the ESC that starts terminal escape
/// sequences) so that text from decks, names or files can never drive the
/// terminal. Newlines are kept only when `keep_newlines` is set.
pub fn strip_controls(text: &str, keep_newlines: bool) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || (keep_newlines && c == '\n'))
        .collect()
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
    fn newlines_survive_only_when_asked() {
        assert_eq!(strip_controls("one\ntwo\r", true), "one\ntwo");
        assert_eq!(strip_controls("one\ntwo", false), "onetwo");
    }
}
