//! A founder's application to an opportunity (DESIGN section 5), one function deciding every
//! step:
//!
//! ```text
//! SUBMITTED ──organisation shortlists──▶ SHORTLISTED ──organisation hires──▶ HIRED
//!     │  └──────────────── organisation hires ─────────────────────────────▶ HIRED
//!     ├── organisation declines (a reason) ──▶ DECLINED ◀── (from SHORTLISTED too)
//!     └── founder withdraws ──▶ WITHDRAWN ◀── (from SHORTLISTED too)
//! ```
//!
//! A hire becomes an outcome for the impact figures. Ended applications take no further step.

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApplicationStatus {
    /// Sent; the organisation has not moved it yet.
    Submitted,
    /// On the organisation's shortlist.
    Shortlisted,
    /// The founder got it.
    Hired,
    /// The organisation said no, with a reason.
    Declined,
    /// The founder took it back.
    Withdrawn,
}

impl ApplicationStatus {
    /// Every status.
    pub const ALL: [ApplicationStatus; 5] = [
        ApplicationStatus::Submitted,
        ApplicationStatus::Shortlisted,
        ApplicationStatus::Hired,
        ApplicationStatus::Declined,
        ApplicationStatus::Withdrawn,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Submitted => "submitted",
            ApplicationStatus::Shortlisted => "shortlisted",
            ApplicationStatus::Hired => "hired",
            ApplicationStatus::Declined => "declined",
            ApplicationStatus::Withdrawn => "withdrawn",
        }
    }

    /// The status stored as `name`; `None` for anything else.
    pub fn parse(name: &str) -> Option<ApplicationStatus> {
        ApplicationStatus::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Over: no step leads anywhere from here.
    pub fn is_final(self) -> bool {
        matches!(self, ApplicationStatus::Hired | ApplicationStatus::Declined | ApplicationStatus::Withdrawn)
    }
}

/// Who takes a step with an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The founder who applied.
    Applicant,
    /// A representative of the organisation that posted the opportunity.
    Organisation,
}

/// A step in an application's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// The organisation shortlists it.
    Shortlist,
    /// The organisation hires the founder.
    Hire,
    /// The organisation says no (with a reason).
    Decline,
    /// The founder takes it back.
    Withdraw,
}

/// Why a step cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    /// This side never takes this step.
    #[error("{side:?} may not {step:?}")]
    NotYours {
        /// Who tried.
        side: Side,
        /// The step.
        step: Move,
    },
    /// The step does not start from the application's status.
    #[error("cannot {step:?} an application that is {from:?}")]
    WrongState {
        /// The step.
        step: Move,
        /// Where it stands.
        from: ApplicationStatus,
    },
}

/// The status after `side` takes `step` from `from`, or why they cannot.
pub fn next(from: ApplicationStatus, side: Side, step: Move) -> Result<ApplicationStatus, MoveError> {
    use ApplicationStatus as S;
    let (who, starts, to): (Side, &[ApplicationStatus], ApplicationStatus) = match step {
        Move::Shortlist => (Side::Organisation, &[S::Submitted], S::Shortlisted),
        Move::Hire => (Side::Organisation, &[S::Submitted, S::Shortlisted], S::Hired),
        Move::Decline => (Side::Organisation, &[S::Submitted, S::Shortlisted], S::Declined),
        Move::Withdraw => (Side::Applicant, &[S::Submitted, S::Shortlisted], S::Withdrawn),
    };
    if side != who {
        return Err(MoveError::NotYours { side, step });
    }
    if !starts.contains(&from) {
        return Err(MoveError::WrongState { step, from });
    }
    Ok(to)
}

/// What happened to an application that the other side must know about: each becomes an in-app
/// notice and an e-mail in the recipient's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    /// To the organisation: a founder applied.
    Applied,
    /// To the founder: the organisation shortlisted them.
    Shortlisted,
    /// To the founder: the organisation hired them.
    Hired,
    /// To the founder: the organisation said no (with its reason).
    Declined,
    /// To the organisation: the founder withdrew.
    Withdrawn,
}

