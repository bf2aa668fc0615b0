//! The GraphQL API: transport only. Resolvers convert input, call one service, convert output.

pub mod access;
pub mod accounts;
pub mod context;
pub mod limits;

use async_graphql::{EmptySubscription, MergedObject, Schema};

use crate::state::AppState;

/// Every query, merged per area.
#[derive(MergedObject, Default)]
pub struct Query(accounts::AccountsQuery);

/// Every mutation, merged per area.
#[derive(MergedObject, Default)]
pub struct Mutation(accounts::AccountsMutation);

/// The Tilts schema.
pub type TiltsSchema = Schema<Query, Mutation, EmptySubscription>;

/// Deepest selection accepted.
pub const MAX_DEPTH: usize = 8;
/// Highest complexity accepted; list fields cost `first × child` (pages hold at most 50).
pub const MAX_COMPLEXITY: usize = 500;
/// The largest page a list field returns.
pub const MAX_PAGE_SIZE: i32 = 50;

/// Builds the schema with its limits; `production` turns off introspection and suggestions.
pub fn build_schema(state: Option<AppState>, production: bool) -> TiltsSchema {
    let mut builder = Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .limit_recursive_depth(32)
        .limit_directives(4)
        .extension(limits::AliasLimit)
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
