//! Reading the files of a dataset, which may come from someone else: only
//! regular files, sources only inside the dataset's folder, never more than
//! a set size, and never a wait on a pipe or device.
//!
//! Each file is checked before it is opened (following symbolic links), then
//! opened without blocking, checked again through the handle (a source,
//! on Linux, for where it really lies too), and read through the handle no
//! further than its limit allows.

use std::fmt;
use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

/// The largest dataset file read: 4 GiB (datasets of ~850 MB must open).
pub const DATASET_LIMIT: u64 = 4 << 30;

/// The largest source file read: 256 MiB.
pub const SOURCE_LIMIT: u64 = 256 << 20;

/// Why a file is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A source path that is absolute, climbs out with `..`, or resolves
    /// (through symbolic links) to a place outside the dataset's folder.
    Outside,
    /// A directory, FIFO, device or socket: what it is.
    NotRegular(&'static str),
    /// Larger than `limit` bytes (`size` is at least what was seen).
    TooLarge { size: u64, limit: u64 },
    /// Not UTF-8: the first bad byte and its place (1-based line, column in
    /// characters).
    InvalidUtf8 {
        byte: u8,
        line: usize,
        column: usize,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Outside => write!(f, "outside the dataset's folder"),
            Refusal::NotRegular(what) => write!(f, "not a regular file ({what})"),
            Refusal::TooLarge { size, limit } => write!(
                f,
                "too large: {size} bytes, over the limit of {}",
                human(*limit)
            ),
            Refusal::InvalidUtf8 { byte, line, column } => write!(
                f,
                "not valid UTF-8 (byte 0x{byte:02X} at line {line}, column {column})"
            ),
        }
    }
}

impl std::error::Error for Refusal {}

impl From<Refusal> for io::Error {
    fn from(r: Refusal) -> io::Error {
        let kind = match r {
            Refusal::Outside => io::ErrorKind::PermissionDenied,
            Refusal::InvalidUtf8 { .. } => io::ErrorKind::InvalidData,
            Refusal::NotRegular(_) | Refusal::TooLarge { .. } => io::ErrorKind::InvalidInput,
        };
        io::Error::new(kind, r)
    }
}

/// The refusal inside an error made by this module, if it is one.
pub fn refusal(e: &io::Error) -> Option<&Refusal> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<Refusal>())
}

/// A limit in the largest whole binary unit that states it exactly.
fn human(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, unit) in UNITS {
        if bytes >= size && bytes.is_multiple_of(size) {
            return format!("{} {unit}", bytes / size);
        }
    }
    format!("{bytes} bytes")
}

/// The bytes of the regular file at `path` (symbolic links followed), at
/// most `limit` of them.
pub fn read_bytes(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    read_bytes_in(path, limit, None)
}

/// [`read_bytes`]; with `dir`, the file opened must lie inside that
/// folder (already canonical), as [`opened_inside`] sees it.
fn read_bytes_in(path: &Path, limit: u64, dir: Option<&Path>) -> io::Result<Vec<u8>> {
    check(&std::fs::metadata(path)?, limit)?;
    let file = open(path)?;
    if let Some(dir) = dir {
        opened_inside(&file, dir)?;
    }
    let meta = file.metadata()?;
    check(&meta, limit)?;
    let mut bytes = Vec::new();
    let expected = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    bytes
        .try_reserve_exact(expected)
        .map_err(|e| io::Error::new(io::ErrorKind::OutOfMemory, e))?;
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(Refusal::TooLarge { size, limit }.into());
    }
    Ok(bytes)
}

/// Opens for reading without waiting: should a FIFO take the place of the
/// checked file, opening it does not wait for a writer.
fn open(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

fn check(meta: &Metadata, limit: u64) -> io::Result<()> {
    if let Some(what) = not_regular(meta) {
        return Err(Refusal::NotRegular(what).into());
    }
    if meta.len() > limit {
        return Err(Refusal::TooLarge {
            size: meta.len(),
            limit,
        }
        .into());
    }
    Ok(())
}

/// What a file that is not a regular file is.
fn not_regular(meta: &Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO");
        }
        if kind.is_char_device() {
            return Some("a character device");
        }
        if kind.is_block_device() {
            return Some("a block device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

/// `bytes` as text, or where its first byte that is not UTF-8 is.
pub fn text(bytes: Vec<u8>) -> Result<String, Refusal> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let good = &bytes[..at];
        let line_start = good
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |nl| nl + 1);
        let line = 1 + good.iter().filter(|&&b| b == b'\n').count();
        let column = 1 + std::str::from_utf8(&good[line_start..]).map_or(0, |s| s.chars().count());
        Refusal::InvalidUtf8 {
            byte: bytes[at],
            line,
            column,
        }
    })
}

