//! One run that compares hotlines with other tools on the same generated
//! datasets: `cargo bench --bench compare`.
//!
//! For each size it writes a dataset (and its source) under
//! `target/compare/N/`, then times, best of three, and reports the peak
//! memory of:
//! - `hotlines validate` (parse, check every reference and date, locate
//!   every quote in its source),
//! - `hotlines list --format tsv` (load, then write every event),
//! - `jq empty` (parse only) and `jq -r '.events[] | [.id, .date] | @tsv'`,
//! - Python's `json.load` (parse only),
//!
//! skipping a tool that is not installed. Sizes come from
//! `HOTLINES_COMPARE_SIZES` (default `10000,100000`; `1000000` is about the
//! size of the largest datasets we plan for). With `HOTLINES_COMPARE_WRITE_ONLY`
//! set, it only writes the files and prints their paths (for timing the
//! timeline's first frame and quit by hand).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hotlines::model::synthetic::{SOURCE_TEXT, dataset_json};

struct Run {
    tool: &'static str,
    program: String,
    args: Vec<String>,
}

fn available(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Wall time (best of `n`) and peak resident memory in KiB (from GNU time,
/// when it is installed).
fn measure(run: &Run, n: usize) -> Option<(Duration, Option<u64>)> {
    let mut best = Duration::MAX;
    for _ in 0..n {
        let start = Instant::now();
        let status = Command::new(&run.program)
            .args(&run.args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        let took = start.elapsed();
        if !status.success() {
            eprintln!("{} failed: {status}", run.tool);
            return None;
        }
        best = best.min(took);
    }
    let rss = Command::new("/usr/bin/time")
        .args(["-f", "%M", &run.program])
        .args(&run.args)
        .stdout(Stdio::null())
        .output()
        .ok()
        .and_then(|o| {
            let err = String::from_utf8_lossy(&o.stderr).into_owned();
            err.lines().last()?.trim().parse::<u64>().ok()
        });
    Some((best, rss))
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

fn main() {
    // `cargo bench` passes `--bench`; there is nothing to filter here.
    let sizes: Vec<usize> = std::env::var("HOTLINES_COMPARE_SIZES")
        .unwrap_or_else(|_| "10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let hotlines = env!("CARGO_BIN_EXE_hotlines").to_string();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/compare");
    let has_jq = available("jq");
    let has_python = available("python3");

    println!("| events | MB | tool | best of 3 | peak memory |");
    println!("|---:|---:|---|---:|---:|");
    for n in sizes {
        let file = write_dataset(&root.join(n.to_string()), n);
        if std::env::var_os("HOTLINES_COMPARE_WRITE_ONLY").is_some() {
            println!("{}", file.display());
            continue;
        }
        let path = file.display().to_string();
        let mb = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        let mut runs = vec![
            Run {
                tool: "hotlines validate",
                program: hotlines.clone(),
                args: vec!["validate".into(), path.clone()],
            },
            Run {
                tool: "hotlines list --format tsv",
                program: hotlines.clone(),
                args: vec![
                    "-f".into(),
                    path.clone(),
                    "list".into(),
                    "--format".into(),
                    "tsv".into(),
                ],
            },
        ];
        if has_jq {
            runs.push(Run {
                tool: "jq empty",
                program: "jq".into(),
                args: vec!["empty".into(), path.clone()],
            });
            runs.push(Run {
                tool: "jq -r '.events[] | [.id, .date] | @tsv'",
                program: "jq".into(),
                args: vec![
                    "-r".into(),
                    ".events[] | [.id, .date] | @tsv".into(),
                    path.clone(),
                ],
            });
        }
        if has_python {
            runs.push(Run {
                tool: "python3 json.load",
                program: "python3".into(),
                args: vec![
                    "-c".into(),
                    "import json,sys; json.load(open(sys.argv[1]))".into(),
                    path.clone(),
                ],
            });
        }
        for run in &runs {
            // A `|` inside a cell would end it in a Markdown table.
            let tool = run.tool.replace('|', "\\|");
            match measure(run, 3) {
                Some((t, rss)) => {
                    let rss =
                        rss.map_or("?".to_string(), |k| format!("{:.0} MB", k as f64 / 1024.0));
                    println!(
                        "| {n} | {mb:.0} | {tool} | {:.3} s | {rss} |",
                        t.as_secs_f64()
                    );
                }
                None => println!("| {n} | {mb:.0} | {tool} | failed | |"),
            }
        }
    }
}
