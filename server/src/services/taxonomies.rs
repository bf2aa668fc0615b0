//! The vocabularies of regions, topics, sectors and languages.

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

/// Every term of every vocabulary, in the order lists show them.
pub async fn all(state: &AppState) -> Result<Taxonomies, TaxonomiesError> {
    Ok(repos::taxonomies::all(&state.db).await?)
}
