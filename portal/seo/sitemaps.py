"""/sitemap.xml: an index of sitemaps of public listings, categories and sellers.

Every page is listed in each language, with hreflang alternates (Django's i18n sitemaps).
Listings and sellers run into the millions, so their sitemaps are cut into ranges of ids
rather than pages of a counted, offset query: the number of pages is the highest id
divided by the range (one look at the primary key index), and a page reads one range of
the primary key. A page may hold fewer URLs than the range (ids of drafts, archived or
deleted listings), never more: 2,000 listings in three languages are 6,000 URLs, well
under the 50,000 a sitemap may hold. The index gives no last-modified date for them,
which would need a look at every listing.

Reading a range costs milliseconds; what costs is Python: each URL comes with its
alternates in every language, so a page of 2,000 listings has 30,000 links. Each language
is activated once per page (`get_urls`) and the XML is written directly instead of through
Django's sitemap template: at 1M listings a page took 3 to 5 s through Django's on a busy
2-core machine.
"""

import datetime
import math
from types import SimpleNamespace
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sites.requests import RequestSite
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.http import http_date
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

    def get_urls(self, page=1, site=None, protocol=None):
        """Return the page's URLs with their alternates, as Django's `Sitemap.get_urls` does.

        Django activates a language for each URL and each of its alternates (fifteen times
        per page in three languages), which was most of the cost of a page of thousands;
        here each language is activated once per sitemap page.
        """
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        pairs = self.paginator.page(page).object_list
        items = list(dict.fromkeys(item for item, _language in pairs))
        languages = self._languages()
        paths = {}
        for code in languages:
            with translation.override(code):
                paths[code] = [base + self.location(item) for item in items]
        urls = []
        for index, item in enumerate(items):
            alternates = [{"location": paths[code][index], "lang_code": code} for code in languages]
            default = paths[settings.LANGUAGE_CODE][index]
            alternates.append({"location": default, "lang_code": "x-default"})
            lastmod = self.lastmod(item) if hasattr(self, "lastmod") else None
            urls += [
                {"item": item, "location": paths[code][index], "lastmod": lastmod,
                 "changefreq": None, "priority": "", "alternates": alternates}
                for code in languages
            ]  # fmt: skip
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


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


NAMESPACES = (
    'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"'
)


def _attribute(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _day(moment) -> str:
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        return moment.date().isoformat()
    return moment.isoformat()


def urlset_xml(urls: list[dict]) -> str:
    """Write the <urlset> of a sitemap page (what Django's sitemap.xml template writes)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<urlset {NAMESPACES}>"]
    for url in urls:
        lines.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url["lastmod"]:
            lines.append(f"<lastmod>{_day(url['lastmod'])}</lastmod>")
        lines += [
            f'<xhtml:link rel="alternate" hreflang="{alternate["lang_code"]}" '
            f'href="{_attribute(alternate["location"])}"/>'
            for alternate in url["alternates"]
        ]
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


@require_GET
def section(request, section):
    """One page (`?p=`) of one section's sitemap, as Django's sitemap view answers it."""
    if section not in SITEMAPS:
        raise Http404("No sitemap available for this section")
    sitemap = SITEMAPS[section]()
    try:
        urls = sitemap.get_urls(
            page=request.GET.get("p", 1), site=RequestSite(request), protocol=request.scheme
        )
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such page of this sitemap") from None
    response = HttpResponse(urlset_xml(urls), content_type="application/xml")
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    latest = getattr(sitemap, "latest_lastmod", None)
    if latest is not None:
        response.headers["Last-Modified"] = http_date(latest.timestamp())
    return response
