//! Review: every saved session in a table, newest first, sortable and
//! filtered by typing; `Enter` opens one.

use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Row, Table, TableState};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

use crate::i18n::{self, words};
use crate::practice::{Mode, clock_text};
use crate::store::ListRow;
use crate::text::truncate_width;
use crate::tr;
use crate::tui::action::Action;
use crate::tui::keys::{Binding, Key, back_key, help_key, help_rows, hints, lookup};
use crate::tui::mouse::Pointer;
use crate::tui::theme::Theme;
use crate::tui::widgets::{hint_bar, render_text_area};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Open,
    Filter,
    Sort,
    Reverse,
    Help,
    Back,
}

const BINDINGS: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Up), Key::Char('k')],
        label: "↑/k",
        hint: None,
        help: || tr!("key-review-up"),
        command: Cmd::Up,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), Key::Char('j')],
        label: "↓/j",
        hint: None,
        help: || tr!("key-review-down"),
        command: Cmd::Down,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageUp)],
        label: "PgUp",
        hint: None,
        help: || tr!("key-review-page-up"),
        command: Cmd::PageUp,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageDown)],
        label: "PgDn",
        hint: None,
        help: || tr!("key-review-page-down"),
        command: Cmd::PageDown,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Home), Key::Char('g')],
        label: "Home/g",
        hint: None,
        help: || tr!("key-review-first"),
        command: Cmd::First,
    },
    Binding {
        keys: &[Key::Code(KeyCode::End), Key::Char('G')],
        label: "End/G",
        hint: None,
        help: || tr!("key-review-last"),
        command: Cmd::Last,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        label: "Enter",
        hint: Some(|| tr!("hint-open")),
        help: || tr!("key-review-open"),
        command: Cmd::Open,
    },
    Binding {
        keys: &[Key::Char('/')],
        label: "/",
        hint: Some(|| tr!("hint-filter")),
        help: || tr!("key-review-filter"),
        command: Cmd::Filter,
    },
    Binding {
        keys: &[Key::Char('s')],
        label: "s",
        hint: Some(|| tr!("hint-sort")),
        help: || tr!("key-review-sort"),
        command: Cmd::Sort,
    },
    Binding {
        keys: &[Key::Char('r')],
        label: "r",
        hint: Some(|| tr!("hint-reverse")),
        help: || tr!("key-review-reverse"),
        command: Cmd::Reverse,
    },
    help_key(Cmd::Help),
    back_key(Cmd::Back, || tr!("key-review-back")),
];

/// The columns, in the order `s` steps through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Date,
    Organizer,
    Partner,
    Deck,
    Mode,
    Time,
    Rating,
}

const COLUMNS: [Column; 7] = [
    Column::Date,
    Column::Organizer,
    Column::Partner,
    Column::Deck,
    Column::Mode,
    Column::Time,
    Column::Rating,
];

impl Column {
    fn title(self) -> String {
        match self {
            Column::Date => tr!("review-date"),
            Column::Organizer => tr!("review-organizer"),
            Column::Partner => tr!("review-partner"),
            Column::Deck => tr!("review-deck"),
            Column::Mode => tr!("review-mode"),
            Column::Time => tr!("review-length"),
            Column::Rating => tr!("review-rating"),
        }
    }
}

/// One session, ready to show, sort and filter. Kept small: with a
/// hundred thousand sessions the list is most of the screen's memory, so
/// names are shared between rows and the date is formatted when drawn.
#[derive(Debug, Clone)]
struct Entry {
    id: Box<str>,
    started: chrono::DateTime<chrono::Utc>,
    organizer: Rc<str>,
    /// The partner, with the observer in a triad: "Ben (+Cy)".
    partner: Rc<str>,
    deck: Rc<str>,
    /// The mode in the current language.
    mode: Rc<str>,
    secs: u64,
    rating: Option<f64>,
}

/// One shared copy of each distinct text.
#[derive(Default)]
struct Interner(HashMap<String, Rc<str>>, Vec<(Mode, Rc<str>)>);

