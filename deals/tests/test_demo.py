from io import StringIO

import pytest
from post_office.models import STATUS, Email

from deals.demo import seed_deals
from deals.models import Conversation, CounterOffer, Quote, QuoteRequest
from orders.demo import seed_orders
from orders.tests.test_demo import demo_portal  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def test_demo_deals_cover_every_state_and_seeding_twice_adds_nothing(demo_portal):  # noqa: F811
    seed_orders(stdout=StringIO())

    created = seed_deals(stdout=StringIO())
    again = seed_deals(stdout=StringIO())

    assert (created, again) == (3, 0)
    assert set(Quote.objects.values_list("status", flat=True)) == set(Quote.Status.values)
    assert set(QuoteRequest.objects.values_list("status", flat=True)) == {
        "open",
        "accepted",
        "expired",
    }
    assert CounterOffer.objects.filter(answer="pending").exists()
    assert Conversation.objects.count() == 2
    assert not Email.objects.filter(status=STATUS.queued).exists()


def test_demo_deals_wait_for_demo_people():
    assert seed_deals(stdout=StringIO()) == 0
