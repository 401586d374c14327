"""Every admin action states the permission it needs; staff with view rights only run none.

The tests walk `admin.site`'s registry, so an action added later is tried too. A model with
an action needs a row in the `rows` fixture: the test says so when one is missing.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from post_office.models import Attachment, EmailTemplate, Log

from accounts.tests.factories import (
    CompanyFactory,
    UserFactory,
    accept_policy,
    second_factor_add,
    sign_in_with_second_factor,
)
from deals.services.conversations import conversation_ask
from deals.tests.factories import RequestFactory
from listings.catalogue.models import CatalogueImport
from listings.tests.factories import ListingFactory, ReviewFactory
from mailings.models import Delivery
from mailings.tests.factories import CampaignFactory
from orders.models import SellerOption
from orders.tests.factories import OrderFactory
from outbox.services import mail_queue
from privacy.models import (
    Acceptance,
    AuthorityRequest,
    Breach,
    CookiePartner,
    DataRequest,
    LegalHold,
    SweepRun,
)
from privacy.services import disclosure_record, restriction_record
from privacy.tests.factories import PolicyVersionFactory
from support.tests.factories import CallbackRequestFactory, ComplaintFactory, FeedbackFactory

pytestmark = pytest.mark.django_db

ACTIONS = sorted(
    (model._meta.label, name)
    for model, model_admin in admin.site._registry.items()
    for _func, name, _description in model_admin._get_base_actions()
)


def _model_admin(label):
    return next(ma for m, ma in admin.site._registry.items() if m._meta.label == label)


def _changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def _snapshot():
    """Return every row of every model in the admin, to compare before and after."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in admin.site._registry
    }


@pytest.fixture
def rows(db):
    """One row of every model in the admin, in the state that its actions change.

    Purposes, categories, cookie groups and their cookies come from the data migrations.
    """
    person = _person_rows()
    company = CompanyFactory(is_verified=False)
    listing, review, order = _trade_rows(person, company)
    _privacy_rows(person)
    _support_and_mail_rows(person, company, listing, review, order)
    return person


def _person_rows():
    """A person with an unverified address, a second factor, a session and a group apart."""
    person = accept_policy(UserFactory())
    EmailAddress.objects.filter(user=person).update(verified=False)
    second_factor_add(person)
    UserSession.objects.create(user=person, ip="10.0.0.1", session_key="s" * 32, user_agent="ua")
    Group.objects.create(name="Moderators")
    return person


def _trade_rows(person, company):
    """A listing, a review, an order, a seller option, a request, a conversation, an import."""
    listing = ListingFactory(company=company)
    review = ReviewFactory(company=company, author=person)
    order = OrderFactory(company=company)
    SellerOption.objects.create(company=company, kind="shipping", method="pickup")
    RequestFactory(buyer=person)
    conversation_ask(user=person, listing=listing, body="Is it in stock?")
    CatalogueImport.objects.create(
        company=company, source="imports/a.csv", filename="a.csv", file_format="csv"
    )
    return listing, review, order


def _privacy_rows(person):
    """A row of every register of the privacy app, unpublished policy included."""
    PolicyVersionFactory(published_at=None)
    DataRequest.objects.create(kind="erasure", user=person, email=person.email)
    LegalHold.objects.create(user=person, reason="Court order", authority="Court")
    SweepRun.objects.create(as_of="2026-01-01", cutoff="2021-01-01T00:00:00Z")
    AuthorityRequest.objects.create(body="Court", legal_basis="Art. 1", document_number="1",
                                    fields_given=["phone"], user=person)  # fmt: skip
    restriction_record(action="restrict", user=person)
    Breach.objects.create(
        description="A laptop with an export was lost", data_categories="names, phones",
        people_categories="buyers", high_risk=True, notice_text="Your phone may be known.",
        source="orders.order", window_start="2020-01-01T00:00:00Z",
        window_end="2030-01-01T00:00:00Z",
    )  # fmt: skip
    disclosure_record(actor=person, actor_label="Seller", fields=["phone"], purpose="orders",
                      reason="Order", subject=person)  # fmt: skip
    Acceptance.objects.create(user=person, statement=Acceptance.Statement.choices[0][0],
                              channel="signup", text_shown="I agree.", language="ru")  # fmt: skip
    CookiePartner.objects.create(
        name="Ads Ltd", policy_url="https://ads.example/policy", country="KZ"
    )


def _support_and_mail_rows(person, company, listing, review, order):
    """Complaints, a callback, feedback; outbox e-mails with a log, a template, a campaign."""
    ComplaintFactory(listing=listing)
    ComplaintFactory(target_kind="review", listing=None, review=review, seller=company)
    CallbackRequestFactory()
    FeedbackFactory()
    mail_queue(to=order.email, subject="Order", body="Text")
    mail = mail_queue(to=person.email, subject="Hello", body="Text")
    Log.objects.create(email=mail, status=0, message="")
    EmailTemplate.objects.create(name="unused")
    Attachment.objects.create(name="unused.txt", file="attachments/unused.txt")
    Delivery.objects.create(campaign=CampaignFactory(), user=person)


def _staff_client(*codenames):
    """Return a client of a staff user (second factor passed) with exactly these rights."""
    user = UserFactory(is_staff=True)
    perms = Permission.objects.filter(codename__in=codenames)
    assert perms.count() == len(set(codenames)), codenames
    user.user_permissions.set(perms)
    client = sign_in_with_second_factor(Client(), user)
    client.user = user
    return client


@pytest.fixture
def view_only_client(db):
    return _staff_client(*Permission.objects.filter(codename__startswith="view_").values_list(
        "codename", flat=True))  # fmt: skip


