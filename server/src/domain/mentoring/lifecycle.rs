//! The life of a mentorship (DESIGN section 5), one function deciding every step:
//!
//! ```text
//! REQUESTED ──mentor accepts──▶ PENDING_REVIEW ──staff approve──▶ ACTIVE ──▶ COMPLETED
//!     │                              └──staff reject──▶ REJECTED     └──▶ ENDED (a reason)
//!     ├──mentor declines (a reason)──▶ DECLINED
//!     ├──founder withdraws──▶ WITHDRAWN
//!     ├──14 days unanswered──▶ EXPIRED
//!     └──another of the founder's requests accepted──▶ INVALIDATED
//! ```
//!
//! Who may take a step is part of the rule: a mentor cannot approve, a founder cannot accept
//! their own request, nobody but the schedule expires one. Ended states take no further step.

use chrono::Duration;

/// Where a mentorship stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentorshipStatus {
    /// Asked for by the founder (or proposed by staff), waiting for the mentor.
    Requested,
    /// The mentor said no, with a reason.
    Declined,
    /// The founder took the request back.
    Withdrawn,
    /// Nobody answered within [`EXPIRES_AFTER`].
    Expired,
    /// Another of the founder's requests was accepted first.
    Invalidated,
    /// The mentor said yes; VPD staff check the match.
    PendingReview,
    /// Staff did not approve the match.
    Rejected,
    /// Running: contact details released as each side chose, messages, goals, sessions.
    Active,
    /// Finished as planned.
    Completed,
    /// Stopped early by one side, with a reason.
    Ended,
}

impl MentorshipStatus {
    /// Every status.
    pub const ALL: [MentorshipStatus; 10] = [
        MentorshipStatus::Requested,
        MentorshipStatus::Declined,
        MentorshipStatus::Withdrawn,
        MentorshipStatus::Expired,
        MentorshipStatus::Invalidated,
        MentorshipStatus::PendingReview,
        MentorshipStatus::Rejected,
        MentorshipStatus::Active,
        MentorshipStatus::Completed,
        MentorshipStatus::Ended,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            MentorshipStatus::Requested => "requested",
            MentorshipStatus::Declined => "declined",
            MentorshipStatus::Withdrawn => "withdrawn",
            MentorshipStatus::Expired => "expired",
            MentorshipStatus::Invalidated => "invalidated",
            MentorshipStatus::PendingReview => "pending_review",
            MentorshipStatus::Rejected => "rejected",
            MentorshipStatus::Active => "active",
            MentorshipStatus::Completed => "completed",
            MentorshipStatus::Ended => "ended",
        }
    }

    /// The status stored as `name`; `None` for anything else (a caller refuses it).
    pub fn parse(name: &str) -> Option<MentorshipStatus> {
        MentorshipStatus::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Waiting for the mentor: counts towards the founder's [`MAX_OPEN_REQUESTS`].
    pub fn is_open_request(self) -> bool {
        self == MentorshipStatus::Requested
    }

    /// Accepted or running: the founder asks nobody else meanwhile, and it holds one of the
    /// mentor's places (an accepted match waits for staff with its place kept).
    pub fn holds_a_place(self) -> bool {
        matches!(self, MentorshipStatus::PendingReview | MentorshipStatus::Active)
    }

    /// Over: no step leads anywhere from here.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            MentorshipStatus::Declined
                | MentorshipStatus::Withdrawn
                | MentorshipStatus::Expired
                | MentorshipStatus::Invalidated
                | MentorshipStatus::Rejected
                | MentorshipStatus::Completed
                | MentorshipStatus::Ended
        )
    }
}

/// At most this many requests of one founder wait for mentors at once.
pub const MAX_OPEN_REQUESTS: usize = 3;
/// An unanswered request expires this long after it was made.
pub const EXPIRES_AFTER: Duration = Duration::days(14);
/// The mentor is reminded of an unanswered request this long after it was made.
pub const REMINDERS_AFTER: [Duration; 2] = [Duration::days(3), Duration::days(7)];

/// Who takes a step, as the mentorship knows them. Anyone else never reaches this module: the
/// service answers them `NOT_FOUND`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// The founder (or the representative of the organisation) the mentorship is for.
    Founder,
    /// Its mentor.
    Mentor,
    /// VPD staff.
    Staff,
    /// The schedule (expiry) and the consequences of another step (invalidation).
    System,
}

