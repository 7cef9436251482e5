//! Where tandem keeps its files: `--data-dir` > `TANDEM_DATA_DIR` > the
//! platform data dir; user decks live in the config dir.

use std::path::PathBuf;

use directories::ProjectDirs;

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "tandem")
}

/// The data dir: the explicit choice (flag or environment, resolved by the
/// caller) or else the platform's data dir for tandem.
pub fn data_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit.or_else(|| project_dirs().map(|d| d.data_dir().to_owned()))
}

/// The config dir (holding `decks/`): the explicit choice or the platform's.
pub fn config_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit.or_else(|| project_dirs().map(|d| d.config_dir().to_owned()))
}

/// The cache dir (holding the index): the explicit choice or the
/// platform's.
pub fn cache_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit.or_else(|| project_dirs().map(|d| d.cache_dir().to_owned()))
}
