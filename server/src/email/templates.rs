//! Every e-mail Tilts sends, in Latvian, English and Russian, as plain text and HTML.

use crate::domain::{Locale, moderation::Decision};

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

struct Parts<'a> {
    subject: &'a str,
    greeting: &'a str,
    body: &'a str,
    button: &'a str,
    footer: &'a str,
}

impl Email<'_> {
    /// Renders the message in `locale`.
    pub fn render(&self, locale: Locale) -> Rendered {
        let mut reason = "";
        let (name, link, parts) = match *self {
            Email::VerifyEmail { name, link } => (name, link, verify_email(locale)),
            Email::AccountExists { name, reset_link } => (name, reset_link, account_exists(locale)),
            Email::PasswordReset { name, link } => (name, link, password_reset(locale)),
            Email::StaffInvitation { name, link } => (name, link, staff_invitation(locale)),
            Email::PasswordChanged { name, reset_link } => (name, reset_link, password_changed(locale)),
            Email::PasswordWasReset { name, reset_link } => (name, reset_link, password_was_reset(locale)),
            Email::NewDeviceSignIn { name, reset_link } => (name, reset_link, new_device(locale)),
            Email::SecondFactorAdded { name, reset_link } => (name, reset_link, second_factor_added(locale)),
            Email::SecondFactorReset { name, reset_link } => (name, reset_link, second_factor_reset(locale)),
            Email::ModerationDecided { name, decision, reason: why, link } => {
                reason = why.unwrap_or_default();
                (name, link, moderation_decided(locale, decision))
            }
        };
        let greeting = parts.greeting.replace("{name}", name);
        let body = parts.body.replace("{name}", name).replace("{reason}", reason);
        let signature = signature(locale);
        let text = format!("{greeting}\n\n{body}\n\n{link}\n\n{}\n\n— {signature}\n", parts.footer);
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
            subject = html_escape::encode_text(parts.subject),
            greeting = html_escape::encode_text(&greeting),
            body = html_escape::encode_text(&body),
            link = html_escape::encode_double_quoted_attribute(link),
            link_text = html_escape::encode_text(link),
            button = html_escape::encode_text(parts.button),
            footer = html_escape::encode_text(parts.footer),
            signature = html_escape::encode_text(signature),
        );
        Rendered { subject: parts.subject.to_owned(), text, html }
    }
}

/// The sign-off: the service's full name in the recipient's language.
fn signature(locale: Locale) -> &'static str {
    match locale {
        Locale::Lv => "Tilts, Valsts probācijas dienests",
        Locale::En => "Tilts, State Probation Service of Latvia",
        Locale::Ru => "Tilts, Государственная служба пробации Латвии",
    }
}

fn verify_email(locale: Locale) -> Parts<'static> {
    match locale {
        Locale::Lv => Parts {
            subject: "Apstipriniet savu e-pasta adresi Tiltā",
            greeting: "Sveiki!",
            body: "Ar šo e-pasta adresi Tiltā ir reģistrēts konts ar vārdu „{name}”. Lai pabeigtu reģistrāciju, apstipriniet adresi, atverot šo saiti:",
            button: "Apstiprināt e-pastu",
            footer: "Saite ir derīga 24 stundas. Ja nereģistrējāties, vienkārši ignorējiet šo vēstuli.",
        },
        Locale::En => Parts {
            subject: "Confirm your e-mail address for Tilts",
            greeting: "Hello!",
            body: "An account with the name “{name}” was registered with Tilts using this e-mail address. To finish, confirm the address by opening this link:",
            button: "Confirm e-mail",
            footer: "The link works for 24 hours. If you did not register, simply ignore this message.",
        },
        Locale::Ru => Parts {
            subject: "Подтвердите адрес электронной почты для Tilts",
            greeting: "Здравствуйте!",
            body: "С этим адресом в Tilts зарегистрирована учётная запись с именем «{name}». Чтобы завершить регистрацию, подтвердите адрес, открыв эту ссылку:",
            button: "Подтвердить адрес",
            footer: "Ссылка действует 24 часа. Если вы не регистрировались, просто проигнорируйте это письмо.",
        },
    }
}

