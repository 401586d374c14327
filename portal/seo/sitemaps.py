"""/sitemap.xml: an index of sitemaps of public listings, categories and sellers.

Every page is listed in each language, with hreflang alternates (Django's i18n sitemaps).
Listings and sellers run into the millions, so their sitemaps are cut into ranges of ids
rather than pages of a counted, offset query: the number of pages is the highest id
divided by the range (one look at the primary key index), and a page reads one range of
the primary key. A page may hold fewer URLs than the range (ids of drafts, archived or
deleted listings), never more: 2,000 listings in three languages are 6,000 URLs, well
under the 50,000 a sitemap may hold. The index gives no last-modified date for them,
which would need a look at every listing.
"""

import math
from types import SimpleNamespace

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from listings import selectors as listing_selectors
from listings.models import Category, Listing


class IdRangePaginator:
    """Pages of a queryset by ranges of primary keys: page n holds ids ((n-1)*size, n*size]."""

    def __init__(self, queryset, *, per_page: int, languages: list[str]):
        self.queryset = queryset
        self.per_page = per_page
        self.languages = languages

    @cached_property
    def num_pages(self) -> int:
        top = self.queryset.model._default_manager.aggregate(top=Max("pk"))["top"] or 0
        return max(1, math.ceil(top / self.per_page))

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if not 1 <= number <= self.num_pages:
            raise EmptyPage("That page contains no results")
        return number

    def page(self, number):
        """Return the page's (item, language) pairs, as an i18n sitemap expects them."""
        low = (self.validate_number(number) - 1) * self.per_page
        rows = self.queryset.filter(pk__gt=low, pk__lte=low + self.per_page).order_by("pk")
        return SimpleNamespace(object_list=[(row, code) for row in rows for code in self.languages])


class _PageSitemap(Sitemap):
    """A sitemap of pages in every language, each with its hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class _IdRangeSitemap(_PageSitemap):
    per_page = 2000

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), per_page=self.per_page, languages=self._languages())

    def get_latest_lastmod(self):
        return None


class ListingSitemap(_IdRangeSitemap):
    def items(self):
        return Listing.objects.visible().only("pk", "updated_at")

    def lastmod(self, listing):
        return listing.updated_at


class SellerSitemap(_IdRangeSitemap):
    def items(self):
        return listing_selectors.seller_list().only("pk")


class CategorySitemap(_PageSitemap):
    def items(self):
        return Category.objects.order_by("pk").only("pk")


SITEMAPS = {"listings": ListingSitemap, "categories": CategorySitemap, "sellers": SellerSitemap}


@require_GET
def index(request):
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")


@require_GET
def section(request, section):
    return sitemap_views.sitemap(request, SITEMAPS, section=section)
