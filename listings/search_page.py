"""The search page's content, rendered once per query and language and shared by everybody.

The filters, category counts, results and pagination of `/listings/` depend on nothing but
the query string, the language and the catalogue; nothing in them belongs to a visitor
(the header with the cart, the account links and the CSRF tokens is rendered per request
around it, by base.html). So the rendered content is kept in the shared cache for
SEARCH_CACHE_SECONDS, and a repeated search costs one cache round trip and the page frame:
no database query and no template work for the results.

Every change that can alter a result (publishing, editing, archiving, blocking or deleting a
listing) moves the catalogue version (`services.catalogue_changed`); a stored page carries
the version it was rendered from and is used only while that version is current, so those
changes show at once. A deactivated seller's listings leave cached pages within
SEARCH_CACHE_SECONDS. The cache is an optimisation: when it is unreachable the page is
simply rendered.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.regions import Region
from listings import selectors
from listings.cards import render_cards
from listings.forms import SearchForm
from listings.models import Listing

logger = logging.getLogger(__name__)

CONTENT_TEMPLATE = "listings/_search.html"


@dataclass(frozen=True)
class SearchPage:
    title: str
    content: SafeString
    # When the result window is reached: how many pages are shown (for a notice); else 0.
    window_pages: int = 0


def search_page_get(query) -> SearchPage:
    """Return the search page's content for the query (a QueryDict), from the cache if current."""
    seconds = settings.SEARCH_CACHE_SECONDS
    if not seconds:
        return search_page_render(query)
    key = _key(query)
    try:
        found = cache.get_many([selectors.CATALOGUE_VERSION_KEY, key])
        version = found.get(selectors.CATALOGUE_VERSION_KEY)
        if version is None:
            version = cache.get_or_set(selectors.CATALOGUE_VERSION_KEY, 1, timeout=None)
    except Exception:
        logger.warning("Search cache unavailable", exc_info=True)
        return search_page_render(query)
    stored = found.get(key)
    if stored is not None and stored[0] == version:
        return stored[1]
    # The version was read before rendering: a change committed meanwhile moves it, so
    # this page (which may predate the change) is never served as current.
    page = search_page_render(query)
    try:
        cache.set(key, (version, page), seconds)
    except Exception:
        logger.warning("Search cache unavailable", exc_info=True)
    return page


def _key(query) -> str:
    shown = (get_language() or "", sorted(query.lists()))
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:32]
    return f"listings:search-page:{digest}"


def search_page_render(query) -> SearchPage:
    """Run the search for the query and render the page's content."""
    tree = selectors.category_tree()
    form = SearchForm(query, tree=tree)
    params = form.params()
    result = selectors.listing_search(params=params, tree=tree)
    context = {
        "form": form,
        "params": params,
        "result": result,
        "cards": render_cards(result.listings),
        "tree": tree,
        "breadcrumbs": tree.path(params.category) if params.category else [],
        "query_without_page": _query_without(query, "page"),
        "query_without_category": _query_without(query, "category", "page"),
        "regions": Region.choices,
        "conditions": Listing.Condition.choices,
        "sorts": selectors.Sort.CHOICES,
    }
    parts = (params.q, params.category.name if params.category else "", _("Listings"))
    return SearchPage(
        title=" · ".join([part for part in parts if part] + ["Dala Market"]),
        content=SafeString(render_to_string(CONTENT_TEMPLATE, context)),
        window_pages=result.num_pages if result.window_reached else 0,
    )


def _query_without(query, *names) -> str:
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()
