//! Organisations that take part in Tilts: social enterprises, NGOs, companies, municipalities.
//! What an organisation's profile holds, what makes one valid, and how a representative's
//! invitation of someone else moves from a request to a membership.

use super::{Taxonomies, TaxonomyKind, profile::TERMS_MAX};

/// An organisation's name: one line.
pub const NAME_MAX: usize = 120;
/// Its description.
pub const DESCRIPTION_MAX: usize = 2000;
/// Its website address.
pub const WEBSITE_MAX: usize = 200;

/// What kind of body an organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrganisationKind {
    /// A social enterprise (registered or not).
    #[default]
    SocialEnterprise,
    /// A non-governmental organisation: association or foundation.
    Ngo,
    /// A company.
    Company,
    /// A municipality or its institution.
    Municipality,
}

impl OrganisationKind {
    /// Every kind.
    pub const ALL: [OrganisationKind; 4] = [
        OrganisationKind::SocialEnterprise,
        OrganisationKind::Ngo,
        OrganisationKind::Company,
        OrganisationKind::Municipality,
    ];

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::SocialEnterprise => "social_enterprise",
            OrganisationKind::Ngo => "ngo",
            OrganisationKind::Company => "company",
            OrganisationKind::Municipality => "municipality",
        }
    }

    /// The kind stored as `name`.
    pub fn parse(name: &str) -> Option<OrganisationKind> {
        OrganisationKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// An organisation's profile.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrganisationProfile {
    /// Its name.
    pub name: String,
    /// Its number in the Latvian Register of Enterprises (11 digits).
    pub registration_number: String,
    /// What kind of body it is.
    pub kind: OrganisationKind,
    /// Whether it holds the registered social-enterprise status.
    pub social_enterprise: bool,
    /// Sectors it works in.
    pub sectors: Vec<String>,
    /// Its region.
    pub region: String,
    /// Its website, `https://…` or `http://…`.
    pub website: Option<String>,
    /// What it does, and how it works with people after a sentence.
    pub description: String,
    /// Whether it employs or supports people from the target group.
    pub supports_target_group: bool,
}

/// A field of an organisation's profile, as the domain names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrganisationField {
    /// The name.
    Name,
    /// The registration number.
    RegistrationNumber,
    /// The kind of body.
    Kind,
    /// The registered social-enterprise status.
    SocialEnterprise,
    /// The sectors.
    Sectors,
    /// The region.
    Region,
    /// The website.
    Website,
    /// The description.
    Description,
    /// Whether it employs or supports the target group.
    SupportsTargetGroup,
}

impl OrganisationField {
    /// The name in the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationField::Name => "name",
            OrganisationField::RegistrationNumber => "registration_number",
            OrganisationField::Kind => "kind",
            OrganisationField::SocialEnterprise => "social_enterprise",
            OrganisationField::Sectors => "sectors",
            OrganisationField::Region => "region",
            OrganisationField::Website => "website",
            OrganisationField::Description => "description",
            OrganisationField::SupportsTargetGroup => "supports_target_group",
        }
    }

    /// Whether the field says who the organisation is: what VPD vouched for when approving it.
    pub fn is_identity(self) -> bool {
        matches!(
            self,
            OrganisationField::Name
                | OrganisationField::RegistrationNumber
                | OrganisationField::Kind
                | OrganisationField::SocialEnterprise
        )
    }
}

/// What is wrong with an organisation's profile: the first problem found, with its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OrganisationError {
    /// A required field is empty.
    #[error("{0:?} is required")]
    Required(OrganisationField),
    /// A text is longer than its cap, or has control characters.
    #[error("{0:?} is too long or has control characters")]
    TooLong(OrganisationField),
    /// A term outside its vocabulary, or too many.
    #[error("{0:?} names a term outside its vocabulary")]
    UnknownTerm(OrganisationField),
    /// Not 11 digits.
    #[error("not a registration number")]
    InvalidRegistrationNumber,
    /// Not an `http(s)://` address.
    #[error("not a website address")]
    InvalidWebsite,
}

impl OrganisationProfile {
    /// The fields in which `other` differs from this profile.
    pub fn changed_fields(&self, other: &OrganisationProfile) -> Vec<OrganisationField> {
        use OrganisationField as F;
        [
            (F::Name, self.name != other.name),
            (F::RegistrationNumber, self.registration_number != other.registration_number),
            (F::Kind, self.kind != other.kind),
            (F::SocialEnterprise, self.social_enterprise != other.social_enterprise),
            (F::Sectors, self.sectors != other.sectors),
            (F::Region, self.region != other.region),
            (F::Website, self.website != other.website),
            (F::Description, self.description != other.description),
            (F::SupportsTargetGroup, self.supports_target_group != other.supports_target_group),
        ]
        .into_iter()
        .filter_map(|(field, changed)| changed.then_some(field))
        .collect()
    }

