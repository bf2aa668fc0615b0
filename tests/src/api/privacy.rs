//! A founder's target-group record and supervision constraints: kept by staff, read only with a
//! reason, every read audited and shown to the founder; a no-contact constraint hides two people
//! from each other exactly as if neither existed.

use serde_json::{Value, json};

use crate::api::directory::{founder, id_of, mentor};
use crate::app::error_code;

const RECORD: &str = "mutation($f: ID!, $i: TargetGroupRecordInput!) { setTargetGroupRecord(founderId: $f, input: $i) { exists category unitName officer { id displayName } supervisionEndsOn notes } }";
const CONSTRAINTS: &str = "mutation($f: ID!, $i: SupervisionConstraintsInput!) { setSupervisionConstraints(founderId: $f, input: $i) { constraints { noContact { id displayName role } excludedSectors } } }";
const READ: &str = "query($f: ID!, $r: String!) { targetGroupRecord(founderId: $f, reason: $r) { founder { id } exists category unitName officer { id } supervisionEndsOn notes constraints { noContact { id } excludedSectors } } }";
const VIEWS: &str = "{ profileViews(first: 10) { nodes { by viewerId name what viewedAt } pageInfo { hasNextPage } } }";
const MENTORS: &str = "query($t: String) { mentors(first: 50, filter: { text: $t }) { nodes { id } pageInfo { hasNextPage endCursor } } }";
const FOUNDERS: &str = "query($t: String) { founders(first: 50, filter: { text: $t }) { nodes { id } pageInfo { hasNextPage endCursor } } }";
const MENTOR: &str = "query($id: ID!) { mentor(id: $id) { id displayName } }";
const FOUNDER: &str = "query($id: ID!) { founder(id: $id) { id displayName } }";

fn record_input(officer: &str) -> Value {
    json!({
        "category": "PROBATION_CLIENT", "unitName": "Latgales reģiona Daugavpils struktūrvienība",
        "officerId": officer, "supervisionEndsOn": "2027-03-31", "notes": "Nosacīta sodīšana; strādā par galdnieku."
    })
}

/// An error without its path: what two answers must share to be indistinguishable.
fn error_of(answer: &Value) -> Value {
    let mut error = answer["errors"][0].clone();
    if let Some(error) = error.as_object_mut() {
        error.remove("path");
        error.remove("locations");
    }
    error
}

fn node_ids(answer: &Value, list: &str) -> Vec<String> {
    answer["data"][list]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect()
}

