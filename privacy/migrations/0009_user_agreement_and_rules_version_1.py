"""Publish version 1 of the user agreement and of the rules for listings and reviews.

Both are written in Russian, Kazakh and English. The rules are numbered as
`listings.rules.Rule`, which moderation cites (a test holds the two together).
"""

from django.db import migrations
from django.utils import timezone

TERMS_EN = """## 1. What this agreement is
This agreement is between the operator of Dala Market, named at the top of this page, and you as a user of the portal. The portal is a marketplace and bulletin board: it lets businesses publish offers and lets buyers send them orders, questions and reviews. The operator is not a party to the deals that buyers and sellers make through the portal.

## 2. Who may use the portal
The portal is for people aged 18 and over who can enter into contracts. If you act for a company, you confirm that you may act for it. You confirm your age and accept this agreement and the rules for listings and reviews when you sign up.

## 3. Your account
Give true data about yourself and keep it up to date. Keep your password to yourself: what is done under your account is done by you, unless you tell us that someone else got access to it. One person keeps one account.

## 4. Listings and orders
A seller is responsible for its listings: they must be true, lawful and follow the rules for listings and reviews. An order sent through the portal is an offer to the seller; the deal is made between the buyer and the seller, who confirms the final price and conditions.

## 5. Reviews and messages
Write reviews only about sellers you have dealt with, and write messages only about the deal they concern. Both follow the rules for listings and reviews.

## 6. Moderation
The operator may hide a listing or a review, or block a seller's listings, when they break this agreement, the rules or the law. Every such decision names the rule that was broken; the seller sees it next to the listing, and the person who complained is told it. You may contest a decision by writing to support.

## 7. Personal data
The operator processes personal data as the privacy policy describes. Your rights over your data are explained on the page "Your data and rights".

## 8. Liability
The operator keeps the portal working with due care but does not guarantee that it is always available. The operator is not liable for the goods, services and payments of the deals between users, except as the law of the Republic of Kazakhstan provides.

## 9. Changes
When this agreement changes, we publish a new version with a summary of the changes, tell visitors on the home page for 30 days and e-mail every user. If you do not accept a new version, you may close your account at any time.

## 10. Law and disputes
This agreement is governed by the law of the Republic of Kazakhstan. We try to settle disputes by talking first; otherwise they go to a court of the Republic of Kazakhstan."""

TERMS_RU = """## 1. О чём это соглашение
Это соглашение заключается между оператором Dala Market, указанным в начале этой страницы, и вами как пользователем портала. Портал — это торговая площадка и доска объявлений: на нём предприятия размещают предложения, а покупатели отправляют им заказы, вопросы и отзывы. Оператор не является стороной сделок, которые покупатели и продавцы заключают через портал.

## 2. Кто может пользоваться порталом
Портал предназначен для людей от 18 лет, которые могут заключать договоры. Если вы действуете от имени компании, вы подтверждаете, что имеете на это право. При регистрации вы подтверждаете свой возраст и принимаете это соглашение и правила размещения объявлений и отзывов.

## 3. Ваша учётная запись
Указывайте о себе правдивые данные и поддерживайте их в актуальном состоянии. Никому не сообщайте свой пароль: всё, что сделано под вашей учётной записью, считается сделанным вами, пока вы не сообщите нам, что кто-то другой получил к ней доступ. У одного человека — одна учётная запись.

## 4. Объявления и заказы
Продавец отвечает за свои объявления: они должны быть правдивыми, законными и соответствовать правилам размещения объявлений и отзывов. Заказ, отправленный через портал, — это предложение продавцу; сделку заключают покупатель и продавец, который подтверждает окончательную цену и условия.

## 5. Отзывы и сообщения
Пишите отзывы только о продавцах, с которыми имели дело, а сообщения — только о сделке, к которой они относятся. И отзывы, и сообщения подчиняются правилам размещения объявлений и отзывов.

## 6. Модерация
Оператор может скрыть объявление или отзыв либо заблокировать объявления продавца, если они нарушают это соглашение, правила или закон. В каждом таком решении указывается нарушенное правило: продавец видит его рядом с объявлением, а автору жалобы сообщается о нём. Решение можно оспорить, написав в поддержку.

## 7. Персональные данные
Оператор обрабатывает персональные данные так, как описано в политике конфиденциальности. Ваши права на ваши данные объясняются на странице «Ваши данные и права».

## 8. Ответственность
Оператор добросовестно поддерживает работу портала, но не гарантирует, что он всегда доступен. Оператор не отвечает за товары, услуги и расчёты по сделкам между пользователями, кроме случаев, предусмотренных законодательством Республики Казахстан.

## 9. Изменения
Когда это соглашение меняется, мы публикуем новую версию с кратким описанием изменений, в течение 30 дней сообщаем о ней на главной странице и отправляем письмо каждому пользователю. Если вы не принимаете новую версию, вы можете в любой момент закрыть свою учётную запись.

## 10. Право и споры
К этому соглашению применяется законодательство Республики Казахстан. Споры мы сначала стараемся решить переговорами, а если это не удаётся, они рассматриваются судом Республики Казахстан."""

