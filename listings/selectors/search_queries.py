"""The queries behind search: matching, capped counts, samples and pages of ids.

See the package's docstring for why each is shaped as it is.
"""

from __future__ import annotations

import json
import time
from collections import Counter

from django.db import connection, transaction
from django.db.models import QuerySet

from listings.selectors.categories import CategoryTree
from listings.selectors.search_sql import Where, column, is_postgres
from listings.selectors.search_types import (
    MATERIALIZE_MAX,
    PAGE_SIZE,
    SEARCH_CONFIG,
    SearchParams,
    Sort,
    Tally,
)
from listings.selectors.search_window import freshest_rows


def _sql(qs: QuerySet) -> tuple[str, tuple]:
    sql, sql_params = qs.query.sql_with_params()
    return sql, tuple(sql_params)


def _rows(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def capped_counts_by_category(where: Where, *, cap: int) -> tuple[Counter, bool]:
    """Return listings per category among at most `cap` matches, and whether that is all."""
    sample_sql, sql_params = where.select(column("category_id"))
    rows = _rows(
        f"SELECT category_id, COUNT(*) FROM ({sample_sql} LIMIT %s) sample GROUP BY category_id",
        (*sql_params, cap + 1),
    )
    counts = Counter(dict(rows))
    return counts, sum(counts.values()) <= cap


def capped_count(qs: QuerySet, *, cap: int) -> tuple[int, bool]:
    sample_sql, sql_params = _sql(qs.values("pk")[: cap + 1])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sample_sql}) sample", sql_params)
        (count,) = cursor.fetchone()
    return min(count, cap), count <= cap


def estimated_count(where: Where, *, at_least: int) -> int:
    """Return the planner's estimate of the number of rows, but no less than `at_least`."""
    if not is_postgres():
        return at_least
    sql, sql_params = where.select(column("id"))
    ((plan,),) = _rows(f"EXPLAIN (FORMAT JSON) {sql}", sql_params)
    if isinstance(plan, str):
        plan = json.loads(plan)
    return max(int(plan[0]["Plan"]["Plan Rows"]), at_least)


# ORDER BY of each sort, over the columns that SORT_COLUMNS selects.
ORDER_SQL = {
    Sort.NEWEST: "published_at DESC, pk DESC",
    Sort.PRICE_ASC: "price ASC NULLS LAST, pk ASC",
    Sort.PRICE_DESC: "price DESC NULLS LAST, pk DESC",
}
SORT_COLUMNS = f"{column('id')} AS pk, {column('published_at')}, {column('price')}"


def _by_leaf(
    everywhere: Where, leaves: list[int], *, columns: str, order: str, limit: int
) -> tuple[str, list]:
    """Return the UNION ALL of each leaf's first `limit` rows in `order` (each one read from
    its leaf's index), and its parameters."""
    branch_sql, branch_params = everywhere.also(f"{column('category_id')} = %s").select(columns)
    branches = " UNION ALL ".join(
        f"SELECT * FROM ({branch_sql} ORDER BY {order} LIMIT %s) leaf{n}"
        for n in range(len(leaves))
    )
    return branches, [value for leaf in leaves for value in (*branch_params, leaf, limit)]


def _ids(sql: str, sql_params) -> list[int]:
    return [row[0] for row in _rows(sql, sql_params)]


