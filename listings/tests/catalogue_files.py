"""Catalogue files for tests: the portal's own template, filled in as a seller would."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Five rows that must be refused, each for its own reason (by their position in the data).
BAD_ROWS = {
    101: ("category", "no-such-category", "unknown category"),
    202: ("price", "abc", "bad price"),
    303: ("title", "", "missing title"),
    404: ("unit", "barrel", "unknown unit"),
    505: ("price_tiers", "ten: 5", "Write wholesale prices"),
}


def good_row(n: int) -> dict:
    return {
        "sku": f"A-{n:05d}",
        "title": f"Пшеница 3 класс, партия {n}",
        "category": "Пшеница",
        "price": "95 000,50" if n % 2 else 95000,
        "unit": "т",
        "min_order_quantity": 1,
        "price_tiers": "10: 90000; 100: 85000",
        "condition": "new",
        "region": "Костанайская область",
        "description": "Урожай 2025 года, протеин 13%.",
        "publish": "да",
    }


def catalogue_rows(count: int, *, bad: dict | None = None) -> list[dict]:
    rows = []
    for n in range(1, count + 1):
        row = good_row(n)
        if bad and n in bad:
            key, value, _reason = bad[n]
            row[key] = value
        rows.append(row)
    return rows


def filled_template(template: bytes, rows: list[dict]) -> bytes:
    """Return the XLSX template (as downloaded) with `rows` under its header."""
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    keys = list(good_row(1))
    for row in rows:
        sheet.append([row[key] for key in keys])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_upload(content: bytes, name="catalogue.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX_TYPE)


def csv_upload(text: str, name="catalogue.csv", encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_with(cells: list[list]) -> bytes:
    workbook = Workbook()
    for row in cells:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def with_macros(content: bytes) -> bytes:
    """Return the workbook with a VBA project added, as Excel saves an .xlsm."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(output, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return output.getvalue()
