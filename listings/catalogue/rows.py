"""One row of a catalogue file: read its cells into a listing's values, or say why not.

Only the file's own content is checked here; whether the SKU creates or updates a
listing is the importer's question (it looks a whole chunk of SKUs up at once).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from listings.catalogue.columns import KEYS, Vocabulary, yes_no
from listings.models import Listing
from listings.pricing import (
    TIERS_ON_REQUEST,
    TierError,
    format_amount,
    format_tiers,
    parse_amount,
    parse_tiers,
)

TITLE_MAX = 200
DESCRIPTION_MAX = 5000
SKU_MAX = 64
QUANTITY_MAX = 1_000_000

ROW_NO_SKU = _("missing SKU")
ROW_SKU_TOO_LONG = _("the SKU is longer than 64 characters")
ROW_NO_TITLE = _("missing title")
ROW_TITLE_TOO_LONG = _("the title is longer than 200 characters")
ROW_DESCRIPTION_TOO_LONG = _("the description is longer than 5,000 characters")
ROW_NO_CATEGORY = _("missing category")
ROW_UNKNOWN_CATEGORY = _("unknown category “%(value)s”")
ROW_SECTION_CATEGORY = _("“%(value)s” is a section: name one of its subsections")
ROW_BAD_PRICE = _("bad price “%(value)s”: write a number of tenge, or leave it empty")
ROW_UNKNOWN_UNIT = _("unknown unit “%(value)s”")
ROW_UNKNOWN_CONDITION = _("unknown condition “%(value)s”: write new or used")
ROW_UNKNOWN_REGION = _("unknown region “%(value)s”")
ROW_BAD_MINIMUM = _("bad minimum order “%(value)s”: write a whole number, 1 or more")
ROW_BAD_PUBLISH = _("write yes or no in the column Publish, not “%(value)s”")


class Action:
    CREATE = "create"
    UPDATE = "update"
    REFUSE = "refuse"


@dataclass
class RowOutcome:
    """What happens to one row; `values` are a listing's fields when the row is usable."""

    number: int
    sku: str
    title: str
    action: str = Action.CREATE
    reason: str = ""
    values: dict = field(default_factory=dict)
    tiers: list = field(default_factory=list)
    publish: bool = True

    def refuse(self, reason) -> RowOutcome:
        self.action, self.reason, self.values = Action.REFUSE, str(reason), {}
        return self


class RowError(Exception):
    pass


def _text(cells: dict, key: str) -> str:
    value = cells.get(key)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an SKU typed as a number comes back as 1001.0
    return str(value).strip()


def row_read(number: int, cells: dict, *, vocabulary: Vocabulary, region: str) -> RowOutcome:
    """Return the outcome of a row whose cells are keyed by column (`columns.KEYS`)."""
    outcome = RowOutcome(number=number, sku=_text(cells, "sku"), title=_text(cells, "title"))
    try:
        outcome.values = _values(cells, vocabulary=vocabulary, region=region)
        outcome.tiers = _tiers(cells, outcome.values)
        outcome.publish = _publish(cells)
    except RowError as error:
        return outcome.refuse(error.args[0])
    return outcome


def _check(condition: bool, message, **params) -> None:
    if not condition:
        raise RowError(message % params if params else message)


def _values(cells: dict, *, vocabulary: Vocabulary, region: str) -> dict:
    sku, title = _text(cells, "sku"), _text(cells, "title")
    _check(bool(sku), ROW_NO_SKU)
    _check(len(sku) <= SKU_MAX, ROW_SKU_TOO_LONG)
    _check(bool(title), ROW_NO_TITLE)
    _check(len(title) <= TITLE_MAX, ROW_TITLE_TOO_LONG)
    description = _text(cells, "description") or title
    _check(len(description) <= DESCRIPTION_MAX, ROW_DESCRIPTION_TOO_LONG)
    category_text = _text(cells, "category")
    _check(bool(category_text), ROW_NO_CATEGORY)
    category = vocabulary.category(category_text)
    _check(category is not None, ROW_UNKNOWN_CATEGORY, value=category_text)
    _check(category.parent_id is not None, ROW_SECTION_CATEGORY, value=category_text)
    price_text = _text(cells, "price")
    price = parse_amount(cells.get("price")) if price_text else None
    _check(not price_text or price is not None, ROW_BAD_PRICE, value=price_text)
    return {
        "sku": sku,
        "title": title,
        "description": description,
        "category": category,
        "price": price,
        "price_on_request": price is None,
        "unit": _choice(cells, "unit", vocabulary.unit, "piece", ROW_UNKNOWN_UNIT),
        "condition": _choice(
            cells, "condition", vocabulary.condition, "new", ROW_UNKNOWN_CONDITION
        ),
        "region": _choice(cells, "region", vocabulary.region, region, ROW_UNKNOWN_REGION),
        "min_order_quantity": _minimum(cells),
    }


def _choice(cells, key, lookup, default, message) -> str:
    text = _text(cells, key)
    if not text:
        return default
    value = lookup(text)
    _check(value is not None, message, value=text)
    return value


def _minimum(cells) -> int:
    text = _text(cells, "min_order_quantity")
    if not text:
        return 1
    amount = parse_amount(text)
    valid = amount is not None and amount == amount.to_integral() and 1 <= amount <= QUANTITY_MAX
    _check(valid, ROW_BAD_MINIMUM, value=text)
    return int(amount)


def _tiers(cells, values: dict) -> list:
    text = _text(cells, "price_tiers")
    if not text:
        return []
    if values["price"] is None:
        raise RowError(str(TIERS_ON_REQUEST))
    try:
        return parse_tiers(text, min_order=values["min_order_quantity"])
    except TierError as error:
        raise RowError(str(error.message)) from None


def _publish(cells) -> bool:
    answer = yes_no(cells.get("publish"), default=True)
    _check(answer is not None, ROW_BAD_PUBLISH, value=_text(cells, "publish"))
    return answer


def cells_by_key(cells: list, positions: dict[int, str]) -> dict:
    """Return a row's cells keyed by column, from {position: key} of the header."""
    return {key: cells[i] if i < len(cells) else None for i, key in positions.items()}


def row_as_values(listing, tiers) -> dict[str, object]:
    """Return a listing as a row of the template (the export), keyed like `KEYS`."""
    price = "" if listing.price is None else format_amount(Decimal(listing.price))
    return dict.fromkeys(KEYS, "") | {
        "sku": listing.sku,
        "title": listing.title,
        "category": listing.category.slug,
        "price": price,
        "unit": listing.unit,
        "min_order_quantity": listing.min_order_quantity,
        "price_tiers": format_tiers(tiers),
        "condition": listing.condition,
        "region": listing.region,
        "description": listing.description,
        "publish": "yes" if listing.status == Listing.Status.PUBLISHED else "no",
    }
