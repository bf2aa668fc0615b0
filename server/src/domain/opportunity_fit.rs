//! Which published opportunities to suggest to a founder, with a score and reasons a person can
//! read. Pure: the caller loads the candidates (already without what the founder's supervision
//! rules out, never named) and makes sentences of the [`Reason`]s in the reader's language.
//!
//! Hard rules: open until at least today, no sector the supervision excludes (checked here too,
//! so a caller's slip cannot show one), and a language in common when both name languages.
//! Soft signals add to the score: the founder's sectors, their region or work done remotely,
//! words of the founder's own skills in the posting, a language in common. A posting with no
//! signal at all is not suggested.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::domain::{opportunity::Opportunity, profile::FounderProfile};

/// Why an opportunity is suggested, as facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Sectors of the founder's the posting names, in the founder's order.
    YourSector(Vec<String>),
    /// In the founder's region.
    YourRegion(String),
    /// Done remotely, wherever the founder lives.
    Remote,
    /// Words of the founder's skills found in the posting, in the founder's words.
    YourSkills(Vec<String>),
    /// Languages both name, in the founder's order.
    YourLanguage(Vec<String>),
}

/// A suggestion: the score (0 to 100) and the reasons, most telling first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    /// Higher is better.
    pub score: u32,
    /// Why.
    pub reasons: Vec<Reason>,
}

/// The founder asking, as matching needs them.
#[derive(Debug, Clone)]
pub struct Seeker<'a> {
    /// Their profile: sectors, region, languages, skills.
    pub profile: &'a FounderProfile,
    /// Sectors their supervision rules out (never shown).
    pub excluded_sectors: &'a HashSet<String>,
    /// Today, in Latvia.
    pub today: NaiveDate,
}

/// The shortest skill word looked for.
const MIN_WORD: usize = 4;

/// The founder's skills as words to look for: lower-case, at least [`MIN_WORD`] letters, each
/// with the stem that finds its other forms (Latvian and Russian change a word's ending).
fn skill_words(skills: &str) -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    skills
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= MIN_WORD && seen.insert(w.clone()))
        .map(|w| {
            let letters = w.chars().count();
            let keep = if letters > 5 { letters - 2 } else { letters };
            let stem: String = w.chars().take(keep).collect();
            (w, stem)
        })
        .collect()
}

