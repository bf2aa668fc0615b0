//! Opportunities that organisations post (DESIGN sections 2 item 5 and 5): what each type holds,
//! what a posting must say, and its life.
//!
//! ```text
//! DRAFT ──organisation submits──▶ PENDING_REVIEW ──staff publish──▶ PUBLISHED ──▶ CLOSED
//!   ▲                                   └──staff reject (a reason)──▶ REJECTED     (by the
//!   └──────────── the organisation edits and submits again ◀────────────┘      organisation, or
//!                                                                             at the deadline)
//! ```
//!
//! Only drafts and rejected postings are edited; a published one is closed and posted anew.
//! Each type has its own fields (hours and pay for jobs, a wage subsidy for transitional jobs,
//! weeks for apprenticeships, area and terms for premises, items for equipment, places and dates
//! for housing); a field of another type is refused, so a form shows exactly its type's fields.

use chrono::NaiveDate;

use super::{Taxonomies, TaxonomyKind};

/// What an opportunity offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OpportunityKind {
    /// A first job or transitional employment, possibly with a wage subsidy.
    FirstJob,
    /// A regular job.
    Job,
    /// An apprenticeship.
    Apprenticeship,
    /// Volunteering.
    Volunteering,
    /// A subcontract for a new business.
    Subcontracting,
    /// Premises to rent or use.
    Premises,
    /// Equipment to lend or give.
    Equipment,
    /// A place in a halfway house.
    HalfwayHouse,
    /// A co-founder wanted.
    CoFounder,
}

impl OpportunityKind {
    /// Every kind, in the order a form offers them.
    pub const ALL: [OpportunityKind; 9] = [
        OpportunityKind::FirstJob,
        OpportunityKind::Job,
        OpportunityKind::Apprenticeship,
        OpportunityKind::Volunteering,
        OpportunityKind::Subcontracting,
        OpportunityKind::Premises,
        OpportunityKind::Equipment,
        OpportunityKind::HalfwayHouse,
        OpportunityKind::CoFounder,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            OpportunityKind::FirstJob => "first_job",
            OpportunityKind::Job => "job",
            OpportunityKind::Apprenticeship => "apprenticeship",
            OpportunityKind::Volunteering => "volunteering",
            OpportunityKind::Subcontracting => "subcontracting",
            OpportunityKind::Premises => "premises",
            OpportunityKind::Equipment => "equipment",
            OpportunityKind::HalfwayHouse => "halfway_house",
            OpportunityKind::CoFounder => "co_founder",
        }
    }

    /// The kind stored as `name`; `None` for anything else.
    pub fn parse(name: &str) -> Option<OpportunityKind> {
        OpportunityKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The type-specific fields this kind has.
    pub fn fields(self) -> &'static [DetailField] {
        use DetailField as D;
        match self {
            OpportunityKind::FirstJob => &[D::HoursPerWeek, D::PayMin, D::PayMax, D::WageSubsidy],
            OpportunityKind::Job => &[D::HoursPerWeek, D::PayMin, D::PayMax],
            OpportunityKind::Apprenticeship => &[D::DurationWeeks, D::HoursPerWeek],
            OpportunityKind::Volunteering => &[D::HoursPerWeek],
            OpportunityKind::Subcontracting | OpportunityKind::CoFounder => &[],
            OpportunityKind::Premises => &[D::AreaM2, D::Terms],
            OpportunityKind::Equipment => &[D::Items],
            OpportunityKind::HalfwayHouse => &[D::Capacity, D::AvailableFrom, D::AvailableUntil],
        }
    }
}

/// A type-specific field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DetailField {
    /// Hours a week.
    HoursPerWeek,
    /// The lowest monthly gross pay, in euros.
    PayMin,
    /// The highest monthly gross pay, in euros.
    PayMax,
    /// Whether the State Employment Agency's wage subsidy can apply.
    WageSubsidy,
    /// How many weeks an apprenticeship lasts.
    DurationWeeks,
    /// The premises' area in square metres.
    AreaM2,
    /// The terms of use of premises (rent, conditions).
    Terms,
    /// The pieces of equipment.
    Items,
    /// Beds in a halfway house.
    Capacity,
    /// From when a halfway-house place is free.
    AvailableFrom,
    /// Until when it is free.
    AvailableUntil,
}

