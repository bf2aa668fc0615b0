//! Applications: a founder applies, the organisation moves the application through its pipeline,
//! each side is told, a hire becomes an outcome; who sees which application, and what of it.

use chrono::Duration;
use serde_json::{Value, json};
use tilts::domain::{Role, UserId};

use crate::api::mentoring::organisation_of;
use crate::api::opportunities::{CONSTRAINTS, LIST, ONE, field_of, job_input, ok, published, wait_for_mail};
use crate::app::{TestApp, error_code};

pub(crate) const APPLY: &str = "mutation($id: ID!, $m: String!, $e: Boolean! = false, $p: Boolean! = false) { applyToOpportunity(id: $id, message: $m, shareEmail: $e, sharePhone: $p) { id status shareEmail sharePhone opportunity { id title kind organisation { name } } } }";
pub(crate) const MOVE: &str =
    "mutation($id: ID!, $s: ApplicationStatus!, $r: String) { moveApplication(id: $id, status: $s, reason: $r) }";
pub(crate) const WITHDRAW: &str = "mutation($id: ID!) { withdrawApplication(id: $id) { id status } }";
pub(crate) const MINE: &str =
    "query { myApplications { nodes { id status declineReason opportunity { id title status } } } }";
pub(crate) const APPLICANTS: &str = "query($o: ID!) { applicants(opportunityId: $o, first: 10) { nodes { id status message founder { id displayName headline contact { email phone } } contact { email phone } } } }";
const SHARE: &str = "mutation($s: Boolean!) { shareApplicationsWithMentor(share: $s) }";
const MENTEE: &str =
    "query($f: ID!) { menteeApplications(founderId: $f) { nodes { id status opportunity { title } } } }";

async fn email_of(app: &TestApp, client: &reqwest::Client) -> String {
    app.viewer(client).await["email"].as_str().unwrap().to_owned()
}

fn applicants(answer: &Value) -> Vec<Value> {
    ok(answer, "applicants")["nodes"].as_array().unwrap_or_else(|| panic!("{answer}")).clone()
}

