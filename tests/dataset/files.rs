//! What a dataset may make the loader read: only regular files inside its
//! own folder, within size limits, never waiting on a pipe, and in time
//! linear in what it holds. The files are made here, in a temporary folder.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};

use hotlines::model::{DATASET_LIMIT, Dataset, LoadError, Problem, SOURCE_LIMIT};
use serde_json::json;

/// A dataset of one source, `file`, and one event per quote.
fn dataset(file: &str, quotes: &[String]) -> String {
    let events: Vec<_> = quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            json!({
                "id": format!("event-{i}"),
                "title": "An event",
                "summary": "Something happened.",
                "kind": "statement",
                "date": "2012-07-31",
                "date_basis": "stated",
                "quotes": [{"source": "article", "text": q}],
            })
        })
        .collect();
    let value = json!({
        "title": "Test",
        "description": "Made by a test.",
        "countries": {"KR": "South Korea"},
        "sources": [{
            "id": "article",
            "file": file,
            "publisher": "A paper",
            "headline": "A headline",
            "published": null,
            "published_basis": null,
            "byline": null,
            "url": null,
            "note": null,
        }],
        "people": [],
        "threads": [],
        "events": events,
    });
    serde_json::to_string_pretty(&value).unwrap()
}

/// Writes `events.json` (one quote of "Hello.") naming `file` into `dir`.
fn write_dataset(dir: &Path, file: &str) -> PathBuf {
    let path = dir.join("events.json");
    std::fs::write(&path, dataset(file, &["Hello.".to_string()])).unwrap();
    path
}

/// Loads on a thread, failing the test if that takes more than five seconds
/// (a load waiting on a FIFO would otherwise hang the test run).
fn load_promptly(path: &Path) -> Result<Dataset, LoadError> {
    let (tx, rx) = mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        // The receiver may have given up waiting; nothing is left to tell.
        let _ = tx.send(Dataset::load(&path));
    });
    rx.recv_timeout(Duration::from_secs(5))
        .expect("the load returns within five seconds")
}

/// The problems of a dataset that must not load.
fn problems(result: Result<Dataset, LoadError>) -> Vec<Problem> {
    match result {
        Err(LoadError::Invalid(p)) => p,
        Err(e) => panic!("expected problems, got {e}"),
        Ok(_) => panic!("the dataset loaded"),
    }
}

/// The one problem, at `sources[0].file`; its message.
fn source_problem(result: Result<Dataset, LoadError>) -> String {
    let p = problems(result);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].path, "sources[0].file");
    p[0].message.clone()
}

fn io_message(result: Result<Dataset, LoadError>) -> String {
    match result {
        Err(LoadError::Io { message, .. }) => message,
        Err(e) => panic!("expected an I/O error, got {e}"),
        Ok(_) => panic!("the dataset loaded"),
    }
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn a_regular_source_inside_the_folder_loads() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/a.txt"), "Hello. World.").unwrap();
    let d = load_promptly(&write_dataset(dir.path(), "sources/a.txt")).unwrap();
    assert_eq!(d.sources()[0].text(), "Hello. World.");
    assert_eq!(d.events()[0].quotes[0].range(), 0..6);
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_folder_is_refused_at_any_depth() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "Hello. The secret.").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // A link to the file, a link to its folder, and a link to a link.
    symlink(outside.path().join("secret.txt"), root.join("link.txt")).unwrap();
    symlink(outside.path(), root.join("linked")).unwrap();
    std::fs::create_dir(root.join("deep")).unwrap();
    symlink(root.join("link.txt"), root.join("deep/again.txt")).unwrap();
    for file in ["link.txt", "linked/secret.txt", "deep/again.txt"] {
        let message = source_problem(load_promptly(&write_dataset(root, file)));
        assert_eq!(
            message,
            format!("source file `{file}` is outside the dataset's folder")
        );
    }
    // A link that stays inside is followed.
    std::fs::write(root.join("real.txt"), "Hello.").unwrap();
    symlink(root.join("real.txt"), root.join("deep/inside.txt")).unwrap();
    let d = load_promptly(&write_dataset(root, "deep/inside.txt")).unwrap();
    assert_eq!(d.sources()[0].text(), "Hello.");
}

