"""Measure the catalogue import: rows per second, and peak memory against the file's size.

Writes catalogues of each size in both formats (the portal's own template columns, with
wholesale prices), then for each runs, in a fresh child process: the check (the preview),
the import (every row creates a listing) and a second import of the same file (every row
updates one), with the service calls the pages make and tasks run inline. Prints the time
of each step and the child's peak RSS: memory must not grow with the rows (the file is
streamed, chunk by chunk).

    .venv/bin/python bench/import.py [--rows 1000 10000 20000] [--formats csv xlsx]

Uses the database postgres://postgres@127.0.0.1:5432/portal_bench_import (recreated).
"""

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE = "portal_bench_import"
ENV = {
    **os.environ,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    "DJANGO_DEBUG": "0",  # with debug on, Django keeps every query in memory
    "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "PRIVACY_HASH_KEY": "bench-only-privacy-hash-key-0123456789-abcdefghijklmnopqrstuvw",
    "REDIS_URL": "",  # tasks inline: the import runs in this process, measured
    "PYTHONWARNINGS": "ignore",
    "LOG_LEVEL": "WARNING",
}
HEADER = ["sku", "title", "category", "price", "unit", "min_order_quantity", "price_tiers",
          "condition", "region", "description", "publish"]  # fmt: skip
CATEGORIES = ["wheat", "barley", "rebar", "sheet-metal", "cement-mixes", "mineral-fertilisers"]


def _row(n: int) -> list:
    return [f"SKU-{n:07d}", f"Товар номер {n}, партия 2025 года", CATEGORIES[n % len(CATEGORIES)],
            str(10_000 + n % 5000), "tonne", "1", "10: 9500; 100: 9000", "new", "kostanay",
            "Описание товара: сорт, фасовка, условия отгрузки со склада.", "yes"]  # fmt: skip


def write_catalogue(path: Path, rows: int, fmt: str) -> None:
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file, delimiter=";")
            writer.writerow(HEADER)
            writer.writerows(_row(n) for n in range(rows))
        return
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for n in range(rows):
        sheet.append(_row(n))
    workbook.save(path)


def _psql(sql: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True,
                   capture_output=True)  # fmt: skip


def recreate_database() -> None:
    _psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    _psql(f"CREATE DATABASE {DATABASE}")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=ENV, check=True)


def child(path: str, fmt: str) -> None:
    """Run check, import and re-import of one file; print the figures as one JSON line."""
    os.environ.update(ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.core.files import File

    from accounts.models import Company
    from accounts.tests.factories import CompanyFactory, UserFactory, valid_bin
    from listings.catalogue import importer

    # A new seller for each child (the factories' sequences start again in each process).
    serial = Company.objects.count() + 1
    owner = UserFactory(email=f"bench-seller-{serial}@example.kz")
    company = CompanyFactory(owner=owner, bin=valid_bin(5000 + serial))
    timings = {}
    for step in ("create", "update"):
        with open(path, "rb") as source:
            started = time.perf_counter()
            upload = File(source, name=f"catalogue.{fmt}")
            checked = importer.catalogue_import_create(
                company=company, upload=upload, language="ru"
            )
            checked.refresh_from_db()
            timings[f"check_{step}"] = time.perf_counter() - started
        started = time.perf_counter()
        done = importer.catalogue_import_confirm(catalogue_import=checked)
        done.refresh_from_db()
        timings[step] = time.perf_counter() - started
        assert done.status == "done", (done.status, done.problem)
        timings[f"{step}_count"] = done.created if step == "create" else done.updated
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({**timings, "peak_mb": peak_kb / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10_000, 20_000])
    parser.add_argument("--formats", nargs="+", default=["csv", "xlsx"])
    parser.add_argument("--child", nargs=2, metavar=("FILE", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    recreate_database()
    print(f"{'format':6} {'rows':>7} {'check s':>8} {'import s':>9} {'rows/s':>7} "
          f"{'re-import s':>11} {'rows/s':>7} {'peak MB':>8}")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        env = {**ENV, "MEDIA_ROOT": folder}
        for fmt in args.formats:
            for rows in args.rows:
                path = Path(folder) / f"catalogue-{rows}.{fmt}"
                write_catalogue(path, rows, fmt)
                done = subprocess.run(
                    [sys.executable, __file__, "--child", str(path), fmt],
                    env=env, check=True, capture_output=True, text=True, cwd=ROOT,
                )  # fmt: skip
                r = json.loads(done.stdout.strip().splitlines()[-1])
                assert r["create_count"] == rows == r["update_count"], r
                print(f"{fmt:6} {rows:>7,} {r['check_create']:>8.2f} {r['create']:>9.2f} "
                      f"{rows / r['create']:>7,.0f} {r['update']:>11.2f} "
                      f"{rows / r['update']:>7,.0f} {r['peak_mb']:>8.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
