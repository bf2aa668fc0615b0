//! The vocabularies of regions, topics, sectors and languages.

use std::sync::Arc;

use super::Db;
use crate::db::repos;
use crate::domain::Taxonomies;
use crate::error::{ClientError, ToClientError};
use crate::state::AppState;

/// What can go wrong reading the vocabularies: only the unexpected.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomiesError {
    /// The database failed.
    #[error("reading the vocabularies failed")]
    Unexpected(#[from] sea_orm::DbErr),
}

impl ToClientError for TaxonomiesError {
    fn client_error(&self) -> Option<ClientError> {
        None
    }
}

/// Every term of every vocabulary, in the order lists show them: read from `db` by the first
/// call of the process, kept for every later one.
pub async fn all(db: &impl Db, state: &AppState) -> Result<Arc<Taxonomies>, sea_orm::DbErr> {
    let terms = state.taxonomies.get_or_try_init(|| async { repos::taxonomies::all(db).await.map(Arc::new) }).await?;
    Ok(Arc::clone(terms))
}
