//! Applications over GraphQL: a founder's `applyToOpportunity`, `withdrawApplication`,
//! `myApplications` and `shareApplicationsWithMentor`; an organisation's `applicants` and
//! `moveApplication`; a mentor's `menteeApplications`. Who sees which application is the
//! service's: a hidden one answers `NOT_FOUND`, like an id that never existed.

use std::collections::HashMap;

use async_graphql::{
    Context, Enum, ErrorExtensions, ID, Object, SimpleObject,
    connection::{Connection, Edge},
};
use base64::Engine as _;
use chrono::{DateTime, NaiveDate, Utc};

use super::access::{ANY_FIELD, Access, Rule};
use super::context::ContextExt;
use super::directory::{Contact, Founder};
use super::opportunities::{KindGql, OpportunityOrganisation, StatusGql};
use crate::db::repos::applications::After;
use crate::domain::{Role, UserId};
use crate::services::applications::{self, Applicant as Seen, Application as Found, ApplicationError, Applying};

/// Founders.
const FOUNDERS: Rule = Rule::Roles(&[Role::Founder]);
/// Approved organisation accounts (which organisation's applicants is the service's).
const REPRESENTATIVES: Rule = Rule::Roles(&[Role::Enterprise]);

/// Who may reach the fields of this module.
pub const ACCESS: &[Access] = &[
    ("Query", "myApplications", FOUNDERS),
    ("Query", "applicationsSharedWithMentor", FOUNDERS),
    ("Query", "applicants", REPRESENTATIVES),
    ("Query", "menteeApplications", Rule::Roles(&[Role::Mentor])),
    ("Mutation", "applyToOpportunity", FOUNDERS),
    ("Mutation", "withdrawApplication", FOUNDERS),
    ("Mutation", "shareApplicationsWithMentor", FOUNDERS),
    ("Mutation", "moveApplication", REPRESENTATIVES),
    // A founder's own applications; their mentor's view of them, with their leave.
    ("Application", ANY_FIELD, Rule::Roles(&[Role::Founder, Role::Mentor])),
    ("ApplicationConnection", ANY_FIELD, Rule::Roles(&[Role::Founder, Role::Mentor])),
    ("ApplicationEdge", ANY_FIELD, Rule::Roles(&[Role::Founder, Role::Mentor])),
    ("AppliedOpportunity", ANY_FIELD, Rule::Roles(&[Role::Founder, Role::Mentor])),
    // An application as its organisation sees it.
    ("Applicant", ANY_FIELD, REPRESENTATIVES),
    ("ApplicantConnection", ANY_FIELD, REPRESENTATIVES),
    ("ApplicantEdge", ANY_FIELD, REPRESENTATIVES),
];

/// Where an application stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "ApplicationStatus", remote = "crate::domain::application::ApplicationStatus")]
pub enum ApplicationStatusGql {
    /// Sent; the organisation has not answered yet.
    Submitted,
    /// On the organisation's shortlist: it sees the contact details the founder chose.
    Shortlisted,
    /// The founder got it.
    Hired,
    /// The organisation said no, with a reason.
    Declined,
    /// The founder took it back.
    Withdrawn,
}

/// The opportunity an application is for, as it stands now.
#[derive(SimpleObject)]
pub struct AppliedOpportunity {
    id: ID,
    title: String,
    kind: KindGql,
    status: StatusGql,
    deadline: NaiveDate,
    organisation: OpportunityOrganisation,
}

/// A founder's application, as they (or their mentor, with their leave) see it.
#[derive(SimpleObject)]
pub struct Application {
    id: ID,
    status: ApplicationStatusGql,
    message: String,
    /// The founder shares their e-mail address once shortlisted.
    share_email: bool,
    /// The founder shares their phone number once shortlisted.
    share_phone: bool,
    /// The organisation's reason, when it declined.
    decline_reason: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    opportunity: AppliedOpportunity,
}

impl Application {
    fn new(found: Found, organisation: String) -> Application {
        let (s, p) = (found.stored, found.posting);
        Application {
            id: ID(s.id.to_string()),
            status: s.status.into(),
            message: s.message,
            share_email: s.share_email,
            share_phone: s.share_phone,
            decline_reason: s.decline_reason,
            created_at: s.created_at,
            updated_at: s.updated_at,
            opportunity: AppliedOpportunity {
                id: ID(p.id.to_string()),
                title: p.opportunity.title,
                kind: p.opportunity.details.kind().into(),
                status: p.status.into(),
                deadline: p.opportunity.deadline,
                organisation: OpportunityOrganisation::new(p.organisation, organisation),
            },
        }
    }
}

