import pytest
from allauth.account.models import EmailAddress

from accounts.tests.factories import UserFactory, accept_policy
from accounts.views import EMAIL_UNVERIFIED_MESSAGE
from privacy.models import ConsentEvent, DataRequest, Purpose
from privacy.selectors import consent_given
from privacy.services import disclosure_record

pytestmark = pytest.mark.django_db

URL = "/account/privacy/"
CONSENT_URL = "/account/privacy/consent/"


@pytest.fixture
def unverified_client(client):
    user = accept_policy(UserFactory(verified=False))
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    client.force_login(user)
    client.user = user
    return client


def test_privacy_page_shows_every_purpose_with_the_current_consent(member_client):
    response = member_client.get(URL)

    html = response.content.decode()
    for purpose in Purpose.objects.all():
        assert f'id="purpose-{purpose.code}"' in html
    rows = {row.purpose.code: row for row in response.context["consents"]}
    assert rows[Purpose.SERVICE].granted
    assert not rows[Purpose.MARKETING].granted
    assert rows[Purpose.MARKETING].changeable
    assert not rows[Purpose.SERVICE].changeable


def test_privacy_page_offers_what_the_law_offers_for_each_required_purpose(member_client):
    """Not "withdraw consent" where nothing rests on consent: closing the account for the
    contract, an objection for a legitimate interest, nothing for a legal obligation."""
    html = member_client.get(URL).content.decode()

    def row(code):
        start = html.index(f'id="purpose-{code}"')
        return html[start : html.index("</tr>", start)]

    assert 'href="/account/privacy/delete/"' in row(Purpose.SERVICE)
    assert 'action="/account/privacy/object/"' in row(Purpose.FRAUD)
    assert "<form" not in row(Purpose.LEGAL)
    assert "<a " not in row(Purpose.LEGAL)
    for code in Purpose.objects.filter(is_required=True).values_list("code", flat=True):
        assert "Withdraw consent" not in row(code)


def test_granting_and_withdrawing_marketing_goes_to_the_ledger(member_client, member):
    member_client.post(CONSENT_URL, {"purpose": "marketing", "action": "grant"})
    assert consent_given(purpose="marketing", user=member)

    member_client.post(
        CONSENT_URL,
        {"purpose": "marketing", "action": "withdraw"},
        REMOTE_ADDR="2001:db8:85a3::8a2e:370:7334",
        HTTP_USER_AGENT="Firefox",
    )

    assert not consent_given(purpose="marketing", user=member)
    event = ConsentEvent.objects.filter(user=member, purpose__code="marketing").first()
    assert event.action == ConsentEvent.Action.WITHDRAW
    assert event.channel == ConsentEvent.Channel.ACCOUNT
    assert event.ip_truncated == "2001:db8:85a3::"
    assert event.user_agent == "Firefox"
    assert "Marketing" in event.text_shown
    assert event.policy_version is not None


def test_pressing_withdraw_twice_records_one_event(member_client, member):
    accept_policy(member, marketing=True)

    member_client.post(CONSENT_URL, {"purpose": "marketing", "action": "withdraw"})
    member_client.post(CONSENT_URL, {"purpose": "marketing", "action": "withdraw"})

    assert (
        ConsentEvent.objects.filter(
            user=member, purpose__code="marketing", action=ConsentEvent.Action.WITHDRAW
        ).count()
        == 1
    )


def test_a_cookie_purpose_changed_here_also_sets_the_browsers_cookie_choice(member_client):
    response = member_client.post(CONSENT_URL, {"purpose": "analytics", "action": "grant"})

    assert "analytics=" in response.cookies["cookie_consent"].value


@pytest.mark.parametrize("code", ["service", "legal", "fraud", "orders", "nonsense"])
def test_required_or_non_consent_purposes_cannot_be_toggled(member_client, member, code):
    before = ConsentEvent.objects.count()

    response = member_client.post(CONSENT_URL, {"purpose": code, "action": "withdraw"})

    assert response.status_code == 302
    assert ConsentEvent.objects.count() == before
    member.refresh_from_db()
    assert member.is_active


def test_consent_change_refuses_get(member_client):
    assert member_client.get(CONSENT_URL).status_code == 405


def test_history_lists_the_users_own_consent_events(member_client, member):
    other = accept_policy(UserFactory(), marketing=True)

    response = member_client.get(URL)

    history = list(response.context["history"])
    assert history
    assert all(event.user_id == member.pk for event in history)
    assert other.email not in response.content.decode()


def test_who_has_seen_my_data_lists_disclosures_about_me_only(member_client, member):
    other = UserFactory()
    disclosure_record(
        actor=other, actor_label="TOO Seller", fields=["phone", "email"], purpose="orders",
        reason="Order #A1 to this seller", subject=member,
    )  # fmt: skip
    disclosure_record(
        actor=member, actor_label="Someone else's seller", fields=["phone"], purpose="orders",
        reason="Order #B2", subject=other,
    )  # fmt: skip

    html = member_client.get(URL).content.decode()

    assert "TOO Seller" in html
    assert "phone, e-mail" in html
    assert "Order #A1 to this seller" in html
    assert "Order #B2" not in html


def test_privacy_page_escapes_text_from_the_ledger(member_client, member):
    disclosure_record(
        actor=None, actor_label="<script>alert(1)</script>", fields=["email"],
        purpose="service", reason="<b>why</b>", subject=member,
    )  # fmt: skip

    html = member_client.get(URL).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_privacy_page_has_a_bounded_number_of_queries(
    member_client, member, django_assert_max_num_queries
):
    for n in range(30):
        disclosure_record(
            actor=None, actor_label=f"Seller {n}", fields=["phone"], purpose="orders",
            reason="Order", subject=member,
        )  # fmt: skip
    member_client.get(URL)

    with django_assert_max_num_queries(12):
        member_client.get(URL)


def test_an_unverified_user_sees_a_prompt_instead_of_the_privacy_actions(unverified_client):
    response = unverified_client.get(URL)

    html = response.content.decode()
    assert "verify-prompt" in html
    assert 'name="action_send"' in html
    assert "/account/privacy/data/download/" not in html
    assert 'href="/account/privacy/delete/"' not in html
    assert "/account/privacy/consent/" not in html


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("post", "/account/privacy/consent/", {"purpose": "marketing", "action": "grant"}),
        ("post", "/account/privacy/data/download/", {}),
        ("get", "/account/privacy/data/", {}),
        ("get", "/account/privacy/delete/", {}),
        ("post", "/account/privacy/delete/", {"password": "Correct-Horse-42"}),
        ("post", "/account/privacy/withdraw/service/", {"password": "Correct-Horse-42"}),
    ],
)
def test_privacy_actions_need_a_confirmed_email(unverified_client, method, url, data):
    response = getattr(unverified_client, method)(url, data, follow=True)

    assert response.redirect_chain[-1][0] == URL
    assert str(EMAIL_UNVERIFIED_MESSAGE) in response.content.decode()
    user = unverified_client.user
    user.refresh_from_db()
    assert user.is_active
    assert not DataRequest.objects.exists()
    assert not consent_given(purpose="marketing", user=user)
