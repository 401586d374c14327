"""Every main page is sent with a strict Content-Security-Policy and the other headers."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from listings.tests.factories import ListingFactory

pytestmark = pytest.mark.django_db

STRICT_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def csp_directives(header: str) -> dict[str, str]:
    """Return the policy's directives, each with its sources as one string."""
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {name: sources.strip() for name, sources in parts}


@pytest.fixture
def pages(db):
    """The main pages of a visitor, of a signed-in buyer and of the admin's door."""
    listing = ListingFactory(company=CompanyFactory())
    seller = listing.company
    guest = Client()
    guest.post(reverse("orders:cart_add", args=[listing.pk]), {"quantity": 1})
    buyer = Client()
    buyer.force_login(accept_policy(UserFactory()))
    return [
        (guest, reverse("home")),
        (guest, reverse("listings:search") + "?q=трактор"),
        (guest, reverse("listings:detail", args=[listing.pk])),
        (guest, reverse("listings:seller_detail", args=[seller.pk])),
        (guest, reverse("orders:cart")),
        (guest, reverse("orders:checkout", args=[seller.pk])),
        (guest, reverse("privacy:policy")),
        (guest, reverse("privacy:request")),
        (guest, reverse("cookie_consent_cookie_group_list")),
        (guest, reverse("account_signup")),
        (guest, reverse("account_login")),
        (guest, reverse("admin:login")),
        (buyer, reverse("accounts:overview")),
        (buyer, reverse("accounts:profile")),
        (buyer, reverse("accounts:company")),
        (buyer, reverse("orders:account_orders")),
        (buyer, reverse("accounts:privacy")),
        (buyer, reverse("mfa_index")),
    ]


def test_every_main_page_has_a_strict_policy_and_the_other_headers(pages):
    for client, url in pages:
        response = client.get(url)
        assert response.status_code in (200, 302), url

        directives = csp_directives(response["Content-Security-Policy"])
        for name, sources in STRICT_DIRECTIVES.items():
            assert directives.get(name) == sources, (url, name, directives.get(name))
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert "camera=()" in response["Permissions-Policy"], url
        assert "geolocation=()" in response["Permissions-Policy"], url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["X-Frame-Options"] == "DENY", url


def test_the_pages_themselves_carry_no_inline_script_or_style(pages):
    for client, url in pages:
        html = client.get(url).content.decode()
        assert "style=" not in html, url
        assert "<style" not in html, url
        for tag in html.split("<script")[1:]:
            opening = tag.split(">", 1)[0]
            # Besides files, only data blocks (JSON, JSON-LD), which are never executed.
            is_data = re.search(r'type="application/(ld\+)?json"', opening) is not None
            assert "src=" in opening or is_data, (url, opening)
        assert " onclick=" not in html, url
        assert " onchange=" not in html, url
