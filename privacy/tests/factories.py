import factory
from django.utils import timezone

from privacy.models import PolicyVersion


class PolicyVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyVersion
        django_get_or_create = ("document", "version")

    document = PolicyVersion.Document.PRIVACY
    # Versions 1 and 2 of the privacy policy come from data migrations.
    version = factory.Sequence(lambda n: n + 3)
    text = factory.LazyAttribute(lambda p: f"## 1. Changes\nVersion {p.version} of the text.")
    summary_of_changes = factory.LazyAttribute(lambda p: f"What changed in version {p.version}.")
    published_at = factory.LazyFunction(timezone.now)
