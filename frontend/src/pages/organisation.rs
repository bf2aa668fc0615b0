//! `/organisation`: an organisation account's own organisation. The first visit creates it;
//! later visits edit it, show whether VPD approved it, who acts for it, and let an approved
//! organisation ask VPD to let a colleague act for it too.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{
    self,
    operations::{ProfileTerms, profile_terms},
    organisations::{
        CreateOrganisation, InviteRepresentative, MyOrganisations, OrganisationKind, RepresentativeInvitationStatus,
        Standing, UpdateOrganisation, create_organisation as create_op, invite_representative as invite_op,
        my_organisations, update_organisation as update_op,
    },
};
use crate::components::{
    Checkboxes, Field, FormFooter, FormState, PageHeader, Radios, Select, TextArea, Toggle, form_state::focus_later,
};
use crate::contexts::{
    locale::{I18n, use_i18n},
    session::{Role, use_session},
};
use crate::i18n::{Key, keys};

type Mine = my_organisations::MyOrganisationsMyOrganisations;

/// A translated label as a signal.
fn text(i18n: I18n, key: Key) -> Signal<String> {
    Signal::derive(move || i18n.t(key).to_owned())
}

/// The label of a kind of organisation.
pub fn kind_label(kind: OrganisationKind) -> Key {
    match kind {
        OrganisationKind::SocialEnterprise => keys::ORGANISATION_KIND_SOCIAL_ENTERPRISE,
        OrganisationKind::Ngo => keys::ORGANISATION_KIND_NGO,
        OrganisationKind::Company => keys::ORGANISATION_KIND_COMPANY,
        OrganisationKind::Municipality => keys::ORGANISATION_KIND_MUNICIPALITY,
    }
}

/// What the page shows once loaded.
#[derive(Clone)]
enum Loaded {
    /// Not an organisation account.
    NotOurs,
    /// No organisation yet: the form creates one.
    New,
    /// The organisation the person acts for.
    Existing(Box<Mine>),
}

/// The page; sends people who are not signed in to the sign-in page.
#[component]
pub fn MyOrganisation() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.checked.get() && session.viewer.with(Option::is_none) {
            navigate("/sign-in?next=/organisation", Default::default());
        }
    });
    let loaded = RwSignal::new(None::<Loaded>);
    let load_error = RwSignal::new(None::<String>);
    let regions = RwSignal::new(Vec::<(String, String)>::new());
    let sectors = RwSignal::new(Vec::<(String, String)>::new());
    let reload = move || {
        leptos::task::spawn_local(async move {
            let locale = i18n.locale.get_untracked();
            match api::call::<MyOrganisations>(my_organisations::Variables {}, locale).await {
                Ok(data) => loaded.set(Some(match data.my_organisations.into_iter().next() {
                    Some(mine) => Loaded::Existing(Box::new(mine)),
                    None => Loaded::New,
                })),
                Err(error) => load_error.set(Some(error.text(locale))),
            }
        });
    };
    Effect::new(move |_| {
        let Some(role) = session.viewer.with(|v| v.as_ref().map(|v| v.role)) else { return };
        if loaded.with_untracked(Option::is_some) {
            return;
        }
        if role != Role::Enterprise {
            loaded.set(Some(Loaded::NotOurs));
            return;
        }
        reload();
    });
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        if session.viewer.with(Option::is_none) {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(data) = api::call::<ProfileTerms>(profile_terms::Variables {}, locale).await {
                regions.set(data.taxonomies.regions.into_iter().map(|t| (t.code, t.label)).collect());
                sectors.set(data.taxonomies.sectors.into_iter().map(|t| (t.code, t.label)).collect());
            }
        });
    });
    // Told above the form, which is drawn again from what the server stored.
    let told = RwSignal::new(None::<Key>);
    let saved = Callback::new(move |key: Option<Key>| {
        told.set(key);
        if key.is_some() {
            reload();
            focus_later("organisation-saved");
        }
    });
    view! {
        <PageHeader title=keys::ORGANISATION_TITLE intro=keys::ORGANISATION_INTRO />
        <p class="error" role="alert" hidden=move || load_error.with(Option::is_none)>
            {move || load_error.get().unwrap_or_default()}
        </p>
        <p id="organisation-saved" class="success" role="status" tabindex="-1" hidden=move || told.with(Option::is_none)>
            {move || told.get().map(|key| i18n.t(key)).unwrap_or_default()}
        </p>
        {move || match loaded.get() {
            None => view! { <p role="status" hidden=move || load_error.with(Option::is_some)>{i18n.tr(keys::ORGANISATION_LOADING)}</p> }.into_any(),
            Some(Loaded::NotOurs) => view! { <p id="organisation-not-ours">{i18n.tr(keys::ORGANISATION_NOT_OURS)}</p> }.into_any(),
            Some(Loaded::New) => view! {
                <OrganisationForm mine=None regions=regions sectors=sectors saved=saved i18n=i18n />
            }.into_any(),
            Some(Loaded::Existing(mine)) => {
                let mine = *mine;
                // Only an approved organisation account of an approved organisation invites.
                let may_invite = mine.standing == Standing::Approved
                    && session.viewer.with_untracked(|v| v.as_ref().is_some_and(|v| v.standing == Standing::Approved));
                view! {
                    <StandingNotice standing=mine.standing i18n=i18n />
                    <crate::pages::postings::Postings organisation=mine.id.clone() may_post=may_invite i18n=i18n />
                    <OrganisationForm mine=Some(mine.clone()) regions=regions sectors=sectors saved=saved i18n=i18n />
                    <Representatives mine=mine may_invite=may_invite i18n=i18n />
                }.into_any()
            }
        }}
    }
}

