from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language_from_path

from privacy.selectors import policy_accepted_version, policy_version_in_force
from privacy.services import POLICY_SESSION_KEY

# Pages a signed-in user must reach before accepting a new policy: the policy itself,
# signing out, closing the account, support, and what pages need to load.
RECONSENT_EXEMPT_PREFIXES = (
    "/privacy/",
    "/accounts/",
    "/account/privacy/",
    "/admin/",
    "/static/",
    "/media/",
    "/healthz",
    "/i18n/",
    "/cookies/",
    "/support/",
)


def _without_language(path: str) -> str:
    """Return the path without its language prefix (/kk/privacy/ is /privacy/ in Kazakh)."""
    language = get_language_from_path(path)
    return path.removeprefix(f"/{language}") if language else path


class PolicyReconsentMiddleware:
    """Ask a signed-in user to accept the policy in force if they accepted an older one.

    The accepted version is remembered in the session, so the ledger is read once per
    session and policy change, not on every request. Only GET requests are redirected,
    so that a form being sent is never lost.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "GET"
            and request.user.is_authenticated
            and not _without_language(request.path).startswith(RECONSENT_EXEMPT_PREFIXES)
        ):
            in_force = policy_version_in_force()
            if in_force and request.session.get(POLICY_SESSION_KEY) != in_force:
                if policy_accepted_version(user=request.user) >= in_force:
                    request.session[POLICY_SESSION_KEY] = in_force
                else:
                    query = urlencode({"next": request.get_full_path()})
                    return redirect(f"{reverse('privacy:policy_accept')}?{query}")
        return self.get_response(request)
