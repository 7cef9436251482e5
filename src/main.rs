use std::process::ExitCode;

use clap::Parser;
use tandem::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match tandem::tui::launch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("tandem: {err:#}");
            ExitCode::FAILURE
        }
    }
}
