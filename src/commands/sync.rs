//! `tandem sync [--remote URL]`: shares the data dir through git (see
//! [`crate::store::sync`]) and says in a line what went each way.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{open_store, print_err, print_out, read_store};
use crate::store::sync::{Counts, Repo, SyncReport};
use crate::tr;

/// Syncs the data dir (`explicit`, else the platform's); `remote` sets
/// it up the first time, creating the data dir if needed. Without it
/// nothing is created.
pub fn run(explicit: Option<PathBuf>, remote: Option<&str>) -> anyhow::Result<ExitCode> {
    // Sync never reads the index: no cache dir.
    let store = match remote {
        Some(_) => open_store(explicit, None)?,
        None => read_store(explicit, None)?,
    };
    let root = store.root();
    // SAFETY: umask only sets this process's file-creation mask; tandem
    // sync runs no other thread. Files git checks out (sessions from the
    // cohort) are then private, like those tandem writes.
    #[cfg(unix)]
    unsafe {
        libc::umask(0o077);
    }
    let repo = Repo::open(root, remote)?;
    if repo.created {
        print_out(&format!(
            "{}\n",
            tr!(
                "sync-created",
                path = root.display().to_string(),
                remote = repo.remote_url()?
            )
        ))?;
    }
    if repo.first_warning()? {
        print_err(&tr!("sync-privacy-warning"));
    }
    let report = repo.sync()?;
    for path in &report.not_regular {
        print_err(&tr!("sync-not-regular", path = super::one_line(path)));
    }
    print_out(&format!("{}\n", summary(&report)))?;
    Ok(ExitCode::SUCCESS)
}

/// "sent 3 sessions, 1 note; received 5 sessions", with the retries.
fn summary(report: &SyncReport) -> String {
    let mut line = match (counts(report.sent), counts(report.received)) {
        (None, None) => tr!("sync-up-to-date"),
        (Some(sent), None) => tr!("sync-sent", sent = sent),
        (None, Some(received)) => tr!("sync-received", received = received),
        (Some(sent), Some(received)) => {
            tr!("sync-sent-received", sent = sent, received = received)
        }
    };
    if report.retries > 0 {
        line.push_str(&tr!("sync-retries", count = report.retries));
    }
    line
}

/// "3 sessions, 1 note" in the current language, or None for nothing.
fn counts(counts: Counts) -> Option<String> {
    let mut parts = Vec::new();
    if counts.sessions > 0 {
        parts.push(tr!("session-count", count = counts.sessions));
    }
    if counts.notes > 0 {
        parts.push(tr!("note-count", count = counts.notes));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_says_what_went_each_way() {
        let mut report = SyncReport::default();
        assert_eq!(summary(&report), "up to date: nothing to send or receive");
        report.sent = Counts {
            sessions: 3,
            notes: 1,
        };
        assert_eq!(summary(&report), "sent 3 sessions, 1 note");
        report.received = Counts {
            sessions: 5,
            notes: 0,
        };
        report.retries = 2;
        assert_eq!(
            summary(&report),
            "sent 3 sessions, 1 note; received 5 sessions (another machine pushed meanwhile: pulled and pushed again, 2 times)"
        );
        report.sent = Counts::default();
        report.retries = 0;
        assert_eq!(summary(&report), "received 5 sessions");
        let _fr = crate::i18n::scoped("fr");
        report.sent = Counts {
            sessions: 1,
            notes: 2,
        };
        assert_eq!(
            summary(&report),
            "envoyé : 1 séance, 2 notes ; reçu : 5 séances"
        );
    }
}
