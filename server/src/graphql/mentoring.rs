//! Mentoring over GraphQL: `recommendedMentors`, `myMentorships`, `mentorship(id)`, staff's
//! `mentorshipQueue`, and the steps `requestMentor`, `answerMentorshipRequest`,
//! `withdrawMentorshipRequest`, `reviewMentorship`, `proposeMentorship`. A mentorship the viewer
//! is not a side of answers `NOT_FOUND`, like an id that never existed.

use async_graphql::{
    ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject,
    connection::{Connection, Edge},
};
use base64::Engine as _;
use chrono::{DateTime, Utc};

use super::access::{ANY_FIELD, Access, Rule};
use super::context::ContextExt;
use super::directory::{Contact, Founder, Mentor};
use crate::db::repos::mentorships::{After, Stored};
use crate::domain::{Role, UserId, mentoring::lifecycle};
use crate::services::directory::{self, DirectoryError};
use crate::services::mentoring::{
    MentoringError,
    activity::{self, Closing, SessionInput},
    offers, recommendations,
    requests::{self, Answer},
    supervision,
    views::{self, Shown},
};

/// Founders approved by VPD.
const FOUNDERS: Rule = Rule::Roles(&[Role::Founder]);
/// Mentors approved by VPD.
const MENTORS: Rule = Rule::Roles(&[Role::Mentor]);
/// VPD staff.
const VPD: Rule = Rule::Roles(&[Role::Staff, Role::Admin]);
/// The two sides of a mentorship (a founder, or a representative asking for their NGO, and a
/// mentor), and VPD staff.
const SIDES_AND_VPD: Rule = Rule::Roles(&[Role::Founder, Role::Enterprise, Role::Mentor, Role::Staff, Role::Admin]);
/// The two sides of a mentorship (what they write is theirs).
const SIDES: Rule = Rule::Roles(&[Role::Founder, Role::Enterprise, Role::Mentor]);
/// Who asks for mentoring: founders, and representatives for their NGO.
const MENTEES: Rule = Rule::Roles(&[Role::Founder, Role::Enterprise]);

/// Who may reach the fields of this module. Which mentorships each person gets is the service's.
pub const ACCESS: &[Access] = &[
    ("Query", "recommendedMentors", FOUNDERS),
    ("RecommendedMentor", ANY_FIELD, FOUNDERS),
    ("Query", "recommendedFounders", MENTORS),
    ("RecommendedFounder", ANY_FIELD, MENTORS),
    ("Mutation", "offerMentorship", MENTORS),
    ("Query", "myMentorships", SIDES),
    ("Query", "mentorship", SIDES_AND_VPD),
    ("Query", "mentorshipQueue", VPD),
    ("Mentorship", ANY_FIELD, SIDES_AND_VPD),
    // Staff's note on their review or proposal stays with staff.
    ("Mentorship", "reviewNote", VPD),
    // How long a founder has waited orders VPD's queue; it is staff's to read.
    ("Mentorship", "waitingSince", VPD),
    ("MentorshipPerson", ANY_FIELD, SIDES_AND_VPD),
    ("MentorshipConnection", ANY_FIELD, SIDES_AND_VPD),
    ("MentorshipEdge", ANY_FIELD, SIDES_AND_VPD),
    ("Mutation", "requestMentor", MENTEES),
    // The side asked answers (the mentor a request, the founder an offer); the side asking
    // withdraws. Which side a person is, the mentorship decides.
    ("Mutation", "withdrawMentorshipRequest", SIDES),
    ("Mutation", "answerMentorshipRequest", SIDES),
    ("Mutation", "reviewMentorship", VPD),
    ("Mutation", "proposeMentorship", VPD),
    ("Mutation", "closeMentorship", VPD),
    ("Mentorship", "messages", SIDES),
    ("Mentorship", "contact", SIDES),
    ("Mentorship", "goals", SIDES),
    ("Mentorship", "sessions", SIDES),
    ("Mentorship", "myFitCheck", SIDES),
    ("Mentorship", "myFeedbackGiven", SIDES),
    // How each side answered "is this working?", with their words: for VPD staff only.
    ("Mentorship", "fitChecks", VPD),
    ("MentorshipFitCheck", ANY_FIELD, VPD),
    ("MentorshipMessage", ANY_FIELD, SIDES),
    ("MentorshipMessageConnection", ANY_FIELD, SIDES),
    ("MentorshipMessageEdge", ANY_FIELD, SIDES),
    ("MentorshipGoal", ANY_FIELD, SIDES),
    ("MentorshipSession", ANY_FIELD, SIDES),
    ("Mutation", "sendMentorshipMessage", SIDES),
    ("Mutation", "addGoal", SIDES),
    ("Mutation", "completeGoal", SIDES),
    ("Mutation", "logSession", SIDES),
    ("Mutation", "answerFitCheck", SIDES),
    ("Mutation", "endMentorship", SIDES),
    ("Mutation", "leaveMentorshipFeedback", SIDES),
    ("Query", "mentorshipConcerns", VPD),
];

