//! Founders and mentors present themselves: their own profile, saved whole or not at all.

use serde_json::{Value, json};
use tilts::domain::Role;

use crate::app::error_code;

const MY_PROFILE: &str = "{ myProfile { founder { headline businessIdea stage needs skills sectors region languages seekingMentor listed shareEmail sharePhone phone } mentor { headline bio expertise sectors region meeting languages capacity available peerMentor mentorsNgos shareEmail sharePhone phone } } }";

const UPDATE_FOUNDER: &str =
    "mutation($i: FounderProfileInput!) { updateFounderProfile(input: $i) { headline region languages needs listed } }";

const UPDATE_MENTOR: &str =
    "mutation($i: MentorProfileInput!) { updateMentorProfile(input: $i) { headline capacity expertise available } }";

fn founder_input() -> Value {
    json!({
        "headline": "  Galdnieks, kas grib savu darbnīcu  ",
        "businessIdea": "Mēbeļu remonts un restaurācija Daugavpilī.\nSākumā mājās.",
        "stage": "STARTING",
        "needs": ["business_plan", "marketing_sales", "business_plan"],
        "skills": "Galdniecība, krāsošana",
        "sectors": ["crafts_manufacturing"],
        "region": "latgale",
        "languages": ["ru", "lv"],
        "seekingMentor": true,
        "sharePhone": true,
        "phone": "+371 2000 0000"
    })
}

fn mentor_input() -> Value {
    json!({
        "headline": "Grāmatvede ar 20 gadu pieredzi",
        "bio": "Palīdzu ar nodokļiem un naudas plūsmu.",
        "expertise": ["taxes_accounting", "financial_management"],
        "sectors": [],
        "region": "riga",
        "meeting": "BOTH",
        "languages": ["lv", "ru"],
        "capacity": 3,
        "available": true,
        "peerMentor": false,
        "mentorsNgos": true
    })
}

/// `input` with `field` set to `value`.
fn with(mut input: Value, field: &str, value: Value) -> Value {
    input[field] = value;
    input
}

