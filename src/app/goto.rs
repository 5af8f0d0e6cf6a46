//! `:` goes to a date: the text typed at the prompt, read as a year, a
//! month or a day in the dataset's date notation, and the first event of
//! the view on or after it.

use chrono::NaiveDate;

use super::{Action, App, Mode};
use crate::model::{Dataset, Date};

/// What the prompt says a date looks like.
pub const FORMS: &str = "a year (2014), a month (2015-02) or a day (2015-02-04)";

/// The first day of the date typed: `2014`, `2015-02` or `2015-02-04`
/// (EDTF, read by the model's parser; no intervals or qualifiers). The
/// error is a message for the status line.
pub fn parse(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    let shaped = !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    let not_a_date = || format!("Not a date: \"{t}\"; type {FORMS}");
    if !shaped {
        return Err(not_a_date());
    }
    match Date::parse(t) {
        Ok(d) if !d.is_interval() => d.earliest().ok_or_else(not_a_date),
        Ok(_) => Err(not_a_date()),
        // The parser explains a date that is not real ("months run from 01
        // to 12"); a shape it does not know gets the forms it takes here.
        Err(e) if e.message.starts_with("expected") => Err(not_a_date()),
        Err(e) => Err(format!("Not a date: {}", e.message)),
    }
}

/// The first position of `view` (dataset indices, in the story's order)
/// whose event starts on or after `day`: a date with an open start counts
/// from its known end. A scan, not a binary search: `after` may put an
/// event before one that starts earlier.
pub fn first_on_or_after(data: &Dataset, view: &[u32], day: NaiveDate) -> Option<usize> {
    view.iter()
        .position(|&i| data.events()[i as usize].date().anchor() >= day)
}

impl App {
    /// A key at the `:` prompt: typed characters and Backspace edit the
    /// date, Enter goes to it, Esc leaves the selection where it was.
    pub(super) fn update_goto(&mut self, action: Action) {
        match action {
            Action::SearchChar(c) => self.goto.push(c),
            Action::SearchBackspace => {
                self.goto.pop();
            }
            Action::SearchAccept => {
                self.mode = Mode::Normal;
                let text = std::mem::take(&mut self.goto);
                self.go_to(&text);
            }
            Action::Back => {
                self.mode = Mode::Normal;
                self.goto.clear();
            }
            _ => {}
        }
    }

    /// Selects the first event of the view on or after the date typed;
    /// the last when every event is earlier.
    fn go_to(&mut self, text: &str) {
        let day = match parse(text) {
            Ok(day) => day,
            Err(message) => {
                self.status = Some(message);
                return;
            }
        };
        if self.view.is_empty() {
            self.status = Some("No event is shown".into());
            return;
        }
        match first_on_or_after(&self.data, &self.view.events, day) {
            Some(p) => self.select(p),
            None => {
                self.select(usize::MAX);
                self.status = Some(format!(
                    "No event on or after {}; the last is selected",
                    text.trim()
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn years_months_and_days_give_their_first_day() {
        assert_eq!(parse("2014"), Ok(day(2014, 1, 1)));
        assert_eq!(parse(" 2015-02 "), Ok(day(2015, 2, 1)));
        assert_eq!(parse("2015-02-04"), Ok(day(2015, 2, 4)));
    }

    #[test]
    fn anything_else_is_refused_with_the_forms() {
        for bad in ["", "14", "2014/2015", "2014~", "feb", "2015-02-", "../2014"] {
            let e = parse(bad).unwrap_err();
            assert!(e.starts_with("Not a date"), "{bad}: {e}");
        }
        assert!(parse("abc").unwrap_err().contains(FORMS));
        let e = parse("2015-13").unwrap_err();
        assert!(e.contains("12"), "the parser says why: {e}");
        assert!(parse("2015-02-30").is_err());
    }
}