/// Why a mentor says no; each with free text besides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclineReason {
    /// No room for another mentee now.
    NoCapacity,
    /// The needs are outside what they know.
    OutsideExpertise,
    /// They cannot meet when or where the founder needs.
    CannotMeet,
    /// They paused mentoring (also given when Tilts pauses a mentor who stopped answering).
    Paused,
    /// Something else, said in the text.
    Other,
}

impl DeclineReason {
    /// Every reason, in the order a form offers them.
    pub const ALL: [DeclineReason; 5] = [
        DeclineReason::NoCapacity,
        DeclineReason::OutsideExpertise,
        DeclineReason::CannotMeet,
        DeclineReason::Paused,
        DeclineReason::Other,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DeclineReason::NoCapacity => "no_capacity",
            DeclineReason::OutsideExpertise => "outside_expertise",
            DeclineReason::CannotMeet => "cannot_meet",
            DeclineReason::Paused => "paused",
            DeclineReason::Other => "other",
        }
    }

    /// The reason stored as `name`; `None` for anything else.
    pub fn parse(name: &str) -> Option<DeclineReason> {
        DeclineReason::ALL.into_iter().find(|r| r.as_str() == name)
    }
}

/// How a mentorship began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A founder asked a mentor.
    Founder,
    /// A representative asked a mentor for their NGO.
    Organisation,
    /// VPD staff proposed the match.
    Staff,
}

impl Origin {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Founder => "founder",
            Origin::Organisation => "organisation",
            Origin::Staff => "staff",
        }
    }

    /// The origin stored as `name`; `None` for anything else.
    pub fn parse(name: &str) -> Option<Origin> {
        [Origin::Founder, Origin::Organisation, Origin::Staff].into_iter().find(|o| o.as_str() == name)
    }
}

/// A step in the life of a mentorship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    /// The mentor says yes.
    Accept,
    /// The mentor says no.
    Decline(DeclineReason),
    /// The founder takes the request back.
    Withdraw,
    /// Unanswered for [`EXPIRES_AFTER`].
    Expire,
    /// Another request of the same founder was accepted.
    Invalidate,
    /// Staff approve the match.
    Approve,
    /// Staff do not approve it, with a note.
    Reject,
    /// Either side finishes it as planned.
    Complete,
    /// Either side (or staff) stops it early, with a reason.
    End,
}

/// Why a step cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// This party never takes this step.
    #[error("{party:?} may not {step}")]
    NotYours {
        /// Who tried.
        party: Party,
        /// The step, named.
        step: &'static str,
    },
    /// The step does not start from the mentorship's status.
    #[error("cannot {step} a mentorship that is {from:?}")]
    WrongState {
        /// The step, named.
        step: &'static str,
        /// Where the mentorship stands.
        from: MentorshipStatus,
    },
}

impl Transition {
    /// The step's name, for errors and the audit log.
    pub fn name(&self) -> &'static str {
        match self {
            Transition::Accept => "accept",
            Transition::Decline(_) => "decline",
            Transition::Withdraw => "withdraw",
            Transition::Expire => "expire",
            Transition::Invalidate => "invalidate",
            Transition::Approve => "approve",
            Transition::Reject => "reject",
            Transition::Complete => "complete",
            Transition::End => "end",
        }
    }

    /// Who may take this step, and from which status to which.
    fn rule(&self) -> (&'static [Party], MentorshipStatus, MentorshipStatus) {
        use MentorshipStatus as S;
        match self {
            Transition::Accept => (&[Party::Mentor], S::Requested, S::PendingReview),
            // The system declines for a mentor Tilts paused for not answering.
            Transition::Decline(_) => (&[Party::Mentor, Party::System], S::Requested, S::Declined),
            Transition::Withdraw => (&[Party::Founder], S::Requested, S::Withdrawn),
            Transition::Expire => (&[Party::System], S::Requested, S::Expired),
            Transition::Invalidate => (&[Party::System], S::Requested, S::Invalidated),
            Transition::Approve => (&[Party::Staff], S::PendingReview, S::Active),
            Transition::Reject => (&[Party::Staff], S::PendingReview, S::Rejected),
            Transition::Complete => (&[Party::Founder, Party::Mentor], S::Active, S::Completed),
            Transition::End => (&[Party::Founder, Party::Mentor, Party::Staff], S::Active, S::Ended),
        }
    }
}

