//! Typed operations from `graphql/staff.graphql` and the staff pages' other documents: only the
//! staff bundle links them.

#![allow(clippy::all, missing_docs)]

use graphql_client::GraphQLQuery;

pub use crate::{
    contexts::session::{Role, Standing},
    i18n::Locale,
};

/// The schema's `DateTime` scalar: RFC 3339 text.
pub type DateTime = String;
/// The schema's `NaiveDate` scalar: `YYYY-MM-DD`.
pub type NaiveDate = String;

macro_rules! operation {
    ($name:ident) => {
        #[derive(GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = "graphql/staff.graphql",
            response_derives = "Clone",
            extern_enums("Role", "Locale", "Standing")
        )]
        pub struct $name;
    };
}

operation!(CreateStaffAccount);
operation!(DecideModeration);
operation!(TargetGroupRecord);
operation!(SetTargetGroupRecord);
operation!(SetSupervisionConstraints);
operation!(SectorTerms);
operation!(CreateFounderInvitation);
operation!(ReviewOpportunity);
operation!(AttestOrganisation);

/// An operation of `graphql/mentorship_review.graphql`: reviewing a match, with both profiles.
macro_rules! review_operation {
    ($name:ident) => {
        #[derive(GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = "graphql/mentorship_review.graphql",
            response_derives = "Clone"
        )]
        pub struct $name;
    };
}

review_operation!(ReviewMentorship);
review_operation!(MentorshipFounder);
review_operation!(MentorshipMentor);
review_operation!(MentorshipConcerns);
review_operation!(CloseMentorship);

/// Alone in its file: see the comment there.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/moderation_queue.graphql",
    response_derives = "Clone",
    extern_enums("Role", "Locale")
)]
pub struct ModerationQueue;

/// Alone in its file: see the comment there.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/people.graphql",
    response_derives = "Clone",
    extern_enums("Role", "Locale", "Standing")
)]
pub struct People;

/// Alone in its file: see the comment there.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/mentorship_queue.graphql",
    response_derives = "Clone"
)]
pub struct MentorshipQueue;
