//! Organisations, the people who act for them, and representatives' invitations. Lists take
//! the viewer's [`OrganisationScope`] and apply it in SQL before ordering and the page limit;
//! a page costs two statements whatever its size (the organisations, their sectors).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::db::entities::{
    organisation_attestations, organisation_members, organisation_sectors, organisations, representative_invitations,
    users,
};
use crate::domain::{
    Standing, UserId,
    organisation::{InvitationStatus, OrganisationKind, OrganisationProfile, OrganisationScope},
};

/// An organisation as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its id.
    pub id: Uuid,
    /// Its profile.
    pub profile: OrganisationProfile,
    /// Its standing with moderation.
    pub standing: Standing,
    /// When it was created: the moderation queue's order.
    pub created_at: DateTime<Utc>,
}

/// What the organisation directory may be narrowed to; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// A region code.
    pub region: Option<String>,
    /// A sector code.
    pub sector: Option<String>,
    /// A kind of organisation.
    pub kind: Option<OrganisationKind>,
    /// Only those that employ or support the target group.
    pub supports_target_group: bool,
    /// Words in the name or description.
    pub text: Option<String>,
}

/// A page of organisations and whether more follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The organisations, by name.
    pub organisations: Vec<Stored>,
    /// Whether more follow.
    pub has_more: bool,
}

/// The key of a page: the name and id of the last organisation on the one before.
pub type After = (String, Uuid);

/// The ids of the organisations `user` acts for.
fn memberships_of(user: Uuid) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(organisation_members::Column::OrganisationId)
        .from(organisation_members::Entity)
        .and_where(organisation_members::Column::UserId.eq(user))
        .to_owned()
}

/// The ids of organisations working in any of `codes`.
fn in_sectors(codes: Vec<String>) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(organisation_sectors::Column::OrganisationId)
        .from(organisation_sectors::Entity)
        .and_where(organisation_sectors::Column::Code.is_in(codes))
        .to_owned()
}

/// The condition `scope` admits.
fn admitted(scope: &OrganisationScope) -> Condition {
    let own = organisations::Column::Id.in_subquery(memberships_of(scope.viewer.0));
    if scope.own_only {
        return Condition::all().add(own);
    }
    if scope.everyone {
        return Condition::all();
    }
    let mut visible = Condition::all().add(organisations::Column::Standing.eq(Standing::Approved.as_str()));
    if !scope.excluded_sectors.is_empty() {
        visible = visible.add(organisations::Column::Id.not_in_subquery(in_sectors(scope.excluded_sectors.clone())));
    }
    Condition::any().add(own).add(visible)
}

/// The condition `filter` asks for.
fn matching(filter: &Filter) -> Condition {
    let mut condition = Condition::all();
    if let Some(region) = &filter.region {
        condition = condition.add(organisations::Column::Region.eq(region.as_str()));
    }
    if let Some(sector) = &filter.sector {
        condition = condition.add(organisations::Column::Id.in_subquery(in_sectors(vec![sector.clone()])));
    }
    if let Some(kind) = filter.kind {
        condition = condition.add(organisations::Column::Kind.eq(kind.as_str()));
    }
    if filter.supports_target_group {
        // By its own word, or because VPD found it employs people from the target group.
        let attested = Query::select()
            .column(organisation_attestations::Column::OrganisationId)
            .from(organisation_attestations::Entity)
            .and_where(organisation_attestations::Column::EmployedCount.gt(0))
            .to_owned();
        condition = condition.add(
            Condition::any()
                .add(organisations::Column::SupportsTargetGroup.eq(true))
                .add(organisations::Column::Id.in_subquery(attested)),
        );
    }
    if let Some(pattern) = super::like_pattern(filter.text.as_deref().unwrap_or_default()) {
        condition = condition.add(organisations::Column::SearchText.like(pattern));
    }
    condition
}

