import pytest
from django.utils.html import escape

from accounts.forms import BIN_TAKEN_MESSAGE
from accounts.models import Company
from accounts.regions import Region
from accounts.tests.factories import CompanyFactory, valid_bin
from accounts.validators import (
    BIN_CHECKSUM_MESSAGE,
    BIN_DIGITS_MESSAGE,
    BIN_FORMAT_MESSAGE,
    BIN_LENGTH_MESSAGE,
    PHONE_NOT_KZ_MESSAGE,
)

pytestmark = pytest.mark.django_db

URL = "/account/company/"


def company_data(**overrides):
    data = {
        "name": "TOO Kostanay Grain",
        "bin": valid_bin(101),
        "legal_address": "Kostanay, Al-Farabi ave. 65",
        "region": Region.KOSTANAY,
        "authorised_person": "Abenov Dauren, director",
        "contact_phone": "+7 714 250 0000",
        "contact_email": "sales@grain.kz",
        "description": "Wheat and barley, wholesale.",
    }
    data.update(overrides)
    return data


def test_a_user_becomes_a_seller_by_entering_a_company(member_client, member):
    response = member_client.post(URL, company_data())

    assert response.status_code == 302
    company = Company.objects.get(owner=member)
    assert company.name == "TOO Kostanay Grain"
    assert company.bin == valid_bin(101)
    assert company.contact_phone.as_e164 == "+77142500000"
    assert not company.is_verified


@pytest.mark.parametrize(
    ("bin_value", "message"),
    [
        (valid_bin(101)[:-1] + str((int(valid_bin(101)[-1]) + 1) % 10), BIN_CHECKSUM_MESSAGE),
        ("20014000010", BIN_LENGTH_MESSAGE),
        ("2001400001033", BIN_LENGTH_MESSAGE),
        ("20014000010A", BIN_DIGITS_MESSAGE),
        ("ABCDEFGHIJKL", BIN_DIGITS_MESSAGE),
        ("201340000103", BIN_FORMAT_MESSAGE),
    ],
)
def test_an_invalid_bin_is_refused_with_a_clear_message_at_the_field(
    member_client, member, bin_value, message
):
    response = member_client.post(URL, company_data(bin=bin_value))

    assert response.status_code == 200
    assert response.context["form"].errors["bin"] == [str(message)]
    html = response.content.decode()
    assert str(message) in html
    # At the field: the error list the input is described by (forms/field.html).
    assert 'aria-describedby="id_bin_helptext id_bin_error"' in html
    assert f'<ul class="errorlist" id="id_bin_error"><li>{escape(message)}</li></ul>' in html
    assert 'value="TOO Kostanay Grain"' in html  # what was typed is kept
    assert not Company.objects.filter(owner=member).exists()


def test_a_bin_already_registered_is_refused(member_client):
    CompanyFactory(bin=valid_bin(5))

    response = member_client.post(URL, company_data(bin=valid_bin(5)))

    assert response.context["form"].errors["bin"] == [str(BIN_TAKEN_MESSAGE)]


def test_the_company_can_be_edited_later(member_client, member):
    company = CompanyFactory(owner=member)

    member_client.post(URL, company_data(bin=company.bin, contact_email="new@grain.kz"))

    company.refresh_from_db()
    assert company.contact_email == "new@grain.kz"
    assert company.name == "TOO Kostanay Grain"
    assert Company.objects.filter(owner=member).count() == 1


def test_a_bad_edit_loses_nothing_already_saved(member_client, member):
    company = CompanyFactory(owner=member)
    before = Company.objects.filter(pk=company.pk).values().get()

    response = member_client.post(
        URL, company_data(bin=company.bin, contact_phone="+7 495 000 0000", name="")
    )

    assert response.context["form"].errors["contact_phone"] == [str(PHONE_NOT_KZ_MESSAGE)]
    assert "name" in response.context["form"].errors
    assert Company.objects.filter(pk=company.pk).values().get() == before


def test_renaming_a_verified_company_takes_the_verified_mark_away(member_client, member):
    company = CompanyFactory(owner=member, is_verified=True)

    member_client.post(URL, company_data(bin=company.bin, name="TOO Renamed"))

    company.refresh_from_db()
    assert not company.is_verified


def test_editing_contacts_of_a_verified_company_keeps_it_verified(member_client, member):
    company = CompanyFactory(owner=member, is_verified=True)

    member_client.post(URL, company_data(bin=company.bin, name=company.name))

    company.refresh_from_db()
    assert company.is_verified


def test_a_verified_company_shows_the_badge(member_client, member):
    CompanyFactory(owner=member, is_verified=True)

    html = member_client.get(URL).content.decode()

    assert "verified-badge" in html


def test_an_unverified_company_shows_no_badge(member_client, member):
    CompanyFactory(owner=member, is_verified=False)

    assert "verified-badge" not in member_client.get(URL).content.decode()


def test_a_seller_cannot_mark_their_own_company_verified(member_client, member):
    member_client.post(URL, company_data(is_verified="on"))

    assert not Company.objects.get(owner=member).is_verified
