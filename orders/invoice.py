"""The invoice for payment ("Счёт на оплату") of a confirmed order, as a PDF.

Why these choices:
- fpdf2 writes PDFs in pure Python (no system libraries), so `make run` still needs only
  Python. Its core fonts are Latin-1 only; the text is in Russian with Kazakh names, so a
  TrueType font with every Kazakh letter (ә ғ қ ң ө ұ ү һ і) is embedded: DejaVu Sans, as
  shipped inside the matplotlib wheel (found on disk, never imported: importing
  matplotlib costs a second). No pip package ships DejaVu alone without pulling in an
  AGPL typesetter; matplotlib's licence is permissive.
- The document is in Russian whatever the page language: it is a legal document, and
  Russian is how invoices circulate between companies in Kazakhstan.
- Invoices are numbered per seller per year (`invoice_number_assign`), given with the first
  download and kept, so the buyer and the seller always see the same number.
"""

from __future__ import annotations

import importlib.util
import logging
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from fpdf import FPDF
from num2words import num2words

from listings.money import money_format
from orders.models import InvoiceNumberCounter, Order

# fontTools, which fpdf2 uses to embed only the glyphs used, logs each subset at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

CENT = Decimal("0.01")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT = "DejaVu"
COLUMNS = (
    ("№", 8, "CENTER"), ("Наименование", 72, "LEFT"), ("Кол-во", 18, "RIGHT"),
    ("Ед.", 18, "CENTER"), ("Цена, тенге", 32, "RIGHT"), ("Сумма, тенге", 32, "RIGHT"),
)  # fmt: skip
OTHER_COSTS = "Прочие согласованные расходы (доставка, позиции по запросу)"
DISCOUNT = "Скидка по согласованию"


