"""The append-only ledgers: consents, disclosures and acceptances, as they happened."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.models.purposes import PolicyVersion, Purpose


class AppendOnlyQuerySet(models.QuerySet):
    """A queryset that refuses to change or delete rows: the ledgers are append-only."""

    def update(self, **kwargs):
        raise LedgerIsAppendOnly(self.model)

    def delete(self):
        raise LedgerIsAppendOnly(self.model)

    # `bulk_update` writes through `update()`, so it is refused as well.


class LedgerIsAppendOnly(Exception):
    def __init__(self, model):
        super().__init__(f"{model._meta.verbose_name} rows are never changed or deleted.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # An invariant rather than business logic: a ledger row is written exactly once.
        if not self._state.adding:
            raise LedgerIsAppendOnly(type(self))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerIsAppendOnly(type(self))


class ConsentEvent(AppendOnlyModel):
    """One grant or withdrawal of consent, as it happened. Never updated or deleted."""

    class Action(models.TextChoices):
        GRANT = "grant", _("granted")
        WITHDRAW = "withdraw", _("withdrawn")

    class Channel(models.TextChoices):
        SIGNUP = "signup", _("sign-up form")
        CHECKOUT = "checkout", _("order form")
        COOKIE_BANNER = "cookie_banner", _("cookie banner")
        ACCOUNT = "account", _("personal account")
        SUPPORT = "support", _("support form")
        ADMIN = "admin", _("administrator")
        # The link in every mailing (mailings/unsubscribe.py), also one-click (RFC 8058).
        UNSUBSCRIBE = "unsubscribe", _("unsubscribe link")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consent_events",
    )
    subject_hash = models.CharField(
        _("guest e-mail hash"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("A keyed hash of a guest's e-mail; the e-mail itself is not stored here."),
    )
    purpose = models.ForeignKey(Purpose, verbose_name=_("purpose"), on_delete=models.PROTECT)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    policy_version = models.ForeignKey(
        PolicyVersion, verbose_name=_("policy version"), null=True, on_delete=models.PROTECT
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    text_shown = models.TextField(_("text shown"))
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the text shown (empty on rows older than this field)."),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    ip_truncated = models.GenericIPAddressField(_("IP address (truncated)"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=512, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consent event")
        verbose_name_plural = _("consent ledger")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(user__isnull=True, subject_hash=""),
                name="consent_event_has_subject",
            )
        ]
        indexes = [models.Index(fields=["user", "purpose", "-created_at"])]

    def __str__(self):
        return f"{self.get_action_display()} · {self.purpose_id} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def granted(self) -> bool:
        return self.action == self.Action.GRANT


class DisclosureEvent(AppendOnlyModel):
    """Who saw whose personal data, which fields, why and when. Never updated or deleted."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("seen by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="disclosures_made",
    )
    actor_label = models.CharField(
        _("seen by (as shown)"),
        max_length=255,
        help_text=_("How the viewer is shown to the person: a company name, or 'Administrator'."),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whose data"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosures_about",
    )
    subject_hash = models.CharField(
        _("guest e-mail hash"), max_length=64, blank=True, db_index=True
    )
    fields = models.JSONField(_("fields"), default=list)
    purpose = models.ForeignKey(Purpose, verbose_name=_("purpose"), on_delete=models.PROTECT)
    reason = models.CharField(_("reason"), max_length=255)
    object_label = models.CharField(_("record"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    hidden_from_subject = models.BooleanField(
        _("hidden from the person"),
        default=False,
        help_text=_("A state body's request forbids telling the person: not in their account."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("disclosure event")
        verbose_name_plural = _("disclosure ledger")
        indexes = [models.Index(fields=["subject", "-created_at"])]

    def __str__(self):
        return f"{self.actor_label} · {self.reason} · {self.created_at:%Y-%m-%d %H:%M}"


class DisclosurePerson(AppendOnlyModel):
    """A person named by a disclosure that showed several (a list page in admin).

    A list page is one disclosure (one view, one reason), but each person on it sees it
    among "who has seen my data": these rows name them, a user or a guest's e-mail hash.
    """

    event = models.ForeignKey(
        DisclosureEvent,
        verbose_name=_("disclosure"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whose data"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_hash = models.CharField(
        _("guest e-mail hash"), max_length=64, blank=True, db_index=True
    )

    class Meta:
        verbose_name = _("person named by a disclosure")
        verbose_name_plural = _("people named by disclosures")
        indexes = [models.Index(fields=["user", "event"])]

    def __str__(self):
        return f"{self.event_id}: {self.user_id or self.subject_hash[:12]}"


class RestrictionEvent(AppendOnlyModel):
    """A restriction of processing placed on a person, or lifted. Never updated or deleted.

    While the newest event of a person restricts, their data is kept but not used for
    marketing, analytics or new disclosures (`privacy.selectors.subject_is_restricted`).
    """

    class Action(models.TextChoices):
        RESTRICT = "restrict", _("restricted")
        LIFT = "lift", _("lifted")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="restriction_events",
    )
    subject_hash = models.CharField(
        _("guest e-mail hash"), max_length=64, blank=True, db_index=True
    )
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    data_request = models.ForeignKey(
        "privacy.DataRequest",
        verbose_name=_("data request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("restriction event")
        verbose_name_plural = _("restriction ledger")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(user__isnull=True, subject_hash=""),
                name="restriction_event_has_subject",
            )
        ]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.get_action_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def restricts(self) -> bool:
        return self.action == self.Action.RESTRICT


class Acceptance(AppendOnlyModel):
    """A statement a person accepted or confirmed (the user agreement, the rules, their age).

    Unlike a consent, it is not about a purpose of processing and is never withdrawn: it
    records what the person agreed to, in which language and with which words, when.
    """

    class Statement(models.TextChoices):
        TERMS = "terms", _("user agreement accepted")
        RULES = "rules", _("rules for listings and reviews accepted")
        AGE = "age", _("age of 18 or over confirmed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="acceptances",
    )
    statement = models.CharField(_("statement"), max_length=8, choices=Statement.choices)
    document_version = models.ForeignKey(
        PolicyVersion,
        verbose_name=_("version of the text"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    channel = models.CharField(_("channel"), max_length=16, choices=ConsentEvent.Channel.choices)
    text_shown = models.TextField(_("text shown"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    ip_truncated = models.GenericIPAddressField(_("IP address (truncated)"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=512, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptance ledger")
        indexes = [models.Index(fields=["user", "statement", "-created_at"])]

    def __str__(self):
        return f"{self.get_statement_display()} · {self.created_at:%Y-%m-%d %H:%M}"
