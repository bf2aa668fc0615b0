//! Opportunities over GraphQL: `opportunities(filter, order, first, after)` (published),
//! `opportunity(id)`, staff's `opportunityQueue`, a representative's `myOpportunities`, and the steps `createOpportunity`,
//! `updateOpportunity`, `submitOpportunity`, `reviewOpportunity` (staff) and `closeOpportunity`.
//! Who sees which posting is the service's: a hidden one answers `NOT_FOUND`, like an id that
//! never existed.

use std::collections::HashMap;

use async_graphql::{
    Context, Enum, ErrorExtensions, ID, InputObject, Object, SimpleObject,
    connection::{Connection, Edge},
};
use base64::Engine as _;
use chrono::{DateTime, NaiveDate, Utc};

use super::access::{ANY_FIELD, Access, Rule};
use super::context::ContextExt;
use super::directory::label;
use super::taxonomies::TermGql;
use crate::db::repos::opportunities::{Filter, Order, Stored};
use crate::domain::{
    Locale, Role, Taxonomies, TaxonomyKind,
    opportunity::{Details, OpportunityInput, Step},
};
use crate::services::opportunities::{self, OpportunityError};

/// Everyone approved who takes part: founders, mentors, representatives, and VPD staff.
const VIEWERS: Rule = Rule::Roles(&[Role::Founder, Role::Mentor, Role::Enterprise, Role::Staff, Role::Admin]);
/// Approved organisation accounts (which organisation's postings is the service's).
const REPRESENTATIVES: Rule = Rule::Roles(&[Role::Enterprise]);
/// VPD staff.
const VPD: Rule = Rule::Roles(&[Role::Staff, Role::Admin]);

/// Who may reach the fields of this module.
pub const ACCESS: &[Access] = &[
    ("Query", "opportunity", VIEWERS),
    ("Query", "opportunities", Rule::Roles(&[Role::Founder, Role::Mentor, Role::Enterprise])),
    ("Query", "opportunityQueue", VPD),
    ("Query", "myOpportunities", REPRESENTATIVES),
    ("Query", "recommendedOpportunities", Rule::Roles(&[Role::Founder])),
    ("RecommendedOpportunity", ANY_FIELD, Rule::Roles(&[Role::Founder])),
    ("OpportunityConnection", ANY_FIELD, VIEWERS),
    ("OpportunityEdge", ANY_FIELD, VIEWERS),
    ("Opportunity", ANY_FIELD, VIEWERS),
    // Staff's reason for not publishing: for the organisation (the service empties it for
    // other representatives) and staff.
    ("Opportunity", "rejectReason", Rule::Roles(&[Role::Enterprise, Role::Staff, Role::Admin])),
    ("OpportunityOrganisation", ANY_FIELD, VIEWERS),
    ("Mutation", "createOpportunity", REPRESENTATIVES),
    ("Mutation", "updateOpportunity", REPRESENTATIVES),
    ("Mutation", "submitOpportunity", REPRESENTATIVES),
    ("Mutation", "closeOpportunity", REPRESENTATIVES),
    ("Mutation", "reviewOpportunity", VPD),
];

/// What an opportunity offers.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "OpportunityKind", remote = "crate::domain::opportunity::OpportunityKind")]
pub enum KindGql {
    /// A first job or transitional employment.
    FirstJob,
    /// A job.
    Job,
    /// An apprenticeship.
    Apprenticeship,
    /// Volunteering.
    Volunteering,
    /// A subcontract for a new business.
    Subcontracting,
    /// Premises.
    Premises,
    /// Equipment.
    Equipment,
    /// A place in a halfway house.
    HalfwayHouse,
    /// A co-founder wanted.
    CoFounder,
}

/// Where an opportunity stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "OpportunityStatus", remote = "crate::domain::opportunity::OpportunityStatus")]
pub enum StatusGql {
    /// Being written; only its organisation sees it.
    Draft,
    /// Submitted; VPD staff check it.
    PendingReview,
    /// Open for applications.
    Published,
    /// Not published, with staff's reason.
    Rejected,
    /// Closed.
    Closed,
}

