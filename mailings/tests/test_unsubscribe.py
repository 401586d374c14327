"""One-click unsubscribe (RFC 8058) and the page behind the link, without signing in."""

import time

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from mailings.tests.factories import people
from mailings.unsubscribe import MAX_AGE, SALT, unsubscribe_token
from mailings.views import (
    ALREADY_MESSAGE,
    INVALID_MESSAGE,
    UNSUBSCRIBE_BUTTON,
    UNSUBSCRIBED_MESSAGE,
)
from privacy.models import ConsentEvent, Purpose
from privacy.selectors import consent_given

pytestmark = pytest.mark.django_db
ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def mail_program():
    """A client as a mail program is: no cookies, no CSRF token, and CSRF checks enforced."""
    return Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Mail-Program/1.0")


@pytest.fixture
def subscriber(db):
    return people(1)[0]


def _url(token):
    return reverse("mailings:unsubscribe", args=[token])


def _withdrawals(user):
    return ConsentEvent.objects.filter(
        user=user, purpose__code=Purpose.MARKETING, action="withdraw"
    )


def test_the_one_click_post_withdraws_at_once_and_writes_the_ledger_event(mail_program, subscriber):
    token = unsubscribe_token(user_id=subscriber.pk, campaign_id=7)

    response = mail_program.post(_url(token), ONE_CLICK, REMOTE_ADDR="203.0.113.77")

    assert response.status_code == 200
    assert response.content.decode() == str(UNSUBSCRIBED_MESSAGE)
    event = _withdrawals(subscriber).get()
    assert event.channel == ConsentEvent.Channel.UNSUBSCRIBE
    assert event.get_channel_display() == "unsubscribe link"
    assert event.ip_truncated == "203.0.113.0"
    assert event.user_agent == "Mail-Program/1.0"
    assert not consent_given(purpose=Purpose.MARKETING, user=subscriber)
    assert not mail_program.cookies  # nothing set, nothing needed


def test_the_one_click_post_as_multipart_form_data_works_too(mail_program, subscriber):
    token = unsubscribe_token(user_id=subscriber.pk)

    response = mail_program.post(_url(token), ONE_CLICK)  # the test client sends multipart

    assert response.status_code == 200
    assert _withdrawals(subscriber).count() == 1


def test_a_second_one_click_changes_nothing_more(mail_program, subscriber):
    token = unsubscribe_token(user_id=subscriber.pk)
    mail_program.post(_url(token), ONE_CLICK)

    again = mail_program.post(_url(token), ONE_CLICK)

    assert again.status_code == 200
    assert again.content.decode() == str(ALREADY_MESSAGE)
    assert _withdrawals(subscriber).count() == 1


def test_a_forged_token_changes_nothing_and_says_so(mail_program, subscriber):
    token = unsubscribe_token(user_id=subscriber.pk)
    forged = signing.dumps({"u": subscriber.pk}, key="not-the-portal-key", salt=SALT, compress=True)
    altered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")

    for bad in (forged, altered, "123", str(subscriber.pk)):
        response = mail_program.post(_url(bad), ONE_CLICK)
        assert response.status_code == 400
        assert response.content.decode() == str(INVALID_MESSAGE)

    assert not _withdrawals(subscriber).exists()
    assert consent_given(purpose=Purpose.MARKETING, user=subscriber)


def test_an_expired_token_changes_nothing_and_says_so(mail_program, subscriber, monkeypatch):
    issued = time.time() - MAX_AGE.total_seconds() - 60
    monkeypatch.setattr(time, "time", lambda: issued)
    token = unsubscribe_token(user_id=subscriber.pk)
    monkeypatch.undo()

    post = mail_program.post(_url(token), ONE_CLICK)
    page = mail_program.get(_url(token))

    assert post.status_code == 400
    assert post.content.decode() == str(INVALID_MESSAGE)
    assert page.status_code == 400
    assert str(INVALID_MESSAGE) in page.content.decode()
    assert not _withdrawals(subscriber).exists()


def test_a_token_of_another_salt_is_refused(mail_program, subscriber):
    other = signing.dumps({"u": subscriber.pk}, salt="privacy.request", compress=True)

    assert mail_program.post(_url(other), ONE_CLICK).status_code == 400
    assert not _withdrawals(subscriber).exists()


def test_the_link_opens_a_page_with_one_button_and_changes_nothing(client, subscriber):
    token = unsubscribe_token(user_id=subscriber.pk)

    response = client.get(_url(token))

    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('type="submit" class="button"') == 1
    assert str(UNSUBSCRIBE_BUTTON) in body
    assert not _withdrawals(subscriber).exists()


def test_the_pages_button_withdraws_and_its_post_needs_the_csrf_token(subscriber):
    browser = Client(enforce_csrf_checks=True)
    url = _url(unsubscribe_token(user_id=subscriber.pk))
    page = browser.get(url)
    csrf = page.context["csrf_token"]

    refused = browser.post(url, {})
    assert refused.status_code == 403
    assert not _withdrawals(subscriber).exists()

    done = browser.post(url, {"csrfmiddlewaretoken": str(csrf)})
    assert done.status_code == 200
    assert str(UNSUBSCRIBED_MESSAGE) in done.content.decode()
    assert _withdrawals(subscriber).get().channel == ConsentEvent.Channel.UNSUBSCRIBE


def test_a_closed_account_is_not_changed(mail_program, subscriber):
    type(subscriber).objects.filter(pk=subscriber.pk).update(is_active=False)

    response = mail_program.post(_url(unsubscribe_token(user_id=subscriber.pk)), ONE_CLICK)

    assert response.status_code == 400
    assert not _withdrawals(subscriber).exists()


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_page_speaks_the_visitors_language(client, subscriber, language):
    from django.conf import settings
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    body = client.get(_url(unsubscribe_token(user_id=subscriber.pk))).content.decode()

    with translation.override(language):
        assert str(UNSUBSCRIBE_BUTTON) in body
