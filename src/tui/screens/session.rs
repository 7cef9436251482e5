//! One saved session in full: timings, talk share, the marks timeline, the
//! commitment, every participant's feedback and ratings, and coach notes,
//! with a form to add a note.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui_textarea::{TextArea, WrapMode};

use unicode_width::UnicodeWidthStr;

use crate::deck::Deck;
use crate::i18n::words;
use crate::record::{CoachNote, SessionRecord};
use crate::text::cap_chars;
use crate::tr;
use crate::tui::action::Action;
use crate::tui::keys::{Binding, Key, Message, back_key, help_key, help_rows, hints, lookup};
use crate::tui::theme::Theme;
use crate::tui::widgets::record_view::{MAX_SHOWN_CHARS, RecordView};
use crate::tui::widgets::{Confirm, Reply, centered, confirm_help, hint_bar, render_text_area};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Up,
    Down,
    PageUp,
    PageDown,
    AddNote,
    Help,
    Back,
}

const BINDINGS: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Up), Key::Char('k')],
        label: "↑/k",
        hint: None,
        help: || tr!("key-session-up"),
        command: Cmd::Up,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), Key::Char('j')],
        label: "↓/j",
        hint: Some(|| tr!("hint-scroll")),
        help: || tr!("key-session-down"),
        command: Cmd::Down,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageUp)],
        label: "PgUp",
        hint: None,
        help: || tr!("key-session-page-up"),
        command: Cmd::PageUp,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageDown), Key::Char(' ')],
        label: "PgDn/Space",
        hint: None,
        help: || tr!("key-session-page-down"),
        command: Cmd::PageDown,
    },
    Binding {
        keys: &[Key::Char('a')],
        label: "a",
        hint: Some(|| tr!("hint-add-note")),
        help: || tr!("key-session-add-note"),
        command: Cmd::AddNote,
    },
    help_key(Cmd::Help),
    back_key(Cmd::Back, || tr!("key-session-back")),
];

/// The most lines the session screen lays out.
pub const MAX_SHOWN_LINES: usize = 2000;

/// The note form's keys (listed in help; handled by the form).
const NOTE_KEYS: &[(&str, Message)] = &[
    ("Tab", || tr!("key-session-note-tab")),
    ("Ctrl-S", || tr!("key-session-note-save")),
    ("Esc", || tr!("key-session-note-discard")),
];

/// The note being written.
#[derive(Debug, Clone)]
struct NoteForm {
    author: TextArea<'static>,
    text: TextArea<'static>,
    on_author: bool,
}

/// The questions this screen asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Question {
    DiscardNote,
}

/// State of the session screen.
#[derive(Debug, Clone)]
pub struct SessionScreen {
    record: SessionRecord,
    deck: Option<Deck>,
    notes: Vec<CoachNote>,
    scroll: u16,
    /// The furthest the last frame could scroll (content rows past the
    /// window), so that scrolling never runs into blank pages.
    max_scroll: Cell<u16>,
    form: Option<NoteForm>,
    confirm: Option<Confirm<Question>>,
    error: Option<String>,
    /// A note was just saved: said until the next key.
    saved: bool,
}

impl SessionScreen {
    /// The session, its deck if still known (for stage names), and its notes.
    pub fn new(record: SessionRecord, deck: Option<Deck>, notes: Vec<CoachNote>) -> SessionScreen {
        SessionScreen {
            record,
            deck,
            notes,
            scroll: 0,
            max_scroll: Cell::new(u16::MAX),
            form: None,
            confirm: None,
            error: None,
            saved: false,
        }
    }

