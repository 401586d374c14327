"""The breach register: what happened, to whose data, and who was told by when."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.deadlines import business_days_after, gdpr_deadline


class Breach(models.Model):
    """A personal data breach, with the deadlines by which each authority must be told."""

    discovered_at = models.DateTimeField(_("discovered at"), default=timezone.now)
    description = models.TextField(_("what happened"))
    data_categories = models.TextField(
        _("categories of data"), help_text=_("e.g. names, phone numbers, delivery addresses")
    )
    people_categories = models.TextField(
        _("categories of people"), help_text=_("e.g. buyers, sellers, guests")
    )
    source = models.CharField(
        _("where (registry source)"),
        max_length=100,
        blank=True,
        help_text=_("With a time window, the number of people is computed from it."),
    )
    window_start = models.DateTimeField(_("rows written from"), null=True, blank=True)
    window_end = models.DateTimeField(_("rows written until"), null=True, blank=True)
    people_estimate = models.PositiveIntegerField(
        _("approximate number of people"),
        null=True,
        blank=True,
        help_text=_("Computed from the source and the window when both are given."),
    )
    consequences = models.TextField(_("likely consequences"), blank=True)
    measures = models.TextField(_("measures taken or proposed"), blank=True)
    high_risk = models.BooleanField(
        _("high risk to people"),
        default=False,
        help_text=_("The people affected must then be told, with a text staff approve."),
    )
    gdpr_applies = models.BooleanField(
        _("GDPR applies"), default=True, help_text=_("People in the EU may be affected.")
    )
    authority_notified_at = models.DateTimeField(
        _("authorised body told at"), null=True, blank=True
    )
    gdpr_notified_at = models.DateTimeField(
        _("supervisory authority told at (GDPR)"), null=True, blank=True
    )
    notice_text = models.TextField(
        _("notice to the people"),
        blank=True,
        help_text=_("What the people are told: what happened, what it means, what to do."),
    )
    notice_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("notice approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    people_notified_at = models.DateTimeField(_("people told at"), null=True, blank=True)
    people_notified = models.PositiveIntegerField(_("people told"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # Set by privacy.selectors.breaches_late for the officer's digest, as of its day.
    authority_late: bool
    gdpr_late: bool

    class Meta:
        ordering = ["-discovered_at"]
        verbose_name = _("personal data breach")
        verbose_name_plural = _("breach register")
        # Telling every affected person is an act of its own, with an approved text.
        permissions = [("notify_breach", "Can approve a breach notice and tell the people")]

    def __str__(self):
        return f"#{self.pk} · {timezone.localtime(self.discovered_at):%Y-%m-%d %H:%M}"

    @property
    def authority_deadline(self):
        """The authorised body (Kazakhstan): within one business day of discovery."""
        return business_days_after(self.discovered_at, 1)

    @property
    def gdpr_deadline(self):
        """The supervisory authority (GDPR Art. 33): within 72 hours of discovery."""
        return gdpr_deadline(self.discovered_at)

    def authority_overdue(self, now=None) -> bool:
        now = now or timezone.now()
        return self.authority_notified_at is None and self.authority_deadline < now

    def gdpr_overdue(self, now=None) -> bool:
        now = now or timezone.now()
        return self.gdpr_applies and self.gdpr_notified_at is None and self.gdpr_deadline < now

    @property
    def people_must_be_told(self) -> bool:
        return self.high_risk and self.people_notified_at is None
