"""A seller whose listing moderation blocked sees which rule it broke."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from listings import services
from listings.models import Listing
from listings.tests.factories import ListingFactory

pytestmark = pytest.mark.django_db


def _blocked(company, rule="truthful"):
    listing = ListingFactory(company=company)
    services.listings_block(listings=Listing.objects.filter(pk=listing.pk), rule=rule)
    return listing


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "Rule 2: true and complete information"),
        ("ru", "Правило 2: правдивая и полная информация"),
        ("kk", "2-қағида: шынайы әрі толық ақпарат"),
    ],
)
def test_the_seller_sees_the_rule_on_the_desk_and_on_the_listing(
    seller_client, company, language, label
):
    listing = _blocked(company)
    seller_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    desk = seller_client.get("/seller/listings/").content.decode()
    edit = seller_client.get(f"/seller/listings/{listing.pk}/edit/").content.decode()

    with translation.override(language):  # the rules' page in the seller's language
        rules = reverse("legal:rules")
    for html in (desk, edit):
        assert label in html
        assert f'href="{rules}"' in html


def test_blocking_without_a_rule_is_refused_and_changes_nothing(company):
    listing = ListingFactory(company=company)

    with pytest.raises(services.ListingError):
        services.listings_block(listings=Listing.objects.filter(pk=listing.pk), rule="")

    assert Listing.objects.get(pk=listing.pk).status == Listing.Status.PUBLISHED


def test_unblocking_forgets_the_rule(company):
    listing = _blocked(company)

    services.listings_unblock(listings=Listing.objects.filter(pk=listing.pk))

    listing.refresh_from_db()
    assert (listing.status, listing.moderation_rule) == (Listing.Status.DRAFT, "")


def test_another_seller_cannot_read_the_decision_by_changing_the_id(client, company):
    from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy

    listing = _blocked(company)
    other = CompanyFactory(owner=accept_policy(UserFactory())).owner
    client.force_login(other)

    assert client.get(f"/seller/listings/{listing.pk}/edit/").status_code == 404