impl DetailField {
    /// The argument's name in the API (and the field a form marks).
    pub fn name(self) -> &'static str {
        match self {
            DetailField::HoursPerWeek => "hoursPerWeek",
            DetailField::PayMin => "payMin",
            DetailField::PayMax => "payMax",
            DetailField::WageSubsidy => "wageSubsidy",
            DetailField::DurationWeeks => "durationWeeks",
            DetailField::AreaM2 => "areaM2",
            DetailField::Terms => "terms",
            DetailField::Items => "items",
            DetailField::Capacity => "capacity",
            DetailField::AvailableFrom => "availableFrom",
            DetailField::AvailableUntil => "availableUntil",
        }
    }
}

/// What an organisation writes, every type-specific field optional (those of other types must
/// stay empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpportunityInput {
    /// The type (required).
    pub kind: Option<OpportunityKind>,
    /// A short title.
    pub title: String,
    /// What it is, who it suits, how to apply.
    pub description: String,
    /// A region code.
    pub region: String,
    /// Whether it can be done remotely.
    pub remote: bool,
    /// Where, when not remote only.
    pub address: String,
    /// When it starts.
    pub starts_on: Option<NaiveDate>,
    /// The last day to apply.
    pub deadline: Option<NaiveDate>,
    /// How many people it takes.
    pub places: i64,
    /// Language codes it needs.
    pub languages: Vec<String>,
    /// Sector codes: what it is in (a supervision that rules a sector out hides it).
    pub sectors: Vec<String>,
    /// Who answers questions.
    pub contact_person: String,
    /// Hours a week.
    pub hours_per_week: Option<i64>,
    /// Lowest monthly gross pay, euros.
    pub pay_min: Option<i64>,
    /// Highest monthly gross pay, euros.
    pub pay_max: Option<i64>,
    /// Wage subsidy possible.
    pub wage_subsidy: Option<bool>,
    /// Weeks.
    pub duration_weeks: Option<i64>,
    /// Square metres.
    pub area_m2: Option<i64>,
    /// Terms of use.
    pub terms: Option<String>,
    /// Pieces of equipment.
    pub items: Option<Vec<String>>,
    /// Beds.
    pub capacity: Option<i64>,
    /// Free from.
    pub available_from: Option<NaiveDate>,
    /// Free until.
    pub available_until: Option<NaiveDate>,
}

/// The type-specific part of a valid opportunity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Details {
    /// A first job or transitional employment.
    FirstJob {
        /// Hours a week.
        hours_per_week: Option<u8>,
        /// Monthly gross pay range, euros.
        pay: Option<(u32, u32)>,
        /// Wage subsidy possible.
        wage_subsidy: bool,
    },
    /// A job.
    Job {
        /// Hours a week.
        hours_per_week: Option<u8>,
        /// Monthly gross pay range, euros.
        pay: Option<(u32, u32)>,
    },
    /// An apprenticeship.
    Apprenticeship {
        /// Weeks.
        duration_weeks: u16,
        /// Hours a week.
        hours_per_week: Option<u8>,
    },
    /// Volunteering.
    Volunteering {
        /// Hours a week.
        hours_per_week: Option<u8>,
    },
    /// A subcontract.
    Subcontracting,
    /// Premises.
    Premises {
        /// Square metres.
        area_m2: u32,
        /// Terms of use.
        terms: String,
    },
    /// Equipment.
    Equipment {
        /// The pieces.
        items: Vec<String>,
    },
    /// A halfway house.
    HalfwayHouse {
        /// Beds.
        capacity: u16,
        /// Free from.
        available_from: NaiveDate,
        /// Free until, if it ends.
        available_until: Option<NaiveDate>,
    },
    /// A co-founder wanted.
    CoFounder,
}

