//! What one server lets its clients do: how many may connect, from one
//! address and in all, how many wrong codes an address may try a minute,
//! and how long a silent connection is kept.
//!
//! The counters are plain data with the time passed in, so they are tested
//! without waiting; the transport holds them behind a lock.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// The limits of one server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Connections at once, joined or still logging in.
    pub max_clients: usize,
    /// Connections at once from one address (an IPv6 /64 counts as one).
    pub max_per_address: usize,
    /// Wrong codes an address may try in [`FAILURE_WINDOW`]; past that
    /// every login from it is refused until the oldest failure is a window
    /// old.
    pub failed_codes_per_minute: usize,
    /// A joined client that sends nothing for this long is closed.
    pub idle_timeout: Duration,
    /// A connection that has not reached the interface after this long is
    /// closed (OpenSSH's `LoginGraceTime`).
    pub login_timeout: Duration,
    /// A refused login is answered after this long, whatever was wrong.
    pub auth_rejection_delay: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_clients: 200,
            max_per_address: 8,
            failed_codes_per_minute: 10,
            idle_timeout: Duration::from_secs(30 * 60),
            login_timeout: Duration::from_secs(60),
            auth_rejection_delay: Duration::from_secs(1),
        }
    }
}

/// The window over which failed codes are counted.
pub const FAILURE_WINDOW: Duration = Duration::from_secs(60);

/// The most addresses whose failures are remembered at once: an attacker
/// with many addresses costs bounded memory (past it, the failures of new
/// addresses are not recorded until old ones expire).
pub const MAX_TRACKED_ADDRESSES: usize = 65_536;

/// Whom a limit counts: an IPv4 address, or the /64 network of an IPv6
/// address (one host usually owns a whole /64).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Source(IpAddr);

impl From<IpAddr> for Source {
    fn from(address: IpAddr) -> Self {
        match address {
            IpAddr::V4(v4) => Source(IpAddr::V4(v4)),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Source(IpAddr::V4(v4)),
                None => {
                    let network = u128::from(v6) & !((1u128 << 64) - 1);
                    Source(IpAddr::V6(network.into()))
                }
            },
        }
    }
}

/// Open connections, in all and per source.
#[derive(Debug, Default)]
pub struct Connections {
    total: usize,
    per_source: HashMap<Source, usize>,
}

impl Connections {
    /// Counts a new connection from `source` if the limits allow it.
    pub fn try_open(&mut self, source: Source, limits: &Limits) -> bool {
        let from_source = self.per_source.get(&source).copied().unwrap_or(0);
        if self.total >= limits.max_clients || from_source >= limits.max_per_address {
            return false;
        }
        self.total += 1;
        self.per_source.insert(source, from_source + 1);
        true
    }

    /// A connection counted by [`Connections::try_open`] has closed.
    pub fn close(&mut self, source: Source) {
        if let Some(count) = self.per_source.get_mut(&source) {
            *count -= 1;
            self.total -= 1;
            if *count == 0 {
                self.per_source.remove(&source);
            }
        }
    }

    /// Connections open now.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Connections open now from `source`.
    pub fn from_source(&self, source: Source) -> usize {
        self.per_source.get(&source).copied().unwrap_or(0)
    }
}

/// Recent wrong codes per source, each with its time.
#[derive(Debug, Default)]
pub struct FailedCodes {
    per_source: HashMap<Source, VecDeque<Instant>>,
}

impl FailedCodes {
    /// Whether `source` has used up its wrong codes for now.
    pub fn is_blocked(&mut self, source: Source, now: Instant, limits: &Limits) -> bool {
        let Some(times) = self.per_source.get_mut(&source) else {
            return false;
        };
        forget_expired(times, now);
        if times.is_empty() {
            self.per_source.remove(&source);
            return false;
        }
        times.len() >= limits.failed_codes_per_minute
    }

    /// `source` tried a wrong code at `now`.
    pub fn record(&mut self, source: Source, now: Instant, limits: &Limits) {
        if !self.per_source.contains_key(&source) && self.per_source.len() >= MAX_TRACKED_ADDRESSES
        {
            self.per_source.retain(|_, times| {
                forget_expired(times, now);
                !times.is_empty()
            });
            if self.per_source.len() >= MAX_TRACKED_ADDRESSES {
                return;
            }
        }
        let times = self.per_source.entry(source).or_default();
        forget_expired(times, now);
        times.push_back(now);
        // Refused attempts do not lengthen the block: only the last
        // `failed_codes_per_minute` failures are kept.
        while times.len() > limits.failed_codes_per_minute.max(1) {
            times.pop_front();
        }
    }

    /// Sources with failures remembered.
    pub fn tracked(&self) -> usize {
        self.per_source.len()
    }
}

