"""The public pages of a listing and of a seller: what is shared, and what is per request.

Both are served through the shared page cache (listings/page_cache.py). What belongs to
the request is a hole: on a listing page, the delivery answer for the buyer's region; on a
seller page, who may review the seller and the review form. The owner's preview of a
listing the public cannot see is rendered for them alone and never stored.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts.models import Company
from accounts.regions import Region
from listings import selectors, services
from listings.cards import render_cards
from listings.delivery import buyer_region, delivery_for
from listings.forms import ReviewForm
from listings.page_cache import Hole, Page, hole_render, page_response, parts_render
from portal.lookups import found_or_404

LISTING_TEMPLATES = ("listings/_detail_meta.html", "listings/_detail.html")
SELLER_TEMPLATES = ("listings/_seller_meta.html", "listings/_seller.html")


def _delivery_fill(request, data) -> str | None:
    """Answer for the buyer's region; without one, the shared page asks for it."""
    region = buyer_region(request)
    if not region:
        return None
    context = {
        "listing_url": reverse("listings:detail", args=[data["listing"]]),
        "delivery": delivery_for(company=data["company"], region=region),
        "regions": Region.choices,
    }
    return hole_render("listings/_delivery.html", context)


def _breadcrumbs(category):
    return [category.parent, category] if category.parent_id else [category]


def listing_page(request, pk: int):
    """Return the listing's page; its owner previews it while the public cannot see it."""

    def build():
        found = selectors.listing_get(pk=pk, viewer=request.user)
        listing, is_preview = found_or_404(found)
        images = list(listing.images.all())
        rating = selectors.seller_rating(company=listing.company)
        context = {
            "listing": listing,
            "is_preview": is_preview,
            "images": images,
            "price_tiers": list(listing.price_tiers.all()),
            "company": listing.company,
            "rating": rating,
            "breadcrumbs": _breadcrumbs(listing.category),
            "regions": Region.choices,
        }
        return parts_render(
            request,
            templates=LISTING_TEMPLATES,
            context=context,
            title=f"{listing.title} · Dala Market",
            data={"listing": listing.pk, "company": listing.company_id},
            shared=not is_preview,
        )

    holes = {"delivery": Hole(_delivery_fill)}
    return page_response(request, Page(kind="listing", ident=(pk,), build=build, holes=holes))


def _review_form_fill(request, data) -> str | None:
    """Say whether the visitor may review the seller; the shared page says it to those not
    signed in. A refused review comes back with its errors (views.review_create)."""
    bound = getattr(request, "review_form", None)
    if not request.user.is_authenticated and bound is None:
        return None
    # An unsaved company with its ids is all the review rules read.
    company = Company(pk=data["company"], owner_id=data["owner"])
    context = {
        "company": company,
        "eligibility": services.review_eligibility(user=request.user, company=company),
        "review_form": bound or ReviewForm(),
        "user": request.user,
    }
    return hole_render("listings/_review_form.html", context)


def seller_page(request, pk: int):
    """Return the seller's page: company, rating, latest listings and reviews."""

    def build():
        company = found_or_404(selectors.seller_get(pk=pk))
        listings, listing_count = selectors.seller_listings(company=company)
        context = {
            "company": company,
            "rating": selectors.seller_rating(company=company),
            "reviews": selectors.seller_reviews(company=company),
            "listings": listings,
            "cards": render_cards(listings),
            "listing_count": listing_count,
            # What the shared page says to those not signed in (they get no form).
            "eligibility": services.review_eligibility(user=AnonymousUser(), company=company),
        }
        return parts_render(
            request,
            templates=SELLER_TEMPLATES,
            context=context,
            title=f"{company.name} · Dala Market",
            data={"company": company.pk, "owner": company.owner_id},
        )

    holes = {"review_form": Hole(_review_form_fill)}
    return page_response(request, Page(kind="seller", ident=(pk,), build=build, holes=holes))
