//! Opportunities: what organisations post, staff's review, who sees which, and applications.

use chrono::{Duration, Utc};
use tilts::db::repos::opportunities as repo;
use tilts::domain::{
    UserId,
    opportunity::{Details, OpportunityInput, OpportunityKind, OpportunityStatus as S},
};

use crate::api::mentoring::organisation_of;

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
