//! What happens inside a mentorship: messages, goals, the session log and each side's answers
//! (fit check, closing feedback). The service decides who may read and write them.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::Expr,
};
use uuid::Uuid;

use crate::db::entities::{
    mentorship_answers, mentorship_goals, mentorship_messages, mentorship_sessions, mentorships,
};
use crate::domain::{UserId, mentoring::activity::SessionLog};

/// A message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Its id.
    pub id: Uuid,
    /// Who wrote it.
    pub author: UserId,
    /// Plain text.
    pub body: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Stores a message by `author` in `mentorship`.
pub async fn insert_message(
    db: &impl ConnectionTrait,
    mentorship: Uuid,
    author: UserId,
    body: &str,
    now: DateTime<Utc>,
) -> Result<Message, DbErr> {
    let id = Uuid::new_v4();
    mentorship_messages::Entity::insert(mentorship_messages::ActiveModel {
        id: Set(id),
        mentorship_id: Set(mentorship),
        author_id: Set(author.0),
        body: Set(body.to_owned()),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(Message { id, author, body: body.to_owned(), created_at: now })
}

/// The key of a page of messages: the last one's time and id.
pub type After = (DateTime<Utc>, Uuid);

/// `mentorship`'s messages newest first: at most `limit` after `after`, and whether more follow.
pub async fn messages(
    db: &impl ConnectionTrait,
    mentorship: Uuid,
    after: Option<&After>,
    limit: u64,
) -> Result<(Vec<Message>, bool), DbErr> {
    use mentorship_messages::Column as C;
    let mut query = mentorship_messages::Entity::find().filter(C::MentorshipId.eq(mentorship));
    if let Some((at, id)) = after {
        query = query.filter(
            Condition::any()
                .add(C::CreatedAt.lt(*at))
                .add(Condition::all().add(C::CreatedAt.eq(*at)).add(C::Id.lt(*id))),
        );
    }
    let mut rows = query.order_by_desc(C::CreatedAt).order_by_desc(C::Id).limit(limit + 1).all(db).await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let messages = rows
        .into_iter()
        .map(|m| Message { id: m.id, author: UserId(m.author_id), body: m.body, created_at: m.created_at })
        .collect();
    Ok((messages, more))
}

/// Takes the hour's e-mail about new messages in `mentorship`: whether none went out in the
/// hour before `now` (and so this one may).
pub async fn claim_message_mail(
    db: &impl ConnectionTrait,
    mentorship: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let done = mentorships::Entity::update_many()
        .col_expr(mentorships::Column::MessageMailedAt, Expr::value(Some(now)))
        .filter(mentorships::Column::Id.eq(mentorship))
        .filter(
            Condition::any()
                .add(mentorships::Column::MessageMailedAt.is_null())
                .add(mentorships::Column::MessageMailedAt.lte(now - Duration::hours(1))),
        )
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// A goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    /// Its id.
    pub id: Uuid,
    /// What to reach.
    pub title: String,
    /// By when, if set.
    pub due_on: Option<NaiveDate>,
    /// When it was reached.
    pub done_at: Option<DateTime<Utc>>,
    /// Who set it.
    pub created_by: UserId,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Stores a goal of `mentorship`.
pub async fn insert_goal(
    db: &impl ConnectionTrait,
    mentorship: Uuid,
    title: &str,
    due_on: Option<NaiveDate>,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<Goal, DbErr> {
    let id = Uuid::new_v4();
    mentorship_goals::Entity::insert(mentorship_goals::ActiveModel {
        id: Set(id),
        mentorship_id: Set(mentorship),
        title: Set(title.to_owned()),
        due_on: Set(due_on),
        done_at: Set(None),
        created_by: Set(by.0),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(Goal { id, title: title.to_owned(), due_on, done_at: None, created_by: by, created_at: now })
}

/// `mentorship`'s goals, in the order they were set.
pub async fn goals(db: &impl ConnectionTrait, mentorship: Uuid) -> Result<Vec<Goal>, DbErr> {
    use mentorship_goals::Column as C;
    let rows = mentorship_goals::Entity::find()
        .filter(C::MentorshipId.eq(mentorship))
        .order_by_asc(C::CreatedAt)
        .order_by_asc(C::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|g| Goal {
            id: g.id,
            title: g.title,
            due_on: g.due_on,
            done_at: g.done_at,
            created_by: UserId(g.created_by),
            created_at: g.created_at,
        })
        .collect())
}

/// Marks goal `goal` of `mentorship` reached at `now`; whether it was open.
pub async fn complete_goal(
    db: &impl ConnectionTrait,
    mentorship: Uuid,
    goal: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use mentorship_goals::Column as C;
    let done = mentorship_goals::Entity::update_many()
        .col_expr(C::DoneAt, Expr::value(Some(now)))
        .filter(C::Id.eq(goal))
        .filter(C::MentorshipId.eq(mentorship))
        .filter(C::DoneAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// A logged session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Its id.
    pub id: Uuid,
    /// Who logged it.
    pub author: UserId,
    /// The session.
    pub log: SessionLog,
    /// When it was logged.
    pub created_at: DateTime<Utc>,
}

/// Stores a session of `mentorship` logged by `author`.
pub async fn insert_session(
    db: &impl ConnectionTrait,
    mentorship: Uuid,
    author: UserId,
    log: &SessionLog,
    now: DateTime<Utc>,
) -> Result<Session, DbErr> {
    let id = Uuid::new_v4();
    mentorship_sessions::Entity::insert(mentorship_sessions::ActiveModel {
        id: Set(id),
        mentorship_id: Set(mentorship),
        author_id: Set(author.0),
        held_on: Set(log.held_on),
        minutes: Set(i16::try_from(log.minutes).unwrap_or(i16::MAX)),
        topic: Set(log.topic.clone()),
        private_note: Set(log.private_note.clone()),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(Session { id, author, log: log.clone(), created_at: now })
}

/// `mentorship`'s sessions, latest first.
pub async fn sessions(db: &impl ConnectionTrait, mentorship: Uuid) -> Result<Vec<Session>, DbErr> {
    use mentorship_sessions::Column as C;
    let rows = mentorship_sessions::Entity::find()
        .filter(C::MentorshipId.eq(mentorship))
        .order_by_desc(C::HeldOn)
        .order_by_desc(C::CreatedAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|s| Session {
            id: s.id,
            author: UserId(s.author_id),
            log: SessionLog {
                held_on: s.held_on,
                minutes: u16::try_from(s.minutes).unwrap_or(0),
                topic: s.topic,
                private_note: s.private_note,
            },
            created_at: s.created_at,
        })
        .collect())
}

/// What a side answered about their mentorship.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKind {
    /// "Is this working?" after the first session.
    FitCheck,
    /// The closing rating and words.
    Feedback,
}

impl AnswerKind {
    fn as_str(self) -> &'static str {
        match self {
            AnswerKind::FitCheck => "fit_check",
            AnswerKind::Feedback => "feedback",
        }
    }
}

/// One side's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Who answered.
    pub person: UserId,
    /// Which question.
    pub kind: AnswerKind,
    /// The fit check's yes or no.
    pub working: Option<bool>,
    /// The closing rating, 1 to 5.
    pub rating: Option<u8>,
    /// Their words.
    pub words: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Stores `answer` for `mentorship`; whether it was new (each side answers each question once).
pub async fn insert_answer(db: &impl ConnectionTrait, mentorship: Uuid, answer: &Answer) -> Result<bool, DbErr> {
    use mentorship_answers::Column as C;
    use sea_orm::sea_query::OnConflict;
    let inserted = mentorship_answers::Entity::insert(mentorship_answers::ActiveModel {
        mentorship_id: Set(mentorship),
        person_id: Set(answer.person.0),
        kind: Set(answer.kind.as_str().to_owned()),
        working: Set(answer.working),
        rating: Set(answer.rating.map(i16::from)),
        words: Set(answer.words.clone()),
        created_at: Set(answer.created_at),
    })
    .on_conflict(OnConflict::columns([C::MentorshipId, C::PersonId, C::Kind]).do_nothing().to_owned())
    .exec_without_returning(db)
    .await?;
    Ok(inserted == 1)
}

/// Every answer given in `mentorships`, by mentorship.
pub async fn answers(db: &impl ConnectionTrait, mentorships: &[Uuid]) -> Result<HashMap<Uuid, Vec<Answer>>, DbErr> {
    let rows = mentorship_answers::Entity::find()
        .filter(mentorship_answers::Column::MentorshipId.is_in(mentorships.to_vec()))
        .order_by_asc(mentorship_answers::Column::CreatedAt)
        .all(db)
        .await?;
    let mut by: HashMap<Uuid, Vec<Answer>> = HashMap::new();
    for row in rows {
        let kind = if row.kind == AnswerKind::FitCheck.as_str() { AnswerKind::FitCheck } else { AnswerKind::Feedback };
        by.entry(row.mentorship_id).or_default().push(Answer {
            person: UserId(row.person_id),
            kind,
            working: row.working,
            rating: row.rating.and_then(|r| u8::try_from(r).ok()),
            words: row.words,
            created_at: row.created_at,
        });
    }
    Ok(by)
}

/// The mentorships where a side answered "no" to the fit check, newest answer first, at most
/// `limit`.
pub async fn fit_concerns(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<Uuid>, DbErr> {
    use mentorship_answers::Column as C;
    let rows = mentorship_answers::Entity::find()
        .filter(C::Kind.eq(AnswerKind::FitCheck.as_str()))
        .filter(C::Working.eq(false))
        .order_by_desc(C::CreatedAt)
        .limit(limit)
        .all(db)
        .await?;
    let mut ids: Vec<Uuid> = Vec::new();
    for row in rows {
        if !ids.contains(&row.mentorship_id) {
            ids.push(row.mentorship_id);
        }
    }
    Ok(ids)
}

/// The closing ratings founders gave each of `mentors` (two statements whatever their number).
pub async fn mentor_ratings(db: &impl ConnectionTrait, mentors: &[UserId]) -> Result<HashMap<UserId, Vec<u8>>, DbErr> {
    use crate::domain::mentoring::MentorshipStatus as S;
    let closed = mentorships::Entity::find()
        .filter(mentorships::Column::MentorId.is_in(mentors.iter().map(|m| m.0)))
        .filter(mentorships::Column::Status.is_in([S::Completed.as_str(), S::Ended.as_str()]))
        .all(db)
        .await?;
    let sides: HashMap<Uuid, (UserId, UserId)> =
        closed.iter().map(|m| (m.id, (UserId(m.mentor_id), UserId(m.mentee_id)))).collect();
    let ids: Vec<Uuid> = sides.keys().copied().collect();
    let mut ratings: HashMap<UserId, Vec<u8>> = HashMap::new();
    for (mentorship, answers) in answers(db, &ids).await? {
        let Some((mentor, mentee)) = sides.get(&mentorship) else { continue };
        for answer in answers.into_iter().filter(|a| a.kind == AnswerKind::Feedback && a.person == *mentee) {
            if let Some(rating) = answer.rating {
                ratings.entry(*mentor).or_default().push(rating);
            }
        }
    }
    Ok(ratings)
}
