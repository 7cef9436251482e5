//! `tandem config path|show|init`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use super::print_out;
use crate::cli::ConfigCommand;
use crate::config::{self, Effective, Loaded};
use crate::i18n::words;
use crate::store::{create_private_dir, write_new};
use crate::tr;

/// Runs one `tandem config` command. `loaded` is the config as read at
/// start (its problem, if any, is already reported).
pub fn run(
    command: ConfigCommand,
    loaded: &Loaded,
    effective: &Effective,
) -> anyhow::Result<ExitCode> {
    let path = loaded
        .path
        .as_deref()
        .with_context(|| tr!("config-no-dir"))?;
    match command {
        ConfigCommand::Path => print_out(&format!("{}\n", path.display()))?,
        ConfigCommand::Show => print_out(&show(path, loaded, effective))?,
        ConfigCommand::Init => {
            init(path)?;
            print_out(&format!(
                "{}\n",
                tr!("config-wrote", path = path.display().to_string())
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The file's state, then one aligned row per setting: key, value, source.
fn show(path: &Path, loaded: &Loaded, effective: &Effective) -> String {
    let state = match (&loaded.problem, loaded.exists) {
        (Some(_), _) => tr!("config-state-broken"),
        (None, true) => tr!("config-state-read"),
        (None, false) => tr!("config-state-missing"),
    };
    let mut out = format!(
        "{}\n",
        tr!(
            "config-file",
            path = path.display().to_string(),
            state = state
        )
    );
    let rows = effective.rows();
    let width = rows
        .iter()
        .map(|(_, value, _)| value.chars().count())
        .max()
        .unwrap_or(0);
    for (key, value, source) in rows {
        let source = words::source(source);
        out.push_str(&format!("{key:<10} {value:<width$}  ({source})\n"));
    }
    out
}

/// Writes the commented template, creating the config dir (0700) if
/// needed; the file is 0600 and an existing one is never replaced.
fn init(path: &Path) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        create_private_dir(dir)?;
    }
    write_new(path, config::template().as_bytes()).map_err(|err| {
        if err.is_already_there() {
            anyhow::anyhow!(tr!("config-exists", path = path.display().to_string()))
        } else {
            anyhow::Error::new(err)
                .context(tr!("error-cannot-write", path = path.display().to_string()))
        }
    })
}
