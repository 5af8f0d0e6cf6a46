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
    pane_block(" Keys · ? or Esc closes ", true, t).render(area, buf);
    render_scrolled(
        &app.help_lines,
        app.help_scroll,
        app.areas.popup_body,
        t,
        buf,
    );
}
