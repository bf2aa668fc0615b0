//! VPD staff's search over everyone with an account.

use serde_json::json;
use tilts::domain::{Locale, Role};

use crate::app::{PASSWORD, error_code};

const PEOPLE: &str = "query($s: String, $r: Role, $n: Int!, $a: String) { people(search: $s, role: $r, first: $n, after: $a) { nodes { id displayName email role standing disabled } pageInfo { hasNextPage endCursor } } }";

db_test! {
    async fn staff_find_anyone_by_name_or_address_whatever_their_role_or_standing(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        for (email, name, role) in [
            ("janis.ozols@example.lv", "Jānis Ozols", Role::Founder),
            ("ozolu.darbnica@example.lv", "Darbnīca", Role::Enterprise),
            ("ilze@example.lv", "Ilze Ozoliņa", Role::Mentor),
            ("peteris@example.lv", "Pēteris", Role::Founder),
        ] {
            tilts::services::accounts::create_verified(&app.state.db, &app.state, email, name, PASSWORD, role, Locale::Lv).await.unwrap();
        }
        let names = |answer: &serde_json::Value| -> Vec<String> {
            answer["data"]["people"]["nodes"].as_array().unwrap_or_else(|| panic!("{answer}")).iter().map(|n| n["displayName"].as_str().unwrap().to_owned()).collect()
        };
        // By name (any case) or by address; the pending organisation member too.
        let found = app.graphql_as(&staff, PEOPLE, json!({ "s": "OZOL", "n": 20 })).await;
        assert_eq!(names(&found), ["Darbnīca", "Ilze Ozoliņa", "Jānis Ozols"], "{found}");
        assert_eq!(found["data"]["people"]["nodes"][0]["standing"], "PENDING");
        let founders = app.graphql_as(&staff, PEOPLE, json!({ "s": "ozol", "r": "FOUNDER", "n": 20 })).await;
        assert_eq!(names(&founders), ["Jānis Ozols"]);

        // Pages in name order, without repeats.
        let first = app.graphql_as(&staff, PEOPLE, json!({ "n": 2 })).await;
        assert_eq!(first["data"]["people"]["pageInfo"]["hasNextPage"], true, "{first}");
        let rest = app.graphql_as(&staff, PEOPLE, json!({ "n": 20, "a": first["data"]["people"]["pageInfo"]["endCursor"] })).await;
        let mut all = names(&first);
        all.extend(names(&rest));
        let mut sorted = all.clone();
        sorted.sort();
        assert_eq!(all, sorted);
        assert_eq!(all.len(), 5, "four people and the staff member: {all:?}");

        let bad = app.graphql_as(&staff, PEOPLE, json!({ "a": "bm9wZQ", "n": 20 })).await;
        assert_eq!(error_code(&bad), "BAD_USER_INPUT", "{bad}");
        let wildcard = app.graphql_as(&staff, PEOPLE, json!({ "s": "%", "n": 20 })).await;
        assert_eq!(names(&wildcard).len(), 5, "a wildcard is not a pattern: {wildcard}");
    }
}
