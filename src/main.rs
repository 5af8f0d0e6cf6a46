use std::process::ExitCode;

use hotlines::model::Dataset;

fn main() -> ExitCode {
    let loaded = match std::env::args_os().nth(1) {
        Some(path) => Dataset::load(std::path::Path::new(&path)),
        None => Dataset::embedded(),
    };
    match loaded {
        Ok(dataset) if std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            match hotlines::tui::run(dataset) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("{err:#}");
                    ExitCode::FAILURE
                }
            }
        }
        Ok(dataset) => {
            for e in &dataset.events {
                println!(
                    "{:<24} {:<10} {:<8} {}",
                    e.date.display(),
                    e.kind.as_str(),
                    e.parties.join("-"),
                    hotlines::text::sanitize_line(&e.title)
                );
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}
