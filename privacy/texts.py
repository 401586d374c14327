"""Texts shown to people when they consent. The ledger stores them exactly as shown."""

from django.utils.translation import gettext_lazy as _

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
