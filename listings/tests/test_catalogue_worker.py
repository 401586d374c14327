"""The catalogue check and import on a real Celery worker, through the real Redis broker."""

import time

import pytest

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from listings.catalogue import importer
from listings.catalogue.models import CatalogueImport
from listings.models import Listing
from listings.tests.catalogue_files import csv_upload

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def wait_for(catalogue_import, *statuses, timeout=60) -> CatalogueImport:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        catalogue_import.refresh_from_db()
        if catalogue_import.status in statuses:
            return catalogue_import
        time.sleep(0.2)
    pytest.fail(f"The import is still {catalogue_import.status}")


def test_the_worker_checks_then_imports_a_catalogue(celery_worker_process):
    company = CompanyFactory(owner=accept_policy(UserFactory()))
    lines = ["sku;title;category;price"] + [
        f"K-{n};Пшеница {n};wheat;{1000 + n}" for n in range(50)
    ]
    lines.append("K-bad;Ячмень;no-such-category;1")

    uploaded = importer.catalogue_import_create(
        company=company, upload=csv_upload("\n".join(lines)), language="en"
    )
    checked = wait_for(uploaded, CatalogueImport.Status.READY, CatalogueImport.Status.REFUSED)
    assert (checked.to_create, checked.to_refuse) == (50, 1), checked.preview
    assert not Listing.objects.exists()

    importer.catalogue_import_confirm(catalogue_import=checked)
    done = wait_for(checked, CatalogueImport.Status.DONE, CatalogueImport.Status.FAILED)

    assert (done.created, done.updated, done.refused) == (50, 0, 1)
    assert done.percent == 100
    assert Listing.objects.filter(company=company).count() == 50
