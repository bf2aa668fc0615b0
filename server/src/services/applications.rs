//! Applications: a founder applies to a published opportunity with a short message and the
//! contact details they choose to share; the organisation's representatives shortlist, hire or
//! decline (with a reason); the founder may withdraw. Every step is
//! [`crate::domain::application::next`]'s decision taken as one conditional update, and the
//! other side is told in the app and by e-mail in their language. A hire becomes an outcome.
//!
//! Who sees an application: the founder; the representatives of the organisation that posted the
//! opportunity (the founder's public profile, and the chosen contact details once it is on the
//! shortlist, never anything VPD knows); the mentor of the founder's active mentorship, if the
//! founder allows it. Anyone else, and an organisation the founder's supervision keeps apart,
//! finds it exactly as an id that never existed (`NOT_FOUND`).

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::Db;
use crate::db::repos::{
    self,
    applications::{After, NewApplication, Stored},
    audit::AuditEntry,
    opportunities::Stored as Posting,
    profile_views::What,
};
use crate::domain::{
    Account, Role, Standing, UserId,
    application::{ApplicationStatus, Event, Move, MoveError, Side, next, releases_contact},
    mentoring::MentorshipStatus,
    notification::Notice,
    opportunity::OpportunityStatus,
};
use crate::email::{self, templates::Email};
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::Message;
use crate::state::AppState;

/// The longest message with an application, in characters.
pub const MESSAGE_MAX: usize = 2000;
/// The longest reason for a decline, in characters.
pub const REASON_MAX: usize = 1000;

/// Why an application use case did not go through.
#[derive(Debug, thiserror::Error)]
pub enum ApplicationError {
    /// No such application or opportunity, or one the caller may not see.
    #[error("not found")]
    NotFound,
    /// The opportunity is closed or past its deadline.
    #[error("the opportunity takes no applications")]
    Closed,
    /// The founder applied to it already.
    #[error("applied already")]
    Exists,
    /// The caller sees it, but the step is the other side's.
    #[error("not this side's step")]
    NotYours,
    /// It moved on meanwhile, or the step does not start where it stands.
    #[error("the application moved on")]
    MovedOn,
    /// A status no step leads to.
    #[error("no step leads to this status")]
    BadStatus,
    /// A decline without a reason.
    #[error("a decline needs a reason")]
    ReasonRequired,
    /// The reason is too long.
    #[error("the reason is too long")]
    ReasonTooLong,
    /// An empty message.
    #[error("an application needs a message")]
    MessageRequired,
    /// The message is too long.
    #[error("the message is too long")]
    MessageTooLong,
    /// Sharing a phone number the founder's profile does not have.
    #[error("no phone number to share")]
    NoPhone,
    /// Letting a mentor see the applications without an active mentorship.
    #[error("no mentor to share with")]
    NoMentor,
    /// A page cursor the server did not make.
    #[error("not a cursor of this list")]
    BadCursor,
    /// A role the access gate should have refused reached this use case.
    #[error("the access rules let a {0:?} through to applications")]
    RoleNotServed(Role),
    /// The database failed.
    #[error("applications could not be read or saved")]
    Database(#[from] sea_orm::DbErr),
    /// Queueing an e-mail or notice failed.
    #[error("telling the other side failed")]
    Unexpected(anyhow::Error),
}

impl From<MoveError> for ApplicationError {
    fn from(err: MoveError) -> Self {
        match err {
            MoveError::NotYours { .. } => ApplicationError::NotYours,
            MoveError::WrongState { .. } => ApplicationError::MovedOn,
        }
    }
}

impl From<super::opportunities::OpportunityError> for ApplicationError {
    fn from(err: super::opportunities::OpportunityError) -> Self {
        use super::opportunities::OpportunityError as O;
        match err {
            O::Database(e) => ApplicationError::Database(e),
            _ => ApplicationError::NotFound,
        }
    }
}

impl ApplicationError {
    /// The input field at fault, as the API names it.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            ApplicationError::ReasonRequired | ApplicationError::ReasonTooLong => Some("reason"),
            ApplicationError::MessageRequired | ApplicationError::MessageTooLong => Some("message"),
            ApplicationError::NoPhone => Some("sharePhone"),
            ApplicationError::BadStatus => Some("status"),
            ApplicationError::BadCursor => Some("after"),
            _ => None,
        }
    }
}

