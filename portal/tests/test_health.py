import pytest

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_when_database_and_redis_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": {"ok": True}, "broker": {"ok": True}},
    }


def test_healthz_is_503_naming_redis_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["broker"]["ok"] is False
    assert "Redis unreachable" in body["checks"]["broker"]["error"]


def test_healthz_is_503_naming_the_database_when_it_fails(client, monkeypatch):
    from portal import health

    monkeypatch.setattr(health, "database_error", lambda: "OperationalError: down")

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "error": "OperationalError: down"}


def test_home_page_renders_search_box_and_footer_links(client):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="q"' in html
    assert "/privacy/policy/" in html
    assert "/cookies/" in html
