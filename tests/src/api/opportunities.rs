//! Opportunities: what organisations post, staff's review, who sees which, and applications.

use chrono::{Duration, Utc};
use tilts::db::repos::opportunities as repo;
use tilts::domain::{
    UserId,
    opportunity::{Details, OpportunityInput, OpportunityKind, OpportunityStatus as S},
};

use crate::api::mentoring::organisation_of;
use crate::app::TestApp;

/// A transitional job as an organisation writes it.
fn transitional_job() -> OpportunityInput {
    OpportunityInput {
        kind: Some(OpportunityKind::FirstJob),
        title: "Galdnieka palīgs".to_owned(),
        description: "Pārejas darbs darbnīcā Rēzeknē; apmācām uz vietas.".to_owned(),
        region: "latgale".to_owned(),
        address: "Atbrīvošanas aleja 1, Rēzekne".to_owned(),
        deadline: Some(Utc::now().date_naive() + Duration::days(30)),
        places: 2,
        languages: vec!["lv".to_owned(), "ru".to_owned()],
        sectors: vec!["crafts_manufacturing".to_owned()],
        contact_person: "Inese Kalniņa".to_owned(),
        hours_per_week: Some(30),
        pay_min: Some(800),
        pay_max: Some(950),
        wage_subsidy: Some(true),
        ..OpportunityInput::default()
    }
}

db_test! {
    async fn an_opportunity_is_stored_with_its_type_and_moves_only_from_where_it_stands(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca Rēzeknē", "SOCIAL_ENTERPRISE", true).await;
        let by = UserId(uuid::Uuid::parse_str(app.viewer(&representative).await["id"].as_str().unwrap()).unwrap());
        let organisation = uuid::Uuid::parse_str(&organisation).unwrap();
        let terms = tilts::services::taxonomies::all(&app.state.db, &app.state).await.unwrap();
        let today = Utc::now().date_naive();
        let job = transitional_job().validated(today, &terms).unwrap();
        let now = Utc::now();

        let id = repo::insert(&app.state.db, organisation, by, &job, now).await.unwrap();
        let stored = repo::find(&app.state.db, id).await.unwrap().unwrap();
        assert_eq!((stored.status, stored.organisation), (S::Draft, organisation));
        assert_eq!(stored.opportunity, job, "everything reads back, the type's fields too");

        // Rewritten while a draft; a step only from where it stands.
        let premises = OpportunityInput {
            kind: Some(OpportunityKind::Premises),
            hours_per_week: None, pay_min: None, pay_max: None, wage_subsidy: None,
            area_m2: Some(45), terms: Some("120 € mēnesī".to_owned()),
            ..transitional_job()
        }
        .validated(today, &terms)
        .unwrap();
        assert!(repo::rewrite(&app.state.db, id, S::Draft, &premises, now).await.unwrap());
        assert!(repo::step(&app.state.db, id, S::Draft, S::PendingReview, None, now).await.unwrap());
        assert!(!repo::step(&app.state.db, id, S::Draft, S::PendingReview, None, now).await.unwrap(), "not twice");
        assert!(!repo::rewrite(&app.state.db, id, S::Draft, &job, now).await.unwrap(), "not once submitted");
        let stored = repo::find(&app.state.db, id).await.unwrap().unwrap();
        assert_eq!(stored.status, S::PendingReview);
        assert_eq!(stored.opportunity.details, Details::Premises { area_m2: 45, terms: "120 € mēnesī".to_owned() });
        assert!(stored.submitted_at.is_some());
        assert!(repo::find(&app.state.db, uuid::Uuid::new_v4()).await.unwrap().is_none());
    }
}

pub(crate) const CREATE: &str = "mutation($o: ID!, $i: OpportunityInput!) { createOpportunity(organisationId: $o, input: $i) { id status kind hoursPerWeek payMin payMax wageSubsidy areaM2 organisation { name } } }";
const UPDATE: &str =
    "mutation($id: ID!, $i: OpportunityInput!) { updateOpportunity(id: $id, input: $i) { id status title } }";
