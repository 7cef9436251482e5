//! The data dir: finished sessions, and the in-progress round.
//!
//! Every write is atomic (temp file in the same dir, fsync, rename, fsync of
//! the dir); files are 0600 and dirs 0700. A session file is never
//! rewritten, and a file that does not parse is reported, never deleted.

mod atomic;
mod paths;

pub use paths::{config_dir, data_dir};

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::record::{
    CoachNote, InProgress, RecordError, SCHEMA_VERSION, SessionRecord, parse_session,
};

const SESSIONS_DIR: &str = "sessions";
const NOTES_DIR: &str = "notes";
const IN_PROGRESS_FILE: &str = "in-progress.toml";
const ROUND_LOCK_FILE: &str = "in-progress.lock";

/// What can go wrong reading or writing the data dir.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path}: not a valid file: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{path}: written by a newer tandem (schema {found}, this one reads {SCHEMA_VERSION})")]
    NewerSchema { path: PathBuf, found: u32 },
    #[error("another tandem ({holder}) is running a round on this data dir; finish it there first")]
    Locked { holder: String },
    #[error("cannot encode {what}: {message}")]
    Encode { what: &'static str, message: String },
}

impl StoreError {
    fn io(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
        move |source| StoreError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// Sessions read from disk, with the files that could not be read.
#[derive(Debug, Default)]
pub struct SessionScan {
    /// Oldest first.
    pub sessions: Vec<SessionRecord>,
    pub problems: Vec<StoreError>,
}

/// Coach notes read from disk, with the files that could not be read.
#[derive(Debug, Default)]
pub struct NoteScan {
    /// Oldest first.
    pub notes: Vec<CoachNote>,
    pub problems: Vec<StoreError>,
}

/// Proof that this process owns the in-progress round of a data dir. The
/// OS lock goes with the process, so a crashed owner never blocks others.
#[derive(Debug)]
pub struct RoundLock {
    _file: std::fs::File,
}

/// A data dir on disk.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the data dir at `root`.
    pub fn open(root: &Path) -> Result<Store, StoreError> {
        atomic::create_private_dir(&root.join(SESSIONS_DIR))?;
        atomic::create_private_dir(&root.join(NOTES_DIR))?;
        Ok(Store {
            root: root.to_owned(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn sessions_dir(&self) -> PathBuf {
        self.root.join(SESSIONS_DIR)
    }

    pub fn notes_dir(&self) -> PathBuf {
        self.root.join(NOTES_DIR)
    }

    pub fn in_progress_path(&self) -> PathBuf {
        self.root.join(IN_PROGRESS_FILE)
    }

    /// Saves a finished session under a new name; fails rather than
    /// replace an existing file.
    pub fn save_session(&self, record: &SessionRecord) -> Result<PathBuf, StoreError> {
        let text = encode(record, "session")?;
        let path = self.sessions_dir().join(format!("{}.toml", record.id));
        atomic::write_new(&path, text.as_bytes())?;
        Ok(path)
    }

    /// Reads every session file, oldest first. Files that cannot be read
    /// are reported in `problems` and left as they are.
    pub fn load_sessions(&self) -> SessionScan {
        self.load_sessions_as(|record| record)
    }

    /// Like [`Store::load_sessions`], passing each record through `keep`
    /// as soon as it is read, so that a caller keeping only part of each
    /// record never holds them all whole.
    pub fn load_sessions_as(
        &self,
        keep: impl Fn(SessionRecord) -> SessionRecord + Sync,
    ) -> SessionScan {
        let (mut sessions, problems) =
            scan_dir(&self.sessions_dir(), |path| read_session(path).map(&keep));
        sessions.sort_by_key(|s| s.started);
        SessionScan { sessions, problems }
    }

    /// The full session with this id: its own file, named by the id, or
    /// failing that (a file renamed by hand) the file that holds it.
    pub fn find_session(&self, id: &str) -> Option<SessionRecord> {
        let named = self.sessions_dir().join(format!("{id}.toml"));
        if let Ok(record) = read_session(&named)
            && record.id == id
        {
            return Some(record);
        }
        std::fs::read_dir(self.sessions_dir())
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "toml") && *p != named)
            .find_map(|p| read_session(&p).ok().filter(|r| r.id == id))
    }

    /// Saves a coach note under a new name; never replaces a file.
    pub fn save_note(&self, note: &CoachNote) -> Result<PathBuf, StoreError> {
        let text = encode(note, "note")?;
        let path = self.notes_dir().join(format!("{}.toml", note.id));
        atomic::write_new(&path, text.as_bytes())?;
        Ok(path)
    }

    /// Reads every coach note, oldest first; unreadable files are reported.
    pub fn load_notes(&self) -> NoteScan {
        let (mut notes, problems) = scan_dir(&self.notes_dir(), read_note);
        notes.sort_by_key(|n| n.written);
        NoteScan { notes, problems }
    }

    /// Writes the in-progress round, replacing the previous state.
    pub fn save_in_progress(&self, state: &InProgress) -> Result<(), StoreError> {
        let text = encode(state, "in-progress state")?;
        atomic::write_replace(&self.in_progress_path(), text.as_bytes())
    }

    /// The saved in-progress round, if any. A file that does not parse is
    /// moved aside (never deleted) and reported with its new name.
    pub fn load_in_progress(&self) -> Result<Option<InProgress>, StoreError> {
        let path = self.in_progress_path();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(StoreError::io(&path)(err)),
        };
        let problem = match toml::from_str::<InProgress>(&text) {
            Ok(mut state) if state.is_consistent() => {
                state.strip_controls();
                return Ok(Some(state));
            }
            Ok(_) => "its stages, cards or position do not fit together".to_owned(),
            Err(err) => err.message().trim().to_owned(),
        };
        let aside = self.root.join(format!(
            "in-progress.unreadable-{}.toml",
            chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ")
        ));
        std::fs::rename(&path, &aside).map_err(StoreError::io(&path))?;
        Err(StoreError::Parse {
            path: aside,
            message: problem,
        })
    }

    /// Takes the right to run the in-progress round; fails while another
    /// live process holds it.
    pub fn lock_round(&self) -> Result<RoundLock, StoreError> {
        use std::io::{Read, Seek, Write};
        let path = self.root.join(ROUND_LOCK_FILE);
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path).map_err(StoreError::io(&path))?;
        match file.try_lock() {
            Ok(()) => {
                let pid = format!("pid {}\n", std::process::id());
                file.set_len(0)
                    .and_then(|()| file.rewind())
                    .and_then(|()| file.write_all(pid.as_bytes()))
                    .map_err(StoreError::io(&path))?;
                Ok(RoundLock { _file: file })
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                Err(StoreError::Locked {
                    holder: if holder.is_empty() {
                        "another process".to_owned()
                    } else {
                        holder.to_owned()
                    },
                })
            }
            Err(std::fs::TryLockError::Error(err)) => Err(StoreError::io(&path)(err)),
        }
    }

    /// Forgets the in-progress round (after it was saved as a session).
    pub fn clear_in_progress(&self) -> Result<(), StoreError> {
        let path = self.in_progress_path();
        match std::fs::remove_file(&path) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(StoreError::io(&path)(err)),
            _ => Ok(()),
        }
    }
}

