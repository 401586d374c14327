# ruff: noqa: E501 (the catalogue table below reads best one category per block)
"""Realistic fake listings for demo data (`manage.py seed_demo`) and benchmarks (`bench/seed.py`).

Words follow the shape of a real catalogue: a few generic words (delivery, VAT, stock) sit
in most descriptions, product nouns belong to one category each, and brand or model names
are rare; within a category the first products are the most common (Zipf-like weights).
About three listings in four are in Russian, the rest in English (the benchmarks' mix);
the demo data asks for Russian only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from accounts.regions import Region
from accounts.validators import check_digit


@dataclass(frozen=True)
class Spec:
    unit: str
    price: tuple[int, int]
    used_share: float
    nouns: tuple[tuple[str, str], ...]
    variants: tuple[str, ...]
    min_order: tuple[int, int] = (1, 1)
    on_request_share: float = 0.08


MACHINE = 0.45
S = Spec
# slug → what is sold there: (Russian, English) nouns, then models, sizes or grades.
SPECS: dict[str, Spec] = {
    "tractors": S("piece", (4_000_000, 95_000_000), MACHINE,
                  (("Трактор", "Tractor"), ("Трактор колёсный", "Wheel tractor"),
                   ("Мини-трактор", "Compact tractor")),
                  ("МТЗ-82.1 Беларус", "МТЗ-1221", "Кировец К-744", "John Deere 8R 340",
                   "New Holland T8.390", "Case IH Magnum 340", "ХТЗ-17221", "Deutz-Fahr 6215",
                   "Claas Axion 850", "Buhler Versatile 2375")),
    "combine-harvesters": S("piece", (15_000_000, 180_000_000), MACHINE,
                            (("Комбайн зерноуборочный", "Combine harvester"),
                             ("Комбайн", "Combine")),
                            ("Acros 595 Plus", "Vector 450", "Essil 760", "John Deere S780",
                             "Claas Lexion 770", "New Holland CR8.90", "Torum 785")),
    "tillage-equipment": S("piece", (800_000, 30_000_000), MACHINE,
                           (("Культиватор", "Cultivator"), ("Борона дисковая", "Disc harrow"),
                            ("Плуг оборотный", "Reversible plough"), ("Глубокорыхлитель", "Subsoiler")),
                           ("КПС-4", "БДМ-6х4", "Lemken Rubin 9", "Horsch Joker 6", "ПЛН-5-35",
                            "Amazone Catros 6001", "Kuhn Discover")),
    "seeders-planters": S("piece", (1_500_000, 60_000_000), MACHINE,
                          (("Сеялка", "Seeder"), ("Посевной комплекс", "Seeding complex"),
                           ("Сеялка точного высева", "Precision planter")),
                          ("СЗП-3,6", "Bourgault 3320", "Horsch Pronto 9 DC", "John Deere 1890",
                           "Amazone Condor", "Дон-114", "Great Plains 2S-2600")),
    "sprayers": S("piece", (600_000, 45_000_000), MACHINE,
                  (("Опрыскиватель", "Sprayer"), ("Опрыскиватель самоходный", "Self-propelled sprayer")),
                  ("ОП-2000", "Amazone UX 5201", "Hardi Navigator 4000", "John Deere R4040i",
                   "Туман-3", "Kuhn Metris 4102")),
    "forage-equipment": S("piece", (500_000, 25_000_000), MACHINE,
                          (("Пресс-подборщик", "Baler"), ("Косилка", "Mower"),
                           ("Грабли-ворошилки", "Hay rake")),
                          ("ПРФ-180", "Krone Comprima", "Claas Rollant 375", "КРН-2,1",
                           "New Holland BR7070", "Kuhn GA 8030")),
    "tractor-combine-parts": S("piece", (3_000, 900_000), 0.15,
                               (("Запчасти для комбайна", "Combine parts"),
                                ("Ремень вариатора", "Variator belt"), ("Нож режущего аппарата", "Cutter knife"),
                                ("Палец жатки", "Header finger"), ("Муфта сцепления", "Clutch")),
                               ("Acros", "Vector", "John Deere", "Claas", "МТЗ", "Кировец", "Essil"),
                               (1, 10)),
    "engine-parts": S("piece", (5_000, 1_500_000), 0.1,
                      (("Поршневая группа", "Piston kit"), ("Турбокомпрессор", "Turbocharger"),
                       ("Топливный насос высокого давления", "Injection pump"),
                       ("Прокладка ГБЦ", "Head gasket"), ("Фильтр масляный", "Oil filter")),
                      ("ЯМЗ-238", "Д-240", "ЯМЗ-7511", "Cummins QSX15", "Deutz TCD", "Mercedes OM 906",
                       "КамАЗ 740")),
    "hydraulics": S("piece", (8_000, 2_500_000), 0.1,
                    (("Гидроцилиндр", "Hydraulic cylinder"), ("Гидронасос", "Hydraulic pump"),
                     ("Гидрораспределитель", "Control valve"), ("РВД", "Hydraulic hose")),
                    ("НШ-32", "НШ-50", "Р-80", "ГЦ 80х400", "Bosch Rexroth A10VO", "Sauer-Danfoss 90R"),
                    (1, 20)),
    "tyres-wheels": S("piece", (40_000, 3_000_000), 0.1,
                      (("Шина", "Tyre"), ("Шина сельскохозяйственная", "Agricultural tyre"),
                       ("Диск колёсный", "Wheel rim")),
                      ("18.4R38", "710/70R42", "620/70R42", "Белшина Ф-2А", "Michelin AxioBib",
                       "Alliance 372", "30.5L-32"),
                      (1, 8)),
    "bearings": S("piece", (1_000, 400_000), 0.0,
                  (("Подшипник", "Bearing"), ("Подшипник роликовый", "Roller bearing")),
                  ("6205", "6308", "22220", "SKF 6310", "FAG 22320", "ГПЗ 7315", "NSK 32214"),
                  (1, 100)),
    "grain-seeds": S("tonne", (120_000, 900_000), 0.0,
                     (("Семена пшеницы", "Wheat seed"), ("Семена ячменя", "Barley seed"),
                      ("Семена овса", "Oat seed")),
                     ("Астана", "Шортандинская 95", "Акмола 2", "элита", "суперэлита",
                      "1-я репродукция", "Карабалыкская 90"),
                     (1, 50)),
    "oilseed-seeds": S("kg", (900, 25_000), 0.0,
                       (("Семена подсолнечника", "Sunflower seed"), ("Семена рапса", "Rapeseed seed"),
                        ("Семена льна", "Flax seed")),
                       ("гибрид НК Брио", "Pioneer P64LE25", "Syngenta Сумико", "LG 5580",
                        "Лирина", "Кустанайский 19"),
                       (50, 1000)),
    "vegetable-seeds": S("kg", (2_000, 150_000), 0.0,
                         (("Семена картофеля", "Seed potatoes"), ("Семена томата", "Tomato seeds"),
                          ("Семена лука", "Onion seeds"), ("Семена моркови", "Carrot seeds")),
                         ("Гала", "Ред Скарлетт", "Невский", "Розара", "F1 Полбиг", "Штутгартер"),
                         (1, 500)),
    "seedlings": S("piece", (500, 25_000), 0.0,
                   (("Саженцы яблони", "Apple saplings"), ("Саженцы вишни", "Cherry saplings"),
                    ("Рассада томатов", "Tomato seedlings")),
                   ("Апорт", "Алматинский", "Голден Делишес", "однолетки", "двухлетки"),
                   (10, 500)),
    "mineral-fertilisers": S("tonne", (90_000, 450_000), 0.0,
                             (("Аммофос", "Ammophos"), ("Карбамид", "Urea"),
                              ("Аммиачная селитра", "Ammonium nitrate"), ("Сульфат аммония", "Ammonium sulphate"),
                              ("Суперфосфат", "Superphosphate")),
                             ("марка 12:52", "N 46,2%", "N 34,4%", "биг-бэг 1 т", "мешки 50 кг",
                              "КазАзот", "Казфосфат"),
                             (1, 60)),
    "organic-fertilisers": S("tonne", (15_000, 120_000), 0.0,
                             (("Перегной", "Humus"), ("Биогумус", "Vermicompost"),
                              ("Куриный помёт гранулированный", "Pelleted chicken manure")),
                             ("навалом", "в мешках", "с доставкой", "сухой", "гранулы"),
                             (1, 40)),
    "plant-protection": S("litre", (2_500, 60_000), 0.0,
                          (("Гербицид", "Herbicide"), ("Фунгицид", "Fungicide"), ("Инсектицид", "Insecticide"),
                           ("Протравитель семян", "Seed treatment")),
                          ("Раундап", "Гранстар", "Тилт", "Децис", "Дифезан", "Balerina", "Kinto Duo"),
                          (5, 1000)),
    "cattle": S("piece", (250_000, 1_500_000), 0.0,
                (("Бычки на откорм", "Feeder steers"), ("Тёлки племенные", "Breeding heifers"),
                 ("Коровы дойные", "Dairy cows")),
                ("казахская белоголовая", "ангус", "герефорд", "голштинская", "симментальская",
                 "аулиекольская"),
                (1, 50)),
    "sheep-goats": S("piece", (45_000, 250_000), 0.0,
                     (("Овцы", "Sheep"), ("Ягнята", "Lambs"), ("Козы", "Goats")),
                     ("едильбаевская", "казахская курдючная", "гиссарская", "зааненская",
                      "меринос"),
                     (5, 200)),
    "horses": S("piece", (300_000, 3_000_000), 0.0,
                (("Лошади", "Horses"), ("Жеребята", "Foals"), ("Кобылы", "Mares")),
                ("кушумская", "мугалжарская", "джабе", "адаевская", "ахалтекинская"),
                (1, 20)),
    "poultry": S("piece", (300, 8_000), 0.0,
                 (("Цыплята бройлеры", "Broiler chicks"), ("Куры-несушки", "Laying hens"),
                  ("Индюшата", "Turkey poults")),
                 ("Кобб-500", "Росс-308", "Ломан Браун", "Хайсекс", "Биг-6"),
                 (50, 5000)),
    "feed-premixes": S("tonne", (60_000, 600_000), 0.0,
                       (("Комбикорм", "Compound feed"), ("Отруби пшеничные", "Wheat bran"),
                        ("Премикс", "Premix"), ("Сено люцерны", "Alfalfa hay"), ("Жмых подсолнечный", "Sunflower cake")),
                       ("для КРС", "для птицы", "для свиней", "в тюках", "гранулированный",
                        "ПК-60", "1%"),
                       (1, 30)),
    "veterinary": S("piece", (500, 120_000), 0.0,
                    (("Вакцина", "Vaccine"), ("Ветеринарный препарат", "Veterinary medicine"),
                     ("Ушные бирки", "Ear tags")),
                    ("против ящура", "Ивермек", "Нитокс 200", "Biocan", "для КРС", "для МРС"),
                    (1, 500)),
    "wheat": S("tonne", (75_000, 160_000), 0.0,
               (("Пшеница", "Wheat"), ("Пшеница продовольственная", "Milling wheat"),
                ("Пшеница фуражная", "Feed wheat")),
               ("3 класс", "4 класс", "5 класс", "клейковина 23%", "клейковина 28%", "твёрдая"),
               (20, 500)),
    "barley": S("tonne", (55_000, 110_000), 0.0,
                (("Ячмень", "Barley"), ("Ячмень пивоваренный", "Malting barley"),
                 ("Ячмень фуражный", "Feed barley")),
                ("урожай текущего года", "влажность 13%", "ГОСТ 28672", "навалом"),
                (20, 500)),
    "oilseeds": S("tonne", (150_000, 320_000), 0.0,
                  (("Подсолнечник", "Sunflower seeds"), ("Рапс", "Rapeseed"), ("Лён масличный", "Linseed"),
                   ("Сафлор", "Safflower")),
                  ("масличность 48%", "сорная примесь до 3%", "урожай текущего года", "навалом"),
                  (20, 300)),
    "vegetables-fruit": S("kg", (80, 1_500), 0.0,
                          (("Картофель", "Potatoes"), ("Лук репчатый", "Onions"), ("Морковь", "Carrots"),
                           ("Яблоки", "Apples"), ("Капуста белокочанная", "White cabbage")),
                          ("оптом", "калибр 5+", "из хранилища", "урожай текущего года", "сетки 25 кг"),
                          (500, 20_000)),
    "meat-dairy": S("kg", (300, 6_000), 0.0,
                    (("Говядина", "Beef"), ("Баранина", "Mutton"), ("Конина", "Horse meat"),
                     ("Молоко сырое", "Raw milk"), ("Сыр", "Cheese")),
                    ("в тушах", "охлаждённая", "заморозка", "жирность 3,6%", "халал"),
                    (50, 5000)),
    "drilling": S("piece", (500_000, 400_000_000), MACHINE,
                  (("Буровая установка", "Drilling rig"), ("Буровое долото", "Drill bit"),
                   ("Бурильная труба", "Drill pipe")),
                  ("УРБ-2А2", "ZJ40", "БУ-3000", "PDC 215,9 мм", "Atlas Copco D65", "Sandvik DP1500i"),
                  (1, 5)),
    "mining-equipment": S("piece", (800_000, 600_000_000), MACHINE,
                          (("Дробилка щековая", "Jaw crusher"), ("Мельница шаровая", "Ball mill"),
                           ("Грохот вибрационный", "Vibrating screen"), ("Самосвал карьерный", "Mining dump truck")),
                          ("СМД-110", "МШЦ 3600х5500", "Metso C120", "БелАЗ 7555", "Komatsu HD785",
                           "ГИЛ-52")),
    "oilfield-equipment": S("piece", (150_000, 250_000_000), 0.3,
                            (("Станок-качалка", "Pumpjack"), ("Насос ЭЦН", "ESP pump"),
                             ("Превентор", "Blowout preventer"), ("Сепаратор нефтегазовый", "Oil and gas separator")),
                            ("ПШГН 8-3-5500", "ЭЦН5-80", "ППГ 230х35", "Schlumberger REDA", "НГС-1,6"),
                            (1, 10)),
    "valves-fittings": S("piece", (4_000, 2_000_000), 0.05,
                         (("Задвижка клиновая", "Gate valve"), ("Кран шаровой", "Ball valve"),
                          ("Фланец", "Flange"), ("Отвод стальной", "Steel elbow")),
                         ("Ду 50", "Ду 100", "Ду 150", "Ру 16", "Ру 40", "30с41нж", "ГОСТ 17375"),
                         (1, 200)),
    "rebar": S("tonne", (280_000, 420_000), 0.0,
               (("Арматура", "Rebar"), ("Арматура рифлёная", "Deformed rebar")),
               ("А500С Ø10 мм", "А500С Ø12 мм", "А500С Ø16 мм", "А-III Ø20 мм", "A400 Ø8 мм",
                "ГОСТ 34028", "бухта", "11,7 м"),
               (1, 60)),
    "sheet-metal": S("tonne", (330_000, 650_000), 0.0,
                     (("Лист горячекатаный", "Hot-rolled sheet"), ("Лист оцинкованный", "Galvanized sheet"),
                      ("Профнастил", "Corrugated sheet"), ("Лист нержавеющий", "Stainless sheet")),
                     ("3 мм", "5 мм", "10 мм", "0,5 мм", "С8", "НС35", "AISI 304", "Ст3сп"),
                     (1, 40)),
    "steel-pipes": S("tonne", (320_000, 700_000), 0.05,
                     (("Труба стальная", "Steel pipe"), ("Труба профильная", "Profile tube"),
                      ("Труба электросварная", "Welded pipe")),
                     ("57х3,5", "108х4", "159х6", "530х8", "40х20х2", "ГОСТ 10704", "ВГП 32"),
                     (1, 60)),
    "beams-channels": S("tonne", (350_000, 520_000), 0.0,
                        (("Балка двутавровая", "I-beam"), ("Швеллер", "Channel"), ("Уголок стальной", "Steel angle")),
                        ("20Б1", "30Ш1", "№12", "№16П", "50х50х5", "75х75х6", "Ст3"),
                        (1, 40)),
    "non-ferrous": S("kg", (900, 9_000), 0.0,
                     (("Медь катодная", "Copper cathode"), ("Алюминий чушковый", "Aluminium ingot"),
                      ("Цинк", "Zinc"), ("Лом меди", "Copper scrap")),
                     ("М00к", "А7", "ЦВ0", "Казцинк", "ККМ", "LME"),
                     (100, 20_000)),
    "cement-mixes": S("tonne", (28_000, 60_000), 0.0,
                      (("Цемент", "Cement"), ("Сухая смесь", "Dry mix"), ("Штукатурка гипсовая", "Gypsum plaster")),
                      ("М400", "М500 Д0", "ЦЕМ I 42,5Н", "навал", "мешки 50 кг", "Standard Cement",
                       "Шымкентцемент"),
                      (1, 60)),
    "bricks-blocks": S("piece", (45, 900), 0.0,
                       (("Кирпич керамический", "Ceramic brick"), ("Газоблок", "Aerated block"),
                        ("Пеноблок", "Foam block"), ("Шлакоблок", "Cinder block")),
                       ("М150", "М200", "600х300х200", "D500", "облицовочный", "полнотелый"),
                       (500, 20_000)),
    "concrete": S("m3", (22_000, 45_000), 0.0,
                  (("Бетон товарный", "Ready-mix concrete"), ("Раствор", "Mortar"),
                   ("Плита перекрытия", "Floor slab"), ("ФБС блок", "Foundation block")),
                  ("М200", "М300", "М350 В25", "ПК 60-12", "ФБС 24.4.6", "с доставкой миксером"),
                  (1, 100)),
    "roofing-insulation": S("m2", (900, 9_000), 0.0,
                            (("Металлочерепица", "Metal roof tile"), ("Утеплитель минвата", "Mineral wool"),
                             ("Рубероид", "Roofing felt"), ("Мембрана гидроизоляционная", "Waterproofing membrane")),
                            ("Монтеррей", "Rockwool Лайт Баттс", "Технониколь", "100 мм", "50 мм"),
                            (10, 2000)),
    "timber": S("m3", (60_000, 180_000), 0.0,
                (("Брус", "Timber beam"), ("Доска обрезная", "Sawn board"), ("Фанера", "Plywood"),
                 ("ОСП", "OSB")),
                ("150х150", "50х150х6000", "сосна", "лиственница", "ФСФ 18 мм", "OSB-3 12 мм"),
                (1, 50)),
    "pumps": S("piece", (60_000, 12_000_000), 0.2,
               (("Насос центробежный", "Centrifugal pump"), ("Насос погружной", "Submersible pump"),
                ("Насос дренажный", "Drainage pump"), ("Насос шламовый", "Slurry pump")),
               ("К 80-50-200", "ЭЦВ 6-10-80", "Grundfos SP 17", "Wilo", "Д 320-50", "Warman 6/4"),
               (1, 10)),
    "compressors": S("piece", (250_000, 35_000_000), 0.3,
                     (("Компрессор винтовой", "Screw compressor"), ("Компрессор поршневой", "Piston compressor"),
                      ("Компрессор передвижной", "Portable compressor")),
                     ("Atlas Copco GA 37", "ПКСД-5,25", "Remeza ВК20", "Kaeser ASD", "ЗИФ-55"),
                     (1, 5)),
    "irrigation": S("piece", (40_000, 80_000_000), 0.1,
                    (("Дождевальная машина", "Centre pivot"), ("Капельная лента", "Drip tape"),
                     ("Дождеватель", "Sprinkler")),
                    ("Valley 8000", "Reinke", "Фрегат", "16 мм", "Bauer Rainstar"),
                    (1, 20)),
    "generators": S("piece", (150_000, 60_000_000), 0.25,
                    (("Дизельный генератор", "Diesel generator"), ("Электростанция", "Power plant"),
                     ("Бензогенератор", "Petrol generator")),
                    ("30 кВт", "100 кВт", "500 кВт", "АД-100", "Cummins C150", "FG Wilson P220",
                     "Hyundai DHY"),
                    (1, 5)),
    "cable-wire": S("m", (150, 12_000), 0.0,
                    (("Кабель силовой", "Power cable"), ("Провод", "Wire"), ("Кабель бронированный", "Armoured cable")),
                    ("ВВГнг 3х2,5", "АВБбШв 4х120", "ПВС 2х1,5", "СИП-4 4х16", "КГ 3х6", "ГОСТ 31996"),
                    (100, 5000)),
    "transformers": S("piece", (500_000, 40_000_000), 0.2,
                      (("Трансформатор силовой", "Power transformer"), ("КТП", "Package substation")),
                      ("ТМГ-400/10", "ТМ-1000/10", "ТМГ-63", "КТПН 250 кВА", "ТСЗ-160"),
                      (1, 5)),
    "electric-motors": S("piece", (25_000, 6_000_000), 0.2,
                         (("Электродвигатель", "Electric motor"), ("Мотор-редуктор", "Geared motor")),
                         ("АИР 80", "АИР 132M4", "5АИ 315", "Siemens 1LE1", "ABB M3BP", "7,5 кВт", "55 кВт"),
                         (1, 20)),
    "lighting": S("piece", (2_000, 250_000), 0.0,
                  (("Светильник светодиодный", "LED luminaire"), ("Прожектор", "Floodlight"),
                   ("Опора освещения", "Lighting pole")),
                  ("100 Вт", "200 Вт", "IP65", "уличный", "промышленный", "Philips", "ДКУ"),
                  (1, 200)),
    "trucks": S("piece", (6_000_000, 75_000_000), MACHINE,
                (("Самосвал", "Dump truck"), ("Седельный тягач", "Tractor unit"), ("Бортовой грузовик", "Flatbed truck")),
                ("КамАЗ 65115", "Shacman X3000", "Howo A7", "MAN TGS 41.440", "Volvo FH 460",
                 "Scania R450", "МАЗ 6501", "Mercedes Actros")),
    "trailers": S("piece", (2_500_000, 30_000_000), MACHINE,
                  (("Полуприцеп", "Semi-trailer"), ("Прицеп", "Trailer"), ("Полуприцеп-зерновоз", "Grain trailer")),
                  ("Schmitz Cargobull", "Krone", "Тонар 9523", "Нефаз 9334", "Wielton", "Kögel")),
    "excavators-loaders": S("piece", (5_000_000, 120_000_000), MACHINE,
                            (("Экскаватор", "Excavator"), ("Фронтальный погрузчик", "Wheel loader"),
                             ("Экскаватор-погрузчик", "Backhoe loader")),
                            ("Caterpillar 320", "Komatsu PC300", "JCB 3CX", "Hitachi ZX200", "SDLG LG958",
                             "Hyundai R220", "Volvo EC210")),
    "cranes": S("piece", (8_000_000, 250_000_000), MACHINE,
                (("Автокран", "Truck crane"), ("Кран башенный", "Tower crane"), ("Кран-манипулятор", "Loader crane")),
                ("Ивановец КС-45717", "Клинцы 25 т", "XCMG QY25K5", "Liebherr LTM 1090", "Palfinger PK 23500")),
    "road-machinery": S("piece", (4_000_000, 150_000_000), MACHINE,
                        (("Автогрейдер", "Motor grader"), ("Каток дорожный", "Road roller"),
                         ("Асфальтоукладчик", "Asphalt paver"), ("Бульдозер", "Bulldozer")),
                        ("ДЗ-98", "Shantui SD32", "Caterpillar 140M", "Bomag BW 213", "Vögele Super 1800",
                         "Четра Т-11")),
    "transport": S("service", (25_000, 2_500_000), 0.0,
                   (("Грузоперевозки", "Freight transport"), ("Перевозка зерна", "Grain haulage"),
                    ("Перевозка негабарита", "Oversized cargo transport"), ("Доставка стройматериалов", "Building materials delivery")),
                   ("по Казахстану", "в Россию", "в Узбекистан", "фура 20 т", "трал", "зерновоз"),
                   on_request_share=0.3),
    "repair": S("service", (10_000, 3_000_000), 0.0,
                (("Ремонт тракторов", "Tractor repair"), ("Ремонт комбайнов", "Combine repair"),
                 ("Ремонт двигателей", "Engine overhaul"), ("Ремонт гидравлики", "Hydraulics repair")),
                ("с выездом", "в мастерской", "МТЗ", "John Deere", "Кировец", "диагностика"),
                on_request_share=0.35),
    "construction": S("service", (50_000, 50_000_000), 0.0,
                      (("Строительство складов", "Warehouse construction"), ("Монтаж металлоконструкций", "Steel erection"),
                       ("Строительство зернохранилищ", "Grain storage construction"), ("Кровельные работы", "Roofing works")),
                      ("под ключ", "ангар", "элеватор", "по всему Казахстану", "с материалом"),
                      on_request_share=0.45),
    "agro-services": S("service", (3_000, 40_000), 0.0,
                       (("Уборка урожая", "Harvesting service"), ("Посев", "Seeding service"),
                        ("Опрыскивание полей", "Crop spraying"), ("Агрономическое сопровождение", "Agronomy consulting")),
                       ("за гектар", "дронами", "своей техникой", "анализ почвы"),
                       on_request_share=0.3),
    "equipment-rental": S("service", (15_000, 900_000), 0.0,
                          (("Аренда экскаватора", "Excavator rental"), ("Аренда автокрана", "Truck crane rental"),
                           ("Аренда самосвала", "Dump truck rental"), ("Аренда трактора", "Tractor rental")),
                          ("посуточно", "почасово", "с оператором", "JCB 3CX", "25 т"),
                          on_request_share=0.2),
}  # fmt: skip

# Where the goods are: the region's main city, in the Russian locative and in English.
CITIES = {
    Region.ASTANA: ("Астане", "Astana"),
    Region.ALMATY_CITY: ("Алматы", "Almaty"),
    Region.SHYMKENT: ("Шымкенте", "Shymkent"),
    Region.ABAI: ("Семее", "Semey"),
    Region.AKMOLA: ("Кокшетау", "Kokshetau"),
    Region.AKTOBE: ("Актобе", "Aktobe"),
    Region.ALMATY: ("Конаеве", "Konaev"),
    Region.ATYRAU: ("Атырау", "Atyrau"),
    Region.EAST_KAZAKHSTAN: ("Усть-Каменогорске", "Oskemen"),
    Region.ZHAMBYL: ("Таразе", "Taraz"),
    Region.ZHETISU: ("Талдыкоргане", "Taldykorgan"),
    Region.WEST_KAZAKHSTAN: ("Уральске", "Oral"),
    Region.KARAGANDA: ("Караганде", "Karaganda"),
    Region.KOSTANAY: ("Костанае", "Kostanay"),
    Region.KYZYLORDA: ("Кызылорде", "Kyzylorda"),
    Region.MANGYSTAU: ("Актау", "Aktau"),
    Region.PAVLODAR: ("Павлодаре", "Pavlodar"),
    Region.NORTH_KAZAKHSTAN: ("Петропавловске", "Petropavl"),
    Region.TURKISTAN: ("Туркестане", "Turkistan"),
    Region.ULYTAU: ("Жезказгане", "Zhezkazgan"),
}
# Farming and heavy-industry regions carry more listings than the rest.
REGION_WEIGHTS = {
    Region.ASTANA: 9, Region.ALMATY_CITY: 10, Region.SHYMKENT: 5, Region.ABAI: 3,
    Region.AKMOLA: 8, Region.AKTOBE: 4, Region.ALMATY: 5, Region.ATYRAU: 4,
    Region.EAST_KAZAKHSTAN: 5, Region.ZHAMBYL: 3, Region.ZHETISU: 3, Region.WEST_KAZAKHSTAN: 3,
    Region.KARAGANDA: 7, Region.KOSTANAY: 8, Region.KYZYLORDA: 2, Region.MANGYSTAU: 3,
    Region.PAVLODAR: 5, Region.NORTH_KAZAKHSTAN: 6, Region.TURKISTAN: 3, Region.ULYTAU: 1,
}  # fmt: skip

RU_COMMON = (
    "Отгрузка со склада в течение 3 дней.",
    "Доставка по всему Казахстану.",
    "Работаем с НДС, полный пакет документов.",
    "Возможна оплата по безналичному расчёту.",
    "Цена зависит от объёма партии.",
    "Скидки постоянным клиентам.",
    "Сертификаты соответствия ЕАЭС.",
    "Звоните, ответим на все вопросы.",
    "Самовывоз или доставка нашим транспортом.",
    "Отправляем в регионы транспортными компаниями.",
    "Работаем с 2008 года, более 500 довольных клиентов.",
    "Предоставим счёт на оплату в день обращения.",
)
EN_COMMON = (
    "Ships from our warehouse within 3 days.",
    "Delivery across Kazakhstan.",
    "VAT invoice and full documentation provided.",
    "Bank transfer accepted.",
    "Price depends on the order volume.",
    "Discounts for regular customers.",
    "EAEU conformity certificates available.",
    "Call us with any questions.",
    "Pickup or delivery by our own trucks.",
    "We ship to all regions through freight carriers.",
    "In business since 2008, more than 500 satisfied customers.",
)
RU_NEW = ("Новое, с завода, гарантия производителя 12 месяцев.", "Новый товар в наличии.")
RU_USED = (
    "Б/у в хорошем состоянии, прошёл полное ТО.",
    "Эксплуатировался в хозяйстве, техническое состояние отличное.",
    "Есть следы эксплуатации, всё работает.",
)
EN_NEW = ("Brand new with a 12-month manufacturer's warranty.", "New, in stock.")
EN_USED = ("Used, in good condition, fully serviced.", "Used on a farm, excellent working order.")
RU_MACHINE = ("Возможен лизинг через КазАгроФинанс.", "Пробная эксплуатация по договорённости.")
EN_MACHINE = ("Leasing available through KazAgroFinance.", "Test run on request.")

COMPANY_PREFIXES = (
    "Агро", "Казахстан", "Степь", "Дала", "Алтын", "Сарыарка", "Жетысу", "Ертис", "Есиль",
    "Тобол", "Каспий", "Алатау", "Байтерек", "Нур", "Кен", "Береке", "Атамекен", "Шанырак",
)  # fmt: skip
COMPANY_SUFFIXES = (
    "Техника", "Снаб", "Трейд", "Металл", "Строй", "Сервис", "Инвест", "Пром", "Логистик",
    "Семена", "Энерго", "Маш", "Ойл", "Агрохим", "Зерно",
)  # fmt: skip
FIRST_NAMES = ("Айдар", "Ержан", "Дамир", "Асель", "Гульнара", "Сергей", "Марат", "Алия",
               "Нурлан", "Ольга", "Бауыржан", "Динара", "Андрей", "Жанна", "Тимур")  # fmt: skip
LAST_NAMES = ("Абенов", "Сейткали", "Жумабаев", "Ким", "Иванов", "Нургалиев", "Ахметова",
              "Касымов", "Петренко", "Омарова", "Тулеуов", "Искакова", "Смагулов")  # fmt: skip

_ZIPF = {n: [1 / (i + 1) for i in range(n)] for n in range(1, 16)}


def _zipf_choice(rng: random.Random, items):
    return rng.choices(items, weights=_ZIPF[len(items)])[0]


def company_bin(serial: int) -> str:
    """Return a valid, unique BIN of a resident legal entity for serials up to ~10 million."""
    year, rest = divmod(serial, 1_000_000)
    for bump in range(50):
        first_eleven = f"{(year + 5) % 100:02d}{1 + bump % 12:02d}4{rest:06d}"
        digit = check_digit(first_eleven)
        if digit is not None:
            return first_eleven + str(digit)
    raise ValueError(serial)


def company_name(serial: int) -> str:
    prefix = COMPANY_PREFIXES[serial % len(COMPANY_PREFIXES)]
    suffix = COMPANY_SUFFIXES[(serial // len(COMPANY_PREFIXES)) % len(COMPANY_SUFFIXES)]
    cycle = serial // (len(COMPANY_PREFIXES) * len(COMPANY_SUFFIXES))
    return f"ТОО «{prefix}{suffix}{'' if not cycle else f'-{cycle + 1}'}»"


def weighted_region(rng: random.Random) -> str:
    return rng.choices(list(REGION_WEIGHTS), weights=list(REGION_WEIGHTS.values()))[0]


def fake_listing(
    rng: random.Random, slug: str, region: str, *, russian_share: float = 0.75
) -> dict:
    """Return the fields of one plausible listing in the category `slug`."""
    spec = SPECS[slug]
    russian = rng.random() < russian_share
    noun_ru, noun_en = _zipf_choice(rng, spec.nouns)
    variant = _zipf_choice(rng, spec.variants)
    used = rng.random() < spec.used_share
    city_ru, city_en = CITIES[region]
    machine = spec.used_share >= MACHINE
    service = spec.unit == "service"
    if russian:
        year = f", {rng.randint(2008, 2025)} г." if machine else ""
        title = f"{noun_ru} {variant}{year}"
        if service:
            sentences = [f"{noun_ru} {variant}. Работаем в {city_ru} и по всей области."]
        else:
            sentences = [f"{noun_ru} {variant} в наличии на складе в {city_ru}."]
        if spec.used_share:
            sentences.append(rng.choice(RU_USED if used else RU_NEW))
        if machine:
            sentences.append(rng.choice(RU_MACHINE))
        sentences += rng.sample(RU_COMMON, rng.randint(2, 5))
    else:
        # English listings keep Latin model names; Cyrillic grades become the city.
        latin = [v for v in spec.variants if v.isascii()]
        detail = _zipf_choice(rng, latin) if latin else city_en
        year = f", {rng.randint(2008, 2025)}" if machine else ""
        title = f"{noun_en} {detail}{year}" if latin else f"{noun_en}, {detail}"
        if service:
            sentences = [f"{noun_en}: we work in {city_en} and across the region."]
        else:
            product = f"{noun_en} {detail}" if latin else noun_en
            sentences = [f"{product} in stock in {city_en}."]
        if spec.used_share:
            sentences.append(rng.choice(EN_USED if used else EN_NEW))
        if machine:
            sentences.append(rng.choice(EN_MACHINE))
        sentences += rng.sample(EN_COMMON, rng.randint(2, 5))
    on_request = rng.random() < spec.on_request_share
    low, high = spec.price
    # Prices spread log-uniformly between the bounds, rounded as sellers round them.
    price = None if on_request else _round_price(low * (high / low) ** rng.random())
    return {
        "title": title,
        "description": " ".join(sentences),
        "price": price,
        "price_on_request": on_request,
        "unit": spec.unit,
        "min_order_quantity": rng.randint(*spec.min_order),
        "condition": "used" if used else "new",
    }


def _round_price(value: float) -> int:
    step = 10 ** max(0, len(str(int(value))) - 3)
    return max(step, int(round(value / step) * step))
