//! Finding people: who appears to whom, by filter and page, and by id.

use serde_json::{Value, json};
use tilts::domain::Role;

use crate::app::{TestApp, error_code};

const MENTORS: &str = "query($f: DirectoryFilter, $n: Int = 10, $a: String) { mentors(filter: $f, first: $n, after: $a) { nodes { id displayName region { code } contact { phone } } pageInfo { hasNextPage endCursor } } }";

const MENTOR_NAMES: &str = "query($n: Int!) { mentors(first: $n) { nodes { id displayName } } }";

const FOUNDERS: &str = "query($f: DirectoryFilter) { founders(filter: $f) { nodes { id displayName headline needs { code } contact { email phone } } } }";

const MENTOR: &str = "query($id: ID!) { mentor(id: $id) { id displayName headline contact { email phone } } }";

const FOUNDER: &str = "query($id: ID!) { founder(id: $id) { id displayName headline } }";

pub(crate) const DECIDE: &str = "mutation($s: ID!, $d: ModerationDecision!, $r: String) { decideModeration(subjectId: $s, decision: $d, reason: $r) { standing } }";

/// The id of `client`'s account.
pub(crate) async fn id_of(app: &TestApp, client: &reqwest::Client) -> String {
    app.graphql_as(client, "{ viewer { id } }", json!({})).await["data"]["viewer"]["id"].as_str().unwrap().to_owned()
}

/// A mentor with a profile, approved by `staff` unless `approve` is false; their client and id.
pub(crate) async fn mentor(
    app: &TestApp,
    staff: &reqwest::Client,
    headline: &str,
    region: &str,
    topics: &[&str],
    approve: bool,
) -> (reqwest::Client, String) {
    let (client, _) = app.sign_in_as(Role::Mentor).await;
    let input = json!({
        "headline": headline, "bio": "", "expertise": topics, "region": region, "meeting": "BOTH",
        "languages": ["lv", "ru"], "capacity": 2, "available": true,
        "shareEmail": true, "sharePhone": true, "phone": "+371 2999 9999"
    });
    let saved = app
        .graphql_as(
            &client,
            "mutation($i: MentorProfileInput!) { updateMentorProfile(input: $i) { headline } }",
            json!({ "i": input }),
        )
        .await;
    assert!(saved["errors"].is_null(), "{saved}");
    let id = id_of(app, &client).await;
    if approve {
        let approved = app.graphql_as(staff, DECIDE, json!({ "s": id, "d": "APPROVE" })).await;
        assert!(approved["errors"].is_null(), "{approved}");
    }
    (client, id)
}

/// A founder with a profile, listed or not; their client and id.
pub(crate) async fn founder(app: &TestApp, headline: &str, listed: bool) -> (reqwest::Client, String) {
    let (client, _) = app.sign_in_as(Role::Founder).await;
    let input = json!({
        "headline": headline, "stage": "IDEA", "region": "latgale", "languages": ["ru"],
        "needs": ["business_plan"], "listed": listed, "sharePhone": true, "phone": "+371 2888 8888"
    });
    let saved = app
        .graphql_as(
            &client,
            "mutation($i: FounderProfileInput!) { updateFounderProfile(input: $i) { headline } }",
            json!({ "i": input }),
        )
        .await;
    assert!(saved["errors"].is_null(), "{saved}");
    let id = id_of(app, &client).await;
    (client, id)
}

fn ids(answer: &Value, list: &str) -> Vec<String> {
    answer["data"][list]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect()
}

