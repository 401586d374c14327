"""schema.org data of public pages, as JSON-LD: a listing is a Product with an Offer, a seller
an Organization with its AggregateRating.

Reviews on the portal rate sellers, not products, so a listing's rating is given where it
belongs: on the Organization that sells it (the offer's `seller`), never as the product's
own `aggregateRating`. The data repeats only what the page shows (the seller's region, not
its legal address).

`json_ld` writes the data block the way Django's `json_script` does: `<`, `>` and `&`
escaped, so no text a user wrote can close the element. A data block is never executed, so
the Content-Security-Policy (script-src 'self') neither applies to it nor reports it.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

SCHEMA = "https://schema.org"
CURRENCY = "KZT"
IN_STOCK = f"{SCHEMA}/InStock"
CONDITIONS = {"new": f"{SCHEMA}/NewCondition", "used": f"{SCHEMA}/UsedCondition"}
PRICE_ON_REQUEST = _("Price on request")

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """Return `data` as a `<script type="application/ld+json">` block, safely escaped."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def _rating(rating) -> dict:
    return {
        "@type": "AggregateRating",
        "ratingValue": rating.average,
        "reviewCount": rating.count,
        "bestRating": 5,
        "worstRating": 1,
    }


def organization(company, *, rating, url: str) -> dict:
    """Return a seller as an Organization (with its rating when it has reviews)."""
    data = {
        "@type": "Organization",
        "name": company.name,
        "url": url,
        "address": {
            "@type": "PostalAddress",
            "addressRegion": company.get_region_display(),
            "addressCountry": "KZ",
        },
    }
    if rating.count:
        data["aggregateRating"] = _rating(rating)
    return data


def seller_page(company, *, rating, url: str) -> dict:
    """Return the JSON-LD of a seller's page."""
    data = {"@context": SCHEMA, **organization(company, rating=rating, url=url)}
    if company.description:
        data["description"] = company.description
    return data


def listing_page(listing, *, rating, url: str, seller_url: str, image_urls: list[str]) -> dict:
    """Return the JSON-LD of a listing's page: a Product with one Offer."""
    offer = {
        "@type": "Offer",
        "url": url,
        "priceCurrency": CURRENCY,
        "availability": IN_STOCK,
        "itemCondition": CONDITIONS[listing.condition],
        "eligibleQuantity": {
            "@type": "QuantitativeValue",
            "minValue": listing.min_order_quantity,
            "unitText": listing.unit_label,
        },
        "seller": organization(listing.company, rating=rating, url=seller_url),
    }
    if listing.price_on_request:
        offer["description"] = str(PRICE_ON_REQUEST)
    else:
        offer["price"] = f"{listing.price:.2f}"
    data = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": listing.title,
        "description": listing.description,
        "sku": str(listing.pk),
        "url": url,
        "category": listing.category.name,
        "offers": offer,
    }
    if image_urls:
        data["image"] = image_urls
    return data
