"""Texts of the libraries the portal uses (allauth and its MFA, django-cookie-consent,
allauth's user sessions, Django's admin and date formats) that the portal's pages show.

The libraries have no Kazakh catalogue, and not every one of these in Russian, so the
portal's own catalogue translates them. Nothing in the portal's code calls them: this module
only marks them, so that `make messages` (which drops every entry the code does not name)
keeps them. `pgettext_lazy` builds nothing until a page reads it.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

LIBRARY_TEXTS = [
    # allauth.mfa
    gettext_noop("Authenticator code"),
    gettext_noop("Code"),
    gettext_noop("Incorrect code."),
    gettext_noop("Authenticator app activated."),
    gettext_noop("Authenticator app deactivated."),
    gettext_noop("A new set of recovery codes has been generated."),
    gettext_noop("authenticators"),
    gettext_noop("MFA"),
    # allauth.account
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("email addresses"),
    # allauth.usersessions
    gettext_noop("user sessions"),
    gettext_noop("User Sessions"),
    # django-cookie-consent
    gettext_noop("cookie consent"),
    gettext_noop("Cookie Groups"),
    gettext_noop("Cookie Group"),
    # django.contrib.auth in the admin
    gettext_noop("Authentication and Authorization"),
]

# Kazakh writes a date with the month in lower case («1 желтоқсан 2026»): Django's date
# formats ask for the month by this context (`E` in DATE_FORMAT).
MONTHS_IN_A_DATE = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
