//! Texts the server shows people, in Latvian, English and Russian, compiled from
//! `locales/<language>/<capability>.json` by `build.rs`: error messages (`server` sections),
//! e-mails (`email` sections) and the PWA's first paint (`app`, `staff`, `shell` sections).
//! A key used here that no file defines does not compile; a text missing in one language fails
//! the build.

use crate::domain::Locale;

/// A message a client may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// Sign-in needed.
    Unauthenticated,
    /// Signed in, but not allowed.
    Forbidden,
    /// Nothing there.
    NotFound,
    /// Something went wrong on our side.
    Internal,
    /// Too many attempts.
    RateLimited,
    /// Not an e-mail address.
    InvalidEmail,
    /// Password under the minimum length.
    PasswordTooShort,
    /// Password over the maximum length.
    PasswordTooLong,
    /// Password on the list of common passwords.
    PasswordTooCommon,
    /// Password containing the e-mail name or the service's name.
    PasswordPersonal,
    /// A wrong or already used second-factor code.
    WrongCode,
    /// Setting up a second factor that is already on.
    SecondFactorExists,
    /// The account was disabled by an admin.
    AccountDisabled,
    /// A second-factor step without a sign-in waiting for it.
    SignInExpired,
    /// Display name empty, too long or with control characters.
    InvalidDisplayName,
    /// Self-registration with a VPD role.
    RoleNotSelfRegistrable,
    /// A staff account must have a VPD role.
    StaffRoleRequired,
    /// Wrong e-mail or password (never says which).
    InvalidCredentials,
    /// Sign-in before verifying the e-mail address.
    EmailNotVerified,
    /// The current password given to change it was wrong.
    WrongCurrentPassword,
    /// The link's token is unknown.
    TokenInvalid,
    /// The link has expired.
    TokenExpired,
    /// The link was already used.
    TokenUsed,
    /// An account with this e-mail already exists.
    EmailTaken,
    /// The GraphQL request could not be understood or breaks a limit.
    InvalidRequest,
    /// More aliases than allowed in one request.
    TooManyAliases,
    /// The body is not JSON.
    MalformedJson,
    /// A JSON array of operations.
    BatchNotSupported,
    /// Not `application/json`.
    UnsupportedMediaType,
    /// Over the body size limit.
    PayloadTooLarge,
    /// Not `POST`.
    MethodNotAllowed,
    /// More field selections than allowed in one request.
    TooManyFields,
    /// Fields or fragments nested too deeply.
    TooDeep,
    /// More directives on one field than allowed.
    TooManyDirectives,
    /// A mutation request with more than one root field.
    OneMutationPerRequest,
    /// Costlier than the complexity budget (large pages of lists).
    TooComplex,
    /// A moderation decision that needs a reason got none.
    ReasonRequired,
    /// A reason longer than allowed.
    ReasonTooLong,
    /// A moderation decision that does not fit the person's standing.
    DecisionDoesNotApply,
    /// A profile without a headline.
    HeadlineRequired,
    /// A headline over its cap or on several lines.
    HeadlineTooLong,
    /// A longer profile text (business idea, bio) over its cap.
    StoryTooLong,
    /// A founder's skills over their cap.
    SkillsTooLong,
    /// A profile without a region.
    RegionRequired,
    /// A profile without a language.
    LanguagesRequired,
    /// A mentor's profile without a topic.
    ExpertiseRequired,
    /// A region, topic, sector or language that is not on the list.
    UnknownTerm,
    /// A mentor's capacity outside 1–10.
    CapacityOutOfRange,
    /// Not a phone number, or sharing a phone without one.
    InvalidPhone,
    /// Opening supervision data without saying why.
    AccessReasonRequired,
    /// A target-group record without its VPD unit.
    UnitNameRequired,
    /// A VPD unit name over its cap or on several lines.
    UnitNameTooLong,
    /// Staff notes over their cap.
    NotesTooLong,
    /// A supervising officer who is not VPD staff.
    NotAnOfficer,
    /// A no-contact person who cannot be one, or too many.
    NotAContact,
    /// An invitation code that does not exist (mistyped).
    InvitationInvalid,
    /// An invitation code used before.
    InvitationUsed,
    /// An invitation code past its 14 days.
    InvitationExpired,
    /// An organisation without a name.
    OrganisationNameRequired,
    /// An organisation name over its cap or on several lines.
    OrganisationNameTooLong,
    /// Not an 11-digit registration number.
    InvalidRegistrationNumber,
    /// An organisation without a sector.
    SectorsRequired,
    /// Not a website address.
    InvalidWebsite,
    /// Another organisation in Tilts has this registration number.
    RegistrationNumberTaken,
    /// Inviting representatives before staff approved the organisation.
    OrganisationNotApproved,
    /// An address already invited to (or acting for) the organisation.
    AlreadyInvited,
    /// A request without a message.
    MentorshipMessageRequired,
    /// A request's message over its cap.
    MentorshipMessageTooLong,
    /// A fourth request while three wait for answers.
    TooManyOpenRequests,
    /// The mentor offered already: answer the offer.
    OfferWaiting,
    /// A mentor's offers waiting for answers are at the limit.
    TooManyOpenOffers,
    /// The founder is not looking for a mentor.
    FounderNotSeeking,
    /// A second offer to the same founder.
    AlreadyOffered,
    /// A mentor who cannot take this founder now offers anyway.
    CannotOffer,
    /// A representative asks for a mentor without an approved NGO to ask for.
    NgoRequired,
    /// An opportunity refusal: opportunity required.
    OpportunityRequired,
    /// An opportunity refusal: opportunity too long.
    OpportunityTooLong,
    /// An opportunity refusal: opportunity out of range.
    OpportunityOutOfRange,
    /// An opportunity refusal: opportunity bad date.
    OpportunityBadDate,
    /// An opportunity refusal: opportunity unknown term.
    OpportunityUnknownTerm,
    /// An opportunity refusal: opportunity not of this kind.
    OpportunityNotOfThisKind,
    /// An opportunity refusal: opportunity moved on.
    OpportunityMovedOn,
    /// An opportunity refusal: opportunity not editable.
    OpportunityNotEditable,
    /// An opportunity refusal: opportunity reason required.
    OpportunityReasonRequired,
    /// An opportunity refusal: opportunity organisation not approved.
    OpportunityOrganisationNotApproved,
    /// The opportunity no longer takes applications.
    ApplicationClosed,
    /// The founder applied already.
    ApplicationExists,
    /// The application moved on meanwhile.
    ApplicationMovedOn,
    /// A decline needs a reason.
    ApplicationReasonRequired,
    /// An application needs a message.
    ApplicationMessageRequired,
    /// The message is too long.
    ApplicationMessageTooLong,
    /// Sharing a phone number the profile does not have.
    ApplicationNoPhone,
    /// Letting a mentor see applications without having a mentor.
    ApplicationNoMentor,
    /// An attested count below 0 or too large.
    EmployedCountOutOfRange,
    /// A second open request to the same mentor.
    AlreadyRequested,
    /// A request while a mentorship runs or waits for staff.
    AlreadyMentored,
    /// A mentor with no place, paused, or without a common language.
    MentorUnavailable,
    /// Accepting or approving beyond the mentor's places.
    MentorFull,
    /// Requesting a mentor without a profile.
    FounderProfileRequired,
    /// A mentorship step from a status it has left.
    MentorshipMovedOn,
    /// Declining a request without a reason.
    DeclineReasonRequired,
    /// A staff proposal the founder's supervision rules out.
    SupervisionConflict,
    /// Recommendations before the founder saved a profile.
    ProfileRequiredForRecommendations,
    /// Rejecting a match without a note.
    ReviewNoteRequired,
    /// An empty message.
    MessageRequired,
    /// A message over its cap.
    MessageTooLong,
    /// A goal without a title.
    TitleRequired,
    /// A text over its cap.
    TextTooLong,
    /// A session without a topic.
    TopicRequired,
    /// A session's minutes outside 1 to 600.
    SessionMinutesOutOfRange,
    /// A session dated after today.
    SessionInFuture,
    /// A rating outside 1 to 5.
    RatingOutOfRange,
    /// Ending early without a reason.
    EndReasonRequired,
    /// Writing in a mentorship that is not running.
    MentorshipNotActive,
    /// The fit check before any session.
    NoSessionYet,
    /// A second answer to the same question.
    AlreadyAnswered,
}

