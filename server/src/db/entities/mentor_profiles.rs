use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mentor_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub headline: String,
    pub bio: String,
    pub region: String,
    pub meeting: String,
    pub capacity: i16,
    pub available: bool,
    pub peer_mentor: bool,
    pub mentors_ngos: bool,
    pub share_email: bool,
    pub share_phone: bool,
    pub phone: Option<String>,
    pub updated_at: DateTimeUtc,
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
