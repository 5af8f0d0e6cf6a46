//! `hotlines validate` on datasets that name files they must not have read:
//! outside their folder, FIFOs, devices. Each run must end within seconds,
//! and nothing of a refused file may reach the output.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

const SECRET: &str = "hotlines-test-secret-3f9a1c";

fn hotlines() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hotlines"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .timeout(Duration::from_secs(5));
    cmd
}

/// The absolute-path fixture, its one source file renamed to `file`.
fn dataset_naming(file: &str) -> String {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/bad/28-absolute-source-path.json"
    );
    let text = std::fs::read_to_string(fixture).unwrap();
    assert!(text.contains("\"/proc/self/environ\""));
    text.replace("\"/proc/self/environ\"", &format!("{file:?}"))
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn validate(path: &Path) -> Run {
    let out = hotlines()
        .env("HOTLINES_TEST_SECRET", SECRET)
        .arg("validate")
        .arg(path)
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A dataset naming `file`, written into `dir`, validated.
fn validate_naming(dir: &Path, file: &str) -> Run {
    let path = dir.join("events.json");
    std::fs::write(&path, dataset_naming(file)).unwrap();
    validate(&path)
}

#[test]
fn an_absolute_source_path_is_refused_and_nothing_of_it_printed() {
    let run = validate(Path::new("tests/data/bad/28-absolute-source-path.json"));
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "sources[0].file: source file `/proc/self/environ` is outside the dataset's folder"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains(SECRET) && !run.stderr.contains(SECRET));
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_file_outside_is_refused_and_nothing_of_it_printed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, format!("The defense ministries {SECRET}.")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("article.txt")).unwrap();
    let run = validate_naming(dir.path(), "article.txt");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("source file `article.txt` is outside the dataset's folder"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains(SECRET) && !run.stderr.contains(SECRET));
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_fifo_dataset_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("events.json");
    mkfifo(&pipe);
    let run = validate(&pipe);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "cannot read {}: not a regular file (a FIFO)",
            pipe.display()
        )),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_source_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("pipe.txt"));
    let run = validate_naming(dir.path(), "pipe.txt");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("sources[0].file: source file `pipe.txt` is not a regular file (a FIFO)"),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn dev_zero_is_refused_as_a_source_and_as_a_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let run = validate_naming(dir.path(), "/dev/zero");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("source file `/dev/zero` is outside the dataset's folder"),
        "{}",
        run.stdout
    );
    let run = validate(Path::new("/dev/zero"));
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("cannot read /dev/zero: not a regular file (a character device)"),
        "{}",
        run.stderr
    );
}
