//! Messages the server shows people, in Latvian, English and Russian.
//!
//! Each message is a match arm with all three texts, so a missing translation does not compile.

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
}

impl Message {
    /// The text in `locale`.
    pub fn text(self, locale: Locale) -> &'static str {
        let [lv, en, ru] = self.texts();
        match locale {
            Locale::Lv => lv,
            Locale::En => en,
            Locale::Ru => ru,
        }
    }

    fn texts(self) -> [&'static str; 3] {
        use Message::*;
        match self {
            Unauthenticated => ["Lūdzu, pieslēdzieties.", "Please sign in.", "Пожалуйста, войдите."],
            ReasonRequired => [
                "Ierakstiet pamatojumu: cilvēks to saņems e-pastā.",
                "Write a reason: the person receives it by e-mail.",
                "Напишите причину: человек получит её по электронной почте.",
            ],
            ReasonTooLong => [
                "Pamatojums nedrīkst būt garāks par 1000 rakstzīmēm.",
                "The reason must not be longer than 1,000 characters.",
                "Причина не должна быть длиннее 1000 символов.",
            ],
            DecisionDoesNotApply => [
                "Šis lēmums neatbilst cilvēka pašreizējam statusam. Atsvaidziniet lapu un mēģiniet vēlreiz.",
                "This decision does not fit the person's current standing. Reload the page and try again.",
                "Это решение не подходит к текущему статусу человека. Обновите страницу и попробуйте снова.",
            ],
            Forbidden => {
                ["Jums nav atļauts to darīt.", "You are not allowed to do this.", "У вас нет прав на это действие."]
            }
            NotFound => ["Nekas netika atrasts.", "Nothing was found.", "Ничего не найдено."],
            Internal => [
                "Radās kļūda mūsu pusē. Lūdzu, mēģiniet vēlreiz vēlāk.",
                "Something went wrong on our side. Please try again later.",
                "На нашей стороне произошла ошибка. Пожалуйста, попробуйте позже.",
            ],
            RateLimited => [
                "Pārāk daudz mēģinājumu. Lūdzu, pagaidiet un mēģiniet vēlreiz.",
                "Too many attempts. Please wait and try again.",
                "Слишком много попыток. Пожалуйста, подождите и попробуйте снова.",
            ],
            InvalidEmail => [
                "Ievadiet derīgu e-pasta adresi, piemēram, vards@piemers.lv.",
                "Enter a valid e-mail address, such as name@example.com.",
                "Введите правильный адрес электронной почты, например, name@example.com.",
            ],
            PasswordTooShort => [
                "Parolei jābūt vismaz 10 rakstzīmju garai.",
                "The password must be at least 10 characters long.",
                "Пароль должен содержать не менее 10 символов.",
            ],
            PasswordTooLong => [
                "Parole nedrīkst būt garāka par 128 rakstzīmēm.",
                "The password must not be longer than 128 characters.",
                "Пароль не должен быть длиннее 128 символов.",
            ],
            PasswordTooCommon => [
                "Šī parole ir pārāk vienkārša un bieži lietota. Izvēlieties citu.",
                "This password is too common. Choose another one.",
                "Этот пароль слишком распространён. Выберите другой.",
            ],
            PasswordPersonal => [
                "Parolē nedrīkst izmantot jūsu e-pasta vārdu, kā arī vārdus „Tilts” vai „VPD”. Izvēlieties citu.",
                "The password must not contain your e-mail name or the words “Tilts” and “VPD”. Choose another one.",
                "Пароль не должен содержать имя из вашего адреса почты или слова «Tilts» или «VPD». Выберите другой.",
            ],
            WrongCode => [
                "Kods nav pareizs vai jau izmantots. Ievadiet jaunāko kodu no lietotnes vai atkopšanas kodu.",
                "The code is wrong or was already used. Enter the newest code from the app, or a recovery code.",
                "Код неверный или уже использован. Введите код, который сейчас показывает приложение, или код восстановления.",
            ],
            SecondFactorExists => [
                "Divpakāpju pieslēgšanās jau ir ieslēgta.",
                "Two-step sign-in is already on.",
                "Двухэтапный вход уже включён.",
            ],
            AccountDisabled => [
                "Šis konts pašlaik nav aktīvs. Lūdzu, sazinieties ar VPD.",
                "This account is disabled. Please contact VPD.",
                "Эта учётная запись отключена. Пожалуйста, свяжитесь со службой пробации.",
            ],
            SignInExpired => [
                "Pieslēgšanās laiks ir beidzies. Lūdzu, pieslēdzieties vēlreiz.",
                "The sign-in timed out. Please sign in again.",
                "Время входа истекло. Пожалуйста, войдите снова.",
            ],
            InvalidDisplayName => {
                ["Ievadiet vārdu (1–80 rakstzīmes).", "Enter a name (1–80 characters).", "Введите имя (1–80 символов)."]
            }
            RoleNotSelfRegistrable => [
                "VPD darbinieku kontus izveido tikai administrators.",
                "VPD staff accounts are created only by an administrator.",
                "Учётные записи сотрудников VPD создаёт только администратор.",
            ],
            StaffRoleRequired => [
                "Darbinieka kontam jābūt lomai STAFF vai ADMIN.",
                "A staff account must have the role STAFF or ADMIN.",
                "Учётная запись сотрудника должна иметь роль STAFF или ADMIN.",
            ],
            InvalidCredentials => [
                "E-pasta adrese vai parole nav pareiza.",
                "Wrong e-mail or password.",
                "Неверный адрес электронной почты или пароль.",
            ],
            EmailNotVerified => [
                "Vispirms apstipriniet savu e-pasta adresi: atveriet saiti vēstulē, ko mēs nosūtījām.",
                "First confirm your e-mail address: open the link in the message we sent you.",
                "Сначала подтвердите адрес электронной почты: откройте ссылку в письме, которое мы отправили.",
            ],
            WrongCurrentPassword => [
                "Pašreizējā parole nav pareiza.",
                "The current password is not correct.",
                "Текущий пароль указан неверно.",
            ],
            TokenInvalid => [
                "Šī saite nav derīga. Pieprasiet jaunu.",
                "This link is not valid. Please request a new one.",
                "Эта ссылка недействительна. Запросите новую.",
            ],
            TokenExpired => [
                "Šīs saites derīguma termiņš ir beidzies. Pieprasiet jaunu.",
                "This link has expired. Please request a new one.",
                "Срок действия этой ссылки истёк. Запросите новую.",
            ],
            TokenUsed => [
                "Šī saite jau ir izmantota. Pieprasiet jaunu, ja nepieciešams.",
                "This link has already been used. Request a new one if you need to.",
                "Эта ссылка уже использована. При необходимости запросите новую.",
            ],
            EmailTaken => [
                "Konts ar šo e-pasta adresi jau pastāv.",
                "An account with this e-mail address already exists.",
                "Учётная запись с этим адресом электронной почты уже существует.",
            ],
            InvalidRequest => ["Pieprasījums nav derīgs.", "The request is not valid.", "Запрос недействителен."],
            TooManyAliases => [
                "Pieprasījumā ir pārāk daudz aizstājvārdu (ne vairāk kā 10).",
                "The request has too many aliases (at most 10).",
                "В запросе слишком много псевдонимов (не более 10).",
            ],
            MalformedJson => [
                "Pieprasījuma saturs nav derīgs JSON.",
                "The request body is not valid JSON.",
                "Тело запроса не является корректным JSON.",
            ],
            BatchNotSupported => [
                "Vienā pieprasījumā var sūtīt tikai vienu darbību.",
                "Send one operation per request.",
                "Отправляйте одну операцию в одном запросе.",
            ],
            UnsupportedMediaType => [
                "Pieprasījumam jābūt ar Content-Type: application/json.",
                "The request must have Content-Type: application/json.",
                "Запрос должен иметь Content-Type: application/json.",
            ],
            PayloadTooLarge => [
                "Pieprasījums ir pārāk liels (ne vairāk kā 16 KiB).",
                "The request is too large (at most 16 KiB).",
                "Запрос слишком большой (не более 16 КиБ).",
            ],
            MethodNotAllowed => ["Izmantojiet POST pieprasījumu.", "Use a POST request.", "Используйте запрос POST."],
            TooManyFields => [
                "Pieprasījumā ir pārāk daudz lauku (ne vairāk kā 300, ieskaitot atkārtotos).",
                "The request asks for too many fields (at most 300, repeated ones included).",
                "В запросе слишком много полей (не более 300, включая повторяющиеся).",
            ],
            TooDeep => [
                "Pieprasījums ir pārāk dziļi ligzdots (ne vairāk kā 8 līmeņi).",
                "The request is nested too deeply (at most 8 levels).",
                "Запрос слишком глубоко вложен (не более 8 уровней).",
            ],
            TooManyDirectives => [
                "Vienam laukam var norādīt ne vairāk kā 3 direktīvas.",
                "A field may have at most 3 directives.",
                "У одного поля может быть не более 3 директив.",
            ],
            OneMutationPerRequest => [
                "Vienā pieprasījumā var veikt tikai vienu izmaiņu: mutācijā drīkst būt tikai viens lauks.",
                "Make one change per request: a mutation may have only one field.",
                "В одном запросе можно сделать только одно изменение: в мутации допускается только одно поле.",
            ],
            TooComplex => [
                "Pieprasījums ir pārāk sarežģīts. Pieprasiet mazākas lapas vai mazāk lauku.",
                "The request is too complex. Ask for smaller pages or fewer fields.",
                "Запрос слишком сложный. Запрашивайте страницы поменьше или меньше полей.",
            ],
        }
    }
}
