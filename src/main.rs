use std::process::ExitCode;

use clap::FromArgMatches;
use tandem::cli::Cli;
use tandem::commands::{StdoutClosed, early_language, print_err, print_out};

fn main() -> ExitCode {
    // The language before the arguments are read: `--help` speaks it.
    tandem::i18n::select(&early_language(std::env::args_os()));
    let parsed = tandem::cli::localized()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) => {
            // clap quotes the arguments it was given: its messages go
            // through the same control-character stripping as the rest.
            let text = err.render().to_string();
            if err.use_stderr() {
                print_err(text.trim_end());
            } else {
                let _ = print_out(&text);
            }
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    match tandem::commands::run(cli) {
        Ok(code) => code,
        Err(err) if err.is::<StdoutClosed>() => ExitCode::SUCCESS,
        // Errors can quote deck and session files: print_err strips
        // control characters.
        Err(err) => {
            print_err(&format!("tandem: {err:#}"));
            ExitCode::FAILURE
        }
    }
}
