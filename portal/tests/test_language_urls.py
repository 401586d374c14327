"""Each language has its own URLs: Russian at the root, Kazakh under /kk/, English under /en/.

The test settings make English the default language (pytest.ini); the `russian_at_root`
fixture (conftest.py) restores the production arrangement these tests are about.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from listings.tests.factories import ListingFactory
from privacy.models import ConsentEvent, PolicyVersion, Purpose
from privacy.tests.factories import PolicyVersionFactory

pytestmark = pytest.mark.django_db

LANGUAGE_URLS = [("ru", ""), ("kk", "/kk"), ("en", "/en")]


def _lang(response) -> str:
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


def _pages():
    listing = ListingFactory()
    return [
        "/",
        "/listings/",
        f"/listings/{listing.pk}/",
        f"/sellers/{listing.company.pk}/",
        "/privacy/policy/",
        "/cookies/",
        "/accounts/signup/",
        "/accounts/login/",
        "/support/feedback/",
        "/cart/",
    ]


@pytest.mark.parametrize(("language", "prefix"), LANGUAGE_URLS)
def test_every_page_has_a_url_in_each_language(client, russian_at_root, language, prefix):
    for path in _pages():
        response = client.get(prefix + path)

        assert response.status_code == 200, path
        assert _lang(response) == language, path


def test_the_default_language_has_no_prefix_of_its_own(client, russian_at_root):
    assert client.get("/ru/listings/").status_code == 404


def test_links_on_a_prefixed_page_stay_in_its_language(client, russian_at_root):
    listing = ListingFactory()

    html = client.get(f"/kk/listings/{listing.pk}/").content.decode()

    assert f'href="/kk/sellers/{listing.company.pk}/"' in html
    assert f'action="/kk/cart/add/{listing.pk}/"' in html


def test_the_prefix_wins_over_the_language_cookie(client, russian_at_root):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    assert _lang(client.get("/kk/listings/")) == "kk"


def test_an_unprefixed_url_keeps_the_visitors_cookie_and_links_to_its_language(
    client, russian_at_root
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    listing = ListingFactory()

    response = client.get(f"/listings/{listing.pk}/")

    assert _lang(response) == "kk"
    assert f'href="/kk/sellers/{listing.company.pk}/"' in response.content.decode()


def test_without_cookie_or_browser_language_the_root_is_russian(client, russian_at_root):
    assert _lang(client.get("/listings/")) == "ru"


@pytest.mark.parametrize(
    ("language", "next_url", "expected"),
    [
        ("kk", "/listings/12/?tab=photos", "/kk/listings/12/?tab=photos"),
        ("en", "/kk/listings/12/", "/en/listings/12/"),
        ("ru", "/kk/cookies/", "/cookies/"),
        ("kk", "/en/", "/kk/"),
        ("kk", "/admin/", "/admin/"),
    ],
)
def test_the_language_switch_moves_to_the_url_in_the_chosen_language(
    client, russian_at_root, language, next_url, expected
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post("/i18n/setlang/", {"language": language, "next": next_url})

    assert response.status_code == 302
    assert response["Location"] == expected
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == language


@pytest.mark.parametrize("path", ["/healthz", "/robots.txt", "/sitemap.xml", "/cookies/status/"])
def test_machine_addresses_have_one_url_whatever_the_language(client, russian_at_root, path):
    assert client.get(path).status_code == 200
    assert client.get(f"/kk{path}").status_code == 404


def test_the_admin_keeps_its_address(client, russian_at_root):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert client.get("/kk/admin/").status_code == 404


def test_cookie_choices_are_stored_from_a_prefixed_page_and_lead_back_to_it(
    client, russian_at_root
):
    page = client.get("/kk/cookies/").content.decode()
    form = re.search(r'<form action="(/cookies/accept/)".*?</form>', page, re.S)
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(0)))
    assert fields["next"] == "/kk/cookies/"

    response = client.post(form.group(1), {**fields, "cookie_groups": "analytics"})

    assert response.status_code == 302
    assert response["Location"] == "/kk/cookies/"
    assert "analytics" in response.cookies[settings.COOKIE_CONSENT_NAME].value


def test_a_kazakh_signup_mails_a_link_that_opens_in_kazakh(
    client, russian_at_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        response = client.post(
            "/kk/accounts/signup/",
            {
                "email": "aigerim@example.kz",
                "password1": "Long-enough-pass-42",
                "password2": "Long-enough-pass-42",
                "first_name": "Айгерім",
                "last_name": "Серікқызы",
                "phone": "+77011234567",
                "accept_privacy_policy": "on",
                "accept_terms": "on",
                "confirm_age": "on",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)

    assert "/kk/accounts/confirm-email/" in link
    page = client.get(urlsplit(link).path)
    assert page.status_code == 200
    assert _lang(page) == "kk"


def test_links_in_e_mails_sent_outside_a_request_still_open(client, russian_at_root):
    listing = ListingFactory()
    for language, _prefix in LANGUAGE_URLS:
        with translation.override(language):
            url = reverse("listings:detail", args=[listing.pk])

        assert client.get(url).status_code == 200, url


def _accepted_first_policy(client):
    user = UserFactory()
    for purpose in Purpose.objects.filter(is_required=True):
        ConsentEvent.objects.create(
            user=user, purpose=purpose, action="grant", channel="signup", text_shown="v1",
            policy_version=PolicyVersion.objects.privacy().get(version=1),
        )  # fmt: skip
    client.force_login(user)
    return user


def test_a_new_policy_is_asked_for_in_the_visitors_language_without_a_loop(client, russian_at_root):
    _accepted_first_policy(client)
    PolicyVersionFactory(version=2)

    response = client.get("/kk/listings/")

    assert response.status_code == 302
    assert response["Location"].startswith("/kk/privacy/accept/?next=")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert _lang(page) == "kk"


def _search(path, **cookies):
    client = Client()
    for name, value in cookies.items():
        client.cookies[name] = value
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.parametrize(("first", "then"), [("/kk", ""), ("", "/kk"), ("/en", "/kk")])
def test_a_shared_search_page_is_never_served_at_another_languages_url(
    russian_at_root, first, then
):
    listing = ListingFactory(title="Трактор МТЗ-82")
    query = "/listings/?q=трактор"
    _search(first + query)
    cached, queries = _search(first + query)
    # Another search (a different canonical query) is rendered: the repeated one was shared.
    assert queries < _search(f"{first}{query}&sort=newest")[1], "the page was not shared"

    response, _queries = _search(then + query)

    language = then.strip("/") or "ru"
    assert _lang(response) == language
    assert f'href="{then}/listings/{listing.pk}/"' in response.content.decode()
    assert _lang(cached) == (first.strip("/") or "ru")


def test_a_page_shared_at_the_root_keeps_each_visitors_language(russian_at_root):
    ListingFactory(title="Трактор МТЗ-82")
    query = "/listings/?q=трактор"

    kazakh, _queries = _search(query, **{settings.LANGUAGE_COOKIE_NAME: "kk"})
    russian, _queries = _search(query)

    assert _lang(kazakh) == "kk"
    assert _lang(russian) == "ru"
    assert 'href="/kk/' not in russian.content.decode()