/// Where a mentorship stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "MentorshipStatus", remote = "crate::domain::mentoring::MentorshipStatus")]
pub enum StatusGql {
    /// Waiting for the mentor's answer.
    Requested,
    /// Offered by the mentor; waiting for the founder's answer.
    Offered,
    /// The mentor said no.
    Declined,
    /// The founder took the request back.
    Withdrawn,
    /// Unanswered for 14 days.
    Expired,
    /// Closed because another of the founder's requests was accepted.
    Invalidated,
    /// Accepted by the mentor; waiting for VPD staff.
    PendingReview,
    /// Not approved by VPD staff.
    Rejected,
    /// Running.
    Active,
    /// Finished as planned.
    Completed,
    /// Stopped early.
    Ended,
    /// Closed by VPD staff.
    Closed,
}

/// Why a mentor says no.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "DeclineReason", remote = "crate::domain::mentoring::DeclineReason")]
pub enum DeclineReasonGql {
    /// No room for another mentee now.
    NoCapacity,
    /// The needs are outside what the mentor knows.
    OutsideExpertise,
    /// They cannot meet when or where needed.
    CannotMeet,
    /// They paused mentoring.
    Paused,
    /// Something else, said in the text.
    Other,
}

/// How a mentorship began.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "MentorshipOrigin", remote = "crate::domain::mentoring::Origin")]
pub enum OriginGql {
    /// A founder asked.
    Founder,
    /// A representative asked for their NGO.
    Organisation,
    /// VPD staff proposed it.
    Staff,
    /// The mentor offered.
    Mentor,
}

/// One side of a mentorship.
#[derive(SimpleObject)]
pub struct MentorshipPerson {
    id: ID,
    display_name: String,
}

/// A mentorship, from the request on.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Mentorship {
    #[graphql(skip)]
    uuid: uuid::Uuid,
    /// The two sides, and whether the mentorship runs: for [`Mentorship::contact`].
    #[graphql(skip)]
    sides: (UserId, UserId, bool),
    id: ID,
    status: StatusGql,
    origin: OriginGql,
    /// The founder, or the representative asking for their NGO.
    mentee: MentorshipPerson,
    mentor: MentorshipPerson,
    /// The request's message to the mentor.
    message: String,
    decline_reason: Option<DeclineReasonGql>,
    /// The mentor's words with their answer.
    answer_text: Option<String>,
    /// VPD staff's note (staff only).
    review_note: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    /// When an unanswered request or offer expires.
    expires_at: Option<DateTime<Utc>>,
    answered_at: Option<DateTime<Utc>>,
    started_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    /// Why it ended early.
    end_reason: Option<String>,
    /// Since when the founder has waited for a mentor: their first request after their last
    /// mentorship ended (VPD staff).
    waiting_since: DateTime<Utc>,
}