/// Where the source `file` of a dataset in the folder `dir` (already
/// canonical) really is. Refuses, before anything is opened, a path that
/// is absolute, climbs above the folder with `..`, or resolves through
/// symbolic links to a place outside it.
pub fn inside(dir: &Path, file: &str) -> io::Result<PathBuf> {
    let rel = Path::new(file);
    let mut depth = 0usize;
    for part in rel.components() {
        match part {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                depth = depth.checked_sub(1).ok_or(Refusal::Outside)?;
            }
            Component::RootDir | Component::Prefix(_) => return Err(Refusal::Outside.into()),
        }
    }
    let real = dir.join(rel).canonicalize()?;
    if !real.starts_with(dir) {
        return Err(Refusal::Outside.into());
    }
    Ok(real)
}

/// The text of the source `file` of a dataset in the folder `dir` (already
/// canonical): inside the folder, a regular file, within [`SOURCE_LIMIT`].
/// It is checked inside the folder before it is opened ([`inside`]) and,
/// where the system says where an open file is, once opened.
pub fn read_source(dir: &Path, file: &str) -> io::Result<String> {
    let path = inside(dir, file)?;
    Ok(text(read_bytes_in(&path, SOURCE_LIMIT, Some(dir))?)?)
}

/// Refuses an opened file that does not lie inside the folder `dir`
/// (already canonical) after all: a folder on its path may have been
/// swapped for a link to elsewhere between the check before opening and
/// the opening. Linux says where an open file is (`/proc/self/fd`);
/// where it cannot be asked, the check before opening stands alone.
fn opened_inside(file: &File, dir: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let fd = format!("/proc/self/fd/{}", file.as_raw_fd());
        if let Ok(real) = std::fs::read_link(fd)
            && !real.starts_with(dir)
        {
            return Err(Refusal::Outside.into());
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (file, dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_placed_at_its_line_and_character_column() {
        let mut bytes = "ab\n“c”d".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice(b"\nmore");
        assert_eq!(
            text(bytes),
            Err(Refusal::InvalidUtf8 {
                byte: 0xFF,
                line: 2,
                column: 5
            })
        );
        assert_eq!(text(b"fine".to_vec()).as_deref(), Ok("fine"));
    }

    #[test]
    fn limits_are_named_in_binary_units() {
        assert_eq!(human(DATASET_LIMIT), "4 GiB");
        assert_eq!(human(SOURCE_LIMIT), "256 MiB");
        assert_eq!(human(1000), "1000 bytes");
    }

    #[test]
    fn paths_that_leave_the_folder_are_refused_before_any_lookup() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path().canonicalize().unwrap();
        for file in ["/etc/passwd", "../x.txt", "a/../../x.txt", "./../x.txt"] {
            let e = inside(&dir, file).unwrap_err();
            assert_eq!(refusal(&e), Some(&Refusal::Outside), "{file}");
        }
        // Climbing down and up again stays inside; a missing file is the
        // ordinary error.
        std::fs::create_dir(dir.join("a")).unwrap();
        std::fs::write(dir.join("x.txt"), "x").unwrap();
        assert_eq!(inside(&dir, "a/../x.txt").unwrap(), dir.join("x.txt"));
        let e = inside(&dir, "missing.txt").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert_eq!(refusal(&e), None);
    }

    /// Once opened, a file is checked again where it really lies: a file
    /// outside the folder is refused through its handle, whatever path
    /// was checked before it was opened.
    #[cfg(target_os = "linux")]
    #[test]
    fn an_opened_file_outside_the_folder_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path().canonicalize().unwrap();
        let dir = root.join("data");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("in.txt"), "in").unwrap();
        std::fs::write(root.join("out.txt"), "out").unwrap();
        let inner = File::open(dir.join("in.txt")).unwrap();
        assert!(opened_inside(&inner, &dir).is_ok());
        let outer = File::open(root.join("out.txt")).unwrap();
        let e = opened_inside(&outer, &dir).unwrap_err();
        assert_eq!(refusal(&e), Some(&Refusal::Outside));
        // Opened through a link inside the folder, it is still outside.
        std::os::unix::fs::symlink(root.join("out.txt"), dir.join("link.txt")).unwrap();
        let linked = File::open(dir.join("link.txt")).unwrap();
        let e = opened_inside(&linked, &dir).unwrap_err();
        assert_eq!(refusal(&e), Some(&Refusal::Outside));
        assert_eq!(read_source(&dir, "in.txt").unwrap(), "in");
    }

    #[test]
    fn a_file_over_its_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        std::fs::write(&path, "0123456789").unwrap();
        assert_eq!(read_bytes(&path, 10).unwrap().len(), 10);
        let e = read_bytes(&path, 9).unwrap_err();
        assert_eq!(refusal(&e), Some(&Refusal::TooLarge { size: 10, limit: 9 }));
    }

    #[test]
    fn a_directory_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_bytes(dir.path(), 10).unwrap_err();
        assert_eq!(refusal(&e), Some(&Refusal::NotRegular("a directory")));
    }
}