#[test]
fn absolute_and_climbing_paths_are_refused_even_when_they_lead_back_in() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("a.txt"), "Hello.").unwrap();
    let name = root.file_name().unwrap().to_str().unwrap();
    let absolute = root.join("a.txt").display().to_string();
    for file in [absolute, format!("../{name}/a.txt")] {
        let message = source_problem(load_promptly(&write_dataset(&root, &file)));
        assert!(
            message.ends_with("is outside the dataset's folder"),
            "{message}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_source_or_dataset_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("pipe.txt"));
    let message = source_problem(load_promptly(&write_dataset(dir.path(), "pipe.txt")));
    assert_eq!(
        message,
        "source file `pipe.txt` is not a regular file (a FIFO)"
    );
    let pipe = dir.path().join("pipe.json");
    mkfifo(&pipe);
    assert_eq!(
        io_message(load_promptly(&pipe)),
        "not a regular file (a FIFO)"
    );
}

#[cfg(unix)]
#[test]
fn devices_directories_and_sockets_are_not_read() {
    assert_eq!(
        io_message(load_promptly(Path::new("/dev/zero"))),
        "not a regular file (a character device)"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    let message = source_problem(load_promptly(&write_dataset(dir.path(), "folder")));
    assert_eq!(
        message,
        "source file `folder` is not a regular file (a directory)"
    );
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("sock")).unwrap();
    let message = source_problem(load_promptly(&write_dataset(dir.path(), "sock")));
    assert_eq!(
        message,
        "source file `sock` is not a regular file (a socket)"
    );
    // /dev/zero through a link is outside the folder, and never read.
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
    let message = source_problem(load_promptly(&write_dataset(dir.path(), "zero.txt")));
    assert_eq!(
        message,
        "source file `zero.txt` is outside the dataset's folder"
    );
}

#[test]
fn files_over_their_limit_are_refused_before_reading() {
    // Sparse files: their size is set, nothing is written.
    let dir = tempfile::tempdir().unwrap();
    let big = std::fs::File::create(dir.path().join("big.txt")).unwrap();
    big.set_len(SOURCE_LIMIT + 1).unwrap();
    let message = source_problem(load_promptly(&write_dataset(dir.path(), "big.txt")));
    assert_eq!(
        message,
        format!(
            "source file `big.txt` is too large: {} bytes, over the limit of 256 MiB",
            SOURCE_LIMIT + 1
        )
    );
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(DATASET_LIMIT + 1)
        .unwrap();
    assert_eq!(
        io_message(load_promptly(&huge)),
        format!(
            "too large: {} bytes, over the limit of 4 GiB",
            DATASET_LIMIT + 1
        )
    );
}

/// Sentences of an article, `n` bytes or a little more.
fn article(n: usize) -> String {
    let mut text = String::with_capacity(n + 100);
    let mut i = 0;
    while text.len() < n {
        text.push_str(&format!(
            "The ministry said on day {i} that talks would go on. "
        ));
        if i % 8 == 7 {
            text.push('\n');
        }
        i += 1;
    }
    text
}

/// Held while a load is timed, so that timed loads do not compete with each
/// other for the processor.
static TIMED: Mutex<()> = Mutex::new(());

fn load_timed(dir: &Path, source: &str, quotes: &[String]) -> (Vec<Problem>, Duration) {
    std::fs::write(dir.join("a.txt"), source).unwrap();
    let path = dir.join("events.json");
    std::fs::write(&path, dataset("a.txt", quotes)).unwrap();
    let _alone = TIMED.lock().unwrap_or_else(|e| e.into_inner());
    let start = Instant::now();
    let result = Dataset::load(&path);
    let took = start.elapsed();
    (problems(result), took)
}

#[test]
fn many_misquotes_of_a_long_source_load_in_bounded_time() {
    // A 4.6 MB source and a ~51 KB dataset of misquotes took 39 s.
    let dir = tempfile::tempdir().unwrap();
    let source = article(4_600_000);
    let quotes: Vec<String> = (0..150)
        .map(|i| format!("The ministry said on day {i} that talks would stop."))
        .collect();
    let (problems, took) = load_timed(dir.path(), &source, &quotes);
    assert_eq!(problems.len(), 150);
    for p in &problems {
        assert!(
            p.message
                .ends_with("no closest passage: the source is too long to search (over 4000000 bytes to compare)"),
            "{}",
            p.message
        );
    }
    // Generous for a busy debug build; the quadratic search took 39 s.
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn the_closest_passage_budget_is_shared_and_its_end_is_said() {
    // Each misquote of a 300 KB source costs about a million bytes compared:
    // the first ones get their closest passage, the later ones are told why
    // they get none.
    let dir = tempfile::tempdir().unwrap();
    let source = article(300_000);
    let quotes: Vec<String> = (0..40)
        .map(|i| format!("The ministry said on day {i} that talks would stop."))
        .collect();
    let (problems, took) = load_timed(dir.path(), &source, &quotes);
    assert_eq!(problems.len(), 40);
    assert!(
        problems[0]
            .message
            .ends_with("closest passage: \"The ministry said on day 0 that talks would go on.\""),
        "{}",
        problems[0].message
    );
    assert!(
        problems[39]
            .message
            .contains("no closest passage: earlier misquotes used up"),
        "{}",
        problems[39].message
    );
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn a_quote_of_one_word_repeated_is_checked_in_bounded_time() {
    // Each place the first word occurs used to match many words again.
    let dir = tempfile::tempdir().unwrap();
    let source = "a \n".repeat(300_000);
    let quote = format!("{}b", "a ".repeat(5_000));
    let (problems, took) = load_timed(dir.path(), &source, &[quote]);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].message.contains("quote not found verbatim"),
        "{}",
        problems[0].message
    );
    // Generous for a busy debug build; the quadratic search took minutes.
    assert!(took < Duration::from_secs(5), "took {took:?}");
}
