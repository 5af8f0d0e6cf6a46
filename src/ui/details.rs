//! The details pane: paints the text the state laid out for the selected
//! event ([`crate::app::details`]).

use ratatui::buffer::Buffer;
use ratatui::widgets::Widget;

use crate::app::{App, Focus};

use super::theme::Theme;
use super::{pane_block, render_scrolled};

pub fn render(app: &App, t: &Theme, buf: &mut Buffer) {
    let area = app.areas.details;
    if area.is_empty() {
        return;
    }
    pane_block(" Details ", app.focus == Focus::Details, t).render(area, buf);
    render_scrolled(
        &app.details_lines,
        app.details_scroll,
        app.areas.details_body,
        t,
        buf,
    );
}
