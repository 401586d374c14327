from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.services import TOUCH_INTERVAL, user_touch
from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

MIDDLEWARE = "accounts.middleware.LastInteractionMiddleware"


def user_updates(queries):
    return [q["sql"] for q in queries if q["sql"].startswith('UPDATE "accounts_user"')]


def test_signing_in_moves_the_last_interaction(client, member):
    User.objects.filter(pk=member.pk).update(last_interaction_at=None)

    client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})

    member.refresh_from_db()
    assert member.last_interaction_at is not None
    assert timezone.now() - member.last_interaction_at < timedelta(minutes=1)


def test_a_request_of_a_signed_in_user_moves_a_stale_last_interaction(member_client, member):
    stale = timezone.now() - TOUCH_INTERVAL - timedelta(minutes=1)
    User.objects.filter(pk=member.pk).update(last_interaction_at=stale)

    member_client.get("/account/")

    member.refresh_from_db()
    assert member.last_interaction_at > stale


def test_a_second_request_within_the_hour_writes_nothing(member_client, member):
    User.objects.filter(pk=member.pk).update(last_interaction_at=None)
    with CaptureQueriesContext(connection) as first:
        member_client.get("/account/")
    assert len(user_updates(first.captured_queries)) == 1
    written = User.objects.get(pk=member.pk).last_interaction_at

    with CaptureQueriesContext(connection) as second:
        member_client.get("/account/")

    assert user_updates(second.captured_queries) == []
    assert User.objects.get(pk=member.pk).last_interaction_at == written


def test_within_the_hour_the_middleware_costs_no_query(member_client, member, settings):
    member_client.get("/account/")  # touch now; warm the session
    with CaptureQueriesContext(connection) as with_middleware:
        member_client.get("/account/")

    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE]
    with CaptureQueriesContext(connection) as without_middleware:
        member_client.get("/account/")

    assert len(with_middleware.captured_queries) == len(without_middleware.captured_queries)


def test_anonymous_requests_touch_nobody(client, member):
    User.objects.filter(pk=member.pk).update(last_interaction_at=None)

    client.get("/accounts/login/")

    member.refresh_from_db()
    assert member.last_interaction_at is None


def test_user_touch_writes_at_most_once_per_interval(member):
    now = timezone.now()
    User.objects.filter(pk=member.pk).update(last_interaction_at=None)
    member.last_interaction_at = None

    assert user_touch(user=member, now=now) is True
    assert user_touch(user=member, now=now + timedelta(minutes=59)) is False
    assert user_touch(user=member, now=now + TOUCH_INTERVAL + timedelta(seconds=1)) is True


def test_a_stale_copy_of_the_user_does_not_write_twice(member):
    """Two parallel requests both hold a stale user; only the first one writes."""
    now = timezone.now()
    stale = now - TOUCH_INTERVAL - timedelta(minutes=5)
    User.objects.filter(pk=member.pk).update(last_interaction_at=stale)
    first, second = User.objects.get(pk=member.pk), User.objects.get(pk=member.pk)

    assert user_touch(user=first, now=now) is True
    assert user_touch(user=second, now=now + timedelta(seconds=1)) is False
