//! The terminal: entering and leaving it, the event loop, the panic hook.
//!
//! The loop is generic over the backend and the event source, so tests run
//! the real loop on a `TestBackend` with scripted events.
//!
//! Messages go in ([`App::update`] takes keys, mouse events, resizes,
//! changes to the watched files and reloaded datasets) and effects come
//! out: the loop carries out what the app asks of the world outside
//! (putting text on the clipboard, handing the terminal to an editor,
//! reading the dataset file and checking its quotes on worker threads,
//! stopping to the shell, quitting), and paints.
//!
//! The loop sleeps until a terminal event comes, and while work runs on
//! other threads (a load, an export, the quote check, a search) or files
//! are watched, at most a few milliseconds more than that work needs: it
//! then looks for their messages. Nothing wakes it from another thread: a
//! SIGWINCH to ourselves, the one way to wake crossterm's wait, could
//! leave crossterm waiting with a key unread when it came as keys were
//! typed (seen in the pseudo-terminal tests).

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write, stdout};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Once};
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
use crate::app::incremental_search::{SearchRequest, find};
use crate::app::{App, CheckRequest, Effect, ExportRequest, Msg};
use crate::editor;
use crate::keymap::map_key;
use crate::model::{Dataset, LoadError, QuoteCheck, QuotesLocated};
use crate::ui;
use crate::ui::theme::Theme;
use crate::watch::Watcher;