/// What an organisation writes. Give only the fields of the chosen `kind`: hours and pay for
/// jobs (and a wage subsidy for transitional jobs), weeks for apprenticeships, area and terms
/// for premises, items for equipment, beds and dates for housing.
#[derive(InputObject)]
#[graphql(name = "OpportunityInput")]
pub struct InputGql {
    kind: KindGql,
    title: String,
    description: String,
    region: String,
    #[graphql(default)]
    remote: bool,
    #[graphql(default)]
    address: String,
    starts_on: Option<NaiveDate>,
    deadline: NaiveDate,
    places: i64,
    languages: Vec<String>,
    sectors: Vec<String>,
    contact_person: String,
    hours_per_week: Option<i64>,
    /// Lowest monthly gross pay, euros.
    pay_min: Option<i64>,
    /// Highest monthly gross pay, euros.
    pay_max: Option<i64>,
    /// The State Employment Agency's wage subsidy can apply.
    wage_subsidy: Option<bool>,
    duration_weeks: Option<i64>,
    area_m2: Option<i64>,
    terms: Option<String>,
    items: Option<Vec<String>>,
    capacity: Option<i64>,
    available_from: Option<NaiveDate>,
    available_until: Option<NaiveDate>,
}

impl From<InputGql> for OpportunityInput {
    fn from(i: InputGql) -> Self {
        OpportunityInput {
            kind: Some(i.kind.into()),
            title: i.title,
            description: i.description,
            region: i.region,
            remote: i.remote,
            address: i.address,
            starts_on: i.starts_on,
            deadline: Some(i.deadline),
            places: i.places,
            languages: i.languages,
            sectors: i.sectors,
            contact_person: i.contact_person,
            hours_per_week: i.hours_per_week,
            pay_min: i.pay_min,
            pay_max: i.pay_max,
            wage_subsidy: i.wage_subsidy,
            duration_weeks: i.duration_weeks,
            area_m2: i.area_m2,
            terms: i.terms,
            items: i.items,
            capacity: i.capacity,
            available_from: i.available_from,
            available_until: i.available_until,
        }
    }
}

/// What the list of published opportunities may be narrowed to.
#[derive(InputObject, Default)]
pub struct OpportunityFilter {
    kind: Option<KindGql>,
    /// A region code.
    region: Option<String>,
    /// A sector code.
    sector: Option<String>,
    /// A language code.
    language: Option<String>,
    /// Only those that can be done remotely.
    #[graphql(default)]
    remote: bool,
    /// Words in the title or description.
    text: Option<String>,
}

/// The order of the list.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Default)]
pub enum OpportunityOrder {
    /// Newest published first.
    #[default]
    Newest,
    /// Nearest deadline first.
    ClosingSoon,
}

/// The organisation behind a posting.
#[derive(SimpleObject)]
pub struct OpportunityOrganisation {
    id: ID,
    name: String,
}

impl OpportunityOrganisation {
    pub(super) fn new(id: uuid::Uuid, name: String) -> OpportunityOrganisation {
        OpportunityOrganisation { id: ID(id.to_string()), name }
    }
}

/// An opportunity.
#[derive(SimpleObject)]
pub struct Opportunity {
    id: ID,
    kind: KindGql,
    status: StatusGql,
    organisation: OpportunityOrganisation,
    title: String,
    description: String,
    region: Option<TermGql>,
    remote: bool,
    address: String,
    starts_on: Option<NaiveDate>,
    deadline: NaiveDate,
    places: u16,
    languages: Vec<TermGql>,
    sectors: Vec<TermGql>,
    contact_person: String,
    hours_per_week: Option<u8>,
    pay_min: Option<u32>,
    pay_max: Option<u32>,
    wage_subsidy: Option<bool>,
    duration_weeks: Option<u16>,
    area_m2: Option<u32>,
    terms: Option<String>,
    items: Option<Vec<String>>,
    capacity: Option<u16>,
    available_from: Option<NaiveDate>,
    available_until: Option<NaiveDate>,
    /// Why staff did not publish it (its organisation and staff).
    reject_reason: Option<String>,
    /// Whether the signed-in person acts for its organisation.
    mine: bool,
    updated_at: DateTime<Utc>,
    published_at: Option<DateTime<Utc>>,
}

