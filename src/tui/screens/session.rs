//! One saved session in full: timings, talk share, the marks timeline, the
//! commitment, every participant's feedback and ratings, and coach notes,
//! with a form to add a note.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui_textarea::{TextArea, WrapMode};

use crate::deck::Deck;
use crate::practice::secs_text;
use crate::record::{CoachNote, SessionRecord};
use crate::text::fit_width;
use crate::tui::action::Action;
use crate::tui::keys::{Binding, Key, back_key, help_key, help_rows, hints, lookup};
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, hint_line, render_text_area};

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
        hint: "",
        help: "Scroll up",
        command: Cmd::Up,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), Key::Char('j')],
        label: "↓/j",
        hint: "scroll",
        help: "Scroll down",
        command: Cmd::Down,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageUp)],
        label: "PgUp",
        hint: "",
        help: "One page up",
        command: Cmd::PageUp,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageDown), Key::Char(' ')],
        label: "PgDn/Space",
        hint: "",
        help: "One page down",
        command: Cmd::PageDown,
    },
    Binding {
        keys: &[Key::Char('a')],
        label: "a",
        hint: "add note",
        help: "Add a coach note (saved as its own file; the session is never edited)",
        command: Cmd::AddNote,
    },
    help_key(Cmd::Help),
    back_key(Cmd::Back, "Back to the list of sessions"),
];

/// The note form's keys (listed in help; handled by the form).
const NOTE_KEYS: &[(&str, &str)] = &[
    ("Tab", "Note form: switch between author and note"),
    ("Ctrl-S", "Note form: save the note"),
    ("Esc", "Note form: discard the note"),
];

/// The note being written.
#[derive(Debug, Clone)]
struct NoteForm {
    author: TextArea<'static>,
    text: TextArea<'static>,
    on_author: bool,
}

/// State of the session screen.
#[derive(Debug, Clone)]
pub struct SessionScreen {
    record: SessionRecord,
    deck: Option<Deck>,
    notes: Vec<CoachNote>,
    scroll: u16,
    form: Option<NoteForm>,
    error: Option<String>,
}

impl SessionScreen {
    /// The session, its deck if still known (for stage names), and its notes.
    pub fn new(record: SessionRecord, deck: Option<Deck>, notes: Vec<CoachNote>) -> SessionScreen {
        SessionScreen {
            record,
            deck,
            notes,
            scroll: 0,
            form: None,
            error: None,
        }
    }

