"""Figures of one `bench/load.py` run: per endpoint, orders, e-mails, server errors.

Everything here reads what the run left behind: Locust's CSV, the clients' records, the
database, the SMTP sink's list and the logs of gunicorn and Celery. Nothing asserts: the
report says what happened and the reader judges it against the targets in the README.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent

ORDERS_SQL = """
    SELECT o.number, o.public_id::text, o.comment, lower(o.email), lower(u.email),
           (SELECT count(*) FROM orders_orderevent e WHERE e.order_id = o.id AND e.status <> 'new')
    FROM orders_order o
    JOIN accounts_company c ON c.id = o.company_id
    JOIN accounts_user u ON u.id = c.owner_id
    WHERE o.comment LIKE %s
"""
# Parts of a path that vary, so that the 5xx of one endpoint are counted together.
# The last line of a traceback: "module.ExceptionName: message" (or a bare builtin name).
_EXCEPTION_LINE = re.compile(r"^[\w.]*(Error|Exception|Refused|Timeout|Interrupt)\w*(:|$)")
_VARYING = re.compile(r"/(\d+|[0-9a-f]{8}-[0-9a-f-]{27})(?=/)")


def endpoint(path: str) -> str:
    return _VARYING.sub("/[id]", path.split("?")[0])


def endpoints(tmp: Path) -> list[dict]:
    """Return the per-endpoint rows (the last is the aggregate), from Locust's stats as the
    clients wrote them at exit; from Locust's CSV if the clients could not."""
    if (tmp / "stats.json").exists():
        return json.loads((tmp / "stats.json").read_text(encoding="utf-8"))
    path = tmp / "locust_stats.csv"
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8") as stats:
        for row in csv.DictReader(stats):
            rows.append({
                "name": f"{row['Type']} {row['Name']}".strip(),
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                **{p: row.get(f"{p}%", "N/A") for p in ("50", "95", "99")},
            })  # fmt: skip
    return rows


def records(tmp: Path) -> list[dict]:
    path = tmp / "records.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [json.loads(line) for line in lines if line.strip()]


def database_orders(database_url: str, run: str) -> list[tuple]:
    with psycopg.connect(database_url, connect_timeout=5) as connection:
        return connection.execute(ORDERS_SQL, [f"load {run} %"]).fetchall()


def expected_mails(orders: list[tuple]) -> dict[tuple[str, str], int]:
    """Return how many e-mails each (order number, address) must get exactly.

    The outbox-independent rule of the portal: a new order tells its seller once and its
    buyer once, and every later status change tells the buyer once more.
    """
    expected: dict[tuple[str, str], int] = Counter()
    for number, _public_id, _comment, buyer, seller, transitions in orders:
        expected[(number, seller)] += 1
        expected[(number, buyer)] += 1 + transitions
    return expected


def mail_figures(orders: list[tuple], mails) -> dict:
    expected = expected_mails(orders)
    got: Counter = Counter()
    unmatched = 0
    for mail in mails:
        keys = [(n, r) for n in mail.numbers for r in mail.recipients if (n, r) in expected]
        unmatched += not keys
        got.update(keys)
    placed = [(o[0], o[4]) for o in orders] + [(o[0], o[3]) for o in orders]
    return {
        "expected": sum(expected.values()),
        "received": len(mails),
        "missing": sum(max(0, n - got[key]) for key, n in expected.items()),
        "duplicates": sum(max(0, got[key] - n) for key, n in expected.items()),
        "unmatched": unmatched,
        "orders_fully_told": sum(1 for o in orders if got[(o[0], o[4])] and got[(o[0], o[3])]),
        "placed_mails_received": sum(1 for key in placed if got[key]),
    }


def order_figures(orders: list[tuple], client_records: list[dict]) -> dict:
    checkouts = [r for r in client_records if r["type"] == "checkout" and r["posts"]]
    in_db = defaultdict(list)
    for number, public_id, comment, *_rest in orders:
        in_db[comment.removeprefix("load ")].append((number, public_id))
    public_ids = {o[1] for o in orders}
    placed = [r for r in checkouts if r.get("public_id")]
    numbers = {public_id: number for number, public_id, *_rest in orders}
    wrong_number = [
        r for r in placed
        if r.get("number") and r["public_id"] in numbers and numbers[r["public_id"]] != r["number"]
    ]  # fmt: skip
    return {
        "purchases": len(checkouts),
        "placed_by_clients": len(placed),
        "in_database": len(orders),
        "lost": sum(1 for r in placed if r["public_id"] not in public_ids),
        "duplicates": sum(len(v) - 1 for v in in_db.values() if len(v) > 1),
        "saved_but_client_saw_error": sum(
            1 for r in checkouts if not r.get("public_id") and in_db.get(r["purchase"])
        ),
        "wrong_number_shown": len(wrong_number),
        "gave_up": Counter(r.get("gave_up") for r in checkouts if not r.get("public_id")),
        "confirmed_by_sellers": sum(
            1 for r in client_records if r["type"] == "confirm" and r["status"] == 302
        ),
        "sign_in_failed": sum(1 for r in client_records if r["type"] == "sign_in_failed"),
    }


