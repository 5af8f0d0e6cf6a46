//! The terminal: entering and leaving it, the event loop, the panic hook.
//!
//! The loop is generic over the backend and the event source, so tests run
//! the real loop on a `TestBackend` with scripted events.

use std::io::{self, IsTerminal, Write, stdout};
use std::sync::Once;
use std::time::Duration;

use anyhow::{Context, bail};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::action::Action;
use crate::app::App;
use crate::app::cite::osc52;
use crate::keymap::map_key;
use crate::model::Dataset;
use crate::ui;
use crate::ui::theme::Theme;

/// Where terminal events come from.
pub trait EventSource {
    /// The next event; `None` when there will be no more.
    fn next(&mut self) -> io::Result<Option<Event>>;
    /// Whether an event is waiting (so several can be handled per frame).
    fn ready(&mut self) -> io::Result<bool>;
}

/// Puts text on the clipboard (OSC 52 on a real terminal).
pub trait Clipboard {
    fn copy(&mut self, text: &str) -> io::Result<()>;
}

impl<W: Write> Clipboard for CrosstermBackend<W> {
    fn copy(&mut self, text: &str) -> io::Result<()> {
        self.write_all(osc52(text).as_bytes())?;
        Write::flush(self)
    }
}

impl Clipboard for TestBackend {
    fn copy(&mut self, _text: &str) -> io::Result<()> {
        Ok(())
    }
}

/// Events from crossterm (the real terminal).
pub struct CrosstermEvents;

impl EventSource for CrosstermEvents {
    fn next(&mut self) -> io::Result<Option<Event>> {
        event::read().map(Some)
    }
    fn ready(&mut self) -> io::Result<bool> {
        event::poll(Duration::ZERO)
    }
}

/// Scripted events, for tests.
impl EventSource for std::vec::IntoIter<Event> {
    fn next(&mut self) -> io::Result<Option<Event>> {
        Ok(Iterator::next(self))
    }
    fn ready(&mut self) -> io::Result<bool> {
        Ok(self.len() > 0)
    }
}

/// The action a terminal event asks for, if any.
pub fn action_for(app: &App, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => map_key(k, app.key_mode()),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                col: m.column,
                row: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                col: m.column,
                row: m.row,
                down: false,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                col: m.column,
                row: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Draws one frame: lays it out, records the layout in the app, draws.
pub fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> Result<(), B::Error> {
    let mut drawn = Default::default();
    terminal.draw(|f| {
        app.set_areas(ui::layout::areas(f.area(), app));
        drawn = ui::render(app, f);
    })?;
    app.set_drawn(drawn);
    Ok(())
}

/// Runs until the app quits or the events end. A resize simply redraws.
pub fn run_loop<B, E>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut E,
) -> anyhow::Result<()>
where
    B: Backend + Clipboard,
    B::Error: Send + Sync + 'static,
    E: EventSource,
{
    loop {
        draw(terminal, app)?;
        // Handle every waiting event before the next frame: a burst of
        // wheel steps or keys costs one draw.
        let mut first = true;
        while first || events.ready()? {
            first = false;
            let Some(ev) = events.next()? else {
                return Ok(());
            };
            if let Some(action) = action_for(app, &ev) {
                app.update(action);
            }
            if let Some(text) = app.clipboard.take() {
                terminal.backend_mut().copy(&text)?;
            }
            if app.quit {
                return Ok(());
            }
        }
    }
}

/// Leaves raw mode and the alternate screen, stops mouse capture, shows the
/// cursor. Safe to call more than once.
pub fn restore() -> io::Result<()> {
    let mut out = stdout();
    let screen = execute!(out, DisableMouseCapture, LeaveAlternateScreen, Show);
    let raw = disable_raw_mode();
    screen.and(raw)
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}

/// Restores the terminal when dropped: on return, on error, on unwinding.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = restore();
    }
}

/// Runs the interface on the real terminal, and restores it on every path.
pub fn run(dataset: Dataset) -> anyhow::Result<()> {
    run_with_theme(dataset, Theme::from_env())
}

pub fn run_with_theme(dataset: Dataset, theme: Theme) -> anyhow::Result<()> {
    if !stdout().is_terminal() || !io::stdin().is_terminal() {
        bail!("the interactive timeline needs a terminal");
    }
    install_panic_hook();
    let guard = Guard;
    enable_raw_mode().context("cannot enter raw mode")?;
    // Clear through crossterm: `Terminal::clear` asks the terminal where
    // the cursor is, a round trip that stalls on a slow link and fails on a
    // terminal that does not answer.
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        Clear(ClearType::All)
    )
    .context("cannot set up the terminal")?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    terminal.hide_cursor()?;
    let mut app = App::new(dataset, theme);
    let result = run_loop(&mut terminal, &mut app, &mut CrosstermEvents);
    drop(guard);
    result
}
