//! Opportunities as stored: the row, its languages and sectors, and its type's fields as one
//! JSON text the domain checked before it was written. Steps are conditional updates on the
//! status, so two at once never both succeed.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::db::entities::{opportunities, opportunity_terms};
use crate::domain::{
    UserId,
    opportunity::{Details, Opportunity, OpportunityKind, OpportunityStatus},
};

/// An opportunity with its life so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its id.
    pub id: Uuid,
    /// The organisation that posted it.
    pub organisation: Uuid,
    /// The representative who wrote it.
    pub created_by: Option<UserId>,
    /// Where it stands.
    pub status: OpportunityStatus,
    /// What it says.
    pub opportunity: Opportunity,
    /// Staff's reason for not publishing it (for the organisation).
    pub reject_reason: Option<String>,
    /// When it was written first.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When it was last sent to staff.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When staff published it.
    pub published_at: Option<DateTime<Utc>>,
    /// When it closed.
    pub closed_at: Option<DateTime<Utc>>,
}

/// `details` as stored.
fn details_json(details: &Details) -> Value {
    let date = |d: &NaiveDate| d.format("%Y-%m-%d").to_string();
    match details {
        Details::FirstJob { hours_per_week, pay, wage_subsidy } => {
            json!({ "hours": hours_per_week, "pay": pay.map(|(a, b)| [a, b]), "subsidy": wage_subsidy })
        }
        Details::Job { hours_per_week, pay } => json!({ "hours": hours_per_week, "pay": pay.map(|(a, b)| [a, b]) }),
        Details::Apprenticeship { duration_weeks, hours_per_week } => {
            json!({ "weeks": duration_weeks, "hours": hours_per_week })
        }
        Details::Volunteering { hours_per_week } => json!({ "hours": hours_per_week }),
        Details::Subcontracting | Details::CoFounder => json!({}),
        Details::Premises { area_m2, terms } => json!({ "area": area_m2, "terms": terms }),
        Details::Equipment { items } => json!({ "items": items }),
        Details::HalfwayHouse { capacity, available_from, available_until } => json!({
            "capacity": capacity, "from": date(available_from), "until": available_until.as_ref().map(date)
        }),
    }
}

/// The details of `kind` stored as `text`; `None` when they do not read as that kind's.
fn details_of(kind: OpportunityKind, text: &str) -> Option<Details> {
    let v: Value = serde_json::from_str(text).ok()?;
    let small = |key: &str| v.get(key).and_then(Value::as_u64);
    let hours = || small("hours").and_then(|h| u8::try_from(h).ok());
    let pay = || {
        let pair = v.get("pay")?.as_array()?;
        Some((u32::try_from(pair.first()?.as_u64()?).ok()?, u32::try_from(pair.get(1)?.as_u64()?).ok()?))
    };
    let date =
        |key: &str| v.get(key).and_then(Value::as_str).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    Some(match kind {
        OpportunityKind::FirstJob => Details::FirstJob {
            hours_per_week: hours(),
            pay: pay(),
            wage_subsidy: v.get("subsidy").and_then(Value::as_bool).unwrap_or(false),
        },
        OpportunityKind::Job => Details::Job { hours_per_week: hours(), pay: pay() },
        OpportunityKind::Apprenticeship => {
            Details::Apprenticeship { duration_weeks: u16::try_from(small("weeks")?).ok()?, hours_per_week: hours() }
        }
        OpportunityKind::Volunteering => Details::Volunteering { hours_per_week: hours() },
        OpportunityKind::Subcontracting => Details::Subcontracting,
        OpportunityKind::CoFounder => Details::CoFounder,
        OpportunityKind::Premises => Details::Premises {
            area_m2: u32::try_from(small("area")?).ok()?,
            terms: v.get("terms")?.as_str()?.to_owned(),
        },
        OpportunityKind::Equipment => Details::Equipment {
            items: v.get("items")?.as_array()?.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect(),
        },
        OpportunityKind::HalfwayHouse => Details::HalfwayHouse {
            capacity: u16::try_from(small("capacity")?).ok()?,
            available_from: date("from")?,
            available_until: date("until"),
        },
    })
}

