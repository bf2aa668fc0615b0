//! Who may call what: staff accounts, and every guarded root field tried by every role.
//!
//! Use cases refuse a role they never serve as an internal fault (`INTERNAL`, logged), not as
//! `FORBIDDEN`: only the access matrix answers `FORBIDDEN`/`UNAUTHENTICATED` for a role, before
//! any resolver runs. So the test below fails if the access-control extension is removed.

use serde_json::json;
use tilts::{
    domain::{Role, Standing},
    graphql::access::{Rule, declarations},
};

use crate::api::binary::create_admin_with_cli;
use crate::app::{PASSWORD, error_code};

const CREATE_STAFF: &str =
    "mutation($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id email role locale } }";

/// A sample call of every root field, with variables.
fn sample(field: &str) -> Option<(&'static str, serde_json::Value)> {
    Some(match field {
        "viewer" => ("{ viewer { id } }", json!({})),
        "register" => (
            "mutation { register(input: { email: \"x@example.lv\", password: \"kalnu takas 2026\", displayName: \"X\", role: FOUNDER, locale: LV }) }",
            json!({}),
        ),
        "verifyEmail" => ("mutation { verifyEmail(token: \"00\") }", json!({})),
        "signIn" => ("mutation { signIn(email: \"x@example.lv\", password: \"x\") { next } }", json!({})),
        "mySessions" => ("{ mySessions { id device current } }", json!({})),
        "verifySecondFactor" => ("mutation { verifySecondFactor(code: \"123456\") { id } }", json!({})),
        "beginSecondFactorSetup" => ("mutation { beginSecondFactorSetup { uri } }", json!({})),
        "confirmSecondFactor" => ("mutation { confirmSecondFactor(code: \"123456\") { recoveryCodes } }", json!({})),
        "endSession" => ("mutation { endSession(id: \"00000000-0000-0000-0000-000000000000\") }", json!({})),
        "resetSecondFactor" => {
            ("mutation { resetSecondFactor(userId: \"00000000-0000-0000-0000-000000000000\") }", json!({}))
        }
        "disableAccount" => {
            ("mutation { disableAccount(userId: \"00000000-0000-0000-0000-000000000000\") }", json!({}))
        }
        "enableAccount" => ("mutation { enableAccount(userId: \"00000000-0000-0000-0000-000000000000\") }", json!({})),
        "signOut" => ("mutation { signOut }", json!({})),
        "requestPasswordReset" => ("mutation { requestPasswordReset(email: \"x@example.lv\") }", json!({})),
        "passwordResetLink" => ("{ passwordResetLink(token: \"00\") }", json!({})),
        "resendVerification" => ("mutation { resendVerification(email: \"x@example.lv\") }", json!({})),
        "resetPassword" => ("mutation { resetPassword(token: \"00\", newPassword: \"kalnu takas 2027\") }", json!({})),
        "changePassword" => {
            ("mutation { changePassword(current: \"wrong password\", new: \"kalnu takas 2027\") }", json!({}))
        }
        "updateMyLocale" => ("mutation { updateMyLocale(locale: EN) { locale } }", json!({})),
        "taxonomies" => ("{ taxonomies { regions { code label } } }", json!({})),
        "moderationQueue" => ("{ moderationQueue(first: 5) { nodes { id } pageInfo { hasNextPage } } }", json!({})),
        "decideModeration" => (
            "mutation { decideModeration(subjectId: \"00000000-0000-0000-0000-000000000000\", decision: APPROVE) { id } }",
            json!({}),
        ),
        "mentors" => ("{ mentors(first: 5) { nodes { id } } }", json!({})),
        "founders" => ("{ founders(first: 5) { nodes { id } } }", json!({})),
        "mentor" => ("{ mentor(id: \"00000000-0000-0000-0000-000000000000\") { id } }", json!({})),
        "founder" => ("{ founder(id: \"00000000-0000-0000-0000-000000000000\") { id } }", json!({})),
        "myProfile" => ("{ myProfile { founder { headline } mentor { headline } } }", json!({})),
        "updateFounderProfile" => (
            "mutation { updateFounderProfile(input: { headline: \"H\", stage: IDEA, region: \"riga\", languages: [\"lv\"] }) { headline } }",
            json!({}),
        ),
        "updateMentorProfile" => (
            "mutation { updateMentorProfile(input: { headline: \"H\", expertise: [\"hiring\"], region: \"riga\", meeting: BOTH, languages: [\"lv\"], capacity: 2, available: true }) { headline } }",
            json!({}),
        ),
        "people" => ("{ people(search: \"a\", first: 5) { nodes { id email } } }", json!({})),
        "profileViews" => ("{ profileViews(first: 5) { nodes { by viewedAt } } }", json!({})),
        "targetGroupRecord" => (
            "{ targetGroupRecord(founderId: \"00000000-0000-0000-0000-000000000000\", reason: \"Pārbaude\") { exists } }",
            json!({}),
        ),
        "setTargetGroupRecord" => (
            "mutation { setTargetGroupRecord(founderId: \"00000000-0000-0000-0000-000000000000\", input: { category: AT_RISK, unitName: \"Rīga\" }) { exists } }",
            json!({}),
        ),
        "setSupervisionConstraints" => (
            "mutation { setSupervisionConstraints(founderId: \"00000000-0000-0000-0000-000000000000\", input: { noContactUserIds: [], excludedSectors: [] }) { exists } }",
            json!({}),
        ),
        "createFounderInvitation" => {
            ("mutation { createFounderInvitation(input: { displayName: \"Ivars\", locale: LV }) { code } }", json!({}))
        }
        "redeemInvitation" => (
            "mutation { redeemInvitation(code: \"ABCDE-FGHJK\", password: \"kalnu takas 2026\", email: \"x@example.lv\") }",
            json!({}),
        ),
        "notifications" => ("{ notifications(first: 5) { nodes { id title } } }", json!({})),
        "unreadNotificationCount" => ("{ unreadNotificationCount }", json!({})),
        "markNotificationsRead" => {
            ("mutation { markNotificationsRead(ids: [\"00000000-0000-0000-0000-000000000000\"]) }", json!({}))
        }
        "organisations" => ("{ organisations(first: 5) { nodes { id name } } }", json!({})),
        "organisation" => ("{ organisation(id: \"00000000-0000-0000-0000-000000000000\") { id } }", json!({})),
        "opportunity" => ("{ opportunity(id: \"00000000-0000-0000-0000-000000000000\") { id } }", json!({})),
        "opportunities" => ("{ opportunities(first: 3) { nodes { id } } }", json!({})),
        "opportunityQueue" => ("{ opportunityQueue(first: 3) { nodes { id } } }", json!({})),
        "myOpportunities" => ("{ myOpportunities(first: 3) { nodes { id } } }", json!({})),
        "recommendedOpportunities" => ("{ recommendedOpportunities(first: 3) { score } }", json!({})),
        "myApplications" => ("{ myApplications(first: 3) { nodes { id } } }", json!({})),
        "applicationsSharedWithMentor" => ("{ applicationsSharedWithMentor }", json!({})),
        "applicants" => (
            "{ applicants(opportunityId: \"00000000-0000-0000-0000-000000000000\", first: 3) { nodes { id } } }",
            json!({}),
        ),
        "menteeApplications" => (
            "{ menteeApplications(founderId: \"00000000-0000-0000-0000-000000000000\", first: 3) { nodes { id } } }",
            json!({}),
        ),
        "applyToOpportunity" => (
            "mutation { applyToOpportunity(id: \"00000000-0000-0000-0000-000000000000\", message: \"Gribu.\") { id } }",
            json!({}),
        ),
        "withdrawApplication" => {
            ("mutation { withdrawApplication(id: \"00000000-0000-0000-0000-000000000000\") { id } }", json!({}))
        }
        "moveApplication" => (
            "mutation { moveApplication(id: \"00000000-0000-0000-0000-000000000000\", status: SHORTLISTED) }",
            json!({}),
        ),
        "shareApplicationsWithMentor" => ("mutation { shareApplicationsWithMentor(share: false) }", json!({})),
        "buySocialDirectory" => ("{ buySocialDirectory(first: 3) { nodes { id } } }", json!({})),
        "attestOrganisation" => (
            "mutation { attestOrganisation(organisationId: \"00000000-0000-0000-0000-000000000000\", employedCount: 7) { statement } }",
            json!({}),
        ),
        "createOpportunity" => (
            "mutation($i: OpportunityInput!) { createOpportunity(organisationId: \"00000000-0000-0000-0000-000000000000\", input: $i) { id } }",
            json!({ "i": opportunity_sample() }),
        ),
        "updateOpportunity" => (
            "mutation($i: OpportunityInput!) { updateOpportunity(id: \"00000000-0000-0000-0000-000000000000\", input: $i) { id } }",
            json!({ "i": opportunity_sample() }),
        ),
        "submitOpportunity" => {
            ("mutation { submitOpportunity(id: \"00000000-0000-0000-0000-000000000000\") { id } }", json!({}))
        }
        "closeOpportunity" => {
            ("mutation { closeOpportunity(id: \"00000000-0000-0000-0000-000000000000\") { id } }", json!({}))
        }
        "reviewOpportunity" => (
            "mutation { reviewOpportunity(id: \"00000000-0000-0000-0000-000000000000\", approve: true) { id } }",
            json!({}),
        ),
        "myOrganisations" => ("{ myOrganisations { id standing } }", json!({})),
        "createOrganisation" => (
            "mutation($i: OrganisationInput!) { createOrganisation(input: $i) { id } }",
            json!({ "i": { "name": "Darbnīca", "registrationNumber": format!("4{:010}", uuid::Uuid::new_v4().as_u128() % 10_000_000_000), "kind": "NGO", "sectors": ["creative"], "region": "riga" } }),
        ),
        "updateOrganisation" => (
            "mutation { updateOrganisation(id: \"00000000-0000-0000-0000-000000000000\", input: { name: \"D\", registrationNumber: \"40003012345\", kind: NGO, sectors: [\"creative\"], region: \"riga\" }) { id } }",
            json!({}),
        ),
        "inviteRepresentative" => (
            "mutation { inviteRepresentative(organisationId: \"00000000-0000-0000-0000-000000000000\", email: \"x@example.lv\") { id } }",
            json!({}),
        ),
        "createStaffAccount" => (
            CREATE_STAFF,
            json!({ "i": { "email": format!("s{}@vpd.example.lv", uuid::Uuid::new_v4().simple()), "displayName": "S", "role": "STAFF" } }),
        ),
        "recommendedMentors" => ("{ recommendedMentors(first: 3) { score reasons } }", json!({})),
        "closeMentorship" => (
            "mutation { closeMentorship(id: \"00000000-0000-0000-0000-000000000000\", note: \"x\") { id } }",
            json!({}),
        ),
        "recommendedFounders" => ("{ recommendedFounders(first: 3) { score reasons } }", json!({})),
        "offerMentorship" => (
            "mutation { offerMentorship(founderId: \"00000000-0000-0000-0000-000000000000\", message: \"Sveiki\") { id } }",
            json!({}),
        ),
        "myMentorships" => ("{ myMentorships(first: 5) { nodes { id status } } }", json!({})),
        "mentorship" => ("{ mentorship(id: \"00000000-0000-0000-0000-000000000000\") { id } }", json!({})),
        "mentorshipQueue" => ("{ mentorshipQueue(first: 5) { nodes { id } } }", json!({})),
        "requestMentor" => (
            "mutation { requestMentor(mentorId: \"00000000-0000-0000-0000-000000000000\", message: \"Sveiki\") { id } }",
            json!({}),
        ),
        "answerMentorshipRequest" => (
            "mutation { answerMentorshipRequest(id: \"00000000-0000-0000-0000-000000000000\", accept: true) { id } }",
            json!({}),
        ),
        "withdrawMentorshipRequest" => {
            ("mutation { withdrawMentorshipRequest(id: \"00000000-0000-0000-0000-000000000000\") { id } }", json!({}))
        }
        "reviewMentorship" => (
            "mutation { reviewMentorship(id: \"00000000-0000-0000-0000-000000000000\", approve: true) { id } }",
            json!({}),
        ),
        "proposeMentorship" => (
            "mutation { proposeMentorship(founderId: \"00000000-0000-0000-0000-000000000000\", mentorId: \"00000000-0000-0000-0000-000000000000\") { id } }",
            json!({}),
        ),
        "mentorshipConcerns" => ("{ mentorshipConcerns(first: 5) { id } }", json!({})),
        "sendMentorshipMessage" => (
            "mutation { sendMentorshipMessage(mentorshipId: \"00000000-0000-0000-0000-000000000000\", body: \"Sveiki\") { id } }",
            json!({}),
        ),
        "addGoal" => (
            "mutation { addGoal(mentorshipId: \"00000000-0000-0000-0000-000000000000\", title: \"Plāns\") { id } }",
            json!({}),
        ),
        "completeGoal" => (
            "mutation { completeGoal(mentorshipId: \"00000000-0000-0000-0000-000000000000\", goalId: \"00000000-0000-0000-0000-000000000000\") { id } }",
            json!({}),
        ),
        "logSession" => (
            "mutation { logSession(mentorshipId: \"00000000-0000-0000-0000-000000000000\", input: { heldOn: \"2026-12-01\", minutes: 30, topic: \"Plāns\" }) { id } }",
            json!({}),
        ),
        "answerFitCheck" => (
            "mutation { answerFitCheck(mentorshipId: \"00000000-0000-0000-0000-000000000000\", working: true) }",
            json!({}),
        ),
        "endMentorship" => (
            "mutation { endMentorship(id: \"00000000-0000-0000-0000-000000000000\", completed: true, rating: 5) { id } }",
            json!({}),
        ),
        "leaveMentorshipFeedback" => {
            ("mutation { leaveMentorshipFeedback(id: \"00000000-0000-0000-0000-000000000000\", rating: 5) }", json!({}))
        }
        _ => return None,
    })
}