/// An application as the organisation sees it: the founder's public profile and message, and
/// the contact details the founder chose once it is on the shortlist or a hire.
#[derive(SimpleObject)]
pub struct Applicant {
    /// The application's id.
    id: ID,
    status: ApplicationStatusGql,
    message: String,
    /// The organisation's own reason, when it declined.
    decline_reason: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    /// The founder's public profile.
    founder: Founder,
    /// What the founder chose to share, once shortlisted or hired; none before.
    contact: Option<Contact>,
}

/// A cursor: the list's letter, the time and the id.
fn cursor(letter: char, at: DateTime<Utc>, id: uuid::Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{letter}|{}|{id}", at.to_rfc3339()))
}

/// The key `after` holds for the list `letter`; a cursor the server did not make is refused.
fn parse_after(after: Option<&str>, letter: char) -> Result<Option<After>, ApplicationError> {
    let Some(after) = after else { return Ok(None) };
    let parsed = (|| {
        let text = String::from_utf8(base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(after).ok()?).ok()?;
        let mut parts = text.splitn(3, '|');
        (parts.next()? == letter.to_string()).then_some(())?;
        let at = DateTime::parse_from_rfc3339(parts.next()?).ok()?.with_timezone(&Utc);
        Some((at, uuid::Uuid::parse_str(parts.next()?).ok()?))
    })();
    parsed.map(Some).ok_or(ApplicationError::BadCursor)
}

fn fail(ctx: &Context<'_>, err: &ApplicationError) -> async_graphql::Error {
    let error = ctx.fail(err);
    match err.field() {
        Some(field) => error.extend_with(|_, ext| ext.set("field", field)),
        None => error,
    }
}

/// An id as a uuid; one that is not answers like an application that does not exist.
fn uuid_of(id: &ID) -> Result<uuid::Uuid, ApplicationError> {
    uuid::Uuid::parse_str(id.as_str()).map_err(|_| ApplicationError::NotFound)
}

/// `found` for the caller, with the organisation's name.
async fn shown(ctx: &Context<'_>, found: Found) -> async_graphql::Result<Application> {
    let name = crate::db::repos::organisations::find_any(ctx.db()?, found.posting.organisation)
        .await
        .map_err(|e| fail(ctx, &ApplicationError::Database(e)))?
        .map(|o| o.profile.name)
        .unwrap_or_default();
    Ok(Application::new(found, name))
}

/// A connection of applications with their organisations' names (one statement for the names).
async fn connection(
    ctx: &Context<'_>,
    (rows, more): applications::Page,
    after: bool,
) -> async_graphql::Result<Connection<String, Application>> {
    let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.posting.organisation).collect();
    let names: HashMap<uuid::Uuid, String> = crate::db::repos::opportunities::organisation_names(ctx.db()?, &ids)
        .await
        .map_err(|e| fail(ctx, &ApplicationError::Database(e)))?;
    let mut connection = Connection::new(after, more);
    connection.edges.extend(rows.into_iter().map(|found| {
        let key = cursor('a', found.stored.updated_at, found.stored.id);
        let name = names.get(&found.posting.organisation).cloned().unwrap_or_default();
        Edge::new(key, Application::new(found, name))
    }));
    Ok(connection)
}

/// Application queries.
#[derive(Default)]
pub struct ApplicationsQuery;

