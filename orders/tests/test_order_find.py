"""A guest who lost their order link asks for it again by e-mail address and order number.

The answer is the same whether or not such an order exists; the link goes only to the
order's own address, through the outbox; the form is rate-limited per IP and per address.
"""

import pytest
from django.urls import reverse
from post_office.models import Email

from orders import lookup
from orders.forms import LINK_EMAIL_INVALID, LINK_NUMBER_INVALID
from orders.tests.factories import OrderFactory
from portal.tests.helpers import messages_of

pytestmark = pytest.mark.django_db

URL = "/orders/find/"


@pytest.fixture
def order(company):
    return OrderFactory(company=company, email="erlan@example.kz", number="2026-000042")


def _ask(client, email, number, ip="85.29.130.77"):
    return client.post(URL, {"email": email, "number": number}, REMOTE_ADDR=ip)


def test_the_url_is_the_public_one():
    assert reverse("orders:find") == URL


def test_the_form_asks_for_the_address_and_the_number(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["email", "number"]


def test_the_link_goes_to_the_orders_own_address_through_the_outbox(
    client, order, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, " Erlan@Example.KZ ", " 2026-000042 ")

    assert response.status_code == 302
    assert response.url == URL
    assert messages_of(response) == [str(lookup.LINK_MAYBE_SENT)]
    mail = Email.objects.get()
    assert mail.to == ["erlan@example.kz"]
    assert [m.to for m in mailoutbox] == [["erlan@example.kz"]]
    assert f"/orders/{order.public_id}/" in mailoutbox[0].body
    assert order.number in mailoutbox[0].subject


@pytest.mark.parametrize(
    ("email", "number"),
    [
        ("someone.else@example.kz", "2026-000042"),  # the right number, another address
        ("erlan@example.kz", "2026-000043"),  # the right address, another number
        ("nobody@example.kz", "2026-999999"),
    ],
)
def test_the_answer_is_the_same_when_no_such_order_exists(client, order, email, number):
    response = _ask(client, email, number)

    assert response.status_code == 302
    assert response.url == URL
    assert messages_of(response) == [str(lookup.LINK_MAYBE_SENT)]
    assert not Email.objects.exists()


def test_an_erased_order_gets_no_mail(client, company):
    OrderFactory(company=company, email="erased-1@invalid", number="2026-000077")

    _ask(client, "erased-1@invalid", "2026-000077")

    assert not Email.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("number", "", LINK_NUMBER_INVALID),
        ("number", "42", LINK_NUMBER_INVALID),
        ("number", "２０２６-000042", LINK_NUMBER_INVALID),
        ("number", "2026-" + "1" * 5000, LINK_NUMBER_INVALID),
        ("number", "2026-00\x0042", LINK_NUMBER_INVALID),
        ("email", "not-an-address", LINK_EMAIL_INVALID),
        ("email", "", LINK_EMAIL_INVALID),
    ],
)
def test_bad_input_is_refused_at_the_field_and_kept(client, order, field, value, message):
    data = {"email": "erlan@example.kz", "number": "2026-000042", field: value}

    response = client.post(URL, data)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [str(message)]
    assert not Email.objects.exists()


def test_a_flood_from_one_address_is_refused_with_a_message_and_the_form_kept(
    client, order, settings
):
    settings.ORDER_LINK_RATE_PER_IP = "3/h"
    for _n in range(3):
        assert _ask(client, "erlan@example.kz", "2026-000042").status_code == 302

    response = _ask(client, "erlan@example.kz", "2026-000042")

    assert response.status_code == 429
    assert str(lookup.LINK_RATE_LIMITED) in response.content.decode()
    assert response.context["form"]["number"].value() == "2026-000042"
    assert Email.objects.count() == 3


def test_one_mailbox_is_not_flooded_from_many_ip_addresses(client, order, settings):
    settings.ORDER_LINK_RATE_PER_EMAIL = "2/h"
    for n in range(2):
        _ask(client, "erlan@example.kz", "2026-000042", ip=f"10.0.0.{n}")

    response = _ask(client, "ERLAN@example.kz", "2026-000042", ip="10.0.0.99")

    assert response.status_code == 429
    assert Email.objects.count() == 2


def test_the_cart_links_to_the_form(client):
    assert URL in client.get("/cart/").content.decode()


def test_a_guests_order_page_says_to_keep_the_link_and_where_to_ask_again(client, order):
    html = client.get(order.get_absolute_url()).content.decode()

    assert str(lookup.ORDER_LINK_KEEP) in html.replace("&#x27;", "'")
    assert URL in html


def test_without_the_rate_limit_counters_nothing_is_sent_and_the_guest_is_told(
    client, order, settings
):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        },
    }

    response = _ask(client, "erlan@example.kz", "2026-000042")

    assert response.status_code == 429
    assert str(lookup.LINK_UNAVAILABLE) in response.content.decode().replace("&#x27;", "'")
    assert not Email.objects.exists()
