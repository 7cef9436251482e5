//! `tandem export`: saved sessions (and their coach notes) to stdout.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context;

use super::report_skipped;
use crate::cli::{ExportArgs, ExportFormat};
use crate::export::{ExportFilter, anonymize, to_csv, to_json, to_markdown};
use crate::store::Store;

/// Reads every session and note (reporting unreadable files on stderr and
/// going on without them), keeps those the options ask for, anonymizes them
/// if asked, and prints them in the chosen format.
pub fn run(args: &ExportArgs, store: &Store) -> anyhow::Result<ExitCode> {
    let sessions = store.load_sessions();
    let notes = store.load_notes();
    sessions
        .problems
        .iter()
        .chain(&notes.problems)
        .for_each(report_skipped);
    let filter = ExportFilter {
        person: args.person.clone(),
        since: args.since,
    };
    let (mut sessions, mut notes) = filter.apply(sessions.sessions, notes.notes);
    if args.anonymize {
        anonymize(&mut sessions, &mut notes);
    }
    let text = match args.format {
        ExportFormat::Md => to_markdown(&sessions, &notes),
        ExportFormat::Csv => to_csv(&sessions),
        ExportFormat::Json => to_json(&sessions, &notes),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // `tandem export … | head` is not an error.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        result => result
            .map(|()| ExitCode::SUCCESS)
            .context("cannot write to stdout"),
    }
}
