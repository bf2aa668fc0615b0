//! Mentorships: requests, proposals and running mentorships. A step is one conditional update
//! (`WHERE status = <from>`), so two people acting at once cannot both move the same row; what
//! must hold across rows (a mentor's places, a founder's open requests) is checked after
//! [`hold_mentor`] or [`hold_mentee`] has locked the person's row for the transaction.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
    Set, sea_query::Expr,
};
use uuid::Uuid;

use crate::db::entities::{mentor_profiles, mentorships, users};
use crate::domain::{
    UserId,
    mentoring::{DeclineReason, MentorshipStatus, Origin},
};

/// A mentorship as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its id.
    pub id: Uuid,
    /// The founder, or the representative asking for their NGO.
    pub mentee: UserId,
    /// The mentor.
    pub mentor: UserId,
    /// The NGO the mentorship is for, if any.
    pub organisation: Option<Uuid>,
    /// Where it stands.
    pub status: MentorshipStatus,
    /// How it began.
    pub origin: Origin,
    /// The request's message (or staff's note to the mentor for a proposal).
    pub message: String,
    /// Why the mentor declined.
    pub decline_reason: Option<DeclineReason>,
    /// The mentor's words with a decline.
    pub answer_text: Option<String>,
    /// VPD staff's note on their review (staff only).
    pub review_note: Option<String>,
    /// Why it ended early.
    pub end_reason: Option<String>,
    /// Who ended or completed it.
    pub ended_by: Option<UserId>,
    /// Reminders sent to the mentor about the unanswered request.
    pub reminders_sent: u8,
    /// When it was asked for.
    pub created_at: DateTime<Utc>,
    /// When it last moved.
    pub updated_at: DateTime<Utc>,
    /// When the mentor answered.
    pub answered_at: Option<DateTime<Utc>>,
    /// When staff approved it.
    pub started_at: Option<DateTime<Utc>>,
    /// When it ended, whichever way.
    pub closed_at: Option<DateTime<Utc>>,
    /// Since when the mentee has waited for a mentor: their first request after their last
    /// mentorship that ran ended.
    pub waiting_since: DateTime<Utc>,
}

impl TryFrom<mentorships::Model> for Stored {
    type Error = DbErr;

    fn try_from(m: mentorships::Model) -> Result<Stored, DbErr> {
        let status = MentorshipStatus::parse(&m.status)
            .ok_or_else(|| DbErr::Custom(format!("mentorship {} has an unknown status {:?}", m.id, m.status)))?;
        let origin = Origin::parse(&m.origin)
            .ok_or_else(|| DbErr::Custom(format!("mentorship {} has an unknown origin {:?}", m.id, m.origin)))?;
        let decline_reason =
            match m.decline_reason.as_deref() {
                None => None,
                Some(name) => Some(DeclineReason::parse(name).ok_or_else(|| {
                    DbErr::Custom(format!("mentorship {} has an unknown decline reason {name:?}", m.id))
                })?),
            };
        Ok(Stored {
            id: m.id,
            mentee: UserId(m.mentee_id),
            mentor: UserId(m.mentor_id),
            organisation: m.organisation_id,
            status,
            origin,
            message: m.message,
            decline_reason,
            answer_text: m.answer_text,
            review_note: m.review_note,
            end_reason: m.end_reason,
            ended_by: m.ended_by.map(UserId),
            reminders_sent: u8::try_from(m.reminders_sent).unwrap_or(u8::MAX),
            created_at: m.created_at,
            updated_at: m.updated_at,
            answered_at: m.answered_at,
            started_at: m.started_at,
            closed_at: m.closed_at,
            waiting_since: m.waiting_since.unwrap_or(m.created_at),
        })
    }
}

fn stored(rows: Vec<mentorships::Model>) -> Result<Vec<Stored>, DbErr> {
    rows.into_iter().map(Stored::try_from).collect()
}

