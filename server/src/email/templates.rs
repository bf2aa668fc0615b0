//! Every e-mail Tilts sends, in Latvian, English and Russian, as plain text and HTML: texts from
//! the `email` sections of `locales/` in one layout.

use crate::{
    domain::{Locale, application, mentoring::Event, moderation::Decision},
    i18n::{Key, email_keys},
};

/// An e-mail to render.
pub enum Email<'a> {
    /// Confirms the address given at registration.
    VerifyEmail {
        /// The recipient's display name.
        name: &'a str,
        /// The confirmation link.
        link: &'a str,
    },
    /// Someone tried to register with an address that already has an account.
    AccountExists {
        /// The recipient's display name.
        name: &'a str,
        /// The password-reset page.
        reset_link: &'a str,
    },
    /// A password reset was requested.
    PasswordReset {
        /// The recipient's display name.
        name: &'a str,
        /// The reset link.
        link: &'a str,
    },
    /// An admin created a VPD staff account.
    StaffInvitation {
        /// The recipient's display name.
        name: &'a str,
        /// The link to set a password.
        link: &'a str,
    },
    /// A founder made their account with an officer's invitation code: confirm the address.
    /// It names nobody and says nothing about probation (the address is not proven yet).
    FounderWelcome {
        /// The confirmation link.
        link: &'a str,
    },
    /// The password was changed by the signed-in person.
    PasswordChanged {
        /// The recipient's display name.
        name: &'a str,
        /// The "forgot password" page, in case it was not them.
        reset_link: &'a str,
    },
    /// The password was set with a reset link.
    PasswordWasReset {
        /// The recipient's display name.
        name: &'a str,
        /// The "forgot password" page, in case it was not them.
        reset_link: &'a str,
    },
    /// Someone signed in from a browser the account had not used before.
    NewDeviceSignIn {
        /// The recipient's display name.
        name: &'a str,
        /// The "forgot password" page, in case it was not them.
        reset_link: &'a str,
    },
    /// A second factor was turned on.
    SecondFactorAdded {
        /// The recipient's display name.
        name: &'a str,
        /// The "forgot password" page, in case it was not them.
        reset_link: &'a str,
    },
    /// An admin removed the second factor.
    SecondFactorReset {
        /// The recipient's display name.
        name: &'a str,
        /// The "forgot password" page, in case it was not them.
        reset_link: &'a str,
    },
    /// VPD staff decided about the person's account.
    ModerationDecided {
        /// The recipient's display name.
        name: &'a str,
        /// What staff decided.
        decision: Decision,
        /// Why, for a rejection or suspension.
        reason: Option<&'a str>,
        /// The app's account page.
        link: &'a str,
    },
    /// VPD staff published or rejected an opportunity of the recipient's organisation.
    OpportunityReviewed {
        /// The recipient's display name.
        name: &'a str,
        /// The posting's title.
        title: &'a str,
        /// Published (else rejected).
        published: bool,
        /// Staff's reason, for a rejection.
        reason: Option<&'a str>,
        /// Where the organisation's postings are.
        link: &'a str,
    },
    /// An application moved: to the organisation, a founder applied or withdrew; to the
    /// founder, the organisation shortlisted, hired or declined.
    Application {
        /// The recipient's display name.
        name: &'a str,
        /// What happened.
        event: application::Event,
        /// The opportunity's title.
        title: &'a str,
        /// The other side: the founder's public name, or the organisation's.
        other: &'a str,
        /// The organisation's reason for a decline.
        reason: Option<&'a str>,
        /// The page with the application.
        link: &'a str,
    },
    /// VPD staff decided about an organisation the recipient acts for.
    OrganisationDecided {
        /// The recipient's display name.
        name: &'a str,
        /// The organisation's name.
        organisation: &'a str,
        /// What staff decided.
        decision: Decision,
        /// Why, for a rejection or suspension.
        reason: Option<&'a str>,
        /// The app's organisation page.
        link: &'a str,
    },
    /// VPD staff decided about someone the recipient invited to act for their organisation.
    RepresentativeDecided {
        /// The recipient's display name.
        name: &'a str,
        /// The organisation's name.
        organisation: &'a str,
        /// The address the recipient invited.
        email: &'a str,
        /// Approve or reject.
        decision: Decision,
        /// Why, for a rejection.
        reason: Option<&'a str>,
        /// The app's organisation page.
        link: &'a str,
    },
    /// Staff approved the recipient's address to act for an organisation: make an organisation
    /// account with it.
    RepresentativeInvited {
        /// The organisation's name.
        organisation: &'a str,
        /// The registration page.
        link: &'a str,
    },
    /// The recipient's organisation account now acts for an organisation.
    RepresentativeJoined {
        /// The organisation's name.
        organisation: &'a str,
        /// The app's organisation page.
        link: &'a str,
    },
    /// Something happened in one of the recipient's mentorships.
    Mentorship {
        /// The recipient's display name.
        name: &'a str,
        /// What happened.
        event: Event,
        /// The other side's name.
        other: &'a str,
        /// The mentor's reason for a decline, or the founder's message with a request.
        reason: Option<&'a str>,
        /// The mentorship's page.
        link: &'a str,
    },
}

