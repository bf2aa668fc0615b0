//! The directory of mentors and founders. Every query takes the viewer's [`Scope`] and applies
//! it in SQL, before ordering and the page limit, so neither a page, a cursor nor a count can
//! reveal a person the viewer may not see. A page costs the same three statements whatever its
//! size: the people, their profiles, their terms.

use std::collections::HashMap;

use sea_orm::sea_query::{Condition, Expr, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::db::entities::{founder_profiles, mentor_profiles, profile_terms, users};
use crate::domain::{
    Role, Standing, UserId,
    policy::{Person, Scope},
    profile::{ContactChoice, FounderProfile, MeetingMode, MentorProfile, Stage},
};

/// What a directory list may be narrowed to; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// A region code.
    pub region: Option<String>,
    /// A topic code: a mentor's expertise, a founder's needs.
    pub topic: Option<String>,
    /// A sector code.
    pub sector: Option<String>,
    /// A language code.
    pub language: Option<String>,
    /// Words in the name, headline or longer text (case-insensitive in any alphabet).
    pub text: Option<String>,
    /// Any of these language codes (empty: any language).
    pub any_language: Vec<String>,
    /// Founders: only those looking for a mentor.
    pub seeking_mentor: bool,
}

/// A person in the directory with the account facts the policy needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed<P> {
    /// Their account.
    pub id: UserId,
    /// Their name.
    pub display_name: String,
    /// Their sign-in address (released only with their consent).
    pub email: String,
    /// Their standing.
    pub standing: Standing,
    /// Disabled by an admin.
    pub disabled: bool,
    /// Their profile.
    pub profile: P,
}

/// A page of people and whether more follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<P> {
    /// The people, in name order.
    pub people: Vec<Listed<P>>,
    /// Whether more people follow.
    pub has_more: bool,
}

/// The key of a page: the name and id of the last person on the one before.
pub type After = (String, Uuid);

/// Which profiles a query reads.
#[derive(Clone, Copy)]
enum Kind {
    Mentor,
    Founder,
}

impl Kind {
    fn role(self) -> Role {
        match self {
            Kind::Mentor => Role::Mentor,
            Kind::Founder => Role::Founder,
        }
    }

    /// `profile_terms.field` of the topics this kind names.
    fn topics(self) -> &'static str {
        match self {
            Kind::Mentor => "expertise",
            Kind::Founder => "needs",
        }
    }

    /// The ids of people with a profile of this kind matching `filter` (and listed, if
    /// `listed_only`).
    fn profiles(self, filter: &Filter, listed_only: bool, pattern: Option<&str>) -> SelectStatement {
        let mut query = Query::select();
        match self {
            Kind::Mentor => {
                query.column(mentor_profiles::Column::UserId).from(mentor_profiles::Entity);
                if listed_only {
                    query.and_where(mentor_profiles::Column::Available.eq(true));
                }
                if let Some(region) = &filter.region {
                    query.and_where(mentor_profiles::Column::Region.eq(region.as_str()));
                }
            }
            Kind::Founder => {
                query.column(founder_profiles::Column::UserId).from(founder_profiles::Entity);
                if listed_only {
                    query.and_where(founder_profiles::Column::Listed.eq(true));
                }
                if filter.seeking_mentor {
                    query.and_where(founder_profiles::Column::SeekingMentor.eq(true));
                }
                if let Some(region) = &filter.region {
                    query.and_where(founder_profiles::Column::Region.eq(region.as_str()));
                }
            }
        }
        if let Some(pattern) = pattern {
            match self {
                Kind::Mentor => query.and_where(mentor_profiles::Column::SearchText.like(pattern)),
                Kind::Founder => query.and_where(founder_profiles::Column::SearchText.like(pattern)),
            };
        }
        query.to_owned()
    }
}

/// The ids of people with `code` in their list `field`.
fn with_term(field: &str, code: &str) -> SelectStatement {
    Query::select()
        .column(profile_terms::Column::UserId)
        .from(profile_terms::Entity)
        .and_where(profile_terms::Column::Field.eq(field))
        .and_where(profile_terms::Column::Code.eq(code))
        .to_owned()
}

