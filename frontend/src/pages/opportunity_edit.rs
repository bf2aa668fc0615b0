//! `/opportunity/edit?organisation=…` (a new posting) or `?id=…` (a draft or rejected one): the
//! posting's form, which shows exactly the fields of the chosen type: hours and pay for jobs, a
//! wage subsidy for transitional jobs, weeks for apprenticeships, area and terms for premises,
//! items for equipment, places and dates for housing. Saved as a draft; its page sends it to VPD.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{
    self,
    opportunities::{
        CreateOpportunity, OpportunityKind, OpportunityTerms, OpportunityToEdit, UpdateOpportunity,
        create_opportunity as create, opportunity_terms as terms, opportunity_to_edit as existing,
        update_opportunity as update,
    },
};
use crate::components::{Checkboxes, Field, FormFooter, FormState, PageHeader, Select, TextArea, Toggle};
use crate::contexts::{
    locale::{I18n, use_i18n},
    session::use_session,
};
use crate::i18n::{Key, keys};

/// The most characters of a description (the server's limit).
const MAX_DESCRIPTION: u32 = 10_000;

/// The form's fields, named as the API names them (so the server's field errors land here).
const FIELDS: &[(&str, Key)] = &[
    ("kind", keys::POSTING_KIND),
    ("title", keys::POSTING_TITLE),
    ("description", keys::POSTING_DESCRIPTION),
    ("region", keys::OPPORTUNITIES_REGION),
    ("address", keys::OPPORTUNITY_ADDRESS),
    ("startsOn", keys::OPPORTUNITY_STARTS),
    ("deadline", keys::OPPORTUNITY_DEADLINE),
    ("places", keys::OPPORTUNITY_PLACES),
    ("languages", keys::OPPORTUNITY_LANGUAGES),
    ("sectors", keys::OPPORTUNITY_SECTORS),
    ("contactPerson", keys::OPPORTUNITY_CONTACT_PERSON),
    ("hoursPerWeek", keys::OPPORTUNITY_HOURS),
    ("payMin", keys::POSTING_PAY_MIN),
    ("payMax", keys::POSTING_PAY_MAX),
    ("wageSubsidy", keys::OPPORTUNITY_WAGE_SUBSIDY),
    ("durationWeeks", keys::OPPORTUNITY_DURATION),
    ("areaM2", keys::OPPORTUNITY_AREA),
    ("terms", keys::OPPORTUNITY_TERMS),
    ("items", keys::OPPORTUNITY_ITEMS),
    ("capacity", keys::OPPORTUNITY_CAPACITY),
    ("availableFrom", keys::POSTING_AVAILABLE_FROM),
    ("availableUntil", keys::POSTING_AVAILABLE_UNTIL),
];

/// Which of a type's own fields the form shows.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Shows {
    hours: bool,
    pay: bool,
    subsidy: bool,
    weeks: bool,
    premises: bool,
    items: bool,
    housing: bool,
}

fn shows(kind: OpportunityKind) -> Shows {
    use OpportunityKind as K;
    Shows {
        hours: matches!(kind, K::FirstJob | K::Job | K::Apprenticeship | K::Volunteering),
        pay: matches!(kind, K::FirstJob | K::Job),
        subsidy: kind == K::FirstJob,
        weeks: kind == K::Apprenticeship,
        premises: kind == K::Premises,
        items: kind == K::Equipment,
        housing: kind == K::HalfwayHouse,
    }
}

/// Every value of the form.
#[derive(Clone, Copy)]
struct Values {
    kind: RwSignal<String>,
    title: RwSignal<String>,
    description: RwSignal<String>,
    region: RwSignal<String>,
    remote: RwSignal<bool>,
    address: RwSignal<String>,
    starts_on: RwSignal<String>,
    deadline: RwSignal<String>,
    places: RwSignal<String>,
    languages: RwSignal<Vec<String>>,
    sectors: RwSignal<Vec<String>>,
    contact_person: RwSignal<String>,
    hours: RwSignal<String>,
    pay_min: RwSignal<String>,
    pay_max: RwSignal<String>,
    subsidy: RwSignal<bool>,
    weeks: RwSignal<String>,
    area: RwSignal<String>,
    terms: RwSignal<String>,
    items: RwSignal<String>,
    capacity: RwSignal<String>,
    available_from: RwSignal<String>,
    available_until: RwSignal<String>,
}

