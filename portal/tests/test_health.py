import pytest

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_when_database_and_redis_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}


def test_healthz_is_503_naming_the_broker_without_its_error_text(client, settings, caplog):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {"database": "ok", "broker": "fail"}}
    text = response.content.decode()
    for leak in ("127.0.0.1", "Error", "refused", "Redis", "port"):
        assert leak not in text
    assert "127.0.0.1:1" in caplog.text or "refused" in caplog.text  # the operator's log has it


class _BrokenConnection:
    """A database connection whose every use fails with what a driver would say."""

    SECRET = 'password authentication failed for user "portal" at 10.20.30.40:5432'

    def cursor(self):
        from django.db import OperationalError

        raise OperationalError(self.SECRET)


def test_healthz_is_503_naming_the_database_without_its_error_text(client, monkeypatch, caplog):
    from portal import health

    monkeypatch.setattr(health, "connection", _BrokenConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {"database": "fail", "broker": "ok"}}
    text = response.content.decode()
    for leak in ("password", "10.20.30.40", "portal", "OperationalError"):
        assert leak not in text
    assert _BrokenConnection.SECRET in caplog.text


def test_home_page_renders_search_box_and_footer_links(client):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="q"' in html
    assert "/privacy/policy/" in html
    assert "/cookies/" in html
