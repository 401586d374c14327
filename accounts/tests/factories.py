import factory
from allauth.account.models import EmailAddress

from accounts.models import Company, User
from accounts.regions import Region
from accounts.validators import check_digit

PASSWORD = "Correct-Horse-42"


def valid_bin(serial: int) -> str:
    """Return a valid BIN of a resident legal entity for a serial number (tests, demo data)."""
    for bump in range(100):
        first_eleven = f"2001400{(serial * 7 + bump) % 10_000:04d}"
        digit = check_digit(first_eleven)
        if digit is not None:
            return first_eleven + str(digit)
    raise ValueError(serial)


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up user whose e-mail address is verified (allauth's EmailAddress)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.kz")
    first_name = factory.Faker("first_name", locale="ru_RU")
    last_name = factory.Faker("last_name", locale="ru_RU")
    phone = factory.Sequence(lambda n: f"+7701{n % 10_000_000:07d}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"TOO Agro-{n}")
    bin = factory.Sequence(valid_bin)
    legal_address = "Astana, Kabanbay Batyr ave. 1"
    region = Region.AKMOLA
    authorised_person = factory.LazyAttribute(lambda c: c.owner.get_full_name())
    contact_phone = "+77172000000"
    contact_email = factory.LazyAttribute(lambda c: c.owner.email)


def published_policy():
    """Return the policy version in force, publishing one when the database has none."""
    from datetime import timedelta

    from django.utils import timezone

    from privacy.models import PolicyVersion
    from privacy.selectors import policy_current

    policy = policy_current()
    if policy is None:
        latest = PolicyVersion.objects.order_by("-version").first()
        policy = PolicyVersion.objects.create(
            version=latest.version + 1 if latest else 1,
            text="The operator processes personal data as this policy describes.",
            published_at=timezone.now() - timedelta(minutes=1),
        )
    return policy


def accept_policy(user, *, marketing=False):
    """Record that the user accepted the policy in force, as signing up does."""
    from privacy.models import ConsentEvent, Purpose
    from privacy.services import consent_grant

    policy = published_policy()
    codes = list(Purpose.objects.filter(is_required=True).values_list("code", flat=True))
    if marketing:
        codes.append(Purpose.MARKETING)
    for code in codes:
        consent_grant(
            purpose=code,
            channel=ConsentEvent.Channel.SIGNUP,
            text_shown="I accept the privacy policy.",
            user=user,
            policy=policy,
            ip="10.1.2.3",
            user_agent="factory",
        )
    return user
