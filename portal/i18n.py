"""Each language has its own URLs: Kazakh under /kk/, English under /en/, Russian at the root.

Search engines index one language per URL, so the three languages need three URLs; Russian
(the default language) keeps the root, so every URL already in use (bookmarks, e-mails,
printed invoices) goes on working.

Django's `i18n_patterns(prefix_default_language=False)` alone would do that, but it also
makes every unprefixed URL Russian, whatever the visitor chose: a visitor whose language
cookie (or browser) says Kazakh and who follows an old link to /listings/ would read
Russian. The portal keeps its older behaviour there instead: an unprefixed URL is shown in
the language negotiated as before (the language cookie, then Accept-Language, then
Russian), and its links, built by `reverse()` in that language, lead into the /kk/ or /en/
URLs. Crawlers send neither, so they find Russian at the root; the canonical link of a page
always names the URL of the language it is shown in (portal/seo.py).

That needs two small departures from Django:
- `LanguagePrefixPattern` matches a path by the prefix it carries, not by the language that
  happens to be active (Django's matches only the active language's prefix, so /listings/
  shown in Kazakh would not resolve, nor would Django's `translate_url` of the language
  switch translate a /kk/ URL while another language is active);
- `LocaleMiddleware` does not force the default language onto unprefixed URLs.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import LocalePrefixPattern, URLResolver
from django.utils import translation


def prefixed_languages() -> list[str]:
    """Return the codes of the languages whose URLs carry a prefix (all but the default)."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def path_split(path: str) -> tuple[str | None, str]:
    """Split a path into its language prefix's code (None without one) and the rest.

    `path_split("/kk/listings/")` is `("kk", "/listings/")`; `path_split("/listings/")` is
    `(None, "/listings/")`. Only the prefixes of `prefixed_languages()` count: the default
    language has none.
    """
    for code in prefixed_languages():
        if path.startswith(f"/{code}/"):
            return code, path[len(code) + 1 :]
    return None, path


def path_in_language(path: str, language: str) -> str:
    """Return the path of a page (with or without a prefix) in `language`.

    Only for paths of pages under `language_patterns` (every page a person reads).
    """
    _language, rest = path_split(path)
    return rest if language == settings.LANGUAGE_CODE else f"/{language}{rest}"


class LanguagePrefixPattern(LocalePrefixPattern):
    """The language prefix of the portal's pages, matched by the prefix the path carries.

    Reversing is Django's: the active language's prefix, none for the default language.
    """

    def __init__(self):
        super().__init__(prefix_default_language=False)

    def match(self, path):
        for code in prefixed_languages():
            if path.startswith(f"{code}/"):
                return path.removeprefix(f"{code}/"), (), {}
        return path, (), {}


def language_patterns(*urls) -> list[URLResolver]:
    """Put the URL patterns of pages under the language prefixes (as `i18n_patterns`)."""
    if not settings.USE_I18N:
        return list(urls)
    return [URLResolver(LanguagePrefixPattern(), list(urls))]


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, but an unprefixed URL keeps the negotiated language.

    The language of a prefixed URL is its prefix; any other URL is shown in the language of
    the visitor's cookie, else of their browser, else the default (Russian).
    """

    def process_request(self, request):
        language = translation.get_language_from_request(request, check_path=True)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