impl Opportunity {
    /// `stored` for a reader; `own`: they act for its organisation or are staff (staff's reason
    /// shown), `mine`: they act for its organisation.
    fn new(
        stored: Stored,
        organisation: String,
        (own, mine): (bool, bool),
        terms: &Taxonomies,
        locale: Locale,
    ) -> Opportunity {
        let o = stored.opportunity;
        let mut out = Opportunity {
            id: ID(stored.id.to_string()),
            kind: o.details.kind().into(),
            status: stored.status.into(),
            organisation: OpportunityOrganisation { id: ID(stored.organisation.to_string()), name: organisation },
            title: o.title,
            description: o.description,
            region: label(terms, TaxonomyKind::Region, std::slice::from_ref(&o.region), locale).into_iter().next(),
            remote: o.remote,
            address: o.address,
            starts_on: o.starts_on,
            deadline: o.deadline,
            places: o.places,
            languages: label(terms, TaxonomyKind::Language, &o.languages, locale),
            sectors: label(terms, TaxonomyKind::Sector, &o.sectors, locale),
            contact_person: o.contact_person,
            hours_per_week: None,
            pay_min: None,
            pay_max: None,
            wage_subsidy: None,
            duration_weeks: None,
            area_m2: None,
            terms: None,
            items: None,
            capacity: None,
            available_from: None,
            available_until: None,
            reject_reason: if own { stored.reject_reason } else { None },
            mine,
            updated_at: stored.updated_at,
            published_at: stored.published_at,
        };
        match o.details {
            Details::FirstJob { hours_per_week, pay, wage_subsidy } => {
                out.hours_per_week = hours_per_week;
                (out.pay_min, out.pay_max) = (pay.map(|p| p.0), pay.map(|p| p.1));
                out.wage_subsidy = Some(wage_subsidy);
            }
            Details::Job { hours_per_week, pay } => {
                out.hours_per_week = hours_per_week;
                (out.pay_min, out.pay_max) = (pay.map(|p| p.0), pay.map(|p| p.1));
            }
            Details::Apprenticeship { duration_weeks, hours_per_week } => {
                out.duration_weeks = Some(duration_weeks);
                out.hours_per_week = hours_per_week;
            }
            Details::Volunteering { hours_per_week } => out.hours_per_week = hours_per_week,
            Details::Subcontracting | Details::CoFounder => {}
            Details::Premises { area_m2, terms } => {
                out.area_m2 = Some(area_m2);
                out.terms = Some(terms);
            }
            Details::Equipment { items } => out.items = Some(items),
            Details::HalfwayHouse { capacity, available_from, available_until } => {
                out.capacity = Some(capacity);
                out.available_from = Some(available_from);
                out.available_until = available_until;
            }
        }
        out
    }
}

/// A cursor: the order's letter, the key's value and the id.
fn cursor(letter: char, key: &str, id: uuid::Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{letter}|{key}|{id}"))
}

/// The key `after` holds for the order `letter`; a cursor the server did not make (or of
/// another order) is refused.
fn parse_after(after: Option<&str>, letter: char) -> Result<Option<(String, uuid::Uuid)>, OpportunityError> {
    let Some(after) = after else { return Ok(None) };
    let parsed = (|| {
        let text = String::from_utf8(base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(after).ok()?).ok()?;
        let mut parts = text.splitn(3, '|');
        (parts.next()? == letter.to_string()).then_some(())?;
        let key = parts.next()?.to_owned();
        Some((key, uuid::Uuid::parse_str(parts.next()?).ok()?))
    })();
    parsed.map(Some).ok_or(OpportunityError::BadCursor)
}

