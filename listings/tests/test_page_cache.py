"""The shared page cache of the home, listing and seller pages (listings/page_cache.py).

These tests run with the cache on, against the real Redis of the test settings: a page is
stored on its first visit, and a repeated visit costs no query at all.
"""

import pytest
from django.conf import settings
from django.test import Client

from accounts import services as account_services
from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from listings import services
from listings.models import Review
from listings.tests.factories import ListingFactory, ReviewFactory, leaf
from listings.tests.test_desk import form_data

pytestmark = pytest.mark.django_db


def _pages(listing) -> list[str]:
    return [f"/listings/{listing.pk}/", "/", f"/sellers/{listing.company_id}/"]


def _stored_pages_cost_no_query(urls, django_assert_num_queries, client=None):
    """Visit each page once (it is stored), then check that the next visit is a cache hit."""
    client = client or Client()
    for url in urls:
        assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        return [client.get(url).content.decode() for url in urls]


def test_the_cache_is_on_in_these_tests():
    assert settings.PAGE_CACHE_SECONDS > 0
    assert settings.CACHES["default"]["BACKEND"] == "portal.cache.ResilientRedisCache"


def test_a_new_price_shows_at_once_on_the_listing_home_and_seller_pages(
    seller_client, company, django_assert_num_queries, django_capture_on_commit_callbacks
):
    listing = ListingFactory(company=company, title="Сеялка СЗП-3,6", price=2_500_000)
    before = _stored_pages_cost_no_query(_pages(listing), django_assert_num_queries)
    assert all("2,500,000" in page for page in before)

    with django_capture_on_commit_callbacks(execute=True):
        response = seller_client.post(
            f"/seller/listings/{listing.pk}/edit/", form_data(price="3100000")
        )
    assert response.status_code == 302

    for url in _pages(listing):
        body = Client().get(url).content.decode()
        assert "3,100,000" in body, url
        assert "2,500,000" not in body, url


def test_a_new_review_shows_at_once_on_the_seller_and_listing_pages(
    buyer, django_assert_num_queries, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(services, "REVIEW_RULES", list(services.LISTINGS_REVIEW_RULES))
    listing = ListingFactory()
    seller_page, listing_page = f"/sellers/{listing.company_id}/", f"/listings/{listing.pk}/"
    _stored_pages_cost_no_query([seller_page, listing_page], django_assert_num_queries)

    with django_capture_on_commit_callbacks(execute=True):
        services.review_create(
            author=buyer, company=listing.company, rating=2, text="Отгрузили с опозданием."
        )

    assert "Отгрузили с опозданием." in Client().get(seller_page).content.decode()
    assert '"ratingValue": 2.0' in Client().get(listing_page).content.decode()


def test_a_hidden_review_leaves_the_seller_page_at_once(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    review = ReviewFactory(text="Спам и реклама.")
    page = f"/sellers/{review.company_id}/"
    assert "Спам и реклама." in _stored_pages_cost_no_query([page], django_assert_num_queries)[0]

    with django_capture_on_commit_callbacks(execute=True):
        services.review_set_hidden(
            reviews=Review.objects.filter(pk=review.pk), hidden=True, rule="honest_reviews"
        )

    assert "Спам и реклама." not in Client().get(page).content.decode()


def test_a_company_renamed_and_an_account_closed_show_at_once(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    owner = accept_policy(UserFactory())
    company = CompanyFactory(owner=owner, name="ТОО «Старое имя»")
    listing = ListingFactory(company=company)
    _stored_pages_cost_no_query(_pages(listing), django_assert_num_queries)

    with django_capture_on_commit_callbacks(execute=True):
        account_services.company_save(
            owner=owner,
            name="ТОО «Новое имя»",
            bin=company.bin,
            legal_address=company.legal_address,
            region=company.region,
            authorised_person=company.authorised_person,
            contact_phone=company.contact_phone,
            contact_email=company.contact_email,
        )
    assert "ТОО «Новое имя»" in Client().get(f"/listings/{listing.pk}/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        account_services.account_close(user=owner)
    assert Client().get(f"/listings/{listing.pk}/").status_code == 404
    assert Client().get(f"/sellers/{company.pk}/").status_code == 404
    assert "ТОО «Новое имя»" not in Client().get("/").content.decode()


def test_the_owners_preview_of_a_draft_is_never_stored(seller, django_assert_num_queries):
    listing = ListingFactory(company=seller.company, draft=True, title="Черновик сеялки")
    owner = Client()
    owner.force_login(seller)
    for _visit in range(2):
        assert "Черновик сеялки" in owner.get(f"/listings/{listing.pk}/").content.decode()

    for visitor in (Client(), Client(headers={"cookie": "sessionid=nobody"})):
        assert visitor.get(f"/listings/{listing.pk}/").status_code == 404


def test_a_stored_page_gives_each_visitor_their_own_csrf_token(django_assert_num_queries):
    listing = ListingFactory()
    url = f"/listings/{listing.pk}/"
    Client().get(url)

    with django_assert_num_queries(0):
        first, second = Client().get(url), Client().get(url)

    tokens = [response.cookies["csrftoken"].value for response in (first, second)]
    assert tokens[0] != tokens[1]
    for response in (first, second):
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()
        assert "csrfhole" not in response.content.decode()


def test_the_delivery_answer_follows_the_buyers_region_on_a_stored_page():
    listing = ListingFactory()
    url = f"/listings/{listing.pk}/"
    Client().get(url)

    shared = Client().get(url).content.decode()
    answered = Client().get(url, {"my_region": "pavlodar"}).content.decode()

    assert 'data-testid="delivery-answer"' not in shared
    assert 'data-testid="delivery-answer"' in answered
    assert "<!--hole:" in shared  # the markers stay, as harmless comments


def test_a_signed_in_buyer_gets_their_own_review_box_on_a_stored_seller_page(buyer):
    company = CompanyFactory()
    url = f"/sellers/{company.pk}/"
    anonymous = Client().get(url).content.decode()
    member = Client()
    member.force_login(buyer)

    signed_in = member.get(url).content.decode()

    assert f"?next=/sellers/{company.pk}/" in anonymous
    assert "Sign out" not in anonymous
    assert "Sign out" in signed_in
    assert f"?next=/sellers/{company.pk}/" not in signed_in


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_each_language_has_its_own_stored_page(language):
    listing = ListingFactory(category=leaf("tractors"))
    Client().get(f"/listings/{listing.pk}/")  # stored in English, the tests' default

    body = Client().get(f"/{language}/listings/{listing.pk}/").content.decode()

    assert f'<html lang="{language}">' in body
    assert {"ru": "Тракторы", "kk": "Тракторлар"}[language] in body
    assert f'rel="canonical" href="http://testserver/{language}/listings/' in body


@pytest.mark.parametrize("photos_and_reviews", [0, 6])
def test_a_stored_page_costs_a_signed_in_visitor_the_same_few_queries(
    buyer, django_assert_max_num_queries, photos_and_reviews
):
    """The frame is rendered for them (session, account, header), and on a seller page
    whether they may review (the review rules); never the page's content."""
    listing = ListingFactory()
    ReviewFactory.create_batch(photos_and_reviews, company=listing.company)
    ListingFactory.create_batch(photos_and_reviews, company=listing.company)
    member = Client()
    member.force_login(buyer)
    for url in _pages(listing):
        member.get(url)

    for url in _pages(listing):
        with django_assert_max_num_queries(6 if "/sellers/" in url else 4, info=url):
            assert member.get(url).status_code == 200
