//! Organisations over GraphQL: the directory (`organisations`, `organisation(id)`), a
//! representative's own view (`myOrganisations`), and `createOrganisation`,
//! `updateOrganisation`, `inviteRepresentative`. Which organisation appears to whom is decided
//! below the transport; a hidden one answers `NOT_FOUND`, like an id that never existed.

use async_graphql::{
    Context, Enum, ErrorExtensions, ID, InputObject, Object, SimpleObject,
    connection::{Connection, Edge},
};
use base64::Engine as _;
use chrono::{DateTime, Utc};

use super::access::{ANY_FIELD, Access, Rule};
use super::accounts::StandingGql;
use super::context::ContextExt;
use super::directory::label;
use super::taxonomies::TermGql;
use crate::db::repos::organisations::{Filter, Invitation, Stored};
use crate::domain::{
    Locale, Role, Taxonomies, TaxonomyKind,
    organisation::{OrganisationField, OrganisationProfile},
};
use crate::services::organisations::{self, Mine, OrganisationUseError};

/// Everyone taking part, waiting for approval or approved.
const PEOPLE: Rule = Rule::Applying(&[Role::Founder, Role::Mentor, Role::Enterprise, Role::Staff, Role::Admin]);
/// Organisation accounts, approved or waiting (they set up their organisation meanwhile).
const ORGANISATION_ACCOUNTS: Rule = Rule::Applying(&[Role::Enterprise]);

/// Who may reach the fields of this module. Which rows each person gets is the scope's.
pub const ACCESS: &[Access] = &[
    ("Query", "organisations", PEOPLE),
    ("Query", "organisation", PEOPLE),
    ("Organisation", ANY_FIELD, PEOPLE),
    ("OrganisationConnection", ANY_FIELD, PEOPLE),
    ("OrganisationEdge", ANY_FIELD, PEOPLE),
    ("Query", "myOrganisations", ORGANISATION_ACCOUNTS),
    ("MyOrganisation", ANY_FIELD, ORGANISATION_ACCOUNTS),
    ("Representative", ANY_FIELD, ORGANISATION_ACCOUNTS),
    ("RepresentativeInvitation", ANY_FIELD, ORGANISATION_ACCOUNTS),
    ("Mutation", "createOrganisation", ORGANISATION_ACCOUNTS),
    ("Mutation", "updateOrganisation", ORGANISATION_ACCOUNTS),
    // Only an approved organisation account invites others.
    ("Mutation", "inviteRepresentative", Rule::Roles(&[Role::Enterprise])),
];

/// What kind of body an organisation is.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "OrganisationKind", remote = "crate::domain::organisation::OrganisationKind")]
pub enum KindGql {
    /// A social enterprise.
    SocialEnterprise,
    /// An association or foundation.
    Ngo,
    /// A company.
    Company,
    /// A municipality or its institution.
    Municipality,
}

/// Where a representative's invitation stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "RepresentativeInvitationStatus", remote = "crate::domain::organisation::InvitationStatus")]
pub enum InvitationStatusGql {
    /// Waiting for VPD staff.
    Pending,
    /// Approved: the person joins once they have an organisation account with that address.
    Approved,
    /// Refused by VPD staff.
    Rejected,
    /// The person acts for the organisation.
    Joined,
}

/// The GraphQL name of a field, as `extensions.field` names it.
fn field_name(field: OrganisationField) -> &'static str {
    match field {
        OrganisationField::Name => "name",
        OrganisationField::RegistrationNumber => "registrationNumber",
        OrganisationField::Sectors => "sectors",
        OrganisationField::Region => "region",
        OrganisationField::Website => "website",
        OrganisationField::Description => "description",
        OrganisationField::Kind => "kind",
        OrganisationField::SocialEnterprise => "registeredSocialEnterprise",
        OrganisationField::SupportsTargetGroup => "supportsTargetGroup",
    }
}

fn fail(ctx: &Context<'_>, err: &OrganisationUseError) -> async_graphql::Error {
    let error = ctx.fail(err);
    match err.field() {
        Some(field) => error.extend_with(|_, ext| ext.set("field", field_name(field))),
        None => error,
    }
}

/// An organisation as others see it.
#[derive(SimpleObject)]
pub struct Organisation {
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
    /// Employs or supports people from the target group.
    supports_target_group: bool,
}

