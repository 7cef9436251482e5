//! Mouse input as the same intents as keys. A screen records where it drew
//! its clickable things in a [`Hits`] while rendering; a click is looked up
//! there and becomes what the matching key does.

use std::cell::RefCell;

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

/// The mouse events tandem acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pointer {
    /// The left button pressed at this cell.
    Click(Position),
    WheelUp,
    WheelDown,
}

impl Pointer {
    /// The event as a pointer action; `None` for moves, drags, releases and
    /// other buttons.
    pub fn from_event(event: &MouseEvent) -> Option<Pointer> {
        match event.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                Some(Pointer::Click(Position::new(event.column, event.row)))
            }
            MouseEventKind::ScrollUp => Some(Pointer::WheelUp),
            MouseEventKind::ScrollDown => Some(Pointer::WheelDown),
            _ => None,
        }
    }
}

/// Where a screen's clickable things were drawn in the last frame, each
/// with what a click on it means. Filled by `render` (which only reads the
/// screen otherwise), read by `handle_mouse`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits<T>(RefCell<Vec<(Rect, T)>>);

impl<T> Default for Hits<T> {
    fn default() -> Hits<T> {
        Hits(RefCell::new(Vec::new()))
    }
}

impl<T: Copy> Hits<T> {
    /// Forgets the last frame's places (call at the start of a render).
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    /// Records that `target` was drawn at `rect`.
    pub fn add(&self, rect: Rect, target: T) {
        self.0.borrow_mut().push((rect, target));
    }

    /// What was drawn at `at`; the last one recorded wins, as it was drawn
    /// on top.
    pub fn at(&self, at: Position) -> Option<T> {
        self.0
            .borrow()
            .iter()
            .rev()
            .find(|(rect, _)| rect.contains(at))
            .map(|(_, target)| *target)
    }
}

impl Hits<usize> {
    /// Records the items of a list drawn in `inner` (inside its border),
    /// scrolled to start at item `offset`, item `i` being `heights[i]`
    /// rows tall: each visible item's rows become item `i`.
    pub fn add_list(&self, inner: Rect, offset: usize, heights: &[usize]) {
        let mut y = inner.y;
        for (i, height) in heights.iter().enumerate().skip(offset) {
            if y >= inner.bottom() {
                break;
            }
            let height = u16::try_from(*height)
                .unwrap_or(u16::MAX)
                .min(inner.bottom() - y);
            self.add(Rect { y, height, ..inner }, i);
            y += height;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn event(kind: MouseEventKind) -> MouseEvent {
        MouseEvent {
            kind,
            column: 4,
            row: 2,
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn only_left_clicks_and_the_wheel_count() {
        assert_eq!(
            Pointer::from_event(&event(MouseEventKind::Down(MouseButton::Left))),
            Some(Pointer::Click(Position::new(4, 2)))
        );
        assert_eq!(
            Pointer::from_event(&event(MouseEventKind::ScrollDown)),
            Some(Pointer::WheelDown)
        );
        for kind in [
            MouseEventKind::Down(MouseButton::Right),
            MouseEventKind::Up(MouseButton::Left),
            MouseEventKind::Moved,
            MouseEventKind::Drag(MouseButton::Left),
        ] {
            assert_eq!(Pointer::from_event(&event(kind)), None, "{kind:?}");
        }
    }

    #[test]
    fn list_items_take_their_rows_from_the_offset_and_stop_at_the_bottom() {
        let hits = Hits::default();
        let inner = Rect::new(1, 1, 10, 5);
        hits.add_list(inner, 1, &[1, 2, 1, 3, 1]);
        let at = |row| hits.at(Position::new(3, row));
        assert_eq!(at(0), None, "the border");
        assert_eq!(
            [at(1), at(2), at(3), at(4), at(5)],
            [Some(1), Some(1), Some(2), Some(3), Some(3)]
        );
        assert_eq!(at(6), None, "below the list");
        assert_eq!(hits.at(Position::new(11, 1)), None, "right of the list");
        hits.add(Rect::new(3, 1, 1, 1), 9);
        assert_eq!(at(1), Some(9), "drawn on top");
        hits.clear();
        assert_eq!(at(1), None);
    }
}