@cache
def font_path(style: str = "") -> Path:
    """Return the DejaVu Sans file of `style` from the installed matplotlib wheel."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib (which ships the DejaVu fonts) is not installed.")
    folder = Path(spec.submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf"
    return folder / FONT_FILES[style]


def invoice_number_assign(*, order: Order) -> Order:
    """Give the order its invoice number (the seller's next of the year) once; return it.

    The counter row of the seller and year is locked by its UPDATE until the transaction
    ends, so two first downloads at once get two numbers in order; the order row is locked
    first, so one order never gets two.
    """
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.invoice_number is None:
            today = timezone.localdate()
            counter = InvoiceNumberCounter(company_id=order.company_id, year=today.year)
            InvoiceNumberCounter.objects.bulk_create([counter], ignore_conflicts=True)
            counters = InvoiceNumberCounter.objects.filter(
                company_id=order.company_id, year=today.year
            )
            counters.update(last=F("last") + 1)
            locked.invoice_number = counters.values_list("last", flat=True).get()
            locked.invoice_date = today
            locked.save(update_fields=["invoice_number", "invoice_date", "updated_at"])
    order.invoice_number, order.invoice_date = locked.invoice_number, locked.invoice_date
    return order


def money(amount: Decimal) -> str:
    """Return 1250000.5 as "1 250 000,50", as Russian documents write amounts."""
    return money_format(amount, language="ru", cents=True, sign=False)


def amount_in_words(amount: Decimal) -> str:
    """Return the amount in Russian words: "Один миллион ... тенге 50 тиын"."""
    amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    tenge = int(amount)
    tiyn = int((amount - tenge) * 100)
    words = num2words(tenge, lang="ru")
    return f"{words[:1].upper()}{words[1:]} тенге {tiyn:02d} тиын"


def vat_included(total: Decimal, rate: int | None) -> Decimal | None:
    """Return the VAT inside a total that includes it, or None for a non-payer."""
    if not rate:
        return None
    return (total * rate / (100 + rate)).quantize(CENT, rounding=ROUND_HALF_UP)


def invoice_lines(order: Order) -> list[tuple[str, str, str, str, str]]:
    """Return the table's rows: the order's lines at their prices, then what the seller
    added or took off when confirming the final total."""
    rows, priced = [], Decimal(0)
    for item in order.items.all():
        total = item.line_total
        priced += total or 0
        rows.append((item.title, str(item.quantity), item.unit_label,
                     "—" if item.price is None else money(item.price),
                     "—" if total is None else money(total)))  # fmt: skip
    difference = (order.final_total or Decimal(0)) - priced
    if difference:
        title = OTHER_COSTS if difference > 0 else DISCOUNT
        rows.append((title, "1", "", money(difference), money(difference)))
    return rows


def _parties(order: Order) -> list[tuple[str, str]]:
    seller = order.company
    bank = (
        f"{seller.bank_name}, БИК {seller.bic}, ИИК {seller.iban}"
        if seller.has_bank_details
        else "банковские реквизиты уточняйте у поставщика"
    )
    parties = [("Поставщик", f"{seller.name}, БИН {seller.bin}, {seller.legal_address}"),
               ("Банк поставщика", bank)]  # fmt: skip
    if order.is_company_purchase:
        buyer = f"{order.organization}, БИН {order.buyer_bin}, {order.buyer_legal_address}"
        parties += [
            ("Покупатель", buyer),
            ("Банк покупателя", f"БИК {order.buyer_bic}, ИИК {order.buyer_iban}"),
        ]
    else:
        parties.append(("Покупатель", f"{order.organization or order.full_name}, {order.address}"))
    date = order.created_at.astimezone(timezone.get_current_timezone())
    parties.append(("Основание", f"заказ № {order.number} от {date:%d.%m.%Y}"))
    return parties


class InvoicePDF(FPDF):
    def __init__(self):
        super().__init__(format="A4")
        for style in FONT_FILES:
            self.add_font(FONT, style, str(font_path(style)))
        self.set_auto_page_break(auto=True, margin=15)
        self.set_creator("Dala Market")

    def line(self, text: str, *, bold: bool = False, size: int = 10) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")

    def items_table(self, rows) -> None:
        self.set_font(FONT, "", 9)
        widths = tuple(width for _title, width, _align in COLUMNS)
        aligns = tuple(align for _title, _width, align in COLUMNS)
        with self.table(col_widths=widths, text_align=aligns, line_height=5) as table:
            table.row([title for title, _width, _align in COLUMNS])
            for number, row in enumerate(rows, start=1):
                table.row([str(number), *row])


def invoice_pdf(order: Order) -> bytes:
    """Return the PDF of the order's invoice (the order has its number: see above)."""
    with translation.override("ru"):
        rows = invoice_lines(order)
        pdf = InvoicePDF()
        pdf.set_title(f"Счёт на оплату № {order.invoice_number}")
        pdf.add_page()
        pdf.line(f"Счёт на оплату № {order.invoice_number} от {order.invoice_date:%d.%m.%Y}",
                 bold=True, size=14)  # fmt: skip
        pdf.ln(2)
        for label, text in _parties(order):
            pdf.line(f"{label}: {text}")
        pdf.ln(3)
        pdf.items_table(rows)
        _totals(pdf, order, count=len(rows))
    return bytes(pdf.output())


def _totals(pdf: InvoicePDF, order: Order, *, count: int) -> None:
    total = order.final_total or Decimal(0)
    vat = vat_included(total, order.company.vat_rate)
    pdf.ln(3)
    pdf.line(f"Итого: {money(total)} тенге", bold=True)
    if vat is None:
        pdf.line("Без НДС")
    else:
        pdf.line(f"В том числе НДС {order.company.vat_rate}%: {money(vat)} тенге")
    pdf.line(f"Всего наименований {count}, на сумму {money(total)} KZT")
    pdf.line(f"Всего к оплате: {amount_in_words(total)}", bold=True)
    pdf.ln(8)
    signatory = order.company.authorised_person
    pdf.line(f"Поставщик (уполномоченное лицо): ____________________ {signatory}")
