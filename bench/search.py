"""Measure the search page through gunicorn with ONE worker, against a bare Django view.

    .venv/bin/python bench/search.py [--rounds 10] [--seconds 20] [--with-session]

DATABASE_URL names a database seeded by bench/seed.py (default
postgres://postgres@127.0.0.1:5432/portal_bench_listings). Prints:

- latency of the search page over a fixed set of queries (common and rare words, Russian
  and English, with and without filters, first and deep pages), each sent `--rounds` times
  one after another: p50 and p95 over all requests, and the median of each query;
- requests per second of the search page (cycling through the same queries) and of a bare
  view (`HttpResponse("ok")`) behind the same middleware, each with two clients for
  `--seconds`, and their ratio.

Without cookies the client is a visitor with no state, who gets the whole page from the
shared cache; `--with-session` sends a session cookie (of no stored session), so the frame
is rendered per request around the shared content, as for signed-in visitors and anyone
with a cart. The bare view gets the same cookie.

Targets (DESIGN.md): at 1M listings, p95 < 100 ms and the search page's throughput at least
30% of the bare view's. The gunicorn worker imports this module as its WSGI application
(`wsgi()`), which adds the bare view in front of the portal's own URLs.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

from django.http import HttpResponse
from django.urls import path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/portal_bench_listings"
BARE = "/bench/bare/"
HEADERS: dict[str, str] = {}  # sent with every request (--with-session adds a cookie)


def bare(request):
    return HttpResponse("ok")


urlpatterns = []


def wsgi():
    """Return the portal's WSGI application with this module as its URLconf."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    from django.conf import settings

    from portal import wsgi as portal_wsgi  # the portal's application, as gunicorn serves it
    from portal.urls import urlpatterns as portal_urls

    # Not include(): the portal's language prefixes must be in the root URLconf.
    urlpatterns[:] = [path(BARE.strip("/") + "/", bare), *portal_urls]
    settings.ROOT_URLCONF = __name__
    return portal_wsgi.application


# --- The client side ----------------------------------------------------------------------


def queries(url: str) -> list[str]:
    """Return the fixed set of search URLs, with ids looked up in the seeded database."""
    import psycopg

    with psycopg.connect(url) as connection:
        ids = dict(connection.execute("SELECT slug, id FROM listings_category").fetchall())
        (big_seller,), (small_seller,) = connection.execute(
            "(SELECT company_id FROM listings_listing GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)"
            " UNION ALL "
            "(SELECT company_id FROM listings_listing GROUP BY 1 ORDER BY count(*) LIMIT 1)"
        ).fetchall()
    agri, tractors, metal = ids["agricultural-machinery"], ids["tractors"], ids["metal"]
    return [
        # No words: browsing, first and deep pages, every sort.
        "/listings/",
        "/listings/?page=50",
        "/listings/?sort=price_asc",
        "/listings/?sort=price_desc&page=30",
        # Common words (tens or hundreds of thousands of matches).
        "/listings/?q=доставка",
        "/listings/?q=доставка&page=50",
        "/listings/?q=delivery",
        "/listings/?q=трактор",
        "/listings/?q=тракторы&sort=newest&page=20",
        "/listings/?q=цемент",
        "/listings/?q=steel pipe",
        "/listings/?q=семена подсолнечника",
        # Rare words.
        "/listings/?q=Кировец",
        "/listings/?q=Palfinger",
        "/listings/?q=зерновоз",
        "/listings/?q=ахалтекинская",
        "/listings/?q=xyzzy",
        # Filters, with and without words.
        f"/listings/?q=трактор&region=kostanay&category={agri}",
        "/listings/?q=арматура&price_max=350000&sort=price_asc",
        f"/listings/?category={agri}&sort=price_asc",
        f"/listings/?category={tractors}&region=astana&condition=used",
        f"/listings/?category={metal}&price_min=400000&price_max=500000&page=10",
        "/listings/?region=ulytau&condition=used&sort=price_desc",
        f"/listings/?seller={big_seller}",
        f"/listings/?seller={small_seller}&q=доставка",
    ]


def _get(port: int, target: str) -> float:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", quote(target, safe="/?&=:"), headers=HEADERS)
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{target}: HTTP {response.status}")
    return time.perf_counter() - started


def latency(port: int, targets: list[str], *, rounds: int) -> dict[str, list[float]]:
    timings = {target: [] for target in targets}
    for _round in range(rounds):
        for target in targets:
            timings[target].append(_get(port, target))
    return timings


def throughput(port: int, targets: list[str], *, seconds: float, clients: int = 2) -> float:
    """Return requests per second with `clients` sending back to back for `seconds`."""
    done = [0] * clients
    deadline = time.perf_counter() + seconds

    def client(n: int):
        i = n
        while time.perf_counter() < deadline:
            _get(port, targets[i % len(targets)])
            done[n] += 1
            i += clients

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def start_gunicorn(url: str) -> tuple[subprocess.Popen, int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "PRIVACY_HASH_KEY": "bench-only-privacy-hash-key-0123456789-abcdefghijklmnopqrstuvw",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_MANIFEST": "0",
        "DJANGO_LANGUAGE_CODE": "ru",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    passed = ("REDIS_URL", "CACHE_KEY_PREFIX", "SEARCH_CACHE_SECONDS", "PAGE_CACHE_SECONDS")
    for name in passed:  # e.g. SEARCH_CACHE_SECONDS=0: cold
        if os.environ.get(name):
            env[name] = os.environ[name]
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "bench.search:wsgi()", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while True:
        try:
            _get(port, BARE)
            return process, port
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("gunicorn did not start") from None
            time.sleep(0.2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="times each query is sent")
    parser.add_argument("--seconds", type=float, default=20, help="length of each rps run")
    parser.add_argument("--with-session", action="store_true", help="send a session cookie")
    options = parser.parse_args()
    if options.with_session:
        HEADERS["Cookie"] = "sessionid=bench-visitor-without-a-stored-session"
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    targets = queries(url)

    import psycopg

    with psycopg.connect(url) as connection:
        (count,) = connection.execute("SELECT count(*) FROM listings_listing").fetchone()
    visitor = "with a session cookie" if HEADERS else "without cookies"
    print(f"{count:,} listings in {url}; {len(targets)} queries; one gunicorn sync worker; "
          f"a visitor {visitor}")  # fmt: skip

    process, port = start_gunicorn(url)
    try:
        latency(port, targets, rounds=2)  # warm caches: Python, the database, the OS
        timings = latency(port, targets, rounds=options.rounds)
        search_rps = throughput(port, targets, seconds=options.seconds)
        bare_rps = throughput(port, [BARE], seconds=options.seconds)
    finally:
        process.terminate()
        process.wait(timeout=30)

    print(f"\n{'median ms':>10}  {'max ms':>7}  query")
    for target, values in timings.items():
        print(f"{statistics.median(values) * 1000:>10.1f}  {max(values) * 1000:>7.1f}  {target}")
    every = [value for values in timings.values() for value in values]
    p50, p95 = percentile(every, 0.50) * 1000, percentile(every, 0.95) * 1000
    print(f"\nsearch page latency over {len(every)} requests: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(f"search page  {search_rps:8.1f} req/s")
    print(f"bare view    {bare_rps:8.1f} req/s")
    print(f"ratio        {search_rps / bare_rps:8.1%}  (target >= 30%)")
    print(f"p95 target   {'met' if p95 < 100 else 'MISSED'} (< 100 ms)")


if __name__ == "__main__":
    main()
