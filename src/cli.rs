//! Command-line definitions (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{FIT_MINUTES, LanguageTag};
use crate::practice::Mode;

/// A terminal practice coach for relational 1:1 meetings.
#[derive(Debug, Parser)]
#[command(name = "tandem", version, about)]
pub struct Cli {
    /// Where sessions are kept (default: the platform data dir).
    #[arg(long, global = true, env = "TANDEM_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Where `config.toml` and user decks (`decks/*.toml`) are read from
    /// (default: the platform config dir).
    #[arg(long, global = true, env = "TANDEM_CONFIG_DIR", value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    /// Where the rebuildable index is kept (default: the platform cache dir).
    #[arg(long, global = true, env = "TANDEM_CACHE_DIR", value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

    /// The interface language, a BCP 47 tag such as en or fr (default: the
    /// config, else LC_ALL / LC_MESSAGES / LANG, else en).
    #[arg(long, global = true, value_name = "TAG")]
    pub lang: Option<LanguageTag>,

    /// Draw without colour (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Do not ring the terminal bell at the end of each stage.
    #[arg(long, global = true)]
    pub no_bell: bool,

    /// Bold, high-contrast colours for bright rooms and projectors.
    #[arg(long, global = true)]
    pub high_contrast: bool,

    /// Ignore the mouse (no clicking or scrolling).
    #[arg(long, global = true)]
    pub no_mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a practice round (straight to the timer when both names are given).
    Practice(PracticeArgs),
    /// Browse saved sessions and add coach notes.
    Review,
    /// Charts of progress for one organizer or the whole cohort.
    Progress {
        /// Open on this organizer's progress.
        #[arg(long, value_name = "NAME")]
        person: Option<String>,
        /// Open on this deck's family (its skill, or the deck itself).
        #[arg(long, value_name = "ID")]
        deck: Option<String>,
    },
    /// Write saved sessions as Markdown, CSV or JSON to stdout.
    Export(ExportArgs),
    /// Copy sessions and notes from another data dir, skipping known ids.
    Import {
        /// The other data dir (or its `sessions/` dir).
        path: PathBuf,
    },
    /// Share the data dir with a cohort through git: add new sessions and
    /// notes, pull with rebase, push.
    Sync {
        /// The git repository to share with (first time only); use a
        /// private one.
        #[arg(long, value_name = "URL")]
        remote: Option<String>,
    },
    /// Counts, per-stage averages and trends over every saved session.
    Stats(StatsArgs),
    /// Host practice rooms over SSH for an online workshop: each person
    /// joins from their own terminal, the facilitator sees every room.
    Serve(ServeArgs),
    /// List, show, check and create decks.
    #[command(subcommand)]
    Decks(DecksCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff) to stdout, e.g. `tandem man | man -l -`.
    Man,
    /// Show, locate or create the configuration file.
    #[command(subcommand)]
    Config(ConfigCommand),
}

/// `tandem config …`
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum ConfigCommand {
    /// Print the config file's path.
    Path,
    /// Every effective setting and where it comes from.
    Show,
    /// Write a commented `config.toml` listing every key (never overwrites).
    Init,
}

/// `--format` of `tandem export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A readable Markdown report.
    Md,
    /// One row per session, with each stage's average rating.
    Csv,
    /// An array of sessions, each with its coach notes.
    Json,
}

/// Options of `tandem export`.
#[derive(Debug, Args, Clone)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Only sessions this person took part in.
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only sessions started on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub since: Option<chrono::NaiveDate>,
    /// Replace every name, free text included, with person-1, person-2, …
    #[arg(long)]
    pub anonymize: bool,
}

/// `--format` of `tandem stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum StatsFormat {
    #[default]
    Text,
    Json,
}

/// Options of `tandem stats`.
#[derive(Debug, Args, Clone, Default)]
pub struct StatsArgs {
    /// Only sessions this person organized.
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only sessions of this deck's family (its skill, or the deck itself).
    #[arg(long, value_name = "ID")]
    pub deck: Option<String>,
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
}

/// `tandem decks …`
#[derive(Debug, Subcommand)]
pub enum DecksCommand {
    /// Every deck: id, title, language, minutes and where it comes from.
    List,
    /// A readable summary of one deck's stages, prompts and marks.
    Show {
        /// Deck id, or a path to a deck `.toml` file.
        id: String,
    },
    /// Check deck files; exits 0 only when every file is valid.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Write `ID.toml`, a commented template, in the current directory.
    New {
        /// The new deck's id (a-z, 0-9 and -).
        id: String,
    },
}

/// Options of `tandem practice`.
#[derive(Debug, Args, Default, Clone)]
pub struct PracticeArgs {
    /// Deck id, or a path to a deck `.toml` file (default: the config's
    /// `deck`, else relational-1on1).
    #[arg(long)]
    pub deck: Option<String>,
    /// Who runs the 1:1.
    #[arg(long, value_name = "NAME")]
    pub organizer: Option<String>,
    /// Who is being met (not needed for solo; optional for a drill).
    #[arg(long, value_name = "NAME")]
    pub partner: Option<String>,
    /// Who watches and keeps the marks (triad).
    #[arg(long, value_name = "NAME")]
    pub observer: Option<String>,
    /// How the round is practised (default: the config's `mode`, else pair).
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    /// The stage to drill (with `--mode drill`).
    #[arg(long, value_name = "ID")]
    pub stage: Option<String>,
    /// Seed for drawing the persona and prompt cards; the same seed gives
    /// the same draw.
    #[arg(long)]
    pub seed: Option<u32>,
    /// The minutes the breakout has ("30m" or "30"): every participant
    /// organizes once, with a debrief after each round; setup shows the
    /// plan before it starts.
    #[arg(long, value_name = "MINUTES", value_parser = parse_minutes)]
    pub fit: Option<u32>,
}