impl Details {
    /// The kind these details belong to.
    pub fn kind(&self) -> OpportunityKind {
        match self {
            Details::FirstJob { .. } => OpportunityKind::FirstJob,
            Details::Job { .. } => OpportunityKind::Job,
            Details::Apprenticeship { .. } => OpportunityKind::Apprenticeship,
            Details::Volunteering { .. } => OpportunityKind::Volunteering,
            Details::Subcontracting => OpportunityKind::Subcontracting,
            Details::Premises { .. } => OpportunityKind::Premises,
            Details::Equipment { .. } => OpportunityKind::Equipment,
            Details::HalfwayHouse { .. } => OpportunityKind::HalfwayHouse,
            Details::CoFounder => OpportunityKind::CoFounder,
        }
    }
}

/// A valid opportunity's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opportunity {
    /// A short title.
    pub title: String,
    /// The description.
    pub description: String,
    /// A region code.
    pub region: String,
    /// Remote possible.
    pub remote: bool,
    /// The address (may be empty when remote).
    pub address: String,
    /// Start date.
    pub starts_on: Option<NaiveDate>,
    /// Last day to apply.
    pub deadline: NaiveDate,
    /// People it takes (1–1,000).
    pub places: u16,
    /// Language codes.
    pub languages: Vec<String>,
    /// Sector codes.
    pub sectors: Vec<String>,
    /// Who answers questions.
    pub contact_person: String,
    /// The type and its own fields.
    pub details: Details,
}

/// The longest title, in characters.
pub const TITLE_MAX: usize = 200;
/// The longest description, in characters.
pub const DESCRIPTION_MAX: usize = 10_000;
/// The longest other text (address, contact person, terms, an item), in characters.
pub const TEXT_MAX: usize = 500;
/// The most places, equipment items, languages or sectors.
pub const LIST_MAX: usize = 20;
/// The most places an opportunity offers.
pub const PLACES_MAX: i64 = 1000;
/// The highest monthly pay a posting may name, euros.
pub const PAY_MAX: i64 = 100_000;

/// A field of the input, as the API names it.
pub type Field = &'static str;

/// Why an input is not a valid opportunity: the field and what is wrong with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// Missing.
    #[error("{0} is required")]
    Required(Field),
    /// Longer than allowed.
    #[error("{0} is too long")]
    TooLong(Field),
    /// Out of its range (negative pay, 0 places, min above max).
    #[error("{0} is out of range")]
    OutOfRange(Field),
    /// A date that has passed, or an end before its start.
    #[error("{0} is in the past or before its start")]
    BadDate(Field),
    /// Not a known region, language or sector.
    #[error("{0} is not a known term")]
    UnknownTerm(Field),
    /// A field of another type.
    #[error("{0} does not belong to this type")]
    NotOfThisKind(Field),
}

/// `text` trimmed, required or not, at most `max` characters.
fn text(value: &str, field: Field, max: usize, required: bool) -> Result<String, InputError> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(InputError::Required(field));
    }
    if value.chars().count() > max {
        return Err(InputError::TooLong(field));
    }
    Ok(value.to_owned())
}

/// `value` within `min..=max`.
fn within(value: i64, field: Field, min: i64, max: i64) -> Result<i64, InputError> {
    if (min..=max).contains(&value) { Ok(value) } else { Err(InputError::OutOfRange(field)) }
}

/// `codes` of `kind`, each known, without repeats, at most [`LIST_MAX`].
fn codes(codes: &[String], field: Field, kind: TaxonomyKind, terms: &Taxonomies) -> Result<Vec<String>, InputError> {
    let mut kept: Vec<String> = Vec::with_capacity(codes.len());
    for code in codes {
        if !terms.contains(kind, code) {
            return Err(InputError::UnknownTerm(field));
        }
        if !kept.contains(code) {
            kept.push(code.clone());
        }
    }
    if kept.len() > LIST_MAX {
        return Err(InputError::TooLong(field));
    }
    Ok(kept)
}