db_test! {
    async fn a_founder_applies_sharing_a_phone_and_the_organisation_shortlists_and_hires(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca Rēzeknē", "SOCIAL_ENTERPRISE", true).await;
        let (founder, founder_id) = crate::api::directory::founder(&app, "Galdnieks", false).await;
        let id = published(&app, &staff, &representative, &organisation, job_input()).await;
        let (representative_email, founder_email) = (email_of(&app, &representative).await, email_of(&app, &founder).await);

        let applied = app.graphql_as(&founder, APPLY, json!({ "id": id, "m": "Esmu strādājis ar koku.", "e": false, "p": true })).await;
        let application = ok(&applied, "applyToOpportunity").clone();
        assert_eq!((application["status"].as_str(), application["sharePhone"].as_bool()), (Some("SUBMITTED"), Some(true)));
        assert_eq!(application["opportunity"]["organisation"]["name"], "Darbnīca Rēzeknē");
        let application_id = application["id"].as_str().unwrap().to_owned();
        let again = app.graphql_as(&founder, APPLY, json!({ "id": id, "m": "Vēlreiz" })).await;
        assert_eq!((error_code(&again), again["errors"][0]["extensions"]["reason"].clone()), ("CONFLICT".to_owned(), json!("ALREADY_APPLIED")));
        let told = wait_for_mail(&app, &representative_email, "applied to").await;
        assert!(told.text.contains("/opportunity/applicants?id="), "{}", told.text);

        // The organisation sees the public profile and the message; no contact details yet.
        let seen = applicants(&app.graphql_as(&representative, APPLICANTS, json!({ "o": id })).await);
        assert_eq!(seen.len(), 1);
        assert_eq!((seen[0]["founder"]["id"].as_str(), seen[0]["founder"]["headline"].as_str()), (Some(founder_id.as_str()), Some("Galdnieks")));
        assert_eq!(seen[0]["message"], "Esmu strādājis ar koku.");
        assert!(seen[0]["contact"].is_null() && seen[0]["founder"]["contact"].is_null(), "{seen:?}");

        // Shortlisted: the phone, only the phone.
        let moved = app.graphql_as(&representative, MOVE, json!({ "id": application_id, "s": "SHORTLISTED" })).await;
        assert_eq!(ok(&moved, "moveApplication"), "SHORTLISTED");
        wait_for_mail(&app, &founder_email, "shortlist").await;
        let seen = applicants(&app.graphql_as(&representative, APPLICANTS, json!({ "o": id })).await);
        assert_eq!(seen[0]["contact"], json!({ "email": null, "phone": "+371 2888 8888" }));

        // Hired: told, and an outcome for the figures.
        let hired = app.graphql_as(&representative, MOVE, json!({ "id": application_id, "s": "HIRED" })).await;
        assert_eq!(ok(&hired, "moveApplication"), "HIRED");
        let mail = wait_for_mail(&app, &founder_email, "chose you").await;
        assert!(mail.text.contains("Darbnīca Rēzeknē") && mail.text.contains("/applications"), "{}", mail.text);
        let founder_uuid = UserId(uuid::Uuid::parse_str(&founder_id).unwrap());
        let outcomes = tilts::db::repos::applications::outcomes_of(&app.state.db, founder_uuid).await.unwrap();
        assert_eq!(outcomes.len(), 1);
        assert_eq!(outcomes[0].0.map(|o| o.to_string()), Some(organisation.clone()));
        assert_eq!(outcomes[0].1, tilts::domain::opportunity::OpportunityKind::FirstJob);
        let mine = app.graphql_as(&founder, MINE, json!({})).await;
        assert_eq!(ok(&mine, "myApplications")["nodes"][0]["status"], "HIRED", "{mine}");
        let notices = app.graphql_as(&founder, "{ notifications { nodes { kind link } } }", json!({})).await;
        let kinds: Vec<&Value> = ok(&notices, "notifications")["nodes"].as_array().unwrap().iter().filter(|n| n["kind"] == "APPLICATION").collect();
        assert_eq!(kinds.len(), 2, "shortlisted and hired: {notices}");
        assert!(kinds.iter().all(|n| n["link"] == "/applications"));
        let done = app.graphql_as(&representative, MOVE, json!({ "id": application_id, "s": "DECLINED", "r": "Par vēlu" })).await;
        assert_eq!(error_code(&done), "CONFLICT", "a hire stays a hire: {done}");
    }
}

db_test! {
    async fn a_founder_who_never_wrote_a_profile_is_in_the_pipeline_with_their_name(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let (founder, founder_email) = app.sign_in_as(Role::Founder).await;
        let id = published(&app, &staff, &representative, &organisation, job_input()).await;
        let applied = app.graphql_as(&founder, APPLY, json!({ "id": id, "m": "Gribu strādāt.", "e": true })).await;
        let application = ok(&applied, "applyToOpportunity")["id"].as_str().unwrap().to_owned();

        let seen = applicants(&app.graphql_as(&representative, APPLICANTS, json!({ "o": id })).await);
        assert_eq!(seen.len(), 1, "told of it, so listed: {seen:?}");
        assert_eq!((seen[0]["founder"]["displayName"].as_str(), seen[0]["founder"]["headline"].as_str()), (Some("Test Person"), Some("")));
        assert!(seen[0]["contact"].is_null(), "{seen:?}");
        let moved = app.graphql_as(&representative, MOVE, json!({ "id": application, "s": "SHORTLISTED" })).await;
        assert_eq!(ok(&moved, "moveApplication"), "SHORTLISTED");
        let seen = applicants(&app.graphql_as(&representative, APPLICANTS, json!({ "o": id })).await);
        assert_eq!(seen[0]["contact"], json!({ "email": founder_email, "phone": null }));
    }
}

