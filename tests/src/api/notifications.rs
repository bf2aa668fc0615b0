//! In-app notifications: every moderation decision reaches the person in the app (and by
//! e-mail), in their language; only they can read or mark theirs.

use serde_json::json;
use tilts::domain::Role;

use crate::api::directory::{DECIDE, id_of};
use crate::app::error_code;

const LIST: &str = "query($n: Int!, $a: String) { notifications(first: $n, after: $a) { nodes { id kind title body link read createdAt } pageInfo { hasNextPage endCursor } } unreadNotificationCount }";
const MARK: &str = "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }";

db_test! {
    async fn each_moderation_decision_reaches_the_person_in_the_app_and_by_e_mail(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (mentor, email) = app.sign_in_as(Role::Mentor).await;
        let mentor_id = id_of(&app, &mentor).await;
        let empty = app.graphql_as(&mentor, LIST, json!({ "n": 10 })).await;
        assert_eq!(empty["data"]["unreadNotificationCount"], 0, "{empty}");

        app.graphql_as(&staff, DECIDE, json!({ "s": mentor_id, "d": "APPROVE" })).await;
        app.smtp.wait_for_message_to(&email).await;
        let approved = app.graphql_as(&mentor, LIST, json!({ "n": 10 })).await;
        assert_eq!(approved["data"]["unreadNotificationCount"], 1, "{approved}");
        let first = &approved["data"]["notifications"]["nodes"][0];
        assert_eq!(first["kind"], "MODERATION_DECISION");
        assert_eq!(first["title"], "Account approved", "in the person's language: {approved}");
        assert_eq!(first["link"], "/account");
        assert_eq!(first["read"], false);

        app.graphql_as(&staff, DECIDE, json!({ "s": mentor_id, "d": "SUSPEND", "r": "Sūdzības par uzvedību" })).await;
        let in_latvian = app.graphql_as(&mentor, LIST, json!({ "n": 10 })).await;
        let newest = &in_latvian["data"]["notifications"]["nodes"][0];
        assert!(newest["body"].as_str().unwrap().contains("Sūdzības par uzvedību"), "the reason is told: {in_latvian}");
        assert_eq!(in_latvian["data"]["unreadNotificationCount"], 2);
        // The e-mail of each decision too.
        for _ in 0..300 {
            if app.smtp.messages_to(&email).len() >= 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(app.smtp.messages_to(&email).len(), 2, "an e-mail for each decision");

        // Reading marks them; someone else's ids change nothing.
        let (other, _) = app.sign_in_as(Role::Founder).await;
        let ids: Vec<_> = in_latvian["data"]["notifications"]["nodes"].as_array().unwrap().iter().map(|n| n["id"].clone()).collect();
        let by_other = app.graphql_as(&other, MARK, json!({ "ids": ids })).await;
        assert_eq!(by_other["data"]["markNotificationsRead"], 0, "{by_other}");
        let still = app.graphql_as(&mentor, "{ unreadNotificationCount }", json!({})).await;
        assert_eq!(still["data"]["unreadNotificationCount"], 2, "{still}");
        let others_list = app.graphql_as(&other, LIST, json!({ "n": 10 })).await;
        assert_eq!(others_list["data"]["notifications"]["nodes"], json!([]), "{others_list}");
        let marked = app.graphql_as(&mentor, MARK, json!({ "ids": [ids[0]] })).await;
        assert_eq!(marked["data"]["markNotificationsRead"], 1, "{marked}");
        let paged = app.graphql_as(&mentor, LIST, json!({ "n": 1 })).await;
        assert_eq!(paged["data"]["notifications"]["nodes"][0]["read"], true, "{paged}");
        assert_eq!(paged["data"]["notifications"]["pageInfo"]["hasNextPage"], true);
        let rest = app.graphql_as(&mentor, LIST, json!({ "n": 1, "a": paged["data"]["notifications"]["pageInfo"]["endCursor"] })).await;
        assert_eq!(rest["data"]["notifications"]["nodes"][0]["title"], "Account approved", "{rest}");
        let bad = app.graphql_as(&mentor, LIST, json!({ "n": 1, "a": "eA" })).await;
        assert_eq!(error_code(&bad), "BAD_USER_INPUT", "{bad}");

        // Nobody signed in: nothing.
        let anonymous = app.graphql("{ unreadNotificationCount }", json!({})).await;
        assert_eq!(error_code(&anonymous), "UNAUTHENTICATED", "{anonymous}");
    }
}
