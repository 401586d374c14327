import pytest
from allauth.account.models import EmailAddress
from django.apps import apps

from accounts.models import Company, User
from accounts.personal_data import companies, email_addresses, users
from accounts.tests.factories import CompanyFactory, UserFactory
from privacy.registry import Subjects, registry

pytestmark = pytest.mark.django_db


def erase_all(subjects):
    return {source.key: source.erase(subjects) for source in (email_addresses, companies, users)}


def test_every_personal_field_of_accounts_is_declared():
    assert registry.undeclared_personal_fields(apps.get_app_config("accounts").get_models()) == []


def test_allauths_email_addresses_are_declared():
    assert registry.undeclared_personal_fields([EmailAddress]) == []


def test_the_user_export_holds_no_password():
    user = UserFactory()

    (row,) = users.export(Subjects.of(user_ids=[user.pk]))

    assert "password" not in row
    assert user.password not in row.values()


def test_erasure_anonymises_the_user_and_frees_the_email():
    user = UserFactory(email="leaving@example.kz", address="Almaty, Abai 1", region="almaty")
    subjects = Subjects.of(user_ids=[user.pk], emails=[user.email])

    erase_all(subjects)

    user.refresh_from_db()
    assert user.email == f"erased-{user.pk}@invalid"
    assert (user.first_name, user.last_name, user.patronymic, user.address, user.region) == (
        ("",) * 5
    )
    assert str(user.phone or "") == ""
    assert not user.is_active
    assert not user.has_usable_password()
    assert user.last_login is None
    assert not EmailAddress.objects.filter(user_id=user.pk).exists()
    assert all(source.remaining(subjects) == 0 for source in (users, companies, email_addresses))
    UserFactory(email="leaving@example.kz")  # the address can sign up again


def test_erasure_anonymises_the_companys_personal_fields_and_keeps_its_legal_identity():
    company = CompanyFactory(description="Call Aidos on +7 701 000 0000")
    subjects = Subjects.of(user_ids=[company.owner_id])

    erase_all(subjects)

    company.refresh_from_db()
    assert company.authorised_person == ""
    assert str(company.contact_phone or "") == ""
    assert company.contact_email == ""
    assert company.legal_address == ""
    assert company.description == ""
    assert company.name
    assert company.bin


def test_erasure_leaves_other_people_untouched():
    leaving, staying = CompanyFactory(), CompanyFactory()
    before = User.objects.filter(pk=staying.owner_id).values().get()

    erase_all(Subjects.of(user_ids=[leaving.owner_id]))

    assert User.objects.filter(pk=staying.owner_id).values().get() == before
    assert Company.objects.get(pk=staying.pk).contact_email
    assert EmailAddress.objects.filter(user_id=staying.owner_id).exists()


def test_erasure_is_set_based_and_idempotent(django_assert_max_num_queries):
    people = [CompanyFactory().owner for _ in range(5)]
    subjects = Subjects.of(user_ids=[p.pk for p in people])

    with django_assert_max_num_queries(8):
        first = erase_all(subjects)
    second = erase_all(subjects)

    assert first["accounts.user"] == 5
    assert first["accounts.company"] == 5
    assert second == {"account.emailaddress": 0, "accounts.company": 0, "accounts.user": 0}


def test_a_live_account_without_a_name_still_counts_as_not_erased():
    user = UserFactory(first_name="", last_name="", phone="", is_active=False)

    assert users.remaining(Subjects.of(user_ids=[user.pk])) == 1