db_test! {
    async fn a_decline_needs_a_reason_the_founder_reads_and_a_withdrawal_tells_the_organisation(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let (founder, _) = crate::api::directory::founder(&app, "Galdnieks", true).await;
        let (other, _) = crate::api::directory::founder(&app, "Krāsotājs", true).await;
        let id = published(&app, &staff, &representative, &organisation, job_input()).await;
        let (representative_email, founder_email) = (email_of(&app, &representative).await, email_of(&app, &founder).await);
        let first = app.graphql_as(&founder, APPLY, json!({ "id": id, "m": "Gribu strādāt." })).await;
        let first = ok(&first, "applyToOpportunity")["id"].as_str().unwrap().to_owned();
        let second = app.graphql_as(&other, APPLY, json!({ "id": id, "m": "Arī es." })).await;
        let second = ok(&second, "applyToOpportunity")["id"].as_str().unwrap().to_owned();

        let bare = app.graphql_as(&representative, MOVE, json!({ "id": first, "s": "DECLINED", "r": "  " })).await;
        assert_eq!(field_of(&bare), ("BAD_USER_INPUT".to_owned(), json!("reason")));
        let back = app.graphql_as(&representative, MOVE, json!({ "id": first, "s": "SUBMITTED" })).await;
        assert_eq!(field_of(&back), ("BAD_USER_INPUT".to_owned(), json!("status")));
        let theirs = app.graphql_as(&representative, MOVE, json!({ "id": first, "s": "WITHDRAWN" })).await;
        assert_eq!(error_code(&theirs), "FORBIDDEN", "only the founder withdraws: {theirs}");
        let declined = app.graphql_as(&representative, MOVE, json!({ "id": first, "s": "DECLINED", "r": "Vieta jau aizpildīta" })).await;
        assert_eq!(ok(&declined, "moveApplication"), "DECLINED");
        let mail = wait_for_mail(&app, &founder_email, "About your application").await;
        assert!(mail.text.contains("Vieta jau aizpildīta"), "{}", mail.text);
        let mine = app.graphql_as(&founder, MINE, json!({})).await;
        assert_eq!(ok(&mine, "myApplications")["nodes"][0]["declineReason"], "Vieta jau aizpildīta");
        let late = app.graphql_as(&founder, WITHDRAW, json!({ "id": first })).await;
        assert_eq!((error_code(&late), late["errors"][0]["extensions"]["reason"].clone()), ("CONFLICT".to_owned(), json!("APPLICATION_MOVED_ON")));

        // Another founder's application is nobody else's to withdraw.
        let foreign = app.graphql_as(&founder, WITHDRAW, json!({ "id": second })).await;
        assert_eq!(error_code(&foreign), "NOT_FOUND", "{foreign}");
        let withdrawn = app.graphql_as(&other, WITHDRAW, json!({ "id": second })).await;
        assert_eq!(ok(&withdrawn, "withdrawApplication")["status"], "WITHDRAWN");
        wait_for_mail(&app, &representative_email, "withdrew").await;
        let shortlist = app.graphql_as(&representative, MOVE, json!({ "id": second, "s": "SHORTLISTED" })).await;
        assert_eq!(error_code(&shortlist), "CONFLICT", "{shortlist}");
        let seen = applicants(&app.graphql_as(&representative, APPLICANTS, json!({ "o": id })).await);
        assert!(seen.iter().all(|a| a["contact"].is_null()), "nothing released without a shortlist: {seen:?}");
    }
}

