"""Orders placed at the same moment, in parallel database transactions."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.utils import timezone

from orders import services
from orders.cart import Cart
from orders.models import Order
from orders.tests.conftest import ORDER_FORM

pytestmark = pytest.mark.django_db(transaction=True)

PARALLEL = 6


@pytest.fixture(autouse=True)
def _no_mail_publishing(monkeypatch):
    """Leave the orders' e-mails pending: they are not what these tests are about.

    Eager tasks run from several threads at once would also corrupt Celery's process-wide
    "joining a result would block" flag, breaking later tests that wait for a result.
    """
    monkeypatch.setattr("outbox.services.mail_publish", lambda *, email_id: False)


class _Session(dict):
    modified = False


def _place_in_parallel(listing, tokens):
    barrier = threading.Barrier(len(tokens))

    def place(token):
        try:
            cart = Cart(_Session())
            cart.set(listing=listing, quantity=2)
            barrier.wait(timeout=10)
            placed = services.order_place(
                cart=cart, company=listing.company, user=None, checkout_token=token,
                **{**ORDER_FORM, "phone": "+77012345678"},
            )  # fmt: skip
            return placed.order.number, placed.created
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        return list(pool.map(place, tokens))


def test_orders_placed_at_once_get_distinct_consecutive_numbers(listing):
    results = _place_in_parallel(listing, [f"token-{n}" for n in range(PARALLEL)])

    year = timezone.localdate().year
    numbers = sorted(number for number, _created in results)
    assert numbers == [f"{year}-{n:06d}" for n in range(1, PARALLEL + 1)]
    assert Order.objects.count() == PARALLEL


def test_the_same_form_sent_at_once_from_several_tabs_makes_one_order(listing):
    results = _place_in_parallel(listing, ["same-token"] * PARALLEL)

    order = Order.objects.get()
    assert {number for number, _created in results} == {order.number}
    assert sum(created for _number, created in results) == 1
    assert order.items.count() == 1
