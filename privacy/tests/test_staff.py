"""Staff roles have the least rights their work needs; the sweep never erases staff silently."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from listings.tests.factories import ListingFactory
from privacy.sweep import retention_sweep

pytestmark = pytest.mark.django_db


def _member_of(role: str) -> Client:
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return sign_in_with_second_factor(Client(), user)


def test_the_roles_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Privacy officer",
        "Moderator",
        "Support",
    }


def test_a_moderator_cannot_open_data_requests():
    moderator = _member_of("Moderator")

    assert moderator.get("/admin/privacy/datarequest/").status_code == 403
    assert moderator.get("/admin/listings/listing/").status_code == 200


def test_a_support_user_cannot_block_a_listing():
    listing = ListingFactory(status="published")
    support = _member_of("Support")

    response = support.post(
        "/admin/listings/listing/", {"action": "block", "_selected_action": [listing.pk]}
    )

    assert response.status_code == 403
    listing.refresh_from_db()
    assert listing.status == "published"
    assert support.get("/admin/support/callbackrequest/").status_code == 200


def test_a_moderator_blocks_a_listing():
    listing = ListingFactory(status="published")
    moderator = _member_of("Moderator")

    from listings.rules import Rule

    moderator.post(
        "/admin/listings/listing/",
        {"action": "block", "apply": "1", "rule": Rule.values[0], "_selected_action": [listing.pk]},
    )

    listing.refresh_from_db()
    assert listing.status == "blocked"


def test_the_privacy_officer_handles_requests_but_not_listings():
    officer = _member_of("Privacy officer")

    assert officer.get("/admin/privacy/datarequest/").status_code == 200
    assert officer.get("/admin/privacy/breach/add/").status_code == 200
    assert officer.get("/admin/listings/listing/").status_code == 403


def test_an_active_staff_account_is_left_to_the_privacy_officer_not_erased():
    long_ago = timezone.now() - dt.timedelta(days=6 * 365)
    staff = UserFactory(is_staff=True)
    former_staff = UserFactory(is_staff=True, is_active=False)
    buyer = UserFactory()
    User.objects.filter(pk__in=[staff.pk, former_staff.pk, buyer.pk]).update(
        last_interaction_at=long_ago
    )

    run = retention_sweep()

    assert run.staff_left == [staff.pk]
    assert run.subjects == 2
    staff.refresh_from_db()
    assert staff.is_active
    assert not staff.email.endswith("@invalid")
    assert User.objects.get(pk=former_staff.pk).email.endswith("@invalid")
