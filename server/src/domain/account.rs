//! Accounts: who a signed-in person is.

use uuid::Uuid;

use super::{EmailAddress, Locale, Role};

/// The id of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UserId(pub Uuid);

/// A name shown to others: 1 to 80 characters, trimmed, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// The longest display name accepted.
    pub const MAX_CHARS: usize = 80;

    /// Parses user input.
    pub fn parse(input: &str) -> Option<DisplayName> {
        let s = input.trim();
        let ok = !s.is_empty() && s.chars().count() <= Self::MAX_CHARS && !s.chars().any(char::is_control);
        ok.then(|| DisplayName(s.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Where a person stands with VPD's moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standing {
    /// Waiting for staff to approve them (mentors and organisation members).
    Pending,
    /// Approved by staff, or needing no approval (founders, VPD people).
    Approved,
    /// Refused by staff.
    Rejected,
    /// Taken out of Tilts by staff until reinstated.
    Suspended,
}

impl Standing {
    /// Every standing.
    pub const ALL: [Standing; 4] = [Standing::Pending, Standing::Approved, Standing::Rejected, Standing::Suspended];

    /// The standing of a new account with `role`: mentors and organisation members wait for
    /// staff to approve them.
    pub fn on_joining(role: Role) -> Standing {
        match role {
            Role::Mentor | Role::Enterprise => Standing::Pending,
            Role::Founder | Role::Staff | Role::Admin => Standing::Approved,
        }
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Pending => "pending",
            Standing::Approved => "approved",
            Standing::Rejected => "rejected",
            Standing::Suspended => "suspended",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Standing> {
        Standing::ALL.into_iter().find(|standing| standing.as_str() == s)
    }
}

/// A person's account as the rest of the system sees it (never the password hash).
#[derive(Debug, Clone)]
pub struct Account {
    /// The account id.
    pub id: UserId,
    /// The sign-in address.
    pub email: EmailAddress,
    /// The name shown to others.
    pub display_name: String,
    /// What the person does in Tilts.
    pub role: Role,
    /// The language of pages, e-mails and errors.
    pub locale: Locale,
    /// Whether the person has proved they control `email`.
    pub email_verified: bool,
    /// Whether sign-in needs a code from an authenticator app too.
    pub second_factor: bool,
    /// Where the person stands with moderation.
    pub standing: Standing,
}
