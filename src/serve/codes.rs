//! Join codes: what a participant types to reach a room, and the
//! facilitator's password.
//!
//! A room is joined as `ssh -p PORT CODE@host` (the user name is the code,
//! no password); the facilitator joins as `facilitator@host` and types the
//! facilitator code as the password. Codes come from the operating system's
//! random generator, in an alphabet without look-alikes (no 0/o, 1/l/i), in
//! groups of four easy to read aloud: 12 characters of 31 make 59 bits, far
//! beyond what a few guesses a minute can reach. They are compared in
//! constant time.

use rand::TryRng;
use rand::rngs::{SysError, SysRng};
use subtle::{Choice, ConstantTimeEq};

use super::transport::Admission;

/// The characters of a code: lower case, digits, no look-alikes.
pub const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
/// Characters of a code, not counting the dashes between groups.
pub const CODE_LENGTH: usize = 12;
/// Characters between two dashes.
const GROUP: usize = 4;
/// The user name the facilitator logs in with.
pub const FACILITATOR_USER: &str = "facilitator";

/// The codes of one `tandem serve`: one per room, and the facilitator's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinCodes {
    /// Room `i`'s code is `rooms[i]`, as shown (with dashes).
    pub rooms: Vec<String>,
    /// The facilitator's password.
    pub facilitator: String,
}

impl JoinCodes {
    /// Fresh random codes for `rooms` rooms, all different.
    pub fn generate(rooms: usize) -> Result<JoinCodes, SysError> {
        let mut taken = std::collections::HashSet::new();
        let mut fresh = || -> Result<String, SysError> {
            loop {
                let code = random_code(&mut SysRng)?;
                if taken.insert(normalize(&code)) {
                    return Ok(code);
                }
            }
        };
        let facilitator = fresh()?;
        let rooms = (0..rooms).map(|_| fresh()).collect::<Result<_, _>>()?;
        Ok(JoinCodes { rooms, facilitator })
    }

    /// What a login as `user` (with `password`, if it typed one) is
    /// admitted as, if anything. Dashes and case in a code do not matter.
    pub fn admit(&self, user: &str, password: Option<&str>) -> Option<Admission> {
        if user.eq_ignore_ascii_case(FACILITATOR_USER) {
            let password = password?;
            return bool::from(same_code(password, &self.facilitator))
                .then_some(Admission::Facilitator);
        }
        // Every room is compared, matched or not, so the time taken says
        // nothing about which one (or how much of it) matched.
        let mut found: Option<usize> = None;
        for (index, code) in self.rooms.iter().enumerate() {
            if bool::from(same_code(user, code)) {
                found = Some(index);
            }
        }
        found.map(Admission::Room)
    }
}

/// A code as compared: lower case, without dashes.
fn normalize(code: &str) -> Vec<u8> {
    code.bytes()
        .filter(|b| *b != b'-')
        .map(|b| b.to_ascii_lowercase())
        .collect()
}

fn same_code(typed: &str, code: &str) -> Choice {
    normalize(typed).ct_eq(&normalize(code))
}

