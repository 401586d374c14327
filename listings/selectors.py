"""Reads of listings: the category tree, search, listing and seller pages, the seller's desk.

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
  past the cap take one more query (`_page_ids`).
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Avg, Count, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, DeliveryRegion
from listings.models import Category, Listing, ListingImage, Review

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
MAX_PAGES = 50
COUNT_CAP = 1000
MATERIALIZE_MAX = 10_000
SEARCH_CONFIG = "russian"
SELLER_PAGE_LISTINGS = 24
SELLER_PAGE_REVIEWS = 20


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"

    CHOICES = [
        (RELEVANCE, _("Relevance")),
        (NEWEST, _("Newest first")),
        (PRICE_ASC, _("Price: low to high")),
        (PRICE_DESC, _("Price: high to low")),
    ]


# --- Categories ----------------------------------------------------------------------------


@dataclass
class CategoryTree:
    """Every category, loaded in one query, with the lookups the pages need."""

    by_id: dict[int, Category]
    children: dict[int | None, list[Category]]

    @classmethod
    def of(cls, categories) -> CategoryTree:
        by_id, children = {}, {}
        for category in categories:
            by_id[category.pk] = category
            children.setdefault(category.parent_id, []).append(category)
        return cls(by_id=by_id, children=children)

    def sections(self) -> list[Category]:
        return self.children.get(None, [])

    def children_of(self, category: Category) -> list[Category]:
        return self.children.get(category.pk, [])

    def subtree_ids(self, category: Category) -> list[int]:
        """Return the ids of the category and everything below it."""
        ids, stack = [], [category]
        while stack:
            node = stack.pop()
            ids.append(node.pk)
            stack.extend(self.children.get(node.pk, []))
        return ids

    def path(self, category: Category) -> list[Category]:
        """Return the chain from the section down to `category` (breadcrumbs)."""
        chain = [category]
        while chain[0].parent_id is not None:
            chain.insert(0, self.by_id[chain[0].parent_id])
        return chain

    def section_of(self, category_id: int) -> Category:
        return self.path(self.by_id[category_id])[0]


CATEGORY_CACHE_KEY = "listings:categories"
CATEGORY_CACHE_SECONDS = 300


def category_tree() -> CategoryTree:
    """Return the catalogue, from the cache: every page asks for it, staff rarely change it.

    Admin clears the cached copy when a category is saved or deleted (`category_tree_clear`).
    Without a reachable cache the catalogue is read from the database.
    """
    try:
        categories = cache.get(CATEGORY_CACHE_KEY)
    except Exception:  # the cache is an optimisation: a page must not fail without it
        logger.warning("Category cache unavailable", exc_info=True)
        categories = None
    if categories is None:
        categories = list(Category.objects.all())
        try:
            cache.set(CATEGORY_CACHE_KEY, categories, CATEGORY_CACHE_SECONDS)
        except Exception:
            logger.warning("Category cache unavailable", exc_info=True)
    return CategoryTree.of(categories)


def category_tree_clear() -> None:
    cache.delete(CATEGORY_CACHE_KEY)


def category_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Return subsections grouped under their sections, for a form's <optgroup>s."""
    tree = category_tree()
    return [
        (section.name, [(child.pk, child.name) for child in tree.children_of(section)])
        for section in tree.sections()
    ]


# --- Search ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchParams:
    """Validated search parameters; anything invalid has already been dropped."""

    q: str = ""
    category: Category | None = None
    region: str = ""
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    condition: str = ""
    seller_id: int | None = None
    delivers_to: str = ""
    sort: str = ""
    page: int = 1

    @property
    def effective_sort(self) -> str:
        if self.sort == Sort.RELEVANCE and not self.q:
            return Sort.NEWEST
        return self.sort or (Sort.RELEVANCE if self.q else Sort.NEWEST)

    @property
    def has_filters(self) -> bool:
        return any(
            (
                self.category,
                self.region,
                self.price_min is not None,
                self.price_max is not None,
                self.condition,
                self.seller_id,
                self.delivers_to,
            )
        )


@dataclass
class Tally:
    """A number of listings: exact, or an estimate once the cap was reached."""

    value: int
    exact: bool

    @property
    def display(self) -> int:
        """Return the value, rounded to two significant digits when estimated."""
        if self.exact or self.value < 100:
            return self.value
        magnitude = 10 ** (int(math.log10(self.value)) - 1)
        return round(self.value / magnitude) * magnitude


