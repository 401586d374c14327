import pytest

from accounts.tests.factories import UserFactory
from privacy.models import ConsentEvent
from privacy.texts import COOKIE_BANNER_TEXT

pytestmark = pytest.mark.django_db

BANNER = {"HTTP_X_COOKIE_CONSENT_FETCH": "1"}


def test_signed_in_users_banner_acceptance_goes_to_the_ledger(client):
    user = UserFactory()
    client.force_login(user)

    client.post("/cookies/accept/", {"cookie_groups": ["analytics", "marketing"]}, **BANNER)

    events = ConsentEvent.objects.filter(user=user).select_related("purpose")
    assert {(e.purpose.code, e.action, e.channel) for e in events} == {
        ("analytics", "grant", "cookie_banner"),
        ("advertising", "grant", "cookie_banner"),
    }
    assert {e.text_shown for e in events} == {str(COOKIE_BANNER_TEXT)}


def test_declining_on_the_settings_page_records_a_withdrawal_with_the_group_text(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post("/cookies/decline/", {"cookie_groups": "analytics"})

    assert response.status_code == 302
    event = ConsentEvent.objects.get(user=user)
    assert (event.purpose.code, event.action) == ("analytics", "withdraw")
    assert "Counts visits and pages anonymously" in event.text_shown


def test_guests_cookie_choice_is_kept_in_the_cookie_only(client):
    response = client.post("/cookies/accept/", {"cookie_groups": "analytics"}, **BANNER)

    assert response.status_code == 200
    assert "analytics=" in response.cookies["cookie_consent"].value
    assert not ConsentEvent.objects.exists()


def test_the_analytics_snippet_is_rendered_only_after_analytics_is_accepted(client):
    assert 'id="analytics-snippet"' not in client.get("/").content.decode()

    client.post("/cookies/decline/", {"cookie_groups": "analytics"}, **BANNER)
    assert 'id="analytics-snippet"' not in client.get("/").content.decode()

    client.post("/cookies/accept/", {"cookie_groups": "analytics"}, **BANNER)
    assert 'id="analytics-snippet"' in client.get("/").content.decode()


def test_cookie_settings_page_lists_every_group_with_its_cookies(
    client, django_assert_max_num_queries
):
    # Groups, their cookies, the cookies' partners: the same whatever their number.
    with django_assert_max_num_queries(5):
        html = client.get("/cookies/").content.decode()

    for text in ("Necessary", "Analytics", "Marketing", "sessionid", "portal_analytics"):
        assert text in html
