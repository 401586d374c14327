"""Seed the catalogue: sections and subsections for industry and agriculture.

Each entry is (slug, English, Russian, Kazakh). Staff may add or rename categories in
admin later; this migration only creates the ones missing, by slug.
"""

from django.db import migrations

CATALOGUE = [
    (
        ("agricultural-machinery", "Agricultural machinery", "Сельхозтехника",
         "Ауыл шаруашылығы техникасы"),
        [
            ("tractors", "Tractors", "Тракторы", "Тракторлар"),
            ("combine-harvesters", "Combine harvesters", "Комбайны", "Комбайндар"),
            ("tillage-equipment", "Tillage equipment", "Почвообрабатывающая техника",
             "Топырақ өңдеу техникасы"),
            ("seeders-planters", "Seeders and planters", "Сеялки и посевные комплексы",
             "Сепкіштер мен егіс кешендері"),
            ("sprayers", "Sprayers", "Опрыскиватели", "Бүріккіштер"),
            ("forage-equipment", "Hay and forage equipment", "Кормозаготовительная техника",
             "Жем-шөп дайындау техникасы"),
        ],
    ),
    (
        ("spare-parts", "Spare parts", "Запчасти", "Қосалқы бөлшектер"),
        [
            ("tractor-combine-parts", "Parts for tractors and combines",
             "Запчасти для тракторов и комбайнов", "Тракторлар мен комбайндарға бөлшектер"),
            ("engine-parts", "Engine parts", "Запчасти двигателя", "Қозғалтқыш бөлшектері"),
            ("hydraulics", "Hydraulics", "Гидравлика", "Гидравлика"),
            ("tyres-wheels", "Tyres and wheels", "Шины и диски", "Шиналар мен дискілер"),
            ("bearings", "Bearings", "Подшипники", "Мойынтіректер"),
        ],
    ),
    (
        ("seeds", "Seeds and planting material", "Семена и посадочный материал",
         "Тұқымдар және көшет материалы"),
        [
            ("grain-seeds", "Grain seeds", "Семена зерновых", "Дәнді дақылдар тұқымы"),
            ("oilseed-seeds", "Oilseed seeds", "Семена масличных", "Майлы дақылдар тұқымы"),
            ("vegetable-seeds", "Vegetable seeds", "Семена овощей", "Көкөніс тұқымдары"),
            ("seedlings", "Seedlings and saplings", "Саженцы и рассада", "Көшеттер"),
        ],
    ),
    (
        ("fertilisers-agrochemicals", "Fertilisers and agrochemicals", "Удобрения и агрохимия",
         "Тыңайтқыштар және агрохимия"),
        [
            ("mineral-fertilisers", "Mineral fertilisers", "Минеральные удобрения",
             "Минералды тыңайтқыштар"),
            ("organic-fertilisers", "Organic fertilisers", "Органические удобрения",
             "Органикалық тыңайтқыштар"),
            ("plant-protection", "Plant protection", "Средства защиты растений",
             "Өсімдіктерді қорғау құралдары"),
        ],
    ),
    (
        ("livestock-feed", "Livestock and feed", "Животноводство и корма",
         "Мал шаруашылығы және жем"),
        [
            ("cattle", "Cattle", "Крупный рогатый скот", "Ірі қара мал"),
            ("sheep-goats", "Sheep and goats", "Овцы и козы", "Қой мен ешкі"),
            ("horses", "Horses", "Лошади", "Жылқылар"),
            ("poultry", "Poultry", "Птица", "Құс"),
            ("feed-premixes", "Feed and premixes", "Корма и премиксы", "Жем және премикстер"),
            ("veterinary", "Veterinary supplies", "Ветеринарные товары", "Ветеринарлық тауарлар"),
        ],
    ),
    (
        ("grain-produce", "Grain and produce", "Зерно и сельхозпродукция",
         "Астық және ауыл шаруашылығы өнімдері"),
        [
            ("wheat", "Wheat", "Пшеница", "Бидай"),
            ("barley", "Barley", "Ячмень", "Арпа"),
            ("oilseeds", "Oilseeds", "Масличные культуры", "Майлы дақылдар"),
            ("vegetables-fruit", "Vegetables and fruit", "Овощи и фрукты",
             "Көкөністер мен жемістер"),
            ("meat-dairy", "Meat and dairy", "Мясо и молочная продукция", "Ет және сүт өнімдері"),
        ],
    ),
    (
        ("mining-oil-gas", "Mining and oil & gas equipment",
         "Горное и нефтегазовое оборудование", "Тау-кен және мұнай-газ жабдықтары"),
        [
            ("drilling", "Drilling equipment", "Буровое оборудование", "Бұрғылау жабдықтары"),
            ("mining-equipment", "Mining equipment", "Горно-шахтное оборудование",
             "Тау-кен жабдықтары"),
            ("oilfield-equipment", "Oilfield equipment", "Нефтепромысловое оборудование",
             "Мұнай кәсіпшілігі жабдықтары"),
            ("valves-fittings", "Valves and fittings", "Запорная арматура",
             "Бекіту арматурасы"),
        ],
    ),
    (
        ("metal", "Metal and rolled products", "Металл и металлопрокат",
         "Металл және металл прокаты"),
        [
            ("rebar", "Rebar", "Арматура", "Арматура"),
            ("sheet-metal", "Sheet metal", "Листовой прокат", "Табақ прокат"),
            ("steel-pipes", "Steel pipes", "Трубы стальные", "Болат құбырлар"),
            ("beams-channels", "Beams and channels", "Балки и швеллеры",
             "Арқалықтар мен швеллерлер"),
            ("non-ferrous", "Non-ferrous metals", "Цветные металлы", "Түсті металдар"),
        ],
    ),
    (
        ("building-materials", "Building materials", "Стройматериалы", "Құрылыс материалдары"),
        [
            ("cement-mixes", "Cement and dry mixes", "Цемент и сухие смеси",
             "Цемент және құрғақ қоспалар"),
            ("bricks-blocks", "Bricks and blocks", "Кирпич и блоки", "Кірпіш және блоктар"),
            ("concrete", "Concrete and precast", "Бетон и ЖБИ", "Бетон және темірбетон"),
            ("roofing-insulation", "Roofing and insulation", "Кровля и изоляция",
             "Шатыр және оқшаулау"),
            ("timber", "Timber", "Пиломатериалы", "Ағаш материалдары"),
        ],
    ),
    (
        ("pumps-compressors", "Pumps and compressors", "Насосы и компрессоры",
         "Сорғылар мен компрессорлар"),
        [
            ("pumps", "Pumps", "Насосы", "Сорғылар"),
            ("compressors", "Compressors", "Компрессоры", "Компрессорлар"),
            ("irrigation", "Irrigation equipment", "Оборудование для орошения",
             "Суару жабдықтары"),
        ],
    ),
    (
        ("electrical", "Electrical equipment", "Электрооборудование", "Электр жабдықтары"),
        [
            ("generators", "Generators and power plants", "Генераторы и электростанции",
             "Генераторлар мен электр станциялары"),
            ("cable-wire", "Cable and wire", "Кабель и провод", "Кабель және сым"),
            ("transformers", "Transformers", "Трансформаторы", "Трансформаторлар"),
            ("electric-motors", "Electric motors", "Электродвигатели", "Электр қозғалтқыштары"),
            ("lighting", "Lighting", "Освещение", "Жарықтандыру"),
        ],
    ),
    (
        ("trucks-special-vehicles", "Trucks and special vehicles", "Грузовики и спецтехника",
         "Жүк көліктері және арнайы техника"),
        [
            ("trucks", "Trucks", "Грузовики", "Жүк көліктері"),
            ("trailers", "Trailers and semi-trailers", "Прицепы и полуприцепы",
             "Тіркемелер мен жартылай тіркемелер"),
            ("excavators-loaders", "Excavators and loaders", "Экскаваторы и погрузчики",
             "Экскаваторлар мен тиегіштер"),
            ("cranes", "Cranes", "Краны", "Крандар"),
            ("road-machinery", "Road machinery", "Дорожная техника", "Жол техникасы"),
        ],
    ),
    (
        ("services", "Services", "Услуги", "Қызметтер"),
        [
            ("transport", "Transport and logistics", "Грузоперевозки и логистика",
             "Жүк тасымалы және логистика"),
            ("repair", "Repair and maintenance", "Ремонт и обслуживание техники",
             "Техниканы жөндеу және қызмет көрсету"),
            ("construction", "Construction works", "Строительные работы", "Құрылыс жұмыстары"),
            ("agro-services", "Field works and agronomy", "Агросервис и полевые работы",
             "Агросервис және дала жұмыстары"),
            ("equipment-rental", "Equipment rental", "Аренда техники", "Техниканы жалға беру"),
        ],
    ),
]  # fmt: skip


def create_categories(apps, schema_editor):
    Category = apps.get_model("listings", "Category")
    for position, ((slug, en, ru, kk), children) in enumerate(CATALOGUE):
        section, _ = Category.objects.get_or_create(
            slug=slug,
            defaults={"name_en": en, "name_ru": ru, "name_kk": kk, "ordering": position},
        )
        for child_position, (child_slug, child_en, child_ru, child_kk) in enumerate(children):
            Category.objects.get_or_create(
                slug=child_slug,
                defaults={
                    "parent": section,
                    "name_en": child_en,
                    "name_ru": child_ru,
                    "name_kk": child_kk,
                    "ordering": child_position,
                },
            )


def delete_categories(apps, schema_editor):
    Category = apps.get_model("listings", "Category")
    children = [slug for _section, items in CATALOGUE for slug, *_names in items]
    Category.objects.filter(slug__in=children).delete()
    Category.objects.filter(slug__in=[section[0] for section, _items in CATALOGUE]).delete()


class Migration(migrations.Migration):
    dependencies = [("listings", "0002_search_postgres")]

    operations = [migrations.RunPython(create_categories, delete_categories)]
