"""Pages are compressed; every fingerprinted static file is cached for good, and what a page
loads is fingerprinted (JavaScript modules imported by other modules too)."""

import gzip
import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from listings.tests.factories import ListingFactory

pytestmark = pytest.mark.django_db

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
A_YEAR = 365 * 24 * 60 * 60
MANIFEST_STORAGE = {"BACKEND": "portal.storage.StaticFilesStorage"}


def test_pages_are_compressed_for_browsers_that_accept_it(client):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b'<html lang="en">' in gzip.decompress(response.content)


def test_pages_are_sent_plain_to_clients_that_do_not_accept_compression(client):
    response = client.get("/")

    assert not response.has_header("Content-Encoding")
    assert b'<html lang="en">' in response.content


def test_the_csrf_token_of_a_compressed_page_never_repeats(client):
    """BREACH guesses a secret from compressed lengths over many answers: the token changes."""
    listing = ListingFactory()
    tokens = []
    for _ in range(3):
        response = client.get(f"/listings/{listing.pk}/", HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip"
        tokens.append(CSRF_FIELD.search(gzip.decompress(response.content).decode()).group(1))

    assert len(set(tokens)) == 3
    # The masked tokens still carry the one secret: a form sent with any of them is taken.
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.cookies = client.cookies
    for token in tokens:
        response = csrf_client.post(
            f"/cart/add/{listing.pk}/", {"quantity": "1", "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory, django_db_blocker):
    """Run collectstatic with the production storage (fingerprinted, compressed) once."""
    root = tmp_path_factory.mktemp("static")
    storages = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    with override_settings(
        STATIC_ROOT=root, STORAGES={**storages, "staticfiles": MANIFEST_STORAGE}
    ):
        call_command("collectstatic", "--noinput", verbosity=0)
    return root


@pytest.fixture
def production_static(collected_static, settings):
    settings.STATIC_ROOT = collected_static
    settings.STORAGES = {**settings.STORAGES, "staticfiles": MANIFEST_STORAGE}
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    return Client()  # a new client loads whitenoise with these settings


def _cache_seconds(response) -> int:
    return int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))


def test_every_static_file_a_page_loads_is_fingerprinted_and_cached_for_good(production_static):
    client = production_static
    html = client.get("/").content.decode()
    urls = set(re.findall(r'(?:src|href)="(/static/[^"]+)"', html))
    assert any(url.startswith("/static/js/cookiebar.") for url in urls)
    assert any(url.startswith("/static/css/portal.") for url in urls)

    for url in sorted(urls):
        response = client.get(url)

        assert response.status_code == 200, url
        assert _cache_seconds(response) >= A_YEAR, url
        assert "immutable" in response["Cache-Control"], url


def test_the_cookie_banner_script_is_fingerprinted_and_cached_for_a_year(production_static):
    client = production_static
    html = client.get("/").content.decode()
    banner = re.search(r'src="(/static/js/cookiebar\.[0-9a-f]{12}\.js)"', html).group(1)

    response = client.get(banner)

    assert response.status_code == 200
    assert _cache_seconds(response) >= A_YEAR
    # The banner is rendered on the server: its script imports no module that could escape
    # fingerprinting (it once imported django-cookie-consent's, cached for 60 s).
    assert "import " not in b"".join(response.streaming_content).decode()


def test_static_files_are_served_precompressed(production_static):
    html = production_static.get("/").content.decode()
    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', html).group(1)

    response = production_static.get(stylesheet, HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
