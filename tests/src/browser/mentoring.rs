//! Mentoring on a phone, from the recommendation to the closing feedback: a founder sees why a
//! mentor fits and asks them; the mentor reads the e-mail and accepts in their inbox; VPD staff
//! approve in the queue with both profiles side by side; the two write, set a goal, log a
//! session, answer "is this working?", and the founder completes the mentorship with feedback.

use fantoccini::Locator;
use serde_json::json;
use tilts::domain::Role;

use super::{Browser, local_path, spawn_pwa_app, staff::vpd_account};
use crate::api::directory::{founder, mentor};
use crate::app::{PASSWORD, TestApp};

/// The link of the `count`th e-mail to `to` about a mentorship, waiting for the outbox; its path.
async fn mentorship_link(app: &TestApp, to: &str, count: usize) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let links: Vec<String> = app
            .smtp
            .messages_to(to)
            .iter()
            .filter_map(|m| m.text.split_whitespace().find(|w| w.contains("/mentorship?id=")).map(str::to_owned))
            .collect();
        if let Some(link) = links.get(count - 1) {
            return local_path(link.trim_end_matches(['.', ',', ')', '>']));
        }
        assert!(std::time::Instant::now() < deadline, "no e-mail {count} about a mentorship to {to}: {links:?}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Names the account `email` as `name`, speaking Latvian (test accounts start as "Test Person",
/// in English).
pub(super) async fn name_in_latvian(app: &TestApp, email: &str, name: &str) {
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    use tilts::db::entities::users;
    let user = users::Entity::find().filter(users::Column::Email.eq(email)).one(&app.state.db).await.unwrap().unwrap();
    let mut user: users::ActiveModel = user.into();
    user.display_name = Set(name.to_owned());
    user.locale = Set("lv".to_owned());
    user.update(&app.state.db).await.unwrap();
}

/// Screenshots of the page in English and Russian besides Latvian (`name-lv` is taken by the
/// caller), then back to Latvian; `ready` is text the page shows in every language.
async fn in_three_languages(browser: &Browser, name: &str, ready: &str) {
    browser.screenshot(&format!("{name}-lv")).await;
    for code in ["en", "ru"] {
        browser.choose_language(code).await;
        browser.wait_for_text("main", ready).await;
        browser.screenshot(&format!("{name}-{code}")).await;
    }
    browser.choose_language("lv").await;
}

/// The address of `client`'s account.
async fn email_of(app: &TestApp, client: &reqwest::Client) -> String {
    app.viewer(client).await["email"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_founder_finds_asks_and_completes_a_mentorship_on_a_phone() {
    let app = spawn_pwa_app().await;
    let (staff_api, _) = app.create_staff().await;
    let (mentor_client, _) =
        mentor(&app, &staff_api, "Galdniece ar savu darbnīcu", "latgale", &["business_plan"], true).await;
    let mentor_email = email_of(&app, &mentor_client).await;
    let mentor_name = "Līga Kalniņa";
    name_in_latvian(&app, &mentor_email, mentor_name).await;
    let (founder_client, _) = founder(&app, "Galdniecība Rēzeknē", false).await;
    let founder_email = email_of(&app, &founder_client).await;
    let founder_name = "Jānis Ozols";
    name_in_latvian(&app, &founder_email, founder_name).await;
    let staff_email = vpd_account(&app, Role::Staff).await;
    name_in_latvian(&app, &staff_email, "Inese Ozola").await;
    let axe = super::a11y::axe_source();
    let mut failures = Vec::new();

    // The founder sees the mentor recommended, with reasons, and asks them.
    let founder_browser = Browser::open(&app).await;
    founder_browser.sign_in(&founder_email, PASSWORD).await;
    founder_browser.click("nav.nav a[href='/mentoring']").await;
    founder_browser.wait_for_path("/mentoring").await;
    founder_browser.wait_for_text("#recommended li", mentor_name).await;
    let reasons = founder_browser.client.find_all(Locator::Css("#recommended ul.reasons li")).await.unwrap();
    assert!(reasons.len() >= 2, "reasons a person can read");
    founder_browser.wait_for_text("#recommended ul.reasons", "Latgal").await;
    failures.extend(super::a11y::violations(&founder_browser, &axe).await);
    in_three_languages(&founder_browser, "mentoring-recommended", mentor_name).await;

    founder_browser.click("#recommended a.ask").await;
    founder_browser.wait_for_path("/mentoring/request").await;
    founder_browser.wait_for_text("#request-title", mentor_name).await;
    // Nothing written: refused in the page, at its field.
    founder_browser.click("form button[type=submit]").await;
    founder_browser.wait_for_text("#message-error", "Uzrakstiet").await;
    failures.extend(super::a11y::violations(&founder_browser, &axe).await);
    in_three_languages(&founder_browser, "mentoring-request", mentor_name).await;
    founder_browser.fill("message", "Labdien! Gribu atvērt galdniecību un man vajag biznesa plānu.").await;
    founder_browser.click("form button[type=submit]").await;
    founder_browser.wait_for_path("/mentorship").await;
    founder_browser.wait_for_text("#mentorship-done", "nosūtīts").await;
    founder_browser.wait_for_text("#mentorship-status", "Gaida mentora atbildi").await;
    founder_browser.screenshot("mentorship-requested-lv").await;

    // The mentor gets the e-mail, opens its link, and accepts; their inbox listed the request.
    let link = mentorship_link(&app, &mentor_email, 1).await;
    let mails = app.smtp.messages_to(&mentor_email);
    assert!(mails.iter().any(|m| m.text.contains("biznesa plānu") && m.text.contains(&link)), "the request's words");
    let mentor_browser = Browser::open(&app).await;
    // The link asks them to sign in first, then opens the request.
    mentor_browser.client.goto(&format!("{}{link}", mentor_browser.base)).await.unwrap();
    mentor_browser.wait_for_path("/sign-in").await;
    mentor_browser.fill("email", &mentor_email).await;
    mentor_browser.fill("password", PASSWORD).await;
    mentor_browser.click("form button[type=submit]").await;
    mentor_browser.wait_for_path("/mentorship").await;
    mentor_browser.wait_for_text("#request-message", "biznesa plānu").await;
    mentor_browser.click("nav.nav a[href='/mentoring']").await;
    mentor_browser.wait_for_path("/mentoring").await;
    mentor_browser.wait_for_text("#inbox li", founder_name).await;
    mentor_browser.wait_for_text("#inbox li", "biznesa plānu").await;
    failures.extend(super::a11y::violations(&mentor_browser, &axe).await);
    in_three_languages(&mentor_browser, "mentoring-inbox", founder_name).await;
    mentor_browser.visit(&link).await;
    mentor_browser.wait_for_text("#request-message", "biznesa plānu").await;
    failures.extend(super::a11y::violations(&mentor_browser, &axe).await);
    mentor_browser.screenshot("mentorship-answer-lv").await;
    mentor_browser.click("#accept").await;
    mentor_browser.wait_for_text("#mentorship-done", "VPD").await;
    mentor_browser.wait_for_text("#mentorship-status", "Gaida VPD").await;
    let id = link.split("id=").nth(1).unwrap().to_owned();
    // Two browsers at most run at once: the mentor's closes while staff work.
    mentor_browser.close().await;

    // VPD staff approve in the queue, with both profiles and the founder's constraints.
    let staff_browser = Browser::open(&app).await;
    super::staff::sign_in_from_staff_page(&app, &staff_browser, &staff_email, "/staff/mentorships").await;
    let item = format!("#match-{id}");
    staff_browser.wait_for_text(&format!("{item} section.side"), "Galdniecība Rēzeknē").await;
    staff_browser.wait_for_text(&format!("{item} section.side"), "Galdniece ar savu darbnīcu").await;
    staff_browser.fill(&format!("reason-{id}"), "Pārbaude pirms apstiprināšanas").await;
    staff_browser.click(&format!("{item} .constraints")).await;
    staff_browser.wait_for(&format!("#constraints-{id}:not([hidden])")).await;
    failures.extend(super::a11y::violations(&staff_browser, &axe).await);
    in_three_languages(&staff_browser, "mentorship-queue", founder_name).await;
    staff_browser.click(&format!("{item} .approve")).await;
    staff_browser.wait_for_text("#queue-status", founder_name).await;
    staff_browser.close().await;
    // Both are told by e-mail (the founder also when the mentor said yes).
    mentorship_link(&app, &founder_email, 2).await;
    mentorship_link(&app, &mentor_email, 2).await;

    // The founder sees the running mentorship with the mentor's contact details and writes.
    founder_browser.visit(&link).await;
    founder_browser.wait_for_text("#mentorship-status", "Notiek").await;
    founder_browser.wait_for_text("#contact", "2999 9999").await;
    founder_browser.fill("body", "Labdien! Kad varam tikties?").await;
    founder_browser.click("#messages-title ~ form button[type=submit]").await;
    founder_browser.wait_for_text("#messages li", "Kad varam tikties?").await;
    founder_browser.fill("title", "Uzrakstīt biznesa plānu").await;
    founder_browser.click("#goals-title ~ form button[type=submit]").await;
    founder_browser.wait_for_text("#goals li", "Uzrakstīt biznesa plānu").await;

    // The mentor answers, logs a session, and says it is working.
    let mentor_browser = Browser::open(&app).await;
    mentor_browser.sign_in(&mentor_email, PASSWORD).await;
    mentor_browser.visit(&link).await;
    mentor_browser.wait_for_text("#messages li", "Kad varam tikties?").await;
    mentor_browser.fill("body", "Otrdien plkst. 10 darbnīcā.").await;
    mentor_browser.click("#messages-title ~ form button[type=submit]").await;
    mentor_browser.wait_for_text("#messages li", "Otrdien").await;
    mentor_browser.fill("minutes", "45").await;
    mentor_browser.fill("topic", "Biznesa plāna uzmetums").await;
    mentor_browser.fill("privateNote", "Jāpārbauda izmaksu tabula").await;
    mentor_browser.click("#sessions-title ~ form button[type=submit]").await;
    mentor_browser.wait_for_text("#sessions li", "Biznesa plāna uzmetums").await;
    mentor_browser.wait_for_text("#sessions li", "izmaksu tabula").await;
    mentor_browser.click("#working-0").await;
    mentor_browser.click("#fit-check form button[type=submit]").await;
    mentor_browser.wait_for("#fit-check-answered").await;
    failures.extend(super::a11y::violations(&mentor_browser, &axe).await);
    mentor_browser.screenshot("mentorship-active-mentor-lv").await;

    // The founder sees the session (not the mentor's private note), answers the fit check,
    // marks the goal reached and completes the mentorship with a rating.
    founder_browser.visit(&link).await;
    founder_browser.wait_for_text("#sessions li", "Biznesa plāna uzmetums").await;
    assert!(!founder_browser.text("#sessions").await.contains("izmaksu tabula"), "the private note is the mentor's");
    founder_browser.wait_for_text("#messages li", "Otrdien").await;
    failures.extend(super::a11y::violations(&founder_browser, &axe).await);
    in_three_languages(&founder_browser, "mentorship-active", "Biznesa plāna uzmetums").await;
    founder_browser.click("#working-0").await;
    founder_browser.click("#fit-check form button[type=submit]").await;
    founder_browser.wait_for("#fit-check-answered").await;
    founder_browser.click("#goals .complete-goal").await;
    founder_browser.wait_for_text("#goals li", "Sasniegts").await;
    founder_browser.click("#end-open").await;
    founder_browser.click("#end-title ~ form button[type=submit]").await;
    founder_browser.wait_for_text("#rating-error", "1").await;
    founder_browser.click("#rating-4").await;
    founder_browser.fill("feedback", "Paldies, ļoti palīdzēja!").await;
    founder_browser.click("#end-title ~ form button[type=submit]").await;
    founder_browser.wait_for_text("#mentorship-status", "Pabeigts").await;
    founder_browser.screenshot("mentorship-completed-lv").await;
    founder_browser.close().await;

    // The mentor leaves their feedback too.
    mentor_browser.visit(&link).await;
    mentor_browser.wait_for_text("#mentorship-status", "Pabeigts").await;
    mentor_browser.click("#rating-3").await;
    mentor_browser.click("#feedback form button[type=submit]").await;
    mentor_browser.wait_for_text("#mentorship-done", "Paldies").await;
    mentor_browser.close().await;

    let answer = app
        .graphql_as(
            &founder_client,
            "query($id: ID!) { mentorship(id: $id) { status myFeedbackGiven goals { done } sessions { minutes } } }",
            json!({ "id": id }),
        )
        .await;
    let m = &answer["data"]["mentorship"];
    assert_eq!(m["status"], "COMPLETED", "{answer}");
    assert_eq!(m["goals"][0]["done"], true, "{answer}");
    assert_eq!(m["sessions"][0]["minutes"], 45, "{answer}");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mentor_offers_to_a_founder_who_takes_it_up_on_a_phone() {
    let app = spawn_pwa_app().await;
    let (staff_api, _) = app.create_staff().await;
    let (mentor_client, _) = mentor(&app, &staff_api, "Grāmatvede Rēzeknē", "latgale", &["business_plan"], true).await;
    let mentor_email = email_of(&app, &mentor_client).await;
    let mentor_name = "Anna Bērziņa";
    name_in_latvian(&app, &mentor_email, mentor_name).await;
    let (founder_client, _) = crate::api::mentoring::seeking(&app, "Maizes ceptuve Ludzā").await;
    let founder_email = email_of(&app, &founder_client).await;
    let founder_name = "Pēteris Liepa";
    name_in_latvian(&app, &founder_email, founder_name).await;
    let axe = super::a11y::axe_source();
    let mut failures = Vec::new();

    // The mentor sees the founder among those looking for a mentor, with reasons, and offers.
    let mentor_browser = Browser::open(&app).await;
    mentor_browser.sign_in(&mentor_email, PASSWORD).await;
    mentor_browser.click("nav.nav a[href='/mentoring']").await;
    mentor_browser.wait_for_path("/mentoring").await;
    mentor_browser.wait_for_text("#suggested-founders li", founder_name).await;
    mentor_browser.wait_for_text("#suggested-founders li", "Maizes ceptuve Ludzā").await;
    let reasons = mentor_browser.client.find_all(Locator::Css("#suggested-founders ul.reasons li")).await.unwrap();
    assert!(reasons.len() >= 2, "reasons a person can read");
    failures.extend(super::a11y::violations(&mentor_browser, &axe).await);
    in_three_languages(&mentor_browser, "mentoring-founders", founder_name).await;
    mentor_browser.click("#suggested-founders a.offer").await;
    mentor_browser.wait_for_path("/mentoring/offer").await;
    mentor_browser.wait_for_text("#offer-title", founder_name).await;
    mentor_browser.click("form button[type=submit]").await;
    mentor_browser.wait_for_text("#message-error", "Uzrakstiet").await;
    failures.extend(super::a11y::violations(&mentor_browser, &axe).await);
    in_three_languages(&mentor_browser, "mentoring-offer", founder_name).await;
    mentor_browser.fill("message", "Labdien! Varu palīdzēt ar izmaksām un biznesa plānu.").await;
    mentor_browser.click("form button[type=submit]").await;
    mentor_browser.wait_for_path("/mentorship").await;
    mentor_browser.wait_for_text("#mentorship-done", "nosūtīts").await;
    mentor_browser.wait_for_text("#mentorship-status", "Piedāvājums gaida").await;
    mentor_browser.screenshot("mentorship-offered-lv").await;
    mentor_browser.close().await;

    // The founder gets the e-mail, finds the offer on the mentoring page and takes it up.
    let link = mentorship_link(&app, &founder_email, 1).await;
    let founder_browser = Browser::open(&app).await;
    founder_browser.sign_in(&founder_email, PASSWORD).await;
    founder_browser.click("nav.nav a[href='/mentoring']").await;
    founder_browser.wait_for_path("/mentoring").await;
    founder_browser.wait_for_text("#offers li", mentor_name).await;
    founder_browser.wait_for_text("#offers li", "izmaksām").await;
    failures.extend(super::a11y::violations(&founder_browser, &axe).await);
    in_three_languages(&founder_browser, "mentoring-offers", mentor_name).await;
    founder_browser.click("#offers a.button").await;
    founder_browser.wait_for_path("/mentorship").await;
    founder_browser.wait_for_text("#request-message", "izmaksām").await;
    failures.extend(super::a11y::violations(&founder_browser, &axe).await);
    in_three_languages(&founder_browser, "mentorship-offer-answer", mentor_name).await;
    founder_browser.click("#accept").await;
    founder_browser.wait_for_text("#mentorship-status", "Gaida VPD").await;
    founder_browser.close().await;

    let id = link.split("id=").nth(1).unwrap().to_owned();
    let answer = app
        .graphql_as(&mentor_client, "query($id: ID!) { mentorship(id: $id) { status origin } }", json!({ "id": id }))
        .await;
    assert_eq!(answer["data"]["mentorship"]["status"], "PENDING_REVIEW", "{answer}");
    assert_eq!(answer["data"]["mentorship"]["origin"], "MENTOR", "{answer}");
    assert!(app.smtp.messages_to(&mentor_email).iter().any(|m| m.text.contains(&link)), "the mentor is told by e-mail");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ngo_representative_asks_a_mentor_for_their_organisation_on_a_phone() {
    let app = spawn_pwa_app().await;
    let (staff_api, _) = app.create_staff().await;
    let (representative, _) =
        crate::api::mentoring::organisation_of(&app, &staff_api, "Biedrība Otrā iespēja", "NGO", true).await;
    let (mentor_client, mentor_id) = crate::api::mentoring::ngo_mentor(&app, &staff_api, "Vada biedrības", true).await;
    let representative_email = email_of(&app, &representative).await;
    let mentor_email = email_of(&app, &mentor_client).await;
    let axe = super::a11y::axe_source();

    // From the mentor's profile, through the request form, to the request waiting.
    let browser = Browser::open(&app).await;
    browser.sign_in(&representative_email, PASSWORD).await;
    browser.click("nav.nav a[href='/mentoring']").await;
    browser.wait_for_path("/mentoring").await;
    browser.visit(&format!("/mentor?id={mentor_id}")).await;
    browser.click("#ask-mentor").await;
    browser.wait_for_path("/mentoring/request").await;
    browser.fill("message", "Meklējam mentoru biedrības sociālajam uzņēmumam.").await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_path("/mentorship").await;
    browser.wait_for_text("#mentorship-status", "Waiting for the mentor").await;
    let failures = super::a11y::violations(&browser, &axe).await;
    browser.screenshot("mentorship-ngo-requested-en").await;
    browser.close().await;

    let link = mentorship_link(&app, &mentor_email, 1).await;
    let mails = app.smtp.messages_to(&mentor_email);
    let mail = mails.iter().find(|m| m.text.contains(&link)).expect("the request's e-mail");
    assert!(mail.subject.contains("Biedrība Otrā iespēja"), "the mentor reads the NGO's name: {}", mail.subject);
    let mine = app.graphql_as(&representative, "{ myMentorships { nodes { status origin } } }", json!({})).await;
    assert_eq!(mine["data"]["myMentorships"]["nodes"][0]["origin"], "ORGANISATION", "{mine}");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vpd_staff_close_a_mentorship_a_side_said_is_not_working() {
    use crate::api::mentoring::{FIT, LOG, running};
    let app = spawn_pwa_app().await;
    let (_, founder_client, mentor_client, id) = running(&app).await;
    let today = app.state.now().date_naive().to_string();
    let session = json!({ "id": id, "i": { "heldOn": today, "minutes": 45, "topic": "Plāns" } });
    let logged = app.graphql_as(&mentor_client, LOG, session).await;
    assert!(logged["errors"].is_null(), "{logged}");
    let answered = app.graphql_as(&founder_client, FIT, json!({ "id": id, "w": false, "c": "Nesaprotamies." })).await;
    assert!(answered["errors"].is_null(), "{answered}");
    let (founder_email, mentor_email) = (email_of(&app, &founder_client).await, email_of(&app, &mentor_client).await);
    let staff_email = vpd_account(&app, Role::Staff).await;

    let browser = Browser::open(&app).await;
    super::staff::sign_in_from_staff_page(&app, &browser, &staff_email, "/staff/mentorships").await;
    browser.wait_for_text("#concerns", "Nesaprotamies.").await;
    browser.click("#concerns .close-mentorship").await;
    // A note is required, and said so at its field.
    browser.click("#concerns .confirm-close").await;
    browser.wait_for(&format!("#close-note-{id}[aria-invalid=true]")).await;
    let failures = super::a11y::violations(&browser, &super::a11y::axe_source()).await;
    browser.screenshot("mentorship-close-en").await;
    browser.fill(&format!("close-note-{id}"), "Sarunājām ar abiem pa tālruni.").await;
    browser.click("#concerns .confirm-close").await;
    browser.wait_for("#closed-status:not([hidden])").await;
    assert!(browser.client.find(Locator::Css("#concerns")).await.is_err(), "nothing else waits");
    browser.close().await;
    assert!(failures.is_empty(), "{failures:#?}");

    // Both sides are told, without the note.
    let shown = app
        .graphql_as(&founder_client, "query($id: ID!) { mentorship(id: $id) { status } }", json!({ "id": id }))
        .await;
    assert_eq!(shown["data"]["mentorship"]["status"], "CLOSED", "{shown}");
    for to in [&founder_email, &mentor_email] {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let mails = app.smtp.messages_to(to);
            if let Some(mail) =
                mails.iter().find(|m| m.text.contains("VPD") && m.subject.to_lowercase().contains("closed"))
            {
                assert!(!mail.text.contains("tālruni"), "the note stays with staff: {}", mail.text);
                break;
            }
            assert!(std::time::Instant::now() < deadline, "no e-mail about the closing to {to}");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
}