TERMS_KK = """## 1. Бұл келісім не туралы
Бұл келісім осы беттің басында көрсетілген Dala Market операторы мен сіздің, портал пайдаланушысының, арасында жасалады. Портал — сауда алаңы және хабарландыру тақтасы: онда кәсіпорындар ұсыныстарын орналастырады, ал сатып алушылар оларға тапсырыстар, сұрақтар мен пікірлер жібереді. Оператор сатып алушылар мен сатушылар портал арқылы жасайтын мәмілелердің тарапы болып табылмайды.

## 2. Порталды кім пайдалана алады
Портал шарт жасай алатын 18 жастан асқан адамдарға арналған. Егер сіз компания атынан әрекет етсеңіз, сізде бұған құқық бар екенін растайсыз. Тіркелу кезінде сіз жасыңызды растайсыз және осы келісім мен хабарландырулар мен пікірлерді орналастыру қағидаларын қабылдайсыз.

## 3. Сіздің есептік жазбаңыз
Өзіңіз туралы шынайы деректерді көрсетіп, оларды жаңартып отырыңыз. Құпиясөзіңізді ешкімге айтпаңыз: басқа біреу оған қол жеткізгенін бізге хабарламайынша, есептік жазбаңызбен жасалғанның бәрі сіз жасаған болып саналады. Бір адамда — бір есептік жазба.

## 4. Хабарландырулар мен тапсырыстар
Сатушы өз хабарландыруларына жауап береді: олар шынайы, заңды және хабарландырулар мен пікірлерді орналастыру қағидаларына сай болуы тиіс. Портал арқылы жіберілген тапсырыс — сатушыға жасалған ұсыныс; мәмілені сатып алушы мен түпкілікті баға мен шарттарды растайтын сатушы жасайды.

## 5. Пікірлер мен хабарламалар
Пікірді тек өзіңіз іс жүргізген сатушылар туралы, ал хабарламаны тек өзі қатысты мәміле туралы жазыңыз. Пікірлер де, хабарламалар да хабарландырулар мен пікірлерді орналастыру қағидаларына бағынады.

## 6. Модерация
Хабарландыру немесе пікір осы келісімді, қағидаларды немесе заңды бұзса, оператор оны жасыра алады не сатушының хабарландыруларын бұғаттай алады. Әрбір осындай шешімде бұзылған қағида аталады: сатушы оны хабарландырудың жанынан көреді, ал шағым авторына ол хабарланады. Шешімге қолдау қызметіне жазу арқылы дау айтуға болады.

## 7. Дербес деректер
Оператор дербес деректерді құпиялылық саясатында сипатталғандай өңдейді. Деректеріңізге қатысты құқықтарыңыз «Деректеріңіз және құқықтарыңыз» бетінде түсіндірілген.

## 8. Жауапкершілік
Оператор порталдың жұмысын адал қамтамасыз етеді, бірақ оның әрқашан қолжетімді болатынына кепілдік бермейді. Оператор пайдаланушылар арасындағы мәмілелер бойынша тауарлар, қызметтер мен есеп айырысулар үшін Қазақстан Республикасының заңнамасында көзделген жағдайлардан басқа кезде жауап бермейді.

## 9. Өзгерістер
Бұл келісім өзгергенде, біз өзгерістердің қысқаша сипаттамасымен жаңа нұсқасын жариялаймыз, 30 күн бойы басты бетте ол туралы хабарлаймыз және әр пайдаланушыға хат жібереміз. Жаңа нұсқаны қабылдамасаңыз, есептік жазбаңызды кез келген уақытта жаба аласыз.

## 10. Құқық және даулар
Бұл келісімге Қазақстан Республикасының заңнамасы қолданылады. Дауларды алдымен келіссөз арқылы шешуге тырысамыз, ал бұл мүмкін болмаса, оларды Қазақстан Республикасының соты қарайды."""

