import uuid

import factory

from accounts.tests.factories import CompanyFactory
from listings.models import Listing
from orders.models import Order, OrderItem, OrderMessage, PaymentMethod, ShippingMethod


class OrderFactory(factory.django.DjangoModelFactory):
    """A guest's new order of one tractor (pass `buyer=` for a signed-in buyer's order)."""

    class Meta:
        model = Order

    number = factory.Sequence(lambda n: f"2026-{n + 900_000:06d}")
    checkout_token = factory.LazyFunction(lambda: uuid.uuid4().hex)
    company = factory.SubFactory(CompanyFactory)
    buyer = None
    full_name = "Ахметов Ерлан Серикович"
    organization = "КХ «Береке»"
    email = factory.Sequence(lambda n: f"guest{n}@example.kz")
    phone = "+77011234567"
    address = "Кокшетау, ул. Абая, 12"
    comment = ""
    shipping_method = ShippingMethod.PICKUP
    payment_method = PaymentMethod.BANK_TRANSFER
    subtotal = 12_500_000

    class Params:
        completed = factory.Trait(status=Order.Status.COMPLETED)


class OrderItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrderItem

    order = factory.SubFactory(OrderFactory)
    title = "Трактор МТЗ-82.1"
    unit = Listing.Unit.PIECE
    price = 12_500_000
    quantity = 1


class OrderMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrderMessage

    order = factory.SubFactory(OrderFactory)
    side = OrderMessage.Side.BUYER
    body = "Когда сможете отгрузить?"


def completed_order(*, buyer, company) -> Order:
    """Return a completed order of `buyer` from `company`: what a review needs."""
    order = OrderFactory(buyer=buyer, company=company, email=buyer.email, completed=True)
    OrderItemFactory(order=order)
    return order
