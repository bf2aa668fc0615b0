//! How founders and mentors present themselves: what a profile holds, and what makes one valid.
//! Every term a profile names (region, topics, sectors, languages) must be a term of its
//! vocabulary; every text has a length cap, so nobody stores a 10 kB headline.

use super::{Taxonomies, TaxonomyKind};

/// A founder's headline, a mentor's too: one line.
pub const HEADLINE_MAX: usize = 120;
/// Longer texts: a business idea, a mentor's bio.
pub const STORY_MAX: usize = 2000;
/// A founder's skills, in a few words.
pub const SKILLS_MAX: usize = 500;
/// The most terms one list may hold (topics, sectors, languages).
pub const TERMS_MAX: usize = 12;
/// A mentor's fewest and most active mentees.
pub const CAPACITY: std::ops::RangeInclusive<u8> = 1..=10;

/// How far a founder's business is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    /// An idea, not yet started.
    #[default]
    Idea,
    /// Getting started: registering, first customers.
    Starting,
    /// Running and selling.
    Running,
}

impl Stage {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Idea => "idea",
            Stage::Starting => "starting",
            Stage::Running => "running",
        }
    }

    /// The stage stored as `name`.
    pub fn parse(name: &str) -> Option<Stage> {
        [Stage::Idea, Stage::Starting, Stage::Running].into_iter().find(|s| s.as_str() == name)
    }
}

/// Where a mentor meets mentees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MeetingMode {
    /// Online or by phone only.
    Remote,
    /// In person only, in their region.
    InPerson,
    /// Either.
    #[default]
    Both,
}

impl MeetingMode {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingMode::Remote => "remote",
            MeetingMode::InPerson => "in_person",
            MeetingMode::Both => "both",
        }
    }

    /// The mode stored as `name`.
    pub fn parse(name: &str) -> Option<MeetingMode> {
        [MeetingMode::Remote, MeetingMode::InPerson, MeetingMode::Both].into_iter().find(|m| m.as_str() == name)
    }
}

/// Which contact details a person releases to those they are matched with. Never shown to
/// anyone else; the e-mail address is the account's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactChoice {
    /// Release the account's e-mail address.
    pub share_email: bool,
    /// Release `phone`.
    pub share_phone: bool,
    /// A phone number, if they gave one.
    pub phone: Option<String>,
}

/// A founder's profile.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FounderProfile {
    /// One line about them and their business.
    pub headline: String,
    /// The business they want to build.
    pub business_idea: String,
    /// How far it is.
    pub stage: Stage,
    /// Mentoring topics they need help with.
    pub needs: Vec<String>,
    /// What they can do, in their words.
    pub skills: String,
    /// Sectors of the business.
    pub sectors: Vec<String>,
    /// Their region.
    pub region: String,
    /// Languages they speak.
    pub languages: Vec<String>,
    /// Whether they look for a mentor now.
    pub seeking_mentor: bool,
    /// Whether they would like a peer mentor (lived experience of the justice system).
    pub wants_peer_mentor: bool,
    /// Whether approved mentors and organisations may find them in the directory (off unless
    /// they turn it on).
    pub listed: bool,
    /// What they release once matched.
    pub contact: ContactChoice,
}

/// A mentor's profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentorProfile {
    /// One line about them.
    pub headline: String,
    /// Who they are and how they help.
    pub bio: String,
    /// Topics they mentor in.
    pub expertise: Vec<String>,
    /// Sectors they know.
    pub sectors: Vec<String>,
    /// Their region.
    pub region: String,
    /// Where they meet.
    pub meeting: MeetingMode,
    /// Languages they speak.
    pub languages: Vec<String>,
    /// How many active mentees they take at once.
    pub capacity: u8,
    /// Whether they take new mentees now.
    pub available: bool,
    /// A *līdzgaitnieks*: lived experience of the justice system.
    pub peer_mentor: bool,
    /// Whether they also mentor NGOs.
    pub mentors_ngos: bool,
    /// What they release once matched.
    pub contact: ContactChoice,
}

impl Default for MentorProfile {
    fn default() -> Self {
        MentorProfile {
            headline: String::new(),
            bio: String::new(),
            expertise: Vec::new(),
            sectors: Vec::new(),
            region: String::new(),
            meeting: MeetingMode::Both,
            languages: Vec::new(),
            capacity: 2,
            available: true,
            peer_mentor: false,
            mentors_ngos: false,
            contact: ContactChoice::default(),
        }
    }
}

/// A field of a profile, as the domain names it (the transport maps these to its own names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The headline.
    Headline,
    /// The founder's business idea.
    BusinessIdea,
    /// The founder's skills.
    Skills,
    /// The mentor's bio.
    Bio,
    /// The founder's needs.
    Needs,
    /// The mentor's expertise.
    Expertise,
    /// Sectors.
    Sectors,
    /// The region.
    Region,
    /// Languages.
    Languages,
    /// The mentor's capacity.
    Capacity,
    /// The phone number.
    Phone,
}

