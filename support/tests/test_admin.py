"""Support in admin: lists with filters, actions with audit rows, disclosures, open counts."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail

from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from listings.models import Listing, Review
from listings.tests.factories import ReviewFactory
from orders.tests.factories import OrderFactory
from privacy.hashing import email_hash
from privacy.models import DisclosureEvent
from support.models import CallbackRequest, Complaint, ComplaintAction, Feedback
from support.tests.factories import (
    CallbackRequestFactory,
    ComplaintActionFactory,
    ComplaintFactory,
    FeedbackFactory,
)

pytestmark = pytest.mark.django_db

COMPLAINTS = "/admin/support/complaint/"


def _act(client, url, action, objects, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objects], **extra}
    return client.post(url, data, follow=True)


# --- Lists ------------------------------------------------------------------------------------


def test_complaint_list_runs_a_bounded_number_of_queries(
    staff_client, django_assert_max_num_queries
):
    for complaint in ComplaintFactory.create_batch(15):
        ComplaintActionFactory(complaint=complaint)
    ComplaintFactory.create_batch(5, by_user=True)

    # 12, and 3 for the page's disclosure (its purpose, the event, the people it names).
    with django_assert_max_num_queries(15):
        assert staff_client.get(COMPLAINTS).status_code == 200


@pytest.mark.parametrize("url", ["/admin/support/callbackrequest/", "/admin/support/feedback/"])
def test_callback_and_feedback_lists_run_a_bounded_number_of_queries(
    staff_client, django_assert_max_num_queries, url
):
    handler = UserFactory(is_staff=True)
    CallbackRequestFactory.create_batch(10, is_handled=True, handled_by=handler)
    FeedbackFactory.create_batch(10, is_handled=True, handled_by=handler)
    CallbackRequestFactory.create_batch(10)
    FeedbackFactory.create_batch(10)

    # 12, and 3 for the page's disclosure (its purpose, the event, the people it names).
    with django_assert_max_num_queries(15):
        assert staff_client.get(url).status_code == 200


def test_complaints_filter_by_status_reason_and_target_kind(staff_client):
    fraud = ComplaintFactory(reason="fraud")
    ComplaintFactory(reason="offensive", status="resolved")
    review = ReviewFactory()
    about_review = ComplaintFactory(
        target_kind="review", listing=None, review=review, seller=review.company, reason="other"
    )

    def shown(query):
        response = staff_client.get(COMPLAINTS + query)
        return {c.pk for c in response.context["cl"].result_list}

    assert shown("?status__exact=new") == {fraud.pk, about_review.pk}
    assert shown("?reason__exact=fraud") == {fraud.pk}
    assert shown("?target_kind__exact=review") == {about_review.pk}


def test_the_complaint_list_shows_no_personal_data_but_links_to_the_target(staff_client):
    complaint = ComplaintFactory(guest_name="Сауле", guest_email="saule@example.kz")

    body = staff_client.get(COMPLAINTS).content.decode()

    assert "saule@example.kz" not in body
    assert "Сауле" not in body
    assert complaint.text not in body
    assert f'href="/listings/{complaint.listing_id}/"' in body
    assert f'href="/admin/listings/listing/{complaint.listing_id}/change/"' in body
    # The page names the reporter by one disclosure, without showing their data.
    assert DisclosureEvent.objects.get().people.count() == 1


def test_a_complaint_page_links_to_the_targets_public_and_admin_pages(staff_client):
    review = ReviewFactory()
    complaint = ComplaintFactory(
        target_kind="review", listing=None, review=review, seller=review.company
    )
    order = OrderFactory()
    about_order = ComplaintFactory(
        target_kind="order", listing=None, order=order, seller=order.company
    )

    review_page = staff_client.get(f"{COMPLAINTS}{complaint.pk}/change/").content.decode()
    order_page = staff_client.get(f"{COMPLAINTS}{about_order.pk}/change/").content.decode()

    assert f'href="/sellers/{review.company_id}/#reviews"' in review_page
    assert f'href="/admin/listings/review/{review.pk}/change/"' in review_page
    assert f'href="/admin/orders/order/{order.pk}/change/"' in order_page


# --- Disclosures ------------------------------------------------------------------------------


def test_opening_a_guests_complaint_leaves_a_disclosure_event(staff_client):
    complaint = ComplaintFactory(guest_email="guest@example.kz")

    response = staff_client.get(f"{COMPLAINTS}{complaint.pk}/change/")

    assert response.status_code == 200
    assert "guest@example.kz" in response.content.decode()
    event = DisclosureEvent.objects.get()
    assert event.actor == staff_client.admin
    assert event.subject is None
    assert event.subject_hash == email_hash("guest@example.kz")
    assert event.fields == ["reporter", "guest_name", "guest_email", "text"]
    assert event.object_label == f"#{complaint.pk}"


def test_opening_a_users_complaint_names_them_in_the_disclosure(staff_client):
    complaint = ComplaintFactory(by_user=True)

    staff_client.get(f"{COMPLAINTS}{complaint.pk}/change/")

    assert DisclosureEvent.objects.get().subject == complaint.reporter


def test_opening_a_guests_callback_is_recorded_though_it_names_nobody_by_email(staff_client):
    callback = CallbackRequestFactory()

    body = staff_client.get(f"/admin/support/callbackrequest/{callback.pk}/change/")

    assert callback.phone.as_e164[-7:] in body.content.decode().replace(" ", "")
    event = DisclosureEvent.objects.get()
    assert (event.subject, event.subject_hash) == (None, "")
    assert event.fields == ["name", "phone", "topic"]
    assert event.object_label == f"#{callback.pk}"


def test_opening_a_signed_in_users_callback_names_them(staff_client):
    callback = CallbackRequestFactory(user=UserFactory())

    staff_client.get(f"/admin/support/callbackrequest/{callback.pk}/change/")

    assert DisclosureEvent.objects.get().subject == callback.user


def test_opening_feedback_leaves_a_disclosure_event(staff_client):
    feedback = FeedbackFactory(email="writer@example.kz")

    staff_client.get(f"/admin/support/feedback/{feedback.pk}/change/")

    event = DisclosureEvent.objects.get()
    assert event.subject_hash == email_hash("writer@example.kz")
    assert event.fields == ["name", "email", "message"]


# --- Actions ----------------------------------------------------------------------------------


def test_hide_the_listing_action_blocks_it_resolves_and_records(
    staff_client, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(guest_email="r@example.kz")

    with django_capture_on_commit_callbacks(execute=True):
        response = _act(
            staff_client, COMPLAINTS, "hide_listing", [complaint], apply="1", rule="truthful"
        )

    assert response.status_code == 200
    assert Listing.objects.get(pk=complaint.listing_id).status == Listing.Status.BLOCKED
    assert Listing.objects.get(pk=complaint.listing_id).moderation_rule == "truthful"
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RESOLVED
    action = ComplaintAction.objects.get()
    assert (action.kind, action.actor, action.rule) == (
        "listing_hidden",
        staff_client.admin,
        "truthful",
    )
    assert mail.outbox[0].to == ["r@example.kz"]
    assert "Rule 2: true and complete information" in mail.outbox[0].body
    assert "/rules/" in mail.outbox[0].body


def test_a_moderation_action_first_asks_which_rule_is_broken_and_does_nothing(staff_client):
    complaint = ComplaintFactory(reason="prohibited_goods")

    response = _act(staff_client, COMPLAINTS, "hide_listing", [complaint])

    assert "Which rule is broken?" in response.content.decode()
    assert response.context["form"].initial == {"rule": "lawful"}
    assert Listing.objects.get(pk=complaint.listing_id).status == Listing.Status.PUBLISHED
    assert not ComplaintAction.objects.exists()


def test_a_moderation_action_without_a_rule_is_refused_at_the_field(staff_client):
    complaint = ComplaintFactory()

    response = _act(staff_client, COMPLAINTS, "hide_listing", [complaint], apply="1", rule="")

    assert "Choose the rule that is broken" in response.content.decode()
    assert Listing.objects.get(pk=complaint.listing_id).status == Listing.Status.PUBLISHED


def test_hide_the_review_action(staff_client):
    review = ReviewFactory()
    complaint = ComplaintFactory(
        target_kind="review", listing=None, review=review, seller=review.company
    )

    _act(staff_client, COMPLAINTS, "hide_review", [complaint], apply="1", rule="honest_reviews")

    assert Review.objects.get(pk=review.pk).is_hidden
    assert Review.objects.get(pk=review.pk).moderation_rule == "honest_reviews"


def test_an_action_that_does_not_fit_says_so_and_the_others_go_on(staff_client):
    about_listing = ComplaintFactory()
    review = ReviewFactory()
    about_review = ComplaintFactory(
        target_kind="review", listing=None, review=review, seller=review.company
    )

    response = _act(
        staff_client, COMPLAINTS, "hide_review", [about_listing, about_review],
        apply="1", rule="respect",
    )  # fmt: skip

    texts = [str(m) for m in response.context["messages"]]
    assert f"Complaint #{about_listing.pk} is not about a review." in texts
    assert Review.objects.get(pk=review.pk).is_hidden
    assert Listing.objects.get(pk=about_listing.listing_id).status == Listing.Status.PUBLISHED


def test_block_the_sellers_listings_action(staff_client):
    complaint = ComplaintFactory()

    _act(staff_client, COMPLAINTS, "block_seller", [complaint], apply="1", rule="honest_dealing")

    assert not Listing.objects.filter(company=complaint.seller).exclude(status="blocked").exists()


def test_start_review_action_moves_new_complaints_to_in_review(staff_client):
    complaint = ComplaintFactory()

    _act(staff_client, COMPLAINTS, "start_review", [complaint])

    assert Complaint.objects.get(pk=complaint.pk).status == Complaint.Status.IN_REVIEW


def test_reject_asks_for_the_reason_first(staff_client):
    complaint = ComplaintFactory()

    response = _act(staff_client, COMPLAINTS, "reject", [complaint])

    assert response.status_code == 200
    assert "Reason for rejecting" in response.content.decode()
    assert Complaint.objects.get(pk=complaint.pk).status == Complaint.Status.NEW


def test_reject_without_a_reason_is_refused_at_the_field(staff_client):
    complaint = ComplaintFactory()

    response = _act(staff_client, COMPLAINTS, "reject", [complaint], apply="1", message="")

    assert "Give the reason for rejecting" in response.content.decode()
    assert Complaint.objects.get(pk=complaint.pk).status == Complaint.Status.NEW


def test_reject_with_a_reason_closes_and_records_it(
    staff_client, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(guest_email="r@example.kz")

    with django_capture_on_commit_callbacks(execute=True):
        _act(staff_client, COMPLAINTS, "reject", [complaint], apply="1", message="Legal goods")

    complaint.refresh_from_db()
    assert (complaint.status, complaint.resolution) == ("rejected", "Legal goods")
    assert ComplaintAction.objects.get().note == "Legal goods"
    assert "Legal goods" in mail.outbox[0].body


def test_resolve_with_an_empty_message_sends_the_standard_one(staff_client):
    complaint = ComplaintFactory()

    _act(staff_client, COMPLAINTS, "resolve", [complaint], apply="1", message="")

    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RESOLVED
    assert complaint.resolution


def test_mark_handled_action_sets_the_flag_and_the_handler(staff_client):
    callback = CallbackRequestFactory()
    feedback = FeedbackFactory()

    _act(staff_client, "/admin/support/callbackrequest/", "mark_handled", [callback])
    _act(staff_client, "/admin/support/feedback/", "mark_handled", [feedback])

    for row in (CallbackRequest.objects.get(), Feedback.objects.get()):
        assert (row.is_handled, row.handled_by) == (True, staff_client.admin)


def test_complaints_cannot_be_added_or_deleted_in_admin(staff_client):
    complaint = ComplaintFactory()

    assert staff_client.get(f"{COMPLAINTS}add/").status_code == 403
    assert staff_client.post(f"{COMPLAINTS}{complaint.pk}/delete/").status_code == 403


# --- The admin index --------------------------------------------------------------------------


def test_the_admin_index_counts_open_support_items(staff_client):
    ComplaintFactory.create_batch(3)
    ComplaintFactory(status="in_review")
    ComplaintFactory(status="resolved")
    CallbackRequestFactory.create_batch(2)
    CallbackRequestFactory(is_handled=True)
    FeedbackFactory()

    response = staff_client.get("/admin/")

    body = response.content.decode()
    assert 'id="support-open-items"' in body
    counts = [
        ("?status__exact=new", 3),
        ("?status__exact=in_review", 1),
        ("callbackrequest/?is_handled__exact=0", 2),
        ("feedback/?is_handled__exact=0", 1),
    ]
    for link, count in counts:
        row = body[body.index(link) :].split("</tr>")[0]
        assert f'<td class="support-open-count">{count}</td>' in row
    assert "Site administration" in body  # the app list is still there


def test_staff_without_support_rights_see_no_counts(client):
    sign_in_with_second_factor(client, UserFactory(is_staff=True))

    assert 'id="support-open-items"' not in client.get("/admin/").content.decode()