/// A new request or proposal.
#[derive(Debug, Clone)]
pub struct NewMentorship<'a> {
    /// The founder, or the representative asking for their NGO.
    pub mentee: UserId,
    /// The mentor asked.
    pub mentor: UserId,
    /// The NGO it is for, if any.
    pub organisation: Option<Uuid>,
    /// How it begins.
    pub origin: Origin,
    /// The message to the mentor.
    pub message: &'a str,
    /// Staff who proposed it.
    pub proposed_by: Option<UserId>,
    /// Where it starts (`Requested`; tests of later steps start further on).
    pub status: MentorshipStatus,
}

/// Stores a new mentorship; its id.
pub async fn insert(db: &impl ConnectionTrait, new: NewMentorship<'_>, now: DateTime<Utc>) -> Result<Uuid, DbErr> {
    let id = Uuid::new_v4();
    mentorships::Entity::insert(mentorships::ActiveModel {
        id: Set(id),
        mentee_id: Set(new.mentee.0),
        mentor_id: Set(new.mentor.0),
        organisation_id: Set(new.organisation),
        status: Set(new.status.as_str().to_owned()),
        origin: Set(new.origin.as_str().to_owned()),
        message: Set(new.message.to_owned()),
        proposed_by: Set(new.proposed_by.map(|p| p.0)),
        decline_reason: Set(None),
        answer_text: Set(None),
        review_note: Set(None),
        reviewed_by: Set(None),
        end_reason: Set(None),
        ended_by: Set(None),
        reminders_sent: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        answered_at: Set(None),
        started_at: Set(None),
        closed_at: Set(None),
        message_mailed_at: Set(None),
        waiting_since: Set(Some(now)),
    })
    .exec_without_returning(db)
    .await?;
    // Read after the write: on SQLite a transaction must begin with its write.
    let start = waiting_start(db, new.mentee, now).await?;
    if start < now {
        mentorships::Entity::update_many()
            .col_expr(mentorships::Column::WaitingSince, Expr::value(start))
            .filter(mentorships::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(id)
}

/// Since when `mentee` has waited for a mentor, as of a request made `now`: their first request
/// after the end of their last mentorship that ran (any request, when none ran).
async fn waiting_start(db: &impl ConnectionTrait, mentee: UserId, now: DateTime<Utc>) -> Result<DateTime<Utc>, DbErr> {
    use mentorships::Column as C;
    let last_ran: Option<DateTime<Utc>> = mentorships::Entity::find()
        .select_only()
        .column_as(C::ClosedAt.max(), "at")
        .filter(C::MenteeId.eq(mentee.0))
        .filter(C::StartedAt.is_not_null())
        .filter(C::ClosedAt.is_not_null())
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten();
    let mut first =
        mentorships::Entity::find().select_only().column_as(C::CreatedAt.min(), "at").filter(C::MenteeId.eq(mentee.0));
    if let Some(end) = last_ran {
        first = first.filter(C::CreatedAt.gt(end));
    }
    let first = first.into_tuple::<Option<DateTime<Utc>>>().one(db).await?.flatten();
    Ok(first.map_or(now, |first| first.min(now)))
}

/// Since when each of `mentees` has waited for a mentor: their first request after the end of
/// their last mentorship that ran; founders who asked nobody since are absent. Two statements
/// whatever their number.
pub async fn waiting_since_of(
    db: &impl ConnectionTrait,
    mentees: &[UserId],
) -> Result<HashMap<UserId, DateTime<Utc>>, DbErr> {
    use mentorships::Column as C;
    if mentees.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<Uuid> = mentees.iter().map(|m| m.0).collect();
    let last_ran: HashMap<Uuid, DateTime<Utc>> = mentorships::Entity::find()
        .select_only()
        .column(C::MenteeId)
        .column_as(C::ClosedAt.max(), "at")
        .filter(C::MenteeId.is_in(ids.clone()))
        .filter(C::StartedAt.is_not_null())
        .filter(C::ClosedAt.is_not_null())
        .group_by(C::MenteeId)
        .into_tuple::<(Uuid, Option<DateTime<Utc>>)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(id, at)| Some((id, at?)))
        .collect();
    // What the founder asked for (a mentor's offer is not the founder's waiting).
    let asked: Vec<(Uuid, DateTime<Utc>)> = mentorships::Entity::find()
        .select_only()
        .column(C::MenteeId)
        .column(C::CreatedAt)
        .filter(C::MenteeId.is_in(ids))
        .filter(C::Origin.ne(Origin::Mentor.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    let mut since: HashMap<UserId, DateTime<Utc>> = HashMap::new();
    for (mentee, at) in asked {
        if last_ran.get(&mentee).is_some_and(|end| at <= *end) {
            continue;
        }
        since.entry(UserId(mentee)).and_modify(|first| *first = (*first).min(at)).or_insert(at);
    }
    Ok(since)
}

/// The mentorship `id`, whoever asks (the service decides who may see it).
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Stored>, DbErr> {
    mentorships::Entity::find_by_id(id).one(db).await?.map(Stored::try_from).transpose()
}

/// The mentorships `ids` that exist, any order.
pub async fn find_many(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<Stored>, DbErr> {
    stored(mentorships::Entity::find().filter(mentorships::Column::Id.is_in(ids.to_vec())).all(db).await?)
}

/// What a step writes besides the status.
#[derive(Debug, Clone, Default)]
pub struct StepFacts {
    /// The mentor's decline reason.
    pub decline_reason: Option<DeclineReason>,
    /// The mentor's words.
    pub answer_text: Option<String>,
    /// Staff's note and who reviewed.
    pub review: Option<(String, UserId)>,
    /// Why it ended, and who ended or completed it.
    pub end: Option<(Option<String>, UserId)>,
}

/// Moves mentorship `id` from `from` to `to` at `now`, writing `facts`; whether it was still
/// at `from` (otherwise nothing changed).
pub async fn step(
    db: &impl ConnectionTrait,
    id: Uuid,
    from: MentorshipStatus,
    to: MentorshipStatus,
    facts: StepFacts,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let mut update = mentorships::Entity::update_many()
        .col_expr(mentorships::Column::Status, Expr::value(to.as_str()))
        .col_expr(mentorships::Column::UpdatedAt, Expr::value(now));
    if from.is_waiting() {
        update = update.col_expr(mentorships::Column::AnsweredAt, Expr::value(Some(now)));
    }
    if to == MentorshipStatus::Active {
        update = update.col_expr(mentorships::Column::StartedAt, Expr::value(Some(now)));
    }
    if to.is_final() {
        update = update.col_expr(mentorships::Column::ClosedAt, Expr::value(Some(now)));
    }
    if let Some(reason) = facts.decline_reason {
        update = update.col_expr(mentorships::Column::DeclineReason, Expr::value(Some(reason.as_str())));
    }
    if let Some(text) = facts.answer_text {
        update = update.col_expr(mentorships::Column::AnswerText, Expr::value(Some(text)));
    }
    if let Some((note, by)) = facts.review {
        update = update
            .col_expr(mentorships::Column::ReviewNote, Expr::value(Some(note)))
            .col_expr(mentorships::Column::ReviewedBy, Expr::value(Some(by.0)));
    }
    if let Some((reason, by)) = facts.end {
        update = update
            .col_expr(mentorships::Column::EndReason, Expr::value(reason))
            .col_expr(mentorships::Column::EndedBy, Expr::value(Some(by.0)));
    }
    let done = update
        .filter(mentorships::Column::Id.eq(id))
        .filter(mentorships::Column::Status.eq(from.as_str()))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Writes staff's note on mentorship `id` (a proposal's), by `by`.
pub async fn set_review_note(db: &impl ConnectionTrait, id: Uuid, note: &str, by: UserId) -> Result<(), DbErr> {
    mentorships::Entity::update_many()
        .col_expr(mentorships::Column::ReviewNote, Expr::value(Some(note.to_owned())))
        .col_expr(mentorships::Column::ReviewedBy, Expr::value(Some(by.0)))
        .filter(mentorships::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Offers still waiting for their founder that were made at or before `made_by`; oldest
/// first, at most `limit`.
pub async fn unanswered_offers(
    db: &impl ConnectionTrait,
    made_by: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<Stored>, DbErr> {
    let rows = mentorships::Entity::find()
        .filter(mentorships::Column::Status.eq(MentorshipStatus::Offered.as_str()))
        .filter(mentorships::Column::CreatedAt.lte(made_by))
        .order_by_asc(mentorships::Column::CreatedAt)
        .order_by_asc(mentorships::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    stored(rows)
}

/// Requests still waiting for their mentor that were made at or before `made_by`, with fewer
/// than `reminded` reminders sent; oldest first, at most `limit`.
pub async fn unanswered(
    db: &impl ConnectionTrait,
    made_by: DateTime<Utc>,
    reminded: u8,
    limit: u64,
) -> Result<Vec<Stored>, DbErr> {
    let rows = mentorships::Entity::find()
        .filter(mentorships::Column::Status.eq(MentorshipStatus::Requested.as_str()))
        .filter(mentorships::Column::CreatedAt.lte(made_by))
        .filter(mentorships::Column::RemindersSent.lt(i16::from(reminded)))
        .order_by_asc(mentorships::Column::CreatedAt)
        .order_by_asc(mentorships::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    stored(rows)
}

/// Counts a reminder of request `id` as sent (`from` reminders before, `to` after); whether it
/// still waited with exactly `from` (otherwise another run sent it, or it was answered).
pub async fn mark_reminded(db: &impl ConnectionTrait, id: Uuid, from: u8, to: u8) -> Result<bool, DbErr> {
    let done = mentorships::Entity::update_many()
        .col_expr(mentorships::Column::RemindersSent, Expr::value(i16::from(to)))
        .filter(mentorships::Column::Id.eq(id))
        .filter(mentorships::Column::Status.eq(MentorshipStatus::Requested.as_str()))
        .filter(mentorships::Column::RemindersSent.eq(i16::from(from)))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// `mentor`'s mentorships in one of `statuses`.
pub async fn of_mentor_in(
    db: &impl ConnectionTrait,
    mentor: UserId,
    statuses: &[MentorshipStatus],
) -> Result<Vec<Stored>, DbErr> {
    let rows = mentorships::Entity::find()
        .filter(mentorships::Column::MentorId.eq(mentor.0))
        .filter(mentorships::Column::Status.is_in(statuses.iter().map(|s| s.as_str())))
        .order_by_asc(mentorships::Column::CreatedAt)
        .all(db)
        .await?;
    stored(rows)
}

/// Pauses `mentor` (no longer available for new mentees) at `now`; whether they were available.
pub async fn pause_mentor(db: &impl ConnectionTrait, mentor: UserId, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let done = mentor_profiles::Entity::update_many()
        .col_expr(mentor_profiles::Column::Available, Expr::value(false))
        .col_expr(mentor_profiles::Column::UpdatedAt, Expr::value(now))
        .filter(mentor_profiles::Column::UserId.eq(mentor.0))
        .filter(mentor_profiles::Column::Available.eq(true))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Locks `mentor`'s profile row until the transaction ends (a no-op update: a row lock on
/// PostgreSQL, the write lock on SQLite), so counting their places and taking one is one step
/// for concurrent callers. Whether the mentor has a profile.
pub async fn hold_mentor(db: &impl ConnectionTrait, mentor: UserId) -> Result<bool, DbErr> {
    let held = mentor_profiles::Entity::update_many()
        .col_expr(mentor_profiles::Column::Capacity, Expr::col(mentor_profiles::Column::Capacity))
        .filter(mentor_profiles::Column::UserId.eq(mentor.0))
        .exec(db)
        .await?;
    Ok(held.rows_affected == 1)
}

/// Locks `mentee`'s account row until the transaction ends, so counting their open requests
/// and adding one is one step for concurrent callers.
pub async fn hold_mentee(db: &impl ConnectionTrait, mentee: UserId) -> Result<(), DbErr> {
    users::Entity::update_many()
        .col_expr(users::Column::Standing, Expr::col(users::Column::Standing))
        .filter(users::Column::Id.eq(mentee.0))
        .exec(db)
        .await?;
    Ok(())
}

/// `person`'s mentorships as mentee or mentor in one of `statuses`, any order.
pub async fn of_person_in(
    db: &impl ConnectionTrait,
    person: UserId,
    statuses: &[MentorshipStatus],
) -> Result<Vec<Stored>, DbErr> {
    let rows = mentorships::Entity::find()
        .filter(
            Condition::any()
                .add(mentorships::Column::MenteeId.eq(person.0))
                .add(mentorships::Column::MentorId.eq(person.0)),
        )
        .filter(mentorships::Column::Status.is_in(statuses.iter().map(|s| s.as_str())))
        .all(db)
        .await?;
    stored(rows)
}

/// `mentee`'s mentorships in one of `statuses`.
pub async fn of_mentee_in(
    db: &impl ConnectionTrait,
    mentee: UserId,
    statuses: &[MentorshipStatus],
) -> Result<Vec<Stored>, DbErr> {
    let rows = mentorships::Entity::find()
        .filter(mentorships::Column::MenteeId.eq(mentee.0))
        .filter(mentorships::Column::Status.is_in(statuses.iter().map(|s| s.as_str())))
        .all(db)
        .await?;
    stored(rows)
}

/// Which of `mentees` have a mentorship in one of `statuses` (one statement).
pub async fn mentees_in(
    db: &impl ConnectionTrait,
    mentees: &[UserId],
    statuses: &[MentorshipStatus],
) -> Result<HashSet<UserId>, DbErr> {
    if mentees.is_empty() {
        return Ok(HashSet::new());
    }
    let rows: Vec<Uuid> = mentorships::Entity::find()
        .select_only()
        .column(mentorships::Column::MenteeId)
        .distinct()
        .filter(mentorships::Column::MenteeId.is_in(mentees.iter().map(|m| m.0)))
        .filter(mentorships::Column::Status.is_in(statuses.iter().map(|s| s.as_str())))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(UserId).collect())
}

/// How many of `mentor`'s mentorships are in one of `statuses`.
pub async fn count_of_mentor(
    db: &impl ConnectionTrait,
    mentor: UserId,
    statuses: &[MentorshipStatus],
) -> Result<u64, DbErr> {
    #[derive(FromQueryResult)]
    struct Count {
        n: i64,
    }
    let row = mentorships::Entity::find()
        .select_only()
        .column_as(mentorships::Column::Id.count(), "n")
        .filter(mentorships::Column::MentorId.eq(mentor.0))
        .filter(mentorships::Column::Status.is_in(statuses.iter().map(|s| s.as_str())))
        .into_model::<Count>()
        .one(db)
        .await?;
    Ok(row.map(|c| u64::try_from(c.n).unwrap_or(0)).unwrap_or(0))
}

/// Places taken (accepted or running mentorships) of each of `mentors` that has any; one
/// statement whatever their number (`None`: of every mentor).
pub async fn places_taken(db: &impl ConnectionTrait, mentors: Option<&[UserId]>) -> Result<HashMap<UserId, u8>, DbErr> {
    #[derive(FromQueryResult)]
    struct Taken {
        mentor_id: Uuid,
        n: i64,
    }
    let held = [MentorshipStatus::PendingReview, MentorshipStatus::Active];
    let mut query = mentorships::Entity::find()
        .select_only()
        .column(mentorships::Column::MentorId)
        .column_as(mentorships::Column::Id.count(), "n")
        .filter(mentorships::Column::Status.is_in(held.iter().map(|s| s.as_str())))
        .group_by(mentorships::Column::MentorId);
    if let Some(mentors) = mentors {
        query = query.filter(mentorships::Column::MentorId.is_in(mentors.iter().map(|m| m.0)));
    }
    let rows = query.into_model::<Taken>().all(db).await?;
    Ok(rows.into_iter().map(|t| (UserId(t.mentor_id), u8::try_from(t.n).unwrap_or(u8::MAX))).collect())
}

/// The people `person` is in an active mentorship with, and those in a request or a match
/// waiting for VPD with them (one statement).
pub async fn ties_of(db: &impl ConnectionTrait, person: UserId) -> Result<(HashSet<UserId>, HashSet<UserId>), DbErr> {
    use MentorshipStatus as S;
    let rows = of_person_in(db, person, &[S::Requested, S::Offered, S::PendingReview, S::Active]).await?;
    let (mut active, mut asking) = (HashSet::new(), HashSet::new());
    for m in rows {
        let other = if m.mentee == person { m.mentor } else { m.mentee };
        if m.status == S::Active {
            active.insert(other)
        } else {
            asking.insert(other)
        };
    }
    Ok((active, asking))
}

/// The key of a page: the last row's change time and id.
pub type After = (DateTime<Utc>, Uuid);

/// `person`'s mentorships, newest change first, optionally only in `statuses`: at most
/// `limit` after `after`, and whether more follow.
pub async fn page_of_person(
    db: &impl ConnectionTrait,
    person: UserId,
    statuses: Option<&[MentorshipStatus]>,
    after: Option<&After>,
    limit: u64,
) -> Result<(Vec<Stored>, bool), DbErr> {
    let mut query = mentorships::Entity::find().filter(
        Condition::any()
            .add(mentorships::Column::MenteeId.eq(person.0))
            .add(mentorships::Column::MentorId.eq(person.0)),
    );
    if let Some(statuses) = statuses {
        query = query.filter(mentorships::Column::Status.is_in(statuses.iter().map(|s| s.as_str())));
    }
    keyset_page(db, query, mentorships::Column::UpdatedAt, after, Order::NewestFirst, limit).await
}

/// Matches waiting for VPD staff, the mentee who waited longest first (by
/// [`Stored::waiting_since`]): at most `limit` after `after`, and whether more follow.
pub async fn queue(db: &impl ConnectionTrait, after: Option<&After>, limit: u64) -> Result<(Vec<Stored>, bool), DbErr> {
    let query =
        mentorships::Entity::find().filter(mentorships::Column::Status.eq(MentorshipStatus::PendingReview.as_str()));
    keyset_page(db, query, mentorships::Column::WaitingSince, after, Order::OldestFirst, limit).await
}

/// Which way a page of mentorships runs, by last change.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    NewestFirst,
    OldestFirst,
}

/// At most `limit` rows of `query` after the key `after`, in `order` of (`time`, id), and
/// whether more follow.
async fn keyset_page(
    db: &impl ConnectionTrait,
    mut query: sea_orm::Select<mentorships::Entity>,
    time: mentorships::Column,
    after: Option<&After>,
    order: Order,
    limit: u64,
) -> Result<(Vec<Stored>, bool), DbErr> {
    use mentorships::Column as C;
    if let Some((at, id)) = after {
        let (past_time, past_id) = match order {
            Order::NewestFirst => (time.lt(*at), C::Id.lt(*id)),
            Order::OldestFirst => (time.gt(*at), C::Id.gt(*id)),
        };
        query = query.filter(Condition::any().add(past_time).add(Condition::all().add(time.eq(*at)).add(past_id)));
    }
    let direction = if order == Order::NewestFirst { sea_orm::Order::Desc } else { sea_orm::Order::Asc };
    let mut rows = query.order_by(time, direction.clone()).order_by(C::Id, direction).limit(limit + 1).all(db).await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok((stored(rows)?, more))
}

/// When each of `mentees` last stopped having a mentor or a request in play: the end of their
/// latest mentorship that ended, for those who have one (the waiting time's start).
pub async fn last_closed(
    db: &impl ConnectionTrait,
    mentees: &[UserId],
) -> Result<HashMap<UserId, DateTime<Utc>>, DbErr> {
    #[derive(FromQueryResult)]
    struct Closed {
        mentee_id: Uuid,
        closed: Option<DateTime<Utc>>,
    }
    let rows = mentorships::Entity::find()
        .select_only()
        .column(mentorships::Column::MenteeId)
        .column_as(mentorships::Column::ClosedAt.max(), "closed")
        .filter(mentorships::Column::MenteeId.is_in(mentees.iter().map(|m| m.0)))
        .filter(mentorships::Column::ClosedAt.is_not_null())
        .group_by(mentorships::Column::MenteeId)
        .into_model::<Closed>()
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|c| c.closed.map(|at| (UserId(c.mentee_id), at))).collect())
}
