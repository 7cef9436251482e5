//! Writes the rooms' unfinished rounds on a thread of its own, so that a
//! slow disk (an fsync can take a quarter of a second on a busy machine)
//! never holds up the keys of twenty rooms. Writes and removals go through
//! one queue, in order: a round saved as a session is never brought back by
//! an older write that was still waiting.

use std::sync::mpsc::{Receiver, Sender};
use std::thread::JoinHandle;

use crate::practice::InProgress;
use crate::store::Store;

/// What the keeper is asked to do.
enum Job {
    /// Write room `usize`'s unfinished round.
    Keep(usize, Box<InProgress>),
    /// Room `usize`'s round was saved: forget its unfinished state.
    Clear(usize),
    /// Every job before this one is done: say so.
    Flush(Sender<()>),
}

/// The writing thread and its queue.
pub struct Keeper {
    jobs: Option<Sender<Job>>,
    problems: Receiver<String>,
    thread: Option<JoinHandle<()>>,
}

impl Keeper {
    /// Starts the thread, writing into `store`.
    pub fn start(store: Store) -> Keeper {
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let (report, problems) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("tandem-keeper".into())
            .spawn(move || {
                for job in queue {
                    let done = match job {
                        Job::Keep(number, state) => {
                            store.save_room_in_progress(number, &state).map(|_| ())
                        }
                        Job::Clear(number) => store.clear_room_in_progress(number),
                        Job::Flush(done) => {
                            let _ = done.send(());
                            Ok(())
                        }
                    };
                    if let Err(err) = done {
                        let _ = report.send(err.to_string());
                    }
                }
            });
        // Without a thread of its own, it writes nothing behind: the
        // caller's flushes then find no one, and its own writes still run.
        let (jobs, thread) = match thread {
            Ok(thread) => (Some(jobs), Some(thread)),
            Err(_) => (None, None),
        };
        Keeper {
            jobs,
            problems,
            thread,
        }
    }

    /// Queues a write of room `number`'s round.
    pub fn keep(&self, number: usize, state: InProgress) {
        self.send(Job::Keep(number, Box::new(state)));
    }

    /// Queues the removal of room `number`'s kept round.
    pub fn clear(&self, number: usize) {
        self.send(Job::Clear(number));
    }

    fn send(&self, job: Job) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(job);
        }
    }

    /// What went wrong since the last call (paths and reasons).
    pub fn problems(&self) -> Vec<String> {
        self.problems.try_iter().collect()
    }

    /// Waits until every job queued so far is done, so that a write the
    /// caller makes itself comes after them.
    pub fn flush(&self) {
        let (done, wait) = std::sync::mpsc::channel();
        self.send(Job::Flush(done));
        // With no thread the message is dropped, and so is `done`.
        let _ = wait.recv();
    }
}

impl Drop for Keeper {
    /// Lets the queued jobs finish before the workshop goes away.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::DeckLibrary;
    use crate::practice::{FakeClock, Practice, RoundSpec};
    use crate::record::{Mode, People};

    fn state() -> InProgress {
        let deck = DeckLibrary::load(None).resolve("quick-round").unwrap().deck;
        let clock = FakeClock::at(chrono::Utc::now());
        let spec = RoundSpec {
            people: People::pair("Ana", "Ben"),
            mode: Mode::Pair,
            drill_stage: None,
            seed: 1,
            stage_minutes: None,
            plan: None,
        };
        let practice = Practice::start(
            &deck,
            &spec,
            crate::practice::Clock::now(&clock),
            chrono::Utc::now(),
        );
        InProgress {
            deck,
            practice,
            feedback: None,
        }
    }

    #[test]
    fn writes_and_removals_happen_in_the_order_asked() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let keeper = Keeper::start(store.clone());
        keeper.keep(1, state());
        keeper.keep(2, state());
        keeper.clear(1);
        keeper.flush();
        assert!(!store.room_in_progress_path(1).exists());
        assert!(store.room_in_progress_path(2).exists());
        assert_eq!(keeper.problems(), Vec::<String>::new());
    }

    #[test]
    fn a_failed_write_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        // The serve dir is a file: nothing can be written under it.
        std::fs::write(store.serve_dir(), "").unwrap();
        let keeper = Keeper::start(store.clone());
        keeper.keep(3, state());
        keeper.flush();
        let problems = keeper.problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("serve"), "{problems:?}");
    }

    #[test]
    fn dropping_the_keeper_finishes_its_writes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let keeper = Keeper::start(store.clone());
        keeper.keep(4, state());
        drop(keeper);
        assert!(store.room_in_progress_path(4).exists());
    }
}
