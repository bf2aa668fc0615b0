//! Who may reach which field: one matrix, enforced for every field of every request.
//!
//! Every field of the schema must have a rule here; a field without one is refused (and a test
//! compares this list with the introspected schema). Finer rules, such as "only your own
//! mentorship", live in the services.

use std::sync::Arc;

use async_graphql::{
    ServerResult, Value,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo},
};

use super::context::RequestContext;
use crate::domain::Role;
use crate::error::{ClientError, Code};
use crate::i18n::Message;

/// Who may resolve a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in person.
    SignedIn,
    /// Signed-in people with one of these roles.
    Roles(&'static [Role]),
}

impl Rule {
    /// Whether a caller with `role` (`None`: not signed in) may resolve the field.
    pub fn allows(self, role: Option<Role>) -> bool {
        match (self, role) {
            (Rule::Public, _) => true,
            (Rule::SignedIn, Some(_)) => true,
            (Rule::Roles(roles), Some(role)) => roles.contains(&role),
            (_, None) => false,
        }
    }
}

const ADMIN: Rule = Rule::Roles(&[Role::Admin]);

/// The matrix: `(type, field, rule)` for every field of every object type in the schema.
pub const MATRIX: &[(&str, &str, Rule)] = &[
    ("Query", "viewer", Rule::Public),
    ("Query", "mySessions", Rule::SignedIn),
    ("Query", "passwordResetLink", Rule::Public),
    ("Mutation", "register", Rule::Public),
    ("Mutation", "verifyEmail", Rule::Public),
    ("Mutation", "signIn", Rule::Public),
    ("Mutation", "signOut", Rule::Public),
    ("Mutation", "requestPasswordReset", Rule::Public),
    ("Mutation", "resetPassword", Rule::Public),
    ("Mutation", "resendVerification", Rule::Public),
    ("Mutation", "changePassword", Rule::SignedIn),
    ("Mutation", "updateMyLocale", Rule::SignedIn),
    ("Mutation", "createStaffAccount", ADMIN),
    // The second-factor steps of a sign-in come before the person is signed in; the service
    // requires the half-finished session (or a signed-in person) itself.
    ("Mutation", "verifySecondFactor", Rule::Public),
    ("Mutation", "beginSecondFactorSetup", Rule::Public),
    ("Mutation", "confirmSecondFactor", Rule::Public),
    ("Mutation", "endSession", Rule::SignedIn),
    ("Mutation", "resetSecondFactor", ADMIN),
    ("Mutation", "disableAccount", ADMIN),
    ("Mutation", "enableAccount", ADMIN),
    ("SignInResult", "viewer", Rule::Public),
    ("SignInResult", "next", Rule::Public),
    ("SecondFactorSetup", "secret", Rule::Public),
    ("SecondFactorSetup", "uri", Rule::Public),
    ("SecondFactorSetup", "qrCode", Rule::Public),
    ("SecondFactorEnabled", "recoveryCodes", Rule::Public),
    ("SecondFactorEnabled", "viewer", Rule::SignedIn),
    ("DeviceSession", "id", Rule::SignedIn),
    ("DeviceSession", "device", Rule::SignedIn),
    ("DeviceSession", "createdAt", Rule::SignedIn),
    ("DeviceSession", "lastSeenAt", Rule::SignedIn),
    ("DeviceSession", "current", Rule::SignedIn),
    // `Viewer` is only ever the caller's own account.
    ("Viewer", "id", Rule::SignedIn),
    ("Viewer", "email", Rule::SignedIn),
    ("Viewer", "displayName", Rule::SignedIn),
    ("Viewer", "role", Rule::SignedIn),
    ("Viewer", "locale", Rule::SignedIn),
    ("Viewer", "emailVerified", Rule::SignedIn),
    ("Viewer", "secondFactor", Rule::SignedIn),
    ("StaffAccount", "id", ADMIN),
    ("StaffAccount", "email", ADMIN),
    ("StaffAccount", "displayName", ADMIN),
    ("StaffAccount", "role", ADMIN),
    ("StaffAccount", "locale", ADMIN),
];

/// The rule for a field, if the matrix has one.
pub fn rule_for(type_name: &str, field: &str) -> Option<Rule> {
    MATRIX.iter().find(|(t, f, _)| *t == type_name && *f == field).map(|(_, _, rule)| *rule)
}

/// Enforces [`MATRIX`] on every field resolution.
pub struct AccessControl;

impl ExtensionFactory for AccessControl {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(AccessControl)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for AccessControl {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        // Each item of a list is resolved again under the list's type ("[String!]"): the field
        // itself was checked under its real parent just before.
        if info.is_for_introspection || info.name.starts_with("__") || info.parent_type.starts_with('[') {
            return next.run(ctx, info).await;
        }
        let request = ctx.data_opt::<RequestContext>();
        let locale = request.map(|r| r.locale).unwrap_or_default();
        let role = request.and_then(|r| r.viewer()).map(|v| v.account.role);
        let refusal = match rule_for(info.parent_type, info.name) {
            Some(rule) if rule.allows(role) => None,
            Some(_) if role.is_none() => Some(ClientError::new(Code::Unauthenticated, Message::Unauthenticated)),
            Some(_) => Some(ClientError::new(Code::Forbidden, Message::Forbidden)),
            None => {
                tracing::error!(r#type = info.parent_type, field = info.name, "field has no access rule");
                Some(ClientError::new(Code::Forbidden, Message::Forbidden))
            }
        };
        match refusal {
            None => next.run(ctx, info).await,
            Some(err) => {
                let mut server_error = err.to_server_error(locale);
                server_error.path =
                    info.path_node.to_string_vec().into_iter().map(async_graphql::PathSegment::Field).collect();
                Err(server_error)
            }
        }
    }
}
