//! `tandem export`: saved sessions (and their coach notes) to stdout, one
//! session file at a time, so that memory stays flat however many
//! sessions the data dir holds.

use std::collections::HashMap;
use std::process::ExitCode;

use super::{print_out, report_skipped};
use crate::cli::{ExportArgs, ExportFormat};
use crate::export::{
    AliasCollector, ExportFilter, StageColumns, Verdict, csv_header, csv_row, json_element,
    json_end, markdown_header, session_markdown,
};
use crate::record::{CoachNote, SessionRecord};
use crate::store::{Index, Query, Store, StoreError, read_session};

/// Brings the index up to date and reports unreadable files on stderr
/// (going on without them), then makes two passes, oldest first:
///
/// 1. over the index's summaries, to choose the sessions, count them and
///    find the CSV's stage columns. A session file is read here only when
///    its summary cannot tell (a `--person` named only in feedback), and
///    with `--anonymize` every file is, for the names it holds: the
///    aliases come from the whole data dir, before the filter, so that a
///    name in a kept session's text is replaced even when that person's
///    own sessions are filtered out;
/// 2. over the sessions kept: each file is read, anonymized if asked,
///    printed and dropped before the next.
pub fn run(args: &ExportArgs, store: &Store) -> anyhow::Result<ExitCode> {
    let mut index = store.index();
    index.refresh(&mut |_| {})?;
    let notes = store.load_notes();
    index
        .problems()?
        .iter()
        .chain(&notes.problems)
        .for_each(report_skipped);
    let filter = ExportFilter {
        person: args.person.clone(),
        since: args.since,
    };

    let mut aliases = args.anonymize.then(|| AliasCollector::new(&notes.notes));
    let mut columns = StageColumns::default();
    let mut kept: Vec<String> = Vec::new();
    index.for_each(&Query::default(), |summary| {
        let verdict = filter.check(&summary);
        let keep = if aliases.is_some() || verdict == Verdict::NeedsRecord {
            match read(&index, &summary.id) {
                Ok(record) => {
                    if let Some(aliases) = &mut aliases {
                        aliases.add(&record);
                    }
                    verdict == Verdict::Kept
                        || (verdict == Verdict::NeedsRecord && filter.matches(&record))
                }
                Err(problem) => {
                    report_skipped(&problem);
                    false
                }
            }
        } else {
            verdict == Verdict::Kept
        };
        if keep {
            columns.add(&summary);
            kept.push(summary.id);
        }
    })?;
    let anonymizer = aliases.map(AliasCollector::finish);

    let mut notes_on: HashMap<String, Vec<CoachNote>> = HashMap::new();
    for note in notes.notes {
        notes_on.entry(note.session.clone()).or_default().push(note);
    }
    // `tandem export … | head` is not an error: see `StdoutClosed`.
    match args.format {
        ExportFormat::Md => print_out(&markdown_header(kept.len()))?,
        ExportFormat::Csv => print_out(&csv_header(columns.ids()))?,
        ExportFormat::Json => {}
    }
    let mut written = 0;
    for id in &kept {
        let mut record = match read(&index, id) {
            Ok(record) => record,
            // Changed or gone since the first pass.
            Err(problem) => {
                report_skipped(&problem);
                continue;
            }
        };
        let mut notes = notes_on.remove(id).unwrap_or_default();
        if let Some(anonymizer) = &anonymizer {
            anonymizer.apply(std::slice::from_mut(&mut record), &mut notes);
        }
        let piece = match args.format {
            ExportFormat::Md => session_markdown(&record, &notes),
            ExportFormat::Csv => csv_row(&record, columns.ids()),
            ExportFormat::Json => json_element(written, &record, &notes),
        };
        print_out(&piece)?;
        written += 1;
    }
    if args.format == ExportFormat::Json {
        print_out(json_end(written))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The session `id` as its file holds it now.
fn read(index: &Index, id: &str) -> Result<SessionRecord, StoreError> {
    let path = index.path_of(id).ok_or_else(|| StoreError::Skipped {
        message: format!("session {id}: no longer in the index"),
    })?;
    read_session(&path)
}