pub(crate) const SUBMIT: &str = "mutation($id: ID!) { submitOpportunity(id: $id) { id status } }";
pub(crate) const REVIEW: &str = "mutation($id: ID!, $a: Boolean!, $r: String) { reviewOpportunity(id: $id, approve: $a, reason: $r) { id status rejectReason } }";
pub(crate) const CLOSE: &str = "mutation($id: ID!) { closeOpportunity(id: $id) { id status } }";
pub(crate) const ONE: &str =
    "query($id: ID!) { opportunity(id: $id) { id status title organisation { name } sectors { code } } }";
const REASON: &str = "query($id: ID!) { opportunity(id: $id) { rejectReason } }";
pub(crate) const CONSTRAINTS: &str = "mutation($f: ID!, $i: SupervisionConstraintsInput!) { setSupervisionConstraints(founderId: $f, input: $i) { exists } }";

/// A transitional job as the API takes it.
pub(crate) fn job_input() -> serde_json::Value {
    serde_json::json!({
        "kind": "FIRST_JOB", "title": "Galdnieka palīgs", "description": "Pārejas darbs darbnīcā Rēzeknē.",
        "region": "latgale", "address": "Atbrīvošanas aleja 1, Rēzekne",
        "deadline": (Utc::now().date_naive() + Duration::days(30)).to_string(), "places": 2,
        "languages": ["lv", "ru"], "sectors": ["crafts_manufacturing"], "contactPerson": "Inese",
        "hoursPerWeek": 30, "payMin": 800, "payMax": 950, "wageSubsidy": true
    })
}

/// `answer`'s `field` as data, failing with the answer when it is an error.
pub(crate) fn ok<'a>(answer: &'a serde_json::Value, field: &str) -> &'a serde_json::Value {
    assert!(answer["errors"].is_null(), "{answer}");
    &answer["data"][field]
}

