"""Publish version 2 of the privacy policy, written in Russian, Kazakh and English.

Version 1 existed in English only; it stays as it was published (its text becomes the
English translation field, and the page says that it is shown in English). Version 2 keeps
every promise of version 1 and adds what issue 16 asks the portal to state: persons under
18, where data is kept and which processors receive it, transfers abroad, advertising
partners, objection to processing for a legitimate interest, published statistics and how
changes are announced. The operator, the purposes, the processors and the data held are
not in the text: the page renders them from settings and the registry.
"""

from django.db import migrations
from django.utils import timezone

EN = """## 1. Who we are
Dala Market is an online marketplace and bulletin board where businesses of industry and agriculture in Kazakhstan publish their offers and receive orders. The operator that decides why and how your personal data is processed is named at the top of this page, with its BIN, address and the e-mail for privacy questions.

## 2. Which data we process
We process only the data that one of the purposes below needs: the identity and contact data you enter (name, patronymic, e-mail, phone, region, address); the data of the company you represent (the authorised person, contact phone and e-mail); what you write on the portal (listings, order comments, messages, reviews, complaints and requests to support); the contact data of your orders; and technical data (a truncated IP address, a description of your browser, the time you signed in, the cookies you accepted). We do not ask for passport data, IIN, date of birth or payment card numbers. Where each item is kept is listed under "Data we hold" below.

## 3. Why, and on what basis
Each purpose, its legal basis, whether you can refuse it, how long its data is kept and who receives it are listed under "Purposes" below. Optional purposes (marketing mailings, analytics cookies, advertising cookies) stay off until you switch them on, and you can switch them off at any time in your Personal Account or on the cookie settings page. Where a purpose rests on our legitimate interest (ratings and reviews, fraud prevention), you may object to it, and we stop unless the law or the protection of other users requires us to go on.

## 4. Who receives your data
When you send an order, the seller you chose receives the contact data of the order form: only that seller, only for that order. Every time a seller opens your contact data it is recorded, and you can read those records in your Personal Account under "Who has seen my data". The operator's staff see your data only to handle your requests and complaints and to meet legal obligations; their access is recorded too. Companies that process data on our behalf (hosting, e-mail delivery) act only on our instructions and are listed under "Processors and where data is kept" below. We do not sell personal data. State bodies receive data only on a request that the law of the Republic of Kazakhstan obliges us to answer.

## 5. Where your data is kept, and transfers abroad
The databases that hold users' personal data are located in the Republic of Kazakhstan. Each company that processes data for us, and the country where it does so, is listed under "Processors and where data is kept" below. We transfer personal data across the border of Kazakhstan only where the law allows it: to a state that ensures the protection of personal data, or with your consent where the law asks for it. An advertising partner abroad receives data only through the cookies you accepted for it.

## 6. How long we keep it
We keep your data while you use the portal. When the retention period shown at the top of this page has passed since your last interaction with the portal (signing in, an order, a message, a request), your data is erased automatically. Records that the law obliges us to keep, such as order lines and totals for accounting, are kept without your name and contact data.

## 7. Your rights
You may learn whether we process your data and receive a copy of it; have inaccurate data corrected; withdraw any consent at any time; object to processing for our legitimate interest; ask us to stop processing and erase your data or close your account; and complain to the authorised body for personal data protection or to a court. Signed-in users do most of this in the Personal Account; if you ordered as a guest, you can make the same requests with your e-mail address. The page "Your data and rights" explains each right in plain words and where to use it. We answer within the period shown at the top of this page.

## 8. Cookies and advertising partners
Necessary cookies keep you signed in, protect forms and remember your choices. Analytics and advertising cookies are set only after you accept them in the banner or on the cookie settings page, where you can change your choice at any time. The cookie settings page lists every cookie by group and, for a cookie set by an advertising partner, names the partner and links to its privacy policy.

## 9. Persons under 18
The portal is for people aged 18 and over, and everyone confirms their age when signing up. We do not knowingly collect personal data of minors. If we learn that an account belongs to a person under 18, we close it at once and erase its data, except what the law requires us to keep, and we use none of it for any purpose. A parent or guardian who believes that a minor has given us data may write to the e-mail for privacy questions.

## 10. Statistics
We publish statistics of the portal (listings per section, sellers per region, orders per month) on the statistics page. They are totals only; any count smaller than five is hidden, so that nobody can be recognised from them.

## 11. Security
Passwords are stored only as salted hashes, connections are encrypted, staff access is limited and recorded, and the IP addresses in our consent records are truncated.

## 12. Changes to this policy
When we change this policy we publish a new version with a summary of the changes and keep the earlier versions readable. For 30 days the home page tells visitors about the new version; we e-mail every user the summary in their language; and signed-in users are asked to accept the new version at their next visit."""

