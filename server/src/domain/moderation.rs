//! VPD staff's decisions about a person: approve or reject someone waiting, suspend someone
//! approved, reinstate someone suspended. One function says which decision fits which standing.

use super::{Role, Standing};

/// A moderation decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Let a person who waits (or was refused) take part.
    Approve,
    /// Refuse a person who waits; a reason is required.
    Reject,
    /// Take an approved person out of Tilts; a reason is required.
    Suspend,
    /// Let a suspended person back.
    Reinstate,
}

impl Decision {
    /// The name in the audit log, e.g. `moderation.approve`.
    pub fn audit_action(self) -> &'static str {
        match self {
            Decision::Approve => "moderation.approve",
            Decision::Reject => "moderation.reject",
            Decision::Suspend => "moderation.suspend",
            Decision::Reinstate => "moderation.reinstate",
        }
    }

    /// Whether the person must be told why.
    pub fn needs_reason(self) -> bool {
        matches!(self, Decision::Reject | Decision::Suspend)
    }
}

/// Why a decision cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ModerationError {
    /// VPD accounts are not moderated (admins disable them instead).
    #[error("a {0:?} account is not moderated")]
    NotModerated(Role),
    /// The decision does not fit the person's standing (e.g. reinstating someone approved).
    #[error("{decision:?} does not apply to a person who is {standing:?}")]
    DoesNotApply {
        /// The decision asked for.
        decision: Decision,
        /// The person's standing.
        standing: Standing,
    },
    /// Rejecting and suspending need a reason the person is told.
    #[error("a reason is required")]
    ReasonRequired,
    /// The reason is longer than [`MAX_REASON_CHARS`].
    #[error("the reason is too long")]
    ReasonTooLong,
}

/// The longest reason accepted.
pub const MAX_REASON_CHARS: usize = 1000;

/// The standing after `decision` about a person with `role` and `standing`, and the reason to
/// tell them (trimmed; `None` when there is none).
pub fn decide(
    role: Role,
    standing: Standing,
    decision: Decision,
    reason: Option<&str>,
) -> Result<(Standing, Option<String>), ModerationError> {
    if role.is_vpd() {
        return Err(ModerationError::NotModerated(role));
    }
    decide_standing(standing, decision, reason)
}

/// The standing after `decision` about something moderated (a person or an organisation) that
/// stands at `standing`, and the reason to tell (trimmed; `None` when there is none).
pub fn decide_standing(
    standing: Standing,
    decision: Decision,
    reason: Option<&str>,
) -> Result<(Standing, Option<String>), ModerationError> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if decision.needs_reason() && reason.is_none() {
        return Err(ModerationError::ReasonRequired);
    }
    if reason.is_some_and(|r| r.chars().count() > MAX_REASON_CHARS) {
        return Err(ModerationError::ReasonTooLong);
    }
    let next = match (decision, standing) {
        (Decision::Approve, Standing::Pending | Standing::Rejected) => Standing::Approved,
        (Decision::Reject, Standing::Pending) => Standing::Rejected,
        (Decision::Suspend, Standing::Approved | Standing::Pending) => Standing::Suspended,
        (Decision::Reinstate, Standing::Suspended) => Standing::Approved,
        _ => return Err(ModerationError::DoesNotApply { decision, standing }),
    };
    Ok((next, reason.map(str::to_owned)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_decision_fits_only_its_standings() {
        use Decision::*;
        use Standing::*;
        let cases = [
            (Approve, Pending, Some(Approved)),
            (Approve, Rejected, Some(Approved)),
            (Approve, Approved, None),
            (Approve, Suspended, None),
            (Reject, Pending, Some(Rejected)),
            (Reject, Approved, None),
            (Reject, Rejected, None),
            (Suspend, Approved, Some(Suspended)),
            (Suspend, Pending, Some(Suspended)),
            (Suspend, Suspended, None),
            (Reinstate, Suspended, Some(Approved)),
            (Reinstate, Approved, None),
            (Reinstate, Pending, None),
        ];
        for (decision, standing, expected) in cases {
            let result = decide(Role::Mentor, standing, decision, Some("Pamatojums")).map(|(next, _)| next);
            assert_eq!(result.ok(), expected, "{decision:?} from {standing:?}");
        }
    }

    #[test]
    fn rejecting_and_suspending_need_a_reason_and_vpd_accounts_are_not_moderated() {
        assert_eq!(
            decide(Role::Mentor, Standing::Pending, Decision::Reject, None),
            Err(ModerationError::ReasonRequired)
        );
        assert_eq!(
            decide(Role::Founder, Standing::Approved, Decision::Suspend, Some("   ")),
            Err(ModerationError::ReasonRequired)
        );
        let long = "x".repeat(MAX_REASON_CHARS + 1);
        assert_eq!(
            decide(Role::Mentor, Standing::Pending, Decision::Reject, Some(&long)),
            Err(ModerationError::ReasonTooLong)
        );
        assert_eq!(decide(Role::Mentor, Standing::Pending, Decision::Approve, None), Ok((Standing::Approved, None)));
        assert_eq!(
            decide(Role::Enterprise, Standing::Pending, Decision::Reject, Some("  No registration number  ")),
            Ok((Standing::Rejected, Some("No registration number".to_owned())))
        );
        assert_eq!(
            decide(Role::Staff, Standing::Approved, Decision::Suspend, Some("x")),
            Err(ModerationError::NotModerated(Role::Staff))
        );
    }
}
