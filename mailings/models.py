"""Campaigns staff write, the record of every delivery, and the categories people follow.

A campaign's subject and the texts of its blocks are written in each language (Russian
required, django-modeltranslation: mailings/translation.py). Its audience is a set of
filters, resolved batch by batch while it is sent, never a stored list of people.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.regions import Region
from listings.models import Category, Listing

MAX_LISTINGS_PER_BLOCK = 12


# The managers of models with translated fields (mailings/translation.py) are classes that
# django-modeltranslation makes at run time: the stubs cannot resolve them.
class Campaign(models.Model):  # type: ignore[django-manager-missing]
    """One mailing to the people who consent to marketing, narrowed by its filters."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")

    class Role(models.TextChoices):
        ANYONE = "", _("Buyers and sellers")
        BUYERS = "buyers", _("Buyers (people without a company)")
        SELLERS = "sellers", _("Sellers (people with a company)")

    name = models.CharField(
        _("name"), max_length=120, help_text=_("For staff only; recipients never see it.")
    )
    subject = models.CharField(_("subject"), max_length=200)
    subject_ru: str  # one per language, added by django-modeltranslation
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Empty: people of every language.")
    )
    regions = models.JSONField(
        _("regions"), default=list, blank=True, help_text=_("Empty: people of every region.")
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, blank=True)
    categories = models.ManyToManyField(
        Category,
        verbose_name=_("categories"),
        blank=True,
        related_name="+",
        help_text=_("People who ordered from or sell in these categories. Empty: everyone."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    scheduled_at = models.DateTimeField(
        _("send at"), null=True, blank=True, help_text=_("Empty: send when started.")
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Sending walks the audience by ascending user id: everyone up to `cursor` is done.
    cursor = models.BigIntegerField(_("done up to user id"), default=0)
    next_batch_at = models.DateTimeField(_("next batch at"), null=True, blank=True)
    audience_at_start = models.PositiveIntegerField(_("audience when started"), null=True)
    queued_count = models.PositiveIntegerField(_("e-mails queued"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        permissions = [("send_campaign", "Can send campaigns and tests of them")]
        indexes = [
            models.Index(
                fields=["status"],
                condition=Q(status__in=["scheduled", "sending"]),
                name="campaign_active",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_sending(self) -> bool:
        return self.status == self.Status.SENDING

    @property
    def can_cancel(self) -> bool:
        return self.status in (self.Status.SCHEDULED, self.Status.SENDING)


class Block(models.Model):  # type: ignore[django-manager-missing]  # as Campaign's
    """A part of a campaign's e-mail: a text, a button, or a list of listings."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        BUTTON = "button", _("Button with a link")
        LISTINGS = "listings", _("Listings")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="blocks"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.TEXT)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("text"), blank=True)
    button_label = models.CharField(_("button label"), max_length=80, blank=True)
    url = models.URLField(_("button link"), max_length=500, blank=True)
    listings = models.ManyToManyField(
        Listing,
        verbose_name=_("listings picked"),
        blank=True,
        related_name="+",
        help_text=_("Or leave empty and choose a category and a region below."),
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    limit = models.PositiveSmallIntegerField(
        _("how many listings"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_LISTINGS_PER_BLOCK)],
    )

    class Meta:
        ordering = ["campaign", "position", "pk"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")

    def __str__(self):
        return f"{self.campaign_id} #{self.position}: {self.get_kind_display()}"

    @property
    def is_text(self) -> bool:
        return self.kind == self.Kind.TEXT

    @property
    def is_button(self) -> bool:
        return self.kind == self.Kind.BUTTON

    @property
    def is_listings(self) -> bool:
        return self.kind == self.Kind.LISTINGS


class Delivery(models.Model):
    """One marketing e-mail to one person: the proof of what was sent to whom, and when.

    Written in the same transaction as the outbox row, under a unique (campaign, user):
    a batch that crashes is rolled back whole, and no one is written to twice.
    """

    class Outcome(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        NO_ADDRESS = "no_address", _("Not sent: no valid address")

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    # The Monday of the week, for the weekly digest of listings (no campaign).
    digest_week = models.DateField(_("digest of the week of"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.QUEUED
    )
    # The outbox row (django-post-office's Email); no foreign key, because the outbox
    # purges its rows after OUTBOX_RETENTION_DAYS while this record is kept for proof.
    email_id = models.BigIntegerField(_("outbox e-mail"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user"],
                condition=Q(campaign__isnull=False),
                name="delivery_once_per_campaign",
            ),
            models.UniqueConstraint(
                fields=["digest_week", "user"],
                condition=Q(digest_week__isnull=False),
                name="delivery_once_per_digest_week",
            ),
            models.CheckConstraint(
                condition=Q(campaign__isnull=False) | Q(digest_week__isnull=False),
                name="delivery_of_a_campaign_or_digest",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="delivery_user"),
            models.Index(fields=["created_at"], name="delivery_created"),
            models.Index(
                fields=["email_id"], condition=Q(outcome="queued"), name="delivery_unsettled"
            ),
        ]

    def __str__(self):
        return f"{self.campaign_id or self.digest_week} → {self.user_id}: {self.outcome}"


class FollowedCategory(models.Model):
    """A category whose new listings a person wants in their weekly digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("chosen"), auto_now_add=True)

    class Meta:
        verbose_name = _("followed category")
        verbose_name_plural = _("followed categories")
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="followed_category_once")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.category_id}"