RU = """## 1. Кто мы
Dala Market — интернет-площадка и доска объявлений, где предприятия промышленности и сельского хозяйства Казахстана размещают свои предложения и получают заказы. Оператор, который определяет, зачем и как обрабатываются ваши персональные данные, указан в начале этой страницы вместе с БИН, адресом и электронной почтой для вопросов о персональных данных.

## 2. Какие данные мы обрабатываем
Мы обрабатываем только те данные, которые нужны для одной из целей, перечисленных ниже: данные о вас и контакты, которые вы вводите (имя, отчество, электронная почта, телефон, регион, адрес); данные компании, которую вы представляете (уполномоченное лицо, контактный телефон и электронная почта); то, что вы пишете на портале (объявления, комментарии к заказам, сообщения, отзывы, жалобы и обращения в поддержку); контактные данные ваших заказов; технические данные (IP-адрес без последней части, описание вашего браузера, время входа, принятые вами файлы cookie). Мы не запрашиваем паспортные данные, ИИН, дату рождения и номера платёжных карт. Где хранится каждый вид данных, показано ниже в разделе «Данные, которые мы храним».

## 3. Зачем и на каком основании
Каждая цель, её правовое основание, можно ли от неё отказаться, сколько хранятся её данные и кто их получает, указаны ниже в разделе «Цели». Необязательные цели (маркетинговые рассылки, аналитические и рекламные файлы cookie) выключены, пока вы сами их не включите, и выключить их можно в любой момент в Личном кабинете или на странице настроек файлов cookie. Если цель основана на нашем законном интересе (рейтинги и отзывы, защита от мошенничества), вы вправе возразить против обработки, и мы прекратим её, если закон или защита других пользователей не требуют продолжать.

## 4. Кто получает ваши данные
Когда вы отправляете заказ, выбранный вами продавец получает контактные данные из формы заказа: только этот продавец и только для этого заказа. Каждый раз, когда продавец открывает ваши контактные данные, это записывается, и эти записи видны вам в Личном кабинете в разделе «Кто просматривал мои данные». Сотрудники оператора видят ваши данные только для того, чтобы рассмотреть ваши обращения и жалобы и выполнить требования закона; их доступ тоже записывается. Компании, которые обрабатывают данные по нашему поручению (хостинг, доставка электронной почты), действуют только по нашим указаниям и перечислены ниже в разделе «Обработчики и место хранения данных». Мы не продаём персональные данные. Государственные органы получают данные только по запросу, на который мы обязаны ответить по законодательству Республики Казахстан.

## 5. Где хранятся ваши данные и передача за рубеж
Базы данных, в которых хранятся персональные данные пользователей, находятся в Республике Казахстан. Каждая компания, которая обрабатывает данные по нашему поручению, и страна, где она это делает, указаны ниже в разделе «Обработчики и место хранения данных». Мы передаём персональные данные за пределы Казахстана только там, где это позволяет закон: в государство, которое обеспечивает защиту персональных данных, или с вашего согласия, если закон его требует. Рекламный партнёр за рубежом получает данные только через те файлы cookie, которые вы для него приняли.

## 6. Сколько мы храним данные
Мы храним ваши данные, пока вы пользуетесь порталом. Когда с вашего последнего действия на портале (вход, заказ, сообщение, обращение) проходит срок хранения, указанный в начале этой страницы, ваши данные удаляются автоматически. Записи, которые закон обязывает нас хранить, например строки и суммы заказов для бухгалтерского учёта, остаются без вашего имени и контактных данных.

## 7. Ваши права
Вы можете узнать, обрабатываем ли мы ваши данные, и получить их копию; исправить неточные данные; в любой момент отозвать любое согласие; возразить против обработки для нашего законного интереса; потребовать прекратить обработку и удалить ваши данные или закрыть учётную запись; пожаловаться в уполномоченный орган по защите персональных данных или в суд. Зарегистрированные пользователи делают почти всё это в Личном кабинете; если вы делали заказ как гость, те же запросы можно отправить, указав свою электронную почту. Страница «Ваши данные и права» простыми словами объясняет каждое право и где им воспользоваться. Мы отвечаем в срок, указанный в начале этой страницы.

## 8. Файлы cookie и рекламные партнёры
Необходимые файлы cookie нужны, чтобы вы оставались в системе, чтобы защищать формы и помнить ваш выбор. Аналитические и рекламные файлы cookie устанавливаются только после того, как вы примете их в баннере или на странице настроек файлов cookie, где выбор можно изменить в любой момент. На странице настроек перечислены все файлы cookie по группам, а для файла, который устанавливает рекламный партнёр, указан этот партнёр и ссылка на его политику конфиденциальности.

## 9. Лица младше 18 лет
Портал предназначен для людей от 18 лет, и каждый подтверждает свой возраст при регистрации. Мы сознательно не собираем персональные данные несовершеннолетних. Если мы узнаем, что учётная запись принадлежит человеку младше 18 лет, мы сразу закроем её и удалим её данные, кроме того, что закон обязывает хранить, и не будем использовать эти данные ни для каких целей. Родитель или опекун, который считает, что несовершеннолетний передал нам данные, может написать на электронную почту для вопросов о персональных данных.

## 10. Статистика
Мы публикуем статистику портала (объявления по разделам, продавцы по регионам, заказы по месяцам) на странице статистики. Это только итоговые числа; любое число меньше пяти скрыто, чтобы по ним нельзя было узнать конкретного человека.

## 11. Безопасность
Пароли хранятся только в виде хешей с солью, соединения шифруются, доступ сотрудников ограничен и записывается, а IP-адреса в записях о согласиях хранятся без последней части.

## 12. Изменения этой политики
Когда мы меняем эту политику, мы публикуем новую версию с кратким описанием изменений, а прежние версии остаются доступными. В течение 30 дней главная страница сообщает посетителям о новой версии; каждому пользователю мы отправляем описание изменений на его языке; зарегистрированных пользователей при следующем посещении просим принять новую версию."""

