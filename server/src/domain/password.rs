//! The password policy and Argon2id hashing.
//!
//! A new password must be 10–128 characters long, must not be among the 10,000 most common
//! passwords (the ranked list that ships with the `zxcvbn` crate, from real password leaks,
//! plus a few Latvian and Russian ones of our own), and must not contain the person's e-mail
//! name or the names of the service ("tilts", "vpd"), which are the first things an attacker
//! who knows the person tries.

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version, password_hash::SaltString,
};
use rand::rngs::OsRng;

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 10;
/// The longest password accepted (hashing cost must stay bounded).
pub const MAX_LENGTH: usize = 128;

/// How many of the most common passwords are refused.
pub const COMMON_RANK_LIMIT: usize = 10_000;

/// Words no password may contain: the service's own names.
const SERVICE_WORDS: &[&str] = &["tilts", "vpd"];

/// Local passwords that meet the length rule but are among the first anyone tries here.
const COMMON: &[&str] = &[
    "1234567890",
    "12345678910",
    "0123456789",
    "1111111111",
    "0000000000",
    "1q2w3e4r5t",
    "qwertyuiop",
    "qwerty1234",
    "qwerty12345",
    "password1",
    "password12",
    "password123",
    "password1234",
    "passw0rd123",
    "iloveyou12",
    "abcdefghij",
    "abcd123456",
    "asdfghjkl1",
    "1qaz2wsx3edc",
    "zaq12wsxcde",
    "letmein123",
    "welcome123",
    "football123",
    "monkey1234",
    "parole1234",
    "parole12345",
    "parolparol",
    "qwertyqwerty",
    "administrator",
    "changeme123",
    "starwars123",
    "dragon1234",
    "sunshine12",
    "princess12",
    "superman12",
    "trustno1234",
    "1234qwerty",
    "qwerty123456",
    "123456789a",
    "a123456789",
    "987654321a",
    "9876543210",
    "passwordpassword",
    "tilts12345",
    "latvija123",
    "riga123456",
    "parol12345",
    "йцукенгшщз",
];

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Fewer than [`MIN_LENGTH`] characters.
    #[error("password too short")]
    TooShort,
    /// More than [`MAX_LENGTH`] characters.
    #[error("password too long")]
    TooLong,
    /// On the list of common passwords.
    #[error("password too common")]
    TooCommon,
    /// Contains the person's e-mail name or the service's name.
    #[error("password too easy to guess for this person")]
    Personal,
}

/// A new password that meets the policy. Never logged or displayed.
pub struct Password(String);

impl Password {
    /// Checks a new password for the account with the e-mail address `email` against the policy.
    pub fn parse(input: &str, email: &str) -> Result<Password, PasswordError> {
        let length = input.chars().count();
        if length < MIN_LENGTH {
            return Err(PasswordError::TooShort);
        }
        if length > MAX_LENGTH {
            return Err(PasswordError::TooLong);
        }
        let lowered = input.to_lowercase();
        if COMMON.contains(&lowered.as_str()) || lowered.chars().all(|c| lowered.starts_with(c)) || is_common(input) {
            return Err(PasswordError::TooCommon);
        }
        let local_part = email.split('@').next().unwrap_or_default().trim().to_lowercase();
        let personal = (local_part.chars().count() >= 3).then_some(local_part.as_str());
        if SERVICE_WORDS.iter().copied().chain(personal).any(|word| lowered.contains(word)) {
            return Err(PasswordError::Personal);
        }
        Ok(Password(input.to_owned()))
    }

