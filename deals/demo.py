"""Demo deals for `manage.py seed_demo`: requests for quotation with quotes in every state,
counter-offers, an accepted quote with its order, and questions on listings.

Idempotent: nothing is added when the demo buyer already has the first demo request.
Demo e-mails are marked sent rather than printed.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from post_office.models import STATUS, Email

from accounts.models import Company, User
from deals import services
from deals.models import QuoteRequest
from listings.models import Listing
from orders.models import PaymentMethod, ShippingMethod

BUYER_EMAIL = "buyer@demo.kz"
TITLES = ("Семена пшеницы, 20 т", "Минеральные удобрения, 40 т", "Запчасти к комбайну")
CONTACT = {
    "full_name": "Сатпаева Айгерим",
    "organization": "ТОО «Жана Астык»",
    "email": BUYER_EMAIL,
    "phone": "+77011234567",
    "address": "Костанайская обл., г. Костанай, ул. Абая, 12",
    "comment": "",
}


def _terms(price: int, days: int = 10) -> dict:
    today = timezone.localdate()
    return {
        "price": Decimal(price),
        "quantity": 20,
        "delivery_cost": Decimal(120_000),
        "delivery_date": today + timedelta(days=20),
        "delivery_terms": "До склада покупателя",
        "payment_terms": "Предоплата 50%, остаток по факту",
        "shipping_method": ShippingMethod.PICKUP,
        "payment_method": PaymentMethod.BANK_TRANSFER,
        "valid_until": today + timedelta(days=days),
        "comment": "Сертификаты качества приложим.",
    }


def _post(buyer, title: str, sellers: list[Company]) -> QuoteRequest:
    listing = Listing.objects.filter(company=sellers[0]).order_by("pk").first()
    return services.request_post(
        buyer=buyer,
        audience=QuoteRequest.Audience.CHOSEN,
        sellers=sellers,
        title=title,
        description="Нужны документы и доставка до склада.",
        category=listing.category,
        quantity=20,
        unit=Listing.Unit.TONNE,
        region="kostanay",
        needed_by=timezone.localdate() + timedelta(days=30),
        budget=None,
        buyer_organization="ТОО «Жана Астык»",
    )


def _quote(request, company, price):
    return services.quote_submit(
        request=request, company=company, actor=company.owner, terms=_terms(price)
    )


def _seed(buyer, sellers) -> None:
    open_request = _post(buyer, TITLES[0], sellers[:3])
    sent = _quote(open_request, sellers[0], 180_000)
    countered = _quote(open_request, sellers[1], 185_000)
    declined = _quote(open_request, sellers[2], 199_000)
    services.counter_send(quote=countered, user=buyer, price=Decimal(175_000), terms="")
    services.quote_decline(quote=declined, user=buyer)
    services.quote_question(user=buyer, quote=sent, body="Какой сорт и репродукция?")

    accepted = _post(buyer, TITLES[1], sellers[:2])
    winner = _quote(accepted, sellers[0], 210_000)
    _quote(accepted, sellers[1], 215_000)
    counter = services.counter_send(quote=winner, user=buyer, price=Decimal(205_000))
    services.counter_answer(
        counter=counter, company=sellers[0], actor=sellers[0].owner, accept=True
    )
    winner.refresh_from_db()
    services.quote_accept(quote=winner, user=buyer, contact=CONTACT, checkout_token="demo-rfq-1")

    expired = _post(buyer, TITLES[2], sellers[1:3])
    _quote(expired, sellers[1], 95_000)
    QuoteRequest.objects.filter(pk=expired.pk).update(
        needed_by=timezone.localdate() - timedelta(days=1)
    )
    services.requests_expire()

    listing = Listing.objects.visible().filter(company=sellers[0]).order_by("pk").first()
    if listing is None:
        return
    conversation = services.conversation_ask(user=buyer, listing=listing, body="Есть ли в наличии?")
    services.message_send(
        conversation=conversation,
        side="seller",
        author=sellers[0].owner,
        body="Да, отгрузим со склада в течение недели.",
    )


@transaction.atomic
def seed_deals(*, stdout) -> int:
    """Add the demo requests, quotes and conversations; return how many requests were added."""
    buyer = User.objects.filter(email=BUYER_EMAIL).first()
    sellers = list(
        Company.objects.filter(owner__email__endswith="@demo.kz", listings__isnull=False)
        .distinct()
        .order_by("pk")[:3]
    )
    if buyer is None or len(sellers) < 3:
        stdout.write("Demo deals: no demo buyer or sellers yet, none added.")
        return 0
    if QuoteRequest.objects.filter(buyer=buyer, title=TITLES[0]).exists():
        stdout.write("Demo deals: present already.")
        return 0
    before = Email.objects.aggregate(last=Max("pk"))["last"] or 0
    _seed(buyer, sellers)
    # Demo e-mails go nowhere: they are marked sent before the publish on commit runs.
    Email.objects.filter(pk__gt=before, status=STATUS.queued).update(
        status=STATUS.sent, last_updated=timezone.now()
    )
    stdout.write(f"Demo deals: {len(TITLES)} requests with quotes in every state.")
    return len(TITLES)