/// The status after `party` takes `step` from `from`, or why they cannot. Whether a reason's
/// text is present, and capacity, are the caller's checks: this decides who and from where.
pub fn next(from: MentorshipStatus, party: Party, step: &Transition) -> Result<MentorshipStatus, TransitionError> {
    let (parties, start, end) = step.rule();
    if !parties.contains(&party) {
        return Err(TransitionError::NotYours { party, step: step.name() });
    }
    if from != start {
        return Err(TransitionError::WrongState { step: step.name(), from });
    }
    Ok(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use MentorshipStatus as S;
    use proptest::prelude::*;

    const PARTIES: [Party; 4] = [Party::Founder, Party::Mentor, Party::Staff, Party::System];

    fn steps() -> Vec<Transition> {
        vec![
            Transition::Accept,
            Transition::Decline(DeclineReason::NoCapacity),
            Transition::Withdraw,
            Transition::Expire,
            Transition::Invalidate,
            Transition::Approve,
            Transition::Reject,
            Transition::Complete,
            Transition::End,
        ]
    }

    #[test]
    fn the_main_path_runs_from_request_to_completion() {
        assert_eq!(next(S::Requested, Party::Mentor, &Transition::Accept), Ok(S::PendingReview));
        assert_eq!(next(S::PendingReview, Party::Staff, &Transition::Approve), Ok(S::Active));
        assert_eq!(next(S::Active, Party::Founder, &Transition::Complete), Ok(S::Completed));
        assert_eq!(next(S::Active, Party::Mentor, &Transition::End), Ok(S::Ended));
    }

    #[test]
    fn each_side_takes_only_its_own_steps() {
        assert_eq!(
            next(S::Requested, Party::Founder, &Transition::Accept),
            Err(TransitionError::NotYours { party: Party::Founder, step: "accept" })
        );
        assert!(next(S::PendingReview, Party::Mentor, &Transition::Approve).is_err(), "a mentor never approves");
        assert!(next(S::Requested, Party::Mentor, &Transition::Withdraw).is_err());
        assert!(next(S::Requested, Party::Staff, &Transition::Expire).is_err(), "only the schedule expires");
        assert!(next(S::Active, Party::System, &Transition::End).is_err());
    }

    #[test]
    fn an_illegal_step_is_an_error_naming_the_state() {
        assert_eq!(
            next(S::Declined, Party::Mentor, &Transition::Accept),
            Err(TransitionError::WrongState { step: "accept", from: S::Declined })
        );
        assert!(next(S::Active, Party::Staff, &Transition::Approve).is_err(), "approving twice is an error");
    }

    #[test]
    fn statuses_round_trip_and_unknown_names_are_refused() {
        for status in S::ALL {
            assert_eq!(S::parse(status.as_str()), Some(status));
        }
        assert_eq!(S::parse("ACTIVE"), None);
        assert_eq!(S::parse(""), None);
        for reason in DeclineReason::ALL {
            assert_eq!(DeclineReason::parse(reason.as_str()), Some(reason));
        }
        for origin in [Origin::Founder, Origin::Organisation, Origin::Staff] {
            assert_eq!(Origin::parse(origin.as_str()), Some(origin));
        }
        assert_eq!(DeclineReason::parse("busy"), None);
    }

    #[test]
    fn every_final_status_is_one_no_step_leaves_and_every_other_has_a_way_out() {
        for from in S::ALL {
            let exits = steps()
                .iter()
                .flat_map(|step| PARTIES.map(|party| next(from, party, step)))
                .filter(Result::is_ok)
                .count();
            assert_eq!(exits == 0, from.is_final(), "{from:?}");
        }
    }

    proptest! {
        /// Whatever anyone tries in whatever order, a mentorship becomes active only through a
        /// mentor's yes and then staff's approval, and once over it stays over.
        #[test]
        fn active_only_through_the_mentor_and_staff_and_ended_stays_ended(
            tries in prop::collection::vec((0..4usize, 0..9usize), 0..40)
        ) {
            let steps = steps();
            let mut status = S::Requested;
            let mut history = vec![(status, None)];
            for (party, step) in tries {
                let (party, step) = (PARTIES[party], &steps[step]);
                match next(status, party, step) {
                    Ok(after) => {
                        prop_assert!(!status.is_final(), "{status:?} left by {step:?}");
                        if after == S::Active {
                            prop_assert_eq!((party, status), (Party::Staff, S::PendingReview));
                            prop_assert!(history.iter().any(|(s, by)| *s == S::PendingReview && *by == Some(Party::Mentor)));
                        }
                        status = after;
                        history.push((status, Some(party)));
                    }
                    Err(_) => prop_assert_eq!(history.last().map(|(s, _)| *s), Some(status), "an error changes nothing"),
                }
            }
        }
    }
}
