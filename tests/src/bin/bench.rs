//! `cargo xtask bench`: the directory under load. Fills a database with 10,000 founders,
//! 2,000 mentors (with profiles across every region, topic, sector and language), 1,000
//! organisations and 20,000 published opportunities, then asks for
//! a filtered first page through `/graphql` many times and reports the median and 99th
//! percentile, and the SQL statements one page costs for 10 and for 50 rows, on SQLite and on
//! PostgreSQL. Not a test: it prints figures for the README.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, TransactionTrait};
use serde_json::json;
use tilts::db::entities::{
    founder_profiles, mentor_profiles, opportunities, opportunity_terms, organisation_sectors, organisations,
    profile_terms, users,
};
use tilts::domain::Role;
use tilts_tests::{Backend, TestApp, spawn_app_with};

const FOUNDERS: usize = 10_000;
const MENTORS: usize = 2_000;
const ORGANISATIONS: usize = 1_000;
const OPPORTUNITIES: usize = 20_000;
const RUNS: usize = 300;
const REGIONS: [&str; 6] = ["riga", "pieriga", "vidzeme", "kurzeme", "zemgale", "latgale"];
const TOPICS: [&str; 12] = [
    "business_basics",
    "financial_management",
    "business_plan",
    "marketing_sales",
    "legal_administrative",
    "taxes_accounting",
    "funding_grants",
    "digital_skills",
    "hiring",
    "social_impact",
    "production_operations",
    "personal_effectiveness",
];
const SECTORS: [&str; 4] = ["food_hospitality", "construction_repair", "crafts_manufacturing", "it_digital"];
const LANGUAGES: [&str; 3] = ["lv", "ru", "en"];

const MENTORS_PAGE: &str = "query($n: Int!) { mentors(first: $n, filter: { region: \"latgale\", topic: \"taxes_accounting\" }) { nodes { id displayName } pageInfo { hasNextPage endCursor } } }";
const ORGANISATIONS_PAGE: &str = "query($n: Int!) { organisations(first: $n, filter: { region: \"latgale\", sector: \"construction_repair\" }) { nodes { id name } pageInfo { hasNextPage endCursor } } }";
const RECOMMENDED: &str =
    "query($n: Int!) { recommendedMentors(first: $n) { mentor { id displayName } score reasons } }";
const OPPORTUNITIES_PAGE: &str = "query($n: Int!) { opportunities(first: $n, filter: { kind: FIRST_JOB, region: \"latgale\" }) { nodes { id title } pageInfo { hasNextPage endCursor } } }";
const FOUNDERS_PAGE: &str = "query($n: Int!) { founders(first: $n, filter: { region: \"latgale\", topic: \"taxes_accounting\" }) { nodes { id displayName } pageInfo { hasNextPage endCursor } } }";

/// Inserts `count` approved people of `role` with profiles (numbered from `from`), in chunks
/// inside one transaction.
async fn fill(app: &TestApp, role: Role, from: usize, count: usize) {
    let now = Utc::now();
    let txn = app.state.db.begin().await.unwrap();
    for chunk in (from..from + count).collect::<Vec<_>>().chunks(500) {
        let mut people = Vec::new();
        let mut mentors = Vec::new();
        let mut founders = Vec::new();
        let mut terms = Vec::new();
        for &n in chunk {
            let id = uuid::Uuid::new_v4();
            people.push(users::ActiveModel {
                id: Set(id),
                email: Set(format!("{}{n}@bench.example.lv", role.as_str())),
                password_hash: Set(None),
                display_name: Set(format!("{} {n:05}", if role == Role::Mentor { "Mentors" } else { "Dibinātājs" })),
                role: Set(role.as_str().to_owned()),
                locale: Set("lv".to_owned()),
                email_verified_at: Set(Some(now)),
                created_at: Set(now),
                updated_at: Set(now),
                status: Set("active".to_owned()),
                totp_secret: Set(None),
                totp_confirmed_at: Set(None),
                totp_last_step: Set(None),
                standing: Set("approved".to_owned()),
                search_text: Set(String::new()),
            });
            let region = REGIONS[n % 6].to_owned();
            let mut term = |field: &str, code: &str, position: i16| {
                terms.push(profile_terms::ActiveModel {
                    user_id: Set(id),
                    field: Set(field.to_owned()),
                    code: Set(code.to_owned()),
                    position: Set(position),
                });
            };
            let topics = if role == Role::Mentor { "expertise" } else { "needs" };
            term(topics, TOPICS[n % 12], 0);
            if (n / 12 + 5) % 12 != n % 12 {
                term(topics, TOPICS[(n / 12 + 5) % 12], 1);
            }
            term("sectors", SECTORS[n % 4], 0);
            term("languages", LANGUAGES[n % 3], 0);
            if role == Role::Mentor {
                mentors.push(mentor_profiles::ActiveModel {
                    user_id: Set(id),
                    headline: Set(format!("Mentors {n}")),
                    bio: Set("Palīdzu sākt.".to_owned()),
                    region: Set(region),
                    meeting: Set("both".to_owned()),
                    capacity: Set(2),
                    available: Set(n % 10 != 0),
                    peer_mentor: Set(n % 7 == 0),
                    mentors_ngos: Set(false),
                    share_email: Set(false),
                    share_phone: Set(false),
                    phone: Set(None),
                    updated_at: Set(now),
                    search_text: Set(String::new()),
                });
            } else {
                founders.push(founder_profiles::ActiveModel {
                    user_id: Set(id),
                    headline: Set(format!("Ideja {n}")),
                    business_idea: Set("Darbnīca.".to_owned()),
                    stage: Set("idea".to_owned()),
                    skills: Set(String::new()),
                    region: Set(region),
                    seeking_mentor: Set(true),
                    wants_peer_mentor: Set(n % 5 == 0),
                    listed: Set(n % 4 != 0),
                    share_email: Set(false),
                    share_phone: Set(false),
                    phone: Set(None),
                    updated_at: Set(now),
                    search_text: Set(String::new()),
                });
            }
        }
        users::Entity::insert_many(people).exec_without_returning(&txn).await.unwrap();
        if !mentors.is_empty() {
            mentor_profiles::Entity::insert_many(mentors).exec_without_returning(&txn).await.unwrap();
        }
        if !founders.is_empty() {
            founder_profiles::Entity::insert_many(founders).exec_without_returning(&txn).await.unwrap();
        }
        profile_terms::Entity::insert_many(terms).exec_without_returning(&txn).await.unwrap();
    }
    txn.commit().await.unwrap();
}