impl Interner {
    /// A mode's name, translated once per mode rather than once per row.
    fn mode(&mut self, mode: Mode) -> Rc<str> {
        if let Some((_, name)) = self.1.iter().find(|(m, _)| *m == mode) {
            return name.clone();
        }
        let name = self.get(words::mode(mode));
        self.1.push((mode, name.clone()));
        name
    }

    fn get(&mut self, text: String) -> Rc<str> {
        if let Some(shared) = self.0.get(&text) {
            return shared.clone();
        }
        let shared: Rc<str> = Rc::from(text.as_str());
        self.0.insert(text, shared.clone());
        shared
    }
}

impl Entry {
    fn new(row: ListRow, names: &mut Interner) -> Entry {
        let people = row.people;
        let partner = match people.observer {
            Some(observer) => format!("{} (+{observer})", people.partner),
            None => people.partner,
        };
        Entry {
            id: row.id.into_boxed_str(),
            started: row.started,
            organizer: names.get(people.organizer),
            partner: names.get(partner),
            deck: names.get(row.deck),
            mode: names.mode(row.mode),
            secs: row.secs,
            rating: row.rating,
        }
    }

    fn date(&self) -> String {
        self.started.format("%Y-%m-%d %H:%M").to_string()
    }

    /// Whether every word (lower case) is in the date, the names, the
    /// deck or the mode.
    fn matches(&self, words: &[&str]) -> bool {
        let haystack = format!(
            "{} {} {} {} {}",
            self.date(),
            self.organizer,
            self.partner,
            self.deck,
            self.mode
        )
        .to_lowercase();
        words.iter().all(|w| haystack.contains(w))
    }

    fn compare(&self, other: &Entry, column: Column) -> Ordering {
        match column {
            Column::Date => self.started.cmp(&other.started),
            Column::Organizer => self
                .organizer
                .to_lowercase()
                .cmp(&other.organizer.to_lowercase()),
            Column::Partner => self
                .partner
                .to_lowercase()
                .cmp(&other.partner.to_lowercase()),
            Column::Deck => self.deck.cmp(&other.deck),
            Column::Mode => self.mode.cmp(&other.mode),
            Column::Time => self.secs.cmp(&other.secs),
            Column::Rating => self
                .rating
                .partial_cmp(&other.rating)
                .unwrap_or(Ordering::Equal),
        }
        .then_with(|| self.started.cmp(&other.started))
    }
}

/// Widths of the seven columns in `width` columns (one space between
/// them): each gets its natural width when all fit; otherwise the names and
/// the deck share what the fixed columns leave, the narrowest first, so a
/// short column keeps its width and only a long one is cut (with "…").
fn column_widths(natural: &[u16; 7], width: u16) -> [u16; 7] {
    let mut widths = *natural;
    let fixed: u16 = [0, 4, 5, 6].iter().map(|&i| natural[i]).sum();
    let mut left = width.saturating_sub(fixed + 6);
    let mut flexible = [1, 2, 3];
    flexible.sort_by_key(|&i| natural[i]);
    for (n, &i) in flexible.iter().enumerate() {
        let share = left / (3 - n as u16);
        widths[i] = natural[i].min(share);
        left -= widths[i];
    }
    widths
}

/// State of the review screen.
#[derive(Debug, Clone)]
pub struct ReviewScreen {
    entries: Vec<Entry>,
    /// Indices into `entries` that pass the filter, in display order.
    shown: Vec<usize>,
    selected: usize,
    sort: Column,
    descending: bool,
    filter: TextArea<'static>,
    typing: bool,
    /// Rows visible at the last draw, for paging.
    page: Cell<usize>,
    /// The widest text of each column over every session (titles
    /// included), so that columns are sized from their content.
    natural: [u16; 7],
    /// While the sessions are still being read: what to say instead.
    loading: Option<String>,
}