impl From<Shown> for Mentorship {
    fn from(shown: Shown) -> Self {
        let m = shown.mentorship;
        let person = |id: UserId, name: String| MentorshipPerson { id: ID(id.0.to_string()), display_name: name };
        Mentorship {
            uuid: m.id,
            sides: (m.mentee, m.mentor, m.status == crate::domain::mentoring::MentorshipStatus::Active),
            id: ID(m.id.to_string()),
            status: m.status.into(),
            origin: m.origin.into(),
            mentee: person(m.mentee, shown.mentee_name),
            mentor: person(m.mentor, shown.mentor_name),
            message: m.message,
            decline_reason: m.decline_reason.map(Into::into),
            answer_text: m.answer_text,
            review_note: m.review_note,
            created_at: m.created_at,
            updated_at: m.updated_at,
            expires_at: m.status.is_waiting().then(|| m.created_at + lifecycle::EXPIRES_AFTER),
            answered_at: m.answered_at,
            started_at: m.started_at,
            closed_at: m.closed_at,
            end_reason: m.end_reason,
            waiting_since: m.waiting_since,
        }
    }
}

/// A message between the two sides.
#[derive(SimpleObject)]
pub struct MentorshipMessage {
    id: ID,
    author: ID,
    /// Plain text.
    body: String,
    created_at: DateTime<Utc>,
}

/// A goal the two set.
#[derive(SimpleObject)]
pub struct MentorshipGoal {
    id: ID,
    title: String,
    due_on: Option<chrono::NaiveDate>,
    done: bool,
    done_at: Option<DateTime<Utc>>,
    created_by: ID,
}

impl From<crate::db::repos::mentorship_activity::Goal> for MentorshipGoal {
    fn from(g: crate::db::repos::mentorship_activity::Goal) -> Self {
        MentorshipGoal {
            id: ID(g.id.to_string()),
            title: g.title,
            due_on: g.due_on,
            done: g.done_at.is_some(),
            done_at: g.done_at,
            created_by: ID(g.created_by.0.to_string()),
        }
    }
}

/// A logged session.
#[derive(SimpleObject)]
pub struct MentorshipSession {
    id: ID,
    author: ID,
    held_on: chrono::NaiveDate,
    minutes: u16,
    topic: String,
    /// Only to its author.
    private_note: Option<String>,
}

impl From<crate::db::repos::mentorship_activity::Session> for MentorshipSession {
    fn from(s: crate::db::repos::mentorship_activity::Session) -> Self {
        MentorshipSession {
            id: ID(s.id.to_string()),
            author: ID(s.author.0.to_string()),
            held_on: s.log.held_on,
            minutes: s.log.minutes,
            topic: s.log.topic,
            private_note: s.log.private_note,
        }
    }
}

/// One side's answer to "is this working?".
#[derive(SimpleObject)]
pub struct MentorshipFitCheck {
    /// Who answered.
    person: ID,
    working: bool,
    comment: String,
    answered_at: DateTime<Utc>,
}

/// A session as logged.
#[derive(InputObject)]
pub struct SessionLogInput {
    held_on: chrono::NaiveDate,
    minutes: i64,
    topic: String,
    /// Seen by nobody but its author.
    private_note: Option<String>,
}

