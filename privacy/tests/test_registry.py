import pytest
from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps

from privacy.registry import Erasure, LegalBasis, Source, Subjects, by_user, registry

# The outbox's rows are django-post-office's models, and the admin's log names people:
# walked like the project's own.
PROJECT_APPS = (
    "admin",
    "post_office",
    "outbox",
    "privacy",
    "accounts",
    "listings",
    "orders",
    "deals",
    "support",
    "mailings",
    "portal",
)


def _project_models():
    return [m for label in PROJECT_APPS for m in apps.get_app_config(label).get_models()]


def test_every_personal_field_of_every_project_model_is_declared():
    assert registry.undeclared_personal_fields(_project_models()) == []


@isolate_apps("privacy")
def test_a_new_contact_phone_field_without_a_declaration_fails_the_check():
    class Supplier(models.Model):  # noqa: DJ008
        title = models.CharField(max_length=100)
        contact_phone = models.CharField(max_length=20)

        class Meta:
            app_label = "privacy"

    assert registry.undeclared_personal_fields([Supplier]) == ["privacy.supplier.contact_phone"]


@isolate_apps("privacy")
def test_email_fields_free_text_and_user_links_count_as_personal():
    class Note(models.Model):  # noqa: DJ008
        sender = models.EmailField()
        body_html = models.TextField()
        owner = models.ForeignKey("accounts.User", on_delete=models.CASCADE)
        quantity = models.IntegerField()

        class Meta:
            app_label = "privacy"

    assert sorted(registry.undeclared_personal_fields([Note])) == [
        "privacy.note.body_html",
        "privacy.note.owner",
        "privacy.note.sender",
    ]


def test_every_source_names_a_known_purpose_and_real_fields():
    from privacy.models import Purpose

    codes = set()
    for source in registry.sources():
        codes.add(source.purpose)
        names = {f.name for f in source.model._meta.get_fields()}
        assert set(source.fields) <= names, source.key
    assert codes <= set(_purpose_codes_from_migration())
    assert Purpose  # the model exists; the codes are checked against the seeded list


def _purpose_codes_from_migration():
    from importlib import import_module

    return [p["code"] for p in import_module("privacy.migrations.0003_purposes").PURPOSES]


def test_anonymising_source_needs_its_values_and_keep_needs_a_reason():
    from privacy.models import DataRequest

    with pytest.raises(ValueError, match="anonymised"):
        Source(model=DataRequest, fields=("email",), purpose="legal",
               legal_basis=LegalBasis.LEGAL_OBLIGATION, recipients="", description="",
               subject_filter=by_user(), erasure=Erasure.ANONYMISE)  # fmt: skip
    with pytest.raises(ValueError, match="kept_because"):
        Source(model=DataRequest, fields=("email",), purpose="legal",
               legal_basis=LegalBasis.LEGAL_OBLIGATION, recipients="", description="",
               subject_filter=by_user(), erasure=Erasure.KEEP)  # fmt: skip


def test_subjects_normalise_emails_and_an_empty_batch_matches_nothing():
    subjects = Subjects.of(user_ids=["3"], emails=[" Buyer@Mail.KZ ", ""])

    assert subjects.user_ids == frozenset({3})
    assert subjects.emails == frozenset({"buyer@mail.kz"})
    assert subjects.people == 1
    assert Subjects.of(emails=["a@b.kz", "c@d.kz"]).people == 2
    assert not Subjects()
