"""/robots.txt: crawl public pages, never a person's pages or search results (seo/rules.py).

Written for every language prefix. Crawlers that follow RFC 9309 apply the longest matching
rule, so "Allow: /listings/?category=" lets category pages through the "Disallow:
/listings/?" of search results; the rules are also ordered for crawlers that apply the
first match. Pages that are not crawled still carry a robots noindex tag, for links found
elsewhere.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from portal.i18n import path_split, prefixed_languages
from portal.seo.rules import PRIVATE_PREFIXES


def robots_lines(sitemap_url: str) -> list[str]:
    """Return the lines of robots.txt, naming the sitemap at `sitemap_url`."""
    search = path_split(reverse("listings:search"))[1]
    lines = ["User-agent: *"]
    for language in ["", *(f"/{code}" for code in prefixed_languages())]:
        lines += [f"Disallow: {language}{prefix}" for prefix in PRIVATE_PREFIXES]
        lines += [
            f"Disallow: {language}{search}?category=*&",
            f"Allow: {language}{search}?category=",
            f"Disallow: {language}{search}?",
        ]
    lines += [f"Disallow: {reverse('admin:index')}", "", f"Sitemap: {sitemap_url}"]
    return lines


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap_index"))
    body = "\n".join(robots_lines(sitemap_url)) + "\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