KK = """## 1. Біз кімбіз
Dala Market — Қазақстанның өнеркәсіп және ауыл шаруашылығы кәсіпорындары өз ұсыныстарын орналастырып, тапсырыс алатын интернет-алаң және хабарландыру тақтасы. Дербес деректеріңіздің не үшін және қалай өңделетінін айқындайтын оператор осы беттің басында БСН-імен, мекенжайымен және дербес деректер жөніндегі сұрақтарға арналған электрондық поштасымен көрсетілген.

## 2. Қандай деректерді өңдейміз
Біз төменде аталған мақсаттардың біріне қажет деректерді ғана өңдейміз: сіз енгізетін өзіңіз туралы деректер мен байланыс деректері (аты, әкесінің аты, электрондық пошта, телефон, өңір, мекенжай); сіз өкілі болып табылатын компанияның деректері (уәкілетті тұлға, байланыс телефоны мен электрондық поштасы); порталда жазатындарыңыз (хабарландырулар, тапсырыстарға түсініктемелер, хабарламалар, пікірлер, шағымдар мен қолдау қызметіне өтініштер); тапсырыстарыңыздың байланыс деректері; техникалық деректер (соңғы бөлігі жойылған IP мекенжайы, браузеріңіздің сипаттамасы, кіру уақыты, сіз қабылдаған cookie файлдары). Біз паспорт деректерін, ЖСН-ді, туған күнді және төлем карталарының нөмірлерін сұрамаймыз. Әр деректің қайда сақталатыны төменде «Біз сақтайтын деректер» бөлімінде көрсетілген.

## 3. Не үшін және қандай негізде
Әр мақсат, оның құқықтық негізі, одан бас тартуға бола ма, оның деректері қанша уақыт сақталады және оларды кім алады — мұның бәрі төменде «Мақсаттар» бөлімінде көрсетілген. Міндетті емес мақсаттар (маркетингтік таратылымдар, талдау және жарнама cookie файлдары) өзіңіз қоспайынша өшірулі тұрады, оларды кез келген уақытта Жеке кабинетте немесе cookie баптаулары бетінде өшіруге болады. Мақсат біздің заңды мүддемізге негізделсе (рейтингтер мен пікірлер, алаяқтықтан қорғау), сіз өңдеуге қарсылық білдіре аласыз, ал заң немесе басқа пайдаланушыларды қорғау жалғастыруды талап етпесе, біз өңдеуді тоқтатамыз.

## 4. Деректеріңізді кім алады
Тапсырыс жібергенде, сіз таңдаған сатушы тапсырыс нысанындағы байланыс деректерін алады: тек сол сатушы және тек сол тапсырыс үшін. Сатушы байланыс деректеріңізді ашқан сайын бұл жазылады, ал бұл жазбаларды Жеке кабинеттегі «Деректерімді кім көрді» бөлімінен оқи аласыз. Оператордың қызметкерлері деректеріңізді тек өтініштеріңіз бен шағымдарыңызды қарау және заң талаптарын орындау үшін көреді; олардың қолжетімділігі де жазылады. Деректерді біздің тапсырмамыз бойынша өңдейтін компаниялар (хостинг, электрондық хаттарды жеткізу) тек біздің нұсқауларымыз бойынша әрекет етеді және төменде «Өңдеушілер және деректердің сақталатын жері» бөлімінде аталған. Біз дербес деректерді сатпаймыз. Мемлекеттік органдар деректерді Қазақстан Республикасының заңнамасы бойынша жауап беруге міндетті сұрау салу бойынша ғана алады.

## 5. Деректеріңіз қайда сақталады және шетелге беру
Пайдаланушылардың дербес деректері сақталатын дерекқорлар Қазақстан Республикасында орналасқан. Деректерді біздің тапсырмамыз бойынша өңдейтін әр компания және ол мұны қай елде жасайтыны төменде «Өңдеушілер және деректердің сақталатын жері» бөлімінде көрсетілген. Біз дербес деректерді Қазақстан шекарасынан тыс заң рұқсат еткен жағдайда ғана береміз: дербес деректерді қорғауды қамтамасыз ететін мемлекетке немесе заң талап етсе, сіздің келісіміңізбен. Шетелдегі жарнама серіктесі деректерді тек сіз ол үшін қабылдаған cookie файлдары арқылы алады.

## 6. Деректерді қанша уақыт сақтаймыз
Порталды пайдаланып жүргенде деректеріңізді сақтаймыз. Порталдағы соңғы әрекетіңізден (кіру, тапсырыс, хабарлама, өтініш) бері осы беттің басында көрсетілген сақтау мерзімі өткенде, деректеріңіз автоматты түрде жойылады. Заң бізді сақтауға міндеттейтін жазбалар, мысалы бухгалтерлік есепке арналған тапсырыс жолдары мен сомалары, атыңыз бен байланыс деректеріңізсіз сақталады.

## 7. Сіздің құқықтарыңыз
Сіз деректеріңізді өңдейтінімізді біліп, олардың көшірмесін ала аласыз; дұрыс емес деректерді түзете аласыз; кез келген келісімді кез келген уақытта кері қайтарып ала аласыз; біздің заңды мүддеміз үшін өңдеуге қарсылық білдіре аласыз; өңдеуді тоқтатып, деректеріңізді жоюды немесе есептік жазбаңызды жабуды талап ете аласыз; дербес деректерді қорғау жөніндегі уәкілетті органға немесе сотқа шағымдана аласыз. Тіркелген пайдаланушылар мұның көбін Жеке кабинетте жасайды; тапсырысты қонақ ретінде берген болсаңыз, дәл сондай сұрауларды электрондық поштаңызды көрсетіп жібере аласыз. «Деректеріңіз және құқықтарыңыз» беті әр құқықты қарапайым сөзбен түсіндіреді және оны қайда пайдалануға болатынын көрсетеді. Біз осы беттің басында көрсетілген мерзімде жауап береміз.

## 8. Cookie файлдары және жарнама серіктестері
Қажетті cookie файлдары жүйеде қалуыңызға, нысандарды қорғауға және таңдауыңызды есте сақтауға керек. Талдау және жарнама cookie файлдары сіз оларды баннерде немесе cookie баптаулары бетінде қабылдағаннан кейін ғана орнатылады, ал таңдауды сол бетте кез келген уақытта өзгертуге болады. Баптаулар бетінде барлық cookie файлдары топтар бойынша көрсетілген, ал жарнама серіктесі орнататын файл үшін сол серіктес және оның құпиялылық саясатына сілтеме берілген.

## 9. 18 жасқа толмаған адамдар
Портал 18 жастан асқан адамдарға арналған, әркім тіркелу кезінде жасын растайды. Біз кәмелетке толмағандардың дербес деректерін әдейі жинамаймыз. Есептік жазба 18 жасқа толмаған адамға тиесілі екенін білсек, біз оны бірден жауып, заң сақтауды талап ететіндерден басқа деректерін жоямыз және ол деректерді ешбір мақсатқа пайдаланбаймыз. Кәмелетке толмаған бала бізге деректер берді деп санайтын ата-ана немесе қамқоршы дербес деректер жөніндегі сұрақтарға арналған электрондық поштаға жаза алады.

## 10. Статистика
Біз портал статистикасын (бөлімдер бойынша хабарландырулар, өңірлер бойынша сатушылар, айлар бойынша тапсырыстар) статистика бетінде жариялаймыз. Бұл тек жиынтық сандар; бестен кіші кез келген сан жасырылады, сондықтан олар бойынша ешкімді тануға болмайды.

## 11. Қауіпсіздік
Құпиясөздер тек тұзы бар хеш түрінде сақталады, байланыстар шифрланады, қызметкерлердің қолжетімділігі шектеулі және жазылады, ал келісімдер туралы жазбалардағы IP мекенжайлары соңғы бөлігінсіз сақталады.

## 12. Осы саясаттың өзгерістері
Осы саясатты өзгерткенде біз өзгерістердің қысқаша сипаттамасымен жаңа нұсқасын жариялаймыз, ал бұрынғы нұсқалар оқуға қолжетімді болып қалады. 30 күн бойы басты бет келушілерге жаңа нұсқа туралы хабарлайды; әр пайдаланушыға өзгерістердің сипаттамасын өз тілінде электрондық поштамен жібереміз; тіркелген пайдаланушылардан келесі кіргенде жаңа нұсқаны қабылдауды сұраймыз."""

