"""Fill an empty portal with demo data: `manage.py seed_demo [--if-empty]`.

It lives in `portal`, the top of the dependency order, because it seeds every app: the
accounts, sellers, listings and reviews here, then each app above listings from its own
`demo.py`, in the order of `STEPS` (an app's step may use what the ones before made).

Idempotent: accounts and companies are found by e-mail and BIN, a seller who already has
listings gets no more, and reviews are unique per buyer and seller, so running it twice
changes nothing. Each kind of data has its own small function; a new app with demo data adds
its `seed_<app>(stdout=...)` to `STEPS`.

Categories are not seeded here: migration listings.0003 creates them.
"""

import random
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation

from accounts.models import Company, User
from accounts.regions import Region
from deals.demo import seed_deals
from listings import demo
from listings.demo_photos import seed_photos
from listings.models import Category, Listing, Review
from orders.demo import seed_orders
from support.demo import seed_support

SELLERS = 20
LISTINGS = 500
BUYERS = 5
SEED = 20_24

BUYER_EMAIL = "buyer@demo.kz"
SELLER_EMAIL = "seller@demo.kz"
ADMIN_EMAIL = "admin@demo.kz"
BUYER_PASSWORD = "Demo-Buyer-2024"
SELLER_PASSWORD = "Demo-Seller-2024"
ADMIN_PASSWORD = "Demo-Admin-2024"
# The demo data of the apps above listings, in the order they are seeded.
STEPS = (seed_orders, seed_deals, seed_support)

REVIEW_TEXTS = (
    (5, "Всё отгрузили в срок, документы в порядке. Рекомендую."),
    (5, "Привезли вовремя, счёт и сертификаты были в порядке."),
    (4, "Хороший поставщик, но доставка задержалась на два дня."),
    (4, "Хорошие цены на крупные партии, менеджер быстро отвечает."),
    (3, "Товар соответствует описанию, но пришлось долго ждать счёт."),
    (5, "Работаем не первый год, надёжная компания."),
)


def _user(email, *, password_hash, first_name, last_name, **extra) -> User:
    user, _created = User.objects.get_or_create(
        email=email,
        defaults={
            "password": password_hash,
            "first_name": first_name,
            "last_name": last_name,
            **extra,
        },
    )
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed_accounts() -> dict[str, tuple[User, str]]:
    """Create the demo admin, buyer and seller accounts; return them with their passwords."""
    admin = _user(
        ADMIN_EMAIL,
        password_hash=make_password(ADMIN_PASSWORD),
        first_name="Админ",
        last_name="Порталов",
        is_staff=True,
        is_superuser=True,
    )
    buyer = _user(
        BUYER_EMAIL,
        password_hash=make_password(BUYER_PASSWORD),
        first_name="Айгерим",
        last_name="Сатпаева",
    )
    return {"admin": (admin, ADMIN_PASSWORD), "buyer": (buyer, BUYER_PASSWORD)}


def seed_buyers(rng: random.Random) -> list[User]:
    """Return the demo buyers who write reviews: buyer@demo.kz and a few more."""
    password_hash = make_password(BUYER_PASSWORD)
    buyers = [User.objects.get(email=BUYER_EMAIL)]
    for n in range(2, BUYERS + 1):
        buyers.append(
            _user(
                f"buyer{n}@demo.kz",
                password_hash=password_hash,
                first_name=rng.choice(demo.FIRST_NAMES),
                last_name=rng.choice(demo.LAST_NAMES),
            )
        )
    return buyers


def _russian(text) -> str:
    with translation.override("ru"):
        return str(text)


