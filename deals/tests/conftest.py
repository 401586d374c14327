import pytest

from accounts.regions import Region
from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from listings.tests.factories import ListingFactory, leaf


def _seller(name, region=Region.KOSTANAY):
    company = CompanyFactory(name=name, region=region, owner=accept_policy(UserFactory()))
    ListingFactory(
        company=company,
        category=leaf("grain-seeds"),
        region=region,
        title=f"Семена пшеницы от {name}",
        unit="tonne",
        price=175_000,
    )
    return company


@pytest.fixture
def buyer(db):
    return accept_policy(UserFactory(first_name="Ерлан", last_name="Ахметов", region="kostanay"))


@pytest.fixture
def steppe(db):
    """A seller of grain seeds in Kostanay region."""
    return _seller("ТОО «Степь Агро»")


@pytest.fixture
def zerno(db):
    """Another seller of grain seeds in Kostanay region."""
    return _seller("ТОО «Костанай Зерно»")


@pytest.fixture
def faraway(db):
    """A seller of grain seeds in Turkistan region only."""
    return _seller("ТОО «Южный Агро»", region=Region.TURKISTAN)


def client_of(client_class, user):
    client = client_class()
    client.force_login(user)
    return client
