//! Watching the dataset file and its source files for `--watch`.
//!
//! Editors save by writing a new file and renaming it over the old one, so
//! the directories holding the files are watched (not recursively) and
//! events are kept only for the files of the dataset. A burst of events
//! (one save is several) becomes one reload once the files have been quiet
//! for [`QUIET`].
//!
//! Changes arrive on the watcher's own thread and wait in a channel; the
//! terminal loop, which nothing wakes, looks for them every few
//! milliseconds while it watches.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::model::Dataset;

/// How long the files must be quiet before a reload.
pub const QUIET: Duration = Duration::from_millis(200);

/// A trailing-edge debounce: due once `quiet` has passed since the last touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Debounce {
    quiet: Duration,
    last: Option<Instant>,
}

impl Debounce {
    pub fn new(quiet: Duration) -> Debounce {
        Debounce { quiet, last: None }
    }

    /// Something changed at `now`.
    pub fn touch(&mut self, now: Instant) {
        self.last = Some(now);
    }

    /// How long from `now` until the change is due; `None` when none waits.
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        self.last
            .map(|t| (t + self.quiet).saturating_duration_since(now))
    }

    /// Whether the change is due at `now`; clears it when it is.
    pub fn take_due(&mut self, now: Instant) -> bool {
        if self.wait(now) == Some(Duration::ZERO) {
            self.last = None;
            true
        } else {
            false
        }
    }

    pub fn clear(&mut self) {
        self.last = None;
    }
}

/// The files a dataset is read from: the dataset file and every source
/// file it names (sources of a converted TimelineJS file name no real file
/// and are simply never changed). Parents are made absolute, so they can be
/// compared with the paths the watcher reports.
pub fn files(path: &Path, data: &Dataset) -> Vec<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut out = vec![path.to_path_buf()];
    out.extend(data.sources().iter().map(|s| dir.join(&s.file)));
    out.into_iter().map(|p| absolute(&p)).collect()
}

/// `p` with its directory resolved (symbolic links and `..` included); the
/// file name is kept, as the file may not exist between a delete and a rename.
fn absolute(p: &Path) -> PathBuf {
    let name = p.file_name().map(PathBuf::from).unwrap_or_default();
    let dir = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match dir.canonicalize() {
        Ok(d) => d.join(name),
        Err(_) => std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()),
    }
}

/// Whether a file system event can change what a file holds. Opening and
/// reading (the reload itself) and metadata changes cannot.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// Watches the files of a dataset and says when to reload it.
pub struct Watcher {
    watcher: RecommendedWatcher,
    dirs: HashSet<PathBuf>,
    files: Arc<Mutex<HashSet<PathBuf>>>,
    changes: Receiver<()>,
    debounce: Debounce,
}

impl Watcher {
    /// Starts watching the dataset file at `path` and the sources of `data`
    /// (the terminal loop asks [`Watcher::wait`] and [`Watcher::due`] for
    /// changes). Fails when the dataset file's directory cannot be watched.
    pub fn new(path: &Path, data: &Dataset) -> notify::Result<Watcher> {
        let files: Arc<Mutex<HashSet<PathBuf>>> = Arc::default();
        let (tx, changes) = channel();
        let wanted = files.clone();
        let watcher = notify::recommended_watcher(move |res: notify::Result<Event>| {
            let Ok(event) = res else { return };
            if !changes_content(&event.kind) {
                return;
            }
            let wanted = wanted.lock().unwrap_or_else(|e| e.into_inner());
            if event.paths.iter().any(|p| wanted.contains(p)) {
                let _ = tx.send(());
            }
        })?;
        let mut w = Watcher {
            watcher,
            dirs: HashSet::new(),
            files,
            changes,
            debounce: Debounce::new(QUIET),
        };
        let dataset_dir = absolute(path).parent().map(Path::to_path_buf);
        if let Some(dir) = dataset_dir {
            w.watcher.watch(&dir, RecursiveMode::NonRecursive)?;
            w.dirs.insert(dir);
        }
        w.follow(path, data);
        Ok(w)
    }

    /// Follows the files of a (re)loaded dataset: a source added by the
    /// last save is watched from now on. A source directory that cannot be
    /// watched (one that does not exist) is skipped.
    pub fn follow(&mut self, path: &Path, data: &Dataset) {
        let files = files(path, data);
        for f in &files {
            if let Some(dir) = f.parent()
                && !self.dirs.contains(dir)
                && self.watcher.watch(dir, RecursiveMode::NonRecursive).is_ok()
            {
                self.dirs.insert(dir.to_path_buf());
            }
        }
        let mut wanted = self.files.lock().unwrap_or_else(|e| e.into_inner());
        *wanted = files.into_iter().collect();
    }

    /// Takes in the changes seen so far; whether a reload is due at `now`.
    pub fn due(&mut self, now: Instant) -> bool {
        while self.changes.try_recv().is_ok() {
            self.debounce.touch(now);
        }
        self.debounce.take_due(now)
    }

    /// How long the loop may wait for a key before asking [`Watcher::due`]
    /// again: until a waiting change is due; `None` when no change waits
    /// (the loop looks again for the next one soon).
    pub fn wait(&mut self, now: Instant) -> Option<Duration> {
        while self.changes.try_recv().is_ok() {
            self.debounce.touch(now);
        }
        self.debounce.wait(now)
    }

    /// Forgets the changes seen so far (a load of the files starts now, and
    /// will see them).
    pub fn settle(&mut self) {
        while self.changes.try_recv().is_ok() {}
        self.debounce.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_gives_one_reload_after_the_quiet() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut d = Debounce::new(ms(200));
        assert_eq!(d.wait(t0), None, "nothing waits");
        assert!(!d.take_due(t0));
        d.touch(t0);
        d.touch(t0 + ms(50));
        d.touch(t0 + ms(120));
        assert!(!d.take_due(t0 + ms(250)), "due 200 ms after the last touch");
        assert_eq!(d.wait(t0 + ms(250)), Some(ms(70)));
        assert!(d.take_due(t0 + ms(320)));
        assert_eq!(d.wait(t0 + ms(320)), None, "nothing waits after it");
        assert!(!d.take_due(t0 + ms(1000)), "one reload per burst");
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        use notify::event::{CreateKind, DataChange, MetadataKind, RenameMode};
        assert!(!changes_content(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!changes_content(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!changes_content(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(changes_content(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Name(
            RenameMode::To
        ))));
        assert!(changes_content(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn the_files_are_the_dataset_and_its_sources() {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small/events.json");
        let data = Dataset::load(&p).unwrap();
        let f = files(&p, &data);
        let dir = p.parent().unwrap().canonicalize().unwrap();
        assert_eq!(f[0], dir.join("events.json"));
        assert!(f.contains(&dir.join("sources/herald.txt")), "{f:?}");
        assert_eq!(f.len(), 1 + data.sources().len());
    }
}
