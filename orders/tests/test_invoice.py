"""The invoice for payment of a confirmed order: its content, its number, who may get it."""

import io
from decimal import Decimal

import pytest
from django.test import Client
from pypdf import PdfReader

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from orders.invoice import amount_in_words, vat_included
from orders.models import Order
from orders.tests.factories import OrderFactory, OrderItemFactory
from privacy.models import DisclosureEvent

pytestmark = pytest.mark.django_db
KAZAKH_LETTERS = "әғқңөұүһі"


@pytest.fixture
def seller_browser(seller):
    """The seller, signed in on a client of their own (`client` is the buyer's)."""
    browser = Client()
    browser.force_login(seller)
    return browser


@pytest.fixture
def seller_company(company):
    company.name = "ТОО «Қазақ Астық Әлемі»"
    company.bank_name = "АО «Халық Банк Казахстана»"
    company.bic = "HSBKKZKX"
    company.iban = "KZ86125KZT5004100100"
    company.vat_rate = 12
    company.authorised_person = "Сейітқали Нұрлан, директор"
    company.save()
    return company


@pytest.fixture
def confirmed(seller_company, buyer):
    order = OrderFactory(
        company=seller_company,
        buyer=buyer,
        email=buyer.email,
        organization="ТОО «Таңғы Көрікті Түрлі Шаһар»",
        buyer_bin="200140000103",
        buyer_legal_address="Шымкент, ұл. Тәуке хан, 1",
        buyer_bic="CASPKZKA",
        buyer_iban="KZ86125KZT5004100100",
        buyer_signatory="Әлиев Ғалым, директор",
        status=Order.Status.CONFIRMED,
        final_total=Decimal("1250000.50"),
        subtotal=Decimal("1140000"),
    )
    OrderItemFactory(order=order, title="Пшеница 3 класс", unit="tonne", price=95_000, quantity=12)
    return order


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_invoice_shows_both_bins_the_lines_the_total_in_words_and_kazakh_letters(
    client, buyer, confirmed
):
    client.force_login(buyer)

    text = pdf_text(client.get(f"/orders/{confirmed.public_id}/invoice.pdf"))

    assert "Счёт на оплату № 1" in text
    assert confirmed.company.bin in text
    assert "200140000103" in text
    assert "Пшеница 3 класс" in text
    assert "1 140 000,00" in text.replace("\u00a0", " ")
    assert "Прочие согласованные расходы" in text  # delivery agreed on top of the lines
    assert "Один миллион двести пятьдесят тысяч тенге 50 тиын" in text
    assert "В том числе НДС 12%: 133 928,63" in text.replace("\u00a0", " ")
    assert "Қазақ Астық Әлемі" in text
    assert "Таңғы Көрікті Түрлі Шаһар" in text
    assert set(KAZAKH_LETTERS) <= set(text)


def test_invoices_are_numbered_per_seller_per_year_and_keep_their_number(
    client, seller_browser, buyer, confirmed
):
    second = OrderFactory(company=confirmed.company, status=Order.Status.CONFIRMED, final_total=5)
    other_seller_order = OrderFactory(status=Order.Status.CONFIRMED, final_total=5)
    client.force_login(buyer)

    client.get(f"/orders/{confirmed.public_id}/invoice.pdf")
    seller_browser.get(f"/seller/orders/{second.pk}/invoice.pdf")
    client.get(f"/orders/{confirmed.public_id}/invoice.pdf")
    client.logout()
    client.get(f"/orders/{other_seller_order.public_id}/invoice.pdf")

    numbers = Order.objects.order_by("pk").values_list("invoice_number", flat=True)
    assert list(numbers) == [1, 2, 1]


def test_every_download_is_a_disclosure_of_the_buyers_data(
    client, seller_browser, buyer, confirmed
):
    client.force_login(buyer)
    client.get(f"/orders/{confirmed.public_id}/invoice.pdf")
    seller_browser.get(f"/seller/orders/{confirmed.pk}/invoice.pdf")

    events = DisclosureEvent.objects.filter(subject=buyer).order_by("pk")
    assert [e.actor_label for e in events] == ["Buyer", confirmed.company.name]
    assert all(e.fields == ["organization"] for e in events)


def test_a_new_order_has_no_invoice_yet(client, buyer, confirmed):
    Order.objects.filter(pk=confirmed.pk).update(status=Order.Status.NEW, final_total=None)
    client.force_login(buyer)

    assert client.get(f"/orders/{confirmed.public_id}/invoice.pdf").status_code == 404


def test_another_buyer_another_seller_or_a_stranger_cannot_download_it(client, confirmed):
    buyer_url = f"/orders/{confirmed.public_id}/invoice.pdf"
    seller_url = f"/seller/orders/{confirmed.pk}/invoice.pdf"

    assert client.get(buyer_url).status_code == 404  # a stranger, on a signed-in buyer's order
    stranger_seller = client.get(seller_url)
    assert stranger_seller.status_code == 302
    assert "/accounts/login/" in stranger_seller.url
    client.force_login(accept_policy(UserFactory()))  # another buyer, without a company
    assert client.get(buyer_url).status_code == 404
    assert client.get(seller_url).status_code == 403
    client.force_login(CompanyFactory(owner=accept_policy(UserFactory())).owner)
    assert client.get(buyer_url).status_code == 404
    assert client.get(seller_url).status_code == 404
    assert not Order.objects.filter(invoice_number__isnull=False).exists()
    assert not DisclosureEvent.objects.exists()


def test_the_order_pages_link_the_invoice_once_confirmed(client, seller_browser, buyer, confirmed):
    client.force_login(buyer)

    assert (
        f"/orders/{confirmed.public_id}/invoice.pdf"
        in client.get(f"/orders/{confirmed.public_id}/").content.decode()
    )
    assert (
        f"/seller/orders/{confirmed.pk}/invoice.pdf"
        in seller_browser.get(f"/seller/orders/{confirmed.pk}/").content.decode()
    )


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("21", "Двадцать один тенге 00 тиын"),
        ("1001.01", "Одна тысяча один тенге 01 тиын"),
        ("2000000", "Два миллиона тенге 00 тиын"),
    ],
)
def test_amounts_in_russian_words(amount, words):
    assert amount_in_words(Decimal(amount)) == words


def test_vat_is_the_share_inside_a_total_that_includes_it():
    assert vat_included(Decimal("112"), 12) == Decimal("12.00")
    assert vat_included(Decimal("112"), None) is None
