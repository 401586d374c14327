"""Delivery regions (search filter, listing page) and the seller's contacts button."""

import pytest
from django.test import Client

from accounts.models import DeliveryRegion
from accounts.regions import Region
from accounts.tests.factories import CompanyFactory
from listings.contacts import CONTACTS_LIMITED
from listings.tests.factories import ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sellers(db):
    """Three sellers: one delivers to Kostanay at a cost, one by agreement, one elsewhere."""
    priced = CompanyFactory(name="TOO Priced")
    agreed = CompanyFactory(name="TOO Agreed")
    elsewhere = CompanyFactory(name="TOO Elsewhere")
    DeliveryRegion.objects.create(company=priced, region=Region.KOSTANAY, cost=15_000)
    DeliveryRegion.objects.create(company=agreed, region=Region.KOSTANAY, cost=None)
    DeliveryRegion.objects.create(company=elsewhere, region=Region.ATYRAU, cost=0)
    for company in (priced, agreed, elsewhere):
        ListingFactory.create_batch(3, company=company, title=f"Семена {company.name}")
    return priced, agreed, elsewhere


def _sellers_in(response) -> set[str]:
    body = response.content.decode()
    names = ("TOO Priced", "TOO Agreed", "TOO Elsewhere")
    return {name for name in names if f"Семена {name}" in body}


def test_delivers_to_my_region_narrows_the_search(client, sellers):
    everyone = client.get("/listings/")
    kostanay = client.get("/listings/?delivers_to=kostanay")
    atyrau = client.get("/listings/?delivers_to=atyrau")

    assert _sellers_in(everyone) == {"TOO Priced", "TOO Agreed", "TOO Elsewhere"}
    assert _sellers_in(kostanay) == {"TOO Priced", "TOO Agreed"}
    assert _sellers_in(atyrau) == {"TOO Elsewhere"}
    assert _sellers_in(client.get("/listings/?delivers_to=akmola")) == set()


def test_an_unknown_region_is_ignored_not_an_error(client, sellers):
    response = client.get("/listings/?delivers_to=mars")

    assert response.status_code == 200
    assert len(_sellers_in(response)) == 3


@pytest.mark.parametrize("count", [3, 30])
def test_the_region_filter_keeps_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, settings, count
):
    settings.SEARCH_CACHE_SECONDS = 0
    for _n in range(count):
        company = CompanyFactory()
        DeliveryRegion.objects.create(company=company, region=Region.KOSTANAY)
        ListingFactory(company=company)

    with django_assert_max_num_queries(9):
        assert client.get("/listings/?delivers_to=kostanay&sort=price_asc").status_code == 200


def test_the_listing_page_says_whether_the_seller_delivers_to_the_chosen_region(client, sellers):
    priced, agreed, elsewhere = sellers
    listing = priced.listings.first()

    cost = client.get(f"/listings/{listing.pk}/?my_region=kostanay").content.decode()
    other = client.get(f"/listings/{listing.pk}/?my_region=akmola").content.decode()
    agreement = client.get(
        f"/listings/{agreed.listings.first().pk}/?my_region=kostanay"
    ).content.decode()

    assert "The seller delivers to Kostanay Region: 15,000\xa0₸." in cost
    assert "The seller does not deliver to Akmola Region" in other
    assert "The seller delivers to Kostanay Region: cost by agreement." in agreement


def test_the_listing_page_uses_the_region_of_the_buyers_profile(client, buyer, sellers):
    buyer.region = Region.ATYRAU
    buyer.save()
    client.force_login(buyer)

    page = client.get(f"/listings/{sellers[2].listings.first().pk}/").content.decode()

    assert "The seller delivers to Atyrau Region: 0\xa0₸." in page


def test_a_seller_states_delivery_regions_with_costs(seller_client, company):
    response = seller_client.post(
        "/account/company/delivery/",
        {"deliver_kostanay": "on", "cost_kostanay": "15000", "deliver_astana": "on"},
    )

    assert response.status_code == 302
    assert dict(company.delivery_regions.values_list("region", "cost")) == {
        "kostanay": 15000,
        "astana": None,
    }


def test_a_cost_for_an_unticked_region_is_refused_and_nothing_changes(seller_client, company):
    DeliveryRegion.objects.create(company=company, region=Region.ASTANA)

    response = seller_client.post("/account/company/delivery/", {"cost_pavlodar": "100"})

    assert response.status_code == 200
    assert response.context["form"].errors["cost_pavlodar"]
    assert list(company.delivery_regions.values_list("region", flat=True)) == ["astana"]


def test_contacts_come_from_one_request_with_whatsapp_and_telegram_links(client, company):
    company.whatsapp = "+77011234567"
    company.telegram = "agro_kz"
    company.save()

    page = client.get(f"/sellers/{company.pk}/").content.decode()
    data = client.post(f"/sellers/{company.pk}/contacts/", HTTP_ACCEPT="application/json").json()

    assert str(company.contact_email) not in page  # not in the page a crawler reads
    assert data["email"] == company.contact_email
    assert data["phone_link"] == "tel:+77172000000"
    assert data["whatsapp_link"] == "https://wa.me/77011234567"
    assert data["telegram_link"] == "https://t.me/agro_kz"


def test_contacts_without_javascript_are_a_page(client, company):
    response = client.post(f"/sellers/{company.pk}/contacts/")

    assert response.status_code == 200
    assert company.contact_email in response.content.decode()
    assert client.get(f"/sellers/{company.pk}/contacts/").status_code == 405


def test_contacts_are_rate_limited_per_ip(client, company, settings):
    settings.CONTACTS_RATE_PER_IP = "3/h"
    answers = [
        client.post(f"/sellers/{company.pk}/contacts/", HTTP_ACCEPT="application/json")
        for _ in range(4)
    ]
    other_ip = Client(REMOTE_ADDR="10.9.9.9").post(
        f"/sellers/{company.pk}/contacts/", HTTP_ACCEPT="application/json"
    )

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[-1].json() == {"error": str(CONTACTS_LIMITED)}
    assert other_ip.status_code == 200
