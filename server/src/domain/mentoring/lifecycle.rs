//! The life of a mentorship (DESIGN section 5), one function deciding every step:
//!
//! ```text
//! REQUESTED ──mentor accepts──▶ PENDING_REVIEW ──staff approve──▶ ACTIVE ──▶ COMPLETED
//! OFFERED ──founder accepts──▶ ┘     └──staff reject──▶ REJECTED     └──▶ ENDED (a reason)
//!     ├──the asked side declines──▶ DECLINED
//!     ├──the asking side withdraws──▶ WITHDRAWN
//!     ├──14 days unanswered──▶ EXPIRED
//!     └──another of the founder's requests or offers accepted──▶ INVALIDATED
//! any open or running one ──VPD staff close it (a supervision change)──▶ CLOSED
//! ```
//!
//! A founder asks (`REQUESTED`, the mentor answers); a mentor offers (`OFFERED`, the founder
//! answers). Who may take a step is part of the rule: a mentor cannot approve, a founder cannot
//! accept their own request, nobody but the schedule expires one. Ended states take no further
//! step.

use chrono::Duration;

/// Where a mentorship stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentorshipStatus {
    /// Asked for by the founder (or proposed by staff), waiting for the mentor.
    Requested,
    /// Offered by the mentor, waiting for the founder.
    Offered,
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
    /// Closed by VPD staff, whatever it was waiting for (the founder's supervision changed;
    /// neither side is told why).
    Closed,
}

impl MentorshipStatus {
    /// Every status.
    pub const ALL: [MentorshipStatus; 12] = [
        MentorshipStatus::Requested,
        MentorshipStatus::Offered,
        MentorshipStatus::Declined,
        MentorshipStatus::Withdrawn,
        MentorshipStatus::Expired,
        MentorshipStatus::Invalidated,
        MentorshipStatus::PendingReview,
        MentorshipStatus::Rejected,
        MentorshipStatus::Active,
        MentorshipStatus::Completed,
        MentorshipStatus::Ended,
        MentorshipStatus::Closed,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            MentorshipStatus::Requested => "requested",
            MentorshipStatus::Offered => "offered",
            MentorshipStatus::Declined => "declined",
            MentorshipStatus::Withdrawn => "withdrawn",
            MentorshipStatus::Expired => "expired",
            MentorshipStatus::Invalidated => "invalidated",
            MentorshipStatus::PendingReview => "pending_review",
            MentorshipStatus::Rejected => "rejected",
            MentorshipStatus::Active => "active",
            MentorshipStatus::Completed => "completed",
            MentorshipStatus::Ended => "ended",
            MentorshipStatus::Closed => "closed",
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

    /// Waiting for an answer, from the mentor (a request) or the founder (an offer).
    pub fn is_waiting(self) -> bool {
        matches!(self, MentorshipStatus::Requested | MentorshipStatus::Offered)
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
                | MentorshipStatus::Closed
        )
    }
}

/// At most this many requests of one founder wait for mentors at once.
pub const MAX_OPEN_REQUESTS: usize = 3;
/// An unanswered request expires this long after it was made.
pub const EXPIRES_AFTER: Duration = Duration::days(14);
/// At most this many offers of one mentor wait for founders at once.
pub const MAX_OPEN_OFFERS: usize = 3;
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
    /// A mentor offered to mentor the founder.
    Mentor,
}

impl Origin {
    /// Every origin.
    pub const ALL: [Origin; 4] = [Origin::Founder, Origin::Organisation, Origin::Staff, Origin::Mentor];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Founder => "founder",
            Origin::Organisation => "organisation",
            Origin::Staff => "staff",
            Origin::Mentor => "mentor",
        }
    }

    /// The origin stored as `name`; `None` for anything else.
    pub fn parse(name: &str) -> Option<Origin> {
        Origin::ALL.into_iter().find(|o| o.as_str() == name)
    }
}

