import pytest
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from privacy.models import ConsentEvent, PolicyVersion, Purpose
from privacy.selectors import policy_current
from privacy.tests.factories import PolicyVersionFactory

pytestmark = pytest.mark.django_db


def test_policy_page_shows_operator_details_from_settings(client, settings):
    settings.OPERATOR_NAME = "TOO Test Operator"
    settings.OPERATOR_BIN = "190440000000"
    settings.OPERATOR_ADDRESS = "Karaganda, Bukhar-Zhyrau 1"
    settings.OPERATOR_EMAIL = "dpo@test.kz"

    html = client.get("/privacy/policy/").content.decode()

    for value in ("TOO Test Operator", "190440000000", "Karaganda, Bukhar-Zhyrau 1", "dpo@test.kz"):
        assert value in html
    assert "In the Republic of Kazakhstan" in html


def test_policy_page_lists_the_purposes_from_the_database(client):
    Purpose.objects.create(
        code="surveys", name="Customer surveys", description="Asking what to improve",
        legal_basis="consent", retention="1 year", recipients="The operator",
    )  # fmt: skip

    html = client.get("/privacy/policy/").content.decode()

    assert "Customer surveys" in html
    assert "Marketing mailings" in html


def test_policy_page_lists_the_data_declared_to_the_registry(client):
    html = client.get("/privacy/policy/").content.decode()

    assert "Consent ledger: your consents and withdrawals" in html


def test_an_old_version_stays_readable_after_a_new_one_is_published(client):
    PolicyVersionFactory(version=3, text="## 1. New\nThe third text.")

    current = client.get("/privacy/policy/").content.decode()
    old = client.get("/privacy/policy/1/").content.decode()

    assert "The third text." in current
    assert "Dala Market is an online marketplace" in old
    assert "no longer in force" in old


def test_a_draft_or_missing_version_is_not_found(client):
    PolicyVersion.objects.create(version=7, text="draft")

    assert client.get("/privacy/policy/7/").status_code == 404
    assert client.get("/privacy/policy/99/").status_code == 404


def test_policy_text_is_escaped(client):
    PolicyVersionFactory(version=3, text="<script>alert(1)</script>")

    html = client.get("/privacy/policy/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _accepted_v1(client):
    user = UserFactory()
    for purpose in Purpose.objects.filter(is_required=True):
        ConsentEvent.objects.create(
            user=user, purpose=purpose, action="grant", channel="signup", text_shown="v1",
            policy_version=policy_current(),
        )  # fmt: skip
    client.force_login(user)
    return user


def test_user_who_accepted_v1_is_not_asked_again_while_v1_is_in_force(client):
    _accepted_v1(client)

    assert client.get("/").status_code == 200


def test_user_who_accepted_v1_is_asked_to_accept_v2_and_the_acceptance_is_recorded(client):
    user = _accepted_v1(client)
    PolicyVersionFactory(version=3, summary_of_changes="We added a purpose.")

    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/privacy/accept/?next=%2F"
    page = client.get(response["Location"]).content.decode()
    assert "We added a purpose." in page

    response = client.post("/privacy/accept/", {"accept": "on", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    events = ConsentEvent.objects.filter(user=user, policy_version__version=3)
    assert set(events.values_list("purpose__code", flat=True)) == {"service", "fraud", "legal"}
    assert client.get("/").status_code == 200


def test_accepting_without_ticking_the_box_is_refused_at_the_field(client):
    user = _accepted_v1(client)
    PolicyVersionFactory(version=3)

    response = client.post("/privacy/accept/", {"next": "/"})

    assert response.status_code == 200
    assert "Tick the box to accept the policy" in response.content.decode()
    assert not ConsentEvent.objects.filter(user=user, policy_version__version=3).exists()


def test_accept_page_never_redirects_off_site(client):
    _accepted_v1(client)
    PolicyVersionFactory(version=3)

    response = client.post("/privacy/accept/", {"accept": "on", "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_a_form_post_is_never_interrupted_by_the_new_policy(client):
    _accepted_v1(client)
    PolicyVersionFactory(version=3)

    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/"})

    assert response.status_code == 302
    with translation.override("ru"):
        assert response["Location"] == reverse("home")  # the home page in Russian


def test_once_accepted_the_check_reads_neither_ledger_nor_policy(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _accepted_v1(client)
    with CaptureQueriesContext(connection) as first:
        client.get("/")  # the first request of the session reads the ledger once
    with CaptureQueriesContext(connection) as second:
        client.get("/")

    def privacy_queries(context):
        return [q["sql"] for q in context.captured_queries if '"privacy_' in q["sql"]]

    assert privacy_queries(first)
    assert privacy_queries(second) == []
