"""Absolute links for e-mails: the address the person is using, else SITE_URL.

An e-mail written while a request is served (an order sent, a data request made) links to
the host and scheme of that request, so a portal served under another name or port sends
links that work there. An e-mail written outside a request (a Celery task, the retention
sweep, a management command) links to SITE_URL. The host of a request has passed
ALLOWED_HOSTS, so a forged Host header cannot put another site into a link.

The lowest app (privacy) holds this because every app's e-mails need it.
"""

from contextvars import ContextVar

from django.conf import settings
from django.urls import reverse

_current_request: ContextVar = ContextVar("portal_current_request", default=None)


def absolute_url(path: str) -> str:
    """Return `path` (e.g. "/orders/…/") as an absolute URL for an e-mail."""
    request = _current_request.get()
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path


def absolute_url_of(name: str, *args) -> str:
    """Return the absolute URL of the named view (`reverse(name, args=args)`)."""
    return absolute_url(reverse(name, args=args))


class CurrentRequestMiddleware:
    """Remember the request being served, for the links of the e-mails it writes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
