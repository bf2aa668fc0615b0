//! Typed operations of organisations: `graphql/my_organisation.graphql`, and the paged
//! `Organisations` alone in `graphql/organisations.graphql`.

#![allow(clippy::all, missing_docs)]

use graphql_client::GraphQLQuery;

/// The schema's `DateTime` scalar: RFC 3339 text.
pub type DateTime = String;

pub use crate::contexts::session::Standing;

/// What kind of body an organisation is (the schema's `OrganisationKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrganisationKind {
    /// A social enterprise.
    #[default]
    SocialEnterprise,
    /// An association or foundation.
    Ngo,
    /// A company.
    Company,
    /// A municipality or its institution.
    Municipality,
}

/// Where a representative's invitation stands (the schema's `RepresentativeInvitationStatus`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RepresentativeInvitationStatus {
    /// Waiting for VPD.
    Pending,
    /// Approved; the person joins with an organisation account.
    Approved,
    /// Refused by VPD.
    Rejected,
    /// The person acts for the organisation.
    Joined,
}

macro_rules! operation {
    ($name:ident) => {
        #[derive(GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = "graphql/my_organisation.graphql",
            response_derives = "Clone",
            extern_enums("OrganisationKind", "Standing", "RepresentativeInvitationStatus")
        )]
        pub struct $name;
    };
}

operation!(MyOrganisations);
operation!(CreateOrganisation);
operation!(UpdateOrganisation);
operation!(InviteRepresentative);

/// Alone in its file: a paged operation (see `graphql/organisations.graphql`).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/organisations.graphql",
    response_derives = "Clone",
    extern_enums("OrganisationKind")
)]
pub struct Organisations;

/// Alone in its file: the public buy-social directory, paged; rows compared whole, so the list
/// draws again what changed (the labels and attestations, in another language).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/buy_social.graphql",
    response_derives = "Clone, PartialEq, Eq, Hash",
    extern_enums("OrganisationKind")
)]
pub struct BuySocialDirectory;
