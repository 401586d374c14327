"""Writes of accounts: sign-up, profile, company, consents, export and closing an account.

Every function takes keyword arguments only and saves inside one transaction together with
the ledger rows that the change owes to the privacy engine (consent events, data
requests), so a change is never recorded without its audit row, nor the other way round.
"""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from allauth.usersessions.models import UserSession
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, DeliveryRegion, User
from accounts.selectors import seller_summary_cache_key
from portal.cache import forget_on_commit
from privacy.legal import signup_acceptances_record
from privacy.models import ConsentEvent, DataRequest, Purpose
from privacy.selectors import consent_current, policy_current
from privacy.services import (
    ConsentError,
    consent_grant,
    consent_withdraw,
    data_request_complete,
    data_request_create,
    language_code,
)

# Called in the transaction of a change that public pages show: a company's name,
# description, verified mark or delivery regions, an owner's account closed. The listings
# app plugs in the move of its catalogue version (ListingsConfig.ready), which makes its
# shared pages stale once the change commits; accounts never imports listings.
PUBLIC_PAGE_CHANGES: list[Callable[[], None]] = []


def public_pages_changed() -> None:
    for hook in PUBLIC_PAGE_CHANGES:
        hook()


# `last_interaction_at` drives retention, which counts in years: a write per hour is plenty
# and keeps the users table from being rewritten on every request.
TOUCH_INTERVAL = timedelta(hours=1)

ACCOUNT_CLOSED_TEXT = _(
    "I close my account: stop processing my personal data and erase it, except what the "
    "law requires to keep."
)
CONSENT_REQUIRED_MESSAGE = _(
    "This purpose is required for an account: withdrawing it means closing the account."
)
CONSENT_NOT_OPTIONAL_MESSAGE = _("Consent to this purpose cannot be changed here.")


def user_signup_record(
    *,
    user: User,
    patronymic: str,
    phone,
    marketing_opt_in: bool,
    consent_text: str,
    marketing_text: str,
    terms_text: str,
    age_text: str,
    policy=None,
    ip: str = "",
    user_agent: str = "",
) -> User:
    """Save a new user with the consents and acceptances given on the sign-up form.

    Consent to the required purposes is what accepting the policy means; marketing is
    recorded only when the person ticked it. The user agreement, the rules and the age of
    18 are recorded as acceptances, with the words shown. All of it is written in the same
    transaction as the user, so there is never an account without its consent.
    """
    now = timezone.now()
    with transaction.atomic():
        user.patronymic = patronymic
        user.phone = phone
        user.language = language_code()
        user.last_interaction_at = now
        user.save()
        signup_acceptances_record(
            user=user, terms_text=terms_text, age_text=age_text, ip=ip, user_agent=user_agent
        )
        common = {
            "user": user,
            "channel": ConsentEvent.Channel.SIGNUP,
            "policy": policy,
            "ip": ip,
            "user_agent": user_agent,
        }
        for purpose in Purpose.objects.filter(is_required=True):
            consent_grant(purpose=purpose, text_shown=consent_text, **common)
        if marketing_opt_in:
            consent_grant(purpose=Purpose.MARKETING, text_shown=marketing_text, **common)
    return user


def profile_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    patronymic: str,
    phone,
    region: str,
    address: str,
    language: str = "",
) -> User:
    """Save the person's own corrections to their profile."""
    user.language = language or user.language
    user.first_name = first_name
    user.last_name = last_name
    user.patronymic = patronymic
    user.phone = phone
    user.region = region
    user.address = address
    with transaction.atomic():
        user.save(
            update_fields=[
                "first_name", "last_name", "patronymic", "phone", "region", "address", "language",
            ]
        )  # fmt: skip
    return user


def company_save(
    *,
    owner: User,
    name: str,
    bin: str,  # noqa: A002 - the field's name in the model and on the form
    legal_address: str,
    region: str,
    authorised_person: str,
    contact_phone,
    contact_email: str,
    description: str = "",
    **details,
) -> Company:
    """Create the owner's company (the owner becomes a seller), or update it.

    Staff verified the company by its name and BIN: changing either takes the verified
    mark away until staff check again. `details` are the optional fields of COMPANY_DETAILS
    (bank details for invoices, VAT, WhatsApp and Telegram); those not given are kept.
    """
    unknown = set(details) - set(COMPANY_DETAILS)
    if unknown:
        raise TypeError(f"company_save() got unexpected arguments {sorted(unknown)}")
    with transaction.atomic():
        company = Company.objects.select_for_update().filter(owner=owner).first()
        if company is None:
            company = Company(owner=owner)
        elif company.is_verified and (company.name != name or company.bin != bin):
            company.is_verified = False
        company.name = name
        company.bin = bin
        company.legal_address = legal_address
        company.region = region
        company.authorised_person = authorised_person
        company.contact_phone = contact_phone
        company.contact_email = contact_email
        company.description = description
        for name, value in details.items():
            setattr(company, name, value)
        company.full_clean(exclude=["owner"])
        created = company.pk is None
        company.save()
        public_pages_changed()
        if created:
            forget_on_commit(seller_summary_cache_key(owner.pk))
    return company


# Optional company fields a seller fills in once: printed on invoices, shown with contacts.
COMPANY_DETAILS = ("bank_name", "bic", "iban", "vat_rate", "whatsapp", "telegram")


def company_delivery_save(*, company: Company, regions: dict[str, Decimal | None]) -> None:
    """Replace the regions the seller delivers to: {region: cost, or None for by agreement}."""
    with transaction.atomic():
        public_pages_changed()  # the search page's "delivers to my region"
        DeliveryRegion.objects.filter(company=company).delete()
        DeliveryRegion.objects.bulk_create(
            DeliveryRegion(company=company, region=region, cost=cost)
            for region, cost in regions.items()
        )


