//! Opportunities on a phone, from the posting to the hire: an organisation posts a transitional
//! job in a form that shows that type's fields, VPD staff publish it, a founder finds it by
//! filter and applies sharing only a phone number, the organisation shortlists (and then sees
//! the number) and hires; both sides get the e-mails and the hire is an outcome. And the public
//! buy-social page, which reads without the app, with the checks VPD staff record.

use fantoccini::Locator;
use serde_json::json;
use tilts::domain::{Role, UserId};

use super::{
    Browser,
    mentoring::name_in_latvian,
    spawn_pwa_app,
    staff::{sign_in_from_staff_page, vpd_account},
};
use crate::api::directory::founder;
use crate::api::mentoring::organisation_of;
use crate::app::{PASSWORD, TestApp};

async fn email_of(app: &TestApp, client: &reqwest::Client) -> String {
    app.viewer(client).await["email"].as_str().unwrap().to_owned()
}

/// Waits (up to 10 s) for an e-mail to `to` whose subject holds `words`.
async fn mail_about(app: &TestApp, to: &str, words: &str) -> crate::smtp::ReceivedMail {
    crate::api::opportunities::wait_for_mail(app, to, words).await
}

/// Sets the input `id` as a person's typing would (date inputs take their value this way in
/// every language of the browser).
async fn set(browser: &Browser, id: &str, value: &str) {
    browser.wait_for(&format!("#{id}")).await;
    let script = "const e = document.getElementById(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('input', { bubbles: true }));";
    browser.client.execute(script, vec![json!(id), json!(value)]).await.expect("set the value");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organisation_posts_a_first_job_a_founder_applies_and_is_hired_on_a_phone() {
    let app = spawn_pwa_app().await;
    let (staff_api, _) = app.create_staff().await;
    let (representative, organisation) =
        organisation_of(&app, &staff_api, "Darbnīca Rēzeknē", "SOCIAL_ENTERPRISE", true).await;
    let representative_email = email_of(&app, &representative).await;
    name_in_latvian(&app, &representative_email, "Ilze Kalniņa").await;
    let (founder_client, founder_id) = founder(&app, "Galdnieks ar pieredzi", false).await;
    let founder_email = email_of(&app, &founder_client).await;
    let founder_name = "Jānis Ozols";
    name_in_latvian(&app, &founder_email, founder_name).await;
    let staff_email = vpd_account(&app, Role::Staff).await;
    let axe = super::a11y::axe_source();
    let mut failures = Vec::new();
    let title = "Galdnieka palīgs (pārejas darbs)";

    // The organisation writes the posting; the form shows the chosen type's fields only.
    let org_browser = Browser::open(&app).await;
    org_browser.sign_in(&representative_email, PASSWORD).await;
    org_browser.visit("/organisation").await;
    org_browser.click("#post-opportunity").await;
    org_browser.wait_for_path("/opportunity/edit").await;
    org_browser.wait_for("#payMin").await;
    org_browser.wait_for("#kind").await.select_by_value("PREMISES").await.unwrap();
    org_browser.wait_for("#areaM2").await;
    assert!(org_browser.client.find(Locator::Css("#payMin")).await.is_err(), "no pay for premises");
    org_browser.wait_for("#kind").await.select_by_value("FIRST_JOB").await.unwrap();
    org_browser.wait_for("#wageSubsidy").await;
    assert!(org_browser.client.find(Locator::Css("#areaM2")).await.is_err(), "no area for a job");
    // Nothing filled in: refused in the page, at the fields.
    org_browser.click("form button[type=submit]").await;
    org_browser.wait_for_text("#title-error", "aizpildiet").await;
    org_browser.fill("title", title).await;
    org_browser.fill("description", "Palīdzība galdniecībā: mēbeļu remonts un krāsošana. Apmācām uz vietas.").await;
    org_browser.wait_for("#region").await.select_by_value("latgale").await.unwrap();
    let deadline = (app.state.now().date_naive() + chrono::Duration::days(20)).to_string();
    set(&org_browser, "deadline", &deadline).await;
    org_browser.fill("places", "2").await;
    org_browser.fill("hoursPerWeek", "30").await;
    org_browser.fill("payMin", "800").await;
    org_browser.fill("payMax", "950").await;
    org_browser.click("#wageSubsidy").await;
    org_browser.click("#languages-ru").await;
    org_browser.click("#sectors-crafts_manufacturing").await;
    org_browser.fill("contactPerson", "Ilze Kalniņa").await;
    // No address for work on site: refused at that field, in Latvian.
    org_browser.click("form button[type=submit]").await;
    org_browser.wait_for_text("#address-error", "Aizpildiet").await;
    org_browser.fill("address", "Atbrīvošanas aleja 1, Rēzekne").await;
    failures.extend(super::a11y::violations(&org_browser, &axe).await);
    org_browser.screenshot("opportunity-form-lv").await;
    org_browser.click("form button[type=submit]").await;
    org_browser.wait_for_path("/opportunity").await;
    org_browser.wait_for_text("#opportunity-title", title).await;
    org_browser.wait_for_text("#opportunity-status", "Melnraksts").await;
    org_browser.click("#submit-opportunity").await;
    org_browser.wait_for_text("#opportunity-status", "Pie VPD").await;
    let url = org_browser.client.current_url().await.unwrap();
    let id = url.query_pairs().find(|(k, _)| k == "id").map(|(_, v)| v.into_owned()).expect("the posting's id");
    org_browser.close().await;

    // VPD staff publish it from the queue.
    let staff_browser = Browser::open(&app).await;
    super::staff::sign_in_from_staff_page(&app, &staff_browser, &staff_email, "/staff/opportunities").await;
    staff_browser.wait_for_text("ul.queue li", title).await;
    failures.extend(super::a11y::violations(&staff_browser, &axe).await);
    staff_browser.screenshot("opportunity-queue-en").await;
    staff_browser.click("ul.queue li .approve").await;
    staff_browser.wait_for_text("#review-done", title).await;
    staff_browser.close().await;
    mail_about(&app, &representative_email, "publicēta").await;

    // The founder finds it by filter and applies, sharing only a phone number.
    let founder_browser = Browser::open(&app).await;
    founder_browser.sign_in(&founder_email, PASSWORD).await;
    founder_browser.click("nav.nav a[href='/opportunities']").await;
    founder_browser.wait_for_path("/opportunities").await;
    founder_browser.wait_for("#kind option[value='FIRST_JOB']").await;
    founder_browser.wait_for("#kind").await.select_by_value("FIRST_JOB").await.unwrap();
    founder_browser.wait_for("#region option[value='latgale']").await;
    founder_browser.wait_for("#region").await.select_by_value("latgale").await.unwrap();
    founder_browser.click("#search").await;
    founder_browser.wait_for_text("#opportunities li", title).await;
    failures.extend(super::a11y::violations(&founder_browser, &axe).await);
    founder_browser.screenshot("opportunities-lv").await;
    founder_browser.click("#opportunities li h2 a").await;
    founder_browser.wait_for_path("/opportunity").await;
    founder_browser.wait_for_text("#opportunity-title", title).await;
    founder_browser.wait_for_text("dl.facts", "800–950 €").await;
    founder_browser.fill("message", "Esmu strādājis ar koku piecus gadus.").await;
    founder_browser.click("#share-phone").await;
    failures.extend(super::a11y::violations(&founder_browser, &axe).await);
    founder_browser.screenshot("opportunity-apply-lv").await;
    founder_browser.click("#apply-title ~ form button[type=submit]").await;
    founder_browser.wait_for("#applied").await;
    // One browser at a time here: the other browser tests hold one while waiting for another.
    founder_browser.close().await;
    let told = mail_about(&app, &representative_email, "pieteicās").await;
    assert!(told.text.contains(founder_name), "{}", told.text);

    // The organisation reads the application: no contact details before the shortlist.
    let org_browser = Browser::open(&app).await;
    org_browser.sign_in(&representative_email, PASSWORD).await;
    org_browser.visit(&format!("/opportunity/applicants?id={id}")).await;
    org_browser.wait_for_text("#applicants li", founder_name).await;
    org_browser.wait_for_text("#applicants li", "piecus gadus").await;
    assert!(!org_browser.text("#applicants").await.contains("2888"), "no phone before the shortlist");
    org_browser.click("#applicants li .shortlist").await;
    org_browser.wait_for_text("#applicants li dl.contact", "2888 8888").await;
    let listed = org_browser.text("#applicants").await;
    assert!(!listed.contains(&founder_email), "only the phone was shared");
    failures.extend(super::a11y::violations(&org_browser, &axe).await);
    org_browser.screenshot("applicants-lv").await;
    org_browser.click("#applicants li .hire").await;
    org_browser.wait_for_text("#applicants li .status", "Pieņemts").await;
    org_browser.close().await;

    // The founder got both e-mails and sees the hire.
    mail_about(&app, &founder_email, "izvēlēto sarakstā").await;
    let hired = mail_about(&app, &founder_email, "izvēlējās jūs").await;
    assert!(hired.text.contains("Darbnīca Rēzeknē"), "{}", hired.text);
    let founder_browser = Browser::open(&app).await;
    founder_browser.sign_in(&founder_email, PASSWORD).await;
    founder_browser.visit("/applications").await;
    founder_browser.wait_for_text("#applications li .status", "Pieņemts").await;
    failures.extend(super::a11y::violations(&founder_browser, &axe).await);
    founder_browser.screenshot("applications-lv").await;
    founder_browser.close().await;

    // The hire is an outcome for the impact figures.
    let founder_id = UserId(uuid::Uuid::parse_str(&founder_id).unwrap());
    let outcomes = tilts::db::repos::applications::outcomes_of(&app.state.db, founder_id).await.unwrap();
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].0.map(|o| o.to_string()), Some(organisation));
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_buy_social_page_reads_without_the_app_and_is_indexable() {
    let app = spawn_pwa_app().await;
    let (staff, _) = app.create_staff().await;
    let (_, organisation) = organisation_of(&app, &staff, "Darbnīca Ābele", "SOCIAL_ENTERPRISE", true).await;
    let attest = "mutation($o: ID!) { attestOrganisation(organisationId: $o, employedCount: 3) { statement } }";
    let attested = app.graphql_as(&staff, attest, json!({ "o": organisation })).await;
    assert!(attested["errors"].is_null(), "{attested}");

    let page = app.client.get(format!("{}/buy-social", app.address)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Darbnīca Ābele"), "the list is in the first paint");
    assert!(html.contains("mazāk nekā 5"), "with the attestation, under 5 not shown");
    assert!(html.contains("/exports/buy-social.csv?lang=lv"), "and the file for spreadsheets");
    assert!(!html.contains("noindex"), "search engines may index it");

    // With the app, the same page in a phone browser.
    let browser = Browser::open(&app).await;
    browser.visit("/buy-social").await;
    browser.wait_for_text("#buy-social li", "Darbnīca Ābele").await;
    // The list follows the reader's language, attestations too.
    for (code, words) in [("en", "fewer than 5"), ("ru", "менее 5"), ("lv", "mazāk nekā 5")] {
        browser.choose_language(code).await;
        browser.wait_for_text("#buy-social li .attestation", words).await;
    }
    let failures = super::a11y::violations(&browser, &super::a11y::axe_source()).await;
    browser.screenshot("buy-social-lv").await;
    browser.close().await;
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vpd_staff_record_a_buy_social_check_that_the_public_directory_shows() {
    let app = spawn_pwa_app().await;
    let (staff_api, _) = app.create_staff().await;
    let (_, organisation) = organisation_of(&app, &staff_api, "Darbnīca Ābele", "SOCIAL_ENTERPRISE", true).await;
    let staff_email = vpd_account(&app, Role::Staff).await;

    let browser = Browser::open(&app).await;
    sign_in_from_staff_page(&app, &browser, &staff_email, "/staff/buy-social").await;
    browser.wait_for_text("ul.queue li h2", "Darbnīca Ābele").await;
    browser.choose_language("en").await;
    browser.wait_for_text("ul.queue li .attestation", "Not checked by VPD yet").await;
    browser.click("ul.queue li .attest").await;
    browser.wait_for("#employedCount").await;
    // Nothing typed, then a negative count: refused at the field, nothing recorded.
    browser.click("ul.queue li form button[type=submit]").await;
    browser.wait_for_text("#employedCount-error", "Please fill this in").await;
    browser.fill("employedCount", "-3").await;
    browser.click("ul.queue li form button[type=submit]").await;
    browser.wait_for_text("#employedCount-error", "from 0 to 100000").await;
    let ids = [uuid::Uuid::parse_str(&organisation).unwrap()];
    let none = tilts::db::repos::organisations::attestations(&app.state.db, &ids).await.unwrap();
    assert!(none.is_empty(), "a refused count is not recorded");
    browser.fill("employedCount", "12").await;
    browser.click("ul.queue li form button[type=submit]").await;
    browser.wait_for_text("ul.queue li .attestation", "employs 12 people from the target group").await;
    browser.wait_for_text("ul.queue li [role=status]", "Darbnīca Ābele").await;
    let failures = super::a11y::violations(&browser, &super::a11y::axe_source()).await;
    browser.screenshot("buy-social-check-en").await;
    browser.close().await;
    assert!(failures.is_empty(), "{failures:#?}");

    // The public directory shows the count, with nobody signed in.
    let query = "{ buySocialDirectory(first: 5) { nodes { name attestation { employedCount } } } }";
    let listed = app.graphql_in("lv", query, json!({})).await;
    assert_eq!(listed["data"]["buySocialDirectory"]["nodes"][0]["attestation"]["employedCount"], 12, "{listed}");
}
