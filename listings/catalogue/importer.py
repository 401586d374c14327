"""Importing a seller's catalogue: upload, check (the preview), confirm, import.

Why it is built this way:
- The same walk over the file serves the check and the import; only the import writes.
  So the preview shows exactly what the import will do, row by row, with the same reasons.
- The walk streams the file in chunks of CHUNK rows: one query looks a chunk's SKUs up,
  one transaction writes it (bulk inserts and updates), and the progress moves after each
  chunk, so memory stays flat and a seller watches the bar move. What grows with the rows
  is the set of SKUs already seen (to refuse a repeated one), bounded by the row limit.
- Both steps run as background tasks (Celery; inline under `make run`). A refused file is
  a status with its reason, never an exception reaching the seller.
"""

from __future__ import annotations

import logging
from collections import Counter
from contextlib import closing
from itertools import islice

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from listings.catalogue import reader
from listings.catalogue.columns import REQUIRED, Vocabulary, header_keys
from listings.catalogue.models import CatalogueImport
from listings.catalogue.report import RESULTS_CHECKED, ReportWriter
from listings.catalogue.rows import Action, cells_by_key, row_read
from listings.catalogue.writes import chunk_write
from portal.errors import ShownError

logger = logging.getLogger(__name__)

CHUNK = 500
PREVIEW_SAMPLE = 100

IMPORT_NOT_READY = _("This file is not waiting for a confirmation: it was imported or refused.")
IMPORT_ALREADY_RUNNING = _("Another import of your catalogue is running. Wait until it ends.")
IMPORT_FAILED = _("The import stopped because of an error on our side. Please try again later.")
ROW_REPEATED = _("the SKU %(sku)s is already in row %(row)s of this file")


class CatalogueImportError(ShownError):
    """A refused step; `message` is shown to the seller."""


def catalogue_import_create(*, company, upload, language: str) -> CatalogueImport:
    """Keep an uploaded file and check it in the background; raise CatalogueFileError."""
    file_format = reader.file_format(upload)
    catalogue_import = CatalogueImport(
        company=company,
        filename=str(upload.name)[:255],
        file_format=file_format,
        language=language,
    )
    catalogue_import.source.save("upload", upload, save=False)
    with transaction.atomic():
        catalogue_import.save()
        transaction.on_commit(lambda: _publish("check", catalogue_import.pk))
    return catalogue_import


def catalogue_import_confirm(*, catalogue_import: CatalogueImport) -> CatalogueImport:
    """Start importing a checked file; one import per seller at a time."""
    with transaction.atomic():
        running = CatalogueImport.objects.filter(
            company_id=catalogue_import.company_id, status=CatalogueImport.Status.IMPORTING
        )
        if running.exists():
            raise CatalogueImportError(IMPORT_ALREADY_RUNNING)
        started = CatalogueImport.objects.filter(
            pk=catalogue_import.pk, status=CatalogueImport.Status.READY
        ).update(status=CatalogueImport.Status.IMPORTING, processed_rows=0)
        if not started:
            raise CatalogueImportError(IMPORT_NOT_READY)
        transaction.on_commit(lambda: _publish("apply", catalogue_import.pk))
    catalogue_import.refresh_from_db()
    return catalogue_import


def _publish(step: str, import_id: int) -> None:
    from listings import tasks

    task = tasks.catalogue_check_task if step == "check" else tasks.catalogue_apply_task
    try:
        task.delay(import_id)
    except Exception:  # the broker is down: the import page says so and offers to retry
        logger.warning(
            "Could not publish the catalogue %s of import %s", step, import_id, exc_info=True
        )


def catalogue_import_check(*, import_id: int) -> CatalogueImport | None:
    """Check a file row by row without saving a listing: what the preview shows."""
    catalogue_import = CatalogueImport.objects.filter(
        pk=import_id, status=CatalogueImport.Status.CHECKING
    ).first()
    if catalogue_import is None:
        return None
    return _run(catalogue_import, apply=False)


def catalogue_import_apply(*, import_id: int) -> CatalogueImport | None:
    """Import a confirmed file: create and update the seller's listings by SKU."""
    catalogue_import = CatalogueImport.objects.filter(
        pk=import_id, status=CatalogueImport.Status.IMPORTING
    ).first()
    if catalogue_import is None:
        return None
    return _run(catalogue_import, apply=True)


