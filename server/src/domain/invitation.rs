//! Invitation codes: what a probation officer hands to a person without a stable e-mail address
//! so they can make their founder account. Ten characters from an alphabet without look-alikes
//! (no O/0, I/1/L), shown as two groups of five; typed in any case, with or without spaces or
//! dashes. About 49 bits: with redemption rate-limited and codes expiring after 14 days,
//! guessing one is hopeless.

use chrono::Duration;
use rand::{Rng, rngs::OsRng};

use super::token::{TokenHash, sha256_hex};

/// The characters of a code.
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// How many characters a code has.
const LENGTH: usize = 10;
/// How long a code works.
pub const INVITATION_TTL: Duration = Duration::days(14);

/// An invitation code, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationCode(String);

impl InvitationCode {
    /// A fresh random code.
    pub fn generate() -> InvitationCode {
        let mut rng = OsRng;
        InvitationCode((0..LENGTH).map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())])).collect())
    }

    /// A code as a person typed it; `None` if it cannot be one.
    pub fn parse(input: &str) -> Option<InvitationCode> {
        let code: String =
            input.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
        let valid = code.len() == LENGTH && code.bytes().all(|b| ALPHABET.contains(&b));
        valid.then_some(InvitationCode(code))
    }

    /// The code as people read it: `K7QMP-4XH2N`.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..LENGTH / 2], &self.0[LENGTH / 2..])
    }

    /// The hash to store or look up.
    pub fn hash(&self) -> TokenHash {
        TokenHash(sha256_hex(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_the_alphabet_and_read_back_however_they_are_typed() {
        for _ in 0..100 {
            let code = InvitationCode::generate();
            assert_eq!(code.0.len(), LENGTH);
            let shown = code.display();
            assert_eq!(shown.len(), LENGTH + 1);
            assert_eq!(InvitationCode::parse(&shown), Some(code.clone()));
            assert_eq!(InvitationCode::parse(&shown.to_lowercase().replace('-', " ")), Some(code.clone()));
            assert_eq!(InvitationCode::parse(&format!("  {}  ", code.0)).map(|c| c.hash()), Some(code.hash()));
        }
        assert_ne!(InvitationCode::generate(), InvitationCode::generate());
    }

    #[test]
    fn anything_else_is_not_a_code() {
        for input in ["", "ABCDE", "ABCDE-FGHJK-M", "ABCDE-FGH0K", "ABCDE-FGHIK", "ĀBCDE-FGHJK", "ABCDE_FGHJK"] {
            assert_eq!(InvitationCode::parse(input), None, "{input}");
        }
    }
}