fn search_text(o: &Opportunity) -> String {
    super::search_text(&[&o.title, &o.description])
}

/// Replaces the languages and sectors of opportunity `id` with `o`'s.
async fn write_terms(db: &impl ConnectionTrait, id: Uuid, o: &Opportunity) -> Result<(), DbErr> {
    opportunity_terms::Entity::delete_many().filter(opportunity_terms::Column::OpportunityId.eq(id)).exec(db).await?;
    let rows: Vec<opportunity_terms::ActiveModel> = [("languages", &o.languages), ("sectors", &o.sectors)]
        .into_iter()
        .flat_map(|(field, codes)| {
            codes.iter().enumerate().map(move |(position, code)| opportunity_terms::ActiveModel {
                opportunity_id: Set(id),
                field: Set(field.to_owned()),
                code: Set(code.clone()),
                position: Set(i16::try_from(position).unwrap_or(i16::MAX)),
            })
        })
        .collect();
    if !rows.is_empty() {
        opportunity_terms::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// Stores `o` as a draft of `organisation`, written by `by`; its id.
pub async fn insert(
    db: &impl ConnectionTrait,
    organisation: Uuid,
    by: UserId,
    o: &Opportunity,
    now: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    let id = Uuid::new_v4();
    opportunities::Entity::insert(opportunities::ActiveModel {
        id: Set(id),
        organisation_id: Set(organisation),
        created_by: Set(Some(by.0)),
        kind: Set(o.details.kind().as_str().to_owned()),
        status: Set(OpportunityStatus::Draft.as_str().to_owned()),
        title: Set(o.title.clone()),
        description: Set(o.description.clone()),
        region: Set(o.region.clone()),
        remote: Set(o.remote),
        address: Set(o.address.clone()),
        starts_on: Set(o.starts_on),
        deadline: Set(o.deadline),
        places: Set(i16::try_from(o.places).unwrap_or(i16::MAX)),
        contact_person: Set(o.contact_person.clone()),
        details: Set(details_json(&o.details).to_string()),
        search_text: Set(search_text(o)),
        reject_reason: Set(None),
        reviewed_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_at: Set(None),
        published_at: Set(None),
        closed_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    write_terms(db, id, o).await?;
    Ok(id)
}

/// Replaces what opportunity `id` says with `o`, if it is still `from` (a status the
/// organisation edits in); whether it was.
pub async fn rewrite(
    db: &impl ConnectionTrait,
    id: Uuid,
    from: OpportunityStatus,
    o: &Opportunity,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use opportunities::Column as C;
    let done = opportunities::Entity::update_many()
        .col_expr(C::Kind, Expr::value(o.details.kind().as_str()))
        .col_expr(C::Title, Expr::value(o.title.clone()))
        .col_expr(C::Description, Expr::value(o.description.clone()))
        .col_expr(C::Region, Expr::value(o.region.clone()))
        .col_expr(C::Remote, Expr::value(o.remote))
        .col_expr(C::Address, Expr::value(o.address.clone()))
        .col_expr(C::StartsOn, Expr::value(o.starts_on))
        .col_expr(C::Deadline, Expr::value(o.deadline))
        .col_expr(C::Places, Expr::value(i16::try_from(o.places).unwrap_or(i16::MAX)))
        .col_expr(C::ContactPerson, Expr::value(o.contact_person.clone()))
        .col_expr(C::Details, Expr::value(details_json(&o.details).to_string()))
        .col_expr(C::SearchText, Expr::value(search_text(o)))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq(from.as_str()))
        .exec(db)
        .await?;
    if done.rows_affected != 1 {
        return Ok(false);
    }
    write_terms(db, id, o).await?;
    Ok(true)
}

/// Moves opportunity `id` from `from` to `to` at `now` (with staff's `review`: reason and who);
/// whether it was still at `from`.
pub async fn step(
    db: &impl ConnectionTrait,
    id: Uuid,
    from: OpportunityStatus,
    to: OpportunityStatus,
    review: Option<(Option<String>, UserId)>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use opportunities::Column as C;
    let mut update = opportunities::Entity::update_many()
        .col_expr(C::Status, Expr::value(to.as_str()))
        .col_expr(C::UpdatedAt, Expr::value(now));
    update = match to {
        OpportunityStatus::PendingReview => update.col_expr(C::SubmittedAt, Expr::value(Some(now))),
        OpportunityStatus::Published => update.col_expr(C::PublishedAt, Expr::value(Some(now))),
        OpportunityStatus::Closed => update.col_expr(C::ClosedAt, Expr::value(Some(now))),
        OpportunityStatus::Draft | OpportunityStatus::Rejected => update,
    };
    if let Some((reason, by)) = review {
        update = update.col_expr(C::RejectReason, Expr::value(reason)).col_expr(C::ReviewedBy, Expr::value(Some(by.0)));
    }
    let done = update.filter(C::Id.eq(id)).filter(C::Status.eq(from.as_str())).exec(db).await?;
    Ok(done.rows_affected == 1)
}

/// The opportunities `ids` that exist, with their terms (two statements), any order.
pub async fn find_many(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<Stored>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = opportunities::Entity::find().filter(opportunities::Column::Id.is_in(ids.to_vec())).all(db).await?;
    let mut terms: HashMap<(Uuid, String), Vec<String>> = HashMap::new();
    for t in opportunity_terms::Entity::find()
        .filter(opportunity_terms::Column::OpportunityId.is_in(ids.to_vec()))
        .order_by_asc(opportunity_terms::Column::Position)
        .all(db)
        .await?
    {
        terms.entry((t.opportunity_id, t.field)).or_default().push(t.code);
    }
    rows.into_iter()
        .map(|row| {
            let kind = OpportunityKind::parse(&row.kind)
                .ok_or_else(|| DbErr::Type(format!("unknown opportunity kind {}", row.kind)))?;
            let status = OpportunityStatus::parse(&row.status)
                .ok_or_else(|| DbErr::Type(format!("unknown opportunity status {}", row.status)))?;
            let details = details_of(kind, &row.details)
                .ok_or_else(|| DbErr::Type(format!("opportunity {} has unreadable details", row.id)))?;
            let mut list = |field: &str| terms.remove(&(row.id, field.to_owned())).unwrap_or_default();
            Ok(Stored {
                id: row.id,
                organisation: row.organisation_id,
                created_by: row.created_by.map(UserId),
                status,
                opportunity: Opportunity {
                    title: row.title,
                    description: row.description,
                    region: row.region,
                    remote: row.remote,
                    address: row.address,
                    starts_on: row.starts_on,
                    deadline: row.deadline,
                    places: u16::try_from(row.places).unwrap_or(0),
                    languages: list("languages"),
                    sectors: list("sectors"),
                    contact_person: row.contact_person,
                    details,
                },
                reject_reason: row.reject_reason,
                created_at: row.created_at,
                updated_at: row.updated_at,
                submitted_at: row.submitted_at,
                published_at: row.published_at,
                closed_at: row.closed_at,
            })
        })
        .collect()
}

/// What the published list may be narrowed to; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// One type.
    pub kind: Option<OpportunityKind>,
    /// A region code.
    pub region: Option<String>,
    /// A sector code.
    pub sector: Option<String>,
    /// A language code.
    pub language: Option<String>,
    /// Only those that can be done remotely.
    pub remote: bool,
    /// Words in the title or description (case-insensitive in any alphabet).
    pub text: Option<String>,
}

/// The order of a list, and the key of the row a page continues after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Newest first: after `(published_at, id)`.
    Newest(Option<(DateTime<Utc>, Uuid)>),
    /// Closing soon first: after `(deadline, id)`.
    ClosingSoon(Option<(NaiveDate, Uuid)>),
    /// Staff's queue, oldest submitted first: after `(submitted_at, id)`.
    Submitted(Option<(DateTime<Utc>, Uuid)>),
    /// An organisation's own, last changed first: after `(updated_at, id)`.
    Changed(Option<(DateTime<Utc>, Uuid)>),
}

/// The ids of opportunities with `code` in their list `field`.
fn with_term(field: &str, codes: Vec<String>) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(opportunity_terms::Column::OpportunityId)
        .from(opportunity_terms::Entity)
        .and_where(opportunity_terms::Column::Field.eq(field))
        .and_where(opportunity_terms::Column::Code.is_in(codes))
        .to_owned()
}

