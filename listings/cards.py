"""Listing cards, rendered once and then reused from the cache.

A card is the same HTML for everyone who sees it, and the same listings show up on many
pages (search results, home, sellers), so each card's HTML is cached under a key made of
everything the card shows: a changed title, price, photo, seller name or language is a new
key, so a cached card is never stale. Rendering twenty cards through the template engine
costs more than the rest of the search page's Python; a cache hit costs a fraction of it.
If the cache is unreachable, the cards are simply rendered.
"""

import hashlib
import logging

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

CARD_TEMPLATE = "listings/_card.html"
CARD_CACHE_SECONDS = 24 * 60 * 60


def _key(listing, language: str) -> str:
    shown = (
        listing.pk, listing.title, listing.price, listing.price_on_request, listing.unit,
        listing.condition, listing.region, listing.cover_url, listing.company.name,
        listing.company.is_verified, listing.category.name_en, listing.category.name_ru,
        listing.category.name_kk, language,
    )  # fmt: skip
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
    return f"listings:card:{digest}"


def render_cards(listings) -> list[SafeString]:
    """Return the HTML of each listing's card, in order (listings from the card selectors)."""
    language = get_language() or ""
    keys = [_key(listing, language) for listing in listings]
    try:
        cached = cache.get_many(keys)
    except Exception:  # the cache is an optimisation: a page must not fail without it
        logger.warning("Card cache unavailable", exc_info=True)
        cached = {}
    cards, missing = [], {}
    for key, listing in zip(keys, listings, strict=True):
        html = cached.get(key)
        if html is None:
            html = render_to_string(CARD_TEMPLATE, {"listing": listing})
            missing[key] = html
        cards.append(SafeString(html))
    if missing:
        try:
            cache.set_many(missing, CARD_CACHE_SECONDS)
        except Exception:
            logger.warning("Card cache unavailable", exc_info=True)
    return cards
