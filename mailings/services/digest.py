"""The weekly digest of new listings in the categories a person follows.

Only people who chose it (accounts' "listings_digest") and consent to marketing now get
it, like a campaign: batches by user id, one transaction each, a delivery per person and
week under a unique constraint, so a run that stops half-way is carried on by the next
without anyone getting the week's digest twice. A person who follows no category gets the
categories they ordered from; a person with nothing new in theirs gets nothing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from listings.models import Listing
from listings.selectors import category_tree
from mailings import audience
from mailings.content import digest_mail
from mailings.models import Delivery, FollowedCategory
from mailings.selectors import suggested_categories
from outbox.services import mail_queue

DIGEST_SUBJECT = _("New listings of the week on Dala Market")
DIGEST_BATCH = 500
PER_CATEGORY = 5
PER_MAIL = 10


def week_of(now) -> object:
    """Return the Monday of `now`'s week (local date): the key of that week's digest."""
    today = timezone.localdate(now)
    return today - timedelta(days=today.weekday())


def followed_categories(user_ids: list[int]) -> dict[int, set[int]]:
    """Return each user's categories: those they follow, else those they ordered from."""
    chosen: dict[int, set[int]] = defaultdict(set)
    for user_id, category_id in FollowedCategory.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "category_id"
    ):
        chosen[user_id].add(category_id)
    suggested = suggested_categories(user_ids=[pk for pk in user_ids if pk not in chosen])
    return {**suggested, **chosen}


def _new_listings(category_ids: set[int], since) -> dict[int, list[Listing]]:
    """Return the newest visible listings of each category published since `since`."""
    if not category_ids:
        return {}
    ranked = (
        Listing.objects.visible()
        .filter(category_id__in=category_ids, published_at__gte=since)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=F("category_id"), order_by=F("published_at").desc()
            )
        )
    )
    by_category: dict[int, list[Listing]] = defaultdict(list)
    for listing in ranked.filter(rank__lte=PER_CATEGORY).order_by("-published_at", "-pk"):
        by_category[listing.category_id].append(listing)
    return by_category


def _expanded(categories: set[int]) -> set[int]:
    tree = category_tree()
    return {pk for c in categories if c in tree.by_id for pk in tree.subtree_ids(tree.by_id[c])}


def _digest_batch(*, week, since, now, after: int) -> list | None:
    with transaction.atomic():
        users = audience.digest_batch(week=week, after=after, size=DIGEST_BATCH)
        if not users:
            return None
        wanted = {pk: _expanded(c) for pk, c in followed_categories([u.pk for u in users]).items()}
        new = _new_listings(set().union(*wanted.values()) if wanted else set(), since)
        deliveries = []
        for user in users:
            listings = [item for c in sorted(wanted.get(user.pk, ())) for item in new.get(c, [])]
            if not listings:
                continue
            mail = digest_mail(
                listings[:PER_MAIL], user.language or settings.LANGUAGE_CODE, subject=DIGEST_SUBJECT
            )
            email = mail_queue(**mail.to(user=user, campaign_id=None))
            deliveries.append(
                Delivery(
                    digest_week=week,
                    user_id=user.pk,
                    created_at=now,
                    outcome=Delivery.Outcome.QUEUED if email else Delivery.Outcome.NO_ADDRESS,
                    email_id=email.pk if email else None,
                )
            )
        Delivery.objects.bulk_create(deliveries)
        return users


def listings_digest_send(*, now=None) -> int:
    """Send this week's digest to everyone who chose it and has new listings; return users seen."""
    now = now or timezone.now()
    week, since = week_of(now), now - timedelta(days=7)
    seen, after = 0, 0
    while (users := _digest_batch(week=week, since=since, now=now, after=after)) is not None:
        seen += len(users)
        after = users[-1].pk
    return seen