/// A page of the organisations `scope` admits and `filter` matches, by name.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &OrganisationScope,
    filter: &Filter,
    after: Option<&After>,
    limit: u64,
) -> Result<Page, DbErr> {
    let mut query = organisations::Entity::find().filter(admitted(scope)).filter(matching(filter));
    if let Some((name, id)) = after {
        query = query.filter(Condition::any().add(organisations::Column::Name.gt(name.as_str())).add(
            Condition::all().add(organisations::Column::Name.eq(name.as_str())).add(organisations::Column::Id.gt(*id)),
        ));
    }
    let mut rows = query
        .order_by_asc(organisations::Column::Name)
        .order_by_asc(organisations::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let has_more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(Page { organisations: with_sectors(db, rows).await?, has_more })
}

/// The organisation `id`, if `scope` admits it.
pub async fn find(db: &impl ConnectionTrait, scope: &OrganisationScope, id: Uuid) -> Result<Option<Stored>, DbErr> {
    let rows =
        organisations::Entity::find().filter(organisations::Column::Id.eq(id)).filter(admitted(scope)).all(db).await?;
    Ok(with_sectors(db, rows).await?.into_iter().next())
}

/// The organisation `id`, whatever its standing (for moderation).
pub async fn find_any(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Stored>, DbErr> {
    let rows = organisations::Entity::find().filter(organisations::Column::Id.eq(id)).all(db).await?;
    Ok(with_sectors(db, rows).await?.into_iter().next())
}

/// The organisations `user` acts for, by name.
pub async fn of_member(db: &impl ConnectionTrait, user: UserId) -> Result<Vec<Stored>, DbErr> {
    let rows = organisations::Entity::find()
        .filter(organisations::Column::Id.in_subquery(memberships_of(user.0)))
        .order_by_asc(organisations::Column::Name)
        .order_by_asc(organisations::Column::Id)
        .all(db)
        .await?;
    with_sectors(db, rows).await
}

/// `rows` with their sectors, in one statement.
async fn with_sectors(db: &impl ConnectionTrait, rows: Vec<organisations::Model>) -> Result<Vec<Stored>, DbErr> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut sectors: HashMap<Uuid, Vec<String>> = HashMap::new();
    for row in organisation_sectors::Entity::find()
        .filter(organisation_sectors::Column::OrganisationId.is_in(ids))
        .order_by_asc(organisation_sectors::Column::Position)
        .all(db)
        .await?
    {
        sectors.entry(row.organisation_id).or_default().push(row.code);
    }
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            // A kind or standing this version does not know is shown to nobody, rather than
            // shown as something it may not be.
            let (Some(standing), Some(kind)) = (Standing::parse(&row.standing), OrganisationKind::parse(&row.kind))
            else {
                tracing::warn!(organisation.id = %row.id, "organisation with an unknown kind or standing left out");
                return None;
            };
            Some(Stored {
                id: row.id,
                standing,
                created_at: row.created_at,
                profile: OrganisationProfile {
                    sectors: sectors.remove(&row.id).unwrap_or_default(),
                    name: row.name,
                    registration_number: row.registration_number,
                    kind,
                    social_enterprise: row.social_enterprise,
                    region: row.region,
                    website: row.website,
                    description: row.description,
                    supports_target_group: row.supports_target_group,
                },
            })
        })
        .collect())
}

/// Whether any organisation, whatever its standing, has `number` (for the demo data only).
pub async fn any_with_number(db: &impl ConnectionTrait, number: &str) -> Result<bool, DbErr> {
    let found = organisations::Entity::find().filter(organisations::Column::RegistrationNumber.eq(number));
    Ok(found.one(db).await?.is_some())
}

/// Whether an approved organisation other than `except` has `number`. Only approved ones
/// count: a number waiting for approval holds nothing, and tells nobody it waits.
pub async fn registration_taken(db: &impl ConnectionTrait, number: &str, except: Option<Uuid>) -> Result<bool, DbErr> {
    let mut query = organisations::Entity::find()
        .filter(organisations::Column::RegistrationNumber.eq(number))
        .filter(organisations::Column::Standing.eq(Standing::Approved.as_str()));
    if let Some(id) = except {
        query = query.filter(organisations::Column::Id.ne(id));
    }
    Ok(query.one(db).await?.is_some())
}

fn search_text(p: &OrganisationProfile) -> String {
    super::search_text(&[&p.name, &p.description])
}

