//! "Who viewed my data": each person's list of who opened their full profile, and when VPD
//! staff read the record VPD keeps about them. A viewer the person may not see themselves is
//! not named (the list must not reveal someone the directory hides); staff appear as "VPD
//! staff", never by name.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Db;
use crate::db::repos::{self, profile_views::What};
use crate::domain::{
    Account, UserId,
    policy::{self, Purpose},
};
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::Message;

/// Why the list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ViewsError {
    /// A page cursor the server did not make.
    #[error("not a cursor of this list")]
    BadCursor,
    /// The database failed.
    #[error("the views could not be read")]
    Database(#[from] sea_orm::DbErr),
}

impl ToClientError for ViewsError {
    fn client_error(&self) -> Option<ClientError> {
        match self {
            ViewsError::BadCursor => Some(ClientError::new(Code::BadUserInput, Message::InvalidRequest).field("after")),
            ViewsError::Database(_) => None,
        }
    }
}

/// Who looked, as the person may know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Looker {
    /// A member of VPD staff (never named).
    VpdStaff,
    /// A person the viewer may see.
    Person {
        /// Their account.
        id: UserId,
        /// Their name.
        display_name: String,
    },
    /// Someone the person may not see (hidden from them, or gone).
    Someone,
}

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewLine {
    /// The page key's tie-breaker.
    pub id: Uuid,
    /// Who.
    pub by: Looker,
    /// What they opened.
    pub what: What,
    /// When.
    pub at: DateTime<Utc>,
}

/// A page of the list, newest first.
#[derive(Debug, Clone)]
pub struct ViewsPage {
    /// The lines.
    pub lines: Vec<ViewLine>,
    /// Whether older lines follow.
    pub has_more: bool,
}

/// Who viewed `actor`'s data: at most `first` lines after the key `after`. Four statements
/// whatever the page size.
pub async fn mine(
    db: &impl Db,
    actor: &Account,
    first: usize,
    after: Option<(DateTime<Utc>, Uuid)>,
) -> Result<ViewsPage, ViewsError> {
    let first = first.clamp(1, super::MAX_PAGE_SIZE);
    let mut views = repos::profile_views::of(db, actor.id, after, first as u64 + 1).await?;
    let has_more = views.len() > first;
    views.truncate(first);
    let (me, ties) = super::directory::viewer(db, actor).await?;
    let ids: Vec<UserId> = views.iter().map(|v| v.viewer).collect();
    let people: HashMap<UserId, _> =
        repos::directory::persons(db, &ids).await?.into_iter().map(|(p, name)| (p.id, (p, name))).collect();
    let lines = views
        .into_iter()
        .map(|view| {
            let by = match people.get(&view.viewer) {
                Some((person, _)) if person.role.is_vpd() => Looker::VpdStaff,
                Some((person, name)) if policy::may_see(&me, &ties, person, Purpose::Profile) => {
                    Looker::Person { id: person.id, display_name: name.clone() }
                }
                _ if view.what == What::VpdRecord => Looker::VpdStaff,
                _ => Looker::Someone,
            };
            ViewLine { id: view.id, by, what: view.what, at: view.at }
        })
        .collect();
    Ok(ViewsPage { lines, has_more })
}