/// A rendered message.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body.
    pub html: String,
}

/// The texts of one e-mail, all from one `email` group of `locales/<language>/<capability>.json`.
struct Parts {
    subject: Key,
    greeting: Key,
    body: Key,
    button: Key,
    footer: Key,
}

/// The [`Parts`] of the `email` group `$group` (`$group.subject`, `$group.greeting`, …).
macro_rules! parts {
    ($group:ident) => {
        Parts {
            subject: email_keys::$group::SUBJECT,
            greeting: email_keys::$group::GREETING,
            body: email_keys::$group::BODY,
            button: email_keys::$group::BUTTON,
            footer: email_keys::$group::FOOTER,
        }
    };
}

impl Email<'_> {
    /// Renders the message in `locale`: its texts in the one layout every e-mail shares.
    pub fn render(&self, locale: Locale) -> Rendered {
        // To an address nobody has proven: not even the signature says who runs Tilts.
        let signature = match self {
            Email::FounderWelcome { .. } => "Tilts",
            _ => email_keys::SIGNATURE.text(locale),
        };
        let mut reason = "";
        let mut organisation = "";
        let mut invited = "";
        let mut other_side = "";
        let mut posting = "";
        let (name, link, parts) = match *self {
            Email::VerifyEmail { name, link } => (name, link, parts!(verify_email)),
            Email::AccountExists { name, reset_link } => (name, reset_link, parts!(account_exists)),
            Email::PasswordReset { name, link } => (name, link, parts!(password_reset)),
            Email::StaffInvitation { name, link } => (name, link, parts!(staff_invitation)),
            Email::FounderWelcome { link } => ("", link, parts!(founder_welcome)),
            Email::PasswordChanged { name, reset_link } => (name, reset_link, parts!(password_changed)),
            Email::PasswordWasReset { name, reset_link } => (name, reset_link, parts!(password_was_reset)),
            Email::NewDeviceSignIn { name, reset_link } => (name, reset_link, parts!(new_device)),
            Email::SecondFactorAdded { name, reset_link } => (name, reset_link, parts!(second_factor_added)),
            Email::SecondFactorReset { name, reset_link } => (name, reset_link, parts!(second_factor_reset)),
            Email::ModerationDecided { name, decision, reason: why, link } => {
                reason = why.unwrap_or_default();
                let parts = match decision {
                    Decision::Approve => parts!(moderation_approve),
                    Decision::Reject => parts!(moderation_reject),
                    Decision::Suspend => parts!(moderation_suspend),
                    Decision::Reinstate => parts!(moderation_reinstate),
                };
                (name, link, parts)
            }
            Email::OrganisationDecided { name, organisation: org, decision, reason: why, link } => {
                reason = why.unwrap_or_default();
                organisation = org;
                let parts = match decision {
                    Decision::Approve => parts!(organisation_approve),
                    Decision::Reject => parts!(organisation_reject),
                    Decision::Suspend => parts!(organisation_suspend),
                    Decision::Reinstate => parts!(organisation_reinstate),
                };
                (name, link, parts)
            }
            Email::RepresentativeDecided { name, organisation: org, email, decision, reason: why, link } => {
                reason = why.unwrap_or_default();
                organisation = org;
                invited = email;
                let parts = match decision {
                    Decision::Approve => parts!(representative_approve),
                    Decision::Reject | Decision::Suspend | Decision::Reinstate => parts!(representative_reject),
                };
                (name, link, parts)
            }
            Email::RepresentativeInvited { organisation: org, link } => {
                organisation = org;
                ("", link, parts!(representative_invited))
            }
            Email::RepresentativeJoined { organisation: org, link } => {
                organisation = org;
                ("", link, parts!(representative_joined))
            }
            Email::OpportunityReviewed { name, title, published, reason: why, link } => {
                reason = why.unwrap_or_default();
                posting = title;
                (name, link, if published { parts!(opportunity_published) } else { parts!(opportunity_rejected) })
            }
            Email::Application { name, event, title, other, reason: why, link } => {
                reason = why.unwrap_or_default();
                posting = title;
                other_side = other;
                let parts = match event {
                    application::Event::Applied => parts!(application_applied),
                    application::Event::Shortlisted => parts!(application_shortlisted),
                    application::Event::Hired => parts!(application_hired),
                    application::Event::Declined => parts!(application_declined),
                    application::Event::Withdrawn => parts!(application_withdrawn),
                };
                (name, link, parts)
            }
            Email::Mentorship { name, event, other, reason: why, link } => {
                reason = why.unwrap_or_default();
                other_side = other;
                let parts = match event {
                    Event::Requested => parts!(mentorship_requested),
                    Event::Proposed => parts!(mentorship_proposed),
                    Event::Accepted => parts!(mentorship_accepted),
                    Event::Declined => parts!(mentorship_declined),
                    Event::Withdrawn => parts!(mentorship_withdrawn),
                    Event::Invalidated => parts!(mentorship_invalidated),
                    Event::Approved => parts!(mentorship_approved),
                    Event::Rejected => parts!(mentorship_rejected),
                    Event::Reminded => parts!(mentorship_reminded),
                    Event::Expired => parts!(mentorship_expired),
                    Event::Paused => parts!(mentorship_paused),
                    Event::Message => parts!(mentorship_message),
                    Event::Completed => parts!(mentorship_completed),
                    Event::Ended => parts!(mentorship_ended),
                    Event::Offered => parts!(mentorship_offered),
                    Event::OfferAccepted => parts!(mentorship_offer_accepted),
                    Event::OfferDeclined => parts!(mentorship_offer_declined),
                    Event::OfferWithdrawn => parts!(mentorship_offer_withdrawn),
                    Event::OfferExpired => parts!(mentorship_offer_expired),
                    Event::Closed => parts!(mentorship_closed),
                };
                (name, link, parts)
            }
        };
        let values = [
            ("name", name),
            ("reason", reason),
            ("organisation", organisation),
            ("email", invited),
            ("other", other_side),
            ("title", posting),
        ];
        let fill = |key: Key| crate::i18n::fill(key.text(locale), &values);
        layout(&Letter {
            locale,
            signature,
            subject: &fill(parts.subject),
            greeting: &fill(parts.greeting),
            body: &fill(parts.body),
            button: parts.button.text(locale),
            link,
            footer: &fill(parts.footer),
        })
    }
}

