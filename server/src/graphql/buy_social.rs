//! The buy-social directory over GraphQL: public `buySocialDirectory(filter, first, after)` and
//! staff's `attestOrganisation`. Counts only, never names; under 5 shown as "fewer than 5".

use async_graphql::{
    Context, ErrorExtensions, ID, InputObject, Object, SimpleObject,
    connection::{Connection, Edge},
};
use base64::Engine as _;
use chrono::NaiveDate;

use super::access::{ANY_FIELD, Access, Rule};
use super::context::ContextExt;
use super::directory::label;
use super::organisations::KindGql;
use super::taxonomies::TermGql;
use crate::db::repos::organisations::{After, Attestation};
use crate::domain::{Locale, Role, Taxonomies, TaxonomyKind, organisation::ShownCount};
use crate::services::buy_social::{self, BuySocialError, Listed};

/// Who may reach the fields of this module: the directory is for everyone.
pub const ACCESS: &[Access] = &[
    ("Query", "buySocialDirectory", Rule::Public),
    ("BuySocialOrganisation", ANY_FIELD, Rule::Public),
    ("BuySocialOrganisationConnection", ANY_FIELD, Rule::Public),
    ("BuySocialOrganisationEdge", ANY_FIELD, Rule::Public),
    ("EmploymentAttestation", ANY_FIELD, Rule::Public),
    ("Mutation", "attestOrganisation", Rule::Roles(&[Role::Staff, Role::Admin])),
];

/// What the directory may be narrowed to.
#[derive(InputObject, Default)]
pub struct BuySocialFilter {
    /// A region code.
    region: Option<String>,
    /// A sector code.
    sector: Option<String>,
}

/// VPD staff's check of how many people from the target group an organisation employs: a count
/// only, never names.
#[derive(SimpleObject)]
pub struct EmploymentAttestation {
    /// How many, when 5 or more; none when fewer.
    employed_count: Option<u32>,
    /// 5 when fewer than 5 are employed (the number itself is not shown); none otherwise.
    fewer_than: Option<u32>,
    /// When VPD staff checked.
    verified_on: NaiveDate,
    /// The attestation as a sentence in the reader's language.
    statement: String,
}

impl EmploymentAttestation {
    fn new(attestation: Attestation, locale: Locale) -> EmploymentAttestation {
        let (employed_count, fewer_than) = match ShownCount::of(attestation.employed) {
            ShownCount::Exactly(n) => (Some(n), None),
            ShownCount::FewerThan(n) => (None, Some(n)),
        };
        EmploymentAttestation {
            employed_count,
            fewer_than,
            verified_on: attestation.verified_on,
            statement: buy_social::statement(&attestation, locale),
        }
    }
}

/// An organisation in the buy-social directory.
#[derive(SimpleObject)]
pub struct BuySocialOrganisation {
    id: ID,
    name: String,
    /// Its number in the Register of Enterprises.
    registration_number: String,
    kind: KindGql,
    /// Holds the registered social-enterprise status.
    registered_social_enterprise: bool,
    sectors: Vec<TermGql>,
    region: Option<TermGql>,
    website: Option<String>,
    description: String,
    /// VPD's attestation, if staff have checked.
    attestation: Option<EmploymentAttestation>,
}

impl BuySocialOrganisation {
    fn new(listed: Listed, terms: &Taxonomies, locale: Locale) -> BuySocialOrganisation {
        let (o, p) = (&listed.organisation, &listed.organisation.profile);
        BuySocialOrganisation {
            id: ID(o.id.to_string()),
            name: p.name.clone(),
            registration_number: p.registration_number.clone(),
            kind: p.kind.into(),
            registered_social_enterprise: p.social_enterprise,
            sectors: label(terms, TaxonomyKind::Sector, &p.sectors, locale),
            region: label(terms, TaxonomyKind::Region, std::slice::from_ref(&p.region), locale).into_iter().next(),
            website: p.website.clone(),
            description: p.description.clone(),
            attestation: listed.attestation.map(|a| EmploymentAttestation::new(a, locale)),
        }
    }
}

fn cursor(name: &str, id: uuid::Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{name}|{id}"))
}

fn parse_cursor(cursor: Option<&str>) -> Result<Option<After>, BuySocialError> {
    let Some(cursor) = cursor else { return Ok(None) };
    let parsed = (|| {
        let text = String::from_utf8(base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
        let (name, id) = text.rsplit_once('|')?;
        Some((name.to_owned(), uuid::Uuid::parse_str(id).ok()?))
    })();
    parsed.map(Some).ok_or(BuySocialError::BadCursor)
}

fn fail(ctx: &Context<'_>, err: &BuySocialError) -> async_graphql::Error {
    let error = ctx.fail(err);
    match err {
        BuySocialError::BadCount => error.extend_with(|_, ext| ext.set("field", "employedCount")),
        BuySocialError::BadCursor => error.extend_with(|_, ext| ext.set("field", "after")),
        _ => error,
    }
}

/// Buy-social queries.
#[derive(Default)]
pub struct BuySocialQuery;

#[Object]
impl BuySocialQuery {
    /// Approved organisations that employ or support the target group, by name, with VPD's
    /// attestation where staff have checked; for everyone, signed in or not.
    #[graphql(complexity = "first * child_complexity")]
    async fn buy_social_directory(
        &self,
        ctx: &Context<'_>,
        filter: Option<BuySocialFilter>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, BuySocialOrganisation>> {
        let key = parse_cursor(after.as_deref()).map_err(|e| fail(ctx, &e))?;
        let f = filter.unwrap_or_default();
        let (db, state) = (ctx.db()?, ctx.state()?);
        let (rows, more) =
            buy_social::page(db, (f.region, f.sector), key.as_ref(), first).await.map_err(|e| fail(ctx, &e))?;
        let terms =
            crate::services::taxonomies::all(db, state).await.map_err(|e| fail(ctx, &BuySocialError::Database(e)))?;
        let locale = ctx.request()?.locale;
        let mut connection = Connection::new(after.is_some(), more);
        connection.edges.extend(rows.into_iter().map(|listed| {
            let key = cursor(&listed.organisation.profile.name, listed.organisation.id);
            Edge::new(key, BuySocialOrganisation::new(listed, &terms, locale))
        }));
        Ok(connection)
    }
}

/// Buy-social mutations.
#[derive(Default)]
pub struct BuySocialMutation;

#[Object]
impl BuySocialMutation {
    /// VPD staff attest, as checked today, how many people from the target group an
    /// organisation employs (0 to 100,000). Shown publicly as a count only; under 5 as "fewer
    /// than 5".
    async fn attest_organisation(
        &self,
        ctx: &Context<'_>,
        organisation_id: ID,
        employed_count: i64,
    ) -> async_graphql::Result<EmploymentAttestation> {
        let viewer = ctx.viewer()?;
        let id = uuid::Uuid::parse_str(organisation_id.as_str()).map_err(|_| fail(ctx, &BuySocialError::NotFound))?;
        let attestation = buy_social::attest(ctx.db()?, ctx.state()?, &viewer.account, id, employed_count)
            .await
            .map_err(|e| fail(ctx, &e))?;
        Ok(EmploymentAttestation::new(attestation, ctx.request()?.locale))
    }
}
