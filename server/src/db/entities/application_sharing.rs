use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_sharing")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub founder_id: Uuid,
    /// The mentor the founder lets see them.
    pub mentor_id: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
