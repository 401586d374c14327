import pytest

from accounts.tests.factories import PASSWORD


@pytest.fixture
def member(buyer):
    """A signed-up user with a confirmed e-mail who accepted the policy in force (the root
    conftest's `buyer`, named for what the accounts tests are about)."""
    return buyer


@pytest.fixture
def member_client(buyer_client):
    return buyer_client


@pytest.fixture
def password():
    return PASSWORD
