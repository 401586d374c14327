"""The condition of a search, written as SQL once per request.

Why: a search runs up to four statements over the same condition, and a walk of a section
one per leaf. Built with the ORM, the condition cost about 1.5 ms to assemble and 0.8 ms
to compile for every statement (the visibility rule alone, two nested subqueries, 1.1 ms):
up to 10 ms of a request at a million listings, more than most of its queries. Here the
visibility rule is compiled from `ListingQuerySet.visible` (the one place it is defined)
once per process, its SQL being the same for every search, and the filters of the search
are appended to it as plain SQL. A test checks that the result matches the same search
written with the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from accounts.models import DeliveryRegion
from listings.models import Listing
from listings.selectors.categories import CategoryTree
from listings.selectors.search_types import SEARCH_CONFIG, SearchParams

TABLE = Listing._meta.db_table


def column(name: str) -> str:
    """Return a column of the listings table, qualified as the compiled rule qualifies it."""
    return f'"{TABLE}"."{name}"'


@dataclass(frozen=True)
class Where:
    """A condition over the listings table and its parameters."""

    sql: str
    params: tuple = ()

    def also(self, sql: str, *params) -> Where:
        return Where(f"{self.sql} AND {sql}", (*self.params, *params))

    def select(self, columns: str) -> tuple[str, tuple]:
        """Return `SELECT columns FROM listings WHERE condition` and its parameters."""
        return f'SELECT {columns} FROM "{TABLE}" WHERE {self.sql}', self.params


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


_visible: dict[str, Where] = {}


def visible_where() -> Where:
    """Return `Listing.objects.visible()` as a condition, compiled once per database."""
    held = _visible.get(connection.alias)
    if held is None:
        query = Listing.objects.visible().query
        sql, params = query.get_compiler(connection=connection).compile(query.where)
        held = _visible[connection.alias] = Where(sql, tuple(params))
    return held


def sqlite_word_match(word: str) -> Where:
    """Return a crude match of one word for SQLite (`make run`, a few hundred demo rows).

    SQLite folds the case of ASCII letters only, and has no stemmer: match the word without
    its last two letters (a rough Russian or English ending) in three casings.
    """
    stem = word[: max(4, len(word) - 2)].replace("\\", "\\\\").replace("%", "\\%")
    stem = stem.replace("_", "\\_")
    forms = sorted({stem.lower(), stem.capitalize(), stem.upper()})
    fields = ("title", "description")
    like = " OR ".join(f"{column(name)} LIKE %s ESCAPE '\\'" for _f in forms for name in fields)
    return Where(f"({like})", tuple(f"%{form}%" for form in forms for _name in fields))


def matching_where(params: SearchParams, *, tree: CategoryTree, with_category: bool) -> Where:
    """Return the condition of the visible listings matching the parameters."""
    where = visible_where()
    if params.q:
        if is_postgres():
            where = where.also(
                f"{column('search_vector')} @@ websearch_to_tsquery(%s::regconfig, %s)",
                SEARCH_CONFIG,
                params.q,
            )
        else:
            for word in params.q.split():
                match = sqlite_word_match(word)
                where = where.also(match.sql, *match.params)
    if with_category and params.category is not None:
        ids = tree.subtree_ids(params.category)
        where = where.also(f"{column('category_id')} IN ({', '.join(['%s'] * len(ids))})", *ids)
    if params.region:
        where = where.also(f"{column('region')} = %s", params.region)
    if params.price_min is not None:
        where = where.also(f"{column('price')} >= %s", params.price_min)
    if params.price_max is not None:
        where = where.also(f"{column('price')} <= %s", params.price_max)
    if params.condition:
        where = where.also(f"{column('condition')} = %s", params.condition)
    if params.seller_id:
        where = where.also(f"{column('company_id')} = %s", params.seller_id)
    if params.delivers_to:
        # The sellers of one region: a small set, read from its own index.
        regions = DeliveryRegion._meta.db_table
        where = where.also(
            f'{column("company_id")} IN (SELECT "company_id" FROM "{regions}" WHERE "region" = %s)',
            params.delivers_to,
        )
    return where
