//! The terminal: entering and leaving it, the event loop, the panic hook.
//!
//! The loop is generic over the backend and the event source, so tests run
//! the real loop on a `TestBackend` with scripted events.
//!
//! Messages go in ([`App::update`] takes keys, mouse events, resizes and
//! reloaded datasets) and effects come out: the loop carries out what the
//! app asks of the world outside (putting text on the clipboard, handing
//! the terminal to an editor, stopping to the shell, quitting), reloads the
//! dataset file (after the editor, or when `--watch` sees it change), and
//! paints.

use std::io::{self, IsTerminal, Write, stdout};
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::action::Action;
use crate::app::cite::osc52;
use crate::app::file::EditRequest;
use crate::app::{App, Effect, Msg};
use crate::editor;
use crate::keymap::map_key;
use crate::model::Dataset;
use crate::ui;
use crate::ui::theme::Theme;
use crate::watch::Watcher;

/// Where terminal events come from.
pub trait EventSource {
    /// The next event; `None` when there will be no more.
    fn next(&mut self) -> io::Result<Option<Event>>;
    /// Whether an event is waiting (so several can be handled per frame).
    fn ready(&mut self) -> io::Result<bool>;
    /// Waits at most `timeout` for an event; whether one is waiting. A
    /// source whose events are always at hand need not wait.
    fn wait(&mut self, timeout: Duration) -> io::Result<bool> {
        let _ = timeout;
        Ok(true)
    }
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

/// Hands the terminal to another program (an editor) and takes it back.
pub trait Suspend {
    /// Leaves the interface: as [`restore`] does.
    fn suspend(&mut self) -> io::Result<()>;
    /// Enters it again: raw mode, alternate screen, mouse capture, a clear
    /// screen, no cursor.
    fn resume(&mut self) -> io::Result<()>;
    /// Stops the process, as the default action of SIGTSTP does, and
    /// returns once it is continued (`fg`, SIGCONT).
    fn stop(&mut self) -> io::Result<()>;
}

impl<W: Write> Suspend for CrosstermBackend<W> {
    fn suspend(&mut self) -> io::Result<()> {
        let screen = execute!(self, DisableMouseCapture, LeaveAlternateScreen, Show);
        let raw = disable_raw_mode();
        screen.and(raw)
    }
    fn resume(&mut self) -> io::Result<()> {
        enable_raw_mode()?;
        execute!(
            self,
            EnterAlternateScreen,
            EnableMouseCapture,
            Clear(ClearType::All),
            Hide
        )
    }
    fn stop(&mut self) -> io::Result<()> {
        stop_process()
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
    fn wait(&mut self, timeout: Duration) -> io::Result<bool> {
        event::poll(timeout)
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

/// The message a terminal event makes, if any.
pub fn message_for(app: &App, ev: &Event) -> Option<Msg> {
    match ev {
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        _ => action_for(app, ev).map(Msg::Action),
    }
}

/// The action a key or mouse event asks for, if any.
pub fn action_for(app: &App, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => map_key(k, app.mode),
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

/// Paints one frame of the app as it stands (laid out by its last update).
pub fn draw<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &App,
    theme: &Theme,
) -> Result<(), B::Error> {
    terminal.draw(|f| ui::render(app, theme, f))?;
    Ok(())
}

/// Tells the app the terminal's size if it is not the one it laid out for
/// (at start, and after a resize or an editor changed it).
fn send_size<B: Backend>(terminal: &Terminal<B>, app: &mut App) -> Result<(), B::Error> {
    let size = terminal.size()?;
    if (size.width, size.height) != (app.size.width, app.size.height) {
        app.update(Msg::Resize(size.width, size.height));
    }
    Ok(())
}

/// The dataset file on screen, and its watcher under `--watch`.
pub struct DataFile {
    pub path: PathBuf,
    pub watcher: Option<Watcher>,
}

/// Runs until the app quits or the events end: each event goes to the app
/// as a message, and the effects it returns are carried out here. With a
/// watched `file`, a change to it (or to a source) reloads it.
pub fn run_loop<B, E>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    theme: &Theme,
    events: &mut E,
    mut file: Option<&mut DataFile>,
) -> anyhow::Result<()>
where
    B: Backend + Clipboard + Suspend,
    B::Error: Send + Sync + 'static,
    E: EventSource,
{
    loop {
        if STOP_ASKED.swap(false, Ordering::SeqCst) {
            stop_to_shell(terminal)?;
        }
        send_size(terminal, app)?;
        draw(terminal, app, theme)?;
        if let Some(f) = file.as_deref_mut()
            && let Some(w) = f.watcher.as_mut()
            && !wait_for_input(events, w)?
        {
            reload(app, &f.path, Some(w));
            continue;
        }
        // Handle every waiting event before the next frame: a burst of
        // wheel steps or keys costs one draw.
        let mut first = true;
        while first || events.ready()? {
            first = false;
            let Some(ev) = events.next()? else {
                return Ok(());
            };
            let Some(msg) = message_for(app, &ev) else {
                continue;
            };
            let mut edited = false;
            let mut stopped = false;
            for effect in app.update(msg) {
                match effect {
                    Effect::Copy(text) => terminal.backend_mut().copy(&text)?,
                    Effect::Edit(request) => {
                        let watcher = file.as_deref_mut().and_then(|f| f.watcher.as_mut());
                        edit(terminal, app, &request, watcher)?;
                        edited = true;
                    }
                    Effect::Suspend => {
                        stop_to_shell(terminal)?;
                        stopped = true;
                    }
                    Effect::Quit => return Ok(()),
                }
            }
            // Back from the editor or the shell: draw the whole frame now.
            if edited || stopped || STOP_ASKED.load(Ordering::SeqCst) {
                break;
            }
        }
    }
}

/// Gives the terminal back, stops until `fg` (or SIGCONT), then takes the
/// terminal again and has the next frame drawn in full.
fn stop_to_shell<B>(terminal: &mut Terminal<B>) -> anyhow::Result<()>
where
    B: Backend + Suspend,
{
    let backend = terminal.backend_mut();
    backend
        .suspend()
        .context("cannot leave the terminal to stop")?;
    backend.stop().context("cannot stop")?;
    backend
        .resume()
        .context("cannot take the terminal back after a stop")?;
    redraw_in_full(terminal);
    Ok(())
}

/// Both buffers empty: the next frame is drawn in full on the cleared
/// screen. (`Terminal::clear` would ask the terminal for the cursor.)
fn redraw_in_full<B: Backend>(terminal: &mut Terminal<B>) {
    terminal.swap_buffers();
    terminal.swap_buffers();
}

/// Waits for a terminal event while watching: true when one is waiting,
/// false when a change to the files is due first.
fn wait_for_input<E: EventSource>(events: &mut E, watcher: &mut Watcher) -> io::Result<bool> {
    loop {
        if watcher.due(Instant::now()) {
            return Ok(false);
        }
        if events.wait(watcher.wait(Instant::now()))? {
            return Ok(true);
        }
    }
}

/// Reads the dataset file again and hands the result to the app; the
/// watcher follows the sources of a dataset that loaded.
fn reload(app: &mut App, path: &Path, watcher: Option<&mut Watcher>) {
    let result = Dataset::load(path);
    if let Some(w) = watcher {
        if let Ok(data) = &result {
            w.follow(path, data);
        }
        w.settle();
    }
    app.update(Msg::Loaded(result));
}

/// Leaves the interface, runs the editor on the file at the event's line,
/// waits for it, enters the interface again and reloads the file.
fn edit<B>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    request: &EditRequest,
    watcher: Option<&mut Watcher>,
) -> anyhow::Result<()>
where
    B: Backend + Suspend,
    B::Error: Send + Sync + 'static,
{
    let text = std::fs::read_to_string(&request.file).unwrap_or_default();
    let line = editor::line_for(&text, request);
    let mut command = editor::from_env(line, &request.file);
    let ran = {
        // The editor owns the terminal and its keyboard signals until it
        // exits, so the guard outlives the resume below.
        let _editing = Editing::start();
        terminal
            .backend_mut()
            .suspend()
            .context("cannot leave the terminal for the editor")?;
        let ran = command.status();
        terminal
            .backend_mut()
            .resume()
            .context("cannot take the terminal back from the editor")?;
        ran
    };
    redraw_in_full(terminal);
    match ran {
        Ok(_) => reload(app, &request.file, watcher),
        Err(e) => {
            app.update(Msg::EditorFailed {
                program: command.get_program().to_string_lossy().into_owned(),
                error: e.to_string(),
            });
        }
    }
    Ok(())
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

/// Set while an editor runs: the keyboard signals of the terminal are the
/// editor's then.
static EDITING: AtomicBool = AtomicBool::new(false);

/// Set by the signal thread when SIGTSTP came from outside: the loop stops
/// to the shell as it does for Ctrl-z.
static STOP_ASKED: AtomicBool = AtomicBool::new(false);

/// Marks the time an editor has the terminal.
struct Editing;

impl Editing {
    fn start() -> Editing {
        EDITING.store(true, Ordering::SeqCst);
        Editing
    }
}

impl Drop for Editing {
    fn drop(&mut self) {
        EDITING.store(false, Ordering::SeqCst);
    }
}

/// Stops the whole process until SIGCONT. SIGTSTP itself would only reach
/// our own handler, so this stops with SIGSTOP, which cannot be handled.
fn stop_process() -> io::Result<()> {
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)
}

/// What the signal thread does with a signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OnSignal {
    /// Restore the terminal and exit with 128 + the signal.
    Exit,
    /// Drop it: a key typed for the editor (`Ctrl-c`, `Ctrl-\`).
    Discard,
    /// Stop now, leaving the terminal alone: the editor has it (an editor
    /// stops its whole process group on Ctrl-z).
    StopNow,
    /// Have the loop stop to the shell, as it does for Ctrl-z.
    AskLoopToStop,
}

fn on_signal(signal: i32, editing: bool) -> OnSignal {
    use signal_hook::consts::{SIGINT, SIGQUIT, SIGTSTP};
    match signal {
        SIGINT | SIGQUIT if editing => OnSignal::Discard,
        SIGTSTP if editing => OnSignal::StopNow,
        SIGTSTP => OnSignal::AskLoopToStop,
        _ => OnSignal::Exit,
    }
}

/// Handles the signals a full-screen program must: restores the terminal
/// and exits when the process is told to end (SIGINT or SIGTERM from
/// `kill`, SIGHUP when an SSH session closes, SIGQUIT), since raw mode and
/// the alternate screen would otherwise outlive it; and stops to the shell
/// on SIGTSTP from outside.
///
/// The signals are handled on a thread (not ignored: a handled signal is
/// reset to its default in the editor we run, an ignored one would be
/// ignored there too). While the editor runs, `Ctrl-c` and `Ctrl-\` reach the
/// whole foreground process group, us included, and are dropped here.
///
/// On exit the standard output lock is held from the restore to the exit,
/// so the drawing thread cannot write a frame in between. A stop asked from
/// outside is left to the loop, woken by a SIGWINCH to ourselves (the event
/// source reports it as a resize), so all the work on the terminal stays on
/// one thread.
fn install_signal_handler() -> io::Result<()> {
    static ONCE: Once = Once::new();
    let mut result = Ok(());
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
        match signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGQUIT, SIGINT, SIGTSTP]) {
            Ok(mut signals) => {
                std::thread::spawn(move || {
                    for signal in signals.forever() {
                        match on_signal(signal, EDITING.load(Ordering::SeqCst)) {
                            OnSignal::Exit => {
                                let _lock = stdout().lock();
                                let _ = restore();
                                std::process::exit(128 + signal);
                            }
                            OnSignal::Discard => {}
                            OnSignal::StopNow => {
                                let _ = stop_process();
                            }
                            OnSignal::AskLoopToStop => {
                                STOP_ASKED.store(true, Ordering::SeqCst);
                                let _ = signal_hook::low_level::raise(SIGWINCH);
                            }
                        }
                    }
                });
            }
            Err(e) => result = Err(e),
        }
    });
    result
}