RULES_EN = """These rules apply to everything published on Dala Market: listings, their photos, reviews and messages. Moderation cites them by number.

## 1. Only lawful goods and services
Offer only what may be sold in the Republic of Kazakhstan. Goods and services that need a licence or a permit are offered only by those who hold it.

## 2. True and complete information
The title, description, price, condition, region and photos show what is really offered. A price that depends on the order says so ("price on request").

## 3. One offer, one listing, in its category
Do not publish the same offer several times, and put each listing in the section where buyers look for it.

## 4. Respect for other people's rights
Use only photos and texts that you made or may use, and no one else's trademarks without permission.

## 5. No personal data of other people
Do not publish the names, phones, addresses or documents of other people without their consent, in listings, reviews or messages.

## 6. Respectful language
No insults, threats, discrimination or obscene words.

## 7. Honest dealing
Do not pretend to be someone else, ask for payment outside the agreed conditions of an order, or mislead buyers and sellers in any other way.

## 8. Reviews from real experience
Review only a seller you have dealt with. Do not review your own company, write reviews for payment or publish reviews written by someone else.

## What happens when a rule is broken
A listing that breaks a rule is hidden from the portal, a review is hidden from the seller's page, and a seller who breaks the rules repeatedly has all its listings blocked. The seller sees which rule was broken; whoever complained is told it. A decision may be contested by writing to support."""

RULES_RU = """Эти правила действуют для всего, что публикуется на Dala Market: объявлений, их фотографий, отзывов и сообщений. Модерация ссылается на них по номерам.

## 1. Только законные товары и услуги
Предлагайте только то, что можно продавать в Республике Казахстан. Товары и услуги, для которых нужна лицензия или разрешение, предлагают только те, у кого они есть.

## 2. Правдивая и полная информация
Заголовок, описание, цена, состояние, регион и фотографии показывают то, что действительно предлагается. Если цена зависит от заказа, так и укажите («цена по запросу»).

## 3. Одно предложение — одно объявление в своём разделе
Не публикуйте одно и то же предложение несколько раз и размещайте каждое объявление в том разделе, где его ищут покупатели.

## 4. Уважение к чужим правам
Используйте только фотографии и тексты, которые вы сделали сами или имеете право использовать, и не используйте чужие товарные знаки без разрешения.

## 5. Никаких персональных данных других людей
Не публикуйте имена, телефоны, адреса или документы других людей без их согласия — ни в объявлениях, ни в отзывах, ни в сообщениях.

## 6. Уважительный язык
Никаких оскорблений, угроз, дискриминации и нецензурных слов.

## 7. Честные сделки
Не выдавайте себя за другого, не требуйте оплаты вне согласованных условий заказа и не вводите покупателей и продавцов в заблуждение иным образом.

## 8. Отзывы по реальному опыту
Оставляйте отзыв только о продавце, с которым имели дело. Не пишите отзывы о своей компании, не пишите отзывы за плату и не публикуйте отзывы, написанные кем-то другим.

## Что происходит при нарушении правила
Объявление, нарушающее правило, скрывается с портала, отзыв скрывается со страницы продавца, а у продавца, который нарушает правила неоднократно, блокируются все объявления. Продавец видит, какое правило нарушено; автору жалобы сообщается о нём. Решение можно оспорить, написав в поддержку."""

