//! Opportunities: an organisation's representatives write and submit them, VPD staff publish or
//! reject them (with a reason), the organisation closes them. Every step is
//! [`crate::domain::opportunity::next`]'s decision taken as one conditional update.
//!
//! Who sees one: its organisation's representatives and staff always; once published, signed-in
//! founders, mentors and representatives — except a founder whose supervision rules out one of
//! its sectors, who finds it exactly as an id that never existed (`NOT_FOUND`), as does anyone
//! else for a posting not published.

use sea_orm::TransactionTrait;
use serde_json::json;
use uuid::Uuid;

use crate::db::repos::{
    self,
    audit::AuditEntry,
    opportunities::{Hidden, Stored},
};
use crate::domain::notification::Notice;
use crate::domain::{
    Account, Role, Standing,
    opportunity::{Actor, InputError, OpportunityInput, OpportunityStatus, Step, StepError, next},
};
use crate::email::templates::Email;
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::Message;
use crate::services::Db;
use crate::state::AppState;

/// Why an opportunity use case did not go through.
#[derive(Debug, thiserror::Error)]
pub enum OpportunityError {
    /// No such opportunity or organisation, or one the viewer may not see.
    #[error("not found")]
    NotFound,
    /// The input breaks a rule; the field at fault.
    #[error(transparent)]
    Invalid(#[from] InputError),
    /// The viewer sees it but this step (or the edit) is someone else's.
    #[error("not this person's step")]
    NotYours,
    /// It moved on meanwhile, or the step does not start where it stands.
    #[error(transparent)]
    MovedOn(StepError),
    /// Submitted or published postings are not edited.
    #[error("the opportunity is not editable now")]
    NotEditable,
    /// A page cursor the server did not make.
    #[error("not a cursor of this list")]
    BadCursor,
    /// A rejection without a reason.
    #[error("a rejection needs a reason")]
    ReasonRequired,
    /// The reason is too long.
    #[error("the reason is too long")]
    ReasonTooLong,
    /// The organisation is not approved by VPD yet.
    #[error("the organisation is not approved")]
    OrganisationNotApproved,
    /// A role the access gate should have refused reached this use case.
    #[error("the access rules let a {0:?} through to opportunities")]
    RoleNotServed(Role),
    /// The database failed.
    #[error("opportunities could not be read or saved")]
    Database(#[from] sea_orm::DbErr),
    /// Queueing an e-mail or notice failed.
    #[error("telling the organisation failed")]
    Unexpected(anyhow::Error),
}

impl From<StepError> for OpportunityError {
    fn from(err: StepError) -> Self {
        match err {
            StepError::NotYours { .. } => OpportunityError::NotYours,
            StepError::WrongState { .. } => OpportunityError::MovedOn(err),
        }
    }
}

impl OpportunityError {
    /// The input field at fault, as the API names it.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            OpportunityError::Invalid(
                InputError::Required(f)
                | InputError::TooLong(f)
                | InputError::OutOfRange(f)
                | InputError::BadDate(f)
                | InputError::UnknownTerm(f)
                | InputError::NotOfThisKind(f),
            ) => Some(f),
            OpportunityError::ReasonRequired | OpportunityError::ReasonTooLong => Some("reason"),
            OpportunityError::BadCursor => Some("after"),
            _ => None,
        }
    }
}

