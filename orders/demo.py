"""Demo orders for `manage.py seed_demo`: sellers' options and orders in every status.

Idempotent: options are created only where missing, and each demo order has a fixed
checkout token, which `order_place` recognises on a second run (it then creates nothing
and no status is changed again). The demo e-mails are marked sent rather than printed.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from post_office.models import STATUS, Email

from accounts.models import Company, User
from listings.models import Listing
from orders import services
from orders.cart import Cart
from orders.models import Order, OrderMessage, PaymentMethod, SellerOption
from orders.models import ShippingMethod as Ship

DEMO_DOMAIN = "@demo.kz"
BUYER_EMAIL = "buyer@demo.kz"
GUEST_EMAIL = "guest.buyer@example.kz"
SELLER_EMAIL = "seller@demo.kz"

# (token, buyer is the demo account?, status to reach, seller index among demo sellers)
PLAN = (
    ("demo-order-1", True, Order.Status.NEW, 0),
    ("demo-order-2", True, Order.Status.CONFIRMED, 0),
    ("demo-order-3", True, Order.Status.SHIPPED, 0),
    ("demo-order-4", True, Order.Status.COMPLETED, 0),
    ("demo-order-5", True, Order.Status.CANCELLED, 1),
    ("demo-order-6", False, Order.Status.NEW, 0),
    ("demo-order-7", False, Order.Status.CONFIRMED, 1),
    ("demo-order-8", True, Order.Status.COMPLETED, 1),
)


class _Session(dict):
    """Enough of a session for a cart that lives only while a demo order is placed."""

    modified = False


def _demo_sellers() -> list[Company]:
    companies = Company.objects.filter(owner__email__endswith=DEMO_DOMAIN).select_related("owner")
    first = [c for c in companies if c.owner.email == SELLER_EMAIL]
    return first + [c for c in companies if c.owner.email != SELLER_EMAIL]


def _seed_options(company: Company, n: int) -> None:
    services.seller_options_ensure(company=company)
    if n % 2 == 0:
        options = SellerOption.objects.filter(company=company)
        options.filter(kind=SellerOption.Kind.SHIPPING, method=Ship.SELLER_DELIVERY).update(
            is_enabled=True, conditions="Бесплатно от 1 000 000 ₸ по области"
        )
        options.filter(
            kind=SellerOption.Kind.PAYMENT, method=PaymentMethod.CASH_ON_DELIVERY
        ).update(is_enabled=True)


def _advance(order: Order, status: str, actor: User) -> None:
    if status == Order.Status.CANCELLED:
        services.order_cancel(order=order, actor=actor, reason="Товара нет на складе до весны.")
        return
    steps = (Order.Status.CONFIRMED, Order.Status.SHIPPED, Order.Status.COMPLETED)
    if status not in steps:
        return
    order = services.order_confirm(
        order=order, actor=actor, final_total=order.subtotal + Decimal(45_000)
    )
    if status in (Order.Status.SHIPPED, Order.Status.COMPLETED):
        order = services.order_ship(order=order, actor=actor)
    if status == Order.Status.COMPLETED:
        services.order_complete(order=order, actor=actor)


ADDRESSES = (
    "Акмолинская обл., г. Кокшетау, ул. Абая, 12",
    "г. Костанай, пр. Аль-Фараби, 65, склад 3",
    "Алматы, ул. Толе би, 101",
)


def _place(token: str, company: Company, buyer: User | None, n: int) -> Order | None:
    listings = list(Listing.objects.visible().filter(company=company).order_by("pk")[:2])
    if not listings:
        return None
    cart = Cart(_Session())
    for listing in listings:
        cart.set(listing=listing, quantity=listing.min_order_quantity + n % 3)
    guest_name = "Ахметов Ерлан Серикович"
    contact = {
        "full_name": f"{buyer.last_name} {buyer.first_name}" if buyer else guest_name,
        "organization": "ТОО «Жана Астык»" if buyer else "КХ «Береке»",
        "email": buyer.email if buyer else GUEST_EMAIL,
        "phone": "+77011234567" if buyer else "+77051112233",
        "address": ADDRESSES[n % len(ADDRESSES)],
        "comment": "Нужна доставка до конца месяца." if n % 2 else "",
    }
    return services.order_place(
        cart=cart,
        company=company,
        user=buyer,
        shipping_method=Ship.PICKUP,
        payment_method=PaymentMethod.BANK_TRANSFER,
        checkout_token=token,
        **contact,
    )


@transaction.atomic
def seed_orders(*, stdout) -> int:
    """Give the demo sellers shipping and payment options and add demo orders.

    Return how many orders were created (0 on a second run).
    """
    sellers = _demo_sellers()
    for n, company in enumerate(sellers):
        _seed_options(company, n)
    buyer = User.objects.filter(email=BUYER_EMAIL).first()
    if len(sellers) < 2 or buyer is None:
        stdout.write("Demo orders: no demo sellers or buyer yet, none added.")
        return 0
    mails_before = Email.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    created = []
    for n, (token, signed_in, status, seller_index) in enumerate(PLAN):
        company = sellers[seller_index]
        placed = _place(token, company, buyer if signed_in else None, n)
        if placed is None or not placed.created:
            continue
        order = placed.order
        created.append(order.pk)
        if status == Order.Status.CONFIRMED:
            services.message_send(
                order=order,
                side=OrderMessage.Side.BUYER,
                body="Можно ли отгрузить во вторник?",
                author=buyer if signed_in else None,
            )
            _advance(order, status, company.owner)
            services.message_send(
                order=order,
                side=OrderMessage.Side.SELLER,
                body="Да, отгрузим во вторник до обеда. Счёт отправили на почту.",
                author=company.owner,
            )
        else:
            _advance(order, status, company.owner)
    # Demo e-mails go nowhere: they are marked sent before the publish on commit runs.
    Email.objects.filter(pk__gt=mails_before, status=STATUS.queued).update(
        status=STATUS.sent, last_updated=timezone.now()
    )
    stdout.write(f"Demo orders: {len(created)} new orders, options for {len(sellers)} sellers.")
    return len(created)
