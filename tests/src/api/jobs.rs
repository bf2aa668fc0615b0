//! The scheduler: named jobs run on their own period, by the application's clock, once per
//! period however many callers look at the same time; housekeeping forgets what ran out.

use std::time::Duration;

use chrono::Duration as Span;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tilts::db::entities::{known_devices, outbox, rate_limits, sessions};
use tilts::domain::Role;
use tilts::jobs::scheduler::{self, Job};

/// Rows in `E`'s table.
async fn count<E>(app: &crate::app::TestApp, _: E) -> u64
where
    E: EntityTrait,
    E::Model: Sync,
{
    E::find().count(&app.state.db).await.unwrap()
}

/// An app whose own scheduler looks only when it starts, so the test's lookers are the only
/// others.
async fn quiet_app(backend: crate::Backend) -> crate::app::TestApp {
    crate::app::spawn_app_with(backend, |s| s.jobs.tick = Duration::from_secs(3600)).await
}

mod housekeeping_runs_once_an_hour_whoever_looks_and_forgets_what_ran_out {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::housekeeping(super::quiet_app(crate::Backend::Sqlite).await).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::housekeeping(super::quiet_app(crate::Backend::Postgres).await).await;
    }
}

async fn housekeeping(app: crate::app::TestApp) {
    // Something to forget: a sent e-mail, a session, sign-in counters.
    app.register("olga@example.lv", "FOUNDER", "LV").await;
    app.smtp.wait_for_message_to("olga@example.lv").await;
    for _ in 0..100 {
        let sent =
            outbox::Entity::find().filter(outbox::Column::SentAt.is_not_null()).count(&app.state.db).await.unwrap();
        if sent > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.sign_in_as(Role::Founder).await;
    assert!(count(&app, sessions::Entity).await > 0);
    assert!(count(&app, outbox::Entity).await > 0);
    assert!(count(&app, rate_limits::Entity).await > 0);

    // The server's own scheduler ran the jobs when it started: none is due again yet.
    for job in Job::ALL {
        for _ in 0..100 {
            let row = tilts::db::repos::scheduled_jobs::find(&app.state.db, job.name()).await.unwrap();
            if row.is_some_and(|r| r.last_finished_at.is_some()) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    assert_eq!(scheduler::run_due(&app.state).await, Vec::<Job>::new());

    // More than a year on, eight lookers at once: the job runs once.
    app.clock.advance(Span::days(401));
    let looked = app.state.now();
    let lookers = (0..8).map(|_| {
        let state = app.state.clone();
        tokio::spawn(async move { scheduler::run_due(&state).await })
    });
    let mut runs = 0;
    for looker in lookers {
        runs += looker.await.unwrap().into_iter().filter(|job| *job == Job::Housekeeping).count();
    }
    assert_eq!(runs, 1, "one run among eight lookers");
    assert_eq!(count(&app, sessions::Entity).await, 0, "expired sessions are gone");
    assert_eq!(count(&app, outbox::Entity).await, 0, "finished e-mail past its keeping time is gone");
    assert_eq!(count(&app, rate_limits::Entity).await, 0, "old counters are gone");
    assert_eq!(count(&app, known_devices::Entity).await, 0, "devices unseen for 400 days are forgotten");
    let row = tilts::db::repos::scheduled_jobs::find(&app.state.db, "housekeeping").await.unwrap().unwrap();
    assert_eq!(row.held_until, None, "let go after the run");
    assert!(row.last_finished_at.is_some_and(|t| t >= looked && t <= app.state.now()), "{row:?}");

    // Due again an hour after that run, not before.
    app.clock.advance(Span::minutes(59));
    assert_eq!(scheduler::run_due(&app.state).await, Vec::<Job>::new());
    app.clock.advance(Span::minutes(2));
    assert_eq!(scheduler::run_due(&app.state).await, Job::ALL.to_vec());
}