def page_ids(
    matching: Where,
    everywhere: Where,
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
    Matches of words are gathered unless they are dense (DENSE_SHARE of the table): a word
    belongs to a few categories, whose prices lie together, so walking the price index met
    4 million other listings before 20 of «арматура» under a price at 10M (20 s; gathering
    its 25,000 matches took 0.2 s).
    """
    order = ORDER_SQL[params.effective_sort]
    window = (PAGE_SIZE, offset)
    leaves = tree.subtree_ids(params.category) if params.category is not None else []
    by_leaf = len(leaves) > 1 and not params.q
    gather = total.value <= MATERIALIZE_MAX or (params.q and not _dense(total.value))
    if gather and not by_leaf:
        inner_sql, inner_params = matching.select(SORT_COLUMNS)
        return _ids(
            f"WITH m AS MATERIALIZED ({inner_sql}) SELECT pk FROM m ORDER BY {order} "
            "LIMIT %s OFFSET %s",
            (*inner_params, *window),
        )
    if by_leaf:
        branches, sql_params = _by_leaf(
            everywhere, leaves, columns=SORT_COLUMNS, order=order, limit=offset + PAGE_SIZE
        )
        return _ids(
            f"SELECT pk FROM ({branches}) leaves ORDER BY {order} LIMIT %s OFFSET %s",
            (*sql_params, *window),
        )
    inner_sql, inner_params = matching.select(SORT_COLUMNS)
    return _ids(f"{inner_sql} ORDER BY {order} LIMIT %s OFFSET %s", (*inner_params, *window))


DENSE_SHARE = 0.05
_table_rows: dict[str, tuple[float, float]] = {}


def _dense(matches: int) -> bool:
    """Whether `matches` are at least DENSE_SHARE of the listings (as the planner counts
    them, read at most every five minutes per process); False while that is unknown."""
    now = time.monotonic()
    held = _table_rows.get("listings")
    if held is None or held[0] < now:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'listings_listing'")
            row = cursor.fetchone()
        held = _table_rows["listings"] = (now + 300, float(row[0]) if row else -1.0)
    return held[1] > 0 and matches >= DENSE_SHARE * held[1]


SAMPLE_COLUMNS = f"{column('id')} AS pk, {column('category_id')}, {column('price')}"


def sample_rows(
    matching: Where, params: SearchParams, sort: str, *, cap: int, newest_first: bool
) -> tuple[list[tuple], int | None]:
    """Return (pk, category id, price, rank) of up to `cap` + 1 matches, and the planner's
    estimate of the number of matches when it was asked for it on the way (else None).

    `newest_first` takes the freshest matches, newest first, which hold every page of the
    newest-first and relevance sorts (with words, read window by window from the newest:
    see search_window.py); otherwise the first matches the database finds, the cheapest
    way to learn whether there are more than `cap`. The rank is computed on the sample
    only, outside the query that finds it: inside, PostgreSQL would rank every match
    before keeping the freshest.
    """

    if newest_first and params.q and is_postgres():
        rank = None
        if sort == Sort.RELEVANCE:
            rank = (f"ts_rank(s.search_vector, {RANK_QUERY})", (SEARCH_CONFIG, params.q))
        one_word = len(params.q.split()) == 1 and not params.has_filters
        return freshest_rows(matching, limit=cap + 1, rank=rank, trust_estimate=one_word)
    order = f" ORDER BY {ORDER_SQL[Sort.NEWEST]}" if newest_first else ""
    return sample_read(matching, params, sort, cap + 1, order=order), None


RANK_QUERY = "websearch_to_tsquery(%s::regconfig, %s)"


def sample_read(matching: Where, params: SearchParams, sort: str, n: int, *, order: str) -> list:
    """Return (pk, category id, price, rank) of the first `n` matches in `order` (SQL)."""
    if sort != Sort.RELEVANCE:
        inner_sql, inner_params = matching.select(f"{SAMPLE_COLUMNS}, 0.0")
        return _rows(f"{inner_sql}{order} LIMIT %s", (*inner_params, n))
    inner_sql, inner_params = matching.select(f"{SAMPLE_COLUMNS}, {column('search_vector')}")
    return _rows(
        f"SELECT s.pk, s.category_id, s.price, ts_rank(s.search_vector, {RANK_QUERY}) "
        f"FROM ({inner_sql}{order} LIMIT %s) s",
        (SEARCH_CONFIG, params.q, *inner_params, n),
    )


def walks_leaves(params: SearchParams, sort: str) -> bool:
    """Return whether the newest matches are found by walking each leaf's date index.

    A category with a price range, a region or a condition is where the planner's guess
    fails most: it multiplies the category's share by each filter's share of the whole
    catalogue, while metal's prices sit in a narrow band and sellers trade mostly in their
    own region, so it expects a few hundred matches where there are tens of thousands, or
    intersects two bitmaps of a few hundred thousand rows each and rechecks every row of
    their pages (a leaf in a region with a condition at 10M: 260 ms). Walking
    each leaf newest first through the (category, date) index, which carries what these
    filters read, and stopping at the sample's size reads a few thousand index entries and
    no table rows instead, at worst the leaves' entries (a section is about a tenth of the
    catalogue). Not when the sellers are chosen (one seller, or those delivering to a
    region): the planner finds their listings through the seller index, where a walk
    would read every leaf to the end for a few sellers (48 ms at 1M instead of 1 ms).
    """
    filtered = (
        params.price_min is not None
        or params.price_max is not None
        or params.region
        or params.condition
    )
    return (
        is_postgres()
        and sort == Sort.NEWEST
        and not params.q
        and params.category is not None
        and not params.seller_id
        and not params.delivers_to
        and bool(filtered)
    )


def sample_rows_by_leaf(everywhere: Where, leaves: list[int], *, cap: int) -> list[tuple]:
    """Return the sample of `sample_rows(newest_first=True)`, leaf by leaf, from the date index."""
    newest = ORDER_SQL[Sort.NEWEST]
    columns = f"{SAMPLE_COLUMNS}, {column('published_at')}"
    branches, sql_params = _by_leaf(
        everywhere, leaves, columns=columns, order=newest, limit=cap + 1
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # Only for this statement: no bitmap scans and no sorts of whole leaves, so each
        # branch walks its leaf's (category, published_at) index and stops early.
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(
            f"SELECT pk, category_id, price, 0.0 FROM ({branches}) leaves "
            f"ORDER BY {newest} LIMIT %s",
            (*sql_params, cap + 1),
        )
        return cursor.fetchall()


def sorted_sample(sample: list[tuple], sort: str) -> list[tuple]:
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