impl ReviewScreen {
    /// A table over `sessions` (any order), newest first.
    pub fn new(sessions: Vec<ListRow>) -> ReviewScreen {
        let mut filter = TextArea::default();
        filter.set_placeholder_text(tr!("review-type-to-filter"));
        let mut names = Interner::default();
        let entries: Vec<Entry> = sessions
            .into_iter()
            .map(|row| Entry::new(row, &mut names))
            .collect();
        let mut natural = COLUMNS.map(|c| c.title().width() as u16);
        natural[0] = natural[0].max(16);
        natural[4] = natural[4].max(5);
        natural[5] = natural[5].max(5);
        for e in &entries {
            for (n, text) in [(1, &e.organizer), (2, &e.partner), (3, &e.deck)] {
                natural[n] = natural[n].max(u16::try_from(text.width()).unwrap_or(u16::MAX));
            }
        }
        let mut screen = ReviewScreen {
            natural,
            entries,
            shown: Vec::new(),
            selected: 0,
            sort: Column::Date,
            descending: true,
            filter,
            typing: false,
            page: Cell::new(10),
            loading: None,
        };
        screen.refresh();
        screen
    }

    /// An empty table saying that the sessions are being read.
    pub fn loading(status: String) -> ReviewScreen {
        let mut screen = ReviewScreen::new(Vec::new());
        screen.loading = Some(status);
        screen
    }

