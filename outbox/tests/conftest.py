import pytest

from outbox.tests.smtp import SmtpSink


@pytest.fixture
def smtp(settings):
    """A real SMTP server the portal sends to, not started yet (so it refuses connections)."""
    sink = SmtpSink()
    for name, value in sink.settings().items():
        setattr(settings, name, value)
    yield sink
    sink.stop()
