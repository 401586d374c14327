"""Load test in the production shape: mixed traffic, and the worker or Redis down for a while.

    .venv/bin/python bench/load.py [--scenario calm|worker-down|redis-down|all]
                                   [--users 100] [--seconds 60] [--outage 20] [--reseed]

For each scenario the script starts, on 127.0.0.1 only, everything it needs and stops it
all at the end (also on Ctrl-C or an error): a copy of its own PostgreSQL database
(`portal_load`, copied from the seeded template `portal_load_seed`, made on the first run
by `bench/load_seed.py`), its own redis-server on a free port (never the shared one),
gunicorn with 2 workers (debug off), one Celery worker (concurrency 2), Celery beat with
the project's schedule, and an SMTP sink (aiosmtpd) that records every e-mail.

Locust (`bench/load_locustfile.py`) then runs the users for the given time: visitors
(home, searches, listings, sellers), guests and signed-in buyers who add to the cart and
order, and sellers who confirm new orders on their desk. Scenario `worker-down` kills the
Celery worker (SIGKILL) in the middle of the run and starts it again `--outage` seconds
later; `redis-down` stops Redis (SIGTERM: it saves, as a service stop does) and starts it
again. After the run the script waits, at most `--drain-seconds`, for the outbox to drain.

It prints per endpoint: requests, failures, p50/p95/p99 (ms); then orders placed by the
clients vs orders in the database vs order e-mails received, lost and duplicate orders,
the 5xx answers and the server's tracebacks grouped by cause. The run's folder (logs,
Locust's CSV, the clients' records) is printed and kept for reading.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load_report as report  # noqa: E402
from bench.load_seed import BUYERS, LISTINGS, SELLERS  # noqa: E402
from bench.load_stack import PRIVACY_HASH_KEY, SECRET_KEY, Proc, Stack  # noqa: E402

SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE, TEMPLATE = "portal_load", "portal_load_seed"
SEED_MARK = f"load seed: {SELLERS} sellers, {LISTINGS} listings, {BUYERS} buyers"
STOP_TIMEOUT = 45  # seconds Locust lets a user finish its task at the end


# --- The outbox: the one place to adapt when the e-mail outbox changes -----------------------


def outbox_pending(database_url: str) -> int:
    """Return how many e-mails still wait in the portal's outbox.

    Today the outbox is `orders.OutgoingMail` (status 'pending'), published on commit and
    again by the beat task `orders-mail-outbox-flush`. With django-post-office the queue is
    `post_office_email` (status 2 queued, 3 requeued, NULL not yet sent). Both drain through
    Celery beat with the project's schedule, which the stack runs, so no other process is
    needed; a cron-style drain would be started here.
    """
    with psycopg.connect(database_url, connect_timeout=5) as connection:
        if connection.execute("SELECT to_regclass('post_office_email')").fetchone()[0]:
            sql = "SELECT count(*) FROM post_office_email WHERE status IS NULL OR status IN (2, 3)"
        else:
            sql = "SELECT count(*) FROM orders_outgoingmail WHERE status = 'pending'"
        return connection.execute(sql).fetchone()[0]


# --- The database -------------------------------------------------------------------------


def _admin(sql: str, params=None):
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True, connect_timeout=5) as admin:
        return admin.execute(sql, params).fetchall() if params else admin.execute(sql)


def _manage(database_url: str, *args: str) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"),
        "DATABASE_URL": database_url, "DJANGO_DEBUG": "0", "SECRET_KEY": SECRET_KEY,
        "PRIVACY_HASH_KEY": PRIVACY_HASH_KEY, "REDIS_URL": "", "PYTHONWARNINGS": "ignore",
        "LANG": "C.UTF-8",
    }  # fmt: skip
    subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True, timeout=900)


def fresh_database(*, reseed: bool) -> str:
    """Copy the seeded template (seeding it first if needed) to a fresh `portal_load`."""
    mark = _admin(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        [TEMPLATE],
    )
    if reseed or not mark or mark[0][0] != SEED_MARK:
        print(f"Seeding the template database {TEMPLATE} (once; --reseed to redo) ...")
        _admin(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)')
        _admin(f'CREATE DATABASE "{TEMPLATE}"')
        _manage(f"{SERVER}/{TEMPLATE}", "manage.py", "migrate", "-v0")
        _manage(f"{SERVER}/{TEMPLATE}", "bench/load_seed.py", "seed")
        _admin(f"COMMENT ON DATABASE \"{TEMPLATE}\" IS '{SEED_MARK}'")
    _admin(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{DATABASE}" TEMPLATE "{TEMPLATE}"')
    url = f"{SERVER}/{DATABASE}"
    _manage(url, "manage.py", "migrate", "-v0")  # migrations newer than the template
    return url


def describe(database_url: str, tmp: Path) -> None:
    """Write what the clients need to know of the seeded data to `tmp/seed.json`."""
    env = {
        "PATH": os.environ.get("PATH", ""), "DATABASE_URL": database_url, "DJANGO_DEBUG": "0",
        "SECRET_KEY": SECRET_KEY, "PRIVACY_HASH_KEY": PRIVACY_HASH_KEY, "REDIS_URL": "",
        "PYTHONWARNINGS": "ignore",
    }  # fmt: skip
    with (tmp / "seed.json").open("w", encoding="utf-8") as out:
        subprocess.run(
            [sys.executable, "bench/load_seed.py", "describe"],
            cwd=ROOT,
            env=env,
            stdout=out,
            check=True,
            timeout=120,
        )


# --- One run --------------------------------------------------------------------------------


def locust_proc(stack: Stack, tmp: Path, *, users: int, seconds: int, run: str) -> Proc:
    env = {
        "PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8", "LOAD_SEED": str(tmp / "seed.json"), "LOAD_RUN": run,
        "LOAD_USERS": str(users),
        "LOAD_RECORDS": str(tmp / "records.jsonl"), "LOAD_STATUSES": str(tmp / "statuses.json"),
        "LOAD_STATS": str(tmp / "stats.json"),
    }  # fmt: skip
    args = [
        sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "load_locustfile.py"),
        "--headless", "--users", str(users), "--spawn-rate", str(max(1, users // 10)),
        "--run-time", f"{seconds}s", "--stop-timeout", str(STOP_TIMEOUT), "--host", stack.url,
        "--csv", str(tmp / "locust"), "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    return Proc("locust", args, env=env, log=tmp / "locust.log")


def _sleep_until(moment: float, locust: Proc) -> None:
    while time.monotonic() < moment and locust.running:
        time.sleep(0.2)


def outage(scenario: str, stack: Stack, locust: Proc, options, started: float) -> list[str]:
    """Take the worker or Redis down in the middle of the run; return what was done, when."""
    timeline = []

    def note(text):
        timeline.append(f"{time.monotonic() - started:5.1f} s  {text}")

    if scenario == "calm":
        return timeline
    _sleep_until(started + (options.seconds - options.outage) / 2, locust)
    if scenario == "worker-down":
        note("Celery worker killed (SIGKILL)")
        stack.worker.kill()
        _sleep_until(time.monotonic() + options.outage, locust)
        stack.worker.start()
        note("Celery worker started again")
    elif scenario == "redis-down":
        note("Redis stopped (SIGTERM)")
        stack.redis.stop()
        _sleep_until(time.monotonic() + options.outage, locust)
        stack.start_redis()
        note("Redis started again")
    return timeline


def wait_for_drain(database_url: str, stack: Stack, run: str, seconds: float) -> dict:
    """Wait until the outbox is empty and every expected e-mail arrived (at most `seconds`)."""
    began = time.monotonic()
    while True:
        pending = outbox_pending(database_url)
        orders = report.database_orders(database_url, run)
        expected = sum(report.expected_mails(orders).values())
        received = len(stack.sink.mails())
        waited = time.monotonic() - began
        if (pending == 0 and received >= expected) or waited > seconds:
            return {"pending": pending, "waited": waited, "drained": pending == 0}
        time.sleep(3)


def run_scenario(scenario: str, options) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"portal-load-{scenario}-"))
    run = f"{scenario}-{int(time.time())}"
    print(f"\n=== {scenario}: {options.users} users, {options.seconds} s; files in {tmp}")
    database_url = fresh_database(reseed=options.reseed)
    options.reseed = False
    describe(database_url, tmp)
    stack = Stack(database_url=database_url, tmp=tmp)
    locust, load_before = None, os.getloadavg()[0]
    try:
        stack.start()
        locust = locust_proc(stack, tmp, users=options.users, seconds=options.seconds, run=run)
        started, started_epoch = time.monotonic(), time.time()
        locust.start()
        timeline = outage(scenario, stack, locust, options, started)
        locust.process.wait(timeout=options.seconds + STOP_TIMEOUT + 60)
        note = stack.supervise()
        if note:
            timeline.append(f"after the run: restarted {', '.join(note)} (it had exited)")
        drain = wait_for_drain(database_url, stack, run, options.drain_seconds)
        figures = collect(scenario, tmp, database_url, stack, run)
        figures.update(timeline=timeline, drain=drain, load=(load_before, os.getloadavg()[0]))
        figures["windows"] = report.windows(tmp, started_epoch)
    finally:
        if locust is not None:
            locust.stop(seconds=20)
        stack.close()
    print_run(figures)
    (tmp / "figures.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1))
    return figures


def collect(scenario: str, tmp: Path, database_url: str, stack: Stack, run: str) -> dict:
    orders = report.database_orders(database_url, run)
    return {
        "scenario": scenario,
        "tmp": str(tmp),
        "endpoints": report.endpoints(tmp),
        "orders": report.order_figures(orders, report.records(tmp)),
        "mails": report.mail_figures(orders, stack.sink.mails()),
        "client_5xx": report.client_statuses(tmp),
        "server_5xx": report.server_5xx(tmp),
        "tracebacks": report.tracebacks(tmp / "gunicorn.log"),
        "app_log": report.log_messages(tmp / "gunicorn.log"),
        "worker_errors": report.log_errors(tmp / "worker.log"),
        "beat_errors": report.log_errors(tmp / "beat.log"),
    }


# --- Printing -------------------------------------------------------------------------------


def _print_counts(title: str, counts: dict) -> None:
    print(f"{title}: {sum(counts.values())}")
    for key, n in sorted(counts.items(), key=lambda item: -item[1]):
        print(f"  {n:>6}  {key}")


def print_run(f: dict) -> None:
    print(f"\n--- {f['scenario']} ({f['tmp']})")
    print(f"  machine load average (1 min, {os.cpu_count()} cores): {f['load'][0]:.1f} before, "
          f"{f['load'][1]:.1f} after")  # fmt: skip
    for line in f["timeline"]:
        print(f"  {line}")
    print(f"{'endpoint':<48}{'requests':>9}{'fail':>7}{'p50':>7}{'p95':>7}{'p99':>7}  ms")
    for row in f["endpoints"]:
        print(f"{row['name'][:48]:<48}{row['requests']:>9}{row['failures']:>7}"
              f"{row['50']:>7}{row['95']:>7}{row['99']:>7}")  # fmt: skip
    print("Per 10 s (server side): from  answers  5xx  orders  slowest order ms")
    for w in f["windows"]:
        print(f"  {w['from_s']:>24}{w['answers']:>9}{w['5xx']:>5}{w['orders']:>8}"
              f"{w['slowest_order_ms']:>18}")  # fmt: skip
    o, m, d = f["orders"], f["mails"], f["drain"]
    print(f"Orders: placed by the clients {o['placed_by_clients']} (of {o['purchases']} "
          f"purchases), in the database {o['in_database']}, lost {o['lost']}, duplicates "
          f"{o['duplicates']}, saved while the client saw an error "
          f"{o['saved_but_client_saw_error']}, "
          f"wrong number shown {o['wrong_number_shown']}; confirmed by sellers "
          f"{o['confirmed_by_sellers']}; failed sign-ins {o['sign_in_failed']}")  # fmt: skip
    if o["gave_up"]:
        print(f"  purchases given up: {dict(o['gave_up'])}")
    print(f"Order e-mails: expected {m['expected']}, received {m['received']}, missing "
          f"{m['missing']}, duplicates {m['duplicates']}, not about an order {m['unmatched']}; "
          f"orders whose seller and buyer were both told {m['orders_fully_told']}")  # fmt: skip
    state = "drained" if d["drained"] else f"NOT drained ({d['pending']} pending)"
    print(f"Outbox {state} after waiting {d['waited']:.0f} s")
    _print_counts("5xx and no-answer seen by the clients", f["client_5xx"])
    _print_counts("5xx in gunicorn's access log", f["server_5xx"])
    _print_counts("Server errors logged (endpoint | exception | innermost project frame)",
                  f["tracebacks"])  # fmt: skip
    _print_counts("Other lines the portal logged in gunicorn's log (top)", f["app_log"])
    _print_counts("Celery worker ERROR lines (top)", f["worker_errors"])
    _print_counts("Celery beat ERROR lines (top)", f["beat_errors"])


def print_summary(results: list[dict]) -> None:
    print(
        "\n| scenario | requests | failures | 5xx | checkout p95 ms | orders clients / db "
        "| lost | dup | e-mails expected / received |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for f in results:
        total = f["endpoints"][-1] if f["endpoints"] else {"requests": 0, "failures": 0}
        checkout = next((r["95"] for r in f["endpoints"]
                         if r["name"] == "POST /cart/checkout/[seller]/"), "N/A")  # fmt: skip
        o, m = f["orders"], f["mails"]
        print(f"| {f['scenario']} | {total['requests']} | {total['failures']} | "
              f"{sum(f['server_5xx'].values())} | {checkout} | {o['placed_by_clients']} / "
              f"{o['in_database']} | {o['lost']} | {o['duplicates']} | {m['expected']} / "
              f"{m['received']} |")  # fmt: skip


def _interrupt(*_args):
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="all",
                        choices=["calm", "worker-down", "redis-down", "all"])  # fmt: skip
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--outage", type=int, default=20, help="seconds the worker/Redis is down")
    parser.add_argument("--drain-seconds", type=int, default=240)
    parser.add_argument("--reseed", action="store_true")
    options = parser.parse_args()
    # A `kill` of the bench stops its processes too (the `finally` of each run).
    signal.signal(signal.SIGTERM, _interrupt)
    scenarios = ["calm", "worker-down", "redis-down"]
    chosen = scenarios if options.scenario == "all" else [options.scenario]
    results = [run_scenario(scenario, options) for scenario in chosen]
    print_summary(results)


if __name__ == "__main__":
    main()
