//! A line read as a row of the board: its milestones in the events' order,
//! grouped by status, the forecast its plans made and what came of it, and
//! the order of the lines by country pair. Shared by the board of lines in
//! the interface and `hotlines lines`, so both say the same.

use super::{Dataset, Date, Forecast, Line, Status};

/// One milestone of a line, placed: its status, its position in the
/// line's `milestones`, and its event's position in [`Dataset::events`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub status: Status,
    pub milestone: usize,
    pub event: usize,
}

/// What a plan expected, and what came of it.
#[derive(Debug, Clone, Copy)]
pub struct Expectation<'a> {
    /// The milestone (a step of the line) that made the forecast.
    pub step: Step,
    pub expected: &'a Date,
    /// The verdict, when the plan names its outcome.
    pub verdict: Option<Forecast>,
}

impl Expectation<'_> {
    /// The verdict in a word: `met`, `missed`, `early`, `unclear`, or
    /// `no outcome` when the dataset records none.
    pub fn word(&self) -> &'static str {
        match self.verdict {
            Some(Forecast::Met) => "met",
            Some(Forecast::Later) => "missed",
            Some(Forecast::Earlier) => "early",
            Some(Forecast::Unclear) => "unclear",
            None => "no outcome",
        }
    }

    /// `expected H1 2015 · missed`.
    pub fn describe(&self) -> String {
        format!("expected {} · {}", self.expected.display(), self.word())
    }
}

impl Dataset {
    /// A line's milestones in the events' order (of two on one event, in
    /// the order listed), so the last is the line's current status.
    pub fn line_steps(&self, line: &Line) -> Vec<Step> {
        let mut steps: Vec<Step> = line
            .milestones
            .iter()
            .enumerate()
            .filter_map(|(j, m)| {
                self.event_index(&m.event).map(|event| Step {
                    status: m.status,
                    milestone: j,
                    event,
                })
            })
            .collect();
        // Stable: milestones on one event keep the order listed.
        steps.sort_by_key(|s| s.event);
        steps
    }

    /// The forecast a line's plans made: that of `prefer` when it is a plan
    /// with an `expected` date, otherwise that of its latest plan with one.
    pub fn line_expectation(
        &self,
        steps: &[Step],
        prefer: Option<Step>,
    ) -> Option<Expectation<'_>> {
        let of = |step: Step| {
            let plan = &self.events()[step.event];
            let expected = plan.expected()?;
            Some(Expectation {
                step,
                expected,
                verdict: self.forecast(plan).map(|(v, _)| v),
            })
        };
        prefer
            .filter(|s| s.status == Status::Planned)
            .and_then(of)
            .or_else(|| {
                steps
                    .iter()
                    .rev()
                    .filter(|s| s.status == Status::Planned)
                    .find_map(|&s| of(s))
            })
    }

    /// The names of a line's parties in the dataset's order, joined by the
    /// separator of [`super::parties_label`]: `South Korea–China`.
    pub fn line_pair(&self, line: &Line) -> String {
        let names: Vec<String> = line
            .parties
            .iter()
            .map(|c| self.country_name(c).to_string())
            .collect();
        super::parties_label(&names)
    }

    /// The lines in the board's order, as positions in [`Dataset::lines`]:
    /// by country pair, then by the first milestone's event, then as
    /// listed.
    pub fn board_order(&self) -> Vec<usize> {
        let mut keyed: Vec<(String, usize, usize)> = self
            .lines()
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let first = self.line_steps(l).first().map_or(usize::MAX, |s| s.event);
                (self.line_pair(l), first, i)
            })
            .collect();
        keyed.sort();
        keyed.into_iter().map(|(_, _, i)| i).collect()
    }
}

/// The statuses that any of `steps` has, in [`Status::ALL`]'s order.
pub fn statuses_used<'a>(steps: impl IntoIterator<Item = &'a Step>) -> Vec<Status> {
    let mut seen = [false; Status::ALL.len()];
    for s in steps {
        seen[s.status as usize] = true;
    }
    Status::ALL
        .into_iter()
        .filter(|s| seen[*s as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_seoul_beijing_line_missed_its_h1_2015_forecast() {
        let data = Dataset::embedded().unwrap();
        let line = data
            .lines()
            .iter()
            .find(|l| l.id == "kr-cn-defense-ministries")
            .unwrap();
        let steps = data.line_steps(line);
        // In the events' order, not the order listed; the first call last.
        assert_eq!(steps.last().unwrap().status, Status::Used);
        assert!(steps.windows(2).all(|w| w[0].event <= w[1].event));
        let e = data.line_expectation(&steps, None).unwrap();
        assert_eq!(e.describe(), "expected H1 2015 · missed");
        // Preferring the 2012 plan, which expected nothing, still finds it.
        let first_plan = steps.iter().find(|s| s.status == Status::Planned).copied();
        let e = data.line_expectation(&steps, first_plan).unwrap();
        assert_eq!(e.expected.to_string(), "2015-01/2015-06");
    }

    #[test]
    fn lines_sort_by_pair_of_names_then_first_milestone() {
        let data = Dataset::embedded().unwrap();
        let order = data.board_order();
        let pairs: Vec<String> = order
            .iter()
            .map(|&i| data.line_pair(&data.lines()[i]))
            .collect();
        let mut sorted = pairs.clone();
        sorted.sort();
        assert_eq!(pairs, sorted);
        assert_eq!(pairs[0], "China–Japan");
        // Two Seoul-Beijing lines: the one whose first milestone is earlier
        // (2012) before the air and navy channel (2015).
        let kr_cn: Vec<&str> = order
            .iter()
            .map(|&i| &data.lines()[i])
            .filter(|l| data.line_pair(l) == "South Korea–China")
            .map(|l| l.id.as_str())
            .collect();
        assert_eq!(
            kr_cn,
            ["kr-cn-defense-ministries", "kr-cn-air-force-navy-channel"]
        );
    }

    #[test]
    fn statuses_are_listed_once_in_their_fixed_order() {
        let s = |status, event| Step {
            status,
            milestone: 0,
            event,
        };
        let steps = [
            s(Status::Used, 3),
            s(Status::Agreed, 1),
            s(Status::Agreed, 2),
        ];
        assert_eq!(statuses_used(&steps), [Status::Agreed, Status::Used]);
    }
}
