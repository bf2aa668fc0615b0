//! Applications as stored, and the hires they became. Steps are conditional updates on the
//! status; one application per founder and opportunity is the database's rule.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::db::entities::{application_sharing, applications, outcomes};
use crate::domain::{UserId, application::ApplicationStatus, opportunity::OpportunityKind};

/// An application as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its id.
    pub id: Uuid,
    /// The opportunity applied to.
    pub opportunity: Uuid,
    /// The founder who applied.
    pub founder: UserId,
    /// Where it stands.
    pub status: ApplicationStatus,
    /// The founder's message.
    pub message: String,
    /// Whether the organisation may see the founder's e-mail address.
    pub share_email: bool,
    /// Whether the organisation may see the founder's phone number.
    pub share_phone: bool,
    /// The organisation's reason for a decline.
    pub decline_reason: Option<String>,
    /// When it was sent.
    pub created_at: DateTime<Utc>,
    /// When it last moved.
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<applications::Model> for Stored {
    type Error = DbErr;

    fn try_from(row: applications::Model) -> Result<Self, DbErr> {
        Ok(Stored {
            id: row.id,
            opportunity: row.opportunity_id,
            founder: UserId(row.founder_id),
            status: ApplicationStatus::parse(&row.status)
                .ok_or_else(|| DbErr::Type(format!("unknown application status {}", row.status)))?,
            message: row.message,
            share_email: row.share_email,
            share_phone: row.share_phone,
            decline_reason: row.decline_reason,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// A new application.
#[derive(Debug, Clone)]
pub struct NewApplication<'a> {
    /// The opportunity.
    pub opportunity: Uuid,
    /// The founder.
    pub founder: UserId,
    /// Their message.
    pub message: &'a str,
    /// Share the e-mail address.
    pub share_email: bool,
    /// Share the phone number.
    pub share_phone: bool,
}

/// Stores `new` as submitted; its id, or `None` when the founder applied to it already.
pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewApplication<'_>,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>, DbErr> {
    let id = Uuid::new_v4();
    let inserted = applications::Entity::insert(applications::ActiveModel {
        id: Set(id),
        opportunity_id: Set(new.opportunity),
        founder_id: Set(new.founder.0),
        status: Set(ApplicationStatus::Submitted.as_str().to_owned()),
        message: Set(new.message.to_owned()),
        share_email: Set(new.share_email),
        share_phone: Set(new.share_phone),
        decline_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        closed_at: Set(None),
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::columns([applications::Column::OpportunityId, applications::Column::FounderId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok((inserted == 1).then_some(id))
}

/// The application `id`, whoever asks (the service decides who may see it).
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Stored>, DbErr> {
    applications::Entity::find_by_id(id).one(db).await?.map(Stored::try_from).transpose()
}

/// Moves application `id` from `from` to `to` at `now` (with the organisation's `reason` for a
/// decline); whether it was still at `from`.
pub async fn step(
    db: &impl ConnectionTrait,
    id: Uuid,
    from: ApplicationStatus,
    to: ApplicationStatus,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use applications::Column as C;
    let mut update = applications::Entity::update_many()
        .col_expr(C::Status, Expr::value(to.as_str()))
        .col_expr(C::UpdatedAt, Expr::value(now));
    if to.is_final() {
        update = update.col_expr(C::ClosedAt, Expr::value(Some(now)));
    }
    if reason.is_some() {
        update = update.col_expr(C::DeclineReason, Expr::value(reason));
    }
    let done = update.filter(C::Id.eq(id)).filter(C::Status.eq(from.as_str())).exec(db).await?;
    Ok(done.rows_affected == 1)
}

/// Records a hire of `founder` by `organisation` through `application` on `hired_on`.
pub async fn record_outcome(
    db: &impl ConnectionTrait,
    founder: UserId,
    organisation: Uuid,
    application: Uuid,
    kind: OpportunityKind,
    hired_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    outcomes::Entity::insert(outcomes::ActiveModel {
        id: Set(Uuid::new_v4()),
        founder_id: Set(founder.0),
        organisation_id: Set(Some(organisation)),
        application_id: Set(Some(application)),
        opportunity_kind: Set(kind.as_str().to_owned()),
        hired_on: Set(hired_on),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The key of a page: the time the list is ordered by and the id of the last row before it.
pub type After = (DateTime<Utc>, Uuid);

/// `founder`'s applications, last moved first: at most `limit` after `after`, and whether more
/// follow.
pub async fn of_founder(
    db: &impl ConnectionTrait,
    founder: UserId,
    after: Option<After>,
    limit: u64,
) -> Result<(Vec<Stored>, bool), DbErr> {
    use applications::Column as C;
    let mut query = applications::Entity::find().filter(C::FounderId.eq(founder.0));
    if let Some((at, id)) = after {
        query = query.filter(
            Condition::any().add(C::UpdatedAt.lt(at)).add(Condition::all().add(C::UpdatedAt.eq(at)).add(C::Id.lt(id))),
        );
    }
    let rows = query.order_by_desc(C::UpdatedAt).order_by_desc(C::Id).limit(limit + 1).all(db).await?;
    cut(rows, limit)
}

/// The applications to `opportunity` from approved, active founders other than `hidden`,
/// newest first: at most `limit` after `after`, and whether more follow.
pub async fn of_opportunity(
    db: &impl ConnectionTrait,
    opportunity: Uuid,
    hidden: &[UserId],
    after: Option<After>,
    limit: u64,
) -> Result<(Vec<Stored>, bool), DbErr> {
    use applications::Column as C;
    let mut query = applications::Entity::find()
        .filter(C::OpportunityId.eq(opportunity))
        .filter(C::FounderId.in_subquery(active_founders()));
    if !hidden.is_empty() {
        query = query.filter(C::FounderId.is_not_in(hidden.iter().map(|u| u.0)));
    }
    if let Some((at, id)) = after {
        query = query.filter(
            Condition::any().add(C::CreatedAt.lt(at)).add(Condition::all().add(C::CreatedAt.eq(at)).add(C::Id.lt(id))),
        );
    }
    let rows = query.order_by_desc(C::CreatedAt).order_by_desc(C::Id).limit(limit + 1).all(db).await?;
    cut(rows, limit)
}

/// The ids of founders approved by VPD and not disabled: only they appear to organisations.
fn active_founders() -> sea_orm::sea_query::SelectStatement {
    use crate::db::entities::users;
    sea_orm::sea_query::Query::select()
        .column(users::Column::Id)
        .from(users::Entity)
        .and_where(users::Column::Role.eq("founder"))
        .and_where(users::Column::Standing.eq("approved"))
        .and_where(users::Column::Status.eq("active"))
        .to_owned()
}

/// Whether `founder` is approved by VPD and not disabled.
pub async fn founder_active(db: &impl ConnectionTrait, founder: UserId) -> Result<bool, DbErr> {
    use crate::db::entities::users;
    Ok(users::Entity::find()
        .filter(users::Column::Id.eq(founder.0))
        .filter(users::Column::Id.in_subquery(active_founders()))
        .count(db)
        .await?
        > 0)
}

fn cut(rows: Vec<applications::Model>, limit: u64) -> Result<(Vec<Stored>, bool), DbErr> {
    let more = rows.len() as u64 > limit;
    let rows = rows.into_iter().take(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok((rows.map(Stored::try_from).collect::<Result<_, _>>()?, more))
}

/// The mentor `founder` lets see their applications, if any.
pub async fn shared_with(db: &impl ConnectionTrait, founder: UserId) -> Result<Option<UserId>, DbErr> {
    Ok(application_sharing::Entity::find_by_id(founder.0).one(db).await?.map(|row| UserId(row.mentor_id)))
}

/// Lets `mentor` (in place of any earlier one) see `founder`'s applications, or, with `None`,
/// nobody.
pub async fn share_with(
    db: &impl ConnectionTrait,
    founder: UserId,
    mentor: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use application_sharing::Column as C;
    if let Some(mentor) = mentor {
        application_sharing::Entity::insert(application_sharing::ActiveModel {
            founder_id: Set(founder.0),
            mentor_id: Set(mentor.0),
            created_at: Set(now),
        })
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(C::FounderId).update_columns([C::MentorId, C::CreatedAt]).to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    } else {
        application_sharing::Entity::delete_by_id(founder.0).exec(db).await?;
    }
    Ok(())
}

/// The hires recorded for `founder`, newest first (their outcomes).
pub async fn outcomes_of(
    db: &impl ConnectionTrait,
    founder: UserId,
) -> Result<Vec<(Option<Uuid>, OpportunityKind, NaiveDate)>, DbErr> {
    outcomes::Entity::find()
        .filter(outcomes::Column::FounderId.eq(founder.0))
        .order_by_desc(outcomes::Column::HiredOn)
        .all(db)
        .await?
        .into_iter()
        .map(|o| {
            let kind = OpportunityKind::parse(&o.opportunity_kind)
                .ok_or_else(|| DbErr::Type(format!("unknown opportunity kind {}", o.opportunity_kind)))?;
            Ok((o.organisation_id, kind, o.hired_on))
        })
        .collect()
}
