import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.regions import Region
from accounts.tests.factories import UserFactory
from deals.models import Quote, QuoteRequest, QuoteRevision, Recipient
from listings.models import Listing
from listings.tests.factories import leaf
from orders.models import PaymentMethod, ShippingMethod


def in_days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


class RequestFactory(factory.django.DjangoModelFactory):
    """An open request for 20 t of wheat seed to Kostanay region."""

    class Meta:
        model = QuoteRequest

    buyer = factory.SubFactory(UserFactory)
    title = "Семена пшеницы, 1-я репродукция"
    description = "Сорт Акмола 2, ГОСТ, в биг-бэгах."
    category = factory.LazyFunction(lambda: leaf("grain-seeds"))
    quantity = 20
    unit = Listing.Unit.TONNE
    region = Region.KOSTANAY
    needed_by = factory.LazyFunction(lambda: in_days(30))
    buyer_organization = "ТОО «Жана Астык»"


def quote_terms(**overrides) -> dict:
    """A valid quote: 20 t at 180,000 ₸ with 100,000 ₸ delivery."""
    return {
        "price": Decimal("180000.00"),
        "quantity": 20,
        "delivery_cost": Decimal("100000.00"),
        "delivery_date": in_days(20),
        "delivery_terms": "До склада покупателя в Костанае",
        "payment_terms": "100% предоплата по счёту",
        "shipping_method": ShippingMethod.PICKUP,
        "payment_method": PaymentMethod.BANK_TRANSFER,
        "valid_until": in_days(10),
        "comment": "Сертификаты приложим.",
        **overrides,
    }


def sent_to(request, *companies) -> None:
    Recipient.objects.bulk_create(Recipient(request=request, company=c) for c in companies)


def quote_on(request, company, **overrides) -> Quote:
    """A quote (revision 1) of `company` on `request`, which was sent to it."""
    Recipient.objects.get_or_create(request=request, company=company)
    terms = quote_terms(**overrides)
    quote = Quote.objects.create(request=request, company=company, **terms)
    QuoteRevision.objects.create(quote=quote, number=1, **terms)
    return quote
