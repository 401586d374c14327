"""The search page, rendered once and shared, in two layers.

- The content (filters, category counts, results, pagination) depends on nothing but the
  query string, the language and the catalogue; nothing in it belongs to a visitor. It is
  rendered once per query and language and shared by everybody for SEARCH_CACHE_SECONDS;
  the page frame (header with the cart and account links, footer, cookie banner) is then
  rendered around it for each request.
- For visitors with no state on the portal (not signed in, no session, no pending
  messages) the whole page is the same for everyone with the same language and cookie
  choices: the header has no token and no cart (the language switch needs no CSRF token),
  so the whole response is shared as well, and a repeated search costs one cache round trip
  (parsing nothing when the query is written as the portal's links write it).

Every change that can alter a result (publishing, editing, archiving, blocking or deleting a
listing) moves the catalogue version (`services.catalogue_changed`); a stored page carries
the version it was rendered from and is used only while that version is current, so those
changes show at once; so does closing an account (accounts.services.PUBLIC_PAGE_CHANGES).
An owner deactivated otherwise (directly in the database) leaves shared pages within
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

import json
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.regions import Region
from listings import selectors
from listings.cards import render_cards
from listings.forms import SearchForm
from listings.models import Listing
from listings.page_cache import (
    audience,
    cache_key,
    cache_read,
    cache_store,
    cookie_choices,
    current,
    gave_state,
    has_state,
    shared_response,
)

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
    if not seconds:
        return _page_response(request, search_page_render(request.GET))
    # A visitor with no state who sent the canonical query (every link of the portal writes
    # it) finds the whole page in one round trip, before anything is parsed.
    as_sent = SearchForm.query_as_sent(request.GET)
    if as_sent is not None and (key := _response_key(request, as_sent)):
        read = cache_read([key])
        if read is not None and (body := current(read[1], key, read[0])) is not None:
            return shared_response(body)
    canonical = SearchForm(request.GET, tree=selectors.category_tree()).canonical_query()
    if canonical is None:
        return _page_response(request, search_page_render(request.GET))
    content_key = cache_key("search-content", get_language(), canonical)
    response_key = _response_key(request, canonical)
    read = cache_read([content_key, *filter(None, [response_key])])
    if read is None:
        return _page_response(request, search_page_render(request.GET))
    version, found = read
    if response_key and (body := current(found, response_key, version)) is not None:
        return shared_response(body)
    # The version was read before rendering: a change committed meanwhile moves it, so a
    # page rendered now (which may predate the change) is never served as current.
    stored = {}
    content = current(found, content_key, version)
    if content is None:
        page = search_page_render(QueryDict(canonical))
        stored[content_key] = json.dumps([page.title, str(page.content)]).encode()
    else:
        title, text = json.loads(content)
        page = SearchPage(title=title, content=SafeString(text))
    response = _page_response(request, page)
    if response_key and not gave_state(request):
        stored[response_key] = response.content
    cache_store(stored, version=version, seconds=seconds)
    return response


def _page_response(request, page: SearchPage) -> HttpResponse:
    """Render the page frame (header, footer, banner) for this request around the content."""
    return render(request, PAGE_TEMPLATE, {"page": page})


def _response_key(request, canonical: str) -> str | None:
    """Return the key of the whole page for a visitor with no state here, else None."""
    if has_state(request):
        return None
    return cache_key("search-response", *audience(request), request.path,
                     cookie_choices(request), canonical)  # fmt: skip


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
