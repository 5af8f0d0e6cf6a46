//! The real binary in a pseudo-terminal, its screen read by a vt100 parser.
//! No tmux, no display: runs anywhere a pty can be opened.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(10);

struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for checking escape sequences.
    raw: Arc<Mutex<Vec<u8>>>,
    /// The thread copying the program's output into `parser` and `raw`;
    /// it ends at the end of the output.
    reader: Option<std::thread::JoinHandle<()>>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    fn start(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hotlines"));
        cmd.args(args);
        Session::spawn(cmd, env, cols, rows)
    }

    /// As [`Session::start`], in the folder `cwd`.
    fn start_in(cwd: &Path, args: &[&str], cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hotlines"));
        cmd.args(args);
        cmd.cwd(cwd);
        Session::spawn(cmd, &[], cols, rows)
    }

    /// An interactive bash with job control (the session leader of the
    /// pty), its prompt `PROMPT`; no startup files, no history file.
    fn shell(cols: u16, rows: u16) -> Session {
        let mut cmd = CommandBuilder::new("bash");
        cmd.args(["--norc", "--noprofile", "-i"]);
        let env = [("PS1", PROMPT), ("HISTFILE", ""), ("INPUTRC", "/dev/null")];
        let s = Session::spawn(cmd, &env, cols, rows);
        s.wait_text(PROMPT.trim());
        s
    }

    /// Runs `cmd` in a new pty, in the project folder, with `env` over a
    /// colour terminal's environment.
    fn spawn(mut cmd: CommandBuilder, env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        let pair = native_pty_system().openpty(size(cols, rows)).unwrap();
        if cmd.get_cwd().is_none() {
            cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            master: pair.master,
            writer,
            child,
            parser,
            raw,
            reader: Some(reader),
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen satisfies `ok`; fails with the screen if not.
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_for(TIMEOUT, what, ok)
    }

    /// As [`Session::wait`], for at most `timeout`.
    fn wait_for(&self, timeout: Duration, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > timeout {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the emulated terminal satisfies `ok` (which screen is
    /// shown, the cursor, the text); fails with the screen if not.
    fn wait_term(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if ok(self.parser.lock().unwrap().screen()) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the timeline to be on the alternate screen, drawn in full.
    fn wait_timeline(&self) {
        self.wait_term("the timeline on the alternate screen", |t| {
            t.alternate_screen() && t.contents().contains("Test hotlines │ 8 of 8 events")
        });
    }

    /// Waits for the normal screen with the cursor shown.
    fn wait_normal_screen(&self) {
        self.wait_term("the normal screen and a cursor", |t| {
            !t.alternate_screen() && !t.hide_cursor()
        });
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a pid")
    }

    fn wait_text(&self, text: &str) -> String {
        self.wait(text, |s| s.contains(text))
    }

    /// The screen row holding the selection marker.
    fn selected_row(&self) -> String {
        self.screen()
            .lines()
            .find(|l| l.contains('▶'))
            .unwrap_or("")
            .to_string()
    }

    fn wait_selected(&self, text: &str) {
        let start = Instant::now();
        while !self.selected_row().contains(text) {
            if start.elapsed() > TIMEOUT {
                panic!(
                    "timed out waiting for {text} selected; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master.resize(size(cols, rows)).unwrap();
    }

    fn raw_contains(&self, seq: &str) -> bool {
        let raw = self.raw.lock().unwrap();
        raw.windows(seq.len()).any(|w| w == seq.as_bytes())
    }

    /// `q`: the program exits with success and gives the terminal back.
    fn quit(&mut self) {
        self.send("q");
        let status = self.wait_exit();
        assert!(status.success(), "{status:?}");
        self.assert_restored();
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.wait_output_end(start);
                return status;
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("the program did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the reader has taken in everything the program wrote:
    /// its thread ends at the end of the output, once the program (the
    /// last holder of the terminal's other end) has exited.
    fn wait_output_end(&mut self, start: Instant) {
        let reader = self.reader.take().expect("the output is read once");
        while !reader.is_finished() {
            if start.elapsed() > TIMEOUT {
                panic!("the output never ended; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        reader.join().expect("the reader thread");
    }

    /// Asserts that after the last entry to the alternate screen, it was
    /// left, the cursor shown and mouse capture stopped.
    fn assert_restored_since_last_entry(&self) {
        let raw = self.raw.lock().unwrap().clone();
        let last = |seq: &str| raw.windows(seq.len()).rposition(|w| w == seq.as_bytes());
        let entered = last("\x1b[?1049h").expect("the alternate screen was entered");
        assert!(
            last("\x1b[?1049l").is_some_and(|l| l > entered),
            "alternate screen not left"
        );
        assert!(
            last("\x1b[?1000l").is_some_and(|l| l > entered),
            "mouse capture not disabled"
        );
        assert!(
            last("\x1b[?1006l").is_some_and(|l| l > entered),
            "SGR mouse mode not disabled"
        );
        assert!(
            last("\x1b[?25h").is_some_and(|l| l > entered),
            "cursor not shown"
        );
    }

    /// How many times the program entered the alternate screen.
    fn entries(&self) -> usize {
        let raw = self.raw.lock().unwrap();
        let seq = b"\x1b[?1049h";
        raw.windows(seq.len()).filter(|w| w == seq).count()
    }

    /// Asserts the terminal was given back: alternate screen left, cursor
    /// shown, mouse capture off.
    fn assert_restored(&self) {
        assert!(
            self.raw_contains("\x1b[?1049l"),
            "alternate screen not left"
        );
        assert!(self.raw_contains("\x1b[?25h"), "cursor not shown");
        assert!(
            self.raw_contains("\x1b[?1000l"),
            "mouse capture not disabled"
        );
        assert!(
            self.raw_contains("\x1b[?1006l"),
            "SGR mouse mode not disabled"
        );
    }
}

const PROMPT: &str = "ready$ ";

/// Sends a signal to a process with kill(1).
fn kill(pid: u32, signal: &str) {
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal} {pid}");
}

/// Waits until a process is stopped (state T in /proc; Linux only, elsewhere
/// the screen checks alone stand).
fn wait_stopped(pid: u32) {
    if !cfg!(target_os = "linux") {
        return;
    }
    let start = Instant::now();
    loop {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        // The state follows the command name in parentheses.
        let state = stat.rsplit_once(") ").map(|(_, rest)| &rest[..1]);
        if state == Some("T") {
            return;
        }
        if start.elapsed() > TIMEOUT {
            panic!("process {pid} not stopped: {stat}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn row_of(screen: &str, text: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains(text))
}

#[test]
fn trace_the_hotline_through_the_real_binary() {
    let mut s = Session::start(&["tests/data/small/events.json"], &[], 120, 30);
    s.wait_text("Test hotlines │ 8 of 8 events");
    s.wait_selected("Defense ministers' talks");
    assert!(s.raw_contains("\x1b[?1049h"), "alternate screen entered");
    assert!(s.raw_contains("\x1b[?1000h"), "mouse capture on");

    // Navigate: two down, then one up with a count prefix.
    s.send("jj");
    s.wait_selected("Seoul's defense ministry");
    s.send("2k");
    s.wait_selected("Defense ministers' talks");

    // Search for a person by the spelling the article uses.
    s.send("/min-koo");
    s.wait_text("/min-koo 1/2 matches");
    s.send("\r");
    s.wait_selected("First call on the hotline");
    let screen = s.wait_text("Han Min-goo");
    assert!(screen.contains("spelled \"Han Min-koo\""), "{screen}");

    // The source reader shows the article with the quote.
    // Wait for the whole frame: a screen read between two writes of one
    // frame can hold its status line and not yet its text.
    s.send("\r");
    s.wait("the reader on the quote", |sc| {
        sc.contains("Quote 1 of 1")
            && sc.contains("Korea JoongAng Daily")
            && sc.contains("▌ Han Min-koo spoke with Chang Wanquan for about 20 minutes")
    });
    // y copies the citation through OSC 52.
    s.send("y");
    s.wait_text("Citation copied");
    assert!(s.raw_contains("\x1b]52;c;"));
    s.send("\x1b");
    s.wait_text("Timeline");
    s.wait_selected("First call on the hotline");

    // Help, and back.
    s.send("?");
    s.wait_text("? or Esc closes");
    s.send("?");
    s.wait("help closed", |sc| !sc.contains("? or Esc closes"));

    // Wide: panes side by side. Narrow: stacked.
    let screen = s.screen();
    assert_eq!(
        row_of(&screen, "Timeline"),
        row_of(&screen, "Details"),
        "{screen}"
    );
    s.resize(80, 24);
    let screen = s.wait("stacked panes", |sc| {
        matches!(
            (row_of(sc, "Timeline"), row_of(sc, "Details")),
            (Some(t), Some(d)) if d > t
        )
    });
    assert!(screen.lines().all(|l| l.chars().count() <= 80));
    s.wait_selected("First call on the hotline");

    s.quit();
}

/// The rows inside the timeline pane (between its side borders) that
/// hold nothing.
fn blank_timeline_rows(screen: &str) -> Vec<usize> {
    screen
        .lines()
        .enumerate()
        .skip(2)
        .filter_map(|(i, l)| {
            let inside = l.strip_prefix('┃')?;
            let end = inside.find('┃')?;
            inside[..end].trim().is_empty().then_some(i)
        })
        .collect()
}

#[test]
fn a_resize_to_very_small_and_back_leaves_no_blank_timeline_rows() {
    let mut s = Session::start(&[], &[], 120, 40);
    s.wait_text("61 of 61 events");
    s.send("G");
    s.wait_selected("50th anniversary");
    s.resize(20, 6);
    s.wait("the small screen", |sc| {
        sc.lines().all(|l| l.chars().count() <= 20) && sc.contains('▶')
    });
    s.resize(10, 3);
    s.wait_text("terminal");
    s.resize(120, 40);
    let screen = s.wait("the timeline full again", |sc| {
        sc.lines().count() >= 39
            && sc.contains("Details")
            && blank_timeline_rows(sc).is_empty()
            && sc
                .lines()
                .any(|l| l.contains('▶') && l.contains("50th anniversary"))
    });
    // The last event is on the pane's last row (row 37: the header, the
    // border, 36 rows), the rows above it filled: the list was not left
    // scrolled past its end.
    let last = screen
        .lines()
        .position(|l| l.contains('▶') && l.contains("50th anniversary"));
    assert_eq!(last, Some(37), "{screen}");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_filter_on_and_off_keeps_the_selected_event() {
    let mut s = Session::start(&["tests/data/small/events.json"], &[], 120, 30);
    s.wait_selected("Defense ministers' talks");
    s.send("/first call\r");
    s.wait_selected("First call on the hotline");
    // Meetings only (the menu opens on "meeting"): the meeting stays
    // selected. (The menu's cursor is marked too: look once it is shut.)
    s.send("f \x1b");
    s.wait("meetings only", |sc| {
        sc.contains("3 of 8 events") && !sc.contains("events shown")
    });
    s.wait_selected("First call on the hotline");
    s.send("f \x1b");
    s.wait("no filter", |sc| {
        sc.contains("8 of 8 events") && !sc.contains("events shown")
    });
    s.wait_selected("First call on the hotline");
    // Agreements only hides it; taken off, the selection comes back.
    s.send("fj \x1b");
    s.wait("agreements only", |sc| {
        sc.contains("1 of 8 events") && !sc.contains("events shown")
    });
    s.wait_selected("agree on a defense hotline");
    // The menu opens where its cursor was left.
    s.send("f \x1b");
    s.wait("no filter", |sc| {
        sc.contains("8 of 8 events") && !sc.contains("events shown")
    });
    s.wait_selected("First call on the hotline");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn ctrl_c_quits_from_a_mode_and_no_color_keeps_the_marker() {
    let mut s = Session::start(
        &["tests/data/small/events.json"],
        &[("NO_COLOR", "1")],
        80,
        24,
    );
    s.wait_selected("Defense ministers' talks");
    s.send("/hot");
    s.wait_text("/hot");
    s.send("\x03");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
    // No colour was set: no 256-colour or basic foreground codes.
    assert!(!s.raw_contains("\x1b[38;5;"));
    assert!(!s.raw_contains("[36m") && !s.raw_contains("[96m"));
}

#[test]
fn embedded_dataset_opens_without_arguments() {
    let mut s = Session::start(&[], &[], 100, 30);
    let screen = s.wait("the header", |sc| {
        sc.lines().next().is_some_and(|l| l.contains(" events"))
    });
    assert!(screen.contains("Timeline"), "{screen}");
    s.quit();
}

#[test]
fn b_opens_the_board_of_lines_and_enter_goes_to_a_milestone() {
    let mut s = Session::start(&[], &[("NO_COLOR", "1")], 120, 40);
    s.wait_text("Timeline");
    s.send("b");
    let screen = s.wait("the board", |sc| {
        sc.contains("Board of lines (9)") && sc.contains("Proposed")
    });
    assert!(screen.contains("▶ China–Japan"), "{screen}");
    // The Seoul-Beijing line, its forecast for the first half of 2015.
    s.send("jjjhh");
    s.wait("the missed forecast selected", |sc| {
        sc.contains("▶ South Korea–China")
            && sc.contains("▸4 Feb 2015")
            && sc.contains("expected H1 2015 · missed")
    });
    s.send("\r");
    s.wait("the plan in the timeline", |sc| {
        sc.contains("Timeline") && !sc.contains("Board of lines")
    });
    s.wait_selected("Hotline expected to open");
    // Back on the board, Esc leaves it with the timeline as it was.
    s.send("b");
    s.wait_text("Board of lines (9)");
    s.send("\x1b");
    s.wait("the timeline again", |sc| !sc.contains("Board of lines"));
    s.wait_selected("Hotline expected to open");
    s.quit();
}

/// The small fixture (dataset and sources) copied into a fresh directory.
fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small");
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    for f in [
        "events.json",
        "sources/ctrl.txt",
        "sources/herald.txt",
        "sources/joongang.txt",
    ] {
        std::fs::copy(from.join(f), dir.path().join(f)).unwrap();
    }
    let file = dir.path().join("events.json");
    (dir, file)
}

/// Saves the way many editors do: a new file renamed over the old one.
fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_extension("json.swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

const TITLE: &str = "First call on the hotline";

#[test]
fn watch_reloads_on_save_and_keeps_the_last_good_data_when_broken() {
    let (_dir, file) = fixture_copy();
    let original = std::fs::read_to_string(&file).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap(), "--watch"], &[], 120, 30);
    s.wait_text("Test hotlines │ 8 of 8 events");
    s.send("/first call\r");
    s.wait_selected(TITLE);

    // A changed title: the screen shows it, and the event stays selected.
    save_by_rename(&file, &original.replace(TITLE, "First call, as revised"));
    s.wait_text("Reloaded: 8 events");
    s.wait_selected("First call, as revised");

    // A broken save: the first problem's line:column in the status line,
    // the last good data still shown.
    let broken = original.replace(TITLE, "First call, broken").replacen(
        "\"kind\": \"opening\",",
        "\"kind\": \"opening\"",
        1,
    );
    std::fs::write(&file, &broken).unwrap();
    let err = hotlines::model::Dataset::load(&file).unwrap_err();
    let first = &err.problems()[0];
    let place = format!("Not reloaded: {}:{}: ", first.line, first.column);
    let screen = s.wait_text(&place);
    assert!(screen.contains("First call, as revised"), "{screen}");
    assert!(!screen.contains("First call, broken"), "{screen}");
    s.wait_selected("First call, as revised");

    // Fixed again: recovery, and the problem is gone.
    save_by_rename(&file, &original.replace(TITLE, "First call, fixed"));
    s.wait_selected("First call, fixed");
    let screen = s.wait("the problem to go", |sc| !sc.contains("Not reloaded"));
    assert!(screen.contains("Test hotlines │ 8 of 8 events"), "{screen}");

    s.quit();
}

#[test]
fn e_opens_the_editor_at_the_event_then_reloads() {
    let (dir, file) = fixture_copy();
    let args = dir.path().join("args.txt");
    let script = dir.path().join("edit.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nsed -i 's/{TITLE}/First call, edited/' \"$2\"\n",
            args.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // The line of the event's opening brace, the line above its id.
    let text = std::fs::read_to_string(&file).unwrap();
    let id_line = text
        .lines()
        .position(|l| l.contains("\"id\": \"call-2015\""))
        .unwrap()
        + 1;
    assert_eq!(text.lines().nth(id_line - 2).unwrap().trim(), "{");
    let line = id_line - 1;

    let mut s = Session::start(
        &[file.to_str().unwrap()],
        &[("VISUAL", ""), ("EDITOR", script.to_str().unwrap())],
        120,
        30,
    );
    s.wait_text("Test hotlines │ 8 of 8 events");
    s.send("/first call\r");
    s.wait_selected(TITLE);
    s.send("e");
    s.wait_selected("First call, edited");
    s.wait_text("Reloaded: 8 events");
    let got = std::fs::read_to_string(&args).unwrap();
    assert_eq!(got, format!("+{line}\n{}\n", file.display()));
    // The interface was left for the editor and entered again.
    let raw = s.raw.lock().unwrap().clone();
    let count = |seq: &str| {
        raw.windows(seq.len())
            .filter(|w| *w == seq.as_bytes())
            .count()
    };
    assert_eq!(count("\x1b[?1049h"), 2, "alternate screen entered twice");
    assert!(
        count("\x1b[?1049l") >= 1,
        "alternate screen left for the editor"
    );

    // Leaving for the editor already gave the terminal back once: what
    // counts is that it is given back after the last entry.
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored_since_last_entry();
}

#[test]
fn e_on_the_embedded_dataset_says_a_file_is_needed() {
    let mut s = Session::start(&[], &[("EDITOR", "false")], 100, 30);
    s.wait("the header", |sc| {
        sc.lines().next().is_some_and(|l| l.contains(" events"))
    });
    s.send("e");
    s.wait_text("Editing needs a dataset file: run hotlines FILE");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
}

/// A panic inside the full-screen session (provoked in debug builds by
/// HOTLINES_DEBUG_PANIC, after the first frame) still leaves the alternate
/// screen, shows the cursor and stops mouse capture, before the panic
/// message is printed on the normal screen.
#[test]
fn a_panic_gives_the_terminal_back_before_reporting() {
    if !cfg!(debug_assertions) {
        eprintln!("release build: the HOTLINES_DEBUG_PANIC hook is compiled out");
        return;
    }
    let mut s = Session::start(
        &["tests/data/small/events.json"],
        &[("HOTLINES_DEBUG_PANIC", "1")],
        100,
        30,
    );
    let status = s.wait_exit();
    assert!(!status.success(), "a panic must not exit 0");
    let raw = s.raw.lock().unwrap().clone();
    let find = |seq: &str, from: usize| {
        raw[from..]
            .windows(seq.len())
            .position(|w| w == seq.as_bytes())
            .map(|p| p + from)
    };
    let entered = find("\x1b[?1049h", 0).expect("the alternate screen was entered");
    let drawn = find("Test hotlines", entered).expect("a frame was drawn before the panic");
    let left = find("\x1b[?1049l", drawn).expect("alternate screen left after the panic");
    assert!(
        find("\x1b[?1000l", drawn).is_some(),
        "mouse capture not disabled"
    );
    assert!(find("\x1b[?25h", drawn).is_some(), "cursor not shown");
    let message = find("HOTLINES_DEBUG_PANIC is set", 0).expect("the panic message is printed");
    assert!(
        message > left,
        "the message must come after the terminal is restored"
    );
    assert!(s.screen().contains("HOTLINES_DEBUG_PANIC is set"));
}

/// Told to stop (`kill`, or SIGHUP when an SSH session closes), the program
/// gives the terminal back and exits with 128 + the signal number.
#[test]
fn a_termination_signal_gives_the_terminal_back() {
    let mut s = Session::start(&["tests/data/small/events.json"], &[], 100, 30);
    s.wait_text("Test hotlines");
    kill(s.pid(), "TERM");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 128 + 15);
    s.assert_restored_since_last_entry();
}

/// SIGINT from outside (`kill -INT`; Ctrl-c at the keyboard is a key in raw
/// mode) ends the program the same way, with the status of an interrupt.
#[test]
fn sigint_from_outside_gives_the_terminal_back_with_status_130() {
    let mut s = Session::start(&["tests/data/small/events.json"], &[], 100, 30);
    s.wait_timeline();
    kill(s.pid(), "INT");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 130);
    s.assert_restored_since_last_entry();
    s.wait_normal_screen();
}

/// Ctrl-z under a job-control shell: the terminal is given back and the
/// shell prompts again; `fg` brings the timeline back at once, drawn in
/// full, with the selection kept.
#[test]
fn ctrl_z_stops_to_the_shell_and_fg_redraws_at_once() {
    let mut s = Session::shell(120, 30);
    s.send(&format!(
        "'{}' tests/data/small/events.json\r",
        env!("CARGO_BIN_EXE_hotlines")
    ));
    s.wait_timeline();
    s.send("jj");
    s.wait_selected("Seoul's defense ministry");

    s.send("\x1a");
    s.wait_normal_screen();
    let screen = s.wait_text("Stopped");
    assert!(screen.trim_end().ends_with(PROMPT.trim()), "{screen}");
    s.assert_restored_since_last_entry();

    s.send("fg\r");
    s.wait_timeline();
    s.wait_selected("Seoul's defense ministry");
    assert_eq!(s.entries(), 2);
    // Still answering keys.
    s.send("k");
    s.wait_selected("South Korea and China agree");

    s.send("q");
    s.wait_normal_screen();
    s.assert_restored_since_last_entry();
    s.send("echo \"exit=$?\"\r");
    s.wait_text("exit=0");
    s.send("exit\r");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
}

/// SIGTSTP from outside stops the program as Ctrl-z does, the terminal
/// given back first; SIGCONT brings the timeline back with no key pressed.
#[test]
fn sigtstp_from_outside_restores_then_stops_and_sigcont_redraws() {
    let mut s = Session::start(&["tests/data/small/events.json"], &[], 120, 30);
    s.wait_timeline();
    s.send("jj");
    s.wait_selected("Seoul's defense ministry");

    kill(s.pid(), "TSTP");
    s.wait_normal_screen();
    wait_stopped(s.pid());
    s.assert_restored_since_last_entry();
    assert!(s.child.try_wait().unwrap().is_none(), "stopped, not ended");

    kill(s.pid(), "CONT");
    s.wait_timeline();
    s.wait_selected("Seoul's defense ministry");
    assert_eq!(s.entries(), 2);

    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored_since_last_entry();
}

/// Ctrl-c typed while the editor runs is the editor's: the terminal is in
/// cooked mode then and sends SIGINT to the whole foreground process group.
/// The editor gets it (its trap runs, so the signal was not ignored on its
/// behalf), and the program goes on and draws its timeline again.
#[test]
fn ctrl_c_in_the_editor_does_not_end_the_program() {
    let (dir, file) = fixture_copy();
    let marker = dir.path().join("interrupted");
    let script = dir.path().join("edit.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ntrap 'echo interrupted > \"{}\"; exit 0' INT\necho EDITING\nwhile :; do sleep 0.05; done\n",
            marker.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut s = Session::start(
        &[file.to_str().unwrap()],
        &[("VISUAL", ""), ("EDITOR", script.to_str().unwrap())],
        120,
        30,
    );
    s.wait_timeline();
    s.send("e");
    s.wait_term("the editor", |t| {
        !t.alternate_screen() && t.contents().contains("EDITING")
    });
    s.send("\x03");
    let start = Instant::now();
    while !marker.exists() {
        assert!(start.elapsed() < TIMEOUT, "the editor never got SIGINT");
        std::thread::sleep(Duration::from_millis(20));
    }
    s.wait_timeline();
    s.wait_text("Reloaded: 8 events");
    assert!(s.child.try_wait().unwrap().is_none(), "the program ended");
    assert_eq!(s.entries(), 2);

    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored_since_last_entry();
}

/// A dataset big enough that reading it takes a while in a debug build.
const BIG: usize = 60_000;

/// A folder holding a generated dataset of `n` events and its source.
fn synthetic_copy(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = hotlines::model::synthetic::write_folder(dir.path(), n).unwrap();
    (dir, file)
}

/// Under `--watch`, a reload of a big file runs while the timeline keeps
/// answering keys, says that it runs, and two quick saves end with the
/// second on screen.
#[test]
fn watch_reloads_while_keys_work_and_the_last_save_wins() {
    let long = Duration::from_secs(180);
    let (_dir, file) = synthetic_copy(BIG);
    let original = std::fs::read_to_string(&file).unwrap();
    let header = |title: &str| format!("{title} │ {BIG} of {BIG} events");
    // Each reload waits two seconds before it reads: the key below lands
    // while one runs however fast loading is.
    let mut s = Session::start(
        &[file.to_str().unwrap(), "--watch"],
        &[("HOTLINES_DEBUG_LOAD_DELAY_MS", "2000")],
        120,
        30,
    );
    s.wait_for(long, "the first load", |sc| {
        sc.contains(&header("Synthetic hotlines"))
    });
    let first = s.selected_row();
    assert!(first.contains("Generated event"), "{first}");

    let started = Instant::now();
    save_by_rename(
        &file,
        &original.replacen("Synthetic hotlines", "First save", 1),
    );
    s.wait_text("Reloading events.json…");
    save_by_rename(
        &file,
        &original.replacen("Synthetic hotlines", "Second save", 1),
    );
    // A key pressed now is handled before the reload ends: the selection
    // moves while the header still says a reload is under way.
    s.send("j");
    let screen = s.wait("the selection to move during the reload", |sc| {
        let row = sc.lines().find(|l| l.contains('▶')).unwrap_or("");
        row != first && sc.contains("Reloading events.json…")
    });
    let moved = s.selected_row();
    assert!(screen.contains(&header("Synthetic hotlines")), "{screen}");

    let screen = s.wait_for(long, "the second save", |sc| {
        sc.contains(&header("Second save")) && !sc.contains("Reloading")
    });
    eprintln!("two reloads of {BIG} events took {:?}", started.elapsed());
    assert!(!screen.contains("First save"), "{screen}");
    assert_eq!(s.selected_row(), moved, "the same event stays selected");

    s.quit();
}

/// A search over more events than a keystroke reads at once: from the
/// second letter on, the keystrokes ask a worker to search, and its answer
/// comes to the screen (the count of matches, the first selected, `n`).
#[test]
fn a_search_over_many_events_comes_back_from_the_worker() {
    use hotlines::action::Action;
    use hotlines::app::incremental_search::{SYNC_BELOW, find};
    use hotlines::app::{App, Effect, Msg};
    const N: usize = 20_000;
    let long = Duration::from_secs(180);
    // The matches, counted by the same state driven without a terminal.
    let mut app = App::new(hotlines::model::synthetic::dataset(N).unwrap());
    app.update(Action::SearchStart);
    for c in "korea".chars() {
        let effects = app.update(Action::SearchChar(c));
        for e in effects {
            if let Effect::Search(r) = e {
                let result = find(&app.data, &r, &|| false).unwrap();
                app.update(Msg::Searched(result));
            }
        }
        if c == 'k' {
            let read = app.search.matches.len();
            assert!(read >= SYNC_BELOW, "\"ko\" must be searched on a worker");
        }
    }
    let matches = app.search.matches.len();
    assert!(matches > 1);

    let (_dir, file) = synthetic_copy(N);
    let mut s = Session::start(&[file.to_str().unwrap()], &[], 120, 30);
    s.wait_for(long, "the first frame", |sc| {
        sc.contains(&format!("Synthetic hotlines │ {N} of {N} events"))
    });
    s.send("/korea");
    s.wait_for(long, "the search's answer", |sc| {
        sc.contains(&format!("/korea 1/{matches} matches")) && sc.contains("/korea▏")
    });
    s.send("\r");
    s.send("n");
    s.wait_text(&format!("Match 2 of {matches} for \"korea\""));
    s.quit();
}

/// The small fixture, by its full path (for a session in another folder).
fn small_fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/small/events.json")
        .display()
        .to_string()
}

#[test]
fn colon_goes_to_a_date_and_says_when_it_is_not_one() {
    let mut s = Session::start(&["tests/data/small/events.json"], &[], 120, 30);
    s.wait_selected("Defense ministers' talks");
    s.send(":2014");
    s.wait_text("Go to date: 2014");
    s.send("\r");
    s.wait_selected("Summit in 서울 (Seoul)");
    s.send(":2012-08\r");
    s.wait_selected("Escape");
    s.send(":2030\r");
    s.wait_selected("South Korea and Russia plan");
    s.wait_text("No event on or after 2030; the last is selected");
    s.send(":20x4\r");
    s.wait_text("Not a date: \"20x4\"");
    s.wait_selected("South Korea and Russia plan");
    // Esc leaves the prompt and the selection.
    s.send(":2011");
    s.wait_text("Go to date: 2011");
    s.send("\x1b");
    s.wait("the prompt closed", |sc| !sc.contains("Go to date:"));
    s.wait_selected("South Korea and Russia plan");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn thread_keys_in_the_reader_show_the_next_event_in_its_article() {
    let mut s = Session::start(&["tests/data/small/events.json"], &[], 120, 30);
    s.wait_selected("Defense ministers' talks");
    s.send("\r");
    s.wait_text("held talks in Beijing in 2011");
    s.send("]");
    s.wait("the next event of the thread in the reader", |sc| {
        sc.contains("Thread event 2 of 5")
            && sc.contains("▌ South Korea and China agreed on Tuesday to set up a hotline")
    });
    s.send("2]");
    s.wait("two further on", |sc| {
        sc.contains("Thread event 4 of 5") && sc.contains("▌ Han Min-koo spoke with Chang Wanquan")
    });
    s.send("]]");
    s.wait_text("This is the last event of its thread");
    s.send("\x1b");
    s.wait_selected("Seoul and Beijing open the");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// The ids of the events of an exported dataset file.
fn exported_ids(path: &Path) -> Vec<String> {
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    data["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn x_writes_the_search_matches_to_a_file_and_asks_before_replacing_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start_in(dir.path(), &[&small_fixture()], 120, 30);
    s.wait_selected("Defense ministers' talks");
    // A search: only its two matches are written.
    s.send("/min-koo\r");
    s.wait_text("/min-koo 1/2 matches");
    s.send("x");
    s.wait_text("Write view to: hotlines-view.json");
    s.wait_text("(json)");
    s.send("\x15view.json\r");
    s.wait_text("Wrote 2 events to view.json");
    let file = dir.path().join("view.json");
    // `hotlines list --search min-koo` on the fixture gives these two.
    assert_eq!(exported_ids(&file), ["call-2015", "open-2015"]);
    // The sources are written beside it: the file validates on its own.
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_hotlines"))
        .arg("validate")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    // The same name again: asked first; Esc goes back to the name.
    std::fs::write(&file, "mine").unwrap();
    s.send("x");
    s.wait_text("Write view to: view.json");
    s.send("\r");
    s.wait_text("view.json exists: replace it?");
    s.send("\x1b");
    s.wait_text("Write view to: view.json");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    // Tab changes the format; a CSV of the two matches.
    s.send("\t");
    s.wait_text("Write view to: view.csv");
    s.send("\r");
    s.wait_text("Wrote 2 events to view.csv");
    let csv = std::fs::read_to_string(dir.path().join("view.csv")).unwrap();
    assert_eq!(
        csv.lines()
            .filter(|l| l.starts_with("call-2015,") || l.starts_with("open-2015,"))
            .count(),
        2
    );
    // And y replaces the old file.
    s.send("x");
    s.wait_text("Write view to: view.csv");
    s.send("\x15view.json\r");
    s.wait_text("view.json exists: replace it?");
    s.send("y");
    s.wait_text("Wrote 2 events to view.json");
    assert_eq!(exported_ids(&file), ["call-2015", "open-2015"]);
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["sources", "view.csv", "view.json"],
        "no temporary file left"
    );
}
/// `t` opens the time axis on the selection; `+`, `l` and `v` change what
/// it shows; `j` moves the shared selection; Enter shows its details.
#[test]
fn t_opens_the_time_axis_in_the_real_binary() {
    let mut s = Session::start(&["tests/data/small/events.json"], &[], 120, 30);
    s.wait_selected("Defense ministers' talks");
    s.send("jj");
    s.wait_selected("Seoul's defense ministry");
    s.send("t");
    let screen = s.wait("the axis", |sc| {
        sc.contains("Time axis · by thread · Jan 2011–Nov 2021")
            && sc.contains("▲ 31 Jul 2012 · Seoul's defense ministry announces the hotline")
    });
    assert!(screen.contains("no thread"), "{screen}");
    assert!(screen.contains("● a day"), "the legend: {screen}");
    assert!(!screen.contains("Details"), "{screen}");
    // Zoom in to weeks, centred on 31 Jul 2012; pan later.
    s.send("+++");
    s.wait_text("· weeks");
    s.send("l");
    s.wait("a later window", |sc| {
        sc.contains("Time axis") && !sc.contains("2011–")
    });
    s.send("v");
    s.wait_text("Time axis · by country pair");
    s.wait_text("CN–KR");
    // The next event, drawn without its escape sequence.
    s.send("j");
    let screen = s.wait_text("▲ Aug 2012 · Escape ␛[31mred␛[0m title");
    assert!(!screen.contains('\u{1b}'));
    // Enter: the timeline with the details of that event.
    s.send("\r");
    s.wait("the details", |sc| {
        sc.contains("Details") && sc.contains("Timeline")
    });
    s.wait_selected("Escape");
    // Back to the axis, Esc to the timeline, q quits.
    s.send("t");
    s.wait_text("Time axis");
    s.send("\x1b");
    s.wait("the timeline", |sc| {
        sc.contains("Timeline") && !sc.contains("Time axis")
    });
    s.quit();
}

/// At start the timeline shows a file before its quotes are located: the
/// header says the check runs (on the first frame, before any result can
/// come), keys work, and the check's result comes to the screen: here a
/// misquote in the last event, so the dataset says it fails its checks
/// while its data stays shown. Quitting then gives the terminal back.
#[test]
fn the_quotes_are_checked_in_the_background_while_keys_work() {
    const N: usize = 20_000;
    let long = Duration::from_secs(180);
    let (_dir, file) = synthetic_copy(N);
    // A long source: every quote is looked for past a stretch of filler.
    let filler = "Words that no event quotes, repeated to make a long article. ".repeat(4000);
    let source: String = hotlines::model::synthetic::SOURCE_TEXT
        .lines()
        .map(|l| format!("{filler}\n{l}\n"))
        .collect();
    std::fs::write(file.with_file_name("sources/synthetic.txt"), source).unwrap();
    // The last event misquotes its source.
    let json = std::fs::read_to_string(&file).unwrap();
    let last = json.rfind("\"text\": \"").unwrap() + "\"text\": \"".len();
    let json = format!("{}Not in the article. {}", &json[..last], &json[last..]);
    std::fs::write(&file, json).unwrap();

    let mut s = Session::start(&[file.to_str().unwrap()], &[], 120, 30);
    s.wait_for(long, "the timeline", |sc| {
        sc.contains(&format!("Synthetic hotlines │ {N} of {N} events"))
    });
    assert!(
        s.raw_contains("Checking quotes 0%…"),
        "the first frame says the quotes are being checked"
    );
    let first = s.selected_row();
    s.send("j");
    s.wait("the selection to move", |sc| {
        sc.lines().find(|l| l.contains('▶')).unwrap_or("") != first
    });
    let screen = s.wait_for(long, "the check's result", |sc| {
        sc.contains("fails its checks") && !sc.contains("Checking quotes")
    });
    assert!(screen.contains("Fails its checks: "), "{screen}");
    assert!(
        screen.contains(&format!("Synthetic hotlines │ {N} of {N} events")),
        "the data stays shown: {screen}"
    );
    s.send("?");
    s.wait_text("The dataset fails its checks: 1 problem");
    s.send("q");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored_since_last_entry();
    s.wait_normal_screen();
}

/// A file that does not parse, or has problems other than its quotes, is
/// reported on the command line before the terminal is taken, as
/// `validate` reports it, with exit code 1.
#[test]
fn a_broken_file_is_reported_before_the_timeline_starts() {
    for name in ["01-syntax-missing-comma", "13-unknown-country"] {
        let file = format!("tests/data/bad/{name}.json");
        let mut s = Session::start(&[&file], &[], 120, 30);
        let status = s.wait_exit();
        assert_eq!(status.exit_code(), 1, "{name}");
        assert_eq!(s.entries(), 0, "{name}: the terminal was not taken");
        let expected = std::fs::read_to_string(format!("tests/data/bad/{name}.expected")).unwrap();
        let first = expected.lines().next().unwrap();
        let screen = s.screen();
        let shown: String = screen.lines().map(str::trim_end).collect();
        assert!(
            shown.contains(&first[..first.len().min(60)]),
            "{name}: {screen}"
        );
    }
}

const QUOTE: &str = "agreed on Tuesday to set up a hotline between their defense ministries";

/// Under `--watch`, a save whose quote no longer matches its source is
/// reloaded like any other: the new data shows, and the check of its quotes,
/// run after it, says on screen that it fails, as at start. Fixed again, the
/// failure goes.
#[test]
fn watch_a_save_that_misquotes_shows_then_fails_its_check() {
    let (_dir, file) = fixture_copy();
    let original = std::fs::read_to_string(&file).unwrap();
    assert!(original.contains(QUOTE));
    let mut s = Session::start(&[file.to_str().unwrap(), "--watch"], &[], 120, 30);
    s.wait_text("Test hotlines │ 8 of 8 events");
    s.wait("the check at start", |sc| !sc.contains("Checking quotes"));
    s.send("/first call\r");
    s.wait_selected(TITLE);

    // An event's quote no longer matches (the first place it is written:
    // a dispute's reading quotes it too, and is checked with the load),
    // and the title changed in the same save.
    let misquoted = original
        .replacen(QUOTE, "agreed on Tuesday to close the hotline for good", 1)
        .replace(TITLE, "First call, misquoted");
    save_by_rename(&file, &misquoted);
    let err = hotlines::model::Dataset::load(&file).unwrap_err();
    let first = &err.problems()[0];
    let place = format!("Fails its checks: {}:{}: ", first.line, first.column);
    let screen = s.wait_text(&place);
    assert!(screen.contains("fails its checks"), "{screen}");
    assert!(!screen.contains("Not reloaded"), "{screen}");
    assert!(
        screen.contains("Test hotlines │ 8 of 8 events"),
        "the new data stays shown: {screen}"
    );
    s.wait_selected("First call, misquoted");
    s.send("?");
    s.wait_text("The dataset fails its checks: 1 problem");
    s.send("q");

    // Fixed again: the new data checks out, and the failure is gone.
    save_by_rename(&file, &original.replace(TITLE, "First call, fixed"));
    s.wait_selected("First call, fixed");
    let screen = s.wait("the failure to go and the check to end", |sc| {
        !sc.contains("fails its checks")
            && !sc.contains("Fails its checks")
            && !sc.contains("Checking quotes")
    });
    assert!(screen.contains("Test hotlines │ 8 of 8 events"), "{screen}");

    s.quit();
}

/// Under `--watch`, a good save shows as soon as it is read, with the check
/// of its quotes still running ("Checking quotes" in the header, and keys
/// working), and ends checked with nothing to report.
#[test]
fn watch_a_good_save_shows_while_its_quotes_are_checked() {
    let (_dir, file) = fixture_copy();
    let original = std::fs::read_to_string(&file).unwrap();
    // Each check waits a second before it runs: the reloaded data is on
    // screen while it waits, however fast checking is.
    let mut s = Session::start(
        &[file.to_str().unwrap(), "--watch"],
        &[("HOTLINES_DEBUG_CHECK_DELAY_MS", "1000")],
        120,
        30,
    );
    s.wait_text("Test hotlines │ 8 of 8 events");
    s.wait("the check at start", |sc| !sc.contains("Checking quotes"));
    s.send("/first call\r");
    s.wait_selected(TITLE);

    save_by_rename(
        &file,
        &original.replace(TITLE, "First call, saved again").replacen(
            "Test hotlines",
            "Saved hotlines",
            1,
        ),
    );
    let screen = s.wait("the reload with its check running", |sc| {
        sc.contains("Saved hotlines │ 8 of 8 events") && sc.contains("Checking quotes")
    });
    assert!(screen.contains("Reloaded: 8 events"), "{screen}");
    s.wait_selected("First call, saved again");
    // A key while the check runs moves the selection.
    let before = s.selected_row();
    s.send("j");
    s.wait("the selection to move", |sc| {
        sc.lines().find(|l| l.contains('▶')).unwrap_or("") != before
    });
    let screen = s.wait("the check's end", |sc| !sc.contains("Checking quotes"));
    assert!(
        screen.contains("Saved hotlines │ 8 of 8 events"),
        "{screen}"
    );
    assert!(!screen.contains("fails its checks"), "{screen}");
    assert!(!screen.contains("Fails its checks"), "{screen}");

    s.quit();
}