db_test! {
    async fn bad_applications_get_field_errors_and_nothing_is_saved(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let (founder, _) = crate::api::directory::founder(&app, "Galdnieks", true).await;
        let (no_phone, _) = app.sign_in_as(Role::Founder).await;
        let id = published(&app, &staff, &representative, &organisation, job_input()).await;

        for (message, field) in [("   ", "message"), (&*"ā".repeat(2001), "message")] {
            let answer = app.graphql_as(&founder, APPLY, json!({ "id": id, "m": message })).await;
            assert_eq!(field_of(&answer), ("BAD_USER_INPUT".to_owned(), json!(field)), "{answer}");
        }
        let phone = app.graphql_as(&no_phone, APPLY, json!({ "id": id, "m": "Gribu.", "p": true })).await;
        assert_eq!(field_of(&phone), ("BAD_USER_INPUT".to_owned(), json!("sharePhone")), "{phone}");
        assert!(phone["errors"][0]["message"].as_str().unwrap().contains("phone number"), "in their language: {phone}");
        for client in [&founder, &no_phone] {
            let mine = app.graphql_as(client, MINE, json!({})).await;
            assert_eq!(ok(&mine, "myApplications")["nodes"], json!([]), "nothing saved");
        }
        let never = app.graphql_as(&founder, APPLY, json!({ "id": uuid::Uuid::new_v4().to_string(), "m": "Gribu." })).await;
        assert_eq!(error_code(&never), "NOT_FOUND");

        // A draft is not there; past its deadline (before the schedule closed it) it takes none.
        let draft = app.graphql_as(&representative, crate::api::opportunities::CREATE, json!({ "o": organisation, "i": job_input() })).await;
        let draft = ok(&draft, "createOpportunity")["id"].as_str().unwrap().to_owned();
        let hidden = app.graphql_as(&founder, APPLY, json!({ "id": draft, "m": "Gribu." })).await;
        assert_eq!(error_code(&hidden), "NOT_FOUND", "{hidden}");
        let mut soon = job_input();
        soon["deadline"] = json!(app.state.now().date_naive().to_string());
        let closing = published(&app, &staff, &representative, &organisation, soon).await;
        app.clock.advance(Duration::days(1));
        let late = app.graphql_as(&founder, APPLY, json!({ "id": closing, "m": "Gribu." })).await;
        let code = error_code(&late);
        assert!(
            (code == "CONFLICT" && late["errors"][0]["extensions"]["reason"] == "OPPORTUNITY_CLOSED") || code == "NOT_FOUND",
            "closed, by the deadline or by the schedule: {late}"
        );
    }
}

db_test! {
    async fn every_application_step_refuses_the_other_roles_and_other_organisations(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (admin, _) = app.create_admin().await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let (outsider, _) = organisation_of(&app, &staff, "Svešā", "SOCIAL_ENTERPRISE", true).await;
        let (founder, _) = crate::api::directory::founder(&app, "Galdnieks", true).await;
        let (mentor, _) = crate::api::directory::mentor(&app, &staff, "Mentore", "latgale", &["business_plan"], true).await;
        let anonymous = TestApp::new_client();
        let id = published(&app, &staff, &representative, &organisation, job_input()).await;
        let applied = app.graphql_as(&founder, APPLY, json!({ "id": id, "m": "Gribu." })).await;
        let application = ok(&applied, "applyToOpportunity")["id"].as_str().unwrap().to_owned();

        let steps: [(&str, &str, Value, Vec<&reqwest::Client>); 8] = [
            ("applyToOpportunity", APPLY, json!({ "id": id, "m": "Gribu." }), vec![&mentor, &representative, &staff, &admin]),
            ("withdrawApplication", WITHDRAW, json!({ "id": application }), vec![&mentor, &representative, &staff, &admin]),
            ("moveApplication", MOVE, json!({ "id": application, "s": "SHORTLISTED" }), vec![&founder, &mentor, &staff, &admin]),
            ("shareApplicationsWithMentor", SHARE, json!({ "s": true }), vec![&mentor, &representative, &staff, &admin]),
            ("myApplications", MINE, json!({}), vec![&mentor, &representative, &staff, &admin]),
            ("applicants", APPLICANTS, json!({ "o": id }), vec![&founder, &mentor, &staff, &admin]),
            ("menteeApplications", MENTEE, json!({ "f": crate::api::directory::id_of(&app, &founder).await }), vec![&founder, &representative, &staff, &admin]),
            ("applicationsSharedWithMentor", "{ applicationsSharedWithMentor }", json!({}), vec![&mentor, &representative, &staff, &admin]),
        ];
        for (name, operation, variables, refused) in &steps {
            for client in refused {
                let answer = app.graphql_as(client, operation, variables.clone()).await;
                assert_eq!(error_code(&answer), "FORBIDDEN", "{name}: {answer}");
            }
            let answer = app.graphql_as(&anonymous, operation, variables.clone()).await;
            assert_eq!(error_code(&answer), "UNAUTHENTICATED", "{name}");
        }
        // Another organisation: neither the applicants nor the application exist for it.
        for (operation, variables) in [(APPLICANTS, json!({ "o": id })), (MOVE, json!({ "id": application, "s": "SHORTLISTED" }))] {
            let answer = app.graphql_as(&outsider, operation, variables).await;
            assert_eq!(error_code(&answer), "NOT_FOUND", "{answer}");
        }
        let mine = app.graphql_as(&founder, MINE, json!({})).await;
        assert_eq!(ok(&mine, "myApplications")["nodes"][0]["status"], "SUBMITTED", "nothing moved");
    }
}

