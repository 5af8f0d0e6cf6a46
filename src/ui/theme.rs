//! Colours and marks. Chosen once at start (NO_COLOR is read in
//! [`crate::tui`], never by a widget) and handed to the painter beside the
//! app, so tests pick one. The state tags its text with roles; the theme
//! says how each role looks.

use ratatui::style::{Color, Modifier, Style};

use crate::app::details;
use crate::app::styled::Role;
use crate::model::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub base: Style,
    pub dim: Style,
    pub header: Style,
    pub year: Style,
    pub title: Style,
    pub label: Style,
    /// The selected row (always also marked by [`Theme::MARKER`]).
    pub selected: Style,
    /// Search matches.
    pub matched: Style,
    /// The quote in the reader.
    pub quote: Style,
    pub border: Style,
    pub border_focus: Style,
    pub status: Style,
    pub key: Style,
}

impl Theme {
    /// Marks the selected row whatever the colours.
    pub const MARKER: &'static str = crate::app::timeline::MARKER;
    /// Marks the lines of a quote whatever the colours.
    pub const QUOTE_BAR: &'static str = details::QUOTE_BAR;
    /// Marks the quote that `y` and the reader use, when there are several.
    pub const CURRENT_QUOTE: &'static str = details::CURRENT_QUOTE;

    /// How text in a role looks.
    pub fn style(&self, role: Role) -> Style {
        match role {
            Role::Plain => Style::new(),
            Role::Base => self.base,
            Role::Title => self.title,
            Role::Label => self.label,
            Role::Key => self.key,
            Role::Dim => self.dim,
            Role::Matched => self.matched,
            Role::Status => self.status,
            Role::Year => self.year,
            Role::Kind(k) => self.kind(k),
            Role::Live | Role::Pending | Role::Stopped | Role::Warning => self.state(role),
            Role::Cursor if self.color => Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Role::Cursor => self.selected.add_modifier(Modifier::UNDERLINED),
        }
    }

    /// How a line's state looks: a colour, or under NO_COLOR the base style
    /// (the board says every state in words).
    fn state(&self, role: Role) -> Style {
        if !self.color {
            return if role == Role::Warning {
                self.title
            } else {
                self.base
            };
        }
        let c = match role {
            Role::Live => Color::LightGreen,
            Role::Pending => Color::Yellow,
            Role::Stopped => Color::LightRed,
            _ => Color::LightRed,
        };
        let s = Style::new().fg(c);
        if role == Role::Warning {
            s.add_modifier(Modifier::BOLD)
        } else {
            s
        }
    }

    pub fn colored() -> Theme {
        let s = Style::new();
        Theme {
            color: true,
            base: s,
            dim: s.fg(Color::Gray),
            header: s
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            year: s.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            title: s.add_modifier(Modifier::BOLD),
            label: s.fg(Color::Cyan),
            selected: s
                .fg(Color::Black)
                .bg(Color::LightCyan)
                .add_modifier(Modifier::BOLD),
            matched: s
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::UNDERLINED),
            quote: s.fg(Color::Black).bg(Color::LightYellow),
            border: s.fg(Color::DarkGray),
            border_focus: s.fg(Color::LightCyan),
            status: s.fg(Color::Yellow),
            key: s.fg(Color::LightCyan).add_modifier(Modifier::BOLD),
        }
    }

    /// NO_COLOR: `Color::Reset` only; marks and modifiers carry meaning.
    pub fn plain() -> Theme {
        let s = Style::new().fg(Color::Reset).bg(Color::Reset);
        let bold = s.add_modifier(Modifier::BOLD);
        Theme {
            color: false,
            base: s,
            dim: s,
            header: bold,
            year: bold,
            title: bold,
            label: s,
            selected: bold,
            matched: s.add_modifier(Modifier::UNDERLINED),
            quote: bold,
            border: s,
            border_focus: bold,
            status: bold,
            key: bold,
        }
    }

    /// Plain when NO_COLOR is set to anything but the empty string.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::plain(),
            _ => Theme::colored(),
        }
    }

    pub fn kind(&self, k: Kind) -> Style {
        if !self.color {
            return self.base;
        }
        let c = match k {
            Kind::Meeting => Color::LightGreen,
            Kind::Agreement => Color::LightMagenta,
            Kind::Opening => Color::LightRed,
            Kind::Statement => Color::LightBlue,
            Kind::Plan => Color::Yellow,
            Kind::Background => Color::Gray,
        };
        Style::new().fg(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATES: [Role; 5] = [
        Role::Live,
        Role::Pending,
        Role::Stopped,
        Role::Warning,
        Role::Cursor,
    ];

    #[test]
    fn no_color_shows_line_states_without_colour_and_the_cursor_by_modifiers() {
        let t = Theme::plain();
        for role in STATES {
            let s = t.style(role);
            assert_eq!(s.fg, Some(Color::Reset), "{role:?}");
            assert_eq!(s.bg, Some(Color::Reset), "{role:?}");
            assert!(!s.add_modifier.contains(Modifier::REVERSED), "{role:?}");
        }
        let cursor = t.style(Role::Cursor);
        assert!(
            cursor
                .add_modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED)
        );
        // A missed forecast stands out by weight as well as by its word.
        assert!(t.style(Role::Warning).add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn colour_tells_the_states_apart() {
        let t = Theme::colored();
        let fg: Vec<Option<Color>> = [Role::Live, Role::Pending, Role::Stopped]
            .into_iter()
            .map(|r| t.style(r).fg)
            .collect();
        assert_eq!(
            fg,
            [
                Some(Color::LightGreen),
                Some(Color::Yellow),
                Some(Color::LightRed)
            ]
        );
        assert_ne!(t.style(Role::Cursor), t.selected);
    }
}