@dataclass
class Facet:
    category: Category
    count: Tally | None
    selected: bool = False
    children: list[Facet] = field(default_factory=list)


@dataclass
class SearchResult:
    listings: list[Listing]
    total: Tally
    page: int
    num_pages: int
    facets: list[Facet]
    window_reached: bool

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def page_range(self) -> list[int | None]:
        """Return page numbers around the current one; None marks a gap."""
        wanted = {1, self.num_pages, *range(self.page - 2, self.page + 3)}
        pages, previous = [], 0
        for number in sorted(n for n in wanted if 1 <= n <= self.num_pages):
            if number - previous > 1:
                pages.append(None)
            pages.append(number)
            previous = number
        return pages


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _search_query(q: str) -> SearchQuery:
    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


def _sqlite_word_match(word: str) -> Q:
    """Return a crude match of one word for SQLite (`make run`, a few hundred demo rows).

    SQLite folds the case of ASCII letters only, and has no stemmer: match the word without
    its last two letters (a rough Russian or English ending) in three casings.
    """
    stem = word[: max(4, len(word) - 2)]
    condition = Q()
    for form in {stem.lower(), stem.capitalize(), stem.upper()}:
        condition |= Q(title__contains=form) | Q(description__contains=form)
    return condition


def _matching(params: SearchParams, *, tree: CategoryTree, with_category: bool) -> QuerySet:
    """Return the visible listings matching the parameters (unordered)."""
    qs = Listing.objects.visible()
    if params.q:
        if _is_postgres():
            qs = qs.filter(search_vector=_search_query(params.q))
        else:
            for word in params.q.split():
                qs = qs.filter(_sqlite_word_match(word))
    if with_category and params.category is not None:
        qs = qs.filter(category_id__in=tree.subtree_ids(params.category))
    if params.region:
        qs = qs.filter(region=params.region)
    if params.price_min is not None:
        qs = qs.filter(price__gte=params.price_min)
    if params.price_max is not None:
        qs = qs.filter(price__lte=params.price_max)
    if params.condition:
        qs = qs.filter(condition=params.condition)
    if params.seller_id:
        qs = qs.filter(company_id=params.seller_id)
    if params.delivers_to:
        # The sellers of one region: a small set, read from its own index.
        sellers = DeliveryRegion.objects.filter(region=params.delivers_to).values("company_id")
        qs = qs.filter(company_id__in=sellers)
    return qs.order_by()


def _sql(qs: QuerySet) -> tuple[str, tuple]:
    sql, sql_params = qs.query.sql_with_params()
    return sql, tuple(sql_params)


def _capped_counts_by_category(qs: QuerySet, *, cap: int) -> tuple[Counter, bool]:
    """Return listings per category among at most `cap` matches, and whether that is all."""
    sample_sql, sql_params = _sql(qs.values("category_id")[: cap + 1])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT category_id, COUNT(*) FROM ({sample_sql}) sample GROUP BY category_id",
            sql_params,
        )
        counts = Counter(dict(cursor.fetchall()))
    complete = sum(counts.values()) <= cap
    return counts, complete


def _capped_count(qs: QuerySet, *, cap: int) -> tuple[int, bool]:
    sample_sql, sql_params = _sql(qs.values("pk")[: cap + 1])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sample_sql}) sample", sql_params)
        (count,) = cursor.fetchone()
    return min(count, cap), count <= cap


def _estimated_count(qs: QuerySet, *, at_least: int) -> int:
    """Return the planner's estimate of the number of rows, but no less than `at_least`."""
    if not _is_postgres():
        return at_least
    sql, sql_params = _sql(qs.values("pk"))
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", sql_params)
        (plan,) = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return max(int(plan[0]["Plan"]["Plan Rows"]), at_least)


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


# ORDER BY of each sort, over the columns that `_sort_columns` selects.
ORDER_SQL = {
    Sort.NEWEST: "published_at DESC, pk DESC",
    Sort.PRICE_ASC: "price ASC NULLS LAST, pk ASC",
    Sort.PRICE_DESC: "price DESC NULLS LAST, pk DESC",
}
ORDER_BY = {
    Sort.NEWEST: ("-published_at", "-id"),
    Sort.PRICE_ASC: (F("price").asc(nulls_last=True), "id"),
    Sort.PRICE_DESC: (F("price").desc(nulls_last=True), "-id"),
}