db_test! {
    async fn a_founder_saves_a_profile_and_reads_it_back_trimmed_and_unlisted_by_default(app: TestApp) {
        let (founder, _) = app.sign_in_as(Role::Founder).await;
        let before = app.graphql_as(&founder, MY_PROFILE, json!({})).await;
        assert_eq!(before["data"]["myProfile"]["founder"]["headline"], "", "defaults before the first save: {before}");
        assert!(before["data"]["myProfile"]["mentor"].is_null());

        let saved = app.graphql_as(&founder, UPDATE_FOUNDER, json!({ "i": founder_input() })).await;
        assert!(saved["errors"].is_null(), "{saved}");
        let mine = app.graphql_as(&founder, MY_PROFILE, json!({})).await;
        let profile = &mine["data"]["myProfile"]["founder"];
        assert_eq!(profile["headline"], "Galdnieks, kas grib savu darbnīcu");
        assert_eq!(profile["needs"], json!(["business_plan", "marketing_sales"]), "in order, once each");
        assert_eq!(profile["languages"], json!(["ru", "lv"]));
        assert_eq!(profile["stage"], "STARTING");
        assert_eq!(profile["listed"], false, "nobody is in the directory unless they choose to be");
        assert_eq!(profile["phone"], "+371 2000 0000");

        // Saving again replaces the whole profile.
        let listed = with(with(founder_input(), "listed", json!(true)), "needs", json!(["hiring"]));
        let again = app.graphql_as(&founder, UPDATE_FOUNDER, json!({ "i": listed })).await;
        assert_eq!(again["data"]["updateFounderProfile"]["needs"], json!(["hiring"]), "{again}");
        assert_eq!(again["data"]["updateFounderProfile"]["listed"], true);
    }

    async fn invalid_profiles_get_a_translated_field_error_and_nothing_is_saved(app: TestApp) {
        let (founder, _) = app.sign_in_as(Role::Founder).await;
        let saved = app.graphql_as(&founder, UPDATE_FOUNDER, json!({ "i": founder_input() })).await;
        assert!(saved["errors"].is_null(), "{saved}");
        let stored = app.graphql_as(&founder, MY_PROFILE, json!({})).await;

        let cases = [
            (with(founder_input(), "headline", json!("   ")), "headline", "Write a headline"),
            (with(founder_input(), "headline", json!("x".repeat(10_000))), "headline", "120"),
            (with(founder_input(), "region", json!("atlantis")), "region", "Choose from the list"),
            (with(founder_input(), "sectors", json!(["riga"])), "sectors", "Choose from the list"),
            (with(founder_input(), "languages", json!([])), "languages", "at least one language"),
            (with(founder_input(), "businessIdea", json!("x".repeat(2001))), "businessIdea", "2,000"),
            (with(founder_input(), "phone", json!("call me")), "phone", "+371 2000 0000"),
        ];
        for (input, field, message) in cases {
            let answer = app.graphql_as(&founder, UPDATE_FOUNDER, json!({ "i": input })).await;
            assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{field}: {answer}");
            assert_eq!(answer["errors"][0]["extensions"]["field"], field, "{answer}");
            let text = answer["errors"][0]["message"].as_str().unwrap_or_default();
            assert!(text.contains(message), "{field}: {text}");
        }
        assert_eq!(app.graphql_as(&founder, MY_PROFILE, json!({})).await, stored, "nothing was saved");

        // In the person's own language.
        let ru = app.graphql_as(&founder, "mutation { updateMyLocale(locale: RU) { locale } }", json!({})).await;
        assert!(ru["errors"].is_null(), "{ru}");
        let answer = app.graphql_as(&founder, UPDATE_FOUNDER, json!({ "i": with(founder_input(), "region", json!("")) })).await;
        assert_eq!(answer["errors"][0]["message"], "Выберите свой регион.", "{answer}");
    }

    async fn a_pending_mentor_fills_in_a_profile_with_a_capacity_of_one_to_ten(app: TestApp) {
        let (mentor, _) = app.sign_in_as(Role::Mentor).await;
        let standing = app.graphql_as(&mentor, "{ viewer { standing } }", json!({})).await;
        assert_eq!(standing["data"]["viewer"]["standing"], "PENDING");
        let defaults = app.graphql_as(&mentor, MY_PROFILE, json!({})).await;
        assert_eq!(defaults["data"]["myProfile"]["mentor"]["capacity"], 2, "{defaults}");
        assert!(defaults["data"]["myProfile"]["founder"].is_null());

        for capacity in [0, 11, -1, 1_000_000] {
            let answer = app.graphql_as(&mentor, UPDATE_MENTOR, json!({ "i": with(mentor_input(), "capacity", json!(capacity)) })).await;
            assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{capacity}: {answer}");
            assert_eq!(answer["errors"][0]["extensions"]["field"], "capacity");
        }
        let no_topics = app.graphql_as(&mentor, UPDATE_MENTOR, json!({ "i": with(mentor_input(), "expertise", json!([])) })).await;
        assert_eq!(no_topics["errors"][0]["extensions"]["field"], "expertise", "{no_topics}");
        let unchanged = app.graphql_as(&mentor, MY_PROFILE, json!({})).await;
        assert_eq!(unchanged, defaults, "nothing was saved");

        let saved = app.graphql_as(&mentor, UPDATE_MENTOR, json!({ "i": mentor_input() })).await;
        assert!(saved["errors"].is_null(), "{saved}");
        let mine = app.graphql_as(&mentor, MY_PROFILE, json!({})).await;
        let profile = &mine["data"]["myProfile"]["mentor"];
        assert_eq!(profile["capacity"], 3);
        assert_eq!(profile["expertise"], json!(["taxes_accounting", "financial_management"]));
        assert_eq!(profile["meeting"], "BOTH");
        assert_eq!(profile["mentorsNgos"], true);
    }

    async fn each_profile_mutation_refuses_every_other_role(app: TestApp) {
        let callers = [
            (None, crate::app::TestApp::new_client()),
            (Some(Role::Founder), app.sign_in_as(Role::Founder).await.0),
            (Some(Role::Mentor), app.sign_in_as(Role::Mentor).await.0),
            (Some(Role::Enterprise), app.sign_in_as(Role::Enterprise).await.0),
            (Some(Role::Staff), app.create_staff().await.0),
            (Some(Role::Admin), app.create_admin().await.0),
        ];
        for (role, client) in &callers {
            let founder = app.graphql_as(client, UPDATE_FOUNDER, json!({ "i": founder_input() })).await;
            let mentor = app.graphql_as(client, UPDATE_MENTOR, json!({ "i": mentor_input() })).await;
            let expected = |allowed: Role| match role {
                None => "UNAUTHENTICATED",
                Some(r) if *r == allowed => "<no error>",
                Some(_) => "FORBIDDEN",
            };
            assert_eq!(error_code(&founder), expected(Role::Founder), "{role:?}: {founder}");
            assert_eq!(error_code(&mentor), expected(Role::Mentor), "{role:?}: {mentor}");
            if role.is_some() {
                let mine = app.graphql_as(client, MY_PROFILE, json!({})).await;
                assert!(mine["errors"].is_null(), "{role:?}: {mine}");
            }
        }
    }

    async fn a_use_case_runs_inside_its_callers_transaction_and_goes_with_it(app: TestApp) {
        use sea_orm::TransactionTrait;
        use tilts::domain::{EmailAddress, profile::FounderProfile};
        use tilts::services::profiles;

        let email = app.create_account(Role::Founder).await;
        let address = EmailAddress::parse(&email).unwrap();
        let account = tilts::db::repos::users::find_by_email(&app.state.db, &address).await.unwrap().unwrap().account;
        let profile = |headline: &str| FounderProfile {
            headline: headline.to_owned(),
            region: "kurzeme".to_owned(),
            languages: vec!["lv".to_owned()],
            ..FounderProfile::default()
        };
        let stored = || async {
            match profiles::own(&app.state.db, &account).await.unwrap() {
                profiles::OwnProfile::Founder(profile) => profile.headline,
                other => panic!("a founder's own profile, not {other:?}"),
            }
        };

        // The vocabularies first, outside the caller's transaction (as a request reads them):
        // on SQLite a transaction that reads and then writes fails at once when the server's
        // scheduler committed a write in between.
        tilts::services::taxonomies::all(&app.state.db, &app.state).await.unwrap();

        // The caller rolls back: the use case's own commit was only a savepoint inside it.
        let caller = app.state.db.begin().await.unwrap();
        profiles::save_founder(&caller, &app.state, &account, profile("Atcelts")).await.unwrap();
        caller.rollback().await.unwrap();
        assert_eq!(stored().await, "", "nothing of a rolled-back caller's transaction stays");

        // The caller commits: what the use case wrote lands with it.
        let caller = app.state.db.begin().await.unwrap();
        profiles::save_founder(&caller, &app.state, &account, profile("Saglabāts")).await.unwrap();
        caller.commit().await.unwrap();
        assert_eq!(stored().await, "Saglabāts");
    }
}