SUMMARY_EN = (
    "Written in Russian, Kazakh and English. New: what happens to data of persons under 18; "
    "where data is kept and which companies process it; transfers abroad; advertising "
    "partners named on the cookie settings page; objection to processing for a legitimate "
    "interest; published statistics; how changes are announced."
)
SUMMARY_RU = (
    "Политика написана на русском, казахском и английском языках. Новое: что происходит с "
    "данными лиц младше 18 лет; где хранятся данные и какие компании их обрабатывают; "
    "передача за рубеж; рекламные партнёры на странице настроек файлов cookie; возражение "
    "против обработки для законного интереса; публикуемая статистика; как мы сообщаем об "
    "изменениях."
)
SUMMARY_KK = (
    "Саясат орыс, қазақ және ағылшын тілдерінде жазылды. Жаңасы: 18 жасқа толмаған "
    "адамдардың деректерімен не болатыны; деректер қайда сақталатыны және оларды қандай "
    "компаниялар өңдейтіні; шетелге беру; cookie баптаулары бетіндегі жарнама серіктестері; "
    "заңды мүдде үшін өңдеуге қарсылық; жарияланатын статистика; өзгерістер туралы қалай "
    "хабарлайтынымыз."
)


def publish(apps, schema_editor):
    PolicyVersion = apps.get_model("privacy", "PolicyVersion")
    # Version 1 was written in English only: its text is the English translation.
    for old in PolicyVersion.objects.filter(document="privacy", text_en__isnull=True):
        old.text_en = old.text
        old.summary_of_changes_en = old.summary_of_changes
        old.save(update_fields=["text_en", "summary_of_changes_en"])
    PolicyVersion.objects.get_or_create(
        document="privacy",
        version=2,
        defaults={
            "text": RU,
            "text_ru": RU,
            "text_kk": KK,
            "text_en": EN,
            "summary_of_changes": SUMMARY_RU,
            "summary_of_changes_ru": SUMMARY_RU,
            "summary_of_changes_kk": SUMMARY_KK,
            "summary_of_changes_en": SUMMARY_EN,
            "published_at": timezone.now(),
        },
    )


def unpublish(apps, schema_editor):
    apps.get_model("privacy", "PolicyVersion").objects.filter(
        document="privacy", version=2
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0007_legal_texts_in_three_languages_and_acceptances")]

    operations = [migrations.RunPython(publish, unpublish)]
