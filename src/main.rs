use std::process::ExitCode;

use clap::Parser;
use hotlines::cli::Cli;
use hotlines::commands;

/// mimalloc, not the system's allocator: a large dataset is read on every
/// core, and glibc grows each thread's heap a page at a time (at a million
/// events, 135,000 `mprotect` calls, each of which holds up the other
/// threads' page faults); mimalloc takes memory in large segments. Without
/// transparent huge pages, which cost more to fault in than they save here.
#[global_allocator]
static GLOBAL: hotlines::Allocator = hotlines::Allocator;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(commands::parse_error(&e)),
    };
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(fail) => {
            if !fail.message.is_empty() {
                commands::warn(&format!("hotlines: {}", fail.message));
            }
            ExitCode::from(fail.code)
        }
    }
}