/// The time-and-id key `after` holds for the order `letter` (see [`parse_after`]).
fn time_after(after: Option<&str>, letter: char) -> Result<Option<(DateTime<Utc>, uuid::Uuid)>, OpportunityError> {
    parse_after(after, letter)?
        .map(|(key, id)| {
            let at = DateTime::parse_from_rfc3339(&key).map_err(|_| bad_cursor())?;
            Ok((at.with_timezone(&Utc), id))
        })
        .transpose()
}

fn bad_cursor() -> OpportunityError {
    OpportunityError::BadCursor
}

/// A connection of `rows` in `order`, each shown to the caller.
async fn connection(
    ctx: &Context<'_>,
    (rows, more): (Vec<Stored>, bool),
    after: bool,
    key: fn(&Stored) -> String,
    letter: char,
) -> async_graphql::Result<Connection<String, Opportunity>> {
    let (db, state) = (ctx.db()?, ctx.state()?);
    let locale = ctx.request()?.locale;
    let viewer = ctx.viewer()?;
    let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.organisation).collect();
    let names: HashMap<uuid::Uuid, String> = crate::db::repos::opportunities::organisation_names(db, &ids)
        .await
        .map_err(|e| ctx.fail(&OpportunityError::Database(e)))?;
    let terms =
        crate::services::taxonomies::all(db, state).await.map_err(|e| ctx.fail(&OpportunityError::Database(e)))?;
    // Only staff and a representative's own list show staff's reasons.
    let own = viewer.account.role.is_vpd() || letter == 'm';
    let mine = letter == 'm' && viewer.account.role == crate::domain::Role::Enterprise;
    let mut connection = Connection::new(after, more);
    connection.edges.extend(rows.into_iter().map(|stored| {
        let edge_key = cursor(letter, &key(&stored), stored.id);
        let name = names.get(&stored.organisation).cloned().unwrap_or_default();
        Edge::new(edge_key, Opportunity::new(stored, name, (own, mine), &terms, locale))
    }));
    Ok(connection)
}

fn fail(ctx: &Context<'_>, err: &OpportunityError) -> async_graphql::Error {
    let error = ctx.fail(err);
    match err.field() {
        Some(field) => error.extend_with(|_, ext| ext.set("field", field)),
        None => error,
    }
}

/// An id as a uuid; one that is not answers like an opportunity that does not exist.
fn uuid_of(id: &ID) -> Result<uuid::Uuid, OpportunityError> {
    uuid::Uuid::parse_str(id.as_str()).map_err(|_| OpportunityError::NotFound)
}

/// `stored` for the caller, with its organisation's name (`own`: the caller acts for it or is
/// staff).
async fn shown(ctx: &Context<'_>, stored: Stored, own: bool) -> async_graphql::Result<Opportunity> {
    let (db, state) = (ctx.db()?, ctx.state()?);
    let locale = ctx.request()?.locale;
    let viewer = ctx.viewer()?;
    let name = crate::db::repos::organisations::find_any(db, stored.organisation)
        .await
        .map_err(|e| ctx.fail(&OpportunityError::Database(e)))?
        .map(|o| o.profile.name)
        .unwrap_or_default();
    let terms =
        crate::services::taxonomies::all(db, state).await.map_err(|e| ctx.fail(&OpportunityError::Database(e)))?;
    let mine = own && viewer.account.role == crate::domain::Role::Enterprise;
    Ok(Opportunity::new(stored, name, (own || viewer.account.role.is_vpd(), mine), &terms, locale))
}

/// An opportunity suggested to the founder, with why.
#[derive(SimpleObject)]
pub struct RecommendedOpportunity {
    opportunity: Opportunity,
    /// Higher is better; 0 to 100.
    score: u32,
    /// Why, in the founder's language, most telling first.
    reasons: Vec<String>,
}

