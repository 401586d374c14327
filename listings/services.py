"""Writes of listings: the seller's listings and images, and reviews of sellers.

Every function takes keyword-only arguments, checks the rule it enforces, and writes inside
one transaction. Refusals raise `ListingError` or `ReviewError` with a message meant for
the person who asked; views show it next to the form.
"""

from __future__ import annotations

import io
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from accounts.selectors import company_of, email_verified
from listings.models import Listing, ListingImage, PriceTier, Review
from listings.rules import Rule
from portal.errors import ShownError
from portal.text_types import StrOrPromise

logger = logging.getLogger(__name__)

MAX_IMAGES = 10
IMAGE_MAX_SIDE = 1600
THUMBNAIL_SIDE = 480

PUBLISH_NEEDS_COMPANY = _("Create your company profile before publishing listings.")
PUBLISH_NEEDS_VERIFIED_EMAIL = _("Confirm your e-mail address before publishing listings.")
PUBLISH_BLOCKED = _(
    "This listing was blocked by moderation and cannot be published. Please contact support."
)
MODERATION_NEEDS_RULE = _("Choose the rule that is broken: every moderation decision cites one.")
IMAGE_LIMIT_REACHED = _("A listing can have at most %(max)d images. Delete one to add another.")
REVIEW_SIGN_IN = _("Sign in to review a seller.")
REVIEW_VERIFY_EMAIL = _("Confirm your e-mail address to review a seller.")
REVIEW_OWN_COMPANY = _("You cannot review your own company.")
REVIEW_ALREADY = _("You have already reviewed this seller.")


class ListingError(ShownError):
    """A refused change to a listing; `message` is safe to show to the seller."""


class ReviewError(ListingError):
    """A refused review; `message` is safe to show to the buyer."""


# --- Listings ---------------------------------------------------------------------------------

LISTING_FIELDS = (
    "title",
    "description",
    "category",
    "price",
    "price_on_request",
    "unit",
    "min_order_quantity",
    "condition",
    "region",
    "sku",
)


def publish_refusal(*, user) -> StrOrPromise | None:
    """Return why the user may not publish listings, or None when they may."""
    if company_of(user) is None:
        return PUBLISH_NEEDS_COMPANY
    if not email_verified(user):
        return PUBLISH_NEEDS_VERIFIED_EMAIL
    return None


def _assign(listing: Listing, data: dict) -> None:
    for name in LISTING_FIELDS:
        if name in data:
            setattr(listing, name, data[name])
    if listing.price_on_request:
        listing.price = None


def catalogue_changed() -> None:
    """Move the catalogue version once the transaction commits: every shared page rendered
    before (search, home, listing and seller pages) is stale.

    Called by every write that a public page shows: listings, their prices and photos,
    reviews, categories, and (through accounts.services.PUBLIC_PAGE_CHANGES) companies,
    their delivery regions and their owners' accounts. Outside a transaction the version
    moves at once (no savepoint: erasure counts its statements).
    """
    from listings.selectors import CATALOGUE_VERSION_KEY

    def bump():
        try:
            cache.set(CATALOGUE_VERSION_KEY, time.time_ns(), timeout=None)
        except Exception:  # searches then expire within SEARCH_CACHE_SECONDS
            logger.warning("Could not move the catalogue version", exc_info=True)

    transaction.on_commit(bump)


def _tiers_replace(listing: Listing, data: dict) -> None:
    """Replace the listing's wholesale prices by `data["price_tiers"]` (Tier values), if given."""
    if "price_tiers" not in data:
        return
    tiers = [] if listing.price_on_request else data["price_tiers"]
    listing.price_tiers.all().delete()
    PriceTier.objects.bulk_create(
        PriceTier(listing=listing, min_quantity=t.min_quantity, price=t.price) for t in tiers
    )


@transaction.atomic
def listing_create(*, company, data: dict) -> Listing:
    """Create a draft listing of the company from validated form data."""
    listing = Listing(company=company, status=Listing.Status.DRAFT)
    _assign(listing, data)
    listing.save()
    _tiers_replace(listing, data)
    return listing