def company_verification_set(*, companies, verified: bool) -> int:
    """Mark companies verified (staff checked them against the state register) or not.

    Return how many companies changed.
    """
    with transaction.atomic():
        public_pages_changed()
        return companies.exclude(is_verified=verified).update(is_verified=verified)


def consent_change(
    *,
    user: User,
    purpose: Purpose,
    grant: bool,
    text_shown: str,
    ip: str = "",
    user_agent: str = "",
) -> ConsentEvent | None:
    """Grant or withdraw the user's consent to an optional purpose from the Personal Account.

    Return the new ledger event, or None when the consent already was in that state.
    Required purposes are refused: withdrawing them is closing the account.
    """
    if not purpose.changeable:
        raise ConsentError(
            CONSENT_REQUIRED_MESSAGE if purpose.is_required else CONSENT_NOT_OPTIONAL_MESSAGE
        )
    with transaction.atomic():
        current = consent_current(user=user).get(purpose.code)
        if (current is not None and current.granted) == grant:
            return None
        record = consent_grant if grant else consent_withdraw
        return record(
            purpose=purpose,
            channel=ConsentEvent.Channel.ACCOUNT,
            text_shown=text_shown,
            user=user,
            policy=policy_current(),
            ip=ip,
            user_agent=user_agent,
        )


def account_close(
    *,
    user: User,
    withdrawn_purpose: Purpose | None = None,
    text_shown: str = "",
    ip: str = "",
    user_agent: str = "",
) -> DataRequest:
    """Close the account at once and open the erasure request for the erasure engine.

    Processing stops now: the account is deactivated (Django refuses sessions of inactive
    users on their next request, and the listings app shows only active owners' listings)
    and the password is made unusable, which also changes the session hash of every open
    session. Every consent still granted is withdrawn in the ledger; `withdrawn_purpose` is
    the required purpose whose withdrawal led here, recorded with the text the person
    confirmed. The erasure itself is the erasure engine's job: it finds the verified
    request and erases what the registry declares.
    """
    policy = policy_current()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["is_active", "password"])
        public_pages_changed()  # a seller's listings and page leave the public at once
        for session in UserSession.objects.filter(user=user):
            session.end()  # deletes the session itself, on every device
        purposes = [event.purpose for event in consent_current(user=user).values() if event.granted]
        if withdrawn_purpose is not None and withdrawn_purpose not in purposes:
            purposes.append(withdrawn_purpose)
        for purpose in purposes:
            explicit = purpose == withdrawn_purpose and text_shown
            consent_withdraw(
                purpose=purpose,
                channel=ConsentEvent.Channel.ACCOUNT,
                text_shown=text_shown if explicit else ACCOUNT_CLOSED_TEXT,
                user=user,
                policy=policy,
                ip=ip,
                user_agent=user_agent,
            )
        reason = (
            f"Withdrawal of consent to '{withdrawn_purpose.code}' in the Personal Account."
            if withdrawn_purpose is not None
            else "Account deleted in the Personal Account."
        )
        return data_request_create(
            kind=DataRequest.Kind.ERASURE, user=user, details=reason, verified=True
        )


OBJECTION_ONLY_FOR_INTEREST_MESSAGE = _(
    "You can object only to processing that rests on our legitimate interest."
)


def purpose_object(*, user: User, purpose: Purpose, reason: str = "") -> DataRequest:
    """Register the user's objection to a purpose that rests on a legitimate interest.

    Staff weigh it (DataRequest, answered within PRIVACY_REQUEST_DAYS): processing for a
    legitimate interest stops on objection unless the law or other people's protection
    outweighs it, and that is a person's decision, not the portal's.
    """
    if not purpose.allows_objection:
        raise ConsentError(OBJECTION_ONLY_FOR_INTEREST_MESSAGE)
    details = f"Objection to the purpose '{purpose.code}' from the Personal Account."
    if reason.strip():
        details += "\n" + reason.strip()
    return data_request_create(
        kind=DataRequest.Kind.OBJECTION_INTEREST, user=user, details=details, verified=True
    )


def user_touch(*, user: User, now=None) -> bool:
    """Move the user's last interaction to now, at most once per TOUCH_INTERVAL.

    Return whether a row was written. The in-memory user tells whether a write is due, so a
    request within the hour costs no query; the conditional UPDATE keeps two parallel
    requests from both writing.
    """
    now = now or timezone.now()
    threshold = now - TOUCH_INTERVAL
    last = user.last_interaction_at
    if last is not None and last > threshold:
        return False
    written = (
        User.objects.filter(pk=user.pk)
        .filter(Q(last_interaction_at__isnull=True) | Q(last_interaction_at__lte=threshold))
        .update(last_interaction_at=now)
    )
    user.last_interaction_at = now
    return bool(written)


def data_access_record(*, user: User, export: dict) -> DataRequest:
    """Record a download of the user's data as an access request, answered at once.

    The report keeps the number of rows per source, never the data itself.
    """
    with transaction.atomic():
        data_request = data_request_create(
            kind=DataRequest.Kind.ACCESS,
            user=user,
            details="Downloaded from the Personal Account.",
            verified=True,
        )
        # The same report as the privacy engine's answers; no copy of the data is kept,
        # since the person receives it in this very response.
        rows = {key: len(section["rows"]) for key, section in export.items()}
        return data_request_complete(data_request=data_request, report={"rows_per_source": rows})
