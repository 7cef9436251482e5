//! The data dir: finished sessions, and the in-progress round.
//!
//! Every write is atomic (temp file in the same dir, fsync, rename, fsync of
//! the dir); files are 0600 and dirs 0700. A session file is never
//! rewritten, and a file that does not parse is reported, never deleted.

mod ahead;
mod atomic;
mod index;
mod paths;
mod safe;
pub mod sync;

pub use ahead::read_sessions_in_order;
pub use atomic::{create_private_dir, write_new};
pub use index::{INDEX_SCHEMA, Index, ListRow, Progress, Query, Refreshed, index_path};
pub use paths::{cache_dir, config_dir, data_dir};
pub use safe::{MAX_FILE_BYTES, read_text};

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::practice::InProgress;
use crate::record::{
    CoachNote, RecordError, SCHEMA_VERSION, SessionRecord, SessionSummary, parse_session,
    parse_summary,
};

const SESSIONS_DIR: &str = "sessions";
const NOTES_DIR: &str = "notes";
const IN_PROGRESS_FILE: &str = "in-progress.toml";
/// What `tandem serve` keeps: its host key and its rooms' unfinished rounds.
const SERVE_DIR: &str = "serve";
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
    #[error("{path}: too large ({size} bytes, limit 1 MiB)")]
    TooLarge { path: PathBuf, size: u64 },
    #[error(
        "{path}: {kind}, not a regular file; only regular files are read or written, and symbolic links are never followed"
    )]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{path}: {reason}; moved aside to {aside}")]
    MovedAside {
        path: PathBuf,
        aside: PathBuf,
        reason: String,
    },
    #[error("{path}: {reason}; it could not be moved aside ({source}), so it is left where it is")]
    NotMovedAside {
        path: PathBuf,
        reason: String,
        source: io::Error,
    },
    #[error("{message}")]
    Skipped { message: String },
    #[error(
        "index {path}: {message} (the index can be deleted: it is rebuilt from the session files)"
    )]
    Index { path: PathBuf, message: String },
    #[error("{path}: holds the same {what} id `{id}` as {kept}, which is the one used{}", if *differs { " (the contents differ)" } else { " (same contents)" })]
    Duplicate {
        path: PathBuf,
        what: &'static str,
        id: String,
        kept: PathBuf,
        differs: bool,
    },
}

impl StoreError {
    /// Whether writing failed only because the file is already there.
    pub fn is_already_there(&self) -> bool {
        matches!(self, StoreError::Io { source, .. } if source.kind() == io::ErrorKind::AlreadyExists)
    }

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
    /// Where the index is kept; `None` keeps it in memory.
    cache: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the data dir at `root`.
    pub fn open(root: &Path) -> Result<Store, StoreError> {
        atomic::create_private_dir(&root.join(SESSIONS_DIR))?;
        atomic::create_private_dir(&root.join(NOTES_DIR))?;
        Ok(Store {
            root: root.to_owned(),
            cache: None,
        })
    }

    /// A store over `root` that only reads: nothing is created, so a
    /// command that only counts (`stats`) leaves a data dir that does not
    /// exist as it was.
    pub fn reader(root: &Path) -> Store {
        Store {
            root: root.to_owned(),
            cache: None,
        }
    }

