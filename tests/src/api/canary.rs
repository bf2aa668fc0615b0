//! The canary: a marker stored in every text of a founder's supervision data, then every query
//! and mutation of the schema called by every caller who is not VPD staff — anonymous, the
//! founder themself, another founder, a mentor, an organisation member, approved or waiting —
//! with every argument filled and every field selected. The marker must appear in no answer,
//! no e-mail and no log line.
//!
//! The calls are made from the schema itself, so a field added tomorrow is called tomorrow.

use std::collections::HashMap;

use async_graphql_parser::types::{
    BaseType, FieldDefinition, InputValueDefinition, Type, TypeKind, TypeSystemDefinition,
};
use serde_json::json;
use tilts::domain::Role;

use crate::api::directory::{DECIDE, founder, id_of, mentor};

/// The schema, as the generator needs it.
struct Schema {
    objects: HashMap<String, Vec<FieldDefinition>>,
    inputs: HashMap<String, Vec<InputValueDefinition>>,
    enums: HashMap<String, Vec<String>>,
}

/// Nested objects selected below a root field.
const DEPTH: usize = 4;

impl Schema {
    fn parse() -> Schema {
        let document = async_graphql_parser::parse_schema(tilts::graphql::sdl()).unwrap();
        let mut schema = Schema { objects: HashMap::new(), inputs: HashMap::new(), enums: HashMap::new() };
        for definition in document.definitions {
            if let TypeSystemDefinition::Type(ty) = definition {
                let name = ty.node.name.node.to_string();
                match ty.node.kind {
                    TypeKind::Object(o) => {
                        schema.objects.insert(name, o.fields.into_iter().map(|f| f.node).collect());
                    }
                    TypeKind::InputObject(i) => {
                        schema.inputs.insert(name, i.fields.into_iter().map(|f| f.node).collect());
                    }
                    TypeKind::Enum(e) => {
                        schema
                            .enums
                            .insert(name, e.values.into_iter().map(|v| v.node.value.node.to_string()).collect());
                    }
                    _ => {}
                }
            }
        }
        schema
    }

    /// A literal of `ty` for an argument or input field called `name`: ids are the probed
    /// person's, pages are small, texts are plain.
    fn value(&self, ty: &Type, name: &str, id: &str) -> String {
        match &ty.base {
            BaseType::List(inner) => format!("[{}]", self.value(inner, name, id)),
            BaseType::Named(named) => match named.as_str() {
                "ID" => format!("{id:?}"),
                "String" => "\"probe\"".to_owned(),
                "Int" if name == "first" => "2".to_owned(),
                "Int" => "1".to_owned(),
                "Float" => "1.0".to_owned(),
                "Boolean" => "true".to_owned(),
                "NaiveDate" => "\"2027-01-31\"".to_owned(),
                "DateTime" => "\"2027-01-31T12:00:00Z\"".to_owned(),
                other => {
                    if let Some(values) = self.enums.get(other) {
                        values[0].clone()
                    } else if let Some(fields) = self.inputs.get(other) {
                        let inner: Vec<String> = fields
                            .iter()
                            .map(|f| format!("{}: {}", f.name.node, self.value(&f.ty.node, &f.name.node, id)))
                            .collect();
                        format!("{{ {} }}", inner.join(", "))
                    } else {
                        panic!("the canary test cannot make a value of type {other}")
                    }
                }
            },
        }
    }

    fn named(ty: &Type) -> &str {
        match &ty.base {
            BaseType::List(inner) => Schema::named(inner),
            BaseType::Named(name) => name.as_str(),
        }
    }

    /// A field with every argument filled and, for an object, every field below selected.
    fn field(&self, field: &FieldDefinition, depth: usize, id: &str) -> Option<String> {
        let args: Vec<String> = field
            .arguments
            .iter()
            .map(|a| format!("{}: {}", a.node.name.node, self.value(&a.node.ty.node, &a.node.name.node, id)))
            .collect();
        let args = if args.is_empty() { String::new() } else { format!("({})", args.join(", ")) };
        let ty = Schema::named(&field.ty.node);
        if self.objects.contains_key(ty) {
            let below = self.selection(ty, depth + 1, id)?;
            Some(format!("{}{args} {below}", field.name.node))
        } else {
            Some(format!("{}{args}", field.name.node))
        }
    }

    fn selection(&self, ty: &str, depth: usize, id: &str) -> Option<String> {
        if depth > DEPTH {
            return None;
        }
        let fields: Vec<String> = self.objects[ty].iter().filter_map(|f| self.field(f, depth, id)).collect();
        (!fields.is_empty()).then(|| format!("{{ {} }}", fields.join(" ")))
    }