    pub fn record(&self) -> &SessionRecord {
        &self.record
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(String, String)> {
        let mut rows = help_rows(BINDINGS);
        rows.extend(NOTE_KEYS.iter().map(|(k, help)| ((*k).to_owned(), help())));
        rows.extend(confirm_help());
        rows
    }

    /// Opens the note form with the author field filled in.
    fn open_form(&mut self, author: &str) {
        let mut author_field = TextArea::new(vec![author.to_owned()]);
        author_field.set_placeholder_text(tr!("session-your-name"));
        author_field.set_cursor_line_style(Style::new());
        let mut text = TextArea::default();
        text.set_placeholder_text(tr!("session-note-placeholder"));
        text.set_wrap_mode(WrapMode::WordOrGlyph);
        text.set_cursor_line_style(Style::new());
        self.form = Some(NoteForm {
            author: author_field,
            text,
            on_author: author.is_empty(),
        });
    }

    /// The note being typed, if it has any text: (session, author, text).
    pub fn pending_note(&self) -> Option<(String, String, String)> {
        let form = self.form.as_ref()?;
        let text = form.text.lines().join("\n");
        (!text.trim().is_empty())
            .then(|| (self.record.id.clone(), form.author.lines().join(" "), text))
    }

    /// Shows a note that was just saved, or why it was not.
    pub fn note_saved(&mut self, result: Result<CoachNote, String>) {
        match result {
            Ok(note) => {
                self.notes.push(note);
                self.form = None;
                self.error = None;
                self.saved = true;
            }
            Err(message) => self.error = Some(message),
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent, last_author: &str) -> Option<Action> {
        self.saved = false;
        if let Some(confirm) = &self.confirm {
            let reply = confirm.reply(key)?;
            self.confirm = None;
            if reply == Reply::Yes {
                self.form = None;
                self.error = None;
            }
            return None;
        }
        let has_text = self.pending_note().is_some();
        if let Some(form) = &mut self.form {
            let ctrl_s = key.code == KeyCode::Char('s')
                && key
                    .modifiers
                    .contains(ratatui::crossterm::event::KeyModifiers::CONTROL);
            match key.code {
                // A note with text is only thrown away once confirmed.
                KeyCode::Esc if has_text => {
                    self.confirm = Some(Confirm::ask(
                        Question::DiscardNote,
                        tr!("session-discard-question"),
                    ));
                }
                KeyCode::Esc => {
                    self.form = None;
                    self.error = None;
                }
                KeyCode::Tab | KeyCode::BackTab => form.on_author = !form.on_author,
                _ if ctrl_s => {
                    let author = form.author.lines().join(" ");
                    let text = form.text.lines().join("\n");
                    if text.trim().is_empty() {
                        self.error = Some(tr!("session-note-empty"));
                        return None;
                    }
                    return Some(Action::SaveNote {
                        session: self.record.id.clone(),
                        author,
                        text,
                    });
                }
                KeyCode::Enter if form.on_author => form.on_author = false,
                _ if form.on_author => {
                    form.author.input(*key);
                }
                _ => {
                    form.text.input(*key);
                }
            }
            return None;
        }
        let (command, _) = lookup(BINDINGS, key)?;
        match command {
            Cmd::Up => self.scroll = self.scroll.saturating_sub(1),
            Cmd::Down => self.scroll = self.scroll.saturating_add(1),
            Cmd::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Cmd::PageDown => self.scroll = self.scroll.saturating_add(10),
            Cmd::AddNote => self.open_form(last_author),
            Cmd::Help => return Some(Action::ToggleHelp),
            Cmd::Back => return Some(Action::Review),
        }
        self.scroll = self.scroll.min(self.max_scroll.get());
        None
    }

    /// The whole session as lines of text, each text cut to
    /// [`MAX_SHOWN_CHARS`] and the whole to [`MAX_SHOWN_LINES`] (with "…"),
    /// so that a huge file never makes a huge layout.
    fn lines(&self, theme: &Theme, width: usize) -> Vec<Line<'static>> {
        let mut lines = self.all_lines(theme, width);
        if lines.len() > MAX_SHOWN_LINES {
            let more = lines.len() - MAX_SHOWN_LINES;
            lines.truncate(MAX_SHOWN_LINES);
            lines.push(Line::styled(
                tr!("session-more-lines", count = more),
                theme.muted,
            ));
        }
        lines
    }

    fn all_lines(&self, theme: &Theme, width: usize) -> Vec<Line<'static>> {
        let cap = |text: &str| cap_chars(text, MAX_SHOWN_CHARS).into_owned();
        let r = &self.record;
        let heading = |text: &str| Line::styled(text.to_owned(), theme.title);
        let plan = r.plan.as_ref().map_or(String::new(), |p| {
            tr!(
                "session-plan",
                round = p.round,
                rounds = p.rounds,
                minutes = p.minutes
            )
        });
        let mut lines = vec![
            Line::from(vec![
                Span::styled(r.started.format("%Y-%m-%d %H:%M").to_string(), theme.title),
                Span::raw(format!(" · {}", words::people_roles(&r.people))),
            ]),
            Line::from(format!(
                "{} v{} · {} · {}{plan}",
                r.deck.id,
                r.deck.version,
                words::mode(r.mode),
                tr!("session-seed", seed = r.seed),
            )),
            Line::from(""),
        ];
        let view = RecordView {
            record: r,
            deck: self.deck.as_ref(),
            before: None,
            theme,
            width,
        };
        lines.extend(view.lines());
        lines.push(heading(&tr!("session-notes", count = self.notes.len())));
        if self.notes.is_empty() {
            lines.push(Line::styled(tr!("session-no-notes"), theme.muted));
        }
        for note in &self.notes {
            lines.push(Line::styled(
                format!(
                    "  {} · {}",
                    note.written.format("%Y-%m-%d %H:%M"),
                    note.author
                ),
                theme.muted,
            ));
            for text in cap(&note.text).lines() {
                lines.push(Line::from(format!("  {text}")));
            }
        }
        lines
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let [body, status, bar] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let paragraph =
            Paragraph::new(self.lines(theme, usize::from(body.width.saturating_sub(2))))
                .wrap(Wrap { trim: false });
        let rows = paragraph.line_count(body.width.saturating_sub(2));
        let max_scroll =
            u16::try_from(rows.saturating_sub(usize::from(body.height.saturating_sub(2))))
                .unwrap_or(u16::MAX);
        self.max_scroll.set(max_scroll);
        frame.render_widget(
            paragraph
                .scroll((self.scroll.min(max_scroll), 0))
                .block(Block::bordered().title(Line::styled(tr!("session-title"), theme.title))),
            body,
        );
        if let Some(error) = &self.error {
            frame.render_widget(Line::styled(error.clone(), theme.error), status);
        } else if self.saved {
            frame.render_widget(
                Line::styled(tr!("session-note-saved"), theme.on_time),
                status,
            );
        }
        frame.render_widget(hint_bar(&hints(BINDINGS), bar.width, theme), bar);
        if let Some(form) = &self.form {
            self.render_form(frame, area, form, theme);
        }
        if let Some(confirm) = &self.confirm {
            confirm.render(frame, area, theme);
        }
    }

