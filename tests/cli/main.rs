//! The command line, run as a user runs it: the real binary, its output,
//! its exit codes, and the documentation's examples. One test binary, so
//! that the integration tests link once.

mod commands;
mod docs;
mod export;
mod files;
mod pty;
mod untrusted;
mod validate;
mod write;
