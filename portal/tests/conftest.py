import pytest
from django.urls import clear_url_caches


@pytest.fixture
def russian_at_root(settings):
    """Make Russian the default language, as in production (tests run with English).

    The URL resolver caches each language's prefix, so its caches follow the change.
    """
    settings.LANGUAGE_CODE = "ru"
    clear_url_caches()
    yield
    clear_url_caches()
