"""The search's condition, written as SQL, selects what the same search with the ORM selects."""

from decimal import Decimal

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from accounts.models import DeliveryRegion
from accounts.regions import Region
from accounts.tests.factories import CompanyFactory
from listings import selectors
from listings.models import Category, Listing
from listings.selectors.search_sql import matching_where
from listings.tests.factories import ListingFactory, leaf

pytestmark = pytest.mark.django_db


def _orm(params: selectors.SearchParams, tree) -> set[int]:
    """The same search written with the ORM, the way it read before the SQL was written out."""
    qs = Listing.objects.visible()
    if params.q:
        qs = qs.filter(
            search_vector=SearchQuery(params.q, search_type="websearch", config="russian")
        )
    if params.category is not None:
        qs = qs.filter(category_id__in=tree.subtree_ids(params.category))
    if params.region:
        qs = qs.filter(region=params.region)
    if params.price_min is not None:
        qs = qs.filter(price__gte=params.price_min)
    if params.price_max is not None:
        qs = qs.filter(price__lte=params.price_max)
    if params.condition:
        qs = qs.filter(condition=params.condition)
    if params.seller_id:
        qs = qs.filter(company_id=params.seller_id)
    if params.delivers_to:
        sellers = DeliveryRegion.objects.filter(region=params.delivers_to).values("company_id")
        qs = qs.filter(company_id__in=sellers)
    return set(qs.values_list("pk", flat=True))


def _sql(params: selectors.SearchParams, tree) -> set[int]:
    sql, sql_params = matching_where(params, tree=tree, with_category=True).select('"id"')
    with connection.cursor() as cursor:
        cursor.execute(sql, sql_params)
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def catalogue():
    """Listings that differ in every filter, a hidden one of each kind, a seller's regions."""
    delivering, other = CompanyFactory(), CompanyFactory()
    DeliveryRegion.objects.create(company=delivering, region=Region.ASTANA)
    closed = CompanyFactory()
    closed.owner.is_active = False
    closed.owner.save()
    metal = Category.objects.get(slug="metal").children.first()
    rows = [
        {
            "company": delivering,
            "title": "Трактор МТЗ",
            "price": 9_000_000,
            "region": Region.AKMOLA,
        },
        {
            "company": delivering,
            "title": "Семена подсолнечника",
            "price": 90_000,
            "category": leaf("seeds"),
        },
        {
            "company": other,
            "title": "Арматура А500",
            "price": 350_000,
            "category": metal,
            "region": Region.ASTANA,
        },
        {
            "company": other,
            "title": "Трактор новый",
            "price": 20_000_000,
            "condition": Listing.Condition.NEW,
        },
        {"company": other, "title": "Цемент 50% скидка_", "on_request": True},
        {"company": closed, "title": "Трактор закрытого продавца"},
        {"company": other, "title": "Трактор черновик", "draft": True},
    ]
    return [ListingFactory(**row) for row in rows]


SEARCHES = [
    {},
    {"q": "трактор"},
    {"q": "семена подсолнечника"},
    {"q": "трактор OR арматура"},
    {"q": "xyzzy"},
    {"q": "50% скидка_"},
    {"category": "agricultural-machinery"},
    {"category": "tractors", "region": Region.AKMOLA},
    {"price_min": Decimal("100000"), "price_max": Decimal("10000000")},
    {"condition": Listing.Condition.NEW},
    {"delivers_to": Region.ASTANA},
    {"delivers_to": Region.ASTANA, "q": "трактор"},
    {"seller": True},
]


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize("search", SEARCHES, ids=[str(s) for s in SEARCHES])
def test_the_sql_condition_selects_what_the_orm_selects(search):
    tree = selectors.category_tree()
    values = dict(search)
    if "category" in values:
        values["category"] = Category.objects.get(slug=values["category"])
    if values.pop("seller", False):
        values["seller_id"] = Listing.objects.filter(title="Арматура А500").get().company_id
    params = selectors.SearchParams(**values)

    found = _sql(params, tree)

    assert found == _orm(params, tree)
    assert not found & set(
        Listing.objects.filter(
            title__in=["Трактор закрытого продавца", "Трактор черновик"]
        ).values_list("pk", flat=True)
    )
