//! The password policy and Argon2id hashing.

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version, password_hash::SaltString,
};
use rand::rngs::OsRng;

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 10;
/// The longest password accepted (hashing cost must stay bounded).
pub const MAX_LENGTH: usize = 128;

/// Passwords that meet the length rule but are among the first anyone tries.
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
}

/// A new password that meets the policy. Never logged or displayed.
pub struct Password(String);

impl Password {
    /// Checks a new password against the policy.
    pub fn parse(input: &str) -> Result<Password, PasswordError> {
        let length = input.chars().count();
        if length < MIN_LENGTH {
            return Err(PasswordError::TooShort);
        }
        if length > MAX_LENGTH {
            return Err(PasswordError::TooLong);
        }
        let lowered = input.to_lowercase();
        if COMMON.contains(&lowered.as_str()) || lowered.chars().all(|c| lowered.starts_with(c)) {
            return Err(PasswordError::TooCommon);
        }
        Ok(Password(input.to_owned()))
    }

    /// Hashes with Argon2id (m = 19 MiB, t = 2, p = 1). CPU-heavy: call off the async runtime.
    pub fn hash(&self) -> Result<String, argon2::password_hash::Error> {
        let salt = SaltString::generate(&mut OsRng);
        Ok(hasher()?.hash_password(self.0.as_bytes(), &salt)?.to_string())
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

fn hasher() -> Result<Argon2<'static>, argon2::password_hash::Error> {
    let params = Params::new(19 * 1024, 2, 1, None)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
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

    #[test]
    fn the_policy_refuses_short_long_and_common_passwords() {
        assert_eq!(Password::parse("short").err(), Some(PasswordError::TooShort));
        assert_eq!(Password::parse(&"x".repeat(129)).err(), Some(PasswordError::TooLong));
        assert_eq!(Password::parse("Password123").err(), Some(PasswordError::TooCommon));
        assert_eq!(Password::parse("aaaaaaaaaaaa").err(), Some(PasswordError::TooCommon));
        assert!(Password::parse("zils kalns pie upes").is_ok());
    }

    #[test]
    fn a_hash_verifies_only_its_own_password() -> Result<(), argon2::password_hash::Error> {
        let hash =
            Password::parse("zils kalns pie upes").map_err(|_| argon2::password_hash::Error::Password)?.hash()?;
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("zils kalns pie upes", &hash));
        assert!(!verify("zaļš kalns pie upes", &hash));
        Ok(())
    }
}
