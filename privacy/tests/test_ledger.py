import pytest

from accounts.tests.factories import UserFactory
from privacy import selectors, services
from privacy.hashing import email_hash
from privacy.models import ConsentEvent, DisclosureEvent, LedgerIsAppendOnly, Purpose

pytestmark = pytest.mark.django_db


def _grant(user, purpose="marketing", **kwargs):
    return services.consent_grant(
        purpose=purpose, channel=ConsentEvent.Channel.ACCOUNT, text_shown="Send me news",
        user=user, ip="203.0.113.77", user_agent="Firefox", **kwargs,
    )  # fmt: skip


def test_consent_event_keeps_policy_version_text_truncated_ip_and_user_agent():
    user = UserFactory()

    event = _grant(user)

    event.refresh_from_db()
    assert event.policy_version == selectors.policy_current()
    assert event.policy_version.document == "privacy"
    assert event.text_shown == "Send me news"
    assert event.language == "en"  # the tests' default language
    assert event.ip_truncated == "203.0.113.0"
    assert event.user_agent == "Firefox"


def test_ipv6_addresses_are_truncated_to_48_bits():
    assert services.truncate_ip("2001:db8:85a3:8d3:1319:8a2e:370:7348") == "2001:db8:85a3::"
    assert services.truncate_ip("not an ip") is None


def test_saving_an_existing_consent_event_again_is_refused():
    event = _grant(UserFactory())
    event.action = ConsentEvent.Action.WITHDRAW

    with pytest.raises(LedgerIsAppendOnly):
        event.save()

    event.refresh_from_db()
    assert event.action == ConsentEvent.Action.GRANT


def test_deleting_a_consent_event_is_refused():
    event = _grant(UserFactory())

    with pytest.raises(LedgerIsAppendOnly):
        event.delete()
    assert ConsentEvent.objects.filter(pk=event.pk).exists()


def test_bulk_update_and_bulk_delete_of_the_ledger_are_refused():
    _grant(UserFactory())

    with pytest.raises(LedgerIsAppendOnly):
        ConsentEvent.objects.update(action=ConsentEvent.Action.WITHDRAW)
    with pytest.raises(LedgerIsAppendOnly):
        ConsentEvent.objects.all().delete()
    with pytest.raises(LedgerIsAppendOnly):
        DisclosureEvent.objects.all().delete()
    assert ConsentEvent.objects.count() == 1


def test_current_consent_is_the_latest_event_per_purpose():
    user = UserFactory()
    _grant(user, "marketing")
    _grant(user, "analytics")
    services.consent_withdraw(
        purpose="marketing", channel=ConsentEvent.Channel.ACCOUNT, text_shown="Stop", user=user
    )

    current = selectors.consent_current(user=user)

    assert current["marketing"].granted is False
    assert current["analytics"].granted is True
    assert "advertising" not in current
    assert selectors.consent_given(purpose="marketing", user=user) is False
    assert selectors.consent_given(purpose="analytics", user=user) is True
    assert ConsentEvent.objects.filter(user=user).count() == 3


def test_guest_consent_is_stored_under_a_keyed_hash_not_the_email():
    event = services.consent_grant(
        purpose=Purpose.ORDERS, channel=ConsentEvent.Channel.CHECKOUT,
        text_shown="Sending the order is consent", email="Guest@Example.kz",
    )  # fmt: skip

    assert event.user is None
    assert "guest" not in event.subject_hash.lower()
    assert event.subject_hash == email_hash("guest@example.kz")
    assert selectors.consent_given(purpose="orders", email="GUEST@example.kz") is True


def test_a_consent_without_a_subject_is_refused():
    with pytest.raises(services.ConsentError):
        services.consent_grant(
            purpose="marketing", channel=ConsentEvent.Channel.ACCOUNT, text_shown="x"
        )