/// Whether others find the organisation yet.
#[component]
fn StandingNotice(standing: Standing, i18n: I18n) -> impl IntoView {
    let key = match standing {
        Standing::Approved => keys::ORGANISATION_STANDING_APPROVED,
        Standing::Pending => keys::ORGANISATION_STANDING_PENDING,
        Standing::Rejected => keys::ORGANISATION_STANDING_REJECTED,
        Standing::Suspended => keys::ORGANISATION_STANDING_SUSPENDED,
    };
    let class = if standing == Standing::Approved { "success" } else { "notice" };
    view! { <p id="organisation-standing" class=class>{i18n.tr(key)}</p> }
}

/// The organisation's profile: creates it, or saves it.
#[component]
fn OrganisationForm(
    mine: Option<Mine>,
    regions: RwSignal<Vec<(String, String)>>,
    sectors: RwSignal<Vec<(String, String)>>,
    saved: Callback<Option<Key>>,
    i18n: I18n,
) -> impl IntoView {
    let form = FormState::new(&[
        ("name", keys::ORGANISATION_NAME),
        ("registrationNumber", keys::ORGANISATION_REGISTRATION_NUMBER),
        ("sectors", keys::ORGANISATION_SECTORS),
        ("region", keys::ORGANISATION_REGION),
        ("website", keys::ORGANISATION_WEBSITE),
        ("description", keys::ORGANISATION_DESCRIPTION),
    ]);
    let id = mine.as_ref().map(|m| m.id.clone());
    let name = RwSignal::new(mine.as_ref().map(|m| m.name.clone()).unwrap_or_default());
    let number = RwSignal::new(mine.as_ref().map(|m| m.registration_number.clone()).unwrap_or_default());
    let kind = RwSignal::new(mine.as_ref().map(|m| m.kind).unwrap_or_default());
    let registered = RwSignal::new(mine.as_ref().is_some_and(|m| m.registered_social_enterprise));
    let chosen = RwSignal::new(mine.as_ref().map(|m| m.sectors.clone()).unwrap_or_default());
    let region = RwSignal::new(mine.as_ref().map(|m| m.region.clone()).unwrap_or_default());
    let website = RwSignal::new(mine.as_ref().and_then(|m| m.website.clone()).unwrap_or_default());
    let description = RwSignal::new(mine.as_ref().map(|m| m.description.clone()).unwrap_or_default());
    let supports = RwSignal::new(mine.as_ref().is_some_and(|m| m.supports_target_group));
    let creating = id.is_none();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        saved.run(None);
        if name.with_untracked(|n| n.trim().is_empty()) {
            form.invalid("name", i18n, keys::ERROR_REQUIRED);
        }
        let digits = number.with_untracked(|n| n.chars().filter(|c| !c.is_whitespace()).collect::<String>());
        if digits.len() != 11 || !digits.chars().all(|c| c.is_ascii_digit()) {
            form.invalid("registrationNumber", i18n, keys::ORGANISATION_REGISTRATION_NUMBER_HINT);
        }
        if chosen.with_untracked(Vec::is_empty) {
            form.invalid("sectors", i18n, keys::ORGANISATION_SECTORS_REQUIRED);
        }
        if region.with_untracked(String::is_empty) {
            form.invalid("region", i18n, keys::ORGANISATION_REGION_CHOOSE);
        }
        if form.refused() {
            return;
        }
        let input = create_op::OrganisationInput {
            name: name.get_untracked(),
            registration_number: number.get_untracked(),
            kind: kind.get_untracked(),
            registered_social_enterprise: registered.get_untracked(),
            sectors: chosen.get_untracked(),
            region: region.get_untracked(),
            website: Some(website.get_untracked()).filter(|w| !w.trim().is_empty()),
            description: description.get_untracked(),
            supports_target_group: supports.get_untracked(),
        };
        let after =
            move || saved.run(Some(if creating { keys::ORGANISATION_CREATED } else { keys::ORGANISATION_SAVED }));
        match id.clone() {
            None => form.send::<CreateOrganisation>(create_op::Variables { input }, i18n, move |_| after()),
            Some(id) => {
                let input = update_op::OrganisationInput {
                    name: input.name,
                    registration_number: input.registration_number,
                    kind: input.kind,
                    registered_social_enterprise: input.registered_social_enterprise,
                    sectors: input.sectors,
                    region: input.region,
                    website: input.website,
                    description: input.description,
                    supports_target_group: input.supports_target_group,
                };
                form.send::<UpdateOrganisation>(update_op::Variables { id, input }, i18n, move |_| after())
            }
        }
    };
    let kinds = [
        OrganisationKind::SocialEnterprise,
        OrganisationKind::Ngo,
        OrganisationKind::Company,
        OrganisationKind::Municipality,
    ]
    .into_iter()
    .map(|k| (k, text(i18n, kind_label(k))))
    .collect::<Vec<_>>();
    view! {
        <form on:submit=submit novalidate=true>
            <Field name="name" label=text(i18n, keys::ORGANISATION_NAME) value=name maxlength=120 autocomplete="organization" error=form.error_of("name") />
            <Field
                name="registrationNumber"
                label=text(i18n, keys::ORGANISATION_REGISTRATION_NUMBER)
                hint=text(i18n, keys::ORGANISATION_REGISTRATION_NUMBER_HINT)
                value=number
                kind="text"
                maxlength=14
                error=form.error_of("registrationNumber")
            />
            <Radios name="kind" legend=text(i18n, keys::ORGANISATION_KIND) options=kinds value=kind />
            <Toggle name="registeredSocialEnterprise" label=text(i18n, keys::ORGANISATION_REGISTERED) value=registered />
            <Checkboxes
                name="sectors"
                legend=text(i18n, keys::ORGANISATION_SECTORS)
                options=Signal::derive(move || sectors.get())
                chosen=chosen
                error=form.error_of("sectors")
            />
            <Select
                name="region"
                label=text(i18n, keys::ORGANISATION_REGION)
                placeholder=text(i18n, keys::ORGANISATION_REGION_CHOOSE)
                options=Signal::derive(move || regions.get())
                value=region
                error=form.error_of("region")
            />
            <Field
                name="website"
                label=text(i18n, keys::ORGANISATION_WEBSITE)
                hint=text(i18n, keys::ORGANISATION_WEBSITE_HINT)
                value=website
                kind="url"
                autocomplete="url"
                required=false
                maxlength=200
                error=form.error_of("website")
            />
            <TextArea
                name="description"
                label=text(i18n, keys::ORGANISATION_DESCRIPTION)
                hint=text(i18n, keys::ORGANISATION_DESCRIPTION_HINT)
                value=description
                maxlength=2000
                error=form.error_of("description")
            />
            <Toggle
                name="supportsTargetGroup"
                label=text(i18n, keys::ORGANISATION_SUPPORTS)
                hint=text(i18n, keys::ORGANISATION_SUPPORTS_HINT)
                value=supports
            />
            <FormFooter form=form submit=if creating { keys::ORGANISATION_CREATE } else { keys::ORGANISATION_SAVE } />
        </form>
    }
}