/// Inserts `ORGANISATIONS` approved organisations across regions and sectors.
async fn fill_organisations(app: &TestApp) {
    let now = Utc::now();
    let txn = app.state.db.begin().await.unwrap();
    let mut rows = Vec::new();
    let mut sectors = Vec::new();
    for n in 0..ORGANISATIONS {
        let id = uuid::Uuid::new_v4();
        rows.push(organisations::ActiveModel {
            id: Set(id),
            name: Set(format!("Organizācija {n:04}")),
            registration_number: Set(format!("4{n:010}")),
            kind: Set(["social_enterprise", "ngo", "company", "municipality"][n % 4].to_owned()),
            social_enterprise: Set(n % 3 == 0),
            region: Set(REGIONS[n % 6].to_owned()),
            website: Set(None),
            description: Set("Darbs un prakse.".to_owned()),
            supports_target_group: Set(n % 2 == 0),
            standing: Set("approved".to_owned()),
            search_text: Set(format!("organizācija {n:04}")),
            created_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        });
        sectors.push(organisation_sectors::ActiveModel {
            organisation_id: Set(id),
            code: Set(SECTORS[n % 4].to_owned()),
            position: Set(0),
        });
    }
    for chunk in rows.chunks(250) {
        organisations::Entity::insert_many(chunk.to_vec()).exec_without_returning(&txn).await.unwrap();
    }
    for chunk in sectors.chunks(250) {
        organisation_sectors::Entity::insert_many(chunk.to_vec()).exec_without_returning(&txn).await.unwrap();
    }
    txn.commit().await.unwrap();
}

