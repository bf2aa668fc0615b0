//! Organisations: an organisation account creates one, staff approve it before anyone finds
//! it, suspension hides it at once, representatives invite others through staff, and a founder
//! never sees an organisation working in a sector their supervision excludes.

use serde_json::{Value, json};
use tilts::domain::Role;

use crate::app::{PASSWORD, TestApp, error_code};

const CREATE: &str = "mutation($i: OrganisationInput!) { createOrganisation(input: $i) { id name registrationNumber standing sectors region website representatives { displayName } } }";
const UPDATE: &str =
    "mutation($id: ID!, $i: OrganisationInput!) { updateOrganisation(id: $id, input: $i) { id name standing } }";
const MINE: &str =
    "{ myOrganisations { id name standing representatives { id displayName } invitations { email status } } }";
const LIST: &str = "query($f: OrganisationFilter, $n: Int!, $a: String) { organisations(filter: $f, first: $n, after: $a) { nodes { id name kind sectors { code label } region { code } supportsTargetGroup } pageInfo { hasNextPage endCursor } } }";
const ONE: &str = "query($id: ID!) { organisation(id: $id) { id name description website } }";
const INVITE: &str =
    "mutation($o: ID!, $e: String!) { inviteRepresentative(organisationId: $o, email: $e) { id email status } }";
const DECIDE: &str = "mutation($s: ID!, $d: ModerationDecision!, $r: String) { decideModeration(subjectId: $s, decision: $d, reason: $r) { id kind displayName standing } }";
const QUEUE: &str =
    "{ moderationQueue(first: 20) { nodes { id kind displayName email organisation registrationNumber } } }";
const NOTIFICATIONS: &str = "{ notifications(first: 10) { nodes { kind title body link } } }";

/// A fresh 11-digit registration number.
fn number() -> String {
    format!("4{:010}", uuid::Uuid::new_v4().as_u128() % 10_000_000_000)
}

fn input(name: &str, sectors: &[&str]) -> Value {
    json!({
        "name": name,
        "registrationNumber": number(),
        "kind": "SOCIAL_ENTERPRISE",
        "registeredSocialEnterprise": true,
        "sectors": sectors,
        "region": "kurzeme",
        "website": "darbnica.example.lv",
        "description": "Mēbeļu restaurācija; pieņemam darbā cilvēkus pēc soda izciešanas.",
        "supportsTargetGroup": true,
    })
}

