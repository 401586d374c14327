"""Public pages rendered once and shared: the home page, a listing, a seller.

Why: rendering a listing or seller page costs tens of milliseconds (its queries and
templates), a bare Django view through the same middleware about two. Nearly everything on
these pages is the same for every visitor, so it is rendered once and kept in the shared
cache, in two layers, as the search page does (listings/search_page.py, the search and
category pages):

- The page's parts (title, head meta, content) per page, language and host: shared by
  everybody, with the frame (header with the cart and account links, messages, footer,
  cookie banner) rendered around them for each request.
- For visitors with no state on the portal (not signed in, no session, no pending messages)
  at a URL with no query string, the whole response, per path, language and cookie choices:
  a repeated visit costs one cache round trip.

Every stored entry carries the catalogue version it was rendered from and is used only
while that version is current. The version moves on every change a public page shows (a
listing, its prices or photos, a review, a company, a seller's account closed: see
`services.catalogue_changed` and who calls it), so such a change shows at once. The owner's
preview of a listing the public cannot see is never stored.

Holes: the few parts of a page that belong to the request are rendered as markers in the
shared HTML and filled for each request:
- the CSRF token of forms (`{% csrf_token %}` renders CSRF_HOLE), for each visitor;
- named holes (`{% hole "name" %}what most visitors see{% endhole %}`), filled by the
  `Hole` the page names for them, or kept as they are when it returns None. A hole that
  depends only on the request's path, language and user is filled before a whole response
  is stored (its key fixes all three); one marked `per_visitor` (it differs for each
  visitor, or changes apart from the catalogue) is filled after, so a stored response
  keeps its markers.

The cache is an optimisation: when it is unreachable every page is simply rendered.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from cookie_consent.util import get_cookie_groups, get_cookie_value_from_request
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from listings.selectors import CATALOGUE_VERSION_KEY

logger = logging.getLogger(__name__)

FRAME_TEMPLATE = "portal/page.html"
# What `{% csrf_token %}` renders in shared HTML (context "csrf_token"); letters only, so
# escaping leaves it as it is.
CSRF_HOLE = "csrfholeQ7vX2kP9"


@dataclass(frozen=True)
class PageParts:
    """What a page shows inside the frame; `data` is what its holes need (JSON values)."""

    title: str
    meta: str
    content: str
    data: dict = field(default_factory=dict)
    shared: bool = True  # False: never stored (e.g. the owner's preview of a draft)


@dataclass(frozen=True)
class Hole:
    """How to fill a hole: `fill(request, data)` returns its HTML, or None to keep what the
    shared HTML holds there (data: the page's).

    A hole per visitor may name a cache key its fill reads (`reads`): it is fetched in the
    page's own round trip to the cache and handed over as `data[reads]` (None if missing).
    """

    fill: Callable
    per_visitor: bool = False
    reads: str = ""


def hole_marker(name: str) -> tuple[str, str]:
    """Return the comments that open and close a hole in shared HTML."""
    return f"<!--hole:{name}-->", f"<!--/hole:{name}-->"


def _hole_fill(text: str, name: str, html: str | None) -> str:
    """Put `html` in the hole `name` of `text` (None: keep what it holds)."""
    if html is None:
        return text
    start, end = hole_marker(name)
    before, found, rest = text.partition(start)
    if not found:
        return text
    _kept, _end, after = rest.partition(end)
    return f"{before}{start}{html}{end}{after}"


# --- Keys, versions and entries (shared with search_page) ---------------------------------


def cache_key(*parts) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"listings:{parts[0]}:{digest}"


def audience(request) -> tuple:
    """Return what a shared part depends on besides the page: language and host."""
    return get_language(), request.scheme, request.get_host()


def cookie_choices(request) -> tuple:
    """Return the visitor's cookie choices, one state per group (not the raw cookie).

    A key made of the raw cookie would let anybody fill the cache by varying it.
    """
    if settings.COOKIE_CONSENT_NAME not in request.COOKIES:
        return ()
    return tuple(get_cookie_value_from_request(request, g.varname) for g in get_cookie_groups())


def has_state(request) -> bool:
    """Whether the visitor has state here (signed in, a session, messages): not shareable."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or request.user.is_authenticated
    )


def gave_state(request) -> bool:
    """Whether rendering gave the visitor state (a session, a CSRF token): not shareable."""
    return request.session.modified or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def cache_read(keys: list[str]) -> tuple[object, dict] | None:
    """Return the catalogue version and the entries found, or None without a cache."""
    try:
        found = cache.get_many([CATALOGUE_VERSION_KEY, *keys])
        version = found.get(CATALOGUE_VERSION_KEY)
        if version is None:
            # Seeded with the time, never a fixed value: a version that was lost (evicted,
            # or forgotten after an outage, see portal.cache) must not come back equal to
            # one that pages already stored are marked with.
            version = cache.get_or_set(CATALOGUE_VERSION_KEY, time.time_ns, timeout=None)
    except Exception:
        logger.warning("Page cache unavailable", exc_info=True)
        return None
    return version, found


