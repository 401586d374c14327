"""The complaint form: report links, what it takes, what it refuses, who may report an order."""

import pytest

from accounts.tests.factories import CompanyFactory, UserFactory
from listings.models import Listing
from listings.tests.factories import ListingFactory, ReviewFactory
from orders.tests.factories import OrderFactory
from portal.tests.helpers import form_errors
from privacy.hashing import email_hash
from privacy.models import ConsentEvent
from support import forms, selectors, texts, views
from support.models import Complaint

pytestmark = pytest.mark.django_db


def _complaint_data(listing, **overrides):
    data = {
        "target_kind": "listing",
        "target": str(listing.pk),
        "reason": "fraud",
        "text": "Asks for prepayment to a personal card.",
        "name": "Айгерим",
        "email": "Aigerim@Example.KZ",
        "website": "",
    }
    return {**data, **overrides}


# --- Complaint: prefilled from report links ---------------------------------------------------


def test_report_link_of_a_listing_prefills_the_complaint(client):
    listing = ListingFactory(title="Трактор МТЗ-82")

    response = client.get(f"/support/complaint/?listing={listing.pk}")

    assert response.status_code == 200
    body = response.content.decode()
    assert "You are reporting:" in body
    assert "Трактор МТЗ-82" in body
    assert response.context["form"].initial == {"target_kind": "listing", "target": str(listing.pk)}


@pytest.mark.parametrize("kind", ["review", "seller"])
def test_report_links_of_a_review_and_a_seller_prefill_the_complaint(client, kind):
    review = ReviewFactory()
    target = review if kind == "review" else review.company

    response = client.get(f"/support/complaint/?{kind}={target.pk}")

    assert response.status_code == 200
    assert response.context["target"].obj == target


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("listing=abc", selectors.TARGET_BAD_ID % {"kind": "listing"}),
        ("listing=999999999", selectors.TARGET_NOT_FOUND % {"kind": "listing"}),
        ("listing=", selectors.TARGET_BAD_ID % {"kind": "listing"}),
        ("review=1e9", selectors.TARGET_BAD_ID % {"kind": "review"}),
        ("seller=99999999999999999999999", selectors.TARGET_BAD_ID % {"kind": "seller"}),
        ("order=not-a-uuid", selectors.TARGET_BAD_ID % {"kind": "order"}),
        (
            "order=6f1c0d5e-1111-4222-8333-444455556666",
            selectors.TARGET_NOT_FOUND % {"kind": "order"},
        ),
    ],
)
def test_a_bad_or_unknown_id_in_a_report_link_gives_a_clear_message(client, query, message):
    response = client.get(f"/support/complaint/?{query}")

    assert response.status_code == 200
    assert response.context["target_error"] == message
    assert str(message) in response.content.decode().replace("&#x27;", "'").replace("&ldquo;", "“")


def test_a_blocked_listing_cannot_be_found_to_report(client):
    listing = ListingFactory(status=Listing.Status.BLOCKED)

    response = client.get(f"/support/complaint/?listing={listing.pk}")

    assert response.context["target_error"] == selectors.TARGET_NOT_FOUND % {"kind": "listing"}


def test_a_pasted_page_address_names_the_listing(client):
    listing = ListingFactory()
    data = _complaint_data(listing, target=f"https://dala.kz/listings/{listing.pk}/?from=search")

    response = client.post("/support/complaint/", data)

    assert response.status_code == 302
    assert Complaint.objects.get().listing == listing


# --- Complaint: submitting -------------------------------------------------------------------


def test_a_guest_complaint_is_saved_with_the_consent_shown(client):
    listing = ListingFactory()

    response = client.post(
        "/support/complaint/", _complaint_data(listing), HTTP_USER_AGENT="Firefox"
    )

    assert response.status_code == 302
    assert response["Location"] == "/support/complaint/sent/"
    complaint = Complaint.objects.get()
    assert (complaint.listing, complaint.seller, complaint.status) == (
        listing,
        listing.company,
        Complaint.Status.NEW,
    )
    assert complaint.guest_email == "aigerim@example.kz"  # normalised
    assert complaint.target_label == listing.title
    event = ConsentEvent.objects.get()
    assert event.user is None
    assert event.subject_hash == email_hash("aigerim@example.kz")
    assert event.channel == ConsentEvent.Channel.SUPPORT
    assert event.purpose.code == "service"
    assert event.text_shown == str(texts.CONSENT_COMPLAINT_GUEST)
    assert event.user_agent == "Firefox"


def test_the_complaint_form_shows_its_consent_statement_with_the_policy_link(client):
    body = client.get("/support/complaint/").content.decode()

    assert str(texts.CONSENT_COMPLAINT_GUEST) in body.replace("&#x27;", "'")
    assert 'href="/privacy/policy/"' in body


