//! Time as the practice state machine sees it: a monotonic moment for timing
//! and a wall-clock time for the record. Tests inject a [`FakeClock`].

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

/// A point on a monotonic time line, as an offset from the clock's origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Moment(pub Duration);

impl Moment {
    /// Time from `earlier` to `self`, zero if `earlier` is later.
    pub fn since(self, earlier: Moment) -> Duration {
        self.0.saturating_sub(earlier.0)
    }
}

/// A source of time.
pub trait Clock {
    /// The current monotonic moment; never goes backwards.
    fn now(&self) -> Moment;
    /// The current wall-clock time, for timestamps in records.
    fn wall(&self) -> DateTime<Utc>;
}

/// The real clock.
#[derive(Debug)]
pub struct SystemClock {
    origin: Instant,
}

impl SystemClock {
    pub fn new() -> SystemClock {
        SystemClock {
            origin: Instant::now(),
        }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Moment {
        Moment(self.origin.elapsed())
    }

    fn wall(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to. Clones share one time line, so a
/// test can keep a handle on the clock it gave away.
#[derive(Debug, Clone)]
pub struct FakeClock {
    now: Rc<Cell<Moment>>,
    wall: Rc<Cell<DateTime<Utc>>>,
}

impl FakeClock {
    /// A clock at moment zero, showing `wall` as the current time.
    pub fn at(wall: DateTime<Utc>) -> FakeClock {
        FakeClock {
            now: Rc::new(Cell::new(Moment::default())),
            wall: Rc::new(Cell::new(wall)),
        }
    }

    /// Moves both the monotonic and the wall clock forward.
    pub fn advance(&self, by: Duration) {
        self.now.set(Moment(self.now.get().0 + by));
        self.wall
            .set(self.wall.get() + chrono::Duration::from_std(by).expect("test durations fit"));
    }

    /// Shorthand for [`FakeClock::advance`] in whole seconds.
    pub fn advance_secs(&self, secs: u64) {
        self.advance(Duration::from_secs(secs));
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Moment {
        self.now.get()
    }

    fn wall(&self) -> DateTime<Utc> {
        self.wall.get()
    }
}
