"""The admin site: entered through allauth's sign-in, and only with a second factor.

Django admin's own login form skipped allauth: it had no rate limit (40 wrong passwords,
then the right one, were accepted) and no two-factor step. Here the admin has no login
form of its own. Its login URL only sends people where they have to go next:
- not signed in: to allauth's sign-in page (rate-limited like every sign-in), back here after;
- staff without an authenticator app: to set one up (`accounts.mfa`);
- staff who signed in without the code (e.g. before they had the app): to enter it.
Every admin page checks the second factor, not only the login page.
"""

from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.mfa import has_second_factor, second_factor_passed

STAFF_SET_UP_SECOND_FACTOR_MESSAGE = _(
    "Staff open the admin only with two-factor authentication. Set up an authenticator app "
    "first: it takes a minute."
)
STAFF_ENTER_CODE_MESSAGE = _("Enter the code from your authenticator app to open the admin.")


class PortalAdminSite(admin.AdminSite):
    site_header = _("Dala Market administration")
    site_title = _("Dala Market admin")

    def index(self, request, extra_context=None):
        """The admin index, with what waits for this user's roles at the top."""
        from portal.admin_waiting import admin_waiting_list

        extra_context = {"waiting": admin_waiting_list(user=request.user), **(extra_context or {})}
        return super().index(request, extra_context)

    def get_app_list(self, request, app_label=None):
        """The apps and models, with the names other packages left untranslated.

        Some packages' models have no verbose name of their own (allauth's user sessions,
        authenticators): Django's English default then reaches the admin untranslated, so
        every name is looked up in the catalogues once more (a translated name is no msgid
        and comes back as it is).
        """
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for model in app["models"]:
                model["name"] = capfirst(gettext(str(model["model"]._meta.verbose_name_plural)))
        return app_list

    def has_permission(self, request):
        return super().has_permission(request) and second_factor_passed(request)

    def login(self, request, extra_context=None):
        """Send the visitor to the step they still lack; never accept a password here."""
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, {request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return _redirect_with_next(resolve_url("account_login"), next_url)
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if not has_second_factor(user):
            messages.info(request, STAFF_SET_UP_SECOND_FACTOR_MESSAGE)
            return redirect("mfa_activate_totp")
        if not second_factor_passed(request):
            messages.info(request, STAFF_ENTER_CODE_MESSAGE)
            return _redirect_with_next(reverse("mfa_reauthenticate"), next_url)
        return redirect(next_url)


def _redirect_with_next(url, next_url):
    from django.utils.http import urlencode

    return redirect(f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
