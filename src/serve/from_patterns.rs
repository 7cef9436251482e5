//! The `from="pattern-list"` option of an `authorized_keys` line, read as
//! OpenSSH reads it without DNS (its default): each pattern is an address
//! with `*` and `?` wildcards, or an `address/bits` block; a leading `!`
//! refuses. A key is taken only from an address that some pattern allows
//! and no pattern refuses.

use std::net::IpAddr;

/// The addresses a key may be used from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromPatterns(Vec<Pattern>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    refuses: bool,
    shape: Shape,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// `10.1.0.0/16`, `2001:db8::/32`.
    Block(IpAddr, u8),
    /// `10.1.*`, `192.168.1.?`, or one address: matched against the
    /// address as text.
    Wildcard(String),
}

impl FromPatterns {
    /// The patterns of `list` (the option's value, without its quotes);
    /// the error is the first text that is not a pattern.
    pub fn parse(list: &str) -> Result<FromPatterns, String> {
        let patterns = list
            .split(',')
            .map(|text| {
                let (refuses, pattern) = match text.strip_prefix('!') {
                    Some(rest) => (true, rest),
                    None => (false, text),
                };
                let shape = match pattern.split_once('/') {
                    Some((address, bits)) => block(address, bits).ok_or_else(|| text.to_owned())?,
                    None if !pattern.is_empty() => Shape::Wildcard(pattern.to_ascii_lowercase()),
                    None => return Err(text.to_owned()),
                };
                Ok(Pattern { refuses, shape })
            })
            .collect::<Result<_, String>>()?;
        Ok(FromPatterns(patterns))
    }

    /// Whether a connection from `address` may use the key.
    pub fn allows(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        let text = address.to_string();
        let mut allowed = false;
        for pattern in &self.0 {
            let matches = match &pattern.shape {
                Shape::Block(network, bits) => in_block(address, *network, *bits),
                Shape::Wildcard(pattern) => wildcard(pattern.as_bytes(), text.as_bytes()),
            };
            if matches && pattern.refuses {
                return false;
            }
            allowed |= matches;
        }
        allowed
    }
}

/// `address/bits` as a block, if it is one.
fn block(address: &str, bits: &str) -> Option<Shape> {
    let address: IpAddr = address.parse().ok()?;
    let bits: u8 = bits.parse().ok()?;
    let most = if address.is_ipv4() { 32 } else { 128 };
    (bits <= most).then_some(Shape::Block(address, bits))
}

/// Whether `address` lies in `network/bits`.
fn in_block(address: IpAddr, network: IpAddr, bits: u8) -> bool {
    match (address, network) {
        (IpAddr::V4(address), IpAddr::V4(network)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(address) & mask == u32::from(network) & mask
        }
        (IpAddr::V6(address), IpAddr::V6(network)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(address) & mask == u128::from(network) & mask
        }
        _ => false,
    }
}

/// Whether `text` matches `pattern`, where `*` stands for any run of
/// characters and `?` for one.
fn wildcard(pattern: &[u8], text: &[u8]) -> bool {
    // The classic two-pointer match, going back to the last `*` on a
    // mismatch: linear in practice, never exponential.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == b'?' || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(list: &str, address: &str) -> bool {
        FromPatterns::parse(list)
            .unwrap()
            .allows(address.parse().unwrap())
    }

    #[test]
    fn addresses_blocks_and_wildcards_allow_and_a_bang_refuses() {
        assert!(allows("10.1.2.3", "10.1.2.3"));
        assert!(!allows("10.1.2.3", "10.1.2.4"));
        assert!(allows("10.1.0.0/16", "10.1.200.7"));
        assert!(!allows("10.1.0.0/16", "10.2.0.1"));
        assert!(allows("10.1.*", "10.1.9.9"));
        assert!(!allows("10.1.*", "110.1.9.9"));
        assert!(allows("192.168.1.?", "192.168.1.7"));
        assert!(!allows("192.168.1.?", "192.168.1.17"));
        assert!(allows("*", "203.0.113.5"));
        assert!(allows("0.0.0.0/0", "203.0.113.5"));
        assert!(allows("10.0.0.0/8,!10.0.0.1", "10.9.9.9"));
        assert!(!allows("10.0.0.0/8,!10.0.0.1", "10.0.0.1"));
        assert!(
            !allows("!10.0.0.1,10.0.0.0/8", "10.0.0.1"),
            "order does not matter"
        );
        assert!(
            !allows("!10.0.0.1", "10.0.0.2"),
            "a refusal alone allows nothing"
        );
        assert!(allows("2001:db8::/32", "2001:db8:1::9"));
        assert!(!allows("2001:db8::/32", "2001:db9::1"));
        assert!(allows("2001:DB8::*", "2001:db8::42"));
        assert!(!allows("10.0.0.0/8", "::1"), "families never mix");
        // An IPv4 client reaching an IPv6 socket is its IPv4 address.
        assert!(allows("127.0.0.1", "::ffff:127.0.0.1"));
        assert!(allows("1.2.3.4/32", "1.2.3.4"));
        assert!(!allows("1.2.3.4/32", "1.2.3.5"));
    }

    #[test]
    fn what_is_not_a_pattern_is_said() {
        for list in [
            "10.0.0.0/33",
            "::/129",
            "10.0.0/8",
            "host/8",
            "10.0.0.0/x",
            "a,,b",
            "",
        ] {
            assert!(FromPatterns::parse(list).is_err(), "{list:?}");
        }
    }

    #[test]
    fn wildcards_match_runs_and_single_characters() {
        assert!(wildcard(b"a*b*c", b"aXXbYYc"));
        assert!(!wildcard(b"a*b*c", b"aXXbYY"));
        assert!(wildcard(b"**", b""));
        assert!(!wildcard(b"?", b""));
        assert!(wildcard(b"*.*.*.*", b"1.2.3.4"));
        assert!(!wildcard(&b"*a".repeat(50), &b"a".repeat(49)));
    }
}
