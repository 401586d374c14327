"""The cookie banner is part of the page the server renders: for a visitor who has not
chosen, with no CSRF token (pages are shared by the page cache), its forms checked by origin."""

import pytest
from django.conf import settings
from django.test import Client

from accounts.tests.factories import UserFactory
from listings.tests.factories import ListingFactory
from privacy.models import ConsentEvent
from privacy.texts import COOKIE_BANNER_TEXT

pytestmark = pytest.mark.django_db

BANNER = 'id="cookie-bar"'
ALL_DECIDED = "necessary=2026-01-01T00:00:00|analytics=-1|marketing=-1"


def test_a_first_visit_gets_the_banner_in_the_html_with_both_choices_and_no_token(client):
    html = client.get("/").content.decode()

    banner = html[html.index(BANNER) : html.index("</section>", html.index(BANNER))]
    assert str(COOKIE_BANNER_TEXT) in banner
    assert 'action="/cookies/accept/"' in banner
    assert 'action="/cookies/decline/"' in banner
    assert 'value="analytics"' in banner
    assert 'name="next" value="/"' in banner
    assert "csrfmiddlewaretoken" not in banner
    assert html.index(BANNER) < html.index('<main id="main"')  # in the flow, before content


def test_a_visitor_who_has_chosen_gets_no_banner(client):
    client.cookies[settings.COOKIE_CONSENT_NAME] = ALL_DECIDED

    assert BANNER not in client.get("/").content.decode()


def test_the_shared_search_page_carries_the_banner_only_for_visitors_who_have_not_chosen():
    ListingFactory(title="Сеялка СЗ-5.4")
    chosen = Client()
    chosen.cookies[settings.COOKIE_CONSENT_NAME] = ALL_DECIDED

    first = Client().get("/listings/?q=сеялка").content.decode()
    after_choice = chosen.get("/listings/?q=сеялка").content.decode()
    newcomer = Client().get("/listings/?q=сеялка").content.decode()  # from the shared cache

    assert BANNER in first
    assert BANNER not in after_choice
    assert BANNER in newcomer
    assert "Сеялка" in after_choice
    assert "Сеялка" in newcomer


def test_without_javascript_a_choice_returns_to_the_page_without_the_banner(client):
    response = client.post(
        "/cookies/decline/",
        {"cookie_groups": ["analytics", "marketing"], "next": "/listings/", "from_banner": "1"},
        HTTP_SEC_FETCH_SITE="same-origin",
    )

    assert response.status_code == 302
    assert response["Location"] == "/listings/"
    assert BANNER not in client.get("/listings/").content.decode()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {},
    ],
)
def test_a_choice_posted_from_another_site_is_refused(headers):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/cookies/accept/", {"cookie_groups": "analytics"}, **headers)

    assert response.status_code == 403
    assert settings.COOKIE_CONSENT_NAME not in response.cookies


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_SEC_FETCH_SITE": "same-origin"}, {"HTTP_ORIGIN": "http://testserver"},
     {"HTTP_REFERER": "http://testserver/listings/"}],
)  # fmt: skip
def test_a_choice_from_the_portals_own_page_needs_no_token(headers):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/cookies/accept/", {"cookie_groups": "analytics"}, **headers)

    assert response.status_code == 302
    assert "analytics=" in response.cookies[settings.COOKIE_CONSENT_NAME].value


def test_a_signed_in_users_choice_in_the_banner_form_records_the_banner_text(client):
    user = UserFactory()
    client.force_login(user)

    client.post("/cookies/accept/", {"cookie_groups": "analytics", "from_banner": "1"})

    event = ConsentEvent.objects.get(user=user)
    assert event.channel == ConsentEvent.Channel.COOKIE_BANNER
    assert event.text_shown == str(COOKIE_BANNER_TEXT)
