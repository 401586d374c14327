"""Disclosures to state bodies: seen by the person, unless the request forbids telling them."""

import pytest

from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from privacy.models import AuthorityRequest, DisclosureEvent
from privacy.selectors import disclosure_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    sign_in_with_second_factor(client, staff)
    return client


def _record(client, person, **extra):
    return client.post(
        "/admin/privacy/authorityrequest/add/",
        {
            "body": "Department of Economic Investigations, Astana",
            "legal_basis": "Code of Criminal Procedure, Art. 122",
            "document_number": "12-3/456",
            "document_date": "2026-11-20",
            "fields_given": "name\nphone\norders of 2026",
            "user": person.pk,
            "email": "",
            **extra,
        },
    )


def test_a_state_bodys_request_is_a_disclosure_the_person_sees(officer, client):
    person = UserFactory()

    response = _record(officer, person)

    assert response.status_code == 302
    event = AuthorityRequest.objects.get().disclosure
    assert event.actor_label == "Department of Economic Investigations, Astana"
    assert event.fields == ["name", "phone", "orders of 2026"]
    assert "12-3/456" in event.reason
    assert "Art. 122" in event.reason
    assert list(disclosure_list(user=person)) == [event]
    client.force_login(person)
    page = client.get("/account/privacy/").content.decode()
    assert "Department of Economic Investigations, Astana" in page


def test_a_request_that_forbids_telling_is_hidden_from_the_person_and_flagged(officer):
    person = UserFactory()

    _record(officer, person, must_not_tell="on")

    event = DisclosureEvent.objects.get(subject=person)
    assert event.hidden_from_subject
    assert list(disclosure_list(user=person)) == []
    listing = officer.get("/admin/privacy/disclosureevent/?hidden_from_subject__exact=1")
    assert "Department of Economic Investigations" in listing.content.decode()


def test_the_data_given_is_required_at_its_field(officer):
    person = UserFactory()

    response = _record(officer, person, fields_given="  \n ")

    assert response.status_code == 200
    assert "Say which data was handed over, one kind per line." in response.content.decode()
    assert not AuthorityRequest.objects.exists()