def test_a_signed_in_user_reports_without_name_or_email(client):
    user = UserFactory()
    client.force_login(user)
    listing = ListingFactory()

    page = client.get(f"/support/complaint/?listing={listing.pk}")
    response = client.post("/support/complaint/", _complaint_data(listing, name="", email=""))

    assert "name" not in page.context["form"].fields
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.reporter, complaint.guest_email, complaint.guest_name) == (user, "", "")
    event = ConsentEvent.objects.get(channel="support")
    assert event.user == user
    assert event.text_shown == str(texts.CONSENT_COMPLAINT_USER)


def test_a_complaint_about_a_review_names_its_seller(client):
    review = ReviewFactory()

    client.post(
        "/support/complaint/",
        _complaint_data(review.company, target_kind="review", target=str(review.pk)),
    )

    complaint = Complaint.objects.get()
    assert (complaint.target_kind, complaint.review, complaint.seller) == (
        "review",
        review,
        review.company,
    )


def test_a_complaint_about_a_seller(client):
    company = CompanyFactory(name="ТОО Рога")

    client.post(
        "/support/complaint/",
        _complaint_data(company, target_kind="seller", target=f"/sellers/{company.pk}/"),
    )

    complaint = Complaint.objects.get()
    assert (complaint.target_kind, complaint.seller, complaint.target_label) == (
        "seller",
        company,
        "ТОО Рога",
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text", "", forms.TEXT_REQUIRED),
        ("text", "   ", forms.TEXT_REQUIRED),
        ("text", "x" * 2001, forms.TEXT_TOO_LONG % {"limit_value": 2000, "show_value": 2001}),
        ("email", "not-an-email", forms.EMAIL_INVALID),
        ("email", "", forms.EMAIL_INVALID),
        ("name", "", forms.NAME_REQUIRED),
        ("name", "N" * 151, forms.NAME_TOO_LONG % {"limit_value": 150}),
        ("reason", "", forms.REASON_REQUIRED),
        ("reason", "boredom", forms.REASON_REQUIRED),
        ("target_kind", "planet", forms.KIND_REQUIRED),
        ("target", "", forms.TARGET_REQUIRED),
        ("target", "nine", selectors.TARGET_BAD_ID % {"kind": "listing"}),
    ],
)
def test_bad_complaint_input_is_refused_at_the_field_and_kept(client, field, value, message):
    listing = ListingFactory()
    data = _complaint_data(listing, **{field: value})

    response = client.post("/support/complaint/", data)

    assert response.status_code == 200
    assert form_errors(response, field) == [str(message)]
    assert Complaint.objects.count() == 0
    assert ConsentEvent.objects.count() == 0
    form = response.context["form"]
    assert form.data["text"] == data["text"]  # what was typed is shown again
    assert response.context["error_summary"] == views.FIX_ERRORS


def test_a_refused_complaint_shows_the_typed_text_again_escaped(client):
    listing = ListingFactory()
    typed = "<script>alert(1)</script> дорого"

    response = client.post("/support/complaint/", _complaint_data(listing, text=typed, email="bad"))

    body = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; дорого" in body
    assert "<script>alert(1)</script>" not in body


# --- Orders: only the buyer or the holder of the link -----------------------------------------


def test_a_guest_order_is_reported_by_whoever_holds_its_link(client):
    order = OrderFactory(email="guest@example.kz")

    page = client.get(f"/support/complaint/?order={order.public_id}")
    response = client.post(
        "/support/complaint/",
        {
            "target_kind": "order",
            "target": f"http://testserver/orders/{order.public_id}/",
            "reason": "fraud",
            "text": "Paid, nothing shipped.",
            "name": "Guest",
            "email": "guest@example.kz",
        },
    )

    assert page.context["target"].obj == order
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.order, complaint.seller) == (order, order.company)
    assert order.number in complaint.target_label


def test_an_order_number_alone_is_not_enough_to_report_it(client):
    order = OrderFactory(number="2026-000123")

    response = client.get("/support/complaint/?order=2026-000123")

    assert response.context["target_error"] == selectors.TARGET_BAD_ID % {"kind": "order"}
    assert response.context["target"] is None
    assert order.company.name not in response.content.decode()


def test_a_signed_in_buyers_order_is_reported_only_by_that_buyer(client):
    buyer = UserFactory()
    order = OrderFactory(buyer=buyer, email=buyer.email)

    as_guest = client.get(f"/support/complaint/?order={order.public_id}")
    client.force_login(UserFactory())
    as_other = client.get(f"/support/complaint/?order={order.public_id}")
    client.force_login(buyer)
    as_buyer = client.get(f"/support/complaint/?order={order.public_id}")

    assert as_guest.context["target_error"] == selectors.ORDER_SIGN_IN
    assert as_other.context["target_error"] == selectors.ORDER_SIGN_IN
    assert order.company.name not in as_other.content.decode()
    assert as_buyer.context["target"].obj == order
