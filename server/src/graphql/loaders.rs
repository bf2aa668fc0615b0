//! Data loaders: what a list's rows need besides themselves, fetched once per request for all
//! the rows that ask, so a page costs the same statements whatever its length.

use std::collections::HashMap;

use async_graphql::dataloader::{DataLoader, Loader};
use sea_orm::DatabaseConnection;

use crate::domain::{UserId, mentoring::activity};

/// Mentors' ratings as others may see them: the average of founders' closing ratings, only
/// from [`activity::MIN_RATINGS_SHOWN`] on.
pub struct MentorRatings {
    db: DatabaseConnection,
}

impl MentorRatings {
    /// A loader for one request.
    pub fn for_request(db: DatabaseConnection) -> DataLoader<MentorRatings> {
        DataLoader::new(MentorRatings { db }, tokio::spawn)
    }
}

impl Loader<UserId> for MentorRatings {
    type Value = (f64, usize);
    type Error = std::sync::Arc<sea_orm::DbErr>;

    async fn load(&self, mentors: &[UserId]) -> Result<HashMap<UserId, (f64, usize)>, Self::Error> {
        let ratings = crate::db::repos::mentorship_activity::mentor_ratings(&self.db, mentors)
            .await
            .map_err(std::sync::Arc::new)?;
        Ok(ratings.into_iter().filter_map(|(mentor, all)| Some((mentor, activity::shown_average(&all)?))).collect())
    }
}
