//! One run that compares hotlines with other tools on the same generated
//! datasets: `cargo bench --bench compare`. CI does not run it (`cargo
//! test` does not build benchmarks).
//!
//! For each size it writes a dataset (and its source) under
//! `target/compare/N/`, then runs every tool once per round, the tools in
//! turn, for `HOTLINES_COMPARE_RUNS` rounds (default 3), so that a slow
//! moment of a shared machine falls on every tool alike. It prints the
//! median wall time and the median peak resident memory of each, and both
//! as a ratio to `hotlines validate`:
//! - `hotlines validate` (parse, check every reference and date, locate
//!   every quote in its source),
//! - `hotlines list --format tsv` (load, then write every event),
//! - the timeline in a pseudo-terminal (120x40): the time from starting the
//!   binary to its first frame (the header on the alternate screen, read
//!   through a vt100 parser), and the time from sending `q` to its exit,
//! - `jq empty` (parse only) and `jq -r '.events[] | [.id, .date] | @tsv'`,
//! - Python's `json.load` (parse only),
//! - `jless` in the same pseudo-terminal: the time to its first screen,
//!
//! skipping a tool that is not installed. Peak memory is the child's
//! `ru_maxrss`, from `wait4`. Sizes come from `HOTLINES_COMPARE_SIZES`
//! (default `10000,100000`; `1000000` is about the size of the largest
//! datasets we plan for). With `HOTLINES_COMPARE_WRITE_ONLY` set, it only
//! writes the files and prints their paths.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use hotlines::model::synthetic::{SOURCE_TEXT, dataset_json};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// How long a program in the terminal may take to show its first screen.
const SCREEN_TIMEOUT: Duration = Duration::from_secs(300);

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Run to its end, output discarded.
    Batch,
    /// Started in a pseudo-terminal until `ready` is on screen, then `q`.
    Screen { ready: &'static str },
}

struct Tool {
    label: &'static str,
    program: String,
    args: Vec<String>,
    kind: Kind,
}

/// One run: wall time (to the end, or to the first screen), the time from
/// `q` to exit (screens only), peak resident memory in KiB.
#[derive(Clone, Copy)]
struct Sample {
    time: Duration,
    quit: Option<Duration>,
    rss_kib: u64,
}

fn available(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Waits for the child `pid` and returns whether it succeeded and its peak
/// resident memory in KiB.
fn wait_rusage(pid: u32) -> (bool, u64) {
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; `pid` is our own
    // child, not yet waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    let ok = r > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    // Linux reports ru_maxrss in KiB.
    (ok, usage.ru_maxrss.max(0) as u64)
}

fn run_batch(tool: &Tool) -> Option<Sample> {
    let start = Instant::now();
    let child = Command::new(&tool.program)
        .args(&tool.args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let (ok, rss_kib) = wait_rusage(child.id());
    let time = start.elapsed();
    if !ok {
        eprintln!("{} failed", tool.label);
        return None;
    }
    Some(Sample {
        time,
        quit: None,
        rss_kib,
    })
}

/// Starts the tool in a 120x40 pseudo-terminal, times its first screen
/// (`ready` on the alternate screen), sends `q` and times its exit.
fn run_screen(tool: &Tool, ready: &'static str) -> Option<Sample> {
    let (cols, rows) = (120, 40);
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .ok()?;
    let mut cmd = CommandBuilder::new(&tool.program);
    cmd.args(&tool.args);
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let child = pair.slave.spawn_command(cmd).ok()?;
    drop(pair.slave);
    let pid = child.process_id()?;
    let mut reader = pair.master.try_clone_reader().ok()?;
    let mut writer = pair.master.take_writer().ok()?;
    // The reader drains the terminal (so the program never blocks on it)
    // and reports the moment the screen first shows `ready`.
    let (shown, on_screen) = mpsc::channel();
    let reading = std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(rows, cols, 0);
        let mut buf = [0u8; 65536];
        let mut told = false;
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            parser.process(&buf[..n]);
            if !told {
                let s = parser.screen();
                if s.alternate_screen() && s.contents().contains(ready) {
                    let _ = shown.send(Instant::now());
                    told = true;
                }
            }
        }
    });
    let Ok(first) = on_screen.recv_timeout(SCREEN_TIMEOUT) else {
        eprintln!("{}: no first screen", tool.label);
        // SAFETY: killing our own child.
        unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
        wait_rusage(pid);
        return None;
    };
    let asked = Instant::now();
    writer.write_all(b"q").ok()?;
    writer.flush().ok()?;
    let (ok, rss_kib) = wait_rusage(pid);
    let quit = asked.elapsed();
    drop(writer);
    drop(pair.master);
    let _ = reading.join();
    if !ok {
        eprintln!("{} did not exit cleanly", tool.label);
        return None;
    }
    Some(Sample {
        time: first - start,
        quit: Some(quit),
        rss_kib,
    })
}

fn write_dataset(dir: &Path, n: usize) -> PathBuf {
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    let file = dir.join("events.json");
    if !file.exists() {
        std::fs::write(&file, dataset_json(n)).unwrap();
        std::fs::write(dir.join("sources/synthetic.txt"), SOURCE_TEXT).unwrap();
    }
    file
}

