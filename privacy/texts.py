"""Texts shown to people when they consent. The ledger stores them exactly as shown."""

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


def stored_text(value) -> str:
    """Return a developer's text (a lazy translation) as its English message id.

    Ledger rows and reports are read later by someone who may read another language:
    stored as the message id, "Handling a complaint" is shown in the reader's language
    (privacy_tags' `stored_text`). Anything else (a company's name) is stored as it is.
    """
    if isinstance(value, Promise):
        with translation.override("en"):
            return str(value)
    return value


COOKIE_BANNER_TEXT = _(
    "We use necessary cookies to run the portal. With your permission we would also use "
    "analytics and marketing cookies. Nothing optional is set until you accept."
)
COOKIE_GROUP_TEXT = _("Cookie settings, %(group)s: %(description)s")
POLICY_ACCEPT_TEXT = _("I have read the privacy policy, version %(version)s, and accept it.")

REQUEST_CONFIRM_SUBJECT = _("Confirm your request about your personal data")
EXPORT_READY_SUBJECT = _("Your personal data is ready to download")
REQUEST_REJECTED_SUBJECT = _("Your request about your personal data")
REQUEST_LINK_INVALID = _("This link is not valid or has expired. Please send your request again.")
ERASURE_DONE_SUBJECT = _("Your personal data has been erased")
ERASURE_WAITING_SUBJECT = _("Your personal data has been erased, except for your open orders")
REQUEST_DONE_SUBJECT = _("Your request about your personal data has been carried out")
DIGEST_SUBJECT = _("Privacy digest: data requests and breaches that need you")
BREACH_NOTICE_SUBJECT = _("An incident involving your personal data on Dala Market")