    fn render_form(&self, frame: &mut Frame, area: Rect, form: &NoteForm, theme: &Theme) {
        let popup = centered(area, 70, 14);
        frame.render_widget(Clear, popup);
        let block = Block::bordered()
            .title(Line::styled(tr!("session-new-note"), theme.title))
            .title_bottom(Line::styled(tr!("session-note-keys"), theme.muted));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let [author_row, text_area] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        let author = tr!("session-author");
        let [label, author_field] = Layout::horizontal([
            Constraint::Length(author.width() as u16 + 2),
            Constraint::Fill(1),
        ])
        .areas(author_row);
        frame.render_widget(Span::styled(author, theme.title), label);
        render_text_area(frame, author_field, &form.author, form.on_author, theme);
        let border = if form.on_author {
            theme.muted
        } else {
            theme.title
        };
        let block = Block::bordered().border_style(border);
        let text_inner = block.inner(text_area);
        frame.render_widget(block, text_area);
        render_text_area(frame, text_inner, &form.text, !form.on_author, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A session whose feedback is one huge text, as a crafted file could
    /// hold (under the 1 MiB file limit).
    fn huge_session() -> SessionRecord {
        let huge = "word ".repeat(180_000);
        let text = format!(
            "schema = 1\nid = \"x\"\nmode = \"pair\"\nseed = 1\n\
             started = \"2026-11-25T09:00:00Z\"\nended = \"2026-11-25T09:20:00Z\"\n\
             stages = []\nmarks = []\n\
             [deck]\nid = \"relational-1on1\"\nversion = 1\n\
             [people]\norganizer = \"Ana\"\npartner = \"Ben\"\n\
             [commitment]\nask = \"{huge}\"\nagreed = \"\"\n\
             [[feedback]]\nrole = \"organizer\"\nname = \"Ana\"\nwhat_worked = \"{huge}\"\n\
             to_improve = \"\"\nratings = []\n"
        );
        crate::record::parse_session(&text).unwrap()
    }

    #[test]
    fn a_huge_text_is_cut_before_it_is_laid_out() {
        let screen = SessionScreen::new(huge_session(), None, Vec::new());
        let lines = screen.lines(&Theme::color(), 80);
        let chars: usize = lines
            .iter()
            .flat_map(|l| &l.spans)
            .map(|s| s.content.chars().count())
            .sum();
        assert!(chars < 3 * MAX_SHOWN_CHARS, "{chars} characters laid out");
        let text: String = lines.iter().map(ToString::to_string).collect();
        assert!(text.contains("word …"), "no cut marker");
        assert!(text.contains("What worked: word"), "{}", &text[..200]);
    }
}
