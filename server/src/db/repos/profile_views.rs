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
    /// Their applications: an organisation they applied to, or their mentor with their leave.
    Applications,
}

impl What {
    fn as_str(self) -> &'static str {
        match self {
            What::Profile => "profile",
            What::VpdRecord => "vpd_record",
            What::Applications => "applications",
        }
    }

    fn parse(s: &str) -> Option<What> {
        [What::Profile, What::VpdRecord, What::Applications].into_iter().find(|w| w.as_str() == s)
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

/// Notes that `viewer` opened `what` of `subject`. Profile and application views repeat at most
/// once an hour; every read of the VPD record is kept.
pub async fn record(
    db: &impl ConnectionTrait,
    subject: UserId,
    viewer: UserId,
    what: What,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if what != What::VpdRecord {
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

/// Notes that `viewer` opened `what` (not the VPD record) of each of `subjects`, each at most
/// once an hour: two statements whatever their number.
pub async fn record_many(
    db: &impl ConnectionTrait,
    subjects: &[UserId],
    viewer: UserId,
    what: What,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    debug_assert!(what != What::VpdRecord, "every read of the VPD record is recorded one by one");
    let mut subjects: Vec<Uuid> = subjects.iter().map(|s| s.0).filter(|s| *s != viewer.0).collect();
    subjects.sort_unstable();
    subjects.dedup();
    if subjects.is_empty() {
        return Ok(());
    }
    let recent: Vec<Uuid> = profile_views::Entity::find()
        .select_only()
        .column(profile_views::Column::SubjectId)
        .filter(profile_views::Column::SubjectId.is_in(subjects.clone()))
        .filter(profile_views::Column::ViewerId.eq(viewer.0))
        .filter(profile_views::Column::What.eq(what.as_str()))
        .filter(profile_views::Column::ViewedAt.gt(now - PROFILE_REPEAT))
        .into_tuple()
        .all(db)
        .await?;
    let rows: Vec<profile_views::ActiveModel> = subjects
        .into_iter()
        .filter(|s| !recent.contains(s))
        .map(|subject| profile_views::ActiveModel {
            id: Set(Uuid::new_v4()),
            subject_id: Set(subject),
            viewer_id: Set(viewer.0),
            what: Set(what.as_str().to_owned()),
            viewed_at: Set(now),
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    profile_views::Entity::insert_many(rows).exec_without_returning(db).await?;
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
