//! State tests of the time axis.