impl OpportunityInput {
    /// The opportunity this input describes on `today`, or the first field at fault.
    pub fn validated(&self, today: NaiveDate, terms: &Taxonomies) -> Result<Opportunity, InputError> {
        let kind = self.kind.ok_or(InputError::Required("kind"))?;
        // Fields of another type first: a form that shows the wrong fields is the first thing to fix.
        for (field, given) in self.detail_fields_given() {
            if given && !kind.fields().contains(&field) {
                return Err(InputError::NotOfThisKind(field.name()));
            }
        }
        let title = text(&self.title, "title", TITLE_MAX, true)?;
        let description = text(&self.description, "description", DESCRIPTION_MAX, true)?;
        let region = match self.region.trim() {
            "" => return Err(InputError::Required("region")),
            code if terms.contains(TaxonomyKind::Region, code) => code.to_owned(),
            _ => return Err(InputError::UnknownTerm("region")),
        };
        let address = text(&self.address, "address", TEXT_MAX, !self.remote)?;
        let deadline = self.deadline.ok_or(InputError::Required("deadline"))?;
        if deadline < today {
            return Err(InputError::BadDate("deadline"));
        }
        if self.starts_on.is_some_and(|start| start < today) {
            return Err(InputError::BadDate("startsOn"));
        }
        let places = u16::try_from(within(self.places, "places", 1, PLACES_MAX)?).unwrap_or(u16::MAX);
        let languages = codes(&self.languages, "languages", TaxonomyKind::Language, terms)?;
        if languages.is_empty() {
            return Err(InputError::Required("languages"));
        }
        let sectors = codes(&self.sectors, "sectors", TaxonomyKind::Sector, terms)?;
        if sectors.is_empty() {
            return Err(InputError::Required("sectors"));
        }
        let contact_person = text(&self.contact_person, "contactPerson", TEXT_MAX, true)?;
        let details = self.details(kind, today)?;
        Ok(Opportunity {
            title,
            description,
            region,
            remote: self.remote,
            address,
            starts_on: self.starts_on,
            deadline,
            places,
            languages,
            sectors,
            contact_person,
            details,
        })
    }

    /// Each type-specific field, and whether it was given.
    fn detail_fields_given(&self) -> [(DetailField, bool); 11] {
        use DetailField as D;
        [
            (D::HoursPerWeek, self.hours_per_week.is_some()),
            (D::PayMin, self.pay_min.is_some()),
            (D::PayMax, self.pay_max.is_some()),
            (D::WageSubsidy, self.wage_subsidy.is_some()),
            (D::DurationWeeks, self.duration_weeks.is_some()),
            (D::AreaM2, self.area_m2.is_some()),
            (D::Terms, self.terms.is_some()),
            (D::Items, self.items.is_some()),
            (D::Capacity, self.capacity.is_some()),
            (D::AvailableFrom, self.available_from.is_some()),
            (D::AvailableUntil, self.available_until.is_some()),
        ]
    }

    fn hours(&self) -> Result<Option<u8>, InputError> {
        self.hours_per_week
            .map(|h| within(h, "hoursPerWeek", 1, 60).map(|h| u8::try_from(h).unwrap_or(u8::MAX)))
            .transpose()
    }

    fn pay(&self) -> Result<Option<(u32, u32)>, InputError> {
        let cents = |value: Option<i64>, field| {
            value.map(|v| within(v, field, 0, PAY_MAX).map(|v| u32::try_from(v).unwrap_or(u32::MAX))).transpose()
        };
        match (cents(self.pay_min, "payMin")?, cents(self.pay_max, "payMax")?) {
            (None, None) => Ok(None),
            (Some(min), None) => Ok(Some((min, min))),
            (None, Some(max)) => Ok(Some((0, max))),
            (Some(min), Some(max)) if min <= max => Ok(Some((min, max))),
            (Some(_), Some(_)) => Err(InputError::OutOfRange("payMax")),
        }
    }

