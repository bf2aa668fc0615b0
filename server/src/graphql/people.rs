//! VPD staff's search over all people, over GraphQL.

use async_graphql::{
    Context, ID, Object, SimpleObject,
    connection::{Connection, Edge},
};
use base64::Engine as _;
use chrono::{DateTime, Utc};

use super::access::{ANY_FIELD, Access, Rule};
use super::accounts::{RoleGql, StandingGql};
use super::context::ContextExt;
use crate::domain::Role;
use crate::services::people::{self, PeopleError};

/// VPD staff and admins.
const VPD: Rule = Rule::Roles(&[Role::Staff, Role::Admin]);

/// Who may reach the fields of this module: VPD staff only.
pub const ACCESS: &[Access] = &[
    ("Query", "people", VPD),
    ("PersonConnection", ANY_FIELD, VPD),
    ("PersonEdge", ANY_FIELD, VPD),
    ("Person", ANY_FIELD, VPD),
];

/// Anyone with an account, as VPD staff see them.
#[derive(SimpleObject)]
pub struct Person {
    id: ID,
    display_name: String,
    email: String,
    role: RoleGql,
    standing: StandingGql,
    /// Disabled by an admin.
    disabled: bool,
    joined_at: DateTime<Utc>,
}

fn cursor(name: &str, id: uuid::Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{name}|{id}"))
}

fn parse_cursor(cursor: &str) -> Option<(String, uuid::Uuid)> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (name, id) = text.rsplit_once('|')?;
    Some((name.to_owned(), uuid::Uuid::parse_str(id).ok()?))
}

/// Staff search queries.
#[derive(Default)]
pub struct PeopleQuery;

#[Object]
impl PeopleQuery {
    /// Everyone whose name or e-mail address contains `search`, of `role` if given, in name
    /// order (VPD staff): founders, mentors, organisation members and staff, in any standing.
    #[graphql(complexity = "first * child_complexity")]
    async fn people(
        &self,
        ctx: &Context<'_>,
        search: Option<String>,
        role: Option<RoleGql>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Person>> {
        let viewer = ctx.viewer()?;
        let after = match after {
            Some(text) => Some(parse_cursor(&text).ok_or_else(|| ctx.fail(&PeopleError::BadCursor))?),
            None => None,
        };
        let role: Option<Role> = role.map(Into::into);
        let page = people::search(ctx.db()?, &viewer.account, search.as_deref(), role, first, after.clone())
            .await
            .map_err(|e| ctx.fail(&e))?;
        let mut connection = Connection::new(after.is_some(), page.has_more);
        connection.edges.extend(page.people.into_iter().map(|found| {
            let account = found.account;
            let node = Person {
                id: ID(account.id.0.to_string()),
                display_name: account.display_name.clone(),
                email: account.email.as_str().to_owned(),
                role: account.role.into(),
                standing: account.standing.into(),
                disabled: found.disabled,
                joined_at: found.joined,
            };
            Edge::new(cursor(&account.display_name, account.id.0), node)
        }));
        Ok(connection)
    }
}
