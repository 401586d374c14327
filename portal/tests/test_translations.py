"""The portal speaks Russian and Kazakh: its catalogues are complete and compiled."""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def _catalogue(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_the_compiled_file_is_current(language, tmp_path):
    po = _catalogue(language)
    checked = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(po)],
        capture_output=True,
        text=True,
    )

    assert checked.returncode == 0, checked.stderr
    assert "untranslated" not in checked.stderr
    assert "fuzzy" not in checked.stderr
    # The compiled catalogue is committed (so `make run` needs no gettext): it must match.
    assert (tmp_path / "django.mo").read_bytes() == po.with_suffix(".mo").read_bytes(), (
        "Run `make messages` and commit the .mo files."
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "sign_in", "search"),
    [("ru", "Войти", "Поиск"), ("kk", "Кіру", "Іздеу"), ("en", "Sign in", "Search")],
)
def test_pages_are_shown_in_the_visitors_language(client, language, sign_in, search):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    body = client.get("/listings/").content.decode()

    assert f'<html lang="{language}">' in body
    assert sign_in in body
    assert search in body
