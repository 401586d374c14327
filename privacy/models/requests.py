"""Data requests, legal holds and runs of the retention sweep."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.registry import ExportEncoder


def default_due_at():
    return timezone.now() + timedelta(days=settings.PRIVACY_REQUEST_DAYS)


class DataRequestQuerySet(models.QuerySet):
    def open(self):
        """Return the requests still to be answered (the legal period runs for them)."""
        return self.filter(status__in=DataRequest.OPEN_STATUSES)

    def overdue(self, *, now=None):
        return self.open().filter(due_at__lt=now or timezone.now())

    def due_within(self, *, days: int, now=None):
        """Return the open requests due in the next `days` days, not overdue yet."""
        now = now or timezone.now()
        return self.open().filter(due_at__gte=now, due_at__lt=now + timedelta(days=days))

    def runnable(self):
        return self.filter(status__in=DataRequest.RUNNABLE_STATUSES)

    def waiting(self):
        """Return the erasures finished but for the data of open deals (see Status.WAITING)."""
        return self.filter(status=DataRequest.Status.WAITING)


class DataRequest(models.Model):
    """A data subject's request (access, erasure...), tracked until it is answered."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access (export of my data)")
        RECTIFICATION = "rectification", _("Rectification")
        ERASURE = "erasure", _("Erasure")
        RESTRICTION = "restriction", _("Restriction of processing")
        OBJECTION = "objection", _("Objection to marketing")
        OBJECTION_INTEREST = (
            "object_interest",
            _("Objection to processing for a legitimate interest"),
        )
        WITHDRAWAL = "withdrawal", _("Withdrawal of consent")

    class Status(models.TextChoices):
        NEW = "new", _("New (awaiting e-mail confirmation)")
        VERIFIED = "verified", _("Verified")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        REJECTED = "rejected", _("Rejected")
        BLOCKED = "blocked", _("Blocked by a legal hold")
        # Everything is erased but the contact data of orders still open, which the
        # contract needs: the next retention sweep erases them once the orders close.
        WAITING = "waiting", _("Erased, except data of open orders (until they close)")

    # The statuses of a request still to be answered: the legal period runs for them.
    OPEN_STATUSES = (Status.NEW, Status.VERIFIED, Status.IN_PROGRESS)
    # Those it can be answered from now: verified, or interrupted while in progress.
    RUNNABLE_STATUSES = (Status.VERIFIED, Status.IN_PROGRESS)

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
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language the person wrote in: their answers are written in it."),
    )
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
    on_hold = models.BooleanField(
        _("on hold"),
        default=False,
        help_text=_("Held by staff: not answered automatically, only when staff run it."),
    )
    opened_by_sweep = models.BooleanField(
        _("opened by the retention sweep"),
        default=False,
        help_text=_("The person did not ask: their retention period ended."),
    )

    objects = DataRequestQuerySet.as_manager()

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
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def awaits_confirmation(self) -> bool:
        """Whether a guest has still to follow the e-mailed link (Status.NEW)."""
        return self.status == self.Status.NEW

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING

    @property
    def is_runnable(self) -> bool:
        """Whether it can be answered now: verified, or interrupted while in progress."""
        return self.status in self.RUNNABLE_STATUSES


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
    waiting = models.PositiveIntegerField(
        _("subjects waiting for open orders"),
        default=0,
        help_text=_("Erased but for the data of their open orders, kept until those close."),
    )
    staff_left = models.JSONField(
        _("staff accounts left to the privacy officer"),
        default=list,
        blank=True,
        help_text=_("Ids of active staff accounts past their retention: never erased silently."),
    )
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
