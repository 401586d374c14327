"""Forms of orders: validation only; the writes are in `orders.services`.

Every message a buyer or seller can get is a constant here or in services, so that tests
assert on the exact text and a change of wording is made in one place.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import EMAIL_MAX_LENGTH, KazakhstanPhoneField
from accounts.validators import (
    bin_normalise,
    normalise_iban,
    validate_bin,
    validate_kz_bic,
    validate_kz_iban,
)
from orders.cart import MAX_QUANTITY
from orders.company_details import BuyerCompany
from orders.models import COMMENT_MAX_LENGTH, CONTACT_FIELDS, MESSAGE_MAX_LENGTH, SellerOption
from orders.selectors import CHECKOUT_TOKEN_MAX_LENGTH, checkout_token_valid
from orders.services import (
    CANCEL_REASON_REQUIRED,
    FINAL_TOTAL_REQUIRED,
    MESSAGE_REQUIRED,
    OPTION_NOT_OFFERED,
    QUANTITY_INVALID,
    QUANTITY_TOO_LARGE,
)

BUYER_BIN_REQUIRED = _("Enter the company's BIN: 12 digits.")
BUYER_ADDRESS_REQUIRED = _("Enter the company's legal address.")
BUYER_BIC_REQUIRED = _("Enter the BIC of the company's bank.")
BUYER_IBAN_REQUIRED = _("Enter the company's account (IBAN).")
BUYER_SIGNATORY_REQUIRED = _("Enter who signs for the company: full name and position.")
FULL_NAME_REQUIRED = _("Enter your surname, first name and patronymic.")
FULL_NAME_INCOMPLETE = _("Enter at least your surname and first name.")
ORGANIZATION_REQUIRED = _("Enter the organization you order for (or “Individual”).")
EMAIL_REQUIRED = _("Enter your e-mail: the order and the seller's answers come there.")
EMAIL_INVALID = _("Enter a valid e-mail address, for example name@example.kz.")
PHONE_REQUIRED = _("Enter a phone number where the seller can reach you.")
ADDRESS_REQUIRED = _("Enter the delivery address (or the city, for pickup).")
COMMENT_TOO_LONG = _(
    "The comment can be at most %(limit_value)d characters (it has %(show_value)d)."
)
SHIPPING_REQUIRED = _("Choose how you want to receive the goods.")
PAYMENT_REQUIRED = _("Choose how you want to pay.")
FINAL_TOTAL_INVALID = _("Enter the final total as a number of tenge, 0 or more.")
CANCEL_REASON_TOO_LONG = _("The reason can be at most 500 characters.")
MESSAGE_TOO_LONG = _("A message can be at most %(limit_value)d characters (it has %(show_value)d).")
NEED_ONE_SHIPPING = _("Offer at least one way of shipping.")
NEED_ONE_PAYMENT = _("Offer at least one way of paying.")
CONDITIONS_TOO_LONG = _("Keep the conditions under 255 characters.")
LINK_EMAIL_INVALID = _("Enter the e-mail address you gave with the order.")
LINK_NUMBER_INVALID = _(
    "Enter the order number as it is in the e-mail about the order, for example 2026-000123."
)


class TextField(forms.CharField):
    """Free text whose line breaks count as one character, as the browser counts them.

    Browsers submit a line break as CR LF; without this, a comment that fits the
    textarea's `maxlength` could be refused for its line breaks.
    """

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class QuantityForm(forms.Form):
    """The quantity of a cart line; the listing's minimum is checked by the service."""

    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=1,
        max_value=MAX_QUANTITY,
        error_messages={
            "required": QUANTITY_INVALID,
            "invalid": QUANTITY_INVALID,
            "min_value": QUANTITY_INVALID,
            "max_value": QUANTITY_TOO_LARGE % {"max": MAX_QUANTITY},
        },
    )

    def first_error(self) -> str:
        return next(iter(self.errors.get("quantity", [QUANTITY_INVALID])))


def _validate_checkout_token(token: str) -> None:
    if not checkout_token_valid(token):
        # The view gives such a form a fresh token: the person never sees this text.
        raise forms.ValidationError("Not a checkout token.", code="invalid")


def _method_choices(options: list[SellerOption], kind: str) -> list[tuple[str, str]]:
    return [
        (o.method, f"{o.method_label} ({o.conditions})" if o.conditions else o.method_label)
        for o in options
        if o.kind == kind and o.is_enabled
    ]


