//! People's own profiles: reading and saving the founder's or mentor's profile. Saving checks
//! every field against its rule and vocabulary; nothing is stored unless all of it is valid.

use super::Db;
use crate::db::repos;
use crate::domain::{
    Account, Role,
    profile::{Field, FounderProfile, MentorProfile, ProfileError},
};
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::Message;
use crate::state::AppState;

/// Why a profile was not read or saved.
#[derive(Debug, thiserror::Error)]
pub enum ProfileUseError {
    /// A field breaks its rule.
    #[error(transparent)]
    Invalid(#[from] ProfileError),
    /// A role the access gate should have refused reached this use case.
    #[error("the access rules let a {0:?} through to this profile")]
    RoleNotServed(Role),
    /// The database failed.
    #[error("the profile could not be read or saved")]
    Database(#[from] sea_orm::DbErr),
}

/// The message for a problem with `field`, and the field.
fn field_error(err: ProfileError) -> (Message, Field) {
    match err {
        ProfileError::Required(Field::Headline) => (Message::HeadlineRequired, Field::Headline),
        ProfileError::TooLong(Field::Headline) => (Message::HeadlineTooLong, Field::Headline),
        ProfileError::TooLong(Field::Skills) => (Message::SkillsTooLong, Field::Skills),
        ProfileError::TooLong(field) => (Message::StoryTooLong, field),
        ProfileError::Required(Field::Region) => (Message::RegionRequired, Field::Region),
        ProfileError::Required(Field::Expertise) => (Message::ExpertiseRequired, Field::Expertise),
        ProfileError::Required(field) => (Message::LanguagesRequired, field),
        ProfileError::UnknownTerm(field) => (Message::UnknownTerm, field),
        ProfileError::CapacityOutOfRange => (Message::CapacityOutOfRange, Field::Capacity),
        ProfileError::InvalidPhone => (Message::InvalidPhone, Field::Phone),
    }
}

impl ProfileUseError {
    /// The profile field at fault, for the transport to name in its own terms.
    pub fn field(&self) -> Option<Field> {
        match self {
            ProfileUseError::Invalid(err) => Some(field_error(*err).1),
            _ => None,
        }
    }
}

impl ToClientError for ProfileUseError {
    fn client_error(&self) -> Option<ClientError> {
        match self {
            ProfileUseError::Invalid(err) => Some(ClientError::new(Code::BadUserInput, field_error(*err).0)),
            ProfileUseError::RoleNotServed(_) | ProfileUseError::Database(_) => None,
        }
    }
}

/// A person's own profile, by their role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnProfile {
    /// A founder's (the defaults until they save one).
    Founder(FounderProfile),
    /// A mentor's (the defaults until they save one).
    Mentor(MentorProfile),
    /// Roles without a personal profile (VPD people; organisations have their own page).
    None,
}

/// `actor`'s own profile.
pub async fn own(db: &impl Db, actor: &Account) -> Result<OwnProfile, ProfileUseError> {
    Ok(match actor.role {
        Role::Founder => OwnProfile::Founder(repos::profiles::founder(db, actor.id).await?.unwrap_or_default()),
        Role::Mentor => OwnProfile::Mentor(repos::profiles::mentor(db, actor.id).await?.unwrap_or_default()),
        Role::Enterprise | Role::Staff | Role::Admin => OwnProfile::None,
    })
}

/// Saves `profile` as the founder `actor`'s; returns it as stored.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0))]
pub async fn save_founder(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    profile: FounderProfile,
) -> Result<FounderProfile, ProfileUseError> {
    if actor.role != Role::Founder {
        return Err(ProfileUseError::RoleNotServed(actor.role));
    }
    let terms = crate::services::taxonomies::all(db, state).await?;
    let profile = profile.validated(&terms)?;
    let txn = db.begin().await?;
    repos::profiles::save_founder(&txn, actor.id, &profile, state.now()).await?;
    txn.commit().await?;
    tracing::info!("founder profile saved");
    Ok(profile)
}

/// Saves `profile` as the mentor `actor`'s; returns it as stored.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0))]
pub async fn save_mentor(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    profile: MentorProfile,
) -> Result<MentorProfile, ProfileUseError> {
    if actor.role != Role::Mentor {
        return Err(ProfileUseError::RoleNotServed(actor.role));
    }
    let terms = crate::services::taxonomies::all(db, state).await?;
    let profile = profile.validated(&terms)?;
    let txn = db.begin().await?;
    repos::profiles::save_mentor(&txn, actor.id, &profile, state.now()).await?;
    txn.commit().await?;
    tracing::info!("mentor profile saved");
    Ok(profile)
}
