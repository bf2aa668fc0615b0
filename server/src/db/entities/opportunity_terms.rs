use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "opportunity_terms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub opportunity_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub field: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub position: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