impl Event {
    /// Every event.
    pub const ALL: [Event; 5] = [Event::Applied, Event::Shortlisted, Event::Hired, Event::Declined, Event::Withdrawn];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Applied => "applied",
            Event::Shortlisted => "shortlisted",
            Event::Hired => "hired",
            Event::Declined => "declined",
            Event::Withdrawn => "withdrawn",
        }
    }

    /// The event stored as `name`.
    pub fn parse(name: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.as_str() == name)
    }

    /// The event a step is, told to the side that did not take it.
    pub fn of(step: Move) -> Event {
        match step {
            Move::Shortlist => Event::Shortlisted,
            Move::Hire => Event::Hired,
            Move::Decline => Event::Declined,
            Move::Withdraw => Event::Withdrawn,
        }
    }

    /// Whether the organisation (else the founder) is told.
    pub fn to_organisation(self) -> bool {
        matches!(self, Event::Applied | Event::Withdrawn)
    }
}

/// Whether the organisation sees the contact details the founder chose to share with an
/// application that is `status`: only once it is on the shortlist or a hire (DESIGN section 4:
/// contact details inside an accepted application only).
pub fn releases_contact(status: ApplicationStatus) -> bool {
    matches!(status, ApplicationStatus::Shortlisted | ApplicationStatus::Hired)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApplicationStatus as S;
    use proptest::prelude::*;

    #[test]
    fn the_pipeline_runs_from_submitted_to_hired() {
        assert_eq!(next(S::Submitted, Side::Organisation, Move::Shortlist), Ok(S::Shortlisted));
        assert_eq!(next(S::Shortlisted, Side::Organisation, Move::Hire), Ok(S::Hired));
        assert_eq!(next(S::Submitted, Side::Organisation, Move::Hire), Ok(S::Hired));
        assert_eq!(next(S::Shortlisted, Side::Organisation, Move::Decline), Ok(S::Declined));
        assert_eq!(next(S::Shortlisted, Side::Applicant, Move::Withdraw), Ok(S::Withdrawn));
    }

    #[test]
    fn each_side_takes_only_its_own_steps_and_ended_stays_ended() {
        assert_eq!(
            next(S::Submitted, Side::Applicant, Move::Hire),
            Err(MoveError::NotYours { side: Side::Applicant, step: Move::Hire })
        );
        assert!(next(S::Submitted, Side::Organisation, Move::Withdraw).is_err());
        assert_eq!(
            next(S::Hired, Side::Organisation, Move::Decline),
            Err(MoveError::WrongState { step: Move::Decline, from: S::Hired })
        );
        assert!(next(S::Shortlisted, Side::Organisation, Move::Shortlist).is_err());
        for status in S::ALL {
            assert_eq!(ApplicationStatus::parse(status.as_str()), Some(status));
        }
        for event in Event::ALL {
            assert_eq!(Event::parse(event.as_str()), Some(event));
        }
        assert!(!releases_contact(S::Submitted) && releases_contact(S::Shortlisted) && !releases_contact(S::Declined));
    }

    proptest! {
        /// Whatever is tried in whatever order, only the organisation hires, and an ended
        /// application stays as it ended.
        #[test]
        fn only_the_organisation_hires_and_ended_stays_ended(tries in prop::collection::vec((0..2usize, 0..4usize), 0..20)) {
            let sides = [Side::Applicant, Side::Organisation];
            let steps = [Move::Shortlist, Move::Hire, Move::Decline, Move::Withdraw];
            let mut status = S::Submitted;
            for (side, step) in tries {
                let (side, step) = (sides[side], steps[step]);
                if let Ok(after) = next(status, side, step) {
                    prop_assert!(!status.is_final());
                    if after == S::Hired {
                        prop_assert_eq!(side, Side::Organisation);
                    }
                    status = after;
                }
            }
        }
    }
}