    /// The profile with its texts trimmed and sectors deduplicated, or the first problem.
    pub fn validated(mut self, terms: &Taxonomies) -> Result<OrganisationProfile, OrganisationError> {
        use OrganisationField as F;
        self.name = text(&self.name, F::Name, NAME_MAX, true)?;
        let number: String = self.registration_number.chars().filter(|c| !c.is_whitespace()).collect();
        if number.is_empty() {
            return Err(OrganisationError::Required(F::RegistrationNumber));
        }
        if number.len() != 11 || !number.chars().all(|c| c.is_ascii_digit()) {
            return Err(OrganisationError::InvalidRegistrationNumber);
        }
        self.registration_number = number;
        self.region = match self.region.trim() {
            "" => return Err(OrganisationError::Required(F::Region)),
            code if terms.contains(TaxonomyKind::Region, code) => code.to_owned(),
            _ => return Err(OrganisationError::UnknownTerm(F::Region)),
        };
        let mut sectors: Vec<String> = Vec::with_capacity(self.sectors.len());
        for code in self.sectors {
            if !terms.contains(TaxonomyKind::Sector, &code) {
                return Err(OrganisationError::UnknownTerm(F::Sectors));
            }
            if !sectors.contains(&code) {
                sectors.push(code);
            }
        }
        if sectors.is_empty() {
            return Err(OrganisationError::Required(F::Sectors));
        }
        if sectors.len() > TERMS_MAX {
            return Err(OrganisationError::UnknownTerm(F::Sectors));
        }
        self.sectors = sectors;
        self.website = match self.website.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(site) => Some(website(site)?),
        };
        self.description = text(&self.description, F::Description, DESCRIPTION_MAX, false)?;
        Ok(self)
    }
}

/// `value` trimmed, at most `max` characters, without control characters (line breaks allowed
/// in the description); empty only when not `required`.
fn text(value: &str, field: OrganisationField, max: usize, required: bool) -> Result<String, OrganisationError> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(OrganisationError::Required(field));
    }
    let one_line = field != OrganisationField::Description;
    if value.chars().count() > max || value.chars().any(|c| c.is_control() && (one_line || !matches!(c, '\n' | '\r'))) {
        return Err(OrganisationError::TooLong(field));
    }
    Ok(value.to_owned())
}

/// A website as people type it: `https://` is added when no scheme is given; only http(s)
/// addresses with a host are kept, so a link in the directory never runs script.
fn website(site: &str) -> Result<String, OrganisationError> {
    let with_scheme = if site.contains("://") { site.to_owned() } else { format!("https://{site}") };
    if with_scheme.chars().count() > WEBSITE_MAX {
        return Err(OrganisationError::TooLong(OrganisationField::Website));
    }
    let url = url::Url::parse(&with_scheme).map_err(|_| OrganisationError::InvalidWebsite)?;
    let host_ok = url.host_str().is_some_and(|h| h.contains('.'));
    if !matches!(url.scheme(), "http" | "https") || !host_ok || !url.username().is_empty() {
        return Err(OrganisationError::InvalidWebsite);
    }
    Ok(url.to_string())
}

/// Where a representative's invitation of someone else stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationStatus {
    /// Waiting for VPD staff.
    Pending,
    /// Approved: the person joins when they have an organisation account with that address.
    Approved,
    /// Refused by staff.
    Rejected,
    /// The person acts for the organisation.
    Joined,
}

impl InvitationStatus {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "pending",
            InvitationStatus::Approved => "approved",
            InvitationStatus::Rejected => "rejected",
            InvitationStatus::Joined => "joined",
        }
    }

    /// The status stored as `name`.
    pub fn parse(name: &str) -> Option<InvitationStatus> {
        [InvitationStatus::Pending, InvitationStatus::Approved, InvitationStatus::Rejected, InvitationStatus::Joined]
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}

/// Which organisations a viewer may see, as the database applies it before ordering and
/// paging: approved ones, and every one the viewer acts for; staff see all. A founder under a
/// supervision that excludes sectors never sees an organisation working in one of them, and
/// nothing says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationScope {
    /// The viewer: the organisations they act for are always admitted.
    pub viewer: super::UserId,
    /// Every organisation, whatever its standing (staff).
    pub everyone: bool,
    /// Nothing but the viewer's own (a disabled viewer).
    pub own_only: bool,
    /// Sectors whose organisations are never admitted (besides the viewer's own).
    pub excluded_sectors: Vec<String>,
}

impl OrganisationScope {
    /// The scope of `viewer`, with the sectors a supervision excludes for them.
    pub fn of(viewer: &super::policy::Person, excluded_sectors: Vec<String>) -> OrganisationScope {
        OrganisationScope {
            viewer: viewer.id,
            everyone: !viewer.disabled && viewer.role.is_vpd(),
            own_only: viewer.disabled,
            excluded_sectors,
        }
    }

