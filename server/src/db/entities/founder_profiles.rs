use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "founder_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub headline: String,
    pub business_idea: String,
    pub stage: String,
    pub skills: String,
    pub region: String,
    pub seeking_mentor: bool,
    pub wants_peer_mentor: bool,
    pub listed: bool,
    pub share_email: bool,
    pub share_phone: bool,
    pub phone: Option<String>,
    pub updated_at: DateTimeUtc,
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