impl Message {
    /// The text in `locale`.
    pub fn text(self, locale: Locale) -> &'static str {
        self.key().text(locale)
    }

    fn key(self) -> Key {
        use Message::*;
        match self {
            Unauthenticated => message_keys::UNAUTHENTICATED,
            Forbidden => message_keys::FORBIDDEN,
            NotFound => message_keys::NOT_FOUND,
            Internal => message_keys::INTERNAL,
            RateLimited => message_keys::RATE_LIMITED,
            InvalidEmail => message_keys::INVALID_EMAIL,
            PasswordTooShort => message_keys::PASSWORD_TOO_SHORT,
            PasswordTooLong => message_keys::PASSWORD_TOO_LONG,
            PasswordTooCommon => message_keys::PASSWORD_TOO_COMMON,
            PasswordPersonal => message_keys::PASSWORD_PERSONAL,
            WrongCode => message_keys::WRONG_CODE,
            SecondFactorExists => message_keys::SECOND_FACTOR_EXISTS,
            AccountDisabled => message_keys::ACCOUNT_DISABLED,
            SignInExpired => message_keys::SIGN_IN_EXPIRED,
            InvalidDisplayName => message_keys::INVALID_DISPLAY_NAME,
            RoleNotSelfRegistrable => message_keys::ROLE_NOT_SELF_REGISTRABLE,
            StaffRoleRequired => message_keys::STAFF_ROLE_REQUIRED,
            InvalidCredentials => message_keys::INVALID_CREDENTIALS,
            EmailNotVerified => message_keys::EMAIL_NOT_VERIFIED,
            WrongCurrentPassword => message_keys::WRONG_CURRENT_PASSWORD,
            TokenInvalid => message_keys::TOKEN_INVALID,
            TokenExpired => message_keys::TOKEN_EXPIRED,
            TokenUsed => message_keys::TOKEN_USED,
            EmailTaken => message_keys::EMAIL_TAKEN,
            InvalidRequest => message_keys::INVALID_REQUEST,
            TooManyAliases => message_keys::TOO_MANY_ALIASES,
            MalformedJson => message_keys::MALFORMED_JSON,
            BatchNotSupported => message_keys::BATCH_NOT_SUPPORTED,
            UnsupportedMediaType => message_keys::UNSUPPORTED_MEDIA_TYPE,
            PayloadTooLarge => message_keys::PAYLOAD_TOO_LARGE,
            MethodNotAllowed => message_keys::METHOD_NOT_ALLOWED,
            TooManyFields => message_keys::TOO_MANY_FIELDS,
            TooDeep => message_keys::TOO_DEEP,
            TooManyDirectives => message_keys::TOO_MANY_DIRECTIVES,
            OneMutationPerRequest => message_keys::ONE_MUTATION_PER_REQUEST,
            TooComplex => message_keys::TOO_COMPLEX,
            ReasonRequired => message_keys::REASON_REQUIRED,
            ReasonTooLong => message_keys::REASON_TOO_LONG,
            DecisionDoesNotApply => message_keys::DECISION_DOES_NOT_APPLY,
            HeadlineRequired => message_keys::HEADLINE_REQUIRED,
            HeadlineTooLong => message_keys::HEADLINE_TOO_LONG,
            StoryTooLong => message_keys::STORY_TOO_LONG,
            SkillsTooLong => message_keys::SKILLS_TOO_LONG,
            RegionRequired => message_keys::REGION_REQUIRED,
            LanguagesRequired => message_keys::LANGUAGES_REQUIRED,
            ExpertiseRequired => message_keys::EXPERTISE_REQUIRED,
            UnknownTerm => message_keys::UNKNOWN_TERM,
            CapacityOutOfRange => message_keys::CAPACITY_OUT_OF_RANGE,
            InvalidPhone => message_keys::INVALID_PHONE,
            AccessReasonRequired => message_keys::ACCESS_REASON_REQUIRED,
            UnitNameRequired => message_keys::UNIT_NAME_REQUIRED,
            UnitNameTooLong => message_keys::UNIT_NAME_TOO_LONG,
            NotesTooLong => message_keys::NOTES_TOO_LONG,
            NotAnOfficer => message_keys::NOT_AN_OFFICER,
            NotAContact => message_keys::NOT_A_CONTACT,
            InvitationInvalid => message_keys::INVITATION_INVALID,
            InvitationUsed => message_keys::INVITATION_USED,
            InvitationExpired => message_keys::INVITATION_EXPIRED,
            OrganisationNameRequired => message_keys::ORGANISATION_NAME_REQUIRED,
            OrganisationNameTooLong => message_keys::ORGANISATION_NAME_TOO_LONG,
            InvalidRegistrationNumber => message_keys::INVALID_REGISTRATION_NUMBER,
            SectorsRequired => message_keys::SECTORS_REQUIRED,
            InvalidWebsite => message_keys::INVALID_WEBSITE,
            RegistrationNumberTaken => message_keys::REGISTRATION_NUMBER_TAKEN,
            OrganisationNotApproved => message_keys::ORGANISATION_NOT_APPROVED,
            AlreadyInvited => message_keys::ALREADY_INVITED,
            MentorshipMessageRequired => message_keys::MENTORSHIP_MESSAGE_REQUIRED,
            MentorshipMessageTooLong => message_keys::MENTORSHIP_MESSAGE_TOO_LONG,
            TooManyOpenRequests => message_keys::TOO_MANY_OPEN_REQUESTS,
            OfferWaiting => message_keys::OFFER_WAITING,
            TooManyOpenOffers => message_keys::TOO_MANY_OPEN_OFFERS,
            FounderNotSeeking => message_keys::FOUNDER_NOT_SEEKING,
            AlreadyOffered => message_keys::ALREADY_OFFERED,
            CannotOffer => message_keys::CANNOT_OFFER,
            NgoRequired => message_keys::NGO_REQUIRED,
            OpportunityRequired => message_keys::OPPORTUNITY_REQUIRED,
            OpportunityTooLong => message_keys::OPPORTUNITY_TOO_LONG,
            OpportunityOutOfRange => message_keys::OPPORTUNITY_OUT_OF_RANGE,
            OpportunityBadDate => message_keys::OPPORTUNITY_BAD_DATE,
            OpportunityUnknownTerm => message_keys::OPPORTUNITY_UNKNOWN_TERM,
            OpportunityNotOfThisKind => message_keys::OPPORTUNITY_NOT_OF_THIS_KIND,
            OpportunityMovedOn => message_keys::OPPORTUNITY_MOVED_ON,
            OpportunityNotEditable => message_keys::OPPORTUNITY_NOT_EDITABLE,
            OpportunityReasonRequired => message_keys::OPPORTUNITY_REASON_REQUIRED,
            OpportunityOrganisationNotApproved => message_keys::OPPORTUNITY_ORGANISATION_NOT_APPROVED,
            ApplicationClosed => message_keys::APPLICATION_CLOSED,
            ApplicationExists => message_keys::APPLICATION_EXISTS,
            ApplicationMovedOn => message_keys::APPLICATION_MOVED_ON,
            ApplicationReasonRequired => message_keys::APPLICATION_REASON_REQUIRED,
            ApplicationMessageRequired => message_keys::APPLICATION_MESSAGE_REQUIRED,
            ApplicationMessageTooLong => message_keys::APPLICATION_MESSAGE_TOO_LONG,
            ApplicationNoPhone => message_keys::APPLICATION_NO_PHONE,
            ApplicationNoMentor => message_keys::APPLICATION_NO_MENTOR,
            EmployedCountOutOfRange => message_keys::EMPLOYED_COUNT_OUT_OF_RANGE,
            AlreadyRequested => message_keys::ALREADY_REQUESTED,
            AlreadyMentored => message_keys::ALREADY_MENTORED,
            MentorUnavailable => message_keys::MENTOR_UNAVAILABLE,
            MentorFull => message_keys::MENTOR_FULL,
            FounderProfileRequired => message_keys::FOUNDER_PROFILE_REQUIRED,
            MentorshipMovedOn => message_keys::MENTORSHIP_MOVED_ON,
            DeclineReasonRequired => message_keys::DECLINE_REASON_REQUIRED,
            SupervisionConflict => message_keys::SUPERVISION_CONFLICT,
            ProfileRequiredForRecommendations => message_keys::PROFILE_REQUIRED_FOR_RECOMMENDATIONS,
            ReviewNoteRequired => message_keys::REVIEW_NOTE_REQUIRED,
            MessageRequired => message_keys::MESSAGE_REQUIRED,
            MessageTooLong => message_keys::MESSAGE_TOO_LONG,
            TitleRequired => message_keys::TITLE_REQUIRED,
            TextTooLong => message_keys::TEXT_TOO_LONG,
            TopicRequired => message_keys::TOPIC_REQUIRED,
            SessionMinutesOutOfRange => message_keys::SESSION_MINUTES_OUT_OF_RANGE,
            SessionInFuture => message_keys::SESSION_IN_FUTURE,
            RatingOutOfRange => message_keys::RATING_OUT_OF_RANGE,
            EndReasonRequired => message_keys::END_REASON_REQUIRED,
            MentorshipNotActive => message_keys::MENTORSHIP_NOT_ACTIVE,
            NoSessionYet => message_keys::NO_SESSION_YET,
            AlreadyAnswered => message_keys::ALREADY_ANSWERED,
        }
    }
}

