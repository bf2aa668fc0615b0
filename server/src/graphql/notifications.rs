//! Notifications over GraphQL: the list, the unread count for the bell, marking read.

use async_graphql::{
    Context, Enum, ID, Object, SimpleObject,
    connection::{Connection, Edge},
};
use base64::Engine as _;
use chrono::{DateTime, Utc};

use super::access::{ANY_FIELD, Access, Rule};
use super::context::ContextExt;
use crate::domain::notification::Notice;
use crate::services::notifications::{self, NotificationsError};

/// Who may reach the fields of this module: every signed-in person, about their own.
pub const ACCESS: &[Access] = &[
    ("Query", "notifications", Rule::SignedIn),
    ("Query", "unreadNotificationCount", Rule::SignedIn),
    ("Mutation", "markNotificationsRead", Rule::SignedIn),
    ("NotificationConnection", ANY_FIELD, Rule::SignedIn),
    ("NotificationEdge", ANY_FIELD, Rule::SignedIn),
    ("Notification", ANY_FIELD, Rule::SignedIn),
];

/// What a notification is about.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum NotificationKind {
    /// VPD staff decided about the person's account.
    ModerationDecision,
    /// VPD staff decided about an organisation the person acts for.
    OrganisationDecision,
    /// VPD staff decided about someone the person invited to act for their organisation.
    RepresentativeDecision,
    /// The person now acts for an organisation.
    RepresentativeJoined,
    /// Something happened in one of the person's mentorships (the link opens it).
    Mentorship,
    /// VPD staff published or rejected an opportunity of the person's organisation.
    OpportunityDecision,
    /// An application moved: the person's own, or one to a posting of their organisation.
    Application,
}

/// Something the person must know about.
#[derive(SimpleObject)]
pub struct Notification {
    id: ID,
    kind: NotificationKind,
    /// In the reader's language.
    title: String,
    /// In the reader's language.
    body: String,
    /// The page of the app it leads to.
    link: String,
    created_at: DateTime<Utc>,
    read: bool,
}

fn cursor(at: DateTime<Utc>, id: uuid::Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{}|{id}", at.to_rfc3339()))
}

fn parse_cursor(cursor: &str) -> Option<(DateTime<Utc>, uuid::Uuid)> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (at, id) = text.split_once('|')?;
    Some((DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc), uuid::Uuid::parse_str(id).ok()?))
}

/// Notification queries.
#[derive(Default)]
pub struct NotificationsQuery;

#[Object]
impl NotificationsQuery {
    /// The signed-in person's notifications, newest first.
    #[graphql(complexity = "first * child_complexity")]
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Notification>> {
        let viewer = ctx.viewer()?;
        let after = match after {
            Some(text) => Some(parse_cursor(&text).ok_or_else(|| ctx.fail(&NotificationsError::BadCursor))?),
            None => None,
        };
        let locale = ctx.request()?.locale;
        let page =
            notifications::mine(ctx.db()?, &viewer.account, locale, first, after).await.map_err(|e| ctx.fail(&e))?;
        let mut connection = Connection::new(after.is_some(), page.has_more);
        connection.edges.extend(page.items.into_iter().map(|n| {
            let kind = match n.notice {
                Notice::ModerationDecided { .. } => NotificationKind::ModerationDecision,
                Notice::OrganisationDecided { .. } => NotificationKind::OrganisationDecision,
                Notice::RepresentativeDecided { .. } => NotificationKind::RepresentativeDecision,
                Notice::RepresentativeJoined { .. } => NotificationKind::RepresentativeJoined,
                Notice::Mentorship { .. } => NotificationKind::Mentorship,
                Notice::OpportunityReviewed { .. } => NotificationKind::OpportunityDecision,
                Notice::Application { .. } => NotificationKind::Application,
            };
            let node = Notification {
                id: ID(n.id.to_string()),
                kind,
                title: n.title,
                body: n.body,
                link: n.link,
                created_at: n.created_at,
                read: n.read,
            };
            Edge::new(cursor(n.created_at, n.id), node)
        }));
        Ok(connection)
    }

    /// How many of the signed-in person's notifications are unread (the bell's number).
    async fn unread_notification_count(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        let viewer = ctx.viewer()?;
        notifications::unread(ctx.db()?, &viewer.account).await.map_err(|e| ctx.fail(&e))
    }
}

/// Notification mutations.
#[derive(Default)]
pub struct NotificationsMutation;

#[Object]
impl NotificationsMutation {
    /// Marks the signed-in person's notifications `ids` read (ids of others' notifications, or
    /// that do not exist, change nothing); returns how many stay unread.
    async fn mark_notifications_read(&self, ctx: &Context<'_>, ids: Vec<ID>) -> async_graphql::Result<u64> {
        let viewer = ctx.viewer()?;
        let ids: Vec<uuid::Uuid> =
            ids.iter().filter_map(|id| uuid::Uuid::parse_str(id.as_str()).ok()).take(100).collect();
        notifications::mark_read(ctx.db()?, ctx.state()?, &viewer.account, &ids).await.map_err(|e| ctx.fail(&e))
    }
}
