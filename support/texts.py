"""Texts of support shown to people: consent statements and e-mail subjects.

A consent statement is stored in the consent ledger exactly as the form showed it, so the
form and the service take it from here, never retype it.
"""

from django.utils.translation import gettext_lazy as _

CONSENT_COMPLAINT_GUEST = _(
    "By sending this complaint you agree that Dala Market processes your name, your e-mail "
    "address and what you write here to look into the complaint and to tell you the outcome "
    "by e-mail, as described in our privacy policy."
)
CONSENT_COMPLAINT_USER = _(
    "By sending this complaint you agree that Dala Market processes what you write here, "
    "together with your account, to look into the complaint and to tell you the outcome by "
    "e-mail, as described in our privacy policy."
)
CONSENT_CALLBACK = _(
    "By sending this request you agree that Dala Market processes your name, your phone "
    "number, the time you prefer and the topic to call you back, as described in our "
    "privacy policy."
)
CONSENT_FEEDBACK = _(
    "By sending this message you agree that Dala Market processes your name, your e-mail "
    "address and your message to answer you, as described in our privacy policy."
)

COMPLAINT_CLOSED_SUBJECT = _("Your complaint #%(pk)s: %(status)s")
RESOLUTION_LISTING_HIDDEN = _(
    "Thank you for your report. We checked the listing and removed it from the portal."
)
RESOLUTION_REVIEW_HIDDEN = _(
    "Thank you for your report. We checked the review and hid it from the seller's page."
)
RESOLUTION_SELLER_BLOCKED = _(
    "Thank you for your report. We checked the seller and removed their listings from the portal."
)
RESOLUTION_DEFAULT = _("Thank you for your report. We checked it and took action.")