#[Object]
impl ApplicationsQuery {
    /// The signed-in founder's applications, last moved first.
    #[graphql(complexity = "first * child_complexity")]
    async fn my_applications(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Application>> {
        let viewer = ctx.viewer()?;
        let key = parse_after(after.as_deref(), 'a').map_err(|e| fail(ctx, &e))?;
        let page = applications::mine(ctx.db()?, &viewer.account, key, first).await.map_err(|e| fail(ctx, &e))?;
        connection(ctx, page, after.is_some()).await
    }

    /// Whether the signed-in founder lets the mentor of their active mentorship see their
    /// applications; null while they have no mentor.
    async fn applications_shared_with_mentor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<bool>> {
        let viewer = ctx.viewer()?;
        applications::shared_with_mentor(ctx.db()?, &viewer.account).await.map_err(|e| fail(ctx, &e))
    }

    /// A mentee's applications, for the mentor of their active mentorship when the founder
    /// allows it; `NOT_FOUND` otherwise.
    #[graphql(complexity = "first * child_complexity")]
    async fn mentee_applications(
        &self,
        ctx: &Context<'_>,
        founder_id: ID,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Application>> {
        let viewer = ctx.viewer()?;
        let founder = UserId(uuid_of(&founder_id).map_err(|e| fail(ctx, &e))?);
        let key = parse_after(after.as_deref(), 'a').map_err(|e| fail(ctx, &e))?;
        let page = applications::of_mentee(ctx.db()?, ctx.state()?, &viewer.account, founder, key, first)
            .await
            .map_err(|e| fail(ctx, &e))?;
        connection(ctx, page, after.is_some()).await
    }

    /// The applicants to an opportunity of the signed-in representative's organisation, newest
    /// first; another organisation's answers `NOT_FOUND`.
    #[graphql(complexity = "first * child_complexity")]
    async fn applicants(
        &self,
        ctx: &Context<'_>,
        opportunity_id: ID,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Applicant>> {
        let viewer = ctx.viewer()?;
        let id = uuid_of(&opportunity_id).map_err(|e| fail(ctx, &e))?;
        let key = parse_after(after.as_deref(), 'p').map_err(|e| fail(ctx, &e))?;
        let (db, state) = (ctx.db()?, ctx.state()?);
        let (_, rows, more) =
            applications::applicants(db, state, &viewer.account, id, key, first).await.map_err(|e| fail(ctx, &e))?;
        let terms =
            crate::services::taxonomies::all(db, state).await.map_err(|e| fail(ctx, &ApplicationError::Database(e)))?;
        let locale = ctx.request()?.locale;
        let mut page = Connection::new(after.is_some(), more);
        page.edges.extend(rows.into_iter().map(|Seen { stored, founder, contact }| {
            let key = cursor('p', stored.created_at, stored.id);
            let applicant = Applicant {
                id: ID(stored.id.to_string()),
                status: stored.status.into(),
                message: stored.message,
                decline_reason: stored.decline_reason,
                created_at: stored.created_at,
                updated_at: stored.updated_at,
                founder: Founder::new(founder, &terms, locale),
                contact: contact.map(|c| Contact::new(c.email, c.phone)),
            };
            Edge::new(key, applicant)
        }));
        Ok(page)
    }
}

/// Application mutations.
#[derive(Default)]
pub struct ApplicationsMutation;

#[Object]
impl ApplicationsMutation {
    /// A founder applies to a published opportunity with a short message, choosing which
    /// contact details the organisation may see once it shortlists them.
    async fn apply_to_opportunity(
        &self,
        ctx: &Context<'_>,
        id: ID,
        message: String,
        #[graphql(default)] share_email: bool,
        #[graphql(default)] share_phone: bool,
    ) -> async_graphql::Result<Application> {
        let viewer = ctx.viewer()?;
        let id = uuid_of(&id).map_err(|e| fail(ctx, &e))?;
        let applying = Applying { message, share_email, share_phone };
        let found = applications::apply(ctx.db()?, ctx.state()?, &viewer.account, id, &applying)
            .await
            .map_err(|e| fail(ctx, &e))?;
        shown(ctx, found).await
    }

    /// A founder takes back their application (submitted or shortlisted).
    async fn withdraw_application(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Application> {
        let viewer = ctx.viewer()?;
        let id = uuid_of(&id).map_err(|e| fail(ctx, &e))?;
        let found =
            applications::withdraw(ctx.db()?, ctx.state()?, &viewer.account, id).await.map_err(|e| fail(ctx, &e))?;
        shown(ctx, found).await
    }

    /// A founder lets (or stops letting) the mentor of their active mentorship see their
    /// applications; returns the choice. Leave goes to that mentor only: a later mentor needs it
    /// anew. Without an active mentorship, `CONFLICT` (`NO_MENTOR`).
    async fn share_applications_with_mentor(&self, ctx: &Context<'_>, share: bool) -> async_graphql::Result<bool> {
        let viewer = ctx.viewer()?;
        applications::share_with_mentor(ctx.db()?, ctx.state()?, &viewer.account, share)
            .await
            .map_err(|e| fail(ctx, &e))
    }

    /// A representative of the posting's organisation shortlists, hires or declines (with a
    /// `reason` the founder reads) an application. Returns the application as they see it.
    async fn move_application(
        &self,
        ctx: &Context<'_>,
        id: ID,
        status: ApplicationStatusGql,
        reason: Option<String>,
    ) -> async_graphql::Result<ApplicationStatusGql> {
        let viewer = ctx.viewer()?;
        let id = uuid_of(&id).map_err(|e| fail(ctx, &e))?;
        let found = applications::advance(
            ctx.db()?,
            ctx.state()?,
            &viewer.account,
            id,
            status.into(),
            reason.as_deref().unwrap_or_default(),
        )
        .await
        .map_err(|e| fail(ctx, &e))?;
        Ok(found.stored.status.into())
    }
}