    /// One operation per root field of `root` (`Query` or `Mutation`).
    fn operations(&self, root: &str, id: &str) -> Vec<(String, String)> {
        let keyword = if root == "Mutation" { "mutation" } else { "query" };
        self.objects[root]
            .iter()
            .filter_map(|f| Some((f.name.node.to_string(), format!("{keyword} {{ {} }}", self.field(f, 0, id)?))))
            .collect()
    }
}

#[test]
fn the_generator_reaches_every_root_field() {
    let schema = Schema::parse();
    for root in ["Query", "Mutation"] {
        let operations = schema.operations(root, "00000000-0000-0000-0000-000000000000");
        assert_eq!(operations.len(), schema.objects[root].len(), "{root}");
        for (_, operation) in operations {
            async_graphql_parser::parse_query(&operation).unwrap_or_else(|e| panic!("{operation}: {e}"));
        }
    }
}

const RECORD: &str =
    "mutation($f: ID!, $i: TargetGroupRecordInput!) { setTargetGroupRecord(founderId: $f, input: $i) { exists } }";
const CONSTRAINTS: &str = "mutation($f: ID!, $i: SupervisionConstraintsInput!) { setSupervisionConstraints(founderId: $f, input: $i) { exists } }";
const READ: &str = "query($f: ID!, $r: String!) { targetGroupRecord(founderId: $f, reason: $r) { notes unitName } }";

