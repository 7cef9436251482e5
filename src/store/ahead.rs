//! Session files read on every core, a bounded window ahead, and handed
//! on in order: a stream of records (or summaries) whose memory does not
//! grow with the number of files.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

use super::StoreError;

/// How many files may be read ahead of the one being handed on.
const WINDOW: usize = 32;

/// How many consecutive files a reader takes at a time and hands over at
/// once: one hand-over, and one wake-up of the receiver, per batch rather
/// than per file (waking threads per file cost about 5% of a refresh).
const BATCH: usize = 8;

/// Reads the session files at `paths` with `read` (such as
/// [`super::read_session`]) and hands each result, a record or why its
/// file could not be read, to `each` with its position in `paths`, in
/// order. Parsing runs on up to 8 threads, a batch of files at a time,
/// never more than a few dozen files ahead of `each`. Stops at the first error `each` returns (a
/// closed stdout) and returns it.
pub fn read_sessions_in_order<T: Send, E>(
    paths: &[&Path],
    read: impl Fn(&Path) -> Result<T, StoreError> + Sync,
    mut each: impl FnMut(usize, Result<T, StoreError>) -> Result<(), E>,
) -> Result<(), E> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many results `each` has had or is being handed; a reader takes
    // the batch from file `i` only once `i < handed + WINDOW`.
    let handed = Mutex::new(0usize);
    let moved = Condvar::new();
    let (send, receive) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..threads.min(paths.len()) {
            let send = send.clone();
            let (next, stop, handed, moved, read) = (&next, &stop, &handed, &moved, &read);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(BATCH, Ordering::Relaxed);
                    if i >= paths.len() {
                        break;
                    }
                    let batch = &paths[i..paths.len().min(i + BATCH)];
                    let mut count = handed.lock().unwrap_or_else(PoisonError::into_inner);
                    while i >= *count + WINDOW && !stop.load(Ordering::Relaxed) {
                        count = moved.wait(count).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(count);
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let results: Vec<_> = batch.iter().map(|path| read(path)).collect();
                    if send.send((i, results)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut early: HashMap<usize, Vec<Result<T, StoreError>>> = HashMap::new();
        let mut outcome = Ok(());
        let mut i = 0;
        'batches: while i < paths.len() {
            let results = loop {
                if let Some(results) = early.remove(&i) {
                    break results;
                }
                let (at, results) = receive
                    .recv()
                    .expect("every batch taken is sent unless a reader panicked");
                early.insert(at, results);
            };
            let from = i;
            i += results.len();
            *handed.lock().unwrap_or_else(PoisonError::into_inner) = i;
            moved.notify_all();
            for (at, result) in (from..).zip(results) {
                outcome = each(at, result);
                if outcome.is_err() {
                    break 'batches;
                }
            }
        }
        stop.store(true, Ordering::Relaxed);
        // Taken under the lock, so that no reader misses the wake-up
        // between its check and its wait.
        drop(handed.lock().unwrap_or_else(PoisonError::into_inner));
        moved.notify_all();
        outcome
    })
}
