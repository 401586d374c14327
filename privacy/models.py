from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.registry import ExportEncoder, LegalBasis


class Purpose(models.Model):
    """A purpose for which the portal processes personal data (seeded from the policy)."""

    SERVICE = "service"
    ORDERS = "orders"
    PAYMENTS = "payments"
    MARKETING = "marketing"
    ANALYTICS = "analytics"
    ADVERTISING = "advertising"
    REVIEWS = "reviews"
    FRAUD = "fraud"
    LEGAL = "legal"

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    legal_basis = models.CharField(_("legal basis"), max_length=32, choices=LegalBasis.choices)
    is_required = models.BooleanField(
        _("required"),
        default=False,
        help_text=_("Required purposes cannot be refused without closing the account."),
    )
    retention = models.CharField(_("retention"), max_length=255)
    recipients = models.CharField(_("recipients"), max_length=255)
    cookie_group = models.CharField(
        _("cookie group"),
        max_length=32,
        blank=True,
        help_text=_("The django-cookie-consent group whose choice is this purpose's consent."),
    )
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=0)

    class Meta:
        ordering = ["ordering", "code"]
        verbose_name = _("purpose")
        verbose_name_plural = _("purposes")

    def __str__(self):
        return self.name


class PolicyVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())


class PolicyVersion(models.Model):
    """One version of the privacy policy; the latest published one is in force."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text = models.TextField(
        _("text"), help_text=_("The policy's own text. Blank lines separate paragraphs.")
    )
    summary_of_changes = models.TextField(_("summary of changes"), blank=True)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("Empty while a draft. Signed-in users are asked to accept a new version."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        # Publishing asks every signed-in user to accept the text again: a right of its own.
        permissions = [("publish_policyversion", "Can publish a policy version")]

    def __str__(self):
        return _("Privacy policy, version %(version)s") % {"version": self.version}

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("privacy:policy_version", args=[self.version])


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

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("disclosure event")
        verbose_name_plural = _("disclosure ledger")
        indexes = [models.Index(fields=["subject", "-created_at"])]

    def __str__(self):
        return f"{self.actor_label} · {self.reason} · {self.created_at:%Y-%m-%d %H:%M}"


def default_due_at():
    return timezone.now() + timedelta(days=settings.PRIVACY_REQUEST_DAYS)


class DataRequest(models.Model):
    """A data subject's request (access, erasure...), tracked until it is answered."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access (export of my data)")
        RECTIFICATION = "rectification", _("Rectification")
        ERASURE = "erasure", _("Erasure")
        RESTRICTION = "restriction", _("Restriction of processing")
        OBJECTION = "objection", _("Objection to marketing")
        WITHDRAWAL = "withdrawal", _("Withdrawal of consent")

    class Status(models.TextChoices):
        NEW = "new", _("New (awaiting e-mail confirmation)")
        VERIFIED = "verified", _("Verified")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        REJECTED = "rejected", _("Rejected")
        BLOCKED = "blocked", _("Blocked by a legal hold")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="data_requests",
    )
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    details = models.TextField(_("details"), blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"), default=default_due_at, db_index=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    report = models.JSONField(
        _("report"),
        default=dict,
        blank=True,
        help_text=_("What was exported or erased, source by source, with counts."),
    )
    export = models.JSONField(
        _("exported data"),
        encoder=ExportEncoder,
        null=True,
        blank=True,
        help_text=_("The answer to an access request, until it is erased with the subject."),
    )
    check_failed = models.BooleanField(
        _("post-erasure check failed"),
        default=False,
        help_text=_("After erasure a declared source still held the subject's data."),
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        # Verifying or running a request can erase a person's data: a right of its own.
        permissions = [("handle_datarequest", "Can verify, run and reject data requests")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(user__isnull=True, email=""),
                name="data_request_has_subject",
            )
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()} · {self.get_status_display()}"

    @property
    def is_overdue(self) -> bool:
        open_statuses = {self.Status.NEW, self.Status.VERIFIED, self.Status.IN_PROGRESS}
        return self.status in open_statuses and self.due_at < timezone.now()


class LegalHoldQuerySet(models.QuerySet):
    def active(self, *, on=None):
        """Return the holds in force on a date (today by default)."""
        day = on or timezone.localdate()
        return self.filter(models.Q(until__isnull=True) | models.Q(until__gte=day))


class LegalHold(models.Model):
    """An order of a court or state body to keep a person's data: erasure must wait."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legal_holds",
    )
    email = models.EmailField(_("guest e-mail"), blank=True, db_index=True)
    reason = models.TextField(_("reason"))
    authority = models.CharField(_("authority"), max_length=255)
    until = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty: until lifted."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(user__isnull=True, email=""), name="legal_hold_has_subject"
            )
        ]

    def __str__(self):
        return f"{self.authority}: {self.reason[:60]}"


class SweepRun(models.Model):
    """One run of the retention sweep, kept as its report."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    as_of = models.DateField(_("as of"))
    cutoff = models.DateTimeField(_("inactive since before"))
    dry_run = models.BooleanField(_("dry run"), default=False)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.RUNNING
    )
    subjects = models.PositiveIntegerField(_("subjects erased"), default=0)
    held = models.PositiveIntegerField(_("subjects held"), default=0)
    counts = models.JSONField(_("rows per source"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("retention sweep run")
        verbose_name_plural = _("retention sweep runs")

    def __str__(self):
        return f"{self.as_of} · {self.get_status_display()} · {self.subjects}"

    @property
    def duration(self):
        return (self.finished_at - self.started_at) if self.finished_at else None
