//! hotlines: a source-grounded timeline of military hotlines in East Asia.
pub mod model;
pub mod text;
