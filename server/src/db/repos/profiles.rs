//! Founders' and mentors' profiles and the terms they name. Saving replaces the whole profile;
//! run it inside a transaction so a reader never sees half of one.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::{founder_profiles, mentor_profiles, profile_terms};
use crate::domain::{
    UserId,
    profile::{ContactChoice, FounderProfile, MeetingMode, MentorProfile, Stage},
};

/// The term lists of profiles, by the name stored in `profile_terms.field`.
const NEEDS: &str = "needs";
const EXPERTISE: &str = "expertise";
const SECTORS: &str = "sectors";
const LANGUAGES: &str = "languages";

/// The founder's profile, if they saved one.
pub async fn founder(db: &impl ConnectionTrait, user: UserId) -> Result<Option<FounderProfile>, DbErr> {
    let Some(row) = founder_profiles::Entity::find_by_id(user.0).one(db).await? else { return Ok(None) };
    let mut terms = Terms::load(db, user).await?;
    Ok(Some(FounderProfile {
        headline: row.headline,
        business_idea: row.business_idea,
        stage: Stage::parse(&row.stage).unwrap_or_default(),
        needs: terms.take(NEEDS),
        skills: row.skills,
        sectors: terms.take(SECTORS),
        region: row.region,
        languages: terms.take(LANGUAGES),
        seeking_mentor: row.seeking_mentor,
        wants_peer_mentor: row.wants_peer_mentor,
        listed: row.listed,
        contact: ContactChoice { share_email: row.share_email, share_phone: row.share_phone, phone: row.phone },
    }))
}

/// The mentor's profile, if they saved one.
pub async fn mentor(db: &impl ConnectionTrait, user: UserId) -> Result<Option<MentorProfile>, DbErr> {
    let Some(row) = mentor_profiles::Entity::find_by_id(user.0).one(db).await? else { return Ok(None) };
    let mut terms = Terms::load(db, user).await?;
    Ok(Some(MentorProfile {
        headline: row.headline,
        bio: row.bio,
        expertise: terms.take(EXPERTISE),
        sectors: terms.take(SECTORS),
        region: row.region,
        meeting: MeetingMode::parse(&row.meeting).unwrap_or_default(),
        languages: terms.take(LANGUAGES),
        capacity: u8::try_from(row.capacity).unwrap_or(1),
        available: row.available,
        peer_mentor: row.peer_mentor,
        mentors_ngos: row.mentors_ngos,
        contact: ContactChoice { share_email: row.share_email, share_phone: row.share_phone, phone: row.phone },
    }))
}

/// Stores `profile` as the founder's, replacing what was there.
pub async fn save_founder(
    db: &impl ConnectionTrait,
    user: UserId,
    profile: &FounderProfile,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    founder_profiles::Entity::delete_by_id(user.0).exec(db).await?;
    let row = founder_profiles::ActiveModel {
        user_id: Set(user.0),
        headline: Set(profile.headline.clone()),
        business_idea: Set(profile.business_idea.clone()),
        stage: Set(profile.stage.as_str().to_owned()),
        skills: Set(profile.skills.clone()),
        region: Set(profile.region.clone()),
        seeking_mentor: Set(profile.seeking_mentor),
        wants_peer_mentor: Set(profile.wants_peer_mentor),
        listed: Set(profile.listed),
        share_email: Set(profile.contact.share_email),
        share_phone: Set(profile.contact.share_phone),
        phone: Set(profile.contact.phone.clone()),
        updated_at: Set(now),
        search_text: Set(super::search_text(&[&profile.headline, &profile.business_idea, &profile.skills])),
    };
    founder_profiles::Entity::insert(row).exec_without_returning(db).await?;
    replace_terms(db, user, &[(NEEDS, &profile.needs), (SECTORS, &profile.sectors), (LANGUAGES, &profile.languages)])
        .await
}

/// Stores `profile` as the mentor's, replacing what was there.
pub async fn save_mentor(
    db: &impl ConnectionTrait,
    user: UserId,
    profile: &MentorProfile,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    mentor_profiles::Entity::delete_by_id(user.0).exec(db).await?;
    let row = mentor_profiles::ActiveModel {
        user_id: Set(user.0),
        headline: Set(profile.headline.clone()),
        bio: Set(profile.bio.clone()),
        region: Set(profile.region.clone()),
        meeting: Set(profile.meeting.as_str().to_owned()),
        capacity: Set(i16::from(profile.capacity)),
        available: Set(profile.available),
        peer_mentor: Set(profile.peer_mentor),
        mentors_ngos: Set(profile.mentors_ngos),
        share_email: Set(profile.contact.share_email),
        share_phone: Set(profile.contact.share_phone),
        phone: Set(profile.contact.phone.clone()),
        updated_at: Set(now),
        search_text: Set(super::search_text(&[&profile.headline, &profile.bio])),
    };
    mentor_profiles::Entity::insert(row).exec_without_returning(db).await?;
    replace_terms(
        db,
        user,
        &[(EXPERTISE, &profile.expertise), (SECTORS, &profile.sectors), (LANGUAGES, &profile.languages)],
    )
    .await
}

async fn replace_terms(db: &impl ConnectionTrait, user: UserId, lists: &[(&str, &Vec<String>)]) -> Result<(), DbErr> {
    profile_terms::Entity::delete_many().filter(profile_terms::Column::UserId.eq(user.0)).exec(db).await?;
    let rows: Vec<profile_terms::ActiveModel> = lists
        .iter()
        .flat_map(|(field, codes)| {
            codes.iter().enumerate().map(move |(n, code)| profile_terms::ActiveModel {
                user_id: Set(user.0),
                field: Set((*field).to_owned()),
                code: Set(code.clone()),
                position: Set(i16::try_from(n).unwrap_or(i16::MAX)),
            })
        })
        .collect();
    if !rows.is_empty() {
        profile_terms::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    Ok(())
}

/// One person's term rows, taken list by list.
struct Terms(Vec<profile_terms::Model>);

impl Terms {
    async fn load(db: &impl ConnectionTrait, user: UserId) -> Result<Terms, DbErr> {
        let rows = profile_terms::Entity::find()
            .filter(profile_terms::Column::UserId.eq(user.0))
            .order_by_asc(profile_terms::Column::Position)
            .all(db)
            .await?;
        Ok(Terms(rows))
    }

    fn take(&mut self, field: &str) -> Vec<String> {
        self.0.iter().filter(|row| row.field == field).map(|row| row.code.clone()).collect()
    }
}