#[test]
fn every_root_field_has_a_sample_call() {
    for (ty, field, _) in declarations().filter(|(t, _, _)| *t == "Query" || *t == "Mutation") {
        assert!(sample(field).is_some(), "add a sample call for {ty}.{field}");
    }
}

db_test! {
    async fn every_guarded_root_field_refuses_every_role_the_matrix_does_not_allow(app: TestApp) {
        let mut clients = vec![(None, TestApp::new_client())];
        for role in Role::ALL {
            let (client, _) = app.sign_in_as(role).await;
            clients.push((Some(role), client));
        }
        let mut roots: Vec<_> = declarations().filter(|(t, _, _)| *t == "Query" || *t == "Mutation").collect();
        // Signing out ends the sessions the other calls need: try it last.
        roots.sort_by_key(|(_, field, _)| *field == "signOut");
        for (ty, field, rule) in roots {
            let (query, variables) = sample(field).unwrap();
            for (role, client) in &clients {
                let answer = app.graphql_as(client, query, variables.clone()).await;
                let code = error_code(&answer);
                if rule.allows(role.map(|r| (r, Standing::on_joining(r)))) {
                    // The second-factor steps need a half-finished sign-in, which these callers lack.
                    let needs_pending_sign_in = answer["errors"][0]["extensions"]["reason"] == "SIGN_IN_EXPIRED";
                    assert!(code != "FORBIDDEN" && code != "UNAUTHENTICATED" || *field == "signIn" || needs_pending_sign_in, "{ty}.{field} as {role:?}: {answer}");
                } else {
                    let expected = if role.is_none() { "UNAUTHENTICATED" } else { "FORBIDDEN" };
                    assert_eq!(code, expected, "{ty}.{field} as {role:?}: {answer}");
                    assert!(answer["data"].is_null() || answer["data"][field].is_null(), "{answer}");
                }
            }
            if matches!(rule, Rule::Roles(_)) {
                assert!(clients.iter().any(|(r, _)| !rule.allows(r.map(|r| (r, Standing::on_joining(r))))));
            }
        }
    }

    async fn self_registration_as_staff_or_admin_is_forbidden(app: TestApp) {
        for role in ["STAFF", "ADMIN"] {
            let answer = app.register(&format!("{role}@example.lv"), role, "LV").await;
            assert_eq!(error_code(&answer), "FORBIDDEN", "{answer}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(app.smtp.messages().is_empty());
    }

    async fn an_admin_made_on_the_command_line_creates_a_staff_account_and_it_is_audited(app: TestApp) {
        create_admin_with_cli(&app, "admin@vpd.example.lv").await;
        let signed_in = app.sign_in_fully(&app.client, "admin@vpd.example.lv", PASSWORD).await;
        assert_eq!(signed_in["role"], "ADMIN", "{signed_in}");

        let created = app.graphql(CREATE_STAFF, json!({ "i": { "email": "Inese@VPD.example.lv", "displayName": "Inese Ozola", "role": "STAFF", "locale": "LV" } })).await;
        let staff = &created["data"]["createStaffAccount"];
        assert_eq!(staff["email"], "inese@vpd.example.lv", "{created}");
        assert_eq!(staff["role"], "STAFF");

        let subject = uuid::Uuid::parse_str(staff["id"].as_str().unwrap()).unwrap();
        let entries = tilts::db::repos::audit::for_subject(&app.state.db, subject).await.unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].action, "staff_account.created");
        assert!(entries[0].actor.is_some());
        assert!(entries[0].detail.contains("staff"));

        // The invitation lets the new colleague set a password and sign in.
        let invitation = app.smtp.wait_for_message_to("inese@vpd.example.lv").await;
        assert_eq!(invitation.subject, "Jūsu VPD darbinieka konts Tiltā");
        let set = app.graphql("mutation($t: String!) { resetPassword(token: $t, newPassword: \"darba parole 2026\") }", json!({ "t": invitation.token() })).await;
        assert!(set["errors"].is_null(), "{set}");
        let colleague = TestApp::new_client();
        let answer = app.sign_in_fully(&colleague, "inese@vpd.example.lv", "darba parole 2026").await;
        assert_eq!(answer["role"], "STAFF", "{answer}");

        // The same address twice is a conflict; a founder role is not a staff role.
        let again = app.graphql(CREATE_STAFF, json!({ "i": { "email": "inese@vpd.example.lv", "displayName": "I", "role": "STAFF" } })).await;
        assert_eq!(error_code(&again), "CONFLICT");
        let founder = app.graphql(CREATE_STAFF, json!({ "i": { "email": "f@vpd.example.lv", "displayName": "F", "role": "FOUNDER" } })).await;
        assert_eq!(error_code(&founder), "BAD_USER_INPUT");
    }
}

/// A valid opportunity input for the sample calls.
fn opportunity_sample() -> serde_json::Value {
    json!({
        "kind": "JOB", "title": "Darbs", "description": "Apraksts", "region": "riga", "address": "Rīga",
        "deadline": "2099-01-01", "places": 1, "languages": ["lv"], "sectors": ["creative"], "contactPerson": "Inese"
    })
}