fn median<T: Copy + Ord>(mut v: Vec<T>) -> T {
    v.sort();
    v[v.len() / 2]
}

fn tools(hotlines: &str, path: &str) -> Vec<Tool> {
    let s = |x: &str| x.to_string();
    let mut tools = vec![
        Tool {
            label: "hotlines validate",
            program: s(hotlines),
            args: vec![s("validate"), s(path)],
            kind: Kind::Batch,
        },
        Tool {
            label: "hotlines list --format tsv",
            program: s(hotlines),
            args: vec![s("-f"), s(path), s("list"), s("--format"), s("tsv")],
            kind: Kind::Batch,
        },
        Tool {
            label: "hotlines export --format json",
            program: s(hotlines),
            args: vec![s("-f"), s(path), s("export"), s("--format"), s("json")],
            kind: Kind::Batch,
        },
        Tool {
            label: "hotlines (timeline: first frame; q)",
            program: s(hotlines),
            args: vec![s(path)],
            kind: Kind::Screen {
                ready: "Synthetic hotlines │",
            },
        },
    ];
    if available("jq") {
        tools.push(Tool {
            label: "jq '.events|length'",
            program: s("jq"),
            args: vec![s(".events|length"), s(path)],
            kind: Kind::Batch,
        });
        tools.push(Tool {
            label: "jq -c '.events[]'",
            program: s("jq"),
            args: vec![s("-c"), s(".events[]"), s(path)],
            kind: Kind::Batch,
        });
    }
    if available("python3") {
        tools.push(Tool {
            label: "python3 json.load",
            program: s("python3"),
            args: vec![
                s("-c"),
                s("import json,sys; json.load(open(sys.argv[1]))"),
                s(path),
            ],
            kind: Kind::Batch,
        });
    }
    if available("jless") {
        tools.push(Tool {
            label: "jless (first screen; q)",
            program: s("jless"),
            args: vec![s(path)],
            kind: Kind::Screen {
                ready: "Synthetic hotlines",
            },
        });
    } else {
        eprintln!("jless is not installed: skipped");
    }
    tools
}

fn main() {
    // `cargo bench` passes `--bench`; there is nothing to filter here.
    let sizes: Vec<usize> = std::env::var("HOTLINES_COMPARE_SIZES")
        .unwrap_or_else(|_| "10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runs: usize = std::env::var("HOTLINES_COMPARE_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
        .max(1);
    let hotlines = env!("CARGO_BIN_EXE_hotlines").to_string();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/compare");

    println!(
        "| events | MB | tool | median of {runs} | × validate | quit (after `q`) | peak memory | × validate |"
    );
    println!("|---:|---:|---|---:|---:|---:|---:|---:|");
    for n in sizes {
        let file = write_dataset(&root.join(n.to_string()), n);
        if std::env::var_os("HOTLINES_COMPARE_WRITE_ONLY").is_some() {
            println!("{}", file.display());
            continue;
        }
        let path = file.display().to_string();
        let mb = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        let tools = tools(&hotlines, &path);
        // Round by round, each tool once a round.
        let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); tools.len()];
        for _ in 0..runs {
            for (tool, out) in tools.iter().zip(&mut samples) {
                let sample = match tool.kind {
                    Kind::Batch => run_batch(tool),
                    Kind::Screen { ready } => run_screen(tool, ready),
                };
                out.extend(sample);
            }
        }
        let summary: Vec<Option<(Duration, Option<Duration>, u64)>> = samples
            .into_iter()
            .map(|s| {
                (!s.is_empty()).then(|| {
                    let quits: Vec<Duration> = s.iter().filter_map(|x| x.quit).collect();
                    (
                        median(s.iter().map(|x| x.time).collect()),
                        (!quits.is_empty()).then(|| median(quits)),
                        median(s.iter().map(|x| x.rss_kib).collect()),
                    )
                })
            })
            .collect();
        let base = summary[0];
        for (tool, m) in tools.iter().zip(&summary) {
            // A `|` inside a cell would end it in a Markdown table.
            let label = tool.label.replace('|', "\\|");
            let Some((t, quit, rss)) = *m else {
                println!("| {n} | {mb:.0} | {label} | failed | | | | |");
                continue;
            };
            let (time_ratio, rss_ratio) = match base {
                Some((bt, _, br)) => (
                    format!("{:.2}", t.as_secs_f64() / bt.as_secs_f64()),
                    format!("{:.2}", rss as f64 / br.max(1) as f64),
                ),
                None => ("?".into(), "?".into()),
            };
            let quit = quit.map_or(String::new(), |q| {
                format!("{:.1} ms", q.as_secs_f64() * 1000.0)
            });
            println!(
                "| {n} | {mb:.0} | {label} | {:.3} s | {time_ratio} | {quit} | {:.0} MB | {rss_ratio} |",
                t.as_secs_f64(),
                rss as f64 / 1024.0,
            );
        }
    }
}
