//! Mentoring: recommendations with reasons, requests and their answers, staff review and
//! proposals, who may take which step, and a mentor's places under concurrent approvals.

use serde_json::{Value, json};
use tilts::domain::Role;

use crate::api::directory::{founder, mentor};
use crate::app::{TestApp, error_code};

const RECOMMENDED: &str =
    "query { recommendedMentors(first: 5) { mentor { id displayName contact { phone } } score reasons } }";
const REQUEST: &str = "mutation($m: ID!, $t: String!) { requestMentor(mentorId: $m, message: $t) { id status mentor { id } mentee { id } message expiresAt } }";
pub(crate) const ANSWER: &str = "mutation($id: ID!, $a: Boolean!, $r: DeclineReason, $t: String) { answerMentorshipRequest(id: $id, accept: $a, reason: $r, text: $t) { id status declineReason answerText } }";
const WITHDRAW: &str = "mutation($id: ID!) { withdrawMentorshipRequest(id: $id) { id status } }";
pub(crate) const REVIEW: &str = "mutation($id: ID!, $a: Boolean!, $n: String) { reviewMentorship(id: $id, approve: $a, note: $n) { id status startedAt } }";
const PROPOSE: &str = "mutation($f: ID!, $m: ID!, $n: String) { proposeMentorship(founderId: $f, mentorId: $m, note: $n) { id status origin message } }";
const MENTORSHIP: &str =
    "query($id: ID!) { mentorship(id: $id) { id status message mentee { id displayName } mentor { id } } }";
const WITH_NOTE: &str = "query($id: ID!) { mentorship(id: $id) { id reviewNote } }";
const MINE: &str = "query($s: [MentorshipStatus!]) { myMentorships(status: $s) { nodes { id status } } }";
const QUEUE: &str = "query { mentorshipQueue { nodes { id status mentee { id } mentor { id } } } }";
const FOUNDER: &str = "query($id: ID!) { founder(id: $id) { id headline contact { phone } } }";
const CONTACT: &str = "query($id: ID!) { mentorship(id: $id) { contact { phone } } }";
const CONSTRAINTS: &str = "mutation($f: ID!, $i: SupervisionConstraintsInput!) { setSupervisionConstraints(founderId: $f, input: $i) { exists } }";

/// The address of `client`'s account.
async fn email_of(app: &TestApp, client: &reqwest::Client) -> String {
    app.viewer(client).await["email"].as_str().unwrap().to_owned()
}

/// The e-mail to `to` whose subject contains `words`, waiting for the outbox.
async fn mail_about(app: &TestApp, to: &str, words: &str) -> crate::smtp::ReceivedMail {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Some(mail) = app.smtp.messages_to(to).into_iter().find(|m| m.subject.contains(words)) {
            return mail;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no e-mail to {to} about {words}: {:?}",
            app.smtp.messages_to(to).iter().map(|m| m.subject.clone()).collect::<Vec<_>>()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// `answer`'s `field` as data, failing with the answer when it is an error.
fn ok<'a>(answer: &'a Value, field: &str) -> &'a Value {
    assert!(answer["errors"].is_null(), "{answer}");
    &answer["data"][field]
}

fn reason(answer: &Value) -> String {
    answer["errors"][0]["extensions"]["reason"].as_str().unwrap_or("<no reason>").to_owned()
}

/// `founder`'s request to `mentor`; its id.
pub(crate) async fn request(app: &TestApp, founder: &reqwest::Client, mentor: &str) -> String {
    let asked =
        app.graphql_as(founder, REQUEST, json!({ "m": mentor, "t": "Sveiki! Gribu atvērt galdniecību." })).await;
    ok(&asked, "requestMentor")["id"].as_str().unwrap().to_owned()
}