impl ToClientError for ApplicationError {
    fn client_error(&self) -> Option<ClientError> {
        use ApplicationError as E;
        let bad = |message| ClientError::new(Code::BadUserInput, message);
        let error = match self {
            E::NotFound => ClientError::new(Code::NotFound, Message::NotFound),
            E::Closed => ClientError::new(Code::Conflict, Message::ApplicationClosed).reason("OPPORTUNITY_CLOSED"),
            E::Exists => ClientError::new(Code::Conflict, Message::ApplicationExists).reason("ALREADY_APPLIED"),
            E::NotYours => ClientError::new(Code::Forbidden, Message::Forbidden),
            E::MovedOn => ClientError::new(Code::Conflict, Message::ApplicationMovedOn).reason("APPLICATION_MOVED_ON"),
            E::BadStatus | E::BadCursor => bad(Message::InvalidRequest),
            E::ReasonRequired => bad(Message::ApplicationReasonRequired),
            E::ReasonTooLong => bad(Message::ReasonTooLong),
            E::MessageRequired => bad(Message::ApplicationMessageRequired),
            E::MessageTooLong => bad(Message::ApplicationMessageTooLong),
            E::NoPhone => bad(Message::ApplicationNoPhone),
            E::NoMentor => ClientError::new(Code::Conflict, Message::ApplicationNoMentor).reason("NO_MENTOR"),
            E::RoleNotServed(_) | E::Database(_) | E::Unexpected(_) => return None,
        };
        Some(match self.field() {
            Some(field) => error.field(field),
            None => error,
        })
    }
}

/// What a founder sends.
#[derive(Debug, Clone, Default)]
pub struct Applying {
    /// Why they apply, in a few words.
    pub message: String,
    /// Share the account's e-mail address with the organisation.
    pub share_email: bool,
    /// Share the profile's phone number with the organisation.
    pub share_phone: bool,
}

/// An application with the opportunity it is for.
#[derive(Debug, Clone)]
pub struct Application {
    /// The application.
    pub stored: Stored,
    /// The opportunity.
    pub posting: Posting,
}

/// Contact details the founder released to the organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Released {
    /// The founder's e-mail address, if chosen.
    pub email: Option<String>,
    /// The founder's phone number, if chosen.
    pub phone: Option<String>,
}

/// An application as the organisation sees it: the founder's public profile, and the contact
/// details they chose once it is on the shortlist or a hire.
#[derive(Debug, Clone)]
pub struct Applicant {
    /// The application.
    pub stored: Stored,
    /// The founder's public profile (no contact details in it).
    pub founder: super::directory::Seen<crate::domain::profile::FounderProfile>,
    /// What the founder released, once the application is far enough.
    pub contact: Option<Released>,
}

