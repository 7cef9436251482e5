//! The index: a SQLite database of per-session summaries in the cache dir,
//! so that lists, statistics and charts never parse every session file.
//!
//! The session files stay the only truth. A file's summary is trusted
//! only while its name, size, modification and change times (nanoseconds)
//! and inode match what was recorded when it was read; one read in the
//! same moment it was written ("racy", as git calls it: a change within
//! the file system's clock tick would not move its times) is read again
//! at the next refresh. An index of another schema, one that does not
//! open or read as SQLite, or one that stays locked is never trusted: it
//! is deleted and rebuilt, or, when it cannot be replaced, rebuilt in
//! memory for this run.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, read_sessions_in_order, read_summary, safe};
use crate::record::{
    CommitmentOutcome, DeckRef, MarkCount, Mode, People, RatingSummary, ScaleShift, SessionSummary,
    StageSummary,
};

/// Bumped whenever the tables or the summary encoding change: an index
/// with another `user_version` is rebuilt.
pub const INDEX_SCHEMA: i32 = 2;

/// A file modified less than this long before it was read may change
/// again without its times moving (coarse file system clocks): its
/// summary is not trusted at the next refresh.
const RACY_MARGIN: Duration = Duration::from_secs(2);

/// How long to wait for another tandem writing the index before giving
/// up on it (and indexing in memory instead).
const BUSY_TIMEOUT: Duration = Duration::from_secs(3);

/// How a refresh is going: files read so far out of those to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub read: usize,
    pub to_read: usize,
    /// Session files in the dir.
    pub total: usize,
}

/// What a refresh found.
#[derive(Debug, Default)]
pub struct Refreshed {
    /// Files read again (new, changed or racy).
    pub read: usize,
    /// Files gone from the dir since the last refresh.
    pub removed: usize,
    /// Why the index on disk was not used, when it was rebuilt.
    pub rebuilt: Option<String>,
}

/// The files a refresh reads again and those it forgets.
#[derive(Debug)]
struct Changes {
    /// New, changed or racy files, in name order, with their stamps.
    to_read: Vec<(String, Stamp)>,
    gone: Vec<String>,
    /// Session files in the dir.
    total: usize,
}

impl Changes {
    fn is_empty(&self) -> bool {
        self.to_read.is_empty() && self.gone.is_empty()
    }
}

/// A file's identity as the file system reports it, without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    size: i64,
    mtime_ns: i64,
    ctime_ns: i64,
    inode: i64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                size: meta.size() as i64,
                mtime_ns: meta.mtime().saturating_mul(1_000_000_000) + meta.mtime_nsec(),
                ctime_ns: meta.ctime().saturating_mul(1_000_000_000) + meta.ctime_nsec(),
                inode: meta.ino() as i64,
            }
        }
        #[cfg(not(unix))]
        {
            let nanos = |t: io::Result<SystemTime>| {
                t.ok()
                    .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos() as i64)
            };
            Stamp {
                size: meta.len() as i64,
                mtime_ns: nanos(meta.modified()),
                ctime_ns: nanos(meta.created()),
                inode: 0,
            }
        }
    }
}

/// Which sessions to stream.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Only rounds organized by this person ([`crate::stats::name_key`]).
    pub organizer_key: Option<String>,
    /// Only rounds of this deck family.
    pub family: Option<String>,
    /// Only the latest this many (still streamed oldest first).
    pub latest: Option<usize>,
}

/// One row of the review list: what the table shows, sorts and filters,
/// without decoding the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRow {
    pub id: String,
    pub started: DateTime<Utc>,
    pub deck: String,
    pub mode: Mode,
    pub people: People,
    pub secs: u64,
    pub rating: Option<f64>,
}

/// The index of one data dir's sessions.
pub struct Index {
    conn: Connection,
    /// The database file (`:memory:` when kept in memory), for messages.
    file: PathBuf,
    sessions_dir: PathBuf,
    /// Why the file on disk was not used, when it was not.
    rebuilt: Option<String>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("sessions_dir", &self.sessions_dir)
            .finish_non_exhaustive()
    }
}

