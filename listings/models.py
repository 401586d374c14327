"""Categories, listings of sellers' companies, their images, and reviews of sellers.

Full-text search lives in PostgreSQL: `Listing.search_vector` is filled by a trigger and
indexed with GIN by migration 0002, which does nothing on SQLite (`make run`), where
search falls back to a plain substring match (see `listings.selectors`).
"""

import functools

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator
from django.db import connections, models
from django.db.models import F, Q, Subquery
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, User
from accounts.regions import Region
from listings.arrays import InArray, NotInArray
from listings.rules import Rule

# The largest quantity of one line of a cart or an order (orders.cart): far above any real
# order, and inside the database's integer column. A minimum above it could not be ordered.
MAX_ORDER_QUANTITY = 1_000_000
MIN_ORDER_TOO_LARGE = _(
    "A buyer can order at most %(limit_value)s in one order: enter a minimum of at most that."
)


class Category(models.Model):
    """A section (no parent) or a subsection of the catalogue; seeded by a migration."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=0)

    class Meta:
        ordering = ["ordering", "name_en"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('listings:search')}?category={self.pk}"

    @property
    def name(self) -> str:
        """Return the name in the active language (English when it has no translation)."""
        return self.name_in(get_language())

    def name_in(self, language: str | None) -> str:
        """Return the name in `language` ("ru", "kk", "en" or a variant such as "ru-ru")."""
        code = (language or "en").split("-")[0]
        return getattr(self, f"name_{code}", "") or self.name_en


class ListingQuerySet(models.QuerySet):
    def visible(self):
        """Return the listings the public may see: the one rule used everywhere.

        Published (which excludes drafts, archived and blocked listings) and offered by a
        company whose owner's account is active: deleting an account deactivates it at once,
        and the listings vanish from every public page without the listings app being told.
        It is written as "not a company of a deactivated owner" rather than a join to every
        company and user, so the database checks each row against a small set.
        """
        deactivated = Company.objects.filter(owner__is_active=False).order_by().values("pk")
        published = self.filter(status=Listing.Status.PUBLISHED)
        if connections[self.db].vendor == "postgresql":
            inactive = User.objects.filter(is_active=False).order_by().values("pk")
            owned = Company.objects.filter(InArray(F("owner_id"), Subquery(inactive)))
            deactivated = owned.order_by().values("pk")
            return published.filter(NotInArray(F("company_id"), Subquery(deactivated)))
        return published.exclude(company_id__in=deactivated)


class Listing(models.Model):
    """An offer of a seller's company: goods or a service, with a price or on request."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")
        BLOCKED = "blocked", _("Blocked by moderation")

    class Unit(models.TextChoices):
        PIECE = "piece", _("piece")
        KG = "kg", _("kg")
        TONNE = "tonne", _("tonne")
        METRE = "m", _("m")
        SQUARE_METRE = "m2", _("m²")
        CUBIC_METRE = "m3", _("m³")
        LITRE = "litre", _("litre")
        SET = "set", _("set")
        SERVICE = "service", _("service")

    class Condition(models.TextChoices):
        NEW = "new", _("New")
        USED = "used", _("Used")

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="listings"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="listings"
    )
    title = models.CharField(_("title"), max_length=200)
    # The seller's own article number: a catalogue import creates or updates by it.
    sku = models.CharField(_("SKU"), max_length=64, blank=True)
    description = models.TextField(_("description"), max_length=5000)
    price = models.DecimalField(
        _("price, KZT"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    price_on_request = models.BooleanField(_("price on request"), default=False)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices, default=Unit.PIECE)
    min_order_quantity = models.PositiveIntegerField(
        _("minimum order quantity"),
        default=1,
        validators=[MaxValueValidator(MAX_ORDER_QUANTITY, message=MIN_ORDER_TOO_LARGE)],
    )
    condition = models.CharField(
        _("condition"), max_length=8, choices=Condition.choices, default=Condition.NEW
    )
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    moderation_rule = models.CharField(
        _("rule broken"),
        max_length=16,
        choices=Rule.choices,
        blank=True,
        help_text=_("The rule that moderation cited when it blocked the listing."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Weighted title (A) and description (B), written by a PostgreSQL trigger (migration
    # 0002) so that every write path, bulk inserts and COPY included, keeps it current.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ListingQuerySet.as_manager()
    # Set on the listings of result cards by listings.selectors.cards.
    cover_name: str
    cover_url: str

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        permissions = [("moderate_listing", "Can block and unblock listings")]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_on_request=True, price__isnull=True)
                | Q(price_on_request=False, price__isnull=False, price__gte=0),
                name="listing_price_or_on_request",
            ),
            models.CheckConstraint(
                condition=Q(min_order_quantity__gte=1), name="listing_min_order_positive"
            ),
            # Also the index an import looks its rows up by.
            models.UniqueConstraint(
                fields=["company", "sku"], condition=~Q(sku=""), name="listing_sku_once_per_seller"
            ),
        ]
        # Partial indexes on public rows serve the sorts and filters of the search page;
        # PostgreSQL-only ones (GIN, price descending with NULLS LAST) are in migration 0002.
        indexes = [
            models.Index(
                fields=["-published_at", "-id"],
                name="listing_pub_newest",
                condition=Q(status="published"),
            ),
            models.Index(
                fields=["price", "id"], name="listing_pub_price", condition=Q(status="published")
            ),
            # Covering what a search samples (and the visibility rule reads): a section's
            # walk leaf by leaf, with a price, region or condition, reads no table rows.
            models.Index(
                fields=["category", "-published_at", "-id"],
                name="listing_pub_category_newest",
                condition=Q(status="published"),
                include=["price", "company", "region", "condition"],
            ),
            models.Index(
                fields=["company", "-published_at", "-id"],
                name="listing_pub_company_newest",
                condition=Q(status="published"),
                include=["category", "price"],
            ),
            models.Index(
                fields=["category", "price", "id"],
                name="listing_pub_category_price",
                condition=Q(status="published"),
            ),
            models.Index(
                fields=["region", "condition"],
                name="listing_pub_region",
                condition=Q(status="published"),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("listings:detail", args=[self.pk])

    # Labels of choices for pages that show many listings: `get_FOO_display()` rebuilds the
    # whole choices mapping (and translates every label) on each call.
    @property
    def unit_label(self):
        return _label(Listing.Unit, self.unit)

    @property
    def condition_label(self):
        return _label(Listing.Condition, self.condition)

    @property
    def region_label(self):
        return _label(Region, self.region)

    @property
    def status_label(self):
        return _label(Listing.Status, self.status)

    def unit_price(self, quantity: int):
        """Return the price of one unit when `quantity` units are ordered (None: on request).

        The base price holds from the minimum order; each price tier from its quantity on.
        Reads `price_tiers`, which list pages prefetch.
        """
        if self.price is None:
            return None
        price = self.price
        for tier in self.price_tiers.all():
            if quantity >= tier.min_quantity:
                price = tier.price
        return price

    @property
    def is_blocked(self) -> bool:
        return self.status == Listing.Status.BLOCKED

    @property
    def is_published(self) -> bool:
        return self.status == Listing.Status.PUBLISHED

    @property
    def can_publish(self) -> bool:
        """Whether the seller may publish it now (listing_publish): a draft or an archived one."""
        return not (self.is_published or self.is_blocked)

    @property
    def moderation_rule_label(self) -> str:
        return _label(Rule, self.moderation_rule) if self.moderation_rule else ""


class PriceTier(models.Model):
    """A wholesale price of a listing: from `min_quantity` units on, each costs `price`."""

    listing = models.ForeignKey(
        Listing, verbose_name=_("listing"), on_delete=models.CASCADE, related_name="price_tiers"
    )
    min_quantity = models.PositiveIntegerField(_("from quantity"))
    price = models.DecimalField(_("price, KZT"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["listing", "min_quantity"]
        verbose_name = _("price tier")
        verbose_name_plural = _("price tiers")
        constraints = [
            models.UniqueConstraint(fields=["listing", "min_quantity"], name="price_tier_once"),
            models.CheckConstraint(condition=Q(min_quantity__gte=2), name="price_tier_from_two"),
            models.CheckConstraint(condition=Q(price__gte=0), name="price_tier_not_negative"),
        ]

    def __str__(self):
        return f"{self.listing_id}: {self.min_quantity}+ {self.price}"


@functools.cache
def _labels(choices: type[models.Choices]) -> dict[str, str]:
    return dict(choices.choices)


def _label(choices: type[models.Choices], value: str) -> str:
    return _labels(choices).get(value, value)


def listing_image_path(instance, filename):
    return f"listings/{instance.listing_id}/{filename}"


class ListingImage(models.Model):
    """A photo of a listing (at most ten); the first by `position` is the cover."""

    listing = models.ForeignKey(
        Listing, verbose_name=_("listing"), on_delete=models.CASCADE, related_name="images"
    )
    image = models.ImageField(_("image"), upload_to=listing_image_path)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=listing_image_path, blank=True)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("listing image")
        verbose_name_plural = _("listing images")

    def __str__(self):
        return f"{self.listing_id}: {self.image.name}"

    @property
    def thumbnail_url(self) -> str:
        return (self.thumbnail or self.image).url


class ReviewQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(is_hidden=False)


class Review(models.Model):
    """A buyer's rating (1 to 5) and words about a seller; one per buyer and seller."""

    company = models.ForeignKey(
        Company, verbose_name=_("seller"), on_delete=models.CASCADE, related_name="reviews"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    text = models.TextField(_("text"), max_length=2000)
    is_hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden by staff: not shown, not rated.")
    )
    moderation_rule = models.CharField(
        _("rule broken"),
        max_length=16,
        choices=Rule.choices,
        blank=True,
        help_text=_("The rule that moderation cited when it hid the review."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        permissions = [("moderate_review", "Can hide and show reviews")]
        constraints = [
            models.UniqueConstraint(fields=["author", "company"], name="review_one_per_seller"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"
            ),
        ]
        indexes = [
            models.Index(
                fields=["company", "is_hidden", "-created_at"], name="review_company_shown"
            )
        ]

    def __str__(self):
        return f"{self.company}: {self.rating}"

    @property
    def author_display_name(self) -> str:
        """Return "First L." so that a review never shows a buyer's full name."""
        first = self.author.first_name.strip()
        initial = self.author.last_name.strip()[:1]
        if not first:
            return str(_("Buyer"))
        return f"{first} {initial}." if initial else first


# Imports of sellers' catalogues live with their code; Django finds the model through here.
from listings.catalogue.models import CatalogueImport  # noqa: E402, F401