    /// How loading is going, while the table waits for it.
    pub fn set_loading(&mut self, status: String) {
        if self.loading.is_some() {
            self.loading = Some(status);
        }
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(String, String)> {
        help_rows(BINDINGS)
    }

    fn filter_text(&self) -> String {
        self.filter.lines().join(" ").trim().to_lowercase()
    }

    /// Re-applies the filter and the sort, keeping the selected session.
    fn refresh(&mut self) {
        let keep = self.selected_id().map(str::to_owned);
        let needle = self.filter_text();
        let words: Vec<&str> = needle.split_whitespace().collect();
        self.shown = (0..self.entries.len())
            .filter(|&i| words.is_empty() || self.entries[i].matches(&words))
            .collect();
        let (entries, sort) = (&self.entries, self.sort);
        self.shown
            .sort_by(|&a, &b| entries[a].compare(&entries[b], sort));
        if self.descending {
            self.shown.reverse();
        }
        self.selected = keep
            .and_then(|id| self.shown.iter().position(|&i| *self.entries[i].id == *id))
            .unwrap_or(0);
    }

    fn selected_id(&self) -> Option<&str> {
        self.shown.get(self.selected).map(|&i| &*self.entries[i].id)
    }

    /// How many sessions pass the filter.
    pub fn shown_count(&self) -> usize {
        self.shown.len()
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<Action> {
        if self.typing {
            match key.code {
                KeyCode::Enter => self.typing = false,
                KeyCode::Esc => {
                    self.typing = false;
                    self.filter = TextArea::default();
                    self.filter
                        .set_placeholder_text(tr!("review-type-to-filter"));
                    self.refresh();
                }
                KeyCode::Up | KeyCode::Down => {
                    self.typing = false;
                    return self.handle_key(key);
                }
                _ => {
                    self.filter.input(*key);
                    self.refresh();
                }
            }
            return None;
        }
        let (command, _) = lookup(BINDINGS, key)?;
        let last = self.shown.len().saturating_sub(1);
        match command {
            Cmd::Up => self.selected = self.selected.saturating_sub(1),
            Cmd::Down => self.selected = (self.selected + 1).min(last),
            Cmd::PageUp => self.selected = self.selected.saturating_sub(self.page.get()),
            Cmd::PageDown => self.selected = (self.selected + self.page.get()).min(last),
            Cmd::First => self.selected = 0,
            Cmd::Last => self.selected = last,
            Cmd::Open => {
                return self
                    .selected_id()
                    .map(|id| Action::OpenSession(id.to_owned()));
            }
            Cmd::Filter => self.typing = true,
            Cmd::Sort => {
                let at = COLUMNS.iter().position(|c| *c == self.sort).unwrap_or(0);
                self.sort = COLUMNS[(at + 1) % COLUMNS.len()];
                self.descending = matches!(self.sort, Column::Date | Column::Rating | Column::Time);
                self.refresh();
                // A new order starts at its top, not at wherever the old
                // selection landed.
                self.selected = 0;
            }
            Cmd::Reverse => {
                self.descending = !self.descending;
                self.refresh();
            }
            Cmd::Help => return Some(Action::ToggleHelp),
            Cmd::Back => return Some(Action::Home),
        }
        None
    }

    /// The wheel moves through the list as ↑/↓ do (the list scrolls with
    /// the selection).
    pub fn handle_mouse(&mut self, pointer: Pointer) -> Option<Action> {
        let code = match pointer {
            Pointer::WheelUp => KeyCode::Up,
            Pointer::WheelDown => KeyCode::Down,
            Pointer::Click(_) => return None,
        };
        self.handle_key(&KeyEvent::from(code))
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let [title, filter, table, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let order = if self.descending { "↓" } else { "↑" };
        // No count while the sessions are still being read: "0 of 0"
        // would say there are none.
        let count = match self.loading {
            Some(_) => String::new(),
            None => tr!(
                "review-count",
                shown = i18n::integer(self.shown.len()),
                total = i18n::integer(self.entries.len()),
                count = self.entries.len(),
                column = self.sort.title().to_lowercase(),
                order = order
            ),
        };
        frame.render_widget(
            Line::from(vec![
                Span::styled(tr!("review-title"), theme.title),
                Span::styled(count, theme.muted),
            ]),
            title,
        );
        let filter_label = tr!("review-filter");
        let [label, field] = Layout::horizontal([
            Constraint::Length(filter_label.width() as u16),
            Constraint::Fill(1),
        ])
        .areas(filter);
        let label_style = if self.typing { theme.focus } else { theme.key };
        frame.render_widget(Span::styled(filter_label, label_style), label);
        render_text_area(frame, field, &self.filter, self.typing, theme);
        self.render_table(frame, table, theme);
        frame.render_widget(hint_bar(&hints(BINDINGS), bar.width, theme), bar);
    }

    fn render_table(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let block = Block::bordered();
        let inner = block.inner(area);
        // Only the rows on screen are built, so thousands of sessions cost
        // no more than a page.
        let visible = usize::from(inner.height.saturating_sub(1)).max(1);
        self.page.set(visible);
        let offset = self
            .selected
            .saturating_sub(visible - 1)
            .min(self.shown.len().saturating_sub(visible));
        let rows = self.shown.iter().skip(offset).take(visible).map(|&i| {
            let e = &self.entries[i];
            [
                e.date(),
                e.organizer.to_string(),
                e.partner.to_string(),
                e.deck.to_string(),
                e.mode.to_string(),
                clock_text(Duration::from_secs(e.secs), false),
                e.rating.map_or("·".to_owned(), |r| i18n::decimal(r, 1)),
            ]
        });
        let header = Row::new(COLUMNS.iter().map(|c| {
            let title = if *c == self.sort {
                format!("{}{}", c.title(), if self.descending { "↓" } else { "↑" })
            } else {
                c.title()
            };
            Span::styled(title, theme.title)
        }));
        let mut natural = self.natural;
        if let Some(sorted) = COLUMNS.iter().position(|c| *c == self.sort) {
            // Room for the sort arrow after the title.
            natural[sorted] = natural[sorted].max(self.sort.title().width() as u16 + 1);
        }
        let widths = column_widths(&natural, inner.width);
        let rows = rows.map(|row| {
            Row::new(
                row.iter()
                    .zip(widths)
                    .map(|(text, width)| truncate_width(text, usize::from(width)))
                    .collect::<Vec<_>>(),
            )
        });
        let widths = widths.map(Constraint::Length);
        let empty = self.shown.is_empty();
        let table = Table::new(rows, widths)
            .header(header)
            .row_highlight_style(theme.focus)
            .block(block.title(Line::styled(
                match &self.loading {
                    Some(status) => format!(" {status} "),
                    None if empty && self.entries.is_empty() => tr!("review-none"),
                    None if empty => tr!("review-no-match"),
                    None => tr!("review-sessions"),
                },
                theme.title,
            )));
        let mut state =
            TableState::default().with_selected((!empty).then(|| self.selected - offset));
        frame.render_stateful_widget(table, area, &mut state);
    }
}
