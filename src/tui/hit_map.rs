//! Where the last frame drew what, so a mouse click is resolved against what the user saw
//! (as television does) and `update` never recomputes the view's layout.

use ratatui::layout::{Position, Rect};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HitMap {
    pub actions: Rect,
    /// The form's list of fields (one line each), without the pane's border, the whole
    /// value and the help under it.
    pub fields: Rect,
    pub preview: Rect,
    /// The row of the actions list drawn on the pane's first line.
    pub first_action_row: usize,
    /// The field drawn on the list's first line: the form scrolls with its selection.
    pub first_field: usize,
    /// The raw JSON editor's text, right of its line numbers (in raw mode only).
    pub raw_text: Rect,
}

/// What a click landed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A line of the actions list: the row it shows.
    ActionRow(usize),
    /// A field's line in the form: the field's index.
    FormLine(usize),
    Preview,
    /// A cell of the raw JSON text: its row and column inside the text's area.
    RawText {
        row: usize,
        column: usize,
    },
    Elsewhere,
}

impl HitMap {
    pub fn hit(&self, column: u16, row: u16) -> Hit {
        let at = Position::new(column, row);
        // Inside the border: the first line of a pane is one below its top.
        let line_in = |area: Rect| usize::from(row.saturating_sub(area.y + 1));
        if self.raw_text.contains(at) {
            Hit::RawText {
                row: usize::from(row - self.raw_text.y),
                column: usize::from(column - self.raw_text.x),
            }
        } else if self.actions.contains(at) {
            Hit::ActionRow(self.first_action_row + line_in(self.actions))
        } else if self.fields.contains(at) {
            Hit::FormLine(self.first_field + usize::from(row - self.fields.y))
        } else if self.preview.contains(at) {
            Hit::Preview
        } else {
            Hit::Elsewhere
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_maps_to_the_line_drawn_there() {
        let map = HitMap {
            actions: Rect::new(0, 1, 20, 10),
            fields: Rect::new(21, 2, 38, 6),
            preview: Rect::new(0, 11, 60, 10),
            first_action_row: 5,
            first_field: 4,
            raw_text: Rect::default(),
        };
        assert_eq!(map.hit(3, 2), Hit::ActionRow(5));
        assert_eq!(map.hit(3, 4), Hit::ActionRow(7));
        assert_eq!(map.hit(25, 3), Hit::FormLine(5));
        assert_eq!(map.hit(25, 9), Hit::Elsewhere, "the help under the fields");
        assert_eq!(map.hit(5, 15), Hit::Preview);
        assert_eq!(map.hit(70, 0), Hit::Elsewhere);
    }
}