/// The e-mail to `to` with `subject`, waiting for the outbox.
async fn mail_titled(app: &TestApp, to: &str, subject: &str) -> crate::smtp::ReceivedMail {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Some(mail) = app.smtp.messages_to(to).into_iter().find(|m| m.subject == subject) {
            return mail;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no e-mail to {to} titled {subject}: {:?}",
            app.smtp.messages_to(to).iter().map(|m| m.subject.clone()).collect::<Vec<_>>()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// An organisation account with an organisation of `sectors`, approved by `staff`; returns
/// the representative's client and e-mail, and the organisation's id.
async fn approved_organisation(
    app: &TestApp,
    staff: &reqwest::Client,
    name: &str,
    sectors: &[&str],
) -> (reqwest::Client, String, Value) {
    let (representative, email) = app.sign_in_as(Role::Enterprise).await;
    let created = app.graphql_as(&representative, CREATE, json!({ "i": input(name, sectors) })).await;
    let id = created["data"]["createOrganisation"]["id"].clone();
    assert!(id.is_string(), "{created}");
    let approved = app.graphql_as(staff, DECIDE, json!({ "s": id, "d": "APPROVE" })).await;
    assert_eq!(approved["data"]["decideModeration"]["standing"], "APPROVED", "{approved}");
    (representative, email, id)
}

fn names(answer: &Value) -> Vec<String> {
    answer["data"]["organisations"]["nodes"]
        .as_array()
        .map(|nodes| nodes.iter().filter_map(|n| n["name"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

db_test! {
    async fn an_organisation_is_found_only_after_approval_and_vanishes_when_suspended(app: TestApp) {
        let (representative, email) = app.sign_in_as(Role::Enterprise).await;
        let created = app.graphql_as(&representative, CREATE, json!({ "i": input("Darbnīca Kuldīga", &["crafts_manufacturing", "crafts_manufacturing"]) })).await;
        let org = &created["data"]["createOrganisation"];
        assert_eq!(org["standing"], "PENDING", "{created}");
        assert_eq!(org["sectors"], json!(["crafts_manufacturing"]));
        assert_eq!(org["website"], "https://darbnica.example.lv/");
        assert_eq!(org["representatives"][0]["displayName"], "Test Person");
        let id = org["id"].clone();

        let (founder, _) = app.sign_in_as(Role::Founder).await;
        let (mentor, _) = app.sign_in_as(Role::Mentor).await;
        let (staff, _) = app.create_staff().await;
        let nobody = json!({ "id": uuid::Uuid::new_v4().to_string() });
        for client in [&founder, &mentor] {
            assert!(!names(&app.graphql_as(client, LIST, json!({ "n": 10 })).await).contains(&"Darbnīca Kuldīga".to_owned()));
            let hidden = app.graphql_as(client, ONE, json!({ "id": id })).await;
            let unknown = app.graphql_as(client, ONE, nobody.clone()).await;
            assert_eq!(error_code(&hidden), "NOT_FOUND", "{hidden}");
            assert_eq!(hidden["errors"][0]["message"], unknown["errors"][0]["message"]);
        }
        // Its representative sees it while it waits.
        assert_eq!(app.graphql_as(&representative, ONE, json!({ "id": id })).await["data"]["organisation"]["id"], id);

        let queue = app.graphql_as(&staff, QUEUE, json!({})).await;
        let queued: Vec<&Value> = queue["data"]["moderationQueue"]["nodes"].as_array().unwrap().iter().filter(|n| n["id"] == id).collect();
        assert_eq!(queued.len(), 1, "{queue}");
        assert_eq!(queued[0]["kind"], "ORGANISATION");
        assert_eq!(queued[0]["displayName"], "Darbnīca Kuldīga");

        let approved = app.graphql_as(&staff, DECIDE, json!({ "s": id, "d": "APPROVE" })).await;
        assert_eq!(approved["data"]["decideModeration"]["kind"], "ORGANISATION", "{approved}");
        mail_titled(&app, &email, "“Darbnīca Kuldīga” is approved in Tilts").await;
        let told = app.graphql_as(&representative, NOTIFICATIONS, json!({})).await;
        assert_eq!(told["data"]["notifications"]["nodes"][0]["kind"], "ORGANISATION_DECISION", "{told}");
        assert_eq!(told["data"]["notifications"]["nodes"][0]["link"], "/organisation");
        for client in [&founder, &mentor] {
            let listed = app.graphql_as(client, LIST, json!({ "n": 10, "f": { "region": "kurzeme", "sector": "crafts_manufacturing", "text": "KULDĪGA" } })).await;
            assert_eq!(names(&listed), ["Darbnīca Kuldīga"], "{listed}");
            let page = &listed["data"]["organisations"]["nodes"][0];
            assert_eq!(page["sectors"][0]["label"], "Crafts and manufacturing");
            assert_eq!(page["kind"], "SOCIAL_ENTERPRISE");
            assert_eq!(app.graphql_as(client, ONE, json!({ "id": id })).await["data"]["organisation"]["id"], id);
        }

        let suspended = app.graphql_as(&staff, DECIDE, json!({ "s": id, "d": "SUSPEND", "r": "Reģistrs to dzēsis." })).await;
        assert_eq!(suspended["data"]["decideModeration"]["standing"], "SUSPENDED", "{suspended}");
        let mail = mail_titled(&app, &email, "“Darbnīca Kuldīga” is suspended").await;
        assert!(mail.text.contains("Reģistrs to dzēsis."), "{}", mail.text);
        for client in [&founder, &mentor] {
            assert!(names(&app.graphql_as(client, LIST, json!({ "n": 10 })).await).is_empty());
            assert_eq!(error_code(&app.graphql_as(client, ONE, json!({ "id": id })).await), "NOT_FOUND");
        }
        let mine = app.graphql_as(&representative, MINE, json!({})).await;
        assert_eq!(mine["data"]["myOrganisations"][0]["standing"], "SUSPENDED", "{mine}");
        let reinstated = app.graphql_as(&staff, DECIDE, json!({ "s": id, "d": "REINSTATE" })).await;
        assert_eq!(reinstated["data"]["decideModeration"]["standing"], "APPROVED", "{reinstated}");
        assert_eq!(names(&app.graphql_as(&founder, LIST, json!({ "n": 10 })).await), ["Darbnīca Kuldīga"]);

        let uuid = uuid::Uuid::parse_str(id.as_str().unwrap()).unwrap();
        let audit = tilts::db::repos::audit::for_subject(&app.state.db, uuid).await.unwrap();
        let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["organisation.create", "moderation.approve", "moderation.suspend", "moderation.reinstate"]);
    }

    async fn invalid_organisations_get_a_field_error_and_nothing_is_saved(app: TestApp) {
        let (representative, _) = app.sign_in_as(Role::Enterprise).await;
        let with = |field: &str, value: Value| {
            let mut i = input("Darbnīca", &["creative"]);
            i[field] = value;
            i
        };
        let cases = [
            (with("name", json!("  ")), "name"),
            (with("name", json!("x".repeat(10_000))), "name"),
            (with("registrationNumber", json!("12345")), "registrationNumber"),
            (with("region", json!("atlantis")), "region"),
            (with("sectors", json!([])), "sectors"),
            (with("sectors", json!(["piracy"])), "sectors"),
            (with("website", json!("javascript:alert(1)")), "website"),
            (with("description", json!("x".repeat(2001))), "description"),
        ];
        for (i, field) in cases {
            let answer = app.graphql_as(&representative, CREATE, json!({ "i": i })).await;
            assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{field}: {answer}");
            assert_eq!(answer["errors"][0]["extensions"]["field"], field, "{answer}");
        }
        assert_eq!(app.graphql_as(&representative, MINE, json!({})).await["data"]["myOrganisations"], json!([]));

        assert_eq!(app.graphql_as(&representative, MINE, json!({})).await["data"]["myOrganisations"], json!([]));
    }

    async fn a_registration_number_is_held_only_by_an_approved_organisation(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let first = input("Darbnīca", &["creative"]);
        let (representative, _) = app.sign_in_as(Role::Enterprise).await;
        let created = app.graphql_as(&representative, CREATE, json!({ "i": first })).await;
        // A number waiting for approval holds nothing and tells nobody it waits.
        let (other, _) = app.sign_in_as(Role::Enterprise).await;
        let twin = app.graphql_as(&other, CREATE, json!({ "i": first })).await;
        assert!(twin["errors"].is_null(), "{twin}");
        let approved = app.graphql_as(&staff, DECIDE, json!({ "s": created["data"]["createOrganisation"]["id"], "d": "APPROVE" })).await;
        assert!(approved["errors"].is_null(), "{approved}");
        // Staff cannot approve a second organisation with an approved one's number ...
        let second = app.graphql_as(&staff, DECIDE, json!({ "s": twin["data"]["createOrganisation"]["id"], "d": "APPROVE" })).await;
        assert_eq!(error_code(&second), "CONFLICT", "{second}");
        assert_eq!(second["errors"][0]["extensions"]["reason"], "REGISTRATION_NUMBER_TAKEN");
        // ... and a newcomer is told to ask its representative.
        let (third, _) = app.sign_in_as(Role::Enterprise).await;
        let taken = app.graphql_as(&third, CREATE, json!({ "i": first })).await;
        assert_eq!(error_code(&taken), "CONFLICT", "{taken}");
        assert_eq!(taken["errors"][0]["extensions"]["field"], "registrationNumber");
        assert_eq!(app.graphql_as(&third, MINE, json!({})).await["data"]["myOrganisations"], json!([]));
    }

    async fn only_its_representatives_edit_an_organisation(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (representative, _, id) = approved_organisation(&app, &staff, "Otrā elpa", &["care_social"]).await;
        let mine = app.graphql_as(&representative, "{ myOrganisations { registrationNumber } }", json!({})).await;
        let mut edited = input("Otrā elpa", &["care_social"]);
        edited["registrationNumber"] = mine["data"]["myOrganisations"][0]["registrationNumber"].clone();
        edited["description"] = json!("Palīdzam atgriezties: mājoklis, dokumenti, darbs.");
        let saved = app.graphql_as(&representative, UPDATE, json!({ "id": id, "i": edited })).await;
        assert_eq!(saved["data"]["updateOrganisation"]["standing"], "APPROVED", "{saved}");
        // A new name goes back to VPD: hidden from others until approved again.
        edited["name"] = json!("Otrā elpa, biedrība");
        let renamed = app.graphql_as(&representative, UPDATE, json!({ "id": id, "i": edited })).await;
        assert_eq!(renamed["data"]["updateOrganisation"]["name"], "Otrā elpa, biedrība", "{renamed}");
        assert_eq!(renamed["data"]["updateOrganisation"]["standing"], "PENDING");
        let (founder, _) = app.sign_in_as(Role::Founder).await;
        assert_eq!(error_code(&app.graphql_as(&founder, ONE, json!({ "id": id })).await), "NOT_FOUND");
        let uuid = uuid::Uuid::parse_str(id.as_str().unwrap()).unwrap();
        let audit = tilts::db::repos::audit::for_subject(&app.state.db, uuid).await.unwrap();
        let mut changed: Vec<Value> = audit
            .iter()
            .filter(|e| e.action == "organisation.update")
            .map(|e| serde_json::from_str::<Value>(&e.detail).unwrap()["changed"].clone())
            .collect();
        changed.sort_by_key(|c| c.to_string());
        assert_eq!(changed, [json!(["description"]), json!(["name"])]);
        app.graphql_as(&staff, DECIDE, json!({ "s": id, "d": "APPROVE" })).await;

        // Another organisation account sees it but may not edit it; a pending one it cannot see.
        let (outsider, _) = app.sign_in_as(Role::Enterprise).await;
        edited["name"] = json!("Pārņemts");
        assert_eq!(error_code(&app.graphql_as(&outsider, UPDATE, json!({ "id": id, "i": edited })).await), "FORBIDDEN");
        let (waiting, _) = app.sign_in_as(Role::Enterprise).await;
        let pending = app.graphql_as(&waiting, CREATE, json!({ "i": input("Gaida", &["retail"]) })).await;
        let pending_id = pending["data"]["createOrganisation"]["id"].clone();
        let hidden = app.graphql_as(&outsider, UPDATE, json!({ "id": pending_id, "i": input("Pārņemts", &["retail"]) })).await;
        assert_eq!(error_code(&hidden), "NOT_FOUND", "{hidden}");
        let one = app.graphql_as(&representative, ONE, json!({ "id": id })).await;
        assert_eq!(one["data"]["organisation"]["name"], "Otrā elpa, biedrība");
    }

    async fn representatives_invite_others_through_staff_whether_or_not_they_have_an_account(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (representative, representative_email) = app.sign_in_as(Role::Enterprise).await;
        // Only an approved organisation account invites.
        let person = app.graphql_as(&representative, "{ viewer { id } }", json!({})).await["data"]["viewer"]["id"].clone();
        let created = app.graphql_as(&representative, CREATE, json!({ "i": input("Kurzemes maize", &["food_hospitality"]) })).await;
        let id = created["data"]["createOrganisation"]["id"].clone();
        app.graphql_as(&staff, DECIDE, json!({ "s": person, "d": "APPROVE" })).await;
        let early = app.graphql_as(&representative, INVITE, json!({ "o": id, "e": "someone@example.lv" })).await;
        assert_eq!(error_code(&early), "CONFLICT", "{early}");
        assert_eq!(early["errors"][0]["extensions"]["reason"], "ORGANISATION_NOT_APPROVED");
        app.graphql_as(&staff, DECIDE, json!({ "s": person, "d": "SUSPEND", "r": "Pārbaude" })).await;
        app.graphql_as(&staff, DECIDE, json!({ "s": id, "d": "APPROVE" })).await;
        let suspended = app.graphql_as(&representative, INVITE, json!({ "o": id, "e": "someone@example.lv" })).await;
        assert_eq!(error_code(&suspended), "FORBIDDEN", "{suspended}");
        app.graphql_as(&staff, DECIDE, json!({ "s": person, "d": "REINSTATE" })).await;

        let (colleague, colleague_email) = app.sign_in_as(Role::Enterprise).await;
        let newcomer = format!("new-{}@example.lv", uuid::Uuid::new_v4().simple());
        let with_account = app.graphql_as(&representative, INVITE, json!({ "o": id, "e": colleague_email.to_uppercase() })).await;
        let without = app.graphql_as(&representative, INVITE, json!({ "o": id, "e": newcomer })).await;
        let shape = |a: &Value| { let i = &a["data"]["inviteRepresentative"]; (i["status"].clone(), i.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>())) };
        assert_eq!(shape(&with_account), shape(&without), "{with_account} {without}");
        assert_eq!(with_account["data"]["inviteRepresentative"]["status"], "PENDING");
        let twice = app.graphql_as(&representative, INVITE, json!({ "o": id, "e": newcomer })).await;
        assert_eq!(error_code(&twice), "CONFLICT", "{twice}");
        let bad = app.graphql_as(&representative, INVITE, json!({ "o": id, "e": "not an address" })).await;
        assert_eq!(bad["errors"][0]["extensions"]["field"], "email", "{bad}");
        // Nobody is told anything before staff decide.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(app.smtp.messages_to(&newcomer).is_empty());

        let queue = app.graphql_as(&staff, QUEUE, json!({})).await;
        let invitations: Vec<&Value> = queue["data"]["moderationQueue"]["nodes"].as_array().unwrap().iter().filter(|n| n["kind"] == "REPRESENTATIVE").collect();
        assert_eq!(invitations.len(), 2, "{queue}");
        assert!(invitations.iter().all(|n| n["organisation"] == "Kurzemes maize"));
        let invitation_to = |address: &str| invitations.iter().find(|n| n["email"] == address).map(|n| n["id"].clone()).unwrap();

        let approved = app.graphql_as(&staff, DECIDE, json!({ "s": invitation_to(&colleague_email), "d": "APPROVE" })).await;
        assert_eq!(approved["data"]["decideModeration"]["standing"], "APPROVED", "{approved}");
        mail_titled(&app, &colleague_email, "You represent “Kurzemes maize” in Tilts").await;
        let theirs = app.graphql_as(&colleague, MINE, json!({})).await;
        assert_eq!(theirs["data"]["myOrganisations"][0]["id"], id, "{theirs}");
        let told = app.graphql_as(&colleague, NOTIFICATIONS, json!({})).await;
        assert_eq!(told["data"]["notifications"]["nodes"][0]["kind"], "REPRESENTATIVE_JOINED", "{told}");
        let inviter_told = mail_titled(&app, &representative_email, &format!("Representative approved: {colleague_email}")).await;
        assert!(inviter_told.text.contains("Kurzemes maize"));

        // The address without an account is asked to make one; with it, the person joins.
        app.graphql_as(&staff, DECIDE, json!({ "s": invitation_to(&newcomer), "d": "APPROVE" })).await;
        let invitation = mail_titled(&app, &newcomer, "Invitation to represent “Kurzemes maize” in Tilts").await;
        assert!(invitation.text.contains("/register"), "{}", invitation.text);
        let registered = app.register(&newcomer, "ENTERPRISE", "EN").await;
        assert_eq!(registered["data"]["register"], true, "{registered}");
        let verify = mail_titled(&app, &newcomer, "Confirm your e-mail address for Tilts").await;
        let verified = app.graphql("mutation($t: String!) { verifyEmail(token: $t) }", json!({ "t": verify.token() })).await;
        assert_eq!(verified["data"]["verifyEmail"], true, "{verified}");
        let newcomer_client = TestApp::new_client();
        app.sign_in_fully(&newcomer_client, &newcomer, PASSWORD).await;
        let joined = app.graphql_as(&newcomer_client, MINE, json!({})).await;
        assert_eq!(joined["data"]["myOrganisations"][0]["id"], id, "{joined}");

        let mine = app.graphql_as(&representative, MINE, json!({})).await;
        let org = &mine["data"]["myOrganisations"][0];
        assert_eq!(org["representatives"].as_array().map(Vec::len), Some(3), "{mine}");
        let member = app.graphql_as(&representative, INVITE, json!({ "o": id, "e": colleague_email })).await;
        assert_eq!(error_code(&member), "CONFLICT", "someone who already represents it: {member}");
        assert!(org["invitations"].as_array().unwrap().iter().all(|i| i["status"] == "JOINED"), "{mine}");

        // A refusal reaches the inviter with its reason.
        app.clock.advance(chrono::Duration::minutes(1));
        let refused_address = format!("refused-{}@example.lv", uuid::Uuid::new_v4().simple());
        let refused = app.graphql_as(&representative, INVITE, json!({ "o": id, "e": refused_address })).await;
        let refused_id = refused["data"]["inviteRepresentative"]["id"].clone();
        let suspend = app.graphql_as(&staff, DECIDE, json!({ "s": refused_id, "d": "SUSPEND", "r": "x" })).await;
        assert_eq!(error_code(&suspend), "CONFLICT", "{suspend}");
        let rejected = app.graphql_as(&staff, DECIDE, json!({ "s": refused_id, "d": "REJECT", "r": "Nav šīs organizācijas darbinieks." })).await;
        assert_eq!(rejected["data"]["decideModeration"]["standing"], "REJECTED", "{rejected}");
        let note = app.graphql_as(&representative, NOTIFICATIONS, json!({})).await;
        let latest = &note["data"]["notifications"]["nodes"][0];
        assert_eq!(latest["kind"], "REPRESENTATIVE_DECISION", "{note}");
        assert!(latest["body"].as_str().unwrap().contains("Nav šīs organizācijas darbinieks."), "{note}");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(app.smtp.messages_to(&refused_address).is_empty(), "the refused address hears nothing");
    }

    async fn a_founder_never_sees_organisations_in_a_sector_their_supervision_excludes(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        approved_organisation(&app, &staff, "Ceļš", &["transport_logistics"]).await;
        let (_, _, bakery) = approved_organisation(&app, &staff, "Maiznīca", &["food_hospitality"]).await;
        let (_, _, mixed) = approved_organisation(&app, &staff, "Jaukta", &["food_hospitality", "transport_logistics"]).await;
        let (founder, founder_email) = app.sign_in_as(Role::Founder).await;
        let founder_id = tilts::db::repos::users::find_by_email(&app.state.db, &tilts::domain::EmailAddress::parse(&founder_email).unwrap()).await.unwrap().unwrap().account.id.0;
        let set = app.graphql_as(&staff, "mutation($f: ID!, $i: SupervisionConstraintsInput!) { setSupervisionConstraints(founderId: $f, input: $i) { exists } }", json!({ "f": founder_id.to_string(), "i": { "noContactUserIds": [], "excludedSectors": ["transport_logistics"] } })).await;
        assert!(set["errors"].is_null(), "{set}");

        let seen = app.graphql_as(&founder, LIST, json!({ "n": 10 })).await;
        assert_eq!(names(&seen), ["Maiznīca"], "{seen}");
        assert_eq!(app.graphql_as(&founder, ONE, json!({ "id": bakery })).await["data"]["organisation"]["name"], "Maiznīca");
        let hidden = app.graphql_as(&founder, ONE, json!({ "id": mixed })).await;
        assert_eq!(error_code(&hidden), "NOT_FOUND", "{hidden}");
        let (mentor, _) = app.sign_in_as(Role::Mentor).await;
        assert_eq!(names(&app.graphql_as(&mentor, LIST, json!({ "n": 10 })).await), ["Ceļš", "Jaukta", "Maiznīca"]);
    }

    async fn an_organisation_account_finds_founders_only_once_it_represents_an_approved_organisation(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (_, founder_id) = crate::api::directory::founder(&app, "Galdnieks Latgalē", true).await;
        let (representative, _) = app.sign_in_as(Role::Enterprise).await;
        let person = crate::api::directory::id_of(&app, &representative).await;
        app.graphql_as(&staff, DECIDE, json!({ "s": person, "d": "APPROVE" })).await;
        const FOUNDERS: &str = "{ founders(first: 10) { nodes { id } } }";
        const FINDS: &str = "{ viewer { findsFounders } }";
        let finds = |answer: Value| answer["data"]["viewer"]["findsFounders"].clone();
        let found = |answer: Value| answer["data"]["founders"]["nodes"].as_array().map(|n| n.iter().map(|f| f["id"].clone()).collect::<Vec<_>>()).unwrap_or_default();
        assert!(found(app.graphql_as(&representative, FOUNDERS, json!({})).await).is_empty(), "an approved account alone finds nobody");
        assert_eq!(finds(app.graphql_as(&representative, FINDS, json!({})).await), false, "and the app offers it no founders");
        let created = app.graphql_as(&representative, CREATE, json!({ "i": input("Darbnīca", &["crafts_manufacturing"]) })).await;
        let id = created["data"]["createOrganisation"]["id"].clone();
        assert!(found(app.graphql_as(&representative, FOUNDERS, json!({})).await).is_empty(), "nor with a pending organisation");
        assert_eq!(finds(app.graphql_as(&representative, FINDS, json!({})).await), false);
        assert_eq!(error_code(&app.graphql_as(&representative, "query($id: ID!) { founder(id: $id) { id } }", json!({ "id": founder_id })).await), "NOT_FOUND");
        app.graphql_as(&staff, DECIDE, json!({ "s": id, "d": "APPROVE" })).await;
        assert_eq!(found(app.graphql_as(&representative, FOUNDERS, json!({})).await), [json!(founder_id)]);
        assert_eq!(finds(app.graphql_as(&representative, FINDS, json!({})).await), true);
        // The others: an approved mentor finds founders, a pending mentor and a founder do not.
        let (mentor, _) = app.sign_in_as(Role::Mentor).await;
        assert_eq!(finds(app.graphql_as(&mentor, FINDS, json!({})).await), false, "a pending mentor");
        let mentor_id = crate::api::directory::id_of(&app, &mentor).await;
        app.graphql_as(&staff, DECIDE, json!({ "s": mentor_id, "d": "APPROVE" })).await;
        assert_eq!(finds(app.graphql_as(&mentor, FINDS, json!({})).await), true, "an approved mentor");
        let (founder, _) = app.sign_in_as(Role::Founder).await;
        assert_eq!(finds(app.graphql_as(&founder, FINDS, json!({})).await), false, "a founder");
    }

    async fn the_organisation_directory_pages_by_name_with_cursors(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        for name in ["Alfa", "Beta", "Gamma"] {
            approved_organisation(&app, &staff, name, &["retail"]).await;
        }
        let (founder, _) = app.sign_in_as(Role::Founder).await;
        let first = app.graphql_as(&founder, LIST, json!({ "n": 2 })).await;
        assert_eq!(names(&first), ["Alfa", "Beta"], "{first}");
        assert_eq!(first["data"]["organisations"]["pageInfo"]["hasNextPage"], true);
        let rest = app.graphql_as(&founder, LIST, json!({ "n": 2, "a": first["data"]["organisations"]["pageInfo"]["endCursor"] })).await;
        assert_eq!(names(&rest), ["Gamma"], "{rest}");
        let made_up = app.graphql_as(&founder, LIST, json!({ "n": 2, "a": "bm90IGEgY3Vyc29y" })).await;
        assert_eq!(error_code(&made_up), "BAD_USER_INPUT");
        let too_many = app.graphql_as(&founder, LIST, json!({ "n": 51 })).await;
        assert!(!too_many["errors"].is_null(), "{too_many}");
    }
}
