import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.tests.factories import CompanyFactory, UserFactory
from listings.models import Listing, Review
from listings.tests.factories import ListingFactory, ReviewFactory
from privacy import services
from privacy.erasure import subjects_count, subjects_erase, subjects_of_users
from privacy.models import ConsentEvent, LegalHold
from privacy.registry import registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller():
    company = CompanyFactory(authorised_person="Абаев Серик", description="Call Serik")
    ListingFactory(company=company, status="published")
    ReviewFactory(author=company.owner)
    services.consent_grant(
        purpose="marketing", channel="account", text_shown="news", user=company.owner
    )
    return company.owner


def test_erasure_leaves_no_personal_data_in_any_declared_source(seller):
    subjects = subjects_of_users([seller.pk])

    result = subjects_erase(subjects=subjects)

    assert result.check_passed
    assert subjects_count(subjects=subjects) == {s.key: 0 for s in registry.sources()}
    seller.refresh_from_db()
    assert seller.email == f"erased-{seller.pk}@invalid"
    assert (seller.first_name, seller.last_name, str(seller.phone)) == ("", "", "")
    assert not seller.is_active
    assert not seller.has_usable_password()
    assert not EmailAddress.objects.filter(user=seller).exists()
    assert not Listing.objects.filter(company__owner=seller).exists()
    assert not Review.objects.filter(author=seller).exists()
    company = seller.company
    assert (company.authorised_person, company.description) == ("", "")
    assert company.name
    assert company.bin


def test_erasure_keeps_the_consent_ledger_pointing_at_the_anonymised_account(seller):
    subjects_erase(subjects=subjects_of_users([seller.pk]))

    event = ConsentEvent.objects.get(user=seller, purpose__code="marketing")
    assert event.user.email.endswith("@invalid")


def test_erasing_twice_changes_nothing_the_second_time(seller):
    subjects = subjects_of_users([seller.pk])
    first = subjects_erase(subjects=subjects)
    seller.refresh_from_db()

    second = subjects_erase(subjects=subjects)

    assert any(first.counts.values())
    assert set(second.counts.values()) == {0}
    assert User.objects.get(pk=seller.pk).email == seller.email


def test_erasure_frees_the_email_for_a_new_sign_up(seller):
    email = seller.email

    subjects_erase(subjects=subjects_of_users([seller.pk]))

    assert UserFactory(email=email).pk != seller.pk


def test_a_subject_under_legal_hold_is_untouched_and_reported(seller):
    hold = LegalHold.objects.create(
        user=seller, reason="Criminal case 123", authority="Financial Monitoring Agency"
    )

    result = subjects_erase(subjects=subjects_of_users([seller.pk]))

    assert result.held == [
        {"user": seller.pk, "hold": hold.pk, "authority": "Financial Monitoring Agency",
         "reason": "Criminal case 123", "until": None}
    ]  # fmt: skip
    assert not result.counts
    seller.refresh_from_db()
    assert seller.is_active
    assert not seller.email.endswith("@invalid")


def test_an_expired_legal_hold_no_longer_blocks_erasure(seller):
    import datetime as dt

    LegalHold.objects.create(
        user=seller, reason="Old case", authority="Court", until=dt.date(2020, 1, 1)
    )

    result = subjects_erase(subjects=subjects_of_users([seller.pk]))

    assert result.held == []
    assert result.check_passed


def test_erasing_one_user_leaves_another_untouched(seller):
    other = CompanyFactory().owner
    ListingFactory(company=other.company)

    subjects_erase(subjects=subjects_of_users([seller.pk]))

    other.refresh_from_db()
    assert other.is_active
    assert Listing.objects.filter(company__owner=other).exists()
    assert EmailAddress.objects.filter(user=other).exists()
