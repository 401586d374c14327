"""The pages consent rests on read entirely in Kazakh, or entirely in Russian, in the browser.

The visible text of each page is compared with the catalogues: no text is an English
message id left untranslated, on the Kazakh page no text is the Russian translation instead
of the Kazakh one, no run of English words appears, and no code name. Values that are data
rather than interface (the operator's name and address, processors' names from settings,
e-mail addresses, code elements such as cookie names) are set aside.
"""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from accounts.tests.factories import UserFactory
from privacy import services
from privacy.models import Purpose
from privacy.selectors import policy_current
from privacy.texts import POLICY_ACCEPT_TEXT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VISIBLE_TEXT_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    const element = node.parentElement;
    if (!text || element.closest("code, script, style, template, noscript")) continue;
    if (!element.checkVisibility()) continue;
    out.push(text);
  }
  for (const e of document.querySelectorAll("[placeholder]")) out.push(e.placeholder);
  for (const e of document.querySelectorAll("input[type=submit]")) out.push(e.value);
  return out;
}"""
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,})+")
IDENTIFIER = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z]+__[a-z_]+\b")


def _catalogue(language: str) -> dict[str, str]:
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    return {k: v for k, v in catalogue.items() if isinstance(k, str) and k and v and k != v}


def _data_values() -> list[str]:
    values = [settings.OPERATOR_NAME, settings.OPERATOR_ADDRESS, settings.OPERATOR_EMAIL]
    values += [p["name"] for p in settings.DATA_PROCESSORS]
    return [*values, "Dala Market"]


def _problems(chunks: list[str], language: str) -> list[str]:
    english = _catalogue("ru")  # the English ids that have a translation
    russian = {v for k, v in english.items() if len(v) > 12}
    kazakh = set(_catalogue("kk").values())
    problems = []
    for chunk in chunks:
        text = chunk
        for value in _data_values():
            text = text.replace(value, " ")
        text = re.sub(r"\S+@\S+", " ", text)
        if chunk in english and len(chunk) > 3:
            problems.append(f"untranslated: {chunk}")
        if language == "kk" and chunk in russian and chunk not in kazakh:
            problems.append(f"Russian on the Kazakh page: {chunk}")
        problems += [f"English: {run}" for run in ENGLISH_RUN.findall(text)]
        problems += [f"identifier: {name}" for name in IDENTIFIER.findall(text)]
    return problems


def _member(language: str):
    """A user who signed up and gave consents in `language`, as the ledger records it."""
    user = UserFactory(language=language)
    policy = policy_current()
    with translation.override(language):
        text = str(POLICY_ACCEPT_TEXT % {"version": policy.version})
        for purpose in Purpose.objects.filter(is_required=True):
            services.consent_grant(
                purpose=purpose, channel="signup", text_shown=text, user=user, policy=policy
            )
        services.disclosure_record(
            actor=UserFactory(),
            actor_label="ТОО «Астық»",
            subject=user,
            fields=["full_name", "phone"],
            purpose="orders",
            reason=translation.gettext_lazy("The seller opened the order to handle it"),
            object_label="№ 2026-000001",
        )
    return user


def _read(page, path: str) -> list[str]:
    page.goto(path)
    return page.evaluate(VISIBLE_TEXT_JS)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_consent_pages_read_entirely_in_the_chosen_language(
    signed_in_page, page, live_server, language
):
    cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
    page.context.add_cookies([cookie])
    problems = {}
    for path in ("/privacy/policy/", "/cookies/", "/accounts/signup/", "/privacy/rights/"):
        problems[path] = _problems(_read(page, path), language)

    member_page = signed_in_page(_member(language))
    member_page.context.add_cookies([cookie])
    for path in ("/account/privacy/", "/account/privacy/data/"):
        problems[path] = _problems(_read(member_page, path), language)

    found = {path: found for path, found in problems.items() if found}
    print(found)  # the whole list when it fails (pytest truncates the comparison)
    assert found == {}
    assert page.errors == []
    assert member_page.errors == []