    /// The same store, keeping its index under `cache_dir`.
    pub fn with_cache(mut self, cache_dir: Option<PathBuf>) -> Store {
        self.cache = cache_dir;
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Opens the index of this data dir's sessions (not yet refreshed):
    /// in the cache dir, or in memory when there is none.
    pub fn index(&self) -> Index {
        match &self.cache {
            Some(cache) => Index::open(&index_path(cache, &self.root), &self.sessions_dir()),
            None => Index::in_memory(&self.sessions_dir()),
        }
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
        let (found, mut problems) =
            scan_dir(&self.sessions_dir(), |path| read_session(path).map(&keep));
        let mut sessions = one_per_id(found, "session", |s| &s.id, &mut problems);
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
        let (found, mut problems) = scan_dir(&self.notes_dir(), read_note);
        let mut notes = one_per_id(found, "note", |n| &n.id, &mut problems);
        notes.sort_by_key(|n| n.written);
        NoteScan { notes, problems }
    }

    /// Writes the in-progress round, replacing the previous state.
    pub fn save_in_progress(&self, state: &InProgress) -> Result<(), StoreError> {
        let text = encode(state, "in-progress state")?;
        atomic::write_replace(&self.in_progress_path(), text.as_bytes())
    }

    /// The saved in-progress round, if any. A file that does not parse, is
    /// too large or holds impossible times is moved aside (never deleted)
    /// and reported with its new name ([`StoreError::MovedAside`]). Anything
    /// else that cannot be read (a directory, a symlink, a FIFO, no
    /// permission) is reported and left where it is.
    pub fn load_in_progress(&self) -> Result<Option<InProgress>, StoreError> {
        self.load_in_progress_at(chrono::Utc::now())
    }

    /// [`Store::load_in_progress`] with the time that names an aside file.
    fn load_in_progress_at(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<InProgress>, StoreError> {
        self.load_in_progress_from(&self.in_progress_path(), now)
    }

    /// Room `number`'s unfinished round kept by `tandem serve`, if any;
    /// read and checked as [`Store::load_in_progress`] reads its file.
    pub fn load_room_in_progress(&self, number: usize) -> Result<Option<InProgress>, StoreError> {
        self.load_in_progress_from(&self.room_in_progress_path(number), chrono::Utc::now())
    }

    /// Reads an in-progress state at `path`; moves an unreadable one aside.
    fn load_in_progress_from(
        &self,
        path: &Path,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<InProgress>, StoreError> {
        let problem = match safe::read_text(path) {
            Ok(text) => match toml::from_str::<InProgress>(&text) {
                Ok(state) if !state.is_consistent() => {
                    "its stages, cards or position do not fit together".to_owned()
                }
                Ok(state) if !state.practice.times_are_plausible() => {
                    "its times are impossible (over a week, or more talk than running time)"
                        .to_owned()
                }
                Ok(mut state) => {
                    state.strip_controls();
                    return Ok(Some(state));
                }
                Err(err) => err.message().trim().to_owned(),
            },
            Err(StoreError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                return Ok(None);
            }
            Err(StoreError::TooLarge { size, .. }) => {
                format!("too large ({size} bytes, limit 1 MiB)")
            }
            Err(StoreError::Parse { message, .. }) => message,
            Err(other) => return Err(other),
        };
        Err(self.move_aside(path, problem, now))
    }

    /// Moves an unreadable in-progress file to a name of its own that no
    /// other aside file has (time, then a counter), never replacing one.
    fn move_aside(
        &self,
        path: &Path,
        reason: String,
        now: chrono::DateTime<chrono::Utc>,
    ) -> StoreError {
        let stamp = now.format("%Y%m%dT%H%M%S%.3fZ");
        let stem = path
            .file_stem()
            .map_or_else(|| "in-progress".into(), |s| s.to_string_lossy());
        let dir = path.parent().unwrap_or(&self.root);
        for n in 0..1000u32 {
            let name = if n == 0 {
                format!("{stem}.unreadable-{stamp}.toml")
            } else {
                format!("{stem}.unreadable-{stamp}-{n}.toml")
            };
            let aside = dir.join(name);
            // A hard link fails if the name is taken, so an aside file is
            // never replaced; then the original name is removed.
            match std::fs::hard_link(path, &aside) {
                Ok(()) => {
                    return match std::fs::remove_file(path) {
                        Ok(()) => StoreError::MovedAside {
                            path: path.to_owned(),
                            aside,
                            reason,
                        },
                        Err(source) => StoreError::NotMovedAside {
                            path: path.to_owned(),
                            reason: format!("{reason} (a copy is in {})", aside.display()),
                            source,
                        },
                    };
                }
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
                // A file system without hard links: a rename, once the
                // name is seen to be free.
                Err(_) if std::fs::symlink_metadata(&aside).is_err() => {
                    return match std::fs::rename(path, &aside) {
                        Ok(()) => StoreError::MovedAside {
                            path: path.to_owned(),
                            aside,
                            reason,
                        },
                        Err(source) => StoreError::NotMovedAside {
                            path: path.to_owned(),
                            reason,
                            source,
                        },
                    };
                }
                Err(source) => {
                    return StoreError::NotMovedAside {
                        path: path.to_owned(),
                        reason,
                        source,
                    };
                }
            }
        }
        StoreError::NotMovedAside {
            path: path.to_owned(),
            reason,
            source: io::Error::new(io::ErrorKind::AlreadyExists, "every aside name is taken"),
        }
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
        // Never through a symlink: the lock is truncated and written.
        let mut file = safe::no_follow(&mut options)
            .open(&path)
            .map_err(|err| safe::open_error(&path, err))?;
        let meta = file.metadata().map_err(StoreError::io(&path))?;
        if !meta.is_file() {
            return Err(StoreError::NotRegular {
                path,
                kind: safe::kind_of(&meta),
            });
        }
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
                let _ = (&mut file).take(256).read_to_string(&mut holder);
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

    /// Where `tandem serve` keeps its host key and its rooms' rounds.
    pub fn serve_dir(&self) -> PathBuf {
        self.root.join(SERVE_DIR)
    }

    /// Where room `number` of `tandem serve` keeps its unfinished round.
    pub fn room_in_progress_path(&self, number: usize) -> PathBuf {
        self.serve_dir()
            .join(format!("room-{number:02}.in-progress.toml"))
    }

    /// Writes room `number`'s unfinished round, replacing the previous
    /// state; returns where.
    pub fn save_room_in_progress(
        &self,
        number: usize,
        state: &InProgress,
    ) -> Result<PathBuf, StoreError> {
        atomic::create_private_dir(&self.serve_dir())?;
        let path = self.room_in_progress_path(number);
        let text = encode(state, "in-progress state")?;
        atomic::write_replace(&path, text.as_bytes())?;
        Ok(path)
    }

    /// Forgets room `number`'s unfinished round (saved, or never begun).
    pub fn clear_room_in_progress(&self, number: usize) -> Result<(), StoreError> {
        remove_if_there(&self.room_in_progress_path(number))
    }

    /// Forgets the in-progress round (after it was saved as a session).
    pub fn clear_in_progress(&self) -> Result<(), StoreError> {
        remove_if_there(&self.in_progress_path())
    }
}

/// Removes a file; one that is not there is fine.
fn remove_if_there(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(StoreError::io(path)(err)),
        _ => Ok(()),
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
) -> (Vec<(PathBuf, T)>, Vec<StoreError>) {
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
    let parts: Vec<Vec<(PathBuf, Result<T, StoreError>)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(|| {
                    part.iter()
                        .map(|p| (p.clone(), read(p)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a reader thread panicked"))
            .collect()
    });
    let (mut found, mut problems) = (Vec::new(), Vec::new());
    for (path, result) in parts.into_iter().flatten() {
        match result {
            Ok(value) => found.push((path, value)),
            Err(err) => problems.push(err),
        }
    }
    (found, problems)
}

/// The same id in two files (a sync tool's "conflicted copy", a file copied
/// by hand) is one session or note: keeps the file named `<id>.toml` if
/// there is one, else the first by name, and reports every other file as
/// a problem, saying whether its contents differ. `found` is in name order.
fn one_per_id<T>(
    found: Vec<(PathBuf, T)>,
    what: &'static str,
    id: impl Fn(&T) -> &String,
    problems: &mut Vec<StoreError>,
) -> Vec<T> {
    let named = |path: &Path, value: &T| {
        path.file_stem()
            .is_some_and(|stem| stem.to_str() == Some(id(value).as_str()))
    };
    let mut kept: Vec<(PathBuf, T)> = Vec::with_capacity(found.len());
    let mut by_id: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut dropped: Vec<(PathBuf, usize)> = Vec::new();
    for (path, value) in found {
        match by_id.get(id(&value)) {
            None => {
                by_id.insert(id(&value).clone(), kept.len());
                kept.push((path, value));
            }
            Some(&i) => {
                if named(&path, &value) && !named(&kept[i].0, &kept[i].1) {
                    let old = std::mem::replace(&mut kept[i], (path, value));
                    dropped.push((old.0, i));
                } else {
                    dropped.push((path, i));
                }
            }
        }
    }
    for (path, i) in dropped {
        let kept_path = &kept[i].0;
        let differs = match (safe::read_text(&path), safe::read_text(kept_path)) {
            (Ok(a), Ok(b)) => a != b,
            _ => true,
        };
        problems.push(StoreError::Duplicate {
            path,
            what,
            id: id(&kept[i].1).clone(),
            kept: kept_path.clone(),
            differs,
        });
    }
    kept.into_iter().map(|(_, value)| value).collect()
}

/// Reads one coach note.
pub fn read_note(path: &Path) -> Result<CoachNote, StoreError> {
    let text = safe::read_text(path)?;
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
    parse_session(&safe::read_text(path)?).map_err(file_error(path))
}

/// Reads the summary of one session file, without building its record
/// ([`parse_summary`]): what the index keeps. Fails as [`read_session`]
/// fails, with the same error.
pub fn read_summary(path: &Path) -> Result<SessionSummary, StoreError> {
    parse_summary(&safe::read_text(path)?).map_err(file_error(path))
}

/// What is wrong with the session file at `path`.
fn file_error(path: &Path) -> impl FnOnce(RecordError) -> StoreError + '_ {
    move |err| match err {
        RecordError::NewerSchema(found) => StoreError::NewerSchema {
            path: path.to_owned(),
            found,
        },
        other => StoreError::Parse {
            path: path.to_owned(),
            message: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests;
