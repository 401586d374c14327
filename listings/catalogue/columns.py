"""The columns of the catalogue template, and how values written by people are read.

The template's header row is in the seller's language; a file's header is recognised in
any of the portal's languages, or by the column keys themselves, in any order. Choice
values (unit, condition, region, category) are recognised the same way: by code or by
their name in Russian, Kazakh or English, ignoring case.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.regions import Region
from listings.models import Category, Listing


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = False


COLUMNS = (
    Column("sku", _("SKU"), required=True),
    Column("title", _("Title"), required=True),
    Column("category", _("Category"), required=True),
    Column("price", _("Price, KZT (empty: on request)")),
    Column("unit", _("Unit")),
    Column("min_order_quantity", _("Minimum order")),
    Column("price_tiers", _("Wholesale prices (from quantity: price; ...)")),
    Column("condition", _("Condition")),
    Column("region", _("Region")),
    Column("description", _("Description")),
    Column("publish", _("Publish (yes/no)")),
)
KEYS = tuple(column.key for column in COLUMNS)
REQUIRED = tuple(column.key for column in COLUMNS if column.required)
YES = {"yes", "y", "1", "true", "да", "д", "иә", "ия", "+"}
NO = {"no", "n", "0", "false", "нет", "н", "жоқ", "-"}


def _norm(value) -> str:
    return " ".join(str(value or "").replace("*", " ").split()).casefold()


def header_labels() -> list[str]:
    """Return the header row in the active language."""
    return [str(column.label) for column in COLUMNS]


def _in_every_language(label) -> set[str]:
    names = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(_norm(label))
    return names


def header_keys(header: list) -> dict[int, str]:
    """Return {cell position: column key} for the cells of a header row that name a column."""
    known = {}
    for column in COLUMNS:
        for name in {column.key.casefold(), *_in_every_language(column.label)}:
            known[name] = column.key
    return {i: known[_norm(cell)] for i, cell in enumerate(header) if _norm(cell) in known}


def _choices_lookup(choices) -> dict[str, str]:
    lookup = {}
    for value, label in choices:
        lookup[value.casefold()] = value
        for name in _in_every_language(label):
            lookup[name] = value
    return lookup


# Short forms people write in spreadsheets, beyond the units' own names.
UNIT_ALIASES = {"шт": "piece", "pcs": "piece", "т": "tonne", "t": "tonne", "кг": "kg", "л": "litre"}


@dataclass
class Vocabulary:
    """Everything a row's words are checked against, loaded once per file."""

    units: dict[str, str]
    conditions: dict[str, str]
    regions: dict[str, str]
    categories: dict[str, Category]

    @classmethod
    def load(cls) -> Vocabulary:
        units = _choices_lookup(Listing.Unit.choices)
        units.update({k: v for k, v in UNIT_ALIASES.items() if k not in units})
        categories = {}
        for category in Category.objects.all():
            for name in (category.slug, category.name_en, category.name_ru, category.name_kk):
                if name:
                    categories.setdefault(_norm(name), category)
        return cls(
            units=units,
            conditions=_choices_lookup(Listing.Condition.choices),
            regions=_choices_lookup(Region.choices),
            categories=categories,
        )

    def unit(self, value) -> str | None:
        return self.units.get(_norm(value).rstrip("."))

    def condition(self, value) -> str | None:
        return self.conditions.get(_norm(value))

    def region(self, value) -> str | None:
        return self.regions.get(_norm(value))

    def category(self, value) -> Category | None:
        return self.categories.get(_norm(value))


def yes_no(value, *, default: bool) -> bool | None:
    """Return True or False for a yes/no cell (empty: `default`), None when unreadable."""
    word = _norm(value)
    if not word:
        return default
    if word in YES:
        return True
    if word in NO:
        return False
    return None