/// Opportunity queries.
#[derive(Default)]
pub struct OpportunitiesQuery;

#[Object]
impl OpportunitiesQuery {
    /// Published opportunities, newest or closing soon first, narrowed by `filter`. A founder
    /// never finds one their supervision rules out.
    #[graphql(complexity = "first * child_complexity")]
    async fn opportunities(
        &self,
        ctx: &Context<'_>,
        filter: Option<OpportunityFilter>,
        #[graphql(default)] order: OpportunityOrder,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Opportunity>> {
        let viewer = ctx.viewer()?;
        let f = filter.unwrap_or_default();
        let filter = Filter {
            kind: f.kind.map(Into::into),
            region: f.region.filter(|r| !r.is_empty()),
            sector: f.sector.filter(|r| !r.is_empty()),
            language: f.language.filter(|r| !r.is_empty()),
            remote: f.remote,
            text: f.text,
        };
        let (letter, order, key): (char, Order, fn(&Stored) -> String) = match order {
            OpportunityOrder::Newest => {
                let key = time_after(after.as_deref(), 'n').map_err(|e| fail(ctx, &e))?;
                ('n', Order::Newest(key), |s| s.published_at.map(|t| t.to_rfc3339()).unwrap_or_default())
            }
            OpportunityOrder::ClosingSoon => {
                let after = parse_after(after.as_deref(), 'c').map_err(|e| fail(ctx, &e))?;
                let key = after
                    .map(|(k, id)| k.parse::<NaiveDate>().map(|d| (d, id)).map_err(|_| bad_cursor()))
                    .transpose()
                    .map_err(|e| fail(ctx, &e))?;
                ('c', Order::ClosingSoon(key), |s| s.opportunity.deadline.to_string())
            }
        };
        let page = opportunities::browse(ctx.db()?, &viewer.account, &filter, order, first)
            .await
            .map_err(|e| fail(ctx, &e))?;
        connection(ctx, page, after.is_some(), key, letter).await
    }