db_test! {
    async fn a_founder_asks_a_recommended_mentor_who_accepts_and_staff_start_the_mentorship(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (asking, asking_id) = founder(&app, "Galdnieks Daugavpilī", false).await;
        let (chosen, chosen_id) = mentor(&app, &staff, "Uzņēmēja", "latgale", &["business_plan"], true).await;
        let (other, other_id) = mentor(&app, &staff, "Grāmatvede", "riga", &["taxes_accounting"], true).await;
        let (_, waiting_id) = mentor(&app, &staff, "Gaida", "latgale", &["business_plan"], false).await;
        let (chosen_email, other_email) = (email_of(&app, &chosen).await, email_of(&app, &other).await);
        let asking_email = email_of(&app, &asking).await;

        // Recommendations: approved mentors only, the best fit first, with reasons to read.
        let recommended = app.graphql_as(&asking, RECOMMENDED, json!({})).await;
        let list = ok(&recommended, "recommendedMentors").as_array().unwrap().clone();
        let ids: Vec<&str> = list.iter().map(|r| r["mentor"]["id"].as_str().unwrap()).collect();
        assert_eq!(ids.first().copied(), Some(chosen_id.as_str()), "{recommended}");
        assert!(ids.contains(&other_id.as_str()) && !ids.contains(&waiting_id.as_str()), "{recommended}");
        let reasons: Vec<&str> = list[0]["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
        assert!(reasons.iter().any(|r| r.starts_with("speaks your language: ")), "{reasons:?}");
        assert!(reasons.iter().any(|r| r.starts_with("covers 1 of your 1 need: ")), "{reasons:?}");
        assert!(reasons.contains(&"can take 2 more mentees"), "{reasons:?}");
        assert!(list[0]["score"].as_u64().unwrap() > list[1]["score"].as_u64().unwrap(), "{recommended}");
        assert!(list[0]["mentor"]["contact"].is_null(), "no contact before the mentorship starts");

        // Two requests; the mentor reads the request in an e-mail and the founder's profile.
        let first = request(&app, &asking, &chosen_id).await;
        let second = request(&app, &asking, &other_id).await;
        let mail = mail_about(&app, &chosen_email, "asks you to be their mentor").await;
        assert!(mail.text.contains("Sveiki! Gribu atvērt galdniecību.") && mail.text.contains(&format!("/mentorship?id={first}")), "{}", mail.text);
        let profile = app.graphql_as(&chosen, FOUNDER, json!({ "id": asking_id })).await;
        assert_eq!(ok(&profile, "founder")["headline"], "Galdnieks Daugavpilī");
        assert!(profile["data"]["founder"]["contact"].is_null(), "a request shows no contact details: {profile}");
        let inbox = app.graphql_as(&chosen, MINE, json!({ "s": ["REQUESTED"] })).await;
        assert_eq!(ok(&inbox, "myMentorships")["nodes"][0]["id"], first.as_str());
        let asked = app.graphql_as(&chosen, CONTACT, json!({ "id": first })).await;
        assert!(ok(&asked, "mentorship")["contact"].is_null(), "no contact in a request: {asked}");

        // Accepting closes the other request and tells its mentor; the match waits for staff.
        let accepted = app.graphql_as(&chosen, ANSWER, json!({ "id": first, "a": true })).await;
        assert_eq!(ok(&accepted, "answerMentorshipRequest")["status"], "PENDING_REVIEW");
        mail_about(&app, &asking_email, "agreed to be your mentor").await;
        mail_about(&app, &other_email, "is closed").await;
        let closed = app.graphql_as(&asking, MENTORSHIP, json!({ "id": second })).await;
        assert_eq!(ok(&closed, "mentorship")["status"], "INVALIDATED");
        let late = app.graphql_as(&other, ANSWER, json!({ "id": second, "a": true })).await;
        assert_eq!((error_code(&late), reason(&late)), ("CONFLICT".to_owned(), "MENTORSHIP_MOVED_ON".to_owned()), "{late}");

        // Staff see it in their queue and approve it; both are told; contact details open.
        let queue = app.graphql_as(&staff, QUEUE, json!({})).await;
        assert_eq!(ok(&queue, "mentorshipQueue")["nodes"][0]["id"], first.as_str(), "{queue}");
        let approved = app.graphql_as(&staff, REVIEW, json!({ "id": first, "a": true })).await;
        assert_eq!(ok(&approved, "reviewMentorship")["status"], "ACTIVE");
        mail_about(&app, &asking_email, "has started").await;
        mail_about(&app, &chosen_email, "has started").await;
        let profile = app.graphql_as(&chosen, FOUNDER, json!({ "id": asking_id })).await;
        assert_eq!(ok(&profile, "founder")["contact"]["phone"], "+371 2888 8888", "{profile}");
        // The mentorship names each side's contact details for the other, as they chose.
        let for_mentor = app.graphql_as(&chosen, CONTACT, json!({ "id": first })).await;
        assert_eq!(ok(&for_mentor, "mentorship")["contact"]["phone"], "+371 2888 8888", "{for_mentor}");
        let for_founder = app.graphql_as(&asking, CONTACT, json!({ "id": first })).await;
        assert_eq!(ok(&for_founder, "mentorship")["contact"]["phone"], "+371 2999 9999", "{for_founder}");
        let for_staff = app.graphql_as(&staff, CONTACT, json!({ "id": first })).await;
        assert_eq!(error_code(&for_staff), "FORBIDDEN", "the two sides only: {for_staff}");
        let active = app.graphql_as(&asking, MINE, json!({ "s": ["ACTIVE"] })).await;
        assert_eq!(ok(&active, "myMentorships")["nodes"][0]["id"], first.as_str());
        let notices = app.graphql_as(&asking, "{ notifications { nodes { kind title link } } }", json!({})).await;
        let notices = ok(&notices, "notifications")["nodes"].as_array().unwrap().clone();
        assert!(notices.iter().any(|n| n["kind"] == "MENTORSHIP" && n["link"] == format!("/mentorship?id={first}").as_str()), "{notices:?}");

        // While a mentorship runs, no new request.
        let again = app.graphql_as(&asking, REQUEST, json!({ "m": other_id, "t": "Vēl viens?" })).await;
        assert_eq!(reason(&again), "ALREADY_MENTORED", "{again}");
    }

    async fn a_fourth_open_request_a_second_to_one_mentor_and_bad_messages_are_refused(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (asking, _) = founder(&app, "Šuvēja", false).await;
        let mut mentors = Vec::new();
        for n in 0..4 {
            mentors.push(mentor(&app, &staff, &format!("Mentors {n}"), "latgale", &["business_plan"], true).await.1);
        }
        let empty = app.graphql_as(&asking, REQUEST, json!({ "m": mentors[0], "t": "   " })).await;
        assert_eq!(error_code(&empty), "BAD_USER_INPUT", "{empty}");
        assert_eq!(empty["errors"][0]["extensions"]["field"], "message");
        let long = app.graphql_as(&asking, REQUEST, json!({ "m": mentors[0], "t": "ā".repeat(1001) })).await;
        assert_eq!((error_code(&long), long["errors"][0]["extensions"]["field"].clone()), ("BAD_USER_INPUT".to_owned(), json!("message")));
        let mine = app.graphql_as(&asking, MINE, json!({})).await;
        assert!(ok(&mine, "myMentorships")["nodes"].as_array().unwrap().is_empty(), "nothing was saved");

        let mut asked = Vec::new();
        for m in &mentors[..3] {
            asked.push(request(&app, &asking, m).await);
        }
        let twice = app.graphql_as(&asking, REQUEST, json!({ "m": mentors[0], "t": "Vēlreiz" })).await;
        assert_eq!((error_code(&twice), reason(&twice)), ("CONFLICT".to_owned(), "ALREADY_REQUESTED".to_owned()));
        let fourth = app.graphql_as(&asking, REQUEST, json!({ "m": mentors[3], "t": "Ceturtais" })).await;
        assert_eq!((error_code(&fourth), reason(&fourth)), ("CONFLICT".to_owned(), "TOO_MANY_OPEN_REQUESTS".to_owned()), "{fourth}");
        assert!(!fourth["errors"][0]["message"].as_str().unwrap().is_empty());

        // Taking one back makes room; a withdrawn request cannot be withdrawn again.
        let withdrawn = app.graphql_as(&asking, WITHDRAW, json!({ "id": asked[0] })).await;
        assert_eq!(ok(&withdrawn, "withdrawMentorshipRequest")["status"], "WITHDRAWN");
        let again = app.graphql_as(&asking, WITHDRAW, json!({ "id": asked[0] })).await;
        assert_eq!(reason(&again), "MENTORSHIP_MOVED_ON", "{again}");
        request(&app, &asking, &mentors[3]).await;
    }

    async fn a_decline_needs_a_reason_and_the_founder_reads_it_in_their_language(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (asking, _) = founder(&app, "Maiznieks", false).await;
        let (busy, busy_id) = mentor(&app, &staff, "Aizņemta", "latgale", &["business_plan"], true).await;
        let lv = app.graphql_as(&asking, "mutation { updateMyLocale(locale: LV) { email } }", json!({})).await;
        assert!(lv["errors"].is_null(), "{lv}");
        let asking_email = email_of(&app, &asking).await;
        let id = request(&app, &asking, &busy_id).await;

        let bare = app.graphql_as(&busy, ANSWER, json!({ "id": id, "a": false })).await;
        assert_eq!((error_code(&bare), bare["errors"][0]["extensions"]["field"].clone()), ("BAD_USER_INPUT".to_owned(), json!("reason")), "{bare}");
        let declined = app.graphql_as(&busy, ANSWER, json!({ "id": id, "a": false, "r": "NO_CAPACITY", "t": "Līdz martam" })).await;
        let declined = ok(&declined, "answerMentorshipRequest");
        assert_eq!((declined["status"].clone(), declined["declineReason"].clone()), (json!("DECLINED"), json!("NO_CAPACITY")));
        let mail = app.smtp.wait_for_message_to(&asking_email).await;
        assert!(mail.text.contains("Pašlaik nav vietas vēl vienam mentorējamajam — Līdz martam"), "{}", mail.text);
        let twice = app.graphql_as(&busy, ANSWER, json!({ "id": id, "a": true })).await;
        assert_eq!(reason(&twice), "MENTORSHIP_MOVED_ON", "{twice}");
    }

    async fn every_step_refuses_the_other_roles_and_a_third_person_finds_nothing(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (admin, _) = app.create_admin().await;
        let (asking, asking_id) = founder(&app, "Dārzniece", false).await;
        let (chosen, chosen_id) = mentor(&app, &staff, "Dārzkopis", "latgale", &["business_plan"], true).await;
        let (outsider, _) = founder(&app, "Cits", true).await;
        let (other_mentor, other_mentor_id) = mentor(&app, &staff, "Cits mentors", "latgale", &["business_plan"], true).await;
        let (organisation, _) = app.sign_in_as(Role::Enterprise).await;
        let anonymous = TestApp::new_client();
        let id = request(&app, &asking, &chosen_id).await;

        let steps: [(&str, &str, Value, &[&reqwest::Client]); 5] = [
            ("requestMentor", REQUEST, json!({ "m": other_mentor_id, "t": "Sveiki" }), &[&chosen, &organisation, &staff, &admin]),
            ("withdrawMentorshipRequest", WITHDRAW, json!({ "id": id }), &[&chosen, &organisation, &staff, &admin]),
            ("answerMentorshipRequest", ANSWER, json!({ "id": id, "a": true }), &[&asking, &organisation, &staff, &admin]),
            ("reviewMentorship", REVIEW, json!({ "id": id, "a": true }), &[&asking, &chosen, &organisation]),
            ("proposeMentorship", PROPOSE, json!({ "f": asking_id, "m": other_mentor_id }), &[&asking, &chosen, &organisation]),
        ];
        for (name, operation, variables, refused) in &steps {
            for client in refused.iter() {
                let answer = app.graphql_as(client, operation, variables.clone()).await;
                assert_eq!(error_code(&answer), "FORBIDDEN", "{name}: {answer}");
            }
            assert_eq!(error_code(&app.graphql_as(&anonymous, operation, variables.clone()).await), "UNAUTHENTICATED", "{name}");
        }
        // Nothing moved.
        let seen = app.graphql_as(&asking, MENTORSHIP, json!({ "id": id })).await;
        assert_eq!(ok(&seen, "mentorship")["status"], "REQUESTED");

        // A third person: the same answer as for an id that never existed.
        let never = uuid::Uuid::new_v4().to_string();
        for (who, client) in [("another founder", &outsider), ("another mentor", &other_mentor)] {
            let hidden = app.graphql_as(client, MENTORSHIP, json!({ "id": id })).await;
            let missing = app.graphql_as(client, MENTORSHIP, json!({ "id": never })).await;
            assert_eq!(error_code(&hidden), "NOT_FOUND", "{who}: {hidden}");
            assert_eq!(hidden["errors"][0]["message"], missing["errors"][0]["message"]);
            let mine = app.graphql_as(client, MINE, json!({})).await;
            assert!(!mine.to_string().contains(&id), "{who}: {mine}");
        }
        let withdraw = app.graphql_as(&outsider, WITHDRAW, json!({ "id": id })).await;
        assert_eq!(error_code(&withdraw), "NOT_FOUND", "{withdraw}");
        let answer = app.graphql_as(&other_mentor, ANSWER, json!({ "id": id, "a": true })).await;
        assert_eq!(error_code(&answer), "NOT_FOUND", "{answer}");

        // Staff's note stays with staff: a rejection needs one, and the sides cannot read it.
        app.graphql_as(&chosen, ANSWER, json!({ "id": id, "a": true })).await;
        let bare = app.graphql_as(&staff, REVIEW, json!({ "id": id, "a": false })).await;
        assert_eq!((error_code(&bare), bare["errors"][0]["extensions"]["field"].clone()), ("BAD_USER_INPUT".to_owned(), json!("note")));
        let rejected = app.graphql_as(&staff, REVIEW, json!({ "id": id, "a": false, "n": "Nesaskan ar uzraudzības plānu" })).await;
        assert_eq!(ok(&rejected, "reviewMentorship")["status"], "REJECTED");
        let for_staff = app.graphql_as(&staff, WITH_NOTE, json!({ "id": id })).await;
        assert_eq!(ok(&for_staff, "mentorship")["reviewNote"], "Nesaskan ar uzraudzības plānu");
        for client in [&asking, &chosen] {
            let answer = app.graphql_as(client, WITH_NOTE, json!({ "id": id })).await;
            assert_eq!(error_code(&answer), "FORBIDDEN", "{answer}");
            let all = app.graphql_as(client, MENTORSHIP, json!({ "id": id })).await;
            assert!(!all.to_string().contains("uzraudzības"), "{all}");
        }
    }

    async fn a_supervision_keeps_a_mentor_away_without_saying_so_and_staff_propose_others(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (asking, asking_id) = founder(&app, "Kalējs", false).await;
        let (kept, kept_id) = mentor(&app, &staff, "Nedrīkst", "latgale", &["business_plan"], true).await;
        let (allowed, allowed_id) = mentor(&app, &staff, "Drīkst", "latgale", &["business_plan"], true).await;
        let constraints = json!({ "noContactUserIds": [kept_id], "excludedSectors": [] });
        let set = app.graphql_as(&staff, CONSTRAINTS, json!({ "f": asking_id, "i": constraints })).await;
        assert!(set["errors"].is_null(), "{set}");

        let recommended = app.graphql_as(&asking, RECOMMENDED, json!({})).await;
        let text = ok(&recommended, "recommendedMentors").to_string();
        assert!(text.contains(&allowed_id) && !text.contains(&kept_id), "{text}");
        let refused = app.graphql_as(&asking, REQUEST, json!({ "m": kept_id, "t": "Sveiki" })).await;
        let missing = app.graphql_as(&asking, REQUEST, json!({ "m": uuid::Uuid::new_v4().to_string(), "t": "Sveiki" })).await;
        assert_eq!(error_code(&refused), "NOT_FOUND", "{refused}");
        assert_eq!(refused["errors"][0]["message"], missing["errors"][0]["message"]);
        let mine = app.graphql_as(&kept, MINE, json!({})).await;
        assert!(ok(&mine, "myMentorships")["nodes"].as_array().unwrap().is_empty());

        // Staff learn why they cannot propose that match; another one goes to the mentor.
        let conflict = app.graphql_as(&staff, PROPOSE, json!({ "f": asking_id, "m": kept_id })).await;
        assert_eq!((error_code(&conflict), reason(&conflict)), ("CONFLICT".to_owned(), "SUPERVISION_CONFLICT".to_owned()), "{conflict}");
        let proposed = app.graphql_as(&staff, PROPOSE, json!({ "f": asking_id, "m": allowed_id, "n": "Labs savienojums" })).await;
        let proposed = ok(&proposed, "proposeMentorship").clone();
        assert_eq!((proposed["status"].clone(), proposed["origin"].clone()), (json!("REQUESTED"), json!("STAFF")));
        let id = proposed["id"].as_str().unwrap().to_owned();
        mail_about(&app, &email_of(&app, &allowed).await, "proposes").await;
        mail_about(&app, &email_of(&app, &asking).await, "proposes").await;
        let seen = app.graphql_as(&allowed, MENTORSHIP, json!({ "id": id })).await;
        assert!(!seen.to_string().contains("Labs savienojums"), "staff's note stays with staff: {seen}");
        let accepted = app.graphql_as(&allowed, ANSWER, json!({ "id": id, "a": true })).await;
        assert_eq!(ok(&accepted, "answerMentorshipRequest")["status"], "PENDING_REVIEW");
    }

    async fn twenty_approvals_at_once_leave_exactly_the_mentors_capacity_active(app: TestApp) {
        use tilts::db::repos::{mentorships::{self, NewMentorship}, users::{self, NewUser}};
        use tilts::domain::{EmailAddress, Locale, UserId, mentoring::{MentorshipStatus, Origin}};
        let (staff, _) = app.create_staff().await;
        let (_, mentor_id) = mentor(&app, &staff, "Divas vietas", "latgale", &["business_plan"], true).await;
        let mentor_id = UserId(uuid::Uuid::parse_str(&mentor_id).unwrap());
        let db = &app.state.db;
        let now = app.state.now();
        let mut ids = Vec::new();
        for n in 0..20 {
            let email = EmailAddress::parse(&format!("founder-{n}-{}@example.lv", uuid::Uuid::new_v4().simple())).unwrap();
            let new = NewUser { email: &email, password_hash: None, display_name: "Dibinātājs", role: Role::Founder, locale: Locale::Lv, email_verified_at: Some(now) };
            let founder = users::insert(db, new, now).await.unwrap();
            let match_ = NewMentorship { mentee: founder.id, mentor: mentor_id, organisation: None, origin: Origin::Founder, message: "Sveiki", proposed_by: None, status: MentorshipStatus::PendingReview };
            ids.push(mentorships::insert(db, match_, now).await.unwrap());
        }
        // The queue pages through all 20, oldest first, without gaps or repeats.
        let page = "query($a: String) { mentorshipQueue(first: 15, after: $a) { nodes { id } pageInfo { hasNextPage endCursor } } }";
        let first = app.graphql_as(&staff, page, json!({})).await;
        let first = ok(&first, "mentorshipQueue").clone();
        assert_eq!(first["pageInfo"]["hasNextPage"], true);
        let rest = app.graphql_as(&staff, page, json!({ "a": first["pageInfo"]["endCursor"] })).await;
        let rest = ok(&rest, "mentorshipQueue").clone();
        assert_eq!(rest["pageInfo"]["hasNextPage"], false);
        let listed: Vec<String> = [&first, &rest]
            .iter()
            .flat_map(|p| p["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().to_owned()))
            .collect();
        // All made at the same instant of the test clock: the id breaks the tie.
        let mut expected = ids.clone();
        expected.sort();
        assert_eq!(listed, expected.iter().map(|id| id.to_string()).collect::<Vec<_>>(), "oldest first, each once");
        let approvals = ids.iter().map(|id| app.graphql_as(&staff, REVIEW, json!({ "id": id.to_string(), "a": true })));
        let answers = futures::future::join_all(approvals).await;
        let started = answers.iter().filter(|a| a["errors"].is_null()).count();
        let full = answers.iter().filter(|a| reason(a) == "MENTOR_FULL").count();
        assert_eq!((started, full), (2, 18), "{answers:?}");
        let active = mentorships::count_of_mentor(db, mentor_id, &[MentorshipStatus::Active]).await.unwrap();
        assert_eq!(active, 2);
    }
}

/// Runs the due scheduled jobs from four lookers at once, as several server processes would.
async fn run_jobs(app: &TestApp) {
    let lookers = (0..4).map(|_| {
        let state = app.state.clone();
        tokio::spawn(async move { tilts::jobs::scheduler::run_due(&state).await })
    });
    for looker in lookers {
        looker.await.unwrap();
    }
}

/// Waits until the outbox has handed every queued e-mail to the mail server, so moving the
/// test clock on never makes a worker's lease on a message in flight look run out.
async fn settle(app: &TestApp) {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    use tilts::db::entities::outbox;
    for _ in 0..200 {
        let waiting = outbox::Entity::find()
            .filter(outbox::Column::SentAt.is_null())
            .filter(outbox::Column::FailedAt.is_null())
            .count(&app.state.db)
            .await
            .unwrap();
        if waiting == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the outbox did not empty");
}

/// How many e-mails to `to` have `words` in their subject, once the outbox is quiet.
async fn mails_about(app: &TestApp, to: &str, words: &str) -> usize {
    settle(app).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    app.smtp.messages_to(to).iter().filter(|m| m.subject.contains(words)).count()
}

db_test! {
    async fn unanswered_requests_are_reminded_at_3_and_7_days_and_expire_at_14_pausing_the_mentor(app: TestApp) {
        use chrono::Duration as Span;
        let _replica = app.spawn_replica().await;
        let (staff, _) = app.create_staff().await;
        let (first, _) = founder(&app, "Pirmais", false).await;
        let (second, _) = founder(&app, "Otrais", false).await;
        let (silent, silent_id) = mentor(&app, &staff, "Klusē", "latgale", &["business_plan"], true).await;
        let (silent_email, first_email, second_email) =
            (email_of(&app, &silent).await, email_of(&app, &first).await, email_of(&app, &second).await);
        let early = request(&app, &first, &silent_id).await;

        settle(&app).await;
        app.clock.advance(Span::days(3) + Span::minutes(1));
        run_jobs(&app).await;
        mail_about(&app, &silent_email, "is waiting for your answer").await;
        settle(&app).await;
        app.clock.advance(Span::days(2));
        let late = request(&app, &second, &silent_id).await;
        settle(&app).await;
        app.clock.advance(Span::days(2));
        run_jobs(&app).await;
        run_jobs(&app).await;
        assert_eq!(mails_about(&app, &silent_email, "is waiting for your answer").await, 2, "day 3 and day 7, once each");
        // The second request's reminders: its day 3 and day 7.
        settle(&app).await;
        app.clock.advance(Span::days(1) + Span::minutes(1));
        run_jobs(&app).await;
        settle(&app).await;
        app.clock.advance(Span::days(4));
        run_jobs(&app).await;
        assert_eq!(mails_about(&app, &silent_email, "is waiting for your answer").await, 4);

        // Day 14: the first request expires, the mentor is paused, the second request is
        // declined kindly and its founder pointed to other mentors.
        settle(&app).await;
        app.clock.advance(Span::days(2));
        run_jobs(&app).await;
        mail_about(&app, &first_email, "is closed").await;
        mail_about(&app, &silent_email, "paused").await;
        let declined = mail_about(&app, &second_email, "cannot be your mentor").await;
        assert!(declined.text.contains("The mentor paused mentoring"), "{}", declined.text);
        let expired = app.graphql_as(&first, MENTORSHIP, json!({ "id": early })).await;
        assert_eq!(ok(&expired, "mentorship")["status"], "EXPIRED");
        let closed = app.graphql_as(&second, MENTORSHIP, json!({ "id": late })).await;
        assert_eq!(ok(&closed, "mentorship")["status"], "DECLINED");
        let recommended = app.graphql_as(&first, RECOMMENDED, json!({})).await;
        assert!(!ok(&recommended, "recommendedMentors").to_string().contains(&silent_id), "a paused mentor is not recommended");

        // Later runs change nothing and send nothing again.
        settle(&app).await;
        app.clock.advance(Span::days(30));
        run_jobs(&app).await;
        assert_eq!(mails_about(&app, &silent_email, "is waiting for your answer").await, 4);
        assert_eq!(mails_about(&app, &silent_email, "paused").await, 1);
        assert_eq!(mails_about(&app, &first_email, "is closed").await, 1);
        assert_eq!(mails_about(&app, &second_email, "cannot be your mentor").await, 1);
    }
}

const SEND: &str =
    "mutation($id: ID!, $b: String!) { sendMentorshipMessage(mentorshipId: $id, body: $b) { id body author } }";
const MESSAGES: &str = "query($id: ID!, $n: Int, $a: String) { mentorship(id: $id) { messages(first: $n, after: $a) { nodes { body } pageInfo { hasNextPage endCursor } } } }";
const ADD_GOAL: &str = "mutation($id: ID!, $t: String!, $d: NaiveDate) { addGoal(mentorshipId: $id, title: $t, dueOn: $d) { id title dueOn done } }";
const COMPLETE_GOAL: &str = "mutation($id: ID!, $g: ID!) { completeGoal(mentorshipId: $id, goalId: $g) { id done } }";
pub(crate) const LOG: &str = "mutation($id: ID!, $i: SessionLogInput!) { logSession(mentorshipId: $id, input: $i) { id minutes topic privateNote } }";
const ACTIVITY: &str = "query($id: ID!) { mentorship(id: $id) { status goals { title done } sessions { topic minutes privateNote } myFitCheck myFeedbackGiven } }";
pub(crate) const FIT: &str =
    "mutation($id: ID!, $w: Boolean!, $c: String) { answerFitCheck(mentorshipId: $id, working: $w, comment: $c) }";
pub(crate) const END: &str = "mutation($id: ID!, $c: Boolean, $r: String, $s: Int!, $f: String) { endMentorship(id: $id, completed: $c, reason: $r, rating: $s, feedback: $f) { id status endReason } }";
const FEEDBACK: &str =
    "mutation($id: ID!, $s: Int!, $f: String) { leaveMentorshipFeedback(id: $id, rating: $s, feedback: $f) }";
const CONCERNS: &str = "query { mentorshipConcerns { id status } }";

/// A running mentorship: a founder's request accepted by the mentor and approved by staff.
/// Staff, the founder, the mentor and the mentorship's id.
pub(crate) async fn running(app: &TestApp) -> (reqwest::Client, reqwest::Client, reqwest::Client, String) {
    let (staff, _) = app.create_staff().await;
    let (asking, _) = founder(app, "Keramiķe", false).await;
    let (chosen, chosen_id) = mentor(app, &staff, "Podniece", "latgale", &["business_plan"], true).await;
    let id = request(app, &asking, &chosen_id).await;
    ok(&app.graphql_as(&chosen, ANSWER, json!({ "id": id, "a": true })).await, "answerMentorshipRequest");
    ok(&app.graphql_as(&staff, REVIEW, json!({ "id": id, "a": true })).await, "reviewMentorship");
    (staff, asking, chosen, id)
}

db_test! {
    async fn the_two_sides_write_set_goals_log_sessions_check_in_and_complete_with_feedback(app: TestApp) {
        let (_, asking, chosen, id) = running(&app).await;
        let chosen_email = email_of(&app, &chosen).await;

        // Messages: in the app at once, by e-mail at most once an hour per mentorship.
        for body in ["Sveiki!", "Kad tiekamies?"] {
            let sent = app.graphql_as(&asking, SEND, json!({ "id": id, "b": body })).await;
            assert_eq!(ok(&sent, "sendMentorshipMessage")["body"], body);
        }
        mail_about(&app, &chosen_email, "wrote to you").await;
        assert_eq!(mails_about(&app, &chosen_email, "wrote to you").await, 1, "one e-mail in the hour");
        let notices = app.graphql_as(&chosen, "{ notifications { nodes { kind title } } }", json!({})).await;
        let messages = ok(&notices, "notifications")["nodes"].as_array().unwrap().iter().filter(|n| n["title"] == "A new message").count();
        assert_eq!(messages, 2, "in the app at once: {notices}");
        settle(&app).await;
        app.clock.advance(chrono::Duration::minutes(61));
        ok(&app.graphql_as(&asking, SEND, json!({ "id": id, "b": "Vai piektdien?" })).await, "sendMentorshipMessage");
        assert_eq!(mails_about(&app, &chosen_email, "wrote to you").await, 2, "an hour later, another e-mail");
        let long = app.graphql_as(&asking, SEND, json!({ "id": id, "b": "ā".repeat(4001) })).await;
        assert_eq!((error_code(&long), long["errors"][0]["extensions"]["field"].clone()), ("BAD_USER_INPUT".to_owned(), json!("body")));
        ok(&app.graphql_as(&chosen, SEND, json!({ "id": id, "b": "ā".repeat(4000) })).await, "sendMentorshipMessage");

        // Newest first, page by page.
        let first = app.graphql_as(&chosen, MESSAGES, json!({ "id": id, "n": 2 })).await;
        let page = &ok(&first, "mentorship")["messages"];
        assert_eq!(page["nodes"][1]["body"], "Vai piektdien?", "{first}");
        assert_eq!(page["pageInfo"]["hasNextPage"], true);
        let rest = app.graphql_as(&chosen, MESSAGES, json!({ "id": id, "n": 5, "a": page["pageInfo"]["endCursor"] })).await;
        let bodies: Vec<&str> = ok(&rest, "mentorship")["messages"]["nodes"].as_array().unwrap().iter().map(|n| n["body"].as_str().unwrap()).collect();
        assert_eq!(bodies, ["Kad tiekamies?", "Sveiki!"]);

        // Goals.
        let goal = app.graphql_as(&asking, ADD_GOAL, json!({ "id": id, "t": "Biznesa plāns", "d": "2027-02-01" })).await;
        let goal_id = ok(&goal, "addGoal")["id"].as_str().unwrap().to_owned();
        let blank = app.graphql_as(&asking, ADD_GOAL, json!({ "id": id, "t": " " })).await;
        assert_eq!(blank["errors"][0]["extensions"]["field"], "title", "{blank}");
        let done = app.graphql_as(&chosen, COMPLETE_GOAL, json!({ "id": id, "g": goal_id })).await;
        assert_eq!(ok(&done, "completeGoal")["done"], true);

        // The fit check comes after the first session; a private note stays its author's.
        let early = app.graphql_as(&asking, FIT, json!({ "id": id, "w": true })).await;
        assert_eq!(reason(&early), "NO_SESSION_YET", "{early}");
        let today = app.state.now().date_naive();
        let future = app.graphql_as(&chosen, LOG, json!({ "id": id, "i": { "heldOn": (today + chrono::Duration::days(1)).to_string(), "minutes": 60, "topic": "Plāns" } })).await;
        assert_eq!(future["errors"][0]["extensions"]["field"], "heldOn", "{future}");
        let zero = app.graphql_as(&chosen, LOG, json!({ "id": id, "i": { "heldOn": today.to_string(), "minutes": 0, "topic": "Plāns" } })).await;
        assert_eq!(zero["errors"][0]["extensions"]["field"], "minutes", "{zero}");
        let logged = app.graphql_as(&chosen, LOG, json!({ "id": id, "i": { "heldOn": today.to_string(), "minutes": 60, "topic": "Biznesa plāns", "privateNote": "Šķiet nedrošs par cenām" } })).await;
        assert_eq!(ok(&logged, "logSession")["privateNote"], "Šķiet nedrošs par cenām");
        let founder_sees = app.graphql_as(&asking, ACTIVITY, json!({ "id": id })).await;
        assert!(!founder_sees.to_string().contains("nedrošs"), "{founder_sees}");
        assert_eq!(ok(&founder_sees, "mentorship")["sessions"][0]["topic"], "Biznesa plāns");
        assert_eq!(founder_sees["data"]["mentorship"]["goals"][0]["done"], true);

        // A "no" goes to staff only (signed in anew: the clock moved past their session).
        let (staff, _) = app.create_staff().await;
        ok(&app.graphql_as(&chosen, FIT, json!({ "id": id, "w": false, "c": "Grūti sazināties" })).await, "answerFitCheck");
        let twice = app.graphql_as(&chosen, FIT, json!({ "id": id, "w": true })).await;
        assert_eq!(reason(&twice), "ALREADY_ANSWERED", "{twice}");
        ok(&app.graphql_as(&asking, FIT, json!({ "id": id, "w": true })).await, "answerFitCheck");
        let founder_sees = app.graphql_as(&asking, ACTIVITY, json!({ "id": id })).await;
        assert_eq!(ok(&founder_sees, "mentorship")["myFitCheck"], true);
        assert!(!founder_sees.to_string().contains("Grūti"), "{founder_sees}");
        let concerns = app.graphql_as(&staff, CONCERNS, json!({})).await;
        assert_eq!(ok(&concerns, "mentorshipConcerns")[0]["id"], id.as_str(), "{concerns}");
        let checks = "query($id: ID!) { mentorship(id: $id) { fitChecks { working comment } } }";
        let for_staff = app.graphql_as(&staff, checks, json!({ "id": id })).await;
        let answers = ok(&for_staff, "mentorship")["fitChecks"].to_string();
        assert!(answers.contains("Grūti sazināties") && answers.contains("false"), "{for_staff}");
        for side in [&asking, &chosen] {
            assert_eq!(error_code(&app.graphql_as(side, checks, json!({ "id": id })).await), "FORBIDDEN");
        }
        let staff_reads = app.graphql_as(&staff, MESSAGES, json!({ "id": id, "n": 5 })).await;
        assert_eq!(error_code(&staff_reads), "FORBIDDEN", "what the two write is theirs: {staff_reads}");

        // The founder completes it with feedback; the mentor is told and leaves theirs.
        let bad = app.graphql_as(&asking, END, json!({ "id": id, "c": true, "s": 6 })).await;
        assert_eq!(bad["errors"][0]["extensions"]["field"], "rating", "{bad}");
        let completed = app.graphql_as(&asking, END, json!({ "id": id, "c": true, "s": 5, "f": "Ļoti palīdzēja" })).await;
        assert_eq!(ok(&completed, "endMentorship")["status"], "COMPLETED");
        mail_about(&app, &chosen_email, "is complete").await;
        ok(&app.graphql_as(&chosen, FEEDBACK, json!({ "id": id, "s": 4 })).await, "leaveMentorshipFeedback");
        let again = app.graphql_as(&chosen, FEEDBACK, json!({ "id": id, "s": 4 })).await;
        assert_eq!(reason(&again), "ALREADY_ANSWERED", "{again}");
        let after = app.graphql_as(&asking, SEND, json!({ "id": id, "b": "Paldies!" })).await;
        assert_eq!(reason(&after), "MENTORSHIP_NOT_ACTIVE", "{after}");
        let state = app.graphql_as(&chosen, ACTIVITY, json!({ "id": id })).await;
        assert_eq!(ok(&state, "mentorship")["myFeedbackGiven"], true);

        // Free to ask for a mentor again.
        let (staff, _) = app.create_staff().await;
        let (_, next_id) = mentor(&app, &staff, "Nākamais", "latgale", &["business_plan"], true).await;
        request(&app, &asking, &next_id).await;
    }

    async fn ending_early_needs_a_reason_and_nobody_else_reaches_what_the_two_wrote(app: TestApp) {
        let (staff, asking, chosen, id) = running(&app).await;
        let asking_email = email_of(&app, &asking).await;
        ok(&app.graphql_as(&asking, SEND, json!({ "id": id, "b": "Privāti" })).await, "sendMentorshipMessage");
        let (outsider, _) = founder(&app, "Svešs", true).await;
        let (other_mentor, _) = mentor(&app, &staff, "Cits", "latgale", &["business_plan"], true).await;
        for client in [&outsider, &other_mentor] {
            for (operation, variables) in [
                (SEND, json!({ "id": id, "b": "Sveiki" })),
                (ADD_GOAL, json!({ "id": id, "t": "Mērķis" })),
                (LOG, json!({ "id": id, "i": { "heldOn": "2026-12-01", "minutes": 30, "topic": "x" } })),
                (FIT, json!({ "id": id, "w": false })),
                (END, json!({ "id": id, "c": true, "s": 1 })),
                (MESSAGES, json!({ "id": id, "n": 5 })),
            ] {
                let answer = app.graphql_as(client, operation, variables).await;
                assert_eq!(error_code(&answer), "NOT_FOUND", "{operation}: {answer}");
                assert!(!answer.to_string().contains("Privāti"));
            }
        }
        for operation in [SEND, ADD_GOAL, FIT] {
            let answer = app.graphql_as(&staff, operation, json!({ "id": id, "b": "x", "t": "x", "w": true })).await;
            assert_eq!(error_code(&answer), "FORBIDDEN", "{operation}: {answer}");
        }

        let bare = app.graphql_as(&chosen, END, json!({ "id": id, "s": 2 })).await;
        assert_eq!((error_code(&bare), bare["errors"][0]["extensions"]["field"].clone()), ("BAD_USER_INPUT".to_owned(), json!("reason")), "{bare}");
        let ended = app.graphql_as(&chosen, END, json!({ "id": id, "r": "Pārceļos uz Liepāju", "s": 3 })).await;
        let ended = ok(&ended, "endMentorship");
        assert_eq!((ended["status"].clone(), ended["endReason"].clone()), (json!("ENDED"), json!("Pārceļos uz Liepāju")));
        let mail = mail_about(&app, &asking_email, "ended your mentorship").await;
        assert!(mail.text.contains("Pārceļos uz Liepāju"), "{}", mail.text);
        let twice = app.graphql_as(&asking, END, json!({ "id": id, "c": true, "s": 5 })).await;
        assert_eq!(reason(&twice), "MENTORSHIP_MOVED_ON", "{twice}");
    }
}

db_test! {
    async fn a_mentors_rating_shows_only_as_the_average_of_three_or_more(app: TestApp) {
        use tilts::db::repos::{mentorship_activity::{self, Answer, AnswerKind}, mentorships::{self, NewMentorship}, users::{self, NewUser}};
        use tilts::domain::{EmailAddress, Locale, UserId, mentoring::{MentorshipStatus, Origin}};
        let (staff, _) = app.create_staff().await;
        let (looking, _) = founder(&app, "Skatās", false).await;
        let (_, mentor_id) = mentor(&app, &staff, "Vērtēts", "latgale", &["business_plan"], true).await;
        let mentor = UserId(uuid::Uuid::parse_str(&mentor_id).unwrap());
        let db = &app.state.db;
        let now = app.state.now();
        let rating = || async { app.graphql_as(&looking, "query($id: ID!) { mentor(id: $id) { rating { average count } } }", json!({ "id": mentor_id })).await };
        for (n, stars) in [5u8, 4, 3].into_iter().enumerate() {
            let email = EmailAddress::parse(&format!("rated-{n}-{}@example.lv", uuid::Uuid::new_v4().simple())).unwrap();
            let new = NewUser { email: &email, password_hash: None, display_name: "Dibinātājs", role: Role::Founder, locale: Locale::Lv, email_verified_at: Some(now) };
            let mentee = users::insert(db, new, now).await.unwrap();
            let past = NewMentorship { mentee: mentee.id, mentor, organisation: None, origin: Origin::Founder, message: "Sveiki", proposed_by: None, status: MentorshipStatus::Completed };
            let id = mentorships::insert(db, past, now).await.unwrap();
            let answer = Answer { person: mentee.id, kind: AnswerKind::Feedback, working: None, rating: Some(stars), words: String::new(), created_at: now };
            assert!(mentorship_activity::insert_answer(db, id, &answer).await.unwrap());
            // The mentor's own rating of the founder never counts.
            let theirs = Answer { person: mentor, rating: Some(1), ..answer };
            mentorship_activity::insert_answer(db, id, &theirs).await.unwrap();
            let shown = rating().await;
            assert!(shown["errors"].is_null(), "{shown}");
            if n < 2 {
                assert!(shown["data"]["mentor"]["rating"].is_null(), "fewer than 3 ratings stay unseen: {shown}");
            } else {
                assert_eq!(shown["data"]["mentor"]["rating"], json!({ "average": 4.0, "count": 3 }), "{shown}");
            }
        }
    }
}

db_test! {
    async fn a_founder_who_asks_for_a_peer_mentor_sees_lived_experience_first(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        mentor(&app, &staff, "Bez pieredzes", "latgale", &["business_plan"], true).await;
        let (peer, peer_id) = mentor(&app, &staff, "Līdzgaitnieks", "latgale", &["business_plan"], true).await;
        let input = json!({
            "headline": "Līdzgaitnieks", "bio": "", "expertise": ["business_plan"], "region": "latgale", "meeting": "BOTH",
            "languages": ["ru"], "capacity": 2, "available": true, "peerMentor": true
        });
        ok(&app.graphql_as(&peer, "mutation($i: MentorProfileInput!) { updateMentorProfile(input: $i) { headline } }", json!({ "i": input })).await, "updateMentorProfile");
        let (asking, _) = app.sign_in_as(Role::Founder).await;
        let profile = |peer: bool| json!({ "i": {
            "headline": "Šuvēja", "stage": "IDEA", "region": "latgale", "languages": ["ru"], "needs": ["business_plan"],
            "wantsPeerMentor": peer
        } });
        let save = "mutation($i: FounderProfileInput!) { updateFounderProfile(input: $i) { wantsPeerMentor } }";
        let first_id = |answer: &Value| ok(answer, "recommendedMentors")[0]["mentor"]["id"].as_str().unwrap().to_owned();

        ok(&app.graphql_as(&asking, save, profile(false)).await, "updateFounderProfile");
        let without = app.graphql_as(&asking, RECOMMENDED, json!({})).await;
        assert!(!ok(&without, "recommendedMentors").to_string().contains("lived experience"), "not asked for: {without}");
        let saved = app.graphql_as(&asking, save, profile(true)).await;
        assert_eq!(ok(&saved, "updateFounderProfile")["wantsPeerMentor"], true, "{saved}");
        let with = app.graphql_as(&asking, RECOMMENDED, json!({})).await;
        assert_eq!(first_id(&with), peer_id, "{with}");
        assert!(ok(&with, "recommendedMentors")[0]["reasons"].as_array().unwrap().iter().any(|r| r == "has lived experience, as you asked"), "{with}");
    }
}

/// Lets `hours` pass on the test clock once the outbox is quiet.
async fn pass(app: &TestApp, hours: i64) {
    settle(app).await;
    app.clock.advance(chrono::Duration::hours(hours));
}

db_test! {
    async fn the_staff_queue_puts_the_founder_who_waited_longest_for_a_mentor_first(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (m1, m1_id) = mentor(&app, &staff, "Pirmā", "latgale", &["business_plan"], true).await;
        let (m2, m2_id) = mentor(&app, &staff, "Otrā", "latgale", &["business_plan"], true).await;
        let (m3, m3_id) = mentor(&app, &staff, "Trešā", "latgale", &["business_plan"], true).await;
        let (a, _) = founder(&app, "Atgriezusies", false).await;
        let (b, _) = founder(&app, "Pirmoreiz", false).await;
        let (c, _) = founder(&app, "Atteikta", false).await;
        // A's first mentorship runs from the start.
        let first = request(&app, &a, &m2_id).await;
        ok(&app.graphql_as(&m2, ANSWER, json!({ "id": first, "a": true })).await, "answerMentorshipRequest");
        ok(&app.graphql_as(&staff, REVIEW, json!({ "id": first, "a": true })).await, "reviewMentorship");
        pass(&app, 12).await;
        // Half a day in, C asks M3, who declines; C asks M1 later.
        let declined = request(&app, &c, &m3_id).await;
        ok(&app.graphql_as(&m3, ANSWER, json!({ "id": declined, "a": false, "r": "NO_CAPACITY" })).await, "answerMentorshipRequest");
        pass(&app, 12).await;
        // A day in, B asks for the first time.
        let b_request = request(&app, &b, &m1_id).await;
        pass(&app, 24).await;
        // Two days in, A's mentorship ends; at three A asks again, at three and a half C does.
        ok(&app.graphql_as(&a, END, json!({ "id": first, "c": true, "s": 5 })).await, "endMentorship");
        pass(&app, 24).await;
        let a_request = request(&app, &a, &m3_id).await;
        pass(&app, 12).await;
        let c_request = request(&app, &c, &m1_id).await;
        // The mentors say yes in the opposite order: A's first, C's last.
        for (who, id) in [(&m3, &a_request), (&m1, &b_request), (&m1, &c_request)] {
            ok(&app.graphql_as(who, ANSWER, json!({ "id": id, "a": true })).await, "answerMentorshipRequest");
        }

        // Days have passed: a staff member signs in afresh.
        let (staff, _) = app.create_staff().await;
        const PAGE: &str = "query($after: String) { mentorshipQueue(first: 2, after: $after) { nodes { id waitingSince } pageInfo { hasNextPage endCursor } } }";
        let one = app.graphql_as(&staff, PAGE, json!({})).await;
        let page = ok(&one, "mentorshipQueue");
        let after = page["pageInfo"]["endCursor"].clone();
        assert_eq!(page["pageInfo"]["hasNextPage"], true, "{one}");
        let two = app.graphql_as(&staff, PAGE, json!({ "after": after })).await;
        let order: Vec<String> = [&one, &two]
            .iter()
            .flat_map(|p| p["data"]["mentorshipQueue"]["nodes"].as_array().unwrap().clone())
            .map(|n| n["id"].as_str().unwrap().to_owned())
            .collect();
        // C waited since their first request (half a day), B since one day, A since asking again.
        assert_eq!(order, [c_request.clone(), b_request.clone(), a_request.clone()], "{one} {two}");
        let since = |p: &Value, n: usize| p["data"]["mentorshipQueue"]["nodes"][n]["waitingSince"].as_str().unwrap().to_owned();
        assert!(since(&one, 0) < since(&one, 1) && since(&one, 1) < since(&two, 0), "{one} {two}");

        // Only staff read how long someone waited.
        let mine = app.graphql_as(&a, "query($id: ID!) { mentorship(id: $id) { waitingSince } }", json!({ "id": a_request })).await;
        assert_eq!(error_code(&mine), "FORBIDDEN", "{mine}");
    }
}

/// Posts `query` to the server at `address` as `client`.
async fn graphql_at(address: &str, client: &reqwest::Client, query: &str, variables: Value) -> Value {
    let answer = client.post(format!("{address}/graphql")).json(&json!({ "query": query, "variables": variables }));
    answer.send().await.unwrap().json().await.unwrap()
}

db_test! {
    async fn recommendations_follow_changes_made_by_another_server_process_at_once(app: TestApp) {
        let replica = app.spawn_replica().await;
        let (staff, _) = app.create_staff().await;
        let (asking, _) = founder(&app, "Konditore", false).await;
        let (first, first_id) = mentor(&app, &staff, "Pirmā", "latgale", &["business_plan"], true).await;
        let (_, second_id) = mentor(&app, &staff, "Otrā", "latgale", &["business_plan"], true).await;
        let ids = |answer: &Value| -> Vec<String> {
            ok(answer, "recommendedMentors").as_array().unwrap().iter().map(|r| r["mentor"]["id"].as_str().unwrap().to_owned()).collect()
        };
        let both = app.graphql_as(&asking, RECOMMENDED, json!({})).await;
        assert!(ids(&both).contains(&first_id) && ids(&both).contains(&second_id), "{both}");

        // The other process suspends the second mentor: gone from this process's answer at once.
        let suspended = graphql_at(&replica.address, &staff, crate::api::directory::DECIDE, json!({ "s": second_id, "d": "SUSPEND", "r": "Sūdzības" })).await;
        assert!(suspended["errors"].is_null(), "{suspended}");
        let one = app.graphql_as(&asking, RECOMMENDED, json!({})).await;
        assert_eq!(ids(&one), std::slice::from_ref(&first_id), "{one}");

        // The first mentor stops taking mentees through the other process: none left.
        const PAUSE: &str = "mutation($i: MentorProfileInput!) { updateMentorProfile(input: $i) { available } }";
        let input = json!({
            "headline": "Pirmā", "bio": "", "expertise": ["business_plan"], "region": "latgale", "meeting": "BOTH",
            "languages": ["lv", "ru"], "capacity": 2, "available": false,
            "shareEmail": true, "sharePhone": true, "phone": "+371 2999 9999"
        });
        let paused = graphql_at(&replica.address, &first, PAUSE, json!({ "i": input })).await;
        assert_eq!(paused["data"]["updateMentorProfile"]["available"], false, "{paused}");
        let none = app.graphql_as(&asking, RECOMMENDED, json!({})).await;
        assert!(ids(&none).is_empty(), "{none}");

        // A mentor approved through the other process appears.
        let (third, third_id) = mentor(&app, &staff, "Trešā", "latgale", &["business_plan"], false).await;
        let approved = graphql_at(&replica.address, &staff, crate::api::directory::DECIDE, json!({ "s": third_id, "d": "APPROVE" })).await;
        assert!(approved["errors"].is_null(), "{approved}");
        let found = app.graphql_as(&asking, RECOMMENDED, json!({})).await;
        assert_eq!(ids(&found), std::slice::from_ref(&third_id), "{found}");
        assert!(found.to_string().contains("can take 2 more mentees"), "{found}");

        // Their places fill through the other process: one left, then none.
        for (n, places) in [(1, Some("can take 1 more mentee")), (2, None)] {
            let (other, _) = founder(&app, &format!("Cits {n}"), false).await;
            let id = request(&app, &other, &third_id).await;
            let accepted = graphql_at(&replica.address, &third, ANSWER, json!({ "id": id, "a": true })).await;
            assert!(accepted["errors"].is_null(), "{accepted}");
            let now = app.graphql_as(&asking, RECOMMENDED, json!({})).await;
            match places {
                Some(words) => assert!(now.to_string().contains(words), "{now}"),
                None => assert!(ids(&now).is_empty(), "a full mentor is not recommended: {now}"),
            }
        }
    }
}

const SUGGESTED: &str =
    "query { recommendedFounders(first: 10) { founder { id displayName contact { phone } } score reasons } }";
const OFFER: &str = "mutation($f: ID!, $t: String!) { offerMentorship(founderId: $f, message: $t) { id status origin message expiresAt mentee { id } mentor { id } } }";

/// A listed founder looking for a mentor (Russian, Latgale, a business plan); client and id.
pub(crate) async fn seeking(app: &TestApp, headline: &str) -> (reqwest::Client, String) {
    let (client, id) = founder(app, headline, true).await;
    let input = json!({
        "headline": headline, "stage": "IDEA", "region": "latgale", "languages": ["ru"],
        "needs": ["business_plan"], "listed": true, "seekingMentor": true, "sharePhone": true, "phone": "+371 2888 8888"
    });
    let saved = app
        .graphql_as(
            &client,
            "mutation($i: FounderProfileInput!) { updateFounderProfile(input: $i) { headline } }",
            json!({ "i": input }),
        )
        .await;
    assert!(saved["errors"].is_null(), "{saved}");
    (client, id)
}

/// `mentor`'s offer to `founder`; its id.
async fn offer(app: &TestApp, mentor: &reqwest::Client, founder: &str) -> String {
    let offered = app.graphql_as(mentor, OFFER, json!({ "f": founder, "t": "Varu palīdzēt ar biznesa plānu." })).await;
    ok(&offered, "offerMentorship")["id"].as_str().unwrap().to_owned()
}

fn suggested_ids(answer: &Value) -> Vec<String> {
    ok(answer, "recommendedFounders")
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["founder"]["id"].as_str().unwrap().to_owned())
        .collect()
}

db_test! {
    async fn a_mentor_offers_to_a_fitting_founder_who_takes_it_up_and_staff_start_it(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (looking, looking_id) = seeking(&app, "Galdnieks Daugavpilī").await;
        let (_, settled_id) = founder(&app, "Nemeklē", true).await;
        let (_, kept_id) = seeking(&app, "Nedrīkst").await;
        let (offering, offering_id) = mentor(&app, &staff, "Uzņēmēja", "latgale", &["business_plan"], true).await;
        let (_, asked_id) = mentor(&app, &staff, "Otra", "latgale", &["business_plan"], true).await;
        let constraints = json!({ "noContactUserIds": [offering_id], "excludedSectors": [] });
        let set = app.graphql_as(&staff, CONSTRAINTS, json!({ "f": kept_id, "i": constraints })).await;
        assert!(set["errors"].is_null(), "{set}");
        let (looking_email, offering_email) = (email_of(&app, &looking).await, email_of(&app, &offering).await);

        // The mentor sees the founders looking for a mentor who fit, with reasons to read; not
        // one who does not look, nor one a supervision keeps away, and no contact details.
        let suggested = app.graphql_as(&offering, SUGGESTED, json!({})).await;
        let ids = suggested_ids(&suggested);
        assert!(ids.contains(&looking_id), "{suggested}");
        assert!(!ids.contains(&settled_id) && !ids.contains(&kept_id), "{suggested}");
        let first = &ok(&suggested, "recommendedFounders")[0];
        let reasons: Vec<&str> = first["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
        assert!(reasons.iter().any(|r| r.starts_with("speaks your language: ")), "{reasons:?}");
        assert!(reasons.iter().any(|r| r.starts_with("needs what you know: ") && r.ends_with("(1 of 1)")), "{reasons:?}");
        assert!(first["founder"]["contact"].is_null(), "{suggested}");

        // The founder already asked another mentor; then the offer comes, by e-mail too.
        let asked = request(&app, &looking, &asked_id).await;
        let offered = app.graphql_as(&offering, OFFER, json!({ "f": looking_id, "t": "Varu palīdzēt ar biznesa plānu." })).await;
        let offered = ok(&offered, "offerMentorship").clone();
        assert_eq!((offered["status"].clone(), offered["origin"].clone()), (json!("OFFERED"), json!("MENTOR")), "{offered}");
        assert!(offered["expiresAt"].is_string(), "{offered}");
        let id = offered["id"].as_str().unwrap().to_owned();
        let mail = mail_about(&app, &looking_email, "offers to be your mentor").await;
        assert!(mail.text.contains("Varu palīdzēt ar biznesa plānu.") && mail.text.contains(&format!("/mentorship?id={id}")), "{}", mail.text);
        let offers = app.graphql_as(&looking, MINE, json!({ "s": ["OFFERED"] })).await;
        assert_eq!(ok(&offers, "myMentorships")["nodes"][0]["id"], id.as_str());
        let again = app.graphql_as(&offering, SUGGESTED, json!({})).await;
        assert!(!suggested_ids(&again).contains(&looking_id), "a founder with an offer waiting is not suggested again");

        // Refusals: twice to the same founder, a request to the mentor who offered, a founder
        // who does not look, one kept away (as if they did not exist), an empty message.
        let twice = app.graphql_as(&offering, OFFER, json!({ "f": looking_id, "t": "Vēlreiz" })).await;
        assert_eq!(reason(&twice), "ALREADY_OFFERED", "{twice}");
        let crossed = app.graphql_as(&looking, REQUEST, json!({ "m": offering_id, "t": "Sveiki" })).await;
        assert_eq!(reason(&crossed), "OFFER_WAITING", "{crossed}");
        let settled = app.graphql_as(&offering, OFFER, json!({ "f": settled_id, "t": "Sveiki" })).await;
        assert_eq!(reason(&settled), "NOT_SEEKING", "{settled}");
        let kept = app.graphql_as(&offering, OFFER, json!({ "f": kept_id, "t": "Sveiki" })).await;
        let missing = app.graphql_as(&offering, OFFER, json!({ "f": uuid::Uuid::new_v4().to_string(), "t": "Sveiki" })).await;
        assert_eq!(error_code(&kept), "NOT_FOUND", "{kept}");
        assert_eq!(kept["errors"][0]["message"], missing["errors"][0]["message"]);
        let empty = app.graphql_as(&offering, OFFER, json!({ "f": looking_id, "t": "  " })).await;
        assert_eq!((error_code(&empty), empty["errors"][0]["extensions"]["field"].clone()), ("BAD_USER_INPUT".to_owned(), json!("message")));

        // The founder takes it up: the request elsewhere closes, the mentor is told, staff review.
        let taken = app.graphql_as(&looking, ANSWER, json!({ "id": id, "a": true })).await;
        assert_eq!(ok(&taken, "answerMentorshipRequest")["status"], "PENDING_REVIEW", "{taken}");
        mail_about(&app, &offering_email, "said yes to your offer").await;
        let closed = app.graphql_as(&looking, MENTORSHIP, json!({ "id": asked })).await;
        assert_eq!(ok(&closed, "mentorship")["status"], "INVALIDATED");
        let queue = app.graphql_as(&staff, QUEUE, json!({})).await;
        assert!(ok(&queue, "mentorshipQueue").to_string().contains(&id), "{queue}");
        let approved = app.graphql_as(&staff, REVIEW, json!({ "id": id, "a": true })).await;
        assert_eq!(ok(&approved, "reviewMentorship")["status"], "ACTIVE");
        mail_about(&app, &looking_email, "has started").await;
        mail_about(&app, &offering_email, "has started").await;
    }

    async fn offers_refuse_other_roles_can_be_declined_or_taken_back_and_are_limited(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (admin, _) = app.create_admin().await;
        let (looking, looking_id) = seeking(&app, "Šuvēja").await;
        let (offering, _) = mentor(&app, &staff, "Piedāvā", "latgale", &["business_plan"], true).await;
        let (other_mentor, _) = mentor(&app, &staff, "Cits", "latgale", &["business_plan"], true).await;
        let (organisation, _) = app.sign_in_as(Role::Enterprise).await;
        let anonymous = TestApp::new_client();
        let (looking_email, offering_email) = (email_of(&app, &looking).await, email_of(&app, &offering).await);

        let variables = json!({ "f": looking_id, "t": "Sveiki" });
        for client in [&looking, &organisation, &staff, &admin] {
            let answer = app.graphql_as(client, OFFER, variables.clone()).await;
            assert_eq!(error_code(&answer), "FORBIDDEN", "{answer}");
        }
        assert_eq!(error_code(&app.graphql_as(&anonymous, OFFER, variables).await), "UNAUTHENTICATED");
        for client in [&looking, &organisation, &staff, &admin] {
            let answer = app.graphql_as(client, SUGGESTED, json!({})).await;
            assert_eq!(error_code(&answer), "FORBIDDEN", "{answer}");
        }

        // Only the founder answers an offer and only the mentor takes it back; anyone else
        // finds nothing.
        let id = offer(&app, &offering, &looking_id).await;
        let own = app.graphql_as(&offering, ANSWER, json!({ "id": id, "a": true })).await;
        assert_eq!(error_code(&own), "FORBIDDEN", "{own}");
        let founder_withdraws = app.graphql_as(&looking, WITHDRAW, json!({ "id": id })).await;
        assert_eq!(error_code(&founder_withdraws), "FORBIDDEN", "{founder_withdraws}");
        for client in [&staff, &admin, &organisation] {
            let answer = app.graphql_as(client, ANSWER, json!({ "id": id, "a": true })).await;
            assert_eq!(error_code(&answer), "FORBIDDEN", "{answer}");
        }
        let stranger = app.graphql_as(&other_mentor, WITHDRAW, json!({ "id": id })).await;
        assert_eq!(error_code(&stranger), "NOT_FOUND", "{stranger}");
        let seen = app.graphql_as(&looking, MENTORSHIP, json!({ "id": id })).await;
        assert_eq!(ok(&seen, "mentorship")["status"], "OFFERED");

        // Taken back: the founder is told. Declined: the mentor is told, without a reason.
        let withdrawn = app.graphql_as(&offering, WITHDRAW, json!({ "id": id })).await;
        assert_eq!(ok(&withdrawn, "withdrawMentorshipRequest")["status"], "WITHDRAWN");
        mail_about(&app, &looking_email, "took back the offer").await;
        let second = offer(&app, &offering, &looking_id).await;
        let declined = app.graphql_as(&looking, ANSWER, json!({ "id": second, "a": false })).await;
        let declined = ok(&declined, "answerMentorshipRequest").clone();
        assert_eq!((declined["status"].clone(), declined["declineReason"].clone()), (json!("DECLINED"), Value::Null));
        mail_about(&app, &offering_email, "did not take up your offer").await;

        // At most three offers wait at once.
        for n in 0..3 {
            let (_, other) = seeking(&app, &format!("Meklē {n}")).await;
            offer(&app, &offering, &other).await;
        }
        let fourth = app.graphql_as(&offering, OFFER, json!({ "f": looking_id, "t": "Sveiki" })).await;
        assert_eq!(reason(&fourth), "TOO_MANY_OPEN_OFFERS", "{fourth}");
    }
}

db_test! {
    async fn an_offer_left_unanswered_expires_at_14_days_and_the_mentor_is_told_once(app: TestApp) {
        use chrono::Duration as Span;
        let _replica = app.spawn_replica().await;
        let (staff, _) = app.create_staff().await;
        let (looking, looking_id) = seeking(&app, "Klusē").await;
        let (offering, _) = mentor(&app, &staff, "Piedāvā", "latgale", &["business_plan"], true).await;
        let offering_email = email_of(&app, &offering).await;
        let id = offer(&app, &offering, &looking_id).await;

        settle(&app).await;
        app.clock.advance(Span::days(13));
        run_jobs(&app).await;
        let waiting = app.graphql_as(&looking, MENTORSHIP, json!({ "id": id })).await;
        assert_eq!(ok(&waiting, "mentorship")["status"], "OFFERED", "no reminders and no expiry before day 14");
        settle(&app).await;
        app.clock.advance(Span::days(1) + Span::minutes(1));
        run_jobs(&app).await;
        run_jobs(&app).await;
        let expired = app.graphql_as(&looking, MENTORSHIP, json!({ "id": id })).await;
        assert_eq!(ok(&expired, "mentorship")["status"], "EXPIRED");
        assert_eq!(mails_about(&app, &offering_email, "Your offer to").await, 1);
        // Unlike a mentor who leaves a request unanswered, nobody is paused: the founder is
        // suggested to the mentor again.
        let suggested = app.graphql_as(&offering, SUGGESTED, json!({})).await;
        assert!(suggested_ids(&suggested).contains(&looking_id), "{suggested}");
    }
}

const CLOSED_MAIL: &str = "is closed";

db_test! {
    async fn a_new_no_contact_closes_what_the_two_have_open_or_running_without_saying_why(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (running_founder, running_founder_id) = seeking(&app, "Strādā").await;
        let (running_mentor, running_mentor_id) = mentor(&app, &staff, "Vada", "latgale", &["business_plan"], true).await;
        let (waiting_founder, waiting_founder_id) = seeking(&app, "Gaida").await;
        let (asked, asked_id) = mentor(&app, &staff, "Jautātais", "latgale", &["business_plan"], true).await;
        let (offering, offering_id) = mentor(&app, &staff, "Piedāvātājs", "latgale", &["business_plan"], true).await;
        let (_, untouched_id) = mentor(&app, &staff, "Paliek", "latgale", &["business_plan"], true).await;

        let active = request(&app, &running_founder, &running_mentor_id).await;
        ok(&app.graphql_as(&running_mentor, ANSWER, json!({ "id": active, "a": true })).await, "answerMentorshipRequest");
        ok(&app.graphql_as(&staff, REVIEW, json!({ "id": active, "a": true })).await, "reviewMentorship");
        let requested = request(&app, &waiting_founder, &asked_id).await;
        let stays = request(&app, &waiting_founder, &untouched_id).await;
        let offered = offer(&app, &offering, &waiting_founder_id).await;
        settle(&app).await;
        let before = app.smtp.messages().len();

        for (founder_id, kept) in [(&running_founder_id, json!([running_mentor_id])), (&waiting_founder_id, json!([asked_id, offering_id]))] {
            let constraints = json!({ "noContactUserIds": kept, "excludedSectors": [] });
            let set = app.graphql_as(&staff, CONSTRAINTS, json!({ "f": founder_id, "i": constraints })).await;
            assert!(set["errors"].is_null(), "{set}");
        }
        for (client, id) in [(&running_founder, &active), (&waiting_founder, &requested), (&waiting_founder, &offered)] {
            let seen = app.graphql_as(client, MENTORSHIP, json!({ "id": id })).await;
            assert_eq!(ok(&seen, "mentorship")["status"], "CLOSED", "{seen}");
        }
        let kept = app.graphql_as(&waiting_founder, MENTORSHIP, json!({ "id": stays })).await;
        assert_eq!(ok(&kept, "mentorship")["status"], "REQUESTED", "a mentorship with someone else stays");
        let contact = app.graphql_as(&running_mentor, CONTACT, json!({ "id": active })).await;
        assert!(ok(&contact, "mentorship")["contact"].is_null(), "{contact}");
        let write = app.graphql_as(&running_mentor, SEND, json!({ "id": active, "b": "Sveiki?" })).await;
        assert_eq!(reason(&write), "MENTORSHIP_NOT_ACTIVE", "{write}");

        // Both sides of each are told that VPD closed it, in words that never say why.
        for client in [&running_founder, &running_mentor, &waiting_founder, &asked, &offering] {
            let to = email_of(&app, client).await;
            let mail = mail_about(&app, &to, CLOSED_MAIL).await;
            let all = format!("{} {}", mail.subject, mail.text).to_lowercase();
            assert!(all.contains("vpd"), "{all}");
            for hint in ["supervis", "constraint", "no-contact", "no contact", "probation officer", "court"] {
                assert!(!all.contains(hint), "{hint} in {all}");
            }
        }
        settle(&app).await;
        assert_eq!(app.smtp.messages().len() - before, 6, "one e-mail to each side of each closed mentorship");
        let recommended = app.graphql_as(&waiting_founder, RECOMMENDED, json!({})).await;
        let text = ok(&recommended, "recommendedMentors").to_string();
        assert!(!text.contains(&asked_id) && !text.contains(&offering_id), "{text}");
    }
}

const NGO_REQUEST: &str = "mutation($m: ID!, $t: String!, $o: ID) { requestMentor(mentorId: $m, message: $t, organisationId: $o) { id status origin mentee { id } } }";

/// A representative of an organisation of `kind` (approved by staff when `approve`); their
/// client and the organisation's id.
pub(crate) async fn organisation_of(
    app: &TestApp,
    staff: &reqwest::Client,
    name: &str,
    kind: &str,
    approve: bool,
) -> (reqwest::Client, String) {
    let (representative, _) = app.sign_in_as(Role::Enterprise).await;
    let input = json!({
        "name": name, "registrationNumber": format!("4{:010}", uuid::Uuid::new_v4().as_u128() % 10_000_000_000),
        "kind": kind, "registeredSocialEnterprise": false, "sectors": ["crafts_manufacturing"], "region": "latgale",
        "website": "biedriba.example.lv", "description": "Atbalsts cilvēkiem pēc soda izciešanas.", "supportsTargetGroup": true,
    });
    let created = app
        .graphql_as(
            &representative,
            "mutation($i: OrganisationInput!) { createOrganisation(input: $i) { id } }",
            json!({ "i": input }),
        )
        .await;
    let id = ok(&created, "createOrganisation")["id"].as_str().unwrap().to_owned();
    if approve {
        // The organisation, and its representative's account.
        let person = app.viewer(&representative).await["id"].as_str().unwrap().to_owned();
        for subject in [&id, &person] {
            let approved =
                app.graphql_as(staff, crate::api::directory::DECIDE, json!({ "s": subject, "d": "APPROVE" })).await;
            assert!(approved["errors"].is_null(), "{approved}");
        }
    }
    (representative, id)
}

/// A second representative of `organisation`, invited by `representative`; staff approve the
/// invitation and the account.
pub(crate) async fn colleague_of(
    app: &TestApp,
    staff: &reqwest::Client,
    representative: &reqwest::Client,
    organisation: &str,
) -> reqwest::Client {
    let (colleague, email) = app.sign_in_as(Role::Enterprise).await;
    let invite = "mutation($o: ID!, $e: String!) { inviteRepresentative(organisationId: $o, email: $e) { id } }";
    let invited = app.graphql_as(representative, invite, json!({ "o": organisation, "e": email })).await;
    let invitation = ok(&invited, "inviteRepresentative")["id"].as_str().unwrap().to_owned();
    let person = app.viewer(&colleague).await["id"].as_str().unwrap().to_owned();
    for subject in [&invitation, &person] {
        let approved =
            app.graphql_as(staff, crate::api::directory::DECIDE, json!({ "s": subject, "d": "APPROVE" })).await;
        assert!(approved["errors"].is_null(), "{approved}");
    }
    colleague
}

/// An approved mentor who mentors NGOs too and speaks English (the test accounts' language).
pub(crate) async fn ngo_mentor(
    app: &TestApp,
    staff: &reqwest::Client,
    headline: &str,
    mentors_ngos: bool,
) -> (reqwest::Client, String) {
    let (client, id) = mentor(app, staff, headline, "latgale", &["business_plan"], true).await;
    let input = json!({
        "headline": headline, "bio": "", "expertise": ["business_plan"], "region": "latgale", "meeting": "BOTH",
        "languages": ["lv", "en"], "capacity": 2, "available": true, "mentorsNgos": mentors_ngos,
        "shareEmail": true, "sharePhone": false
    });
    let saved = app
        .graphql_as(
            &client,
            "mutation($i: MentorProfileInput!) { updateMentorProfile(input: $i) { headline } }",
            json!({ "i": input }),
        )
        .await;
    assert!(saved["errors"].is_null(), "{saved}");
    (client, id)
}

db_test! {
    async fn an_ngo_representative_asks_a_mentor_for_their_organisation_in_the_same_way(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let (representative, ngo_id) = organisation_of(&app, &staff, "Biedrība Otrā iespēja", "NGO", true).await;
        let (_, pending_ngo) = organisation_of(&app, &staff, "Biedrība Gaida", "NGO", false).await;
        let (enterprise, _) = organisation_of(&app, &staff, "Darbnīca", "SOCIAL_ENTERPRISE", true).await;
        let (outsider, _) = organisation_of(&app, &staff, "Cita biedrība", "NGO", true).await;
        let (chosen, chosen_id) = ngo_mentor(&app, &staff, "Vada biedrības", true).await;
        let (_, founders_only) = ngo_mentor(&app, &staff, "Tikai uzņēmējiem", false).await;
        let (asking_founder, _) = founder(&app, "Uzņēmējs", true).await;
        let chosen_email = email_of(&app, &chosen).await;

        // Refusals: a mentor who does not mentor NGOs, an organisation not approved or not an
        // NGO, a founder naming an organisation.
        let no_ngos = app.graphql_as(&representative, NGO_REQUEST, json!({ "m": founders_only, "t": "Sveiki" })).await;
        assert_eq!(reason(&no_ngos), "MENTOR_UNAVAILABLE", "{no_ngos}");
        let not_theirs = app.graphql_as(&representative, NGO_REQUEST, json!({ "m": chosen_id, "t": "Sveiki", "o": pending_ngo })).await;
        assert_eq!(error_code(&not_theirs), "NOT_FOUND", "{not_theirs}");
        let not_ngo = app.graphql_as(&enterprise, NGO_REQUEST, json!({ "m": chosen_id, "t": "Sveiki" })).await;
        assert_eq!((error_code(&not_ngo), reason(&not_ngo)), ("BAD_USER_INPUT".to_owned(), "NGO_REQUIRED".to_owned()), "{not_ngo}");
        let founder_for = app.graphql_as(&asking_founder, NGO_REQUEST, json!({ "m": chosen_id, "t": "Sveiki", "o": ngo_id })).await;
        assert_eq!(error_code(&founder_for), "NOT_FOUND", "{founder_for}");

        // The request: the mentor reads the NGO's name, accepts; staff approve; the two write.
        let asked = app.graphql_as(&representative, NGO_REQUEST, json!({ "m": chosen_id, "t": "Meklējam mentoru biedrībai.", "o": ngo_id })).await;
        let asked = ok(&asked, "requestMentor").clone();
        assert_eq!((asked["status"].clone(), asked["origin"].clone()), (json!("REQUESTED"), json!("ORGANISATION")), "{asked}");
        let id = asked["id"].as_str().unwrap().to_owned();
        let mail = mail_about(&app, &chosen_email, "Biedrība Otrā iespēja").await;
        assert!(mail.text.contains("Meklējam mentoru biedrībai."), "{}", mail.text);
        let accepted = app.graphql_as(&chosen, ANSWER, json!({ "id": id, "a": true })).await;
        assert_eq!(ok(&accepted, "answerMentorshipRequest")["status"], "PENDING_REVIEW");
        let approved = app.graphql_as(&staff, REVIEW, json!({ "id": id, "a": true })).await;
        assert_eq!(ok(&approved, "reviewMentorship")["status"], "ACTIVE");
        ok(&app.graphql_as(&representative, SEND, json!({ "id": id, "b": "Paldies! Kad tiekamies?" })).await, "sendMentorshipMessage");
        let read = app.graphql_as(&chosen, MESSAGES, json!({ "id": id, "n": 5 })).await;
        assert!(read.to_string().contains("Kad tiekamies?"), "{read}");
        let mine = app.graphql_as(&representative, MINE, json!({ "s": ["ACTIVE"] })).await;
        assert_eq!(ok(&mine, "myMentorships")["nodes"][0]["id"], id.as_str());

        // Another organisation's representative finds nothing.
        for operation in [MENTORSHIP, MESSAGES] {
            let hidden = app.graphql_as(&outsider, operation, json!({ "id": id, "n": 5 })).await;
            assert_eq!(error_code(&hidden), "NOT_FOUND", "{hidden}");
        }
        let write = app.graphql_as(&outsider, SEND, json!({ "id": id, "b": "Sveiki" })).await;
        assert_eq!(error_code(&write), "NOT_FOUND", "{write}");
    }
}

const CLOSE: &str = "mutation($id: ID!, $n: String!) { closeMentorship(id: $id, note: $n) { id status } }";

db_test! {
    async fn staff_close_a_running_mentorship_with_a_note_only_they_read(app: TestApp) {
        let (staff, asking, chosen, id) = running(&app).await;
        let (admin, _) = app.create_admin().await;
        let (organisation, _) = app.sign_in_as(Role::Enterprise).await;
        for client in [&asking, &chosen, &organisation] {
            let answer = app.graphql_as(client, CLOSE, json!({ "id": id, "n": "Drošības dēļ" })).await;
            assert_eq!(error_code(&answer), "FORBIDDEN", "{answer}");
        }
        assert_eq!(error_code(&app.graphql_as(&TestApp::new_client(), CLOSE, json!({ "id": id, "n": "x" })).await), "UNAUTHENTICATED");
        let bare = app.graphql_as(&staff, CLOSE, json!({ "id": id, "n": " " })).await;
        assert_eq!((error_code(&bare), bare["errors"][0]["extensions"]["field"].clone()), ("BAD_USER_INPUT".to_owned(), json!("note")));
        let never = app.graphql_as(&admin, CLOSE, json!({ "id": uuid::Uuid::new_v4().to_string(), "n": "x" })).await;
        assert_eq!(error_code(&never), "NOT_FOUND", "{never}");

        let closed = app.graphql_as(&admin, CLOSE, json!({ "id": id, "n": "Drošības dēļ" })).await;
        assert_eq!(ok(&closed, "closeMentorship")["status"], "CLOSED", "{closed}");
        let note = app.graphql_as(&staff, WITH_NOTE, json!({ "id": id })).await;
        assert_eq!(ok(&note, "mentorship")["reviewNote"], "Drošības dēļ");
        for client in [&asking, &chosen] {
            let seen = app.graphql_as(client, MENTORSHIP, json!({ "id": id })).await;
            assert_eq!(ok(&seen, "mentorship")["status"], "CLOSED");
            assert!(!seen.to_string().contains("Drošības"), "{seen}");
            let mail = mail_about(&app, &email_of(&app, client).await, CLOSED_MAIL).await;
            assert!(!mail.text.contains("Drošības"), "{}", mail.text);
        }
        let again = app.graphql_as(&staff, CLOSE, json!({ "id": id, "n": "Vēlreiz" })).await;
        assert_eq!(reason(&again), "MENTORSHIP_MOVED_ON", "{again}");
    }
}
