//! A readable chronology in Markdown: year headings, each event with its
//! quotes as block quotes, then the list of sources.

use std::io::{self, Write};

use crate::model::Dataset;
use crate::text::sanitize_text;

/// Writes the chronology, an event at a time.
pub fn write(w: &mut dyn Write, dataset: &Dataset, events: &[usize]) -> io::Result<()> {
    let mut out = format!(
        "# {}\n\n{}\n",
        one_line(dataset.title()),
        field(dataset.description())
    );
    let mut year = None;
    for &i in events {
        w.write_all(out.as_bytes())?;
        out.clear();
        let e = &dataset.events()[i];
        if year != Some(e.date().year()) {
            year = Some(e.date().year());
            out.push_str(&format!(
                "\n## {}\n",
                crate::model::year_text(e.date().year())
            ));
        }
        out.push_str(&format!(
            "\n### {} — {}\n\n",
            one_line(&e.date().display()),
            one_line(&e.title)
        ));
        let mut facts = vec![e.kind.as_str().to_string()];
        if !e.parties.is_empty() {
            let names: Vec<String> = e
                .parties
                .iter()
                .map(|c| one_line(dataset.country_name(c)))
                .collect();
            let label = one_line(&crate::model::parties_label(&e.parties));
            facts.push(format!("{label} ({})", names.join(", ")));
        }
        if let Some(place) = &e.place {
            facts.push(one_line(place));
        }
        if let Some(t) = e.thread.as_deref().and_then(|t| dataset.thread(t)) {
            facts.push(format!("thread: {}", one_line(&t.title)));
        }
        out.push_str(&format!("*{}* · `{}`\n\n", facts.join(" · "), e.id));
        out.push_str(&field(&e.summary));
        out.push('\n');
        if let Some(note) = &e.date_note {
            out.push_str(&format!(
                "\nDate ({}): {}\n",
                e.date_basis.as_str(),
                field(note)
            ));
        }
        for q in &e.quotes {
            out.push('\n');
            for line in field(&q.text).lines() {
                out.push_str(&format!("> {line}\n"));
            }
            let credit = match dataset.source(&q.source) {
                Some(s) => format!("{} [{}]", one_line(&s.attribution()), q.source),
                None => format!("[{}]", q.source),
            };
            out.push_str(&format!(">\n> — {credit}\n"));
        }
        for (l, m) in dataset.event_milestones(i) {
            out.push_str(&format!(
                "\nMilestone: {} · {}\n",
                one_line(&l.name),
                m.status.as_str()
            ));
        }
        for d in dataset.event_disputes(i) {
            out.push_str(&format!("\n**Sources disagree: {}**\n", one_line(&d.title)));
            for r in &d.readings {
                out.push('\n');
                for line in field(&r.quote).lines() {
                    out.push_str(&format!("> {line}\n"));
                }
                let publisher = dataset
                    .source(&r.source)
                    .map_or(r.source.as_str(), |s| s.publisher.as_str());
                out.push_str(&format!(">\n> — {} [{}]\n", one_line(publisher), r.source));
                out.push_str(&format!("\nReading: {}\n", field(&r.reading)));
            }
        }
    }
    out.push_str("\n## Sources\n\n");
    let counts = dataset.event_counts();
    for (s, n) in dataset.sources().iter().zip(counts) {
        out.push_str(&format!("- **[{}]** {}", s.id, one_line(&s.attribution())));
        let credit = s.credit();
        if let Some(url) = credit.link() {
            // an autolink: its characters are taken as they are
            out.push_str(&format!(", <{url}>"));
        } else if let Some(url) = credit.url {
            out.push_str(&format!(", {}", one_line(url)));
        }
        out.push_str(&format!(
            " — quoted by {} {}.\n",
            n,
            if n == 1 { "event" } else { "events" }
        ));
    }
    w.write_all(out.as_bytes())
}

/// A field that may hold several lines (a summary, a quote, a note), made
/// safe for Markdown line by line with [`escape_block_start`]: it renders as
/// its own text, in one or more paragraphs, and never as markup.
fn field(s: &str) -> String {
    let text = sanitize_text(s);
    let mut out = String::with_capacity(text.len() + 8);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&escape_block_start(line));
    }
    out
}

/// A field on one line (a heading, a list item, the facts line): line
/// breaks become spaces, so the field cannot end the block it is in.
fn one_line(s: &str) -> String {
    escape_block_start(&sanitize_text(s).replace('\n', " "))
}

