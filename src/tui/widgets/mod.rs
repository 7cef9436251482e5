//! Small drawing helpers shared by the screens.

pub mod confirm;
pub mod record_view;

pub use confirm::{Confirm, Reply, confirm_help};

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table, Wrap};
use ratatui_textarea::TextArea;

use super::keys::key_names;
use super::theme::Theme;
use crate::deck::{TalkBand, TalkVerdict};
use crate::i18n::words;
use crate::tr;

/// The smallest terminal tandem draws in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// A rect of at most `width`×`height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

/// One line of key hints: "n/→ next  p pause  ? help".
pub fn hint_line<S: AsRef<str>>(hints: &[(&str, S)], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (keys, what)) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("  ", theme.muted));
        }
        spans.push(Span::styled(key_names(keys), theme.key));
        spans.push(Span::styled(format!(" {}", what.as_ref()), theme.muted));
    }
    Line::from(spans)
}

/// The key hints of a screen's bottom row, fitted to `width`: when they do
/// not all fit, the first ones that do, then "…" and the help key, so the
/// row never ends mid-hint and always says where the rest is.
pub fn hint_bar<S: AsRef<str>>(hints: &[(&str, S)], width: u16, theme: &Theme) -> Line<'static> {
    use unicode_width::UnicodeWidthStr;
    let hints: Vec<(&str, &str)> = hints.iter().map(|(k, w)| (*k, w.as_ref())).collect();
    let hints = hints.as_slice();
    let size = |(keys, what): &(&str, &str)| key_names(keys).width() + 1 + what.width();
    let total = |hints: &[(&str, &str)]| -> usize {
        hints.iter().map(size).sum::<usize>() + 2 * hints.len().saturating_sub(1)
    };
    let width = usize::from(width);
    if total(hints) <= width {
        return hint_line(hints, theme);
    }
    let help_word = tr!("hint-help");
    let help = hints.iter().find(|(_, what)| *what == help_word).copied();
    let tail = help.map_or(1, |h| size(&h) + 3) + 2;
    let mut kept: Vec<(&str, &str)> = Vec::new();
    for hint in hints.iter().filter(|h| Some(**h) != help) {
        let mut next = kept.clone();
        next.push(*hint);
        if total(&next) + tail > width {
            break;
        }
        kept = next;
    }
    let mut line = hint_line(&kept, theme);
    line.spans.push(Span::styled(
        if kept.is_empty() { "…" } else { "  …" },
        theme.muted,
    ));
    if let Some((keys, what)) = help {
        line.spans.push(Span::styled("  ", theme.muted));
        line.spans.push(Span::styled(key_names(keys), theme.key));
        line.spans
            .push(Span::styled(format!(" {what}"), theme.muted));
    }
    line
}

/// The `?` overlay: every key of the current screen. As wide as its
/// longest line needs (up to the window); a line still too long wraps
/// under its own text rather than being cut.
pub fn render_help(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    rows: &[(String, String)],
    theme: &Theme,
) {
    use unicode_width::UnicodeWidthStr;
    let rows: Vec<(String, &String)> = rows.iter().map(|(k, h)| (key_names(k), h)).collect();
    let key_width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(4) as u16;
    let help_width = rows.iter().map(|(_, h)| h.width()).max().unwrap_or(0) as u16;
    let width = (key_width + 2 + help_width + 2).max(40).min(area.width);
    let text_width = width.saturating_sub(key_width + 4).max(1);
    let wrapped: Vec<Vec<String>> = rows
        .iter()
        .map(|(_, help)| wrap_words(help, usize::from(text_width)))
        .collect();
    let height = wrapped.iter().map(|w| w.len() as u16).sum::<u16>() + 2;
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    let mut block = Block::bordered()
        .title(Line::styled(tr!("help-title", screen = title), theme.title))
        .title_bottom(Line::styled(tr!("help-close"), theme.muted));
    if height > popup.height {
        block = block.title_bottom(Line::styled(tr!("help-more"), theme.warning).right_aligned());
    }
    let table = Table::new(
        rows.iter().zip(&wrapped).map(|((keys, _), lines)| {
            Row::new([
                Cell::from(Span::styled(keys.to_string(), theme.key)),
                Cell::from(
                    lines
                        .iter()
                        .map(|l| Line::from(l.clone()))
                        .collect::<Vec<_>>(),
                ),
            ])
            .height(lines.len() as u16)
        }),
        [Constraint::Length(key_width), Constraint::Fill(1)],
    )
    .column_spacing(2)
    .block(block);
    frame.render_widget(table, popup);
}

