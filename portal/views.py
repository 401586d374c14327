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
    """Report whether the database and the broker answer: 200 when both do, else 503."""
    errors = {"database": health.database_error(), "broker": health.broker_error()}
    body = {
        "status": "ok" if not any(errors.values()) else "error",
        "checks": {
            name: {"ok": error is None, **({"error": error} if error else {})}
            for name, error in errors.items()
        },
    }
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503)