/// A page of at most `limit` opportunities in `statuses` (of `organisations` when given) that
/// `filter` matches, none with a sector in `excluded`, in `order`; and whether more follow. Three
/// statements whatever the page size.
pub async fn page(
    db: &impl ConnectionTrait,
    statuses: &[OpportunityStatus],
    organisations: Option<&[Uuid]>,
    filter: &Filter,
    hidden: &Hidden,
    order: Order,
    limit: u64,
) -> Result<(Vec<Stored>, bool), DbErr> {
    use opportunities::Column as C;
    use sea_orm::sea_query::ExprTrait;
    use sea_orm::{Condition, QuerySelect};
    let mut query = opportunities::Entity::find()
        .select_only()
        .column(C::Id)
        .filter(C::Status.is_in(statuses.iter().map(|s| s.as_str())));
    if let Some(organisations) = organisations {
        query = query.filter(C::OrganisationId.is_in(organisations.to_vec()));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(C::Kind.eq(kind.as_str()));
    }
    if let Some(region) = &filter.region {
        query = query.filter(C::Region.eq(region.as_str()));
    }
    if filter.remote {
        query = query.filter(C::Remote.eq(true));
    }
    if let Some(sector) = &filter.sector {
        query = query.filter(C::Id.in_subquery(with_term("sectors", vec![sector.clone()])));
    }
    if let Some(language) = &filter.language {
        query = query.filter(C::Id.in_subquery(with_term("languages", vec![language.clone()])));
    }
    if let Some(pattern) = super::like_pattern(filter.text.as_deref().unwrap_or_default()) {
        query = query.filter(C::SearchText.like(pattern));
    }
    if !hidden.sectors.is_empty() {
        query = query.filter(C::Id.not_in_subquery(with_term("sectors", hidden.sectors.clone())));
    }
    if !hidden.organisations.is_empty() {
        query = query.filter(C::OrganisationId.is_not_in(hidden.organisations.clone()));
    }
    let after = |column: C, id: Uuid, value: sea_orm::Value, ascending: bool| {
        let beyond = if ascending { Expr::col(column).gt(value.clone()) } else { Expr::col(column).lt(value.clone()) };
        let tie = if ascending { C::Id.gt(id) } else { C::Id.lt(id) };
        Condition::any().add(beyond).add(Condition::all().add(Expr::col(column).eq(value)).add(tie))
    };
    query = match order {
        Order::Newest(key) => {
            if let Some((at, id)) = key {
                query = query.filter(after(C::PublishedAt, id, at.into(), false));
            }
            query.order_by_desc(C::PublishedAt).order_by_desc(C::Id)
        }
        Order::ClosingSoon(key) => {
            if let Some((day, id)) = key {
                query = query.filter(after(C::Deadline, id, day.into(), true));
            }
            query.order_by_asc(C::Deadline).order_by_asc(C::Id)
        }
        Order::Submitted(key) => {
            if let Some((at, id)) = key {
                query = query.filter(after(C::SubmittedAt, id, at.into(), true));
            }
            query.order_by_asc(C::SubmittedAt).order_by_asc(C::Id)
        }
        Order::Changed(key) => {
            if let Some((at, id)) = key {
                query = query.filter(after(C::UpdatedAt, id, at.into(), false));
            }
            query.order_by_desc(C::UpdatedAt).order_by_desc(C::Id)
        }
    };
    let mut ids: Vec<Uuid> = query.limit(limit + 1).into_tuple().all(db).await?;
    let more = ids.len() as u64 > limit;
    ids.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let mut found: HashMap<Uuid, Stored> = find_many(db, &ids).await?.into_iter().map(|s| (s.id, s)).collect();
    Ok((ids.iter().filter_map(|id| found.remove(id)).collect(), more))
}

