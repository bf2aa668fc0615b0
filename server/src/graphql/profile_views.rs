//! "Who viewed my data" over GraphQL.

use async_graphql::{
    Context, Enum, ID, Object, SimpleObject,
    connection::{Connection, Edge},
};
use base64::Engine as _;
use chrono::{DateTime, Utc};

use super::access::{ANY_FIELD, Access, Rule};
use super::context::ContextExt;
use crate::db::repos::profile_views::What;
use crate::services::profile_views::{self, Looker, ViewsError};

/// Who may reach the fields of this module: every signed-in person, about their own data.
pub const ACCESS: &[Access] = &[
    ("Query", "profileViews", Rule::SignedIn),
    ("ProfileViewConnection", ANY_FIELD, Rule::SignedIn),
    ("ProfileViewEdge", ANY_FIELD, Rule::SignedIn),
    ("ProfileView", ANY_FIELD, Rule::SignedIn),
];

/// Who looked.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum ViewerKind {
    /// A person named in `name`.
    Person,
    /// A member of VPD staff.
    VpdStaff,
    /// Someone the person may not see in Tilts.
    Someone,
}

/// What was opened.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "ViewedData", remote = "crate::db::repos::profile_views::What")]
pub enum WhatGql {
    /// The full profile.
    Profile,
    /// The record VPD keeps about the person.
    VpdRecord,
    /// Their applications (an organisation they applied to, or their mentor with their leave).
    Applications,
}

/// One time someone opened the person's data.
#[derive(SimpleObject)]
pub struct ProfileView {
    by: ViewerKind,
    /// The viewer's account, when `by` is `PERSON`.
    viewer_id: Option<ID>,
    /// The viewer's name, when `by` is `PERSON`.
    name: Option<String>,
    what: WhatGql,
    viewed_at: DateTime<Utc>,
}

fn cursor(at: DateTime<Utc>, id: uuid::Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{}|{id}", at.to_rfc3339()))
}

fn parse_cursor(cursor: &str) -> Option<(DateTime<Utc>, uuid::Uuid)> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (at, id) = text.split_once('|')?;
    Some((DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc), uuid::Uuid::parse_str(id).ok()?))
}

/// "Who viewed my data" queries.
#[derive(Default)]
pub struct ProfileViewsQuery;

#[Object]
impl ProfileViewsQuery {
    /// Who opened the signed-in person's full profile, and when VPD staff read the record VPD
    /// keeps about them; newest first.
    #[graphql(complexity = "first * child_complexity")]
    async fn profile_views(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, ProfileView>> {
        let viewer = ctx.viewer()?;
        let after = match after {
            Some(text) => Some(parse_cursor(&text).ok_or_else(|| ctx.fail(&ViewsError::BadCursor))?),
            None => None,
        };
        let page = profile_views::mine(ctx.db()?, &viewer.account, first, after).await.map_err(|e| ctx.fail(&e))?;
        let mut connection = Connection::new(after.is_some(), page.has_more);
        connection.edges.extend(page.lines.into_iter().map(|line| {
            let (by, viewer_id, name) = match line.by {
                Looker::Person { id, display_name } => {
                    (ViewerKind::Person, Some(ID(id.0.to_string())), Some(display_name))
                }
                Looker::VpdStaff => (ViewerKind::VpdStaff, None, None),
                Looker::Someone => (ViewerKind::Someone, None, None),
            };
            let what: What = line.what;
            Edge::new(
                cursor(line.at, line.id),
                ProfileView { by, viewer_id, name, what: what.into(), viewed_at: line.at },
            )
        }));
        Ok(connection)
    }
}