def _sort_columns(qs: QuerySet) -> QuerySet:
    return qs.values("pk", "published_at", "price")


def _ids(sql: str, sql_params) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, sql_params)
        return [row[0] for row in cursor.fetchall()]


def _page_ids(
    matching: QuerySet,
    everywhere: QuerySet,
    params: SearchParams,
    *,
    tree: CategoryTree,
    total: Tally,
    offset: int,
) -> list[int]:
    """Return the ids of a page sorted by price, when there are more matches than the cap.

    Up to MATERIALIZE_MAX (estimated) matches are gathered first and sorted in memory (a
    materialised CTE): walking the price index and filtering would read every row the
    filters reject, most of the table when the matches cluster at the far end of the order
    (rebar sorted from the cheapest listing of all). More matches are read in index order,
    where they are dense; a category is read leaf by leaf from its own index and merged.
    """
    sort = params.effective_sort
    window = (PAGE_SIZE, offset)
    leaves = tree.subtree_ids(params.category) if params.category is not None else []
    by_leaf = len(leaves) > 1 and not params.q
    if total.value <= MATERIALIZE_MAX and not by_leaf:
        inner_sql, inner_params = _sql(_sort_columns(matching))
        return _ids(
            f"WITH m AS MATERIALIZED ({inner_sql}) "
            f"SELECT pk FROM m ORDER BY {ORDER_SQL[sort]} LIMIT %s OFFSET %s",
            (*inner_params, *window),
        )
    if by_leaf:
        branches, branch_params = [], []
        for leaf in leaves:
            branch = everywhere.filter(category_id=leaf).order_by(*ORDER_BY[sort])
            branch_sql, branch_sql_params = _sql(_sort_columns(branch)[: offset + PAGE_SIZE])
            branches.append(f"({branch_sql})")
            branch_params += branch_sql_params
        return _ids(
            f"SELECT pk FROM ({' UNION ALL '.join(branches)}) leaves "
            f"ORDER BY {ORDER_SQL[sort]} LIMIT %s OFFSET %s",
            (*branch_params, *window),
        )
    return list(
        matching.order_by(*ORDER_BY[sort]).values_list("pk", flat=True)[offset : offset + PAGE_SIZE]
    )


CARD_FIELDS = (
    "title", "price", "price_on_request", "unit", "condition", "region", "published_at",
    "company", "category", "company__name", "company__is_verified", "category__name_en",
    "category__name_ru", "category__name_kk",
)  # fmt: skip


def _with_cards(qs: QuerySet) -> QuerySet:
    """Return what a listing card shows: a few columns, company, category, cover thumbnail.

    The cover comes as a subquery rather than a prefetch (one query fewer per page), and
    the description and search vector, most of a row's bytes, are left in the database.
    """
    cover = ListingImage.objects.filter(listing=OuterRef("pk")).order_by("position", "id")
    return (
        qs.select_related("company", "category")
        .only(*CARD_FIELDS)
        .annotate(cover_name=Subquery(cover.values("thumbnail")[:1]))
    )


def _with_cover_urls(listings: list[Listing]) -> list[Listing]:
    for listing in listings:
        listing.cover_url = default_storage.url(listing.cover_name) if listing.cover_name else ""
    return listings


def _cards(ids: list[int]) -> list[Listing]:
    by_id = {listing.pk: listing for listing in _with_cards(Listing.objects.filter(pk__in=ids))}
    return _with_cover_urls([by_id[pk] for pk in ids if pk in by_id])


SAMPLE_COLUMNS = ("pk", "category_id", "price")


def _sample(
    matching: QuerySet, params: SearchParams, sort: str, *, cap: int, newest_first: bool
) -> list[tuple]:
    """Return (pk, category id, price, rank) of up to `cap` + 1 matches.

    `newest_first` takes the freshest matches, newest first, which hold every page of the
    newest-first and relevance sorts; otherwise the first matches the database finds, the
    cheapest way to learn whether there are more than `cap`. The rank is computed on the
    sample only, outside the query that finds it: inside, PostgreSQL would rank every
    match before keeping the freshest.
    """
    qs = matching.order_by(*ORDER_BY[Sort.NEWEST]) if newest_first else matching
    if sort != Sort.RELEVANCE:
        rows = qs.values_list(*SAMPLE_COLUMNS)[: cap + 1]
        return [(*row, 0.0) for row in rows]
    inner_sql, inner_params = _sql(qs.values(*SAMPLE_COLUMNS, "search_vector")[: cap + 1])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.pk, s.category_id, s.price, "
            "ts_rank(s.search_vector, websearch_to_tsquery(%s::regconfig, %s)) "
            f"FROM ({inner_sql}) s",
            (SEARCH_CONFIG, params.q, *inner_params),
        )
        return cursor.fetchall()


