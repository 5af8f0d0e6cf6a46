//! A bounded mutation test: a seeded mutator breaks the sample datasets and a
//! TimelineJS file in the ways hostile or unlucky files are broken (byte
//! flips, truncation, invalid UTF-8, deleted and duplicated keys, swapped
//! types, deep nesting, huge numbers and strings, odd dates), and every case
//! must load or fail with located problems: no panic, no hang, no message
//! in Rust's words rather than the user's.
//!
//! `cargo test --test dataset mutat` runs 2,400 cases. For a longer run:
//! `HOTLINES_MUTATIONS=200000 HOTLINES_SEED=7 cargo test --release --test dataset mutat`.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use hotlines::model::{Dataset, LoadError};
use serde_json::Value;

/// The datasets mutated: each file with the folder its sources are in.
const SAMPLES: [&str; 5] = [
    "tests/data/small/events.json",
    "tests/data/good/events.json",
    "tests/data/cli/events.json",
    "tests/data/cli/timeline.json",
    "assets/events.json",
];

/// No single case may take longer than this (a debug build on a busy
/// two-core machine loads these files in milliseconds).
const CASE_LIMIT: Duration = Duration::from_secs(3);

/// Words of Rust and serde internals that must never reach a user.
const INTERNALS: [&str; 8] = [
    "untagged", "struct ", "enum ", "Raw", "Tl", "Option<", "Vec<", "variant",
];

/// xorshift64*: small, seeded, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One way of breaking a file.
#[derive(Debug, Clone, Copy)]
enum Mutation {
    FlipByte,
    Truncate,
    InvalidUtf8,
    DeleteKey,
    DuplicateKey,
    SwapType,
    DeepNesting,
    HugeNumber,
    HugeString,
    OddDate,
    ControlCharacters,
}

const MUTATIONS: [Mutation; 11] = [
    Mutation::FlipByte,
    Mutation::Truncate,
    Mutation::InvalidUtf8,
    Mutation::DeleteKey,
    Mutation::DuplicateKey,
    Mutation::SwapType,
    Mutation::DeepNesting,
    Mutation::HugeNumber,
    Mutation::HugeString,
    Mutation::OddDate,
    Mutation::ControlCharacters,
];

const ODD_DATES: [&str; 16] = [
    "2015-02-30",
    "2015-13",
    "9999-99-99",
    "-0300",
    "Y-13800000000",
    "0000",
    "../..",
    "2015-02-04/2015-02-03",
    "2015-02-04T10:00:00",
    "2015~~",
    "2015-21",
    "20150204",
    "2015-02-04/",
    "/2015",
    "",
    "٢٠١٥",
];