/// The published postings open on `today` that `founder` might be suggested: in `region`, done
/// remotely, or naming one of `sectors` (any, when the founder named neither region nor
/// sectors); none `hidden` from them nor applied to already; the `limit` newest. Three
/// statements.
pub async fn candidates(
    db: &impl ConnectionTrait,
    founder: UserId,
    (region, sectors): (&str, &[String]),
    hidden: &Hidden,
    today: NaiveDate,
    limit: u64,
) -> Result<Vec<Stored>, DbErr> {
    use crate::db::entities::applications;
    use opportunities::Column as C;
    use sea_orm::{Condition, QuerySelect};
    let applied = sea_orm::sea_query::Query::select()
        .column(applications::Column::OpportunityId)
        .from(applications::Entity)
        .and_where(applications::Column::FounderId.eq(founder.0))
        .to_owned();
    let mut query = opportunities::Entity::find()
        .select_only()
        .column(C::Id)
        .filter(C::Status.eq(OpportunityStatus::Published.as_str()))
        .filter(C::Deadline.gte(today))
        .filter(C::Id.not_in_subquery(applied));
    if !region.is_empty() || !sectors.is_empty() {
        let mut near = Condition::any().add(C::Remote.eq(true));
        if !region.is_empty() {
            near = near.add(C::Region.eq(region));
        }
        if !sectors.is_empty() {
            near = near.add(C::Id.in_subquery(with_term("sectors", sectors.to_vec())));
        }
        query = query.filter(near);
    }
    if !hidden.sectors.is_empty() {
        query = query.filter(C::Id.not_in_subquery(with_term("sectors", hidden.sectors.clone())));
    }
    if !hidden.organisations.is_empty() {
        query = query.filter(C::OrganisationId.is_not_in(hidden.organisations.clone()));
    }
    let ids: Vec<Uuid> =
        query.order_by_desc(C::PublishedAt).order_by_desc(C::Id).limit(limit).into_tuple().all(db).await?;
    let mut found: HashMap<Uuid, Stored> = find_many(db, &ids).await?.into_iter().map(|s| (s.id, s)).collect();
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// What a list leaves out, whatever else it matches: for a founder, what their supervision rules
/// out (never said why).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hidden {
    /// Postings naming any of these sectors.
    pub sectors: Vec<String>,
    /// Postings of these organisations.
    pub organisations: Vec<Uuid>,
}