/// The summary's parts kept as one compact blob (postcard): everything
/// but the columns the lists and queries read.
type Detail = (
    Vec<StageSummary>,
    Vec<RatingSummary>,
    Vec<u8>,
    CommitmentOutcome,
    Vec<MarkCount>,
    Vec<ScaleShift>,
);

/// Two tables: `files`, small rows that say what each file was when it
/// was read (scanned whole at every refresh), and `sessions`, the
/// summaries of the readable ones, kept in start-time order so that
/// streaming them reads the database front to back.
const CREATE: &str = "
CREATE TABLE files (
    name TEXT PRIMARY KEY NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    racy INTEGER NOT NULL,
    problem TEXT
) WITHOUT ROWID;
CREATE INDEX files_problem ON files (name) WHERE problem IS NOT NULL;
CREATE TABLE sessions (
    started_s INTEGER NOT NULL,
    started_ns INTEGER NOT NULL,
    name TEXT NOT NULL,
    id TEXT NOT NULL,
    kept INTEGER NOT NULL DEFAULT 1,
    deck TEXT NOT NULL,
    deck_version INTEGER NOT NULL,
    skill TEXT,
    family TEXT NOT NULL,
    mode TEXT NOT NULL,
    organizer TEXT NOT NULL,
    organizer_key TEXT NOT NULL,
    partner TEXT NOT NULL,
    observer TEXT,
    secs INTEGER NOT NULL,
    rating REAL,
    detail BLOB NOT NULL,
    PRIMARY KEY (started_s, started_ns, name)
) WITHOUT ROWID;
CREATE INDEX sessions_name ON sessions (name);
CREATE INDEX sessions_id ON sessions (id);
CREATE INDEX sessions_organizer ON sessions (organizer_key, started_s, started_ns);
CREATE INDEX sessions_copies ON sessions (id) WHERE kept = 0;
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
";

/// The index file for the data dir `root` under `cache_dir`: one per data
/// dir, named by a hash of its path.
pub fn index_path(cache_dir: &Path, root: &Path) -> PathBuf {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    // FNV-1a: stable across runs and versions, unlike the std hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in root.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    cache_dir.join(format!("index-{hash:016x}.sqlite3"))
}

fn sql_error(path: &Path) -> impl FnOnce(rusqlite::Error) -> StoreError + '_ {
    move |err| StoreError::Index {
        path: path.to_owned(),
        message: err.to_string(),
    }
}

impl Index {
    /// Opens the index at `path` for the sessions in `sessions_dir`. An
    /// index that is not usable (another schema, not SQLite, corrupt,
    /// locked past a timeout, for another data dir) is deleted and made
    /// anew; when even that fails, the index lives in memory for this run.
    pub fn open(path: &Path, sessions_dir: &Path) -> Index {
        let identity = sessions_dir.display().to_string();
        let (conn, file, rebuilt) = match open_file(path, &identity) {
            Ok(conn) => (conn, path.to_owned(), None),
            Err(why) => {
                remove_index_files(path);
                match open_file(path, &identity) {
                    Ok(conn) => (conn, path.to_owned(), Some(why)),
                    Err(again) => (
                        in_memory(&identity),
                        PathBuf::from(":memory:"),
                        Some(format!("{why}; kept in memory ({again})")),
                    ),
                }
            }
        };
        Index {
            conn,
            file,
            sessions_dir: sessions_dir.to_owned(),
            rebuilt,
        }
    }

    /// Deletes the index file and opens a new one in its place (in memory
    /// when it was in memory already).
    fn open_anew(file: &Path, sessions_dir: &Path) -> Index {
        if file == Path::new(":memory:") {
            return Index::in_memory(sessions_dir);
        }
        remove_index_files(file);
        Index::open(file, sessions_dir)
    }

