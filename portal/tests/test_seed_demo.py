import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.models import Company, User
from accounts.validators import validate_bin
from deals.models import QuoteRequest
from listings.models import Listing, Review
from orders.models import Order
from portal.management.commands import seed_demo
from support.models import Complaint

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_accounts_sellers_and_listings_and_prints_the_passwords(capsys):
    call_command("seed_demo")

    out = capsys.readouterr().out
    assert Company.objects.count() == seed_demo.SELLERS
    assert Listing.objects.count() == seed_demo.LISTINGS
    assert Listing.objects.visible().count() > seed_demo.LISTINGS * 0.8
    assert Listing.objects.filter(price_on_request=True).exists()
    assert Review.objects.exists()
    for company in Company.objects.all():
        validate_bin(company.bin)
    assert len({c.region for c in Company.objects.all()}) >= 15
    for email, password in [
        (seed_demo.BUYER_EMAIL, seed_demo.BUYER_PASSWORD),
        (seed_demo.SELLER_EMAIL, seed_demo.SELLER_PASSWORD),
        (seed_demo.ADMIN_EMAIL, seed_demo.ADMIN_PASSWORD),
    ]:
        user = User.objects.get(email=email)
        assert user.check_password(password)
        assert EmailAddress.objects.filter(user=user, verified=True).exists()
        assert email in out
        assert password in out
    assert User.objects.get(email=seed_demo.ADMIN_EMAIL).is_superuser
    assert Company.objects.filter(owner__email=seed_demo.SELLER_EMAIL).exists()


def test_seed_demo_runs_the_demo_step_of_every_app_above_listings():
    call_command("seed_demo")

    assert Order.objects.exists()
    assert QuoteRequest.objects.exists()
    assert Complaint.objects.exists()


def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    counts = (User.objects.count(), Listing.objects.count(), Review.objects.count())

    call_command("seed_demo")

    assert (User.objects.count(), Listing.objects.count(), Review.objects.count()) == counts


def test_seed_demo_if_empty_does_nothing_when_listings_exist(capsys):
    call_command("seed_demo")
    users = User.objects.count()
    Listing.objects.exclude(pk=Listing.objects.first().pk).delete()

    call_command("seed_demo", "--if-empty")

    assert Listing.objects.count() == 1
    assert User.objects.count() == users
    assert "no demo data added" in capsys.readouterr().out
