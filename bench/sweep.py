"""Measure the retention sweep: subjects and rows erased per second, and peak memory.

Seeds N users (default 1,000,000) who have been inactive for six years, each with an
e-mail address row, consent events and, where the orders app provides them, an order with
two items and a message (5% of those orders still open: their contact data is kept and
their buyers wait, see bench/sweep_orders.py); then times one plain SQL UPDATE that
anonymises the same user rows (rolled back: the floor to compare with), and runs
`manage.py privacy_sweep` in a child process, reading its peak RSS.

    .venv/bin/python bench/sweep.py [--users 1000000] [--batch-size 5000] [--workers 2]
                                    [--reseed]

Uses the database postgres://postgres@127.0.0.1:5432/portal_bench_sweep (recreated). The
seeded data is kept as a template database (portal_bench_sweep_seed_<N>) and copied for the
next run with the same N, which takes seconds instead of minutes; `--reseed` seeds afresh.
Migrations added since the template was made are applied to the copy.
"""

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE = "portal_bench_sweep"
ENV = {
    **os.environ,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    # Debug off: with it on, Django keeps every query in memory.
    "DJANGO_DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "PRIVACY_HASH_KEY": "bench-only-privacy-hash-key-0123456789-abcdefghijklmnopqrstuvw",
    "REDIS_URL": "",
    "PYTHONWARNINGS": "ignore",
}
AS_OF = dt.date.today()


def _psql(sql: str) -> str:
    """Run one statement as the postgres user; return what it printed (unaligned)."""
    done = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Aqtc", sql],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout.strip()


def _database_exists(name: str) -> bool:
    return _psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"


def recreate_database(template: str | None = None) -> None:
    _psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    # FILE_COPY: a copy of gigabytes without writing them all to the WAL first
    copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
    _psql(f"CREATE DATABASE {DATABASE}{copy}")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=ENV, check=True)


def keep_as_template(template: str) -> None:
    """Copy the freshly seeded database, for the next run to start from."""
    from django.db import connections

    connections.close_all()  # CREATE DATABASE … TEMPLATE needs the source unused
    _psql(f"DROP DATABASE IF EXISTS {template}")
    _psql(f"CREATE DATABASE {template} TEMPLATE {DATABASE} STRATEGY FILE_COPY")


def _django():
    os.environ.update(ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def _copy(cursor, table: str, columns: tuple[str, ...], rows) -> None:
    with cursor.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def seed(users: int) -> dict[str, int]:
    """Insert the inactive users and their rows with COPY; return rows per table."""
    from django.db import connection

    from privacy.models import PolicyVersion, Purpose

    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=365 * 6)
    service = Purpose.objects.get(code="service").pk
    marketing = Purpose.objects.get(code="marketing").pk
    policy = PolicyVersion.objects.get(document="privacy", version=1).pk
    counts = {}
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # psycopg's own cursor, for COPY
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM accounts_user")
        first = cursor.fetchone()[0] + 1
        ids = range(first, first + users)
        _copy(
            cursor,
            "accounts_user",
            ("id", "password", "is_superuser", "first_name", "last_name", "is_staff",
             "is_active", "date_joined", "email", "patronymic", "phone", "region", "address",
             "last_interaction_at", "language"),
            ((i, "!", False, "Айгерим", "Смагулова", False, True, long_ago,
              f"user{i}@bench.kz", "Ерлановна", f"+7701{i % 10_000_000:07d}", "akmola",
              f"Astana, Abay ave. {i % 300}", long_ago, "ru") for i in ids),
        )  # fmt: skip
        counts["accounts_user"] = users
        _copy(
            cursor,
            "account_emailaddress",
            ("email", "verified", '"primary"', "user_id"),
            ((f"user{i}@bench.kz", True, True, i) for i in ids),
        )
        counts["account_emailaddress"] = users
        _copy(
            cursor,
            "privacy_consentevent",
            ("user_id", "subject_hash", "purpose_id", "action", "policy_version_id", "channel",
             "text_shown", "created_at", "ip_truncated", "user_agent", "language"),
            ((i, "", purpose, "grant", policy, "signup", "I accept the privacy policy.",
              long_ago, "203.0.113.0", "Mozilla/5.0", "ru")
             for i in ids for purpose in (service, marketing)),
        )  # fmt: skip
        counts["privacy_consentevent"] = users * 2
        cursor.execute(f"SELECT setval('accounts_user_id_seq', {first + users})")
        counts.update(_seed_orders(cursor, ids, long_ago))
        cursor.execute("ANALYZE")
    return counts


