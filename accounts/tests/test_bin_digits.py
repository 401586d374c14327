"""A BIN is twelve ASCII digits: what a person types is normalised (spaces, fullwidth
digits from an East Asian keyboard), every other digit is refused, so the same company
cannot register twice by writing its BIN in other digits."""

import pytest
from django.contrib.admin.sites import AdminSite
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from accounts.admin import CompanyAdmin
from accounts.forms import BIN_TAKEN_MESSAGE
from accounts.models import Company
from accounts.services import company_save
from accounts.tests.factories import CompanyFactory, UserFactory, valid_bin
from accounts.tests.test_company import URL, company_data
from accounts.validators import BIN_DIGITS_MESSAGE, bin_normalise, validate_bin

pytestmark = pytest.mark.django_db

BIN = valid_bin(5)
FULLWIDTH = BIN.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
ARABIC_INDIC = BIN.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
DEVANAGARI = BIN.translate(str.maketrans("0123456789", "०१२३४५६७८९"))
SUPERSCRIPT = "²" + BIN[1:]


@pytest.mark.parametrize("value", [ARABIC_INDIC, DEVANAGARI, SUPERSCRIPT, FULLWIDTH, "²" * 12])
def test_the_validator_takes_ascii_digits_only(value):
    with pytest.raises(ValidationError) as error:
        validate_bin(value)

    assert error.value.messages == [str(BIN_DIGITS_MESSAGE)]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (BIN, BIN),
        (f" {BIN[:4]} {BIN[4:8]} {BIN[8:]} ", BIN),
        (f"{BIN[:6]}\u00a0{BIN[6:]}", BIN),  # a no-break space copied from a document
        (f"{BIN[:6]}\t{BIN[6:]}", BIN),
        (FULLWIDTH, BIN),
        (ARABIC_INDIC, ARABIC_INDIC),  # not normalised: refused by the validator
    ],
)
def test_what_a_person_types_is_normalised(typed, stored):
    assert bin_normalise(typed) == stored


@pytest.mark.parametrize("typed", [FULLWIDTH, f"{BIN[:4]} {BIN[4:8]} {BIN[8:]}"])
def test_a_registered_bin_typed_another_way_is_refused_as_taken(member_client, member, typed):
    CompanyFactory(bin=BIN)

    response = member_client.post(URL, company_data(bin=typed))

    assert response.status_code == 200
    assert response.context["form"].errors["bin"] == [str(BIN_TAKEN_MESSAGE)]
    assert Company.objects.filter(bin=BIN).count() == 1
    assert not Company.objects.filter(owner=member).exists()


@pytest.mark.parametrize("typed", [ARABIC_INDIC, DEVANAGARI, SUPERSCRIPT])
def test_other_digits_are_refused_at_the_field_not_a_server_error(member_client, member, typed):
    response = member_client.post(URL, company_data(bin=typed))

    assert response.status_code == 200
    assert response.context["form"].errors["bin"] == [str(BIN_DIGITS_MESSAGE)]
    assert not Company.objects.filter(owner=member).exists()


def test_a_bin_typed_with_spaces_is_stored_as_twelve_digits(member_client, member):
    response = member_client.post(URL, company_data(bin=f"{BIN[:4]} {BIN[4:8]} {BIN[8:]}"))

    assert response.status_code == 302
    assert Company.objects.get(owner=member).bin == BIN


def test_the_service_refuses_other_digits():
    with pytest.raises(ValidationError) as error:
        company_save(
            owner=UserFactory(), name="TOO Copy", bin=ARABIC_INDIC, legal_address="Astana",
            region="akmola", authorised_person="A. B.", contact_phone="+77172000000",
            contact_email="copy@example.kz",
        )  # fmt: skip

    assert "bin" in error.value.message_dict


def test_the_database_holds_ascii_bins_only():
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyFactory(bin=ARABIC_INDIC)


@pytest.mark.parametrize(("typed", "error"), [(FULLWIDTH, BIN_TAKEN_MESSAGE), (SUPERSCRIPT, None)])
def test_the_admin_company_form_normalises_and_refuses_the_same(typed, error):
    CompanyFactory(bin=BIN)
    request = RequestFactory().get("/admin/accounts/company/add/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    form_class = CompanyAdmin(Company, AdminSite()).get_form(request)
    owner = UserFactory()

    form = form_class(data={**company_data(bin=typed), "owner": owner.pk})

    assert not form.is_valid()
    assert form.errors["bin"] == [str(error or BIN_DIGITS_MESSAGE)]