impl ToClientError for OpportunityError {
    fn client_error(&self) -> Option<ClientError> {
        use OpportunityError as E;
        let bad = |message| ClientError::new(Code::BadUserInput, message);
        let error = match self {
            E::NotFound => ClientError::new(Code::NotFound, Message::NotFound),
            E::Invalid(InputError::Required(_)) => bad(Message::OpportunityRequired),
            E::Invalid(InputError::TooLong(_)) => bad(Message::OpportunityTooLong),
            E::Invalid(InputError::OutOfRange(_)) => bad(Message::OpportunityOutOfRange),
            E::Invalid(InputError::BadDate(_)) => bad(Message::OpportunityBadDate),
            E::Invalid(InputError::UnknownTerm(_)) => bad(Message::OpportunityUnknownTerm),
            E::Invalid(InputError::NotOfThisKind(_)) => bad(Message::OpportunityNotOfThisKind),
            E::NotYours => ClientError::new(Code::Forbidden, Message::Forbidden),
            E::MovedOn(_) => {
                ClientError::new(Code::Conflict, Message::OpportunityMovedOn).reason("OPPORTUNITY_MOVED_ON")
            }
            E::NotEditable => {
                ClientError::new(Code::Conflict, Message::OpportunityNotEditable).reason("OPPORTUNITY_NOT_EDITABLE")
            }
            E::ReasonRequired => bad(Message::OpportunityReasonRequired),
            E::BadCursor => bad(Message::InvalidRequest),
            E::ReasonTooLong => bad(Message::ReasonTooLong),
            E::OrganisationNotApproved => ClientError::new(Code::Conflict, Message::OpportunityOrganisationNotApproved)
                .reason("ORGANISATION_NOT_APPROVED"),
            E::RoleNotServed(_) | E::Database(_) | E::Unexpected(_) => return None,
        };
        Some(match self.field() {
            Some(field) => error.field(field),
            None => error,
        })
    }
}

/// The longest reason staff give for a rejection, in characters.
pub const REASON_MAX: usize = 1000;

/// How `actor` stands towards an opportunity of `organisation`.
enum Standpoint {
    /// One of its representatives.
    Member,
    /// VPD staff.
    Staff,
    /// Anyone else.
    Outsider,
}

async fn standpoint(db: &impl Db, actor: &Account, organisation: Uuid) -> Result<Standpoint, sea_orm::DbErr> {
    Ok(if actor.role.is_vpd() {
        Standpoint::Staff
    } else if actor.role == Role::Enterprise && repos::organisations::is_member(db, organisation, actor.id).await? {
        Standpoint::Member
    } else {
        Standpoint::Outsider
    })
}

/// What `actor` never finds, whatever they look for: for a founder, postings in a sector their
/// supervision excludes, and postings of an organisation someone acts for whom a no-contact
/// constraint keeps from them; nothing for anyone else.
pub(crate) async fn hidden_from(db: &impl Db, actor: &Account) -> Result<Hidden, sea_orm::DbErr> {
    if actor.role != Role::Founder {
        return Ok(Hidden::default());
    }
    let mut sectors: Vec<String> = crate::privacy::excluded_sectors_of(db, actor.id).await?.into_iter().collect();
    sectors.sort_unstable();
    let kept: Vec<_> = crate::privacy::no_contact_of(db, actor.id).await?.into_iter().collect();
    let organisations = repos::organisations::organisations_of(db, &kept).await?;
    Ok(Hidden { sectors, organisations })
}

/// Whether `actor`, an outsider, may see the published `stored`: a founder not when their
/// supervision rules it out (see [`hidden_from`]).
async fn outsider_sees(db: &impl Db, actor: &Account, stored: &Stored) -> Result<bool, sea_orm::DbErr> {
    if stored.status != OpportunityStatus::Published
        || !matches!(actor.role, Role::Founder | Role::Mentor | Role::Enterprise)
        || actor.standing != Standing::Approved
    {
        return Ok(false);
    }
    let hidden = hidden_from(db, actor).await?;
    Ok(!hidden.organisations.contains(&stored.organisation)
        && !stored.opportunity.sectors.iter().any(|s| hidden.sectors.contains(s)))
}

/// The opportunity `id` as `actor` may see it, and whether they act for its organisation.
pub async fn get(db: &impl Db, actor: &Account, id: Uuid) -> Result<(Stored, bool), OpportunityError> {
    let stored = repos::opportunities::find(db, id).await?.ok_or(OpportunityError::NotFound)?;
    match standpoint(db, actor, stored.organisation).await? {
        Standpoint::Member => Ok((stored, true)),
        Standpoint::Staff => Ok((stored, false)),
        Standpoint::Outsider if outsider_sees(db, actor, &stored).await? => Ok((stored, false)),
        Standpoint::Outsider => Err(OpportunityError::NotFound),
    }
}

