//! Typed operations from `graphql/accounts.graphql`.

#![allow(clippy::all, missing_docs)]

use graphql_client::GraphQLQuery;

/// The schema's `DateTime` scalar: RFC 3339 text.
pub type DateTime = String;

macro_rules! operation {
    ($name:ident) => {
        #[derive(GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = "graphql/accounts.graphql",
            response_derives = "Clone"
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