db_test! {
    async fn a_mentor_sees_a_mentees_applications_only_while_mentoring_them_and_with_their_leave(app: TestApp) {
        let (staff, founder, mentor, _) = crate::api::mentoring::running(&app).await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let (stranger, _) = crate::api::directory::mentor(&app, &staff, "Cits", "riga", &["business_plan"], true).await;
        let founder_id = crate::api::directory::id_of(&app, &founder).await;
        let id = published(&app, &staff, &representative, &organisation, job_input()).await;
        ok(&app.graphql_as(&founder, APPLY, json!({ "id": id, "m": "Gribu." })).await, "applyToOpportunity");

        let before = app.graphql_as(&mentor, MENTEE, json!({ "f": founder_id })).await;
        assert_eq!(error_code(&before), "NOT_FOUND", "not without leave: {before}");
        assert_eq!(ok(&app.graphql_as(&founder, SHARE, json!({ "s": true })).await, "shareApplicationsWithMentor"), true);
        assert_eq!(ok(&app.graphql_as(&founder, "{ applicationsSharedWithMentor }", json!({})).await, "applicationsSharedWithMentor"), true);
        let seen = app.graphql_as(&mentor, MENTEE, json!({ "f": founder_id })).await;
        assert_eq!(ok(&seen, "menteeApplications")["nodes"][0]["opportunity"]["title"], "Galdnieka palīgs", "{seen}");
        let other = app.graphql_as(&stranger, MENTEE, json!({ "f": founder_id })).await;
        assert_eq!(error_code(&other), "NOT_FOUND", "only their mentor: {other}");

        // The look is in the founder's "who viewed my data".
        let views = app.graphql_as(&founder, "{ profileViews { nodes { what } } }", json!({})).await;
        assert!(views.to_string().contains("APPLICATIONS"), "{views}");

        ok(&app.graphql_as(&founder, SHARE, json!({ "s": false })).await, "shareApplicationsWithMentor");
        let after = app.graphql_as(&mentor, MENTEE, json!({ "f": founder_id })).await;
        assert_eq!(error_code(&after), "NOT_FOUND", "leave taken back: {after}");
    }
}