/// The parts of one e-mail, filled in, for [`layout`].
struct Letter<'a> {
    locale: Locale,
    signature: &'a str,
    subject: &'a str,
    greeting: &'a str,
    body: &'a str,
    button: &'a str,
    link: &'a str,
    footer: &'a str,
}

/// The one layout of every e-mail, as plain text and HTML (everything escaped there).
fn layout(letter: &Letter<'_>) -> Rendered {
    let Letter { locale, signature, subject, greeting, body, button, link, footer } = *letter;
    let text = format!("{greeting}\n\n{body}\n\n{link}\n\n{footer}\n\n— {signature}\n");
    let html = format!(
        concat!(
            "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject}</title></head>",
            "<body style=\"font-family:sans-serif;line-height:1.5;color:#1a1a1a;max-width:36em;margin:auto;padding:1em\">",
            "<p>{greeting}</p><p>{body}</p>",
            "<p><a href=\"{link}\" style=\"display:inline-block;padding:.75em 1.25em;background:#0b5394;color:#fff;",
            "text-decoration:none;border-radius:.4em\">{button}</a></p>",
            "<p style=\"font-size:.9em\">{link_text}</p><p style=\"font-size:.9em;color:#555\">{footer}</p>",
            "<p style=\"font-size:.9em;color:#555\">— {signature}</p></body></html>"
        ),
        lang = locale.code(),
        subject = html_escape::encode_text(subject),
        greeting = html_escape::encode_text(greeting),
        body = html_escape::encode_text(body),
        link = html_escape::encode_double_quoted_attribute(link),
        link_text = html_escape::encode_text(link),
        button = html_escape::encode_text(button),
        footer = html_escape::encode_text(footer),
        signature = html_escape::encode_text(signature),
    );
    Rendered { subject: subject.to_owned(), text, html }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_in_html_and_every_language_renders() {
        for locale in Locale::ALL {
            let r =
                Email::VerifyEmail { name: "<b>Anna</b>", link: "https://t.lv/verify-email?token=a&b" }.render(locale);
            assert!(r.html.contains("&lt;b&gt;Anna&lt;/b&gt;"));
            assert!(r.html.contains("token=a&amp;b"));
            assert!(r.text.contains("https://t.lv/verify-email?token=a&b"));
            assert!(!r.subject.is_empty());
        }
    }

    #[test]
    fn messages_sign_off_with_the_services_full_name_in_the_recipients_language() {
        let mail = Email::PasswordChanged { name: "Anna", reset_link: "https://t.lv/forgot-password" };
        assert!(mail.render(Locale::Lv).text.ends_with("— Tilts, Valsts probācijas dienests\n"));
        assert!(mail.render(Locale::Ru).html.contains("Государственная служба пробации Латвии"));
        assert!(!mail.render(Locale::En).text.contains("Tilts, VPD"));
    }

    #[test]
    fn a_registered_name_appears_only_quoted_never_as_the_greeting() {
        let name = "VPD: call your officer at +371 2000 0000 today";
        for locale in Locale::ALL {
            let r = Email::VerifyEmail { name, link: "https://t.lv/verify-email#token=a" }.render(locale);
            let first_line = r.text.lines().next().unwrap_or_default();
            assert!(!first_line.contains(name), "{first_line}");
            let quoted = [format!("„{name}”"), format!("“{name}”"), format!("«{name}»")];
            assert!(quoted.iter().any(|q| r.text.contains(q.as_str())), "{}", r.text);
        }
    }
}

