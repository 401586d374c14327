"""With Redis stopped, people sign in, browse, order and write to support in the browser;
once it is back, every e-mail queued meanwhile goes out exactly once.

The portal's cache and Celery broker are pointed at a Redis server of the test's own, which
is then stopped (connections refused): the shared Redis of the machine is never touched.
"""

import re
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from post_office.models import STATUS, Email

from accounts.tests.factories import PASSWORD, CompanyFactory, UserFactory, accept_policy
from listings.tests.factories import ListingFactory
from orders.models import Order
from outbox.services import mail_send, outbox_drain
from portal.breaker import breaker_for
from portal.celery import app
from portal.tests.helpers import publisher_pools_reset
from portal.tests.redis_server import PrivateRedis

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def private_redis(settings):
    """The live server's cache and the Celery broker on a Redis of this test's own."""
    server = PrivateRedis()
    server.start()
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
def shop():
    seller = CompanyFactory(name="ТОО «Степь Агро»", owner=accept_policy(UserFactory()))
    seeder = ListingFactory(company=seller, title="Сеялка СЗ-5.4", price=2_400_000)
    buyer = accept_policy(UserFactory(email="buyer@example.kz"))
    return seller, seeder, buyer


def _watch_for_server_errors(page):
    page.server_errors = []
    page.on("response", lambda r: r.status >= 500 and page.server_errors.append(r.url))
    return page


def _decline_optional_cookies(page):
    banner = page.locator(".cookie-bar")
    if banner.count():
        page.get_by_role("button", name="Decline optional").click()
        expect(banner).to_have_count(0)


def _browse_and_order(page, seeder, *, email):
    """Search, open the listing, put it in the cart and send the order; return the seconds
    the order form took to answer."""
    page.goto("/listings/?q=Сеялка")
    page.get_by_role("link", name="Сеялка СЗ-5.4").first.click()
    page.locator("#cart-quantity").fill("2")
    page.get_by_role("button", name="Add to cart").click()
    expect(page).to_have_url(re.compile(r"/cart/$"))
    page.get_by_role("link", name="Order from ТОО «Степь Агро»").click()
    page.get_by_label("Full name").fill("Ахметов Ерлан Серикович")
    page.get_by_label("Organization").fill("КХ «Береке»")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Phone").fill("+7 701 234 5678")
    page.get_by_label("Delivery address").fill("Кокшетау, ул. Абая, 12")
    page.get_by_label("Transport company").check()
    started = time.monotonic()
    page.get_by_role("button", name="Send the order").click()
    expect(page).to_have_url(re.compile(r"/orders/[0-9a-f-]{36}/$"))
    seconds = time.monotonic() - started
    expect(page.get_by_test_id("order-status")).to_have_text("New")
    return seconds


def _sign_in_and_look_around(page, buyer):
    """Sign in with the form and open the buyer's own pages; return the page."""
    _watch_for_server_errors(page)
    page.goto("/accounts/login/")
    _decline_optional_cookies(page)
    page.get_by_label("Email", exact=True).fill(buyer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="My account")).to_be_visible()
    for path in ("/", "/account/", "/account/orders/", "/account/privacy/", "/cart/"):
        assert page.goto(path).status == 200, path
    return page


def _write_to_support(page):
    page.goto("/support/feedback/")
    page.get_by_label("Your name").fill("Айгерим")
    page.get_by_label("Your e-mail address").fill("aigerim@example.kz")
    page.get_by_label("Message").fill("Удобный каталог, спасибо.")
    page.get_by_role("button", name="Send the message").click()
    expect(page.locator(".support-sent")).to_be_visible()


def test_with_redis_stopped_the_portal_works_and_mails_go_out_once_it_is_back(
    browser, live_server, private_redis, shop, record_property
):
    seller, seeder, buyer = shop
    private_redis.stop()
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)

    # A guest browses and orders.
    guest = _watch_for_server_errors(context.new_page())
    guest.goto("/")
    _decline_optional_cookies(guest)
    guest_seconds = _browse_and_order(guest, seeder, email="guest@example.kz")

    # A buyer signs in with the form, looks at their pages and orders.
    buyer_context = browser.new_context(base_url=live_server.url, locale="en-US")
    buyer_context.set_default_timeout(10_000)
    signed_in = _sign_in_and_look_around(buyer_context.new_page(), buyer)
    buyer_seconds = _browse_and_order(signed_in, seeder, email=buyer.email)

    _write_to_support(guest)

    record_property("checkout_seconds_guest", round(guest_seconds, 3))
    record_property("checkout_seconds_signed_in", round(buyer_seconds, 3))
    print(f"Checkout with Redis stopped: guest {guest_seconds:.3f} s, buyer {buyer_seconds:.3f} s")
    assert guest.server_errors == []
    assert signed_in.server_errors == []
    assert Order.objects.count() == 2
    assert breaker_for(private_redis.url()).is_open
    queued = list(Email.objects.values_list("pk", flat=True))
    assert len(queued) == 4  # each order: the seller and the buyer
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.queued}
    assert mail.outbox == []
    context.close()
    buyer_context.close()

    # Redis is back: the drain (run by beat every minute) sends every queued mail; more
    # runs, and a late publish of each, send nothing again.
    private_redis.start()
    later = timezone.now() + timedelta(minutes=1)
    sent = outbox_drain(now=later)
    again = outbox_drain(now=later) + sum(mail_send(email_id=pk, now=later) for pk in queued)

    assert (sent, again) == (4, 0)

    sent_to = Counter(address for message in mail.outbox for address in message.to)
    assert sent_to == Counter({seller.owner.email: 2, "guest@example.kz": 1, buyer.email: 1})
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}
