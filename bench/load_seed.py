"""Seed the database of `bench/load.py`, or describe what a seeded one holds.

    DATABASE_URL=... .venv/bin/python bench/load_seed.py seed
    DATABASE_URL=... .venv/bin/python bench/load_seed.py describe > seed.json

`seed` runs the demo seeding of `manage.py seed_demo` (accounts, sellers, listings with
prices and minimum quantities, reviews) at the load test's size, without its demo orders:
SELLERS sellers, LISTINGS listings, BUYERS buyer accounts with verified e-mail addresses and
known passwords. Every account accepts the policy in force (else each signed-in page would
first ask for it) and every seller gets its shipping and payment options.

`describe` prints, as JSON, what the load clients need: the buyers' and sellers' e-mails
and passwords, the sellers' company ids, and the ids of the listings a visitor can see.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SELLERS = 10
LISTINGS = 3000
BUYERS = 40


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def seed() -> None:
    from django.db import transaction

    from accounts.models import User
    from orders.services import seller_options_ensure
    from portal.management.commands import seed_demo
    from privacy.selectors import policy_current
    from privacy.services import policy_accept

    seed_demo.SELLERS, seed_demo.LISTINGS, seed_demo.BUYERS = SELLERS, LISTINGS, BUYERS
    with transaction.atomic():
        seed_demo.seed_accounts()
        buyers = seed_demo.seed_buyers(seed_demo._rng("buyers"))
        companies = seed_demo.seed_sellers(seed_demo._rng("sellers"))
        listings = seed_demo.seed_listings(seed_demo._rng("listings"), companies)
        seed_demo.seed_reviews(seed_demo._rng("reviews"), buyers, companies)
        for company in companies:
            seller_options_ensure(company=company)
        policy = policy_current()
        if policy is not None:
            for user in User.objects.filter(is_staff=False):
                policy_accept(user=user, policy=policy, text_shown="Accepted for the load test.")
    print(f"Seeded {len(companies)} sellers, {listings} listings, {len(buyers)} buyers.")


def describe() -> dict:
    from accounts.models import Company, User
    from listings.models import Listing
    from portal.management.commands import seed_demo

    sellers = Company.objects.select_related("owner").order_by("pk")
    buyers = (
        User.objects.filter(email__startswith="buyer", company__isnull=True)
        .order_by("pk")
        .values_list("email", flat=True)
    )
    return {
        "buyer_password": seed_demo.BUYER_PASSWORD,
        "seller_password": seed_demo.SELLER_PASSWORD,
        "buyers": list(buyers),
        "sellers": [{"email": c.owner.email, "company": c.pk} for c in sellers],
        "listings": list(Listing.objects.visible().order_by("pk").values_list("pk", flat=True)),
    }


if __name__ == "__main__":
    _django()
    if sys.argv[1:] == ["seed"]:
        seed()
    elif sys.argv[1:] == ["describe"]:
        print(json.dumps(describe()))
    else:
        sys.exit(__doc__)
