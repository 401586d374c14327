"""The categories a person follows for the weekly digest."""

from django.db import transaction

from mailings.models import FollowedCategory


def followed_categories_save(*, user, categories) -> None:
    """Make `categories` exactly the ones the user follows."""
    wanted = {c.pk for c in categories}
    with transaction.atomic():
        FollowedCategory.objects.filter(user=user).exclude(category_id__in=wanted).delete()
        have = set(FollowedCategory.objects.filter(user=user).values_list("category_id", flat=True))
        FollowedCategory.objects.bulk_create(
            FollowedCategory(user=user, category_id=pk) for pk in sorted(wanted - have)
        )
