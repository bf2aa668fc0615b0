//! `/staff/record?id=…`: a founder's VPD record — the target-group record and supervision
//! constraints. It opens only after the member of staff says why (the server audits every
//! opening and tells the founder that VPD staff looked); then both can be edited.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::operations::{
    People, SectorTerms, SetSupervisionConstraints, SetTargetGroupRecord, TargetGroupRecord, people, sector_terms,
    set_supervision_constraints as set_constraints, set_target_group_record as set_record, target_group_record as read,
};
use crate::api;
use crate::components::{
    Checkboxes, Field, FormFooter, FormState, PageHeader, Radios, Select, TextArea, form_state::focus_later,
};
use crate::contexts::{
    locale::{I18n, use_i18n},
    session::Role,
};
use crate::i18n::{Key, keys, staff_keys};

/// A translated label as a signal.
fn text(i18n: I18n, key: Key) -> Signal<String> {
    Signal::derive(move || i18n.t(key).to_owned())
}
/// Why a founder belongs to the target group.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Category {
    Probation,
    Former,
    AtRisk,
}

impl Category {
    fn from_read(c: &read::TargetGroupCategory) -> Category {
        match c {
            read::TargetGroupCategory::FORMER_PRISONER => Category::Former,
            read::TargetGroupCategory::AT_RISK => Category::AtRisk,
            _ => Category::Probation,
        }
    }

    fn to_input(self) -> set_record::TargetGroupCategory {
        match self {
            Category::Probation => set_record::TargetGroupCategory::PROBATION_CLIENT,
            Category::Former => set_record::TargetGroupCategory::FORMER_PRISONER,
            Category::AtRisk => set_record::TargetGroupCategory::AT_RISK,
        }
    }
}

/// A person named in the record: id and name.
type Named = (String, String);

/// The record as it was opened.
#[derive(Clone)]
struct Opened {
    founder: Named,
    exists: bool,
    category: Category,
    unit_name: String,
    officer: Option<Named>,
    ends_on: String,
    notes: String,
    no_contact: Vec<Named>,
    excluded: Vec<String>,
}

impl From<read::TargetGroupRecordTargetGroupRecord> for Opened {
    fn from(r: read::TargetGroupRecordTargetGroupRecord) -> Self {
        Opened {
            founder: (r.founder.id, r.founder.display_name),
            exists: r.exists,
            category: r.category.as_ref().map(Category::from_read).unwrap_or(Category::Probation),
            unit_name: r.unit_name.unwrap_or_default(),
            officer: r.officer.map(|o| (o.id, o.display_name)),
            ends_on: r.supervision_ends_on.unwrap_or_default(),
            notes: r.notes.unwrap_or_default(),
            no_contact: r.constraints.no_contact.into_iter().map(|p| (p.id, p.display_name)).collect(),
            excluded: r.constraints.excluded_sectors,
        }
    }
}

/// The record page.
#[component]
pub fn RecordPage() -> impl IntoView {
    let i18n = use_i18n();
    let founder_id = use_query_map().with_untracked(|q| q.get("id")).unwrap_or_default();
    let opened = RwSignal::new(None::<Opened>);
    view! {
        <p><a href="/staff/people">{i18n.tr(staff_keys::PEOPLE_TITLE)}</a></p>
        <PageHeader title=staff_keys::RECORD_TITLE intro=staff_keys::RECORD_INTRO />
        {move || match opened.get() {
            None => view! { <ReasonForm founder_id=founder_id.clone() opened=opened i18n=i18n /> }.into_any(),
            Some(record) => view! {
                <h2 id="record-founder" tabindex="-1">{i18n.fill(staff_keys::RECORD_FOUNDER, &[("name", &record.founder.1)])}</h2>
                <RecordForm record=record.clone() i18n=i18n />
                <ConstraintsForm record=record i18n=i18n />
            }
            .into_any(),
        }}
    }
}