/// `text` with each `{name}` of `values` replaced by its value, in one pass: a value that
/// itself holds `{…}` (a name someone typed) is never filled in again.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let value = after.find('}').and_then(|end| {
            let name = &after[..end];
            values.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v, end))
        });
        match value {
            Some((value, end)) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A text of one section (see [`message_keys`], [`email_keys`]): its table and its place there.
#[derive(Clone, Copy, Debug)]
pub struct Key(&'static [&'static [&'static str]; 3], u16);

impl Key {
    /// The text in `locale`.
    pub fn text(self, locale: Locale) -> &'static str {
        let table = self.0[locale_index(locale)];
        table.get(usize::from(self.1)).copied().unwrap_or_default()
    }
}

fn locale_index(locale: Locale) -> usize {
    match locale {
        Locale::Lv => 0,
        Locale::En => 1,
        Locale::Ru => 2,
    }
}

/// The text of `key` in `locale` from one of the by-name tables ([`APP_TEXTS`], [`STAFF_TEXTS`],
/// [`SHELL_TEXTS`]); empty when there is none.
pub fn named(table: &[(&str, [&'static str; 3])], locale: Locale, key: &str) -> &'static str {
    table
        .binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .and_then(|n| table.get(n))
        .map(|(_, texts)| texts[locale_index(locale)])
        .unwrap_or_default()
}

include!(concat!(env!("OUT_DIR"), "/texts.rs"));

/// Plural forms, the same table and rule as the phone app's.
#[path = "../../frontend/src/i18n/plural.rs"]
pub mod plural;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_once_and_unknown_ones_stay() {
        let values = [("organisation", "Darbnīca {email}"), ("email", "ilze@example.lv")];
        assert_eq!(fill("„{organisation}”: {email}, {other}", &values), "„Darbnīca {email}”: ilze@example.lv, {other}");
        assert_eq!(fill("{", &values), "{");
    }

    #[test]
    fn messages_and_named_texts_are_found_in_every_language() {
        assert_eq!(Message::NotFound.text(Locale::En), "Nothing was found.");
        assert_eq!(Message::NotFound.text(Locale::Ru), "Ничего не найдено.");
        assert_eq!(named(APP_TEXTS, Locale::En, "nav.home"), "Home");
        assert_eq!(named(APP_TEXTS, Locale::En, "no.such.key"), "");
        assert!(APP_TEXTS.windows(2).all(|w| w[0].0 < w[1].0), "sorted for the binary search");
    }
}
