//! The text of TimelineJS's HTML: markup removed, entities decoded, block
//! quotes and citations gathered apart.

/// Text recovered from TimelineJS HTML.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct HtmlText {
    /// Text outside block quotes and citations, one entry per block.
    pub paragraphs: Vec<String>,
    /// The text of each `<blockquote>`.
    pub quotes: Vec<String>,
    /// The text of each `<cite>`.
    pub cites: Vec<String>,
    /// Whether there was any markup.
    pub markup: bool,
    /// How many `<a href>` links there were.
    pub links: usize,
}

impl HtmlText {
    /// All the text outside quotes and citations, on one line.
    pub fn plain(&self) -> String {
        self.paragraphs.join(" ")
    }
}

/// Removes HTML markup: tags go, entities are decoded, whitespace runs become
/// one space; block elements separate paragraphs; `<blockquote>` and `<cite>`
/// are gathered apart; `<script>` and `<style>` are dropped whole.
pub fn html_to_text(html: &str) -> HtmlText {
    #[derive(Default)]
    struct State {
        out: HtmlText,
        buf: String,
        quote: usize,
        cite: usize,
        skip: usize,
    }
    impl State {
        fn flush(&mut self) {
            let text = self.buf.split_whitespace().collect::<Vec<_>>().join(" ");
            self.buf.clear();
            if text.is_empty() {
                return;
            }
            if self.cite > 0 {
                self.out.cites.push(text);
            } else if self.quote > 0 {
                self.out.quotes.push(text);
            } else {
                self.out.paragraphs.push(text);
            }
        }
        fn boundary(&mut self) {
            if self.quote > 0 || self.cite > 0 {
                self.buf.push(' ');
            } else {
                self.flush();
            }
        }
    }
    let mut st = State::default();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            st.out.markup = true;
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        if rest.starts_with('<') {
            let tag_body = &rest[1..];
            let closing = tag_body.starts_with('/');
            let name: String = tag_body
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            if let (false, Some(end)) = (name.is_empty(), rest.find('>')) {
                let attrs = &rest[1..end];
                rest = &rest[end + 1..];
                st.out.markup = true;
                match name.as_str() {
                    "blockquote" | "cite" => {
                        st.flush();
                        let depth = if name == "cite" {
                            &mut st.cite
                        } else {
                            &mut st.quote
                        };
                        *depth = if closing {
                            depth.saturating_sub(1)
                        } else {
                            *depth + 1
                        };
                    }
                    "script" | "style" => {
                        st.skip = if closing {
                            st.skip.saturating_sub(1)
                        } else {
                            st.skip + 1
                        };
                    }
                    "p" | "div" | "br" | "li" | "ul" | "ol" | "tr" | "h1" | "h2" | "h3" | "h4"
                    | "h5" | "h6" | "hr" => st.boundary(),
                    "a" if !closing && attrs.contains("href") => st.out.links += 1,
                    _ => {}
                }
                continue;
            }
            if st.skip == 0 {
                st.buf.push('<');
            }
            rest = &rest[1..];
            continue;
        }
        let next = rest.find('<').unwrap_or(rest.len());
        if st.skip == 0 {
            st.buf.push_str(&decode_entities(&rest[..next]));
        }
        rest = &rest[next..];
    }
    st.flush();
    st.out
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest[1..].find(';').filter(|&i| i <= 10).and_then(|i| {
            let name = &rest[1..=i];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                "hellip" => Some('…'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            }?;
            Some((c, i + 2))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
