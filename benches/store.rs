//! Reading the data dir: the index (a warm refresh, and streaming every
//! summary through the statistics), `Store::load_sessions` over 1,000 and 10,000
//! generated sessions, the same files only read into memory (what `cat`
//! does, the yardstick of the `stats` bar: within 3× of it), and one
//! session file read, parsed and parsed alone — which says where load time
//! goes.
//!
//! `cargo bench --bench store`
//!
//! With divan's allocation profiler: each row also shows how many bytes a
//! run allocates (for `load_sessions`, about what the loaded records hold).
//!
//! The sessions come from `examples/gen_sessions.rs` (seed 1), written once
//! per size into a temp dir before the timing starts.

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::Bencher;
use tandem::record::{SessionRecord, SessionSummary, parse_session, parse_summary};
use tandem::store::{Store, read_session};
use tempfile::TempDir;

#[path = "../examples/gen_sessions.rs"]
#[allow(dead_code)]
mod gen_sessions;

const SIZES: [usize; 2] = [1_000, 10_000];

/// Counts allocations too, so the memory a load holds shows next to its time.
#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// A data dir with `count` generated sessions, made on first use and kept
/// for the whole run.
fn data_dir(count: usize) -> &'static Store {
    static DIRS: [OnceLock<(TempDir, Store)>; 2] = [OnceLock::new(), OnceLock::new()];
    let slot = SIZES
        .iter()
        .position(|&n| n == count)
        .expect("a known size");
    let (_, store) = DIRS[slot].get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).expect("store");
        let records = gen_sessions::generate(count, 1).expect("generated sessions");
        gen_sessions::save_all(&store, &records).expect("saved sessions");
        (dir, store)
    });
    store
}

fn session_files(store: &Store) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(store.sessions_dir())
        .expect("sessions dir")
        .map(|e| e.expect("dir entry").path())
        .collect();
    paths.sort();
    paths
}

/// A typical file: a full four-stage 1:1 in a pair, two raters.
fn typical_file() -> PathBuf {
    let store = data_dir(SIZES[0]);
    session_files(store)
        .into_iter()
        .skip(SIZES[0] / 2)
        .find(|path| {
            let record = read_session(path).expect("a readable session");
            record.deck.id == "relational-1on1" && record.mode.label() == "pair"
        })
        .expect("a pair session on the full deck")
}

/// A warm index in memory for `count` sessions, built once.
fn warm_index(count: usize) -> std::sync::MutexGuard<'static, tandem::store::Index> {
    use std::sync::Mutex;
    static INDEXES: [OnceLock<Mutex<tandem::store::Index>>; 2] = [OnceLock::new(), OnceLock::new()];
    let slot = SIZES
        .iter()
        .position(|&n| n == count)
        .expect("a known size");
    INDEXES[slot]
        .get_or_init(|| {
            let mut index = data_dir(count).index();
            index.refresh(&mut |_| {}).expect("the index builds");
            Mutex::new(index)
        })
        .lock()
        .expect("not poisoned")
}

/// What every start does: list the sessions dir, stat each file and
/// compare with the index (nothing to read when nothing changed).
#[divan::bench(args = SIZES, sample_count = 20)]
fn index_refresh_warm(bencher: Bencher, count: usize) {
    let mut index = warm_index(count);
    bencher.bench_local(|| index.refresh(&mut |_| {}).expect("refreshes"));
}

/// `tandem stats` minus the start: every summary streamed from the index
/// into the report.
#[divan::bench(args = SIZES, sample_count = 20)]
fn index_stream_report(bencher: Bencher, count: usize) {
    let index = warm_index(count);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date");
    bencher.bench_local(|| {
        let mut builder = tandem::stats::ReportBuilder::default();
        index
            .for_each(&tandem::store::Query::default(), |s| builder.add(&s))
            .expect("streams");
        builder.finish(today)
    });
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn load_sessions(bencher: Bencher, count: usize) {
    let store = data_dir(count);
    bencher.bench_local(|| {
        let scan = store.load_sessions();
        assert_eq!(scan.sessions.len(), count);
        scan
    });
}

/// Lists the dir and reads every file's bytes, as `cat` would.
#[divan::bench(args = SIZES, sample_count = 20)]
fn read_bytes_only(bencher: Bencher, count: usize) {
    let store = data_dir(count);
    bencher.bench_local(|| {
        let mut total = 0;
        for entry in std::fs::read_dir(store.sessions_dir()).expect("sessions dir") {
            total += std::fs::read(entry.expect("dir entry").path())
                .expect("readable")
                .len();
        }
        total
    });
}

#[divan::bench]
fn read_session_one(bencher: Bencher) {
    let path = typical_file();
    bencher.bench_local(|| read_session(divan::black_box(&path)).expect("readable"));
}

/// Only the TOML parse into a record, from memory, through the `toml`
/// crate (what every file cost before the plain reader).
#[divan::bench]
fn parse_session_one(bencher: Bencher) {
    let text = std::fs::read_to_string(typical_file()).expect("readable");
    bencher
        .bench_local(|| toml::from_str::<SessionRecord>(divan::black_box(&text)).expect("parses"));
}

/// The summary straight from the text, as the index reads it: the same
/// parse, without building the record or copying the texts it leaves out.
#[divan::bench]
fn parse_summary_one(bencher: Bencher) {
    let text = std::fs::read_to_string(typical_file()).expect("readable");
    bencher.bench_local(|| parse_summary(divan::black_box(&text)).expect("parses"));
}

/// The full parse (the plain reader, record, checks, control characters
/// stripped), then its summary: what review and export read.
#[divan::bench]
fn parse_session_then_summary_one(bencher: Bencher) {
    let text = std::fs::read_to_string(typical_file()).expect("readable");
    bencher.bench_local(|| {
        SessionSummary::of(&parse_session(divan::black_box(&text)).expect("parses"))
    });
}

/// The same text into an untyped TOML table: how much of the parse is the
/// TOML reader itself rather than the mapping onto the record types.
#[divan::bench]
fn parse_table_one(bencher: Bencher) {
    let text = std::fs::read_to_string(typical_file()).expect("readable");
    bencher.bench_local(|| toml::from_str::<toml::Table>(divan::black_box(&text)).expect("parses"));
}

/// The control-character cleaning every record gets after parsing.
#[divan::bench]
fn strip_controls_one(bencher: Bencher) {
    let record = read_session(&typical_file()).expect("readable");
    bencher
        .with_inputs(|| record.clone())
        .bench_local_refs(|record| record.strip_controls());
}