impl Organisation {
    fn new(stored: Stored, terms: &Taxonomies, locale: Locale) -> Organisation {
        let p = stored.profile;
        Organisation {
            id: ID(stored.id.to_string()),
            name: p.name,
            registration_number: p.registration_number,
            kind: p.kind.into(),
            registered_social_enterprise: p.social_enterprise,
            sectors: label(terms, TaxonomyKind::Sector, &p.sectors, locale),
            region: label(terms, TaxonomyKind::Region, std::slice::from_ref(&p.region), locale).into_iter().next(),
            website: p.website,
            description: p.description,
            supports_target_group: p.supports_target_group,
        }
    }
}

/// A person who acts for an organisation.
#[derive(SimpleObject)]
pub struct Representative {
    id: ID,
    display_name: String,
}

/// A representative's invitation of someone else.
#[derive(SimpleObject)]
pub struct RepresentativeInvitation {
    id: ID,
    email: String,
    status: InvitationStatusGql,
    created_at: DateTime<Utc>,
}

impl From<Invitation> for RepresentativeInvitation {
    fn from(i: Invitation) -> Self {
        RepresentativeInvitation {
            id: ID(i.id.to_string()),
            email: i.email,
            status: i.status.into(),
            created_at: i.created_at,
        }
    }
}

/// An organisation as its representatives see and edit it.
#[derive(SimpleObject)]
pub struct MyOrganisation {
    id: ID,
    name: String,
    registration_number: String,
    kind: KindGql,
    registered_social_enterprise: bool,
    /// Sector codes (see `taxonomies`).
    sectors: Vec<String>,
    /// A region code.
    region: String,
    website: Option<String>,
    description: String,
    supports_target_group: bool,
    /// Others find it only once VPD approved it.
    standing: StandingGql,
    /// The people who act for it, by name.
    representatives: Vec<Representative>,
    /// Invitations of others, newest first.
    invitations: Vec<RepresentativeInvitation>,
}

impl From<Mine> for MyOrganisation {
    fn from(mine: Mine) -> Self {
        let Mine { organisation, representatives, invitations } = mine;
        let p = organisation.profile;
        MyOrganisation {
            id: ID(organisation.id.to_string()),
            name: p.name,
            registration_number: p.registration_number,
            kind: p.kind.into(),
            registered_social_enterprise: p.social_enterprise,
            sectors: p.sectors,
            region: p.region,
            website: p.website,
            description: p.description,
            supports_target_group: p.supports_target_group,
            standing: organisation.standing.into(),
            representatives: representatives
                .into_iter()
                .map(|(id, display_name)| Representative { id: ID(id.0.to_string()), display_name })
                .collect(),
            invitations: invitations.into_iter().map(RepresentativeInvitation::from).collect(),
        }
    }
}

/// An organisation's profile, as its representative fills it in.
#[derive(InputObject)]
pub struct OrganisationInput {
    name: String,
    /// 11 digits (spaces are ignored).
    registration_number: String,
    kind: KindGql,
    #[graphql(default)]
    registered_social_enterprise: bool,
    /// Sector codes, at least one.
    sectors: Vec<String>,
    /// A region code.
    region: String,
    website: Option<String>,
    #[graphql(default)]
    description: String,
    #[graphql(default)]
    supports_target_group: bool,
}

impl From<OrganisationInput> for OrganisationProfile {
    fn from(i: OrganisationInput) -> Self {
        OrganisationProfile {
            name: i.name,
            registration_number: i.registration_number,
            kind: i.kind.into(),
            social_enterprise: i.registered_social_enterprise,
            sectors: i.sectors,
            region: i.region,
            website: i.website,
            description: i.description,
            supports_target_group: i.supports_target_group,
        }
    }
}

/// What the organisation directory may be narrowed to.
#[derive(InputObject, Default)]
pub struct OrganisationFilter {
    /// A region code.
    region: Option<String>,
    /// A sector code.
    sector: Option<String>,
    kind: Option<KindGql>,
    /// Only those that employ or support people from the target group.
    supports_target_group: Option<bool>,
    /// Words in the name or description.
    text: Option<String>,
}

impl From<OrganisationFilter> for Filter {
    fn from(f: OrganisationFilter) -> Self {
        let some = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
        Filter {
            region: some(f.region),
            sector: some(f.sector),
            kind: f.kind.map(Into::into),
            supports_target_group: f.supports_target_group.unwrap_or(false),
            text: some(f.text),
        }
    }
}

/// The cursor of an organisation: its name and id, opaque to clients.
fn cursor(name: &str, id: uuid::Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{name}|{id}"))
}

/// The key in `cursor` (`None` when absent); a cursor the server did not make is refused.
fn parse_cursor(cursor: Option<&str>) -> Result<Option<(String, uuid::Uuid)>, OrganisationUseError> {
    let Some(cursor) = cursor else { return Ok(None) };
    let parsed = (|| {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (name, id) = text.rsplit_once('|')?;
        Some((name.to_owned(), uuid::Uuid::parse_str(id).ok()?))
    })();
    parsed.map(Some).ok_or(OrganisationUseError::BadCursor)
}

