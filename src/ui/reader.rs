//! The source reader: the whole article, the quote marked and highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::App;
use crate::text::sanitize_line;

use super::theme::Theme;
use super::{fit_line, pane_block};

fn clean(s: &str) -> String {
    sanitize_line(&s.replace('\t', " ")).into_owned()
}

pub fn render(app: &App, t: &Theme, buf: &mut Buffer) {
    let body = app.areas.reader_body;
    let Some(r) = &app.reader else { return };
    let data = &app.data;
    let outer = app.areas.reader;
    if outer.is_empty() {
        return;
    }
    pane_block(" Source ", true, t).render(outer, buf);
    let head = Rect {
        x: outer.x + 1,
        y: outer.y + 1,
        width: outer.width.saturating_sub(2),
        height: 1,
    };
    let (Some(source), Some(quote)) = (r.source(data), r.quote(data)) else {
        return;
    };
    let credit = source.credit();
    let w = head.width as usize;
    if outer.height > 2 {
        let l = Line::from(vec![
            Span::styled(clean(credit.publisher), t.title),
            Span::styled(format!(", \"{}\", ", clean(credit.headline)), t.base),
            Span::styled(credit.date_or_undated().to_string(), t.dim),
        ]);
        fit_line(l, w).render(head, buf);
    }
    if outer.height > 3 {
        let n = data.events()[r.event].quotes.len();
        let l = Line::from(vec![
            Span::styled(format!("Quote {} of {n}", r.quote + 1), t.key),
            Span::styled(
                format!(" · {}", clean(&data.events()[r.event].title)),
                t.dim,
            ),
        ]);
        fit_line(l, w).render(
            Rect {
                y: head.y + 1,
                ..head
            },
            buf,
        );
    }
    if body.is_empty() {
        return;
    }
    let text = r.text(data);
    let q = quote.range();
    let qlines = r.quote_lines(data);
    let scroll = r.scroll;
    let rows = r.lines.iter().skip(scroll).take(body.height as usize);
    for (i, range) in rows.enumerate() {
        let y = body.y + i as u16;
        let in_quote = qlines.contains(&(scroll + i));
        if in_quote {
            buf.set_string(body.x - 2, y, Theme::QUOTE_BAR, t.key);
        }
        let mut spans = Vec::new();
        let (a, b) = (range.start, range.end);
        let (qa, qb) = (q.start.clamp(a, b), q.end.clamp(a, b));
        if qa > a {
            spans.push(Span::styled(clean(&text[a..qa]), t.base));
        }
        if qb > qa {
            spans.push(Span::styled(clean(&text[qa..qb]), t.quote));
        }
        if b > qb.max(a) {
            spans.push(Span::styled(clean(&text[qb.max(a)..b]), t.base));
        }
        let row = Rect {
            y,
            height: 1,
            ..body
        };
        fit_line(Line::from(spans), body.width as usize).render(row, buf);
    }
}