fn audit(actor: &Account, action: &'static str, id: Uuid) -> AuditEntry<'static> {
    AuditEntry { actor: Some(actor.id), action, subject_type: "application", subject_id: Some(id), detail: json!({}) }
}

/// Tells `person` about `event` with application `stored` to `posting`, in the app and by
/// e-mail in their language; `other` is the other side's name.
async fn tell(
    db: &impl ConnectionTrait,
    state: &AppState,
    person: &Account,
    event: Event,
    (stored, posting): (&Stored, &Posting),
    other: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let notice = notice(event, stored, posting, other);
    super::notifications::notify(db, person.id, &notice, now).await?;
    let link = state.settings.page(&notice.link());
    let mail = Email::Application {
        name: &person.display_name,
        event,
        title: &posting.opportunity.title,
        other,
        reason: stored.decline_reason.as_deref().filter(|_| event == Event::Declined),
        link: &link,
    };
    email::enqueue(db, &person.email, &mail.render(person.locale), now).await
}

fn notice(event: Event, stored: &Stored, posting: &Posting, other: &str) -> Notice {
    Notice::Application {
        event,
        application: stored.id,
        opportunity: posting.id,
        title: posting.opportunity.title.clone(),
        other: other.to_owned(),
        reason: stored.decline_reason.clone().filter(|_| event == Event::Declined),
    }
}

/// The name of organisation `id` as others see it.
async fn organisation_name(db: &impl ConnectionTrait, id: Uuid) -> Result<String, sea_orm::DbErr> {
    Ok(repos::organisations::find_any(db, id).await?.map(|o| o.profile.name).unwrap_or_default())
}

/// `actor`, a founder, applies to opportunity `id` (published, open, one they may see).
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, opportunity.id = %id))]
pub async fn apply(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    applying: &Applying,
) -> Result<Application, ApplicationError> {
    if actor.role != Role::Founder {
        return Err(ApplicationError::RoleNotServed(actor.role));
    }
    let (posting, _) = super::opportunities::get(db, actor, id).await?;
    let now = state.now();
    if posting.status != OpportunityStatus::Published || posting.opportunity.deadline < now.date_naive() {
        return Err(ApplicationError::Closed);
    }
    let message = applying.message.trim();
    if message.is_empty() {
        return Err(ApplicationError::MessageRequired);
    }
    if message.chars().count() > MESSAGE_MAX {
        return Err(ApplicationError::MessageTooLong);
    }
    if applying.share_phone {
        let phone = repos::profiles::founder(db, actor.id).await?.and_then(|p| p.contact.phone);
        if phone.is_none() {
            return Err(ApplicationError::NoPhone);
        }
    }
    let new = NewApplication {
        opportunity: id,
        founder: actor.id,
        message,
        share_email: applying.share_email,
        share_phone: applying.share_phone,
    };
    let txn = db.begin().await?;
    let application = repos::applications::insert(&txn, new, now).await?.ok_or(ApplicationError::Exists)?;
    repos::audit::record(&txn, audit(actor, "application.submit", application), now).await?;
    let stored = repos::applications::find(&txn, application).await?.ok_or(ApplicationError::NotFound)?;
    let notice = notice(Event::Applied, &stored, &posting, &actor.display_name);
    let link = state.settings.page(&notice.link());
    let mail = |person: &str, locale| {
        Email::Application {
            name: person,
            event: Event::Applied,
            title: &posting.opportunity.title,
            other: &actor.display_name,
            reason: None,
            link: &link,
        }
        .render(locale)
    };
    tell_organisation(&txn, &posting, actor.id, &notice, mail, now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!("applied");
    Ok(Application { stored, posting })
}

/// The founders a supervision keeps from any representative of `organisation`: the whole
/// organisation loses sight of them, as they of its postings.
async fn kept_from(db: &impl Db, organisation: Uuid) -> Result<HashSet<UserId>, ApplicationError> {
    let members: Vec<UserId> =
        repos::organisations::members(db, &[organisation]).await?.into_iter().map(|(_, user, _)| user).collect();
    Ok(crate::privacy::no_contact_of_any(db, &members).await?)
}

/// Tells the approved representatives of `posting`'s organisation about an application of
/// `founder`, in the app and by e-mail; nobody when a supervision keeps the founder from the
/// organisation. Inside the caller's transaction.
async fn tell_organisation(
    db: &impl Db,
    posting: &Posting,
    founder: UserId,
    notice: &Notice,
    mail: impl Fn(&str, crate::domain::Locale) -> email::templates::Rendered,
    now: DateTime<Utc>,
) -> Result<(), ApplicationError> {
    if kept_from(db, posting.organisation).await?.contains(&founder) {
        return Ok(());
    }
    super::organisations::tell_representatives(db, posting.organisation, &[Standing::Approved], notice, mail, now)
        .await
        .map_err(ApplicationError::Unexpected)
}

/// The application `id` and its opportunity, if `actor` acts for the organisation that posted
/// it and may see the founder (approved, active, not kept apart by a supervision from anyone of
/// the organisation).
async fn as_organisation(db: &impl Db, actor: &Account, id: Uuid) -> Result<Application, ApplicationError> {
    if actor.role != Role::Enterprise {
        return Err(ApplicationError::RoleNotServed(actor.role));
    }
    let stored = repos::applications::find(db, id).await?.ok_or(ApplicationError::NotFound)?;
    let posting = repos::opportunities::find(db, stored.opportunity).await?.ok_or(ApplicationError::NotFound)?;
    if !repos::organisations::is_member(db, posting.organisation, actor.id).await?
        || !repos::applications::founder_active(db, stored.founder).await?
        || kept_from(db, posting.organisation).await?.contains(&stored.founder)
    {
        return Err(ApplicationError::NotFound);
    }
    Ok(Application { stored, posting })
}

/// A representative of the posting's organisation moves application `id` to `status`
/// (shortlisted, hired, or declined with `reason`). A hire is recorded as an outcome.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, application.id = %id))]
pub async fn advance(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    status: ApplicationStatus,
    reason: &str,
) -> Result<Application, ApplicationError> {
    let Application { stored, posting } = as_organisation(db, actor, id).await?;
    let step = match status {
        ApplicationStatus::Shortlisted => Move::Shortlist,
        ApplicationStatus::Hired => Move::Hire,
        ApplicationStatus::Declined => Move::Decline,
        ApplicationStatus::Withdrawn => Move::Withdraw,
        ApplicationStatus::Submitted => return Err(ApplicationError::BadStatus),
    };
    let to = next(stored.status, Side::Organisation, step)?;
    let reason = reason.trim();
    if reason.chars().count() > REASON_MAX {
        return Err(ApplicationError::ReasonTooLong);
    }
    if step == Move::Decline && reason.is_empty() {
        return Err(ApplicationError::ReasonRequired);
    }
    let reason = (step == Move::Decline).then(|| reason.to_owned());
    let now = state.now();
    let txn = db.begin().await?;
    if !repos::applications::step(&txn, id, stored.status, to, reason, now).await? {
        return Err(ApplicationError::MovedOn);
    }
    if step == Move::Hire {
        let kind = posting.opportunity.details.kind();
        repos::applications::record_outcome(
            &txn,
            stored.founder,
            posting.organisation,
            id,
            kind,
            now.date_naive(),
            now,
        )
        .await?;
    }
    let action = match step {
        Move::Shortlist => "application.shortlist",
        Move::Hire => "application.hire",
        Move::Decline => "application.decline",
        Move::Withdraw => "application.withdraw",
    };
    repos::audit::record(&txn, audit(actor, action, id), now).await?;
    let moved = repos::applications::find(&txn, id).await?.ok_or(ApplicationError::NotFound)?;
    let founder = repos::users::find(&txn, stored.founder).await?.ok_or(ApplicationError::NotFound)?;
    let organisation = organisation_name(&txn, posting.organisation).await?;
    tell(&txn, state, &founder.account, Event::of(step), (&moved, &posting), &organisation, now)
        .await
        .map_err(ApplicationError::Unexpected)?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(?step, "application moved");
    Ok(Application { stored: moved, posting })
}

/// The founder takes back their application `id`; the organisation is told.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, application.id = %id))]
pub async fn withdraw(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
) -> Result<Application, ApplicationError> {
    if actor.role != Role::Founder {
        return Err(ApplicationError::RoleNotServed(actor.role));
    }
    let stored = repos::applications::find(db, id).await?.filter(|a| a.founder == actor.id);
    let stored = stored.ok_or(ApplicationError::NotFound)?;
    let posting = repos::opportunities::find(db, stored.opportunity).await?.ok_or(ApplicationError::NotFound)?;
    let to = next(stored.status, Side::Applicant, Move::Withdraw)?;
    let now = state.now();
    let txn = db.begin().await?;
    if !repos::applications::step(&txn, id, stored.status, to, None, now).await? {
        return Err(ApplicationError::MovedOn);
    }
    repos::audit::record(&txn, audit(actor, "application.withdraw", id), now).await?;
    let moved = repos::applications::find(&txn, id).await?.ok_or(ApplicationError::NotFound)?;
    let notice = notice(Event::Withdrawn, &moved, &posting, &actor.display_name);
    let link = state.settings.page(&notice.link());
    let mail = |person: &str, locale| {
        Email::Application {
            name: person,
            event: Event::Withdrawn,
            title: &posting.opportunity.title,
            other: &actor.display_name,
            reason: None,
            link: &link,
        }
        .render(locale)
    };
    tell_organisation(&txn, &posting, actor.id, &notice, mail, now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    Ok(Application { stored: moved, posting })
}

/// A page of applications with their opportunities, and whether more follow.
pub type Page = (Vec<Application>, bool);

/// `rows` with their opportunities (one statement).
async fn with_postings(db: &impl Db, (rows, more): (Vec<Stored>, bool)) -> Result<Page, ApplicationError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.opportunity).collect();
    let postings: std::collections::HashMap<Uuid, Posting> =
        repos::opportunities::find_many(db, &ids).await?.into_iter().map(|p| (p.id, p)).collect();
    let page = rows
        .into_iter()
        .filter_map(|stored| Some(Application { posting: postings.get(&stored.opportunity)?.clone(), stored }))
        .collect();
    Ok((page, more))
}

