import pytest

from accounts.tests.factories import UserFactory, accept_policy
from listings.tests.factories import ListingFactory

# A valid filled-in order form; tests change one field at a time.
ORDER_FORM = {
    "full_name": "Ахметов Ерлан Серикович",
    "organization": "КХ «Береке»",
    "email": "Erlan.Akhmetov@Example.kz",
    "phone": "+7 701 234 5678",
    "address": "Акмолинская обл., г. Кокшетау, ул. Абая, 12",
    "comment": "Нужна доставка до конца месяца.",
    "shipping_method": "pickup",
    "payment_method": "bank_transfer",
}


@pytest.fixture
def buyer(db):
    return accept_policy(UserFactory(address="Кокшетау, ул. Абая, 12"))


@pytest.fixture
def listing(company):
    return ListingFactory(company=company, price=1_000_000, min_order_quantity=2, title="Сеялка")


@pytest.fixture
def other_listing(db):
    """A listing of another seller."""
    return ListingFactory(price=250_000, title="Культиватор")


@pytest.fixture
def two_sellers_in_cart(client, listing, other_listing):
    client.post(f"/cart/add/{listing.pk}/", {"quantity": "3"})
    client.post(f"/cart/add/{other_listing.pk}/", {"quantity": "1"})
    return listing, other_listing


@pytest.fixture
def order_form():
    return dict(ORDER_FORM)


def checkout_token(client, company) -> str:
    """Open the checkout page of `company` and return the one-time token in its form."""
    response = client.get(f"/cart/checkout/{company.pk}/")
    assert response.status_code == 200, response.status_code
    return response.context["form"]["checkout_token"].value()


def send_order(client, company, form: dict, token: str | None = None):
    """Send the order form of `company` as the browser would; return the response."""
    token = token or checkout_token(client, company)
    return client.post(f"/cart/checkout/{company.pk}/", {**form, "checkout_token": token})