def _run(client, label, name, pks):
    """POST the action as the change list's form does, with every confirmation given."""
    model = _model_admin(label).model
    data = {
        "action": name, "_selected_action": list(pks), "index": 0,
        "post": "yes", "apply": "1", "reason": "No.", "message": "Done.", "rule": "truthful",
    }  # fmt: skip
    return client.post(_changelist(model), data)


def test_every_admin_action_declares_the_permissions_it_needs():
    missing = []
    for model, model_admin in admin.site._registry.items():
        for func, name, _description in model_admin._get_base_actions():
            permissions = getattr(func, "allowed_permissions", ())
            if not permissions:
                missing.append(f"{model._meta.label}.{name}")
            for permission in permissions:
                assert callable(getattr(model_admin, f"has_{permission}_permission", None)), (
                    f"{model._meta.label}.{name} names '{permission}', which its admin lacks"
                )
    assert ACTIONS, "no admin action found"
    assert not missing, f"actions without allowed_permissions: {missing}"


@pytest.mark.parametrize(("label", "name"), ACTIONS)
def test_a_view_only_staff_user_cannot_run_the_action(
    label, name, rows, view_only_client, mailoutbox, django_capture_on_commit_callbacks
):
    model = _model_admin(label).model
    pks = list(model.objects.values_list("pk", flat=True))
    assert pks, f"give {label} a row in the `rows` fixture"
    assert view_only_client.get(_changelist(model)).status_code == 200
    before = _snapshot()

    with django_capture_on_commit_callbacks(execute=True):
        response = _run(view_only_client, label, name, pks)

    assert response.status_code in (200, 302)
    assert _snapshot() == before
    assert mailoutbox == []
    offered = view_only_client.get(_changelist(model)).content.decode()
    assert f'value="{name}"' not in offered


# Each action with the one right it needs (and the view right): it then works, so the
# refusals above come from the missing right, not from a malformed request.
GRANTED = [
    ("accounts.Company", "mark_verified", "verify_company", lambda o: o.is_verified),
    ("listings.Listing", "block", "moderate_listing", lambda o: o.status == "blocked"),
    ("listings.Review", "hide", "moderate_review", lambda o: o.is_hidden),
    ("privacy.PolicyVersion", "publish", "publish_policyversion",
     lambda o: o.published_at is not None),
    ("privacy.DataRequest", "reject", "handle_datarequest", lambda o: o.status == "rejected"),
    ("privacy.DataRequest", "hold", "handle_datarequest", lambda o: o.on_hold),
    ("privacy.Breach", "approve_and_notify", "notify_breach",
     lambda o: o.notice_approved_by_id is not None),
    ("support.Complaint", "start_review", "handle_complaint", lambda o: o.status == "in_review"),
    ("support.Feedback", "mark_handled", "change_feedback", lambda o: o.is_handled),
    ("account.EmailAddress", "make_verified", "change_emailaddress", lambda o: o.verified),
    ("mailings.Campaign", "start_sending", "send_campaign", lambda o: not o.is_draft),
]  # fmt: skip


@pytest.mark.parametrize(("label", "name", "codename", "done"), GRANTED)
def test_the_action_runs_for_staff_with_its_right(label, name, codename, done, rows):
    model = _model_admin(label).model
    target = next(row for row in model.objects.order_by("-pk") if not done(row))
    client = _staff_client(f"view_{model._meta.model_name}", codename)

    _run(client, label, name, [target.pk])

    target.refresh_from_db()
    assert done(target)


# --- State changes outside actions: the change forms and the admin's own pages.


def test_a_view_only_staff_user_cannot_delete_a_draft_policy_version(rows, view_only_client):
    from privacy.models import PolicyVersion

    draft = PolicyVersion.objects.get(published_at__isnull=True)

    response = view_only_client.post(
        reverse("admin:privacy_policyversion_delete", args=[draft.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert PolicyVersion.objects.filter(pk=draft.pk).exists()


# A change form posted with the guarded field set, by staff with the change right only.
GUARDED_FIELDS = [
    ("accounts.Company", "is_verified", "on", lambda o: o.is_verified),
    ("listings.Listing", "status", "draft", lambda o: o.status == "draft"),
    ("listings.Review", "is_hidden", "on", lambda o: o.is_hidden),
    ("privacy.DataRequest", "status", "verified", lambda o: o.status == "verified"),
    ("privacy.DataRequest", "email", "someone.else@example.kz",
     lambda o: o.email == "someone.else@example.kz"),
]  # fmt: skip


@pytest.mark.parametrize(("label", "field", "value", "changed"), GUARDED_FIELDS)
def test_the_change_form_does_not_change_state_without_its_right(
    label, field, value, changed, rows
):
    model_admin = _model_admin(label)
    model = model_admin.model
    obj = model.objects.order_by("-pk").first()
    name = model._meta.model_name
    client = _staff_client(f"view_{name}", f"change_{name}")
    url = reverse(f"admin:{model._meta.app_label}_{name}_change", args=[obj.pk])
    form = client.get(url).context["adminform"].form
    assert field not in form.fields  # shown read-only, not as an input
    data = {key: form.initial.get(key, "") for key in form.fields}
    data = {k: v.pk if hasattr(v, "pk") else ("" if v is None else v) for k, v in data.items()}
    data[field] = value

    client.post(url, {**data, **_inline_management(client.get(url))})

    obj.refresh_from_db()
    assert not changed(obj)


def _inline_management(response):
    """Return the management form fields of the change page's inlines (none posted)."""
    data = {}
    for formset in response.context.get("inline_admin_formsets", []):
        prefix = formset.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


def test_the_records_of_processing_need_the_view_right_on_purposes(rows):
    url = reverse("admin:privacy_records")

    assert _staff_client("view_company").get(url).status_code == 403
    assert _staff_client("view_purpose").get(url).status_code == 200