/// The e-mail to `to` whose subject contains `words`, waiting for the outbox.
pub(crate) async fn wait_for_mail(app: &TestApp, to: &str, words: &str) -> crate::smtp::ReceivedMail {
    for _ in 0..200 {
        if let Some(mail) = app.smtp.messages_to(to).into_iter().find(|m| m.subject.contains(words)) {
            return mail;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no e-mail to {to} about {words}");
}

pub(crate) fn field_of(answer: &serde_json::Value) -> (String, serde_json::Value) {
    (crate::app::error_code(answer), answer["errors"][0]["extensions"]["field"].clone())
}

/// A posting of `organisation` written by `representative` from `input` and published by
/// `staff`; its id.
pub(crate) async fn published(
    app: &TestApp,
    staff: &reqwest::Client,
    representative: &reqwest::Client,
    organisation: &str,
    input: serde_json::Value,
) -> String {
    use serde_json::json;
    let created = app.graphql_as(representative, CREATE, json!({ "o": organisation, "i": input })).await;
    let id = ok(&created, "createOpportunity")["id"].as_str().unwrap().to_owned();
    ok(&app.graphql_as(representative, SUBMIT, json!({ "id": id })).await, "submitOpportunity");
    ok(&app.graphql_as(staff, REVIEW, json!({ "id": id, "a": true })).await, "reviewOpportunity");
    id
}

db_test! {
    async fn a_posting_is_seen_only_by_its_organisation_and_staff_until_published_and_never_by_an_excluded_founder(app: TestApp) {
        use serde_json::json;
        let (staff, _) = app.create_staff().await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca Rēzeknē", "SOCIAL_ENTERPRISE", true).await;
        let (other_representative, _) = organisation_of(&app, &staff, "Cita darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let (founder, _) = crate::api::directory::founder(&app, "Galdnieks", true).await;
        let (excluded, excluded_id) = crate::api::directory::founder(&app, "Nedrīkst", true).await;
        let (mentor, _) = crate::api::directory::mentor(&app, &staff, "Mentore", "latgale", &["business_plan"], true).await;
        let constraints = json!({ "noContactUserIds": [], "excludedSectors": ["crafts_manufacturing"] });
        assert!(app.graphql_as(&staff, CONSTRAINTS, json!({ "f": excluded_id, "i": constraints })).await["errors"].is_null());

        let created = app.graphql_as(&representative, CREATE, json!({ "o": organisation, "i": job_input() })).await;
        let created = ok(&created, "createOpportunity").clone();
        assert_eq!(created["status"], "DRAFT");
        assert_eq!((created["payMin"].clone(), created["payMax"].clone(), created["wageSubsidy"].clone()), (json!(800), json!(950), json!(true)));
        assert!(created["areaM2"].is_null());
        assert_eq!(created["organisation"]["name"], "Darbnīca Rēzeknē");
        let id = created["id"].as_str().unwrap().to_owned();

        // Bad input: a field error each, and nothing saved.
        let mut bad = Vec::new();
        let mut past = job_input();
        past["deadline"] = json!((Utc::now().date_naive() - Duration::days(1)).to_string());
        bad.push((past, "deadline"));
        let mut negative = job_input();
        negative["payMin"] = json!(-5);
        bad.push((negative, "payMin"));
        let mut none = job_input();
        none["places"] = json!(0);
        bad.push((none, "places"));
        let mut long = job_input();
        long["description"] = json!("x".repeat(100_000));
        bad.push((long, "description"));
        let mut foreign = job_input();
        foreign["areaM2"] = json!(40);
        bad.push((foreign, "areaM2"));
        for (input, field) in bad {
            let refused = app.graphql_as(&representative, CREATE, json!({ "o": organisation, "i": input })).await;
            assert_eq!(field_of(&refused), ("BAD_USER_INPUT".to_owned(), json!(field)), "{refused}");
            assert!(refused["errors"][0]["message"].as_str().is_some_and(|m| !m.is_empty()));
        }
        use sea_orm::{EntityTrait, PaginatorTrait};
        assert_eq!(tilts::db::entities::opportunities::Entity::find().count(&app.state.db).await.unwrap(), 1, "nothing saved");

        // A draft and a submitted posting: nobody but the organisation and staff.
        let never = uuid::Uuid::new_v4().to_string();
        let missing = app.graphql_as(&founder, ONE, json!({ "id": never })).await;
        for stage in ["draft", "submitted"] {
            for client in [&founder, &mentor, &other_representative] {
                let hidden = app.graphql_as(client, ONE, json!({ "id": id })).await;
                assert_eq!(crate::app::error_code(&hidden), "NOT_FOUND", "{stage}: {hidden}");
                assert_eq!(hidden["errors"][0]["message"], missing["errors"][0]["message"]);
            }
            assert_eq!(ok(&app.graphql_as(&staff, ONE, json!({ "id": id })).await, "opportunity")["id"], id.as_str());
            if stage == "draft" {
                let mut renamed = job_input();
                renamed["title"] = json!("Galdnieka māceklis");
                let updated = app.graphql_as(&representative, UPDATE, json!({ "id": id, "i": renamed })).await;
                assert_eq!(ok(&updated, "updateOpportunity")["title"], "Galdnieka māceklis");
                let submitted = app.graphql_as(&representative, SUBMIT, json!({ "id": id })).await;
                assert_eq!(ok(&submitted, "submitOpportunity")["status"], "PENDING_REVIEW");
            }
        }
        let frozen = app.graphql_as(&representative, UPDATE, json!({ "id": id, "i": job_input() })).await;
        assert_eq!(frozen["errors"][0]["extensions"]["reason"], "OPPORTUNITY_NOT_EDITABLE", "{frozen}");

        // Staff reject with a reason the organisation reads, then publish the posting sent again.
        let bare = app.graphql_as(&staff, REVIEW, json!({ "id": id, "a": false })).await;
        assert_eq!(field_of(&bare), ("BAD_USER_INPUT".to_owned(), json!("reason")), "{bare}");
        let rejected = app.graphql_as(&staff, REVIEW, json!({ "id": id, "a": false, "r": "Norādiet darba laiku." })).await;
        assert_eq!(ok(&rejected, "reviewOpportunity")["status"], "REJECTED");
        let read = app.graphql_as(&representative, REASON, json!({ "id": id })).await;
        assert_eq!(ok(&read, "opportunity")["rejectReason"], "Norādiet darba laiku.");
        // The organisation is told in the app and by e-mail, with the reason.
        let address = app.viewer(&representative).await["email"].as_str().unwrap().to_owned();
        let mail = wait_for_mail(&app, &address, "was not published").await;
        assert!(mail.text.contains("Norādiet darba laiku.") && mail.text.contains("Galdnieka"), "{}", mail.text);
        let notices = app.graphql_as(&representative, "{ notifications { nodes { kind title body } } }", json!({})).await;
        let notices = ok(&notices, "notifications")["nodes"].to_string();
        assert!(notices.contains("OPPORTUNITY_DECISION") && notices.contains("Norādiet darba laiku."), "{notices}");
        ok(&app.graphql_as(&representative, UPDATE, json!({ "id": id, "i": job_input() })).await, "updateOpportunity");
        ok(&app.graphql_as(&representative, SUBMIT, json!({ "id": id })).await, "submitOpportunity");
        let published = app.graphql_as(&staff, REVIEW, json!({ "id": id, "a": true })).await;
        assert_eq!(ok(&published, "reviewOpportunity")["status"], "PUBLISHED");
        wait_for_mail(&app, &address, "is published").await;

        // Published: founders, mentors and other representatives see it (no reason for others);
        // a founder whose supervision rules out its sector finds nothing, as for a random id.
        for client in [&founder, &mentor, &other_representative] {
            let seen = app.graphql_as(client, ONE, json!({ "id": id })).await;
            assert_eq!(ok(&seen, "opportunity")["status"], "PUBLISHED", "{seen}");
        }
        let others = app.graphql_as(&other_representative, REASON, json!({ "id": id })).await;
        assert!(ok(&others, "opportunity")["rejectReason"].is_null(), "{others}");
        let kept = app.graphql_as(&excluded, ONE, json!({ "id": id })).await;
        let kept_missing = app.graphql_as(&excluded, ONE, json!({ "id": never })).await;
        assert_eq!(crate::app::error_code(&kept), "NOT_FOUND", "{kept}");
        assert_eq!(kept["errors"][0]["message"], kept_missing["errors"][0]["message"]);

        // Only its organisation closes it; closed, it leaves founders' sight.
        let stranger = app.graphql_as(&other_representative, CLOSE, json!({ "id": id })).await;
        assert_eq!(crate::app::error_code(&stranger), "FORBIDDEN", "{stranger}");
        let closed = app.graphql_as(&representative, CLOSE, json!({ "id": id })).await;
        assert_eq!(ok(&closed, "closeOpportunity")["status"], "CLOSED");
        let gone = app.graphql_as(&founder, ONE, json!({ "id": id })).await;
        assert_eq!(crate::app::error_code(&gone), "NOT_FOUND", "{gone}");
        let again = app.graphql_as(&representative, CLOSE, json!({ "id": id })).await;
        assert_eq!(again["errors"][0]["extensions"]["reason"], "OPPORTUNITY_MOVED_ON", "{again}");
    }

    async fn every_opportunity_step_refuses_the_other_roles(app: TestApp) {
        use serde_json::json;
        let (staff, _) = app.create_staff().await;
        let (admin, _) = app.create_admin().await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let (outsider, _) = organisation_of(&app, &staff, "Svešā", "SOCIAL_ENTERPRISE", true).await;
        let (waiting, waiting_org) = organisation_of(&app, &staff, "Gaida", "SOCIAL_ENTERPRISE", false).await;
        let (founder, _) = crate::api::directory::founder(&app, "Galdnieks", true).await;
        let (mentor, _) = crate::api::directory::mentor(&app, &staff, "Mentore", "latgale", &["business_plan"], true).await;
        let anonymous = TestApp::new_client();
        let created = app.graphql_as(&representative, CREATE, json!({ "o": organisation, "i": job_input() })).await;
        let id = ok(&created, "createOpportunity")["id"].as_str().unwrap().to_owned();

        let steps: [(&str, &str, serde_json::Value, Vec<&reqwest::Client>); 5] = [
            ("createOpportunity", CREATE, json!({ "o": organisation, "i": job_input() }), vec![&founder, &mentor, &staff, &admin, &waiting]),
            ("updateOpportunity", UPDATE, json!({ "id": id, "i": job_input() }), vec![&founder, &mentor, &staff, &admin]),
            ("submitOpportunity", SUBMIT, json!({ "id": id }), vec![&founder, &mentor, &staff, &admin]),
            ("closeOpportunity", CLOSE, json!({ "id": id }), vec![&founder, &mentor, &staff, &admin]),
            ("reviewOpportunity", REVIEW, json!({ "id": id, "a": true }), vec![&founder, &mentor, &representative]),
        ];
        for (name, operation, variables, refused) in &steps {
            for client in refused {
                let answer = app.graphql_as(client, operation, variables.clone()).await;
                assert_eq!(crate::app::error_code(&answer), "FORBIDDEN", "{name}: {answer}");
            }
            let answer = app.graphql_as(&anonymous, operation, variables.clone()).await;
            assert_eq!(crate::app::error_code(&answer), "UNAUTHENTICATED", "{name}");
        }
        // Another organisation's representative: the draft does not exist for them.
        for (operation, variables) in [(UPDATE, json!({ "id": id, "i": job_input() })), (SUBMIT, json!({ "id": id })), (ONE, json!({ "id": id }))] {
            let answer = app.graphql_as(&outsider, operation, variables).await;
            assert_eq!(crate::app::error_code(&answer), "NOT_FOUND", "{answer}");
        }
        let foreign = app.graphql_as(&outsider, CREATE, json!({ "o": organisation, "i": job_input() })).await;
        assert_eq!(crate::app::error_code(&foreign), "NOT_FOUND", "{foreign}");
        // The pending organisation's representative (approved account) cannot post yet.
        let person = app.viewer(&waiting).await["id"].as_str().unwrap().to_owned();
        assert!(app.graphql_as(&staff, crate::api::directory::DECIDE, json!({ "s": person, "d": "APPROVE" })).await["errors"].is_null());
        let early = app.graphql_as(&waiting, CREATE, json!({ "o": waiting_org, "i": job_input() })).await;
        assert_eq!(early["errors"][0]["extensions"]["reason"], "ORGANISATION_NOT_APPROVED", "{early}");
        // Staff see the draft; nothing moved.
        let seen = app.graphql_as(&staff, ONE, json!({ "id": id })).await;
        assert_eq!(ok(&seen, "opportunity")["status"], "DRAFT");
    }
}

db_test! {
    async fn a_published_posting_closes_by_itself_after_its_deadline(app: TestApp) {
        use serde_json::json;
        let _replica = app.spawn_replica().await;
        let (staff, _) = app.create_staff().await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let (founder, _) = crate::api::directory::founder(&app, "Galdnieks", true).await;
        let mut input = job_input();
        input["deadline"] = json!((app.state.now().date_naive() + Duration::days(2)).to_string());
        let created = app.graphql_as(&representative, CREATE, json!({ "o": organisation, "i": input })).await;
        let id = ok(&created, "createOpportunity")["id"].as_str().unwrap().to_owned();
        ok(&app.graphql_as(&representative, SUBMIT, json!({ "id": id })).await, "submitOpportunity");
        ok(&app.graphql_as(&staff, REVIEW, json!({ "id": id, "a": true })).await, "reviewOpportunity");

        // On its deadline day it is still open; the day after, the schedule closes it, once.
        app.clock.advance(Duration::days(2));
        tilts::jobs::scheduler::run_due(&app.state).await;
        let open = app.graphql_as(&founder, ONE, json!({ "id": id })).await;
        assert_eq!(ok(&open, "opportunity")["status"], "PUBLISHED", "{open}");
        app.clock.advance(Duration::days(1));
        let runs = (0..4).map(|_| {
            let state = app.state.clone();
            tokio::spawn(async move { tilts::services::opportunities::close_past_deadline(&state, state.now()).await })
        });
        let mut closed = 0;
        for run in runs {
            closed += run.await.unwrap().unwrap();
        }
        // The server's own scheduler may have got there first: once in all, either way.
        assert!(closed <= 1, "closed once however many runs at once");
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        use tilts::db::entities::audit_log;
        let expiries = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("opportunity.expire"))
            .filter(audit_log::Column::SubjectId.eq(uuid::Uuid::parse_str(&id).unwrap()))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(expiries, 1);
        let gone = app.graphql_as(&founder, ONE, json!({ "id": id })).await;
        assert_eq!(crate::app::error_code(&gone), "NOT_FOUND", "{gone}");
        let own = app.graphql_as(&representative, ONE, json!({ "id": id })).await;
        assert_eq!(ok(&own, "opportunity")["status"], "CLOSED");
    }
}

pub(crate) const LIST: &str = "query($f: OpportunityFilter, $o: OpportunityOrder = NEWEST, $n: Int = 20, $a: String) { opportunities(filter: $f, order: $o, first: $n, after: $a) { nodes { id title deadline } pageInfo { hasNextPage endCursor } } }";
const QUEUE: &str = "query { opportunityQueue { nodes { id status } } }";
const MINE: &str = "query { myOpportunities { nodes { id status } } }";

fn titles(answer: &serde_json::Value) -> Vec<String> {
    ok(answer, "opportunities")["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["title"].as_str().unwrap().to_owned())
        .collect()
}

db_test! {
    async fn founders_find_published_postings_by_filter_and_page_never_those_their_supervision_rules_out(app: TestApp) {
        use serde_json::json;
        let (staff, _) = app.create_staff().await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let (other, _) = organisation_of(&app, &staff, "Cita", "SOCIAL_ENTERPRISE", true).await;
        let (founder, _) = crate::api::directory::founder(&app, "Galdnieks", true).await;
        let (excluded, excluded_id) = crate::api::directory::founder(&app, "Nedrīkst", true).await;
        let constraints = json!({ "noContactUserIds": [], "excludedSectors": ["crafts_manufacturing"] });
        assert!(app.graphql_as(&staff, CONSTRAINTS, json!({ "f": excluded_id, "i": constraints })).await["errors"].is_null());

        // Three published (two in crafts, one remote in retail), one only submitted, one a draft.
        let post = |title: &'static str, days: i64, sector: &'static str, remote: bool, publish: bool, submit: bool| {
            let (app, representative, staff, organisation) = (&app, &representative, &staff, organisation.clone());
            async move {
                let mut input = job_input();
                input["title"] = json!(title);
                input["deadline"] = json!((Utc::now().date_naive() + Duration::days(days)).to_string());
                input["sectors"] = json!([sector]);
                input["remote"] = json!(remote);
                let created = app.graphql_as(representative, CREATE, json!({ "o": organisation, "i": input })).await;
                let id = ok(&created, "createOpportunity")["id"].as_str().unwrap().to_owned();
                if submit {
                    ok(&app.graphql_as(representative, SUBMIT, json!({ "id": id })).await, "submitOpportunity");
                }
                if publish {
                    ok(&app.graphql_as(staff, REVIEW, json!({ "id": id, "a": true })).await, "reviewOpportunity");
                }
                id
            }
        };
        post("Galdnieks A", 20, "crafts_manufacturing", false, true, true).await;
        post("Galdnieks B", 10, "crafts_manufacturing", false, true, true).await;
        post("Pārdevējs", 30, "retail", true, true, true).await;
        let submitted = post("Gaida", 15, "crafts_manufacturing", false, false, true).await;
        post("Melnraksts", 15, "crafts_manufacturing", false, false, false).await;

        let all = app.graphql_as(&founder, LIST, json!({})).await;
        assert_eq!(titles(&all), ["Pārdevējs", "Galdnieks B", "Galdnieks A"], "newest first, published only: {all}");
        let soon = app.graphql_as(&founder, LIST, json!({ "o": "CLOSING_SOON" })).await;
        assert_eq!(titles(&soon), ["Galdnieks B", "Galdnieks A", "Pārdevējs"]);
        let crafts = app.graphql_as(&founder, LIST, json!({ "f": { "sector": "crafts_manufacturing", "text": "galdn" } })).await;
        assert_eq!(titles(&crafts).len(), 2, "{crafts}");
        let remote = app.graphql_as(&founder, LIST, json!({ "f": { "remote": true } })).await;
        assert_eq!(titles(&remote), ["Pārdevējs"]);
        let kind = app.graphql_as(&founder, LIST, json!({ "f": { "kind": "PREMISES" } })).await;
        assert!(titles(&kind).is_empty());

        // Pages of one, in order, to the end.
        let mut seen = Vec::new();
        let mut after = serde_json::Value::Null;
        loop {
            let page = app.graphql_as(&founder, LIST, json!({ "o": "CLOSING_SOON", "n": 1, "a": after })).await;
            seen.extend(titles(&page));
            let info = &ok(&page, "opportunities")["pageInfo"];
            if info["hasNextPage"] != true {
                break;
            }
            after = info["endCursor"].clone();
        }
        assert_eq!(seen, ["Galdnieks B", "Galdnieks A", "Pārdevējs"]);
        let forged = app.graphql_as(&founder, LIST, json!({ "a": "bm90IGEgY3Vyc29y" })).await;
        assert_eq!(field_of(&forged), ("BAD_USER_INPUT".to_owned(), json!("after")), "{forged}");

        // A founder whose supervision rules out crafts sees only the rest, nothing telling why.
        let kept = app.graphql_as(&excluded, LIST, json!({})).await;
        assert_eq!(titles(&kept), ["Pārdevējs"], "{kept}");

        // Staff's queue holds what waits; each organisation lists its own, drafts too.
        let queue = app.graphql_as(&staff, QUEUE, json!({})).await;
        let queue = ok(&queue, "opportunityQueue")["nodes"].as_array().unwrap().clone();
        assert_eq!(queue.len(), 1);
        assert_eq!(queue[0]["id"], submitted.as_str());
        let mine = app.graphql_as(&representative, MINE, json!({})).await;
        assert_eq!(ok(&mine, "myOpportunities")["nodes"].as_array().unwrap().len(), 5);
        let theirs = app.graphql_as(&other, MINE, json!({})).await;
        assert!(ok(&theirs, "myOpportunities")["nodes"].as_array().unwrap().is_empty());
        for (client, operation) in [(&founder, QUEUE), (&founder, MINE), (&representative, QUEUE), (&staff, MINE)] {
            let answer = app.graphql_as(client, operation, json!({})).await;
            assert_eq!(crate::app::error_code(&answer), "FORBIDDEN", "{answer}");
        }
    }
}

db_test! {
    async fn one_application_per_founder_and_opportunity_and_a_hire_becomes_an_outcome(app: TestApp) {
        use tilts::db::repos::applications::{self as applications, NewApplication};
        use tilts::domain::application::ApplicationStatus as A;
        let (staff, _) = app.create_staff().await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let by = UserId(uuid::Uuid::parse_str(app.viewer(&representative).await["id"].as_str().unwrap()).unwrap());
        let organisation = uuid::Uuid::parse_str(&organisation).unwrap();
        let (_, founder) = crate::api::directory::founder(&app, "Galdnieks", true).await;
        let founder = UserId(uuid::Uuid::parse_str(&founder).unwrap());
        let terms = tilts::services::taxonomies::all(&app.state.db, &app.state).await.unwrap();
        let job = transitional_job().validated(Utc::now().date_naive(), &terms).unwrap();
        let now = Utc::now();
        let opportunity = repo::insert(&app.state.db, organisation, by, &job, now).await.unwrap();

        let new = || NewApplication { opportunity, founder, message: "Gribu strādāt.", share_email: false, share_phone: true };
        let id = applications::insert(&app.state.db, new(), now).await.unwrap().unwrap();
        assert_eq!(applications::insert(&app.state.db, new(), now).await.unwrap(), None, "one per founder");
        let stored = applications::find(&app.state.db, id).await.unwrap().unwrap();
        assert_eq!((stored.status, stored.share_email, stored.share_phone), (A::Submitted, false, true));

        assert!(applications::step(&app.state.db, id, A::Submitted, A::Shortlisted, None, now).await.unwrap());
        assert!(!applications::step(&app.state.db, id, A::Submitted, A::Declined, Some("x".into()), now).await.unwrap());
        assert!(applications::step(&app.state.db, id, A::Shortlisted, A::Hired, None, now).await.unwrap());
        applications::record_outcome(&app.state.db, founder, organisation, id, OpportunityKind::FirstJob, now.date_naive(), now)
            .await
            .unwrap();
        use sea_orm::{EntityTrait, PaginatorTrait};
        assert_eq!(tilts::db::entities::outcomes::Entity::find().count(&app.state.db).await.unwrap(), 1);
        assert_eq!(applications::find(&app.state.db, id).await.unwrap().unwrap().status, A::Hired);
    }
}