    /// An index kept in memory only (no cache dir).
    pub fn in_memory(sessions_dir: &Path) -> Index {
        Index {
            conn: in_memory(&sessions_dir.display().to_string()),
            file: PathBuf::from(":memory:"),
            sessions_dir: sessions_dir.to_owned(),
            rebuilt: None,
        }
    }

    /// Brings the index up to date with the sessions dir: reads new,
    /// changed and racy files (on every core), forgets deleted ones.
    /// `progress` hears how far reading has come.
    pub fn refresh(&mut self, progress: &mut dyn FnMut(Progress)) -> Result<Refreshed, StoreError> {
        self.refresh_with(None, progress)
    }

    /// Brings the index up to date as [`Index::refresh`] does, and gives
    /// what `read` reads from it then. `read` first runs on the index as
    /// it stands while the files are listed and stamped on other threads:
    /// when no file had changed, which is the usual start, that is the
    /// answer, and the listing cost no time of its own. Otherwise the
    /// index is updated and `read` runs again.
    pub fn refresh_and_read<T>(
        &mut self,
        progress: &mut dyn FnMut(Progress),
        mut read: impl FnMut(&Index) -> Result<T, StoreError>,
    ) -> Result<(Refreshed, T), StoreError> {
        let found = match self.read_while_listing(&mut read) {
            Ok(answer) => {
                let refreshed = Refreshed {
                    rebuilt: self.rebuilt.take(),
                    ..Refreshed::default()
                };
                return Ok((refreshed, answer));
            }
            Err(found) => found,
        };
        let refreshed = self.refresh_with(found, progress)?;
        Ok((refreshed, read(self)?))
    }

    /// `read` over one snapshot of the index, while the files are listed;
    /// its answer when the snapshot matched every file. Otherwise the
    /// changes found, when they could be (any failure here is left to
    /// the refresh that follows, which knows how to recover).
    fn read_while_listing<T>(
        &self,
        read: &mut impl FnMut(&Index) -> Result<T, StoreError>,
    ) -> Result<T, Option<Changes>> {
        let dir = &self.sessions_dir;
        std::thread::scope(|scope| {
            let listing = scope.spawn(|| list_dir(dir));
            // One read transaction: the stamps compared below are those of
            // the summaries `read` saw.
            let snapshot = self.conn.unchecked_transaction();
            let answer = snapshot.is_ok().then(|| read(self));
            let listed = listing
                .join()
                .expect("a listing thread panicked")
                .map_err(|_| None)?;
            let changes = self.changes(listed).map_err(|_| None)?;
            drop(snapshot);
            match answer {
                Some(Ok(answer)) if changes.is_empty() => Ok(answer),
                _ => Err(Some(changes)),
            }
        })
    }

