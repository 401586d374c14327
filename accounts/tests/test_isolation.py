"""Nobody reaches another person's data: every Personal Account page is about `request.user`.

Each test signs in as one user and tries to reach the other's data by every door a URL or
a posted field could open.
"""

import json

import pytest

from accounts.models import Company
from accounts.tests.factories import PASSWORD, CompanyFactory, UserFactory, accept_policy
from privacy.models import ConsentEvent, DataRequest
from privacy.selectors import consent_given

pytestmark = pytest.mark.django_db


@pytest.fixture
def victim(db):
    user = accept_policy(
        UserFactory(email="victim@example.kz", last_name="Victimova", address="Secret st. 1"),
        marketing=True,
    )
    CompanyFactory(owner=user, name="TOO Victim", contact_email="victim.co@example.kz")
    return user


@pytest.mark.parametrize(
    "path",
    [
        "/account/{pk}/",
        "/account/profile/{pk}/",
        "/account/company/{pk}/",
        "/account/company/{company}/",
        "/account/privacy/{pk}/",
        "/account/privacy/data/{pk}/",
        "/account/privacy/data/download/{pk}/",
        "/account/privacy/delete/{pk}/",
    ],
)
def test_urls_with_another_persons_id_do_not_exist(member_client, victim, path):
    url = path.format(pk=victim.pk, company=victim.company.pk)

    assert member_client.get(url).status_code == 404
    assert member_client.post(url, {"password": PASSWORD}).status_code == 404


@pytest.mark.parametrize(
    "url", ["/account/", "/account/profile/", "/account/company/", "/account/privacy/"]
)
def test_pages_show_only_the_signed_in_users_data(member_client, victim, url):
    html = member_client.get(url, {"user": victim.pk, "pk": victim.pk, "id": victim.pk})

    body = html.content.decode()
    for trace in ("victim@example.kz", "Victimova", "Secret st. 1", "TOO Victim"):
        assert trace not in body


def test_posting_another_persons_ids_to_the_profile_changes_only_mine(
    member_client, member, victim
):
    member_client.post(
        "/account/profile/",
        {
            "id": victim.pk, "pk": victim.pk, "user": victim.pk, "email": victim.email,
            "first_name": "Hacked", "last_name": "Hacked", "phone": "+77010000000",
        },
    )  # fmt: skip

    victim.refresh_from_db()
    member.refresh_from_db()
    assert victim.last_name == "Victimova"
    assert member.last_name == "Hacked"


def test_posting_another_persons_ids_to_the_company_page_cannot_touch_their_company(
    member_client, member, victim
):
    theirs = victim.company

    member_client.post(
        "/account/company/",
        {
            "id": theirs.pk, "pk": theirs.pk, "owner": victim.pk, "name": "TOO Hijacked",
            "bin": theirs.bin, "legal_address": "x", "region": "astana",
            "authorised_person": "x", "contact_phone": "+77010000000",
            "contact_email": "x@example.kz",
        },
    )  # fmt: skip

    theirs.refresh_from_db()
    assert theirs.name == "TOO Victim"
    assert theirs.owner_id == victim.pk
    assert not Company.objects.filter(owner=member).exists()  # their BIN is refused


def test_posting_another_persons_id_to_consents_changes_only_mine(member_client, member, victim):
    before = ConsentEvent.objects.filter(user=victim).count()

    member_client.post(
        "/account/privacy/consent/",
        {"purpose": "marketing", "action": "withdraw", "user": victim.pk, "email": victim.email},
    )

    assert ConsentEvent.objects.filter(user=victim).count() == before
    assert consent_given(purpose="marketing", user=victim)


def test_asking_for_another_persons_export_returns_mine(member_client, member, victim):
    response = member_client.post(
        "/account/privacy/data/download/",
        {"user": victim.pk, "user_id": victim.pk, "email": victim.email},
    )

    data = json.loads(response.content)
    [account] = [
        s for s in data["Your data on Dala Market"] if s["Where"].startswith("Your account")
    ]
    assert [row["Record number"] for row in account["Records"]] == [str(member.pk)]
    assert "victim" not in response.content.decode().lower()
    assert not DataRequest.objects.filter(user=victim).exists()


def test_the_summary_page_ignores_another_persons_id(member_client, victim):
    body = member_client.get("/account/privacy/data/", {"user": victim.pk}).content.decode()

    assert "victim" not in body.lower()


def test_deleting_with_another_persons_id_closes_only_my_account(member_client, member, victim):
    member_client.post("/account/privacy/delete/", {"password": PASSWORD, "user": victim.pk})

    victim.refresh_from_db()
    member.refresh_from_db()
    assert victim.is_active
    assert not member.is_active
    assert not DataRequest.objects.filter(user=victim).exists()


def test_the_victims_password_does_not_close_my_account(member_client, member, victim):
    victim.set_password("Victims-Own-Pass-1")
    victim.save()

    member_client.post("/account/privacy/delete/", {"password": "Victims-Own-Pass-1"})

    member.refresh_from_db()
    victim.refresh_from_db()
    assert member.is_active
    assert victim.is_active
