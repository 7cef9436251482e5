//! `tandem import PATH`: sessions and notes copied in from another data
//! dir, skipping those this one already has (by id), so that importing
//! twice changes nothing. Nothing in PATH is ever modified.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

use super::{print_err, print_out, report_skipped};
use crate::store::{Store, StoreError, read_note, read_session};
use crate::tr;

/// Imports from `path`: a data dir (with `sessions/` and/or `notes/`), a
/// sessions dir, or a notes dir (a dir named `notes`). Unreadable files are
/// reported on stderr and skipped; files whose id is already here are
/// skipped. Ends with one line: what was imported, skipped and unreadable.
/// Exits non-zero only if something readable could not be saved.
pub fn run(path: &Path, store: &Store) -> anyhow::Result<ExitCode> {
    let source = Source::find(path)?;
    source.refuse_self(store)?;
    let mut tally = Tally::default();
    let mut sessions = 0;
    if let Some(dir) = &source.sessions {
        // The ids already here come from the index, not from every file.
        let mut index = store.index();
        index.refresh(&mut |_| {})?;
        let mut here = Vec::new();
        index.list(|row| here.push(row.id))?;
        let mut known = known_ids(&store.sessions_dir(), here.into_iter());
        sessions = import_dir(
            dir,
            read_session,
            |s| &s.id,
            |s| store.save_session(s),
            &mut known,
            &mut tally,
        )?;
    }
    let mut notes = 0;
    if let Some(dir) = &source.notes {
        let here = store.load_notes().notes.into_iter().map(|n| n.id);
        let mut known = known_ids(&store.notes_dir(), here);
        notes = import_dir(
            dir,
            read_note,
            |n| &n.id,
            |n| store.save_note(n),
            &mut known,
            &mut tally,
        )?;
    }
    let done = tr!(
        "import-done",
        sessions = sessions,
        notes = notes,
        here = tally.already_here,
        unreadable = tally.unreadable
    );
    print_out(&format!("{done}\n"))?;
    if tally.not_saved > 0 {
        print_err(&format!(
            "tandem: {}",
            tr!("import-not-saved", count = tally.not_saved)
        ));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Where to read from.
#[derive(Debug)]
struct Source {
    sessions: Option<PathBuf>,
    notes: Option<PathBuf>,
}

impl Source {
    fn find(path: &Path) -> anyhow::Result<Source> {
        let meta = std::fs::metadata(path).with_context(|| cannot_read(path))?;
        if !meta.is_dir() {
            bail!(tr!("import-not-a-dir", path = path.display().to_string()));
        }
        let (sessions, notes) = (path.join("sessions"), path.join("notes"));
        if sessions.is_dir() || notes.is_dir() {
            return Ok(Source {
                sessions: sessions.is_dir().then_some(sessions),
                notes: notes.is_dir().then_some(notes),
            });
        }
        if path.file_name().is_some_and(|name| name == "notes") {
            return Ok(Source {
                sessions: None,
                notes: Some(path.to_owned()),
            });
        }
        // A folder that is neither a data dir nor a sessions dir (a typo,
        // the wrong folder) would import nothing and say "0 sessions": say
        // what is wrong instead.
        let has_toml = std::fs::read_dir(path)
            .with_context(|| cannot_read(path))?
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|ext| ext == "toml"));
        if !has_toml && path.file_name().is_none_or(|name| name != "sessions") {
            bail!(tr!(
                "import-not-a-data-dir",
                path = path.display().to_string()
            ));
        }
        Ok(Source {
            sessions: Some(path.to_owned()),
            notes: None,
        })
    }

    /// Importing a data dir into itself would only report every file as
    /// already here; it is almost surely a mistake, so say so.
    fn refuse_self(&self, store: &Store) -> anyhow::Result<()> {
        let same = |source: &Option<PathBuf>, here: PathBuf| {
            source.as_ref().is_some_and(|dir| {
                matches!(
                    (dir.canonicalize(), here.canonicalize()),
                    (Ok(a), Ok(b)) if a == b
                )
            })
        };
        if same(&self.sessions, store.sessions_dir()) || same(&self.notes, store.notes_dir()) {
            bail!(tr!(
                "import-same-dir",
                path = store.root().display().to_string()
            ));
        }
        Ok(())
    }
}

