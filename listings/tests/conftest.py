import pytest

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy


@pytest.fixture(autouse=True)
def _media_root(request, settings, tmp_path):
    """Keep uploaded photos of each test in its own folder.

    Browser tests keep the configured root: the live server's /media/ view was bound to it
    when the URLconf was imported, and a photo it cannot find is a console error. Tests
    with a Celery worker keep it too: the worker, another process, reads the files there.
    """
    marker = request.node.get_closest_marker
    if not marker("browser") and not marker("celery_worker"):
        settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def seller(db):
    """A signed-up seller: verified e-mail, accepted policy, with a company."""
    company = CompanyFactory(owner=accept_policy(UserFactory()))
    return company.owner


@pytest.fixture
def company(seller):
    return seller.company


@pytest.fixture
def seller_client(client, seller):
    client.force_login(seller)
    return client


@pytest.fixture
def buyer(db):
    return accept_policy(UserFactory())


@pytest.fixture
def buyer_client(client, buyer):
    client.force_login(buyer)
    return client
