"""The search page, rendered once and shared, in two layers.

- The content (filters, category counts, results, pagination) depends on nothing but the
  query string, the language and the catalogue; nothing in it belongs to a visitor. It is
  rendered once per query and language and shared by everybody for SEARCH_CACHE_SECONDS;
  the page frame (header with the cart and account links, footer, cookie banner) is then
  rendered around it for each request.
- For visitors with no state on the portal (not signed in, no session, no pending
  messages) the whole page is the same for everyone with the same language and cookie
  choices: the header has no token and no cart (the language switch needs no CSRF token),
  so the whole response is shared as well, and a repeated search costs one cache round trip.

Every change that can alter a result (publishing, editing, archiving, blocking or deleting a
listing) moves the catalogue version (`services.catalogue_changed`); a stored page carries
the version it was rendered from and is used only while that version is current, so those
changes show at once. A deactivated seller's listings leave shared pages within
SEARCH_CACHE_SECONDS. The cache is an optimisation: when it is unreachable the page is
simply rendered, and a version change that could not reach it is made once it is back
(portal.cache), so no page stored before an outage outlives a change made during it.

What the cache may hold is bounded, so that a crawler walking URLs cannot fill it: pages
are stored only under the canonical query of their search (`SearchForm.canonical_query`:
the same search written otherwise is served from the same entry, and a search with an
invalid value is rendered and stored nowhere), compressed, only when they fit in
SEARCH_CACHE_ENTRY_MAX_BYTES, and always with an expiry (Redis evicts them under
`volatile-lru`: README, "Production").
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.regions import Region
from listings import selectors
from listings.cards import render_cards
from listings.forms import SearchForm
from listings.models import Listing

logger = logging.getLogger(__name__)

CONTENT_TEMPLATE = "listings/_search.html"
PAGE_TEMPLATE = "listings/search.html"
SEARCH_WINDOW = gettext_lazy(
    "Only the first %(pages)d pages of results are shown. Narrow your search to see more."
)


@dataclass(frozen=True)
class SearchPage:
    title: str
    content: SafeString


def search_response(request) -> HttpResponse:
    """Return the search page for the request, from the shared cache where it is current."""
    seconds = settings.SEARCH_CACHE_SECONDS
    canonical = SearchForm(request.GET, tree=selectors.category_tree()).canonical_query()
    if not seconds or canonical is None:
        return _page_response(request, search_page_render(request.GET))
    content_key = _key("content", get_language(), canonical)
    response_key = _response_key(request, canonical)
    keys = [selectors.CATALOGUE_VERSION_KEY, content_key, *filter(None, [response_key])]
    try:
        found = cache.get_many(keys)
        version = found.get(selectors.CATALOGUE_VERSION_KEY)
        if version is None:
            # Seeded with the time, never a fixed value: a version that was lost (evicted,
            # or forgotten after an outage, see portal.cache) must not come back equal to
            # one that pages already stored are marked with.
            version = cache.get_or_set(selectors.CATALOGUE_VERSION_KEY, time.time_ns, timeout=None)
    except Exception:
        logger.warning("Search cache unavailable", exc_info=True)
        return _page_response(request, search_page_render(request.GET))

    def current(key) -> bytes | None:
        stored = found.get(key)
        return zlib.decompress(stored[1]) if stored is not None and stored[0] == version else None

    if response_key and (body := current(response_key)) is not None:
        response = HttpResponse(body)
        # What the session middleware would add had the page been rendered: the same URL
        # is a different page for a signed-in visitor.
        patch_vary_headers(response, ("Cookie",))
        return response
    # The version was read before rendering: a change committed meanwhile moves it, so a
    # page rendered now (which may predate the change) is never served as current.
    stored = {}
    content = current(content_key)
    if content is None:
        page = search_page_render(QueryDict(canonical))
        stored[content_key] = json.dumps([page.title, str(page.content)]).encode()
    else:
        title, text = json.loads(content)
        page = SearchPage(title=title, content=SafeString(text))
    response = _page_response(request, page)
    if response_key and not _gave_state(request):
        stored[response_key] = response.content
    _store(stored, version=version, seconds=seconds)
    return response


def _store(entries: dict[str, bytes], *, version, seconds: int) -> None:
    """Store the entries compressed, each with the version it was rendered from; skip any
    that would still be over SEARCH_CACHE_ENTRY_MAX_BYTES (rendered again each time)."""
    limit = settings.SEARCH_CACHE_ENTRY_MAX_BYTES
    packed = {key: (version, zlib.compress(value, 6)) for key, value in entries.items()}
    packed = {key: value for key, value in packed.items() if len(value[1]) <= limit}
    if not packed:
        return
    try:
        cache.set_many(packed, seconds)
    except Exception:
        logger.warning("Search cache unavailable", exc_info=True)


def _page_response(request, page: SearchPage) -> HttpResponse:
    """Render the page frame (header, footer, banner) for this request around the content."""
    return render(request, PAGE_TEMPLATE, {"page": page})


def _response_key(request, canonical: str) -> str | None:
    """Return the key of the whole page for a visitor with no state here, else None."""
    cookies = request.COOKIES
    if (
        settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or request.user.is_authenticated
    ):
        return None
    consent = cookies.get(settings.COOKIE_CONSENT_NAME, "")
    return _key("response", get_language(), consent, request.path, canonical)


def _gave_state(request) -> bool:
    """Whether rendering gave the visitor state (a session, a CSRF token): not shareable."""
    return request.session.modified or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _key(*parts) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"listings:search-{parts[0]}:{digest}"


def search_page_render(query) -> SearchPage:
    """Run the search for the query (a QueryDict) and render the page's content."""
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
        "query": query,  # links change it with {% querystring query ... %}
        "regions": Region.choices,
        "conditions": Listing.Condition.choices,
        "window_notice": (
            SEARCH_WINDOW % {"pages": result.num_pages} if result.window_reached else ""
        ),
    }
    parts = (params.q, params.category.name if params.category else "", _("Listings"))
    return SearchPage(
        title=" · ".join([part for part in parts if part] + ["Dala Market"]),
        content=SafeString(render_to_string(CONTENT_TEMPLATE, context)),
    )