def seed_sellers(rng: random.Random) -> list[Company]:
    """Create sellers across the regions; the first is seller@demo.kz. Return their companies."""
    password_hash = make_password(SELLER_PASSWORD)
    regions = list(demo.REGION_WEIGHTS)
    companies = []
    for n in range(SELLERS):
        email = SELLER_EMAIL if n == 0 else f"seller{n + 1}@demo.kz"
        first, last = rng.choice(demo.FIRST_NAMES), rng.choice(demo.LAST_NAMES)
        owner = _user(email, password_hash=password_hash, first_name=first, last_name=last)
        region = regions[n % len(regions)]
        company, _created = Company.objects.get_or_create(
            owner=owner,
            defaults={
                "name": demo.company_name(n),
                "bin": demo.company_bin(n),
                "legal_address": f"{_russian(Region(region).label)}, ул. Абая, {n + 1}",
                "region": region,
                "authorised_person": f"{last} {first}",
                "contact_phone": f"+7701{n:07d}",
                "contact_email": email,
                "is_verified": n % 3 != 2,
            },
        )
        companies.append(company)
    return companies


def seed_listings(rng: random.Random, companies: list[Company]) -> int:
    """Give each seller without listings a share of LISTINGS; return how many were created."""
    with_listings = set(
        Listing.objects.filter(company__in=companies).values_list("company_id", flat=True)
    )
    leaves = list(Category.objects.filter(parent__isnull=False).values_list("pk", "slug"))
    now = timezone.now()
    rows = []
    per_company = LISTINGS // len(companies)
    for company in companies:
        if company.pk in with_listings:
            continue
        # Each seller trades in a few categories, as real ones do.
        trade = rng.sample(leaves, 4)
        for _n in range(per_company):
            category_id, slug = rng.choice(trade)
            region = company.region if rng.random() < 0.7 else demo.weighted_region(rng)
            fields = demo.fake_listing(rng, slug, region, russian_share=1.0)
            status = rng.choices(
                [Listing.Status.PUBLISHED, Listing.Status.DRAFT, Listing.Status.ARCHIVED],
                weights=[90, 6, 4],
            )[0]
            published = status != Listing.Status.DRAFT
            published_at = now - timedelta(minutes=rng.randint(1, 60 * 24 * 90))
            rows.append(
                Listing(
                    company=company,
                    category_id=category_id,
                    region=region,
                    status=status,
                    published_at=published_at if published else None,
                    **fields,
                )
            )
    Listing.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def seed_reviews(rng: random.Random, buyers: list[User], companies: list[Company]) -> int:
    reviews = []
    for buyer in buyers:
        for company in rng.sample(companies, len(companies) // 2):
            rating, text = rng.choice(REVIEW_TEXTS)
            reviews.append(Review(author=buyer, company=company, rating=rating, text=text))
    before = Review.objects.count()
    Review.objects.bulk_create(reviews, ignore_conflicts=True)
    return Review.objects.count() - before


def _rng(step: str) -> random.Random:
    """Return a generator of its own for each step, so that reruns draw the same values."""
    return random.Random(f"{SEED}:{step}")


class Command(BaseCommand):
    help = "Create demo data in every app: accounts, sellers, listings, orders... (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the portal already has listings.",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Listing.objects.exists():
            self.stdout.write("Listings exist already: no demo data added.")
            return
        with transaction.atomic():
            accounts = seed_accounts()
            buyers = seed_buyers(_rng("buyers"))
            companies = seed_sellers(_rng("sellers"))
            listings = seed_listings(_rng("listings"), companies)
            reviews = seed_reviews(_rng("reviews"), buyers, companies)
            without_photos = Listing.objects.filter(
                company__in=companies, images__isnull=True
            ).select_related("category__parent")
            photos = seed_photos(_rng("photos"), without_photos.order_by("pk"))
        self.stdout.write(
            f"Demo data: {len(companies)} sellers, {listings} new listings, {photos} photos, "
            f"{reviews} reviews."
        )
        for step in STEPS:
            step(stdout=self.stdout)
        self.stdout.write("Sign in with:")
        accounts["seller"] = (companies[0].owner, SELLER_PASSWORD)
        for role in ("buyer", "seller", "admin"):
            user, password = accounts[role]
            self.stdout.write(f"  {role:<6} {user.email}  password: {password}")
