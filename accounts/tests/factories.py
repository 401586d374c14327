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


# An authenticator app's key (base32), as the activation page shows it.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = TOTP_SECRET, *, at: float | None = None) -> str:
    """Return the six-digit code an authenticator app shows for `secret` (RFC 6238, SHA-1).

    Written out here rather than borrowed from allauth, so that tests check allauth's
    arithmetic against the standard's.
    """
    import base64
    import hashlib
    import hmac
    import struct
    import time

    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def second_factor_add(user, secret: str = TOTP_SECRET):
    """Give the user an authenticator app (allauth's TOTP authenticator)."""
    from allauth.mfa.totp.internal.auth import TOTP

    return TOTP.activate(user, secret).instance


def sign_in_with_second_factor(client, user):
    """Sign `client` in as `user` who passed the second factor (as the admin requires).

    The session carries what allauth records after the code was entered at sign-in,
    written by allauth's own function.
    """
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from django.test import RequestFactory

    authenticator = Authenticator.objects.filter(user=user, type="totp").first()
    if authenticator is None:
        authenticator = second_factor_add(user)
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = client.session
    record_authentication(request, user, "password", email=user.email)
    record_authentication(request, user, "mfa", id=authenticator.pk, type="totp")
    request.session.save()
    return client