fn audit(actor: &Account, action: &'static str, id: Uuid) -> AuditEntry<'static> {
    AuditEntry { actor: Some(actor.id), action, subject_type: "opportunity", subject_id: Some(id), detail: json!({}) }
}

/// A page of opportunities and whether more follow.
pub type Page = (Vec<Stored>, bool);

/// Published opportunities `actor` may find, matching `filter`, in `order`, at most `first`
/// (up to [`super::MAX_PAGE_SIZE`]). A founder's supervision's excluded sectors narrow the rows
/// in the database, before the page is cut, so neither a page nor a cursor tells of them.
pub async fn browse(
    db: &impl Db,
    actor: &Account,
    filter: &repos::opportunities::Filter,
    order: repos::opportunities::Order,
    first: usize,
) -> Result<Page, OpportunityError> {
    if !matches!(actor.role, Role::Founder | Role::Mentor | Role::Enterprise) {
        return Err(OpportunityError::RoleNotServed(actor.role));
    }
    let hidden = hidden_from(db, actor).await?;
    let first = first.clamp(1, super::MAX_PAGE_SIZE) as u64;
    Ok(repos::opportunities::page(db, &[OpportunityStatus::Published], None, filter, &hidden, order, first).await?)
}

/// Submitted postings waiting for staff, oldest submitted first.
pub async fn queue(
    db: &impl Db,
    actor: &Account,
    after: Option<(chrono::DateTime<chrono::Utc>, Uuid)>,
    first: usize,
) -> Result<Page, OpportunityError> {
    if !actor.role.is_vpd() {
        return Err(OpportunityError::RoleNotServed(actor.role));
    }
    let first = first.clamp(1, super::MAX_PAGE_SIZE) as u64;
    let order = repos::opportunities::Order::Submitted(after);
    let filter = repos::opportunities::Filter::default();
    Ok(repos::opportunities::page(
        db,
        &[OpportunityStatus::PendingReview],
        None,
        &filter,
        &Hidden::default(),
        order,
        first,
    )
    .await?)
}

/// Every posting of the organisations `actor` acts for, last changed first.
pub async fn mine(
    db: &impl Db,
    actor: &Account,
    after: Option<(chrono::DateTime<chrono::Utc>, Uuid)>,
    first: usize,
) -> Result<Page, OpportunityError> {
    if actor.role != Role::Enterprise {
        return Err(OpportunityError::RoleNotServed(actor.role));
    }
    let organisations: Vec<Uuid> = repos::organisations::of_member(db, actor.id).await?.iter().map(|o| o.id).collect();
    if organisations.is_empty() {
        return Ok((Vec::new(), false));
    }
    let first = first.clamp(1, super::MAX_PAGE_SIZE) as u64;
    let order = repos::opportunities::Order::Changed(after);
    let filter = repos::opportunities::Filter::default();
    Ok(repos::opportunities::page(
        db,
        &OpportunityStatus::ALL,
        Some(&organisations),
        &filter,
        &Hidden::default(),
        order,
        first,
    )
    .await?)
}

/// `actor`, a representative of `organisation` (approved by VPD), writes a draft.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0))]
pub async fn create(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    organisation: Uuid,
    input: &OpportunityInput,
) -> Result<Stored, OpportunityError> {
    if actor.role != Role::Enterprise {
        return Err(OpportunityError::RoleNotServed(actor.role));
    }
    if !repos::organisations::is_member(db, organisation, actor.id).await? {
        return Err(OpportunityError::NotFound);
    }
    let found = repos::organisations::find_any(db, organisation).await?.ok_or(OpportunityError::NotFound)?;
    if found.standing != Standing::Approved {
        return Err(OpportunityError::OrganisationNotApproved);
    }
    let now = state.now();
    let terms = crate::services::taxonomies::all(db, state).await?;
    let valid = input.validated(now.date_naive(), &terms)?;
    let txn = db.begin().await?;
    let id = repos::opportunities::insert(&txn, organisation, actor.id, &valid, now).await?;
    repos::audit::record(&txn, audit(actor, "opportunity.create", id), now).await?;
    txn.commit().await?;
    repos::opportunities::find(db, id).await?.ok_or(OpportunityError::NotFound)
}

/// A representative of its organisation rewrites draft or rejected opportunity `id`.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, opportunity.id = %id))]
pub async fn update(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    input: &OpportunityInput,
) -> Result<Stored, OpportunityError> {
    let (stored, member) = get(db, actor, id).await?;
    if !member {
        return Err(OpportunityError::NotYours);
    }
    if !stored.status.editable() {
        return Err(OpportunityError::NotEditable);
    }
    let now = state.now();
    let terms = crate::services::taxonomies::all(db, state).await?;
    let valid = input.validated(now.date_naive(), &terms)?;
    let txn = db.begin().await?;
    if !repos::opportunities::rewrite(&txn, id, stored.status, &valid, now).await? {
        return Err(OpportunityError::NotEditable);
    }
    repos::audit::record(&txn, audit(actor, "opportunity.update", id), now).await?;
    txn.commit().await?;
    repos::opportunities::find(db, id).await?.ok_or(OpportunityError::NotFound)
}

/// `actor` takes `step` with opportunity `id` (staff's `reason` with a rejection).
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, opportunity.id = %id))]
pub async fn take(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    step: Step,
    reason: &str,
) -> Result<Stored, OpportunityError> {
    let (stored, member) = get(db, actor, id).await?;
    let who = if member {
        Actor::Organisation
    } else if actor.role.is_vpd() {
        Actor::Staff
    } else {
        // Someone who sees a published posting but does not act for it.
        return Err(OpportunityError::NotYours);
    };
    let to = next(stored.status, who, step)?;
    let reason = reason.trim();
    if reason.chars().count() > REASON_MAX {
        return Err(OpportunityError::ReasonTooLong);
    }
    if step == Step::Reject && reason.is_empty() {
        return Err(OpportunityError::ReasonRequired);
    }
    let review = matches!(step, Step::Publish | Step::Reject)
        .then(|| ((step == Step::Reject).then(|| reason.to_owned()), actor.id));
    let now = state.now();
    let txn = db.begin().await?;
    if !repos::opportunities::step(&txn, id, stored.status, to, review, now).await? {
        return Err(StepError::WrongState { step, from: stored.status }.into());
    }
    let action = match step {
        Step::Submit => "opportunity.submit",
        Step::Publish => "opportunity.publish",
        Step::Reject => "opportunity.reject",
        Step::Close => "opportunity.close",
        Step::Expire => "opportunity.expire",
    };
    repos::audit::record(&txn, audit(actor, action, id), now).await?;
    if matches!(step, Step::Publish | Step::Reject) {
        // The organisation's representatives are told, in the app and by e-mail.
        let published = step == Step::Publish;
        let title = stored.opportunity.title.clone();
        let reason = (!published).then(|| reason.to_owned());
        let notice =
            Notice::OpportunityReviewed { opportunity: id, title: title.clone(), published, reason: reason.clone() };
        let link = state.settings.page(&notice.link());
        let mail = |person: &str, locale| {
            Email::OpportunityReviewed {
                name: person,
                title: &title,
                published,
                reason: reason.as_deref(),
                link: &link,
            }
            .render(locale)
        };
        super::organisations::tell_representatives(
            &txn,
            stored.organisation,
            &[Standing::Pending, Standing::Approved],
            &notice,
            mail,
            now,
        )
        .await
        .map_err(OpportunityError::Unexpected)?;
    }
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(?step, "opportunity stepped");
    repos::opportunities::find(db, id).await?.ok_or(OpportunityError::NotFound)
}