    /// The scope of someone not signed in: approved organisations only.
    pub fn public() -> OrganisationScope {
        OrganisationScope {
            viewer: super::UserId(uuid::Uuid::nil()),
            everyone: false,
            own_only: false,
            excluded_sectors: Vec::new(),
        }
    }

    /// Whether the scope admits an organisation with `standing` and `sectors`, of which the
    /// viewer is a member or not (what the SQL filter must agree with).
    pub fn admits(&self, standing: super::Standing, sectors: &[String], member: bool) -> bool {
        if member {
            return true;
        }
        if self.own_only {
            return false;
        }
        self.everyone
            || (standing == super::Standing::Approved && !sectors.iter().any(|s| self.excluded_sectors.contains(s)))
    }
}

/// Below this many, a count of people from the target group is shown as "fewer than 5": a small
/// number could point to a person.
pub const SMALLEST_COUNT_SHOWN: u32 = 5;

/// The largest count VPD staff attest.
pub const EMPLOYED_MAX: u32 = 100_000;

/// How many people from the target group an organisation employs, as the public may see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShownCount {
    /// Fewer than [`SMALLEST_COUNT_SHOWN`] (none included): the number is not shown.
    FewerThan(u32),
    /// This many.
    Exactly(u32),
}

impl ShownCount {
    /// `employed` as the public may see it.
    pub fn of(employed: u32) -> ShownCount {
        if employed < SMALLEST_COUNT_SHOWN {
            ShownCount::FewerThan(SMALLEST_COUNT_SHOWN)
        } else {
            ShownCount::Exactly(employed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_under_five_is_never_shown() {
        for n in 0..5 {
            assert_eq!(ShownCount::of(n), ShownCount::FewerThan(5));
        }
        assert_eq!(ShownCount::of(5), ShownCount::Exactly(5));
        assert_eq!(ShownCount::of(120), ShownCount::Exactly(120));
    }
    use crate::domain::Term;

    fn terms() -> Taxonomies {
        let term = |kind, code: &str| Term { kind, code: code.to_owned(), labels: Default::default() };
        Taxonomies { terms: vec![term(TaxonomyKind::Region, "kurzeme"), term(TaxonomyKind::Sector, "crafts")] }
    }

    fn valid() -> OrganisationProfile {
        OrganisationProfile {
            name: " Darbnīca Kuldīga ".into(),
            registration_number: "4000 301 2345".into(),
            kind: OrganisationKind::SocialEnterprise,
            sectors: vec!["crafts".into(), "crafts".into()],
            region: "kurzeme".into(),
            website: Some("darbnica.lv".into()),
            ..OrganisationProfile::default()
        }
    }

    #[test]
    fn a_valid_profile_is_tidied() {
        let p = valid().validated(&terms()).unwrap_or_default();
        assert_eq!(p.name, "Darbnīca Kuldīga");
        assert_eq!(p.registration_number, "40003012345");
        assert_eq!(p.sectors, ["crafts"]);
        assert_eq!(p.website.as_deref(), Some("https://darbnica.lv/"));
    }

    #[test]
    fn each_rule_names_its_field() {
        use OrganisationField as F;
        let t = terms();
        let fails = |p: OrganisationProfile| p.validated(&t).err();
        assert_eq!(
            fails(OrganisationProfile { name: "  ".into(), ..valid() }),
            Some(OrganisationError::Required(F::Name))
        );
        assert_eq!(
            fails(OrganisationProfile { name: "x".repeat(10_000), ..valid() }),
            Some(OrganisationError::TooLong(F::Name))
        );
        assert_eq!(
            fails(OrganisationProfile { registration_number: "123".into(), ..valid() }),
            Some(OrganisationError::InvalidRegistrationNumber)
        );
        assert_eq!(
            fails(OrganisationProfile { region: "atlantis".into(), ..valid() }),
            Some(OrganisationError::UnknownTerm(F::Region))
        );
        assert_eq!(
            fails(OrganisationProfile { sectors: vec![], ..valid() }),
            Some(OrganisationError::Required(F::Sectors))
        );
        for site in ["javascript:alert(1)", "https://localhost", "ftp://files.lv", "https://user@bank.lv"] {
            assert_eq!(
                fails(OrganisationProfile { website: Some(site.into()), ..valid() }),
                Some(OrganisationError::InvalidWebsite),
                "{site}"
            );
        }
        assert!(OrganisationProfile { description: "Viens.\nDivi.".into(), ..valid() }.validated(&t).is_ok());
    }

    #[test]
    fn stored_names_round_trip() {
        for kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::parse(kind.as_str()), Some(kind));
        }
        for status in [
            InvitationStatus::Pending,
            InvitationStatus::Approved,
            InvitationStatus::Rejected,
            InvitationStatus::Joined,
        ] {
            assert_eq!(InvitationStatus::parse(status.as_str()), Some(status));
        }
    }
}