@transaction.atomic
def listing_update(*, listing: Listing, data: dict) -> Listing:
    """Save the seller's edits; the listing keeps its status and publication date."""
    _assign(listing, data)
    listing.save()
    _tiers_replace(listing, data)
    catalogue_changed()
    return listing


@transaction.atomic
def listing_publish(*, listing: Listing, user) -> Listing:
    """Publish the listing, if its owner may publish and moderation has not blocked it."""
    refusal = publish_refusal(user=user)
    if refusal:
        raise ListingError(refusal)
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    if listing.status == Listing.Status.BLOCKED:
        raise ListingError(PUBLISH_BLOCKED)
    if listing.status != Listing.Status.PUBLISHED:
        listing.status = Listing.Status.PUBLISHED
        listing.published_at = timezone.now()
        listing.save(update_fields=["status", "published_at", "updated_at"])
        catalogue_changed()
    return listing


@transaction.atomic
def listing_archive(*, listing: Listing) -> Listing:
    """Withdraw the listing from the public; a blocked listing stays blocked."""
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    if listing.status != Listing.Status.BLOCKED:
        listing.status = Listing.Status.ARCHIVED
        listing.save(update_fields=["status", "updated_at"])
        catalogue_changed()
    return listing


@transaction.atomic
def listings_block(*, listings, rule: str) -> int:
    """Block listings (staff moderation), citing the rule they break; return how many.

    They leave every public page, and their seller sees the rule on the listing desk.
    """
    if rule not in Rule.values:
        raise ListingError(MODERATION_NEEDS_RULE)
    catalogue_changed()
    return listings.exclude(status=Listing.Status.BLOCKED).update(
        status=Listing.Status.BLOCKED, moderation_rule=rule
    )


@transaction.atomic
def listings_unblock(*, listings) -> int:
    """Lift a block: the listings go back to draft, for their sellers to publish again."""
    catalogue_changed()
    return listings.filter(status=Listing.Status.BLOCKED).update(
        status=Listing.Status.DRAFT, moderation_rule=""
    )


def delete_files_on_commit(names: list[str]) -> None:
    def delete():
        for name in names:
            if name:
                default_storage.delete(name)

    transaction.on_commit(delete)


def listing_image_files(listings) -> list[str]:
    """Return the stored file names of the listings' images (originals and thumbnails)."""
    rows = ListingImage.objects.filter(listing__in=listings).values_list("image", "thumbnail")
    return [name for pair in rows for name in pair if name]


@transaction.atomic
def listing_delete(*, listing: Listing) -> None:
    """Delete the listing with its images; the files go once the deletion is committed."""
    delete_files_on_commit(listing_image_files([listing.pk]))
    listing.delete()
    catalogue_changed()


# --- Images -----------------------------------------------------------------------------------


def _encode(image: Image.Image, *, side: int, quality: int) -> ContentFile:
    """Return the image scaled to fit `side`, re-encoded as WebP.

    Re-encoding drops EXIF and other metadata, which often carries where and with which
    device a photo was taken.
    """
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    copy.save(buffer, format="WEBP", quality=quality, method=4)
    return ContentFile(buffer.getvalue())


@transaction.atomic
def listing_image_add(*, listing: Listing, upload) -> ListingImage:
    """Add a validated upload (see `forms.validate_listing_image`) as the last image."""
    catalogue_changed()  # the first photo is on the cards in cached results
    # Lock the listing so that two uploads at once cannot pass the limit together.
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    existing = listing.images.count()
    if existing >= MAX_IMAGES:
        raise ListingError(IMAGE_LIMIT_REACHED % {"max": MAX_IMAGES})
    upload.seek(0)
    with Image.open(upload) as source:
        picture = ImageOps.exif_transpose(source)
        if picture.mode not in ("RGB", "RGBA"):
            picture = picture.convert("RGBA" if "A" in picture.getbands() else "RGB")
        stem = uuid.uuid4().hex
        image = ListingImage(listing=listing, width=picture.width, height=picture.height)
        image.position = (listing.images.aggregate(m=Max("position"))["m"] or 0) + 1
        image.image.save(
            f"{stem}.webp", _encode(picture, side=IMAGE_MAX_SIDE, quality=85), save=False
        )
        image.thumbnail.save(
            f"{stem}-thumb.webp", _encode(picture, side=THUMBNAIL_SIDE, quality=78), save=False
        )
    try:
        image.save()
    except Exception:
        # The files are written before the row: they must not outlive a failed insert.
        for name in (image.image.name, image.thumbnail.name):
            default_storage.delete(name)
        raise
    return image


