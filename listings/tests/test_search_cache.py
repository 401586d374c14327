"""Search: the shared cache of rendered pages, what keeps a page from it, and no cache at all."""

import pytest
from django.middleware.csrf import get_token
from django.test import Client

from accounts.tests.factories import UserFactory, accept_policy
from listings import cards, page_cache, search_page
from listings.models import Listing
from listings.selectors import categories
from listings.tests.factories import ListingFactory
from listings.tests.search_helpers import SEARCH, titles

pytestmark = pytest.mark.django_db


def test_a_card_shows_the_listing_as_it_is_now(client, django_capture_on_commit_callbacks):
    from listings.services import catalogue_changed

    listing = ListingFactory(title="Трактор старый")
    assert "Трактор старый" in client.get(SEARCH).content.decode()

    # An edit as listing_update makes it: the row changes and cached searches go stale.
    with django_capture_on_commit_callbacks(execute=True):
        Listing.objects.filter(pk=listing.pk).update(title="Трактор новый", price=42)
        catalogue_changed()

    body = client.get(SEARCH).content.decode()
    assert "Трактор новый" in body
    assert "Трактор старый" not in body


class _UnreachableCache:
    def __getattr__(self, name):
        def unavailable(*args, **kwargs):
            raise ConnectionError("cache down")

        return unavailable


def test_the_search_page_works_without_its_cache(client, monkeypatch):
    ListingFactory(title="Трактор")
    for module in (categories, cards, page_cache):
        monkeypatch.setattr(module, "cache", _UnreachableCache())

    assert "Трактор" in client.get(SEARCH).content.decode()


def test_a_repeated_search_is_served_from_the_shared_cache(client, django_assert_num_queries):
    ListingFactory(title="Трактор МТЗ-82")
    first = titles(client.get(SEARCH, {"q": "трактор"}))

    with django_assert_num_queries(0):  # the rendered content is shared, not only the data
        again = titles(client.get(SEARCH, {"q": "трактор"}))
    in_russian = titles(client.get(SEARCH, {"q": "трактор"}, headers={"accept-language": "ru"}))

    assert again == first == in_russian == ["Трактор МТЗ-82"]


def test_publishing_or_blocking_shows_in_cached_searches_at_once(
    client, django_capture_on_commit_callbacks
):
    from listings import services

    listing = ListingFactory(title="Сеялка СЗ-5.4")
    assert titles(client.get(SEARCH, {"q": "сеялка"})) == ["Сеялка СЗ-5.4"]

    with django_capture_on_commit_callbacks(execute=True):
        services.listings_block(listings=Listing.objects.filter(pk=listing.pk), rule="lawful")

    assert titles(client.get(SEARCH, {"q": "сеялка"})) == []


def test_a_visitor_without_state_gets_the_shared_page_and_a_signed_in_one_never_does(
    client, django_assert_num_queries
):
    ListingFactory(title="Трактор МТЗ-82")
    client.get(SEARCH, {"q": "трактор"})

    with django_assert_num_queries(0):
        shared = client.get(SEARCH, {"q": "трактор"})
    member = Client()
    member.force_login(accept_policy(UserFactory()))
    signed_in = member.get(SEARCH, {"q": "трактор"}).content.decode()

    assert titles(shared) == ["Трактор МТЗ-82"]
    assert "Cookie" in shared["Vary"]  # a shared cache downstream must tell visitors apart
    assert "Sign out" not in shared.content.decode()
    assert "Sign out" in signed_in
    assert "Трактор МТЗ-82" in signed_in


def _frame_giving_state(monkeypatch, give) -> None:
    """Make rendering the page frame give the visitor state, as a form or a note would."""
    render_frame = search_page._page_response

    def frame(request, page):
        give(request)
        return render_frame(request, page)

    monkeypatch.setattr(search_page, "_page_response", frame)


def _remember(request):
    request.session["searched"] = True


@pytest.mark.parametrize(("give", "cookie"), [(get_token, "csrftoken"), (_remember, "sessionid")])
def test_a_page_whose_rendering_gave_state_is_never_shared(monkeypatch, give, cookie):
    ListingFactory(title="Трактор МТЗ-82")
    _frame_giving_state(monkeypatch, give)
    first = Client().get(SEARCH, {"q": "трактор"})

    second = Client().get(SEARCH, {"q": "трактор"})  # another visitor, no cookies either

    assert cookie in first.cookies
    assert cookie in second.cookies  # rendered for them, with their own state
    assert second.cookies[cookie].value != first.cookies[cookie].value


def test_the_shared_page_follows_the_visitors_cookie_choice(client):
    ListingFactory(title="Трактор МТЗ-82")
    undecided = client.get(SEARCH).content.decode()
    client.post("/cookies/accept/", {"cookie_groups": "analytics"})

    accepted = client.get(SEARCH).content.decode()

    assert 'id="analytics-snippet"' not in undecided
    assert 'id="analytics-snippet"' in accepted


def test_the_language_switch_needs_no_csrf_token():
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/i18n/setlang/", {"language": "kk", "next": SEARCH})

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "kk"
    assert "Іздеу" in browser.get(SEARCH).content.decode()
