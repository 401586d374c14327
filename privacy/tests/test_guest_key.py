"""Guests' ledger rows are keyed by PRIVACY_HASH_KEY, which can be rotated."""

import pytest
from django.core.management import call_command

from orders.tests.factories import OrderFactory
from privacy import services
from privacy.hashing import email_hash
from privacy.models import ConsentEvent
from privacy.selectors import consent_given

pytestmark = pytest.mark.django_db


def test_the_guest_key_is_its_own_not_the_secret_key(settings):
    settings.PRIVACY_HASH_KEY = "one-key"
    first = email_hash("guest@mail.kz")
    settings.SECRET_KEY = "another-secret-key-that-changed-0123456789"

    assert email_hash("Guest@Mail.kz ") == first
    settings.PRIVACY_HASH_KEY = "other-key"
    assert email_hash("guest@mail.kz") != first


def test_rotating_the_key_re_keys_every_guest_row_the_portal_can_still_name(settings, monkeypatch):
    settings.PRIVACY_HASH_KEY = "old-key"
    OrderFactory(email="guest@mail.kz")
    services.consent_grant(
        purpose="marketing", channel="checkout", text_shown="x", email="guest@mail.kz"
    )
    services.consent_grant(  # an erased guest: their e-mail is nowhere any more
        purpose="marketing", channel="checkout", text_shown="x", email="gone@mail.kz"
    )
    settings.PRIVACY_HASH_KEY = "new-key"
    assert not consent_given(purpose="marketing", email="guest@mail.kz")
    monkeypatch.setenv("PRIVACY_HASH_KEY_OLD", "old-key")

    call_command("privacy_rekey")

    assert consent_given(purpose="marketing", email="guest@mail.kz")
    hashes = set(ConsentEvent.objects.values_list("subject_hash", flat=True))
    assert hashes == {
        email_hash("guest@mail.kz", key="new-key"),
        email_hash("gone@mail.kz", key="old-key"),
    }
    call_command("privacy_rekey")  # a second run changes nothing
    assert consent_given(purpose="marketing", email="guest@mail.kz")


def test_the_command_asks_for_the_old_key(monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.delenv("PRIVACY_HASH_KEY_OLD", raising=False)

    with pytest.raises(CommandError, match="PRIVACY_HASH_KEY_OLD"):
        call_command("privacy_rekey")
