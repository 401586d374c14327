"""The report of a check or an import: one CSV line per row of the seller's file.

Written to a temporary file as the rows go by (memory stays flat), in UTF-8 with a byte
order mark so that Excel opens the Cyrillic right, with `;` as Excel in Russian expects.
"""

from __future__ import annotations

import csv
import io
import tempfile

from django.core.files import File
from django.utils.translation import gettext_lazy as _

from listings.catalogue.rows import Action

HEADER = (_("Row"), _("Result"), _("SKU"), _("Title"), _("Reason"))
RESULTS_CHECKED = {
    Action.CREATE: _("will be created"),
    Action.UPDATE: _("will be updated"),
    Action.REFUSE: _("refused"),
}
RESULTS_APPLIED = {
    Action.CREATE: _("created"),
    Action.UPDATE: _("updated"),
    Action.REFUSE: _("refused"),
}
# A cell starting with one of these is run as a formula by spreadsheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Return a cell that a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class ReportWriter:
    def __init__(self, *, applied: bool):
        self.results = RESULTS_APPLIED if applied else RESULTS_CHECKED
        # Closed by `finish`'s caller, once storage has copied it (or when collected).
        binary = tempfile.TemporaryFile()  # noqa: SIM115
        self.text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        self.csv = csv.writer(self.text, delimiter=";")
        self.csv.writerow([str(label) for label in HEADER])

    def write(self, outcome) -> None:
        self.csv.writerow(
            [
                outcome.number,
                str(self.results[outcome.action]),
                safe_cell(outcome.sku),
                safe_cell(outcome.title),
                safe_cell(outcome.reason),
            ]
        )

    def finish(self) -> File:
        """Return the report as a Django File, ready to be saved to storage."""
        self.text.flush()
        binary = self.text.detach()  # else the wrapper, once collected, closes the file
        binary.seek(0)
        return File(binary)