/// Where terminal events come from.
pub trait EventSource {
    /// The next event; `None` when there will be no more.
    fn next(&mut self) -> io::Result<Option<Event>>;
    /// Whether an event is waiting (so several can be handled per frame).
    fn ready(&mut self) -> io::Result<bool>;
    /// Waits at most `timeout` for an event; whether one is waiting. With
    /// no timeout it may return at once, leaving [`EventSource::next`] to
    /// wait. A source whose events are always at hand need not wait.
    fn wait(&mut self, timeout: Option<Duration>) -> io::Result<bool> {
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
    fn wait(&mut self, timeout: Option<Duration>) -> io::Result<bool> {
        match timeout {
            Some(t) => event::poll(t),
            None => Ok(true),
        }
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

/// Runs the slow work of effects on worker threads (reading the dataset
/// file, writing an export) and hands the results back to the loop as
/// messages, which the loop looks for while any is under way
/// ([`Workers::busy`]). The app asks for one load at a time.
struct Workers {
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
    /// Loads and exports started whose message is not taken yet.
    jobs: std::cell::Cell<usize>,
    /// The number of the last search started: an earlier one stops.
    search: Arc<AtomicU64>,
}

impl Workers {
    fn new() -> Workers {
        let (tx, rx) = channel();
        Workers {
            tx,
            rx,
            jobs: std::cell::Cell::new(0),
            search: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Runs `job` on a thread named `name`; its message comes back through
    /// [`Workers::take`]. If no thread can start, `failed` says why, as the
    /// job's message.
    fn run(
        &self,
        name: &str,
        job: impl FnOnce() -> Msg + Send + 'static,
        failed: impl FnOnce(String) -> Msg,
    ) {
        self.jobs.set(self.jobs.get() + 1);
        let tx = self.tx.clone();
        let spawned = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                let _ = tx.send(job());
            });
        if let Err(e) = spawned {
            let _ = self.tx.send(failed(format!("cannot start a thread: {e}")));
        }
    }

    /// Starts reading `path` as the start reads it
    /// ([`Dataset::load_unchecked`]: all but the quotes' places checked);
    /// the result comes back as [`Msg::Loaded`], with the check of its
    /// quotes for the app to ask for ([`Effect::Check`]).
    fn load(&self, path: PathBuf) {
        let file = path.display().to_string();
        self.run(
            "load",
            move || {
                // Debug builds only: lets the end-to-end tests hold a load
                // open long enough to act while it runs.
                #[cfg(debug_assertions)]
                if let Some(ms) = std::env::var("HOTLINES_DEBUG_LOAD_DELAY_MS")
                    .ok()
                    .and_then(|v| v.parse().ok())
                {
                    std::thread::sleep(Duration::from_millis(ms));
                }
                Msg::Loaded(Dataset::load_unchecked(&path))
            },
            |message| Msg::Loaded(Err(LoadError::Io { file, message })),
        );
    }

    /// Reads every event's searchable text once, on a thread, so that the
    /// first `/` finds it read (a search that comes first waits for it).
    /// Not done before the first frame: at a million events it takes
    /// about half a second.
    fn warm_search(&self, data: Arc<Dataset>) {
        let _ = std::thread::Builder::new()
            .name("search-marks".into())
            .spawn(move || {
                crate::query::search::marks(&data);
            });
    }

    /// Starts the check of the quotes of `data` (which it came with): its
    /// progress comes back as [`Msg::CheckProgress`], at most every
    /// [`PROGRESS_EVERY`], and its result as [`Msg::Checked`], each with
    /// the request's id (the app drops those of a check it no longer
    /// waits for).
    ///
    /// It does not wake the loop: the loop looks for its messages every
    /// [`PROGRESS_EVERY`] while the app says a check runs. A wake is a
    /// SIGWINCH, and one at start, as keys are first typed, could leave
    /// crossterm waiting with a key unread (seen in the pseudo-terminal
    /// tests); a short wait on the terminal is safe.
    fn check(&self, data: Arc<Dataset>, request: CheckRequest) {
        let CheckRequest { id, check } = request;
        let file = data.origin().display_name();
        let tx = self.tx.clone();
        let spawned = std::thread::Builder::new()
            .name("check".into())
            .spawn(move || {
                // Debug builds only: lets the end-to-end tests see the data
                // on screen while its check runs, however fast it is.
                #[cfg(debug_assertions)]
                if let Some(ms) = std::env::var("HOTLINES_DEBUG_CHECK_DELAY_MS")
                    .ok()
                    .and_then(|v| v.parse().ok())
                {
                    std::thread::sleep(Duration::from_millis(ms));
                }
                let mut last: Option<Instant> = None;
                let mut progress = |done, total| {
                    if last.is_some_and(|t| t.elapsed() < PROGRESS_EVERY) {
                        return;
                    }
                    last = Some(Instant::now());
                    let _ = tx.send(Msg::CheckProgress {
                        check: id,
                        done,
                        total,
                    });
                };
                let located = check.run(&data, &mut progress);
                drop(data);
                let _ = tx.send(Msg::Checked { check: id, located });
            });
        if let Err(e) = spawned {
            // Without a thread the quotes stay unlocated: a problem.
            let message = format!("cannot start a thread: {e}");
            let _ = self.tx.send(Msg::Checked {
                check: id,
                located: QuotesLocated::not_run(&file, message),
            });
        }
    }

    /// Starts writing an export of `data`; the result comes back as
    /// [`Msg::Exported`] or [`Msg::ExportWouldReplace`].
    fn export(&self, data: Arc<Dataset>, request: ExportRequest) {
        self.run(
            "export",
            move || export(&data, request),
            |message| Msg::Exported(Err(message)),
        );
    }

    /// Starts the search `request` over `data` (the dataset the app
    /// holds, shared); the answer comes back as [`Msg::Searched`]. A
    /// search still running from an earlier request stops and sends
    /// nothing: the app would drop its answer.
    ///
    /// Like the check, it does not wake the loop: its answer comes while
    /// keys are being typed, when a SIGWINCH to ourselves could leave
    /// crossterm waiting with a key unread; the loop looks for it every
    /// [`SEARCH_POLL`] while the app says a search runs.
    fn search(&self, data: Arc<Dataset>, request: SearchRequest) {
        let latest = self.search.clone();
        let id = request.id;
        latest.store(id, Ordering::SeqCst);
        let (tx, job) = (self.tx.clone(), (data.clone(), request.clone()));
        let spawned = std::thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                let (data, request) = job;
                let stop = || latest.load(Ordering::Relaxed) != id;
                if let Some(result) = find(&data, &request, &stop) {
                    let _ = tx.send(Msg::Searched(result));
                }
            });
        if spawned.is_err() {
            // Without a thread, search on this one: slow, but the answer.
            let result = find(&data, &request, &|| false).expect("never asked to stop");
            let _ = self.tx.send(Msg::Searched(result));
        }
    }

    /// The message of a job that finished, if one did.
    fn take(&self) -> Option<Msg> {
        let msg = self.rx.try_recv().ok()?;
        if matches!(
            msg,
            Msg::Loaded(_) | Msg::Exported(_) | Msg::ExportWouldReplace(_)
        ) {
            self.jobs.set(self.jobs.get().saturating_sub(1));
        }
        Some(msg)
    }

    /// Whether a load or an export is under way: its message is to be
    /// looked for.
    fn busy(&self) -> bool {
        self.jobs.get() > 0
    }
}

/// The least time between two reports of the quote check's progress.
const PROGRESS_EVERY: Duration = Duration::from_millis(50);

/// How often the loop looks for a search's answer while one runs (the
/// search does not wake it, see [`Workers::search`]).
const SEARCH_POLL: Duration = Duration::from_millis(5);

/// How often the loop looks for a load's or an export's message while one
/// runs, and for changes to the watched files.
const WORK_POLL: Duration = Duration::from_millis(20);

/// What comes from the other threads, if anything: a finished load (the
/// watcher then follows the sources of a dataset that loaded), or a change
/// to the watched files that is due.
fn background_msg(workers: &Workers, file: Option<&mut DataFile>) -> Option<Msg> {
    if let Some(msg) = workers.take() {
        if let Some(f) = file
            && let Some(w) = f.watcher.as_mut()
            && let Msg::Loaded(Ok((data, _))) = &msg
        {
            w.follow(&f.path, data);
        }
        return Some(msg);
    }
    let w = file?.watcher.as_mut()?;
    w.due(Instant::now()).then_some(Msg::FilesChanged)
}

/// Runs until the app quits or the events end: each event goes to the app
/// as a message, and the effects it returns are carried out here. With a
/// watched `file`, a change to it (or to a source) is a message too. The
/// loop sleeps until a terminal event, a finished load or a change to the
/// watched files, whichever comes first; it never blocks on a load.
pub fn run_loop<B, E>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    theme: &Theme,
    events: &mut E,
    file: Option<&mut DataFile>,
) -> anyhow::Result<()>
where
    B: Backend + Clipboard + Suspend,
    B::Error: Send + Sync + 'static,
    E: EventSource,
{
    run_loop_checking(terminal, app, theme, events, file, None)
}