/// Restores the terminal when dropped: on return, on error, on unwinding.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = restore();
    }
}

/// Runs the interface on the real terminal, and restores it on every path.
/// With `watch`, the dataset file (which the dataset must come from) is
/// reloaded whenever it or one of its sources changes.
pub fn run(dataset: Dataset, watch: bool) -> anyhow::Result<()> {
    run_with_theme(dataset, Theme::from_env(), watch)
}

pub fn run_with_theme(dataset: Dataset, theme: Theme, watch: bool) -> anyhow::Result<()> {
    if !stdout().is_terminal() || !io::stdin().is_terminal() {
        bail!("the interactive timeline needs a terminal");
    }
    let mut file = match dataset.origin() {
        crate::model::Origin::File(path) => Some(DataFile {
            path: path.clone(),
            watcher: None,
        }),
        crate::model::Origin::Embedded => None,
    };
    if watch {
        let Some(f) = file.as_mut() else {
            bail!("--watch needs a dataset file: hotlines FILE --watch");
        };
        let w = Watcher::new(&f.path, &dataset)
            .with_context(|| format!("cannot watch {}", f.path.display()))?;
        f.watcher = Some(w);
    }
    install_panic_hook();
    install_signal_handler().context("cannot handle termination signals")?;
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
    // Start the event source now, so that from here on the SIGWINCH of a
    // stop asked from outside wakes it (one asked before is seen by the
    // loop's first look at STOP_ASKED).
    event::poll(Duration::ZERO).context("cannot read the terminal")?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    terminal.hide_cursor()?;
    let mut app = App::new(dataset);
    // Debug builds only: lets the end-to-end tests prove that a panic in the
    // middle of a full-screen session still gives the terminal back.
    #[cfg(debug_assertions)]
    if std::env::var_os("HOTLINES_DEBUG_PANIC").is_some() {
        send_size(&terminal, &mut app)?;
        draw(&mut terminal, &app, &theme)?;
        panic!("HOTLINES_DEBUG_PANIC is set");
    }
    let events = &mut CrosstermEvents;
    let result = run_loop(&mut terminal, &mut app, &theme, events, file.as_mut());
    drop(guard);
    result
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::layout::Rect;
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

    use super::*;

    impl Clipboard for TestBackend {
        fn copy(&mut self, _text: &str) -> io::Result<()> {
            Ok(())
        }
    }

    impl Suspend for TestBackend {
        fn suspend(&mut self) -> io::Result<()> {
            Ok(())
        }
        fn resume(&mut self) -> io::Result<()> {
            Ok(())
        }
        fn stop(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    fn ctrl(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    fn small() -> App {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small/events.json");
        App::new(Dataset::load(&p).unwrap())
    }

    #[test]
    fn the_loop_sends_the_size_and_carries_out_the_effects() {
        let mut app = small();
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let theme = Theme::plain();
        // A resize the terminal does not bear out is corrected before the
        // next frame.
        let mut events = vec![key('j'), Event::Resize(60, 20), key('y')].into_iter();
        run_loop(&mut terminal, &mut app, &theme, &mut events, None).unwrap();
        assert_eq!(app.selected, 1);
        assert_eq!(app.size, Rect::new(0, 0, 80, 24));
        let screen = terminal.backend().to_string();
        assert!(screen.contains("Citation copied"), "{screen}");
        // A real resize reaches the app; q ends the loop before the last j
        // is read.
        terminal.backend_mut().resize(100, 30);
        let mut events = vec![Event::Resize(100, 30), key('q'), key('j')].into_iter();
        run_loop(&mut terminal, &mut app, &theme, &mut events, None).unwrap();
        assert_eq!(app.size, Rect::new(0, 0, 100, 30));
        assert_eq!(events.len(), 1, "the loop stopped at q");
        assert_eq!(app.selected, 1);
    }

    #[test]
    fn keyboard_signals_belong_to_the_editor_while_it_runs() {
        for editing in [false, true] {
            assert_eq!(on_signal(SIGTERM, editing), OnSignal::Exit);
            assert_eq!(on_signal(SIGHUP, editing), OnSignal::Exit);
        }
        assert_eq!(on_signal(SIGINT, false), OnSignal::Exit);
        assert_eq!(on_signal(SIGQUIT, false), OnSignal::Exit);
        assert_eq!(on_signal(SIGTSTP, false), OnSignal::AskLoopToStop);
        assert_eq!(on_signal(SIGINT, true), OnSignal::Discard);
        assert_eq!(on_signal(SIGQUIT, true), OnSignal::Discard);
        assert_eq!(on_signal(SIGTSTP, true), OnSignal::StopNow);
    }

    #[test]
    fn the_loop_takes_a_stop_request_and_goes_on() {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let theme = Theme::plain();
        let mut app = small();
        let mut events = vec![ctrl('z'), key('j')].into_iter();
        run_loop(&mut terminal, &mut app, &theme, &mut events, None).unwrap();
        assert_eq!(app.selected, 1, "keys after the stop still count");
        // A stop asked from outside is taken the same way.
        STOP_ASKED.store(true, Ordering::SeqCst);
        let mut events = vec![key('q'), key('j')].into_iter();
        run_loop(&mut terminal, &mut app, &theme, &mut events, None).unwrap();
        assert!(
            !STOP_ASKED.load(Ordering::SeqCst),
            "the loop took the request"
        );
        assert_eq!(events.len(), 1, "then q still quits");
    }

    #[test]
    fn the_editing_mark_lasts_while_the_guard_lives() {
        {
            let _editing = Editing::start();
            assert!(EDITING.load(Ordering::SeqCst));
        }
        assert!(!EDITING.load(Ordering::SeqCst));
    }
}
