from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from listings import selectors as listing_selectors
from listings.cards import render_cards
from portal import health


@require_GET
def home(request):
    tree = listing_selectors.category_tree()
    latest = listing_selectors.listing_latest(limit=8)
    context = {
        "sections": listing_selectors.category_counts(tree=tree),
        "latest": latest,
        "latest_cards": render_cards(latest),
    }
    return render(request, "portal/home.html", context)


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
