//! The vocabularies of regions, topics, sectors and languages, seeded by a migration.

use serde_json::json;

const QUERY: &str =
    "{ taxonomies { regions { code label } topics { code label } sectors { code label } languages { code label } } }";

fn codes(list: &serde_json::Value) -> Vec<&str> {
    list.as_array().map(|items| items.iter().filter_map(|t| t["code"].as_str()).collect()).unwrap_or_default()
}

db_test! {
    async fn the_vocabularies_are_listed_in_order_with_labels_in_the_callers_language(app: TestApp) {
        let lv = app.graphql(QUERY, json!({})).await;
        assert!(lv["errors"].is_null(), "{lv}");
        let t = &lv["data"]["taxonomies"];
        assert_eq!(codes(&t["regions"]), ["riga", "pieriga", "vidzeme", "kurzeme", "zemgale", "latgale"]);
        assert_eq!(t["regions"][0]["label"], "Rīga");
        assert_eq!(
            codes(&t["topics"]),
            [
                "business_basics", "financial_management", "business_plan", "marketing_sales", "legal_administrative",
                "taxes_accounting", "funding_grants", "digital_skills", "hiring", "social_impact",
                "production_operations", "personal_effectiveness",
            ]
        );
        assert_eq!(codes(&t["sectors"]).len(), 11);
        assert_eq!(codes(&t["sectors"]).last(), Some(&"other"));
        assert_eq!(codes(&t["languages"]), ["lv", "ru", "en", "uk", "de", "other"]);

        let ru = app.graphql_in("ru", QUERY, json!({})).await;
        let t = &ru["data"]["taxonomies"];
        assert_eq!(t["regions"][5]["label"], "Латгале");
        assert_eq!(t["topics"][2]["label"], "Бизнес-план");
        assert_eq!(t["languages"][0]["label"], "латышский");
        // Every term has a label in every language.
        for language in ["lv", "en", "ru"] {
            let answer = app.graphql_in(language, QUERY, json!({})).await;
            for list in ["regions", "topics", "sectors", "languages"] {
                for term in answer["data"]["taxonomies"][list].as_array().unwrap() {
                    assert!(!term["label"].as_str().unwrap_or_default().trim().is_empty(), "{language} {list}: {term}");
                }
            }
        }
    }
}
