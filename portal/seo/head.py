"""The links in a page's head that tell search engines which URL is the page.

A page has one URL per language (portal/i18n.py). Its canonical link names the URL of the
language it is shown in, so a Kazakh page shown at an unprefixed URL (a visitor's cookie
chose Kazakh) still names /kk/...; its hreflang links name the URLs in every language, and
`x-default` the Russian one at the root. Query strings are dropped from both except the
category and page of a category page, the only query an indexable page has
(portal/seo/rules.py).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.http import urlencode

from portal.i18n import path_in_language, path_split
from portal.seo.rules import CATEGORY_PAGE_PARAMS, is_indexable

# Open Graph names languages with a territory.
OG_LOCALES = {"ru": "ru_RU", "kk": "kk_KZ", "en": "en_US"}


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    url: str


@dataclass(frozen=True)
class HeadLinks:
    indexable: bool
    canonical: str
    alternates: list[Alternate]
    og_locale: str
    og_locale_alternates: list[str]


def _canonical_query(query) -> str:
    kept = [(name, query[name]) for name in sorted(CATEGORY_PAGE_PARAMS) if query.get(name)]
    kept = [(name, value) for name, value in kept if (name, value) != ("page", "1")]
    return f"?{urlencode(kept)}" if kept else ""


def head_links(request) -> HeadLinks:
    """Return the canonical and alternate URLs of the page answering `request`."""
    language = translation.get_language()
    path = path_split(request.path)[1]
    query = _canonical_query(request.GET)

    def url(code: str) -> str:
        return request.build_absolute_uri(path_in_language(path, code) + query)

    codes = [code for code, _name in settings.LANGUAGES]
    alternates = [Alternate(code, url(code)) for code in codes]
    alternates.append(Alternate("x-default", url(settings.LANGUAGE_CODE)))
    return HeadLinks(
        indexable=is_indexable(request),
        canonical=url(language),
        alternates=alternates,
        og_locale=OG_LOCALES.get(language, language),
        og_locale_alternates=[OG_LOCALES.get(code, code) for code in codes if code != language],
    )