/// Stores a new organisation (waiting for approval) with `creator` as its first representative.
pub async fn insert(
    db: &impl ConnectionTrait,
    id: Uuid,
    profile: &OrganisationProfile,
    creator: UserId,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    organisations::Entity::insert(organisations::ActiveModel {
        id: Set(id),
        name: Set(profile.name.clone()),
        registration_number: Set(profile.registration_number.clone()),
        kind: Set(profile.kind.as_str().to_owned()),
        social_enterprise: Set(profile.social_enterprise),
        region: Set(profile.region.clone()),
        website: Set(profile.website.clone()),
        description: Set(profile.description.clone()),
        supports_target_group: Set(profile.supports_target_group),
        standing: Set(Standing::Pending.as_str().to_owned()),
        search_text: Set(search_text(profile)),
        created_by: Set(Some(creator.0)),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    replace_sectors(db, id, &profile.sectors).await?;
    add_member(db, id, creator, now).await
}

/// Saves `profile` as organisation `id`'s.
pub async fn update(
    db: &impl ConnectionTrait,
    id: Uuid,
    profile: &OrganisationProfile,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    organisations::Entity::update_many()
        .col_expr(organisations::Column::Name, Expr::value(profile.name.clone()))
        .col_expr(organisations::Column::RegistrationNumber, Expr::value(profile.registration_number.clone()))
        .col_expr(organisations::Column::Kind, Expr::value(profile.kind.as_str()))
        .col_expr(organisations::Column::SocialEnterprise, Expr::value(profile.social_enterprise))
        .col_expr(organisations::Column::Region, Expr::value(profile.region.clone()))
        .col_expr(organisations::Column::Website, Expr::value(profile.website.clone()))
        .col_expr(organisations::Column::Description, Expr::value(profile.description.clone()))
        .col_expr(organisations::Column::SupportsTargetGroup, Expr::value(profile.supports_target_group))
        .col_expr(organisations::Column::SearchText, Expr::value(search_text(profile)))
        .col_expr(organisations::Column::UpdatedAt, Expr::value(now))
        .filter(organisations::Column::Id.eq(id))
        .exec(db)
        .await?;
    replace_sectors(db, id, &profile.sectors).await
}

async fn replace_sectors(db: &impl ConnectionTrait, id: Uuid, sectors: &[String]) -> Result<(), DbErr> {
    organisation_sectors::Entity::delete_many()
        .filter(organisation_sectors::Column::OrganisationId.eq(id))
        .exec(db)
        .await?;
    if sectors.is_empty() {
        return Ok(());
    }
    let rows = sectors.iter().enumerate().map(|(n, code)| organisation_sectors::ActiveModel {
        organisation_id: Set(id),
        code: Set(code.clone()),
        position: Set(i16::try_from(n).unwrap_or(i16::MAX)),
    });
    organisation_sectors::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

/// Moves organisation `id` from `from` to `to`; `false` when its standing was no longer `from`.
pub async fn set_standing(
    db: &impl ConnectionTrait,
    id: Uuid,
    from: Standing,
    to: Standing,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = organisations::Entity::update_many()
        .col_expr(organisations::Column::Standing, Expr::value(to.as_str()))
        .col_expr(organisations::Column::UpdatedAt, Expr::value(now))
        .filter(organisations::Column::Id.eq(id))
        .filter(organisations::Column::Standing.eq(from.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Organisations waiting for approval, oldest first, after `after`: at most `limit`.
pub async fn pending(
    db: &impl ConnectionTrait,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: u64,
) -> Result<Vec<Stored>, DbErr> {
    let mut query =
        organisations::Entity::find().filter(organisations::Column::Standing.eq(Standing::Pending.as_str()));
    if let Some((since, id)) = after {
        query = query.filter(Condition::any().add(organisations::Column::CreatedAt.gt(since)).add(
            Condition::all().add(organisations::Column::CreatedAt.eq(since)).add(organisations::Column::Id.gt(id)),
        ));
    }
    let rows = query
        .order_by_asc(organisations::Column::CreatedAt)
        .order_by_asc(organisations::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    with_sectors(db, rows).await
}

/// Adds `user` to the people who act for organisation `id` (nothing if they already do).
pub async fn add_member(db: &impl ConnectionTrait, id: Uuid, user: UserId, now: DateTime<Utc>) -> Result<(), DbErr> {
    let row =
        organisation_members::ActiveModel { organisation_id: Set(id), user_id: Set(user.0), created_at: Set(now) };
    organisation_members::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                organisation_members::Column::OrganisationId,
                organisation_members::Column::UserId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Stops `user` acting for organisation `id`.
pub async fn remove_member(db: &impl ConnectionTrait, id: Uuid, user: UserId) -> Result<(), DbErr> {
    organisation_members::Entity::delete_by_id((id, user.0)).exec(db).await?;
    Ok(())
}

/// Whether `user` acts for an approved organisation.
pub async fn represents_approved(db: &impl ConnectionTrait, user: UserId) -> Result<bool, DbErr> {
    let found = organisations::Entity::find()
        .filter(organisations::Column::Id.in_subquery(memberships_of(user.0)))
        .filter(organisations::Column::Standing.eq(Standing::Approved.as_str()));
    Ok(found.one(db).await?.is_some())
}

/// Whether `user` acts for organisation `id`.
pub async fn is_member(db: &impl ConnectionTrait, id: Uuid, user: UserId) -> Result<bool, DbErr> {
    Ok(organisation_members::Entity::find_by_id((id, user.0)).one(db).await?.is_some())
}

/// VPD staff's latest check of how many people from the target group an organisation employs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attestation {
    /// How many.
    pub employed: u32,
    /// When staff checked.
    pub verified_on: chrono::NaiveDate,
}

/// Stores `attestation` as organisation `id`'s latest, checked by `by`.
pub async fn attest(
    db: &impl ConnectionTrait,
    id: Uuid,
    attestation: Attestation,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use organisation_attestations::Column as C;
    let row = organisation_attestations::ActiveModel {
        organisation_id: Set(id),
        employed_count: Set(i32::try_from(attestation.employed).unwrap_or(i32::MAX)),
        verified_on: Set(attestation.verified_on),
        verified_by: Set(Some(by.0)),
        updated_at: Set(now),
    };
    organisation_attestations::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(C::OrganisationId)
                .update_columns([C::EmployedCount, C::VerifiedOn, C::VerifiedBy, C::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The attestations of organisations `ids` (one statement).
pub async fn attestations(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<HashMap<Uuid, Attestation>, DbErr> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(organisation_attestations::Entity::find()
        .filter(organisation_attestations::Column::OrganisationId.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let employed = u32::try_from(row.employed_count).unwrap_or(0);
            (row.organisation_id, Attestation { employed, verified_on: row.verified_on })
        })
        .collect())
}

/// The organisations any of `users` acts for (one statement; none for no users).
pub async fn organisations_of(db: &impl ConnectionTrait, users: &[UserId]) -> Result<Vec<Uuid>, DbErr> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids: Vec<Uuid> = organisation_members::Entity::find()
        .select_only()
        .column(organisation_members::Column::OrganisationId)
        .filter(organisation_members::Column::UserId.is_in(users.iter().map(|u| u.0)))
        .into_tuple()
        .all(db)
        .await?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The sign-in addresses of the people who act for organisation `id`.
pub async fn member_emails(db: &impl ConnectionTrait, id: Uuid) -> Result<Vec<String>, DbErr> {
    organisation_members::Entity::find()
        .select_only()
        .column(users::Column::Email)
        .join(
            sea_orm::JoinType::InnerJoin,
            organisation_members::Entity::belongs_to(users::Entity)
                .from(organisation_members::Column::UserId)
                .to(users::Column::Id)
                .into(),
        )
        .filter(organisation_members::Column::OrganisationId.eq(id))
        .into_tuple()
        .all(db)
        .await
}

/// The people who act for each of `ids`, with their names, by name.
pub async fn members(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<(Uuid, UserId, String)>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(Uuid, Uuid, String)> = organisation_members::Entity::find()
        .select_only()
        .column(organisation_members::Column::OrganisationId)
        .column(organisation_members::Column::UserId)
        .column_as(users::Column::DisplayName, "display_name")
        .join(
            sea_orm::JoinType::InnerJoin,
            organisation_members::Entity::belongs_to(users::Entity)
                .from(organisation_members::Column::UserId)
                .to(users::Column::Id)
                .into(),
        )
        .filter(organisation_members::Column::OrganisationId.is_in(ids.to_vec()))
        .order_by_asc(users::Column::DisplayName)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(org, user, name)| (org, UserId(user), name)).collect())
}

/// A representative's invitation of someone else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// Its id (the moderation subject).
    pub id: Uuid,
    /// The organisation.
    pub organisation: Uuid,
    /// The invited address, lower-cased.
    pub email: String,
    /// Who invited.
    pub invited_by: Option<UserId>,
    /// Where it stands.
    pub status: InvitationStatus,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

fn invitation(row: representative_invitations::Model) -> Invitation {
    Invitation {
        id: row.id,
        organisation: row.organisation_id,
        email: row.email,
        invited_by: row.invited_by.map(UserId),
        status: InvitationStatus::parse(&row.status).unwrap_or(InvitationStatus::Rejected),
        created_at: row.created_at,
    }
}

/// Stores a pending invitation of `email` to act for `organisation`.
pub async fn invite(
    db: &impl ConnectionTrait,
    id: Uuid,
    organisation: Uuid,
    email: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    representative_invitations::Entity::insert(representative_invitations::ActiveModel {
        id: Set(id),
        organisation_id: Set(organisation),
        email: Set(email.to_owned()),
        invited_by: Set(Some(by.0)),
        status: Set(InvitationStatus::Pending.as_str().to_owned()),
        created_at: Set(now),
        decided_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Whether `email` already has a pending or approved invitation to `organisation`.
pub async fn invitation_open(db: &impl ConnectionTrait, organisation: Uuid, email: &str) -> Result<bool, DbErr> {
    Ok(representative_invitations::Entity::find()
        .filter(representative_invitations::Column::OrganisationId.eq(organisation))
        .filter(representative_invitations::Column::Email.eq(email))
        .filter(
            representative_invitations::Column::Status
                .is_in([InvitationStatus::Pending.as_str(), InvitationStatus::Approved.as_str()]),
        )
        .one(db)
        .await?
        .is_some())
}

/// The invitation `id`.
pub async fn find_invitation(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Invitation>, DbErr> {
    Ok(representative_invitations::Entity::find_by_id(id).one(db).await?.map(invitation))
}

/// The invitations to each of `ids`, newest first.
pub async fn invitations_to(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<Invitation>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = representative_invitations::Entity::find()
        .filter(representative_invitations::Column::OrganisationId.is_in(ids.to_vec()))
        .order_by_desc(representative_invitations::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(invitation).collect())
}

/// Invitations waiting for staff, oldest first, after `after`: at most `limit`.
pub async fn pending_invitations(
    db: &impl ConnectionTrait,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: u64,
) -> Result<Vec<Invitation>, DbErr> {
    use representative_invitations::Column as C;
    let mut query = representative_invitations::Entity::find().filter(C::Status.eq(InvitationStatus::Pending.as_str()));
    if let Some((since, id)) = after {
        query = query.filter(
            Condition::any()
                .add(C::CreatedAt.gt(since))
                .add(Condition::all().add(C::CreatedAt.eq(since)).add(C::Id.gt(id))),
        );
    }
    let rows = query.order_by_asc(C::CreatedAt).order_by_asc(C::Id).limit(limit).all(db).await?;
    Ok(rows.into_iter().map(invitation).collect())
}

/// The names of organisations `ids`.
pub async fn names(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<HashMap<Uuid, String>, DbErr> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, String)> = organisations::Entity::find()
        .select_only()
        .column(organisations::Column::Id)
        .column(organisations::Column::Name)
        .filter(organisations::Column::Id.is_in(ids.to_vec()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Moves invitation `id` from `from` to `to`; `false` when it no longer stood at `from`.
pub async fn set_invitation_status(
    db: &impl ConnectionTrait,
    id: Uuid,
    from: InvitationStatus,
    to: InvitationStatus,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = representative_invitations::Entity::update_many()
        .col_expr(representative_invitations::Column::Status, Expr::value(to.as_str()))
        .col_expr(representative_invitations::Column::DecidedAt, Expr::value(now))
        .filter(representative_invitations::Column::Id.eq(id))
        .filter(representative_invitations::Column::Status.eq(from.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Approved invitations of `email` not yet taken up.
pub async fn approved_for(db: &impl ConnectionTrait, email: &str) -> Result<Vec<Invitation>, DbErr> {
    let rows = representative_invitations::Entity::find()
        .filter(representative_invitations::Column::Email.eq(email))
        .filter(representative_invitations::Column::Status.eq(InvitationStatus::Approved.as_str()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(invitation).collect())
}
