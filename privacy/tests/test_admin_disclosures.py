"""Every admin view of personal data is a disclosure; after erasure nothing of the person is
left in any registry source, the admin's own log included."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import models
from django.db.models import Q

from accounts.tests.factories import CompanyFactory, UserFactory
from orders.tests.factories import OrderFactory, OrderItemFactory
from privacy.erasure import subjects_erase, subjects_of_users
from privacy.models import DataRequest, DisclosureEvent
from privacy.registry import registry
from privacy.selectors import disclosure_list
from support.tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    user = UserFactory(email="aigerim@mail.kz", last_name="Смагулова", phone="+77019998877")
    company = CompanyFactory(owner=user, contact_email="aigerim@mail.kz")
    order = OrderFactory(
        buyer=user, email=user.email, full_name="Смагулова Айгерим", completed=True
    )
    OrderItemFactory(order=order)
    complaint = ComplaintFactory(guest_email="", reporter=user, guest_name="")
    request = DataRequest.objects.create(kind="access", user=user, email=user.email)
    return user, {"user": user, "order": order, "company": company,
                  "complaint": complaint, "datarequest": request}  # fmt: skip


PAGES = {
    "user": "accounts/user",
    "order": "orders/order",
    "company": "accounts/company",
    "complaint": "support/complaint",
    "datarequest": "privacy/datarequest",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_opening_a_record_with_personal_data_in_admin_is_a_disclosure(name, person, staff_client):
    user, records = person

    response = staff_client.get(f"/admin/{PAGES[name]}/{records[name].pk}/change/")

    assert response.status_code == 200
    event = DisclosureEvent.objects.get(actor=staff_client.admin)
    assert event.subject == user
    assert event in disclosure_list(user=user)


@pytest.mark.parametrize("name", list(PAGES))
def test_a_list_page_in_admin_is_one_disclosure_naming_the_people_shown(
    name, person, staff_client, django_assert_max_num_queries
):
    user, _records = person
    other = OrderFactory(email="guest@mail.kz")  # a guest on the orders page

    with django_assert_max_num_queries(30):
        response = staff_client.get(f"/admin/{PAGES[name]}/")

    assert response.status_code == 200
    event = DisclosureEvent.objects.get(actor=staff_client.admin)
    assert event.reason == "Listed in admin"
    assert user.pk in set(event.people.values_list("user_id", flat=True))
    assert event in disclosure_list(user=user)
    if name == "order":
        from privacy.hashing import email_hash

        assert event.people.filter(subject_hash=email_hash(other.email)).exists()


def test_a_list_page_does_not_store_what_staff_searched_for(person, staff_client):
    staff_client.get("/admin/accounts/user/?q=aigerim%40mail.kz")

    event = DisclosureEvent.objects.get(actor=staff_client.admin)
    assert "aigerim" not in event.object_label


def _text_fields(source):
    return [
        name
        for name in source.fields
        if isinstance(source.model._meta.get_field(name), models.CharField | models.TextField)
    ]


def _found_anywhere(needles) -> list[str]:
    """Return "source.field" wherever a needle is found in a declared text field."""
    found = []
    for source in registry.sources():
        for name in _text_fields(source):
            condition = Q()
            for needle in needles:
                condition |= Q(**{f"{name}__icontains": needle})
            if source.model._default_manager.filter(condition).exists():
                found.append(f"{source.key}.{name}")
    return found


def test_after_erasure_no_registry_source_nor_the_admin_log_holds_anything_of_the_person(
    person, staff_client, rf
):
    from django.contrib import admin as django_admin

    user, records = person
    for name in PAGES:
        staff_client.get(f"/admin/{PAGES[name]}/{records[name].pk}/change/")
    user_admin = django_admin.site._registry[type(user)]
    request = rf.get("/")
    request.user = staff_client.admin
    user_admin.log_change(request, user, [{"added": {"name": "email address",
                                                     "object": user.email}}])  # fmt: skip
    assert _found_anywhere([user.email, "Смагулова", "9998877"])  # the search finds them

    result = subjects_erase(subjects=subjects_of_users([user.pk]))

    assert result.check_passed
    assert _found_anywhere([user.email, "Смагулова", "9998877"]) == []
    entry = LogEntry.objects.get(action_flag=CHANGE, object_id=str(user.pk))
    assert user.email not in entry.object_repr + entry.change_message
    # What staff saw stays recorded, pointing at the anonymised account.
    assert DisclosureEvent.objects.filter(subject=user).count() == len(PAGES)