fn encode<T: serde::Serialize>(value: &T, what: &'static str) -> Result<String, StoreError> {
    toml::to_string(value).map_err(|err| StoreError::Encode {
        what,
        message: err.to_string(),
    })
}

/// Reads every `*.toml` in `dir` with `read`, in name order.
fn scan_dir<T: Send>(
    dir: &Path,
    read: impl Fn(&Path) -> Result<T, StoreError> + Sync,
) -> (Vec<T>, Vec<StoreError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return (Vec::new(), Vec::new()),
        Err(err) => return (Vec::new(), vec![StoreError::io(dir)(err)]),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    // Parsing dominates, so the files are split over the cores; each part
    // keeps name order, and the parts are joined in order.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let chunk = paths.len().div_ceil(threads).max(1);
    let parts: Vec<Vec<Result<T, StoreError>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = paths
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(|p| read(p)).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a reader thread panicked"))
            .collect()
    });
    let (mut found, mut problems) = (Vec::new(), Vec::new());
    for result in parts.into_iter().flatten() {
        match result {
            Ok(value) => found.push(value),
            Err(err) => problems.push(err),
        }
    }
    (found, problems)
}

/// Reads one coach note.
pub fn read_note(path: &Path) -> Result<CoachNote, StoreError> {
    let text = std::fs::read_to_string(path).map_err(StoreError::io(path))?;
    let mut note: CoachNote = toml::from_str(&text).map_err(|err| StoreError::Parse {
        path: path.to_owned(),
        message: err.message().trim().to_owned(),
    })?;
    if note.schema > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_owned(),
            found: note.schema,
        });
    }
    note.strip_controls();
    Ok(note)
}

/// Reads one session file, of the current schema or converted from an
/// older one. A file from a newer schema gets its own message rather than
/// a confusing parse error.
pub fn read_session(path: &Path) -> Result<SessionRecord, StoreError> {
    let text = std::fs::read_to_string(path).map_err(StoreError::io(path))?;
    parse_session(&text).map_err(|err| match err {
        RecordError::NewerSchema(found) => StoreError::NewerSchema {
            path: path.to_owned(),
            found,
        },
        other => StoreError::Parse {
            path: path.to_owned(),
            message: other.to_string(),
        },
    })
}

#[cfg(test)]
mod tests;