def _seed_orders(cursor, ids, long_ago) -> dict[str, int]:
    """Seed one order with two items and one message per user, if the orders app has them."""
    from django.apps import apps

    try:
        apps.get_model("orders", "Order")
    except LookupError:
        print("(orders app has no Order model yet: users seeded without orders)")
        return {}
    from bench.sweep_orders import seed_orders

    return seed_orders(cursor, ids, long_ago)


def floor_seconds() -> float:
    """Time one plain UPDATE anonymising all the inactive users, then roll it back."""
    from django.db import connection, transaction

    from outbox.erased import ERASED_LOCAL_PART, ERASED_SUFFIX

    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(
            f"UPDATE accounts_user SET email = '{ERASED_LOCAL_PART}-' || id || '{ERASED_SUFFIX}', "
            "first_name = '', "
            "last_name = '', patronymic = '', phone = '', region = '', address = '', "
            "last_login = NULL, last_interaction_at = NULL, is_active = false, password = '!' "
            "WHERE last_interaction_at < now() - interval '5 years'"
        )
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def run_sweep(batch_size: int, workers: int) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "manage.py", "privacy_sweep", "--as-of", AS_OF.isoformat(),
         "--batch-size", str(batch_size), "--workers", str(workers)],
        cwd=ROOT, env=ENV, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode:
        sys.exit(f"privacy_sweep failed:\n{result.stderr}")
    return time.perf_counter() - started, result.stdout


def _check_open_orders(run) -> None:
    """Check that the open orders kept their contact data and their buyers wait."""
    from orders.models import Order
    from orders.personal_data import ERASED_EMAIL, OPEN_ORDER
    from privacy.models import DataRequest

    kept = Order.objects.filter(OPEN_ORDER).exclude(email=ERASED_EMAIL)
    waiting = DataRequest.objects.waiting().count()
    print(f"open orders kept with their contact data: {kept.count():,}; "
          f"waiting erasure requests: {waiting:,} (run.waiting {run.waiting:,})")  # fmt: skip
    if kept.count() != waiting or waiting != run.waiting:
        sys.exit("open orders and waiting requests do not match")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1_000_000)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2, help="threads erasing batches")
    parser.add_argument("--reseed", action="store_true", help="seed even if a template exists")
    options = parser.parse_args()

    template = f"{DATABASE}_seed_{options.users}"
    if not options.reseed and _database_exists(template):
        started = time.perf_counter()
        recreate_database(template)
        _django()
        print(f"copied the seeded database {template} in {time.perf_counter() - started:.0f} s")
    else:
        recreate_database()
        _django()
        started = time.perf_counter()
        rows = seed(options.users)
        seconds = time.perf_counter() - started
        print(f"seeded {sum(rows.values()):,} rows in {seconds:.0f} s: {rows}")
        keep_as_template(template)

    floor = floor_seconds()
    print(f"floor: one plain SQL UPDATE of {options.users:,} user rows: {floor:.1f} s "
          f"({options.users / floor:,.0f} rows/s)")  # fmt: skip

    elapsed, output = run_sweep(options.batch_size, options.workers)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(output.strip())
    from privacy.models import SweepRun

    run = SweepRun.objects.latest("started_at")
    erased_rows = sum(run.counts.values())
    _check_open_orders(run)
    print(f"sweep ({options.workers} workers, batches of {options.batch_size:,}): "
          f"{run.subjects:,} subjects in {elapsed:.1f} s "
          f"= {run.subjects / elapsed:,.0f} subjects/s, {erased_rows / elapsed:,.0f} rows/s; "
          f"peak memory of the sweep process {peak_mb:.0f} MB; "
          f"{elapsed / floor:.1f}x the plain SQL floor for the user rows alone")  # fmt: skip


if __name__ == "__main__":
    main()