class CheckoutForm(forms.Form):
    """The order form: contact data for the seller, and how to ship and pay."""

    full_name = forms.CharField(
        label=_("Full name (surname, first name, patronymic)"),
        max_length=255,
        error_messages={"required": FULL_NAME_REQUIRED},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organization = forms.CharField(
        label=_("Organization"),
        max_length=255,
        error_messages={"required": ORGANIZATION_REQUIRED},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        error_messages={"required": EMAIL_REQUIRED, "invalid": EMAIL_INVALID},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = KazakhstanPhoneField(label=_("Phone"), error_messages={"required": PHONE_REQUIRED})
    address = forms.CharField(
        label=_("Delivery address"),
        max_length=255,
        error_messages={"required": ADDRESS_REQUIRED},
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    comment = TextField(
        label=_("Comment to the seller"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        error_messages={"max_length": COMMENT_TOO_LONG},
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "maxlength": COMMENT_MAX_LENGTH,
                "data-counter": "comment-counter",
                "aria-describedby": "comment-counter",
            }
        ),
    )
    shipping_method = forms.ChoiceField(
        label=_("Shipping"),
        widget=forms.RadioSelect,
        error_messages={"required": SHIPPING_REQUIRED, "invalid_choice": OPTION_NOT_OFFERED},
    )
    payment_method = forms.ChoiceField(
        label=_("Payment"),
        widget=forms.RadioSelect,
        error_messages={"required": PAYMENT_REQUIRED, "invalid_choice": OPTION_NOT_OFFERED},
    )
    checkout_token = forms.CharField(
        widget=forms.HiddenInput,
        max_length=CHECKOUT_TOKEN_MAX_LENGTH,
        validators=[_validate_checkout_token],
    )
    as_company = forms.BooleanField(
        label=_("Buy as a company (its details go on the invoice)"), required=False
    )
    buyer_bin = forms.CharField(
        label=_("Company BIN"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    buyer_legal_address = forms.CharField(label=_("Legal address"), required=False, max_length=255)
    buyer_bic = forms.CharField(
        label=_("Bank BIC"), required=False, max_length=11, help_text=_("For example HSBKKZKX.")
    )
    buyer_iban = forms.CharField(
        label=_("Account (IBAN)"),
        required=False,
        max_length=34,
        help_text=_("KZ and 18 letters or digits."),
    )
    buyer_signatory = forms.CharField(
        label=_("Signatory (name and position)"), required=False, max_length=255
    )

    COMPANY_FIELDS = {
        "buyer_bin": (BUYER_BIN_REQUIRED, validate_bin),
        "buyer_legal_address": (BUYER_ADDRESS_REQUIRED, None),
        "buyer_bic": (BUYER_BIC_REQUIRED, validate_kz_bic),
        "buyer_iban": (BUYER_IBAN_REQUIRED, validate_kz_iban),
        "buyer_signatory": (BUYER_SIGNATORY_REQUIRED, None),
    }

    def __init__(self, *args, options: list[SellerOption], **kwargs):
        super().__init__(*args, **kwargs)
        shipping = _method_choices(options, SellerOption.Kind.SHIPPING)
        payment = _method_choices(options, SellerOption.Kind.PAYMENT)
        self.fields["shipping_method"].choices = shipping
        self.fields["payment_method"].choices = payment
        # With a single option there is nothing to choose: it is preselected.
        if len(shipping) == 1:
            self.fields["shipping_method"].initial = shipping[0][0]
        if len(payment) == 1:
            self.fields["payment_method"].initial = payment[0][0]

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name.split(" ")) < 2:
            raise forms.ValidationError(FULL_NAME_INCOMPLETE, code="incomplete")
        return name

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("as_company"):
            return cleaned
        for name, (required, validator) in self.COMPANY_FIELDS.items():
            value = " ".join(cleaned.get(name, "").split())
            if name in ("buyer_bic", "buyer_iban"):
                value = normalise_iban(value)
            elif name == "buyer_bin":  # as the company form takes it (spaces, fullwidth digits)
                value = bin_normalise(value)
            cleaned[name] = value
            if name in self.errors:
                continue
            if not value:
                self.add_error(name, forms.ValidationError(required, code="required"))
            elif validator is not None:
                try:
                    validator(value)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def buyer_company(self) -> BuyerCompany | None:
        data = self.cleaned_data
        if not data.get("as_company"):
            return None
        return BuyerCompany(
            **{name.removeprefix("buyer_"): data[name] for name in self.COMPANY_FIELDS}
        )

    def company_fields(self):
        return [self[name] for name in self.COMPANY_FIELDS]

    def order_data(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in CONTACT_FIELDS},
            "shipping_method": data["shipping_method"],
            "payment_method": data["payment_method"],
            "buyer_company": self.buyer_company(),
        }


class ConfirmForm(forms.Form):
    final_total = forms.DecimalField(
        label=_("Final total, ₸"),
        min_value=Decimal(0),
        max_digits=16,
        decimal_places=2,
        error_messages={
            "required": FINAL_TOTAL_REQUIRED,
            "invalid": FINAL_TOTAL_INVALID,
            "min_value": FINAL_TOTAL_INVALID,
            "max_digits": FINAL_TOTAL_INVALID,
            "max_decimal_places": FINAL_TOTAL_INVALID,
            "max_whole_digits": FINAL_TOTAL_INVALID,
        },
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        help_text=_("Including delivery and VAT, as agreed with the buyer."),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=500,
        error_messages={"required": CANCEL_REASON_REQUIRED, "max_length": CANCEL_REASON_TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
    )


class StepForm(forms.Form):
    """A step of the workflow that asks the seller nothing more (ship, complete)."""


class MessageForm(forms.Form):
    body = TextField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={"required": MESSAGE_REQUIRED, "max_length": MESSAGE_TOO_LONG},
        widget=forms.Textarea(
            attrs={"rows": 3, "maxlength": MESSAGE_MAX_LENGTH, "data-counter": "message-counter"}
        ),
    )


class SellerOptionsForm(forms.Form):
    """Which ways of shipping and paying the seller offers, each with its conditions."""

    def __init__(self, *args, options: list[SellerOption], **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options
        for option in options:
            prefix = self.field_prefix(option)
            self.fields[f"{prefix}_enabled"] = forms.BooleanField(
                label=option.method_label, required=False, initial=option.is_enabled
            )
            self.fields[f"{prefix}_conditions"] = forms.CharField(
                label=_("Conditions of “%(method)s”") % {"method": option.method_label},
                required=False,
                max_length=255,
                initial=option.conditions,
                error_messages={"max_length": CONDITIONS_TOO_LONG},
            )

    @staticmethod
    def field_prefix(option: SellerOption) -> str:
        return f"{option.kind}_{option.method}"

    def groups(self):
        """Return (kind label, [(enabled field, conditions field)]) for the template."""
        result = []
        for kind, label in SellerOption.Kind.choices:
            prefixes = [self.field_prefix(o) for o in self.options if o.kind == kind]
            rows = [(self[f"{p}_enabled"], self[f"{p}_conditions"]) for p in prefixes]
            result.append((label, rows))
        return result

    def clean(self):
        cleaned = super().clean()
        for kind, message in (
            (SellerOption.Kind.SHIPPING, NEED_ONE_SHIPPING),
            (SellerOption.Kind.PAYMENT, NEED_ONE_PAYMENT),
        ):
            kinds = [o for o in self.options if o.kind == kind]
            if kinds and not any(cleaned.get(f"{self.field_prefix(o)}_enabled") for o in kinds):
                self.add_error(f"{self.field_prefix(kinds[0])}_enabled", message)
        return cleaned

    def choices(self) -> dict[tuple[str, str], tuple[bool, str]]:
        data = self.cleaned_data
        return {
            (o.kind, o.method): (
                bool(data.get(f"{self.field_prefix(o)}_enabled")),
                data.get(f"{self.field_prefix(o)}_conditions", ""),
            )
            for o in self.options
        }


def _is_ascii_number(text: str, *, lengths: range) -> bool:
    return text.isascii() and text.isdigit() and len(text) in lengths


class OrderLinkForm(forms.Form):
    """Ask for an order's link again: the address it was placed with and its number."""

    email = forms.EmailField(
        label=_("E-mail"),
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "required": LINK_EMAIL_INVALID,
            "invalid": LINK_EMAIL_INVALID,
            "max_length": LINK_EMAIL_INVALID,
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    number = forms.CharField(
        label=_("Order number"),
        max_length=16,
        help_text=_("As it is in the e-mail about the order, for example 2026-000123."),
        error_messages={
            "required": LINK_NUMBER_INVALID,
            "max_length": LINK_NUMBER_INVALID,
            "null_characters_not_allowed": LINK_NUMBER_INVALID,
        },
    )

    def clean_number(self):
        # Checked by hand, not by a pattern: a year, a dash and the serial number.
        number = self.cleaned_data["number"]
        year, dash, serial = number.partition("-")
        if not (
            dash
            and _is_ascii_number(year, lengths=range(4, 5))
            and _is_ascii_number(serial, lengths=range(1, 11))
        ):
            raise forms.ValidationError(LINK_NUMBER_INVALID, code="invalid")
        return number
