"""Purposes of processing, the versions of the legal texts people accept, cookie partners.

Two kinds of text, translated two ways (README, "Languages"):
- A purpose's name, description, retention and recipients are written by developers in the
  data migration that creates the purpose, in English, and translated in the gettext
  catalogues like the rest of the interface (`privacy/purpose_texts.py` marks them).
- A legal text (privacy policy, user agreement, posting rules) is written by staff, in
  each language, in admin: its `text` and `summary_of_changes` are translated fields
  (django-modeltranslation, `privacy/translation.py`). Russian is required; a missing
  language falls back to Russian, and the page says so.
"""

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from privacy.registry import LegalBasis

# Days during which the home page tells visitors that a legal text has changed.
NOTICE_DAYS = 30
# The same order as MODELTRANSLATION_FALLBACK_LANGUAGES (policy version 1 is English only).
FALLBACK_LANGUAGES = ("ru", "en")


class Purpose(models.Model):
    """A purpose for which the portal processes personal data (seeded from the policy)."""

    SERVICE = "service"
    ORDERS = "orders"
    PAYMENTS = "payments"
    MARKETING = "marketing"
    ANALYTICS = "analytics"
    ADVERTISING = "advertising"
    REVIEWS = "reviews"
    FRAUD = "fraud"
    LEGAL = "legal"

    # The purposes a person may simply grant or withdraw (and an objection stops): optional
    # and consent-based. The one rule, for queries and for a purpose at hand.
    CHANGEABLE = Q(legal_basis=LegalBasis.CONSENT, is_required=False)

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    legal_basis = models.CharField(_("legal basis"), max_length=32, choices=LegalBasis.choices)
    is_required = models.BooleanField(
        _("required"),
        default=False,
        help_text=_("Required purposes cannot be refused without closing the account."),
    )
    retention = models.CharField(_("retention"), max_length=255)
    recipients = models.CharField(_("recipients"), max_length=255)
    cookie_group = models.CharField(
        _("cookie group"),
        max_length=32,
        blank=True,
        help_text=_("The django-cookie-consent group whose choice is this purpose's consent."),
    )
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=0)

    class Meta:
        ordering = ["ordering", "code"]
        verbose_name = _("purpose")
        verbose_name_plural = _("purposes")

    def __str__(self):
        return self.title

    # The stored texts are the English message ids of the catalogues: these return them in
    # the active language (unchanged when a catalogue lacks them, e.g. a purpose added in
    # admin).
    @property
    def title(self) -> str:
        return gettext(self.name)

    @property
    def explanation(self) -> str:
        return gettext(self.description)

    @property
    def retention_text(self) -> str:
        return gettext(self.retention)

    @property
    def recipients_text(self) -> str:
        return gettext(self.recipients)

    @property
    def rests_on_consent(self) -> bool:
        return self.legal_basis == LegalBasis.CONSENT

    @property
    def rests_on_contract(self) -> bool:
        return self.legal_basis == LegalBasis.CONTRACT

    @property
    def rests_on_law(self) -> bool:
        return self.legal_basis == LegalBasis.LEGAL_OBLIGATION

    @property
    def changeable(self) -> bool:
        """Whether a person may simply grant or withdraw it (`CHANGEABLE`, above)."""
        return self.rests_on_consent and not self.is_required

    @property
    def allows_objection(self) -> bool:
        """Whether the person may object to it (processing for a legitimate interest)."""
        return self.legal_basis == LegalBasis.LEGITIMATE_INTEREST


class PolicyVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())

    def of(self, document: str):
        return self.filter(document=document)

    def privacy(self):
        return self.of(PolicyVersion.Document.PRIVACY)


class PolicyVersion(models.Model):
    """One version of a legal text; the latest published version of each document is in force.

    The privacy policy, the user agreement and the posting rules are versioned the same
    way, so they share this model: `document` says which one a version belongs to.
    """

    class Document(models.TextChoices):
        PRIVACY = "privacy", _("Privacy policy")
        TERMS = "terms", _("User agreement")
        RULES = "rules", _("Rules for listings and reviews")

    document = models.CharField(
        _("document"), max_length=16, choices=Document.choices, default=Document.PRIVACY
    )
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(
        _("text"), help_text=_("The document's own text. Blank lines separate paragraphs.")
    )
    summary_of_changes = models.TextField(_("summary of changes"), blank=True)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_(
            "Empty while a draft. Publishing tells visitors on the home page and every active "
            "user by e-mail; signed-in users are asked to accept a new privacy policy."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The announcement e-mails go out in batches by ascending user id: the last id done.
    announced_to_user = models.BigIntegerField(_("announced up to user id"), default=0)
    announced_at = models.DateTimeField(_("announcement finished"), null=True, blank=True)

    # django-modeltranslation replaces it with a class it makes at run time (see mailings).
    objects = PolicyVersionQuerySet.as_manager()  # type: ignore[django-manager-missing]

    class Meta:
        ordering = ["document", "-version"]
        verbose_name = _("legal text version")
        verbose_name_plural = _("legal text versions")
        # Publishing asks every signed-in user to accept the text again: a right of its own.
        permissions = [("publish_policyversion", "Can publish a policy version")]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "version"], name="policy_version_unique_per_document"
            )
        ]

    def __str__(self):
        return _("%(document)s, version %(version)s") % {
            "document": self.get_document_display(),
            "version": self.version,
        }

    def get_absolute_url(self):
        return reverse(VERSION_URL_NAMES[self.document], args=[self.version])

    @property
    def is_privacy_policy(self) -> bool:
        return self.document == self.Document.PRIVACY

    @property
    def text_language(self) -> str:
        """Return the language the text is shown in: the reader's, else its fallback."""
        code = (get_language() or "ru").split("-")[0]
        for candidate in (code, *FALLBACK_LANGUAGES):
            if getattr(self, f"text_{candidate}", ""):
                return candidate
        return code

    @property
    def shown_in_reader_language(self) -> bool:
        return self.text_language == (get_language() or "ru").split("-")[0]

    @property
    def notice_until(self):
        return self.published_at + timedelta(days=NOTICE_DAYS) if self.published_at else None


# Where each document's current version and its numbered versions are read.
CURRENT_URL_NAMES: dict[str, str] = {
    PolicyVersion.Document.PRIVACY: "privacy:policy",
    PolicyVersion.Document.TERMS: "legal:terms",
    PolicyVersion.Document.RULES: "legal:rules",
}
VERSION_URL_NAMES = {document: f"{name}_version" for document, name in CURRENT_URL_NAMES.items()}


class CookiePartner(models.Model):
    """A third party whose cookies the portal lets it set once a visitor accepts their group.

    django-cookie-consent's own models cannot be changed (they belong to the library), so
    who sets a cookie is recorded here; the cookie settings page and the policy name them.
    """

    name = models.CharField(_("name"), max_length=200)
    policy_url = models.URLField(_("its privacy policy"))
    country = models.CharField(
        _("country"),
        max_length=2,
        default="KZ",
        help_text=_(
            "ISO code. Outside Kazakhstan, accepting its cookies is a cross-border transfer."
        ),
    )
    cookies = models.ManyToManyField(
        "cookie_consent.Cookie", verbose_name=_("cookies"), related_name="partners"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("cookie partner")
        verbose_name_plural = _("cookie partners")

    def __str__(self):
        return self.name

    @property
    def is_abroad(self) -> bool:
        return self.country.upper() != "KZ"

    @property
    def country_label(self) -> str:
        from privacy.processors import country_label

        return country_label(self.country)
