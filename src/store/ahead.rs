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

/// Reads the session files at `paths` with `read` (such as
/// [`super::read_session`]) and hands each result, a record or why its
/// file could not be read, to `each` with its position in `paths`, in
/// order. Parsing runs on up to 8 threads, never more than a few dozen
/// files ahead of `each`. Stops at the first error `each` returns (a
/// closed stdout) and returns it.
pub fn read_sessions_in_order<T: Send, E>(
    paths: &[&Path],
    read: impl Fn(&Path) -> Result<T, StoreError> + Sync,
    mut each: impl FnMut(usize, Result<T, StoreError>) -> Result<(), E>,
) -> Result<(), E> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many records `each` has had; a reader takes file `i` only once
    // `i < handed + WINDOW`.
    let handed = Mutex::new(0usize);
    let moved = Condvar::new();
    let (send, receive) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..threads.min(paths.len()) {
            let send = send.clone();
            let (next, stop, handed, moved, read) = (&next, &stop, &handed, &moved, &read);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { break };
                    let mut count = handed.lock().unwrap_or_else(PoisonError::into_inner);
                    while i >= *count + WINDOW && !stop.load(Ordering::Relaxed) {
                        count = moved.wait(count).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(count);
                    if stop.load(Ordering::Relaxed) || send.send((i, read(path))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut early: HashMap<usize, Result<T, StoreError>> = HashMap::new();
        let mut outcome = Ok(());
        for i in 0..paths.len() {
            let result = loop {
                if let Some(result) = early.remove(&i) {
                    break result;
                }
                let (at, result) = receive
                    .recv()
                    .expect("every file taken is sent unless a reader panicked");
                early.insert(at, result);
            };
            *handed.lock().unwrap_or_else(PoisonError::into_inner) = i + 1;
            moved.notify_all();
            outcome = each(i, result);
            if outcome.is_err() {
                break;
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