/// The condition on `users` that `scope` admits for people of `kind`, and the condition that
/// they match `filter`.
fn condition(kind: Kind, scope: &Scope, filter: &Filter) -> Condition {
    let pattern = super::like_pattern(filter.text.as_deref().unwrap_or_default());
    let mut matching = Condition::all().add(users::Column::Role.eq(kind.role().as_str()));
    if let Some(topic) = &filter.topic {
        matching = matching.add(users::Column::Id.in_subquery(with_term(kind.topics(), topic)));
    }
    if let Some(sector) = &filter.sector {
        matching = matching.add(users::Column::Id.in_subquery(with_term("sectors", sector)));
    }
    if let Some(language) = &filter.language {
        matching = matching.add(users::Column::Id.in_subquery(with_term("languages", language)));
    }
    if !filter.any_language.is_empty() {
        let speaking = Query::select()
            .column(profile_terms::Column::UserId)
            .from(profile_terms::Entity)
            .and_where(profile_terms::Column::Field.eq("languages"))
            .and_where(profile_terms::Column::Code.is_in(filter.any_language.iter().map(String::as_str)))
            .to_owned();
        matching = matching.add(users::Column::Id.in_subquery(speaking));
    }
    // A name match, or a match in the profile's texts (checked with the profile below).
    let name_matches = pattern.as_deref().map(|p| Condition::all().add(users::Column::SearchText.like(p)));
    let profile = |listed_only: bool| {
        let with_profile = users::Column::Id.in_subquery(kind.profiles(filter, listed_only, None));
        match (&name_matches, pattern.as_deref()) {
            (Some(by_name), Some(p)) => Condition::all().add(with_profile).add(
                Condition::any().add(by_name.clone()).add(users::Column::Id.in_subquery(kind.profiles(
                    filter,
                    listed_only,
                    Some(p),
                ))),
            ),
            _ => Condition::all().add(with_profile),
        }
    };
    let admitted = if scope.nobody {
        Condition::all().add(users::Column::Id.eq(scope.viewer.0))
    } else if scope.everyone {
        Condition::all()
    } else {
        let listed_only = scope.roles.iter().find(|(role, _)| *role == kind.role()).map(|(_, listed)| *listed);
        let by_role = match listed_only {
            // Listing is a profile matter: checked with the profile below.
            Some(_) => Condition::all(),
            None => Condition::all().add(Expr::val(false)),
        };
        let connected: Vec<Uuid> = scope.connected.iter().map(|id| id.0).collect();
        let excluded: Vec<Uuid> = scope.excluded.iter().map(|id| id.0).collect();
        Condition::any().add(users::Column::Id.eq(scope.viewer.0)).add(
            Condition::all()
                .add(users::Column::Standing.eq(Standing::Approved.as_str()))
                .add(users::Column::Status.eq("active"))
                .add(users::Column::Id.is_not_in(excluded))
                .add(Condition::any().add(users::Column::Id.is_in(connected)).add(by_role)),
        )
    };
    // Listed only where the scope says so for this role (never for the viewer themself, staff
    // or a connected person).
    let listed_only =
        !scope.everyone && !scope.nobody && scope.roles.iter().any(|(role, listed)| *role == kind.role() && *listed);
    let listed = if listed_only {
        let connected: Vec<Uuid> = scope.connected.iter().map(|id| id.0).collect();
        Condition::any()
            .add(profile(true))
            .add(Condition::all().add(profile(false)).add(users::Column::Id.is_in(connected)))
            .add(Condition::all().add(profile(false)).add(users::Column::Id.eq(scope.viewer.0)))
    } else {
        profile(false)
    };
    Condition::all().add(matching).add(admitted).add(listed)
}

/// A page of mentors that `scope` admits and `filter` matches, in name order.
pub async fn mentors(
    db: &impl ConnectionTrait,
    scope: &Scope,
    filter: &Filter,
    after: Option<&After>,
    limit: u64,
) -> Result<Page<MentorProfile>, DbErr> {
    mentors_of(db, scope, filter, None, after, limit).await
}

/// The mentor `id`, if `scope` admits them.
pub async fn mentor(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: UserId,
) -> Result<Option<Listed<MentorProfile>>, DbErr> {
    Ok(mentors_of(db, scope, &Filter::default(), Some(id), None, 1).await?.people.into_iter().next())
}