impl Values {
    fn new() -> Values {
        let s = || RwSignal::new(String::new());
        Values {
            kind: RwSignal::new(OpportunityKind::FirstJob.code().to_owned()),
            title: s(),
            description: s(),
            region: s(),
            remote: RwSignal::new(false),
            address: s(),
            starts_on: s(),
            deadline: s(),
            places: RwSignal::new("1".to_owned()),
            languages: RwSignal::new(vec!["lv".to_owned()]),
            sectors: RwSignal::new(Vec::new()),
            contact_person: s(),
            hours: s(),
            pay_min: s(),
            pay_max: s(),
            subsidy: RwSignal::new(false),
            weeks: s(),
            area: s(),
            terms: s(),
            items: s(),
            capacity: s(),
            available_from: s(),
            available_until: s(),
        }
    }

    /// Fills the form from a stored posting.
    fn fill(self, o: existing::OpportunityToEditOpportunity) {
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        self.kind.set(o.kind.code().to_owned());
        self.title.set(o.title);
        self.description.set(o.description);
        self.region.set(o.region.map(|r| r.code).unwrap_or_default());
        self.remote.set(o.remote);
        self.address.set(o.address);
        self.starts_on.set(o.starts_on.unwrap_or_default());
        self.deadline.set(o.deadline);
        self.places.set(o.places.to_string());
        self.languages.set(o.languages.into_iter().map(|t| t.code).collect());
        self.sectors.set(o.sectors.into_iter().map(|t| t.code).collect());
        self.contact_person.set(o.contact_person);
        self.hours.set(number(o.hours_per_week));
        self.pay_min.set(number(o.pay_min));
        self.pay_max.set(number(o.pay_max));
        self.subsidy.set(o.wage_subsidy.unwrap_or(false));
        self.weeks.set(number(o.duration_weeks));
        self.area.set(number(o.area_m2));
        self.terms.set(o.terms.unwrap_or_default());
        self.items.set(o.items.unwrap_or_default().join("\n"));
        self.capacity.set(number(o.capacity));
        self.available_from.set(o.available_from.unwrap_or_default());
        self.available_until.set(o.available_until.unwrap_or_default());
    }
}

/// The page.
#[component]
pub fn OpportunityEdit() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let id = move || query.with(|q| q.get("id"));
    let organisation = move || query.with(|q| q.get("organisation"));
    Effect::new(move |_| {
        if session.checked.get() && session.viewer.with(Option::is_none) {
            let next: String = js_sys::encode_uri_component("/organisation").into();
            let _ = web_sys::window().map(|w| w.location().set_href(&format!("/sign-in?next={next}")));
        }
    });
    let values = Values::new();
    let (regions, sectors, languages) = (
        RwSignal::new(Vec::<(String, String)>::new()),
        RwSignal::new(Vec::<(String, String)>::new()),
        RwSignal::new(Vec::<(String, String)>::new()),
    );
    let ready = RwSignal::new(false);
    let missing = RwSignal::new(None::<String>);
    let organisation_name = RwSignal::new(String::new());
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        if session.viewer.with(Option::is_none) {
            return;
        }
        let editing = id();
        leptos::task::spawn_local(async move {
            if let Ok(data) = api::call::<OpportunityTerms>(terms::Variables {}, locale).await {
                regions.set(data.taxonomies.regions.into_iter().map(|t| (t.code, t.label)).collect());
                sectors.set(data.taxonomies.sectors.into_iter().map(|t| (t.code, t.label)).collect());
                languages.set(data.taxonomies.languages.into_iter().map(|t| (t.code, t.label)).collect());
            }
            if ready.get_untracked() {
                return;
            }
            match editing {
                Some(id) => match api::call::<OpportunityToEdit>(existing::Variables { id }, locale).await {
                    Ok(data) => {
                        organisation_name.set(data.opportunity.organisation.name.clone());
                        values.fill(data.opportunity);
                        ready.set(true);
                    }
                    Err(e) => missing.set(Some(e.text(locale))),
                },
                None => ready.set(true),
            }
        });
    });
    view! {
        <PageHeader title=keys::OPPORTUNITY_EDIT_TITLE intro=keys::OPPORTUNITY_EDIT_INTRO />
        <p><a href="/organisation">{i18n.tr(keys::POSTING_BACK)}</a></p>
        <p class="error" role="alert" hidden=move || missing.with(Option::is_none)>{move || missing.get().unwrap_or_default()}</p>
        <Show when=move || ready.get()>
            <PostingForm
                values=values
                id=id()
                organisation=organisation()
                regions=regions
                sectors=sectors
                languages=languages
                i18n=i18n
            />
        </Show>
    }
}

/// A whole number from a field, `None` when empty; `Err` when it is not one.
fn number(value: RwSignal<String>) -> Result<Option<i64>, ()> {
    let text = value.get_untracked();
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>().map(Some).map_err(|_| ())
}