/// `actor`'s own applications, last moved first.
pub async fn mine(db: &impl Db, actor: &Account, after: Option<After>, first: usize) -> Result<Page, ApplicationError> {
    if actor.role != Role::Founder {
        return Err(ApplicationError::RoleNotServed(actor.role));
    }
    let first = first.clamp(1, super::MAX_PAGE_SIZE) as u64;
    with_postings(db, repos::applications::of_founder(db, actor.id, after, first).await?).await
}

/// The applications of `founder` for `actor`, the mentor of their active mentorship, when the
/// founder lets this mentor see them (leave given to an earlier mentor is not theirs);
/// `NOT_FOUND` otherwise. The look is noted in the
/// founder's "who viewed my data".
pub async fn of_mentee(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    founder: UserId,
    after: Option<After>,
    first: usize,
) -> Result<Page, ApplicationError> {
    if actor.role != Role::Mentor {
        return Err(ApplicationError::RoleNotServed(actor.role));
    }
    let mentors_them = repos::mentorships::ties_of(db, actor.id).await?.0.contains(&founder);
    if !mentors_them || repos::applications::shared_with(db, founder).await? != Some(actor.id) {
        return Err(ApplicationError::NotFound);
    }
    repos::profile_views::record(db, founder, actor.id, What::Applications, state.now()).await?;
    let first = first.clamp(1, super::MAX_PAGE_SIZE) as u64;
    with_postings(db, repos::applications::of_founder(db, founder, after, first).await?).await
}

