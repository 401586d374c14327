import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser

from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy
from listings import services
from listings.admin import ReviewAdmin
from listings.forms import REVIEW_RATING_REQUIRED, REVIEW_TEXT_REQUIRED
from listings.models import Review
from listings.tests.factories import ReviewFactory
from privacy.models import DisclosureEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_the_listings_rules(monkeypatch):
    """Test the rules of this app; other apps test the rules they add."""
    monkeypatch.setattr(services, "REVIEW_RULES", list(services.LISTINGS_REVIEW_RULES))


def test_a_buyer_with_a_verified_email_may_review_a_seller(buyer):
    eligibility = services.review_eligibility(user=buyer, company=CompanyFactory())

    assert eligibility.allowed


@pytest.mark.parametrize(
    ("who", "reason"),
    [
        ("anonymous", services.REVIEW_SIGN_IN),
        ("unverified", services.REVIEW_VERIFY_EMAIL),
        ("owner", services.REVIEW_OWN_COMPANY),
        ("reviewed", services.REVIEW_ALREADY),
    ],
)
def test_who_may_not_review_and_why(who, reason):
    company = CompanyFactory()
    user = {
        "anonymous": lambda: AnonymousUser(),
        "unverified": lambda: UserFactory(verified=False),
        "owner": lambda: company.owner,
        "reviewed": lambda: ReviewFactory(company=company).author,
    }[who]()

    eligibility = services.review_eligibility(user=user, company=company)

    assert not eligibility.allowed
    assert eligibility.reason == reason


def test_other_apps_can_add_a_review_rule(buyer, monkeypatch):
    """The orders app appends "only buyers with a completed order" from its AppConfig.ready."""
    services.REVIEW_RULES.append(lambda *, user, company: "Only after a completed order.")

    eligibility = services.review_eligibility(user=buyer, company=CompanyFactory())

    assert eligibility.reason == "Only after a completed order."


def test_a_buyer_reviews_a_seller_once(buyer_client, buyer):
    company = CompanyFactory()

    first = buyer_client.post(f"/sellers/{company.pk}/review/", {"rating": "4", "text": "Хорошо"})
    second = buyer_client.post(f"/sellers/{company.pk}/review/", {"rating": "1", "text": "Плохо"})

    assert first.status_code == 302
    review = Review.objects.get()
    assert (review.author, review.rating, review.text) == (buyer, 4, "Хорошо")
    assert second.status_code == 200
    assert Review.objects.count() == 1


def test_the_service_refuses_a_second_review_even_past_the_check(buyer):
    company = CompanyFactory()
    services.review_create(author=buyer, company=company, rating=5, text="Отлично")

    with pytest.raises(services.ReviewError) as refused:
        services.review_create(author=buyer, company=company, rating=1, text="Снова")

    assert refused.value.message == services.REVIEW_ALREADY


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"rating": "", "text": "Хорошо"}, "rating", REVIEW_RATING_REQUIRED),
        ({"rating": "9", "text": "Хорошо"}, "rating", REVIEW_RATING_REQUIRED),
        ({"rating": "abc", "text": "Хорошо"}, "rating", REVIEW_RATING_REQUIRED),
        ({"rating": "5", "text": ""}, "text", REVIEW_TEXT_REQUIRED),
    ],
)
def test_a_bad_review_is_refused_next_to_its_field_and_keeps_the_text(
    buyer_client, data, field, message
):
    company = CompanyFactory()

    response = buyer_client.post(f"/sellers/{company.pk}/review/", data)

    assert response.status_code == 200
    assert response.context["review_form"].errors[field] == [str(message)]
    assert str(message) in response.content.decode()
    if data["text"]:
        assert data["text"] in response.content.decode()
    assert not Review.objects.exists()


def test_a_seller_cannot_review_their_own_company(seller_client, company):
    response = seller_client.post(f"/sellers/{company.pk}/review/", {"rating": "5", "text": "Я"})

    assert response.status_code == 200
    assert str(services.REVIEW_OWN_COMPANY) in response.content.decode()
    assert not Review.objects.exists()


def test_an_unverified_buyer_sees_why_there_is_no_review_form(client):
    user = accept_policy(UserFactory(verified=False))
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)
    company = CompanyFactory()

    body = client.get(f"/sellers/{company.pk}/").content.decode()

    assert str(services.REVIEW_VERIFY_EMAIL) in body
    assert f'action="/sellers/{company.pk}/review/"' not in body


def test_anonymous_visitors_are_sent_to_sign_in_to_review(client):
    company = CompanyFactory()

    response = client.post(f"/sellers/{company.pk}/review/", {"rating": "5", "text": "x"})

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_a_review_shows_only_the_first_name_and_the_initial():
    author = UserFactory(first_name="Ержан", last_name="Абенов")
    nameless = UserFactory(first_name="", last_name="Абенов")

    assert ReviewFactory(author=author).author_display_name == "Ержан А."
    assert ReviewFactory(author=nameless).author_display_name == "Buyer"


def test_staff_hide_and_show_reviews_from_admin(admin_client):
    review = ReviewFactory()

    admin_client.post(
        "/admin/listings/review/",
        {"action": "hide", "_selected_action": [review.pk], "apply": "1", "rule": "respect"},
    )
    review.refresh_from_db()
    assert review.is_hidden
    assert review.moderation_rule == "respect"

    admin_client.post(
        "/admin/listings/review/", {"action": "show", "_selected_action": [review.pk]}
    )
    review.refresh_from_db()
    assert not review.is_hidden
    assert review.moderation_rule == ""


def test_opening_a_review_in_admin_records_a_disclosure(admin_client):
    review = ReviewFactory()

    assert admin_client.get(f"/admin/listings/review/{review.pk}/change/").status_code == 200
    assert DisclosureEvent.objects.filter(subject=review.author).exists()
    assert ReviewAdmin.disclosure_purpose == "reviews"
