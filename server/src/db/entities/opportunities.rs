use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "opportunities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub created_by: Option<Uuid>,
    pub kind: String,
    pub status: String,
    pub title: String,
    pub description: String,
    pub region: String,
    pub remote: bool,
    pub address: String,
    pub starts_on: Option<Date>,
    pub deadline: Date,
    pub places: i16,
    pub contact_person: String,
    pub details: String,
    pub search_text: String,
    pub reject_reason: Option<String>,
    pub reviewed_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
