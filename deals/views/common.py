from django.utils.translation import gettext_lazy as _

FIX_ERRORS = _("Please correct the errors below.")
MESSAGE_SENT = _("Your message is sent.")
