"""What tests of every app share: reading a page's form errors and messages, an e-mail's
link, resetting Celery's publisher, the cookie banner of a browser page."""

import re

from django.contrib.messages import get_messages
from playwright.sync_api import expect

from portal.celery import app


def form_errors(response, field) -> list[str]:
    """Return the messages the page's form shows at `field`."""
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def messages_of(response) -> list[str]:
    """Return the messages (django.contrib.messages) the response's request holds."""
    return [str(m) for m in get_messages(response.wsgi_request)]


def first_link(message) -> str:
    """Return the first address in an e-mail's body."""
    return re.search(r"https?://\S+", message.body).group(0)


def publisher_pools_reset() -> None:
    """Drop Celery's connection and producer pools, so that a new broker URL takes effect.

    Celery caches them on first publish (and drops them itself after a fork).
    """
    app._pool = None
    app.amqp._producer_pool = None


def decline_optional_cookies(page) -> None:
    """Answer the cookie banner of a browser page: only the necessary cookies."""
    page.get_by_role("button", name="Decline optional").click()
    expect(page.locator(".cookie-bar")).to_have_count(0)