#[ComplexObject]
impl Mentorship {
    /// The other side's contact details, as they chose to share them, while the mentorship runs
    /// (none before, none after, none for anyone else).
    async fn contact(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Contact>> {
        let viewer = ctx.viewer()?;
        let (mentee, mentor, running) = self.sides;
        if !running {
            return Ok(None);
        }
        let (db, state) = (ctx.db()?, ctx.state()?);
        let seen = if viewer.account.id == mentee {
            directory::mentor(db, state, &viewer.account, mentor).await.map(|(seen, _)| seen.contact)
        } else if viewer.account.id == mentor {
            directory::founder(db, state, &viewer.account, mentee).await.map(|(seen, _)| seen.contact)
        } else {
            return Ok(None);
        };
        match seen {
            Ok(contact) => Ok(contact.map(Contact::from)),
            // Suspended or otherwise out of sight since: nothing to show.
            Err(DirectoryError::NotFound) => Ok(None),
            Err(e) => Err(ctx.fail(&e)),
        }
    }

    /// The messages, newest first.
    #[graphql(complexity = "first * child_complexity")]
    async fn messages(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, MentorshipMessage>> {
        let viewer = ctx.viewer()?;
        let after = parse_cursor(after.as_deref()).map_err(|e| ctx.fail(&e))?;
        let (rows, more) = activity::messages(ctx.db()?, &viewer.account, self.uuid, first, after.as_ref())
            .await
            .map_err(|e| ctx.fail(&e))?;
        let mut connection = Connection::new(after.is_some(), more);
        connection.edges.extend(rows.into_iter().map(|m| {
            let node = MentorshipMessage {
                id: ID(m.id.to_string()),
                author: ID(m.author.0.to_string()),
                body: m.body,
                created_at: m.created_at,
            };
            Edge::new(cursor(m.created_at, m.id), node)
        }));
        Ok(connection)
    }

    /// The goals, in the order they were set.
    async fn goals(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<MentorshipGoal>> {
        let viewer = ctx.viewer()?;
        let goals = activity::goals(ctx.db()?, &viewer.account, self.uuid).await.map_err(|e| ctx.fail(&e))?;
        Ok(goals.into_iter().map(Into::into).collect())
    }

    /// The session log, latest first.
    async fn sessions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<MentorshipSession>> {
        let viewer = ctx.viewer()?;
        let sessions = activity::sessions(ctx.db()?, &viewer.account, self.uuid).await.map_err(|e| ctx.fail(&e))?;
        Ok(sessions.into_iter().map(Into::into).collect())
    }

    /// The viewer's own answer to "is this working?", if they gave one.
    async fn my_fit_check(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<bool>> {
        let viewer = ctx.viewer()?;
        let answers = activity::my_answers(ctx.db()?, &viewer.account, self.uuid).await.map_err(|e| ctx.fail(&e))?;
        Ok(answers
            .iter()
            .find(|a| a.kind == crate::db::repos::mentorship_activity::AnswerKind::FitCheck)
            .and_then(|a| a.working))
    }

    /// How each side answered "is this working?", with their words (VPD staff).
    async fn fit_checks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<MentorshipFitCheck>> {
        let viewer = ctx.viewer()?;
        let answers = activity::fit_checks(ctx.db()?, &viewer.account, self.uuid).await.map_err(|e| ctx.fail(&e))?;
        Ok(answers
            .into_iter()
            .map(|a| MentorshipFitCheck {
                person: ID(a.person.0.to_string()),
                working: a.working.unwrap_or(true),
                comment: a.words,
                answered_at: a.created_at,
            })
            .collect())
    }

    /// Whether the viewer left their closing feedback.
    async fn my_feedback_given(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let viewer = ctx.viewer()?;
        let answers = activity::my_answers(ctx.db()?, &viewer.account, self.uuid).await.map_err(|e| ctx.fail(&e))?;
        Ok(answers.iter().any(|a| a.kind == crate::db::repos::mentorship_activity::AnswerKind::Feedback))
    }
}

/// A mentor suggested to the founder, with why.
#[derive(SimpleObject)]
pub struct RecommendedMentor {
    mentor: Mentor,
    /// Higher is better; 0 to 100.
    score: u32,
    /// Why, in the founder's language, most telling first.
    reasons: Vec<String>,
}

/// A founder suggested to the mentor, with why.
#[derive(SimpleObject)]
pub struct RecommendedFounder {
    founder: Founder,
    /// Higher is better.
    score: u32,
    /// Why, in the mentor's language, most telling first.
    reasons: Vec<String>,
}

fn cursor(at: DateTime<Utc>, id: uuid::Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{}|{id}", at.to_rfc3339()))
}

/// The key in `cursor` (`None` when absent); a cursor the server did not make is refused.
fn parse_cursor(cursor: Option<&str>) -> Result<Option<After>, MentoringError> {
    let Some(cursor) = cursor else { return Ok(None) };
    let parsed = (|| {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (at, id) = text.split_once('|')?;
        Some((DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc), uuid::Uuid::parse_str(id).ok()?))
    })();
    parsed.map(Some).ok_or(MentoringError::BadCursor)
}

/// An id as a uuid; one that is not answers like a mentorship or person that does not exist.
fn uuid_of(id: &ID) -> Result<uuid::Uuid, MentoringError> {
    uuid::Uuid::parse_str(id.as_str()).map_err(|_| MentoringError::NotFound)
}

fn connection(
    after: bool,
    (rows, more): (Vec<Shown>, bool),
    key: fn(&Stored) -> DateTime<Utc>,
) -> Connection<String, Mentorship> {
    let mut connection = Connection::new(after, more);
    connection.edges.extend(rows.into_iter().map(|shown| {
        let key = cursor(key(&shown.mentorship), shown.mentorship.id);
        Edge::new(key, Mentorship::from(shown))
    }));
    connection
}

/// Mentoring queries.
#[derive(Default)]
pub struct MentoringQuery;

#[Object]
impl MentoringQuery {
    /// The mentors who fit the signed-in founder best, with reasons in their language.
    #[graphql(complexity = "first * child_complexity")]
    async fn recommended_mentors(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 5)] first: usize,
    ) -> async_graphql::Result<Vec<RecommendedMentor>> {
        let viewer = ctx.viewer()?;
        let locale = ctx.request()?.locale;
        let (suggested, terms) = recommendations::recommended(ctx.db()?, ctx.state()?, &viewer.account, locale, first)
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(suggested
            .into_iter()
            .map(|s| RecommendedMentor {
                mentor: Mentor::new(s.mentor, &terms, locale),
                score: s.score,
                reasons: s.reasons,
            })
            .collect())
    }

    /// The founders looking for a mentor who fit the signed-in mentor best, with reasons in
    /// their language; those who waited longest first among equals. Empty while the mentor is
    /// paused or has no place free.
    #[graphql(complexity = "first * child_complexity")]
    async fn recommended_founders(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 5)] first: usize,
    ) -> async_graphql::Result<Vec<RecommendedFounder>> {
        let viewer = ctx.viewer()?;
        let locale = ctx.request()?.locale;
        let (suggested, terms) = offers::recommended_founders(ctx.db()?, ctx.state()?, &viewer.account, locale, first)
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(suggested
            .into_iter()
            .map(|s| RecommendedFounder {
                founder: Founder::new(s.founder, &terms, locale),
                score: s.score,
                reasons: s.reasons,
            })
            .collect())
    }

    /// The signed-in person's mentorships and requests, newest change first; only those in
    /// `status` when given.
    #[graphql(complexity = "first * child_complexity")]
    async fn my_mentorships(
        &self,
        ctx: &Context<'_>,
        status: Option<Vec<StatusGql>>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Mentorship>> {
        let viewer = ctx.viewer()?;
        let after = parse_cursor(after.as_deref()).map_err(|e| ctx.fail(&e))?;
        let statuses: Option<Vec<_>> = status.map(|s| s.into_iter().map(Into::into).collect());
        let page = views::mine(ctx.db()?, &viewer.account, statuses.as_deref(), first, after.as_ref())
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(connection(after.is_some(), page, |m| m.updated_at))
    }

    /// One mentorship of the signed-in person (any, for VPD staff).
    async fn mentorship(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Mentorship> {
        let viewer = ctx.viewer()?;
        let id = uuid_of(&id).map_err(|e| ctx.fail(&e))?;
        let shown = views::get(ctx.db()?, &viewer.account, id).await.map_err(|e| ctx.fail(&e))?;
        Ok(shown.into())
    }

    /// Mentorships where a side said the match is not working, newest first.
    #[graphql(complexity = "first * child_complexity")]
    async fn mentorship_concerns(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: usize,
    ) -> async_graphql::Result<Vec<Mentorship>> {
        let viewer = ctx.viewer()?;
        let shown = activity::fit_concerns(ctx.db()?, &viewer.account, first).await.map_err(|e| ctx.fail(&e))?;
        Ok(shown.into_iter().map(Into::into).collect())
    }

    /// Matches accepted by mentors, waiting for VPD staff; the founder who waited longest first
    /// (see `Mentorship.waitingSince`).
    #[graphql(complexity = "first * child_complexity")]
    async fn mentorship_queue(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Mentorship>> {
        let viewer = ctx.viewer()?;
        let after = parse_cursor(after.as_deref()).map_err(|e| ctx.fail(&e))?;
        let page = views::queue(ctx.db()?, &viewer.account, first, after.as_ref()).await.map_err(|e| ctx.fail(&e))?;
        Ok(connection(after.is_some(), page, |m| m.waiting_since))
    }
}

/// Mentoring mutations.
#[derive(Default)]
pub struct MentoringMutation;

#[Object]
impl MentoringMutation {
    /// Asks mentor `mentorId` to mentor the signed-in founder, with a short `message` (at most
    /// 1,000 characters); or, from a representative, to mentor the NGO `organisationId` they
    /// act for (their only approved NGO when left out; only mentors who mentor NGOs). At most 3
    /// requests wait for answers at once.
    async fn request_mentor(
        &self,
        ctx: &Context<'_>,
        mentor_id: ID,
        message: String,
        organisation_id: Option<ID>,
    ) -> async_graphql::Result<Mentorship> {
        let viewer = ctx.viewer()?;
        let db = ctx.db()?;
        let mentor = uuid_of(&mentor_id).map_err(|e| ctx.fail(&e))?;
        let organisation = organisation_id.as_ref().map(uuid_of).transpose().map_err(|e| ctx.fail(&e))?;
        let stored = requests::request(db, ctx.state()?, &viewer.account, UserId(mentor), &message, organisation)
            .await
            .map_err(|e| ctx.fail(&e))?;
        let shown = views::get(db, &viewer.account, stored.id).await.map_err(|e| ctx.fail(&e))?;
        Ok(shown.into())
    }

    /// The answer of the side asked: the mentor's to request `id` (accept, or decline with a
    /// `reason` and, if they like, a few words in `text`), or the founder's to an offer (accept
    /// or not; no reason asked, `reason` and `text` ignored).
    async fn answer_mentorship_request(
        &self,
        ctx: &Context<'_>,
        id: ID,
        accept: bool,
        reason: Option<DeclineReasonGql>,
        text: Option<String>,
    ) -> async_graphql::Result<Mentorship> {
        let viewer = ctx.viewer()?;
        let db = ctx.db()?;
        let id = uuid_of(&id).map_err(|e| ctx.fail(&e))?;
        let answer =
            if accept { Answer::Accept } else { Answer::Decline(reason.map(Into::into), text.unwrap_or_default()) };
        let stored = requests::answer(db, ctx.state()?, &viewer.account, id, answer).await.map_err(|e| ctx.fail(&e))?;
        let shown = views::get(db, &viewer.account, stored.id).await.map_err(|e| ctx.fail(&e))?;
        Ok(shown.into())
    }

    /// The signed-in mentor offers to mentor `founderId`, with a short `message` (at most 1,000
    /// characters). At most 3 offers wait for answers at once.
    async fn offer_mentorship(
        &self,
        ctx: &Context<'_>,
        founder_id: ID,
        message: String,
    ) -> async_graphql::Result<Mentorship> {
        let viewer = ctx.viewer()?;
        let db = ctx.db()?;
        let founder = uuid_of(&founder_id).map_err(|e| ctx.fail(&e))?;
        let stored = offers::offer(db, ctx.state()?, &viewer.account, UserId(founder), &message)
            .await
            .map_err(|e| ctx.fail(&e))?;
        let shown = views::get(db, &viewer.account, stored.id).await.map_err(|e| ctx.fail(&e))?;
        Ok(shown.into())
    }

    /// The side asking takes `id` back before the other answered: the founder a request, the
    /// mentor an offer.
    async fn withdraw_mentorship_request(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Mentorship> {
        let viewer = ctx.viewer()?;
        let db = ctx.db()?;
        let id = uuid_of(&id).map_err(|e| ctx.fail(&e))?;
        let stored = requests::withdraw(db, ctx.state()?, &viewer.account, id).await.map_err(|e| ctx.fail(&e))?;
        let shown = views::get(db, &viewer.account, stored.id).await.map_err(|e| ctx.fail(&e))?;
        Ok(shown.into())
    }

    /// VPD staff approve (the mentorship starts) or reject (a `note` is required; only staff
    /// see it) the match `id`.
    async fn review_mentorship(
        &self,
        ctx: &Context<'_>,
        id: ID,
        approve: bool,
        note: Option<String>,
    ) -> async_graphql::Result<Mentorship> {
        let viewer = ctx.viewer()?;
        let db = ctx.db()?;
        let id = uuid_of(&id).map_err(|e| ctx.fail(&e))?;
        let stored =
            requests::review(db, ctx.state()?, &viewer.account, id, approve, note.as_deref().unwrap_or_default())
                .await
                .map_err(|e| ctx.fail(&e))?;
        let shown = views::get(db, &viewer.account, stored.id).await.map_err(|e| ctx.fail(&e))?;
        Ok(shown.into())
    }

    /// VPD staff close mentorship `id`, open or running, with a `note` (required; only staff
    /// read it). Both sides are told that VPD closed it, not why.
    async fn close_mentorship(&self, ctx: &Context<'_>, id: ID, note: String) -> async_graphql::Result<Mentorship> {
        let viewer = ctx.viewer()?;
        let db = ctx.db()?;
        let id = uuid_of(&id).map_err(|e| ctx.fail(&e))?;
        let stored =
            supervision::close(db, ctx.state()?, &viewer.account, id, &note).await.map_err(|e| ctx.fail(&e))?;
        let shown = views::get(db, &viewer.account, stored.id).await.map_err(|e| ctx.fail(&e))?;
        Ok(shown.into())
    }

    /// VPD staff propose that `mentorId` mentors `founderId`; the mentor answers as to a
    /// request. The `note` stays with staff.
    async fn propose_mentorship(
        &self,
        ctx: &Context<'_>,
        founder_id: ID,
        mentor_id: ID,
        note: Option<String>,
    ) -> async_graphql::Result<Mentorship> {
        let viewer = ctx.viewer()?;
        let db = ctx.db()?;
        let founder = uuid_of(&founder_id).map_err(|e| ctx.fail(&e))?;
        let mentor = uuid_of(&mentor_id).map_err(|e| ctx.fail(&e))?;
        let stored = requests::propose(
            db,
            ctx.state()?,
            &viewer.account,
            UserId(founder),
            UserId(mentor),
            note.as_deref().unwrap_or_default(),
        )
        .await
        .map_err(|e| ctx.fail(&e))?;
        let shown = views::get(db, &viewer.account, stored.id).await.map_err(|e| ctx.fail(&e))?;
        Ok(shown.into())
    }
    /// Writes `body` (plain text, at most 4,000 characters) in a running mentorship.
    async fn send_mentorship_message(
        &self,
        ctx: &Context<'_>,
        mentorship_id: ID,
        body: String,
    ) -> async_graphql::Result<MentorshipMessage> {
        let viewer = ctx.viewer()?;
        let id = uuid_of(&mentorship_id).map_err(|e| ctx.fail(&e))?;
        let m = activity::send_message(ctx.db()?, ctx.state()?, &viewer.account, id, &body)
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(MentorshipMessage {
            id: ID(m.id.to_string()),
            author: ID(m.author.0.to_string()),
            body: m.body,
            created_at: m.created_at,
        })
    }

    /// Sets a goal in a running mentorship.
    async fn add_goal(
        &self,
        ctx: &Context<'_>,
        mentorship_id: ID,
        title: String,
        due_on: Option<chrono::NaiveDate>,
    ) -> async_graphql::Result<MentorshipGoal> {
        let viewer = ctx.viewer()?;
        let id = uuid_of(&mentorship_id).map_err(|e| ctx.fail(&e))?;
        let goal = activity::add_goal(ctx.db()?, ctx.state()?, &viewer.account, id, &title, due_on)
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(goal.into())
    }

    /// Marks a goal reached.
    async fn complete_goal(
        &self,
        ctx: &Context<'_>,
        mentorship_id: ID,
        goal_id: ID,
    ) -> async_graphql::Result<MentorshipGoal> {
        let viewer = ctx.viewer()?;
        let id = uuid_of(&mentorship_id).map_err(|e| ctx.fail(&e))?;
        let goal = uuid_of(&goal_id).map_err(|e| ctx.fail(&e))?;
        let goal = activity::complete_goal(ctx.db()?, ctx.state()?, &viewer.account, id, goal)
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(goal.into())
    }

    /// Logs a session of a running mentorship.
    async fn log_session(
        &self,
        ctx: &Context<'_>,
        mentorship_id: ID,
        input: SessionLogInput,
    ) -> async_graphql::Result<MentorshipSession> {
        let viewer = ctx.viewer()?;
        let id = uuid_of(&mentorship_id).map_err(|e| ctx.fail(&e))?;
        let input = SessionInput {
            held_on: input.held_on,
            minutes: input.minutes,
            topic: &input.topic,
            private_note: input.private_note.as_deref(),
        };
        let session = activity::log_session(ctx.db()?, ctx.state()?, &viewer.account, id, input)
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(session.into())
    }

    /// "Is this working?", once, after the first session. A "no" goes to VPD staff, never to the
    /// other side.
    async fn answer_fit_check(
        &self,
        ctx: &Context<'_>,
        mentorship_id: ID,
        working: bool,
        comment: Option<String>,
    ) -> async_graphql::Result<bool> {
        let viewer = ctx.viewer()?;
        let id = uuid_of(&mentorship_id).map_err(|e| ctx.fail(&e))?;
        activity::answer_fit_check(
            ctx.db()?,
            ctx.state()?,
            &viewer.account,
            id,
            working,
            comment.as_deref().unwrap_or_default(),
        )
        .await
        .map_err(|e| ctx.fail(&e))?;
        Ok(working)
    }

    /// Completes the mentorship, or ends it early (`completed: false`, with a `reason`), with a
    /// `rating` of 1 to 5 and `feedback`; the other side is told.
    async fn end_mentorship(
        &self,
        ctx: &Context<'_>,
        id: ID,
        completed: Option<bool>,
        reason: Option<String>,
        rating: i64,
        feedback: Option<String>,
    ) -> async_graphql::Result<Mentorship> {
        let viewer = ctx.viewer()?;
        let db = ctx.db()?;
        let id = uuid_of(&id).map_err(|e| ctx.fail(&e))?;
        let closing = Closing {
            completed: completed.unwrap_or(false),
            reason: reason.as_deref().unwrap_or_default(),
            rating,
            feedback: feedback.as_deref().unwrap_or_default(),
        };
        let stored = activity::close(db, ctx.state()?, &viewer.account, id, closing).await.map_err(|e| ctx.fail(&e))?;
        let shown = views::get(db, &viewer.account, stored.id).await.map_err(|e| ctx.fail(&e))?;
        Ok(shown.into())
    }

    /// The other side's closing rating and words, once the mentorship has ended.
    async fn leave_mentorship_feedback(
        &self,
        ctx: &Context<'_>,
        id: ID,
        rating: i64,
        feedback: Option<String>,
    ) -> async_graphql::Result<bool> {
        let viewer = ctx.viewer()?;
        let id = uuid_of(&id).map_err(|e| ctx.fail(&e))?;
        activity::leave_feedback(
            ctx.db()?,
            ctx.state()?,
            &viewer.account,
            id,
            rating,
            feedback.as_deref().unwrap_or_default(),
        )
        .await
        .map_err(|e| ctx.fail(&e))?;
        Ok(true)
    }
}
