"""What staff do about complaints, callbacks and feedback, through the services."""

import pytest
from django.core import mail
from post_office.models import Email

from accounts.tests.factories import UserFactory
from listings.models import Listing, Review
from listings.tests.factories import ListingFactory, ReviewFactory
from support import services, texts
from support.models import CallbackRequest, Complaint, ComplaintAction, Feedback
from support.tests.factories import (
    CallbackRequestFactory,
    ComplaintFactory,
    FeedbackFactory,
)

pytestmark = pytest.mark.django_db


def _search(client, q):
    return client.get("/listings/", {"q": q}).content.decode()


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


def test_hiding_a_listing_from_a_complaint_removes_it_from_search_and_its_page(
    client, staff, django_capture_on_commit_callbacks
):
    listing = ListingFactory(title="Комбайн Акрос-595")
    complaint = ComplaintFactory(listing=listing, guest_email="reporter@example.kz")
    assert f'href="/listings/{listing.pk}/"' in _search(client, "Акрос")

    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_hide_listing(complaint=complaint, actor=staff, rule="truthful")

    listing.refresh_from_db()
    assert listing.status == Listing.Status.BLOCKED
    assert f'href="/listings/{listing.pk}/"' not in _search(client, "Акрос")
    assert client.get(f"/listings/{listing.pk}/").status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RESOLVED
    assert complaint.resolution == str(texts.RESOLUTION_LISTING_HIDDEN)
    assert complaint.closed_at is not None
    (sent,) = mail.outbox
    assert sent.to == ["reporter@example.kz"]
    assert f"#{complaint.pk}" in sent.subject
    assert listing.title in sent.body
    assert str(texts.RESOLUTION_LISTING_HIDDEN) in sent.body


def test_every_moderation_step_leaves_an_action_row_with_who_and_what(staff):
    complaint = ComplaintFactory()

    services.complaint_start_review(complaint=complaint, actor=staff)
    services.complaint_hide_listing(
        complaint=complaint, actor=staff, rule="truthful", note="Fake photos"
    )

    actions = list(complaint.actions.values_list("kind", "actor", "note"))
    assert actions == [
        (ComplaintAction.Kind.REVIEW_STARTED, staff.pk, ""),
        (ComplaintAction.Kind.LISTING_HIDDEN, staff.pk, "Fake photos"),
    ]


def test_the_resolution_mail_goes_through_the_outbox_in_the_same_transaction(staff):
    complaint = ComplaintFactory(by_user=True)

    services.complaint_resolve(complaint=complaint, actor=staff, resolution="We called them.")

    queued = Email.objects.get()
    assert queued.to == [complaint.reporter.email]
    assert "We called them." in queued.message


def test_a_failing_moderation_step_leaves_no_action_and_no_mail(staff, monkeypatch):
    complaint = ComplaintFactory()

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "listings_block", broken)
    with pytest.raises(RuntimeError):
        services.complaint_hide_listing(complaint=complaint, actor=staff, rule="truthful")

    assert ComplaintAction.objects.count() == 0
    assert Email.objects.count() == 0
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.NEW


def test_hiding_a_review_from_a_complaint(staff):
    review = ReviewFactory()
    complaint = ComplaintFactory(
        target_kind="review", listing=None, review=review, seller=review.company
    )

    services.complaint_hide_review(complaint=complaint, actor=staff, rule="honest_reviews")

    assert Review.objects.get(pk=review.pk).is_hidden
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RESOLVED


def test_blocking_a_seller_blocks_all_their_listings(staff):
    listing = ListingFactory()
    other = ListingFactory(company=listing.company)
    unrelated = ListingFactory()
    complaint = ComplaintFactory(listing=listing)

    services.complaint_block_seller(complaint=complaint, actor=staff, rule="honest_dealing")

    statuses = dict(Listing.objects.values_list("pk", "status"))
    assert statuses[listing.pk] == statuses[other.pk] == Listing.Status.BLOCKED
    assert statuses[unrelated.pk] == Listing.Status.PUBLISHED
    action = complaint.actions.get()
    assert (action.kind, action.note) == (
        ComplaintAction.Kind.SELLER_BLOCKED,
        "2 listings blocked.",
    )


def test_hiding_the_wrong_kind_of_target_is_refused(staff):
    complaint = ComplaintFactory()

    with pytest.raises(services.SupportError) as refused:
        services.complaint_hide_review(complaint=complaint, actor=staff, rule="honest_reviews")

    assert refused.value.message == services.NOT_ABOUT_A_REVIEW % {"pk": complaint.pk}
    assert ComplaintAction.objects.count() == 0


def test_rejecting_tells_the_reporter_the_reason(staff, django_capture_on_commit_callbacks):
    complaint = ComplaintFactory(guest_email="r@example.kz")

    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_reject(complaint=complaint, actor=staff, reason="The price is legal.")

    complaint.refresh_from_db()
    assert (complaint.status, complaint.resolution) == ("rejected", "The price is legal.")
    assert "The price is legal." in mail.outbox[0].body
    assert Listing.objects.get(pk=complaint.listing_id).status == Listing.Status.PUBLISHED


def test_rejecting_needs_a_reason(staff):
    complaint = ComplaintFactory()

    with pytest.raises(services.SupportError) as refused:
        services.complaint_reject(complaint=complaint, actor=staff, reason="  ")

    assert refused.value.message == services.REJECT_NEEDS_REASON


def test_a_closed_complaint_cannot_be_resolved_or_rejected_again(staff):
    complaint = ComplaintFactory()
    services.complaint_resolve(complaint=complaint, actor=staff)

    for close in (services.complaint_resolve, services.complaint_reject):
        with pytest.raises(services.SupportError):
            close(
                complaint=complaint,
                actor=staff,
                **({"reason": "x"} if close is services.complaint_reject else {}),
            )  # noqa: E501

    assert Email.objects.count() == 1


def test_moderating_after_closing_acts_but_does_not_mail_again(staff):
    complaint = ComplaintFactory()
    services.complaint_reject(complaint=complaint, actor=staff, reason="Looked fine")

    services.complaint_hide_listing(
        complaint=complaint, actor=staff, rule="truthful", note="Second look"
    )

    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.REJECTED
    assert Listing.objects.get(pk=complaint.listing_id).status == Listing.Status.BLOCKED
    assert Email.objects.count() == 1


def test_mark_handled_sets_the_flag_and_who_handled_it(staff):
    callbacks = CallbackRequestFactory.create_batch(2)
    feedback = FeedbackFactory()

    changed = services.support_mark_handled(requests=CallbackRequest.objects.all(), actor=staff)
    services.support_mark_handled(requests=Feedback.objects.all(), actor=staff)

    assert changed == 2
    for row in [*CallbackRequest.objects.all(), Feedback.objects.get(pk=feedback.pk)]:
        assert (row.is_handled, row.handled_by) == (True, staff)
        assert row.handled_at is not None
    assert callbacks


def test_marking_handled_twice_keeps_the_first_handler(staff):
    callback = CallbackRequestFactory()
    services.support_mark_handled(requests=CallbackRequest.objects.all(), actor=staff)

    changed = services.support_mark_handled(
        requests=CallbackRequest.objects.all(), actor=UserFactory(is_staff=True)
    )

    assert changed == 0
    callback.refresh_from_db()
    assert callback.handled_by == staff
