//! The filter menu: kinds, countries, threads, date bases and disputed
//! events to toggle.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::app::App;
use crate::app::filter_menu::FilterItem;
use crate::text::sanitize_line;

use super::fit_line;
use super::pane_block;
use super::theme::Theme;

fn label(app: &App, item: &FilterItem) -> String {
    match item {
        FilterItem::Kind(k) => format!("{} {}", k.glyph(), k.as_str()),
        FilterItem::Country(c) => format!("{c}  {}", app.data.country_name(c)),
        FilterItem::Thread(id) => app.data.thread(id).map_or(id.clone(), |t| t.title.clone()),
        FilterItem::Basis(b) => b.as_str().to_string(),
        FilterItem::Disputed => "disputed only (sources disagree)".to_string(),
    }
}

pub fn render(app: &App, t: &Theme, buf: &mut Buffer) {
    let area = app.areas.popup;
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    pane_block(" Filter · Space toggles · F clears · Esc closes ", true, t).render(area, buf);
    let body = app.areas.popup_body;
    if body.is_empty() {
        return;
    }
    // Rows: section headings and items (a few dozen at most).
    let mut rows: Vec<(Line<'static>, bool)> = vec![(
        Line::from(Span::styled(
            format!(
                "{} of {} events shown",
                app.view.len(),
                app.data.events().len()
            ),
            t.dim,
        )),
        false,
    )];
    let mut section = "";
    for (i, item) in app.filter_items.iter().enumerate() {
        if item.section() != section {
            section = item.section();
            rows.push((Line::from(Span::styled(section, t.title)), false));
        }
        let on = if item.is_on(&app.filter) {
            "[x]"
        } else {
            "[ ]"
        };
        let here = i == app.filter_cursor;
        let mark = if here { Theme::MARKER } else { " " };
        let style = if here { t.selected } else { t.base };
        rows.push((
            Line::from(Span::styled(
                format!("{mark} {on} {}", sanitize_line(&label(app, item))),
                style,
            )),
            here,
        ));
    }
    let h = body.height as usize;
    for (i, (line, here)) in rows.into_iter().skip(app.filter_offset).take(h).enumerate() {
        let r = Rect {
            y: body.y + i as u16,
            height: 1,
            ..body
        };
        if here {
            buf.set_style(r, t.selected);
        }
        fit_line(line, body.width as usize).render(r, buf);
    }
}
