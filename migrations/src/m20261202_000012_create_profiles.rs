use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One profile per founder. `listed` is off until the founder turns it on.
        manager
            .create_table(
                Table::create()
                    .table(FounderProfiles::Table)
                    .col(uuid(FounderProfiles::UserId).primary_key())
                    .col(string_len(FounderProfiles::Headline, 120))
                    .col(text(FounderProfiles::BusinessIdea))
                    .col(string_len(FounderProfiles::Stage, 16))
                    .col(text(FounderProfiles::Skills))
                    .col(string_len(FounderProfiles::Region, 32))
                    .col(boolean(FounderProfiles::SeekingMentor))
                    .col(boolean(FounderProfiles::Listed))
                    .col(boolean(FounderProfiles::ShareEmail))
                    .col(boolean(FounderProfiles::SharePhone))
                    .col(string_len_null(FounderProfiles::Phone, 32))
                    .col(timestamp_with_time_zone(FounderProfiles::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FounderProfiles::Table, FounderProfiles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MentorProfiles::Table)
                    .col(uuid(MentorProfiles::UserId).primary_key())
                    .col(string_len(MentorProfiles::Headline, 120))
                    .col(text(MentorProfiles::Bio))
                    .col(string_len(MentorProfiles::Region, 32))
                    .col(string_len(MentorProfiles::Meeting, 16))
                    .col(small_integer(MentorProfiles::Capacity))
                    .col(boolean(MentorProfiles::Available))
                    .col(boolean(MentorProfiles::PeerMentor))
                    .col(boolean(MentorProfiles::MentorsNgos))
                    .col(boolean(MentorProfiles::ShareEmail))
                    .col(boolean(MentorProfiles::SharePhone))
                    .col(string_len_null(MentorProfiles::Phone, 32))
                    .col(timestamp_with_time_zone(MentorProfiles::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MentorProfiles::Table, MentorProfiles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The terms a profile names, one row each: `field` is `needs`, `expertise`, `sectors`
        // or `languages`; `position` keeps the person's order. The second index serves
        // directory filters ("mentors covering marketing").
        manager
            .create_table(
                Table::create()
                    .table(ProfileTerms::Table)
                    .col(uuid(ProfileTerms::UserId))
                    .col(string_len(ProfileTerms::Field, 16))
                    .col(string_len(ProfileTerms::Code, 32))
                    .col(small_integer(ProfileTerms::Position))
                    .primary_key(
                        Index::create().col(ProfileTerms::UserId).col(ProfileTerms::Field).col(ProfileTerms::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProfileTerms::Table, ProfileTerms::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("profile_terms_by_term")
                    .table(ProfileTerms::Table)
                    .col(ProfileTerms::Field)
                    .col(ProfileTerms::Code)
                    .col(ProfileTerms::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in
            [ProfileTerms::Table.into_iden(), MentorProfiles::Table.into_iden(), FounderProfiles::Table.into_iden()]
        {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum FounderProfiles {
    Table,
    UserId,
    Headline,
    BusinessIdea,
    Stage,
    Skills,
    Region,
    SeekingMentor,
    Listed,
    ShareEmail,
    SharePhone,
    Phone,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MentorProfiles {
    Table,
    UserId,
    Headline,
    Bio,
    Region,
    Meeting,
    Capacity,
    Available,
    PeerMentor,
    MentorsNgos,
    ShareEmail,
    SharePhone,
    Phone,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProfileTerms {
    Table,
    UserId,
    Field,
    Code,
    Position,
}