def current(found: dict, key: str, version) -> bytes | None:
    """Return the entry under `key` if it was rendered from `version`, uncompressed."""
    stored = found.get(key)
    return zlib.decompress(stored[1]) if stored is not None and stored[0] == version else None


def cache_store(entries: dict[str, bytes], *, version, seconds: int) -> None:
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
        logger.warning("Page cache unavailable", exc_info=True)


def shared_response(body: bytes) -> HttpResponse:
    response = HttpResponse(body)
    # What the session middleware would add had the page been rendered: the same URL is a
    # different page for a signed-in visitor.
    patch_vary_headers(response, ("Cookie",))
    return response


# --- The pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A public page: its kind and identity (part of its keys), how to render its parts
    (`build`, which raises Http404 for a page not shown) and how to fill its holes."""

    kind: str
    ident: tuple
    build: Callable[[], PageParts]
    holes: dict[str, Hole] = field(default_factory=dict)


def page_response(request, page: Page) -> HttpResponse:
    """Return the page for the request, from the shared cache where it is current."""
    seconds = settings.PAGE_CACHE_SECONDS
    parts_key = cache_key("page-parts", page.kind, page.ident, *audience(request))
    response_key = None
    if not request.GET and not has_state(request):
        response_key = cache_key("page-response", page.kind, page.ident, *audience(request),
                                 request.path, cookie_choices(request))  # fmt: skip
    reads = [hole.reads for hole in page.holes.values() if hole.reads]
    read = cache_read([response_key or parts_key, *reads]) if seconds else None
    if read is None:
        return _visitor_fill(request, page, _frame(request, page, page.build()))
    version, found = read
    prefetched = {key: found.get(key) for key in reads}
    if response_key and (body := current(found, response_key, version)) is not None:
        return _visitor_fill(request, page, shared_response(body), prefetched)
    if response_key:
        found = _cache_get([parts_key])
    # The version was read before rendering: a change committed meanwhile moves it, so a
    # page rendered now (which may predate the change) is never served as current.
    stored = {}
    packed = current(found, parts_key, version)
    if packed is not None:
        title, meta, content, data = json.loads(packed)
        parts = PageParts(title, SafeString(meta), SafeString(content), data)
    else:
        parts = page.build()
        if parts.shared:
            fields = [parts.title, parts.meta, parts.content, parts.data]
            stored[parts_key] = json.dumps(fields).encode()
    response = _frame(request, page, parts)
    if response_key and parts.shared and not gave_state(request):
        stored[response_key] = response.content
    cache_store(stored, version=version, seconds=seconds)
    return _visitor_fill(request, page, response, prefetched)


def _cache_get(keys: list[str]) -> dict:
    try:
        return cache.get_many(keys)
    except Exception:
        logger.warning("Page cache unavailable", exc_info=True)
        return {}


def parts_render(request, *, templates: tuple[str, str], context: dict, title: str,
                 data: dict | None = None, shared: bool = True) -> PageParts:  # fmt: skip
    """Render a page's parts from its (meta, content) templates: the head meta with the
    request (canonical URL, hreflang), the content without it, so that nothing of a visitor
    reaches shared HTML; the CSRF token and holes as markers."""
    meta_template, content_template = templates
    meta = render_to_string(meta_template, {**context, "request": request})
    content = render_to_string(content_template, {**context, "csrf_token": CSRF_HOLE})
    return PageParts(title, SafeString(meta), SafeString(content), data or {}, shared)


def hole_render(template: str, context: dict) -> str:
    """Render a hole's template; its forms' CSRF token is filled with the visitor's."""
    return render_to_string(template, {**context, "csrf_token": CSRF_HOLE})


def _frame(request, page: Page, parts: PageParts) -> HttpResponse:
    """Render the frame around the parts, with the request's holes filled (not the visitor's)."""
    content = parts.content
    for name, hole in page.holes.items():
        if not hole.per_visitor and hole_marker(name)[0] in content:
            content = _hole_fill(content, name, hole.fill(request, parts.data))
    shown = PageParts(parts.title, parts.meta, SafeString(content), parts.data)
    return render(request, FRAME_TEMPLATE, {"page": shown})


def _visitor_fill(request, page: Page, response: HttpResponse, prefetched=None) -> HttpResponse:
    """Fill the holes of each visitor: the CSRF token and those marked per visitor."""
    body = response.content
    for name, hole in page.holes.items():
        if hole.per_visitor and hole_marker(name)[0].encode() in body:
            data = {hole.reads: (prefetched or {}).get(hole.reads)} if hole.reads else {}
            html = hole.fill(request, data)
            if html is not None:
                body = _hole_fill(body.decode(), name, html).encode()
    if CSRF_HOLE.encode() in body:
        body = body.replace(CSRF_HOLE.encode(), get_token(request).encode())
    if body is not response.content:
        response.content = body
    return response
