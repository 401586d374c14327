import factory

from accounts.tests.factories import UserFactory
from listings.tests.factories import ListingFactory
from support.models import CallbackRequest, Complaint, ComplaintAction, Feedback


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A guest's new complaint about a published listing."""

    class Meta:
        model = Complaint

    target_kind = Complaint.TargetKind.LISTING
    listing = factory.SubFactory(ListingFactory)
    seller = factory.LazyAttribute(lambda c: c.listing.company if c.listing else None)
    target_label = factory.LazyAttribute(lambda c: c.listing.title if c.listing else "Seller")
    reason = Complaint.Reason.FRAUD
    text = "The seller asks for prepayment to a personal card."
    guest_name = "Айгерим"
    guest_email = factory.Sequence(lambda n: f"guest{n}@example.kz")

    class Params:
        by_user = factory.Trait(
            reporter=factory.SubFactory(UserFactory), guest_name="", guest_email=""
        )


class ComplaintActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComplaintAction

    complaint = factory.SubFactory(ComplaintFactory)
    kind = ComplaintAction.Kind.REVIEW_STARTED
    actor = factory.SubFactory(UserFactory, is_staff=True)
    note = "Called the reporter to ask for a screenshot."


class CallbackRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallbackRequest

    name = "Ерлан"
    phone = factory.Sequence(lambda n: f"+7702{n % 10_000_000:07d}")
    preferred_time = CallbackRequest.PreferredTime.MORNING
    topic = "How to become a seller"
    consent_text = "I agree."


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    name = "Дана"
    email = factory.Sequence(lambda n: f"writer{n}@example.kz")
    message = "The search does not find my listing."