db_test! {
    async fn leave_to_see_applications_goes_to_one_mentor_and_not_to_the_next(app: TestApp) {
        let (staff, founder, mentor, mentorship) = crate::api::mentoring::running(&app).await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let founder_id = crate::api::directory::id_of(&app, &founder).await;
        let id = published(&app, &staff, &representative, &organisation, job_input()).await;
        ok(&app.graphql_as(&founder, APPLY, json!({ "id": id, "m": "Gribu." })).await, "applyToOpportunity");
        assert_eq!(ok(&app.graphql_as(&founder, SHARE, json!({ "s": true })).await, "shareApplicationsWithMentor"), true);
        ok(&app.graphql_as(&mentor, MENTEE, json!({ "f": founder_id })).await, "menteeApplications");

        // The mentorship ends: nobody to share with, and the former mentor sees nothing.
        let end = crate::api::mentoring::END;
        let ended = app.graphql_as(&founder, end, json!({ "id": mentorship, "c": false, "r": "Pārcēlos uz Rīgu.", "s": 4 })).await;
        ok(&ended, "endMentorship");
        let sharing = app.graphql_as(&founder, "{ applicationsSharedWithMentor }", json!({})).await;
        assert_eq!(ok(&sharing, "applicationsSharedWithMentor"), &Value::Null, "no mentor, no choice: {sharing}");
        let former = app.graphql_as(&mentor, MENTEE, json!({ "f": founder_id })).await;
        assert_eq!(error_code(&former), "NOT_FOUND", "{former}");
        let alone = app.graphql_as(&founder, SHARE, json!({ "s": true })).await;
        assert_eq!(error_code(&alone), "CONFLICT", "{alone}");
        assert_eq!(alone["errors"][0]["extensions"]["reason"], "NO_MENTOR");

        // The next mentor needs leave of their own.
        let (next, next_id) = crate::api::directory::mentor(&app, &staff, "Nākamā", "latgale", &["business_plan"], true).await;
        let asked = crate::api::mentoring::request(&app, &founder, &next_id).await;
        ok(&app.graphql_as(&next, crate::api::mentoring::ANSWER, json!({ "id": asked, "a": true })).await, "answerMentorshipRequest");
        ok(&app.graphql_as(&staff, crate::api::mentoring::REVIEW, json!({ "id": asked, "a": true })).await, "reviewMentorship");
        let sharing = app.graphql_as(&founder, "{ applicationsSharedWithMentor }", json!({})).await;
        assert_eq!(ok(&sharing, "applicationsSharedWithMentor"), false, "{sharing}");
        let unasked = app.graphql_as(&next, MENTEE, json!({ "f": founder_id })).await;
        assert_eq!(error_code(&unasked), "NOT_FOUND", "leave given to the earlier mentor is not theirs: {unasked}");
        ok(&app.graphql_as(&founder, SHARE, json!({ "s": true })).await, "shareApplicationsWithMentor");
        let seen = app.graphql_as(&next, MENTEE, json!({ "f": founder_id })).await;
        assert_eq!(ok(&seen, "menteeApplications")["nodes"].as_array().map(Vec::len), Some(1), "{seen}");
    }
}

db_test! {
    async fn a_founder_kept_from_a_representative_never_finds_their_organisations_postings(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let colleague = crate::api::mentoring::colleague_of(&app, &staff, &representative, &organisation).await;
        let (founder, founder_id) = crate::api::directory::founder(&app, "Galdnieks", true).await;
        let id = published(&app, &staff, &representative, &organisation, job_input()).await;
        let applied = app.graphql_as(&founder, APPLY, json!({ "id": id, "m": "Gribu." })).await;
        let application = ok(&applied, "applyToOpportunity")["id"].as_str().unwrap().to_owned();
        assert_eq!(applicants(&app.graphql_as(&representative, APPLICANTS, json!({ "o": id })).await).len(), 1);
        assert_eq!(applicants(&app.graphql_as(&colleague, APPLICANTS, json!({ "o": id })).await).len(), 1);
        let notices = "{ notifications(first: 20) { nodes { kind } } }";
        let told = |answer: Value| ok(&answer, "notifications")["nodes"].as_array().unwrap().iter().filter(|n| n["kind"] == "APPLICATION").count();
        let colleague_told = told(app.graphql_as(&colleague, notices, json!({})).await);

        let representative_id = crate::api::directory::id_of(&app, &representative).await;
        let constraints = json!({ "noContactUserIds": [representative_id], "excludedSectors": [] });
        ok(&app.graphql_as(&staff, CONSTRAINTS, json!({ "f": founder_id, "i": constraints })).await, "setSupervisionConstraints");

        let list = app.graphql_as(&founder, LIST, json!({})).await;
        assert_eq!(ok(&list, "opportunities")["nodes"], json!([]), "{list}");
        let one = app.graphql_as(&founder, ONE, json!({ "id": id })).await;
        let never = app.graphql_as(&founder, ONE, json!({ "id": uuid::Uuid::new_v4().to_string() })).await;
        assert_eq!(error_code(&one), "NOT_FOUND");
        assert_eq!(one["errors"][0]["message"], never["errors"][0]["message"], "nothing tells why");
        assert!(applicants(&app.graphql_as(&representative, APPLICANTS, json!({ "o": id })).await).is_empty(), "nor they the founder");
        // Nor anyone else of the organisation: not in the list, not by id, not in a notice.
        assert!(applicants(&app.graphql_as(&colleague, APPLICANTS, json!({ "o": id })).await).is_empty(), "{colleague_told}");
        let moved = app.graphql_as(&colleague, MOVE, json!({ "id": application, "s": "SHORTLISTED" })).await;
        assert_eq!(error_code(&moved), "NOT_FOUND", "{moved}");
        ok(&app.graphql_as(&founder, WITHDRAW, json!({ "id": application })).await, "withdrawApplication");
        assert_eq!(told(app.graphql_as(&colleague, notices, json!({})).await), colleague_told, "the withdrawal is not told");
    }
}