/// What happened to the files read.
#[derive(Debug, Default)]
struct Tally {
    already_here: usize,
    unreadable: usize,
    not_saved: usize,
}

/// Ids present here: every file name (readable or not, since a file is
/// never replaced) and every id inside a readable file.
fn known_ids(dir: &Path, parsed: impl Iterator<Item = String>) -> HashSet<String> {
    let mut known: HashSet<String> = parsed.collect();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.extension().is_some_and(|ext| ext == "toml")
                && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
            {
                known.insert(stem.to_owned());
            }
        }
    }
    known
}

/// Reads every `*.toml` of `dir` and saves the new ones; returns how many
/// were saved.
fn import_dir<T>(
    dir: &Path,
    read: impl Fn(&Path) -> Result<T, StoreError>,
    id: impl Fn(&T) -> &str,
    save: impl Fn(&T) -> Result<PathBuf, StoreError>,
    known: &mut HashSet<String>,
    tally: &mut Tally,
) -> anyhow::Result<usize> {
    let mut saved = 0;
    for path in toml_files(dir)? {
        let item = match read(&path) {
            Ok(item) => item,
            Err(err) => {
                report_skipped(&err);
                tally.unreadable += 1;
                continue;
            }
        };
        let item_id = id(&item);
        if !is_file_id(item_id) {
            report_skipped(&StoreError::Parse {
                path,
                message: format!("id `{item_id}` cannot name a file"),
            });
            tally.unreadable += 1;
        } else if known.contains(item_id) {
            tally.already_here += 1;
        } else {
            match save(&item) {
                Ok(_) => {
                    known.insert(item_id.to_owned());
                    saved += 1;
                }
                // Another tandem (a second import, a sync) saved the same
                // id since the list of ids here was read: it is here now.
                Err(err) if err.is_already_there() => {
                    known.insert(item_id.to_owned());
                    tally.already_here += 1;
                }
                Err(err) => {
                    let message = tr!(
                        "import-could-not",
                        path = path.display().to_string(),
                        error = err.to_string()
                    );
                    print_err(&format!("tandem: {}", super::one_line(&message)));
                    tally.not_saved += 1;
                }
            }
        }
    }
    Ok(saved)
}

/// The `*.toml` files of `dir`, in name order.
fn toml_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).with_context(|| cannot_read(dir))?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.with_context(|| cannot_read(dir))?.path();
        if path.extension().is_some_and(|ext| ext == "toml") {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// Whether an id from another machine's file can safely name a file here:
/// tandem's ids are letters, digits and `-` (a time and random bits), so
/// anything else, such as `../x`, is refused rather than written.
fn is_file_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// "cannot read PATH", in the interface's language.
fn cannot_read(path: &Path) -> String {
    tr!("import-cannot-read", path = path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::SessionRecord;

    /// A session saved by another tandem between the moment the ids here
    /// were listed and the save (two imports at once) is already here,
    /// not an error.
    #[test]
    fn an_id_saved_meanwhile_counts_as_already_here() {
        let dir = tempfile::tempdir().unwrap();
        let source = Store::open(&dir.path().join("source")).unwrap();
        let here = Store::open(&dir.path().join("here")).unwrap();
        let text = "schema = 1\nid = \"20261125T090000Z-00000000000000a1\"\nmode = \"pair\"\nseed = 1\n\
             started = \"2026-11-25T09:00:00Z\"\nended = \"2026-11-25T09:20:00Z\"\n\
             stages = []\nmarks = []\nfeedback = []\n\
             [deck]\nid = \"relational-1on1\"\nversion = 1\n\
             [people]\norganizer = \"Ana\"\npartner = \"Ben\"\n\
             [commitment]\nask = \"\"\nagreed = \"\"\n";
        let record: SessionRecord = toml::from_str(text).unwrap();
        source.save_session(&record).unwrap();
        here.save_session(&record).unwrap();
        let mut tally = Tally::default();
        // The list of ids taken before the other tandem saved it: empty.
        let saved = import_dir(
            &source.sessions_dir(),
            read_session,
            |s| &s.id,
            |s| here.save_session(s),
            &mut HashSet::new(),
            &mut tally,
        )
        .unwrap();
        assert_eq!(saved, 0);
        assert_eq!(tally.not_saved, 0, "reported as not saved");
        assert_eq!(tally.already_here, 1);
    }
}
