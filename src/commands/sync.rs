//! `tandem sync [--remote URL]`: shares the data dir through git (see
//! [`crate::store::sync`]) and says in a line what went each way.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{open_store, print_err, print_out, read_store};
use crate::store::sync::{Repo, SyncReport, describe};

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
            "{} is now a git repository that syncs with {}\n",
            root.display(),
            repo.remote_url()?
        ))?;
    }
    if repo.first_warning()? {
        print_err(
            "tandem: session files hold personal stories (what partners shared, their private \
             briefs): sync only with a private repository that just your cohort can read. \
             (shown once)",
        );
    }
    let report = repo.sync()?;
    for path in &report.not_regular {
        print_err(&format!(
            "tandem: not sent: {}: not a regular file",
            super::one_line(path)
        ));
    }
    print_out(&format!("{}\n", summary(&report)))?;
    Ok(ExitCode::SUCCESS)
}

/// "sent 3 sessions, 1 note; received 5 sessions", with the retries.
fn summary(report: &SyncReport) -> String {
    let mut line = match (describe(report.sent), describe(report.received)) {
        (None, None) => "up to date: nothing to send or receive".to_owned(),
        (Some(sent), None) => format!("sent {sent}"),
        (None, Some(received)) => format!("received {received}"),
        (Some(sent), Some(received)) => format!("sent {sent}; received {received}"),
    };
    if report.retries > 0 {
        line.push_str(&format!(
            " (another machine pushed meanwhile: pulled and pushed again, {} time{})",
            report.retries,
            if report.retries == 1 { "" } else { "s" }
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sync::Counts;

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
    }
}
