//! E-mail links over GraphQL: a new verification link, and a reset link's status.

use async_graphql::{Context, Enum, Object};

use super::access::{Access, Rule};
use super::context::ContextExt;
use crate::services::email_links;

/// Who may reach the fields of this module: anyone (a person with a link is not signed in).
pub const ACCESS: &[Access] =
    &[("Query", "passwordResetLink", Rule::Public), ("Mutation", "resendVerification", Rule::Public)];

/// What an e-mail link is worth now.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "LinkStatus", remote = "crate::domain::token::LinkStatus")]
pub enum LinkStatusGql {
    /// It can be used.
    Valid,
    /// It was used before: links work once.
    Used,
    /// It has expired.
    Expired,
    /// No such link.
    Invalid,
}

/// E-mail link queries.
#[derive(Default)]
pub struct EmailLinksQuery;

#[Object]
impl EmailLinksQuery {
    /// Whether the password-reset or staff-invitation link with this token can still be used,
    /// so the page can say so before asking for a new password.
    async fn password_reset_link(&self, ctx: &Context<'_>, token: String) -> async_graphql::Result<LinkStatusGql> {
        let status =
            email_links::password_reset_link(ctx.db()?, ctx.state()?, &token).await.map_err(|e| ctx.fail(&e))?;
        Ok(status.into())
    }
}

/// E-mail link mutations.
#[derive(Default)]
pub struct EmailLinksMutation;

#[Object]
impl EmailLinksMutation {
    /// E-mails a new verification link if the address has an account that is not confirmed
    /// yet. Always answers `true` for a well-formed address.
    async fn resend_verification(&self, ctx: &Context<'_>, email: String) -> async_graphql::Result<bool> {
        let client = ctx.request()?.client_ip;
        email_links::resend_verification(ctx.state()?, &email, client).await.map_err(|e| ctx.fail(&e))?;
        Ok(true)
    }
}