/// [`run_loop`], first starting `check` of the quotes of the app's dataset
/// (from [`Dataset::load_unchecked`]) on a worker thread, through the
/// effect the app gives for it ([`App::first_check`]); the checks of
/// reloads are asked for by the app itself.
pub fn run_loop_checking<B, E>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    theme: &Theme,
    events: &mut E,
    mut file: Option<&mut DataFile>,
    check: Option<QuoteCheck>,
) -> anyhow::Result<()>
where
    B: Backend + Clipboard + Suspend,
    B::Error: Send + Sync + 'static,
    E: EventSource,
{
    let workers = Workers::new();
    // Started once the first frame is drawn, so that it does not compete
    // with it for the processor.
    let mut check = check;
    // The dataset whose search text was last read (by address).
    let mut warmed: *const Dataset = std::ptr::null();
    loop {
        if STOP_ASKED.swap(false, Ordering::SeqCst) {
            stop_to_shell(terminal)?;
        }
        send_size(terminal, app)?;
        draw(terminal, app, theme)?;
        if let Some(check) = check.take() {
            let effects = app.first_check(check);
            carry_out(terminal, app, &workers, file.as_deref_mut(), effects)?;
        }
        if Arc::as_ptr(&app.data) != warmed {
            warmed = Arc::as_ptr(&app.data);
            workers.warm_search(app.data.clone());
        }
        let background = loop {
            if let Some(msg) = background_msg(&workers, file.as_deref_mut()) {
                break Some(msg);
            }
            let watched = file
                .as_deref_mut()
                .and_then(|f| f.watcher.as_mut())
                .and_then(|w| w.wait(Instant::now()));
            // Nothing wakes the loop: look again soon while work runs on
            // other threads or files are watched.
            let checking = app.checking.is_some().then_some(PROGRESS_EVERY);
            let searching = app.search.is_searching().then_some(SEARCH_POLL);
            let working = workers.busy().then_some(WORK_POLL);
            let watching = file
                .as_deref()
                .is_some_and(|f| f.watcher.is_some())
                .then_some(WORK_POLL);
            let due_in = [watched, checking, searching, working, watching]
                .into_iter()
                .flatten()
                .min();
            if events.wait(due_in)? {
                break None;
            }
        };
        if let Some(msg) = background {
            let effects = app.update(msg);
            if carry_out(terminal, app, &workers, file.as_deref_mut(), effects)? == After::Quit {
                return Ok(());
            }
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
            let effects = app.update(msg);
            match carry_out(terminal, app, &workers, file.as_deref_mut(), effects)? {
                After::Quit => return Ok(()),
                // Back from the editor or the shell: draw the whole frame now.
                After::Redraw => break,
                After::GoOn if STOP_ASKED.load(Ordering::SeqCst) => break,
                After::GoOn => {}
            }
        }
    }
}

/// What the loop does once effects are carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    GoOn,
    /// The terminal was handed over and taken back: draw before anything else.
    Redraw,
    Quit,
}

