"""The personal data that accounts hold, declared to the privacy engine (privacy.registry).

- The user row is anonymised, not deleted: consent and disclosure ledgers, orders and data
  requests point at it and must keep pointing at *someone* (an anonymous, inactive row)
  for the records the law makes us keep. Its e-mail is replaced by a unique address
  under the reserved `.invalid` domain, which frees the real address for a new sign-up.
- A seller's company keeps its name and BIN (a legal entity's identity, on the invoices of
  its orders) but loses everything that is about a person: the authorised person, the
  contact phone and e-mail, the legal address (for a joint individual entrepreneurship
  that is a home address) and the free-text description.
- allauth's e-mail addresses are deleted.
"""

from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, NotificationDigestItem, NotificationPreference, User
from outbox.erased import ERASED_LOCAL_PART, ERASED_SUFFIX
from privacy.registry import Erasure, LegalBasis, Source, by_user, registry

# Any password starting with "!" is unusable (django.contrib.auth.hashers); a constant one
# lets the engine recognise rows it has already anonymised.
ERASED_PASSWORD = "!erased"


users = registry.register(
    Source(
        model=User,
        fields=(
            "email",
            "first_name",
            "last_name",
            "patronymic",
            "phone",
            "region",
            "address",
            "date_joined",
            "last_login",
            "last_interaction_at",
        ),
        purpose="service",
        legal_basis=LegalBasis.CONTRACT,
        recipients=_("The operator; sellers see the name and phone on your orders to them"),
        description=_("Your account: name, e-mail, phone, region, address and activity dates"),
        subject_filter=by_user("pk"),
        erasure=Erasure.ANONYMISE,
        anonymised={
            "email": Concat(
                Value(f"{ERASED_LOCAL_PART}-"), Cast(F("pk"), CharField()), Value(ERASED_SUFFIX)
            ),
            "first_name": "",
            "last_name": "",
            "patronymic": "",
            "phone": "",
            "region": "",
            "address": "",
            "last_login": None,
            # Also takes the erased row out of the retention sweep's selection for good.
            "last_interaction_at": None,
            "is_active": False,
            "password": ERASED_PASSWORD,
        },
        # Blank names and an inactive flag alone could match a live account that never had a
        # name, whose real e-mail would then never be erased: the erased e-mail decides.
        anonymised_marker=Q(email__endswith=ERASED_SUFFIX),
        export_fields=(
            "pk",
            "email",
            "first_name",
            "last_name",
            "patronymic",
            "phone",
            "region",
            "address",
            "date_joined",
            "last_login",
            "last_interaction_at",
            "is_active",
        ),
    )
)

companies = registry.register(
    Source(
        model=Company,
        fields=(
            "owner",
            "name",
            "authorised_person",
            "contact_phone",
            "contact_email",
            "legal_address",
            "description",
            "whatsapp",
            "telegram",
        ),
        purpose="service",
        legal_basis=LegalBasis.CONTRACT,
        recipients=_("Everyone who visits the seller's page; buyers of your listings"),
        description=_("Your company as a seller: its contacts and authorised person"),
        subject_filter=by_user("owner"),
        erasure=Erasure.ANONYMISE,
        anonymised={
            "authorised_person": "",
            "contact_phone": "",
            "contact_email": "",
            "legal_address": "",
            "description": "",
            "whatsapp": "",
            "telegram": "",
        },
        export_fields=(
            "pk",
            "name",
            "bin",
            "legal_address",
            "region",
            "authorised_person",
            "contact_phone",
            "contact_email",
            "whatsapp",
            "telegram",
            "description",
            "bank_name",
            "bic",
            "iban",
            "is_verified",
            "created_at",
        ),
    )
)

registry.exempt(
    Company,
    ("bank_name",),
    reason="The name of the company's bank: a legal entity's bank details, not a person's.",
)

_addresses_of = by_user("user")


def _erase_email_addresses(subjects) -> int:
    """Delete the addresses in two statements, without Django's per-row collector.

    Their only dependants are pending confirmations, deleted first; nothing listens to
    their deletion. At a retention sweep's scale the collector cost more than the rest of
    the user's erasure together.
    """
    addresses = EmailAddress.objects.filter(_addresses_of(subjects))
    EmailConfirmation.objects.filter(email_address__in=addresses.values("pk")).delete()
    return addresses._raw_delete(addresses.db) or 0  # None when no user is in the batch


email_addresses = registry.register(
    Source(
        model=EmailAddress,
        fields=("user", "email"),
        purpose="service",
        legal_basis=LegalBasis.CONTRACT,
        recipients=_("The operator; its e-mail delivery provider"),
        description=_("Your e-mail addresses and whether you confirmed them"),
        subject_filter=_addresses_of,
        erasure=Erasure.DELETE,
        custom_erase=_erase_email_addresses,
        export_fields=("pk", "email", "verified", "primary"),
        # allauth's own field names have no Kazakh translation: the portal names them.
        labels={
            "user": _("account"),
            "email": _("E-mail address"),
            "verified": _("confirmed"),
            "primary": _("main address"),
        },
    )
)


_sessions_of = by_user("user")


def _erase_sessions(subjects) -> int:
    """End the subjects' sessions: the sessions themselves, then allauth's record of them."""
    sessions = UserSession.objects.filter(_sessions_of(subjects))
    Session.objects.filter(session_key__in=sessions.values("session_key")).delete()
    deleted, _per_model = sessions.delete()
    return deleted


registry.register(
    Source(
        model=UserSession,
        fields=("user", "ip", "user_agent", "data"),
        purpose="fraud",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        recipients=_("The operator"),
        description=_("Your signed-in sessions: when, from which address and browser"),
        subject_filter=_sessions_of,
        erasure=Erasure.DELETE,
        custom_erase=_erase_sessions,
        export_fields=("pk", "created_at", "last_seen_at", "ip", "user_agent"),
        labels={
            "user": _("account"),
            "created_at": _("signed in"),
            "last_seen_at": _("last seen"),
            "ip": _("IP address"),
            "user_agent": _("browser"),
            "data": _("session data"),
        },
    )
)


registry.register(
    Source(
        model=NotificationPreference,
        fields=("user", "kind", "delivery", "updated_at"),
        purpose="service",
        legal_basis=LegalBasis.CONTRACT,
        recipients=_("The operator"),
        description=_("Which notification e-mails you receive, and how often"),
        subject_filter=by_user("user"),
        erasure=Erasure.DELETE,
        export_fields=("pk", "kind", "delivery", "updated_at"),
    )
)

registry.register(
    Source(
        model=NotificationDigestItem,
        fields=("user", "kind", "subject", "link", "created_at"),
        purpose="service",
        legal_basis=LegalBasis.CONTRACT,
        recipients=_("The operator; its e-mail delivery provider"),
        description=_("Notifications held for your daily digest, until it is sent"),
        subject_filter=by_user("user"),
        erasure=Erasure.DELETE,
        export_fields=("pk", "kind", "subject", "link", "created_at"),
    )
)
