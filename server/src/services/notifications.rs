//! In-app notifications: made in the same transaction as the decision they tell about (and the
//! e-mail), read in the reader's language, marked read by their reader only.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::Db;
use crate::db::repos::notifications as repo;
use crate::domain::{
    Account, Locale, UserId, application::Event as ApplicationEvent, mentoring::Event, moderation::Decision,
    notification::Notice,
};
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::{Key, Message, message_keys};
use crate::state::AppState;

/// Why notifications could not be read or marked.
#[derive(Debug, thiserror::Error)]
pub enum NotificationsError {
    /// A page cursor the server did not make.
    #[error("not a cursor of this list")]
    BadCursor,
    /// The database failed.
    #[error("notifications could not be read")]
    Database(#[from] sea_orm::DbErr),
}

impl ToClientError for NotificationsError {
    fn client_error(&self) -> Option<ClientError> {
        match self {
            NotificationsError::BadCursor => {
                Some(ClientError::new(Code::BadUserInput, Message::InvalidRequest).field("after"))
            }
            NotificationsError::Database(_) => None,
        }
    }
}

/// Tells `user` about `notice` (call inside the transaction of what it tells about).
pub async fn notify(
    db: &impl ConnectionTrait,
    user: UserId,
    notice: &Notice,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    repo::insert(db, user, &notice.kind(), &notice.params(), &notice.link(), now).await
}

/// A notification as its reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Its id.
    pub id: Uuid,
    /// What it is about.
    pub notice: Notice,
    /// Its title in the reader's language.
    pub title: String,
    /// Its text in the reader's language.
    pub body: String,
    /// Where it leads.
    pub link: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// Whether the reader has seen it.
    pub read: bool,
}

/// A page of notifications, newest first.
#[derive(Debug, Clone)]
pub struct NotificationsPage {
    /// The notifications.
    pub items: Vec<Shown>,
    /// Whether older ones follow.
    pub has_more: bool,
}

/// The title and text of `notice` in `locale`.
fn words(notice: &Notice, locale: Locale) -> (String, String) {
    use message_keys as k;
    let (title, body): (Key, Key) = match notice {
        Notice::ModerationDecided { decision, .. } => match decision {
            Decision::Approve => (k::NOTICE_APPROVED_TITLE, k::NOTICE_APPROVED_BODY),
            Decision::Reject => (k::NOTICE_REJECTED_TITLE, k::NOTICE_REJECTED_BODY),
            Decision::Suspend => (k::NOTICE_SUSPENDED_TITLE, k::NOTICE_SUSPENDED_BODY),
            Decision::Reinstate => (k::NOTICE_REINSTATED_TITLE, k::NOTICE_REINSTATED_BODY),
        },
        Notice::OrganisationDecided { decision, .. } => match decision {
            Decision::Approve => (k::NOTICE_ORGANISATION_APPROVED_TITLE, k::NOTICE_ORGANISATION_APPROVED_BODY),
            Decision::Reject => (k::NOTICE_ORGANISATION_REJECTED_TITLE, k::NOTICE_ORGANISATION_REJECTED_BODY),
            Decision::Suspend => (k::NOTICE_ORGANISATION_SUSPENDED_TITLE, k::NOTICE_ORGANISATION_SUSPENDED_BODY),
            Decision::Reinstate => (k::NOTICE_ORGANISATION_REINSTATED_TITLE, k::NOTICE_ORGANISATION_REINSTATED_BODY),
        },
        Notice::RepresentativeDecided { decision: Decision::Approve, .. } => {
            (k::NOTICE_REPRESENTATIVE_APPROVED_TITLE, k::NOTICE_REPRESENTATIVE_APPROVED_BODY)
        }
        Notice::RepresentativeDecided { .. } => {
            (k::NOTICE_REPRESENTATIVE_REJECTED_TITLE, k::NOTICE_REPRESENTATIVE_REJECTED_BODY)
        }
        Notice::RepresentativeJoined { .. } => {
            (k::NOTICE_REPRESENTATIVE_JOINED_TITLE, k::NOTICE_REPRESENTATIVE_JOINED_BODY)
        }
        Notice::Mentorship { event, .. } => mentorship_words(*event),
        Notice::Application { event, .. } => application_words(*event),
        Notice::OpportunityReviewed { published: true, .. } => {
            (k::NOTICE_OPPORTUNITY_PUBLISHED_TITLE, k::NOTICE_OPPORTUNITY_PUBLISHED_BODY)
        }
        Notice::OpportunityReviewed { .. } => {
            (k::NOTICE_OPPORTUNITY_REJECTED_TITLE, k::NOTICE_OPPORTUNITY_REJECTED_BODY)
        }
    };
    let (other, posting) = match notice {
        Notice::Mentorship { other, .. } => (other.as_str(), ""),
        Notice::OpportunityReviewed { title, .. } => ("", title.as_str()),
        Notice::Application { other, title, .. } => (other.as_str(), title.as_str()),
        _ => ("", ""),
    };
    let (organisation, email, reason) = match notice {
        Notice::ModerationDecided { reason, .. } => ("", "", reason.as_deref()),
        Notice::OrganisationDecided { organisation, reason, .. } => (organisation.as_str(), "", reason.as_deref()),
        Notice::RepresentativeDecided { organisation, email, reason, .. } => {
            (organisation.as_str(), email.as_str(), reason.as_deref())
        }
        Notice::RepresentativeJoined { organisation } => (organisation.as_str(), "", None),
        Notice::Mentorship { reason, .. }
        | Notice::OpportunityReviewed { reason, .. }
        | Notice::Application { reason, .. } => ("", "", reason.as_deref()),
    };
    let values = [
        ("organisation", organisation),
        ("email", email),
        ("reason", reason.unwrap_or_default()),
        ("other", other),
        ("title", posting),
    ];
    let fill = |key: Key| crate::i18n::fill(key.text(locale), &values);
    (fill(title), fill(body))
}

