"""Reading a catalogue file row by row, and refusing files that are not plain data.

Both formats are streamed: a CSV line by line, an XLSX through openpyxl's read-only mode
(which parses the sheet's XML as it goes), so memory does not grow with the number of rows.
Refused: anything that is not a CSV or an XLSX workbook (by content, not by name), files
over MAX_BYTES, more than MAX_ROWS data rows, workbooks with macros, and cells holding
formulas (their values are whatever the seller's spreadsheet last computed, which openpyxl
cannot compute, and a formula in a CSV is a known way to attack whoever opens it next).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from portal.errors import ShownError

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000
SNIFF_BYTES = 64 * 1024

FILE_TOO_LARGE = _("The file is larger than 50 MB. Split the catalogue into several files.")
FILE_NOT_A_SPREADSHEET = _(
    "This file is not a spreadsheet we can read. Upload a CSV file or an Excel workbook (.xlsx)."
)
FILE_HAS_MACROS = _(
    "The workbook contains macros, which we do not accept. Save it as a plain .xlsx workbook."
)
FILE_HAS_FORMULAS = _(
    "Row %(row)s has a formula in it. Replace formulas by their values (copy, then “paste "
    "values”) and upload the file again."
)
FILE_TOO_MANY_ROWS = _("The file has more than %(max)s rows. Split it into several files.")
FILE_EMPTY = _("The file has no rows. Fill in the template below its header row.")
FILE_NO_HEADER = _(
    "The first row must be the template's header (SKU, title, category...). Download the "
    "template and keep its first row."
)

CSV_DELIMITERS = ";,\t"
FORMULA_START = "="


class CatalogueFileError(ShownError):
    """A file refused as a whole; `message` says why, to the seller."""


def file_format(upload) -> str:
    """Return "xlsx" or "csv" for an upload by its content, or raise CatalogueFileError."""
    if upload.size > MAX_BYTES:
        raise CatalogueFileError(FILE_TOO_LARGE)
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        _check_workbook(upload)
        return "xlsx"
    if not head or b"\x00" in head or _encoding(head) is None:
        raise CatalogueFileError(FILE_EMPTY if not head else FILE_NOT_A_SPREADSHEET)
    return "csv"


def _check_workbook(upload) -> None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except zipfile.BadZipFile:
        raise CatalogueFileError(FILE_NOT_A_SPREADSHEET) from None
    finally:
        upload.seek(0)
    if any(name.lower().endswith("vbaproject.bin") for name in names) or b"macroEnabled" in types:
        raise CatalogueFileError(FILE_HAS_MACROS)
    if "xl/workbook.xml" not in names:
        raise CatalogueFileError(FILE_NOT_A_SPREADSHEET)


def _encoding(head: bytes) -> str | None:
    """Return the encoding of a CSV's first bytes: UTF-8, else Windows-1251, else None.

    Windows-1251 is what Excel on a Russian Windows saves as "CSV". The sniffed bytes may
    end inside a multi-byte character, hence the incremental decoder.
    """
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def rows(path_or_file, fmt: str) -> Iterator[tuple[int, list]]:
    """Yield (row number in the spreadsheet, cells) of the file's non-empty rows.

    The first yielded row is the header. Raises CatalogueFileError as soon as the file
    shows it is not acceptable (a formula, too many rows, unreadable content).
    """
    source = _csv_rows(path_or_file) if fmt == "csv" else _xlsx_rows(path_or_file)
    data_rows = -1
    try:
        for number, cells in source:
            if not any(_filled(cell) for cell in cells):
                continue
            data_rows += 1
            if data_rows > MAX_ROWS:
                raise CatalogueFileError(FILE_TOO_MANY_ROWS % {"max": f"{MAX_ROWS:,}"})
            yield number, cells
    except (csv.Error, UnicodeDecodeError, zipfile.BadZipFile, KeyError, OSError):
        raise CatalogueFileError(FILE_NOT_A_SPREADSHEET) from None
    if data_rows < 0:
        raise CatalogueFileError(FILE_EMPTY)


def _filled(cell) -> bool:
    return cell is not None and str(cell).strip() != ""


def _csv_rows(file) -> Iterator[tuple[int, list]]:
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    encoding = _encoding(head) or "utf-8-sig"
    text = io.TextIOWrapper(file, encoding=encoding, newline="")
    first_line = head.decode(encoding, errors="ignore").splitlines()[:1] or [""]
    delimiter = max(CSV_DELIMITERS, key=first_line[0].count)
    try:
        for number, cells in enumerate(csv.reader(text, delimiter=delimiter), start=1):
            if any(cell.lstrip().startswith(FORMULA_START) for cell in cells):
                raise CatalogueFileError(FILE_HAS_FORMULAS % {"row": number})
            yield number, cells
    finally:
        text.detach()


def _xlsx_rows(file) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(file, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign file
        raise CatalogueFileError(FILE_NOT_A_SPREADSHEET) from None
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_xlsx_value(value, number) for value in values]
    finally:
        workbook.close()


def _xlsx_value(value, number: int):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        raise CatalogueFileError(FILE_HAS_FORMULAS % {"row": number})
    if value is None or isinstance(value, str | int | float | bool | datetime | date):
        return value
    # Array and data-table formulas come as objects of their own.
    raise CatalogueFileError(FILE_HAS_FORMULAS % {"row": number})
