//! Finding people: the directory of mentors and founders, and one person's profile by id.
//! Who appears to whom is [`crate::domain::policy`]'s decision, applied by the repository in
//! SQL; a person the viewer may not see answers exactly like one who does not exist. Contact
//! details leave this service only when the policy releases them, and only those the person
//! chose to share.

use super::Db;
use crate::db::repos::{
    self,
    directory::{After, Filter, Listed},
    profile_views::What,
};
use crate::domain::{
    Account, Role, Taxonomies,
    policy::{self, Person, Purpose, Scope, Ties},
    profile::{ContactChoice, FounderProfile, MentorProfile},
};
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::Message;
use crate::state::AppState;

/// Why a directory question was not answered.
#[derive(Debug, thiserror::Error)]
pub enum DirectoryError {
    /// No such person, or one the viewer may not see.
    #[error("no such person")]
    NotFound,
    /// A page cursor the server did not make.
    #[error("not a cursor of this list")]
    BadCursor,
    /// The database failed.
    #[error("the directory could not be read")]
    Database(#[from] sea_orm::DbErr),
}

impl ToClientError for DirectoryError {
    fn client_error(&self) -> Option<ClientError> {
        match self {
            DirectoryError::NotFound => Some(ClientError::new(Code::NotFound, Message::NotFound)),
            DirectoryError::BadCursor => {
                Some(ClientError::new(Code::BadUserInput, Message::InvalidRequest).field("after"))
            }
            DirectoryError::Database(_) => None,
        }
    }
}

/// Contact details released to the viewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// The person's e-mail address, if they share it.
    pub email: Option<String>,
    /// Their phone number, if they share it.
    pub phone: Option<String>,
}

/// A person as the viewer may see them: the profile without its sharing choices, and the
/// contact details only if released.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen<P> {
    /// Their account id.
    pub id: crate::domain::UserId,
    /// Their name.
    pub display_name: String,
    /// Their profile (its contact choice emptied).
    pub profile: P,
    /// What the viewer may use to reach them; `None` unless released.
    pub contact: Option<Contact>,
}

/// A page of the directory, with the vocabularies to label it.
#[derive(Debug, Clone)]
pub struct DirectoryPage<P> {
    /// The people.
    pub people: Vec<Seen<P>>,
    /// Whether more follow.
    pub has_more: bool,
    /// The vocabularies.
    pub terms: std::sync::Arc<Taxonomies>,
}

/// The viewer as the policy knows them, with their ties, loaded once per request: the people a
/// supervision's no-contact constraint keeps from them (either side; bare ids, never why), the
/// people in an active mentorship with them, and those in a request or a match waiting for VPD.
pub(crate) async fn viewer(db: &impl Db, actor: &Account) -> Result<(Person, Ties), sea_orm::DbErr> {
    let person = Person { id: actor.id, role: actor.role, standing: actor.standing, disabled: false, listed: true };
    // Staff see everyone, and nobody is kept from them.
    let no_contact =
        if actor.role.is_vpd() { Default::default() } else { crate::privacy::no_contact_of(db, actor.id).await? };
    let represents_approved = actor.role == Role::Enterprise
        && actor.standing == crate::domain::Standing::Approved
        && repos::organisations::represents_approved(db, actor.id).await?;
    let (connected, asking) = if matches!(actor.role, Role::Founder | Role::Mentor | Role::Enterprise) {
        repos::mentorships::ties_of(db, actor.id).await?
    } else {
        Default::default()
    };
    Ok((person, Ties { no_contact, connected, asking, represents_approved }))
}

/// Whether the directory shows `actor` founders (one statement for an organisation account,
/// none for anyone else).
pub async fn finds_founders(db: &impl Db, actor: &Account) -> Result<bool, sea_orm::DbErr> {
    let person = Person { id: actor.id, role: actor.role, standing: actor.standing, disabled: false, listed: true };
    let represents_approved = actor.role == Role::Enterprise
        && actor.standing == crate::domain::Standing::Approved
        && repos::organisations::represents_approved(db, actor.id).await?;
    Ok(policy::finds_founders(&person, &Ties { represents_approved, ..Ties::default() }))
}

/// Notes in the subject's "who viewed my data" that `viewer` opened their profile.
async fn viewed(
    db: &impl Db,
    state: &AppState,
    viewer: &Person,
    subject: crate::domain::UserId,
) -> Result<(), sea_orm::DbErr> {
    if viewer.id == subject {
        return Ok(());
    }
    repos::profile_views::record(db, subject, viewer.id, What::Profile, state.now()).await
}