    fn details(&self, kind: OpportunityKind, today: NaiveDate) -> Result<Details, InputError> {
        Ok(match kind {
            OpportunityKind::FirstJob => Details::FirstJob {
                hours_per_week: self.hours()?,
                pay: self.pay()?,
                wage_subsidy: self.wage_subsidy.unwrap_or(false),
            },
            OpportunityKind::Job => Details::Job { hours_per_week: self.hours()?, pay: self.pay()? },
            OpportunityKind::Apprenticeship => {
                let weeks = self.duration_weeks.ok_or(InputError::Required("durationWeeks"))?;
                Details::Apprenticeship {
                    duration_weeks: u16::try_from(within(weeks, "durationWeeks", 1, 260)?).unwrap_or(u16::MAX),
                    hours_per_week: self.hours()?,
                }
            }
            OpportunityKind::Volunteering => Details::Volunteering { hours_per_week: self.hours()? },
            OpportunityKind::Subcontracting => Details::Subcontracting,
            OpportunityKind::CoFounder => Details::CoFounder,
            OpportunityKind::Premises => {
                let area = self.area_m2.ok_or(InputError::Required("areaM2"))?;
                Details::Premises {
                    area_m2: u32::try_from(within(area, "areaM2", 1, 100_000)?).unwrap_or(u32::MAX),
                    terms: text(self.terms.as_deref().unwrap_or_default(), "terms", TEXT_MAX, true)?,
                }
            }
            OpportunityKind::Equipment => {
                let mut items = Vec::new();
                for item in self.items.as_deref().unwrap_or_default() {
                    let item = text(item, "items", TEXT_MAX, false)?;
                    if !item.is_empty() {
                        items.push(item);
                    }
                }
                if items.is_empty() {
                    return Err(InputError::Required("items"));
                }
                if items.len() > LIST_MAX {
                    return Err(InputError::TooLong("items"));
                }
                Details::Equipment { items }
            }
            OpportunityKind::HalfwayHouse => {
                let capacity = self.capacity.ok_or(InputError::Required("capacity"))?;
                let from = self.available_from.ok_or(InputError::Required("availableFrom"))?;
                if self.available_until.is_some_and(|until| until < from.max(today)) {
                    return Err(InputError::BadDate("availableUntil"));
                }
                Details::HalfwayHouse {
                    capacity: u16::try_from(within(capacity, "capacity", 1, 500)?).unwrap_or(u16::MAX),
                    available_from: from,
                    available_until: self.available_until,
                }
            }
        })
    }
}

/// Where an opportunity stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OpportunityStatus {
    /// Being written by the organisation; nobody else sees it.
    Draft,
    /// Submitted; VPD staff check it.
    PendingReview,
    /// Seen by founders, mentors and representatives; open for applications.
    Published,
    /// Not published, with staff's reason; the organisation may edit and submit again.
    Rejected,
    /// Closed by the organisation or at its deadline.
    Closed,
}

impl OpportunityStatus {
    /// Every status.
    pub const ALL: [OpportunityStatus; 5] = [
        OpportunityStatus::Draft,
        OpportunityStatus::PendingReview,
        OpportunityStatus::Published,
        OpportunityStatus::Rejected,
        OpportunityStatus::Closed,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            OpportunityStatus::Draft => "draft",
            OpportunityStatus::PendingReview => "pending_review",
            OpportunityStatus::Published => "published",
            OpportunityStatus::Rejected => "rejected",
            OpportunityStatus::Closed => "closed",
        }
    }

    /// The status stored as `name`; `None` for anything else.
    pub fn parse(name: &str) -> Option<OpportunityStatus> {
        OpportunityStatus::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Whether the organisation may still change what it says.
    pub fn editable(self) -> bool {
        matches!(self, OpportunityStatus::Draft | OpportunityStatus::Rejected)
    }
}

/// Who takes a step with an opportunity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// A representative of the organisation that posted it.
    Organisation,
    /// VPD staff.
    Staff,
    /// The schedule (the deadline).
    System,
}

/// A step in an opportunity's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The organisation sends it to staff.
    Submit,
    /// Staff publish it.
    Publish,
    /// Staff do not, with a reason.
    Reject,
    /// The organisation closes it.
    Close,
    /// Its deadline passed.
    Expire,
}

/// Why a step cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    /// This actor never takes this step.
    #[error("{actor:?} may not {step:?}")]
    NotYours {
        /// Who tried.
        actor: Actor,
        /// The step.
        step: Step,
    },
    /// The step does not start from the opportunity's status.
    #[error("cannot {step:?} an opportunity that is {from:?}")]
    WrongState {
        /// The step.
        step: Step,
        /// Where it stands.
        from: OpportunityStatus,
    },
}