/// An id as an organisation's; an id that is not one answers like a hidden organisation.
fn organisation_id(id: &ID) -> Result<uuid::Uuid, OrganisationUseError> {
    uuid::Uuid::parse_str(id.as_str()).map_err(|_| OrganisationUseError::NotFound)
}

/// Organisation queries.
#[derive(Default)]
pub struct OrganisationsQuery;

#[Object]
impl OrganisationsQuery {
    /// Approved organisations, by name; narrowed by `filter`.
    #[graphql(complexity = "first * child_complexity")]
    async fn organisations(
        &self,
        ctx: &Context<'_>,
        filter: Option<OrganisationFilter>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Organisation>> {
        let viewer = ctx.viewer()?;
        let after = parse_cursor(after.as_deref()).map_err(|e| ctx.fail(&e))?;
        let filter: Filter = filter.unwrap_or_default().into();
        let (page, terms) =
            organisations::list(ctx.db()?, ctx.state()?, &viewer.account, &filter, first, after.as_ref())
                .await
                .map_err(|e| ctx.fail(&e))?;
        let locale = ctx.request()?.locale;
        let mut connection = Connection::new(after.is_some(), page.has_more);
        connection.edges.extend(page.organisations.into_iter().map(|stored| {
            let key = cursor(&stored.profile.name, stored.id);
            Edge::new(key, Organisation::new(stored, &terms, locale))
        }));
        Ok(connection)
    }

    /// An organisation's profile; `NOT_FOUND` for one the caller may not see.
    async fn organisation(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Organisation> {
        let viewer = ctx.viewer()?;
        let id = organisation_id(&id).map_err(|e| ctx.fail(&e))?;
        let (stored, terms) =
            organisations::get(ctx.db()?, ctx.state()?, &viewer.account, id).await.map_err(|e| ctx.fail(&e))?;
        Ok(Organisation::new(stored, &terms, ctx.request()?.locale))
    }

    /// The organisations the signed-in organisation account acts for.
    async fn my_organisations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<MyOrganisation>> {
        let viewer = ctx.viewer()?;
        let mine = organisations::mine(ctx.db()?, &viewer.account).await.map_err(|e| ctx.fail(&e))?;
        Ok(mine.into_iter().map(MyOrganisation::from).collect())
    }
}

/// Organisation mutations.
#[derive(Default)]
pub struct OrganisationsMutation;

#[Object]
impl OrganisationsMutation {
    /// Creates an organisation with the caller as its first representative; others find it
    /// once VPD staff approve it.
    async fn create_organisation(
        &self,
        ctx: &Context<'_>,
        input: OrganisationInput,
    ) -> async_graphql::Result<MyOrganisation> {
        let viewer = ctx.viewer()?;
        let mine = organisations::create(ctx.db()?, ctx.state()?, &viewer.account, input.into())
            .await
            .map_err(|e| fail(ctx, &e))?;
        Ok(mine.into())
    }

    /// Saves the profile of an organisation the caller acts for.
    async fn update_organisation(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: OrganisationInput,
    ) -> async_graphql::Result<MyOrganisation> {
        let viewer = ctx.viewer()?;
        let id = organisation_id(&id).map_err(|e| ctx.fail(&e))?;
        let mine = organisations::update(ctx.db()?, ctx.state()?, &viewer.account, id, input.into())
            .await
            .map_err(|e| fail(ctx, &e))?;
        Ok(mine.into())
    }

    /// Asks VPD staff to let the person with `email` act for the organisation too. They are
    /// told once staff approve; the answer is the same whether or not the address has an account.
    async fn invite_representative(
        &self,
        ctx: &Context<'_>,
        organisation_id: ID,
        email: String,
    ) -> async_graphql::Result<RepresentativeInvitation> {
        let viewer = ctx.viewer()?;
        let id = self::organisation_id(&organisation_id).map_err(|e| ctx.fail(&e))?;
        let invitation = organisations::invite_representative(ctx.db()?, ctx.state()?, &viewer.account, id, &email)
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(invitation.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_made_up_ones_are_refused() {
        let id = uuid::Uuid::new_v4();
        assert_eq!(
            parse_cursor(Some(&cursor("Darbnīca | Kuldīga", id))).ok().flatten(),
            Some(("Darbnīca | Kuldīga".to_owned(), id))
        );
        assert!(parse_cursor(Some("bm90IGEgY3Vyc29y")).is_err());
    }
}