async fn mentors_of(
    db: &impl ConnectionTrait,
    scope: &Scope,
    filter: &Filter,
    only: Option<UserId>,
    after: Option<&After>,
    limit: u64,
) -> Result<Page<MentorProfile>, DbErr> {
    let rows = people(db, Kind::Mentor, scope, filter, only, after, limit).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let profiles: HashMap<Uuid, mentor_profiles::Model> = mentor_profiles::Entity::find()
        .filter(mentor_profiles::Column::UserId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.user_id, p))
        .collect();
    let mut terms = terms_of(db, &ids).await?;
    page(rows, limit, |id| {
        let row = profiles.get(&id)?;
        let mut list = |field: &str| terms.remove(&(id, field.to_owned())).unwrap_or_default();
        Some(MentorProfile {
            headline: row.headline.clone(),
            bio: row.bio.clone(),
            expertise: list("expertise"),
            sectors: list("sectors"),
            region: row.region.clone(),
            meeting: MeetingMode::parse(&row.meeting).unwrap_or_default(),
            languages: list("languages"),
            capacity: u8::try_from(row.capacity).unwrap_or(1),
            available: row.available,
            peer_mentor: row.peer_mentor,
            mentors_ngos: row.mentors_ngos,
            contact: ContactChoice {
                share_email: row.share_email,
                share_phone: row.share_phone,
                phone: row.phone.clone(),
            },
        })
    })
}

/// A page of founders that `scope` admits and `filter` matches, in name order.
pub async fn founders(
    db: &impl ConnectionTrait,
    scope: &Scope,
    filter: &Filter,
    after: Option<&After>,
    limit: u64,
) -> Result<Page<FounderProfile>, DbErr> {
    founders_of(db, scope, filter, None, after, limit).await
}

/// The founder `id`, if `scope` admits them.
pub async fn founder(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: UserId,
) -> Result<Option<Listed<FounderProfile>>, DbErr> {
    Ok(founders_of(db, scope, &Filter::default(), Some(id), None, 1).await?.people.into_iter().next())
}

async fn founders_of(
    db: &impl ConnectionTrait,
    scope: &Scope,
    filter: &Filter,
    only: Option<UserId>,
    after: Option<&After>,
    limit: u64,
) -> Result<Page<FounderProfile>, DbErr> {
    let rows = people(db, Kind::Founder, scope, filter, only, after, limit).await?;
    with_founder_profiles(db, rows, limit, false).await
}

/// The founders `ids` with their profiles, listed or not and empty for a founder who has not
/// written one, whoever asks (the service decides who may see them): three statements whatever
/// their number; ids of anyone else are left out.
pub async fn founders_by_id(db: &impl ConnectionTrait, ids: &[UserId]) -> Result<Vec<Listed<FounderProfile>>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = users::Entity::find()
        .filter(users::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .filter(users::Column::Role.eq(Role::Founder.as_str()))
        .all(db)
        .await?;
    let limit = rows.len() as u64;
    Ok(with_founder_profiles(db, rows, limit, true).await?.people)
}

/// `rows` (at most `limit` kept) with their founder profiles and terms; a founder without a
/// profile is left out, or kept with an empty one when `empty_when_missing`.
async fn with_founder_profiles(
    db: &impl ConnectionTrait,
    rows: Vec<users::Model>,
    limit: u64,
    empty_when_missing: bool,
) -> Result<Page<FounderProfile>, DbErr> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let profiles: HashMap<Uuid, founder_profiles::Model> = founder_profiles::Entity::find()
        .filter(founder_profiles::Column::UserId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.user_id, p))
        .collect();
    let mut terms = terms_of(db, &ids).await?;
    page(rows, limit, |id| {
        let Some(row) = profiles.get(&id) else {
            return empty_when_missing.then(FounderProfile::default);
        };
        let mut list = |field: &str| terms.remove(&(id, field.to_owned())).unwrap_or_default();
        Some(FounderProfile {
            headline: row.headline.clone(),
            business_idea: row.business_idea.clone(),
            stage: Stage::parse(&row.stage).unwrap_or_default(),
            needs: list("needs"),
            skills: row.skills.clone(),
            sectors: list("sectors"),
            region: row.region.clone(),
            languages: list("languages"),
            seeking_mentor: row.seeking_mentor,
            wants_peer_mentor: row.wants_peer_mentor,
            listed: row.listed,
            contact: ContactChoice {
                share_email: row.share_email,
                share_phone: row.share_phone,
                phone: row.phone.clone(),
            },
        })
    })
}