/// A date from a field, `None` when empty.
fn date(value: RwSignal<String>) -> Option<String> {
    Some(value.get_untracked()).filter(|d| !d.trim().is_empty())
}

/// The form itself.
#[component]
fn PostingForm(
    values: Values,
    id: Option<String>,
    organisation: Option<String>,
    regions: RwSignal<Vec<(String, String)>>,
    sectors: RwSignal<Vec<(String, String)>>,
    languages: RwSignal<Vec<(String, String)>>,
    i18n: I18n,
) -> impl IntoView {
    let form = FormState::new(FIELDS);
    let v = values;
    let kind = Memo::new(move |_| OpportunityKind::from_code(&v.kind.get()).unwrap_or_default());
    let show = Memo::new(move |_| shows(kind.get()));
    let label = move |key: Key| Signal::derive(move || i18n.t(key).to_owned());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        let s = show.get_untracked();
        for (field, value) in [("title", v.title), ("description", v.description), ("contactPerson", v.contact_person)]
        {
            if value.with_untracked(|t| t.trim().is_empty()) {
                form.invalid(field, i18n, keys::ERROR_REQUIRED);
            }
        }
        if v.region.with_untracked(String::is_empty) {
            form.invalid("region", i18n, keys::ERROR_REQUIRED);
        }
        if v.deadline.with_untracked(String::is_empty) {
            form.invalid("deadline", i18n, keys::ERROR_REQUIRED);
        }
        let whole = |field: &'static str, value: RwSignal<String>, shown: bool| {
            if !shown {
                return None;
            }
            match number(value) {
                Ok(n) => n,
                Err(()) => {
                    form.invalid(field, i18n, keys::POSTING_WHOLE_NUMBER);
                    None
                }
            }
        };
        let places = whole("places", v.places, true);
        let hours = whole("hoursPerWeek", v.hours, s.hours);
        let pay_min = whole("payMin", v.pay_min, s.pay);
        let pay_max = whole("payMax", v.pay_max, s.pay);
        let weeks = whole("durationWeeks", v.weeks, s.weeks);
        let area = whole("areaM2", v.area, s.premises);
        let capacity = whole("capacity", v.capacity, s.housing);
        if places.is_none() && !form.has_errors() {
            form.invalid("places", i18n, keys::ERROR_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let items: Vec<String> =
            v.items.get_untracked().lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
        let (kind, title, description, region) =
            (kind.get_untracked(), v.title.get_untracked(), v.description.get_untracked(), v.region.get_untracked());
        let (remote, address, starts_on, deadline) =
            (v.remote.get_untracked(), v.address.get_untracked(), date(v.starts_on), v.deadline.get_untracked());
        let (langs, secs, contact) =
            (v.languages.get_untracked(), v.sectors.get_untracked(), v.contact_person.get_untracked());
        let subsidy = s.subsidy.then(|| v.subsidy.get_untracked());
        let terms = s.premises.then(|| v.terms.get_untracked());
        let items = s.items.then_some(items);
        let (from, until) = if s.housing { (date(v.available_from), date(v.available_until)) } else { (None, None) };
        // One input, in the type of each operation's module.
        macro_rules! input {
            ($m:ident) => {
                $m::OpportunityInput {
                    kind,
                    title,
                    description,
                    region,
                    remote,
                    address,
                    starts_on,
                    deadline,
                    places: places.unwrap_or_default(),
                    languages: langs,
                    sectors: secs,
                    contact_person: contact,
                    hours_per_week: hours,
                    pay_min,
                    pay_max,
                    wage_subsidy: subsidy,
                    duration_weeks: weeks,
                    area_m2: area,
                    terms,
                    items,
                    capacity,
                    available_from: from,
                    available_until: until,
                }
            };
        }
        let go = |id: String| {
            let _ = web_sys::window().map(|w| w.location().set_href(&format!("/opportunity?id={id}&saved=1")));
        };
        match (&id, &organisation) {
            (Some(id), _) => {
                let variables = update::Variables { id: id.clone(), input: input!(update) };
                form.send::<UpdateOpportunity>(variables, i18n, move |data| go(data.update_opportunity.id));
            }
            (None, Some(organisation)) => {
                let variables = create::Variables { organisation_id: organisation.clone(), input: input!(create) };
                form.send::<CreateOpportunity>(variables, i18n, move |data| go(data.create_opportunity.id));
            }
            (None, None) => form.general.set(Some(i18n.t(keys::POSTING_NO_ORGANISATION).to_owned())),
        }
    };
    let kinds = Signal::derive(move || {
        OpportunityKind::ALL.iter().map(|k| (k.code().to_owned(), i18n.t(k.label()).to_owned())).collect::<Vec<_>>()
    });
    let none = Signal::derive(String::new);
    view! {
        <form on:submit=submit novalidate=true>
            <Select name="kind" label=label(keys::POSTING_KIND) placeholder=none options=kinds value=v.kind error=form.error_of("kind") />
            <Field name="title" label=label(keys::POSTING_TITLE) value=v.title error=form.error_of("title") maxlength=200 />
            <TextArea name="description" label=label(keys::POSTING_DESCRIPTION) hint=label(keys::POSTING_DESCRIPTION_HINT) value=v.description error=form.error_of("description") maxlength=MAX_DESCRIPTION />
            <Select name="region" label=label(keys::OPPORTUNITIES_REGION) placeholder=label(keys::POSTING_CHOOSE) options=Signal::derive(move || regions.get()) value=v.region error=form.error_of("region") />
            <Toggle name="remote" label=label(keys::POSTING_REMOTE) value=v.remote />
            <Field name="address" label=label(keys::OPPORTUNITY_ADDRESS) value=v.address error=form.error_of("address") required=false maxlength=300 />
            <Field name="startsOn" kind="date" label=label(keys::OPPORTUNITY_STARTS) value=v.starts_on error=form.error_of("startsOn") required=false />
            <Field name="deadline" kind="date" label=label(keys::OPPORTUNITY_DEADLINE) hint=label(keys::POSTING_DEADLINE_HINT) value=v.deadline error=form.error_of("deadline") />
            <Field name="places" kind="number" label=label(keys::OPPORTUNITY_PLACES) value=v.places error=form.error_of("places") />
            <Show when=move || show.get().hours>
                <Field name="hoursPerWeek" kind="number" label=label(keys::OPPORTUNITY_HOURS) value=v.hours error=form.error_of("hoursPerWeek") required=false />
            </Show>
            <Show when=move || show.get().pay>
                <Field name="payMin" kind="number" label=label(keys::POSTING_PAY_MIN) hint=label(keys::POSTING_PAY_HINT) value=v.pay_min error=form.error_of("payMin") required=false />
                <Field name="payMax" kind="number" label=label(keys::POSTING_PAY_MAX) value=v.pay_max error=form.error_of("payMax") required=false />
            </Show>
            <Show when=move || show.get().subsidy>
                <Toggle name="wageSubsidy" label=label(keys::OPPORTUNITY_WAGE_SUBSIDY) hint=label(keys::POSTING_SUBSIDY_HINT) value=v.subsidy />
            </Show>
            <Show when=move || show.get().weeks>
                <Field name="durationWeeks" kind="number" label=label(keys::OPPORTUNITY_DURATION) value=v.weeks error=form.error_of("durationWeeks") />
            </Show>
            <Show when=move || show.get().premises>
                <Field name="areaM2" kind="number" label=label(keys::OPPORTUNITY_AREA) value=v.area error=form.error_of("areaM2") />
                <TextArea name="terms" label=label(keys::OPPORTUNITY_TERMS) value=v.terms error=form.error_of("terms") maxlength=2000 />
            </Show>
            <Show when=move || show.get().items>
                <TextArea name="items" label=label(keys::OPPORTUNITY_ITEMS) hint=label(keys::POSTING_ITEMS_HINT) value=v.items error=form.error_of("items") maxlength=4000 />
            </Show>
            <Show when=move || show.get().housing>
                <Field name="capacity" kind="number" label=label(keys::OPPORTUNITY_CAPACITY) value=v.capacity error=form.error_of("capacity") />
                <Field name="availableFrom" kind="date" label=label(keys::POSTING_AVAILABLE_FROM) value=v.available_from error=form.error_of("availableFrom") />
                <Field name="availableUntil" kind="date" label=label(keys::POSTING_AVAILABLE_UNTIL) value=v.available_until error=form.error_of("availableUntil") required=false />
            </Show>
            <Checkboxes name="languages" legend=label(keys::OPPORTUNITY_LANGUAGES) options=Signal::derive(move || languages.get()) chosen=v.languages error=form.error_of("languages") />
            <Checkboxes name="sectors" legend=label(keys::OPPORTUNITY_SECTORS) options=Signal::derive(move || sectors.get()) chosen=v.sectors error=form.error_of("sectors") />
            <Field name="contactPerson" label=label(keys::OPPORTUNITY_CONTACT_PERSON) value=v.contact_person error=form.error_of("contactPerson") maxlength=200 />
            <p class="note">{i18n.tr(keys::POSTING_PRIVACY)}</p>
            <FormFooter form=form submit=keys::POSTING_SAVE />
        </form>
    }
}