/// What is wrong with a profile: the first problem found, with its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    /// A required field is empty.
    #[error("{0:?} is required")]
    Required(Field),
    /// A text is longer than its cap, or has control characters.
    #[error("{0:?} is too long or has control characters")]
    TooLong(Field),
    /// A term that is not in its vocabulary, or too many terms.
    #[error("{0:?} names a term outside its vocabulary")]
    UnknownTerm(Field),
    /// A mentor's capacity outside 1–10.
    #[error("capacity outside 1–10")]
    CapacityOutOfRange,
    /// Not a phone number, or sharing a phone without giving one.
    #[error("not a phone number")]
    InvalidPhone,
}

impl FounderProfile {
    /// The profile with its texts trimmed and term lists deduplicated, or the first problem.
    pub fn validated(mut self, terms: &Taxonomies) -> Result<FounderProfile, ProfileError> {
        self.headline = text(&self.headline, Field::Headline, HEADLINE_MAX, true)?;
        self.business_idea = text(&self.business_idea, Field::BusinessIdea, STORY_MAX, false)?;
        self.skills = text(&self.skills, Field::Skills, SKILLS_MAX, false)?;
        self.region = region(&self.region, terms)?;
        self.needs = term_list(self.needs, TaxonomyKind::Topic, Field::Needs, terms, false)?;
        self.sectors = term_list(self.sectors, TaxonomyKind::Sector, Field::Sectors, terms, false)?;
        self.languages = term_list(self.languages, TaxonomyKind::Language, Field::Languages, terms, true)?;
        self.contact = contact(self.contact)?;
        Ok(self)
    }
}

impl MentorProfile {
    /// The profile with its texts trimmed and term lists deduplicated, or the first problem.
    pub fn validated(mut self, terms: &Taxonomies) -> Result<MentorProfile, ProfileError> {
        self.headline = text(&self.headline, Field::Headline, HEADLINE_MAX, true)?;
        self.bio = text(&self.bio, Field::Bio, STORY_MAX, false)?;
        self.region = region(&self.region, terms)?;
        self.expertise = term_list(self.expertise, TaxonomyKind::Topic, Field::Expertise, terms, true)?;
        self.sectors = term_list(self.sectors, TaxonomyKind::Sector, Field::Sectors, terms, false)?;
        self.languages = term_list(self.languages, TaxonomyKind::Language, Field::Languages, terms, true)?;
        if !CAPACITY.contains(&self.capacity) {
            return Err(ProfileError::CapacityOutOfRange);
        }
        self.contact = contact(self.contact)?;
        Ok(self)
    }
}

/// `value` trimmed, at most `max` characters, without control characters other than line
/// breaks; empty only when not `required`.
fn text(value: &str, field: Field, max: usize, required: bool) -> Result<String, ProfileError> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(ProfileError::Required(field));
    }
    let one_line = field == Field::Headline;
    if value.chars().count() > max || value.chars().any(|c| c.is_control() && (one_line || !matches!(c, '\n' | '\r'))) {
        return Err(ProfileError::TooLong(field));
    }
    Ok(value.to_owned())
}

fn region(code: &str, terms: &Taxonomies) -> Result<String, ProfileError> {
    match code.trim() {
        "" => Err(ProfileError::Required(Field::Region)),
        code if terms.contains(TaxonomyKind::Region, code) => Ok(code.to_owned()),
        _ => Err(ProfileError::UnknownTerm(Field::Region)),
    }
}

/// `codes` without repeats, each a term of `kind`; at least one when `required`.
fn term_list(
    codes: Vec<String>,
    kind: TaxonomyKind,
    field: Field,
    terms: &Taxonomies,
    required: bool,
) -> Result<Vec<String>, ProfileError> {
    let mut unique: Vec<String> = Vec::with_capacity(codes.len());
    for code in codes {
        if !terms.contains(kind, &code) {
            return Err(ProfileError::UnknownTerm(field));
        }
        if !unique.contains(&code) {
            unique.push(code);
        }
    }
    if unique.len() > TERMS_MAX {
        return Err(ProfileError::UnknownTerm(field));
    }
    if required && unique.is_empty() {
        return Err(ProfileError::Required(field));
    }
    Ok(unique)
}

