import pytest

from accounts.tests.factories import PASSWORD, UserFactory, accept_policy


@pytest.fixture
def member(db):
    """A signed-up user with a confirmed e-mail who accepted the policy in force."""
    return accept_policy(UserFactory())


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def password():
    return PASSWORD