def client_statuses(tmp: Path) -> dict[str, int]:
    """Return the answers >= 500 and the requests without an answer, per endpoint."""
    path = tmp / "statuses.json"
    counts = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    bad = {}
    for key, n in counts.items():
        status = int(key.rsplit(" ", 1)[1])
        if status == 0 or status >= 500:
            bad[key] = n
    return bad


def server_5xx(tmp: Path) -> Counter:
    """Count gunicorn's answers >= 500 per status and endpoint (from the access log)."""
    counts: Counter = Counter()
    for status, method, path, _ms, _when in _access_lines(tmp):
        if status >= 500:
            counts[f"{status} {method} {endpoint(path)}"] += 1
    return counts


def _access_lines(tmp: Path):
    """Yield (status, method, path, milliseconds, epoch seconds) per line of the access log."""
    path = tmp / "access.log"
    for line in path.read_text(errors="replace").splitlines() if path.exists() else []:
        match = re.match(r'(\d{3}) (\w+) "([^"]*)" (\d+) \[([^]]+)\]', line)
        if match:
            when = datetime.strptime(match.group(5), "%d/%b/%Y:%H:%M:%S %z").timestamp()
            yield int(match.group(1)), match.group(2), match.group(3), int(match.group(4)), when


def windows(tmp: Path, started: float, *, width: int = 10) -> list[dict]:
    """Return, per `width` seconds since Locust started: answers, 5xx, orders sent and the
    slowest order, as the server saw them (answers are logged when they end)."""
    rows: dict[int, dict] = {}
    for status, method, path, ms, when in _access_lines(tmp):
        row = rows.setdefault(
            int(max(0, when - started) // width) * width,
            {"answers": 0, "5xx": 0, "orders": 0, "slowest_order_ms": 0},
        )
        row["answers"] += 1
        row["5xx"] += status >= 500
        if method == "POST" and path.startswith("/cart/checkout/"):
            row["orders"] += status == 302
            row["slowest_order_ms"] = max(row["slowest_order_ms"], ms)
    empty = {"answers": 0, "5xx": 0, "orders": 0, "slowest_order_ms": 0}
    last = min(max(rows, default=-width), 3600)
    return [{"from_s": start, **rows.get(start, empty)} for start in range(0, last + 1, width)]


# Frames that only carry a call down to a socket: the cause is the frame above them.
_PLUMBING = ("/redis/", "/kombu/", "/django/core/cache/", "/django/db/", "/psycopg/")


def _project_frame(lines: list[str]) -> str:
    """Return the innermost frame in the project's code, else the innermost library frame
    above the cache, database and socket plumbing ('' if none)."""
    frames = [line.strip() for line in lines if line.strip().startswith('File "')]
    libraries = [f for f in frames if "site-packages" in f]
    own = [f for f in frames if str(ROOT) in f and f not in libraries]
    callers = [f for f in libraries if not any(part in f for part in _PLUMBING)]
    return (own or callers or frames or [""])[-1].replace(str(ROOT) + "/", "")


def _traceback_after(lines: list[str], start: int) -> tuple[str, list[str]]:
    """Return the last exception line of the (chained) traceback from `start`, and its lines."""
    block, error = [], "?"
    for index in range(start, min(start + 400, len(lines))):
        line = lines[index]
        block.append(line)
        chained = ("Traceback", "During handling", "The above exception")
        if not line.strip() or line.startswith((" ", *chained)):
            continue
        error = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", line.strip())[:200]
        following = next((x for x in lines[index + 1 : index + 3] if x.strip()), "")
        if not following.startswith(chained[1:]):
            break
    return error, block


def tracebacks(log: Path) -> Counter:
    """Group the logged server errors by endpoint, exception and innermost project frame."""
    groups: Counter = Counter()
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    for index, line in enumerate(lines):
        if "WORKER TIMEOUT" in line or "was sent SIGKILL" in line:
            groups[re.sub(r"\(pid:\d+\)|pid \d+|^\[[^]]*\] \[\d+\] ", "", line).strip()] += 1
        elif line.startswith("Internal Server Error:"):
            error, block = _traceback_after(lines, index + 1)
            path = endpoint(line.split(":", 1)[1].strip())
            groups[f"{path} | {error} | at {_project_frame(block)}"] += 1
    return groups


def log_messages(log: Path, *, limit: int = 12) -> Counter:
    """Group the application's own log lines in gunicorn's log (warnings such as a refused
    CSRF token or a cache that is down), numbers blurred; tracebacks and INFO lines left out."""
    groups: Counter = Counter()
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    for line in lines:
        skip = ("Traceback", "During handling", "The above exception", "=====", "[", "Internal S")
        if not line.strip() or line.startswith((" ", *skip)) or _EXCEPTION_LINE.match(line):
            continue
        groups[re.sub(r"\d+", "N", line)[:160]] += 1
    return Counter(dict(groups.most_common(limit)))


def log_errors(log: Path, *, limit: int = 8) -> Counter:
    """Group a Celery log's ERROR/CRITICAL lines by their text (numbers and ids blurred)."""
    groups: Counter = Counter()
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    for line in lines:
        if "ERROR" in line or "CRITICAL" in line:
            text = re.sub(r"^\[[^]]*\]\s*", "", line)
            groups[re.sub(r"\d+|[0-9a-f]{8}-[0-9a-f-]{27}", "N", text)[:220]] += 1
    return Counter(dict(groups.most_common(limit)))