    /// Applies `found` (or lists the dir when there is none), recovering
    /// from a busy or damaged index.
    fn refresh_with(
        &mut self,
        found: Option<Changes>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Refreshed, StoreError> {
        let first = match found {
            Some(changes) => self.apply(changes, progress),
            None => self.update(progress),
        };
        match first {
            // Another tandem holds the index past the timeout (hung, or a
            // very long rebuild): it is not trusted, and this run indexes
            // in memory.
            Err(Failure::Sql(err)) if is_busy(&err) => {
                self.conn = in_memory(&self.sessions_dir.display().to_string());
                self.file = PathBuf::from(":memory:");
                self.rebuilt = Some(format!("{err}; indexed in memory for this run"));
                self.update(progress)
                    .map_err(|failure| failure.into_store(&self.file))
            }
            // Damage found while reading it: made anew from the files.
            Err(Failure::Sql(err)) if is_damage(&err) => {
                *self = Index::open_anew(&self.file, &self.sessions_dir);
                self.rebuilt = Some(format!("the index was damaged ({err})"));
                self.update(progress)
                    .map_err(|failure| failure.into_store(&self.file))
            }
            result => result.map_err(|failure| failure.into_store(&self.file)),
        }
    }

    fn update(&mut self, progress: &mut dyn FnMut(Progress)) -> Result<Refreshed, Failure> {
        let listed = list_dir(&self.sessions_dir)?;
        let changes = self.changes(listed)?;
        self.apply(changes, progress)
    }

    /// What differs between the files `listed` and what the index knows:
    /// one merge of two lists in name order. A file that still matches is
    /// left alone.
    fn changes(&self, listed: Vec<(String, Stamp)>) -> rusqlite::Result<Changes> {
        let total = listed.len();
        let mut gone: Vec<String> = Vec::new();
        let mut to_read: Vec<(String, Stamp)> = Vec::new();
        let mut next = listed.into_iter().peekable();
        self.known(|name, was, racy| {
            while let Some((new, stamp)) = next.next_if(|(listed, _)| listed.as_str() < name) {
                to_read.push((new, stamp));
            }
            match next.next_if(|(listed, _)| listed == name) {
                Some((_, stamp)) if stamp == was && !racy => {}
                Some(changed) => to_read.push(changed),
                None => gone.push(name.to_owned()),
            }
        })?;
        to_read.extend(next);
        Ok(Changes {
            to_read,
            gone,
            total,
        })
    }

    /// Reads the files to read, on every core, and forgets the ones gone.
    fn apply(
        &mut self,
        changes: Changes,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Refreshed, Failure> {
        let Changes {
            to_read,
            gone,
            total,
        } = changes;
        let refreshed = Refreshed {
            read: to_read.len(),
            removed: gone.len(),
            rebuilt: self.rebuilt.take(),
        };
        if to_read.is_empty() && gone.is_empty() {
            return Ok(refreshed);
        }
        progress(Progress {
            read: 0,
            to_read: to_read.len(),
            total,
        });
        let started = SystemTime::now();
        let racy_since = started
            .checked_sub(RACY_MARGIN)
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i64);
        let dir = self.sessions_dir.clone();
        let result = (|| -> rusqlite::Result<()> {
            let tx = self.conn.transaction()?;
            {
                let mut forget = tx.prepare(FORGET_FILE)?;
                let mut forget_session = tx.prepare(FORGET_SESSION)?;
                for name in &gone {
                    forget.execute([name])?;
                    forget_session.execute([name])?;
                }
                let mut insert = Inserts::new(&tx)?;
                let to_read_count = to_read.len();
                // In name order, which is start-time order: the summaries
                // then go in at the end of their table, not all over it.
                let paths: Vec<PathBuf> = to_read.iter().map(|(name, _)| dir.join(name)).collect();
                let paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
                read_sessions_in_order(&paths, read_summary, |i, summary| {
                    let (name, stamp) = &to_read[i];
                    let racy = stamp.mtime_ns >= racy_since;
                    insert.file(name, *stamp, racy, summary)?;
                    if (i + 1).is_multiple_of(500) {
                        progress(Progress {
                            read: i + 1,
                            to_read: to_read_count,
                            total,
                        });
                    }
                    Ok::<(), rusqlite::Error>(())
                })?;
                progress(Progress {
                    read: to_read_count,
                    to_read: to_read_count,
                    total,
                });
            }
            mark_kept(&tx)?;
            tx.commit()
        })();
        result?;
        Ok(refreshed)
    }

    /// Records one file just written in the sessions dir (a saved round)
    /// without listing the dir. It counts as racy, so the next refresh
    /// reads it again.
    pub fn add_file(&mut self, path: &Path) -> Result<(), StoreError> {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let meta = std::fs::symlink_metadata(path).map_err(|source| StoreError::Io {
            path: path.to_owned(),
            source,
        })?;
        let summary = read_summary(path);
        let run = || -> rusqlite::Result<()> {
            let tx = self.conn.transaction()?;
            Inserts::new(&tx)?.file(&name, Stamp::of(&meta), true, summary)?;
            mark_kept(&tx)?;
            tx.commit()
        };
        run().map_err(sql_error(&self.file))
    }

    /// Calls `each` with every recorded file (in name order, the order of
    /// its key), its stamp, and whether it was racy, without holding them
    /// all.
    fn known(&self, mut each: impl FnMut(&str, Stamp, bool)) -> rusqlite::Result<()> {
        let mut statement = self.conn.prepare(
            "SELECT name, size, mtime_ns, ctime_ns, inode, racy FROM files ORDER BY name",
        )?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let name = row.get_ref(0)?.as_str()?;
            let stamp = Stamp {
                size: row.get(1)?,
                mtime_ns: row.get(2)?,
                ctime_ns: row.get(3)?,
                inode: row.get(4)?,
            };
            each(name, stamp, row.get(5)?);
        }
        Ok(())
    }