/// A phone number as people write it: `+`, digits, spaces, dashes; 7 to 15 digits. Sharing a
/// phone needs one.
fn contact(mut choice: ContactChoice) -> Result<ContactChoice, ProfileError> {
    choice.phone = match choice.phone.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(phone) => {
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            let allowed = phone
                .chars()
                .enumerate()
                .all(|(n, c)| c.is_ascii_digit() || matches!(c, ' ' | '-') || (n == 0 && c == '+'));
            if !allowed || !(7..=15).contains(&digits) {
                return Err(ProfileError::InvalidPhone);
            }
            Some(phone.to_owned())
        }
    };
    if choice.share_phone && choice.phone.is_none() {
        return Err(ProfileError::InvalidPhone);
    }
    Ok(choice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Term;

    fn terms() -> Taxonomies {
        let term = |kind, code: &str| Term { kind, code: code.to_owned(), labels: Default::default() };
        Taxonomies {
            terms: vec![
                term(TaxonomyKind::Region, "latgale"),
                term(TaxonomyKind::Topic, "marketing_sales"),
                term(TaxonomyKind::Sector, "crafts"),
                term(TaxonomyKind::Language, "ru"),
                term(TaxonomyKind::Language, "lv"),
            ],
        }
    }

    fn founder() -> FounderProfile {
        FounderProfile {
            headline: "  Galdnieks ar ideju  ".into(),
            region: "latgale".into(),
            languages: vec!["ru".into(), "lv".into(), "ru".into()],
            needs: vec!["marketing_sales".into()],
            ..FounderProfile::default()
        }
    }

    fn mentor() -> MentorProfile {
        MentorProfile {
            headline: "Grāmatvede".into(),
            region: "latgale".into(),
            languages: vec!["lv".into()],
            expertise: vec!["marketing_sales".into()],
            ..MentorProfile::default()
        }
    }

    #[test]
    fn a_valid_founder_profile_is_trimmed_and_deduplicated() {
        let profile = founder().validated(&terms()).unwrap_or_default();
        assert_eq!(profile.headline, "Galdnieks ar ideju");
        assert_eq!(profile.languages, ["ru", "lv"]);
        assert!(!profile.listed, "nobody is listed unless they choose to be");
    }

    #[test]
    fn required_fields_caps_and_vocabularies_are_enforced_with_their_field() {
        let t = terms();
        let fails = |p: FounderProfile| p.validated(&t).err();
        assert_eq!(
            fails(FounderProfile { headline: " ".into(), ..founder() }),
            Some(ProfileError::Required(Field::Headline))
        );
        assert_eq!(
            fails(FounderProfile { headline: "x".repeat(10_000), ..founder() }),
            Some(ProfileError::TooLong(Field::Headline))
        );
        assert_eq!(
            fails(FounderProfile { headline: "a\nb".into(), ..founder() }),
            Some(ProfileError::TooLong(Field::Headline))
        );
        assert_eq!(
            fails(FounderProfile { region: "atlantis".into(), ..founder() }),
            Some(ProfileError::UnknownTerm(Field::Region))
        );
        assert_eq!(
            fails(FounderProfile { region: String::new(), ..founder() }),
            Some(ProfileError::Required(Field::Region))
        );
        assert_eq!(
            fails(FounderProfile { sectors: vec!["latgale".into()], ..founder() }),
            Some(ProfileError::UnknownTerm(Field::Sectors))
        );
        assert_eq!(
            fails(FounderProfile { languages: vec![], ..founder() }),
            Some(ProfileError::Required(Field::Languages))
        );
        let business_idea = "Rindkopa.\nVēl viena.".to_owned();
        assert!(FounderProfile { business_idea, ..founder() }.validated(&t).is_ok(), "line breaks in long texts");
    }

    #[test]
    fn capacity_is_one_to_ten() {
        let t = terms();
        for (capacity, ok) in [(0, false), (1, true), (10, true), (11, false)] {
            let result = MentorProfile { capacity, ..mentor() }.validated(&t);
            assert_eq!(result.is_ok(), ok, "{capacity}");
        }
        assert_eq!(
            MentorProfile { capacity: 11, ..mentor() }.validated(&t).err(),
            Some(ProfileError::CapacityOutOfRange)
        );
        assert_eq!(
            MentorProfile { expertise: vec![], ..mentor() }.validated(&t).err(),
            Some(ProfileError::Required(Field::Expertise))
        );
    }

    #[test]
    fn a_shared_phone_must_be_a_phone_number() {
        let t = terms();
        let with = |phone: Option<&str>, share_phone| FounderProfile {
            contact: ContactChoice { share_email: false, share_phone, phone: phone.map(str::to_owned) },
            ..founder()
        };
        assert!(with(Some("+371 2000 0000"), true).validated(&t).is_ok());
        assert!(with(None, false).validated(&t).is_ok());
        assert_eq!(with(None, true).validated(&t).err(), Some(ProfileError::InvalidPhone));
        assert_eq!(with(Some("call me"), false).validated(&t).err(), Some(ProfileError::InvalidPhone));
        assert_eq!(with(Some("12"), false).validated(&t).err(), Some(ProfileError::InvalidPhone));
    }

    #[test]
    fn stored_names_round_trip() {
        for stage in [Stage::Idea, Stage::Starting, Stage::Running] {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
        }
        for mode in [MeetingMode::Remote, MeetingMode::InPerson, MeetingMode::Both] {
            assert_eq!(MeetingMode::parse(mode.as_str()), Some(mode));
        }
        assert_eq!(Stage::parse("unicorn"), None);
    }
}
