"""The registry's data as people read it: column names and values in the reader's language.

An export is keyed by field names (`full_name`, `purpose__name`) and holds stored codes
(`grant`, `contract`). Nobody should have to read those: every page that shows a person
their data (the data summary, the download, "who has seen my data", the policy's list of
data held, the records of processing in admin) goes through here, which names a column by
its model field's verbose name and a value by its choice label.

- `Source.labels` overrides a column's name where the field's own would mislead.
- `Source.gettext_values` names columns holding texts stored in English by developers
  (a purpose's name), shown through gettext.
"""

from __future__ import annotations

import datetime
import decimal
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from privacy.registry import Erasure, LegalBasis, Source, registry

EMPTY = "—"
RECORD_NUMBER = _("record number")


def _field(model: type[models.Model], path: str) -> models.Field | None:
    """Return the model field a lookup path (`order__number`) starts with, or None."""
    try:
        return model._meta.get_field(path.split("__")[0])
    except FieldDoesNotExist:
        return None


def _final_field(model: type[models.Model], path: str) -> models.Field | None:
    """Return the field a lookup path ends at (`purpose__name` is Purpose.name), or None."""
    field = None
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model if field.is_relation else model
    return field


def column_label(source: Source, name: str) -> str:
    """Return the name of an export column in the active language.

    A path through a relation (`order__number`, `purpose__name`) is named by the relation
    (order, purpose): the related row is represented by its number or name.
    """
    if name in source.labels:
        return str(source.labels[name])
    if name in ("pk", "id"):
        return str(capfirst(RECORD_NUMBER))
    field = _field(source.model, name)
    if field is None:
        return capfirst(name.replace("__", " ").replace("_", " "))
    if field.auto_created and not field.concrete:  # rows nested in the row (an order's lines)
        return str(capfirst(field.related_model._meta.verbose_name_plural))
    return str(capfirst(field.verbose_name))


def any_field_label(name: str) -> str:
    """Return a field name's label from the first registered source whose model has it.

    For the disclosure ledger, which stores the names of the fields someone saw.
    """
    for source in registry.sources():
        field = _field(source.model, name)
        if field is not None and name in source.fields:
            return str(field.verbose_name)
    for source in registry.sources():
        field = _field(source.model, name)
        if field is not None:
            return str(field.verbose_name)
    return name.replace("_", " ")


def fields_label(names) -> str:
    """Return a list of field names as one readable phrase ("full name, phone")."""
    return ", ".join(any_field_label(name) for name in names)


def value_label(source: Source, name: str, value) -> str:
    """Return an export value as text for a person: choice labels, dates, yes and no."""
    if value is None or value == "" or value == []:
        return EMPTY
    if name in source.gettext_values:
        return gettext(str(value))
    field = _final_field(source.model, name)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, str) and field is not None and isinstance(field, models.DateTimeField):
        value = parse_datetime(value) or value  # a stored export holds dates as ISO text
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date | decimal.Decimal | int | float):
        return formats.localize(value)
    if isinstance(value, list | tuple):
        if name == "fields":
            return fields_label(value)
        return "; ".join(_nested(item) if isinstance(item, dict) else str(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in value.items())
    return str(value)


def _nested(row: dict) -> str:
    """Return a nested row (an order's line) as "title: Wheat, quantity: 3"."""
    return ", ".join(f"{key}: {value_label_plain(value)}" for key, value in row.items())


def value_label_plain(value) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, datetime.date | decimal.Decimal | int | float):
        return formats.localize(value)
    return str(value)


def purpose_label(code: str) -> str:
    """Return a purpose's name in the active language (a registry source names it by code)."""
    from privacy.models import Purpose

    purpose = Purpose.objects.filter(code=code).only("name").first()
    return purpose.title if purpose is not None else code


def legal_basis_label(code: str) -> str:
    return str(dict(LegalBasis.choices).get(code, code))


def erasure_label(code: str) -> str:
    return str(dict(Erasure.choices).get(code, code))


def model_label(model: type[models.Model]) -> str:
    return str(capfirst(model._meta.verbose_name_plural))


@dataclass(frozen=True)
class Section:
    """One source of a person's data, as shown to them."""

    key: str  # an anchor for the page, never shown
    title: str
    purpose: str
    legal_basis: str
    recipients: str
    on_erasure: str
    rows: list[list[tuple[str, str]]]


def readable_export(export: dict, *, purposes: dict[str, str] | None = None) -> list[Section]:
    """Return an export (`privacy.export.subject_export`) as labelled sections.

    Takes the export as stored or just made; sources no longer declared are left out.
    `purposes` maps purpose codes to names (read once by the caller), else each is looked up.
    """
    sections = []
    known = {source.key: source for source in registry.sources()}
    for key, section in export.items():
        source = known.get(key)
        if source is None:
            continue
        rows = [
            [(column_label(source, k), value_label(source, k, v)) for k, v in row.items()]
            for row in section["rows"]
        ]
        purpose = (purposes or {}).get(source.purpose) or purpose_label(source.purpose)
        sections.append(
            Section(
                key=key.replace(".", "-"),
                title=str(source.description),
                purpose=purpose,
                legal_basis=legal_basis_label(source.legal_basis),
                recipients=str(source.recipients),
                on_erasure=erasure_label(source.erasure),
                rows=rows,
            )
        )
    return sections


def readable_download(sections: list[Section]) -> dict:
    """Return the sections as the downloadable file: every key in the reader's language."""
    return {
        pgettext("download", "Your data on Dala Market"): [
            {
                gettext("Where"): s.title,
                gettext("Purpose"): s.purpose,
                gettext("Legal basis"): s.legal_basis,
                gettext("Recipients"): s.recipients,
                gettext("Records"): [dict(row) for row in s.rows],
            }
            for s in sections
        ]
    }


@dataclass(frozen=True)
class RecordRow:
    """One source in the records of processing (admin), named in the reader's language."""

    source: str
    description: str
    fields: str
    purpose: str
    legal_basis: str
    recipients: str
    retention: str
    on_erasure: str


def records_of_processing(purposes: dict) -> list[RecordRow]:
    """Return every declared source as a record of processing; `purposes` by code."""
    rows = []
    for source in registry.sources():
        purpose = purposes.get(source.purpose)
        on_erasure = erasure_label(source.erasure)
        if source.kept_because:
            on_erasure = f"{on_erasure}: {source.kept_because}"
        rows.append(
            RecordRow(
                source=model_label(source.model),
                description=str(source.description),
                fields=", ".join(column_label(source, name) for name in source.fields),
                purpose=purpose.title if purpose else source.purpose,
                legal_basis=legal_basis_label(source.legal_basis),
                recipients=str(source.recipients),
                retention=purpose.retention_text if purpose else "",
                on_erasure=on_erasure,
            )
        )
    return rows


def exemption_rows() -> list[tuple[str, str, str]]:
    """Return (model, fields, why) for each field the registry test is told to skip."""
    rows = []
    for exemption in registry.exemptions():
        names = []
        for name in exemption.fields:
            field = _field(exemption.model, name)
            names.append(str(field.verbose_name) if field is not None else name)
        rows.append((model_label(exemption.model), ", ".join(names), str(exemption.reason)))
    return rows