def _run(catalogue_import: CatalogueImport, *, apply: bool) -> CatalogueImport:
    status = CatalogueImport.Status
    try:
        with translation.override(catalogue_import.language):
            counts, sample, report = _walk(catalogue_import, apply=apply)
    except reader.CatalogueFileError as error:
        return _finish(
            catalogue_import, status=status.FAILED if apply else status.REFUSED, problem=error
        )
    except Exception:
        logger.exception("Catalogue import %s failed", catalogue_import.pk)
        return _finish(catalogue_import, status=status.FAILED, problem=IMPORT_FAILED)
    old_report = catalogue_import.report.name
    catalogue_import.report.save("report.csv", report, save=False)
    if old_report:
        catalogue_import.report.storage.delete(old_report)
    total = sum(counts.values())
    if apply:
        _finish(
            catalogue_import,
            status=status.DONE,
            created=counts[Action.CREATE],
            updated=counts[Action.UPDATE],
            refused=counts[Action.REFUSE],
            processed_rows=total,
        )
        from listings.services import catalogue_changed

        catalogue_changed()
        return catalogue_import
    return _finish(
        catalogue_import,
        status=status.READY,
        total_rows=total,
        to_create=counts[Action.CREATE],
        to_update=counts[Action.UPDATE],
        to_refuse=counts[Action.REFUSE],
        preview=sample,
    )


def _finish(catalogue_import: CatalogueImport, *, problem=None, **values) -> CatalogueImport:
    if problem is not None:
        values["problem"] = str(getattr(problem, "message", problem))[:500]
    values["finished_at"] = timezone.now()
    for name, value in values.items():
        setattr(catalogue_import, name, value)
    catalogue_import.save()
    return catalogue_import


def _header(stream) -> dict[int, str]:
    number, header = next(stream)
    positions = header_keys(header)
    if not set(REQUIRED) <= set(positions.values()):
        raise reader.CatalogueFileError(reader.FILE_NO_HEADER)
    return positions


def _walk(catalogue_import: CatalogueImport, *, apply: bool):
    """Read, check and (when `apply`) write every row; return counts, sample and report."""
    company = catalogue_import.company
    vocabulary = Vocabulary.load()
    counts, seen = Counter(), {}
    sample = {"refused": [], "rows": []}
    report = ReportWriter(applied=apply)
    with (
        catalogue_import.source.open("rb") as source,
        closing(reader.rows(source.file, catalogue_import.file_format)) as stream,
    ):
        positions = _header(stream)
        while chunk := list(islice(stream, CHUNK)):
            outcomes = [
                row_read(
                    number,
                    cells_by_key(cells, positions),
                    vocabulary=vocabulary,
                    region=company.region,
                )
                for number, cells in chunk
            ]
            _refuse_repeated(outcomes, seen)
            chunk_write(company=company, outcomes=outcomes, apply=apply)
            for outcome in outcomes:
                counts[outcome.action] += 1
                report.write(outcome)
                _add_to_sample(sample, outcome)
            CatalogueImport.objects.filter(pk=catalogue_import.pk).update(
                processed_rows=F("processed_rows") + len(outcomes)
            )
    return counts, sample, report.finish()


def _refuse_repeated(outcomes, seen: dict[str, int]) -> None:
    for outcome in outcomes:
        if outcome.action == Action.REFUSE:
            continue
        first = seen.setdefault(outcome.sku, outcome.number)
        if first != outcome.number:
            outcome.refuse(ROW_REPEATED % {"sku": outcome.sku, "row": first})


def _add_to_sample(sample: dict, outcome) -> None:
    """Keep the first rows of each kind, as the preview shows them (in the file's language)."""
    kind = "refused" if outcome.action == Action.REFUSE else "rows"
    if len(sample[kind]) < PREVIEW_SAMPLE:
        result = str(RESULTS_CHECKED[outcome.action])
        if outcome.reason:
            result = f"{result}: {outcome.reason}"
        sample[kind].append([outcome.number, outcome.sku, outcome.title[:200], result])