/// The title and text keys of an application notice.
fn application_words(event: ApplicationEvent) -> (Key, Key) {
    use message_keys as k;
    match event {
        ApplicationEvent::Applied => (k::NOTICE_APPLICATION_APPLIED_TITLE, k::NOTICE_APPLICATION_APPLIED_BODY),
        ApplicationEvent::Shortlisted => {
            (k::NOTICE_APPLICATION_SHORTLISTED_TITLE, k::NOTICE_APPLICATION_SHORTLISTED_BODY)
        }
        ApplicationEvent::Hired => (k::NOTICE_APPLICATION_HIRED_TITLE, k::NOTICE_APPLICATION_HIRED_BODY),
        ApplicationEvent::Declined => (k::NOTICE_APPLICATION_DECLINED_TITLE, k::NOTICE_APPLICATION_DECLINED_BODY),
        ApplicationEvent::Withdrawn => (k::NOTICE_APPLICATION_WITHDRAWN_TITLE, k::NOTICE_APPLICATION_WITHDRAWN_BODY),
    }
}

/// The title and text keys of a mentorship notice.
fn mentorship_words(event: Event) -> (Key, Key) {
    use message_keys as k;
    match event {
        Event::Requested => (k::NOTICE_MENTORSHIP_REQUESTED_TITLE, k::NOTICE_MENTORSHIP_REQUESTED_BODY),
        Event::Proposed => (k::NOTICE_MENTORSHIP_PROPOSED_TITLE, k::NOTICE_MENTORSHIP_PROPOSED_BODY),
        Event::Accepted => (k::NOTICE_MENTORSHIP_ACCEPTED_TITLE, k::NOTICE_MENTORSHIP_ACCEPTED_BODY),
        Event::Declined => (k::NOTICE_MENTORSHIP_DECLINED_TITLE, k::NOTICE_MENTORSHIP_DECLINED_BODY),
        Event::Withdrawn => (k::NOTICE_MENTORSHIP_WITHDRAWN_TITLE, k::NOTICE_MENTORSHIP_WITHDRAWN_BODY),
        Event::Invalidated => (k::NOTICE_MENTORSHIP_INVALIDATED_TITLE, k::NOTICE_MENTORSHIP_INVALIDATED_BODY),
        Event::Approved => (k::NOTICE_MENTORSHIP_APPROVED_TITLE, k::NOTICE_MENTORSHIP_APPROVED_BODY),
        Event::Rejected => (k::NOTICE_MENTORSHIP_REJECTED_TITLE, k::NOTICE_MENTORSHIP_REJECTED_BODY),
        Event::Reminded => (k::NOTICE_MENTORSHIP_REMINDED_TITLE, k::NOTICE_MENTORSHIP_REMINDED_BODY),
        Event::Expired => (k::NOTICE_MENTORSHIP_EXPIRED_TITLE, k::NOTICE_MENTORSHIP_EXPIRED_BODY),
        Event::Paused => (k::NOTICE_MENTORSHIP_PAUSED_TITLE, k::NOTICE_MENTORSHIP_PAUSED_BODY),
        Event::Message => (k::NOTICE_MENTORSHIP_MESSAGE_TITLE, k::NOTICE_MENTORSHIP_MESSAGE_BODY),
        Event::Completed => (k::NOTICE_MENTORSHIP_COMPLETED_TITLE, k::NOTICE_MENTORSHIP_COMPLETED_BODY),
        Event::Ended => (k::NOTICE_MENTORSHIP_ENDED_TITLE, k::NOTICE_MENTORSHIP_ENDED_BODY),
        Event::Offered => (k::NOTICE_MENTORSHIP_OFFERED_TITLE, k::NOTICE_MENTORSHIP_OFFERED_BODY),
        Event::OfferAccepted => (k::NOTICE_MENTORSHIP_OFFER_ACCEPTED_TITLE, k::NOTICE_MENTORSHIP_OFFER_ACCEPTED_BODY),
        Event::OfferDeclined => (k::NOTICE_MENTORSHIP_OFFER_DECLINED_TITLE, k::NOTICE_MENTORSHIP_OFFER_DECLINED_BODY),
        Event::OfferWithdrawn => {
            (k::NOTICE_MENTORSHIP_OFFER_WITHDRAWN_TITLE, k::NOTICE_MENTORSHIP_OFFER_WITHDRAWN_BODY)
        }
        Event::OfferExpired => (k::NOTICE_MENTORSHIP_OFFER_EXPIRED_TITLE, k::NOTICE_MENTORSHIP_OFFER_EXPIRED_BODY),
        Event::Closed => (k::NOTICE_MENTORSHIP_CLOSED_TITLE, k::NOTICE_MENTORSHIP_CLOSED_BODY),
    }
}

