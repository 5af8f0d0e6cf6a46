//! Which events a query selects: the one filter (kinds, parties, threads,
//! date bases) and the one smart-case search, shared by the command line
//! (`list`, `export`) and the timeline. Both answer with event indices.

pub mod filter;
pub mod search;
