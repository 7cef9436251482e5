//! `tandem export`: saved sessions (and their coach notes) to stdout.

use std::process::ExitCode;

use super::{print_out, report_skipped};
use crate::cli::{ExportArgs, ExportFormat};
use crate::export::{Anonymizer, ExportFilter, to_csv, to_json, to_markdown};
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
    // Aliases come from the whole data dir, before the filter, so that a
    // name in a kept session's text is replaced even when that person's
    // own sessions are filtered out.
    let anonymizer = args
        .anonymize
        .then(|| Anonymizer::new(&sessions.sessions, &notes.notes));
    let filter = ExportFilter {
        person: args.person.clone(),
        since: args.since,
    };
    let (mut sessions, mut notes) = filter.apply(sessions.sessions, notes.notes);
    if let Some(anonymizer) = anonymizer {
        anonymizer.apply(&mut sessions, &mut notes);
    }
    let text = match args.format {
        ExportFormat::Md => to_markdown(&sessions, &notes),
        ExportFormat::Csv => to_csv(&sessions),
        ExportFormat::Json => to_json(&sessions, &notes),
    };
    // `tandem export … | head` is not an error: see `StdoutClosed`.
    print_out(&text)?;
    Ok(ExitCode::SUCCESS)
}