/// `text` word-wrapped to `width` columns; a word longer than a line is
/// cut into pieces.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("one line at least");
        if line.is_empty() {
            line.push_str(word);
        } else if line.width() + 1 + word.width() <= width {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(word.to_owned());
        }
        while lines.last().is_some_and(|l| l.width() > width) {
            let last = lines.pop().expect("just checked");
            let mut head = String::new();
            let mut rest = String::new();
            for c in last.chars() {
                if rest.is_empty() && (head.clone() + &c.to_string()).width() <= width {
                    head.push(c);
                } else {
                    rest.push(c);
                }
            }
            lines.push(head);
            lines.push(rest);
        }
    }
    lines
}

/// Spans cut to `width` columns, ending in "…" when something was cut.
pub fn fit_spans(spans: Vec<Span<'static>>, width: u16) -> Line<'static> {
    use unicode_width::UnicodeWidthChar;
    let width = usize::from(width);
    let total: usize = spans.iter().map(|s| s.width()).sum();
    if total <= width {
        return Line::from(spans);
    }
    // Room for the text, and one column for "…".
    let mut room = width.saturating_sub(1);
    let mut out = Vec::new();
    for span in spans {
        if span.width() <= room {
            room -= span.width();
            out.push(span);
            continue;
        }
        let mut cut = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if w > room {
                break;
            }
            room -= w;
            cut.push(c);
        }
        out.push(Span::styled(cut, span.style));
        break;
    }
    out.push(Span::raw("…"));
    Line::from(out)
}

/// Rows `text` takes when word-wrapped to `width` columns (at least 1).
pub fn wrapped_height(text: &str, width: u16) -> u16 {
    u16::try_from(wrap_words(text, usize::from(width)).len()).unwrap_or(u16::MAX)
}

/// "56% (55–85) ⚑ too much": a talk share judged against its band, in
/// words and in colour, so colour is never the only signal.
pub fn talk_verdict(share: f64, band: TalkBand, theme: &Theme) -> (String, Style) {
    let verdict = band.judge(share);
    let style = match verdict {
        TalkVerdict::Within => theme.on_time,
        v if v.is_flagged() => theme.warning,
        _ => theme.text,
    };
    let flag = if verdict.is_flagged() { "⚑ " } else { "" };
    let text = format!(
        "{:.0}% ({}–{}) {flag}{}",
        share * 100.0,
        band.low,
        band.high,
        words::verdict_short(verdict)
    );
    (text, style)
}

/// Shown instead of a screen when the terminal is too small for it.
pub fn render_too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::styled(tr!("too-small"), theme.title),
        Line::from(tr!(
            "too-small-sizes",
            min_width = MIN_WIDTH,
            min_height = MIN_HEIGHT,
            width = area.width,
            height = area.height
        )),
        Line::styled(tr!("too-small-quit"), theme.muted),
    ];
    let rect = centered(area, area.width, 3);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), rect);
}

/// A bordered box for a form field; the focused one is marked with colour
/// and with "▶".
pub fn field_block(title: &str, focused: bool, theme: &Theme) -> Block<'static> {
    let style = if focused { theme.focus } else { theme.title };
    let marker = if focused { "▶ " } else { "" };
    Block::bordered().title(Line::styled(format!(" {marker}{title} "), style))
}

/// Draws a text field; the cursor shows only when it has focus.
pub fn render_text_area(
    frame: &mut Frame,
    area: Rect,
    text: &TextArea<'static>,
    focused: bool,
    theme: &Theme,
) {
    let mut text = text.clone();
    text.set_placeholder_style(theme.muted);
    text.set_cursor_style(if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    });
    frame.render_widget(&text, area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_that_do_not_fit_end_in_an_ellipsis() {
        let spans = || vec![Span::raw("Purpose 3  "), Span::raw("Exploration 15")];
        assert_eq!(
            fit_spans(spans(), 40).to_string(),
            "Purpose 3  Exploration 15"
        );
        assert_eq!(
            fit_spans(spans(), 25).to_string(),
            "Purpose 3  Exploration 15"
        );
        assert_eq!(fit_spans(spans(), 18).to_string(), "Purpose 3  Explor…");
        assert_eq!(fit_spans(spans(), 11).to_string(), "Purpose 3 …");
        assert_eq!(fit_spans(spans(), 1).to_string(), "…");
    }
}
