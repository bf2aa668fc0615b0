//! The GraphQL API: transport only. Resolvers convert input, call one service, convert output.

pub mod access;
pub mod accounts;
pub mod applications;
pub mod buy_social;
pub mod context;
pub mod directory;
pub mod email_links;
pub mod invitations;
pub mod limits;
pub mod loaders;
pub mod mentoring;
pub mod moderation;
pub mod notifications;
pub mod opportunities;
pub mod organisations;
pub mod people;
pub mod privacy;
pub mod profile_views;
pub mod profiles;
pub mod taxonomies;

use async_graphql::{EmptySubscription, MergedObject, Schema};

use crate::state::AppState;

/// Every query, merged per area.
#[derive(MergedObject, Default)]
pub struct Query(
    accounts::AccountsQuery,
    applications::ApplicationsQuery,
    buy_social::BuySocialQuery,
    directory::DirectoryQuery,
    email_links::EmailLinksQuery,
    mentoring::MentoringQuery,
    moderation::ModerationQuery,
    notifications::NotificationsQuery,
    opportunities::OpportunitiesQuery,
    organisations::OrganisationsQuery,
    people::PeopleQuery,
    privacy::PrivacyQuery,
    profile_views::ProfileViewsQuery,
    profiles::ProfilesQuery,
    taxonomies::TaxonomiesQuery,
);

/// Every mutation, merged per area.
#[derive(MergedObject, Default)]
pub struct Mutation(
    accounts::AccountsMutation,
    applications::ApplicationsMutation,
    buy_social::BuySocialMutation,
    email_links::EmailLinksMutation,
    invitations::InvitationsMutation,
    mentoring::MentoringMutation,
    moderation::ModerationMutation,
    notifications::NotificationsMutation,
    opportunities::OpportunitiesMutation,
    organisations::OrganisationsMutation,
    privacy::PrivacyMutation,
    profiles::ProfilesMutation,
);

/// The Tilts schema.
pub type TiltsSchema = Schema<Query, Mutation, EmptySubscription>;

/// Deepest chain of fields accepted, checked by [`limits::QueryLimits`] so that introspection
/// (development only) is exempt: GraphiQL's introspection query nests `ofType` seven levels deep.
pub const MAX_DEPTH: usize = 8;
/// Highest complexity accepted: every field costs 1 plus its children, `__typename` nothing.
///
/// A list field takes `first`, returns at most [`MAX_PAGE_SIZE`] rows, and costs the page asked
/// for: `first` × its children, so `first: 50` with six fields a row spends the whole budget
/// and bigger asks are refused before anything runs (a test in `limits` holds the pattern):
///
/// ```text
/// #[graphql(complexity = "first * child_complexity")]
/// async fn mentors(&self, ctx: &Context<'_>, #[graphql(default = 20)] first: usize) -> Result<Vec<Mentor>> {
///     // the service returns at most `first.min(MAX_PAGE_SIZE as usize)` rows
/// ```
pub const MAX_COMPLEXITY: usize = 300;
/// The largest page a list field returns.
pub const MAX_PAGE_SIZE: i32 = crate::services::MAX_PAGE_SIZE as i32;
/// Deepest nesting of selection sets and fragments, fields or not (async-graphql counts it while
/// parsing; [`limits::QueryLimits`] counts it the same way first).
pub const MAX_RECURSIVE_DEPTH: usize = 16;
/// Most directives on one field.
pub const MAX_DIRECTIVES: usize = 3;
/// The largest request body accepted: room for an opportunity's longest description
/// (10,000 characters, up to 6 bytes each when JSON escapes Cyrillic) and for refusing a longer
/// one at its field; the other operations of the app fit in a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 128 * 1024;

/// Builds the schema with its limits; `production` turns off introspection and suggestions.
///
/// [`limits::QueryLimits`] checks aliases, fields, depth, directives and one mutation per request
/// before async-graphql walks the document, and complexity after validation; the recursion and
/// directive limits of async-graphql stay as a second line.
pub fn build_schema(state: Option<AppState>, production: bool) -> TiltsSchema {
    let mut builder = Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .limit_recursive_depth(MAX_RECURSIVE_DEPTH)
        .limit_directives(MAX_DIRECTIVES)
        .extension(limits::QueryLimits::new(!production))
        .extension(access::AccessControl);
    if production {
        builder = builder.disable_introspection().disable_suggestions();
    }
    if let Some(state) = state {
        builder = builder.data(state);
    }
    builder.finish()
}

/// The schema in SDL, as committed in `schema.graphql`.
pub fn sdl() -> String {
    build_schema(None, false).sdl()
}

#[cfg(test)]
mod tests {
    /// The layers below the transport never name it: HTTP details (cookies, headers) reach
    /// resolvers and services only as plain values in the request context.
    #[test]
    fn no_layer_below_http_imports_it() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        // Spelled in two parts, so this file does not name it.
        let needle = concat!("crate", "::http");
        let mut offenders = Vec::new();
        let mut dirs: Vec<_> = ["graphql", "services", "domain", "db", "email", "jobs"].map(|d| src.join(d)).into();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if std::fs::read_to_string(&path).is_ok_and(|text| text.contains(needle)) {
                    offenders.push(path.display().to_string());
                }
            }
        }
        assert!(offenders.is_empty(), "these files import the HTTP layer: {offenders:?}");
    }
}
