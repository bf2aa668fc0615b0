//! Typed operations from `graphql/accounts.graphql` and `graphql/profiles.graphql`.

#![allow(clippy::all, missing_docs)]

use graphql_client::GraphQLQuery;

/// The schema's `DateTime` scalar: RFC 3339 text.
pub type DateTime = String;

/// The schema's enums the app has its own types for (`extern_enums`): no per-operation copies.
pub use crate::{
    contexts::session::{Role, Standing},
    i18n::Locale,
};

macro_rules! operation {
    ($name:ident) => {
        #[derive(GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = "graphql/accounts.graphql",
            response_derives = "Clone",
            extern_enums("Role", "Locale", "Standing")
        )]
        pub struct $name;
    };
}

operation!(Viewer);
operation!(Register);
operation!(VerifyEmail);
operation!(SignIn);
operation!(SignOut);
operation!(RequestPasswordReset);
operation!(ResetPassword);
operation!(ChangePassword);
operation!(UpdateMyLocale);
operation!(VerifySecondFactor);
operation!(BeginSecondFactorSetup);
operation!(ConfirmSecondFactor);
operation!(MySessions);
operation!(EndSession);
operation!(ResendVerification);
operation!(PasswordResetLink);
operation!(RedeemInvitation);
operation!(UnreadNotificationCount);
operation!(MarkNotificationsRead);

/// Operations of `graphql/profiles.graphql`.
macro_rules! profile_operation {
    ($name:ident) => {
        #[derive(GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = "graphql/profiles.graphql",
            response_derives = "Clone",
            extern_enums("FounderStage", "MeetingMode")
        )]
        pub struct $name;
    };
}

pub use crate::pages::profile::{FounderStage, MeetingMode};

profile_operation!(MyProfile);
profile_operation!(ProfileTerms);
profile_operation!(UpdateFounderProfile);
profile_operation!(UpdateMentorProfile);

/// Alone in its file: its cost depends on `$first`.
#[derive(GraphQLQuery)]
#[graphql(schema_path = "../schema.graphql", query_path = "graphql/profile_views.graphql", response_derives = "Clone")]
pub struct ProfileViews;

/// Alone in its file: its cost depends on `$first`.
#[derive(GraphQLQuery)]
#[graphql(schema_path = "../schema.graphql", query_path = "graphql/notifications.graphql", response_derives = "Clone")]
pub struct Notifications;
