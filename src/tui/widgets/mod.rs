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

use super::theme::Theme;
use crate::deck::{TalkBand, TalkVerdict};

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
pub fn hint_line(hints: &[(&str, &str)], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (keys, what)) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("  ", theme.muted));
        }
        spans.push(Span::styled(keys.to_string(), theme.key));
        spans.push(Span::styled(format!(" {what}"), theme.muted));
    }
    Line::from(spans)
}

/// The `?` overlay: every key of the current screen.
pub fn render_help(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    rows: &[(&str, &str)],
    theme: &Theme,
) {
    let height = rows.len() as u16 + 4;
    let popup = centered(area, 72, height);
    frame.render_widget(Clear, popup);
    let key_width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(4) as u16;
    let table = Table::new(
        rows.iter().map(|(keys, help)| {
            Row::new([
                Cell::from(Span::styled(keys.to_string(), theme.key)),
                Cell::from(help.to_string()),
            ])
        }),
        [Constraint::Length(key_width), Constraint::Fill(1)],
    )
    .column_spacing(2)
    .block(
        Block::bordered()
            .title(Line::styled(format!(" Keys: {title} "), theme.title))
            .title_bottom(Line::styled(" ? or Esc to close ", theme.muted)),
    );
    frame.render_widget(table, popup);
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
        verdict.short_label()
    );
    (text, style)
}

/// Shown instead of a screen when the terminal is too small for it.
pub fn render_too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::styled("Make the window larger", theme.title),
        Line::from(format!(
            "tandem needs {MIN_WIDTH}×{MIN_HEIGHT}; this is {}×{}.",
            area.width, area.height
        )),
        Line::styled("Ctrl-C quits; an unfinished round is kept.", theme.muted),
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