/// Postings closed per statement batch by the schedule.
const BATCH: u64 = 200;

/// Closes the published postings whose deadline has passed at `now` (the deadline is the last
/// day to apply); how many closed. Each by a conditional update: two runs at once close each
/// posting once.
pub async fn close_past_deadline(
    state: &AppState,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<u64, OpportunityError> {
    let mut closed = 0;
    loop {
        let due = repos::opportunities::past_deadline(&state.db, now.date_naive(), BATCH).await?;
        let full = due.len() as u64 == BATCH;
        for id in due {
            let to = next(OpportunityStatus::Published, Actor::System, Step::Expire)?;
            let txn = state.db.begin().await?;
            if repos::opportunities::step(&txn, id, OpportunityStatus::Published, to, None, now).await? {
                let entry = AuditEntry {
                    actor: None,
                    action: "opportunity.expire",
                    subject_type: "opportunity",
                    subject_id: Some(id),
                    detail: json!({}),
                };
                repos::audit::record(&txn, entry, now).await?;
                closed += 1;
            }
            txn.commit().await?;
        }
        if !full {
            break;
        }
    }
    Ok(closed)
}

/// An opportunity suggested to a founder.
#[derive(Debug, Clone)]
pub struct Suggested {
    /// The opportunity.
    pub stored: Stored,
    /// Higher is better; 0 to 100.
    pub score: u32,
    /// Why, in the founder's language, most telling first.
    pub reasons: Vec<String>,
}

/// Postings looked at for one founder's suggestions: the newest that are near them.
const CANDIDATES: u64 = 300;

/// The published opportunities that fit `actor`, a founder, best: by their sectors, region and
/// skills, with reasons in `locale`; never one their supervision rules out (see
/// [`hidden_from`]), nor one they applied to. Four statements whatever the number.
pub async fn recommended(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    locale: crate::domain::Locale,
    first: usize,
) -> Result<Vec<Suggested>, OpportunityError> {
    use crate::domain::{
        TaxonomyKind,
        opportunity_fit::{Reason, Seeker, assess},
    };
    use crate::i18n::{fill, message_keys as k};
    use crate::services::mentoring::recommendations::labels;
    if actor.role != Role::Founder {
        return Err(OpportunityError::RoleNotServed(actor.role));
    }
    let Some(profile) = repos::profiles::founder(db, actor.id).await? else {
        return Ok(Vec::new());
    };
    let hidden = hidden_from(db, actor).await?;
    let today = state.now().date_naive();
    let near = (profile.region.as_str(), profile.sectors.as_slice());
    let candidates = repos::opportunities::candidates(db, actor.id, near, &hidden, today, CANDIDATES).await?;
    let excluded = hidden.sectors.iter().cloned().collect();
    let seeker = Seeker { profile: &profile, excluded_sectors: &excluded, today };
    let mut fits: Vec<_> =
        candidates.into_iter().filter_map(|stored| Some((assess(&seeker, &stored.opportunity)?, stored))).collect();
    // Best first; among equals the nearest deadline, so nothing good closes unseen.
    fits.sort_by(|(a, x), (b, y)| b.score.cmp(&a.score).then(x.opportunity.deadline.cmp(&y.opportunity.deadline)));
    fits.truncate(first.clamp(1, super::MAX_PAGE_SIZE));
    let terms = crate::services::taxonomies::all(db, state).await?;
    let sentence = |reason: &Reason| match reason {
        Reason::YourSector(codes) => {
            fill(k::FIT_YOUR_SECTOR.text(locale), &[("sectors", &labels(&terms, TaxonomyKind::Sector, codes, locale))])
        }
        Reason::YourRegion(code) => fill(
            k::FIT_YOUR_REGION.text(locale),
            &[("region", &labels(&terms, TaxonomyKind::Region, std::slice::from_ref(code), locale))],
        ),
        Reason::Remote => k::FIT_REMOTE.text(locale).to_owned(),
        Reason::YourSkills(words) => fill(k::FIT_YOUR_SKILLS.text(locale), &[("skills", &words.join(", "))]),
        Reason::YourLanguage(codes) => fill(
            k::FIT_YOUR_LANGUAGE.text(locale),
            &[("languages", &labels(&terms, TaxonomyKind::Language, codes, locale))],
        ),
    };
    Ok(fits
        .into_iter()
        .map(|(fit, stored)| Suggested {
            stored,
            score: fit.score,
            reasons: fit.reasons.iter().map(sentence).collect(),
        })
        .collect())
}
