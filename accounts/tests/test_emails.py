"""allauth's e-mails greet with the portal's name, link to the host in use, and come from
the portal's sender."""

import pytest
from django.conf import settings

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_password_reset_mail_names_the_portal_and_links_to_the_host_in_use(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="aigerim@example.kz")

    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        client.post("/accounts/password/reset/", {"email": "aigerim@example.kz"})

    [mail] = mailoutbox
    assert mail.subject.startswith("[Dala Market] ")
    assert "Hello from Dala Market!" in mail.body
    assert "testserver!" not in mail.body
    assert "http://testserver/accounts/password/reset/key/" in mail.body
    assert mail.from_email == settings.DEFAULT_FROM_EMAIL == "Dala Market <no-reply@portal.kz>"
