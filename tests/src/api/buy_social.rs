//! The buy-social directory: public, counts only, under 5 never shown, and its CSV export.

use serde_json::{Value, json};
use tilts::domain::Role;

use crate::api::mentoring::organisation_of;
use crate::app::error_code;

const DIRECTORY: &str = "query($f: BuySocialFilter) { buySocialDirectory(filter: $f) { nodes { id name sectors { label } region { code } attestation { employedCount fewerThan verifiedOn statement } } } }";
const ATTEST: &str = "mutation($o: ID!, $n: Int!) { attestOrganisation(organisationId: $o, employedCount: $n) { employedCount fewerThan statement } }";

fn names(answer: &Value) -> Vec<String> {
    answer["data"]["buySocialDirectory"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_owned())
        .collect()
}

db_test! {
    async fn the_directory_is_public_hides_counts_under_five_and_its_csv_keeps_every_letter(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (_, few) = organisation_of(&app, &staff, "Darbnīca Ābele", "SOCIAL_ENTERPRISE", true).await;
        let (_, many) = organisation_of(&app, &staff, "Общество «Мост»", "NGO", true).await;
        let (_, waiting) = organisation_of(&app, &staff, "Gaida Šeit", "NGO", false).await;
        for (organisation, count) in [(&few, 3), (&many, 12), (&waiting, 40)] {
            let attested = app.graphql_as(&staff, ATTEST, json!({ "o": organisation, "n": count })).await;
            assert!(attested["errors"].is_null(), "{attested}");
        }

        // Anyone, signed in or not: approved organisations only, counts under 5 not shown.
        let anonymous = TestApp::new_client();
        let listed = app.graphql_as(&anonymous, DIRECTORY, json!({})).await;
        assert_eq!(names(&listed), vec!["Darbnīca Ābele".to_owned(), "Общество «Мост»".to_owned()], "{listed}");
        let nodes = &listed["data"]["buySocialDirectory"]["nodes"];
        assert_eq!(nodes[0]["attestation"]["employedCount"], Value::Null);
        assert_eq!(nodes[0]["attestation"]["fewerThan"], 5);
        assert!(nodes[0]["attestation"]["statement"].as_str().unwrap().contains("mazāk nekā 5"), "in Latvian when the browser asks for none: {listed}");
        assert_eq!(nodes[1]["attestation"]["employedCount"], 12);
        let filtered = app.graphql_as(&anonymous, DIRECTORY, json!({ "f": { "region": "kurzeme" } })).await;
        assert!(names(&filtered).is_empty(), "{filtered}");

        // The CSV: a byte order mark, Latvian and Russian letters intact, "fewer than 5".
        let response = app.client.get(format!("{}/exports/buy-social.csv?lang=ru", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let bytes = response.bytes().await.unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte order mark first");
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
        assert_eq!(header[0], "Название");
        let rows: Vec<Vec<String>> =
            reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0][0], "Darbnīca Ābele");
        assert_eq!(rows[1][0], "Общество «Мост»");
        assert_eq!(rows[0][6], "менее 5");
        assert_eq!(rows[1][6], "12");
        assert!(rows.iter().flatten().all(|cell| cell != "3"), "{rows:?}");
        let latvian = app.client.get(format!("{}/exports/buy-social.csv?lang=lv", app.address)).send().await.unwrap();
        let text = String::from_utf8(latvian.bytes().await.unwrap().to_vec()).unwrap();
        assert!(text.contains("mazāk nekā 5") && text.contains("Nosaukums"), "{text}");
    }
}

db_test! {
    async fn only_staff_attest_and_bad_counts_get_a_field_error(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (admin, _) = app.create_admin().await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let (founder, _) = app.sign_in_as(Role::Founder).await;
        let (mentor, _) = app.sign_in_as(Role::Mentor).await;
        for client in [&representative, &founder, &mentor] {
            let answer = app.graphql_as(client, ATTEST, json!({ "o": organisation, "n": 7 })).await;
            assert_eq!(error_code(&answer), "FORBIDDEN", "{answer}");
        }
        let anonymous = app.graphql_as(&TestApp::new_client(), ATTEST, json!({ "o": organisation, "n": 7 })).await;
        assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
        for count in [-1, 100_001] {
            let bad = app.graphql_as(&staff, ATTEST, json!({ "o": organisation, "n": count })).await;
            assert_eq!(crate::api::opportunities::field_of(&bad), ("BAD_USER_INPUT".to_owned(), json!("employedCount")), "{bad}");
        }
        let never = app.graphql_as(&staff, ATTEST, json!({ "o": uuid::Uuid::new_v4().to_string(), "n": 7 })).await;
        assert_eq!(error_code(&never), "NOT_FOUND");
        let listed = app.graphql_as(&TestApp::new_client(), DIRECTORY, json!({})).await;
        assert_eq!(listed["data"]["buySocialDirectory"]["nodes"][0]["attestation"], Value::Null, "nothing saved: {listed}");
        let attested = app.graphql_as(&admin, ATTEST, json!({ "o": organisation, "n": 7 })).await;
        assert_eq!(attested["data"]["attestOrganisation"]["employedCount"], 7, "{attested}");
    }
}
