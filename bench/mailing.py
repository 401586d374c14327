"""Measure a campaign to N opted-in people: resolving the audience, queueing, sending, memory.

Seeds N users who consent to marketing mailings (COPY), plus as many who withdrew and as many
who never consented, so that the consent rule has work to do; then, in a child process per
size (a clean peak RSS), runs a campaign through the real code path:

1. resolve: count the audience (what admin shows before sending) and walk it batch by batch
   as sending does, without sending (the consent subquery at full scale);
2. queue: every batch as `campaign_batch_send` writes it (outbox row + delivery record in
   one transaction per batch), with no wait between batches;
3. send: the outbox drain sends every queued e-mail through a mail backend that only counts.

Peak memory is the growth of the process's resident memory over its level before each
phase, sampled every 20 ms (tracemalloc would slow the work it measures several times);
run two sizes to see that it does not grow with the audience (ids are streamed in batches).
Queueing's growth is the first batch's: it loads the URLconf (every view module), once.
The Celery chain of batch tasks is replaced by a loop in this process (same service).

    .venv/bin/python bench/mailing.py [--users 10000,100000] [--no-send]

Uses the database postgres://postgres@127.0.0.1:5432/portal_bench_mailing (recreated).
"""

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE = "portal_bench_mailing"
ENV = {
    **os.environ,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    "DJANGO_DEBUG": "0",  # with debug on, Django keeps every query in memory
    "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "PRIVACY_HASH_KEY": "bench-only-privacy-hash-key-0123456789-abcdefghijklmnop",
    "REDIS_URL": "",
    "MAILING_RATE_PER_MINUTE": str(10**9),  # no wait between batches: measure the work
    "PYTHONWARNINGS": "ignore",
}
SENT = {"count": 0}
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


