"""Sellers find their desk: the header's "Seller" menu with what waits, one set of tabs on
every desk page, a link from the Personal Account, and the first listing after the company."""

import pytest
from django.test import override_settings

from accounts.tests.factories import UserFactory, accept_policy
from accounts.views import COMPANY_CREATED_MESSAGE
from listings.models import Listing
from listings.tests.factories import ListingFactory
from orders import services
from orders.models import Order
from orders.selectors import seller_summary_get
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db

DESK_PAGES = ("/seller/listings/", "/seller/listings/new/", "/seller/orders/", "/seller/settings/")


def _menu(html: str) -> str:
    start = html.index('<details class="header-menu seller-menu">')
    return html[start : html.index("</details>", start)]


def test_a_buyer_has_no_seller_menu(client):
    client.force_login(accept_policy(UserFactory()))

    html = client.get("/").content.decode()

    assert "seller-menu" not in html


def test_the_seller_menu_leads_to_listings_orders_and_shipping_with_new_orders_counted(
    seller_client, seller
):
    OrderFactory.create_batch(2, company=seller.company)
    OrderFactory(company=seller.company, status=Order.Status.SHIPPED)
    ListingFactory(company=seller.company, status=Listing.Status.BLOCKED)

    menu = _menu(seller_client.get("/").content.decode())

    for url in ("/seller/listings/", "/seller/orders/", "/seller/settings/"):
        assert f'href="{url}"' in menu
    assert '<span class="badge">3<span class="visually-hidden"> waiting</span>' in menu
    assert '2<span class="visually-hidden"> new</span>' in menu
    assert '1<span class="visually-hidden"> blocked by moderation</span>' in menu


def test_the_counts_are_one_query_cached_per_user(seller, django_assert_num_queries):
    with django_assert_num_queries(1):
        first = seller_summary_get(user=seller)
    with django_assert_num_queries(0):
        again = seller_summary_get(user=seller)

    assert first == again
    assert first.company_id == seller.company.pk


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there: the cache is down
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
)
def test_the_counts_are_read_from_the_database_when_the_cache_is_down(seller):
    OrderFactory(company=seller.company)

    summary = seller_summary_get(user=seller)

    assert summary.new_orders == 1


def test_a_confirmed_order_leaves_the_count_at_once(seller, django_capture_on_commit_callbacks):
    order = OrderFactory(company=seller.company)
    assert seller_summary_get(user=seller).new_orders == 1  # now cached

    with django_capture_on_commit_callbacks(execute=True):
        services.order_confirm(order=order, actor=seller, final_total=100)

    assert seller_summary_get(user=seller).new_orders == 0


@pytest.mark.parametrize("url", DESK_PAGES)
def test_every_desk_page_has_the_same_tabs_with_its_own_current(seller_client, url):
    html = seller_client.get(url).content.decode()

    start = html.index('<nav class="account-nav desk-tabs"')
    tabs = html[start : html.index("</nav>", start)]
    assert tabs.count("<a ") == 5  # listings, orders, requests, messages, shipping and payment
    current = tabs.split('aria-current="page"')[0].rsplit("href=", 1)[1]
    assert url.startswith(current.strip('"').split('"')[0])


def test_the_personal_account_links_a_seller_to_the_desk(seller_client):
    html = seller_client.get("/account/").content.decode()

    assert 'class="card seller-desk-card"' in html
    for url in ("/seller/listings/", "/seller/orders/", "/seller/settings/"):
        assert f'href="{url}"' in html


def test_a_new_seller_is_taken_to_the_first_listing_and_the_menu_appears_at_once(
    client, django_capture_on_commit_callbacks
):
    user = accept_policy(UserFactory())
    client.force_login(user)
    assert "seller-menu" not in client.get("/").content.decode()  # cached: not a seller
    data = {
        "name": "ТОО «Костанай Астык»", "bin": "200140000103",
        "legal_address": "Костанай, пр. Аль-Фараби, 65", "region": "kostanay",
        "authorised_person": "Абенов Даурен", "contact_phone": "+7 714 250 0000",
        "contact_email": "sales@astyk.kz",
    }  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/company/", data)

    assert response.status_code == 302
    assert response["Location"] == "/seller/listings/new/"
    html = client.get(response["Location"]).content.decode()
    assert str(COMPANY_CREATED_MESSAGE) in html
    assert "seller-menu" in html
