"""Compare persistent database connections with psycopg's connection pool.

Serves the portal with gunicorn (one worker, gthread with 4 threads) against PostgreSQL,
in three modes: a new connection per request (the baseline), persistent connections
(CONN_MAX_AGE with health checks) and psycopg's pool (DB_POOL=1), and prints requests per
second and latency for a page that queries the database.

    .venv/bin/python bench/db_connections.py [--requests 3000] [--clients 4]
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._http import ROOT, gunicorn, load  # noqa: E402

DATABASE = "portal_bench_conn"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
MODES = {
    "new connection per request": {"DB_CONN_MAX_AGE": "0"},
    "persistent (CONN_MAX_AGE=600)": {"DB_CONN_MAX_AGE": "600"},
    "psycopg pool (DB_POOL=1)": {"DB_POOL": "1"},
}
PATHS = ["/healthz", "/privacy/policy/", "/cookies/"]


def prepare():
    exists = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc",
         f"SELECT 1 FROM pg_database WHERE datname='{DATABASE}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    env = {**os.environ, "DATABASE_URL": DATABASE_URL, "DJANGO_DEBUG": "1"}
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests per mode")
    parser.add_argument("--clients", type=int, default=4, help="concurrent keep-alive clients")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the best one is kept")
    options = parser.parse_args()
    prepare()
    per_client = options.requests // options.clients
    print(f"{options.requests} requests per mode over {options.clients} clients, "
          f"paths {PATHS}, best of {options.rounds} rounds")  # fmt: skip
    print(f"{'mode':<32}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for name, env in MODES.items():
        with gunicorn({"DATABASE_URL": DATABASE_URL, **env}, threads=4) as port:
            load(port, PATHS, clients=options.clients, requests_per_client=20)  # warm up
            rounds = [
                load(port, PATHS, clients=options.clients, requests_per_client=per_client)
                for _ in range(options.rounds)
            ]
        best = max(rounds, key=lambda r: r["rps"])
        print(f"{name:<32}{best['rps']:>9.0f}{best['p50_ms']:>9.1f}{best['p95_ms']:>9.1f}")


if __name__ == "__main__":
    main()
