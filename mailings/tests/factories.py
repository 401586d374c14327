"""Data of mailings' tests: campaigns, and people who consent (or not) in bulk."""

from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import User
from mailings.models import Block, Campaign
from privacy.models import ConsentEvent, Purpose


class CampaignFactory(factory.django.DjangoModelFactory):
    """A draft campaign to everyone who consents, with one text block in every language."""

    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Spring news {n}")
    subject_ru = "Весенние новости Dala Market"
    subject_kk = "Dala Market көктемгі жаңалықтары"
    subject_en = "Spring news of Dala Market"

    @factory.post_generation
    def text(campaign, create, extracted, **kwargs):
        if create and extracted is not False:
            Block.objects.create(
                campaign=campaign,
                kind=Block.Kind.TEXT,
                text_ru="Сезон посевной открыт.",
                text_kk="Егіс маусымы ашылды.",
                text_en="The sowing season is open.",
            )


def people(count: int, *, marketing: str | None = "grant", prefix: str = "person", **fields):
    """Create `count` users in a few statements; `marketing`: "grant", "withdraw" or None.

    "withdraw" records a grant and, a second later, its withdrawal: the latest decides.
    """
    users = User.objects.bulk_create(
        User(email=f"{prefix}{i}@example.kz", password="!", **fields) for i in range(count)
    )
    purpose = Purpose.objects.get(code=Purpose.MARKETING)
    now = timezone.now()
    events = []
    if marketing in ("grant", "withdraw"):
        events += [_event(u, purpose, "grant", now - timedelta(seconds=1)) for u in users]
    if marketing == "withdraw":
        events += [_event(u, purpose, "withdraw", now) for u in users]
    ConsentEvent.objects.bulk_create(events)
    return users


def _event(user, purpose, action, at):
    return ConsentEvent(
        user=user,
        purpose=purpose,
        action=action,
        channel=ConsentEvent.Channel.SIGNUP,
        text_shown="I agree to receive news and offers.",
        language="ru",
        created_at=at,
    )
