//! Organisations: an organisation account creates its organisation (and is its first
//! representative), representatives edit it and invite others by e-mail, staff approve both
//! (see [`super::moderation`]). Who sees which organisation is [`OrganisationScope`]'s decision,
//! applied in SQL; an organisation the viewer may not see answers like one that does not exist.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::Db;
use crate::db::repos::{
    self,
    audit::AuditEntry,
    organisations::{After, Filter, Invitation, Page, Stored},
    users,
};
use crate::domain::{
    Account, EmailAddress, Role, Standing, Taxonomies, UserId,
    notification::Notice,
    organisation::{InvitationStatus, OrganisationError, OrganisationField, OrganisationProfile, OrganisationScope},
};
use crate::email;
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::Message;
use crate::state::AppState;

/// Why an organisation use case did not go through.
#[derive(Debug, thiserror::Error)]
pub enum OrganisationUseError {
    /// A field breaks its rule.
    #[error(transparent)]
    Invalid(#[from] OrganisationError),
    /// Another organisation in Tilts has this registration number.
    #[error("the registration number is taken")]
    RegistrationTaken,
    /// No such organisation, or one the viewer may not see.
    #[error("no such organisation")]
    NotFound,
    /// The viewer sees the organisation but does not act for it.
    #[error("not a representative")]
    NotARepresentative,
    /// Representatives are invited only to an approved organisation.
    #[error("the organisation is not approved")]
    NotApproved,
    /// Not an e-mail address.
    #[error("not an e-mail address")]
    InvalidEmail,
    /// The address is already invited (or acts for the organisation).
    #[error("already invited")]
    AlreadyInvited,
    /// Staff decided about the organisation meanwhile.
    #[error("the organisation's standing changed meanwhile")]
    Changed,
    /// A page cursor the server did not make.
    #[error("not a cursor of this list")]
    BadCursor,
    /// A role the access gate should have refused reached this use case.
    #[error("the access rules let a {0:?} through to organisations")]
    RoleNotServed(Role),
    /// The database failed.
    #[error("organisations could not be read or saved")]
    Database(#[from] sea_orm::DbErr),
    /// Queueing an e-mail failed.
    #[error("queueing the e-mail failed")]
    Unexpected(#[from] anyhow::Error),
}

impl OrganisationUseError {
    /// The field at fault, for the transport to name in its own terms.
    pub fn field(&self) -> Option<OrganisationField> {
        match self {
            OrganisationUseError::Invalid(err) => Some(field_error(*err).1),
            OrganisationUseError::RegistrationTaken => Some(OrganisationField::RegistrationNumber),
            _ => None,
        }
    }
}

/// The message for a problem, and its field.
fn field_error(err: OrganisationError) -> (Message, OrganisationField) {
    use OrganisationField as F;
    match err {
        OrganisationError::Required(F::Name) => (Message::OrganisationNameRequired, F::Name),
        OrganisationError::TooLong(F::Name) => (Message::OrganisationNameTooLong, F::Name),
        OrganisationError::Required(F::RegistrationNumber) | OrganisationError::InvalidRegistrationNumber => {
            (Message::InvalidRegistrationNumber, F::RegistrationNumber)
        }
        OrganisationError::Required(F::Region) => (Message::RegionRequired, F::Region),
        OrganisationError::Required(F::Sectors) => (Message::SectorsRequired, F::Sectors),
        OrganisationError::InvalidWebsite | OrganisationError::TooLong(F::Website) => {
            (Message::InvalidWebsite, F::Website)
        }
        OrganisationError::TooLong(field) | OrganisationError::Required(field) => (Message::StoryTooLong, field),
        OrganisationError::UnknownTerm(field) => (Message::UnknownTerm, field),
    }
}

impl ToClientError for OrganisationUseError {
    fn client_error(&self) -> Option<ClientError> {
        Some(match self {
            OrganisationUseError::Invalid(err) => ClientError::new(Code::BadUserInput, field_error(*err).0),
            OrganisationUseError::RegistrationTaken => {
                ClientError::new(Code::Conflict, Message::RegistrationNumberTaken).reason("REGISTRATION_NUMBER_TAKEN")
            }
            OrganisationUseError::NotFound => ClientError::new(Code::NotFound, Message::NotFound),
            OrganisationUseError::NotARepresentative => ClientError::new(Code::Forbidden, Message::Forbidden),
            OrganisationUseError::NotApproved => {
                ClientError::new(Code::Conflict, Message::OrganisationNotApproved).reason("ORGANISATION_NOT_APPROVED")
            }
            OrganisationUseError::InvalidEmail => {
                ClientError::new(Code::BadUserInput, Message::InvalidEmail).field("email")
            }
            OrganisationUseError::AlreadyInvited => {
                ClientError::new(Code::Conflict, Message::AlreadyInvited).reason("ALREADY_INVITED").field("email")
            }
            OrganisationUseError::Changed => {
                ClientError::new(Code::Conflict, Message::DecisionDoesNotApply).reason("STANDING_CHANGED")
            }
            OrganisationUseError::BadCursor => {
                ClientError::new(Code::BadUserInput, Message::InvalidRequest).field("after")
            }
            OrganisationUseError::RoleNotServed(_)
            | OrganisationUseError::Database(_)
            | OrganisationUseError::Unexpected(_) => return None,
        })
    }
}

/// An organisation as one of its representatives sees it: with its standing, the people who
/// act for it and the invitations they made.
#[derive(Debug, Clone)]
pub struct Mine {
    /// The organisation.
    pub organisation: Stored,
    /// The people who act for it, by name.
    pub representatives: Vec<(UserId, String)>,
    /// Invitations of others, newest first.
    pub invitations: Vec<Invitation>,
}

/// The viewer's scope: staff see every organisation; a founder under a supervision that
/// excludes sectors never sees organisations working in them.
async fn scope_of(db: &impl Db, actor: &Account) -> Result<OrganisationScope, sea_orm::DbErr> {
    let (me, _) = super::directory::viewer(db, actor).await?;
    let excluded = if actor.role == Role::Founder {
        let mut codes: Vec<String> = crate::privacy::excluded_sectors_of(db, actor.id).await?.into_iter().collect();
        codes.sort();
        codes
    } else {
        Vec::new()
    };
    Ok(OrganisationScope::of(&me, excluded))
}

/// Organisations `actor` may find, matching `filter`: at most `first` after `after`.
pub async fn list(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    filter: &Filter,
    first: usize,
    after: Option<&After>,
) -> Result<(Page, std::sync::Arc<Taxonomies>), OrganisationUseError> {
    let scope = scope_of(db, actor).await?;
    let first = first.clamp(1, super::MAX_PAGE_SIZE) as u64;
    let page = repos::organisations::list(db, &scope, filter, after, first).await?;
    Ok((page, crate::services::taxonomies::all(db, state).await?))
}

/// The organisation `id` as `actor` may see it.
pub async fn get(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
) -> Result<(Stored, std::sync::Arc<Taxonomies>), OrganisationUseError> {
    let scope = scope_of(db, actor).await?;
    let found = repos::organisations::find(db, &scope, id).await?.ok_or(OrganisationUseError::NotFound)?;
    Ok((found, crate::services::taxonomies::all(db, state).await?))
}

/// The organisations `actor` acts for, with their people and invitations (four statements).
pub async fn mine(db: &impl Db, actor: &Account) -> Result<Vec<Mine>, OrganisationUseError> {
    if actor.role != Role::Enterprise {
        return Ok(Vec::new());
    }
    let organisations = repos::organisations::of_member(db, actor.id).await?;
    let ids: Vec<Uuid> = organisations.iter().map(|o| o.id).collect();
    let members = repos::organisations::members(db, &ids).await?;
    let invitations = repos::organisations::invitations_to(db, &ids).await?;
    Ok(organisations
        .into_iter()
        .map(|organisation| Mine {
            representatives: members
                .iter()
                .filter(|(org, _, _)| *org == organisation.id)
                .map(|(_, user, name)| (*user, name.clone()))
                .collect(),
            invitations: invitations.iter().filter(|i| i.organisation == organisation.id).cloned().collect(),
            organisation,
        })
        .collect())
}

/// The one organisation of `mine` with `id`.
async fn mine_one(db: &impl Db, actor: &Account, id: Uuid) -> Result<Mine, OrganisationUseError> {
    mine(db, actor).await?.into_iter().find(|m| m.organisation.id == id).ok_or(OrganisationUseError::NotFound)
}

/// Creates the organisation `profile` with `actor` (an organisation account, approved or
/// waiting) as its first representative; it waits for staff approval.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0))]
pub async fn create(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    profile: OrganisationProfile,
) -> Result<Mine, OrganisationUseError> {
    if actor.role != Role::Enterprise {
        return Err(OrganisationUseError::RoleNotServed(actor.role));
    }
    let terms = crate::services::taxonomies::all(db, state).await?;
    let profile = profile.validated(&terms)?;
    if repos::organisations::registration_taken(db, &profile.registration_number, None).await? {
        return Err(OrganisationUseError::RegistrationTaken);
    }
    let id = Uuid::new_v4();
    let now = state.now();
    let txn = db.begin().await?;
    repos::organisations::insert(&txn, id, &profile, actor.id, now).await?;
    let entry = AuditEntry {
        actor: Some(actor.id),
        action: "organisation.create",
        subject_type: "organisation",
        subject_id: Some(id),
        detail: json!({}),
    };
    repos::audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    tracing::info!(organisation.id = %id, "organisation created");
    mine_one(db, actor, id).await
}

/// Saves `profile` as organisation `id`'s; `actor` must act for it.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, organisation.id = %id))]
pub async fn update(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    profile: OrganisationProfile,
) -> Result<Mine, OrganisationUseError> {
    if actor.role != Role::Enterprise {
        return Err(OrganisationUseError::RoleNotServed(actor.role));
    }
    let before = representative_of(db, actor, id).await?;
    let terms = crate::services::taxonomies::all(db, state).await?;
    let profile = profile.validated(&terms)?;
    if repos::organisations::registration_taken(db, &profile.registration_number, Some(id)).await? {
        return Err(OrganisationUseError::RegistrationTaken);
    }
    let changed = before.profile.changed_fields(&profile);
    // VPD vouched for who the organisation is: a new name, number, kind or status goes back to
    // them, as does any change to an organisation they refused.
    let review = match before.standing {
        Standing::Approved => changed.iter().any(|f| f.is_identity()),
        Standing::Rejected => !changed.is_empty(),
        Standing::Pending | Standing::Suspended => false,
    };
    let now = state.now();
    let txn = db.begin().await?;
    repos::organisations::update(&txn, id, &profile, now).await?;
    if review && !repos::organisations::set_standing(&txn, id, before.standing, Standing::Pending, now).await? {
        return Err(OrganisationUseError::Changed);
    }
    let entry = AuditEntry {
        actor: Some(actor.id),
        action: "organisation.update",
        subject_type: "organisation",
        subject_id: Some(id),
        detail: json!({ "changed": changed.iter().map(|f| f.as_str()).collect::<Vec<_>>(), "review": review }),
    };
    repos::audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    tracing::info!(review, "organisation saved");
    mine_one(db, actor, id).await
}

/// The organisation `id` if `actor` acts for it; `NOT_FOUND` if they may not see it,
/// `FORBIDDEN` if they see it without acting for it.
async fn representative_of(db: &impl Db, actor: &Account, id: Uuid) -> Result<Stored, OrganisationUseError> {
    let scope = scope_of(db, actor).await?;
    let found = repos::organisations::find(db, &scope, id).await?.ok_or(OrganisationUseError::NotFound)?;
    if !repos::organisations::is_member(db, id, actor.id).await? {
        return Err(OrganisationUseError::NotARepresentative);
    }
    Ok(found)
}

/// Asks staff to let `email` act for organisation `id` too. The answer is the same whether or
/// not the address has an account.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, organisation.id = %id))]
pub async fn invite_representative(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    email: &str,
) -> Result<Invitation, OrganisationUseError> {
    if actor.role != Role::Enterprise {
        return Err(OrganisationUseError::RoleNotServed(actor.role));
    }
    let organisation = representative_of(db, actor, id).await?;
    if organisation.standing != Standing::Approved {
        return Err(OrganisationUseError::NotApproved);
    }
    let email = EmailAddress::parse(email).ok_or(OrganisationUseError::InvalidEmail)?;
    let address = email.as_str().to_owned();
    let members = repos::organisations::member_emails(db, id).await?;
    if members.contains(&address) || repos::organisations::invitation_open(db, id, &address).await? {
        return Err(OrganisationUseError::AlreadyInvited);
    }
    let now = state.now();
    let invitation_id = Uuid::new_v4();
    let txn = db.begin().await?;
    // Two invitations of one address at once: the index keeps one.
    if let Err(err) = repos::organisations::invite(&txn, invitation_id, id, &address, actor.id, now).await {
        return Err(if repos::is_unique_violation(&err) { OrganisationUseError::AlreadyInvited } else { err.into() });
    }
    let entry = AuditEntry {
        actor: Some(actor.id),
        action: "organisation.invite_representative",
        subject_type: "representative_invitation",
        subject_id: Some(invitation_id),
        detail: json!({ "organisation": id }),
    };
    repos::audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    tracing::info!("representative invited, waiting for staff");
    Ok(Invitation {
        id: invitation_id,
        organisation: id,
        email: address,
        invited_by: Some(actor.id),
        status: InvitationStatus::Pending,
        created_at: now,
    })
}

/// Lets `user` act for every organisation whose invitation of their address staff approved
/// (when an organisation account with a confirmed address exists); tells them in the app.
/// Runs inside the caller's transaction: at approval, and when such an account confirms its
/// address.
pub async fn join_approved(
    db: &impl ConnectionTrait,
    user: &Account,
    invitations: &[Invitation],
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, sea_orm::DbErr> {
    let mut joined = Vec::new();
    // Only an organisation account in good standing joins, and only an approved organisation.
    if user.role != Role::Enterprise || !matches!(user.standing, Standing::Pending | Standing::Approved) {
        return Ok(joined);
    }
    let names =
        repos::organisations::names(db, &invitations.iter().map(|i| i.organisation).collect::<Vec<_>>()).await?;
    for invitation in invitations.iter().filter(|i| i.email == user.email.as_str()) {
        let organisation = repos::organisations::find_any(db, invitation.organisation).await?;
        if organisation.is_none_or(|o| o.standing != Standing::Approved) {
            continue;
        }
        if !repos::organisations::set_invitation_status(
            db,
            invitation.id,
            InvitationStatus::Approved,
            InvitationStatus::Joined,
            now,
        )
        .await?
        {
            continue;
        }
        repos::organisations::add_member(db, invitation.organisation, user.id, now).await?;
        let organisation = names.get(&invitation.organisation).cloned().unwrap_or_default();
        super::notifications::notify(db, user.id, &Notice::RepresentativeJoined { organisation }, now).await?;
        joined.push(invitation.organisation);
    }
    Ok(joined)
}

/// After `user` confirmed their address: the organisations they were approved to act for.
pub async fn join_on_confirmation(
    db: &impl ConnectionTrait,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    let Some(stored) = users::find(db, user).await? else { return Ok(()) };
    if stored.account.role != Role::Enterprise || stored.disabled {
        return Ok(());
    }
    let invitations = repos::organisations::approved_for(db, stored.account.email.as_str()).await?;
    if !invitations.is_empty() {
        join_approved(db, &stored.account, &invitations, now).await?;
    }
    Ok(())
}

/// Tells every representative of `organisation` whose standing is one of `standings` about
/// `notice`: in the app, and by the e-mail `mail` renders for their name and language. Inside the
/// caller's transaction.
pub(crate) async fn tell_representatives(
    db: &impl ConnectionTrait,
    organisation: Uuid,
    standings: &[Standing],
    notice: &Notice,
    mail: impl Fn(&str, crate::domain::Locale) -> email::templates::Rendered,
    now: DateTime<Utc>,
) -> Result<(), anyhow::Error> {
    let members = repos::organisations::members(db, &[organisation]).await?;
    let ids: Vec<UserId> = members.iter().map(|(_, user, _)| *user).collect();
    for person in users::find_many(db, &ids).await? {
        if person.disabled || !standings.contains(&person.account.standing) {
            continue;
        }
        let account = person.account;
        super::notifications::notify(db, account.id, notice, now).await?;
        email::enqueue(db, &account.email, &mail(&account.display_name, account.locale), now).await?;
    }
    Ok(())
}
