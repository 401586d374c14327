from django.http import Http404
from django.utils.translation import gettext_lazy as _

FIX_ERRORS = _("Please correct the errors below.")
MESSAGE_SENT = _("Your message is sent.")


def found(obj):
    """Return the object, or raise the 404 a stranger and a missing object both get."""
    if obj is None:
        raise Http404
    return obj
