//! The command line, run as a user runs it: the real binary, its output,
//! its exit codes, and the documentation's examples. One test binary, so
//! that the integration tests link once.

mod commands;
mod docs;
mod export;
mod files;
mod interchange;
mod lines;
mod pty;
mod timelinejs;
mod untrusted;
mod validate;
mod write;

use std::process::Command;

/// The binary, run from the crate root with a fixed width and the real
/// clock: what every module of these tests runs.
pub fn hotlines() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hotlines"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", "100")
        .env_remove("SOURCE_DATE_EPOCH");
    cmd
}