fn account_exists(locale: Locale) -> Parts<'static> {
    match locale {
        Locale::Lv => Parts {
            subject: "Jums jau ir Tilta konts",
            greeting: "Sveiki, {name}!",
            body: "Kāds mēģināja reģistrēties Tiltā ar šo e-pasta adresi, taču jums jau ir konts. Ja aizmirsāt paroli, varat iestatīt jaunu:",
            button: "Iestatīt jaunu paroli",
            footer: "Ja tas nebijāt jūs, vienkārši ignorējiet šo vēstuli: jūsu konts ir drošībā.",
        },
        Locale::En => Parts {
            subject: "You already have a Tilts account",
            greeting: "Hello, {name}!",
            body: "Someone tried to register with Tilts using this e-mail address, but you already have an account. If you forgot your password, you can set a new one:",
            button: "Set a new password",
            footer: "If this was not you, simply ignore this message: your account is safe.",
        },
        Locale::Ru => Parts {
            subject: "У вас уже есть учётная запись Tilts",
            greeting: "Здравствуйте, {name}!",
            body: "Кто-то попытался зарегистрироваться в Tilts с этим адресом, но у вас уже есть учётная запись. Если вы забыли пароль, задайте новый:",
            button: "Задать новый пароль",
            footer: "Если это были не вы, просто проигнорируйте письмо: ваша учётная запись в безопасности.",
        },
    }
}

fn password_reset(locale: Locale) -> Parts<'static> {
    match locale {
        Locale::Lv => Parts {
            subject: "Jaunas paroles iestatīšana Tiltā",
            greeting: "Sveiki, {name}!",
            body: "Mēs saņēmām pieprasījumu iestatīt jaunu paroli jūsu Tilta kontam. Atveriet šo saiti, lai izvēlētos jaunu paroli:",
            button: "Iestatīt jaunu paroli",
            footer: "Saite ir derīga 30 minūtes un darbojas vienu reizi. Ja to nepieprasījāt, ignorējiet šo vēstuli.",
        },
        Locale::En => Parts {
            subject: "Set a new password for Tilts",
            greeting: "Hello, {name}!",
            body: "We received a request to set a new password for your Tilts account. Open this link to choose a new password:",
            button: "Set a new password",
            footer: "The link works once, for 30 minutes. If you did not ask for it, ignore this message.",
        },
        Locale::Ru => Parts {
            subject: "Новый пароль для Tilts",
            greeting: "Здравствуйте, {name}!",
            body: "Мы получили запрос на смену пароля вашей учётной записи Tilts. Откройте ссылку, чтобы задать новый пароль:",
            button: "Задать новый пароль",
            footer: "Ссылка действует 30 минут и только один раз. Если вы не запрашивали смену пароля, проигнорируйте это письмо.",
        },
    }
}

fn staff_invitation(locale: Locale) -> Parts<'static> {
    match locale {
        Locale::Lv => Parts {
            subject: "Jūsu VPD darbinieka konts Tiltā",
            greeting: "Sveiki, {name}!",
            body: "Valsts probācijas dienesta administrators jums izveidoja kontu Tiltā. Atveriet šo saiti, lai iestatītu paroli:",
            button: "Iestatīt paroli",
            footer: "Saite ir derīga 72 stundas un darbojas vienu reizi.",
        },
        Locale::En => Parts {
            subject: "Your VPD staff account in Tilts",
            greeting: "Hello, {name}!",
            body: "An administrator of the State Probation Service created a Tilts account for you. Open this link to set your password:",
            button: "Set your password",
            footer: "The link works once, for 72 hours.",
        },
        Locale::Ru => Parts {
            subject: "Ваша учётная запись сотрудника VPD в Tilts",
            greeting: "Здравствуйте, {name}!",
            body: "Администратор Государственной службы пробации Латвии создал для вас учётную запись в Tilts. Откройте ссылку, чтобы задать пароль:",
            button: "Задать пароль",
            footer: "Ссылка действует 72 часа и только один раз.",
        },
    }
}

fn password_changed(locale: Locale) -> Parts<'static> {
    match locale {
        Locale::Lv => Parts {
            subject: "Jūsu Tilta parole nomainīta",
            greeting: "Sveiki, {name}!",
            body: "Jūsu Tilta konta parole tikko ir nomainīta, un visas citas ierīces ir atslēgtas. Ja to nedarījāt jūs, nekavējoties iestatiet jaunu paroli:",
            button: "Iestatīt jaunu paroli",
            footer: "Ja paroli nomainījāt jūs, nekas nav jādara.",
        },
        Locale::En => Parts {
            subject: "Your Tilts password was changed",
            greeting: "Hello, {name}!",
            body: "The password of your Tilts account was just changed, and every other device was signed out. If this was not you, set a new password now:",
            button: "Set a new password",
            footer: "If you changed it yourself, there is nothing to do.",
        },
        Locale::Ru => Parts {
            subject: "Пароль Tilts изменён",
            greeting: "Здравствуйте, {name}!",
            body: "Пароль вашей учётной записи Tilts только что изменён, на всех других устройствах выполнен выход. Если это были не вы, сразу задайте новый пароль:",
            button: "Задать новый пароль",
            footer: "Если пароль меняли вы, ничего делать не нужно.",
        },
    }
}

