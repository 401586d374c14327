import json

import pytest
from django.utils.html import escape

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from privacy.models import DataRequest
from privacy.registry import registry
from privacy.services import disclosure_record

pytestmark = pytest.mark.django_db

DOWNLOAD_URL = "/account/privacy/data/download/"
SUMMARY_URL = "/account/privacy/data/"


@pytest.fixture
def other(db):
    """Another person, with a company, consents and a disclosure, who must never leak."""
    user = accept_policy(UserFactory(email="other.person@example.kz", last_name="Othersson"))
    CompanyFactory(owner=user, name="TOO Other", contact_email="other.co@example.kz")
    return user


def download(client):
    response = client.post(DOWNLOAD_URL)
    assert response.status_code == 200
    return response, json.loads(response.content)


def sections(data) -> dict:
    """Return the file's sections by their title (the source's description)."""
    return {section["Where"]: section for section in data["Your data on Dala Market"]}


def section_of(data, key):
    return sections(data)[str(registry.get(key).description)]


def test_the_download_is_a_json_attachment(member_client):
    response, _data = download(member_client)

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="dala-market-my-data-')
    assert response["Cache-Control"] == "no-store"


def test_the_download_covers_every_source_the_registry_declares(member_client):
    _response, data = download(member_client)

    assert set(sections(data)) == {str(source.description) for source in registry.sources()}
    for section in sections(data).values():
        assert {"Where", "Purpose", "Legal basis", "Recipients", "Records"} == set(section)


def test_the_download_holds_my_data(member_client, member):
    CompanyFactory(owner=member, name="TOO Mine")

    _response, data = download(member_client)

    (me,) = section_of(data, "accounts.user")["Records"]
    assert me["E-mail address"] == member.email
    assert me["Phone"] == member.phone.as_e164
    assert section_of(data, "accounts.company")["Records"][0]["Company name"] == "TOO Mine"
    assert section_of(data, "account.emailaddress")["Records"][0]["E-mail address"] == member.email


def test_the_download_contains_no_secret_and_no_other_persons_data(member_client, member, other):
    disclosure_record(
        actor=member, actor_label="TOO Mine", fields=["phone"], purpose="orders",
        reason="Order to me", subject=other,
    )  # fmt: skip
    member_client.get("/account/")  # a session exists

    response, _data = download(member_client)

    body = response.content.decode()
    assert member.password not in body
    assert member.password.split("$")[0] + "$" not in body  # no hash of any algorithm
    assert '"password"' not in body
    assert member_client.session.session_key not in body
    for trace in ("other.person@example.kz", "Othersson", "TOO Other", "other.co@example.kz"):
        assert trace not in body


def test_the_download_is_recorded_as_an_answered_access_request(member_client, member):
    _response, data = download(member_client)

    request = DataRequest.objects.get(user=member)
    assert request.kind == DataRequest.Kind.ACCESS
    assert request.status == DataRequest.Status.DONE
    assert request.completed_at is not None
    counts = request.report["rows_per_source"]
    assert counts == {
        source.key: len(section_of(data, source.key)["Records"]) for source in registry.sources()
    }
    assert counts["accounts.user"] == 1
    assert request.export is None  # the person got the data; no copy of it is kept


def test_the_download_needs_post(member_client):
    assert member_client.get(DOWNLOAD_URL).status_code == 405
    assert not DataRequest.objects.exists()


def test_the_summary_page_shows_every_source_readably(member_client, member):
    response = member_client.get(SUMMARY_URL)

    html = response.content.decode()
    assert member.email in html
    for source in registry.sources():
        assert escape(str(source.description)) in html  # as the template escapes it
    assert member.password not in html


def test_the_summary_page_escapes_my_own_text(member_client, member):
    member.address = "<img src=x onerror=alert(1)>"
    member.save()

    html = member_client.get(SUMMARY_URL).content.decode()

    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
