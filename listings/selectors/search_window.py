"""The freshest matches of a search, read window by window from the newest.

Why: newest-first and relevance pages come from the freshest COUNT_CAP + 1 matches (see
the package's docstring). Asked in one query, PostgreSQL fetches every match from the
table to sort them by date: a pair of words in 1.4% of a million listings («семена
подсолнечника») read 14,000 rows from as many pages to keep 1,001 of them (50 to 100 ms
on 2 shared cores; 2 s at 10M). Asked for a recent window of publication dates, the
full-text index is combined with a BRIN index on the date (migration 0009: a few dozen
kilobytes, whose ranges follow the order listings are written in), and only the pages of
the window's matches are read.

A word in most listings is different: PostgreSQL walks the date index newest first and
stops at the sample's size, which no window improves on (and a window would make it read
the word's whole entry in the full-text index instead). So the plan PostgreSQL chooses for
the one query is asked first (EXPLAIN, no rows read): if it walks an index in date order,
that query runs as it is.

Otherwise the sample is read in up to three windows, each one query, newest first. For one
word and no filter, the first reaches as far back as the planner's estimate of the matches
says holds the sample (with a margin), if that is no further than WIDEST_WINDOW.
Otherwise, or with more words or filters, the first is the last FIRST_WINDOW: the planner
multiplies the shares of two words (or of a word and a category) that come together in
listings, and a window sized on its estimate is far too wide («семена подсолнечника» at
10M: estimated 15,000 matches, found 177,000). Then, if the sample is not full, as far
back as the density of matches seen so far says is needed, unless that is further than
WIDEST_WINDOW; then everything older. The windows are disjoint and consecutive, so the
rows of each, newest first, follow those of the one before: the sample is exactly what one
query would give, and so is everything computed from it (counts, relevance, pages). A
listing without a date (published in admin without one) sorts first, as in one query: it
belongs to the first window.
"""

from __future__ import annotations

import json
import time
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from listings.selectors.search_sql import Where, column

FIRST_WINDOW = timedelta(days=7)
WIDEST_WINDOW = timedelta(days=180)
# How much further back than the density of matches so far says: one more query costs more
# than reading some extra rows.
MARGIN = 1.5
NEWEST = "ORDER BY s.published_at DESC, s.pk DESC"


class Freshest:
    """The freshest rows of a set of listings: (pk, category id, price, rank), newest first.

    Each window is a condition on the set's SQL; `rank` is the SQL of each row's rank and
    its params.
    """

    def __init__(self, where: Where, *, rank: tuple[str, tuple] | None):
        columns = [column(name) for name in ("category_id", "price", "published_at")]
        if rank is not None:
            columns.append(column("search_vector"))
        self.inner, self.params = where.select(", ".join([f"{column('id')} AS pk", *columns]))
        self.rank_sql, self.rank_params = rank if rank is not None else ("0.0", ())

    def read(self, condition: str, params: tuple, n: int) -> list[tuple]:
        sql = (
            f"SELECT s.pk, s.category_id, s.price, {self.rank_sql} FROM ({self.inner}) s "
            f"WHERE {condition} {NEWEST} LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*self.rank_params, *self.params, *params, n))
            return cursor.fetchall()

    def plan(self, n: int) -> tuple[bool, int]:
        """Return whether PostgreSQL reads the freshest `n` rows in date order from an index
        (rather than finding every row and sorting them), and how many rows it expects."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT s.pk FROM ({self.inner}) s {NEWEST} LIMIT %s",
                (*self.params, n),
            )
            (plan,) = cursor.fetchone()
        if isinstance(plan, str):
            plan = json.loads(plan)
        top = plan[0]["Plan"]
        below = top["Plans"][-1] if top["Node Type"] == "Limit" else top
        return below["Node Type"] != "Sort", int(below["Plan Rows"])


def freshest_rows(
    where: Where, *, limit: int, rank=None, trust_estimate: bool = False
) -> tuple[list[tuple], int]:
    """Return the `limit` freshest rows matching `where` (see `Freshest`), and the planner's
    estimate of how many listings match (asked on the way). `trust_estimate`: size the
    first window on that estimate (one word, no filter)."""
    freshest = Freshest(where, rank=rank)
    walks, estimate = freshest.plan(limit)
    if walks:
        return freshest.read("TRUE", (), limit), estimate
    sized = estimate if trust_estimate else None
    return _windows(freshest, limit=limit, estimate=sized), estimate


def _windows(freshest: Freshest, *, limit: int, estimate: int | None) -> list[tuple]:
    now = timezone.now()
    first = FIRST_WINDOW
    if estimate is not None:
        sized = _catalogue_span(now) * (limit / max(estimate, 1)) * MARGIN
        first = sized if timedelta(days=1) <= sized <= WIDEST_WINDOW else FIRST_WINDOW
    edge = now - first
    rows = freshest.read("(s.published_at >= %s OR s.published_at IS NULL)", (edge,), limit)
    if len(rows) >= limit:
        return rows
    needed = first * (limit / max(len(rows), 1)) * MARGIN
    if needed - first <= WIDEST_WINDOW:
        since = now - needed
        window = "s.published_at >= %s AND s.published_at < %s"
        rows += freshest.read(window, (since, edge), limit - len(rows))
        if len(rows) >= limit:
            return rows
        edge = since
    return rows + freshest.read("s.published_at < %s", (edge,), limit - len(rows))


_span: dict[str, tuple[float, object]] = {}


def _catalogue_span(now) -> timedelta:
    """Return how far back the oldest published listing goes (read from the date index at
    most every ten minutes per process)."""
    held = _span.get("oldest")
    if held is None or held[0] < time.monotonic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT min(published_at) FROM listings_listing WHERE status = 'published'"
            )
            (oldest,) = cursor.fetchone()
        held = _span["oldest"] = (time.monotonic() + 600, oldest)
    return now - held[1] if held[1] is not None else timedelta(days=365)
