//! Who may reach which field: the gate, enforced for every field of every request.
//!
//! Each `graphql` module declares the rules of its fields in its own `ACCESS` list; this module
//! gathers them into one map. A field without a rule is refused (and a test compares the rules
//! with the introspected schema). Finer rules, such as "only your own mentorship", live in the
//! services.

use std::{
    collections::HashMap,
    sync::{Arc, LazyLock},
};

use async_graphql::{
    ServerResult, Value,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo},
};

use super::context::RequestContext;
use crate::domain::{Role, Standing};
use crate::error::{ClientError, Code};
use crate::i18n::Message;

/// Who may resolve a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in person.
    SignedIn,
    /// Signed-in people with one of these roles whom staff have approved: a mentor waiting
    /// for approval, or a suspended one, is not yet (or no longer) "a mentor".
    Roles(&'static [Role]),
    /// Signed-in people with one of these roles, approved or still waiting for approval (what
    /// they need to get approved, such as their own profile).
    Applying(&'static [Role]),
}

impl Rule {
    /// Whether a caller with `role` and `standing` (`None`: not signed in) may resolve the field.
    pub fn allows(self, caller: Option<(Role, Standing)>) -> bool {
        match (self, caller) {
            (Rule::Public, _) => true,
            (Rule::SignedIn, Some(_)) => true,
            (Rule::Roles(roles), Some((role, Standing::Approved))) => roles.contains(&role),
            (Rule::Applying(roles), Some((role, Standing::Approved | Standing::Pending))) => roles.contains(&role),
            _ => false,
        }
    }
}

/// Admins only.
pub const ADMIN: Rule = Rule::Roles(&[Role::Admin]);

/// The field name of a type's default rule: it covers every field of the type without a rule of
/// its own. `Query` and `Mutation` have none: each root field names its rule.
pub const ANY_FIELD: &str = "*";

/// One declared rule: `(type, field or ANY_FIELD, rule)`. Each `graphql` module lists its
/// own in an `ACCESS` constant next to its resolvers.
pub type Access = (&'static str, &'static str, Rule);

/// The rules of every module. A test compares them with the introspected schema.
pub const DECLARED: &[&[Access]] = &[
    super::accounts::ACCESS,
    super::directory::ACCESS,
    super::email_links::ACCESS,
    super::invitations::ACCESS,
    super::mentoring::ACCESS,
    super::moderation::ACCESS,
    super::notifications::ACCESS,
    super::opportunities::ACCESS,
    super::applications::ACCESS,
    super::buy_social::ACCESS,
    super::organisations::ACCESS,
    super::people::ACCESS,
    super::privacy::ACCESS,
    super::profile_views::ACCESS,
    super::profiles::ACCESS,
    super::taxonomies::ACCESS,
];

/// Every declared rule.
pub fn declarations() -> impl Iterator<Item = &'static Access> {
    DECLARED.iter().flat_map(|rules| rules.iter())
}

/// The rules by `(type, field)`, built once.
static RULES: LazyLock<HashMap<(&'static str, &'static str), Rule>> =
    LazyLock::new(|| declarations().map(|(ty, field, rule)| ((*ty, *field), *rule)).collect());

/// The rule for a field: its own, else its type's default; `None` when neither is declared.
pub fn rule_for(type_name: &str, field: &str) -> Option<Rule> {
    RULES.get(&(type_name, field)).or_else(|| RULES.get(&(type_name, ANY_FIELD))).copied()
}

/// Enforces the declared rules on every field resolution.
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
        let caller = request.and_then(|r| r.viewer()).map(|v| (v.account.role, v.account.standing));
        let refusal = match rule_for(info.parent_type, info.name) {
            Some(rule) if rule.allows(caller) => None,
            Some(_) if caller.is_none() => Some(ClientError::new(Code::Unauthenticated, Message::Unauthenticated)),
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

#[cfg(test)]
mod tests {
    use super::{ADMIN, Rule};
    use crate::domain::{Role, Standing};

    #[test]
    fn a_role_counts_only_once_staff_approved_it_and_never_while_suspended() {
        let mentors = Rule::Roles(&[Role::Mentor]);
        let applying = Rule::Applying(&[Role::Mentor]);
        assert!(mentors.allows(Some((Role::Mentor, Standing::Approved))));
        for standing in [Standing::Pending, Standing::Rejected, Standing::Suspended] {
            assert!(!mentors.allows(Some((Role::Mentor, standing))), "{standing:?}");
        }
        assert!(applying.allows(Some((Role::Mentor, Standing::Pending))));
        assert!(applying.allows(Some((Role::Mentor, Standing::Approved))));
        assert!(!applying.allows(Some((Role::Mentor, Standing::Suspended))));
        assert!(!applying.allows(Some((Role::Mentor, Standing::Rejected))));
        assert!(!applying.allows(Some((Role::Founder, Standing::Approved))));
        assert!(!ADMIN.allows(None));
        assert!(Rule::SignedIn.allows(Some((Role::Mentor, Standing::Suspended))));
        assert!(!Rule::SignedIn.allows(None));
        assert!(Rule::Public.allows(None));
    }
}