#[cfg(test)]
mod organisation_tests {
    use super::{Decision, Email, Locale};

    #[test]
    fn every_organisation_e_mail_names_the_organisation_in_every_language() {
        let link = "https://tilts.lv/organisation";
        for locale in [Locale::Lv, Locale::En, Locale::Ru] {
            let mut mails = Vec::new();
            for decision in [Decision::Approve, Decision::Reject, Decision::Suspend, Decision::Reinstate] {
                let reason = decision.needs_reason().then_some("Nav reģistrācijas");
                mails.push(
                    Email::OrganisationDecided { name: "Ilze", organisation: "Darbnīca", decision, reason, link }
                        .render(locale),
                );
            }
            for decision in [Decision::Approve, Decision::Reject] {
                let reason = (decision == Decision::Reject).then_some("Nav reģistrācijas");
                let email = "janis@example.lv";
                mails.push(
                    Email::RepresentativeDecided {
                        name: "Ilze",
                        organisation: "Darbnīca",
                        email,
                        decision,
                        reason,
                        link,
                    }
                    .render(locale),
                );
            }
            mails.push(Email::RepresentativeInvited { organisation: "Darbnīca", link }.render(locale));
            mails.push(Email::RepresentativeJoined { organisation: "Darbnīca", link }.render(locale));
            for mail in mails {
                for part in [&mail.subject, &mail.text, &mail.html] {
                    assert!(!part.contains('{'), "{locale:?}: {part}");
                }
                assert!(mail.text.contains("Darbnīca") && mail.text.contains(link), "{locale:?}: {}", mail.text);
            }
        }
    }
}

#[cfg(test)]
mod moderation_tests {
    use super::{Decision, Email, Locale};

    #[test]
    fn every_moderation_e_mail_reads_whole_in_every_language_with_the_reason_when_there_is_one() {
        for decision in [Decision::Approve, Decision::Reject, Decision::Suspend, Decision::Reinstate] {
            for locale in [Locale::Lv, Locale::En, Locale::Ru] {
                let reason = decision.needs_reason().then_some("Trūkst reģistrācijas numura <b>");
                let mail =
                    Email::ModerationDecided { name: "Ilze", decision, reason, link: "https://tilts.lv/account" }
                        .render(locale);
                for part in [&mail.subject, &mail.text, &mail.html] {
                    assert!(!part.contains('{'), "{decision:?} {locale:?}: {part}");
                }
                assert!(mail.text.contains("Ilze") && mail.text.contains("https://tilts.lv/account"));
                if let Some(reason) = reason {
                    assert!(mail.text.contains(reason), "{decision:?} {locale:?}: {}", mail.text);
                    assert!(mail.html.contains("&lt;b&gt;") && !mail.html.contains("<b>"), "the reason is escaped");
                }
            }
        }
    }
}

#[cfg(test)]
mod mentorship_tests {
    use super::{Email, Event, Locale};

    #[test]
    fn every_mentorship_e_mail_names_the_other_side_and_links_to_the_mentorship_in_every_language() {
        let link = "https://tilts.lv/mentorship?id=00000000-0000-0000-0000-000000000007";
        for locale in Locale::ALL {
            for event in Event::ALL {
                let reason = Some("Šobrīd <nav> laika");
                let mail = Email::Mentorship { name: "Ilze", event, other: "Jānis", reason, link }.render(locale);
                for part in [&mail.subject, &mail.text, &mail.html] {
                    assert!(!part.contains('{'), "{event:?} {locale:?}: {part}");
                }
                assert!(mail.text.contains("Jānis") && mail.text.contains(link), "{event:?} {locale:?}: {}", mail.text);
                if matches!(event, Event::Declined | Event::Requested | Event::Ended) {
                    assert!(mail.text.contains("Šobrīd <nav> laika"), "{event:?} {locale:?}: {}", mail.text);
                    assert!(!mail.html.contains("<nav>"), "the reason is escaped");
                }
            }
        }
    }
}