/// A step in the life of a mentorship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    /// The side asked says yes (the mentor to a request, the founder to an offer).
    Accept,
    /// The side asked says no.
    Decline(DeclineReason),
    /// The side asking takes it back (the founder a request, the mentor an offer).
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
    /// VPD staff close it, open or running, because the founder's supervision now rules the
    /// match out.
    Close,
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
            Transition::Close => "close",
        }
    }

    /// From which statuses this step starts, who may take it from each, and where it leads.
    fn rule(&self) -> (&'static [(MentorshipStatus, &'static [Party])], MentorshipStatus) {
        use MentorshipStatus as S;
        const MENTOR: &[Party] = &[Party::Mentor];
        const FOUNDER: &[Party] = &[Party::Founder];
        const SYSTEM: &[Party] = &[Party::System];
        const STAFF: &[Party] = &[Party::Staff];
        match self {
            Transition::Accept => (&[(S::Requested, MENTOR), (S::Offered, FOUNDER)], S::PendingReview),
            // The system declines for a mentor Tilts paused for not answering.
            Transition::Decline(_) => {
                (&[(S::Requested, &[Party::Mentor, Party::System]), (S::Offered, FOUNDER)], S::Declined)
            }
            Transition::Withdraw => (&[(S::Requested, FOUNDER), (S::Offered, MENTOR)], S::Withdrawn),
            Transition::Expire => (&[(S::Requested, SYSTEM), (S::Offered, SYSTEM)], S::Expired),
            Transition::Invalidate => (&[(S::Requested, SYSTEM), (S::Offered, SYSTEM)], S::Invalidated),
            Transition::Approve => (&[(S::PendingReview, STAFF)], S::Active),
            Transition::Reject => (&[(S::PendingReview, STAFF)], S::Rejected),
            Transition::Complete => (&[(S::Active, &[Party::Founder, Party::Mentor])], S::Completed),
            Transition::End => (&[(S::Active, &[Party::Founder, Party::Mentor, Party::Staff])], S::Ended),
            Transition::Close => (
                &[(S::Requested, STAFF), (S::Offered, STAFF), (S::PendingReview, STAFF), (S::Active, STAFF)],
                S::Closed,
            ),
        }
    }
}

/// The status after `party` takes `step` from `from`, or why they cannot. Whether a reason's
/// text is present, and capacity, are the caller's checks: this decides who and from where.
pub fn next(from: MentorshipStatus, party: Party, step: &Transition) -> Result<MentorshipStatus, TransitionError> {
    let (starts, end) = step.rule();
    match starts.iter().find(|(start, _)| *start == from) {
        Some((_, parties)) if parties.contains(&party) => Ok(end),
        Some(_) => Err(TransitionError::NotYours { party, step: step.name() }),
        // Someone who never takes this step learns that first, whatever the state.
        None if !starts.iter().any(|(_, parties)| parties.contains(&party)) => {
            Err(TransitionError::NotYours { party, step: step.name() })
        }
        None => Err(TransitionError::WrongState { step: step.name(), from }),
    }
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
            Transition::Close,
        ]
    }

    #[test]
    fn an_offer_is_answered_by_the_founder_and_taken_back_by_the_mentor() {
        assert_eq!(next(S::Offered, Party::Founder, &Transition::Accept), Ok(S::PendingReview));
        assert_eq!(next(S::Offered, Party::Founder, &Transition::Decline(DeclineReason::Other)), Ok(S::Declined));
        assert_eq!(next(S::Offered, Party::Mentor, &Transition::Withdraw), Ok(S::Withdrawn));
        assert_eq!(
            next(S::Offered, Party::Mentor, &Transition::Accept),
            Err(TransitionError::NotYours { party: Party::Mentor, step: "accept" }),
            "a mentor does not accept their own offer"
        );
        assert!(next(S::Offered, Party::Founder, &Transition::Withdraw).is_err());
        assert!(next(S::Offered, Party::System, &Transition::Decline(DeclineReason::Paused)).is_err());
        assert_eq!(next(S::Offered, Party::System, &Transition::Expire), Ok(S::Expired));
        assert_eq!(next(S::Offered, Party::System, &Transition::Invalidate), Ok(S::Invalidated));
    }

    #[test]
    fn only_staff_close_and_only_what_is_open_or_running() {
        for from in [S::Requested, S::Offered, S::PendingReview, S::Active] {
            assert_eq!(next(from, Party::Staff, &Transition::Close), Ok(S::Closed), "{from:?}");
            for party in [Party::Founder, Party::Mentor, Party::System] {
                assert!(next(from, party, &Transition::Close).is_err(), "{party:?} closing {from:?}");
            }
        }
        for from in S::ALL.into_iter().filter(|s| s.is_final()) {
            assert_eq!(
                next(from, Party::Staff, &Transition::Close),
                Err(TransitionError::WrongState { step: "close", from })
            );
        }
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
        for origin in Origin::ALL {
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
        /// Whatever anyone tries in whatever order, a mentorship becomes active only through the
        /// asked side's yes (the mentor's to a request, the founder's to an offer) and then
        /// staff's approval, and once over it stays over.
        #[test]
        fn active_only_through_the_asked_side_and_staff_and_ended_stays_ended(
            offered in any::<bool>(),
            tries in prop::collection::vec((0..4usize, 0..10usize), 0..40)
        ) {
            let steps = steps();
            let (mut status, asked) = if offered { (S::Offered, Party::Founder) } else { (S::Requested, Party::Mentor) };
            let mut history = vec![(status, None)];
            for (party, step) in tries {
                let (party, step) = (PARTIES[party], &steps[step]);
                match next(status, party, step) {
                    Ok(after) => {
                        prop_assert!(!status.is_final(), "{status:?} left by {step:?}");
                        if after == S::Active {
                            prop_assert_eq!((party, status), (Party::Staff, S::PendingReview));
                            prop_assert!(history.iter().any(|(s, by)| *s == S::PendingReview && *by == Some(asked)));
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
