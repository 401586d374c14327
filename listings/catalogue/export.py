"""The template and the export of a seller's catalogue, in the columns an import reads.

An exported file imports back as updates of the same listings, by their SKUs. A listing
made on the portal's form may have none: its row leaves the SKU empty, which an import
refuses rather than guessing, so the seller gives it one first. Both formats are written
as the listings are read, a thousand at a time.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from accounts.regions import Region
from listings.catalogue.columns import COLUMNS, KEYS, header_labels
from listings.catalogue.report import safe_cell
from listings.catalogue.rows import row_as_values
from listings.models import Category, Listing

EXPORT_BATCH = 1000
HELP_TITLE = _("How to fill in")
HELP_LINES = (
    _("One row per listing. SKU, title and category are required; the SKU is your own code."),
    _("Importing a row whose SKU you already have updates that listing; a new SKU creates one."),
    _("Category: its code or its name, from the list below. Only subsections, not sections."),
    _("Price in tenge, VAT included; leave it empty when the price is on request."),
    _(
        "Wholesale prices: “from quantity: price”, separated by semicolons, "
        "e.g. 10: 95000; 100: 90000."
    ),
    _("Unit: piece, kg, tonne, m, m2, m3, litre, set or service. Condition: new or used."),
    _("No formulas and no macros: values only."),
)


def _csv_line(cells) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerow(cells)
    return buffer.getvalue().encode("utf-8")


def template_csv() -> bytes:
    return "\ufeff".encode() + _csv_line(header_labels())


def _listings(company) -> Iterator[Listing]:
    listings = (
        Listing.objects.filter(company=company)
        .select_related("category")
        .prefetch_related("price_tiers")
        .defer("search_vector")
        .order_by("pk")
    )
    return listings.iterator(chunk_size=EXPORT_BATCH)


def _export_row(listing: Listing) -> list:
    values = row_as_values(listing, listing.price_tiers.all())
    return [values[key] for key in KEYS]


def export_csv_lines(company) -> Iterator[bytes]:
    """Yield the catalogue as CSV lines (for a streaming response)."""
    yield template_csv()
    for listing in _listings(company):
        yield _csv_line([safe_cell(cell) for cell in _export_row(listing)])


def _workbook_file(rows: Iterator[list], *, with_help: bool):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(_("Catalogue")))
    sheet.append(header_labels())
    for row in rows:
        sheet.append(row)
    if with_help:
        _help_sheet(workbook.create_sheet(str(HELP_TITLE)))
    output = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it once sent
    workbook.save(output)
    output.seek(0)
    return output


def _help_sheet(sheet) -> None:
    for line in HELP_LINES:
        sheet.append([str(line)])
    sheet.append([])
    sheet.append([str(column.label) + (" *" if column.required else "") for column in COLUMNS])
    sheet.append([])
    sheet.append([str(_("Category code")), str(_("Category"))])
    for category in Category.objects.filter(parent__isnull=False).order_by("slug"):
        sheet.append([category.slug, category.name])
    sheet.append([])
    sheet.append([str(_("Region code")), str(_("Region"))])
    for value, label in Region.choices:
        sheet.append([value, str(label)])


def template_xlsx():
    """Return a temporary file holding the XLSX template (a header and a help sheet)."""
    return _workbook_file(iter(()), with_help=True)


def export_xlsx(company):
    """Return a temporary file holding the seller's catalogue as XLSX."""
    return _workbook_file(
        ([safe_cell(cell) for cell in _export_row(listing)] for listing in _listings(company)),
        with_help=False,
    )