/// One line of text escaped to render as itself wherever it stands, also at
/// the start of a line: spaces at either end become `&#32;` (four would
/// start a code block, two at the end a line break, and CommonMark drops
/// the others), a `-`, `+`, `=` or `:` first (a list item, a setext
/// underline, a thematic break, a definition) and the `.` or `)` of `12.`
/// or `3)` (an ordered list) are backslash-escaped, and the rest goes
/// through [`escape_inline`], which escapes every other character that can
/// start a block (`#`, `>`, code fences, `|`, `<`).
fn escape_block_start(line: &str) -> String {
    let body = line.trim_matches(' ');
    let lead = line.len() - line.trim_start_matches(' ').len();
    let trail = if body.is_empty() {
        0
    } else {
        line.len() - line.trim_end_matches(' ').len()
    };
    let mut out = String::with_capacity(line.len() + 8);
    out.push_str(&"&#32;".repeat(lead));
    if body.starts_with(['-', '+', '=', ':']) {
        out.push('\\');
    }
    match ordered_marker(body) {
        Some(at) => {
            out.push_str(&escape_inline(&body[..at]));
            out.push('\\');
            out.push_str(&escape_inline(&body[at..]));
        }
        None => out.push_str(&escape_inline(body)),
    }
    out.push_str(&"&#32;".repeat(trail));
    out
}

/// Text inside a line escaped to render as itself: a backslash before every
/// character Markdown (CommonMark and GitHub's extensions) could read as
/// markup: emphasis (`*`, `_`), strikethrough (`~`), code and fences (`` ` ``),
/// links and images (`[`, `]`), autolinks and HTML (`<`, `>`), entities
/// (`&`), table cells (`|`), headings and their closing `#`s (`#`), math
/// (`$`), superscript (`^`), heading attributes (`{`) and the backslash
/// itself.
fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '~'
                | '['
                | ']'
                | '<'
                | '>'
                | '|'
                | '#'
                | '&'
                | '$'
                | '^'
                | '{'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// "12. " or "3) " at the start of a line would start a list: the position
/// of the `.` or `)` to escape.
fn ordered_marker(s: &str) -> Option<usize> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && matches!(s.as_bytes().get(digits), Some(b'.' | b')'))).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            field("a *b* _c_ [d](e) <f>"),
            "a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\>"
        );
        assert_eq!(
            field("# not a heading\n1. not a list"),
            "\\# not a heading\n1\\. not a list"
        );
        assert_eq!(field("esc\u{1b}"), "esc␛");
    }

    #[test]
    fn block_starts_spaces_and_entities_are_escaped() {
        assert_eq!(
            field("    code\n```rust\n~~~\n- item\n+ item\n> quote\n===\n3) x"),
            "&#32;&#32;&#32;&#32;code\n\\`\\`\\`rust\n\\~\\~\\~\n\\- item\n\\+ item\n\\> quote\n\\===\n3\\) x"
        );
        assert_eq!(
            field("&copy; ~~gone~~ a|b $x$ end  "),
            "\\&copy; \\~\\~gone\\~\\~ a\\|b \\$x\\$ end&#32;&#32;"
        );
        assert_eq!(one_line("Title ##\n# two"), "Title \\#\\# \\# two");
    }

    /// The text a Markdown reader (with every extension that does not
    /// rewrite text) finds in a document that should be one paragraph, or
    /// the first element it found that is not plain text in a paragraph.
    fn rendered(md: &str) -> Result<String, String> {
        use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
        let options = Options::all()
            - Options::ENABLE_SMART_PUNCTUATION
            - Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            - Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
            - Options::ENABLE_OLD_FOOTNOTES;
        let mut text = String::new();
        for event in Parser::new_ext(md, options) {
            match event {
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                Event::Text(t) => text.push_str(&t),
                Event::SoftBreak => text.push('\n'),
                other => return Err(format!("{other:?}")),
            }
        }
        Ok(text)
    }

    #[test]
    fn hostile_lines_render_as_themselves() {
        for text in [
            "    code",
            "```",
            "~~~ x",
            "# h ##",
            "> q",
            "- i",
            "* i",
            "+ i",
            "1. i",
            "2) i",
            "---",
            "===",
            "***",
            "___",
            "| a | b |\n|---|---|",
            "&copy; &#169; &amp;",
            "~~s~~ *e* _e_ **s**",
            "<div>",
            "<https://x.org>",
            "[a]: https://x.org",
            "[^1]: note",
            "$x$ $$y$$",
            "^s^ ~s~",
            "a\n: definition",
            "Title {#id}",
            "- [ ] task",
            "a\\",
            "two  \nlines",
            "  lead and trail  ",
        ] {
            assert_eq!(rendered(&field(text)), Ok(text.to_string()), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_renders_as_itself(
            lines in proptest::collection::vec(
                "[ a1#>*_~`|&;$^{}()\\[\\]<>!:=+.\\-\\\\]{1,12}",
                1..5,
            )
        ) {
            let text = lines.join("\n");
            proptest::prop_assert_eq!(rendered(&field(&text)), Ok(text.clone()));
        }
    }
}
