//! Typed operations of opportunities and applications: `graphql/opportunities.graphql` (reading
//! and applying), `graphql/opportunity_edit.graphql` (an organisation's writing and moving
//! applications), and each paged list alone in its file. The schema's enums of this capability
//! are the app's own types, with their labels.

#![allow(clippy::all, missing_docs)]

use graphql_client::GraphQLQuery;

use crate::i18n::{Key, keys};

/// The schema's `DateTime` scalar: RFC 3339 text.
pub type DateTime = String;
/// The schema's `NaiveDate` scalar: `YYYY-MM-DD`.
pub type NaiveDate = String;

/// What an opportunity offers (the schema's `OpportunityKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OpportunityKind {
    /// A first job or transitional employment.
    #[default]
    FirstJob,
    /// A job.
    Job,
    /// An apprenticeship.
    Apprenticeship,
    /// Volunteering.
    Volunteering,
    /// A subcontract.
    Subcontracting,
    /// Premises.
    Premises,
    /// Equipment.
    Equipment,
    /// A halfway-house place.
    HalfwayHouse,
    /// A co-founder wanted.
    CoFounder,
}

impl OpportunityKind {
    /// Every kind, in the order the form offers them.
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

    /// Its label.
    pub fn label(self) -> Key {
        match self {
            OpportunityKind::FirstJob => keys::OPPORTUNITY_KIND_FIRST_JOB,
            OpportunityKind::Job => keys::OPPORTUNITY_KIND_JOB,
            OpportunityKind::Apprenticeship => keys::OPPORTUNITY_KIND_APPRENTICESHIP,
            OpportunityKind::Volunteering => keys::OPPORTUNITY_KIND_VOLUNTEERING,
            OpportunityKind::Subcontracting => keys::OPPORTUNITY_KIND_SUBCONTRACTING,
            OpportunityKind::Premises => keys::OPPORTUNITY_KIND_PREMISES,
            OpportunityKind::Equipment => keys::OPPORTUNITY_KIND_EQUIPMENT,
            OpportunityKind::HalfwayHouse => keys::OPPORTUNITY_KIND_HALFWAY_HOUSE,
            OpportunityKind::CoFounder => keys::OPPORTUNITY_KIND_CO_FOUNDER,
        }
    }

    /// The name the schema and the filter's select use.
    pub fn code(self) -> &'static str {
        match self {
            OpportunityKind::FirstJob => "FIRST_JOB",
            OpportunityKind::Job => "JOB",
            OpportunityKind::Apprenticeship => "APPRENTICESHIP",
            OpportunityKind::Volunteering => "VOLUNTEERING",
            OpportunityKind::Subcontracting => "SUBCONTRACTING",
            OpportunityKind::Premises => "PREMISES",
            OpportunityKind::Equipment => "EQUIPMENT",
            OpportunityKind::HalfwayHouse => "HALFWAY_HOUSE",
            OpportunityKind::CoFounder => "CO_FOUNDER",
        }
    }

    /// The kind named `code`.
    pub fn from_code(code: &str) -> Option<OpportunityKind> {
        OpportunityKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Where an opportunity stands (the schema's `OpportunityStatus`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OpportunityStatus {
    /// Being written.
    Draft,
    /// With VPD.
    PendingReview,
    /// Open for applications.
    Published,
    /// Not published, with VPD's reason.
    Rejected,
    /// Closed.
    Closed,
}

impl OpportunityStatus {
    /// Its label.
    pub fn label(self) -> Key {
        match self {
            OpportunityStatus::Draft => keys::OPPORTUNITY_STATUS_DRAFT,
            OpportunityStatus::PendingReview => keys::OPPORTUNITY_STATUS_PENDING_REVIEW,
            OpportunityStatus::Published => keys::OPPORTUNITY_STATUS_PUBLISHED,
            OpportunityStatus::Rejected => keys::OPPORTUNITY_STATUS_REJECTED,
            OpportunityStatus::Closed => keys::OPPORTUNITY_STATUS_CLOSED,
        }
    }
}

/// Where an application stands (the schema's `ApplicationStatus`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ApplicationStatus {
    /// Sent.
    Submitted,
    /// On the shortlist.
    Shortlisted,
    /// Hired.
    Hired,
    /// Declined, with a reason.
    Declined,
    /// Withdrawn by the founder.
    Withdrawn,
}

impl ApplicationStatus {
    /// Its label.
    pub fn label(self) -> Key {
        match self {
            ApplicationStatus::Submitted => keys::APPLICATION_STATUS_SUBMITTED,
            ApplicationStatus::Shortlisted => keys::APPLICATION_STATUS_SHORTLISTED,
            ApplicationStatus::Hired => keys::APPLICATION_STATUS_HIRED,
            ApplicationStatus::Declined => keys::APPLICATION_STATUS_DECLINED,
            ApplicationStatus::Withdrawn => keys::APPLICATION_STATUS_WITHDRAWN,
        }
    }

    /// Still open: the founder may withdraw, the organisation may move it.
    pub fn open(self) -> bool {
        matches!(self, ApplicationStatus::Submitted | ApplicationStatus::Shortlisted)
    }
}

/// An operation of the document `$file` (a token tree: the derive wants a plain literal).
macro_rules! operation {
    ($name:ident, $file:tt) => {
        #[derive(GraphQLQuery)]
        #[graphql(
                                            schema_path = "../schema.graphql",
                                            query_path = $file,
                                            response_derives = "Clone",
                                            extern_enums("OpportunityKind", "OpportunityStatus", "ApplicationStatus")
                                        )]
        pub struct $name;
    };
}

operation!(Opportunity, "graphql/opportunities.graphql");
operation!(ApplyToOpportunity, "graphql/opportunities.graphql");
operation!(SubmitOpportunity, "graphql/opportunities.graphql");
operation!(CloseOpportunity, "graphql/opportunities.graphql");
operation!(WithdrawApplication, "graphql/opportunities.graphql");
operation!(ShareApplicationsWithMentor, "graphql/opportunities.graphql");
operation!(ApplicationsSharedWithMentor, "graphql/opportunities.graphql");
operation!(OpportunityTerms, "graphql/opportunities.graphql");
operation!(OpportunityToEdit, "graphql/opportunity_edit.graphql");
operation!(CreateOpportunity, "graphql/opportunity_edit.graphql");
operation!(UpdateOpportunity, "graphql/opportunity_edit.graphql");
operation!(MoveApplication, "graphql/opportunity_edit.graphql");
operation!(RecommendedOpportunities, "graphql/recommended_opportunities.graphql");
operation!(MyApplications, "graphql/my_applications.graphql");
operation!(Applicants, "graphql/applicants.graphql");
operation!(MyOpportunities, "graphql/my_opportunities.graphql");
operation!(OpportunityQueue, "graphql/opportunity_queue.graphql");

/// Rows compared whole, so a list keyed by its rows draws again what changed (the labels, in
/// another language).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/opportunity_list.graphql",
    response_derives = "Clone, PartialEq, Eq, Hash",
    extern_enums("OpportunityKind", "OpportunityStatus", "ApplicationStatus")
)]
pub struct Opportunities;
