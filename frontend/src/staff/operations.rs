//! Typed operations from `graphql/staff.graphql`: only the staff bundle links them.

#![allow(clippy::all, missing_docs)]

use graphql_client::GraphQLQuery;

pub use crate::{contexts::session::Role, i18n::Locale};

#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/staff.graphql",
    response_derives = "Clone",
    extern_enums("Role", "Locale")
)]
pub struct CreateStaffAccount;
