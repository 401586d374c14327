import pytest

from accounts.forms import NAME_REQUIRED_MESSAGE, PHONE_REQUIRED_MESSAGE
from accounts.regions import Region
from accounts.validators import PHONE_INVALID_MESSAGE, PHONE_NOT_KZ_MESSAGE

pytestmark = pytest.mark.django_db

URL = "/account/profile/"


def profile_data(**overrides):
    data = {
        "first_name": "Dauren",
        "last_name": "Abenov",
        "patronymic": "Serikovich",
        "phone": "+7 777 123 4567",
        "region": Region.KOSTANAY,
        "address": "Kostanay, Baitursynov st. 10",
    }
    data.update(overrides)
    return data


def test_the_personal_account_needs_a_signed_in_user(client):
    for url in ("/account/", URL, "/account/company/", "/account/privacy/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_overview_links_every_section(member_client):
    html = member_client.get("/account/").content.decode()

    for url in ("/account/profile/", "/account/company/", "/account/orders/", "/account/privacy/"):
        assert f'href="{url}"' in html


def test_profile_page_links_allauths_email_and_password_pages(member_client):
    html = member_client.get(URL).content.decode()

    assert 'href="/accounts/email/"' in html
    assert 'href="/accounts/password/change/"' in html


def test_profile_update_saves_the_person(member_client, member):
    response = member_client.post(URL, profile_data())

    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.first_name, member.last_name, member.patronymic) == (
        "Dauren",
        "Abenov",
        "Serikovich",
    )
    assert member.phone.as_e164 == "+77771234567"
    assert member.region == Region.KOSTANAY
    assert member.address == "Kostanay, Baitursynov st. 10"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", NAME_REQUIRED_MESSAGE),
        ("last_name", "", NAME_REQUIRED_MESSAGE),
        ("phone", "", PHONE_REQUIRED_MESSAGE),
        ("phone", "+7 495 123 4567", PHONE_NOT_KZ_MESSAGE),
        ("phone", "call me", PHONE_INVALID_MESSAGE),
    ],
)
def test_profile_update_refuses_bad_input_at_the_field_and_keeps_what_was_saved(
    member_client, member, field, value, message
):
    before = (member.first_name, member.last_name, member.phone, member.address)

    response = member_client.post(URL, profile_data(**{field: value}))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [str(message)]
    html = response.content.decode()
    assert "field-error" in html
    assert str(message) in html
    member.refresh_from_db()
    assert (member.first_name, member.last_name, member.phone, member.address) == before


def test_profile_update_refuses_an_unknown_region(member_client, member):
    response = member_client.post(URL, profile_data(region="moscow"))

    assert "region" in response.context["form"].errors
    member.refresh_from_db()
    assert member.region == ""


def test_profile_update_ignores_fields_that_are_not_on_the_form(member_client, member):
    member_client.post(
        URL, profile_data(email="taken@example.kz", is_staff="on", is_active="", id=999)
    )

    member.refresh_from_db()
    assert member.email != "taken@example.kz"
    assert not member.is_staff
    assert member.is_active
