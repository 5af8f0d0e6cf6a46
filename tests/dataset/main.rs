//! Datasets: the embedded one true to its sources, every broken one in
//! tests/data/bad/ reported exactly, and the format document kept true.
//! One test binary, so that the integration tests link once.

mod bad;
mod embedded;
mod files;
mod format_doc;
mod mutate;
mod timelinejs_scale;