    /// Streams the summaries that `query` asks for, oldest first (by
    /// start, then file name), one session per id.
    pub fn for_each(
        &self,
        query: &Query,
        mut each: impl FnMut(SessionSummary),
    ) -> Result<(), StoreError> {
        let mut sql = String::from(
            "SELECT id, started_s, started_ns, deck, deck_version, skill, mode, organizer,
             partner, observer, detail FROM sessions WHERE kept = 1",
        );
        let mut args: Vec<String> = Vec::new();
        if let Some(key) = &query.organizer_key {
            args.push(key.clone());
            sql.push_str(&format!(" AND organizer_key = ?{}", args.len()));
        }
        if let Some(family) = &query.family {
            args.push(family.trim().to_owned());
            sql.push_str(&format!(" AND family = ?{}", args.len()));
        }
        let sql = match query.latest {
            Some(n) => format!(
                "SELECT * FROM ({sql} ORDER BY started_s DESC, started_ns DESC, name DESC LIMIT {n})
                 ORDER BY started_s, started_ns"
            ),
            None => format!("{sql} ORDER BY started_s, started_ns, name"),
        };
        let mut run = || -> rusqlite::Result<()> {
            let mut statement = self.conn.prepare(&sql)?;
            let mut rows = statement.query(rusqlite::params_from_iter(&args))?;
            while let Some(row) = rows.next()? {
                let blob = row.get_ref(10)?.as_blob()?;
                // Only this tandem writes the blob: one that does not decode
                // is damage SQLite's own check cannot see.
                let detail = postcard::from_bytes::<Detail>(blob).map_err(|err| {
                    rusqlite::Error::FromSqlConversionFailure(
                        10,
                        rusqlite::types::Type::Blob,
                        Box::new(err),
                    )
                })?;
                let (stages, ratings, felt_heard, commitment, marks, scales) = detail;
                let mode: String = row.get(6)?;
                each(SessionSummary {
                    id: row.get(0)?,
                    started: started(row.get(1)?, row.get(2)?),
                    deck: DeckRef {
                        id: row.get(3)?,
                        version: row.get(4)?,
                        skill: row.get(5)?,
                    },
                    mode: mode_of(&mode),
                    people: people_at(row, 7)?,
                    stages,
                    ratings,
                    felt_heard,
                    commitment,
                    marks,
                    scales,
                });
            }
            Ok(())
        };
        run().map_err(sql_error(&self.file))
    }