/// `actor`'s notifications in `locale`: at most `first` after the key `after`.
pub async fn mine(
    db: &impl Db,
    actor: &Account,
    locale: Locale,
    first: usize,
    after: Option<(DateTime<Utc>, Uuid)>,
) -> Result<NotificationsPage, NotificationsError> {
    let first = first.clamp(1, super::MAX_PAGE_SIZE);
    let mut rows = repo::of(db, actor.id, after, first as u64 + 1).await?;
    let has_more = rows.len() > first;
    rows.truncate(first);
    let items = rows
        .into_iter()
        .filter_map(|row| {
            let notice = Notice::parse(&row.kind, &row.params)?;
            let (title, body) = words(&notice, locale);
            Some(Shown {
                id: row.id,
                notice,
                title,
                body,
                link: row.link,
                created_at: row.created_at,
                read: row.read_at.is_some(),
            })
        })
        .collect();
    Ok(NotificationsPage { items, has_more })
}

/// How many of `actor`'s notifications are unread.
pub async fn unread(db: &impl Db, actor: &Account) -> Result<u64, NotificationsError> {
    Ok(repo::unread(db, actor.id).await?)
}

/// Marks `ids` read, those of them that are `actor`'s; returns how many stay unread.
pub async fn mark_read(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    ids: &[Uuid],
) -> Result<u64, NotificationsError> {
    repo::mark_read(db, actor.id, ids, state.now()).await?;
    Ok(repo::unread(db, actor.id).await?)
}
