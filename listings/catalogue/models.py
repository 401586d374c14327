"""An upload of a seller's catalogue: checked first (the preview), then imported."""

import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Company


def import_file_path(instance, filename):
    # Never the seller's file name: it reaches the disk, and it can be anything.
    extension = instance.file_format or "bin"
    return f"catalogue/{instance.company_id}/{uuid.uuid4().hex}.{extension}"


def report_file_path(instance, filename):
    return f"catalogue/{instance.company_id}/{uuid.uuid4().hex}-report.csv"


class CatalogueImport(models.Model):
    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking the file")
        READY = "ready", _("Checked: waiting for your confirmation")
        REFUSED = "refused", _("File refused")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    company = models.ForeignKey(
        Company, verbose_name=_("seller"), on_delete=models.CASCADE, related_name="imports"
    )
    source = models.FileField(_("file"), upload_to=import_file_path, max_length=255)
    filename = models.CharField(_("file as uploaded"), max_length=255)
    file_format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    language = models.CharField(_("language of the report"), max_length=8, default="ru")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.CHECKING
    )
    problem = models.CharField(_("why the file was refused"), max_length=500, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    to_create = models.PositiveIntegerField(_("rows to create"), default=0)
    to_update = models.PositiveIntegerField(_("rows to update"), default=0)
    to_refuse = models.PositiveIntegerField(_("rows refused"), default=0)
    # A bounded sample of the check, row by row, for the preview page.
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created = models.PositiveIntegerField(_("listings created"), default=0)
    updated = models.PositiveIntegerField(_("listings updated"), default=0)
    refused = models.PositiveIntegerField(_("rows not imported"), default=0)
    report = models.FileField(_("report"), upload_to=report_file_path, blank=True, max_length=255)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("catalogue import")
        verbose_name_plural = _("catalogue imports")
        indexes = [models.Index(fields=["company", "-created_at"], name="catalogue_import_recent")]

    def __str__(self):
        return f"{self.company_id}: {self.filename}"

    def get_absolute_url(self):
        return reverse("listings:import_detail", args=[self.pk])

    @property
    def status_label(self) -> str:
        return self.get_status_display()

    @property
    def is_checking(self) -> bool:
        return self.status == self.Status.CHECKING

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_refused(self) -> bool:
        return self.status == self.Status.REFUSED

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def percent(self) -> int:
        """Return how far the import is, 0 to 100 (the check counts the rows first)."""
        if self.status == self.Status.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(100, self.processed_rows * 100 // self.total_rows)
