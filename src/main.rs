use std::process::ExitCode;

use clap::Parser;
use tandem::cli::Cli;
use tandem::text::strip_controls;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match tandem::commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // Errors can quote deck and session files: no control
            // characters reach the terminal.
            eprintln!("tandem: {}", strip_controls(&format!("{err:#}"), true));
            ExitCode::FAILURE
        }
    }
}
