"""What a search asks and what it answers: parameters, sorts, counts, one page of results."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from listings.models import Category, Listing

PAGE_SIZE = 20
MAX_PAGES = 50
COUNT_CAP = 1000
MATERIALIZE_MAX = 10_000
SEARCH_CONFIG = "russian"


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
    def sorts(self) -> list[tuple[str, str | Promise]]:
        """Return the sorts offered, as (value, label): relevance only to a search for words."""
        return [choice for choice in Sort.CHOICES if choice[0] != Sort.RELEVANCE or self.q]

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
        pages: list[int | None] = []
        previous = 0
        for number in sorted(n for n in wanted if 1 <= n <= self.num_pages):
            if number - previous > 1:
                pages.append(None)
            pages.append(number)
            previous = number
        return pages
