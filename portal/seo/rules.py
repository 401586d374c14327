"""Which pages search engines may index: one rule for robots.txt and the robots meta tag.

Pages that belong to one person (the cart, checkout, the Personal Account, the seller's
desk, an order) and search results are never indexed: the first hold nobody else's
business, the second are endless combinations of filters over the same listings. Category
pages are the search page with nothing but `category` (and `page`): those are indexed.
"""

from django.urls import reverse

from portal.i18n import path_split

# Path prefixes (after the language prefix) of pages that belong to one person; /rfq/ holds
# a buyer's requests for quotation (the deals app).
PRIVATE_PREFIXES = ("/cart/", "/account/", "/seller/", "/orders/", "/rfq/")
# The only query parameters of an indexable search page: a category page and its pages.
CATEGORY_PAGE_PARAMS = frozenset({"category", "page"})


def is_private_path(path: str) -> bool:
    """Whether the page at `path` (with or without a language prefix) belongs to one person."""
    return path_split(path)[1].startswith(PRIVATE_PREFIXES)


def is_search_result(path: str, query) -> bool:
    """Whether `path` with `query` (a QueryDict) is a search result rather than a category."""
    if path_split(path)[1] != path_split(reverse("listings:search"))[1]:
        return False
    return not set(query).issubset(CATEGORY_PAGE_PARAMS)


def is_indexable(request) -> bool:
    """Whether search engines may index the page answering `request`."""
    if request.method not in ("GET", "HEAD"):
        return False
    return not (is_private_path(request.path) or is_search_result(request.path, request.GET))