/// Inserts `OPPORTUNITIES` published postings of the organisations, across kinds, regions,
/// sectors and languages, open for the next weeks.
async fn fill_opportunities(app: &TestApp) {
    let now = Utc::now();
    let organisations: Vec<uuid::Uuid> = organisations::Entity::find()
        .select_only()
        .column(organisations::Column::Id)
        .into_tuple()
        .all(&app.state.db)
        .await
        .unwrap();
    let kinds = [
        ("first_job", r#"{"hours":30,"pay":[800,950],"subsidy":true}"#),
        ("job", r#"{"hours":40,"pay":[900,1200]}"#),
        ("volunteering", r#"{"hours":null}"#),
        ("subcontracting", "{}"),
        ("co_founder", "{}"),
    ];
    let txn = app.state.db.begin().await.unwrap();
    let (mut rows, mut terms) = (Vec::new(), Vec::new());
    for n in 0..OPPORTUNITIES {
        let id = uuid::Uuid::new_v4();
        let (kind, details) = kinds[n % kinds.len()];
        let published = now - chrono::Duration::minutes(n as i64);
        let title = format!("Iespēja {n:05}");
        rows.push(opportunities::ActiveModel {
            id: Set(id),
            organisation_id: Set(organisations[n % organisations.len()]),
            created_by: Set(None),
            kind: Set(kind.to_owned()),
            status: Set("published".to_owned()),
            title: Set(title.clone()),
            description: Set("Darbs darbnīcā; apmācām uz vietas.".to_owned()),
            region: Set(REGIONS[n % 6].to_owned()),
            remote: Set(n % 7 == 0),
            address: Set(String::new()),
            starts_on: Set(None),
            deadline: Set(now.date_naive() + chrono::Duration::days(7 + (n % 60) as i64)),
            places: Set(1 + (n % 3) as i16),
            contact_person: Set("Inese".to_owned()),
            details: Set(details.to_owned()),
            search_text: Set(format!("{} darbs darbnīcā; apmācām uz vietas.", title.to_lowercase())),
            reject_reason: Set(None),
            reviewed_by: Set(None),
            created_at: Set(published),
            updated_at: Set(published),
            submitted_at: Set(Some(published)),
            published_at: Set(Some(published)),
            closed_at: Set(None),
        });
        for (field, code) in [("sectors", SECTORS[n % 4]), ("languages", LANGUAGES[n % 3])] {
            terms.push(opportunity_terms::ActiveModel {
                opportunity_id: Set(id),
                field: Set(field.to_owned()),
                code: Set(code.to_owned()),
                position: Set(0),
            });
        }
    }
    for chunk in rows.chunks(200) {
        opportunities::Entity::insert_many(chunk.to_vec()).exec_without_returning(&txn).await.unwrap();
    }
    for chunk in terms.chunks(500) {
        opportunity_terms::Entity::insert_many(chunk.to_vec()).exec_without_returning(&txn).await.unwrap();
    }
    txn.commit().await.unwrap();
}

/// Median and 99th percentile of `RUNS` calls of the smallest signed-in request (`{ viewer { id
/// } }`): what every page costs before its own work.
async fn baseline(app: &TestApp, client: &reqwest::Client) -> (Duration, Duration, u64) {
    let query = "{ viewer { id } }";
    for _ in 0..20 {
        app.graphql_as(client, query, json!({})).await;
    }
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let answer = app.graphql_as(client, query, json!({})).await;
        times.push(started.elapsed());
        assert!(answer["data"]["viewer"]["id"].is_string(), "{answer}");
    }
    times.sort();
    let before = tilts::db::statements_run();
    app.graphql_as(client, query, json!({})).await;
    (times[RUNS / 2], times[RUNS * 99 / 100], tilts::db::statements_run() - before)
}

/// Median and 99th percentile of `RUNS` calls of `query` with `first: 20`, and the statements
/// one call costs for 10 and for 50 rows.
async fn measure(app: &TestApp, client: &reqwest::Client, query: &str, list: &str) -> (Duration, Duration, u64, u64) {
    for _ in 0..20 {
        app.graphql_as(client, query, json!({ "n": 20 })).await;
    }
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let answer = app.graphql_as(client, query, json!({ "n": 20 })).await;
        times.push(started.elapsed());
        assert_eq!(answer["data"][list]["nodes"].as_array().map(Vec::len), Some(20), "{answer}");
    }
    times.sort();
    let statements = |n: i64| {
        let query = query.to_owned();
        async move {
            let before = tilts::db::statements_run();
            let answer = app.graphql_as(client, &query, json!({ "n": n })).await;
            let spent = tilts::db::statements_run() - before;
            assert_eq!(answer["data"][list]["nodes"].as_array().map(Vec::len), Some(n as usize), "{answer}");
            spent
        }
    };
    let (ten, fifty) = (statements(10).await, statements(50).await);
    (times[RUNS / 2], times[RUNS * 99 / 100], ten, fifty)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    println!("| database | list | median | p99 | statements for 10 rows | for 50 rows |");
    println!("|---|---|---|---|---|---|");
    for backend in [Backend::Sqlite, Backend::Postgres] {
        // No mail to send and no job due: keep the outbox worker and the scheduler from running
        // statements during the measurement (they would count towards a call's statements).
        let app = spawn_app_with(backend, |s| {
            s.outbox.poll_interval = Duration::from_secs(3600);
            s.jobs.tick = Duration::from_secs(3600);
        })
        .await;
        fill(&app, Role::Founder, 0, FOUNDERS).await;
        fill(&app, Role::Mentor, 0, MENTORS).await;
        fill_organisations(&app).await;
        fill_opportunities(&app).await;
        // PostgreSQL in service has vacuumed and analysed its tables (autovacuum does both, for
        // tables that only grow too): its planner statistics are current and its visibility
        // maps let indexes answer alone. Measure that, not whatever an autovacuum run happened
        // to reach during the fill. SQLite as Tilts runs it has neither.
        if backend == Backend::Postgres {
            sea_orm::ConnectionTrait::execute_unprepared(&app.state.db, "VACUUM ANALYZE").await.unwrap();
        }
        let (founder, _) = app.sign_in_as(Role::Founder).await;
        let (mentor, email) = app.sign_in_as(Role::Mentor).await;
        let stored =
            tilts::db::repos::users::find_by_email(&app.state.db, &tilts::domain::EmailAddress::parse(&email).unwrap())
                .await
                .unwrap()
                .unwrap();
        let (pending, approved) = (tilts::domain::Standing::Pending, tilts::domain::Standing::Approved);
        tilts::db::repos::users::set_standing(&app.state.db, stored.account.id, pending, approved, Utc::now())
            .await
            .unwrap();
        let (median, p99, statements) = baseline(&app, &founder).await;
        println!(
            "| {backend:?} | baseline: `{{ viewer {{ id }} }}`, as a founder | {:.2} ms | {:.2} ms | {statements} | {statements} |",
            median.as_secs_f64() * 1000.0,
            p99.as_secs_f64() * 1000.0
        );
        for (client, query, list, who) in [
            (&founder, MENTORS_PAGE, "mentors", "mentors (region + topic), as a founder"),
            (&mentor, FOUNDERS_PAGE, "founders", "founders (region + topic), as an approved mentor"),
            (&founder, ORGANISATIONS_PAGE, "organisations", "organisations (region + sector), as a founder"),
            (&founder, OPPORTUNITIES_PAGE, "opportunities", "opportunities (type + region, newest), as a founder"),
        ] {
            let (median, p99, ten, fifty) = measure(&app, client, query, list).await;
            println!(
                "| {backend:?} | {who} | {:.2} ms | {:.2} ms | {ten} | {fifty} |",
                median.as_secs_f64() * 1000.0,
                p99.as_secs_f64() * 1000.0
            );
        }
        recommendations(&app, &founder, backend).await;
    }
}

/// Recommendations for one founder among the mentors through `/graphql` (median, p99, and
/// statements per call at 2,000 and at 3,000 mentors), and for every founder in turn (total).
async fn recommendations(app: &TestApp, founder: &reqwest::Client, backend: Backend) {
    let profile = json!({
        "headline": "Galdniecība", "stage": "IDEA", "region": "latgale", "languages": ["ru", "lv"],
        "needs": ["business_plan", "taxes_accounting", "marketing_sales"], "sectors": ["crafts_manufacturing"],
        "listed": false
    });
    let saved = app
        .graphql_as(
            founder,
            "mutation($i: FounderProfileInput!) { updateFounderProfile(input: $i) { headline } }",
            json!({ "i": profile }),
        )
        .await;
    assert!(saved["errors"].is_null(), "{saved}");
    let call = || async { app.graphql_as(founder, RECOMMENDED, json!({ "n": 5 })).await };
    for _ in 0..20 {
        call().await;
    }
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let answer = call().await;
        times.push(started.elapsed());
        assert_eq!(answer["data"]["recommendedMentors"].as_array().map(Vec::len), Some(5), "{answer}");
    }
    times.sort();
    let statements = || async {
        let before = tilts::db::statements_run();
        call().await;
        tilts::db::statements_run() - before
    };
    let at_2000 = statements().await;

    // Every founder's list in turn, through the service (no HTTP), as a nightly run would.
    let ids: Vec<tilts::domain::UserId> = users::Entity::find()
        .filter(users::Column::Role.eq("founder"))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|u| tilts::domain::UserId(u.id))
        .collect();
    let founders = tilts::db::repos::users::find_many(&app.state.db, &ids).await.unwrap();
    let started = Instant::now();
    let mut listed = 0;
    for person in &founders {
        let result = tilts::services::mentoring::recommendations::recommended(
            &app.state.db,
            &app.state,
            &person.account,
            tilts::domain::Locale::Lv,
            5,
        )
        .await;
        listed += result.map(|(list, _)| list.len()).unwrap_or(0);
    }
    let all = started.elapsed();

    fill(app, Role::Mentor, MENTORS, 1_000).await;
    // The first call after the new mentors reads them into the process's pool; the next ones
    // do not read mentors at all.
    let reload = statements().await;
    let at_3000 = statements().await;
    println!(
        "| {backend:?} | recommendedMentors(first: 5) among {MENTORS} mentors, as a founder | {:.2} ms | {:.2} ms | {at_2000} at {MENTORS} mentors | {at_3000} at {} mentors ({reload} for the call that reads them) |",
        times[RUNS / 2].as_secs_f64() * 1000.0,
        times[RUNS * 99 / 100].as_secs_f64() * 1000.0,
        MENTORS + 1_000
    );
    println!(
        "| {backend:?} | recommendations for all {} founders in turn (service, no HTTP): {:.1} s in all, {:.2} ms each, {listed} suggestions | | | | |",
        founders.len(),
        all.as_secs_f64(),
        all.as_secs_f64() * 1000.0 / founders.len().max(1) as f64
    );
}