/// A random place whose value satisfies `want`, if any: one walk over the
/// value, keeping each fitting place with probability 1/k (reservoir
/// sampling), so no list of every place is built.
fn place_where(
    rng: &mut Rng,
    v: &Value,
    want: impl Fn(&[Step], &Value) -> bool,
) -> Option<Vec<Step>> {
    fn walk(
        rng: &mut Rng,
        v: &Value,
        path: &mut Vec<Step>,
        want: &dyn Fn(&[Step], &Value) -> bool,
        seen: &mut usize,
        chosen: &mut Option<Vec<Step>>,
    ) {
        if want(path, v) {
            *seen += 1;
            if rng.below(*seen) == 0 {
                *chosen = Some(path.clone());
            }
        }
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    path.push(Step::Key(k.clone()));
                    walk(rng, child, path, want, seen, chosen);
                    path.pop();
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    path.push(Step::Index(i));
                    walk(rng, child, path, want, seen, chosen);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut chosen = None;
    walk(rng, v, &mut Vec::new(), &want, &mut 0, &mut chosen);
    chosen
}

/// The places of a JSON value: keys and indices from the top.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'v>(v: &'v mut Value, path: &[Step]) -> &'v mut Value {
    path.iter().fold(v, |v, s| match s {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// The mutated bytes of `original`.
fn mutate(rng: &mut Rng, original: &[u8], json: &Value, m: Mutation) -> Vec<u8> {
    let mut bytes = original.to_vec();
    let edit = |rng: &mut Rng, f: &dyn Fn(&mut Rng, &mut Value)| -> Vec<u8> {
        let mut v = json.clone();
        f(rng, &mut v);
        serde_json::to_vec_pretty(&v).unwrap()
    };
    match m {
        Mutation::FlipByte => {
            for _ in 0..=rng.below(4) {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            bytes
        }
        Mutation::Truncate => {
            bytes.truncate(rng.below(bytes.len()));
            bytes
        }
        Mutation::InvalidUtf8 => {
            const BAD: [&[u8]; 5] = [
                &[0xFF],
                &[0xC3],
                &[0xE2, 0x80],
                &[0xED, 0xA0, 0x80],
                &[0xF8, 0x88, 0x80, 0x80, 0x80],
            ];
            let bad: &[u8] = BAD[rng.below(BAD.len())];
            let i = rng.below(bytes.len());
            bytes.splice(i..i, bad.iter().copied());
            bytes
        }
        Mutation::DeleteKey => edit(rng, &|rng, v| {
            if let Some(p) = place_where(rng, v, |p, _| matches!(p.last(), Some(Step::Key(_)))) {
                let (last, parent) = p.split_last().unwrap();
                if let (Step::Key(k), Value::Object(m)) = (last, at(v, parent)) {
                    m.shift_remove(k);
                }
            }
        }),
        Mutation::DuplicateKey => {
            // JSON objects with a key twice cannot be built as a Value:
            // repeat a `"key": value` line of the pretty text instead.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let lines: Vec<&str> = text.lines().collect();
            let keyed: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].trim_start().starts_with('"') && lines[i].contains("\": "))
                .collect();
            if keyed.is_empty() {
                return bytes;
            }
            let i = *rng.pick(&keyed);
            let mut line = lines[i].trim_end().to_string();
            if !line.ends_with(',') {
                line.push(',');
            }
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            out.insert(i, line);
            out.join("\n").into_bytes()
        }
        Mutation::SwapType => edit(rng, &|rng, v| {
            if let Some(p) = place_where(rng, v, |_, _| true) {
                let swapped = rng
                    .pick(&[
                        Value::Null,
                        Value::Bool(true),
                        serde_json::json!(-1),
                        serde_json::json!(1.5),
                        serde_json::json!("text"),
                        serde_json::json!([]),
                        serde_json::json!([1, "two"]),
                        serde_json::json!({}),
                        serde_json::json!({"year": "x"}),
                    ])
                    .clone();
                *at(v, &p) = swapped;
            }
        }),
        Mutation::DeepNesting => {
            let depth = 64 + rng.below(20_000);
            let nested = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
            replace_a_value(rng, bytes, &nested)
        }
        Mutation::HugeNumber => {
            let n = *rng.pick(&[
                "1e400",
                "-1e400",
                "18446744073709551616",
                "-9223372036854775809",
                "123456789012345678901234567890",
                "1e-400",
                "-0",
            ]);
            replace_a_value(rng, bytes, n)
        }
        Mutation::HugeString => edit(rng, &|rng, v| {
            if let Some(p) = place_where(rng, v, |_, v| v.is_string()) {
                let unit = rng.pick(&["a", "서울 ", "\u{202E}", " ", "the "]);
                *at(v, &p) = Value::String(unit.repeat(20_000 + rng.below(100_000)));
            }
        }),
        Mutation::OddDate => edit(rng, &|rng, v| {
            let date_key = |p: &[Step], v: &Value| {
                v.is_string()
                    && matches!(p.last(), Some(Step::Key(k)) if k == "date" || k == "published")
                    || matches!(p.last(), Some(Step::Key(k)) if k == "year" || k == "month" || k == "day")
            };
            if let Some(p) = place_where(rng, v, date_key) {
                let odd = *rng.pick(&ODD_DATES);
                *at(v, &p) = match p.last() {
                    Some(Step::Key(k)) if k == "year" || k == "month" || k == "day" => rng
                        .pick(&[
                            serde_json::json!(odd),
                            serde_json::json!(-5),
                            serde_json::json!(0),
                        ])
                        .clone(),
                    _ => Value::String(odd.to_string()),
                };
            }
        }),
        Mutation::ControlCharacters => edit(rng, &|rng, v| {
            if let Some(p) = place_where(rng, v, |_, v| v.is_string()) {
                let s = at(v, &p).as_str().unwrap_or_default().to_string();
                let evil = rng.pick(&[
                    "\u{1b}[2J",
                    "\n",
                    "\u{1b}]52;c;eA==\u{7}",
                    "\u{9b}31m",
                    "\0",
                ]);
                *at(v, &p) = Value::String(format!("{s}{evil}"));
            }
        }),
    }
}

/// The text with one value (what follows a `": "`, up to the next comma or
/// line end) replaced by `literal`: for JSON a `Value` cannot hold.
fn replace_a_value(rng: &mut Rng, bytes: Vec<u8>, literal: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let colons: Vec<usize> = text.match_indices("\": ").map(|(i, _)| i + 3).collect();
    if colons.is_empty() {
        return bytes;
    }
    let i = *rng.pick(&colons);
    let end = text[i..].find([',', '\n']).map_or(text.len(), |e| i + e);
    format!("{}{literal}{}", &text[..i], &text[end..]).into_bytes()
}

/// Whether a load's result is acceptable: a dataset, or problems that each
/// say where and what in the user's words.
fn check_result(
    name: &str,
    bytes: &[u8],
    result: Result<Dataset, LoadError>,
) -> Result<(), String> {
    let problems = match result {
        Ok(d) => {
            return if d.events().is_empty() {
                Err("a dataset loaded with no events".into())
            } else {
                Ok(())
            };
        }
        Err(LoadError::Io { file, message }) => {
            return Err(format!("not a located problem: {file}: {message}"));
        }
        Err(LoadError::Invalid(p)) => p,
    };
    if problems.is_empty() {
        return Err("a failure with no problem".into());
    }
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    for p in &problems {
        let shown = p.to_string();
        if p.line == 0 || p.column == 0 || p.path.is_empty() || p.message.trim().is_empty() {
            return Err(format!("unlocated problem: {shown}"));
        }
        if p.file == name && p.line > lines {
            return Err(format!(
                "line {} past the end ({lines} lines): {shown}",
                p.line
            ));
        }
        if let Some(word) = INTERNALS.iter().find(|w| p.message.contains(*w)) {
            return Err(format!("Rust internals ({word:?}) in: {shown}"));
        }
        if shown.contains(['\n', '\u{1b}', '\u{9b}']) {
            return Err(format!("raw control characters in: {shown:?}"));
        }
    }
    Ok(())
}

/// A copy of each sample's folder in a temporary folder, so that a mutated
/// file loads with its sources.
struct Workspace {
    _dir: tempfile::TempDir,
    files: Vec<(PathBuf, Vec<u8>, Value)>,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn workspace() -> Workspace {
    let dir = tempfile::tempdir().unwrap();
    let files = SAMPLES
        .iter()
        .enumerate()
        .map(|(i, sample)| {
            let sample = Path::new(sample);
            let folder = dir.path().join(i.to_string());
            std::fs::create_dir_all(&folder).unwrap();
            if let Ok(sources) = std::fs::read_dir(sample.parent().unwrap().join("sources")) {
                drop(sources);
                copy_dir(
                    &sample.parent().unwrap().join("sources"),
                    &folder.join("sources"),
                );
            }
            let bytes = std::fs::read(sample).unwrap();
            let json: Value = serde_json::from_slice(&bytes).unwrap();
            (folder.join("mutant.json"), bytes, json)
        })
        .collect();
    Workspace { _dir: dir, files }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

#[test]
fn mutated_datasets_load_or_report_located_problems() {
    let cases = env_number("HOTLINES_MUTATIONS", 2_400);
    let seed = env_number("HOTLINES_SEED", 0x5EED_1234_ABCD_0001);
    let mut rng = Rng(seed | 1);
    let ws = workspace();
    for (path, bytes, _) in &ws.files {
        std::fs::write(path, bytes).unwrap();
        assert!(
            Dataset::load(path).is_ok(),
            "{} loads unmutated",
            path.display()
        );
    }
    let started = Instant::now();
    let mut failures = Vec::new();
    let mut loaded = 0;
    for case in 0..cases {
        let (path, original, json) = &ws.files[rng.below(ws.files.len())];
        let m = *rng.pick(&MUTATIONS);
        let mutant = mutate(&mut rng, original, json, m);
        std::fs::write(path, &mutant).unwrap();
        let name = path.display().to_string();
        // On a thread, so that a hang is a failure and not a stuck test.
        let (tx, rx) = mpsc::channel();
        let load_path = path.clone();
        let worker = std::thread::spawn(move || {
            let loaded = Dataset::load(&load_path);
            // What `validate` runs: the same verdict, kept nothing.
            let checked = hotlines::model::check(&load_path);
            let _ = tx.send((loaded, checked));
        });
        let verdict = match rx.recv_timeout(CASE_LIMIT) {
            Ok((result, checked)) => {
                loaded += usize::from(result.is_ok());
                let counted = result
                    .as_ref()
                    .map(|d| d.events().len())
                    .map_err(Clone::clone);
                if checked != counted {
                    Err(format!(
                        "validate's check gave {checked:?}, the load {counted:?}"
                    ))
                } else {
                    check_result(&name, &mutant, result)
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => Err(format!("no answer in {CASE_LIMIT:?}")),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err("panicked".to_string()),
        };
        let hung = verdict.as_ref().is_err_and(|w| w.starts_with("no answer"));
        if !hung {
            let _ = worker.join();
        }
        if let Err(why) = verdict {
            let keep = std::env::temp_dir().join(format!("hotlines-mutant-{seed:x}-{case}.json"));
            let _ = std::fs::write(&keep, &mutant);
            failures.push(format!(
                "case {case} ({m:?} of {}), kept as {}: {why}",
                SAMPLES[ws.files.iter().position(|f| &f.0 == path).unwrap()],
                keep.display()
            ));
            if failures.len() >= 10 || hung {
                break;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "seed {seed:#x}:\n{}",
        failures.join("\n")
    );
    // The mutator must still leave some files whole enough to load, or the
    // test would only ever exercise the first error.
    assert!(loaded > 0, "no mutant loaded: the mutations are too coarse");
    eprintln!(
        "{cases} mutants checked in {:?} ({loaded} loaded)",
        started.elapsed()
    );
}
