//! Who opened whose data, for each person's "who viewed my data".

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::db::entities::profile_views;
use crate::domain::UserId;

/// What was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// The person's full profile.
    Profile,
    /// The record VPD keeps about the person (read by staff only).
    VpdRecord,
}

impl What {
    fn as_str(self) -> &'static str {
        match self {
            What::Profile => "profile",
            What::VpdRecord => "vpd_record",
        }
    }

    fn parse(s: &str) -> Option<What> {
        [What::Profile, What::VpdRecord].into_iter().find(|w| w.as_str() == s)
    }
}

/// One stored view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// The row's id (the tie-breaker of the page key).
    pub id: Uuid,
    /// Who looked.
    pub viewer: UserId,
    /// What they opened.
    pub what: What,
    /// When.
    pub at: DateTime<Utc>,
}

/// The same person opening the same profile again within this time counts once.
const PROFILE_REPEAT: Duration = Duration::hours(1);

/// Notes that `viewer` opened `what` of `subject`. Profile views repeat at most once an hour;
/// every read of the VPD record is kept.
pub async fn record(
    db: &impl ConnectionTrait,
    subject: UserId,
    viewer: UserId,
    what: What,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if what == What::Profile {
        let recent = profile_views::Entity::find()
            .filter(profile_views::Column::SubjectId.eq(subject.0))
            .filter(profile_views::Column::ViewerId.eq(viewer.0))
            .filter(profile_views::Column::What.eq(what.as_str()))
            .filter(profile_views::Column::ViewedAt.gt(now - PROFILE_REPEAT))
            .count(db)
            .await?;
        if recent > 0 {
            return Ok(());
        }
    }
    profile_views::ActiveModel {
        id: Set(Uuid::new_v4()),
        subject_id: Set(subject.0),
        viewer_id: Set(viewer.0),
        what: Set(what.as_str().to_owned()),
        viewed_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The views of `subject`'s data, newest first: at most `limit` after the key `after`.
pub async fn of(
    db: &impl ConnectionTrait,
    subject: UserId,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: u64,
) -> Result<Vec<View>, DbErr> {
    let mut query = profile_views::Entity::find().filter(profile_views::Column::SubjectId.eq(subject.0));
    if let Some((at, id)) = after {
        query =
            query.filter(Condition::any().add(profile_views::Column::ViewedAt.lt(at)).add(
                Condition::all().add(profile_views::Column::ViewedAt.eq(at)).add(profile_views::Column::Id.lt(id)),
            ));
    }
    let rows = query
        .order_by_desc(profile_views::Column::ViewedAt)
        .order_by_desc(profile_views::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|r| {
            let what = What::parse(&r.what).ok_or_else(|| DbErr::Type(format!("unknown view kind {}", r.what)))?;
            Ok(View { id: r.id, viewer: UserId(r.viewer_id), what, at: r.viewed_at })
        })
        .collect()
}
