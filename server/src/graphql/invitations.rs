//! Founder invitation codes over GraphQL: staff make them, a person redeems one.

use async_graphql::{Context, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::access::{ANY_FIELD, Access, Rule};
use super::accounts::LocaleGql;
use super::context::ContextExt;
use crate::domain::Role;
use crate::services::invitations;

/// VPD staff and admins.
const VPD: Rule = Rule::Roles(&[Role::Staff, Role::Admin]);

/// Who may reach the fields of this module.
pub const ACCESS: &[Access] = &[
    ("Mutation", "createFounderInvitation", VPD),
    ("FounderInvitation", ANY_FIELD, VPD),
    // The person has no account yet: the code is the credential, and trying codes is limited.
    ("Mutation", "redeemInvitation", Rule::Public),
];

/// A founder to invite.
#[derive(InputObject)]
pub struct FounderInvitationInput {
    /// The name others will see (1–80 characters).
    display_name: String,
    /// The account's language.
    locale: LocaleGql,
}

/// A code to hand over in person; shown once.
#[derive(SimpleObject)]
pub struct FounderInvitation {
    /// Ten letters and digits in two groups, e.g. `K7QMP-4XH2N`.
    code: String,
    display_name: String,
    /// After this the code no longer works.
    expires_at: DateTime<Utc>,
}

/// Invitation mutations.
#[derive(Default)]
pub struct InvitationsMutation;

#[Object]
impl InvitationsMutation {
    /// Makes an invitation code for a founder without a stable e-mail address (VPD staff;
    /// audited). It works once, for 14 days.
    async fn create_founder_invitation(
        &self,
        ctx: &Context<'_>,
        input: FounderInvitationInput,
    ) -> async_graphql::Result<FounderInvitation> {
        let viewer = ctx.viewer()?;
        let made =
            invitations::create(ctx.db()?, ctx.state()?, &viewer.account, &input.display_name, input.locale.into())
                .await
                .map_err(|e| ctx.fail(&e))?;
        Ok(FounderInvitation { code: made.code, display_name: made.display_name, expires_at: made.expires_at })
    }

    /// Makes the founder account of an invitation code, with the person's e-mail address and
    /// password; they can sign in at once. Unknown, used and expired codes are refused (at
    /// `code`), and trying codes is rate-limited.
    async fn redeem_invitation(
        &self,
        ctx: &Context<'_>,
        code: String,
        password: String,
        email: String,
    ) -> async_graphql::Result<bool> {
        let client = ctx.request()?.client_ip;
        invitations::redeem(ctx.db()?, ctx.state()?, &code, &email, &password, client)
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(true)
    }
}
