"""The breach register: deadlines, the count of people, the notice, the digest."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail

from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from orders.tests.factories import OrderFactory
from privacy import services
from privacy.models import Breach, DataRequest
from privacy.texts import BREACH_NOTICE_SUBJECT, DIGEST_SUBJECT

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
FRIDAY_17 = dt.datetime(2026, 12, 11, 17, 0, tzinfo=ALMATY)


def _breach(**fields):
    defaults = {"description": "A laptop with an order export was stolen",
                "data_categories": "names, phones", "people_categories": "buyers"}  # fmt: skip
    return Breach.objects.create(**{**defaults, **fields})


def test_a_breach_found_on_friday_at_17_is_due_to_the_authority_on_monday_and_72_hours_on():
    assert FRIDAY_17.weekday() == 4

    breach = _breach(discovered_at=FRIDAY_17)

    assert breach.authority_deadline == dt.datetime(2026, 12, 14, 17, 0, tzinfo=ALMATY)
    assert breach.gdpr_deadline == dt.datetime(2026, 12, 14, 17, 0, tzinfo=ALMATY)
    assert breach.gdpr_deadline - breach.discovered_at == dt.timedelta(hours=72)


def test_the_business_day_skips_a_public_holiday(settings):
    settings.PRIVACY_HOLIDAYS = ["2026-12-16"]
    tuesday = dt.datetime(2026, 12, 15, 9, 30, tzinfo=ALMATY)

    breach = _breach(discovered_at=tuesday)

    assert breach.authority_deadline == dt.datetime(2026, 12, 17, 9, 30, tzinfo=ALMATY)


def test_the_admin_shows_both_deadlines(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    breach = _breach(discovered_at=FRIDAY_17)
    sign_in_with_second_factor(client, staff)

    html = client.get(f"/admin/privacy/breach/{breach.pk}/change/").content.decode()

    assert "12/14/2026 17:00" in html  # Monday 17:00, in the staff's (English) format
    assert "within 1 business day" in html
    assert "within 72 hours" in html


def test_the_number_of_people_is_computed_from_the_source_and_the_window():
    buyer = UserFactory()
    OrderFactory(buyer=buyer, email=buyer.email)
    OrderFactory(buyer=buyer, email=buyer.email)
    OrderFactory(email="guest@mail.kz")
    now = dt.datetime.now(tz=ALMATY)
    breach = Breach(description="x", data_categories="x", people_categories="x",
                    source="orders.order", window_start=now - dt.timedelta(hours=1),
                    window_end=now + dt.timedelta(hours=1))  # fmt: skip

    services.breach_save(breach=breach)

    assert breach.people_estimate == 2  # one buyer with two orders, one guest


def test_the_people_are_told_only_with_an_approved_text(django_capture_on_commit_callbacks):
    staff = UserFactory(is_staff=True)
    buyer = UserFactory(email="buyer@mail.kz")
    OrderFactory(buyer=buyer, email=buyer.email)
    OrderFactory(email="guest@mail.kz")
    now = dt.datetime.now(tz=ALMATY)
    breach = _breach(high_risk=True, source="orders.order",
                     window_start=now - dt.timedelta(hours=1),
                     window_end=now + dt.timedelta(hours=1))  # fmt: skip

    with pytest.raises(services.BreachError):
        services.breach_notice_approve(breach=breach, actor=staff)
    breach.notice_text = "Your delivery address may have been seen by a third party."
    with django_capture_on_commit_callbacks(execute=True):
        services.breach_notice_approve(breach=breach, actor=staff)

    breach.refresh_from_db()
    assert (breach.notice_approved_by, breach.people_notified) == (staff, 2)
    letters = [m for m in mail.outbox if m.subject == str(BREACH_NOTICE_SUBJECT)]
    assert sorted(m.to[0] for m in letters) == ["buyer@mail.kz", "guest@mail.kz"]
    assert "third party" in letters[0].body


def test_the_digest_lists_requests_due_soon_overdue_ones_and_late_breaches(
    settings, django_capture_on_commit_callbacks
):
    settings.PRIVACY_OFFICER_EMAIL = "dpo@portal.kz"
    now = dt.datetime(2026, 12, 20, 9, 0, tzinfo=ALMATY)
    DataRequest.objects.create(kind="access", email="a@mail.kz", status="verified",
                               due_at=now + dt.timedelta(days=3))  # fmt: skip
    late = DataRequest.objects.create(kind="erasure", email="b@mail.kz", status="verified",
                                      due_at=now - dt.timedelta(days=1))  # fmt: skip
    DataRequest.objects.create(kind="access", email="c@mail.kz", status="verified",
                               due_at=now + dt.timedelta(days=20))  # fmt: skip
    _breach(discovered_at=FRIDAY_17)
    _breach(discovered_at=FRIDAY_17, authority_notified_at=FRIDAY_17, gdpr_notified_at=FRIDAY_17)

    with django_capture_on_commit_callbacks(execute=True):
        items = services.privacy_digest_send(now=now)

    assert items == 3
    [digest] = mail.outbox
    assert (digest.subject, digest.to) == (str(DIGEST_SUBJECT), ["dpo@portal.kz"])
    overdue, soon = digest.body.split("Data requests due in the next 7 days:")
    assert f"#{late.pk} " in overdue
    assert "Erasure" in overdue
    assert "Access (export of my data)" in soon
    assert "the authorised body (Kazakhstan), due" in digest.body
    assert "the supervisory authority (GDPR), due" in digest.body


def test_a_quiet_day_sends_no_digest():
    assert services.privacy_digest_send() == 0
    assert mail.outbox == []


def test_the_admin_index_counts_new_and_overdue_requests(client):
    from django.utils import timezone

    staff = UserFactory(is_staff=True, is_superuser=True)
    DataRequest.objects.create(kind="access", email="a@mail.kz", status="verified")
    DataRequest.objects.create(kind="access", email="b@mail.kz", status="new",
                               due_at=timezone.now() - dt.timedelta(days=2))  # fmt: skip
    DataRequest.objects.create(kind="access", email="c@mail.kz", status="done")
    sign_in_with_second_factor(client, staff)

    html = client.get("/admin/").content.decode()

    assert 'data-testid="requests-new">1<' in html
    assert 'data-testid="requests-overdue">1<' in html
