use std::process::ExitCode;

use clap::Parser;
use tandem::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match tandem::commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("tandem: {err:#}");
            ExitCode::FAILURE
        }
    }
}