db_test! {
    async fn no_answer_e_mail_or_log_line_a_non_staff_caller_can_cause_carries_supervision_data(app: TestApp) {
        crate::logs::capture();
        let canary = format!("CANARY{}", uuid::Uuid::new_v4().simple());
        let (staff, _) = app.create_staff().await;
        let staff_id = id_of(&app, &staff).await;
        let (subject, subject_id) = founder(&app, "Galdnieks", true).await;
        // Looking for a mentor, in the sector the supervision excludes: mentors' suggestions and
        // offers reach them.
        let looking = json!({
            "headline": "Galdnieks", "stage": "IDEA", "region": "latgale", "languages": ["ru"],
            "needs": ["business_plan"], "sectors": ["transport_logistics"], "listed": true, "seekingMentor": true,
            "phone": "+371 2777 1234"
        });
        let saved = app
            .graphql_as(&subject, "mutation($i: FounderProfileInput!) { updateFounderProfile(input: $i) { headline } }", json!({ "i": looking }))
            .await;
        assert!(saved["errors"].is_null(), "{saved}");
        let subject_email = app.viewer(&subject).await["email"].as_str().unwrap().to_owned();
        let (approved_mentor, mentor_id) = mentor(&app, &staff, "Mentore", "latgale", &["business_plan"], true).await;
        let (waiting_mentor, _) = mentor(&app, &staff, "Gaida", "latgale", &["business_plan"], false).await;
        let (other_founder, _) = founder(&app, "Cits", true).await;
        let (organisation, _) = app.sign_in_as(Role::Enterprise).await;
        let organisation_id = id_of(&app, &organisation).await;
        let approved = app.graphql_as(&staff, DECIDE, json!({ "s": organisation_id, "d": "APPROVE" })).await;
        assert!(approved["errors"].is_null(), "{approved}");

        // The marker in every text of the record, and in staff's reason for reading it.
        let record = json!({
            "category": "FORMER_PRISONER", "unitName": format!("{canary} unit"), "officerId": staff_id,
            "supervisionEndsOn": "2027-06-30", "notes": format!("{canary} notes: nosacīti atbrīvots")
        });
        let saved = app.graphql_as(&staff, RECORD, json!({ "f": subject_id, "i": record })).await;
        assert_eq!(saved["data"]["setTargetGroupRecord"]["exists"], true, "{saved}");
        let constraints = json!({ "noContactUserIds": [], "excludedSectors": ["transport_logistics"] });
        let saved = app.graphql_as(&staff, CONSTRAINTS, json!({ "f": subject_id, "i": constraints })).await;
        assert!(saved["errors"].is_null(), "{saved}");
        let read = app.graphql_as(&staff, READ, json!({ "f": subject_id, "r": format!("{canary} reason") })).await;
        assert!(read["data"]["targetGroupRecord"]["notes"].as_str().unwrap().contains(&canary), "the marker is stored: {read}");

        // A request of the founder's to the mentor, so mentoring answers and e-mails have data.
        let asked = app
            .graphql_as(&subject, "mutation($m: ID!) { requestMentor(mentorId: $m, message: \"Sveiki\") { id } }", json!({ "m": mentor_id }))
            .await;
        let mentorship_id = asked["data"]["requestMentor"]["id"].as_str().unwrap_or_else(|| panic!("{asked}")).to_owned();

        // Another mentor finds the founder among those looking for a mentor and offers.
        let (offering, _) = mentor(&app, &staff, "Piedāvā", "latgale", &["business_plan"], true).await;
        let suggested = app
            .graphql_as(&offering, "query { recommendedFounders { founder { id headline businessIdea sectors { label } } score reasons } }", json!({}))
            .await;
        assert!(suggested.to_string().contains(&subject_id), "the founder is suggested: {suggested}");
        assert!(!suggested.to_string().contains(&canary), "{suggested}");
        let offered = app
            .graphql_as(&offering, "mutation($f: ID!) { offerMentorship(founderId: $f, message: \"Sveiki\") { id message } }", json!({ "f": subject_id }))
            .await;
        assert!(offered["errors"].is_null() && !offered.to_string().contains(&canary), "{offered}");

        // The founder applies to an organisation's posting sharing no contact details; the
        // organisation shortlists them.
        let (representative, posting_organisation) =
            crate::api::mentoring::organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let opportunity_id = crate::api::opportunities::published(
            &app, &staff, &representative, &posting_organisation, crate::api::opportunities::job_input(),
        )
        .await;
        let applied = app
            .graphql_as(&subject, crate::api::applications::APPLY, json!({ "id": opportunity_id, "m": "Gribu.", "e": false, "p": false }))
            .await;
        let application_id = applied["data"]["applyToOpportunity"]["id"].as_str().unwrap_or_else(|| panic!("{applied}")).to_owned();
        let shortlisted = app
            .graphql_as(&representative, crate::api::applications::MOVE, json!({ "id": application_id, "s": "SHORTLISTED" }))
            .await;
        assert!(shortlisted["errors"].is_null(), "{shortlisted}");

        let schema = Schema::parse();
        let callers = [
            ("a representative the founder applied to", representative),
            ("anonymous", TestApp::new_client()),
            ("the founder", subject),
            ("another founder", other_founder),
            ("an approved mentor", approved_mentor),
            ("a waiting mentor", waiting_mentor),
            ("an organisation member", organisation),
        ];
        // Queries and mutations about the founder, a mentor and their mentorship, signing out
        // last (it ends the session the other calls need).
        let ids = [&subject_id, &mentor_id, &mentorship_id, &opportunity_id, &application_id];
        let mut operations: Vec<(String, String)> = ids.iter().flat_map(|id| schema.operations("Query", id)).collect();
        let mut mutations: Vec<(String, String)> = ids.iter().flat_map(|id| schema.operations("Mutation", id)).collect();
        mutations.sort_by_key(|(name, _)| name == "signOut");
        operations.extend(mutations);
        let mut calls = 0;
        for (who, client) in &callers {
            for (name, operation) in &operations {
                let answer = app.graphql_as(client, operation, json!({})).await;
                calls += 1;
                assert!(!answer.to_string().contains(&canary), "{name} as {who} answered with the marker: {answer}");
                if *who == "a representative the founder applied to" {
                    // Contact details the founder did not choose to share stay theirs.
                    let text = answer.to_string();
                    assert!(!text.contains("2777 1234") && !text.contains(&subject_email), "{name} as {who}: {answer}");
                }
                if name == "targetGroupRecord" || name == "setTargetGroupRecord" || name == "setSupervisionConstraints" {
                    let code = crate::app::error_code(&answer);
                    assert!(code == "FORBIDDEN" || code == "UNAUTHENTICATED", "{name} as {who}: {answer}");
                }
            }
        }
        assert!(calls > 100, "only {calls} calls were made");

        // E-mails a non-staff caller can cause for the founder.
        app.graphql("mutation($e: String!) { requestPasswordReset(email: $e) }", json!({ "e": subject_email })).await;
        app.smtp.wait_for_message_to(&subject_email).await;
        for mail in app.smtp.messages() {
            let all = format!("{} {} {}", mail.subject, mail.text, mail.html);
            assert!(!all.contains(&canary), "an e-mail to {} carries the marker", mail.to);
        }
        let logs = crate::logs::captured();
        assert!(logs.contains("a founder's data read"), "the log capture works");
        assert!(!logs.contains(&canary), "a log line carries the marker");
    }
}