fn password_was_reset(locale: Locale) -> Parts<'static> {
    match locale {
        Locale::Lv => Parts {
            subject: "Jūsu Tilta parole iestatīta no jauna",
            greeting: "Sveiki, {name}!",
            body: "Jūsu Tilta kontam tikko ir iestatīta jauna parole, izmantojot saiti, kas nosūtīta uz šo adresi. Visas ierīces ir atslēgtas. Ja to nedarījāt jūs, nekavējoties iestatiet jaunu paroli:",
            button: "Iestatīt jaunu paroli",
            footer: "Ja paroli iestatījāt jūs, nekas nav jādara.",
        },
        Locale::En => Parts {
            subject: "Your Tilts password was reset",
            greeting: "Hello, {name}!",
            body: "A new password was just set for your Tilts account with a link sent to this address, and every device was signed out. If this was not you, set a new password now:",
            button: "Set a new password",
            footer: "If you set it yourself, there is nothing to do.",
        },
        Locale::Ru => Parts {
            subject: "Пароль Tilts задан заново",
            greeting: "Здравствуйте, {name}!",
            body: "Для вашей учётной записи Tilts только что задан новый пароль по ссылке, отправленной на этот адрес. На всех устройствах выполнен выход. Если это были не вы, сразу задайте новый пароль:",
            button: "Задать новый пароль",
            footer: "Если пароль задавали вы, ничего делать не нужно.",
        },
    }
}

fn new_device(locale: Locale) -> Parts<'static> {
    match locale {
        Locale::Lv => Parts {
            subject: "Pieslēgšanās Tiltam no jaunas ierīces",
            greeting: "Sveiki, {name}!",
            body: "Kāds tikko pieslēdzās jūsu Tilta kontam no pārlūka, kurā šis konts iepriekš nav lietots. Ja tas nebijāt jūs, nekavējoties iestatiet jaunu paroli:",
            button: "Iestatīt jaunu paroli",
            footer: "Ja tas bijāt jūs, nekas nav jādara.",
        },
        Locale::En => Parts {
            subject: "Sign-in to Tilts from a new device",
            greeting: "Hello, {name}!",
            body: "Someone just signed in to your Tilts account from a browser this account had not used before. If this was not you, set a new password now:",
            button: "Set a new password",
            footer: "If this was you, there is nothing to do.",
        },
        Locale::Ru => Parts {
            subject: "Вход в Tilts с нового устройства",
            greeting: "Здравствуйте, {name}!",
            body: "Только что выполнен вход в вашу учётную запись Tilts из браузера, который раньше не использовался. Если это были не вы, сразу задайте новый пароль:",
            button: "Задать новый пароль",
            footer: "Если это были вы, ничего делать не нужно.",
        },
    }
}

fn second_factor_added(locale: Locale) -> Parts<'static> {
    match locale {
        Locale::Lv => Parts {
            subject: "Tiltā ieslēgta divpakāpju pieslēgšanās",
            greeting: "Sveiki, {name}!",
            body: "Jūsu Tilta kontam tikko ir ieslēgta divpakāpju pieslēgšanās ar autentifikācijas lietotni. Ja to nedarījāt jūs, nekavējoties iestatiet jaunu paroli un sazinieties ar VPD:",
            button: "Iestatīt jaunu paroli",
            footer: "Ja to darījāt jūs, nekas nav jādara. Glabājiet atkopšanas kodus drošā vietā.",
        },
        Locale::En => Parts {
            subject: "Two-step sign-in turned on for Tilts",
            greeting: "Hello, {name}!",
            body: "Two-step sign-in with an authenticator app was just turned on for your Tilts account. If this was not you, set a new password now and contact VPD:",
            button: "Set a new password",
            footer: "If this was you, there is nothing to do. Keep your recovery codes somewhere safe.",
        },
        Locale::Ru => Parts {
            subject: "В Tilts включён двухэтапный вход",
            greeting: "Здравствуйте, {name}!",
            body: "Для вашей учётной записи Tilts только что включён двухэтапный вход с приложением-аутентификатором. Если это были не вы, сразу задайте новый пароль и свяжитесь со службой пробации:",
            button: "Задать новый пароль",
            footer: "Если это были вы, ничего делать не нужно. Храните коды восстановления в надёжном месте.",
        },
    }
}