/// What the profile's owner chose to share, if the policy releases it to the viewer.
fn released<P>(
    viewer: &Person,
    ties: &Ties,
    listed: &Listed<P>,
    role: Role,
    choice: &ContactChoice,
) -> Option<Contact> {
    let subject = Person { id: listed.id, role, standing: listed.standing, disabled: listed.disabled, listed: true };
    policy::may_see_contact(viewer, ties, &subject).then(|| Contact {
        email: choice.share_email.then(|| listed.email.clone()),
        phone: if choice.share_phone { choice.phone.clone() } else { None },
    })
}

pub(crate) fn seen_mentor(viewer: &Person, ties: &Ties, listed: Listed<MentorProfile>) -> Seen<MentorProfile> {
    let contact = released(viewer, ties, &listed, Role::Mentor, &listed.profile.contact);
    let mut profile = listed.profile;
    profile.contact = ContactChoice::default();
    Seen { id: listed.id, display_name: listed.display_name, profile, contact }
}

pub(crate) fn seen_founder(viewer: &Person, ties: &Ties, listed: Listed<FounderProfile>) -> Seen<FounderProfile> {
    let contact = released(viewer, ties, &listed, Role::Founder, &listed.profile.contact);
    let mut profile = listed.profile;
    profile.contact = ContactChoice::default();
    Seen { id: listed.id, display_name: listed.display_name, profile, contact }
}

/// Mentors `actor` may find, matching `filter`, at most `first` (up to
/// [`super::MAX_PAGE_SIZE`]) after `after`.
pub async fn mentors(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    filter: &Filter,
    first: usize,
    after: Option<&After>,
) -> Result<DirectoryPage<MentorProfile>, DirectoryError> {
    let (me, ties) = viewer(db, actor).await?;
    let scope = Scope::of(&me, &ties, Purpose::Directory);
    let first = first.clamp(1, super::MAX_PAGE_SIZE) as u64;
    let page = repos::directory::mentors(db, &scope, filter, after, first).await?;
    let terms = crate::services::taxonomies::all(db, state).await?;
    let people = page.people.into_iter().map(|p| seen_mentor(&me, &ties, p)).collect();
    Ok(DirectoryPage { people, has_more: page.has_more, terms })
}

/// Founders `actor` may find (those who chose to be listed, for approved mentors,
/// representatives of approved organisations and staff).
pub async fn founders(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    filter: &Filter,
    first: usize,
    after: Option<&After>,
) -> Result<DirectoryPage<FounderProfile>, DirectoryError> {
    let (me, ties) = viewer(db, actor).await?;
    let scope = Scope::of(&me, &ties, Purpose::Directory);
    let first = first.clamp(1, super::MAX_PAGE_SIZE) as u64;
    let page = repos::directory::founders(db, &scope, filter, after, first).await?;
    let terms = crate::services::taxonomies::all(db, state).await?;
    let people = page.people.into_iter().map(|p| seen_founder(&me, &ties, p)).collect();
    Ok(DirectoryPage { people, has_more: page.has_more, terms })
}

/// The mentor `id` as `actor` may see them.
pub async fn mentor(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: crate::domain::UserId,
) -> Result<(Seen<MentorProfile>, std::sync::Arc<Taxonomies>), DirectoryError> {
    let (me, ties) = viewer(db, actor).await?;
    let scope = Scope::of(&me, &ties, Purpose::Profile);
    let listed = repos::directory::mentor(db, &scope, id).await?.ok_or(DirectoryError::NotFound)?;
    viewed(db, state, &me, id).await?;
    Ok((seen_mentor(&me, &ties, listed), crate::services::taxonomies::all(db, state).await?))
}

/// The founder `id` as `actor` may see them.
pub async fn founder(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: crate::domain::UserId,
) -> Result<(Seen<FounderProfile>, std::sync::Arc<Taxonomies>), DirectoryError> {
    let (me, ties) = viewer(db, actor).await?;
    let scope = Scope::of(&me, &ties, Purpose::Profile);
    let listed = repos::directory::founder(db, &scope, id).await?.ok_or(DirectoryError::NotFound)?;
    viewed(db, state, &me, id).await?;
    Ok((seen_founder(&me, &ties, listed), crate::services::taxonomies::all(db, state).await?))
}