    /// Every session as a row of the review list, in no set order.
    pub fn list(&self, mut each: impl FnMut(ListRow)) -> Result<(), StoreError> {
        let mut run = || -> rusqlite::Result<()> {
            let mut statement = self.conn.prepare(
                "SELECT id, started_s, started_ns, deck, mode, organizer, partner, observer,
                 secs, rating FROM sessions WHERE kept = 1",
            )?;
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                let mode: String = row.get(4)?;
                each(ListRow {
                    id: row.get(0)?,
                    started: started(row.get(1)?, row.get(2)?),
                    deck: row.get(3)?,
                    mode: mode_of(&mode),
                    people: people_at(row, 5)?,
                    secs: row.get::<_, i64>(8)?.max(0) as u64,
                    rating: row.get(9)?,
                });
            }
            Ok(())
        };
        run().map_err(sql_error(&self.file))
    }

    /// Distinct organizers (compared by [`crate::stats::name_key`]), each
    /// by their trimmed name as first seen, sorted case-insensitively;
    /// blank names are left out.
    pub fn organizers(&self) -> Result<Vec<String>, StoreError> {
        let run = || -> rusqlite::Result<Vec<String>> {
            let mut names: Vec<String> = self
                .conn
                .prepare(
                    "SELECT organizer, MIN(started_s * 1000000000 + started_ns) FROM sessions
                     WHERE kept = 1 AND organizer_key <> ''
                     GROUP BY organizer_key",
                )?
                .query_map([], |row| row.get::<_, String>(0))?
                .map(|name| name.map(|n| n.trim().to_owned()))
                .collect::<rusqlite::Result<_>>()?;
            names.sort_by_cached_key(|name| (name.to_lowercase(), name.clone()));
            Ok(names)
        };
        run().map_err(sql_error(&self.file))
    }

    /// Deck families, the family of the latest session first, then the
    /// others by their latest session.
    pub fn families(&self) -> Result<Vec<String>, StoreError> {
        let run = || -> rusqlite::Result<Vec<String>> {
            self.conn
                .prepare(
                    "SELECT family, MAX(started_s * 1000000000 + started_ns) AS latest FROM sessions
                     WHERE kept = 1 GROUP BY family ORDER BY latest DESC",
                )?
                .query_map([], |row| row.get::<_, String>(0))?
                .collect()
        };
        run().map_err(sql_error(&self.file))
    }

    /// The number of sessions (one per id).
    pub fn count(&self) -> Result<usize, StoreError> {
        self.conn
            .query_row("SELECT COUNT(*) FROM sessions WHERE kept = 1", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|n| n.max(0) as usize)
            .map_err(sql_error(&self.file))
    }

    /// The file holding the session `id` (the one counted), if indexed.
    /// The statement is prepared once per connection: an export asks
    /// for every session's file in turn.
    pub fn path_of(&self, id: &str) -> Option<PathBuf> {
        self.conn
            .prepare_cached("SELECT name FROM sessions WHERE id = ?1 AND kept = 1")
            .and_then(|mut statement| {
                statement
                    .query_row([id], |row| row.get::<_, String>(0))
                    .optional()
            })
            .ok()
            .flatten()
            .map(|name| self.sessions_dir.join(name))
    }

    /// The files that were skipped: unreadable ones, with their reason as
    /// it was when they were read, and every copy of a session id other
    /// than the one counted.
    pub fn problems(&self) -> Result<Vec<StoreError>, StoreError> {
        let run = || -> rusqlite::Result<Vec<StoreError>> {
            let mut problems: Vec<StoreError> = self
                .conn
                .prepare("SELECT problem FROM files WHERE problem IS NOT NULL ORDER BY name")?
                .query_map([], |row| row.get::<_, String>(0))?
                .map(|message| message.map(|message| StoreError::Skipped { message }))
                .collect::<rusqlite::Result<_>>()?;
            let copies: Vec<(String, String, String)> = self
                .conn
                .prepare(
                    // By the copies' own index: ordering by name through
                    // `sessions_name` would walk every session.
                    "SELECT c.name, c.id, k.name FROM sessions c INDEXED BY sessions_copies
                     JOIN sessions k ON k.id = c.id AND k.kept = 1
                     WHERE c.kept = 0 ORDER BY c.name",
                )?
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (copy, id, kept) in copies {
                let (path, kept) = (self.sessions_dir.join(copy), self.sessions_dir.join(kept));
                let differs = match (safe::read_text(&path), safe::read_text(&kept)) {
                    (Ok(a), Ok(b)) => a != b,
                    _ => true,
                };
                problems.push(StoreError::Duplicate {
                    path,
                    what: "session",
                    id,
                    kept,
                    differs,
                });
            }
            Ok(problems)
        };
        run().map_err(sql_error(&self.file))
    }
}

