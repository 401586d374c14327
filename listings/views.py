"""Pages of listings: search, a listing, a seller, and the seller's desk.

Desk URLs carry a listing id, so every desk view fetches the listing through
`selectors.listing_get_for_seller`, which answers 404 for anybody else's listing.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import seller_required
from listings import selectors, services
from listings.forms import ListingForm, ListingImageForm, ReviewForm
from listings.models import Listing, ListingImage
from listings.pages import listing_page, seller_page
from listings.search_page import search_response
from portal.lookups import found_or_404

LISTING_CREATED = _("Your listing is saved as a draft.")
LISTING_SAVED = _("Your changes are saved.")
LISTING_PUBLISHED = _("Your listing is published.")
LISTING_ARCHIVED = _("Your listing is archived: buyers no longer see it.")
LISTING_DELETED = _("Your listing is deleted.")
IMAGE_ADDED = _("The photo is added.")
IMAGE_DELETED = _("The photo is deleted.")
REVIEW_THANKS = _("Thank you: your review is published.")
FIX_ERRORS = _("Please correct the errors below.")


# --- Public pages ------------------------------------------------------------------------------


@require_GET
def search(request):
    return search_response(request)


@require_GET
def detail(request, pk):
    return listing_page(request, pk)


@require_GET
def seller_detail(request, pk):
    return seller_page(request, pk)


@login_required
@require_POST
def review_create(request, pk):
    company = found_or_404(selectors.seller_get(pk=pk))
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_create(
                author=request.user,
                company=company,
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["text"],
            )
        except services.ReviewError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, REVIEW_THANKS)
            return redirect(company.get_absolute_url() + "#reviews")
    request.review_form = form  # the page's review form hole shows it with its errors
    return seller_page(request, company.pk)


# --- The seller's desk ---------------------------------------------------------------------------


@seller_required
@require_GET
def desk(request, company):
    status = request.GET.get("status", "")
    if status not in Listing.Status.values:
        status = ""
    listings = selectors.listing_list_for_seller(company=company, status=status)
    page = Paginator(listings, 25).get_page(request.GET.get("page"))
    context = {
        "company": company,
        "page": page,
        "status": status,
        "statuses": Listing.Status.choices,
        "status_counts": selectors.listing_status_counts(company=company),
        "publish_refusal": services.publish_refusal(user=request.user),
    }
    return render(request, "listings/desk.html", context)


def _publish_or_warn(request, listing) -> bool:
    try:
        services.listing_publish(listing=listing, user=request.user)
    except services.ListingError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, LISTING_PUBLISHED)
    return True


@seller_required
@require_http_methods(["GET", "POST"])
def desk_create(request, company):
    form = ListingForm(
        request.POST or None, initial={"region": company.region}, company_id=company.pk
    )
    if request.method == "POST":
        if form.is_valid():
            listing = services.listing_create(company=company, data=form.listing_data())
            if request.POST.get("action") == "publish":
                _publish_or_warn(request, listing)
            else:
                messages.success(request, LISTING_CREATED)
            return redirect("listings:desk_edit", pk=listing.pk)
        messages.error(request, FIX_ERRORS)
    context = {"form": form, "company": company}
    return render(request, "listings/desk_form.html", context)


def _edit_page(request, company, listing, *, form=None, image_form=None):
    context = {
        "company": company,
        "listing": listing,
        "form": form or ListingForm(instance=listing),
        "image_form": image_form or ListingImageForm(),
        "images": list(listing.images.all()),
        "max_images": services.MAX_IMAGES,
        "publish_refusal": services.publish_refusal(user=request.user),
    }
    return render(request, "listings/desk_form.html", context)


@seller_required
@require_http_methods(["GET", "POST"])
def desk_edit(request, company, pk):
    listing = found_or_404(selectors.listing_get_for_seller(company=company, pk=pk))
    if request.method == "GET":
        return _edit_page(request, company, listing)
    # Validation writes the submitted values onto the instance it is given: hand it a copy,
    # so that the page around a rejected form still shows what is saved.
    form = ListingForm(request.POST, instance=copy.copy(listing))
    if not form.is_valid():
        messages.error(request, FIX_ERRORS)
        return _edit_page(request, company, listing, form=form)
    services.listing_update(listing=listing, data=form.listing_data())
    if request.POST.get("action") == "publish":
        _publish_or_warn(request, listing)
    else:
        messages.success(request, LISTING_SAVED)
    return redirect("listings:desk_edit", pk=listing.pk)


@seller_required
@require_POST
def desk_publish(request, company, pk):
    listing = found_or_404(selectors.listing_get_for_seller(company=company, pk=pk))
    _publish_or_warn(request, listing)
    return redirect(_next_or_desk(request))


def _next_or_desk(request) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("listings:desk")


@seller_required
@require_POST
def desk_archive(request, company, pk):
    listing = found_or_404(selectors.listing_get_for_seller(company=company, pk=pk))
    services.listing_archive(listing=listing)
    messages.success(request, LISTING_ARCHIVED)
    return redirect("listings:desk")


@seller_required
@require_http_methods(["GET", "POST"])
def desk_delete(request, company, pk):
    listing = found_or_404(selectors.listing_get_for_seller(company=company, pk=pk))
    if request.method == "POST":
        services.listing_delete(listing=listing)
        messages.success(request, LISTING_DELETED)
        return redirect("listings:desk")
    return render(request, "listings/desk_delete.html", {"listing": listing})


@seller_required
@require_POST
def desk_image_add(request, company, pk):
    listing = found_or_404(selectors.listing_get_for_seller(company=company, pk=pk))
    form = ListingImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.listing_image_add(listing=listing, upload=form.cleaned_data["image"])
        except services.ListingError as error:
            form.add_error("image", error.message)
        else:
            messages.success(request, IMAGE_ADDED)
            return redirect(_images_anchor(listing))
    return _edit_page(request, company, listing, image_form=form)


def _images_anchor(listing) -> str:
    return reverse("listings:desk_edit", args=[listing.pk]) + "#photos"


def _own_image(company, pk, image_pk) -> ListingImage:
    listing = found_or_404(selectors.listing_get_for_seller(company=company, pk=pk))
    return get_object_or_404(ListingImage, pk=image_pk, listing=listing)


@seller_required
@require_POST
def desk_image_delete(request, company, pk, image_pk):
    image = _own_image(company, pk, image_pk)
    services.listing_image_delete(image=image)
    messages.success(request, IMAGE_DELETED)
    return redirect(_images_anchor(image.listing))


@seller_required
@require_POST
def desk_image_move(request, company, pk, image_pk):
    image = _own_image(company, pk, image_pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.listing_image_move(image=image, offset=offset)
    return redirect(_images_anchor(image.listing))
