"""Requests of one session sent at the same moment: two "add" clicks, two checkout tabs.

Each test sends real requests, through the whole middleware stack, from several threads
(each with its own database connection) that share one session cookie. A barrier inside
the view holds every request that got there until all have: without the session lock they
all read the same session before any writes it back, which is the race the tests are
about; with the lock, the first request waits there alone until the barrier gives up, and
the others find the session already changed.
"""

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from listings.tests.factories import ListingFactory
from orders import services
from orders.models import Order
from orders.tests.conftest import ORDER_FORM

pytestmark = pytest.mark.django_db(transaction=True)

# Long enough for every request to reach the barrier when nothing serialises them.
BARRIER_SECONDS = 3


@pytest.fixture(autouse=True)
def _no_mail_publishing(monkeypatch):
    # Eager tasks from several threads would corrupt Celery's process-wide state; the
    # e-mails stay pending in the outbox, which is not what these tests are about.
    from outbox import services as outbox

    monkeypatch.setattr(outbox, "mail_publish", lambda *, email_id: False)


def _held_at_a_barrier(monkeypatch, name: str, parties: int):
    """Make `services.<name>` wait (at most BARRIER_SECONDS) until `parties` calls arrive."""
    barrier = threading.Barrier(parties)
    real = getattr(services, name)

    def held(**kwargs):
        # Broken when the others are serialised behind this one: it goes on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=BARRIER_SECONDS)
        return real(**kwargs)

    monkeypatch.setattr(services, name, held)


def _clients_of_one_session(first: Client, count: int) -> list[Client]:
    cookie = first.cookies[settings.SESSION_COOKIE_NAME].value
    clients = []
    for _n in range(count):
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie
        clients.append(client)
    return clients


def _in_parallel(calls):
    def run(call):
        try:
            return call()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_items_added_at_the_same_moment_all_stay_in_the_cart(monkeypatch):
    first_listing, *listings = ListingFactory.create_batch(4, price=1000)
    first = Client()
    first.post(f"/cart/add/{first_listing.pk}/", {"quantity": "1"})  # the session exists
    clients = _clients_of_one_session(first, len(listings))
    _held_at_a_barrier(monkeypatch, "cart_add", len(listings))

    responses = _in_parallel(
        [
            lambda c=client, pk=listing.pk: c.post(f"/cart/add/{pk}/", {"quantity": "1"})
            for client, listing in zip(clients, listings, strict=True)
        ]
    )

    assert [r.status_code for r in responses] == [302] * len(listings)
    cart = first.get("/cart/").context["cart"]
    in_cart = {line.listing_id for group in cart.groups for line in group.lines}
    assert in_cart == {first_listing.pk, *(listing.pk for listing in listings)}


def test_two_checkout_tabs_sent_at_once_place_one_order(monkeypatch):
    listing = ListingFactory(price=1000, min_order_quantity=1)
    company = listing.company
    first = Client()
    first.post(f"/cart/add/{listing.pk}/", {"quantity": "3"})
    tabs = _clients_of_one_session(first, 2)
    # Each tab got its own form, with its own one-time token.
    tokens = [
        tab.get(f"/cart/checkout/{company.pk}/").context["form"]["checkout_token"].value()
        for tab in tabs
    ]
    assert tokens[0] != tokens[1]
    _held_at_a_barrier(monkeypatch, "order_place", 2)

    responses = _in_parallel(
        [
            lambda tab=tab, token=token: tab.post(
                f"/cart/checkout/{company.pk}/", {**ORDER_FORM, "checkout_token": token}
            )
            for tab, token in zip(tabs, tokens, strict=True)
        ]
    )

    order = Order.objects.get()
    assert order.items.get().quantity == 3
    assert sorted(r.url for r in responses) == sorted([order.get_absolute_url(), "/cart/"])
    assert first.get("/cart/").context["cart"].is_empty
