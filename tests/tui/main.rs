//! The interactive timeline: screens drawn on a `TestBackend`, random
//! actions at random sizes, the generated key docs, and the real binary in
//! a pseudo-terminal. One test binary, so that the integration tests link
//! once.

mod board;
mod docs;
mod e2e;
mod props;
mod render;
