"""Forms of deals: validation only; the writes are in `deals.services`.

The rules that need no database (a positive quantity, a date not in the past, figures an
order can hold) are checked here, next to the field; the services check them again with
the rules that need the current state.
"""

from decimal import Decimal

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from accounts.regions import Region
from deals.models import (
    DESCRIPTION_MAX_LENGTH,
    MAX_TOTAL,
    MAX_UNIT_PRICE,
    TERMS_MAX_LENGTH,
    QuoteRequest,
    SellerPreference,
)
from deals.services.quotes import (
    COUNTER_EMPTY,
    PRICE_TOO_LARGE,
    TOTAL_TOO_LARGE,
    VALID_UNTIL_PAST,
    amount_limit,
)
from deals.services.requests import CHOOSE_SELLERS, NEEDED_BY_PAST
from listings.models import Category, Listing
from listings.selectors import category_choices
from orders.cart import MAX_QUANTITY
from orders.forms import CheckoutForm, TextField
from orders.models import CONTACT_FIELDS, PaymentMethod, SellerOption, ShippingMethod
from orders.services import QUANTITY_INVALID, QUANTITY_TOO_LARGE

TITLE_REQUIRED = _("Say what you need, for example “Wheat seed, 1st reproduction”.")
DESCRIPTION_REQUIRED = _("Describe what you need: grade, standard, packing, delivery.")
CATEGORY_REQUIRED = _("Choose the category of what you need.")
REGION_REQUIRED = _("Choose the region to deliver to.")
DATE_INVALID = _("Enter a date, for example 2026-05-20.")
PRICE_INVALID = _("Enter the price in tenge, 0 or more, with at most two decimals.")
AMOUNT_INVALID = _("Enter an amount in tenge, 0 or more, with at most two decimals.")
TERMS_REQUIRED = _("State the terms, for example “FCA warehouse in Kostanay”.")


def _date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": DATE_INVALID, "invalid": DATE_INVALID},
        **kwargs,
    )


def _quantity_field(label, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=MAX_QUANTITY,
        error_messages={
            "required": QUANTITY_INVALID,
            "invalid": QUANTITY_INVALID,
            "min_value": QUANTITY_INVALID,
            "max_value": QUANTITY_TOO_LARGE % {"max": MAX_QUANTITY},
        },
        **kwargs,
    )


def _money_field(label, *, maximum: Decimal, too_large, invalid=AMOUNT_INVALID, **kw):
    large = amount_limit(too_large, maximum)
    return forms.DecimalField(
        label=label,
        min_value=Decimal(0),
        max_value=maximum,
        decimal_places=2,
        error_messages={
            "required": invalid,
            "invalid": invalid,
            "min_value": invalid,
            "max_value": large,
            "max_digits": large,
            "max_whole_digits": large,
            "max_decimal_places": invalid,
        },
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        **kw,
    )


def _not_past(value, message):
    if value is not None and value < timezone.localdate():
        raise forms.ValidationError(message, code="past")
    return value