class CountingBackend:
    """A mail backend that only counts the messages it is given."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        SENT["count"] += len(messages)
        return len(messages)


def _psql(sql: str) -> str:
    done = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Aqtc", sql],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout.strip()


def recreate_database() -> None:
    _psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    _psql(f"CREATE DATABASE {DATABASE}")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=ENV, check=True)


def _django():
    os.environ.update(ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def _copy(cursor, table: str, columns: tuple[str, ...], rows) -> None:
    with cursor.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def seed(opted_in: int) -> int:
    """Insert the users and their consent events with COPY; return the users inserted."""
    from django.db import connection

    from privacy.models import PolicyVersion, Purpose

    now = dt.datetime.now(dt.UTC)
    marketing = Purpose.objects.get(code="marketing").pk
    policy = PolicyVersion.objects.get(document="privacy", version=1).pk
    users = opted_in * 3  # opted in, then withdrawn, then never asked: interleaved by id
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # psycopg's own cursor, for COPY
        ids = range(1, users + 1)
        _copy(
            cursor,
            "accounts_user",
            ("id", "password", "is_superuser", "first_name", "last_name", "is_staff",
             "is_active", "date_joined", "email", "patronymic", "phone", "region", "address",
             "language", "last_interaction_at"),
            ((i, "!", False, "Айгерим", "Смагулова", False, True, now, f"user{i}@bench.kz", "",
              "", "akmola", "", ("ru", "kk", "en")[i % 3], now) for i in ids),
        )  # fmt: skip
        events = []
        for i in ids:
            if i % 3 != 0:  # 1: opted in, 2: opted in then withdrew, 0: never asked
                events.append((i, "grant", now - dt.timedelta(days=30)))
            if i % 3 == 2:
                events.append((i, "withdraw", now - dt.timedelta(days=1)))
        _copy(
            cursor,
            "privacy_consentevent",
            ("user_id", "subject_hash", "purpose_id", "action", "policy_version_id", "channel",
             "text_shown", "language", "created_at", "ip_truncated", "user_agent"),
            ((user, "", marketing, action, policy, "signup", "Send me news and offers.", "ru",
              at, "203.0.113.0", "Mozilla/5.0") for user, action, at in events),
        )  # fmt: skip
        cursor.execute(f"SELECT setval('accounts_user_id_seq', {users + 1})")
        cursor.execute("ANALYZE")
    return users


def _campaign():
    from mailings.models import Block, Campaign

    campaign = Campaign.objects.create(
        name="Bench", subject_ru="Новости", subject_kk="Жаңалықтар", subject_en="News"
    )
    Block.objects.create(
        campaign=campaign, kind="text", text_ru="Сезон посевной открыт.",
        text_kk="Егіс маусымы ашылды.", text_en="The sowing season is open.",
    )  # fmt: skip
    Block.objects.create(campaign=campaign, kind="button", button_label_ru="Каталог",
                         url="https://portal.kz/listings/", position=1)  # fmt: skip
    return campaign


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_MB


def _phase(name, work, figures):
    """Run `work`, recording its seconds and the peak growth of resident memory during it."""
    baseline, peak, running = _rss_mb(), [0.0], [True]

    def sample():
        while running[0]:
            peak[0] = max(peak[0], _rss_mb())
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    result = work()
    figures[f"{name}_seconds"] = round(time.perf_counter() - started, 2)
    running[0] = False
    sampler.join()
    figures[f"{name}_growth_mb"] = round(max(peak[0], _rss_mb()) - baseline, 1)
    return result


def resolve(campaign) -> int:
    from mailings.audience import audience_batch, audience_count
    from mailings.services import batch_plan

    count = audience_count(campaign)
    size, _wait = batch_plan()
    walked, after = 0, 0
    while batch := audience_batch(campaign, after=after, size=size):
        walked += len(batch)
        after = batch[-1].pk
    assert walked == count, (walked, count)
    return count


def queue(campaign) -> int:
    from mailings import services
    from mailings.services import campaigns
    from outbox import services as outbox

    # The drain sends them in phase 3: no publish per e-mail after each batch's commit;
    # and the batches run in this loop rather than in a chain of tasks.
    outbox.mail_publish = lambda **kwargs: False
    campaigns._kick = lambda campaign_id: None
    services.campaign_start(campaign=campaign)
    batches = 0
    while services.campaign_batch_send(campaign_id=campaign.pk).sent:
        batches += 1
    return batches


def send() -> int:
    from django.utils import timezone

    from bench.mailing import SENT as counted  # the backend's module, not this __main__
    from outbox.services import outbox_drain

    later = timezone.now() + dt.timedelta(minutes=5)
    while outbox_drain(now=later, grace=dt.timedelta(0), limit=1000):
        pass
    return counted["count"]


def child(opted_in: int, with_send: bool) -> dict:
    """Run the three phases on a freshly seeded database; return the figures."""
    recreate_database()
    _django()
    from django.conf import settings

    settings.EMAIL_BACKEND = "bench.mailing.CountingBackend"
    started = time.perf_counter()
    users = seed(opted_in)
    figures = {"users": users, "seed_seconds": round(time.perf_counter() - started, 1)}
    campaign = _campaign()
    figures["audience"] = _phase("resolve", lambda: resolve(campaign), figures)
    figures["batches"] = _phase("queue", lambda: queue(campaign), figures)
    from mailings.models import Delivery

    figures["deliveries"] = Delivery.objects.filter(campaign=campaign).count()
    if with_send:
        figures["sent"] = _phase("send", send, figures)
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="100000", help="opted-in people; a comma list runs each")
    parser.add_argument("--no-send", action="store_true", help="stop after queueing")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(child(options.child, not options.no_send)))
        return
    for size in [int(s) for s in options.users.split(",")]:
        command = [sys.executable, __file__, "--child", str(size)]
        done = subprocess.run(
            command + (["--no-send"] if options.no_send else []),
            cwd=ROOT, env=ENV, capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode:
            sys.exit(f"the run at {size:,} failed:\n{done.stderr[-3000:]}")
        f = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{f['audience']:,} recipients among {f['users']:,} users "
            f"(seeded in {f['seed_seconds']} s):"
            f"\n  resolve the audience (count + walk every batch): {f['resolve_seconds']} s, "
            f"memory +{f['resolve_growth_mb']} MB"
            f"\n  queue ({f['batches']} batches; outbox rows + {f['deliveries']:,} delivery "
            f"records): {f['queue_seconds']} s = {f['audience'] / f['queue_seconds']:,.0f}/s, "
            f"memory +{f['queue_growth_mb']} MB"
        )
        if "sent" in f:
            print(
                f"  send through the outbox drain, counting backend: {f['sent']:,} in "
                f"{f['send_seconds']} s = {f['sent'] / f['send_seconds']:,.0f}/s, "
                f"memory +{f['send_growth_mb']} MB"
            )
        print(f"  peak RSS of the process: {f['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