db_test! {
    async fn a_mentor_appears_once_approved_and_disappears_at_once_when_suspended(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (looking, _) = app.sign_in_as(Role::Founder).await;
        let (_, waiting) = mentor(&app, &staff, "Grāmatvede", "riga", &["taxes_accounting"], false).await;

        assert!(!ids(&app.graphql_as(&looking, MENTORS, json!({})).await, "mentors").contains(&waiting));
        let hidden = app.graphql_as(&looking, MENTOR, json!({ "id": waiting })).await;
        let never = app.graphql_as(&looking, MENTOR, json!({ "id": uuid::Uuid::new_v4().to_string() })).await;
        assert_eq!(error_code(&hidden), "NOT_FOUND", "{hidden}");
        assert_eq!(hidden["errors"][0]["message"], never["errors"][0]["message"], "a pending mentor answers like nobody");

        app.graphql_as(&staff, DECIDE, json!({ "s": waiting, "d": "APPROVE" })).await;
        let listed = app.graphql_as(&looking, MENTORS, json!({})).await;
        assert!(ids(&listed, "mentors").contains(&waiting), "{listed}");
        let opened = app.graphql_as(&looking, MENTOR, json!({ "id": waiting })).await;
        assert_eq!(opened["data"]["mentor"]["headline"], "Grāmatvede", "{opened}");
        // No relationship yet: no contact details, though the mentor chose to share them.
        assert!(opened["data"]["mentor"]["contact"].is_null(), "{opened}");
        assert!(!listed.to_string().contains("2999") && !listed.to_string().contains("@"), "{listed}");

        app.graphql_as(&staff, DECIDE, json!({ "s": waiting, "d": "SUSPEND", "r": "Sūdzības" })).await;
        assert!(!ids(&app.graphql_as(&looking, MENTORS, json!({})).await, "mentors").contains(&waiting));
        assert_eq!(error_code(&app.graphql_as(&looking, MENTOR, json!({ "id": waiting })).await), "NOT_FOUND");
        // Staff still find them.
        let for_staff = app.graphql_as(&staff, MENTOR, json!({ "id": waiting })).await;
        assert_eq!(for_staff["data"]["mentor"]["headline"], "Grāmatvede", "{for_staff}");
    }

    async fn founders_appear_only_when_they_choose_and_only_to_approved_mentors_organisations_and_staff(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (_, shown) = founder(&app, "Galdnieks Daugavpilī", true).await;
        let (_, unlisted) = founder(&app, "Neredzams", false).await;
        let (approved, _) = mentor(&app, &staff, "Mentors", "riga", &["hiring"], true).await;
        let (pending, _) = mentor(&app, &staff, "Gaida", "riga", &["hiring"], false).await;
        let (other_founder, other_id) = founder(&app, "Cits", true).await;

        let seen = app.graphql_as(&approved, FOUNDERS, json!({})).await;
        let found = ids(&seen, "founders");
        assert!(found.contains(&shown) && !found.contains(&unlisted), "{seen}");
        assert!(seen["data"]["founders"]["nodes"][0]["contact"].is_null());
        assert!(!seen.to_string().contains("2888"), "{seen}");
        assert_eq!(error_code(&app.graphql_as(&approved, FOUNDER, json!({ "id": unlisted })).await), "NOT_FOUND");
        let opened = app.graphql_as(&approved, FOUNDER, json!({ "id": shown })).await;
        assert_eq!(opened["data"]["founder"]["headline"], "Galdnieks Daugavpilī", "{opened}");

        // Founders do not find each other (a listed founder finds only their own entry).
        for (client, own) in [(&pending, None), (&other_founder, Some(&other_id))] {
            let found = ids(&app.graphql_as(client, FOUNDERS, json!({})).await, "founders");
            assert!(found.iter().all(|id| Some(id) == own), "{found:?}");
            assert_eq!(error_code(&app.graphql_as(client, FOUNDER, json!({ "id": shown })).await), "NOT_FOUND");
        }
        let everyone = ids(&app.graphql_as(&staff, FOUNDERS, json!({})).await, "founders");
        assert!(everyone.contains(&shown) && everyone.contains(&unlisted), "staff find every founder");
    }

    async fn filters_narrow_the_list_and_pages_follow_each_other_without_gaps_or_repeats(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (me, _) = app.sign_in_as(Role::Founder).await;
        let (_, a) = mentor(&app, &staff, "Ādolfs: nodokļi", "latgale", &["taxes_accounting"], true).await;
        let (_, b) = mentor(&app, &staff, "Baiba: mārketings", "riga", &["marketing_sales"], true).await;
        let (_, c) = mentor(&app, &staff, "Cilda: nodokļi un plāns", "riga", &["taxes_accounting", "business_plan"], true).await;
        let mine = [&a, &b, &c];
        let only_mine = |answer: &Value| ids(answer, "mentors").into_iter().filter(|id| mine.contains(&id)).collect::<Vec<_>>();

        let by_region = app.graphql_as(&me, MENTORS, json!({ "f": { "region": "riga" } })).await;
        assert_eq!(only_mine(&by_region).len(), 2, "{by_region}");
        assert_eq!(by_region["data"]["mentors"]["nodes"][0]["region"]["code"], "riga");
        let by_topic = app.graphql_as(&me, MENTORS, json!({ "f": { "topic": "taxes_accounting" } })).await;
        let mut expected = vec![a.clone(), c.clone()];
        expected.sort();
        let mut got = only_mine(&by_topic);
        got.sort();
        assert_eq!(got, expected);
        let both = app.graphql_as(&me, MENTORS, json!({ "f": { "topic": "taxes_accounting", "region": "riga" } })).await;
        assert_eq!(only_mine(&both), std::slice::from_ref(&c));
        let by_text = app.graphql_as(&me, MENTORS, json!({ "f": { "text": "MĀRKETINGS" } })).await;
        let by_text_ascii = app.graphql_as(&me, MENTORS, json!({ "f": { "text": "baiba" } })).await;
        assert_eq!(only_mine(&by_text_ascii), std::slice::from_ref(&b), "{by_text_ascii}");
        assert!(only_mine(&by_text).len() <= 1, "{by_text}");
        let none = app.graphql_as(&me, MENTORS, json!({ "f": { "language": "de" } })).await;
        assert!(only_mine(&none).is_empty());

        // Two at a time, by name: every mentor once, in order.
        let mut seen = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = app.graphql_as(&me, MENTORS, json!({ "n": 2, "a": after })).await;
            let nodes = page["data"]["mentors"]["nodes"].as_array().unwrap().clone();
            assert!(nodes.len() <= 2, "{page}");
            seen.extend(nodes.iter().map(|n| n["displayName"].as_str().unwrap().to_owned()));
            if page["data"]["mentors"]["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = page["data"]["mentors"]["pageInfo"]["endCursor"].as_str().map(str::to_owned);
        }
        let all = app.graphql_as(&me, MENTOR_NAMES, json!({ "n": 50 })).await;
        let names: Vec<String> = all["data"]["mentors"]["nodes"].as_array().unwrap().iter().map(|n| n["displayName"].as_str().unwrap().to_owned()).collect();
        assert_eq!(seen, names);
        let made_up = app.graphql_as(&me, MENTORS, json!({ "a": "bm90IGEgY3Vyc29y" })).await;
        assert_eq!(error_code(&made_up), "BAD_USER_INPUT", "{made_up}");
    }
}