/// The label of an invitation's status.
fn status_label(status: RepresentativeInvitationStatus) -> Key {
    match status {
        RepresentativeInvitationStatus::Pending => keys::ORGANISATION_STATUS_PENDING,
        RepresentativeInvitationStatus::Approved => keys::ORGANISATION_STATUS_APPROVED,
        RepresentativeInvitationStatus::Rejected => keys::ORGANISATION_STATUS_REJECTED,
        RepresentativeInvitationStatus::Joined => keys::ORGANISATION_STATUS_JOINED,
    }
}

/// Who acts for the organisation, the invitations made, and the form to invite a colleague.
#[component]
fn Representatives(mine: Mine, may_invite: bool, i18n: I18n) -> impl IntoView {
    let invitations =
        RwSignal::new(mine.invitations.iter().map(|i| (i.id.clone(), i.email.clone(), i.status)).collect::<Vec<_>>());
    let form = FormState::new(&[("email", keys::ORGANISATION_INVITE_EMAIL)]);
    let email = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let organisation_id = mine.id.clone();
    let invite = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        sent.set(false);
        if email.with_untracked(|e| !e.contains('@')) {
            form.invalid("email", i18n, keys::ORGANISATION_INVITE_EMAIL_HINT);
        }
        if form.refused() {
            return;
        }
        let variables = invite_op::Variables { organisation_id: organisation_id.clone(), email: email.get_untracked() };
        form.send::<InviteRepresentative>(variables, i18n, move |data| {
            let i = data.invite_representative;
            invitations.update(|list| list.insert(0, (i.id, i.email, i.status)));
            email.set(String::new());
            sent.set(true);
            focus_later("invite-sent");
        });
    };
    view! {
        <section aria-labelledby="representatives-title">
            <h2 id="representatives-title">{i18n.tr(keys::ORGANISATION_REPRESENTATIVES)}</h2>
            <ul class="plain" id="representatives">
                {mine.representatives.into_iter().map(|r| view! { <li>{r.display_name}</li> }).collect_view()}
            </ul>
            <h3 hidden=move || invitations.with(Vec::is_empty)>{i18n.tr(keys::ORGANISATION_INVITATIONS)}</h3>
            <ul class="plain" id="invitations">
                <For each=move || invitations.get() key=|(id, _, status)| format!("{id}{status:?}") let:invitation>
                    <li>{invitation.1.clone()}" — "{i18n.tr(status_label(invitation.2))}</li>
                </For>
            </ul>
            {if may_invite {
                view! {
                    <form on:submit=invite novalidate=true>
                        <h3>{i18n.tr(keys::ORGANISATION_INVITE_TITLE)}</h3>
                        <p class="hint">{i18n.tr(keys::ORGANISATION_INVITE_HINT)}</p>
                        <Field
                            name="email"
                            label=text(i18n, keys::ORGANISATION_INVITE_EMAIL)
                            value=email
                            kind="email"
                            autocomplete="off"
                            maxlength=254
                            error=form.error_of("email")
                        />
                        <p id="invite-sent" class="success" role="status" tabindex="-1" hidden=move || !sent.get()>
                            {i18n.tr(keys::ORGANISATION_INVITED)}
                        </p>
                        <FormFooter form=form submit=keys::ORGANISATION_INVITE_SUBMIT />
                    </form>
                }.into_any()
            } else {
                view! { <p class="hint" id="invite-later">{i18n.tr(keys::ORGANISATION_INVITE_LATER)}</p> }.into_any()
            }}
        </section>
    }
}
