import datetime as dt
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory
from privacy.models import DataRequest, LegalHold, SweepRun
from privacy.sweep import DEADLOCK_RETRIES, retention_cutoff, retention_sweep

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2031, 6, 1)


def _inactive_since(delta: dt.timedelta) -> User:
    """A user whose last interaction was `delta` before the start of AS_OF."""
    start = timezone.make_aware(dt.datetime.combine(AS_OF, dt.time.min))
    user = UserFactory()
    User.objects.filter(pk=user.pk).update(last_interaction_at=start - delta)
    return user


FIVE_YEARS = dt.date(2031, 6, 1) - dt.date(2026, 6, 1)
DAY = dt.timedelta(days=1)


def _erased(user) -> bool:
    user.refresh_from_db()
    return user.email.endswith("@invalid")


def test_cutoff_is_the_start_of_the_day_five_years_before(settings):
    settings.PRIVACY_RETENTION_YEARS = 5

    assert retention_cutoff(AS_OF) == timezone.make_aware(dt.datetime(2026, 6, 1))
    assert retention_cutoff(dt.date(2028, 2, 29)).date() == dt.date(2023, 2, 28)


def test_inactive_for_five_years_and_a_day_is_erased_four_years_364_days_is_not():
    lapsed = _inactive_since(FIVE_YEARS + DAY)
    recent = _inactive_since(FIVE_YEARS - DAY)

    run = retention_sweep(as_of=AS_OF)

    assert _erased(lapsed)
    assert not _erased(recent)
    assert run.status == SweepRun.Status.DONE
    assert run.subjects == 1
    assert run.counts["accounts.user"] == 1


def test_a_held_user_is_untouched_and_reported():
    held = _inactive_since(FIVE_YEARS + DAY)
    LegalHold.objects.create(user=held, reason="Tax audit", authority="State Revenue Committee")

    run = retention_sweep(as_of=AS_OF)

    assert not _erased(held)
    assert (run.subjects, run.held) == (0, 1)


def test_erased_users_are_not_selected_again():
    _inactive_since(FIVE_YEARS + DAY)
    retention_sweep(as_of=AS_OF)

    second = retention_sweep(as_of=AS_OF)

    assert second.subjects == 0


def test_a_dry_run_counts_per_source_and_changes_nothing():
    lapsed = _inactive_since(FIVE_YEARS + DAY)

    run = retention_sweep(as_of=AS_OF, dry_run=True)

    assert not _erased(lapsed)
    assert run.dry_run
    assert run.subjects == 1
    assert run.counts["accounts.user"] == 1
    assert run.counts["account.emailaddress"] == 1


def test_a_lapsed_guest_is_found_through_their_newest_activity():
    old = timezone.make_aware(dt.datetime(2025, 1, 1))
    DataRequest.objects.create(kind="access", email="old.guest@mail.kz", received_at=old)
    DataRequest.objects.create(kind="access", email="active.guest@mail.kz", received_at=old)
    recent = timezone.make_aware(dt.datetime(2030, 1, 1))
    DataRequest.objects.create(kind="access", email="active.guest@mail.kz", received_at=recent)

    run = retention_sweep(as_of=AS_OF)

    emails = set(DataRequest.objects.values_list("email", flat=True))
    assert emails == {"erased@invalid", "active.guest@mail.kz"}
    assert run.subjects == 1


def test_a_crash_mid_sweep_leaves_no_half_erased_subject_and_the_next_run_finishes(
    monkeypatch, replace_erase
):
    users = [_inactive_since(FIVE_YEARS + DAY * (n + 1)) for n in range(3)]
    calls = {"n": 0}

    def failing_second_batch(subjects):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return emails_source.erase(subjects)

    emails_source = replace_erase("account.emailaddress", failing_second_batch)

    with pytest.raises(RuntimeError, match="disk full"):
        retention_sweep(as_of=AS_OF, batch_size=1)

    failed = SweepRun.objects.get()
    assert failed.status == SweepRun.Status.FAILED
    assert "disk full" in failed.error
    states = [_erased(u) for u in users]
    assert states == [True, False, False]  # batch 1 committed, batch 2 rolled back whole
    assert User.objects.get(pk=users[1].pk).emailaddress_set.exists()

    monkeypatch.undo()  # the source works again
    rerun = retention_sweep(as_of=AS_OF, batch_size=1)

    assert rerun.status == SweepRun.Status.DONE
    assert all(_erased(u) for u in users)


