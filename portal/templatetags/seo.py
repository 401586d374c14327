"""Tags for the head of every page: description, robots, canonical, hreflang, Open Graph, JSON-LD.

`{% seo_meta %}` in base.html gives every page the site's description and links; a page
overrides the `meta` block to describe itself, e.g.
`{% block meta %}{% seo_meta title=listing.title description=listing.description %}{% endblock %}`.
"""

import dataclasses

from django import template
from django.templatetags.static import static
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from portal.seo import structured_data
from portal.seo.head import head_links

register = template.Library()

SITE_TITLE = _("Dala Market: industry and agriculture of Kazakhstan")
SITE_DESCRIPTION = _(
    "Machinery, seeds, fertiliser, metal and building materials from companies of "
    "Kazakhstan: compare offers from every region and order from each seller."
)
DEFAULT_IMAGE = "img/og-default.png"
# Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 160


def _summary(text: str) -> str:
    return Truncator(" ".join(str(text).split())).chars(DESCRIPTION_LENGTH)


@register.inclusion_tag("portal/_seo_meta.html", takes_context=True)
def seo_meta(context, *, title="", description="", image="", kind="website", noindex=False):
    """Render the description, robots or canonical and hreflang links, and Open Graph tags."""
    request = context.get("request")
    description = _summary(description or SITE_DESCRIPTION)
    if request is None:  # a page rendered outside a request knows no URL
        return {"description": description}
    links = head_links(request)
    if noindex:
        links = dataclasses.replace(links, indexable=False)
    return {
        "links": links,
        "title": title or SITE_TITLE,
        "description": description,
        "image": request.build_absolute_uri(image or static(DEFAULT_IMAGE)),
        "kind": kind,
    }


@register.simple_tag(takes_context=True)
def listing_json_ld(context, listing, rating, images):
    """Render a listing's Product and Offer as JSON-LD."""
    absolute = context["request"].build_absolute_uri
    data = structured_data.listing_page(
        listing,
        rating=rating,
        url=absolute(listing.get_absolute_url()),
        seller_url=absolute(listing.company.get_absolute_url()),
        image_urls=[absolute(image.image.url) for image in images],
    )
    return structured_data.json_ld(data)


@register.simple_tag(takes_context=True)
def seller_json_ld(context, company, rating):
    """Render a seller's Organization (and its AggregateRating) as JSON-LD."""
    url = context["request"].build_absolute_uri(company.get_absolute_url())
    return structured_data.json_ld(structured_data.seller_page(company, rating=rating, url=url))
