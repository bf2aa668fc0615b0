use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mentorships")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub mentee_id: Uuid,
    pub mentor_id: Uuid,
    pub organisation_id: Option<Uuid>,
    pub status: String,
    pub origin: String,
    pub message: String,
    pub proposed_by: Option<Uuid>,
    pub decline_reason: Option<String>,
    pub answer_text: Option<String>,
    pub review_note: Option<String>,
    pub reviewed_by: Option<Uuid>,
    pub end_reason: Option<String>,
    pub ended_by: Option<Uuid>,
    pub reminders_sent: i16,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub answered_at: Option<DateTimeUtc>,
    pub started_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub message_mailed_at: Option<DateTimeUtc>,
    pub waiting_since: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
