//! How an event's (or a line's) parties are written for people: their
//! country codes in the order the dataset gives them, joined by one
//! separator. Every human-readable form (the timeline, `list`, `show`,
//! `lines`, the Markdown export, the filter's description) uses it; the
//! formats for programs (JSON arrays, `;`-joined CSV fields) keep their
//! own list notation.

/// The separator between two country codes: an en dash, as a pair is
/// written in prose (the KR–CN line).
pub const PARTY_SEPARATOR: &str = "–";

/// The codes in the dataset's order, joined by [`PARTY_SEPARATOR`]:
/// `KR–CN`.
pub fn parties_label<S: AsRef<str>>(parties: &[S]) -> String {
    let mut label = String::new();
    for (i, p) in parties.iter().enumerate() {
        if i > 0 {
            label.push_str(PARTY_SEPARATOR);
        }
        label.push_str(p.as_ref());
    }
    label
}

/// The display width of [`parties_label`], without making the label.
pub fn parties_width<S: AsRef<str>>(parties: &[S]) -> usize {
    let codes: usize = parties.iter().map(|p| crate::text::width(p.as_ref())).sum();
    codes + crate::text::width(PARTY_SEPARATOR) * parties.len().saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_their_order_and_one_separator() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(parties_label(&p(&["KR", "CN"])), "KR–CN");
        assert_eq!(parties_label(&p(&["CN", "KR", "KP"])), "CN–KR–KP");
        assert_eq!(parties_label(&p(&["JP"])), "JP");
        assert_eq!(parties_label::<String>(&[]), "");
    }

    #[test]
    fn the_width_is_the_labels() {
        for codes in [
            &["KR", "CN"][..],
            &["CN", "KR", "KP"],
            &["JP"],
            &[],
            &["中国", "KR"],
        ] {
            let codes: Vec<String> = codes.iter().map(|s| s.to_string()).collect();
            assert_eq!(
                parties_width(&codes),
                crate::text::width(&parties_label(&codes)),
                "{codes:?}"
            );
        }
    }
}
