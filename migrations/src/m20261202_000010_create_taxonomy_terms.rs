use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(kind, code, [lv, en, ru])` in the order lists show them.
const TERMS: &[(&str, &str, [&str; 3])] = &[
    ("region", "riga", ["Rīga", "Riga", "Рига"]),
    ("region", "pieriga", ["Pierīga", "Pieriga (around Riga)", "Пририжье"]),
    ("region", "vidzeme", ["Vidzeme", "Vidzeme", "Видземе"]),
    ("region", "kurzeme", ["Kurzeme", "Kurzeme", "Курземе"]),
    ("region", "zemgale", ["Zemgale", "Zemgale", "Земгале"]),
    ("region", "latgale", ["Latgale", "Latgale", "Латгале"]),
    ("topic", "business_basics", ["Uzņēmējdarbības pamati", "Business basics", "Основы предпринимательства"]),
    ("topic", "financial_management", ["Finanšu vadība", "Financial management", "Управление финансами"]),
    ("topic", "business_plan", ["Biznesa plāns", "Business plan", "Бизнес-план"]),
    ("topic", "marketing_sales", ["Mārketings un pārdošana", "Marketing and sales", "Маркетинг и продажи"]),
    (
        "topic",
        "legal_administrative",
        [
            "Juridiskie un administratīvie jautājumi",
            "Legal and administrative matters",
            "Юридические и административные вопросы",
        ],
    ),
    ("topic", "taxes_accounting", ["Nodokļi un grāmatvedība", "Taxes and accounting", "Налоги и бухгалтерия"]),
    ("topic", "funding_grants", ["Finansējums un granti", "Funding and grants", "Финансирование и гранты"]),
    ("topic", "digital_skills", ["Digitālās prasmes", "Digital skills", "Цифровые навыки"]),
    ("topic", "hiring", ["Darbinieku pieņemšana", "Hiring people", "Наём сотрудников"]),
    ("topic", "social_impact", ["Sociālā ietekme", "Social impact", "Социальное воздействие"]),
    (
        "topic",
        "production_operations",
        ["Ražošana un ikdienas darbs", "Production and operations", "Производство и операционная работа"],
    ),
    ("topic", "personal_effectiveness", ["Personīgā efektivitāte", "Personal effectiveness", "Личная эффективность"]),
    ("sector", "food_hospitality", ["Ēdināšana un viesmīlība", "Food and hospitality", "Общепит и гостеприимство"]),
    ("sector", "construction_repair", ["Būvniecība un remonts", "Construction and repair", "Строительство и ремонт"]),
    (
        "sector",
        "crafts_manufacturing",
        ["Amatniecība un ražošana", "Crafts and manufacturing", "Ремёсла и производство"],
    ),
    (
        "sector",
        "agriculture_forestry",
        ["Lauksaimniecība un mežsaimniecība", "Agriculture and forestry", "Сельское и лесное хозяйство"],
    ),
    ("sector", "retail", ["Tirdzniecība", "Retail", "Розничная торговля"]),
    (
        "sector",
        "cleaning_maintenance",
        ["Uzkopšana un apsaimniekošana", "Cleaning and maintenance", "Уборка и обслуживание"],
    ),
    ("sector", "it_digital", ["IT un digitālie pakalpojumi", "IT and digital", "ИТ и цифровые услуги"]),
    (
        "sector",
        "care_social",
        ["Aprūpe un sociālie pakalpojumi", "Care and social services", "Уход и социальные услуги"],
    ),
    ("sector", "transport_logistics", ["Transports un loģistika", "Transport and logistics", "Транспорт и логистика"]),
    ("sector", "creative", ["Radošās nozares", "Creative industries", "Творческие индустрии"]),
    ("sector", "other", ["Cita nozare", "Other", "Другое"]),
    ("language", "lv", ["latviešu", "Latvian", "латышский"]),
    ("language", "ru", ["krievu", "Russian", "русский"]),
    ("language", "en", ["angļu", "English", "английский"]),
    ("language", "uk", ["ukraiņu", "Ukrainian", "украинский"]),
    ("language", "de", ["vācu", "German", "немецкий"]),
    ("language", "other", ["citas valodas", "other languages", "другие языки"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The shared vocabularies of profiles, filters and matching: regions, mentoring topics,
        // sectors and languages, each term with its label in the three languages.
        manager
            .create_table(
                Table::create()
                    .table(TaxonomyTerms::Table)
                    .col(string_len(TaxonomyTerms::Kind, 16))
                    .col(string_len(TaxonomyTerms::Code, 32))
                    .col(integer(TaxonomyTerms::Position))
                    .col(string_len(TaxonomyTerms::LabelLv, 100))
                    .col(string_len(TaxonomyTerms::LabelEn, 100))
                    .col(string_len(TaxonomyTerms::LabelRu, 100))
                    .primary_key(Index::create().col(TaxonomyTerms::Kind).col(TaxonomyTerms::Code))
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert();
        insert.into_table(TaxonomyTerms::Table).columns([
            TaxonomyTerms::Kind,
            TaxonomyTerms::Code,
            TaxonomyTerms::Position,
            TaxonomyTerms::LabelLv,
            TaxonomyTerms::LabelEn,
            TaxonomyTerms::LabelRu,
        ]);
        for (position, (kind, code, [lv, en, ru])) in TERMS.iter().enumerate() {
            let position = <i32 as TryFrom<usize>>::try_from(position).unwrap_or(i32::MAX);
            insert
                .values([(*kind).into(), (*code).into(), position.into(), (*lv).into(), (*en).into(), (*ru).into()])
                .map_err(|e| DbErr::Migration(e.to_string()))?;
        }
        manager.exec_stmt(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TaxonomyTerms::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum TaxonomyTerms {
    Table,
    Kind,
    Code,
    Position,
    LabelLv,
    LabelEn,
    LabelRu,
}
