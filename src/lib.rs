//! hotlines: a source-grounded timeline of military hotlines in East Asia.
pub mod action;
pub mod app;
pub mod cli;
pub mod commands;
pub(crate) mod editor;
pub mod keymap;
pub mod model;
pub(crate) mod query;
pub(crate) mod text;
pub mod tui;
pub mod ui;
pub(crate) mod watch;

/// The allocator of the binary (see `main.rs`), and of the benchmarks,
/// which measure what the binary does.
pub use mimalloc::MiMalloc as Allocator;
