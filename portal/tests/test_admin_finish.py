"""The admin is finished: the portal's name, translated names, what waits for each role,
the data-request list and form, and /favicon.ico."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from accounts.tests.factories import CompanyFactory, UserFactory, sign_in_with_second_factor
from privacy.models import DataRequest
from privacy.services import data_request_create
from support.models import Complaint
from support.tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def _staff_client(*codenames, language="en") -> Client:
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client = Client()
    sign_in_with_second_factor(client, user)
    client.cookies["django_language"] = language
    return client


def _superuser_client(language="en") -> Client:
    client = Client()
    sign_in_with_second_factor(client, UserFactory(is_staff=True, is_superuser=True))
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize(
    ("language", "header", "cookie_groups", "sessions"),
    [
        ("ru", "Администрирование Dala Market", "Группы cookie", "Сеансы пользователей"),
        ("kk", "Dala Market әкімшілігі", "Cookie топтары", "Пайдаланушы сеанстары"),
    ],
)
def test_the_admin_index_speaks_the_staffs_language(language, header, cookie_groups, sessions):
    html = _superuser_client(language).get("/admin/").content.decode()

    assert header in html
    assert "Django" not in html.split("<body", 1)[1].split("</header>", 1)[0]
    assert cookie_groups in html
    assert sessions in html
    for english in ("Cookie Groups", "User sessions", "User Sessions", "Authenticators"):
        assert f">{english}<" not in html


def test_the_admin_index_shows_what_waits_for_a_moderator_and_nothing_else():
    ComplaintFactory()
    ComplaintFactory(status=Complaint.Status.RESOLVED)
    client = _staff_client("moderate_listing", "view_complaint")

    response = client.get("/admin/")

    waiting = {item.label: item.count for item in response.context["waiting"]}
    assert waiting == {"Listings to moderate": 1}


def test_the_admin_index_counts_data_requests_and_companies_for_their_handlers():
    data_request_create(kind=DataRequest.Kind.ACCESS, email="guest@example.kz", verified=True)
    data_request_create(kind=DataRequest.Kind.ACCESS, email="other@example.kz")  # not confirmed
    CompanyFactory(is_verified=False)
    client = _staff_client("view_datarequest", "handle_datarequest", "verify_company")

    response = client.get("/admin/")

    waiting = {item.label: item.count for item in response.context["waiting"]}
    assert waiting == {
        "Data requests to answer": 1,
        "Data requests overdue": 0,
        "Companies to verify": 1,
    }
    html = response.content.decode()
    assert 'id="waiting-for-you"' in html


def test_a_staff_member_without_those_rights_sees_no_waiting_panel():
    response = _staff_client("view_user").get("/admin/")

    assert response.context["waiting"] == []
    assert 'id="waiting-for-you"' not in response.content.decode()


def test_the_data_request_form_picks_the_user_by_autocomplete_not_a_list_of_everyone():
    UserFactory.create_batch(3)
    client = _superuser_client()

    html = client.get("/admin/privacy/datarequest/add/").content.decode()

    assert 'data-ajax--url="/admin/autocomplete/"' in html
    assert "admin-autocomplete" in html
    assert html.count("<option") < 10  # kinds only: no option per user


def test_staff_record_a_request_received_by_letter_and_it_is_due_in_the_legal_period():
    person = UserFactory(email="Person@Example.kz")
    client = _superuser_client()

    response = client.post(
        "/admin/privacy/datarequest/add/",
        {"kind": DataRequest.Kind.ACCESS, "user": person.pk, "email": "", "details": "Письмо"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    data_request = DataRequest.objects.get()
    assert (data_request.user, data_request.email) == (person, "person@example.kz")
    assert data_request.due_at > data_request.received_at


def test_favicon_ico_leads_to_a_real_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    body = b"".join(icon.streaming_content) if icon.streaming else icon.content
    assert body[:4] == b"\x00\x00\x01\x00"  # the ICO header