fn forget_expired(times: &mut VecDeque<Instant>, now: Instant) {
    while times
        .front()
        .is_some_and(|first| now.saturating_duration_since(*first) >= FAILURE_WINDOW)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn v4(last: u8) -> Source {
        Source::from(IpAddr::V4(Ipv4Addr::new(192, 0, 2, last)))
    }

    fn limits() -> Limits {
        Limits {
            max_clients: 5,
            max_per_address: 2,
            failed_codes_per_minute: 3,
            ..Limits::default()
        }
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let limits = Limits::default();
        assert_eq!(limits.max_clients, 200);
        assert_eq!(limits.max_per_address, 8);
        assert_eq!(limits.failed_codes_per_minute, 10);
        assert_eq!(limits.idle_timeout, Duration::from_secs(1800));
        assert_eq!(limits.login_timeout, Duration::from_secs(60));
        assert_eq!(limits.auth_rejection_delay, Duration::from_secs(1));
    }

    #[test]
    fn an_ipv6_network_counts_as_one_source() {
        let a: Ipv6Addr = "2001:db8:1:2::1".parse().unwrap();
        let b: Ipv6Addr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let other: Ipv6Addr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(Source::from(IpAddr::V6(a)), Source::from(IpAddr::V6(b)));
        assert_ne!(Source::from(IpAddr::V6(a)), Source::from(IpAddr::V6(other)));
        let mapped: Ipv6Addr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(Source::from(IpAddr::V6(mapped)), v4(7));
        assert_ne!(v4(7), v4(8));
    }

    #[test]
    fn connections_per_source_are_capped() {
        let limits = limits();
        let mut connections = Connections::default();
        assert!(connections.try_open(v4(1), &limits));
        assert!(connections.try_open(v4(1), &limits));
        assert!(!connections.try_open(v4(1), &limits));
        assert_eq!(connections.from_source(v4(1)), 2);
        assert!(connections.try_open(v4(2), &limits));
        connections.close(v4(1));
        assert_eq!(connections.from_source(v4(1)), 1);
        assert!(connections.try_open(v4(1), &limits));
        assert_eq!(connections.total(), 3);
    }

    #[test]
    fn connections_in_all_are_capped() {
        let limits = limits();
        let mut connections = Connections::default();
        for last in 0..5 {
            assert!(connections.try_open(v4(last), &limits));
        }
        assert!(!connections.try_open(v4(9), &limits));
        assert_eq!(connections.total(), 5);
        connections.close(v4(3));
        assert_eq!(connections.total(), 4);
        assert!(connections.try_open(v4(9), &limits));
    }

    #[test]
    fn closing_an_unknown_source_changes_nothing() {
        let limits = limits();
        let mut connections = Connections::default();
        assert!(connections.try_open(v4(1), &limits));
        connections.close(v4(2));
        assert_eq!(connections.total(), 1);
        connections.close(v4(1));
        assert_eq!(connections.total(), 0);
        assert_eq!(connections.from_source(v4(1)), 0);
        connections.close(v4(1));
        assert_eq!(connections.total(), 0);
    }

    #[test]
    fn a_source_is_blocked_after_its_failures_until_the_minute_passes() {
        let limits = limits();
        let start = Instant::now();
        let mut failed = FailedCodes::default();
        assert!(!failed.is_blocked(v4(1), start, &limits));
        for second in 0..3 {
            assert!(!failed.is_blocked(v4(1), start, &limits));
            failed.record(v4(1), start + Duration::from_secs(second), &limits);
        }
        assert!(failed.is_blocked(v4(1), start + Duration::from_secs(3), &limits));
        assert!(!failed.is_blocked(v4(2), start + Duration::from_secs(3), &limits));
        // Still blocked a moment before the first failure is a minute old.
        let almost = start + FAILURE_WINDOW - Duration::from_millis(1);
        assert!(failed.is_blocked(v4(1), almost, &limits));
        // Then one failure has expired: one more try is allowed.
        assert!(!failed.is_blocked(v4(1), start + FAILURE_WINDOW, &limits));
        failed.record(v4(1), start + FAILURE_WINDOW, &limits);
        assert!(failed.is_blocked(v4(1), start + FAILURE_WINDOW, &limits));
    }

    #[test]
    fn failures_spread_over_more_than_a_minute_never_block() {
        let limits = limits();
        let start = Instant::now();
        let mut failed = FailedCodes::default();
        for n in 0..10u64 {
            let now = start + Duration::from_secs(30 * n);
            assert!(!failed.is_blocked(v4(1), now, &limits), "failure {n}");
            failed.record(v4(1), now, &limits);
        }
    }

    #[test]
    fn refused_attempts_do_not_lengthen_the_block() {
        let limits = limits();
        let start = Instant::now();
        let mut failed = FailedCodes::default();
        for second in 0..20 {
            failed.record(v4(1), start + Duration::from_secs(second), &limits);
        }
        // The last three failures (17, 18, 19 s) keep it blocked until 77 s.
        let second = |s| start + Duration::from_secs(s);
        assert!(failed.is_blocked(v4(1), second(76), &limits));
        assert!(!failed.is_blocked(v4(1), second(77), &limits));
    }

    #[test]
    fn expired_sources_are_forgotten() {
        let limits = limits();
        let start = Instant::now();
        let mut failed = FailedCodes::default();
        failed.record(v4(1), start, &limits);
        assert_eq!(failed.tracked(), 1);
        assert!(!failed.is_blocked(v4(1), start + FAILURE_WINDOW, &limits));
        assert_eq!(failed.tracked(), 0);
    }

    #[test]
    fn the_tracked_sources_are_bounded() {
        let limits = limits();
        let start = Instant::now();
        let mut failed = FailedCodes::default();
        let source = |n: u32| Source::from(IpAddr::V4(Ipv4Addr::from(n)));
        for n in 0..MAX_TRACKED_ADDRESSES as u32 {
            failed.record(source(n), start, &limits);
        }
        assert_eq!(failed.tracked(), MAX_TRACKED_ADDRESSES);
        // Full: a new source's failure is not recorded...
        failed.record(source(u32::MAX), start, &limits);
        assert_eq!(failed.tracked(), MAX_TRACKED_ADDRESSES);
        // ...but a known source's still is...
        failed.record(source(0), start, &limits);
        failed.record(source(0), start, &limits);
        assert!(failed.is_blocked(source(0), start, &limits));
        // ...and once the old ones expire there is room again.
        let later = start + FAILURE_WINDOW;
        failed.record(source(u32::MAX), later, &limits);
        assert_eq!(failed.tracked(), 1);
    }
}
