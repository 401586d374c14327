"""Search: one page of visible listings with counts per category, in a fixed number of queries."""

from __future__ import annotations

import math
from collections import Counter

from django.core.cache import cache

from listings.models import Category
from listings.selectors.cards import cards
from listings.selectors.categories import CategoryTree, category_tree
from listings.selectors.search_queries import (
    capped_counts_by_category,
    estimated_count,
    page_ids,
    sample_rows,
    sample_rows_by_leaf,
    sorted_sample,
    walks_leaves,
)
from listings.selectors.search_sql import is_postgres, matching_where
from listings.selectors.search_types import (
    COUNT_CAP,
    MAX_PAGES,
    PAGE_SIZE,
    Facet,
    SearchParams,
    SearchResult,
    Sort,
    Tally,
)

# Moved by every change that can alter a search result; the search page's shared content
# is current only while the version it was rendered from is (see listings/search_page.py).
CATALOGUE_VERSION_KEY = "listings:catalogue-version"


def _facets(
    counts: Counter, complete: bool, *, estimate: int, tree: CategoryTree, selected
) -> list[Facet]:
    """Roll counts per leaf category up the tree; scale them when they are a sample.

    Counts are known for the chosen category's subtree (all of the catalogue when none is
    chosen); the other sections are listed without a number, to move to.
    """
    sampled = sum(counts.values()) or 1
    selected_path = {c.pk for c in tree.path(selected)} if selected else set()
    counted = set(tree.subtree_ids(selected)) if selected else set(tree.by_id)

    def count_of(category: Category) -> Tally | None:
        if category.pk not in counted:
            return None
        n = sum(counts.get(pk, 0) for pk in tree.subtree_ids(category))
        if complete:
            return Tally(n, exact=True)
        return Tally(round(n * estimate / sampled), exact=False)

    facets = []
    for section in tree.sections():
        facet = Facet(section, count_of(section), selected=section.pk in selected_path)
        if facet.selected:
            facet.children = [
                Facet(child, count_of(child), selected=child.pk in selected_path)
                for child in tree.children_of(section)
            ]
        if facet.count is None or facet.count.value or facet.selected:
            facets.append(facet)
    return facets


# Words sorted by price: when the planner expects no more matches than this, they are all
# read at once (counts exact, the page sorted here) rather than a sample of COUNT_CAP and
# then all of them again for the page («арматура» under a price: 2,200 matches).
GATHER_MAX = 5000


def _sample(params, sort, matching, everywhere, *, tree: CategoryTree, cap: int):
    """Return the sample of matches (see `listing_search`), the size past which it is not
    all of them, and the planner's estimate of their number when it was asked (else None)."""
    if walks_leaves(params, sort) and params.category is not None:
        return (
            sample_rows_by_leaf(everywhere, tree.subtree_ids(params.category), cap=cap),
            cap,
            None,
        )
    newest_first = sort in (Sort.NEWEST, Sort.RELEVANCE)
    planned = None
    if params.q and not newest_first:
        planned = estimated_count(matching, at_least=0)
        cap = max(cap, GATHER_MAX) if planned <= GATHER_MAX else cap
    sample, estimate = sample_rows(matching, params, sort, cap=cap, newest_first=newest_first)
    return sample, cap, planned if estimate is None else estimate


def listing_search(*, params: SearchParams, tree: CategoryTree) -> SearchResult:
    """Return one page of visible listings for the parameters, with counts per category.

    Runs a fixed number of queries whatever the number of listings. One reads up to
    COUNT_CAP + 1 matches: when that is all of them, it gives the exact counts and the page
    itself (sorted here); otherwise an estimate gives the counts and a third query the ids
    of the page. The last one reads the page's cards.
    """
    sort = params.effective_sort
    if sort == Sort.RELEVANCE and not is_postgres():
        sort = Sort.NEWEST  # SQLite has no ranking
    # The cap is never below the result window, so a count past it fills every page.
    window = MAX_PAGES * PAGE_SIZE
    cap = max(COUNT_CAP, window)
    matching = matching_where(params, tree=tree, with_category=True)
    everywhere = matching_where(params, tree=tree, with_category=False)
    newest_first = sort in (Sort.NEWEST, Sort.RELEVANCE)
    sample, sample_cap, planned = _sample(params, sort, matching, everywhere, tree=tree, cap=cap)
    complete = len(sample) <= sample_cap
    counts = Counter(row[1] for row in sample)
    if complete:
        total = Tally(len(sample), exact=True)
    else:
        estimate = estimated_count(matching, at_least=cap + 1) if planned is None else planned
        total = Tally(max(estimate, sample_cap + 1), exact=False)

    num_pages = max(1, math.ceil(min(total.value, window) / PAGE_SIZE))
    page = min(max(params.page, 1), num_pages)
    offset = (page - 1) * PAGE_SIZE
    if complete or newest_first:
        # The sample holds the page: all the matches, or the freshest `cap` of them, which
        # is every page of the newest sort and the pool that relevance ranks.
        rows = sorted_sample(sample if complete else sample[:cap], sort)
        ids = [row[0] for row in rows[offset : offset + PAGE_SIZE]]
    else:
        ids = page_ids(matching, everywhere, params, tree=tree, total=total, offset=offset)
    listings = cards(ids) if ids else []

    facets = _facets(counts, complete, estimate=total.value, tree=tree, selected=params.category)
    return SearchResult(
        listings=listings,
        total=total,
        page=page,
        num_pages=num_pages,
        facets=facets,
        window_reached=params.page > num_pages and total.value > window,
    )


def category_counts(*, tree: CategoryTree) -> list[Facet]:
    """Return the sections with the number of visible listings in each (capped, one query)."""
    everywhere = matching_where(SearchParams(), tree=tree, with_category=False)
    counts, complete = capped_counts_by_category(everywhere, cap=COUNT_CAP)
    estimate = 0 if complete else estimated_count(everywhere, at_least=COUNT_CAP + 1)
    return _facets(counts, complete, estimate=estimate, tree=tree, selected=None)


# The home page's counts are an estimate whatever their age: kept for this long, so that
# no request, nor a change of the catalogue (which re-renders the home page), counts again.
HOME_COUNTS_KEY = "listings:home-counts"
HOME_COUNTS_SECONDS = 600


def home_category_counts() -> list[Facet]:
    """Return `category_counts` for the home page, counted at most every HOME_COUNTS_SECONDS."""
    tree = category_tree()

    def count():
        everywhere = matching_where(SearchParams(), tree=tree, with_category=False)
        counts, complete = capped_counts_by_category(everywhere, cap=COUNT_CAP)
        estimate = 0 if complete else estimated_count(everywhere, at_least=COUNT_CAP + 1)
        return dict(counts), complete, estimate

    found = cache.get_or_set(HOME_COUNTS_KEY, count, HOME_COUNTS_SECONDS)
    counts, complete, estimate = found if found is not None else count()
    return _facets(Counter(counts), complete, estimate=estimate, tree=tree, selected=None)