/// Carries out effects in order, and those of the messages they lead to
/// (the editor closing asks for a load).
fn carry_out<B>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    workers: &Workers,
    mut file: Option<&mut DataFile>,
    effects: Vec<Effect>,
) -> anyhow::Result<After>
where
    B: Backend + Clipboard + Suspend,
    B::Error: Send + Sync + 'static,
{
    let mut todo = VecDeque::from(effects);
    let mut after = After::GoOn;
    while let Some(effect) = todo.pop_front() {
        match effect {
            Effect::Copy(text) => terminal.backend_mut().copy(&text)?,
            Effect::Edit(request) => {
                let msg = edit(terminal, &request)?;
                todo.extend(app.update(msg));
                after = After::Redraw;
            }
            Effect::Load(path) => {
                // The load reads the files as they are from now on: the
                // changes seen so far are in it.
                if let Some(w) = file.as_deref_mut().and_then(|f| f.watcher.as_mut()) {
                    w.settle();
                }
                workers.load(path);
            }
            Effect::Check(request) => workers.check(app.data.clone(), request),
            Effect::Export(request) => workers.export(app.data.clone(), request),
            Effect::Search(request) => workers.search(app.data.clone(), request),
            Effect::Suspend => {
                stop_to_shell(terminal)?;
                after = After::Redraw;
            }
            Effect::Quit => return Ok(After::Quit),
        }
    }
    Ok(after)
}

