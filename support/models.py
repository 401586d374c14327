"""Complaints about what is on the portal, callback requests and feedback, handled by staff.

A complaint points at what it is about with one nullable foreign key per kind of target
(`listing`, `review`, `seller`, `order`) plus `target_kind`, rather than a generic relation:
the admin filters and joins on them, the database keeps them consistent, and a target that
is deleted leaves the complaint (with `target_label`, what the reporter saw) as the record
of moderation. `seller` is filled for every kind, so that staff can block a seller's
listings from a complaint about one listing, review or order of theirs.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from accounts.models import Company
from listings.models import Listing, Review
from listings.rules import Rule

TEXT_MAX_LENGTH = 2000
NAME_MAX_LENGTH = 150
TOPIC_MAX_LENGTH = 200


class Complaint(models.Model):
    """A report that a listing, a review, a seller or an order breaks the rules."""

    class TargetKind(models.TextChoices):
        LISTING = "listing", _("Listing")
        REVIEW = "review", _("Review")
        SELLER = "seller", _("Seller")
        ORDER = "order", _("Order")

    class Reason(models.TextChoices):
        FRAUD = "fraud", _("Fraud")
        WRONG_INFORMATION = "wrong_information", _("Wrong information")
        PROHIBITED_GOODS = "prohibited_goods", _("Prohibited goods")
        OFFENSIVE = "offensive", _("Offensive content")
        PRIVACY = "privacy", _("Privacy violation")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("In review")
        RESOLVED = "resolved", _("Resolved")
        REJECTED = "rejected", _("Rejected")

    OPEN_STATUSES = (Status.NEW, Status.IN_REVIEW)

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    guest_name = models.CharField(_("guest's name"), max_length=NAME_MAX_LENGTH, blank=True)
    # Stored normalised (privacy.registry.normalise_email): erasure and the sweep match on it.
    guest_email = models.EmailField(_("guest's e-mail"), blank=True, db_index=True)
    target_kind = models.CharField(_("about"), max_length=16, choices=TargetKind.choices)
    listing = models.ForeignKey(
        Listing,
        verbose_name=_("listing"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    review = models.ForeignKey(
        Review,
        verbose_name=_("review"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    seller = models.ForeignKey(
        Company,
        verbose_name=_("seller"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    order = models.ForeignKey(
        "orders.Order",
        verbose_name=_("order"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    target_label = models.CharField(
        _("reported item"),
        max_length=255,
        help_text=_("What the reporter saw: kept when the item itself is deleted."),
    )
    reason = models.CharField(_("reason"), max_length=32, choices=Reason.choices)
    text = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    resolution = models.TextField(
        _("resolution"), blank=True, help_text=_("What the reporter was told.")
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        permissions = [("handle_complaint", "Can review, resolve and reject complaints")]
        indexes = [models.Index(fields=["status", "-created_at"], name="complaint_status_new")]

    def __str__(self):
        return f"#{self.pk} {self.get_target_kind_display()}: {self.target_label}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_rejected(self) -> bool:
        return self.status == self.Status.REJECTED

    @property
    def reporter_email(self) -> str:
        """Return where the resolution goes: the account's address, or the guest's."""
        return self.reporter.email if self.reporter is not None else self.guest_email


class ComplaintAction(models.Model):
    """One thing staff did about a complaint: the moderation audit trail."""

    class Kind(models.TextChoices):
        REVIEW_STARTED = "review_started", _("Review started")
        LISTING_HIDDEN = "listing_hidden", _("Listing hidden")
        REVIEW_HIDDEN = "review_hidden", _("Review hidden")
        SELLER_BLOCKED = "seller_blocked", _("Seller's listings blocked")
        RESOLVED = "resolved", _("Resolved")
        REJECTED = "rejected", _("Rejected")

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="actions"
    )
    kind = models.CharField(_("action"), max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="complaint_actions",
    )
    note = models.TextField(_("note"), blank=True)
    rule = models.CharField(
        _("rule broken"),
        max_length=16,
        choices=Rule.choices,
        blank=True,
        help_text=_("The rule a moderation decision cites (hiding, blocking)."),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("complaint action")
        verbose_name_plural = _("complaint actions")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"


class HandledQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_handled=False)


class HandledRequest(models.Model):
    """What callback requests and feedback share: staff mark them handled, and by whom."""

    is_handled = models.BooleanField(_("handled"), default=False, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    objects = HandledQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class CallbackRequest(HandledRequest):
    """A request to be called back by the portal's staff."""

    class PreferredTime(models.TextChoices):
        ANY = "any", _("Any time, 9:00 to 18:00")
        MORNING = "morning", _("Morning, 9:00 to 12:00")
        AFTERNOON = "afternoon", _("Afternoon, 12:00 to 15:00")
        EVENING = "evening", _("Late afternoon, 15:00 to 18:00")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="callback_requests",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    phone = PhoneNumberField(_("phone"))
    preferred_time = models.CharField(
        _("preferred time"),
        max_length=16,
        choices=PreferredTime.choices,
        default=PreferredTime.ANY,
    )
    topic = models.CharField(_("topic"), max_length=TOPIC_MAX_LENGTH)
    # The consent ledger needs a user or an e-mail; a guest's callback has neither, so the
    # statement the guest was shown is kept with the request itself.
    consent_text = models.TextField(_("consent statement shown"), blank=True)

    class Meta(HandledRequest.Meta):
        verbose_name = _("callback request")
        verbose_name_plural = _("callback requests")

    def __str__(self):
        return f"#{self.pk} {self.topic[:60]}"


class Feedback(HandledRequest):
    """A message written to the portal."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    # Stored normalised (privacy.registry.normalise_email): erasure and the sweep match on it.
    email = models.EmailField(_("e-mail"), db_index=True)
    message = models.TextField(_("message"), max_length=TEXT_MAX_LENGTH)

    class Meta(HandledRequest.Meta):
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return f"#{self.pk} {self.message[:60]}"