def _walks_leaves(params: SearchParams, sort: str) -> bool:
    """Return whether the newest matches are found by walking each leaf's date index.

    A price range inside a category is where the planner's guess fails most: it multiplies
    the category's share by the price range's share of the whole catalogue, while metal's
    prices sit in a narrow band, so it expects a few hundred matches where there are tens
    of thousands, gathers them all and sorts them. Walking each leaf newest first and
    stopping at the sample's size reads a few thousand rows instead, at worst the leaves
    (a section is about a tenth of the catalogue).
    """
    has_price = params.price_min is not None or params.price_max is not None
    return (
        _is_postgres()
        and sort == Sort.NEWEST
        and not params.q
        and params.category is not None
        and has_price
    )


def _sample_by_leaf(everywhere: QuerySet, leaves: list[int], *, cap: int) -> list[tuple]:
    """Return the sample of `_sample(newest_first=True)`, leaf by leaf, from the date index."""
    branches, branch_params = [], []
    for leaf in leaves:
        branch = everywhere.filter(category_id=leaf).order_by(*ORDER_BY[Sort.NEWEST])
        branch_sql, branch_sql_params = _sql(
            branch.values(*SAMPLE_COLUMNS, "published_at")[: cap + 1]
        )
        branches.append(f"({branch_sql})")
        branch_params += branch_sql_params
    with transaction.atomic(), connection.cursor() as cursor:
        # Only for this statement: no bitmap scans and no sorts of whole leaves, so each
        # branch walks its leaf's (category, published_at) index and stops early.
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(
            f"SELECT pk, category_id, price, 0.0 FROM ({' UNION ALL '.join(branches)}) leaves "
            "ORDER BY published_at DESC, pk DESC LIMIT %s",
            (*branch_params, cap + 1),
        )
        return cursor.fetchall()


def _sorted(sample: list[tuple], sort: str) -> list[tuple]:
    """Return sample rows in the order of `sort`, as the database would order them.

    A newest-first sample is in order already; relevance keeps that order among equal
    ranks (a stable sort), which is ORDER BY rank DESC, published_at DESC, id DESC.
    """
    if sort == Sort.RELEVANCE:
        return sorted(sample, key=lambda row: -row[3])
    if sort == Sort.PRICE_ASC:
        return sorted(sample, key=lambda row: (row[2] is None, row[2] or 0, row[0]))
    if sort == Sort.PRICE_DESC:
        return sorted(sample, key=lambda row: (row[2] is None, -(row[2] or 0), -row[0]))
    return sample


# Moved by every change that can alter a search result; the search page's shared content
# is current only while the version it was rendered from is (see listings/search_page.py).
CATALOGUE_VERSION_KEY = "listings:catalogue-version"


def listing_search(*, params: SearchParams, tree: CategoryTree) -> SearchResult:
    """Return one page of visible listings for the parameters, with counts per category.

    Runs a fixed number of queries whatever the number of listings. One reads up to
    COUNT_CAP + 1 matches: when that is all of them, it gives the exact counts and the page
    itself (sorted here); otherwise an estimate gives the counts and a third query the ids
    of the page. The last one reads the page's cards.
    """
    sort = params.effective_sort
    if sort == Sort.RELEVANCE and not _is_postgres():
        sort = Sort.NEWEST  # SQLite has no ranking
    # The cap is never below the result window, so a count past it fills every page.
    window = MAX_PAGES * PAGE_SIZE
    cap = max(COUNT_CAP, window)
    matching = _matching(params, tree=tree, with_category=True)
    newest_first = sort in (Sort.NEWEST, Sort.RELEVANCE)
    if _walks_leaves(params, sort):
        everywhere = _matching(params, tree=tree, with_category=False)
        sample = _sample_by_leaf(everywhere, tree.subtree_ids(params.category), cap=cap)
    else:
        sample = _sample(matching, params, sort, cap=cap, newest_first=newest_first)
    complete = len(sample) <= cap
    counts = Counter(row[1] for row in sample)
    if complete:
        total = Tally(len(sample), exact=True)
    else:
        total = Tally(_estimated_count(matching, at_least=cap + 1), exact=False)

    num_pages = max(1, math.ceil(min(total.value, window) / PAGE_SIZE))
    page = min(max(params.page, 1), num_pages)
    offset = (page - 1) * PAGE_SIZE
    if complete or newest_first:
        # The sample holds the page: all the matches, or the freshest `cap` of them, which
        # is every page of the newest sort and the pool that relevance ranks.
        rows = _sorted(sample[:cap], sort)
        ids = [row[0] for row in rows[offset : offset + PAGE_SIZE]]
    else:
        everywhere = _matching(params, tree=tree, with_category=False)
        ids = _page_ids(matching, everywhere, params, tree=tree, total=total, offset=offset)
    listings = _cards(ids) if ids else []

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
    everywhere = _matching(SearchParams(), tree=tree, with_category=False)
    counts, complete = _capped_counts_by_category(everywhere, cap=COUNT_CAP)
    estimate = 0 if complete else _estimated_count(everywhere, at_least=COUNT_CAP + 1)
    return _facets(counts, complete, estimate=estimate, tree=tree, selected=None)