fn second_factor_reset(locale: Locale) -> Parts<'static> {
    match locale {
        Locale::Lv => Parts {
            subject: "Jūsu Tilta divpakāpju pieslēgšanās atiestatīta",
            greeting: "Sveiki, {name}!",
            body: "VPD administrators atiestatīja jūsu divpakāpju pieslēgšanos, un visas ierīces ir atslēgtas. Nākamajā pieslēgšanās reizē to iestatīsiet no jauna. Ja to nelūdzāt, iestatiet jaunu paroli un sazinieties ar VPD:",
            button: "Iestatīt jaunu paroli",
            footer: "Ja lūdzāt atiestatīšanu, nekas cits nav jādara.",
        },
        Locale::En => Parts {
            subject: "Your Tilts two-step sign-in was reset",
            greeting: "Hello, {name}!",
            body: "A VPD administrator reset your two-step sign-in, and every device was signed out. You will set it up again at your next sign-in. If you did not ask for this, set a new password and contact VPD:",
            button: "Set a new password",
            footer: "If you asked for the reset, there is nothing else to do.",
        },
        Locale::Ru => Parts {
            subject: "Двухэтапный вход в Tilts сброшен",
            greeting: "Здравствуйте, {name}!",
            body: "Администратор службы пробации сбросил ваш двухэтапный вход, на всех устройствах выполнен выход. При следующем входе вы настроите его заново. Если вы об этом не просили, задайте новый пароль и свяжитесь со службой пробации:",
            button: "Задать новый пароль",
            footer: "Если сброс просили вы, больше ничего делать не нужно.",
        },
    }
}

/// A moderation decision, told to the person in their language (`{reason}`: staff's words).
fn moderation_decided(locale: Locale, decision: Decision) -> Parts<'static> {
    let footer = match locale {
        Locale::Lv => "Jūs saņēmāt šo e-pastu, jo jums ir konts Tiltā.",
        Locale::En => "You received this e-mail because you have a Tilts account.",
        Locale::Ru => "Вы получили это письмо, потому что у вас есть аккаунт в Tilts.",
    };
    let greeting = match locale {
        Locale::Lv => "Sveiki, {name}!",
        Locale::En => "Hello, {name}!",
        Locale::Ru => "Здравствуйте, {name}!",
    };
    let button = match locale {
        Locale::Lv => "Atvērt Tilts",
        Locale::En => "Open Tilts",
        Locale::Ru => "Открыть Tilts",
    };
    let (subject, body) = match (decision, locale) {
        (Decision::Approve, Locale::Lv) => (
            "Jūsu konts Tiltā ir apstiprināts",
            "Valsts probācijas dienests apstiprināja jūsu kontu. Tagad citi jūs var atrast Tiltā.",
        ),
        (Decision::Approve, Locale::En) => (
            "Your Tilts account is approved",
            "The State Probation Service approved your account. Others can now find you in Tilts.",
        ),
        (Decision::Approve, Locale::Ru) => (
            "Ваш аккаунт в Tilts подтверждён",
            "Государственная служба пробации подтвердила ваш аккаунт. Теперь другие могут найти вас в Tilts.",
        ),
        (Decision::Reject, Locale::Lv) => (
            "Jūsu konts Tiltā netika apstiprināts",
            "Valsts probācijas dienests šoreiz neapstiprināja jūsu kontu. Pamatojums: {reason}",
        ),
        (Decision::Reject, Locale::En) => (
            "Your Tilts account was not approved",
            "The State Probation Service did not approve your account this time. The reason: {reason}",
        ),
        (Decision::Reject, Locale::Ru) => (
            "Ваш аккаунт в Tilts не подтверждён",
            "Государственная служба пробации на этот раз не подтвердила ваш аккаунт. Причина: {reason}",
        ),
        (Decision::Suspend, Locale::Lv) => (
            "Jūsu konts Tiltā ir apturēts",
            "Valsts probācijas dienests apturēja jūsu kontu. Kamēr tas ir apturēts, citi jūs Tiltā neredz. Pamatojums: {reason}",
        ),
        (Decision::Suspend, Locale::En) => (
            "Your Tilts account is suspended",
            "The State Probation Service suspended your account. While it is suspended, others cannot find you in Tilts. The reason: {reason}",
        ),
        (Decision::Suspend, Locale::Ru) => (
            "Ваш аккаунт в Tilts приостановлен",
            "Государственная служба пробации приостановила ваш аккаунт. Пока он приостановлен, другие не видят вас в Tilts. Причина: {reason}",
        ),
        (Decision::Reinstate, Locale::Lv) => (
            "Jūsu konts Tiltā atkal ir aktīvs",
            "Valsts probācijas dienests atjaunoja jūsu kontu. Citi jūs atkal var atrast Tiltā.",
        ),
        (Decision::Reinstate, Locale::En) => (
            "Your Tilts account is active again",
            "The State Probation Service reinstated your account. Others can find you in Tilts again.",
        ),
        (Decision::Reinstate, Locale::Ru) => (
            "Ваш аккаунт в Tilts снова активен",
            "Государственная служба пробации восстановила ваш аккаунт. Другие снова могут найти вас в Tilts.",
        ),
    };
    Parts { subject, greeting, body, button, footer }
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
