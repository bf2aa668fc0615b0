use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // When the last e-mail about a new message went out (at most one an hour).
        manager
            .alter_table(
                Table::alter()
                    .table(Mentorships::Table)
                    .add_column(timestamp_with_time_zone_null(Mentorships::MessageMailedAt))
                    .to_owned(),
            )
            .await?;
        // Messages between the two sides, newest first by (created_at, id).
        manager
            .create_table(
                Table::create()
                    .table(MentorshipMessages::Table)
                    .col(uuid(MentorshipMessages::Id).primary_key())
                    .col(uuid(MentorshipMessages::MentorshipId))
                    .col(uuid(MentorshipMessages::AuthorId))
                    .col(text(MentorshipMessages::Body))
                    .col(timestamp_with_time_zone(MentorshipMessages::CreatedAt))
                    .foreign_key(&mut to_mentorship(MentorshipMessages::Table, MentorshipMessages::MentorshipId))
                    .foreign_key(&mut to_user(MentorshipMessages::Table, MentorshipMessages::AuthorId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("mentorship_messages_by_time")
                    .table(MentorshipMessages::Table)
                    .col(MentorshipMessages::MentorshipId)
                    .col(MentorshipMessages::CreatedAt)
                    .col(MentorshipMessages::Id)
                    .to_owned(),
            )
            .await?;
        // Goals the two set themselves.
        manager
            .create_table(
                Table::create()
                    .table(MentorshipGoals::Table)
                    .col(uuid(MentorshipGoals::Id).primary_key())
                    .col(uuid(MentorshipGoals::MentorshipId))
                    .col(string_len(MentorshipGoals::Title, 200))
                    .col(date_null(MentorshipGoals::DueOn))
                    .col(timestamp_with_time_zone_null(MentorshipGoals::DoneAt))
                    .col(uuid(MentorshipGoals::CreatedBy))
                    .col(timestamp_with_time_zone(MentorshipGoals::CreatedAt))
                    .foreign_key(&mut to_mentorship(MentorshipGoals::Table, MentorshipGoals::MentorshipId))
                    .foreign_key(&mut to_user(MentorshipGoals::Table, MentorshipGoals::CreatedBy))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("mentorship_goals_by_mentorship")
                    .table(MentorshipGoals::Table)
                    .col(MentorshipGoals::MentorshipId)
                    .to_owned(),
            )
            .await?;
        // The session log; `private_note` is its author's alone.
        manager
            .create_table(
                Table::create()
                    .table(MentorshipSessions::Table)
                    .col(uuid(MentorshipSessions::Id).primary_key())
                    .col(uuid(MentorshipSessions::MentorshipId))
                    .col(uuid(MentorshipSessions::AuthorId))
                    .col(date(MentorshipSessions::HeldOn))
                    .col(small_integer(MentorshipSessions::Minutes))
                    .col(string_len(MentorshipSessions::Topic, 200))
                    .col(text_null(MentorshipSessions::PrivateNote))
                    .col(timestamp_with_time_zone(MentorshipSessions::CreatedAt))
                    .foreign_key(&mut to_mentorship(MentorshipSessions::Table, MentorshipSessions::MentorshipId))
                    .foreign_key(&mut to_user(MentorshipSessions::Table, MentorshipSessions::AuthorId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("mentorship_sessions_by_mentorship")
                    .table(MentorshipSessions::Table)
                    .col(MentorshipSessions::MentorshipId)
                    .to_owned(),
            )
            .await?;
        // Each side's answers: "is this working?" after the first session (a "no" goes to VPD
        // staff, never to the other side), and the closing rating and words.
        manager
            .create_table(
                Table::create()
                    .table(MentorshipAnswers::Table)
                    .col(uuid(MentorshipAnswers::MentorshipId))
                    .col(uuid(MentorshipAnswers::PersonId))
                    .col(string_len(MentorshipAnswers::Kind, 16))
                    .col(boolean_null(MentorshipAnswers::Working))
                    .col(small_integer_null(MentorshipAnswers::Rating))
                    .col(text(MentorshipAnswers::Words))
                    .col(timestamp_with_time_zone(MentorshipAnswers::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(MentorshipAnswers::MentorshipId)
                            .col(MentorshipAnswers::PersonId)
                            .col(MentorshipAnswers::Kind),
                    )
                    .foreign_key(&mut to_mentorship(MentorshipAnswers::Table, MentorshipAnswers::MentorshipId))
                    .foreign_key(&mut to_user(MentorshipAnswers::Table, MentorshipAnswers::PersonId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MentorshipAnswers::Table.into_iden(),
            MentorshipSessions::Table.into_iden(),
            MentorshipGoals::Table.into_iden(),
            MentorshipMessages::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager
            .alter_table(Table::alter().table(Mentorships::Table).drop_column(Mentorships::MessageMailedAt).to_owned())
            .await
    }
}

/// A reference to the mentorship, gone with it.
fn to_mentorship(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Mentorships::Table, Mentorships::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// A reference to a person, gone with them.
fn to_user(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(table, column).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::Cascade).to_owned()
}

#[derive(DeriveIden)]
enum Mentorships {
    Table,
    Id,
    MessageMailedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MentorshipMessages {
    Table,
    Id,
    MentorshipId,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MentorshipGoals {
    Table,
    Id,
    MentorshipId,
    Title,
    DueOn,
    DoneAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MentorshipSessions {
    Table,
    Id,
    MentorshipId,
    AuthorId,
    HeldOn,
    Minutes,
    Topic,
    PrivateNote,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MentorshipAnswers {
    Table,
    MentorshipId,
    PersonId,
    Kind,
    Working,
    Rating,
    Words,
    CreatedAt,
}
