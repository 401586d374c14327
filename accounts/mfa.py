"""The second factor (allauth's MFA: TOTP with recovery codes) as the portal requires it.

Anyone may turn it on from the Personal Account; staff must have it to open the admin
(`portal.admin_site`). A session counts as having passed the second factor when allauth
recorded an MFA authentication in it (the code asked at sign-in, or at the admin's door),
or when the person activated their authenticator in it: activation asks for a current code
from the app, which proves the same possession, and asking for the next code straight after
would only make them wait for the app to show a new one.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator

ACTIVATED_SESSION_KEY = "accounts_second_factor_activated"


def has_second_factor(user) -> bool:
    """Return whether the user has an authenticator app (TOTP) set up."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def second_factor_passed(request) -> bool:
    """Return whether this session's user has a second factor and passed it in this session.

    Memoised on the request: the admin asks on every page, sometimes twice.
    """
    cached = getattr(request, "_second_factor_passed", None)
    if cached is not None:
        return cached
    user = request.user
    passed = (
        user.is_authenticated
        and (
            bool(request.session.get(ACTIVATED_SESSION_KEY))
            or any(r.get("method") == "mfa" for r in get_authentication_records(request, user))
        )
        and has_second_factor(user)
    )
    request._second_factor_passed = passed
    return passed


def second_factor_activated(sender, request, user, authenticator, **kwargs):
    """Count an authenticator app activated in this session as a second factor passed."""
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        request.session[ACTIVATED_SESSION_KEY] = True