/// The mode of its label (a pair for one this tandem does not know).
fn mode_of(label: &str) -> Mode {
    Mode::ALL
        .into_iter()
        .find(|m| m.label() == label)
        .unwrap_or_default()
}

const FORGET_FILE: &str = "DELETE FROM files WHERE name = ?1";
const FORGET_SESSION: &str = "DELETE FROM sessions WHERE name = ?1";

/// The statements that record one file, prepared once per refresh.
struct Inserts<'a> {
    file: rusqlite::Statement<'a>,
    forget_session: rusqlite::Statement<'a>,
    session: rusqlite::Statement<'a>,
}

impl<'a> Inserts<'a> {
    fn new(tx: &'a rusqlite::Transaction) -> rusqlite::Result<Inserts<'a>> {
        Ok(Inserts {
            file: tx.prepare(
                "INSERT OR REPLACE INTO files (name, size, mtime_ns, ctime_ns, inode, racy,
                 problem) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            forget_session: tx.prepare(FORGET_SESSION)?,
            session: tx.prepare(
                "INSERT INTO sessions (started_s, started_ns, name, id, deck, deck_version,
                 skill, family, mode, organizer, organizer_key, partner, observer, secs, rating,
                 detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                 ?15, ?16)",
            )?,
        })
    }

    /// Records one file: its summary, or why it could not be read.
    fn file(
        &mut self,
        name: &str,
        stamp: Stamp,
        racy: bool,
        result: Result<SessionSummary, StoreError>,
    ) -> rusqlite::Result<()> {
        let problem = result.as_ref().err().map(ToString::to_string);
        self.file.execute(params![
            name,
            stamp.size,
            stamp.mtime_ns,
            stamp.ctime_ns,
            stamp.inode,
            racy,
            problem
        ])?;
        self.forget_session.execute([name])?;
        let Ok(s) = result else {
            return Ok(());
        };
        let secs = s.actual_secs().min(i64::MAX as u64) as i64;
        let rating = s.mean_rating();
        let (family, mode) = (s.deck.family().to_owned(), s.mode.label());
        let organizer_key = crate::stats::name_key(&s.people.organizer);
        let (started_s, started_ns) = (s.started.timestamp(), s.started.timestamp_subsec_nanos());
        let detail: Detail = (
            s.stages,
            s.ratings,
            s.felt_heard,
            s.commitment,
            s.marks,
            s.scales,
        );
        let blob = postcard::to_stdvec(&detail).unwrap_or_default();
        self.session.execute(params![
            started_s,
            started_ns,
            name,
            s.id,
            s.deck.id,
            s.deck.version,
            s.deck.skill,
            family,
            mode,
            s.people.organizer,
            organizer_key,
            s.people.partner,
            s.people.observer,
            secs,
            rating,
            blob,
        ])?;
        Ok(())
    }
}

/// Why a refresh failed: the sessions dir, or the database.
enum Failure {
    Store(StoreError),
    Sql(rusqlite::Error),
}

impl From<StoreError> for Failure {
    fn from(err: StoreError) -> Failure {
        Failure::Store(err)
    }
}

impl From<rusqlite::Error> for Failure {
    fn from(err: rusqlite::Error) -> Failure {
        Failure::Sql(err)
    }
}

impl Failure {
    fn into_store(self, path: &Path) -> StoreError {
        match self {
            Failure::Store(err) => err,
            Failure::Sql(err) => sql_error(path)(err),
        }
    }
}

/// Whether SQLite found the database file damaged or not a database.
fn is_damage(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// Whether another connection holds the lock SQLite waited for.
fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// The organizer, partner and observer in the columns from `at` on.
fn people_at(row: &rusqlite::Row, at: usize) -> rusqlite::Result<People> {
    Ok(People {
        organizer: row.get(at)?,
        partner: row.get(at + 1)?,
        observer: row.get(at + 2)?,
    })
}

/// A start time from its seconds and nanoseconds columns.
fn started(secs: i64, nanos: u32) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, nanos).unwrap_or_default()
}

