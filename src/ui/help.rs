//! The `?` overlay: paints the help text the state built from the key
//! table ([`crate::app::help`]).

use ratatui::buffer::Buffer;
use ratatui::widgets::{Clear, Widget};

use crate::app::App;

use super::theme::Theme;
use super::{pane_block, render_scrolled};

pub fn render(app: &App, t: &Theme, buf: &mut Buffer) {
    let area = app.areas.popup;
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    let title = format!(
        " Keys · {} · ? or Esc closes ",
        position(
            app.help_scroll,
            app.areas.popup_body.height as usize,
            app.help_lines.len()
        )
    );
    pane_block(&title, true, t).render(area, buf);
    render_scrolled(
        &app.help_lines,
        app.help_scroll,
        app.areas.popup_body,
        t,
        buf,
    );
}

/// Where a window of `height` lines from `scroll` is in `len` lines:
/// `1–20 of 64`.
pub fn position(scroll: usize, height: usize, len: usize) -> String {
    if len == 0 {
        return "0 of 0".into();
    }
    let first = scroll.min(len - 1) + 1;
    let last = (scroll + height).min(len).max(first);
    format!("{first}–{last} of {len}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn position_counts_from_one_and_stops_at_the_end() {
        assert_eq!(super::position(0, 20, 64), "1–20 of 64");
        assert_eq!(super::position(50, 20, 64), "51–64 of 64");
        assert_eq!(super::position(0, 20, 5), "1–5 of 5");
        assert_eq!(super::position(0, 0, 0), "0 of 0");
    }
}