db_test! {
    async fn staff_keep_the_record_and_every_read_needs_a_reason_is_audited_and_shown_to_the_founder(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let staff_id = id_of(&app, &staff).await;
        let (founder_client, founder_id) = founder(&app, "Galdnieks", false).await;

        // Nothing yet: the read still needs a reason and is still audited.
        let empty = app.graphql_as(&staff, READ, json!({ "f": founder_id, "r": "Pirmā tikšanās" })).await;
        assert_eq!(empty["data"]["targetGroupRecord"]["exists"], false, "{empty}");

        let saved = app.graphql_as(&staff, RECORD, json!({ "f": founder_id, "i": record_input(&staff_id) })).await;
        let record = &saved["data"]["setTargetGroupRecord"];
        assert_eq!(record["category"], "PROBATION_CLIENT", "{saved}");
        assert_eq!(record["officer"]["id"], staff_id.as_str());
        assert_eq!(record["supervisionEndsOn"], "2027-03-31");

        let (_, mentor_id) = mentor(&app, &staff, "Mentore", "latgale", &["hiring"], true).await;
        let constraints = json!({ "noContactUserIds": [mentor_id], "excludedSectors": ["transport_logistics", "retail"] });
        let set = app.graphql_as(&staff, CONSTRAINTS, json!({ "f": founder_id, "i": constraints })).await;
        let set = &set["data"]["setSupervisionConstraints"]["constraints"];
        assert_eq!(set["noContact"][0]["id"], mentor_id.as_str(), "{set}");
        assert_eq!(set["excludedSectors"], json!(["retail", "transport_logistics"]));

        let read = app.graphql_as(&staff, READ, json!({ "f": founder_id, "r": "Pārbaude pirms mentora piešķiršanas" })).await;
        let read = &read["data"]["targetGroupRecord"];
        assert_eq!(read["notes"], "Nosacīta sodīšana; strādā par galdnieku.", "{read}");
        assert_eq!(read["constraints"]["noContact"][0]["id"], mentor_id.as_str());

        // No reason, a blank one, or an essay: refused before anything is read.
        for reason in ["", "   ", &"x".repeat(1001)] {
            let refused = app.graphql_as(&staff, READ, json!({ "f": founder_id, "r": reason })).await;
            assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{refused}");
            assert_eq!(refused["errors"][0]["extensions"]["field"], "reason");
            assert!(refused["data"].is_null(), "{refused}");
        }

        // Two reads, two audit entries with their reasons; writes audited without their content.
        let entries = tilts::db::repos::audit::for_subject(&app.state.db, uuid::Uuid::parse_str(&founder_id).unwrap()).await.unwrap();
        let reads: Vec<_> = entries.iter().filter(|e| e.action == "target_group_record.read").collect();
        assert_eq!(reads.len(), 2, "{entries:?}");
        assert!(reads[1].detail.contains("Pārbaude pirms mentora piešķiršanas"), "{:?}", reads[1]);
        assert!(reads.iter().all(|e| e.actor.map(|a| a.0.to_string()) == Some(staff_id.clone())));
        assert!(entries.iter().any(|e| e.action == "target_group_record.set" && !e.detail.contains("galdnieku")));
        assert!(entries.iter().any(|e| e.action == "supervision_constraints.set" && !e.detail.contains("retail")));

        // The founder sees both reads as VPD staff, never by name.
        let views = app.graphql_as(&founder_client, VIEWS, json!({})).await;
        let lines = views["data"]["profileViews"]["nodes"].as_array().unwrap_or_else(|| panic!("{views}"));
        let records: Vec<_> = lines.iter().filter(|l| l["what"] == "VPD_RECORD").collect();
        assert_eq!(records.len(), 2, "{views}");
        assert!(records.iter().all(|l| l["by"] == "VPD_STAFF" && l["name"].is_null() && l["viewerId"].is_null()), "{views}");
        assert!(!views.to_string().contains("Test Person"), "{views}");
    }

    async fn input_is_checked_and_only_founders_have_a_record(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let staff_id = id_of(&app, &staff).await;
        let (_, founder_id) = founder(&app, "Galdnieks", false).await;
        let (mentor_client, mentor_id) = mentor(&app, &staff, "Mentore", "latgale", &["hiring"], true).await;
        let _ = mentor_client;

        let mut blank = record_input(&staff_id);
        blank["unitName"] = json!("  ");
        let mut long = record_input(&staff_id);
        long["unitName"] = json!("x".repeat(121));
        let mut essay = record_input(&staff_id);
        essay["notes"] = json!("x".repeat(4001));
        let mut not_staff = record_input(&mentor_id);
        not_staff["officerId"] = json!(mentor_id);
        let mut not_an_id = record_input(&staff_id);
        not_an_id["officerId"] = json!("nav-id");
        for (input, field) in
            [(blank, "unitName"), (long, "unitName"), (essay, "notes"), (not_staff, "officerId"), (not_an_id, "officerId")]
        {
            let refused = app.graphql_as(&staff, RECORD, json!({ "f": founder_id, "i": input })).await;
            assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{refused}");
            assert_eq!(refused["errors"][0]["extensions"]["field"], field, "{refused}");
        }
        let nothing = app.graphql_as(&staff, READ, json!({ "f": founder_id, "r": "Pārbaude" })).await;
        assert_eq!(nothing["data"]["targetGroupRecord"]["exists"], false, "nothing was saved: {nothing}");

        let (_, other_staff) = app.create_staff().await;
        let _ = other_staff;
        for (input, field) in [
            (json!({ "noContactUserIds": [founder_id], "excludedSectors": [] }), "noContactUserIds"),
            (json!({ "noContactUserIds": [staff_id], "excludedSectors": [] }), "noContactUserIds"),
            (json!({ "noContactUserIds": [uuid::Uuid::new_v4().to_string()], "excludedSectors": [] }), "noContactUserIds"),
            (json!({ "noContactUserIds": [], "excludedSectors": ["piracy"] }), "excludedSectors"),
        ] {
            let refused = app.graphql_as(&staff, CONSTRAINTS, json!({ "f": founder_id, "i": input })).await;
            assert_eq!(error_code(&refused), "BAD_USER_INPUT", "{refused}");
            assert_eq!(refused["errors"][0]["extensions"]["field"], field, "{refused}");
        }

        // A mentor, staff, or nobody at all: not a founder, so no record, and the same answer.
        let never = app.graphql_as(&staff, READ, json!({ "f": uuid::Uuid::new_v4().to_string(), "r": "Pārbaude" })).await;
        assert_eq!(error_code(&never), "NOT_FOUND", "{never}");
        for id in [&mentor_id, &staff_id, &"nav-id".to_owned()] {
            let answer = app.graphql_as(&staff, READ, json!({ "f": id, "r": "Pārbaude" })).await;
            assert_eq!(error_of(&answer), error_of(&never), "{answer}");
            let set = app.graphql_as(&staff, RECORD, json!({ "f": id, "i": record_input(&staff_id) })).await;
            assert_eq!(error_code(&set), "NOT_FOUND", "{set}");
        }
    }

    async fn a_no_contact_pair_never_see_each_other_and_the_answers_match_those_for_nobody(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (founder_client, founder_id) = founder(&app, "Galdnieks Krāslavā", true).await;
        let (mentor_client, mentor_id) = mentor(&app, &staff, "Mentore Latgalē", "latgale", &["business_plan"], true).await;
        let (_, bystander_id) = mentor(&app, &staff, "Cita mentore", "latgale", &["business_plan"], true).await;

        // Before: they find each other, and the mentor sees the founder's visit by name.
        assert!(node_ids(&app.graphql_as(&founder_client, MENTORS, json!({})).await, "mentors").contains(&mentor_id));
        assert!(node_ids(&app.graphql_as(&mentor_client, FOUNDERS, json!({})).await, "founders").contains(&founder_id));
        let opened = app.graphql_as(&founder_client, MENTOR, json!({ "id": mentor_id })).await;
        assert!(opened["errors"].is_null(), "{opened}");
        let views = app.graphql_as(&mentor_client, VIEWS, json!({})).await;
        assert_eq!(views["data"]["profileViews"]["nodes"][0]["viewerId"], founder_id.as_str(), "{views}");

        let constraints = json!({ "noContactUserIds": [mentor_id], "excludedSectors": [] });
        let set = app.graphql_as(&staff, CONSTRAINTS, json!({ "f": founder_id, "i": constraints })).await;
        assert!(set["errors"].is_null(), "{set}");

        // After: each is to the other what a person who never existed is, in lists, searches and by id.
        let nobody = uuid::Uuid::new_v4().to_string();
        for (client, list, query, one, hidden) in [
            (&founder_client, "mentors", MENTORS, MENTOR, &mentor_id),
            (&mentor_client, "founders", FOUNDERS, FOUNDER, &founder_id),
        ] {
            let all = app.graphql_as(client, query, json!({})).await;
            assert!(!node_ids(&all, list).contains(hidden), "{all}");
            let by_name = app.graphql_as(client, query, json!({ "t": if list == "mentors" { "Mentore Latgalē" } else { "Galdnieks Krāslavā" } })).await;
            let by_nonsense = app.graphql_as(client, query, json!({ "t": "Neviens Nekur" })).await;
            assert_eq!(by_name, by_nonsense, "a search for the hidden person answers like one for nobody");
            let by_id = app.graphql_as(client, one, json!({ "id": hidden })).await;
            let never = app.graphql_as(client, one, json!({ "id": nobody })).await;
            assert_eq!(error_code(&by_id), "NOT_FOUND", "{by_id}");
            assert_eq!(error_of(&by_id), error_of(&never));
            assert_eq!(by_id["data"], never["data"]);
        }
        // Others are untouched.
        assert!(node_ids(&app.graphql_as(&founder_client, MENTORS, json!({})).await, "mentors").contains(&bystander_id));
        // The earlier visit no longer names the founder.
        let views = app.graphql_as(&mentor_client, VIEWS, json!({})).await;
        let line = &views["data"]["profileViews"]["nodes"][0];
        assert_eq!(line["by"], "SOMEONE", "{views}");
        assert!(line["viewerId"].is_null() && line["name"].is_null(), "{views}");

        // Lifting the constraint brings them back.
        let lifted = app.graphql_as(&staff, CONSTRAINTS, json!({ "f": founder_id, "i": { "noContactUserIds": [], "excludedSectors": [] } })).await;
        assert!(lifted["errors"].is_null(), "{lifted}");
        assert!(node_ids(&app.graphql_as(&founder_client, MENTORS, json!({})).await, "mentors").contains(&mentor_id));
        let again = app.graphql_as(&mentor_client, FOUNDER, json!({ "id": founder_id })).await;
        assert_eq!(again["data"]["founder"]["id"], founder_id.as_str(), "{again}");
    }

    async fn people_see_who_opened_their_profile_once_an_hour_and_staff_as_vpd_staff(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (mentor_client, mentor_id) = mentor(&app, &staff, "Mentore", "riga", &["hiring"], true).await;
        let (founder_client, founder_id) = founder(&app, "Maiznieks", false).await;
        for _ in 0..3 {
            app.graphql_as(&founder_client, MENTOR, json!({ "id": mentor_id })).await;
        }
        app.graphql_as(&staff, MENTOR, json!({ "id": mentor_id })).await;
        // Opening one's own profile is not a visit.
        app.graphql_as(&mentor_client, MENTOR, json!({ "id": mentor_id })).await;
        let views = app.graphql_as(&mentor_client, VIEWS, json!({})).await;
        let lines = views["data"]["profileViews"]["nodes"].as_array().unwrap_or_else(|| panic!("{views}"));
        assert_eq!(lines.len(), 2, "{views}");
        assert_eq!(lines[0]["by"], "VPD_STAFF");
        // The founder is unlisted, and a mentor may not see unlisted founders: not named.
        assert_eq!(lines[1]["by"], "SOMEONE", "{views}");
        assert_eq!(lines[1]["what"], "PROFILE");

        app.clock.advance(chrono::Duration::minutes(61));
        app.graphql_as(&founder_client, MENTOR, json!({ "id": mentor_id })).await;
        let views = app.graphql_as(&mentor_client, VIEWS, json!({})).await;
        assert_eq!(views["data"]["profileViews"]["nodes"].as_array().map(Vec::len), Some(3), "{views}");

        // Paging: newest first, then the rest.
        let first = app.graphql_as(&mentor_client, "{ profileViews(first: 2) { nodes { viewedAt } pageInfo { hasNextPage endCursor } } }", json!({})).await;
        assert_eq!(first["data"]["profileViews"]["pageInfo"]["hasNextPage"], true, "{first}");
        let cursor = first["data"]["profileViews"]["pageInfo"]["endCursor"].clone();
        let rest = app.graphql_as(&mentor_client, "query($a: String) { profileViews(first: 2, after: $a) { nodes { viewedAt } pageInfo { hasNextPage } } }", json!({ "a": cursor })).await;
        assert_eq!(rest["data"]["profileViews"]["nodes"].as_array().map(Vec::len), Some(1), "{rest}");
        let bad = app.graphql_as(&mentor_client, "{ profileViews(after: \"bm90LWEtY3Vyc29y\") { nodes { by } } }", json!({})).await;
        assert_eq!(error_code(&bad), "BAD_USER_INPUT", "{bad}");
        let _ = founder_id;
    }
}
