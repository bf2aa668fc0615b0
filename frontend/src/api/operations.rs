//! Typed operations from `graphql/accounts.graphql`.

#![allow(clippy::all, missing_docs)]

use graphql_client::GraphQLQuery;

macro_rules! operation {
    ($name:ident) => {
        #[derive(GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = "graphql/accounts.graphql",
            response_derives = "Debug, Clone, PartialEq"
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