    pub fn record(&self) -> &SessionRecord {
        &self.record
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(&'static str, &'static str)> {
        let mut rows = help_rows(BINDINGS);
        rows.extend_from_slice(NOTE_KEYS);
        rows
    }

    /// Opens the note form with the author field filled in.
    fn open_form(&mut self, author: &str) {
        let mut author_field = TextArea::new(vec![author.to_owned()]);
        author_field.set_placeholder_text("your name");
        author_field.set_cursor_line_style(Style::new());
        let mut text = TextArea::default();
        text.set_placeholder_text("What you noticed, and one thing to try next round");
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
            }
            Err(message) => self.error = Some(message),
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent, last_author: &str) -> Option<Action> {
        if let Some(form) = &mut self.form {
            let ctrl_s = key.code == KeyCode::Char('s')
                && key
                    .modifiers
                    .contains(ratatui::crossterm::event::KeyModifiers::CONTROL);
            match key.code {
                KeyCode::Esc => self.form = None,
                KeyCode::Tab | KeyCode::BackTab => form.on_author = !form.on_author,
                _ if ctrl_s => {
                    let author = form.author.lines().join(" ");
                    let text = form.text.lines().join("\n");
                    if text.trim().is_empty() {
                        self.error = Some("The note is empty.".to_owned());
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
        None
    }

    fn stage_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.deck
            .as_ref()
            .and_then(|d| d.stage(id))
            .map_or(id, |s| s.name.as_str())
    }

    /// The whole session as lines of text.
    fn lines(&self, theme: &Theme) -> Vec<Line<'static>> {
        let r = &self.record;
        let heading = |text: &str| Line::styled(text.to_owned(), theme.title);
        let mut lines = vec![
            Line::from(vec![
                Span::styled(r.started.format("%Y-%m-%d %H:%M").to_string(), theme.title),
                Span::raw(format!(" · {}", r.people.describe_roles())),
            ]),
            Line::styled(
                format!(
                    "{} v{} · {} · seed {}{}",
                    r.deck.id,
                    r.deck.version,
                    r.mode.label(),
                    r.seed,
                    r.persona
                        .as_ref()
                        .map(|p| format!(" · persona {}", p.name))
                        .unwrap_or_default()
                ),
                theme.muted,
            ),
            Line::from(""),
            heading("Time per stage"),
            Line::styled(
                format!(
                    "  {:<14} {:>7} {:>7} {:>7} {:>15}",
                    "Stage", "Planned", "Actual", "Paused", "Organizer talk"
                ),
                theme.muted,
            ),
        ];
        for s in &r.stages {
            let talk = s.organizer_talk_secs + s.partner_talk_secs;
            let share = if talk == 0 {
                "–".to_owned()
            } else {
                format!("{:.0}%", s.organizer_talk_secs as f64 * 100.0 / talk as f64)
            };
            lines.push(Line::from(format!(
                "  {} {:>7} {:>7} {:>7} {share:>15}",
                fit_width(self.stage_name(&s.id), 14),
                secs_text(s.planned_secs),
                secs_text(s.actual_secs),
                secs_text(s.paused_secs)
            )));
        }
        let (organizer, partner) = r.talk_totals();
        if organizer + partner > 0 {
            let organizer_share = organizer as f64 / (organizer + partner) as f64;
            let target = r.round_talk_band().map_or(String::new(), |band| {
                format!(
                    " (band {}: {})",
                    band.label(),
                    band.judge(organizer_share).label()
                )
            });
            lines.push(Line::from(format!(
                "  Talk share: organizer {:.0}%, partner {:.0}%{target}",
                organizer_share * 100.0,
                partner as f64 * 100.0 / (organizer + partner) as f64
            )));
        }
        lines.push(Line::from(""));
        lines.push(heading(&format!("Marks ({})", r.marks.len())));
        for mark in &r.marks {
            lines.push(Line::from(format!(
                "  {:>6}  {} {}",
                secs_text(mark.at_secs),
                fit_width(self.stage_name(&mark.stage), 14),
                mark.label
            )));
        }
        lines.push(Line::from(""));
        lines.push(heading("Commitment"));
        let or_dash = |s: &str| {
            if s.is_empty() {
                "—".to_owned()
            } else {
                s.to_owned()
            }
        };
        lines.push(Line::from(format!("  Ask: {}", or_dash(&r.commitment.ask))));
        lines.push(Line::from(format!(
            "  Action: {}",
            or_dash(&r.commitment.action)
        )));
        lines.push(Line::from(format!(
            "  Follow-up: {}",
            r.commitment
                .follow_up
                .map_or("—".to_owned(), |d| d.to_string())
        )));
        for feedback in &r.feedback {
            lines.push(Line::from(""));
            lines.push(heading(&format!(
                "{} ({})",
                feedback.name,
                feedback.role.label()
            )));
            lines.push(Line::from(format!(
                "  What worked: {}",
                or_dash(&feedback.what_worked)
            )));
            lines.push(Line::from(format!(
                "  To change: {}",
                or_dash(&feedback.to_change)
            )));
            for rating in &feedback.ratings {
                lines.push(Line::from(format!(
                    "  {}{} {}  {}",
                    "★".repeat(usize::from(rating.score)),
                    "☆".repeat(5usize.saturating_sub(usize::from(rating.score))),
                    rating.score,
                    self.stage_name(&rating.stage),
                )));
            }
        }
        lines.push(Line::from(""));
        lines.push(heading(&format!("Coach notes ({})", self.notes.len())));
        if self.notes.is_empty() {
            lines.push(Line::styled("  None yet: press a to add one.", theme.muted));
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
            for text in note.text.lines() {
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
        frame.render_widget(
            Paragraph::new(self.lines(theme))
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0))
                .block(Block::bordered().title(Line::styled(" Session ", theme.title))),
            body,
        );
        if let Some(error) = &self.error {
            frame.render_widget(Line::styled(error.clone(), theme.error), status);
        }
        frame.render_widget(hint_line(&hints(BINDINGS), theme), bar);
        if let Some(form) = &self.form {
            self.render_form(frame, area, form, theme);
        }
    }

    fn render_form(&self, frame: &mut Frame, area: Rect, form: &NoteForm, theme: &Theme) {
        let popup = centered(area, 70, 14);
        frame.render_widget(Clear, popup);
        let block = Block::bordered()
            .title(Line::styled(" New coach note ", theme.title))
            .title_bottom(Line::styled(
                " Tab switch · Ctrl-S save · Esc discard ",
                theme.muted,
            ));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let [author_row, text_area] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        let [label, author_field] =
            Layout::horizontal([Constraint::Length(8), Constraint::Fill(1)]).areas(author_row);
        frame.render_widget(Span::styled("Author ", theme.title), label);
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
