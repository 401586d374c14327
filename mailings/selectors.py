"""Reads of mailings."""

from collections import defaultdict

from django.db.models import Count

from listings.selectors import category_choices
from mailings.models import Campaign, Delivery, FollowedCategory
from orders.models import OrderItem


def campaign_outcomes(campaign: Campaign) -> dict[str, int]:
    """Return the campaign's deliveries counted by outcome (one query), every outcome named."""
    counts = dict(
        Delivery.objects.filter(campaign=campaign)
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {value: counts.get(value, 0) for value in Delivery.Outcome.values}


def followed_category_ids(*, user) -> tuple[list[int], bool]:
    """Return the ids of the user's digest categories, and whether they are only suggested."""
    chosen = list(FollowedCategory.objects.filter(user=user).values_list("category_id", flat=True))
    if chosen:
        return chosen, False
    return sorted(suggested_categories(user_ids=[user.pk]).get(user.pk, ())), True


def category_options():
    """Return the catalogue's subsections grouped by section, for the digest's form."""
    return category_choices()


def suggested_categories(*, user_ids: list[int]) -> dict[int, set[int]]:
    """Return the categories each user ordered from (one query)."""
    suggested: dict[int, set[int]] = defaultdict(set)
    if not user_ids:
        return suggested
    rows = (
        OrderItem.objects.filter(order__buyer_id__in=user_ids, listing__isnull=False)
        .values_list("order__buyer_id", "listing__category_id")
        .distinct()
    )
    for user_id, category_id in rows:
        suggested[user_id].add(category_id)
    return suggested
