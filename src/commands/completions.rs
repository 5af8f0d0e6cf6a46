//! `hotlines completions SHELL`: a completion script for the shell.

use clap::CommandFactory;

use super::{OK, Result, write_stdout};
use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: &CompletionsArgs) -> Result<u8> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "hotlines", &mut script);
    write_stdout(&script)?;
    Ok(OK)
}