/// The users of `kind` admitted and matching, after `after`, at most `limit + 1` of them.
async fn people(
    db: &impl ConnectionTrait,
    kind: Kind,
    scope: &Scope,
    filter: &Filter,
    only: Option<UserId>,
    after: Option<&After>,
    limit: u64,
) -> Result<Vec<users::Model>, DbErr> {
    let mut query = users::Entity::find().filter(condition(kind, scope, filter));
    if let Some(id) = only {
        query = query.filter(users::Column::Id.eq(id.0));
    }
    if let Some((name, id)) = after {
        query =
            query.filter(Condition::any().add(users::Column::DisplayName.gt(name.as_str())).add(
                Condition::all().add(users::Column::DisplayName.eq(name.as_str())).add(users::Column::Id.gt(*id)),
            ));
    }
    query.order_by_asc(users::Column::DisplayName).order_by_asc(users::Column::Id).limit(limit + 1).all(db).await
}

/// Every term row of `ids`, by person and list, in each person's order.
async fn terms_of(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<HashMap<(Uuid, String), Vec<String>>, DbErr> {
    let rows = profile_terms::Entity::find()
        .filter(profile_terms::Column::UserId.is_in(ids.to_vec()))
        .order_by_asc(profile_terms::Column::Position)
        .all(db)
        .await?;
    let mut lists: HashMap<(Uuid, String), Vec<String>> = HashMap::new();
    for row in rows {
        lists.entry((row.user_id, row.field)).or_default().push(row.code);
    }
    Ok(lists)
}

/// `rows` (at most `limit` of them kept) with their profiles; people whose profile vanished
/// meanwhile are left out.
fn page<P>(
    mut rows: Vec<users::Model>,
    limit: u64,
    mut profile: impl FnMut(Uuid) -> Option<P>,
) -> Result<Page<P>, DbErr> {
    let has_more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let people = rows
        .into_iter()
        .filter_map(|row| {
            let profile = profile(row.id)?;
            Some(Listed {
                id: UserId(row.id),
                display_name: row.display_name,
                email: row.email,
                standing: Standing::parse(&row.standing).unwrap_or(Standing::Pending),
                disabled: row.status != "active",
                profile,
            })
        })
        .collect();
    Ok(Page { people, has_more })
}

/// The people with these ids as the policy needs to know them, with their names; unknown ids
/// are left out. Three statements whatever their number.
pub async fn persons(db: &impl ConnectionTrait, ids: &[UserId]) -> Result<Vec<(Person, String)>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let wanted: Vec<Uuid> = ids.iter().map(|id| id.0).collect();
    let accounts = users::Entity::find().filter(users::Column::Id.is_in(wanted.clone())).all(db).await?;
    let founders_listed: HashMap<Uuid, bool> = founder_profiles::Entity::find()
        .filter(founder_profiles::Column::UserId.is_in(wanted.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.user_id, p.listed))
        .collect();
    let mentors_available: HashMap<Uuid, bool> = mentor_profiles::Entity::find()
        .filter(mentor_profiles::Column::UserId.is_in(wanted))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.user_id, p.available))
        .collect();
    accounts
        .into_iter()
        .map(|row| {
            let stored = super::users::from_model(row)?;
            let account = stored.account;
            let listed = match account.role {
                Role::Founder => founders_listed.get(&account.id.0).copied().unwrap_or(false),
                Role::Mentor => mentors_available.get(&account.id.0).copied().unwrap_or(false),
                Role::Enterprise | Role::Staff | Role::Admin => true,
            };
            let person = Person {
                id: account.id,
                role: account.role,
                standing: account.standing,
                disabled: stored.disabled,
                listed,
            };
            Ok((person, account.display_name))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::db::repos::like_pattern;

    #[test]
    fn free_text_matches_anywhere_and_its_wildcards_are_plain_letters() {
        assert_eq!(like_pattern("  Grāmatvede "), Some("%grāmatvede%".to_owned()));
        assert_eq!(like_pattern("100%_"), Some("%100%".to_owned()));
        assert_eq!(like_pattern("   "), None);
    }
}
