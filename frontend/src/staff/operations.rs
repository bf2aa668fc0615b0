//! Typed operations from `graphql/staff.graphql`: only the staff bundle links them.

#![allow(clippy::all, missing_docs)]

use graphql_client::GraphQLQuery;

pub use crate::{contexts::session::Role, i18n::Locale};

/// The schema's `DateTime` scalar: RFC 3339 text.
pub type DateTime = String;

macro_rules! operation {
    ($name:ident) => {
        #[derive(GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = "graphql/staff.graphql",
            response_derives = "Clone",
            extern_enums("Role", "Locale")
        )]
        pub struct $name;
    };
}

operation!(CreateStaffAccount);
operation!(DecideModeration);

/// Alone in its file: see the comment there.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/moderation_queue.graphql",
    response_derives = "Clone",
    extern_enums("Role", "Locale")
)]
pub struct ModerationQueue;