RULES_KK = """Бұл қағидалар Dala Market-те жарияланатын барлық нәрсеге қолданылады: хабарландыруларға, олардың суреттеріне, пікірлер мен хабарламаларға. Модерация оларға нөмірі бойынша сілтеме жасайды.

## 1. Тек заңды тауарлар мен қызметтер
Қазақстан Республикасында сатуға болатын нәрсені ғана ұсыныңыз. Лицензия немесе рұқсат қажет тауарлар мен қызметтерді тек оларға ие адамдар ғана ұсынады.

## 2. Шынайы әрі толық ақпарат
Тақырып, сипаттама, баға, жай-күй, өңір және суреттер шын мәнінде ұсынылатын нәрсені көрсетеді. Баға тапсырысқа байланысты болса, соны көрсетіңіз («баға сұрау бойынша»).

## 3. Бір ұсыныс — өз бөліміндегі бір хабарландыру
Бір ұсынысты бірнеше рет жарияламаңыз және әр хабарландыруды сатып алушылар оны іздейтін бөлімге орналастырыңыз.

## 4. Басқалардың құқықтарын құрметтеу
Өзіңіз түсірген немесе пайдалануға құқығыңыз бар суреттер мен мәтіндерді ғана пайдаланыңыз, басқалардың тауар белгілерін рұқсатсыз пайдаланбаңыз.

## 5. Басқа адамдардың дербес деректеріне жол жоқ
Басқа адамдардың аттарын, телефондарын, мекенжайларын немесе құжаттарын олардың келісімінсіз хабарландыруларда да, пікірлерде де, хабарламаларда да жарияламаңыз.

## 6. Сыпайы тіл
Қорлауға, қорқытуға, кемсітуге және әдепсіз сөздерге жол берілмейді.

## 7. Адал мәміле
Өзіңізді басқа біреу етіп көрсетпеңіз, тапсырыстың келісілген шарттарынан тыс төлем талап етпеңіз және сатып алушылар мен сатушыларды басқаша жолмен адастырмаңыз.

## 8. Нақты тәжірибеге негізделген пікірлер
Пікірді тек өзіңіз іс жүргізген сатушы туралы қалдырыңыз. Өз компанияңыз туралы пікір жазбаңыз, ақыға пікір жазбаңыз және басқа біреу жазған пікірлерді жарияламаңыз.

## Қағида бұзылғанда не болады
Қағиданы бұзған хабарландыру порталдан жасырылады, пікір сатушы бетінен жасырылады, ал қағидаларды қайта-қайта бұзатын сатушының барлық хабарландырулары бұғатталады. Сатушы қай қағида бұзылғанын көреді; шағым авторына ол хабарланады. Шешімге қолдау қызметіне жазу арқылы дау айтуға болады."""

DOCUMENTS = {
    "terms": {"ru": TERMS_RU, "kk": TERMS_KK, "en": TERMS_EN},
    "rules": {"ru": RULES_RU, "kk": RULES_KK, "en": RULES_EN},
}
FIRST_VERSION = {"ru": "Первая версия.", "kk": "Алғашқы нұсқа.", "en": "First version."}


def publish(apps, schema_editor):
    PolicyVersion = apps.get_model("privacy", "PolicyVersion")
    now = timezone.now()
    for document, texts in DOCUMENTS.items():
        PolicyVersion.objects.get_or_create(
            document=document,
            version=1,
            defaults={
                "text": texts["ru"],
                **{f"text_{code}": text for code, text in texts.items()},
                "summary_of_changes": FIRST_VERSION["ru"],
                **{f"summary_of_changes_{c}": text for c, text in FIRST_VERSION.items()},
                "published_at": now,
            },
        )


def unpublish(apps, schema_editor):
    apps.get_model("privacy", "PolicyVersion").objects.filter(
        document__in=list(DOCUMENTS), version=1
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0008_privacy_policy_version_2")]

    operations = [migrations.RunPython(publish, unpublish)]