def listing_latest(*, limit: int = 8) -> list[Listing]:
    latest = _with_cards(Listing.objects.visible().order_by("-published_at", "-id"))[:limit]
    return _with_cover_urls(list(latest))


# --- One listing, one seller -----------------------------------------------------------------


def _listing_detail_qs() -> QuerySet:
    return Listing.objects.select_related(
        "company", "company__owner", "category", "category__parent"
    ).prefetch_related("images", "price_tiers")


def listing_get(*, pk: int, viewer=None) -> tuple[Listing, bool]:
    """Return a visible listing, or the viewer's own listing as a preview; else 404.

    The second value says whether this is the owner's preview of a listing the public
    cannot see.
    """
    listing = _listing_detail_qs().visible().filter(pk=pk).first()
    if listing is not None:
        return listing, False
    if viewer is not None and viewer.is_authenticated:
        own = _listing_detail_qs().filter(pk=pk, company__owner=viewer).first()
        if own is not None:
            return own, True
    raise Http404


@dataclass
class Rating:
    average: float | None
    count: int


def seller_rating(*, company: Company) -> Rating:
    stats = (
        Review.objects.shown().filter(company=company).aggregate(avg=Avg("rating"), n=Count("id"))
    )
    average = round(float(stats["avg"]), 1) if stats["avg"] is not None else None
    return Rating(average=average, count=stats["n"])


def seller_list() -> QuerySet:
    """Return the sellers the public may see: those whose owner's account is active."""
    return Company.objects.filter(owner__is_active=True)


def seller_get(*, pk: int) -> Company:
    """Return a seller the public may see (see `seller_list`), else 404."""
    company = seller_list().filter(pk=pk).first()
    if company is None:
        raise Http404
    return company


def seller_reviews(*, company: Company, limit: int = SELLER_PAGE_REVIEWS) -> list[Review]:
    qs = Review.objects.shown().filter(company=company).select_related("author")
    return list(qs.order_by("-created_at", "-id")[:limit])


def seller_listings(*, company: Company, limit: int = SELLER_PAGE_LISTINGS):
    """Return the seller's latest visible listings and how many there are (capped)."""
    qs = Listing.objects.visible().filter(company=company)
    total, exact = _capped_count(qs.order_by(), cap=COUNT_CAP)
    listings = _with_cover_urls(list(_with_cards(qs.order_by("-published_at", "-id"))[:limit]))
    return listings, Tally(total, exact=exact)


# --- The seller's desk ------------------------------------------------------------------------


def listing_list_for_seller(*, company: Company, status: str = "") -> QuerySet:
    qs = Listing.objects.filter(company=company).select_related("category")
    if status:
        qs = qs.filter(status=status)
    return qs.defer("description", "search_vector").order_by("-updated_at", "-id")


def listing_get_for_seller(*, company: Company | None, pk: int) -> Listing:
    """Return the company's own listing; another seller's listing is a 404, never a 403."""
    if company is None:
        raise Http404
    listing = (
        Listing.objects.filter(pk=pk, company=company)
        .select_related("category", "company")
        .prefetch_related("images")
        .first()
    )
    if listing is None:
        raise Http404
    return listing


def listing_status_counts(*, company: Company) -> dict[str, int]:
    rows = Listing.objects.filter(company=company).values_list("status").annotate(n=Count("id"))
    return dict(rows.order_by())
