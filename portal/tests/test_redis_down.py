"""Every page and form without Redis; rate limits that still hold; no stale page after it.

The portal's cache and broker point at a Redis server of the test's own (see
portal.tests.redis_server); the outage is played on it.
"""

import time

import pytest
from allauth.account.models import EmailAddress
from django.utils.translation import gettext
from post_office.models import Email

from accounts.tests.factories import PASSWORD, CompanyFactory, UserFactory, accept_policy
from accounts.tests.test_signup import signup_data
from listings import services as listing_services
from listings.tests.factories import ListingFactory
from orders.tests.factories import OrderFactory, OrderMessageFactory
from portal.celery import app
from portal.tests.helpers import publisher_pools_reset
from portal.tests.redis_server import PrivateRedis
from support.models import Feedback
from support.views import RATE_LIMITED

pytestmark = pytest.mark.django_db

WINDOW = 0.3  # REDIS_BREAKER_SECONDS in these tests


@pytest.fixture
def redis_server(settings):
    """The portal's cache and broker on a Redis of this test's own (running)."""
    server = PrivateRedis()
    server.start()
    settings.REDIS_BREAKER_SECONDS = WINDOW
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": server.url()},
    }
    previous = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url, app.conf.task_always_eager = server.url(), False
    publisher_pools_reset()
    yield server
    app.conf.broker_url, app.conf.task_always_eager = previous
    publisher_pools_reset()
    server.stop()


@pytest.fixture
def redis_down(redis_server):
    redis_server.stop()
    return redis_server


def test_a_signed_in_user_reads_every_page_of_their_account(client, redis_down):
    user = accept_policy(UserFactory())
    order = OrderFactory(buyer=user, email=user.email)
    OrderMessageFactory(order=order, side="seller", body="Отгрузим завтра")
    client.force_login(user)
    home = client.get("/")
    assert str(home.context["unread_messages"]) == "1"  # counted in the database

    for path in (
        "/", "/listings/", "/account/", "/account/profile/", "/account/orders/",
        "/account/privacy/", f"/orders/{order.public_id}/", "/cart/", "/privacy/policy/",
        "/support/feedback/",
    ):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 200, path


def test_a_guest_and_a_seller_read_every_main_page(client, redis_down):
    seller = accept_policy(UserFactory())
    company = CompanyFactory(owner=seller)
    listing = ListingFactory(company=company)
    order = OrderFactory(company=company)
    guest_pages = (
        "/", "/listings/", "/listings/?q=Сеялка&sort=newest", f"/listings/{listing.pk}/",
        f"/sellers/{company.pk}/", "/cart/", "/privacy/policy/", "/privacy/request/",
        "/privacy/stats/", "/cookies/", "/support/complaint/", "/support/callback/",
        "/support/feedback/", "/accounts/login/", "/accounts/signup/",
        "/accounts/password/reset/",
    )  # fmt: skip
    seller_pages = (
        "/seller/listings/", "/seller/listings/new/", "/seller/orders/",
        f"/seller/orders/{order.pk}/", "/seller/settings/", "/account/company/",
    )  # fmt: skip

    answers = {path: client.get(path).status_code for path in guest_pages}
    client.force_login(seller)
    answers |= {path: client.get(path).status_code for path in seller_pages}

    assert {path: code for path, code in answers.items() if code != 200} == {}


def test_sign_up_sign_in_and_password_reset_work_and_their_mails_are_kept(client, redis_down):
    response = client.post("/accounts/signup/", signup_data())
    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"

    user = accept_policy(UserFactory(email="known@example.kz"))
    EmailAddress.objects.filter(user=user).update(verified=True)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    client.logout()

    response = client.post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302

    assert sorted(Email.objects.values_list("to", flat=True)) == [
        ["aigerim@example.kz"],
        ["known@example.kz"],
    ]


def test_the_support_limit_still_holds_per_process_while_redis_is_down(
    client, redis_down, settings
):
    settings.SUPPORT_RATE_PER_IP = "3/h"
    data = {"name": "Дана", "email": "dana@example.kz", "message": "Спасибо", "website": ""}

    answers = [client.post("/support/feedback/", data).status_code for _ in range(4)]

    assert answers == [302, 302, 302, 429]
    assert gettext(RATE_LIMITED) in client.post("/support/feedback/", data).content.decode()
    assert Feedback.objects.count() == 3


def test_a_listing_changed_during_an_outage_is_not_hidden_by_a_page_stored_before(
    client, redis_server, django_capture_on_commit_callbacks
):
    company = CompanyFactory(owner=accept_policy(UserFactory()))
    listing = ListingFactory(company=company, title="Сеялка СЗ-5.4")
    assert "Сеялка СЗ-5.4" in client.get("/listings/?q=Сеялка").content.decode()  # stored

    redis_server.stop(keep_data=True)  # down, and back later with what it held
    with django_capture_on_commit_callbacks(execute=True):
        listing_services.listing_archive(listing=listing)  # the version bump cannot get there
    assert "Сеялка СЗ-5.4" not in client.get("/listings/?q=Сеялка").content.decode()
    redis_server.start()
    time.sleep(WINDOW * 1.5)

    page = client.get("/listings/?q=Сеялка").content.decode()

    assert "Сеялка СЗ-5.4" not in page