class RequestForm(forms.Form):
    """A request for quotation, with the sellers it goes to."""

    title = forms.CharField(
        label=_("What do you need"), max_length=200, error_messages={"required": TITLE_REQUIRED}
    )
    description = TextField(
        label=_("Details"),
        max_length=DESCRIPTION_MAX_LENGTH,
        error_messages={"required": DESCRIPTION_REQUIRED},
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": DESCRIPTION_MAX_LENGTH}),
    )
    category = forms.TypedChoiceField(
        label=_("Category"), coerce=int, choices=(), error_messages={"required": CATEGORY_REQUIRED}
    )
    quantity = _quantity_field(_("Quantity"))
    unit = forms.ChoiceField(label=_("Unit"), choices=Listing.Unit.choices)
    region = forms.ChoiceField(
        label=_("Delivery region"),
        choices=BLANK_CHOICE_DASH + Region.choices,
        error_messages={"required": REGION_REQUIRED},
    )
    needed_by = _date_field(_("Needed by"))
    budget = _money_field(
        _("Budget, ₸ (optional)"), maximum=MAX_TOTAL, too_large=TOTAL_TOO_LARGE, required=False
    )
    buyer_organization = forms.CharField(
        label=_("Your organization (shown to sellers)"),
        max_length=255,
        required=False,
        help_text=_(
            "Sellers see the request, its region and this name; never your name "
            "or contacts until you accept a quote."
        ),
    )
    audience = forms.ChoiceField(
        label=_("Send to"),
        widget=forms.RadioSelect,
        choices=QuoteRequest.Audience.choices,
        initial=QuoteRequest.Audience.MATCHING,
    )
    sellers = forms.ModelMultipleChoiceField(
        label=_("Sellers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=Company.objects.none(),
    )

    def __init__(self, *args, sellers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [*BLANK_CHOICE_DASH, *category_choices()]
        self.fields["sellers"].queryset = sellers if sellers is not None else Company.objects.none()

    def clean_category(self):
        category = Category.objects.filter(pk=self.cleaned_data["category"]).first()
        if category is None:
            raise forms.ValidationError(CATEGORY_REQUIRED, code="invalid")
        return category

    def clean_needed_by(self):
        return _not_past(self.cleaned_data["needed_by"], NEEDED_BY_PAST)

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("audience") == QuoteRequest.Audience.CHOSEN
        if chosen and not cleaned.get("sellers"):
            self.add_error("sellers", forms.ValidationError(CHOOSE_SELLERS, code="required"))
        return cleaned

    def request_data(self) -> dict:
        names = (
            "title",
            "description",
            "category",
            "quantity",
            "unit",
            "region",
            "needed_by",
            "budget",
            "buyer_organization",
        )
        return {name: self.cleaned_data[name] for name in names}


def _choices(options, kind, all_choices):
    labels = dict(all_choices)
    return [
        (o.method, labels.get(o.method, o.method))
        for o in options
        if o.kind == kind and o.is_enabled
    ]


class QuoteForm(forms.Form):
    """A seller's quote: figures and terms; every send is kept as a revision."""

    price = _money_field(
        _("Price per unit, ₸"),
        maximum=MAX_UNIT_PRICE,
        too_large=PRICE_TOO_LARGE,
        invalid=PRICE_INVALID,
    )
    quantity = _quantity_field(_("Quantity you can supply"))
    delivery_cost = _money_field(
        _("Delivery, ₸"), maximum=MAX_UNIT_PRICE, too_large=PRICE_TOO_LARGE, initial=0
    )
    delivery_date = _date_field(_("Delivery date"))
    delivery_terms = forms.CharField(
        label=_("Delivery terms"),
        max_length=TERMS_MAX_LENGTH,
        error_messages={"required": TERMS_REQUIRED},
    )
    payment_terms = forms.CharField(
        label=_("Payment terms"),
        max_length=TERMS_MAX_LENGTH,
        error_messages={"required": TERMS_REQUIRED},
    )
    shipping_method = forms.ChoiceField(label=_("Shipping"), widget=forms.RadioSelect)
    payment_method = forms.ChoiceField(label=_("Payment"), widget=forms.RadioSelect)
    valid_until = _date_field(_("Valid until"))
    comment = TextField(
        label=_("Comment"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, options: list[SellerOption], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shipping_method"].choices = _choices(
            options, SellerOption.Kind.SHIPPING, ShippingMethod.choices
        )
        self.fields["payment_method"].choices = _choices(
            options, SellerOption.Kind.PAYMENT, PaymentMethod.choices
        )
        for name in ("shipping_method", "payment_method"):
            choices = self.fields[name].choices
            if len(choices) == 1:  # nothing to choose: preselected
                self.fields[name].initial = choices[0][0]

    def clean_valid_until(self):
        return _not_past(self.cleaned_data["valid_until"], VALID_UNTIL_PAST)

    def clean(self):
        cleaned = super().clean()
        price, quantity = cleaned.get("price"), cleaned.get("quantity")
        delivery = cleaned.get("delivery_cost") or Decimal(0)
        if price is not None and quantity and price * quantity + delivery > MAX_TOTAL:
            self.add_error("price", amount_limit(TOTAL_TOO_LARGE, MAX_TOTAL))
        return cleaned


class CounterForm(forms.Form):
    """The buyer's counter-offer: any of a price, a quantity, other terms."""

    price = _money_field(
        _("Your price per unit, ₸"),
        maximum=MAX_UNIT_PRICE,
        too_large=PRICE_TOO_LARGE,
        invalid=PRICE_INVALID,
        required=False,
    )
    quantity = _quantity_field(_("Quantity"), required=False)
    terms = TextField(
        label=_("Other terms"),
        required=False,
        max_length=TERMS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": TERMS_MAX_LENGTH}),
    )

    def clean(self):
        cleaned = super().clean()
        empty = not any(
            cleaned.get(name) not in (None, "") for name in ("price", "quantity", "terms")
        )
        if empty and not self.errors:
            raise forms.ValidationError(COUNTER_EMPTY, code="empty")
        return cleaned


class AcceptForm(CheckoutForm):
    """The order form of an accepted quote: contact data only; shipping and payment are the
    quote's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, options=[], **kwargs)
        del self.fields["shipping_method"]
        del self.fields["payment_method"]

    def contact(self) -> dict:
        return {name: self.cleaned_data[name] for name in CONTACT_FIELDS}


class PreferenceForm(forms.Form):
    rfq_mail = forms.ChoiceField(
        label=_("New requests by e-mail"),
        widget=forms.RadioSelect,
        choices=SellerPreference.Mail.choices,
    )
