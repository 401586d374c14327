"""Announcing a new version on a real worker: one e-mail per active user, in their language."""

import email
import time
from email.header import decode_header, make_header

import pytest

from accounts.tests.factories import UserFactory
from privacy import services
from privacy.models import PolicyVersion

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def _mails_to(folder, addresses):
    """Return the worker's e-mails (the file backend's messages) sent to these addresses."""
    found = []
    for path in folder.iterdir():
        for raw in path.read_bytes().split(SEPARATOR):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw)
            if message["To"] in addresses:
                found.append(message)
    return found


def _subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def test_publishing_version_2_mails_every_active_user_once_in_their_language(
    celery_worker_process, worker_mail_dir
):
    users = {code: UserFactory(language=code) for code in ("ru", "kk", "en")}
    inactive = UserFactory(is_active=False)
    draft = PolicyVersion.objects.create(
        document="terms", version=2, text_ru="Текст.", text_kk="Мәтін.", text_en="Text.",
        summary_of_changes_ru="Сроки изменены.", summary_of_changes_kk="Мерзімдер өзгерді.",
        summary_of_changes_en="Terms changed.",
    )  # fmt: skip

    services.policy_publish(policy=draft)  # the task is queued once this commits

    deadline = time.monotonic() + 60
    while PolicyVersion.objects.get(pk=draft.pk).announced_at is None:
        assert time.monotonic() < deadline, "the worker did not finish the announcement"
        time.sleep(0.2)
    addresses = {u.email for u in users.values()} | {inactive.email}
    # The announcement queues its e-mails in the outbox; the worker sends each after commit.
    mails = _mails_to(worker_mail_dir, addresses)
    while len(mails) < len(users):
        assert time.monotonic() < deadline, "the worker did not send the announcement"
        time.sleep(0.2)
        mails = _mails_to(worker_mail_dir, addresses)
    time.sleep(0.5)  # an e-mail to the inactive user, were one queued, would be sent by now
    mails = _mails_to(worker_mail_dir, addresses)
    assert sorted(m["To"] for m in mails) == sorted(u.email for u in users.values())
    by_address = {m["To"]: m for m in mails}
    assert "Мерзімдер өзгерді." in by_address[users["kk"].email].get_payload(decode=True).decode()
    assert "нұсқа" in _subject(by_address[users["kk"].email])
    assert "Сроки изменены." in by_address[users["ru"].email].get_payload(decode=True).decode()
    assert "версия" in _subject(by_address[users["ru"].email])
    assert "Terms changed." in by_address[users["en"].email].get_payload(decode=True).decode()