def _deadlock() -> None:
    """Abort the transaction with the error PostgreSQL raises on a deadlock (40P01)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DO $$ BEGIN RAISE EXCEPTION 'deadlock detected' "
            "USING ERRCODE = 'deadlock_detected'; END $$"
        )


def _emails_source_deadlocking(replace_erase, times: int) -> None:
    """Make the e-mail source erase its rows, then hit a deadlock, `times` times."""
    calls = {"n": 0}

    def erase_then_deadlock(subjects):
        erased = emails_source.erase(subjects)
        calls["n"] += 1
        if calls["n"] <= times:
            _deadlock()
        return erased

    emails_source = replace_erase("account.emailaddress", erase_then_deadlock)


def test_a_batch_aborted_by_a_deadlock_is_erased_again_and_counted_once(replace_erase):
    users = [_inactive_since(FIVE_YEARS + DAY * (n + 1)) for n in range(2)]
    _emails_source_deadlocking(replace_erase, times=1)

    run = retention_sweep(as_of=AS_OF, batch_size=1)

    assert run.status == SweepRun.Status.DONE
    assert run.subjects == 2
    assert run.counts["account.emailaddress"] == 2
    assert all(_erased(u) for u in users)


def test_a_batch_that_keeps_deadlocking_fails_the_run_after_a_few_tries(replace_erase):
    user = _inactive_since(FIVE_YEARS + DAY)
    _emails_source_deadlocking(replace_erase, times=DEADLOCK_RETRIES + 1)

    with pytest.raises(OperationalError, match="deadlock detected"):
        retention_sweep(as_of=AS_OF)

    assert SweepRun.objects.get().status == SweepRun.Status.FAILED
    assert not _erased(user)
    assert user.emailaddress_set.exists()  # rolled back whole, every time


def test_command_dry_run_prints_counts_per_source_and_changes_nothing():
    lapsed = _inactive_since(FIVE_YEARS + DAY)
    out = StringIO()

    call_command("privacy_sweep", "--dry-run", "--as-of", "2031-06-01", stdout=out)

    text = out.getvalue()
    assert "1 subjects would be erased" in text
    assert "accounts.user: 1 rows" in text
    assert not _erased(lapsed)


def test_command_refuses_a_malformed_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("privacy_sweep", "--as-of", "01.06.2031")


def test_a_user_who_never_signed_in_expires_from_the_day_they_were_created():
    user = User.objects.create_user(email="never@mail.kz", password="x")

    assert user.last_interaction_at is not None
    assert (
        retention_sweep(as_of=timezone.localdate() + dt.timedelta(days=365 * 5 + 2)).subjects == 1
    )
    assert _erased(user)


@pytest.mark.django_db(transaction=True)
def test_worker_threads_erase_every_batch_and_skip_the_held():
    users = [_inactive_since(FIVE_YEARS + DAY * (n + 1)) for n in range(6)]
    LegalHold.objects.create(user=users[2], reason="Court order", authority="Court of Astana")

    before = _open_connections()

    run = retention_sweep(as_of=AS_OF, batch_size=1, workers=3)

    assert run.status == SweepRun.Status.DONE
    assert (run.subjects, run.held) == (5, 1)
    assert run.counts["accounts.user"] == 5
    assert [_erased(u) for u in users] == [True, True, False, True, True, True]
    assert _open_connections(settle_to=before) == before  # the threads closed theirs


def _open_connections(settle_to: int | None = None) -> int:
    """Count the connections to the test database (waiting a little for closing ones)."""
    for _ in range(50):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            )
            count = cursor.fetchone()[0]
        if settle_to is None or count <= settle_to:
            return count
        time.sleep(0.1)
    return count


@pytest.mark.django_db(transaction=True)
def test_a_failing_batch_in_a_worker_thread_rolls_back_whole_and_the_next_run_finishes(
    monkeypatch, replace_erase
):
    users = [_inactive_since(FIVE_YEARS + DAY * (n + 1)) for n in range(4)]
    doomed = users[1].pk

    def failing_for_one_user(subjects):
        if doomed in subjects.user_ids:
            raise RuntimeError("disk full")
        return emails_source.erase(subjects)

    emails_source = replace_erase("account.emailaddress", failing_for_one_user)

    with pytest.raises(RuntimeError, match="disk full"):
        retention_sweep(as_of=AS_OF, batch_size=1, workers=2)

    assert SweepRun.objects.get().status == SweepRun.Status.FAILED
    assert not _erased(users[1])  # its batch rolled back whole: e-mail rows and all
    assert User.objects.get(pk=doomed).emailaddress_set.exists()

    monkeypatch.undo()  # the source works again
    rerun = retention_sweep(as_of=AS_OF, batch_size=1, workers=2)

    assert rerun.status == SweepRun.Status.DONE
    assert all(_erased(u) for u in users)


def test_a_run_over_users_and_guests_counts_every_source_in_rows():
    _inactive_since(FIVE_YEARS + DAY)
    old = timezone.make_aware(dt.datetime(2025, 1, 1))
    DataRequest.objects.create(kind="access", email="old.guest@mail.kz", received_at=old)

    run = retention_sweep(as_of=AS_OF)

    assert run.subjects == 2
    assert all(isinstance(rows, int) for rows in run.counts.values()), run.counts
    assert run.counts["account.emailaddress"] == 1


@pytest.mark.parametrize("dry_run", [True, False])
def test_an_inactive_users_rows_under_their_e_mail_go_with_them_counted_once(dry_run):
    user = _inactive_since(FIVE_YEARS + DAY)
    old = timezone.make_aware(dt.datetime(2025, 1, 1))
    DataRequest.objects.create(kind="access", email=user.email, received_at=old)

    run = retention_sweep(as_of=AS_OF, dry_run=dry_run)

    assert run.subjects == 1
    assert run.counts["privacy.datarequest"] == 1


def test_a_held_users_rows_under_their_e_mail_stay_held_with_them():
    held = _inactive_since(FIVE_YEARS + DAY)
    LegalHold.objects.create(user=held, reason="Tax audit", authority="State Revenue Committee")
    old = timezone.make_aware(dt.datetime(2025, 1, 1))
    request = DataRequest.objects.create(kind="access", email=held.email, received_at=old)

    run = retention_sweep(as_of=AS_OF)

    request.refresh_from_db()
    assert request.email == held.email
    assert (run.subjects, run.held) == (0, 1)
