//! The tables of conviction and supervision data. Private to [`super`]: no other module can
//! name them, so no other module can query them.

pub mod target_group_records {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "target_group_records")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub founder_id: Uuid,
        pub category: String,
        pub unit_name: String,
        pub officer_id: Option<Uuid>,
        pub supervision_ends_on: Option<Date>,
        pub notes: String,
        pub updated_by: Uuid,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod supervision_no_contact {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "supervision_no_contact")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub founder_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub person_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod supervision_excluded_sectors {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "supervision_excluded_sectors")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub founder_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub sector: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
