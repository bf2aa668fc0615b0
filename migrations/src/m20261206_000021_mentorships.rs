use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One row per request or proposal, from `requested` to its end (DESIGN section 5). The
        // mentee is the founder, or the representative asking for their NGO (`organisation_id`).
        // `review_note` is VPD staff's own and never leaves the staff pages.
        manager
            .create_table(
                Table::create()
                    .table(Mentorships::Table)
                    .col(uuid(Mentorships::Id).primary_key())
                    .col(uuid(Mentorships::MenteeId))
                    .col(uuid(Mentorships::MentorId))
                    .col(uuid_null(Mentorships::OrganisationId))
                    .col(string_len(Mentorships::Status, 16))
                    .col(string_len(Mentorships::Origin, 16))
                    .col(text(Mentorships::Message))
                    .col(uuid_null(Mentorships::ProposedBy))
                    .col(string_len_null(Mentorships::DeclineReason, 24))
                    .col(text_null(Mentorships::AnswerText))
                    .col(text_null(Mentorships::ReviewNote))
                    .col(uuid_null(Mentorships::ReviewedBy))
                    .col(text_null(Mentorships::EndReason))
                    .col(uuid_null(Mentorships::EndedBy))
                    .col(small_integer(Mentorships::RemindersSent).default(0))
                    .col(timestamp_with_time_zone(Mentorships::CreatedAt))
                    .col(timestamp_with_time_zone(Mentorships::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Mentorships::AnsweredAt))
                    .col(timestamp_with_time_zone_null(Mentorships::StartedAt))
                    .col(timestamp_with_time_zone_null(Mentorships::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Mentorships::Table, Mentorships::MenteeId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Mentorships::Table, Mentorships::MentorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Mentorships::Table, Mentorships::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Mentorships::Table, Mentorships::ProposedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Mentorships::Table, Mentorships::ReviewedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Mentorships::Table, Mentorships::EndedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // A mentor's places and inbox, a mentee's open requests and history: by person and
        // status, newest change first.
        for (name, person) in
            [("mentorships_by_mentor", Mentorships::MentorId), ("mentorships_by_mentee", Mentorships::MenteeId)]
        {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Mentorships::Table)
                        .col(person)
                        .col(Mentorships::Status)
                        .col(Mentorships::UpdatedAt)
                        .to_owned(),
                )
                .await?;
        }
        // Staff's queue (oldest waiting first) and the schedule's reminders and expiry.
        manager
            .create_index(
                Index::create()
                    .name("mentorships_by_status_age")
                    .table(Mentorships::Table)
                    .col(Mentorships::Status)
                    .col(Mentorships::UpdatedAt)
                    .col(Mentorships::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Mentorships::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Mentorships {
    Table,
    Id,
    MenteeId,
    MentorId,
    OrganisationId,
    Status,
    Origin,
    Message,
    ProposedBy,
    DeclineReason,
    AnswerText,
    ReviewNote,
    ReviewedBy,
    EndReason,
    EndedBy,
    RemindersSent,
    CreatedAt,
    UpdatedAt,
    AnsweredAt,
    StartedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}
