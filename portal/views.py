from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from listings import selectors as listing_selectors
from listings.cards import render_cards
from listings.page_cache import Hole, Page, page_response, parts_render
from portal import health
from privacy.selectors import LEGAL_NOTICES_CACHE_KEY, legal_notice_list

HOME_TEMPLATES = ("portal/_home_meta.html", "portal/_home.html")


# The notice rendered per language and versions announced: the same HTML for everybody.
_notices_rendered: dict[tuple, str] = {}


def _legal_notice_fill(request, data) -> str | None:
    """Render the notice of changed legal texts (most days there is none: nothing to render)."""
    notices = data.get(LEGAL_NOTICES_CACHE_KEY)
    if notices is None:
        notices = legal_notice_list()
    if not notices:
        return None
    key = (get_language(), *((n.pk, n.document, n.version, n.published_at) for n in notices))
    if key not in _notices_rendered:
        if len(_notices_rendered) > 64:
            _notices_rendered.clear()
        html = render_to_string("privacy/_change_notice.html", {"notices": notices})
        _notices_rendered[key] = html
    return _notices_rendered[key]


@require_GET
def home(request):
    def build():
        latest = listing_selectors.listing_latest(limit=8)
        context = {
            "sections": listing_selectors.home_category_counts(),
            "latest": latest,
            "latest_cards": render_cards(latest),
        }
        return parts_render(request, templates=HOME_TEMPLATES, context=context, title="")

    # The notice of changed legal texts has its own cache (privacy.selectors) and changes
    # apart from the catalogue: filled for every visitor, also in a stored page.
    holes = {
        "legal_notice": Hole(_legal_notice_fill, per_visitor=True, reads=LEGAL_NOTICES_CACHE_KEY)
    }
    return page_response(request, Page(kind="home", ident=(), build=build, holes=holes))


@never_cache
@require_GET
def healthz(request):
    """Report whether the database and the broker answer: 200 when both do, else 503.

    Only "ok" or "fail" per component: why one fails goes to the log (see portal.health).
    """
    checks = {"database": health.database_ok(), "broker": health.broker_ok()}
    body = {
        "status": "ok" if all(checks.values()) else "fail",
        "checks": {name: "ok" if ok else "fail" for name, ok in checks.items()},
    }
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503)
