"""Mailings' personal data: declared, exported with the person, erased with them, and kept
no longer than MAILING_DELIVERY_RETENTION_DAYS."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from post_office.models import STATUS, Email

from accounts.models import NotificationDigestItem, NotificationPreference
from listings.tests.factories import leaf
from mailings.models import Delivery, FollowedCategory
from mailings.services import deliveries_purge, deliveries_settle
from mailings.tests.factories import CampaignFactory, people
from privacy.erasure import subjects_erase
from privacy.export import subject_export
from privacy.registry import Subjects, registry

pytestmark = pytest.mark.django_db


def test_every_personal_field_of_mailings_and_the_notification_choices_is_declared():
    models = [*apps.get_app_config("mailings").get_models(), NotificationPreference,
              NotificationDigestItem]  # fmt: skip

    assert registry.undeclared_personal_fields(models) == []


def _records(person, campaign):
    Delivery.objects.create(campaign=campaign, user=person, outcome="sent")
    FollowedCategory.objects.create(user=person, category=leaf("tractors"))
    NotificationPreference.objects.create(user=person, kind="news", delivery="off")
    NotificationDigestItem.objects.create(user=person, kind="quotes", subject="A quote")


def test_a_persons_mailings_are_exported_with_them():
    person, other = people(2)
    campaign = CampaignFactory()
    _records(person, campaign)
    _records(other, campaign)

    export = subject_export(subjects=Subjects.of(user_ids=[person.pk]))

    (delivery,) = export["mailings.delivery"]["rows"]
    assert delivery["campaign__subject_ru"] == campaign.subject_ru
    assert delivery["outcome"] == "sent"
    assert [r["category__slug"] for r in export["mailings.followedcategory"]["rows"]] == [
        "tractors"
    ]
    assert [r["kind"] for r in export["accounts.notificationpreference"]["rows"]] == ["news"]
    assert len(export["accounts.notificationdigestitem"]["rows"]) == 1


def test_a_persons_mailings_are_erased_with_them_and_nobody_elses():
    person, other = people(2)
    campaign = CampaignFactory()
    _records(person, campaign)
    _records(other, campaign)

    subjects_erase(subjects=Subjects.of(user_ids=[person.pk], emails=[person.email]))

    for model in (Delivery, FollowedCategory, NotificationPreference, NotificationDigestItem):
        assert not model.objects.filter(user=person).exists(), model
        assert model.objects.filter(user=other).exists(), model


def test_deliveries_are_deleted_after_their_retention(settings):
    settings.MAILING_DELIVERY_RETENTION_DAYS = 30
    old, recent = people(2)
    campaign = CampaignFactory()
    Delivery.objects.create(campaign=campaign, user=old,
                            created_at=timezone.now() - timedelta(days=31))  # fmt: skip
    Delivery.objects.create(campaign=campaign, user=recent,
                            created_at=timezone.now() - timedelta(days=29))  # fmt: skip

    assert deliveries_purge() == 1

    assert list(Delivery.objects.values_list("user_id", flat=True)) == [recent.pk]


def test_outcomes_are_copied_from_the_outbox():
    sent, failed, waiting = people(3)
    campaign = CampaignFactory()
    for user, status in ((sent, STATUS.sent), (failed, STATUS.failed), (waiting, STATUS.queued)):
        mail = Email.objects.create(from_email="a@portal.kz", to=[user.email], status=status)
        Delivery.objects.create(campaign=campaign, user=user, email_id=mail.pk)

    assert deliveries_settle() == 2

    outcomes = dict(Delivery.objects.values_list("user_id", "outcome"))
    assert outcomes == {sent.pk: "sent", failed.pk: "failed", waiting.pk: "queued"}
