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

Otherwise the sample is read in up to three windows, each one query, newest first: the last
FIRST_WINDOW; then, if the sample is not full, as far back as the density of matches seen
so far says is needed (with a margin), unless that is further than WIDEST_WINDOW; then
everything older. The windows are disjoint and consecutive, so the rows of each, newest
first, follow those of the one before: the sample is exactly what one query would give,
and so is everything computed from it (counts, relevance, pages). A listing without a date
(published in admin without one) sorts first, as in one query: it belongs to the first
window.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

FIRST_WINDOW = timedelta(days=7)
WIDEST_WINDOW = timedelta(days=180)
# How much further back than the density of matches so far says: one more query costs more
# than reading some extra rows.
MARGIN = 1.5


def freshest_rows(qs: QuerySet, *, limit: int, read) -> tuple[list[tuple], int]:
    """Return the rows of the `limit` freshest listings of `qs`, newest first, and the
    planner's estimate of how many listings `qs` holds (asked on the way).

    `read(window_qs, n)` runs a query for the n freshest rows of a window (a queryset of
    `qs` filtered by date) and returns them, newest first.
    """
    walks, estimate = date_order_plan(qs, limit=limit)
    if walks:
        return list(read(qs, limit)), estimate
    rows = _windows(qs, limit=limit, read=read)
    return rows, estimate


def _windows(qs: QuerySet, *, limit: int, read) -> list[tuple]:
    now = timezone.now()
    edge = now - FIRST_WINDOW
    rows = list(read(qs.filter(Q(published_at__gte=edge) | Q(published_at=None)), limit))
    if len(rows) >= limit:
        return rows
    needed = FIRST_WINDOW * (limit / max(len(rows), 1)) * MARGIN
    if needed - FIRST_WINDOW <= WIDEST_WINDOW:
        since = now - needed
        window = qs.filter(published_at__gte=since, published_at__lt=edge)
        rows += read(window, limit - len(rows))
        if len(rows) >= limit:
            return rows
        edge = since
    rows += read(qs.filter(published_at__lt=edge), limit - len(rows))
    return rows


def date_order_plan(qs: QuerySet, *, limit: int) -> tuple[bool, int]:
    """Return whether PostgreSQL reads the freshest `limit` rows of `qs` in date order from
    an index (rather than finding every row and sorting them), and how many rows it
    expects `qs` to hold."""
    freshest = qs.order_by("-published_at", "-id").values("pk")[:limit]
    sql, params = freshest.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    top = plan[0]["Plan"]
    below = top["Plans"][-1] if top["Node Type"] == "Limit" else top
    return below["Node Type"] != "Sort", int(below["Plan Rows"])
