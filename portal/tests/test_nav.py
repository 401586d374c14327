"""The Personal Account's menu marks the section of the page shown (portal.templatetags.nav)."""

import pytest

from accounts.tests.factories import UserFactory, accept_policy
from portal.templatetags.nav import within


def test_a_page_is_within_its_section_and_the_pages_below_it():
    assert within("/account/privacy/", "/account/privacy/")
    assert within("/account/privacy/consents/", "/account/privacy/")
    assert not within("/account/", "/account/privacy/")
    assert not within("/account/", "")


@pytest.mark.django_db
def test_the_account_menu_marks_the_section_of_a_page_below_it(client):
    client.force_login(accept_policy(UserFactory()))

    html = client.get("/account/privacy/data/").content.decode()

    assert '<a href="/account/privacy/" aria-current="page">' in html
    assert html.count('aria-current="page"') == 1
