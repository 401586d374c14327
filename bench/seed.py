"""Seed a benchmark database with N listings (default 1,000,000), quickly, with COPY.

    .venv/bin/python bench/seed.py [--listings 1000000] [--companies 10000]

DATABASE_URL names the database (default postgres://postgres@127.0.0.1:5432/portal_bench_listings);
it is created and migrated if needed, and its users, companies and listings are replaced.

The data follow `listings.demo`: category-specific nouns, rare model names, generic words in
most descriptions, three listings in four in Russian. Sellers are skewed as in real
marketplaces (a few sellers hold thousands of listings, most a few dozen), each trading in
a handful of categories, mostly in their own region. Rows go in in publication order, as
a live table fills. 95% are published; 1% of the sellers' accounts are deactivated, so the
visibility rule has something to hide.

Secondary indexes are dropped during the load and rebuilt after it (faster than keeping
them current row by row); the search-vector trigger stays on, so COPY fills the vectors.
"""

import argparse
import bisect
import itertools
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/portal_bench_listings"
# Every bench account shares one unusable password: nobody signs in to them.
PASSWORD = "!bench"
LISTING_COLUMNS = (
    "company_id", "category_id", "title", "sku", "description", "price", "price_on_request",
    "unit", "min_order_quantity", "condition", "region", "status", "moderation_rule",
    "created_at", "updated_at", "published_at",
)  # fmt: skip


def _django(url: str):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    )
    os.environ.setdefault(
        "PRIVACY_HASH_KEY", "bench-only-privacy-hash-key-0123456789-abcdefghijklmnopqrstuvw"
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def create_and_migrate(url: str) -> None:
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info.pop("dbname")
    with psycopg.connect(**info, dbname="postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)


def seed_sellers(cursor, *, companies: int, rng: random.Random) -> list[tuple[int, str]]:
    """Copy in `companies` users, each with a company; return (company id, region) pairs."""
    from listings import demo

    now = datetime.now(UTC)
    with cursor.copy(
        "COPY accounts_user (id, password, is_superuser, first_name, last_name, is_staff, "
        "is_active, date_joined, email, patronymic, phone, address, region, language) FROM STDIN"
    ) as copy:
        for n in range(1, companies + 1):
            copy.write_row((
                n, PASSWORD, False, rng.choice(demo.FIRST_NAMES), rng.choice(demo.LAST_NAMES),
                False, rng.random() >= 0.01, now, f"seller{n}@bench.kz", "", "", "", "", "ru",
            ))  # fmt: skip
    sellers = []
    with cursor.copy(
        "COPY accounts_company (id, owner_id, name, bin, legal_address, region, "
        "authorised_person, contact_phone, contact_email, description, is_verified, created_at, "
        "bank_name, bic, iban, telegram, whatsapp) FROM STDIN"
    ) as copy:
        for n in range(1, companies + 1):
            region = demo.weighted_region(rng)
            sellers.append((n, region))
            copy.write_row((
                n, n, demo.company_name(n), demo.company_bin(n), demo.CITIES[region][1], region,
                "Bench Person", f"+7701{n:07d}", f"seller{n}@bench.kz", "", n % 3 != 0, now,
                "", "", "", "", "",
            ))  # fmt: skip
    for table in ("accounts_user", "accounts_company"):
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
        )
    return sellers


def _listing_rows(*, count: int, sellers, leaves, rng: random.Random):
    from listings import demo

    # Seller sizes follow a power law; category popularity is log-normal.
    seller_cum = list(itertools.accumulate(1 / (i + 1) ** 0.8 for i in range(len(sellers))))
    leaf_weights = [rng.lognormvariate(0, 0.8) for _leaf in leaves]
    trades = {
        company_id: rng.choices(leaves, weights=leaf_weights, k=3) for company_id, _r in sellers
    }
    statuses = ("published",) * 95 + ("draft",) * 3 + ("archived", "blocked")
    start = datetime.now(UTC) - timedelta(days=365)
    step = timedelta(days=365) / count
    for n in range(count):
        index = bisect.bisect_left(seller_cum, rng.random() * seller_cum[-1])
        company_id, home = sellers[min(index, len(sellers) - 1)]
        category_id, slug = rng.choice(trades[company_id])
        region = home if rng.random() < 0.75 else demo.weighted_region(rng)
        fields = demo.fake_listing(rng, slug, region)
        status = rng.choice(statuses)
        when = start + step * n
        yield (
            company_id, category_id, fields["title"], "", fields["description"], fields["price"],
            fields["price_on_request"], fields["unit"], fields["min_order_quantity"],
            fields["condition"], region, status, "", when, when,
            when if status != "draft" else None,
        )  # fmt: skip


def seed_listings(connection, *, count: int, sellers, rng: random.Random) -> None:
    with connection.cursor() as cursor:
        leaves = cursor.execute(
            "SELECT id, slug FROM listings_category WHERE parent_id IS NOT NULL ORDER BY id"
        ).fetchall()
        indexes = cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'listings_listing' "
            "AND indexname <> 'listings_listing_pkey'"
        ).fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        started = time.monotonic()
        columns = ", ".join(LISTING_COLUMNS)
        with cursor.copy(f"COPY listings_listing ({columns}) FROM STDIN") as copy:
            rows = _listing_rows(count=count, sellers=sellers, leaves=leaves, rng=rng)
            for n, row in enumerate(rows, start=1):
                copy.write_row(row)
                if n % 100_000 == 0:
                    print(f"  {n:>9,} listings  {time.monotonic() - started:6.0f} s", flush=True)
        connection.commit()
        print(f"  copied in {time.monotonic() - started:.0f} s; rebuilding indexes", flush=True)
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SET max_parallel_maintenance_workers = 2")
        for name, definition in indexes:
            began = time.monotonic()
            cursor.execute(definition)
            connection.commit()
            print(f"  {name:<40} {time.monotonic() - began:5.1f} s", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=1_000_000)
    parser.add_argument("--companies", type=int, default=None, help="default: listings / 100")
    parser.add_argument("--seed", type=int, default=42)
    options = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    companies = options.companies or max(20, options.listings // 100)
    rng = random.Random(options.seed)

    began = time.monotonic()
    create_and_migrate(url)
    _django(url)
    print(f"Seeding {options.listings:,} listings of {companies:,} sellers into {url}")
    with psycopg.connect(url) as connection:
        with connection.cursor() as cursor:
            # A bench database only: every user, company and listing is replaced.
            cursor.execute("TRUNCATE accounts_user, accounts_company, listings_listing CASCADE")
            sellers = seed_sellers(cursor, companies=companies, rng=rng)
        connection.commit()
        seed_listings(connection, count=options.listings, sellers=sellers, rng=rng)
    with psycopg.connect(url, autocommit=True) as connection:
        began_vacuum = time.monotonic()
        for table in ("accounts_user", "accounts_company", "listings_listing"):
            connection.execute(f"VACUUM ANALYZE {table}")
        print(f"  vacuum analyze {time.monotonic() - began_vacuum:.0f} s")
        size = connection.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('listings_listing'))"
        ).fetchone()[0]
    print(f"Seeded {options.listings:,} listings in {time.monotonic() - began:.0f} s ({size}).")


if __name__ == "__main__":
    main()