/// The status after `actor` takes `step` from `from`, or why they cannot.
pub fn next(from: OpportunityStatus, actor: Actor, step: Step) -> Result<OpportunityStatus, StepError> {
    use OpportunityStatus as S;
    let (who, starts, to): (Actor, &[OpportunityStatus], OpportunityStatus) = match step {
        Step::Submit => (Actor::Organisation, &[S::Draft, S::Rejected], S::PendingReview),
        Step::Publish => (Actor::Staff, &[S::PendingReview], S::Published),
        Step::Reject => (Actor::Staff, &[S::PendingReview], S::Rejected),
        Step::Close => (Actor::Organisation, &[S::Published], S::Closed),
        Step::Expire => (Actor::System, &[S::Published], S::Closed),
    };
    if actor != who {
        return Err(StepError::NotYours { actor, step });
    }
    if !starts.contains(&from) {
        return Err(StepError::WrongState { step, from });
    }
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use OpportunityStatus as S;
    use proptest::prelude::*;

    fn terms() -> Taxonomies {
        let term = |kind, code: &str| crate::domain::Term { kind, code: code.to_owned(), labels: Default::default() };
        Taxonomies {
            terms: vec![
                term(TaxonomyKind::Region, "latgale"),
                term(TaxonomyKind::Sector, "crafts_manufacturing"),
                term(TaxonomyKind::Language, "lv"),
                term(TaxonomyKind::Language, "ru"),
            ],
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default()
    }

    fn job() -> OpportunityInput {
        OpportunityInput {
            kind: Some(OpportunityKind::FirstJob),
            title: "Galdnieka palīgs".to_owned(),
            description: "Pārejas darbs darbnīcā Rēzeknē.".to_owned(),
            region: "latgale".to_owned(),
            address: "Atbrīvošanas aleja 1, Rēzekne".to_owned(),
            deadline: Some(today() + chrono::Duration::days(30)),
            places: 2,
            languages: vec!["lv".to_owned(), "ru".to_owned()],
            sectors: vec!["crafts_manufacturing".to_owned()],
            contact_person: "Inese".to_owned(),
            hours_per_week: Some(30),
            pay_min: Some(800),
            pay_max: Some(950),
            wage_subsidy: Some(true),
            ..OpportunityInput::default()
        }
    }

    #[test]
    fn a_transitional_job_with_its_own_fields_is_valid() {
        let Ok(valid) = job().validated(today(), &terms()) else { panic!("a valid job refused") };
        assert_eq!(
            valid.details,
            Details::FirstJob { hours_per_week: Some(30), pay: Some((800, 950)), wage_subsidy: true }
        );
        assert_eq!(valid.details.kind(), OpportunityKind::FirstJob);
        assert_eq!(valid.places, 2);
    }

    #[test]
    fn bad_input_names_its_field() {
        let cases: Vec<(OpportunityInput, InputError)> = vec![
            (
                OpportunityInput { deadline: Some(today() - chrono::Duration::days(1)), ..job() },
                InputError::BadDate("deadline"),
            ),
            (OpportunityInput { pay_min: Some(-1), ..job() }, InputError::OutOfRange("payMin")),
            (OpportunityInput { pay_min: Some(1000), pay_max: Some(900), ..job() }, InputError::OutOfRange("payMax")),
            (OpportunityInput { places: 0, ..job() }, InputError::OutOfRange("places")),
            (OpportunityInput { description: "x".repeat(100_000), ..job() }, InputError::TooLong("description")),
            (OpportunityInput { area_m2: Some(40), ..job() }, InputError::NotOfThisKind("areaM2")),
            (OpportunityInput { kind: Some(OpportunityKind::Job), ..job() }, InputError::NotOfThisKind("wageSubsidy")),
            (OpportunityInput { kind: None, ..job() }, InputError::Required("kind")),
            (OpportunityInput { title: "  ".to_owned(), ..job() }, InputError::Required("title")),
            (OpportunityInput { region: "atlantis".to_owned(), ..job() }, InputError::UnknownTerm("region")),
            (OpportunityInput { sectors: vec![], ..job() }, InputError::Required("sectors")),
            (OpportunityInput { address: String::new(), ..job() }, InputError::Required("address")),
        ];
        for (input, expected) in cases {
            assert_eq!(input.validated(today(), &terms()), Err(expected));
        }
        let remote = OpportunityInput { address: String::new(), remote: true, ..job() };
        assert!(remote.validated(today(), &terms()).is_ok(), "remote work needs no address");
    }

    #[test]
    fn each_kind_requires_its_own_fields() {
        let bare = |kind| OpportunityInput {
            kind: Some(kind),
            hours_per_week: None,
            pay_min: None,
            pay_max: None,
            wage_subsidy: None,
            ..job()
        };
        let required = [
            (OpportunityKind::Apprenticeship, "durationWeeks"),
            (OpportunityKind::Premises, "areaM2"),
            (OpportunityKind::Equipment, "items"),
            (OpportunityKind::HalfwayHouse, "capacity"),
        ];
        for (kind, field) in required {
            assert_eq!(bare(kind).validated(today(), &terms()), Err(InputError::Required(field)), "{kind:?}");
        }
        for kind in [
            OpportunityKind::Job,
            OpportunityKind::Volunteering,
            OpportunityKind::Subcontracting,
            OpportunityKind::CoFounder,
        ] {
            assert_eq!(bare(kind).validated(today(), &terms()).map(|o| o.details.kind()), Ok(kind));
        }
        let premises = OpportunityInput {
            area_m2: Some(45),
            terms: Some("120 € mēnesī".to_owned()),
            ..bare(OpportunityKind::Premises)
        };
        assert_eq!(
            premises.validated(today(), &terms()).map(|o| o.details),
            Ok(Details::Premises { area_m2: 45, terms: "120 € mēnesī".to_owned() })
        );
    }

    #[test]
    fn kinds_and_statuses_round_trip() {
        for kind in OpportunityKind::ALL {
            assert_eq!(OpportunityKind::parse(kind.as_str()), Some(kind));
        }
        for status in S::ALL {
            assert_eq!(OpportunityStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(OpportunityKind::parse("JOB"), None);
    }

    #[test]
    fn the_life_of_an_opportunity() {
        assert_eq!(next(S::Draft, Actor::Organisation, Step::Submit), Ok(S::PendingReview));
        assert_eq!(next(S::PendingReview, Actor::Staff, Step::Publish), Ok(S::Published));
        assert_eq!(next(S::PendingReview, Actor::Staff, Step::Reject), Ok(S::Rejected));
        assert_eq!(next(S::Rejected, Actor::Organisation, Step::Submit), Ok(S::PendingReview));
        assert_eq!(next(S::Published, Actor::Organisation, Step::Close), Ok(S::Closed));
        assert_eq!(next(S::Published, Actor::System, Step::Expire), Ok(S::Closed));
        assert_eq!(
            next(S::Draft, Actor::Organisation, Step::Publish),
            Err(StepError::NotYours { actor: Actor::Organisation, step: Step::Publish })
        );
        assert_eq!(
            next(S::Closed, Actor::Organisation, Step::Close),
            Err(StepError::WrongState { step: Step::Close, from: S::Closed })
        );
    }

    proptest! {
        /// Whatever is tried in whatever order, an opportunity is published only by staff from
        /// review, and a closed one stays closed.
        #[test]
        fn published_only_by_staff_and_closed_stays_closed(tries in prop::collection::vec((0..3usize, 0..5usize), 0..30)) {
            let actors = [Actor::Organisation, Actor::Staff, Actor::System];
            let steps = [Step::Submit, Step::Publish, Step::Reject, Step::Close, Step::Expire];
            let mut status = S::Draft;
            for (actor, step) in tries {
                let (actor, step) = (actors[actor], steps[step]);
                if let Ok(after) = next(status, actor, step) {
                    prop_assert_ne!(status, S::Closed);
                    if after == S::Published {
                        prop_assert_eq!((actor, status), (Actor::Staff, S::PendingReview));
                    }
                    status = after;
                }
            }
        }
    }
}
