//! What happened in a mentorship that one of its people must act on or know about: each becomes
//! an in-app notice and an e-mail in the recipient's language.

/// Something to tell a founder or a mentor about their mentorship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    /// To the mentor: a founder asks them.
    Requested,
    /// To the mentor and the founder: VPD staff propose the match.
    Proposed,
    /// To the founder: the mentor said yes; VPD staff check the match next.
    Accepted,
    /// To the founder: the mentor said no (with their reason).
    Declined,
    /// To the mentor: the founder took the request back.
    Withdrawn,
    /// To the mentor: the founder found a mentor meanwhile, so the request is closed.
    Invalidated,
    /// To both: VPD approved the match; the mentorship runs.
    Approved,
    /// To both: VPD did not approve the match.
    Rejected,
    /// To the mentor: a request waits for their answer (after 3 and 7 days).
    Reminded,
    /// To the founder: the mentor did not answer within 14 days.
    Expired,
    /// To the mentor: Tilts paused their mentoring because a request went unanswered.
    Paused,
    /// To the other side: a new message (by e-mail at most once an hour per mentorship).
    Message,
    /// To the other side: the mentorship was completed.
    Completed,
    /// To the other side: the mentorship was ended early (with the reason).
    Ended,
    /// To the founder: a mentor offers to mentor them (with the mentor's message).
    Offered,
    /// To the mentor: the founder took up their offer; VPD staff check the match next.
    OfferAccepted,
    /// To the mentor: the founder did not take up their offer.
    OfferDeclined,
    /// To the founder: the mentor took their offer back.
    OfferWithdrawn,
    /// To the mentor: the founder did not answer the offer within 14 days.
    OfferExpired,
    /// To both: VPD closed the mentorship or the request (never saying why).
    Closed,
}

impl Event {
    /// Every event.
    pub const ALL: [Event; 20] = [
        Event::Requested,
        Event::Proposed,
        Event::Accepted,
        Event::Declined,
        Event::Withdrawn,
        Event::Invalidated,
        Event::Approved,
        Event::Rejected,
        Event::Reminded,
        Event::Expired,
        Event::Paused,
        Event::Message,
        Event::Completed,
        Event::Ended,
        Event::Offered,
        Event::OfferAccepted,
        Event::OfferDeclined,
        Event::OfferWithdrawn,
        Event::OfferExpired,
        Event::Closed,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Requested => "requested",
            Event::Proposed => "proposed",
            Event::Accepted => "accepted",
            Event::Declined => "declined",
            Event::Withdrawn => "withdrawn",
            Event::Invalidated => "invalidated",
            Event::Approved => "approved",
            Event::Rejected => "rejected",
            Event::Reminded => "reminded",
            Event::Expired => "expired",
            Event::Paused => "paused",
            Event::Message => "message",
            Event::Completed => "completed",
            Event::Ended => "ended",
            Event::Offered => "offered",
            Event::OfferAccepted => "offer_accepted",
            Event::OfferDeclined => "offer_declined",
            Event::OfferWithdrawn => "offer_withdrawn",
            Event::OfferExpired => "offer_expired",
            Event::Closed => "closed",
        }
    }

    /// The event stored as `name`; `None` for anything else.
    pub fn parse(name: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.as_str() == name)
    }
}
