"""Private behaviour of Django and psycopg that the portal's speed work relies on.

Each test pins one use, so that an upgrade which changes it fails here, loudly and by name,
instead of silently making erasure slow, sharing a page that carries a visitor's token, or
restoring nothing between transactional tests. When one fails, read the use it names
before changing the test.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.db.models.lookups import In
from django.middleware.csrf import get_token
from django.test import RequestFactory

from accounts.tests.factories import UserFactory


@pytest.mark.django_db
def test_in_batch_binds_a_whole_batch_as_one_array_parameter():
    """privacy/registry.py: `_BatchLookup` builds on `In.process_lhs` and `get_prep_lookup`."""
    assert {"process_lhs", "get_prep_lookup", "as_sql"} <= set(dir(In))
    users = get_user_model().objects.filter(pk__in_batch=frozenset({1, 2, 3}))

    sql, params = users.query.sql_with_params()

    assert "= ANY(%s::bigint[])" in sql
    assert params == ("{1,2,3}",)


@pytest.mark.django_db
def test_raw_delete_deletes_without_the_collector_and_returns_the_row_count():
    """accounts/personal_data.py: e-mail addresses are erased with `QuerySet._raw_delete`."""
    from allauth.account.models import EmailAddress

    user = UserFactory()  # with its verified address
    addresses = EmailAddress.objects.filter(user=user)
    assert addresses.count() == 1

    assert addresses._raw_delete(addresses.db) == 1
    assert addresses._raw_delete(addresses.db) == 0
    assert not EmailAddress.objects.filter(user=user).exists()


def test_a_new_csrf_token_is_flagged_in_the_request_meta():
    """listings/page_cache.py: a page that gave its visitor a CSRF cookie is never shared.

    It reads `request.META["CSRF_COOKIE_NEEDS_UPDATE"]`, which `get_token` sets.
    """
    request = RequestFactory().get("/")
    assert not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")

    get_token(request)

    assert request.META.get("CSRF_COOKIE_NEEDS_UPDATE") is True


def test_the_redis_cache_client_makes_its_clients_from_pools_it_keeps():
    """portal/cache.py: `ReusingRedisCacheClient` keeps one client per pool, built the way
    Django builds one per call, from `_get_connection_pool(write)` and `_client`."""
    from django.core.cache.backends.redis import RedisCacheClient

    from portal.cache import ReusingRedisCacheClient

    plain = RedisCacheClient(["redis://127.0.0.1:6379/11"])
    assert plain._get_connection_pool(True) is plain._get_connection_pool(False)
    assert plain.get_client(write=True) is not plain.get_client(write=True)
    reusing = ReusingRedisCacheClient(["redis://127.0.0.1:6379/11"])
    assert reusing.get_client(write=True) is reusing.get_client()
    assert reusing.get_client().connection_pool is reusing._get_connection_pool(False)


@pytest.mark.django_db(transaction=True)  # makes the suite serialize the test database
def test_the_test_database_keeps_its_serialized_contents_on_the_connection():
    """conftest.py: `django_db_setup` shares `_test_serialized_contents` with every connection.

    Serialized rollback of transactional tests restores the data migrations' rows from it.
    """
    contents = getattr(type(connections["default"]), "_test_serialized_contents", None)

    assert isinstance(contents, str)
    assert contents
    assert getattr(connection, "_test_serialized_contents", None) == contents