    /// Hashes with Argon2id (m = 19 MiB, t = 2, p = 1). CPU-heavy: call off the async runtime.
    pub fn hash(&self) -> Result<String, argon2::password_hash::Error> {
        hash_unchecked(&self.0)
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// Whether the password, ignoring case, is among the first [`COMMON_RANK_LIMIT`] guesses
/// zxcvbn would make. Its guesses for a password on its ranked leak list are at most the
/// password's rank, so this refuses every one of the list's 10,000 most common passwords,
/// and with them anything else as guessable (repeats, keyboard rows, sequences).
fn is_common(input: &str) -> bool {
    zxcvbn::zxcvbn(&input.to_lowercase(), &[]).guesses() <= COMMON_RANK_LIMIT as u64
}

/// The Argon2id parameters of new hashes: m = 19 MiB, t = 2, p = 1 (OWASP's recommendation).
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const PARALLELISM: u32 = 1;

fn hasher() -> Result<Argon2<'static>, argon2::password_hash::Error> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes `password` without checking the policy: for rehashing a password that was accepted
/// under an earlier policy, and for the timing dummy. CPU-heavy: call off the async runtime.
pub fn hash_unchecked(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher()?.hash_password(password.as_bytes(), &salt)?.to_string())
}

/// Whether a stored hash was made with other parameters than today's, so it should be replaced
/// at the next successful sign-in.
pub fn needs_rehash(stored_hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored_hash) else {
        return true;
    };
    let current = Params::try_from(&parsed)
        .is_ok_and(|p| p.m_cost() == MEMORY_KIB && p.t_cost() == ITERATIONS && p.p_cost() == PARALLELISM);
    !(current && parsed.algorithm == Algorithm::Argon2id.ident() && parsed.version == Some(Version::V0x13.into()))
}

/// Whether `candidate` matches a stored PHC hash. CPU-heavy: call off the async runtime.
pub fn verify(candidate: &str, stored_hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored_hash) else {
        return false;
    };
    hasher().is_ok_and(|h| h.verify_password(candidate.as_bytes(), &parsed).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMAIL: &str = "anna.berzina@example.lv";

    #[test]
    fn the_policy_refuses_short_long_and_common_passwords() {
        assert_eq!(Password::parse("short", EMAIL).err(), Some(PasswordError::TooShort));
        assert_eq!(Password::parse(&"x".repeat(129), EMAIL).err(), Some(PasswordError::TooLong));
        assert_eq!(Password::parse("Password123", EMAIL).err(), Some(PasswordError::TooCommon));
        assert_eq!(Password::parse("aaaaaaaaaaaa", EMAIL).err(), Some(PasswordError::TooCommon));
        assert!(Password::parse("zils kalns pie upes", EMAIL).is_ok());
    }

    #[test]
    fn the_ten_thousand_most_common_passwords_are_refused_whatever_their_case() {
        // Ten or more characters and in the leaked-password ranking, beyond the local list.
        for common in ["manchester", "Terminator", "q1w2e3r4t5", "1qaz2wsx3edc", "ENTERPRISE", "qwerty123456"] {
            assert_eq!(Password::parse(common, EMAIL).err(), Some(PasswordError::TooCommon), "{common}");
        }
        assert!(Password::parse("manchester kalns 77", EMAIL).is_ok());
    }

    #[test]
    fn passwords_with_the_email_name_or_the_service_name_are_refused() {
        assert_eq!(Password::parse("Anna.Berzina1990", EMAIL).err(), Some(PasswordError::Personal));
        assert_eq!(Password::parse("my tilts password", EMAIL).err(), Some(PasswordError::Personal));
        assert_eq!(Password::parse("VPD-kalns-2026", EMAIL).err(), Some(PasswordError::Personal));
        assert!(Password::parse("zils kalns pie upes", "jo@example.lv").is_ok());
    }

    #[test]
    fn hashes_with_old_parameters_are_marked_for_rehashing() -> Result<(), argon2::password_hash::Error> {
        let current = hash_unchecked("zils kalns pie upes")?;
        assert!(!needs_rehash(&current));
        let weak = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(8 * 1024, 1, 1, None)?);
        let old = weak.hash_password(b"zils kalns pie upes", &SaltString::generate(&mut OsRng))?.to_string();
        assert!(needs_rehash(&old));
        assert!(verify("zils kalns pie upes", &old), "old hashes still verify");
        Ok(())
    }

    #[test]
    fn a_hash_verifies_only_its_own_password() -> Result<(), argon2::password_hash::Error> {
        let hash = Password::parse("zils kalns pie upes", EMAIL)
            .map_err(|_| argon2::password_hash::Error::Password)?
            .hash()?;
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("zils kalns pie upes", &hash));
        assert!(!verify("zaļš kalns pie upes", &hash));
        Ok(())
    }
}
