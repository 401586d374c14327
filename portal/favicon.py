"""/favicon.ico: browsers and crawlers ask for it at the root whatever the page declares."""

from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_GET


@require_GET
def favicon(request):
    """Send the asker to the icon file among the static files (fingerprinted, long-cached)."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))