/// Writes the view for [`Effect::Export`] (on a worker): the command
/// line's writer (`hotlines export -o`), through a temporary file and a
/// rename.
fn export(data: &Dataset, request: ExportRequest) -> Msg {
    use crate::commands::export::{FileExportError, to_file};
    let ExportRequest {
        path,
        format,
        events,
        replace,
    } = request;
    let events: Vec<usize> = events.iter().map(|&i| i as usize).collect();
    match to_file(data, &events, format, &path, replace) {
        Ok(n) => Msg::Exported(Ok((path, n))),
        Err(FileExportError::Exists) => Msg::ExportWouldReplace(path),
        Err(FileExportError::Failed(message)) => Msg::Exported(Err(message)),
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

/// Leaves the interface, runs the editor on the file at the event's line,
/// waits for it and enters the interface again; the message for the app:
/// the editor closed, or it could not be started.
fn edit<B>(terminal: &mut Terminal<B>, request: &EditRequest) -> anyhow::Result<Msg>
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
    Ok(match ran {
        Ok(_) => Msg::EditorClosed,
        Err(e) => Msg::EditorFailed {
            program: command.get_program().to_string_lossy().into_owned(),
            error: e.to_string(),
        },
    })
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

/// Per keyboard signal (by number): set by the signal handler itself when
/// the signal arrives while no editor runs. The signal thread gets to a
/// signal later, when the editor may have exited (the same Ctrl-c ends it),
/// so whose signal it was is decided here, at its arrival.
static FOR_US: [AtomicBool; 64] = [const { AtomicBool::new(false) }; 64];

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
/// whole foreground process group, us included, and are dropped here. Whether
/// the editor ran is noted as each one arrives ([`FOR_US`]): by the time the
/// thread reads it, the editor it ended may be gone and the loop back.
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
        let keyboard = [SIGINT, SIGQUIT, SIGTSTP];
        // Registered before the iterator's own handler, so it runs first on
        // each arrival: the mark is set before the signal thread wakes.
        for signal in keyboard {
            // SAFETY: the action only reads and writes atomics, which is
            // async-signal-safe; it allocates nothing and takes no lock.
            let registered = unsafe {
                signal_hook::low_level::register(signal, move || {
                    if !EDITING.load(Ordering::SeqCst) {
                        FOR_US[signal as usize].store(true, Ordering::SeqCst);
                    }
                })
            };
            if let Err(e) = registered {
                result = Err(e);
                return;
            }
        }
        match signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGQUIT, SIGINT, SIGTSTP]) {
            Ok(mut signals) => {
                std::thread::spawn(move || {
                    for signal in signals.forever() {
                        let editing = if keyboard.contains(&signal) {
                            // One mark for any number of arrivals since the
                            // last: any of them while no editor ran counts.
                            !FOR_US[signal as usize].swap(false, Ordering::SeqCst)
                        } else {
                            EDITING.load(Ordering::SeqCst)
                        };
                        match on_signal(signal, editing) {
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
/// With a `check`, the dataset's quotes are located on a worker thread
/// while the timeline is shown (see [`Dataset::load_unchecked`]).
pub fn run(dataset: Dataset, check: Option<QuoteCheck>, watch: bool) -> anyhow::Result<()> {
    run_with_theme(dataset, check, Theme::from_env(), watch)
}

pub fn run_with_theme(
    dataset: Dataset,
    check: Option<QuoteCheck>,
    theme: Theme,
    watch: bool,
) -> anyhow::Result<()> {
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
        // The loop looks for changes every `WORK_POLL`: nothing wakes it.
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
    let result = run_loop_checking(
        &mut terminal,
        &mut app,
        &theme,
        events,
        file.as_mut(),
        check,
    );
    // The terminal first: the shell's prompt comes back now.
    drop(guard);
    let _ = stdout().flush();
    // The process ends next, and the OS takes its memory back at once:
    // freeing a million events one by one would keep the user waiting for
    // nothing (about a second at that size).
    std::mem::forget(app);
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
    fn the_loader_reads_on_a_worker_and_is_busy_until_its_message_is_taken() {
        let loader = Workers::new();
        assert!(loader.take().is_none());
        assert!(!loader.busy());
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small/events.json");
        loader.load(p);
        let came_back = |loader: &Workers| {
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                // The loop looks for the message while the load runs.
                assert!(loader.busy(), "busy until the message is taken");
                if let Some(Msg::Loaded(r)) = loader.take() {
                    break r;
                }
                assert!(Instant::now() < deadline, "the load never came back");
                std::thread::yield_now();
            }
        };
        let result = came_back(&loader);
        assert!(!loader.busy(), "the message is taken");
        // Read as the start reads it: the quotes are left to a check.
        let (data, check) = result.unwrap();
        assert_eq!(data.events().len(), 8);
        assert!(check.is_some() && !data.quotes_located());
        // A file that cannot be read comes back as an error, not a hang.
        loader.load(PathBuf::from("/nonexistent/events.json"));
        assert!(came_back(&loader).is_err());
        assert!(!loader.busy());
    }

    #[test]
    fn the_quote_check_runs_on_a_worker_and_reports_progress_then_its_result() {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad/14-misquote.json");
        let (data, check) = Dataset::load_unchecked(&p).unwrap();
        let total = data.quote_total();
        let workers = Workers::new();
        let request = CheckRequest {
            id: 7,
            check: check.expect("a check to run"),
        };
        workers.check(Arc::new(data), request);
        let mut msgs = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(10);
        while !matches!(msgs.last(), Some(Msg::Checked { .. })) {
            assert!(Instant::now() < deadline, "the check never came back");
            match workers.take() {
                Some(msg) => msgs.push(msg),
                None => std::thread::yield_now(),
            }
        }
        assert!(
            matches!(msgs[0], Msg::CheckProgress { check: 7, done: 0, total: t } if t == total),
            "{msgs:?}"
        );
        let Some(Msg::Checked { check: 7, located }) = msgs.pop() else {
            panic!("{msgs:?}")
        };
        assert_eq!(located.problems, Dataset::load(&p).unwrap_err().problems());
    }

    #[test]
    fn an_export_is_written_on_a_worker_and_comes_back_as_a_message() {
        let workers = Workers::new();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("view.csv");
        let data = Arc::new(Dataset::embedded().unwrap());
        let request = |replace| ExportRequest {
            path: path.clone(),
            format: crate::cli::ExportFormat::Csv,
            events: vec![0, 1, 2],
            replace,
        };
        let next = || {
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                if let Some(msg) = workers.take() {
                    break msg;
                }
                assert!(Instant::now() < deadline, "the export never came back");
                std::thread::yield_now();
            }
        };
        workers.export(data.clone(), request(false));
        match next() {
            Msg::Exported(Ok((p, 3))) => assert_eq!(p, path),
            other => panic!("{other:?}"),
        }
        let written = std::fs::read_to_string(&path).unwrap();
        let ids: Vec<String> = csv::Reader::from_reader(written.as_bytes())
            .records()
            .map(|r| r.unwrap()[0].to_string())
            .collect();
        let want: Vec<String> = data.events()[..3]
            .iter()
            .map(|e| e.id.to_string())
            .collect();
        assert_eq!(ids, want);
        // Asked again without leave to replace: nothing is written.
        std::fs::write(&path, "mine").unwrap();
        workers.export(data.clone(), request(false));
        assert!(matches!(next(), Msg::ExportWouldReplace(p) if p == path));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
        workers.export(data, request(true));
        assert!(matches!(next(), Msg::Exported(Ok(_))));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
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