/// Opens and checks the index file; the error says why it is not usable.
fn open_file(path: &Path, identity: &str) -> Result<Connection, String> {
    if let Some(dir) = path.parent() {
        super::atomic::create_private_dir(dir).map_err(|e| e.to_string())?;
    }
    let conn = Connection::open(path).map_err(|e| e.to_string())?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| e.to_string())?;
    let usable = (|| -> rusqlite::Result<Result<(), String>> {
        // Reading the header proves the file is a database at all.
        let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        if version == 0 {
            let tx = conn.unchecked_transaction()?;
            let tables: i64 =
                tx.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))?;
            if tables > 0 {
                return Ok(Err("the index has no schema version".to_owned()));
            }
            create(&tx, identity)?;
            tx.pragma_update(None, "user_version", INDEX_SCHEMA)?;
            tx.commit()?;
            return Ok(Ok(()));
        }
        if version != INDEX_SCHEMA {
            return Ok(Err(format!(
                "the index has schema {version}, this tandem uses {INDEX_SCHEMA}"
            )));
        }
        let owner: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'sessions'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if owner.as_deref() != Some(identity) {
            return Ok(Err("the index belongs to another data dir".to_owned()));
        }
        Ok(Ok(()))
    })();
    match usable {
        Ok(Ok(())) => Ok(conn),
        Ok(Err(why)) => Err(why),
        Err(err) => Err(format!("the index cannot be used ({err})")),
    }
}

/// Makes the tables, and records whose sessions dir they index.
fn create(conn: &Connection, identity: &str) -> rusqlite::Result<()> {
    conn.execute_batch(CREATE)?;
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('sessions', ?1)",
        [identity],
    )?;
    Ok(())
}

fn in_memory(identity: &str) -> Connection {
    let conn = Connection::open_in_memory().expect("SQLite opens a database in memory");
    create(&conn, identity).expect("the index tables are valid SQL");
    conn
}

/// Removes an index and its WAL and shared-memory files.
fn remove_index_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Every `*.toml` in `dir` with its stamp (not following symlinks: a
/// symlink is recorded, and reading it reports why it is skipped).
fn list_dir(dir: &Path) -> Result<Vec<(String, Stamp)>, StoreError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(StoreError::Io {
                path: dir.to_owned(),
                source,
            });
        }
    };
    let found: Vec<(String, std::fs::DirEntry)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_owned();
            name.ends_with(".toml").then_some((name, entry))
        })
        .collect();
    // A stat is a system call per file: the files are split over the
    // cores. Each is asked from the open directory (fstatat), without
    // walking the path again, and a symlink is not followed.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let chunk = found.len().div_ceil(threads).max(1);
    let mut listed: Vec<(String, Stamp)> = std::thread::scope(|scope| {
        let workers: Vec<_> = found
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .filter_map(|(name, entry)| {
                            Some((name.clone(), Stamp::of(&entry.metadata().ok()?)))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a stat thread panicked"))
            .collect()
    });
    listed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(listed)
}

/// Marks one file per session id as the one counted: the file named
/// `<id>.toml` if there is one, else the first by name (a sync tool's
/// conflict copy or a file copied by hand is the same session).
fn mark_kept(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    tx.execute("UPDATE sessions SET kept = 1 WHERE kept = 0", [])?;
    tx.execute(
        "UPDATE sessions SET kept = 0 WHERE id IN
         (SELECT id FROM sessions GROUP BY id HAVING COUNT(*) > 1)
         AND name <> (SELECT s.name FROM sessions s WHERE s.id = sessions.id
                      ORDER BY (s.name = s.id || '.toml') DESC, s.name LIMIT 1)",
        [],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