/// How `opportunity` fits `seeker`; `None` when a hard rule keeps it out or nothing fits.
pub fn assess(seeker: &Seeker<'_>, opportunity: &Opportunity) -> Option<Fit> {
    let founder = seeker.profile;
    if opportunity.deadline < seeker.today || opportunity.sectors.iter().any(|s| seeker.excluded_sectors.contains(s)) {
        return None;
    }
    let languages: Vec<String> =
        founder.languages.iter().filter(|l| opportunity.languages.contains(l)).cloned().collect();
    if languages.is_empty() && !founder.languages.is_empty() && !opportunity.languages.is_empty() {
        return None;
    }
    let mut score = 0;
    let mut reasons = Vec::new();
    let sectors: Vec<String> = founder.sectors.iter().filter(|s| opportunity.sectors.contains(s)).cloned().collect();
    if !sectors.is_empty() {
        score += 40;
        reasons.push(Reason::YourSector(sectors));
    }
    if !founder.region.is_empty() && opportunity.region == founder.region {
        score += 25;
        reasons.push(Reason::YourRegion(founder.region.clone()));
    } else if opportunity.remote {
        score += 20;
        reasons.push(Reason::Remote);
    }
    let text = format!("{} {}", opportunity.title, opportunity.description).to_lowercase();
    let posted: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let found: Vec<String> = skill_words(&founder.skills)
        .into_iter()
        .filter(|(_, stem)| posted.iter().any(|w| w.starts_with(stem.as_str())))
        .map(|(word, _)| word)
        .take(3)
        .collect();
    if !found.is_empty() {
        score += 10 * found.len() as u32 - 5 * u32::from(found.len() > 1);
        reasons.push(Reason::YourSkills(found));
    }
    if reasons.is_empty() {
        return None;
    }
    if !languages.is_empty() {
        score += 10;
        reasons.push(Reason::YourLanguage(languages));
    }
    Some(Fit { score: score.min(100), reasons })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::opportunity::Details;
    use proptest::prelude::*;

    fn founder() -> FounderProfile {
        FounderProfile {
            skills: "Galdnieks, krāsoju mēbeles".to_owned(),
            sectors: vec!["crafts_manufacturing".to_owned()],
            region: "latgale".to_owned(),
            languages: vec!["lv".to_owned(), "ru".to_owned()],
            ..FounderProfile::default()
        }
    }

    fn posting() -> Opportunity {
        Opportunity {
            title: "Galdnieka palīgs".to_owned(),
            description: "Krāsojam mēbeles un remontējam tās darbnīcā.".to_owned(),
            region: "latgale".to_owned(),
            remote: false,
            address: String::new(),
            starts_on: None,
            deadline: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default(),
            places: 1,
            languages: vec!["ru".to_owned()],
            sectors: vec!["crafts_manufacturing".to_owned()],
            contact_person: "Inese".to_owned(),
            details: Details::Subcontracting,
        }
    }

    fn seeker<'a>(profile: &'a FounderProfile, excluded: &'a HashSet<String>) -> Seeker<'a> {
        Seeker { profile, excluded_sectors: excluded, today: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default() }
    }

    #[test]
    fn sector_region_skills_and_language_each_give_a_reason() {
        let (profile, none) = (founder(), HashSet::new());
        let fit = assess(&seeker(&profile, &none), &posting());
        assert_eq!(
            fit.as_ref().map(|f| f.reasons.clone()).unwrap_or_default(),
            vec![
                Reason::YourSector(vec!["crafts_manufacturing".into()]),
                Reason::YourRegion("latgale".into()),
                Reason::YourSkills(vec!["galdnieks".into(), "krāsoju".into(), "mēbeles".into()]),
                Reason::YourLanguage(vec!["ru".into()]),
            ]
        );
        assert_eq!(fit.map(|f| f.score), Some(100));
    }

    #[test]
    fn hard_rules_keep_a_posting_out() {
        let profile = founder();
        let excluded: HashSet<String> = ["crafts_manufacturing".to_owned()].into();
        assert_eq!(assess(&seeker(&profile, &excluded), &posting()), None, "a sector the supervision excludes");
        let none = HashSet::new();
        let past = Opportunity { deadline: NaiveDate::from_ymd_opt(2026, 12, 6).unwrap_or_default(), ..posting() };
        assert_eq!(assess(&seeker(&profile, &none), &past), None, "past its deadline");
        let german = Opportunity { languages: vec!["de".into()], ..posting() };
        assert_eq!(assess(&seeker(&profile, &none), &german), None, "no language in common");
        let unrelated = Opportunity {
            title: "Noliktavas darbs".into(),
            description: "Kravu pārvietošana.".into(),
            region: "kurzeme".into(),
            sectors: vec!["transport_logistics".into()],
            ..posting()
        };
        assert_eq!(assess(&seeker(&profile, &none), &unrelated), None, "a shared language alone is no reason");
        let remote = Opportunity { remote: true, ..unrelated };
        assert_eq!(assess(&seeker(&profile, &none), &remote).map(|f| f.reasons[0].clone()), Some(Reason::Remote));
    }

    proptest! {
        /// Whatever the postings say, one naming an excluded sector is never suggested, and a
        /// suggestion's score stays within 0 to 100 with at least one reason.
        #[test]
        fn an_excluded_sector_is_never_suggested(
            sectors in prop::collection::vec(prop::sample::select(vec!["creative", "retail", "crafts_manufacturing", "it_digital"]), 0..4),
            remote in any::<bool>(),
            words in "[a-zāēīū ]{0,40}",
        ) {
            let profile = founder();
            let excluded: HashSet<String> = ["retail".to_owned()].into();
            let opportunity = Opportunity {
                sectors: sectors.iter().map(|s| s.to_string()).collect(),
                remote,
                description: words,
                ..posting()
            };
            if let Some(fit) = assess(&seeker(&profile, &excluded), &opportunity) {
                prop_assert!(!opportunity.sectors.iter().any(|s| s == "retail"));
                prop_assert!(fit.score <= 100 && !fit.reasons.is_empty());
            }
        }
    }
}
