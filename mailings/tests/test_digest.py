"""The weekly digest of new listings in the categories a person follows."""

from datetime import timedelta

import pytest
from django.utils import timezone
from post_office.models import Email

from accounts.models import NotificationPreference
from listings.tests.factories import ListingFactory, leaf
from mailings.models import Delivery, FollowedCategory
from mailings.services import listings_digest_send
from mailings.tests.factories import people
from orders.tests.factories import OrderFactory, OrderItemFactory

pytestmark = pytest.mark.django_db


def _wants_digest(*users):
    for user in users:
        NotificationPreference.objects.create(user=user, kind="listings_digest", delivery="now")


def test_the_digest_goes_only_to_people_who_chose_it_and_consent_now():
    chose, not_chose = people(2, prefix="c")
    (withdrawn,) = people(1, marketing="withdraw", prefix="w")
    _wants_digest(chose, withdrawn)
    seeds = leaf("grain-seeds")
    for user in (chose, not_chose, withdrawn):
        FollowedCategory.objects.create(user=user, category=seeds)
    ListingFactory(category=seeds, title="Семена ячменя")

    listings_digest_send()

    (mail,) = Email.objects.all()
    assert mail.to == [chose.email]
    assert "Семена ячменя" in mail.message
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/account/notifications/" in mail.message


def test_only_listings_of_the_week_in_the_followed_categories_are_shown():
    (person,) = people(1)
    _wants_digest(person)
    FollowedCategory.objects.create(user=person, category=leaf("grain-seeds"))
    ListingFactory(category=leaf("grain-seeds"), title="Новые семена")
    ListingFactory(category=leaf("grain-seeds"), title="Старые семена",
                   published_at=timezone.now() - timedelta(days=10))  # fmt: skip
    ListingFactory(category=leaf("tractors"), title="Трактор не по теме")

    listings_digest_send()

    body = Email.objects.get().message
    assert "Новые семена" in body
    assert "Старые семена" not in body
    assert "Трактор не по теме" not in body


def test_without_chosen_categories_those_ordered_from_are_used():
    (person,) = people(1)
    _wants_digest(person)
    tractor = ListingFactory(category=leaf("tractors"), title="Трактор МТЗ")
    OrderItemFactory(order=OrderFactory(buyer=person, email=person.email), listing=tractor)
    ListingFactory(category=leaf("tractors"), title="Трактор Беларус")

    listings_digest_send()

    assert "Трактор Беларус" in Email.objects.get().message


def test_a_second_run_in_the_same_week_sends_nobody_a_second_digest():
    (person,) = people(1)
    _wants_digest(person)
    FollowedCategory.objects.create(user=person, category=leaf("grain-seeds"))
    ListingFactory(category=leaf("grain-seeds"))

    listings_digest_send()
    listings_digest_send()

    assert Email.objects.count() == 1
    assert Delivery.objects.get().digest_week.weekday() == 0


def test_nothing_new_means_no_mail():
    (person,) = people(1)
    _wants_digest(person)
    FollowedCategory.objects.create(user=person, category=leaf("grain-seeds"))

    listings_digest_send()

    assert not Email.objects.exists()