const RECOMMENDED: &str = "query { recommendedOpportunities { score reasons opportunity { id title } } }";

db_test! {
    async fn recommendations_fit_the_founder_with_reasons_and_never_show_what_is_hidden(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (representative, organisation) = organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let (founder, _) = app.sign_in_as(Role::Founder).await;
        let founder_id = crate::api::directory::id_of(&app, &founder).await;
        let profile = json!({
            "headline": "Galdnieks", "stage": "IDEA", "region": "latgale", "languages": ["ru"], "needs": [],
            "sectors": ["crafts_manufacturing"], "skills": "galdniecība, mēbeļu krāsošana", "listed": false
        });
        ok(&app.graphql_as(&founder, "mutation($i: FounderProfileInput!) { updateFounderProfile(input: $i) { headline } }", json!({ "i": profile })).await, "updateFounderProfile");

        let near = published(&app, &staff, &representative, &organisation, job_input()).await;
        let mut far = job_input();
        far["title"] = json!("Noliktavas darbinieks");
        far["region"] = json!("kurzeme");
        far["sectors"] = json!(["transport_logistics"]);
        let far = published(&app, &staff, &representative, &organisation, far).await;
        let mut retail = job_input();
        retail["title"] = json!("Veikala pārdevējs");
        retail["sectors"] = json!(["retail"]);
        let retail = published(&app, &staff, &representative, &organisation, retail).await;
        let draft = app.graphql_as(&representative, crate::api::opportunities::CREATE, json!({ "o": organisation, "i": job_input() })).await;
        let draft = ok(&draft, "createOpportunity")["id"].as_str().unwrap().to_owned();

        let suggested = app.graphql_as(&founder, RECOMMENDED, json!({})).await;
        let list = ok(&suggested, "recommendedOpportunities").as_array().unwrap().clone();
        let ids: Vec<&str> = list.iter().map(|s| s["opportunity"]["id"].as_str().unwrap()).collect();
        assert_eq!(ids[0], near, "the best fit first: {suggested}");
        assert!(ids.contains(&retail.as_str()), "the same region: {suggested}");
        assert!(!ids.contains(&far.as_str()) && !ids.contains(&draft.as_str()), "{suggested}");
        let reasons = list[0]["reasons"].to_string();
        assert!(reasons.contains("in your sector") && reasons.contains("your region"), "{reasons}");

        // A sector the supervision rules out disappears, and no reason hints at it.
        let constraints = json!({ "noContactUserIds": [], "excludedSectors": ["retail"] });
        ok(&app.graphql_as(&staff, CONSTRAINTS, json!({ "f": founder_id, "i": constraints })).await, "setSupervisionConstraints");
        let after = app.graphql_as(&founder, RECOMMENDED, json!({})).await;
        assert!(!after.to_string().contains(&retail) && !after.to_string().to_lowercase().contains("retail"), "{after}");
        // Applied to: no longer suggested.
        ok(&app.graphql_as(&founder, APPLY, json!({ "id": near, "m": "Gribu." })).await, "applyToOpportunity");
        let applied = app.graphql_as(&founder, RECOMMENDED, json!({})).await;
        assert!(!applied.to_string().contains(&near), "{applied}");
    }
}
