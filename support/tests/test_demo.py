import io

import pytest

from accounts.tests.factories import UserFactory
from listings.tests.factories import ListingFactory, ReviewFactory
from privacy.models import ConsentEvent
from support.demo import seed_support
from support.models import CallbackRequest, Complaint, Feedback

pytestmark = pytest.mark.django_db


def test_seed_support_adds_demo_items_once():
    ListingFactory()
    ReviewFactory()
    UserFactory(email="admin@demo.kz", is_staff=True)

    first = seed_support(stdout=io.StringIO())
    counts = (Complaint.objects.count(), CallbackRequest.objects.count(), Feedback.objects.count())
    out = io.StringIO()
    second = seed_support(stdout=out)

    assert first == {"complaints": 4, "callbacks": 2, "feedback": 2}
    assert counts == (4, 2, 2)
    assert second == {"complaints": 0, "callbacks": 0, "feedback": 0}
    assert "0 complaints" in out.getvalue()
    assert Complaint.objects.filter(status="in_review").count() == 1
    assert ConsentEvent.objects.filter(channel="support").count() == 6


def test_seed_support_on_an_empty_catalogue_adds_no_complaints():
    added = seed_support(stdout=io.StringIO())

    assert added["complaints"] == 0
    assert added["callbacks"] == 2