/// The most rooms one server hosts.
pub const MAX_ROOMS: usize = 50;

/// Options of `tandem serve`.
#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    /// The address and port to listen on.
    #[arg(long, value_name = "ADDR", default_value = "0.0.0.0:2222")]
    pub listen: std::net::SocketAddr,
    /// How many breakout rooms to open (1 to 50).
    #[arg(long, value_name = "N", default_value_t = 6, value_parser = parse_rooms)]
    pub rooms: usize,
    /// The deck every room practises (default: the config's `deck`, else
    /// relational-1on1).
    #[arg(long, value_name = "ID")]
    pub deck: Option<String>,
    /// The minutes the breakout has ("30m" or "30"): each room fits one
    /// round per participant into it.
    #[arg(long, value_name = "MINUTES", value_parser = parse_minutes)]
    pub fit: Option<u32>,
    /// Admit only the keys in this file (OpenSSH `authorized_keys` format),
    /// besides the room code.
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,
    /// Close a connection after this many minutes without a key.
    #[arg(long, value_name = "MINUTES", default_value_t = 30, value_parser = parse_minutes)]
    pub idle_timeout: u32,
}

/// A number of rooms from 1 to [`MAX_ROOMS`].
fn parse_rooms(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(rooms) if (1..=MAX_ROOMS).contains(&rooms) => Ok(rooms),
        _ => Err(format!(
            "`{text}` is not a number of rooms from 1 to {MAX_ROOMS}"
        )),
    }
}

/// "30m", "30 min" or "30": whole minutes, 1 to 600.
fn parse_minutes(text: &str) -> Result<u32, String> {
    let digits = text
        .trim()
        .trim_end_matches("min")
        .trim_end_matches('m')
        .trim();
    match digits.parse::<u32>() {
        Ok(minutes) if FIT_MINUTES.contains(&minutes) => Ok(minutes),
        _ => Err(format!(
            "`{text}` is not a number of minutes from {} to {}, e.g. 30m",
            FIT_MINUTES.start(),
            FIT_MINUTES.end()
        )),
    }
}

/// `--mode` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ModeArg {
    /// An organizer and a partner.
    #[default]
    Pair,
    /// A pair plus an observer.
    Triad,
    /// One person, rehearsing aloud.
    Solo,
    /// One stage only (`--stage ID`), round after round.
    Drill,
}

impl From<ModeArg> for Mode {
    fn from(mode: ModeArg) -> Mode {
        match mode {
            ModeArg::Pair => Mode::Pair,
            ModeArg::Triad => Mode::Triad,
            ModeArg::Solo => Mode::Solo,
            ModeArg::Drill => Mode::Drill,
        }
    }
}

/// A date as `YYYY-MM-DD`; the error names the format, with an example.
fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| "expected a date as YYYY-MM-DD, e.g. 2026-11-01".to_owned())
}

/// The clap definition with every command's and option's help in the
/// interface's language (messages `cli-…`, see [`help_ids`]); clap's own
/// words ("Usage", "Options", "Print help") stay as clap writes them.
pub fn localized() -> clap::Command {
    let command = <Cli as clap::CommandFactory>::command();
    if crate::i18n::language() == "en" {
        // The doc comments are the English messages, long texts included.
        return command;
    }
    localize(command, "cli")
}

fn localize(mut command: clap::Command, id: &str) -> clap::Command {
    let loader = crate::i18n::loader();
    if loader.has(id) {
        // The short text stands for the long one too, which is English.
        command = command.about(loader.get(id)).long_about(None);
    }
    let args: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    for arg in args {
        let arg_id = format!("{id}--{arg}");
        if loader.has(&arg_id) {
            let help = loader.get(&arg_id);
            command = command.mut_arg(arg, |a| a.help(help).long_help(None));
        }
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    for name in subcommands {
        let sub_id = format!("{id}-{name}");
        command = command.mut_subcommand(name, |sub| localize(sub, &sub_id));
    }
    command
}

/// Every message id [`localized`] looks up, with clap's English text: one
/// per command (its about) and one per option or argument with help.
pub fn help_ids() -> Vec<(String, String)> {
    fn walk(command: &clap::Command, id: &str, ids: &mut Vec<(String, String)>) {
        if let Some(about) = command.get_about() {
            ids.push((id.to_owned(), about.to_string()));
        }
        for arg in command.get_arguments() {
            if let Some(help) = arg.get_help() {
                ids.push((format!("{id}--{}", arg.get_id()), help.to_string()));
            }
        }
        for sub in command.get_subcommands() {
            walk(sub, &format!("{id}-{}", sub.get_name()), ids);
        }
    }
    let mut ids = Vec::new();
    walk(&<Cli as clap::CommandFactory>::command(), "cli", &mut ids);
    ids
}

#[cfg(test)]
mod tests {
    /// Prints the help messages as Fluent, for writing the message files:
    /// `cargo test --lib cli::tests::print_help_messages -- --ignored --nocapture`.
    #[test]
    #[ignore = "a tool, not a check"]
    fn print_help_messages() {
        for (id, text) in super::help_ids() {
            println!("{id} = {}", text.replace('\n', " "));
        }
    }
}
