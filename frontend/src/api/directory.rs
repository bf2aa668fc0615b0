//! Typed operations of the directory: `graphql/directory.graphql`, and the paged `Mentors`
//! alone in `graphql/mentors.graphql`.

#![allow(clippy::all, missing_docs)]

use graphql_client::GraphQLQuery;

pub use crate::pages::profile::MeetingMode;

#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/directory.graphql",
    response_derives = "Clone",
    extern_enums("MeetingMode")
)]
pub struct Mentor;

#[derive(GraphQLQuery)]
#[graphql(schema_path = "../schema.graphql", query_path = "graphql/directory.graphql", response_derives = "Clone")]
pub struct DirectoryTerms;

/// Alone in its file: a paged operation (see `graphql/mentors.graphql`).
#[derive(GraphQLQuery)]
#[graphql(schema_path = "../schema.graphql", query_path = "graphql/mentors.graphql", response_derives = "Clone")]
pub struct Mentors;

/// Alone in its file: a paged operation (see `graphql/founders.graphql`).
#[derive(GraphQLQuery)]
#[graphql(schema_path = "../schema.graphql", query_path = "graphql/founders.graphql", response_derives = "Clone")]
pub struct Founders;
