"""Reads of listings, one module per job: the category tree (`categories`), search
(`search`, its queries in `search_queries`, its types in `search_types`), listing cards
(`cards`), the public listing and seller pages (`pages`) and the seller's desk (`desk`).
Selectors return objects, or None where nothing may be shown; views turn None into a 404.

Search is built to stay fast at a million listings; the choices below follow what
`bench/search.py` measured (figures in the report of issue 5):

- Matching uses the stored, GIN-indexed `search_vector` (PostgreSQL only; SQLite, used by
  `make run`, falls back to a substring match on small demo data). No ILIKE.
- Counting is capped. One query reads at most COUNT_CAP + 1 matches: when that is all of
  them, it gives the exact total and counts per category; past the cap the total is the
  planner's estimate (`EXPLAIN`), shown as "about N", and the counts per category are the
  sample's shares of it. An exact count of a million matches reads a million rows.
- Results are paged with OFFSET inside a window of MAX_PAGES pages (never more than the
  cap), which keeps the deepest page cheap; past the window people are asked to narrow the
  search, as large marketplaces do.
- Newest-first and relevance pages come from that same query, taking the freshest matches
  (index `published_at, id`); relevance ranks those, not every match: ranking reads each
  row's vector, and a common word matches hundreds of thousands of rows. Price-sorted pages
  past the cap take one more query (`search_queries.page_ids`).
"""

from listings.selectors.categories import (
    CATEGORY_CACHE_KEY,
    CategoryTree,
    category_choices,
    category_tree,
    category_tree_clear,
)
from listings.selectors.desk import (
    listing_get_for_seller,
    listing_list_for_seller,
    listing_status_counts,
)
from listings.selectors.pages import (
    Rating,
    listing_get,
    listing_latest,
    seller_get,
    seller_list,
    seller_listings,
    seller_rating,
    seller_reviews,
)
from listings.selectors.search import (
    CATALOGUE_VERSION_KEY,
    category_counts,
    home_category_counts,
    listing_search,
)
from listings.selectors.search_types import (
    COUNT_CAP,
    MAX_PAGES,
    PAGE_SIZE,
    SEARCH_CONFIG,
    Facet,
    SearchParams,
    SearchResult,
    Sort,
    Tally,
)

__all__ = [
    "CATALOGUE_VERSION_KEY",
    "CATEGORY_CACHE_KEY",
    "COUNT_CAP",
    "MAX_PAGES",
    "PAGE_SIZE",
    "SEARCH_CONFIG",
    "CategoryTree",
    "Facet",
    "Rating",
    "SearchParams",
    "SearchResult",
    "Sort",
    "Tally",
    "category_choices",
    "category_counts",
    "category_tree",
    "category_tree_clear",
    "home_category_counts",
    "listing_get",
    "listing_get_for_seller",
    "listing_latest",
    "listing_list_for_seller",
    "listing_search",
    "listing_status_counts",
    "seller_get",
    "seller_list",
    "seller_listings",
    "seller_rating",
    "seller_reviews",
]
