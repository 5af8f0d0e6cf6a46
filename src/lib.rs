//! hotlines: a source-grounded timeline of military hotlines in East Asia.
pub mod cli;
pub mod commands;
pub mod filter;
pub mod model;
pub mod text;