/// The mentor of `founder`'s active mentorship, if they have one.
async fn active_mentor(db: &impl Db, founder: UserId) -> Result<Option<UserId>, ApplicationError> {
    let active = repos::mentorships::of_mentee_in(db, founder, &[MentorshipStatus::Active]).await?;
    Ok(active.first().map(|m| m.mentor))
}

/// Whether `actor`, a founder, lets the mentor of their active mentorship see their
/// applications; `None` while they have no mentor.
pub async fn shared_with_mentor(db: &impl Db, actor: &Account) -> Result<Option<bool>, ApplicationError> {
    if actor.role != Role::Founder {
        return Err(ApplicationError::RoleNotServed(actor.role));
    }
    let Some(mentor) = active_mentor(db, actor.id).await? else { return Ok(None) };
    Ok(Some(repos::applications::shared_with(db, actor.id).await? == Some(mentor)))
}

/// `actor`, a founder, lets (or stops letting) their mentor see their applications.
pub async fn share_with_mentor(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    share: bool,
) -> Result<bool, ApplicationError> {
    if actor.role != Role::Founder {
        return Err(ApplicationError::RoleNotServed(actor.role));
    }
    let now = state.now();
    // Read before the transaction writes (SQLite would have to upgrade its read lock). A
    // mentorship ending meanwhile leaves leave with a former mentor, who reads nothing without
    // an active mentorship.
    let mentor = match share {
        true => Some(active_mentor(db, actor.id).await?.ok_or(ApplicationError::NoMentor)?),
        false => None,
    };
    let txn = db.begin().await?;
    repos::applications::share_with(&txn, actor.id, mentor, now).await?;
    let action = if share { "applications.share_with_mentor" } else { "applications.unshare_with_mentor" };
    let entry = AuditEntry {
        actor: Some(actor.id),
        action,
        subject_type: "user",
        subject_id: Some(actor.id.0),
        detail: json!({ "mentor": mentor.map(|m| m.0) }),
    };
    repos::audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(share)
}

/// A page of applicants and whether more follow.
pub type Applicants = (Posting, Vec<Applicant>, bool);

/// The applicants to opportunity `id` for `actor`, a representative of its organisation,
/// newest first: each founder's public profile and, once on the shortlist or hired, the contact
/// details they chose. Founders a supervision keeps from anyone of the organisation, suspended or
/// disabled ones are left out before the page is cut. Each look is noted in the founder's "who viewed my data".
pub async fn applicants(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    after: Option<After>,
    first: usize,
) -> Result<Applicants, ApplicationError> {
    if actor.role != Role::Enterprise {
        return Err(ApplicationError::RoleNotServed(actor.role));
    }
    let posting = repos::opportunities::find(db, id).await?.ok_or(ApplicationError::NotFound)?;
    if !repos::organisations::is_member(db, posting.organisation, actor.id).await? {
        return Err(ApplicationError::NotFound);
    }
    let hidden: Vec<UserId> = kept_from(db, posting.organisation).await?.into_iter().collect();
    let first = first.clamp(1, super::MAX_PAGE_SIZE) as u64;
    let (rows, more) = repos::applications::of_opportunity(db, id, &hidden, after, first).await?;
    let founders: Vec<UserId> = rows.iter().map(|r| r.founder).collect();
    let mut profiles: std::collections::HashMap<UserId, _> =
        repos::directory::founders_by_id(db, &founders).await?.into_iter().map(|p| (p.id, p)).collect();
    repos::profile_views::record_many(db, &founders, actor.id, What::Applications, state.now()).await?;
    let applicants = rows
        .into_iter()
        .filter_map(|stored| {
            let listed = profiles.remove(&stored.founder)?;
            let contact = releases_contact(stored.status).then(|| Released {
                email: stored.share_email.then(|| listed.email.clone()),
                phone: if stored.share_phone { listed.profile.contact.phone.clone() } else { None },
            });
            let mut profile = listed.profile;
            profile.contact = Default::default();
            let founder =
                super::directory::Seen { id: listed.id, display_name: listed.display_name, profile, contact: None };
            Some(Applicant { stored, founder, contact })
        })
        .collect();
    Ok((posting, applicants, more))
}