/// One code drawn from `rng`, without modulo bias, with dashes between
/// groups: `k7mx-3pq9-tr2w`.
fn random_code(rng: &mut impl TryRng<Error = SysError>) -> Result<String, SysError> {
    // The largest multiple of the alphabet's size that fits a byte: bytes
    // at or above it are drawn again.
    let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    let mut code = String::with_capacity(CODE_LENGTH + CODE_LENGTH / GROUP);
    let mut drawn = 0;
    while drawn < CODE_LENGTH {
        let mut byte = [0u8];
        rng.try_fill_bytes(&mut byte)?;
        if byte[0] >= limit {
            continue;
        }
        if drawn > 0 && drawn % GROUP == 0 {
            code.push('-');
        }
        code.push(ALPHABET[usize::from(byte[0]) % ALPHABET.len()] as char);
        drawn += 1;
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes() -> JoinCodes {
        JoinCodes {
            rooms: vec!["aaaa-bbbb-cccc".into(), "dddd-eeee-ffff".into()],
            facilitator: "gggg-hhhh-jjjj".into(),
        }
    }

    #[test]
    fn a_room_code_admits_to_its_room() {
        assert_eq!(
            codes().admit("aaaa-bbbb-cccc", None),
            Some(Admission::Room(0))
        );
        assert_eq!(
            codes().admit("dddd-eeee-ffff", None),
            Some(Admission::Room(1))
        );
        // A password typed along with a room code changes nothing.
        assert_eq!(
            codes().admit("dddd-eeee-ffff", Some("x")),
            Some(Admission::Room(1))
        );
    }

    #[test]
    fn dashes_and_case_do_not_matter() {
        assert_eq!(
            codes().admit("AAAAbbbbCCCC", None),
            Some(Admission::Room(0))
        );
        assert_eq!(
            codes().admit("dd-dd-ee-ee-ff-ff", None),
            Some(Admission::Room(1))
        );
    }

    #[test]
    fn a_wrong_code_admits_nothing() {
        for wrong in [
            "",
            "aaaa-bbbb-ccc",
            "aaaa-bbbb-ccccc",
            "aaaa-bbbb-cccd",
            "gggg-hhhh-jjjj",
        ] {
            assert_eq!(codes().admit(wrong, None), None, "{wrong:?}");
        }
    }

    #[test]
    fn the_facilitator_needs_the_facilitator_code_as_password() {
        let codes = codes();
        assert_eq!(
            codes.admit("facilitator", Some("gggg-hhhh-jjjj")),
            Some(Admission::Facilitator)
        );
        assert_eq!(
            codes.admit("Facilitator", Some("gggghhhhjjjj")),
            Some(Admission::Facilitator)
        );
        assert_eq!(codes.admit("facilitator", None), None);
        assert_eq!(codes.admit("facilitator", Some("")), None);
        assert_eq!(codes.admit("facilitator", Some("aaaa-bbbb-cccc")), None);
        assert_eq!(codes.admit("facilitator", Some("gggg-hhhh-jjjk")), None);
    }

    #[test]
    fn generated_codes_have_the_promised_shape() {
        let codes = JoinCodes::generate(20).unwrap();
        assert_eq!(codes.rooms.len(), 20);
        let all: Vec<&String> = codes.rooms.iter().chain([&codes.facilitator]).collect();
        for code in &all {
            assert_eq!(code.len(), CODE_LENGTH + 2, "{code}");
            for (i, c) in code.chars().enumerate() {
                if i % (GROUP + 1) == GROUP {
                    assert_eq!(c, '-', "{code}");
                } else {
                    assert!(ALPHABET.contains(&(c as u8)), "{code}");
                }
            }
        }
        let distinct: std::collections::HashSet<_> = all.iter().collect();
        assert_eq!(distinct.len(), 21);
        for (i, room) in codes.rooms.iter().enumerate() {
            assert_eq!(codes.admit(room, None), Some(Admission::Room(i)));
        }
    }

    #[test]
    fn the_alphabet_has_no_look_alikes() {
        for ambiguous in b"01olI" {
            assert!(!ALPHABET.contains(ambiguous));
        }
        assert_eq!(ALPHABET.len(), 31);
    }

    /// A generator replaying fixed bytes.
    struct Replay(Vec<u8>);

    impl TryRng for Replay {
        type Error = SysError;
        fn try_next_u32(&mut self) -> Result<u32, SysError> {
            unreachable!("codes draw bytes")
        }
        fn try_next_u64(&mut self) -> Result<u64, SysError> {
            unreachable!("codes draw bytes")
        }
        fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), SysError> {
            for byte in dest {
                *byte = self.0.remove(0);
            }
            Ok(())
        }
    }

    #[test]
    fn bytes_past_the_last_whole_alphabet_are_drawn_again() {
        // 248 = 8 × 31 is the first byte that would bias the draw.
        let mut bytes = vec![248, 255, 0, 30, 31, 247];
        bytes.extend([0; 8]);
        let code = random_code(&mut Replay(bytes)).unwrap();
        assert_eq!(code, "2z2z-2222-2222");
    }
}
