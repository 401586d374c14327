"""Measure the home, listing, seller and category pages against a bare Django view.

    .venv/bin/python bench/pages.py [--rounds 5] [--seconds 3] [--slices 5] [--pages 20]

DATABASE_URL names a database seeded by bench/seed.py (default
postgres://postgres@127.0.0.1:5432/portal_bench_listings); REDIS_URL the shared cache (and
CACHE_KEY_PREFIX, PAGE_CACHE_SECONDS, SEARCH_CACHE_SECONDS are passed on). The portal runs
as in bench/search.py: gunicorn, ONE sync worker, the portal's middleware, with the bare
view (`HttpResponse("ok")`) added in front of its URLs.

Each kind of page is a set of URLs: the home page; `--pages` listings, sellers (the biggest,
the smallest and some between) and category pages (sections and leaves), picked from the
seeded database. For a visitor without cookies and then for one with a session cookie (of
no stored session: the page is rendered for them around what is shared), it prints one
table: per kind, latency (each URL sent `--rounds` times one after another, after two
warming rounds; p50 and p95 over all requests) and requests per second with two clients
cycling through its URLs, next to the bare view's with the same cookie. On a machine
others use too, the load changes from one second to the next: the page and the bare view
are measured in turn, `--slices` times for `--seconds` each, and the ratio shown is the
median of the slices' ratios (the req/s shown are the medians of each).

Targets (DESIGN.md): at 1M listings, every page at least 50% of the bare view's throughput
without a session and at least 30% with one.
"""

import argparse
import os
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.search import (  # noqa: E402
    BARE,
    DEFAULT_URL,
    HEADERS,
    latency,
    percentile,
    start_gunicorn,
    throughput,
)

SESSION_COOKIE = "sessionid=bench-visitor-without-a-stored-session"
TARGETS = {"without a session": 0.50, "with a session": 0.30}


def page_urls(url: str, *, count: int, seed: int = 7) -> dict[str, list[str]]:
    """Return the URLs of each kind of page, picked from the seeded database."""
    import psycopg

    rng = random.Random(seed)
    with psycopg.connect(url) as connection:
        (top,) = connection.execute("SELECT max(id) FROM listings_listing").fetchone()
        listings = []
        while len(listings) < count:
            ids = [rng.randint(1, top) for _n in range(count * 4)]
            rows = connection.execute(
                "SELECT l.id FROM listings_listing l JOIN accounts_company c ON c.id = l.company_id"
                " JOIN accounts_user u ON u.id = c.owner_id"
                " WHERE l.id = ANY(%s) AND l.status = 'published' AND u.is_active",
                [ids],
            ).fetchall()
            listings += [row[0] for row in rows][: count - len(listings)]
        by_size = connection.execute(
            "SELECT l.company_id FROM listings_listing l JOIN accounts_company c"
            " ON c.id = l.company_id JOIN accounts_user u ON u.id = c.owner_id"
            " WHERE u.is_active GROUP BY 1 ORDER BY count(*) DESC, 1"
        ).fetchall()
        step = max(1, len(by_size) // count)
        sellers = [row[0] for row in by_size[::step]][: count - 1] + [by_size[-1][0]]
        categories = [
            row[0]
            for row in connection.execute("SELECT id FROM listings_category ORDER BY id").fetchall()
        ]
    return {
        "home": ["/"],
        "listing": [f"/listings/{pk}/" for pk in listings],
        "seller": [f"/sellers/{pk}/" for pk in sellers],
        "category": [f"/listings/?category={pk}" for pk in rng.sample(categories, count)],
    }


def measure(port: int, pages: dict[str, list[str]], *, rounds: int, seconds: float,
            slices: int) -> dict:  # fmt: skip
    """Return {kind: (p50 ms, p95 ms, req/s, bare req/s, ratio)}."""
    figures = {}
    for kind, targets in pages.items():
        latency(port, targets, rounds=2)  # warm: Python, the database, the shared cache
        timings = latency(port, targets, rounds=rounds)
        every = [value for values in timings.values() for value in values]
        runs = []
        for _slice in range(slices):
            page_rps = throughput(port, targets, seconds=seconds)
            runs.append((page_rps, throughput(port, [BARE], seconds=seconds)))
        figures[kind] = (
            percentile(every, 0.5) * 1000,
            percentile(every, 0.95) * 1000,
            statistics.median(page for page, _bare in runs),
            statistics.median(bare for _page, bare in runs),
            statistics.median(page / bare for page, bare in runs),
        )
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="times each URL is sent")
    parser.add_argument("--seconds", type=float, default=3, help="length of each rps run")
    parser.add_argument("--slices", type=int, default=5, help="rps runs of each, in turn")
    parser.add_argument("--pages", type=int, default=20, help="URLs of each kind")
    options = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    pages = page_urls(url, count=options.pages)

    import psycopg

    with psycopg.connect(url) as connection:
        (count,) = connection.execute("SELECT count(*) FROM listings_listing").fetchone()
    cache = os.environ.get("PAGE_CACHE_SECONDS", "default")
    print(f"{count:,} listings in {url}; {options.pages} URLs of each kind but home; "
          f"one gunicorn sync worker; PAGE_CACHE_SECONDS={cache}")  # fmt: skip

    results = {}
    process, port = start_gunicorn(url)
    try:
        for visitor in TARGETS:
            HEADERS.clear()
            if visitor == "with a session":
                HEADERS["Cookie"] = SESSION_COOKIE
            results[visitor] = measure(
                port, pages, rounds=options.rounds, seconds=options.seconds, slices=options.slices
            )
    finally:
        process.terminate()
        process.wait(timeout=30)

    print(f"\n{'visitor':<18} {'page':<9} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>7} "
          f"{'bare':>7} {'ratio':>6}  target")  # fmt: skip
    for visitor, figures in results.items():
        for kind in pages:
            p50, p95, rps, bare, ratio = figures[kind]
            verdict = "met" if ratio >= TARGETS[visitor] else "MISSED"
            print(f"{visitor:<18} {kind:<9} {p50:>7.1f} {p95:>7.1f} {rps:>7.1f} {bare:>7.1f} "
                  f"{ratio:>6.1%}  >= {TARGETS[visitor]:.0%} {verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
