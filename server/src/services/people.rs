//! VPD staff's search over everyone with an account, whatever their role or standing.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Db;
use crate::db::repos;
use crate::domain::{Account, Role};
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::Message;

/// Why the search was not answered.
#[derive(Debug, thiserror::Error)]
pub enum PeopleError {
    /// A page cursor the server did not make.
    #[error("not a cursor of this list")]
    BadCursor,
    /// A role the access gate should have refused reached this use case.
    #[error("the access rules let a {0:?} through to the staff search")]
    RoleNotServed(Role),
    /// The database failed.
    #[error("the search failed")]
    Database(#[from] sea_orm::DbErr),
}

impl ToClientError for PeopleError {
    fn client_error(&self) -> Option<ClientError> {
        match self {
            PeopleError::BadCursor => {
                Some(ClientError::new(Code::BadUserInput, Message::InvalidRequest).field("after"))
            }
            PeopleError::RoleNotServed(_) | PeopleError::Database(_) => None,
        }
    }
}

/// A person as staff see them in the search.
#[derive(Debug, Clone)]
pub struct Found {
    /// The account.
    pub account: Account,
    /// Disabled by an admin.
    pub disabled: bool,
    /// When they joined.
    pub joined: DateTime<Utc>,
}

/// A page of the search.
#[derive(Debug, Clone)]
pub struct PeoplePage {
    /// The people, in name order.
    pub people: Vec<Found>,
    /// Whether more follow.
    pub has_more: bool,
}

/// People whose name or e-mail address contains `text`, of `role` if given (VPD staff).
pub async fn search(
    db: &impl Db,
    actor: &Account,
    text: Option<&str>,
    role: Option<Role>,
    first: usize,
    after: Option<(String, Uuid)>,
) -> Result<PeoplePage, PeopleError> {
    if !actor.role.is_vpd() {
        return Err(PeopleError::RoleNotServed(actor.role));
    }
    let first = first.clamp(1, super::MAX_PAGE_SIZE);
    let mut rows = repos::users::search(db, text, role, after, first as u64 + 1).await?;
    let has_more = rows.len() > first;
    rows.truncate(first);
    let people = rows
        .into_iter()
        .map(|(stored, joined)| Found { account: stored.account, disabled: stored.disabled, joined })
        .collect();
    Ok(PeoplePage { people, has_more })
}
