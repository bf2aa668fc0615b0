//! Mentoring: recommendations, requests and their answers, staff review and proposals, and
//! the views of mentorships. Every step is [`crate::domain::mentoring::lifecycle::next`]'s
//! decision, taken as one conditional update inside a transaction that first holds the rows
//! whose counts it checks (the mentor's places, the founder's open requests).
//!
//! A mentorship is visible to its two sides and to VPD staff; to anyone else it answers
//! `NOT_FOUND`, like an id that never existed. A founder's supervision constraints shape what
//! happens (a mentor they must not meet is absent) but are never named.

pub mod activity;
pub mod offers;
pub mod pool;
pub mod recommendations;
pub mod requests;
pub mod schedule;
pub mod supervision;
pub mod views;

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::db::repos::mentorships::Stored;
use crate::domain::{
    Account, Role,
    mentoring::{Event, Party, TransitionError},
    notification::Notice,
};
use crate::email;
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::Message;
use crate::state::AppState;

/// The longest request message, decline text or staff note, in characters.
pub const MAX_MESSAGE_CHARS: usize = 1000;

/// Why a mentoring use case did not go through.
#[derive(Debug, thiserror::Error)]
pub enum MentoringError {
    /// No such mentorship or person, or one the viewer may not see.
    #[error("not found")]
    NotFound,
    /// The viewer is a side of the mentorship but this step is the other side's.
    #[error(transparent)]
    NotYours(TransitionError),
    /// The mentorship moved on meanwhile (answered, withdrawn, reviewed, expired).
    #[error(transparent)]
    MovedOn(TransitionError),
    /// Three requests wait for answers already.
    #[error("too many open requests")]
    TooManyRequests,
    /// A request to this mentor waits already.
    #[error("already requested")]
    AlreadyRequested,
    /// A mentorship runs or waits for staff.
    #[error("already mentored")]
    AlreadyMentored,
    /// The mentor cannot take this founder: no place, paused, or no common language.
    #[error("the mentor cannot take a request")]
    MentorUnavailable,
    /// A request or offer between the two waits already, made by the mentor.
    #[error("the mentor offered already")]
    OfferWaiting,
    /// The mentor's offer to this founder waits already.
    #[error("already offered")]
    AlreadyOffered,
    /// The mentor's offers waiting for answers are at the limit.
    #[error("too many open offers")]
    TooManyOffers,
    /// The founder does not look for a mentor now (or has one).
    #[error("the founder is not seeking a mentor")]
    NotSeeking,
    /// The mentor cannot take this founder: no place, paused, or no common language.
    #[error("the mentor cannot offer")]
    CannotOffer,
    /// Every place of the mentor is taken.
    #[error("the mentor has no place left")]
    MentorFull,
    /// A representative acting for no approved NGO (or for several, without naming one).
    #[error("no approved NGO to ask for")]
    NgoRequired,
    /// The founder has no profile yet.
    #[error("the founder has no profile")]
    ProfileRequired,
    /// No profile to recommend from.
    #[error("no profile to recommend from")]
    ProfileRequiredForRecommendations,
    /// The message is empty.
    #[error("the message is empty")]
    MessageRequired,
    /// The message (or text, or note) is too long; the field's name.
    #[error("{0} is too long")]
    TooLong(&'static str),
    /// A decline without a reason.
    #[error("a decline needs a reason")]
    DeclineReasonRequired,
    /// A rejection without a note.
    #[error("a rejection needs a note")]
    NoteRequired,
    /// The founder's supervision rules the match out (staff only learn this).
    #[error("the supervision rules the match out")]
    SupervisionConflict,
    /// Something written in a running mentorship breaks its rule.
    #[error(transparent)]
    Invalid(#[from] crate::domain::mentoring::activity::ActivityError),
    /// Writing in a mentorship that is not running.
    #[error("the mentorship is not running")]
    NotActive,
    /// The fit check before any logged session.
    #[error("no session logged yet")]
    NoSessionYet,
    /// A second answer to the same question.
    #[error("already answered")]
    AlreadyAnswered,
    /// Ending early without a reason.
    #[error("ending early needs a reason")]
    EndReasonRequired,
    /// A page cursor the server did not make.
    #[error("not a cursor of this list")]
    BadCursor,
    /// A role the access gate should have refused reached this use case.
    #[error("the access rules let a {0:?} through to mentoring")]
    RoleNotServed(Role),
    /// The database failed.
    #[error("mentoring could not be read or saved")]
    Database(#[from] sea_orm::DbErr),
    /// Queueing an e-mail failed.
    #[error("queueing the e-mail failed")]
    Unexpected(#[from] anyhow::Error),
}

impl From<TransitionError> for MentoringError {
    fn from(err: TransitionError) -> Self {
        match err {
            TransitionError::NotYours { .. } => MentoringError::NotYours(err),
            TransitionError::WrongState { .. } => MentoringError::MovedOn(err),
        }
    }
}

impl ToClientError for MentoringError {
    fn client_error(&self) -> Option<ClientError> {
        use MentoringError as E;
        let conflict =
            |message: Message, reason: &'static str| ClientError::new(Code::Conflict, message).reason(reason);
        Some(match self {
            E::NotFound => ClientError::new(Code::NotFound, Message::NotFound),
            E::NotYours(_) => ClientError::new(Code::Forbidden, Message::Forbidden),
            E::MovedOn(_) => conflict(Message::MentorshipMovedOn, "MENTORSHIP_MOVED_ON"),
            E::TooManyRequests => conflict(Message::TooManyOpenRequests, "TOO_MANY_OPEN_REQUESTS"),
            E::AlreadyRequested => conflict(Message::AlreadyRequested, "ALREADY_REQUESTED"),
            E::AlreadyMentored => conflict(Message::AlreadyMentored, "ALREADY_MENTORED"),
            E::MentorUnavailable => conflict(Message::MentorUnavailable, "MENTOR_UNAVAILABLE"),
            E::MentorFull => conflict(Message::MentorFull, "MENTOR_FULL"),
            E::OfferWaiting => conflict(Message::OfferWaiting, "OFFER_WAITING"),
            E::AlreadyOffered => conflict(Message::AlreadyOffered, "ALREADY_OFFERED"),
            E::TooManyOffers => conflict(Message::TooManyOpenOffers, "TOO_MANY_OPEN_OFFERS"),
            E::NotSeeking => conflict(Message::FounderNotSeeking, "NOT_SEEKING"),
            E::CannotOffer => conflict(Message::CannotOffer, "CANNOT_OFFER"),
            E::ProfileRequired => conflict(Message::FounderProfileRequired, "PROFILE_REQUIRED"),
            E::NgoRequired => ClientError::new(Code::BadUserInput, Message::NgoRequired)
                .field("organisationId")
                .reason("NGO_REQUIRED"),
            E::ProfileRequiredForRecommendations => {
                conflict(Message::ProfileRequiredForRecommendations, "PROFILE_REQUIRED")
            }
            E::SupervisionConflict => conflict(Message::SupervisionConflict, "SUPERVISION_CONFLICT"),
            E::MessageRequired => {
                ClientError::new(Code::BadUserInput, Message::MentorshipMessageRequired).field("message")
            }
            E::TooLong(field) => ClientError::new(Code::BadUserInput, Message::MentorshipMessageTooLong).field(field),
            E::DeclineReasonRequired => {
                ClientError::new(Code::BadUserInput, Message::DeclineReasonRequired).field("reason")
            }
            E::NoteRequired => ClientError::new(Code::BadUserInput, Message::ReviewNoteRequired).field("note"),
            E::Invalid(err) => {
                let (message, field) = activity_error(*err);
                ClientError::new(Code::BadUserInput, message).field(field)
            }
            E::NotActive => conflict(Message::MentorshipNotActive, "MENTORSHIP_NOT_ACTIVE"),
            E::NoSessionYet => conflict(Message::NoSessionYet, "NO_SESSION_YET"),
            E::AlreadyAnswered => conflict(Message::AlreadyAnswered, "ALREADY_ANSWERED"),
            E::EndReasonRequired => ClientError::new(Code::BadUserInput, Message::EndReasonRequired).field("reason"),
            E::BadCursor => ClientError::new(Code::BadUserInput, Message::InvalidRequest).field("after"),
            E::RoleNotServed(_) | E::Database(_) | E::Unexpected(_) => return None,
        })
    }
}

/// The message and the argument at fault for a rule of what the two sides write.
fn activity_error(err: crate::domain::mentoring::activity::ActivityError) -> (Message, &'static str) {
    use crate::domain::mentoring::activity::ActivityError as A;
    match err {
        A::Required("body") => (Message::MessageRequired, "body"),
        A::TooLong("body") => (Message::MessageTooLong, "body"),
        A::Required("title") => (Message::TitleRequired, "title"),
        A::Required("topic") => (Message::TopicRequired, "topic"),
        A::Required("reason") => (Message::EndReasonRequired, "reason"),
        A::Required(field) | A::TooLong(field) => (Message::TextTooLong, field),
        A::Minutes => (Message::SessionMinutesOutOfRange, "minutes"),
        A::FutureSession => (Message::SessionInFuture, "heldOn"),
        A::Rating => (Message::RatingOutOfRange, "rating"),
    }
}

/// `text` trimmed, if it has at most [`MAX_MESSAGE_CHARS`] characters (`field` names it when not).
fn bounded(text: &str, field: &'static str) -> Result<String, MentoringError> {
    let text = text.trim();
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return Err(MentoringError::TooLong(field));
    }
    Ok(text.to_owned())
}

/// Which side of `mentorship` `actor` is; `None` (so `NOT_FOUND`) for anyone else.
fn party_of(mentorship: &Stored, actor: &Account) -> Option<Party> {
    if actor.id == mentorship.mentee {
        Some(Party::Founder)
    } else if actor.id == mentorship.mentor {
        Some(Party::Mentor)
    } else if actor.role.is_vpd() {
        Some(Party::Staff)
    } else {
        None
    }
}

/// What happened in a mentorship, for one of its people to be told.
struct News<'a> {
    event: Event,
    mentorship: Uuid,
    /// The other side's name.
    other: &'a str,
    /// A decline's reason, or a request's message (e-mail only).
    reason: Option<&'a str>,
}

/// Tells `person` the `news`: in the app and by e-mail through the outbox, in their language.
/// Inside the caller's transaction.
async fn tell(
    db: &impl ConnectionTrait,
    state: &AppState,
    person: &Account,
    news: News<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let News { event, mentorship, other, reason } = news;
    // A request's message is for the mentor's e-mail; the in-app notice links to it instead.
    let notice_reason = if matches!(event, Event::Declined | Event::Ended) { reason.map(str::to_owned) } else { None };
    let notice = Notice::Mentorship { event, mentorship, other: other.to_owned(), reason: notice_reason };
    super::notifications::notify(db, person.id, &notice, now).await?;
    let link = state.settings.page(&notice.link());
    let mail = email::templates::Email::Mentorship { name: &person.display_name, event, other, reason, link: &link };
    email::enqueue(db, &person.email, &mail.render(person.locale), now).await
}
