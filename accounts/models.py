from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from accounts.regions import Region
from accounts.validators import (
    BIN_DIGITS_MESSAGE,
    validate_bin,
    validate_kz_bic,
    validate_kz_iban,
    validate_telegram,
)


class UserManager(DjangoUserManager):
    """Create users by e-mail: the portal has no usernames."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    # By e-mail, as Django documents for a custom user without a username; the stubs type
    # the username-first signature of Django's own UserManager.
    def create_user(self, email=None, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person using the portal; the e-mail address is the login."""

    # Removes AbstractUser's field, as Django documents for an e-mail login; the stubs type
    # the attribute as the field's str.
    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    language = models.CharField(
        _("language of e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="ru",
        help_text=_("The portal writes to you in this language."),
    )
    # Set at creation, so that a user who never signs in still expires; erasure empties it,
    # which also takes the erased row out of the retention sweep's selection.
    last_interaction_at = models.DateTimeField(
        _("last interaction"),
        default=timezone.now,
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Moves on every login, request, order and message; drives retention."),
    )

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        indexes = [
            # The public visibility rule of listings reads the deactivated owners only.
            models.Index(fields=["id"], condition=Q(is_active=False), name="user_inactive"),
        ]

    def __str__(self):
        return self.email

    def get_full_name(self):
        parts = (self.last_name, self.first_name, self.patronymic)
        return " ".join(p for p in parts if p) or self.email


class Company(models.Model):
    """A seller: the company a user represents. A user with a company can sell."""

    owner = models.OneToOneField(
        User, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="company"
    )
    name = models.CharField(_("company name"), max_length=255)
    bin = models.CharField(
        _("BIN"),
        max_length=12,
        unique=True,
        validators=[validate_bin],
        help_text=_("Business identification number: 12 digits."),
    )
    legal_address = models.CharField(_("legal address"), max_length=255)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    authorised_person = models.CharField(_("authorised person"), max_length=255)
    contact_phone = PhoneNumberField(_("contact phone"))
    contact_email = models.EmailField(_("contact e-mail"))
    description = models.TextField(_("about the company"), blank=True)
    is_verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Checked by staff against the state register.")
    )
    # Bank details for the invoices of the company's orders (entered once, printed on each).
    bank_name = models.CharField(_("bank"), max_length=255, blank=True)
    bic = models.CharField(_("bank BIC"), max_length=11, blank=True, validators=[validate_kz_bic])
    iban = models.CharField(
        _("account (IBAN)"), max_length=20, blank=True, validators=[validate_kz_iban]
    )
    vat_rate = models.PositiveSmallIntegerField(
        _("VAT rate, %"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(99)],
        help_text=_("Leave empty if the company is not a VAT payer. Prices include VAT."),
    )
    whatsapp = PhoneNumberField(_("WhatsApp number"), blank=True)
    telegram = models.CharField(
        _("Telegram username"), max_length=33, blank=True, validators=[validate_telegram]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        # Staff who checked a company against the state register (admin action and field).
        permissions = [("verify_company", "Can mark companies verified or not")]
        constraints = [
            # Uniqueness compares the stored text: only one way of writing a BIN may exist.
            models.CheckConstraint(
                condition=Q(bin__regex=r"^[0-9]{12}$"),
                name="company_bin_twelve_ascii_digits",
                violation_error_message=BIN_DIGITS_MESSAGE,
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("listings:seller_detail", args=[self.pk])

    @property
    def has_bank_details(self) -> bool:
        return bool(self.bic and self.iban)


class DeliveryRegion(models.Model):
    """A region a seller delivers to, at a stated cost or by agreement (cost empty)."""

    company = models.ForeignKey(
        Company,
        verbose_name=_("seller"),
        on_delete=models.CASCADE,
        related_name="delivery_regions",
        db_index=False,
    )
    region = models.CharField(_("region"), max_length=32, choices=Region.choices)
    cost = models.DecimalField(
        _("delivery cost, KZT"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: by agreement with the buyer."),
    )

    class Meta:
        ordering = ["company", "region"]
        verbose_name = _("delivery region")
        verbose_name_plural = _("delivery regions")
        constraints = [
            # Also the index of a seller's regions (it leads with the company).
            models.UniqueConstraint(fields=["company", "region"], name="delivery_region_once"),
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0), name="delivery_cost_not_negative"
            ),
        ]
        # The search filter "delivers to my region" reads the sellers of one region.
        indexes = [models.Index(fields=["region", "company"], name="delivery_region_sellers")]

    def __str__(self):
        return f"{self.company_id}: {self.region}"

    @property
    def region_label(self) -> str:
        return self.get_region_display()

    @property
    def by_agreement(self) -> bool:
        return self.cost is None


class NotificationKind(models.TextChoices):
    """Kinds of notification e-mail (accounts.notifications.kinds says which may be switched)."""

    NEW_MESSAGE = "new_message", _("New messages")
    ORDER_STATUS = "order_status", _("Order status")
    QUOTES = "quotes", _("Quotes")
    LISTINGS_DIGEST = "listings_digest", _("Weekly digest of new listings")
    NEWS = "news", _("News and offers")
    ORDER_CONFIRMATION = "order_confirmation", _("Order confirmations")
    DATA_REQUEST = "data_request", _("Answers to your data requests")
    SECURITY = "security", _("Security notices")


class NotificationPreference(models.Model):
    """How a person wants one kind of notification e-mail: at once, in a daily digest, or not.

    A row exists only once the person chose: without one, the kind's default applies
    (accounts.notifications.kinds). E-mails the law or a contract requires have no row.
    """

    class Delivery(models.TextChoices):
        NOW = "now", _("At once")
        DAILY = "daily", _("In a daily digest")
        OFF = "off", _("Off")

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        db_index=False,
    )
    kind = models.CharField(_("kind of e-mail"), max_length=24, choices=NotificationKind.choices)
    delivery = models.CharField(_("delivery"), max_length=8, choices=Delivery.choices)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            # Also the index of a person's choices (it leads with the user).
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]
        # Mailings read "who switched this kind off / on" across every user.
        indexes = [models.Index(fields=["kind", "delivery"], name="notification_pref_kind")]

    def __str__(self):
        return f"{self.user_id}: {self.kind} {self.delivery}"


class NotificationDigestItem(models.Model):
    """A notification held for the person's daily digest, deleted once the digest is sent."""

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_digest_items",
        db_index=False,
    )
    kind = models.CharField(_("kind of e-mail"), max_length=24, choices=NotificationKind.choices)
    subject = models.CharField(_("subject"), max_length=255)
    link = models.URLField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["user", "created_at", "pk"]
        verbose_name = _("notification held for a digest")
        verbose_name_plural = _("notifications held for digests")
        indexes = [models.Index(fields=["user", "created_at"], name="notification_digest_user")]

    def __str__(self):
        return f"{self.user_id}: {self.subject}"
