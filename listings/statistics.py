"""Public aggregates of the catalogue (privacy.statistics)."""

from django.db.models import Count
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from accounts.regions import Region
from listings.models import Listing
from listings.selectors import category_tree
from privacy.statistics import Statistic, register


def listings_per_section() -> list[tuple[str, int]]:
    """Published listings per top-level catalogue section."""
    tree = category_tree()
    per_category = Listing.objects.visible().values("category").annotate(n=Count("pk"))
    totals: dict[int, int] = {}
    for row in per_category:
        section = tree.section_of(row["category"])
        totals[section.pk] = totals.get(section.pk, 0) + row["n"]
    language = get_language()
    return [(s.name_in(language), totals.get(s.pk, 0)) for s in tree.sections()]


def sellers_per_region() -> list[tuple[str, int]]:
    """Companies selling on the portal, per region."""
    counts = dict(
        Company.objects.filter(owner__is_active=True)
        .values_list("region")
        .annotate(n=Count("pk"))
        .values_list("region", "n")
    )
    return [(str(label), counts.get(value, 0)) for value, label in Region.choices]


register(
    Statistic(
        key="listings-per-section",
        title=_("Listings per catalogue section"),
        description=_("Published listings in each section of the catalogue."),
        compute=listings_per_section,
    )
)
register(
    Statistic(
        key="sellers-per-region",
        title=_("Sellers per region"),
        description=_("Companies selling on the portal, by the region they registered."),
        compute=sellers_per_region,
    )
)
