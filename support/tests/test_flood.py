"""Bots and floods: the honeypot drops scripted submissions, rate limits cap the rest."""

import pytest

from listings.tests.factories import ListingFactory
from privacy.models import ConsentEvent
from support import views
from support.forms import HONEYPOT_FIELD
from support.limits import RATE_PER_IDENTITY, RATE_PER_IP
from support.models import CallbackRequest, Complaint, Feedback

pytestmark = pytest.mark.django_db

IP_LIMIT = int(RATE_PER_IP.split("/")[0])
IDENTITY_LIMIT = int(RATE_PER_IDENTITY.split("/")[0])


def _feedback(n, **overrides):
    return {"name": "Bot", "email": f"sender{n}@example.kz", "message": "Hello", **overrides}


def _callback(n, **overrides):
    return {
        "name": "Bot",
        "phone": f"+7701{n:07d}",
        "preferred_time": "any",
        "topic": "Call me",
        **overrides,
    }


def _complaint(listing, n, **overrides):
    return {
        "target_kind": "listing",
        "target": str(listing.pk),
        "reason": "other",
        "text": "Spam",
        "name": "Bot",
        "email": f"bot{n}@example.kz",
        **overrides,
    }


@pytest.mark.parametrize(
    ("url", "model"),
    [
        ("/support/feedback/", Feedback),
        ("/support/callback/", CallbackRequest),
        ("/support/complaint/", Complaint),
    ],
)
def test_a_filled_honeypot_gets_the_success_page_and_saves_nothing(client, url, model):
    listing = ListingFactory()
    data = {
        "/support/feedback/": _feedback(1),
        "/support/callback/": _callback(1),
        "/support/complaint/": _complaint(listing, 1),
    }[url]

    response = client.post(url, {**data, HONEYPOT_FIELD: "http://spam.example"})

    assert response.status_code == 302
    assert response["Location"] == f"{url}sent/"
    assert model.objects.count() == 0
    assert ConsentEvent.objects.count() == 0


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client):
    body = client.get("/support/feedback/").content.decode()

    assert '<div class="support-hp" aria-hidden="true">' in body
    assert f'name="{HONEYPOT_FIELD}"' in body
    assert 'tabindex="-1"' in body


def test_twenty_feedback_posts_from_one_ip_save_at_most_the_limit(client):
    responses = [client.post("/support/feedback/", _feedback(n)) for n in range(20)]

    assert Feedback.objects.count() == IP_LIMIT
    assert [r.status_code for r in responses].count(302) == IP_LIMIT
    assert {r.status_code for r in responses[IP_LIMIT:]} == {429}


def test_twenty_callback_posts_from_one_ip_save_at_most_the_limit(client):
    for n in range(20):
        client.post("/support/callback/", _callback(n))

    assert CallbackRequest.objects.count() == IP_LIMIT


def test_twenty_complaints_from_one_ip_save_at_most_the_limit(client):
    listing = ListingFactory()
    for n in range(20):
        client.post("/support/complaint/", _complaint(listing, n))

    assert Complaint.objects.count() == IP_LIMIT
    assert ConsentEvent.objects.count() == IP_LIMIT


def test_one_email_from_many_ips_is_limited_too(client):
    for n in range(20):
        client.post("/support/feedback/", _feedback(1), REMOTE_ADDR=f"10.0.{n}.1")

    assert Feedback.objects.count() == IDENTITY_LIMIT


def test_one_email_is_limited_whatever_its_letter_case(client):
    for n in range(10):
        email = "Same@Example.kz" if n % 2 else "same@example.KZ"
        client.post("/support/feedback/", _feedback(1, email=email), REMOTE_ADDR=f"10.1.{n}.1")

    assert Feedback.objects.count() == IDENTITY_LIMIT


def test_one_phone_from_many_ips_is_limited_too(client):
    for n in range(20):
        client.post("/support/callback/", _callback(7), REMOTE_ADDR=f"10.2.{n}.1")

    assert CallbackRequest.objects.count() == IDENTITY_LIMIT


def test_a_refused_submission_says_why_and_keeps_what_was_typed(client):
    for n in range(IP_LIMIT):
        client.post("/support/feedback/", _feedback(n))

    response = client.post(
        "/support/feedback/", _feedback(99, message="My long and careful message")
    )

    assert response.status_code == 429
    form = response.context["form"]
    assert form.non_field_errors() == [str(views.RATE_LIMITED)]
    body = response.content.decode()
    assert "My long and careful message" in body
    assert 'value="sender99@example.kz"' in body
    assert Feedback.objects.count() == IP_LIMIT


def test_invalid_submissions_do_not_use_up_the_allowance(client):
    for _ in range(20):
        client.post("/support/feedback/", _feedback(1, email="typo@"))

    response = client.post("/support/feedback/", _feedback(1))

    assert response.status_code == 302


def test_the_limits_can_be_tuned_in_settings(client, settings):
    settings.SUPPORT_RATE_PER_IP = "2/h"

    for n in range(5):
        client.post("/support/feedback/", _feedback(n))

    assert Feedback.objects.count() == 2
