//! VPD staff approve, reject, suspend and reinstate people; each decision is audited and told.

use serde_json::json;
use tilts::domain::Role;

use crate::app::error_code;

const DECIDE: &str = "mutation($s: ID!, $d: ModerationDecision!, $r: String) { decideModeration(subjectId: $s, decision: $d, reason: $r) { id role standing } }";

const QUEUE: &str = "query($f: Int!, $a: String) { moderationQueue(first: $f, after: $a) { nodes { id role email } edges { cursor node { displayName } } pageInfo { hasNextPage endCursor } } }";

db_test! {
    async fn the_queue_pages_through_people_waiting_longest_first_and_a_decision_takes_them_out(app: TestApp) {
        let mut waiting = Vec::new();
        for role in [Role::Mentor, Role::Enterprise, Role::Mentor] {
            let (client, email) = app.sign_in_as(role).await;
            let id = app.graphql_as(&client, "{ viewer { id } }", json!({})).await["data"]["viewer"]["id"].clone();
            waiting.push((id, email));
            app.clock.advance(chrono::Duration::minutes(5));
        }
        app.sign_in_as(Role::Founder).await;
        let (staff, _) = app.create_staff().await;

        let first = app.graphql_as(&staff, QUEUE, json!({ "f": 2 })).await;
        let page = &first["data"]["moderationQueue"];
        assert_eq!(page["nodes"].as_array().map(Vec::len), Some(2), "{first}");
        assert_eq!(page["nodes"][0]["id"], waiting[0].0);
        assert_eq!(page["nodes"][0]["email"], waiting[0].1.as_str());
        assert_eq!(page["nodes"][1]["id"], waiting[1].0);
        assert_eq!(page["pageInfo"]["hasNextPage"], true);
        let rest = app.graphql_as(&staff, QUEUE, json!({ "f": 2, "a": page["pageInfo"]["endCursor"] })).await;
        let rest = &rest["data"]["moderationQueue"];
        assert_eq!(rest["nodes"].as_array().map(Vec::len), Some(1), "{rest}");
        assert_eq!(rest["nodes"][0]["id"], waiting[2].0);
        assert_eq!(rest["pageInfo"]["hasNextPage"], false);

        let approved = app.graphql_as(&staff, DECIDE, json!({ "s": waiting[0].0, "d": "APPROVE" })).await;
        assert!(approved["errors"].is_null(), "{approved}");
        let after = app.graphql_as(&staff, QUEUE, json!({ "f": 10 })).await;
        let ids: Vec<&serde_json::Value> = after["data"]["moderationQueue"]["nodes"].as_array().unwrap().iter().map(|n| &n["id"]).collect();
        assert_eq!(ids, [&waiting[1].0, &waiting[2].0]);

        let made_up = app.graphql_as(&staff, QUEUE, json!({ "f": 2, "a": "bm90IGEgY3Vyc29y" })).await;
        assert_eq!(error_code(&made_up), "BAD_USER_INPUT", "{made_up}");
        let (mentor, _) = app.sign_in_as(Role::Mentor).await;
        assert_eq!(error_code(&app.graphql_as(&mentor, QUEUE, json!({ "f": 2 })).await), "FORBIDDEN");
    }

    async fn staff_approve_suspend_and_reinstate_a_mentor_who_is_told_each_time(app: TestApp) {
        let (mentor, mentor_email) = app.sign_in_as(Role::Mentor).await;
        let me = app.graphql_as(&mentor, "{ viewer { id standing } }", json!({})).await;
        assert_eq!(me["data"]["viewer"]["standing"], "PENDING", "{me}");
        let id = me["data"]["viewer"]["id"].as_str().unwrap().to_owned();
        let (staff, _) = app.create_staff().await;
        let decide = |decision: &'static str, reason: Option<&'static str>| {
            let (staff, id) = (staff.clone(), id.clone());
            let app = &app;
            async move { app.graphql_as(&staff, DECIDE, json!({ "s": id, "d": decision, "r": reason })).await }
        };

        let approved = decide("APPROVE", None).await;
        assert_eq!(approved["data"]["decideModeration"]["standing"], "APPROVED", "{approved}");
        let mail = app.smtp.wait_for_message_to(&mentor_email).await;
        assert_eq!(mail.subject, "Your Tilts account is approved");
        let me = app.graphql_as(&mentor, "{ viewer { standing } }", json!({})).await;
        assert_eq!(me["data"]["viewer"]["standing"], "APPROVED");

        // A decision that does not fit the standing, and one without its reason.
        let again = decide("APPROVE", None).await;
        assert_eq!(error_code(&again), "CONFLICT", "{again}");
        assert_eq!(again["errors"][0]["extensions"]["reason"], "DECISION_DOES_NOT_APPLY");
        let reasonless = decide("SUSPEND", Some("   ")).await;
        assert_eq!(error_code(&reasonless), "BAD_USER_INPUT", "{reasonless}");
        assert_eq!(reasonless["errors"][0]["extensions"]["field"], "reason");

        let suspended = decide("SUSPEND", Some("Complaints from two founders; we will call you.")).await;
        assert_eq!(suspended["data"]["decideModeration"]["standing"], "SUSPENDED", "{suspended}");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let suspension = loop {
            let mails = app.smtp.messages_to(&mentor_email);
            if let Some(mail) = mails.into_iter().find(|m| m.subject == "Your Tilts account is suspended") {
                break mail;
            }
            assert!(std::time::Instant::now() < deadline, "no suspension e-mail");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        };
        assert!(suspension.text.contains("Complaints from two founders; we will call you."), "{}", suspension.text);

        let reinstated = decide("REINSTATE", None).await;
        assert_eq!(reinstated["data"]["decideModeration"]["standing"], "APPROVED", "{reinstated}");

        let uuid = uuid::Uuid::parse_str(&id).unwrap();
        let audit = tilts::db::repos::audit::for_subject(&app.state.db, uuid).await.unwrap();
        let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).filter(|a| a.starts_with("moderation.")).collect();
        assert_eq!(actions, ["moderation.approve", "moderation.suspend", "moderation.reinstate"]);
    }

    async fn unknown_people_and_vpd_accounts_are_not_found_and_others_may_not_decide(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (admin, _) = app.create_admin().await;
        let admin_id = app.graphql_as(&admin, "{ viewer { id } }", json!({})).await["data"]["viewer"]["id"].clone();
        for subject in [json!("00000000-0000-0000-0000-000000000000"), json!("not-an-id"), admin_id] {
            let answer = app.graphql_as(&staff, DECIDE, json!({ "s": subject, "d": "APPROVE" })).await;
            assert_eq!(error_code(&answer), "NOT_FOUND", "{answer}");
        }
        let (mentor, _) = app.sign_in_as(Role::Mentor).await;
        let mentor_id = app.graphql_as(&mentor, "{ viewer { id } }", json!({})).await["data"]["viewer"]["id"].clone();
        for role in [Role::Founder, Role::Mentor, Role::Enterprise] {
            let (client, _) = app.sign_in_as(role).await;
            let answer = app.graphql_as(&client, DECIDE, json!({ "s": mentor_id, "d": "APPROVE" })).await;
            assert_eq!(error_code(&answer), "FORBIDDEN", "{role:?}: {answer}");
        }
        let anonymous = app.graphql(DECIDE, json!({ "s": mentor_id, "d": "APPROVE" })).await;
        assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
        let still = app.graphql_as(&mentor, "{ viewer { standing } }", json!({})).await;
        assert_eq!(still["data"]["viewer"]["standing"], "PENDING");
    }
}