/// "Why do you open the record?"
#[component]
fn ReasonForm(founder_id: String, opened: RwSignal<Option<Opened>>, i18n: I18n) -> impl IntoView {
    let form = FormState::new(&[("reason", staff_keys::RECORD_REASON)]);
    let reason = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if reason.with_untracked(|r| r.trim().is_empty()) {
            form.invalid("reason", i18n, keys::ERROR_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let variables = read::Variables { founder_id: founder_id.clone(), reason: reason.get_untracked() };
        form.send::<TargetGroupRecord>(variables, i18n, move |data| {
            opened.set(Some(data.target_group_record.into()));
            focus_later("record-founder");
        });
    };
    view! {
        <form id="reason-form" class="card" on:submit=submit novalidate=true>
            <TextArea
                name="reason"
                label=text(i18n, staff_keys::RECORD_REASON)
                hint=text(i18n, staff_keys::RECORD_REASON_HINT)
                value=reason
                error=form.error_of("reason")
                maxlength=1000
            />
            <FormFooter form=form submit=staff_keys::RECORD_OPEN />
        </form>
    }
}

/// The target-group record.
#[component]
fn RecordForm(record: Opened, i18n: I18n) -> impl IntoView {
    let form = FormState::new(&[
        ("unitName", staff_keys::RECORD_UNIT),
        ("officerId", staff_keys::RECORD_OFFICER),
        ("notes", staff_keys::RECORD_NOTES),
    ]);
    let founder_id = record.founder.0.clone();
    let category = RwSignal::new(record.category);
    let unit = RwSignal::new(record.unit_name.clone());
    let officer = RwSignal::new(record.officer.as_ref().map(|o| o.0.clone()).unwrap_or_default());
    let ends_on = RwSignal::new(record.ends_on.clone());
    let notes = RwSignal::new(record.notes.clone());
    let saved = RwSignal::new(false);
    // The officers to choose from: VPD staff, and whoever is named now.
    let officers = RwSignal::new(record.officer.clone().into_iter().collect::<Vec<Named>>());
    leptos::task::spawn_local(async move {
        let variables = people::Variables { search: None, role: Some(Role::Staff), first: 25, after: None };
        if let Ok(data) = api::call::<People>(variables, i18n.locale.get_untracked()).await {
            officers.update(|list| {
                for p in data.people.nodes {
                    if !list.iter().any(|(id, _)| *id == p.id) {
                        list.push((p.id, p.display_name));
                    }
                }
            });
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        saved.set(false);
        if unit.with_untracked(|u| u.trim().is_empty()) {
            form.invalid("unitName", i18n, keys::ERROR_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let input = set_record::TargetGroupRecordInput {
            category: category.get_untracked().to_input(),
            unit_name: unit.get_untracked(),
            officer_id: Some(officer.get_untracked()).filter(|o| !o.is_empty()),
            supervision_ends_on: Some(ends_on.get_untracked()).filter(|d| !d.is_empty()),
            notes: notes.get_untracked(),
        };
        let variables = set_record::Variables { founder_id: founder_id.clone(), input };
        form.send::<SetTargetGroupRecord>(variables, i18n, move |_| {
            saved.set(true);
            focus_later("record-saved");
        });
    };
    view! {
        <form id="record-form" class="card" on:submit=submit novalidate=true>
            <p class="note" hidden=record.exists>{i18n.tr(staff_keys::RECORD_NONE)}</p>
            <Radios
                name="category"
                legend=text(i18n, staff_keys::RECORD_CATEGORY)
                options=vec![
                    (Category::Probation, Signal::derive(move || i18n.t(staff_keys::RECORD_CATEGORY_PROBATION).to_owned())),
                    (Category::Former, Signal::derive(move || i18n.t(staff_keys::RECORD_CATEGORY_FORMER).to_owned())),
                    (Category::AtRisk, Signal::derive(move || i18n.t(staff_keys::RECORD_CATEGORY_AT_RISK).to_owned())),
                ]
                value=category
            />
            <Field name="unitName" label=text(i18n, staff_keys::RECORD_UNIT) value=unit error=form.error_of("unitName") maxlength=120 />
            <Select
                name="officerId"
                label=text(i18n, staff_keys::RECORD_OFFICER)
                placeholder=text(i18n, staff_keys::RECORD_OFFICER_CHOOSE)
                options=Signal::derive(move || officers.get())
                value=officer
                error=form.error_of("officerId")
                required=false
            />
            <Field
                name="endsOn"
                label=text(i18n, staff_keys::RECORD_ENDS_ON)
                value=ends_on
                kind="date"
                required=false
                error=Signal::derive(|| None::<String>)
            />
            <TextArea
                name="notes"
                label=text(i18n, staff_keys::RECORD_NOTES)
                hint=text(i18n, staff_keys::RECORD_NOTES_HINT)
                value=notes
                error=form.error_of("notes")
                maxlength=4000
            />
            <p id="record-saved" class="success" role="status" tabindex="-1" hidden=move || !saved.get()>
                {i18n.tr(staff_keys::RECORD_SAVED)}
            </p>
            <FormFooter form=form submit=staff_keys::RECORD_SAVE />
        </form>
    }
}

/// The supervision constraints: no-contact people and excluded sectors.
#[component]
fn ConstraintsForm(record: Opened, i18n: I18n) -> impl IntoView {
    let form = FormState::new(&[
        ("noContactUserIds", staff_keys::CONSTRAINTS_NO_CONTACT),
        ("excludedSectors", staff_keys::CONSTRAINTS_SECTORS),
    ]);
    let founder_id = record.founder.0.clone();
    let no_contact = RwSignal::new(record.no_contact.clone());
    let excluded = RwSignal::new(record.excluded.clone());
    let sectors = RwSignal::new(Vec::<(String, String)>::new());
    let words = RwSignal::new(String::new());
    let candidates = RwSignal::new(Vec::<Named>::new());
    let saved = RwSignal::new(false);
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        leptos::task::spawn_local(async move {
            if let Ok(data) = api::call::<SectorTerms>(sector_terms::Variables {}, locale).await {
                sectors.set(data.taxonomies.sectors.into_iter().map(|t| (t.code, t.label)).collect());
            }
        });
    });
    let find = {
        let founder_id = founder_id.clone();
        move |_| {
            let search = Some(words.get_untracked()).filter(|w| !w.trim().is_empty());
            let founder_id = founder_id.clone();
            leptos::task::spawn_local(async move {
                let variables = people::Variables { search, role: None, first: 10, after: None };
                if let Ok(data) = api::call::<People>(variables, i18n.locale.get_untracked()).await {
                    candidates.set(
                        data.people
                            .nodes
                            .into_iter()
                            .filter(|p| !matches!(p.role, Role::Staff | Role::Admin) && p.id != founder_id)
                            .map(|p| (p.id, p.display_name))
                            .collect(),
                    );
                }
            });
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        saved.set(false);
        let input = set_constraints::SupervisionConstraintsInput {
            no_contact_user_ids: no_contact.with_untracked(|list| list.iter().map(|(id, _)| id.clone()).collect()),
            excluded_sectors: excluded.get_untracked(),
        };
        let variables = set_constraints::Variables { founder_id: founder_id.clone(), input };
        form.send::<SetSupervisionConstraints>(variables, i18n, move |_| {
            saved.set(true);
            focus_later("constraints-saved");
        });
    };
    view! {
        <form id="constraints-form" class="card" on:submit=submit novalidate=true>
            <h2>{i18n.tr(staff_keys::CONSTRAINTS_TITLE)}</h2>
            <p class="note">{i18n.tr(staff_keys::CONSTRAINTS_INTRO)}</p>
            <fieldset id="noContactUserIds" tabindex="-1" class="choices">
                <legend>{i18n.tr(staff_keys::CONSTRAINTS_NO_CONTACT)}</legend>
                <p class="error" id="noContactUserIds-error" hidden=move || form.error_of("noContactUserIds").with(Option::is_none)>
                    {move || form.error_of("noContactUserIds").get().unwrap_or_default()}
                </p>
                <p hidden=move || !no_contact.with(Vec::is_empty)>{i18n.tr(staff_keys::CONSTRAINTS_NO_CONTACT_NONE)}</p>
                <ul id="no-contact" class="plain">
                    <For each=move || no_contact.get() key=|(id, _)| id.clone() let:person>
                        <li>
                            <span>{person.1.clone()}</span>" "
                            <button
                                type="button"
                                class="secondary"
                                on:click={
                                    let id = person.0.clone();
                                    move |_| no_contact.update(|list| list.retain(|(other, _)| *other != id))
                                }
                            >
                                {let name = person.1.clone(); move || i18n.fill(staff_keys::CONSTRAINTS_REMOVE, &[("name", &name)])}
                            </button>
                        </li>
                    </For>
                </ul>
                <Field
                    name="no-contact-search"
                    label=text(i18n, staff_keys::CONSTRAINTS_FIND)
                    value=words
                    kind="search"
                    required=false
                    error=Signal::derive(|| None::<String>)
                />
                <button type="button" class="secondary" id="no-contact-find" on:click=find>
                    {i18n.tr(staff_keys::CONSTRAINTS_FIND_SUBMIT)}
                </button>
                <ul id="no-contact-candidates" class="plain">
                    <For each=move || candidates.get() key=|(id, _)| id.clone() let:person>
                        <li>
                            <button
                                type="button"
                                class="secondary"
                                on:click={
                                    let person = person.clone();
                                    move |_| {
                                        no_contact.update(|list| {
                                            if !list.iter().any(|(id, _)| *id == person.0) {
                                                list.push(person.clone());
                                            }
                                        });
                                        candidates.set(Vec::new());
                                    }
                                }
                            >
                                {let name = person.1.clone(); move || i18n.fill(staff_keys::CONSTRAINTS_ADD, &[("name", &name)])}
                            </button>
                        </li>
                    </For>
                </ul>
            </fieldset>
            <Checkboxes
                name="excludedSectors"
                legend=text(i18n, staff_keys::CONSTRAINTS_SECTORS)
                options=Signal::derive(move || sectors.get())
                chosen=excluded
                error=form.error_of("excludedSectors")
            />
            <p id="constraints-saved" class="success" role="status" tabindex="-1" hidden=move || !saved.get()>
                {i18n.tr(staff_keys::CONSTRAINTS_SAVED)}
            </p>
            <FormFooter form=form submit=staff_keys::CONSTRAINTS_SAVE />
        </form>
    }
}
