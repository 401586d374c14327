"""Report links and targets built to hurt: huge values, look-alike digits, pasted addresses.

The link's value reaches a parser only within TARGET_MAX_LENGTH characters; a longer one
gets its own message at once, and the parser reads every value in one pass (no regular
expression that could backtrack).
"""

import pytest

from listings.tests.factories import ListingFactory
from support import forms, selectors
from support.models import Complaint

pytestmark = pytest.mark.django_db

LIMIT = selectors.TARGET_MAX_LENGTH


def _shown(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&ldquo;", "“")


@pytest.mark.parametrize("kind", ["listing", "review", "seller", "order"])
def test_a_report_link_longer_than_any_address_is_refused_unparsed(client, kind):
    # The value that cost seconds of CPU: a long run of characters a path segment may hold,
    # then a space, so that a backtracking pattern tried every split of the run.
    value = "1" * 4000 + '" x'

    response = client.get(f"/support/complaint/?{kind}={value}")

    assert response.status_code == 200
    message = selectors.TARGET_TOO_LONG % {"limit_value": LIMIT}
    assert response.context["target_error"] == message
    assert str(message) in _shown(response)
    assert response.context["form"].initial.get("target", "") == ""  # not echoed back


def test_a_link_of_exactly_the_limit_is_still_read(client):
    listing = ListingFactory()
    address = f"https://dala.kz/listings/{listing.pk}/?from="
    value = address + "x" * (LIMIT - len(address))

    response = client.get("/support/complaint/", {"listing": value})

    assert response.status_code == 200
    assert response.context["target"].obj == listing


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", "12"),
        ("  12  ", "12"),
        ("https://dala.kz/listings/12/", "12"),
        ("https://dala.kz/listings/12", "12"),
        ("/listings/12/?from=search#photos", "12"),
        ("listings/12#top", "12"),
        ("https://dala.kz/orders/6f1c0d5e-1111-4222-8333-444455556666/", None),
        ("12 34", ""),
        ("https://dala.kz/listings/12 /", ""),
        ("", ""),
        ("/", ""),
        ("1" * 4000 + '" x', ""),
    ],
)
def test_the_last_path_segment_is_read_in_one_pass(value, expected):
    expected = value.strip().strip("/").split("/")[-1] if expected is None else expected

    assert selectors.report_link_identifier(value) == expected


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("listing", "²"),
        ("seller", "¹²"),
        ("review", "١٢"),  # Arabic-Indic digits
        ("listing", "１２"),  # fullwidth digits
        ("listing", "https://dala.kz/listings/²/"),
    ],
)
def test_digits_that_are_not_ascii_give_the_bad_id_message_not_a_server_error(client, kind, value):
    response = client.get("/support/complaint/", {kind: value})

    assert response.status_code == 200
    assert response.context["target_error"] == selectors.TARGET_BAD_ID % {"kind": kind}


def test_a_posted_superscript_target_is_refused_at_the_field(client):
    listing = ListingFactory()
    data = {
        "target_kind": "listing",
        "target": "²",
        "reason": "fraud",
        "text": "Asks for prepayment.",
        "name": "Айгерим",
        "email": "aigerim@example.kz",
    }

    response = client.post("/support/complaint/", data)

    assert response.status_code == 200
    errors = response.context["form"].errors["target"]
    assert errors == [str(selectors.TARGET_BAD_ID % {"kind": "listing"})]
    assert not Complaint.objects.exists()
    assert listing.pk  # the listing exists: the refusal is about the value


def test_a_posted_target_over_the_limit_is_refused_at_the_field(client):
    data = {
        "target_kind": "listing",
        "target": "1" * (LIMIT + 1),
        "reason": "fraud",
        "text": "Asks for prepayment.",
        "name": "Айгерим",
        "email": "aigerim@example.kz",
    }

    response = client.post("/support/complaint/", data)

    assert response.status_code == 200
    assert response.context["form"].errors["target"] == [
        str(selectors.TARGET_TOO_LONG % {"limit_value": LIMIT})
    ]
    assert forms.ComplaintForm.base_fields["target"].max_length == LIMIT
