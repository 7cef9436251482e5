//! `tandem export`: saved sessions (and their coach notes) to stdout, one
//! session file at a time, so that memory stays flat however many
//! sessions the data dir holds.

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{print_out, report_skipped};
use crate::cli::{ExportArgs, ExportFormat};
use crate::export::{
    AliasCollector, ExportFilter, StageColumns, Verdict, csv_header, csv_row, json_element,
    json_end, markdown_header, session_markdown,
};
use crate::record::CoachNote;
use crate::store::{Index, Query, Store, StoreError, read_session, read_sessions_in_order};

/// Brings the index up to date and reports unreadable files on stderr
/// (going on without them), then goes over the sessions oldest first:
///
/// 1. the index's summaries choose the sessions. A session file is read
///    here only when its summary cannot tell (a `--person` named only in
///    feedback), and with `--anonymize` every file is, for the names it
///    holds: the aliases come from the whole data dir, before the filter,
///    so that a name in a kept session's text is replaced even when that
///    person's own sessions are filtered out. Only names are kept;
/// 2. the summaries of those chosen give the count and the CSV's stage
///    columns;
/// 3. each chosen file is read (a few ahead, on every core), anonymized
///    if asked, printed and dropped.
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

    // With --anonymize, every session lends its names, kept or not.
    let mut candidates: Vec<(String, Verdict)> = Vec::new();
    index.for_each(&Query::default(), |summary| {
        let verdict = filter.check(&summary);
        if verdict != Verdict::Dropped || args.anonymize {
            candidates.push((summary.id, verdict));
        }
    })?;
    let mut keep: Vec<bool> = candidates
        .iter()
        .map(|(_, v)| *v == Verdict::Kept)
        .collect();
    let mut aliases = args.anonymize.then(|| AliasCollector::new(&notes.notes));
    let mut reading: Vec<(usize, PathBuf)> = Vec::new();
    for (i, (id, verdict)) in candidates.iter().enumerate() {
        if args.anonymize || *verdict == Verdict::NeedsRecord {
            match path_of(&index, id) {
                Some(path) => reading.push((i, path)),
                None => keep[i] = false,
            }
        }
    }
    let to_read: Vec<&Path> = reading.iter().map(|(_, path)| path.as_path()).collect();
    read_sessions_in_order(&to_read, read_session, |n, result| {
        let i = reading[n].0;
        match result {
            Ok(record) => {
                if let Some(aliases) = &mut aliases {
                    aliases.add(&record);
                }
                if candidates[i].1 == Verdict::NeedsRecord {
                    keep[i] = filter.matches(&record);
                }
            }
            Err(problem) => {
                report_skipped(&problem);
                keep[i] = false;
            }
        }
        Ok::<_, Infallible>(())
    })?;
    drop(to_read);
    drop(reading);
    let anonymizer = aliases.map(AliasCollector::finish);
    let kept: Vec<String> = candidates
        .into_iter()
        .zip(keep)
        .filter_map(|((id, _), keep)| keep.then_some(id))
        .collect();

    let mut columns = StageColumns::default();
    if args.format == ExportFormat::Csv {
        let ids: HashSet<&str> = kept.iter().map(String::as_str).collect();
        index.for_each(&Query::default(), |summary| {
            if ids.contains(summary.id.as_str()) {
                columns.add(&summary);
            }
        })?;
    }
    let paths: Vec<PathBuf> = kept.iter().filter_map(|id| path_of(&index, id)).collect();
    drop(kept);

    let mut notes_on: HashMap<String, Vec<CoachNote>> = HashMap::new();
    for note in notes.notes {
        notes_on.entry(note.session.clone()).or_default().push(note);
    }
    // `tandem export … | head` is not an error: see `StdoutClosed`.
    match args.format {
        ExportFormat::Md => print_out(&markdown_header(paths.len()))?,
        ExportFormat::Csv => print_out(&csv_header(columns.ids()))?,
        ExportFormat::Json => {}
    }
    let mut written = 0;
    let to_read: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    read_sessions_in_order(&to_read, read_session, |_, result| {
        let mut record = match result {
            Ok(record) => record,
            // Changed since the index was read.
            Err(problem) => {
                report_skipped(&problem);
                return Ok(());
            }
        };
        let mut notes = notes_on.remove(&record.id).unwrap_or_default();
        if let Some(anonymizer) = &anonymizer {
            anonymizer.apply(std::slice::from_mut(&mut record), &mut notes);
        }
        let piece = match args.format {
            ExportFormat::Md => session_markdown(&record, &notes),
            ExportFormat::Csv => csv_row(&record, columns.ids()),
            ExportFormat::Json => json_element(written, &record, &notes),
        };
        written += 1;
        print_out(&piece)
    })?;
    if args.format == ExportFormat::Json {
        print_out(json_end(written))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The file of the session `id`; a session gone from the index since it
/// was listed is reported.
fn path_of(index: &Index, id: &str) -> Option<PathBuf> {
    let path = index.path_of(id);
    if path.is_none() {
        report_skipped(&StoreError::Skipped {
            message: format!("session {id}: no longer in the index"),
        });
    }
    path
}
