//! Typed operations of mentoring: `graphql/mentoring.graphql`, and the lists
//! `graphql/my_mentorships.graphql`, `graphql/recommended_mentors.graphql` and
//! `graphql/recommended_founders.graphql` in files of their own.

#![allow(clippy::all, missing_docs)]

use graphql_client::GraphQLQuery;

/// The schema's `DateTime` scalar: RFC 3339 text.
pub type DateTime = String;
/// The schema's `NaiveDate` scalar: `YYYY-MM-DD`.
pub type NaiveDate = String;

pub use crate::mentoring::{DeclineReason, MentorshipStatus};

macro_rules! operation {
    ($name:ident) => {
        #[derive(GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = "graphql/mentoring.graphql",
            response_derives = "Clone",
            extern_enums("MentorshipStatus", "DeclineReason")
        )]
        pub struct $name;
    };
}

operation!(Mentorship);
operation!(MentorshipMessages);
operation!(MentorToAsk);
operation!(RequestMentor);
operation!(FounderToOffer);
operation!(OfferMentorship);
operation!(AnswerMentorshipRequest);
operation!(WithdrawMentorshipRequest);
operation!(SendMentorshipMessage);
operation!(AddGoal);
operation!(CompleteGoal);
operation!(LogSession);
operation!(AnswerFitCheck);
operation!(EndMentorship);
operation!(LeaveMentorshipFeedback);

#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/my_mentorships.graphql",
    response_derives = "Clone",
    extern_enums("MentorshipStatus")
)]
pub struct MyMentorships;

#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/recommended_mentors.graphql",
    response_derives = "Clone"
)]
pub struct RecommendedMentors;

#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/recommended_founders.graphql",
    response_derives = "Clone"
)]
pub struct RecommendedFounders;
