import pytest


@pytest.fixture
def unthrottled(settings):
    """No wait between batches: the tests drive batches one after another."""
    settings.MAILING_RATE_PER_MINUTE = 10**9
    return settings
