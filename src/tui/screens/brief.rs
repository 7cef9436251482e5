//! The partner's brief: before a pair or triad round starts, the partner
//! (and the observer) read the persona's private part and play notes while
//! the organizer looks away. A key hides it and starts the round.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::deck::Persona;
use crate::i18n::words;
use crate::record::People;
use crate::tr;
use crate::tui::action::{Action, RoundPlan};
use crate::tui::keys::{Binding, Key, help_key, help_rows, hints, lookup};
use crate::tui::round::Viewer;
use crate::tui::theme::Theme;
use crate::tui::widgets::hint_bar;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Start,
    Down,
    Up,
    Help,
    Back,
}

const BINDINGS: &[Binding<Cmd>] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Enter), Key::Char(' ')],
        label: "Enter",
        hint: Some(|| tr!("hint-hide-start")),
        help: || tr!("key-brief-start"),
        command: Cmd::Start,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), Key::Char('j')],
        label: "↓/↑",
        hint: Some(|| tr!("hint-scroll")),
        help: || tr!("key-brief-down"),
        command: Cmd::Down,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Up), Key::Char('k')],
        label: "↑",
        hint: None,
        help: || tr!("key-brief-up"),
        command: Cmd::Up,
    },
    help_key(Cmd::Help),
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        label: "Esc",
        hint: Some(|| tr!("hint-back")),
        help: || tr!("key-brief-back"),
        command: Cmd::Back,
    },
];

/// The brief shown before a round; holds the round it will start.
#[derive(Debug, Clone)]
pub struct BriefScreen {
    pub plan: RoundPlan,
    persona: Persona,
    scroll: u16,
    /// Who reads it: at a terminal of their own, nobody has to look away
    /// and there is nowhere to go back to.
    viewer: Viewer,
}

impl BriefScreen {
    /// The brief for `plan`, if its partner plays a persona: only a pair
    /// or triad has someone to keep it from.
    pub fn for_round(plan: Box<RoundPlan>) -> Result<BriefScreen, Box<RoundPlan>> {
        let has_partner = plan.spec.mode.needs_partner() && !plan.spec.people.partner.is_empty();
        let persona = crate::practice::Practice::persona_for(&plan.deck, plan.spec.seed)
            .and_then(|i| plan.deck.personas.get(i))
            .cloned();
        match persona {
            Some(persona) if has_partner => Ok(BriefScreen {
                plan: *plan,
                persona,
                scroll: 0,
                viewer: Viewer::Everyone,
            }),
            _ => Err(plan),
        }
    }

    /// The brief as `viewer` reads it.
    pub fn for_viewer(mut self, viewer: Viewer) -> BriefScreen {
        self.viewer = viewer;
        self
    }

    /// The keys this viewer has: at a terminal of their own, no way back.
    fn bindings(&self) -> &'static [Binding<Cmd>] {
        match self.viewer {
            Viewer::Everyone => BINDINGS,
            Viewer::Only(_) => &BINDINGS[..BINDINGS.len() - 1],
        }
    }

    /// Every key of this screen, for the help overlay.
    pub fn help() -> Vec<(String, String)> {
        help_rows(BINDINGS)
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<Action> {
        match lookup(self.bindings(), key)?.0 {
            Cmd::Start => Some(Action::Begin(Box::new(self.plan.clone()))),
            Cmd::Down => {
                self.scroll = self.scroll.saturating_add(1);
                None
            }
            Cmd::Up => {
                self.scroll = self.scroll.saturating_sub(1);
                None
            }
            Cmd::Help => Some(Action::ToggleHelp),
            Cmd::Back => Some(Action::NewRound { replace: false }),
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let [title, body, bar] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled(
                    match self.viewer {
                        Viewer::Everyone => readers_line(&self.plan.spec.people),
                        Viewer::Only(_) => tr!("brief-readers-own"),
                    },
                    theme.title,
                ),
                Line::styled(tr!("brief-subtitle"), theme.muted),
            ])
            .wrap(Wrap { trim: true }),
            title,
        );
        let p = &self.persona;
        let mut lines = vec![
            Line::from(vec![
                Span::styled(tr!("brief-you-are"), theme.title),
                Span::styled(p.name.clone(), theme.text),
            ]),
            Line::from(vec![
                Span::styled(tr!("brief-they-know"), theme.title),
                Span::raw(p.summary.clone()),
            ]),
            Line::from(""),
        ];
        for (field, text) in p.private_fields() {
            lines.push(Line::from(vec![
                Span::styled(
                    tr!("label-colon", label = words::private_field(field)),
                    theme.title,
                ),
                Span::raw(text.to_owned()),
            ]));
        }
        // Scrolls no further than the end; says when more is below.
        let inner = body.inner(ratatui::layout::Margin::new(1, 1));
        let rows: u16 = lines
            .iter()
            .map(|l| crate::tui::widgets::wrapped_height(&l.to_string(), inner.width))
            .sum();
        let scroll = self.scroll.min(rows.saturating_sub(inner.height));
        let mut block =
            Block::bordered().title(Line::styled(tr!("brief-partner-only"), theme.warning));
        if rows > inner.height + scroll {
            block = block.title_bottom(Line::styled(tr!("more-below"), theme.warning));
        }
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .scroll((scroll, 0))
                .block(block),
            body,
        );
        frame.render_widget(hint_bar(&hints(self.bindings()), bar.width, theme), bar);
    }
}

/// "Ben, read this — Ana, look away." (the observer reads too).
fn readers_line(people: &People) -> String {
    let organizer = people.organizer.as_str();
    match &people.observer {
        Some(observer) => tr!(
            "brief-readers-triad",
            partner = people.partner.as_str(),
            observer = observer.as_str(),
            organizer = organizer
        ),
        None => tr!(
            "brief-readers",
            partner = people.partner.as_str(),
            organizer = organizer
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_partner_reads_and_the_organizer_looks_away() {
        assert_eq!(
            readers_line(&People::pair("Ana", "Ben")),
            "Ben, read this — Ana, look away."
        );
        let triad = People {
            observer: Some("Cy".into()),
            ..People::pair("Ana", "Ben")
        };
        assert_eq!(
            readers_line(&triad),
            "Ben and Cy, read this — Ana, look away."
        );
    }
}