@transaction.atomic
def listing_image_delete(*, image: ListingImage) -> None:
    delete_files_on_commit([image.image.name, image.thumbnail.name])
    image.delete()
    catalogue_changed()  # the first photo is on the cards in cached results


@transaction.atomic
def listing_images_reorder(*, listing: Listing, image_ids: list[int]) -> None:
    """Put the listing's images in the given order; ids of other listings are ignored."""
    catalogue_changed()  # the first photo is on the cards in cached results
    images = {i.pk: i for i in listing.images.select_for_update()}
    ordered = [images.pop(pk) for pk in image_ids if pk in images]
    ordered += sorted(images.values(), key=lambda i: (i.position, i.pk))
    for position, image in enumerate(ordered, start=1):
        image.position = position
    ListingImage.objects.bulk_update(ordered, ["position"])


def listing_image_move(*, image: ListingImage, offset: int) -> None:
    """Move an image `offset` places earlier (negative) or later (positive)."""
    catalogue_changed()  # the first photo is on the cards in cached results
    ids = list(image.listing.images.order_by("position", "id").values_list("pk", flat=True))
    index = ids.index(image.pk)
    target = min(max(index + offset, 0), len(ids) - 1)
    ids.insert(target, ids.pop(index))
    listing_images_reorder(listing=image.listing, image_ids=ids)


# --- Reviews ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
    allowed: bool
    reason: str = ""


# Each rule takes (user=, company=) and returns a refusal message, or None to let it pass.
# Other apps append rules from their AppConfig.ready(), so that listings never imports them:
# the orders app adds "only buyers with a completed order from this seller".
ReviewRule = Callable[..., str | None]


def _signed_in(*, user, company):
    return None if user.is_authenticated else REVIEW_SIGN_IN


def _email_verified(*, user, company):
    return None if email_verified(user) else REVIEW_VERIFY_EMAIL


def _not_own_company(*, user, company):
    return REVIEW_OWN_COMPANY if company.owner_id == user.pk else None


def _first_review(*, user, company):
    return REVIEW_ALREADY if Review.objects.filter(author=user, company=company).exists() else None


LISTINGS_REVIEW_RULES = (_signed_in, _email_verified, _not_own_company, _first_review)
REVIEW_RULES: list[ReviewRule] = list(LISTINGS_REVIEW_RULES)


def review_eligibility(*, user, company) -> Eligibility:
    """Return whether the user may review the seller, and if not, why (the first refusal)."""
    for rule in REVIEW_RULES:
        reason = rule(user=user, company=company)
        if reason:
            return Eligibility(False, reason)
    return Eligibility(True)


@transaction.atomic
def review_create(*, author, company, rating: int, text: str) -> Review:
    eligibility = review_eligibility(user=author, company=company)
    if not eligibility.allowed:
        raise ReviewError(eligibility.reason)
    try:
        with transaction.atomic():
            review = Review.objects.create(author=author, company=company, rating=rating, text=text)
    except IntegrityError as error:
        # A second submit raced the first past the eligibility check.
        raise ReviewError(REVIEW_ALREADY) from error
    catalogue_changed()  # the seller's rating and reviews are on public pages
    return review


@transaction.atomic
def review_set_hidden(*, reviews, hidden: bool, rule: str = "") -> int:
    """Hide reviews, citing the rule they break, or show them again; return how many changed."""
    if hidden and rule not in Rule.values:
        raise ListingError(MODERATION_NEEDS_RULE)
    catalogue_changed()
    return reviews.exclude(is_hidden=hidden).update(
        is_hidden=hidden, moderation_rule=rule if hidden else ""
    )
