"""Catalogue import: the template, the preview, the import, refused rows and refused files.

Tasks run inline here (the Celery worker runs them in test_catalogue_worker.py).
"""

import csv
import io

import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.utils import translation

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from listings.catalogue import export, reader
from listings.catalogue.forms import CatalogueUploadForm
from listings.catalogue.models import CatalogueImport
from listings.models import Listing, PriceTier
from listings.tests.catalogue_files import (
    BAD_ROWS,
    catalogue_rows,
    csv_upload,
    filled_template,
    with_macros,
    xlsx_upload,
    xlsx_with,
)
from listings.tests.factories import ListingFactory

pytestmark = pytest.mark.django_db


def template(client, fmt="xlsx") -> bytes:
    response = client.get(f"/seller/listings/import/template.{fmt}")
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a request schedules on commit (the check and import tasks), as in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def upload(client, committed, file) -> CatalogueImport:
    with committed():
        response = client.post("/seller/listings/import/", {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    return CatalogueImport.objects.latest("pk")


def confirm(client, committed, catalogue_import) -> CatalogueImport:
    with committed():
        response = client.post(f"/seller/listings/import/{catalogue_import.pk}/confirm/")
    assert response.status_code == 302
    catalogue_import.refresh_from_db()
    return catalogue_import


def report_rows(client, catalogue_import) -> list[list[str]]:
    response = client.get(f"/seller/listings/import/{catalogue_import.pk}/report.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))[1:]


@pytest.fixture
def thousand_rows(seller_client):
    content = filled_template(template(seller_client), catalogue_rows(1000, bad=BAD_ROWS))
    return content


def test_the_template_has_a_header_in_the_sellers_language(seller_client):
    english = template(seller_client, "csv").decode("utf-8-sig")
    with translation.override("ru"):
        russian = export.template_csv().decode("utf-8-sig")
    with translation.override("kk"):
        kazakh = export.template_csv().decode("utf-8-sig")

    assert english.splitlines()[0].startswith("SKU;Title;Category")
    assert russian.splitlines()[0].startswith("Артикул;Название;Категория")
    assert kazakh.splitlines()[0].startswith("Артикул;Атауы;")


def test_1000_rows_with_5_bad_create_995_listings_and_report_the_5(
    seller_client, company, thousand_rows, committed
):
    checked = upload(seller_client, committed, xlsx_upload(thousand_rows))

    assert checked.status == CatalogueImport.Status.READY
    assert (checked.to_create, checked.to_update, checked.to_refuse) == (995, 0, 5)
    assert Listing.objects.count() == 0  # the preview saves nothing
    done = confirm(seller_client, committed, checked)

    assert done.status == CatalogueImport.Status.DONE
    assert (done.created, done.updated, done.refused) == (995, 0, 5)
    assert Listing.objects.filter(company=company, status=Listing.Status.PUBLISHED).count() == 995
    refused = {
        int(row[0]): row[4] for row in report_rows(seller_client, done) if row[1] == "refused"
    }
    # Spreadsheet row numbers: the header is row 1, so data row n is row n + 1.
    assert sorted(refused) == [n + 1 for n in BAD_ROWS]
    for n, (_key, _value, reason) in BAD_ROWS.items():
        assert reason in refused[n + 1]


def test_the_preview_lists_refused_rows_with_their_number_and_reason(
    seller_client, thousand_rows, committed
):
    checked = upload(seller_client, committed, xlsx_upload(thousand_rows))

    page = seller_client.get(f"/seller/listings/import/{checked.pk}/").content.decode()

    assert "995 listings will be created" in page
    assert "5 rows are refused" in page
    assert 'data-row="203"' in page
    assert "bad price “abc”" in page


def test_importing_the_same_file_again_updates_and_creates_nothing(
    seller_client, thousand_rows, committed
):
    confirm(seller_client, committed, upload(seller_client, committed, xlsx_upload(thousand_rows)))
    ids = set(Listing.objects.values_list("pk", flat=True))

    second = confirm(
        seller_client, committed, upload(seller_client, committed, xlsx_upload(thousand_rows))
    )

    assert (second.created, second.updated, second.refused) == (0, 995, 5)
    assert set(Listing.objects.values_list("pk", flat=True)) == ids
    assert PriceTier.objects.count() == 995 * 2


def test_rows_are_read_into_listings_with_tiers(seller_client, company, committed):
    content = "sku;Title;category;Price, KZT (empty: on request);unit;price_tiers\n"
    content += 'W-1;Пшеница 3 класс;wheat;95 000;тонна;"10: 90 000; 100: 85000,50"\n'
    content += "W-2;Ячмень;Barley;;т;\n"
    confirm(
        seller_client,
        committed,
        upload(seller_client, committed, csv_upload(content, encoding="cp1251")),
    )

    wheat, barley = Listing.objects.order_by("sku")
    assert (wheat.price, wheat.unit, wheat.category.slug) == (95000, "tonne", "wheat")
    assert [(t.min_quantity, str(t.price)) for t in wheat.price_tiers.all()] == [
        (10, "90000.00"),
        (100, "85000.50"),
    ]
    assert barley.price_on_request
    assert barley.price is None
    assert wheat.region == company.region


def test_a_repeated_sku_in_one_file_is_refused_with_the_first_row(seller_client, committed):
    content = "sku;title;category;price\nX-1;Пшеница;wheat;1\nX-1;Ячмень;barley;2\n"
    checked = upload(seller_client, committed, csv_upload(content))

    assert (checked.to_create, checked.to_refuse) == (1, 1)
    assert "already in row 2" in checked.preview["refused"][0][3]


def test_an_export_imports_back_as_updates_and_a_listing_without_sku_is_refused(
    seller_client, company, committed
):
    for n in range(3):
        ListingFactory(company=company, sku=f"S-{n}", title="Семена", price=10)
    ListingFactory(company=company, sku="", title="Made on the form, without an SKU")
    exported = seller_client.get("/seller/listings/export.xlsx")
    content = b"".join(exported.streaming_content)

    done = confirm(seller_client, committed, upload(seller_client, committed, xlsx_upload(content)))

    assert (done.created, done.updated, done.refused) == (0, 3, 1)
    assert Listing.objects.count() == 4


def test_a_non_spreadsheet_is_refused_at_the_field(seller_client):
    png = xlsx_upload(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", name="photo.xlsx")

    response = seller_client.post("/seller/listings/import/", {"file": png})

    assert response.status_code == 200
    assert str(reader.FILE_NOT_A_SPREADSHEET) in response.content.decode()
    assert not CatalogueImport.objects.exists()


def test_a_file_over_50_mb_is_refused():
    big = TemporaryUploadedFile("big.csv", "text/csv", 0, "utf-8")
    big.write(b"sku;title;category\n" + b"x" * reader.MAX_BYTES)
    big.flush()
    big.size = big.tell()

    form = CatalogueUploadForm(files={"file": big})

    assert reader.MAX_BYTES == 50 * 1024 * 1024
    assert form.errors["file"] == [str(reader.FILE_TOO_LARGE)]


def test_a_workbook_with_macros_is_refused(seller_client):
    content = with_macros(xlsx_with([["sku", "title", "category"], ["1", "Пшеница", "wheat"]]))

    response = seller_client.post("/seller/listings/import/", {"file": xlsx_upload(content)})

    assert str(reader.FILE_HAS_MACROS) in response.content.decode()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_file_with_a_formula_is_refused_with_its_row(seller_client, fmt, committed):
    rows = [["sku", "title", "category", "price"], ["1", "Пшеница", "wheat", "=2*50000"]]
    if fmt == "xlsx":
        file = xlsx_upload(xlsx_with(rows))
    else:
        file = csv_upload("\n".join(";".join(row) for row in rows))

    refused = upload(seller_client, committed, file)

    assert refused.status == CatalogueImport.Status.REFUSED
    assert refused.problem == str(reader.FILE_HAS_FORMULAS % {"row": 2})
    assert not Listing.objects.exists()


def test_a_file_of_more_than_100000_rows_is_refused(seller_client, committed):
    lines = ["sku;title;category"] + [f"{n};;" for n in range(reader.MAX_ROWS + 1)]

    refused = upload(seller_client, committed, csv_upload("\n".join(lines)))

    assert refused.status == CatalogueImport.Status.REFUSED
    assert refused.problem == str(reader.FILE_TOO_MANY_ROWS % {"max": "100,000"})


def test_a_file_without_the_templates_header_is_refused(seller_client, committed):
    refused = upload(seller_client, committed, csv_upload("a;b;c\n1;2;3\n"))

    assert refused.problem == str(reader.FILE_NO_HEADER)


def test_another_seller_cannot_open_or_confirm_an_import(
    seller_client, client, thousand_rows, committed
):
    checked = upload(seller_client, committed, xlsx_upload(thousand_rows))
    other = CompanyFactory(owner=accept_policy(UserFactory())).owner
    client.force_login(other)

    for url in ("", "progress/", "report.csv"):
        assert client.get(f"/seller/listings/import/{checked.pk}/{url}").status_code == 404
    assert client.post(f"/seller/listings/import/{checked.pk}/confirm/").status_code == 404
    checked.refresh_from_db()
    assert checked.status == CatalogueImport.Status.READY


def test_progress_is_reported_as_json(seller_client, thousand_rows, committed):
    done = confirm(
        seller_client, committed, upload(seller_client, committed, xlsx_upload(thousand_rows))
    )

    data = seller_client.get(f"/seller/listings/import/{done.pk}/progress/").json()

    assert data == {
        "status": "done", "label": "Imported", "running": False,
        "processed": 1000, "total": 1000, "percent": 100,
    }  # fmt: skip
