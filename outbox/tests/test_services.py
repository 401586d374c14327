"""The outbox: written with the change, sent once after it commits, never lost, never forever."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy
from post_office.models import STATUS, Email, Log

from outbox import services

pytestmark = pytest.mark.django_db


def _queue(**kwargs):
    return services.mail_queue(**{"to": "a@example.kz", "subject": "S", "body": "B", **kwargs})


def test_a_mail_is_written_with_its_change_and_sent_once_it_commits(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mail = _queue(to=" Buyer@Example.KZ ", subject="Order 1", body="Hello")
        assert Email.objects.get().status == STATUS.queued
        assert mailoutbox == []

    (sent,) = mailoutbox
    assert (sent.to, sent.subject, sent.body) == (["buyer@example.kz"], "Order 1", "Hello")
    assert sent.extra_headers["Message-ID"] == mail.message_id
    mail.refresh_from_db()
    assert mail.status == STATUS.sent
    assert list(mail.logs.values_list("status", flat=True)) == [STATUS.sent]


def test_a_mail_exists_only_if_its_change_is_committed():
    def change_that_fails():
        with transaction.atomic():
            _queue()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_that_fails()

    assert not Email.objects.exists()


def test_line_breaks_in_a_subject_or_header_become_spaces(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        _queue(
            subject="Order 7 from ТОО «Агро»\r\nBcc: victim@example.kz",
            headers={"X-Seller": "Агро\nBcc: victim@example.kz"},
        )

    (sent,) = mailoutbox
    assert sent.subject == "Order 7 from ТОО «Агро» Bcc: victim@example.kz"
    assert sent.extra_headers["X-Seller"] == "Агро Bcc: victim@example.kz"
    assert sent.message()["Bcc"] is None


def test_a_header_name_that_is_not_one_is_refused():
    with pytest.raises(ValueError, match="Not a header name"):
        _queue(headers={"Bcc: x\r\nX-Evil": "1"})


def test_html_and_text_go_as_alternatives(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        _queue(body="Plain", html="<p>Rich</p>")

    (sent,) = mailoutbox
    assert sent.body == "Plain"
    assert sent.alternatives[0][0] == "<p>Rich</p>"


def test_a_user_written_text_is_sent_as_written_never_rendered_as_a_template(
    django_capture_on_commit_callbacks, mailoutbox
):
    text = "{% load static %}{{ settings.SECRET_KEY }} {% now 'Y' %}"

    with django_capture_on_commit_callbacks(execute=True):
        _queue(subject=text, body=text)

    assert (mailoutbox[0].subject, mailoutbox[0].body) == (text, text)


def test_a_lazy_subject_is_rendered_in_the_language_asked_for():
    mail = _queue(subject=gettext_lazy("Orders"), language="ru")

    assert mail.subject == "Заказы"


def test_nothing_is_queued_for_an_erased_or_invalid_address():
    assert _queue(to="erased-12@invalid") is None
    assert _queue(to="not an address") is None
    assert _queue(to="") is None
    assert not Email.objects.exists()


def test_a_mail_is_sent_once_however_often_its_task_runs(mailoutbox):
    from outbox.tasks import mail_send_task

    mail = _queue()

    assert mail_send_task.apply(args=[mail.pk]).get() is True
    assert mail_send_task.apply(args=[mail.pk]).get() is False
    assert services.outbox_drain(now=timezone.now() + dt.timedelta(minutes=5)) == 0
    assert len(mailoutbox) == 1


def test_a_mail_server_that_is_down_delays_a_mail_and_never_makes_it_give_up(smtp, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    mail = _queue()

    for day in (1, 2, 3):
        with pytest.raises(ConnectionRefusedError):
            services.mail_send(email_id=mail.pk, now=timezone.now() + dt.timedelta(days=day))

    mail.refresh_from_db()
    assert (mail.status, mail.number_of_retries) == (STATUS.requeued, 3)
    assert mail.scheduled_time > timezone.now() + dt.timedelta(days=3)
    failures = mail.logs.filter(status=STATUS.failed)
    assert set(failures.values_list("exception_type", flat=True)) == {"ConnectionRefusedError"}


def test_a_retry_waits_for_its_time_and_then_goes_out(smtp):
    mail = _queue()
    with pytest.raises(ConnectionRefusedError):
        services.mail_send(email_id=mail.pk)
    smtp.start()

    assert services.mail_send(email_id=mail.pk) is False  # not due yet
    due = timezone.now() + dt.timedelta(minutes=2)
    assert services.mail_send(email_id=mail.pk, now=due) is True
    assert smtp.recipients() == ["a@example.kz"]


def test_a_mail_the_server_refuses_for_good_is_given_up_after_the_last_attempt(smtp, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    smtp.refused.add("nobody@example.kz")
    smtp.start()
    mail = _queue(to="nobody@example.kz")

    assert services.mail_send(email_id=mail.pk) is False
    mail.refresh_from_db()
    assert mail.status == STATUS.requeued
    assert services.mail_send(email_id=mail.pk, now=mail.scheduled_time) is False

    mail.refresh_from_db()
    assert mail.status == STATUS.failed
    assert smtp.messages == []
    assert (
        services.outbox_drain(now=timezone.now() + dt.timedelta(days=1), grace=dt.timedelta()) == 0
    )


def test_the_drain_leaves_fresh_mails_to_their_own_publish_and_sends_the_rest():
    _queue()

    assert services.outbox_drain() == 0
    assert services.outbox_drain(now=timezone.now() + dt.timedelta(minutes=1)) == 1


def test_the_drain_sends_the_most_urgent_first_and_stops_while_the_server_is_down(smtp):
    low = _queue(to="low@example.kz", priority="low")
    high = _queue(to="high@example.kz", priority="high")
    later = timezone.now() + dt.timedelta(minutes=1)

    assert services.outbox_drain(now=later) == 0

    high.refresh_from_db()
    low.refresh_from_db()
    assert high.number_of_retries == 1  # tried first, found the server down…
    assert low.number_of_retries is None  # …so the other was not even tried
    smtp.start()
    assert services.outbox_drain(now=later + dt.timedelta(minutes=5)) == 2
    assert smtp.recipients() == ["high@example.kz", "low@example.kz"]


def test_mails_older_than_their_retention_are_purged_whatever_their_status(settings):
    settings.OUTBOX_RETENTION_DAYS = 90
    old, recent = _queue(to="old@example.kz"), _queue(to="recent@example.kz")
    Email.objects.filter(pk=old.pk).update(created=timezone.now() - dt.timedelta(days=91))
    Log.objects.create(email=old, status=STATUS.failed, message="550 old@example.kz unknown")

    assert services.outbox_purge() == 1

    assert list(Email.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Log.objects.exists()
