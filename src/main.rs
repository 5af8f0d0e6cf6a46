use std::process::ExitCode;

use clap::Parser;
use hotlines::cli::Cli;
use hotlines::commands;

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