/// The names of organisations `ids` (one statement).
pub async fn organisation_names(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<HashMap<Uuid, String>, DbErr> {
    use crate::db::entities::organisations;
    use sea_orm::QuerySelect;
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

/// Published opportunities whose deadline is before `today`, oldest deadline first, at most
/// `limit`.
pub async fn past_deadline(db: &impl ConnectionTrait, today: NaiveDate, limit: u64) -> Result<Vec<Uuid>, DbErr> {
    use sea_orm::QuerySelect;
    opportunities::Entity::find()
        .select_only()
        .column(opportunities::Column::Id)
        .filter(opportunities::Column::Status.eq(OpportunityStatus::Published.as_str()))
        .filter(opportunities::Column::Deadline.lt(today))
        .order_by_asc(opportunities::Column::Deadline)
        .order_by_asc(opportunities::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await
}

/// The opportunity `id`, whoever asks (the service decides who may see it).
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Stored>, DbErr> {
    Ok(find_many(db, &[id]).await?.into_iter().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_details_reads_back_as_written() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 15).unwrap_or_default();
        let all = [
            Details::FirstJob { hours_per_week: Some(30), pay: Some((800, 950)), wage_subsidy: true },
            Details::Job { hours_per_week: None, pay: None },
            Details::Apprenticeship { duration_weeks: 26, hours_per_week: Some(20) },
            Details::Volunteering { hours_per_week: Some(4) },
            Details::Subcontracting,
            Details::Premises { area_m2: 45, terms: "120 € mēnesī".to_owned() },
            Details::Equipment { items: vec!["Ēvele".to_owned(), "Zāģis".to_owned()] },
            Details::HalfwayHouse { capacity: 6, available_from: day, available_until: None },
            Details::CoFounder,
        ];
        for details in all {
            let text = details_json(&details).to_string();
            assert_eq!(details_of(details.kind(), &text), Some(details.clone()), "{text}");
        }
        assert_eq!(details_of(OpportunityKind::Premises, "{}"), None, "unreadable details are an error");
    }
}
