"""An e-mail address longer than the 254 characters a mailbox address can have is refused
at the field, where it used to be cut silently (sign-up) or failed the insert (support)."""

import pytest

from accounts.forms import EMAIL_MAX_LENGTH, EMAIL_TOO_LONG_MESSAGE
from accounts.models import User
from accounts.tests.test_signup import post_signup
from support.models import Feedback

pytestmark = pytest.mark.django_db

# Valid by Django's validator (labels up to 63 characters), 259 characters long.
LONG_EMAIL = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + ".kz"
# The longest address that fits: 254 characters.
LONGEST_EMAIL = "a" * 59 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + ".kz"


def test_the_addresses_are_what_they_say():
    assert (len(LONG_EMAIL), len(LONGEST_EMAIL)) == (259, EMAIL_MAX_LENGTH)


def _message(length):
    return EMAIL_TOO_LONG_MESSAGE % {"limit_value": EMAIL_MAX_LENGTH, "show_value": length}


def test_a_signup_address_over_254_characters_is_refused_at_the_field(client):
    response = post_signup(client, email=LONG_EMAIL)

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [_message(len(LONG_EMAIL))]
    assert not User.objects.exists()


def test_a_signup_address_of_254_characters_is_kept_whole(client):
    response = post_signup(client, email=LONGEST_EMAIL)

    assert response.status_code == 302
    assert User.objects.get().email == LONGEST_EMAIL


def test_an_address_over_254_characters_is_refused_by_the_support_forms(client):
    data = {"name": "Айгерим", "email": LONG_EMAIL, "message": "Hello."}

    response = client.post("/support/feedback/", data)

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [_message(len(LONG_EMAIL))]
    assert not Feedback.objects.exists()