/// A person of the generated population: as the policy sees them, and whether they have a
/// profile (the directory lists only people with one).
struct Generated {
    person: tilts::domain::policy::Person,
    profile: bool,
}

db_test! {
    async fn the_directory_in_sql_admits_exactly_whom_the_policy_admits_over_a_varied_population(app: TestApp) {
        use std::collections::HashSet;
        use tilts::db::repos::{self, directory::Filter};
        use tilts::domain::{Locale, Standing, UserId, policy::{Person, Purpose, Scope, Ties}, profile::{FounderProfile, MentorProfile}};

        let db = &app.state.db;
        let now = app.state.now();
        let mut people: Vec<Generated> = Vec::new();
        // Every combination of role, standing, disabled, listing and having a profile.
        let mut n = 0u32;
        for role in [Role::Mentor, Role::Founder, Role::Enterprise] {
            for standing in Standing::ALL {
                for (disabled, listed, profile) in [(false, true, true), (false, false, true), (true, true, true), (false, true, false)] {
                    n += 1;
                    let email = tilts::domain::EmailAddress::parse(&format!("p{n}-{}@example.lv", uuid::Uuid::new_v4().simple())).unwrap();
                    let new = repos::users::NewUser { email: &email, password_hash: None, display_name: &format!("Person {n:02}"), role, locale: Locale::Lv, email_verified_at: Some(now) };
                    let account = repos::users::insert(db, new, now).await.unwrap();
                    repos::users::set_standing(db, account.id, account.standing, standing, now).await.unwrap();
                    if disabled {
                        repos::users::set_disabled(db, account.id, true, now).await.unwrap();
                    }
                    if profile && role == Role::Mentor {
                        let p = MentorProfile { headline: "M".into(), region: "riga".into(), languages: vec!["lv".into()], expertise: vec!["hiring".into()], available: listed, ..MentorProfile::default() };
                        repos::profiles::save_mentor(db, account.id, &p, now).await.unwrap();
                    }
                    if profile && role == Role::Founder {
                        let p = FounderProfile { headline: "F".into(), region: "riga".into(), languages: vec!["lv".into()], listed, ..FounderProfile::default() };
                        repos::profiles::save_founder(db, account.id, &p, now).await.unwrap();
                    }
                    let listed = match role { Role::Mentor | Role::Founder => listed, _ => true };
                    people.push(Generated { person: Person { id: account.id, role, standing, disabled, listed }, profile });
                }
            }
        }
        // Viewers: people of the population themselves, and staff; with and without ties.
        let staff = Person { id: UserId(uuid::Uuid::new_v4()), role: Role::Staff, standing: Standing::Approved, disabled: false, listed: true };
        let mut viewers: Vec<Person> = people.iter().map(|g| g.person.clone()).collect();
        viewers.push(staff);
        let some: Vec<UserId> = people.iter().step_by(3).map(|g| g.person.id).collect();
        let others: Vec<UserId> = people.iter().skip(1).step_by(4).map(|g| g.person.id).collect();
        let tie_sets = [Ties::default(), Ties { no_contact: some.iter().copied().collect(), connected: others.iter().copied().collect(), asking: people.iter().skip(2).step_by(5).map(|g| g.person.id).collect(), represents_approved: true }];
        for viewer in &viewers {
            for ties in &tie_sets {
                for purpose in [Purpose::Directory, Purpose::Profile] {
                    let scope = Scope::of(viewer, ties, purpose);
                    let expected = |role: Role| -> HashSet<UserId> {
                        people.iter().filter(|g| g.person.role == role && g.profile && scope.admits(&g.person)).map(|g| g.person.id).collect()
                    };
                    let mentors: HashSet<UserId> = repos::directory::mentors(db, &scope, &Filter::default(), None, 50).await.unwrap().people.into_iter().map(|p| p.id).collect();
                    let founders: HashSet<UserId> = repos::directory::founders(db, &scope, &Filter::default(), None, 50).await.unwrap().people.into_iter().map(|p| p.id).collect();
                    assert_eq!(mentors, expected(Role::Mentor), "mentors for {viewer:?} {purpose:?} {ties:?}");
                    assert_eq!(founders, expected(Role::Founder), "founders for {viewer:?} {purpose:?} {ties:?}");
                }
            }
        }
    }

    async fn searches_ignore_case_in_latvian_and_russian_letters_too(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (looking, _) = app.sign_in_as(Role::Founder).await;
        let (_, mentor_id) = mentor(&app, &staff, "Šūšana un Ремонт одежды", "riga", &["hiring"], true).await;
        for words in ["šūšana", "ŠŪŠANA", "ремонт", "РЕМОНТ", "Ремонт Одежды"] {
            let found = app.graphql_as(&looking, MENTORS, json!({ "f": { "text": words } })).await;
            assert_eq!(ids(&found, "mentors"), std::slice::from_ref(&mentor_id), "{words}: {found}");
        }
        let nothing = app.graphql_as(&looking, MENTORS, json!({ "f": { "text": "šūšanas kurss" } })).await;
        assert!(ids(&nothing, "mentors").is_empty(), "{nothing}");
    }

    async fn rows_made_before_search_texts_existed_are_found_after_the_migration(app: TestApp) {
        use tilts_migrations::MigratorTrait as _;
        let (staff, _) = app.create_staff().await;
        tilts::services::accounts::create_verified(&app.state.db, &app.state, "ervins@example.lv", "Ērvīns Ābols", crate::app::PASSWORD, Role::Founder, tilts::domain::Locale::Lv).await.unwrap();
        let (_, mentor_id) = mentor(&app, &staff, "Ēdināšana", "riga", &["hiring"], true).await;
        // Back to before the column, and forward again: the migration fills it in.
        let migrations = tilts_migrations::Migrator::migrations();
        let search_text = migrations.iter().position(|m| m.name() == "m20261202_000017_search_text").unwrap();
        let steps = u32::try_from(migrations.len() - search_text).unwrap();
        tilts_migrations::Migrator::down(&app.state.db, Some(steps)).await.unwrap();
        tilts_migrations::Migrator::up(&app.state.db, None).await.unwrap();
        let people = app.graphql_as(&staff, "{ people(search: \"ĀBOLS\", first: 5) { nodes { displayName } } }", json!({})).await;
        assert_eq!(people["data"]["people"]["nodes"][0]["displayName"], "Ērvīns Ābols", "{people}");
        let (looking, _) = app.sign_in_as(Role::Founder).await;
        let found = app.graphql_as(&looking, MENTORS, json!({ "f": { "text": "ĒDINĀŠANA" } })).await;
        assert_eq!(ids(&found, "mentors"), [mentor_id], "{found}");
    }
}