    /// The published opportunities that fit the signed-in founder best (their sectors, region
    /// and skills), with reasons in their language; none they applied to already.
    #[graphql(complexity = "first * child_complexity")]
    async fn recommended_opportunities(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 5)] first: usize,
    ) -> async_graphql::Result<Vec<RecommendedOpportunity>> {
        let viewer = ctx.viewer()?;
        let (db, state) = (ctx.db()?, ctx.state()?);
        let locale = ctx.request()?.locale;
        let suggested =
            opportunities::recommended(db, state, &viewer.account, locale, first).await.map_err(|e| fail(ctx, &e))?;
        let ids: Vec<uuid::Uuid> = suggested.iter().map(|s| s.stored.organisation).collect();
        let names: HashMap<uuid::Uuid, String> = crate::db::repos::opportunities::organisation_names(db, &ids)
            .await
            .map_err(|e| ctx.fail(&OpportunityError::Database(e)))?;
        let terms =
            crate::services::taxonomies::all(db, state).await.map_err(|e| ctx.fail(&OpportunityError::Database(e)))?;
        Ok(suggested
            .into_iter()
            .map(|s| {
                let name = names.get(&s.stored.organisation).cloned().unwrap_or_default();
                RecommendedOpportunity {
                    opportunity: Opportunity::new(s.stored, name, (false, false), &terms, locale),
                    score: s.score,
                    reasons: s.reasons,
                }
            })
            .collect())
    }

    /// Postings waiting for VPD staff, oldest submitted first.
    #[graphql(complexity = "first * child_complexity")]
    async fn opportunity_queue(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Opportunity>> {
        let viewer = ctx.viewer()?;
        let key = time_after(after.as_deref(), 'q').map_err(|e| fail(ctx, &e))?;
        let page = opportunities::queue(ctx.db()?, &viewer.account, key, first).await.map_err(|e| fail(ctx, &e))?;
        connection(ctx, page, after.is_some(), |s| s.submitted_at.map(|t| t.to_rfc3339()).unwrap_or_default(), 'q')
            .await
    }

    /// Every posting of the organisations the signed-in representative acts for, last changed
    /// first.
    #[graphql(complexity = "first * child_complexity")]
    async fn my_opportunities(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Opportunity>> {
        let viewer = ctx.viewer()?;
        let key = time_after(after.as_deref(), 'm').map_err(|e| fail(ctx, &e))?;
        let page = opportunities::mine(ctx.db()?, &viewer.account, key, first).await.map_err(|e| fail(ctx, &e))?;
        connection(ctx, page, after.is_some(), |s| s.updated_at.to_rfc3339(), 'm').await
    }

    /// One opportunity: published ones for everyone taking part (unless a founder's
    /// supervision rules out its sector), any of an organisation's own for its representatives,
    /// every one for staff; `NOT_FOUND` otherwise.
    async fn opportunity(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Opportunity> {
        let viewer = ctx.viewer()?;
        let id = uuid_of(&id).map_err(|e| fail(ctx, &e))?;
        let (stored, own) = opportunities::get(ctx.db()?, &viewer.account, id).await.map_err(|e| fail(ctx, &e))?;
        shown(ctx, stored, own).await
    }
}

/// Opportunity mutations.
#[derive(Default)]
pub struct OpportunitiesMutation;

impl OpportunitiesMutation {
    async fn step(&self, ctx: &Context<'_>, id: ID, step: Step, reason: &str) -> async_graphql::Result<Opportunity> {
        let viewer = ctx.viewer()?;
        let id = uuid_of(&id).map_err(|e| fail(ctx, &e))?;
        let stored = opportunities::take(ctx.db()?, ctx.state()?, &viewer.account, id, step, reason)
            .await
            .map_err(|e| fail(ctx, &e))?;
        shown(ctx, stored, true).await
    }
}

#[Object]
impl OpportunitiesMutation {
    /// A representative writes a draft for their organisation (approved by VPD).
    async fn create_opportunity(
        &self,
        ctx: &Context<'_>,
        organisation_id: ID,
        input: InputGql,
    ) -> async_graphql::Result<Opportunity> {
        let viewer = ctx.viewer()?;
        let organisation = uuid_of(&organisation_id).map_err(|e| fail(ctx, &e))?;
        let input = OpportunityInput::from(input);
        let stored = opportunities::create(ctx.db()?, ctx.state()?, &viewer.account, organisation, &input)
            .await
            .map_err(|e| fail(ctx, &e))?;
        shown(ctx, stored, true).await
    }

    /// A representative rewrites a draft or rejected posting of their organisation.
    async fn update_opportunity(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: InputGql,
    ) -> async_graphql::Result<Opportunity> {
        let viewer = ctx.viewer()?;
        let id = uuid_of(&id).map_err(|e| fail(ctx, &e))?;
        let input = OpportunityInput::from(input);
        let stored = opportunities::update(ctx.db()?, ctx.state()?, &viewer.account, id, &input)
            .await
            .map_err(|e| fail(ctx, &e))?;
        shown(ctx, stored, true).await
    }

    /// A representative sends a draft (or a rejected posting, rewritten) to VPD staff.
    async fn submit_opportunity(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Opportunity> {
        self.step(ctx, id, Step::Submit, "").await
    }

    /// VPD staff publish a submitted posting, or reject it with a `reason` the organisation reads.
    async fn review_opportunity(
        &self,
        ctx: &Context<'_>,
        id: ID,
        approve: bool,
        reason: Option<String>,
    ) -> async_graphql::Result<Opportunity> {
        let step = if approve { Step::Publish } else { Step::Reject };
        self.step(ctx, id, step, reason.as_deref().unwrap_or_default()).await
    }

    /// A representative closes a published posting of their organisation.
    async fn close_opportunity(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Opportunity> {
        self.step(ctx, id, Step::Close, "").await
    }
}
