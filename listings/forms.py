"""Forms of listings: validation only; the writes are in `listings.services`."""

from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from accounts.regions import Region
from listings.models import MAX_ORDER_QUANTITY, Category, Listing, Review
from listings.pricing import TIERS_ON_REQUEST, TierError, format_tiers, parse_tiers
from listings.rules import Rule
from listings.selectors import CategoryTree, SearchParams, Sort, category_choices

IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}

IMAGE_TOO_LARGE = _("This file is larger than 5 MB. Please upload a smaller image.")
IMAGE_NOT_AN_IMAGE = _("This file is not an image. Please upload a JPEG, PNG or WebP photo.")
IMAGE_DAMAGED = _(
    "This photo is damaged or incomplete (the file may have been cut off). Please upload it "
    "again, or choose another photo."
)
IMAGE_WRONG_FORMAT = _("Only JPEG, PNG and WebP images are accepted.")
IMAGE_TOO_MANY_PIXELS = _("This image has too many pixels. Please upload at most 40 megapixels.")
PRICE_REQUIRED = _("Enter a price, or tick “Price on request”.")
PRICE_AND_ON_REQUEST = _("Leave the price empty when it is on request.")
CATEGORY_SECTION = _("Choose a subsection, not a whole section.")
SEARCH_INVALID_CATEGORY = _("There is no such category; showing all categories.")
SEARCH_PRICE_RANGE = _("The upper price is below the lower one; it was ignored.")
SEARCH_PRICE_INVALID = _("Enter the price as a number of tenge; this value was ignored.")
SEARCH_INVALID_SELLER = _("There is no such seller; showing the listings of all sellers.")
SKU_TAKEN = _("You already have a listing with this SKU.")
REVIEW_RATING_REQUIRED = _("Choose a rating from 1 to 5 stars.")
REVIEW_TEXT_REQUIRED = _("Write a few words about the seller.")


_UNREADABLE = (OSError, SyntaxError, ValueError, Image.DecompressionBombError)


def validate_listing_image(upload) -> None:
    """Raise ValidationError unless the upload is a whole JPEG, PNG or WebP of at most 5 MB."""
    if upload.size > IMAGE_MAX_BYTES:
        raise ValidationError(IMAGE_TOO_LARGE, code="image_too_large")
    try:
        upload.seek(0)
        with Image.open(upload) as image:  # reads the header only
            image_format = image.format
            width, height = image.size
    except (UnidentifiedImageError, *_UNREADABLE):
        raise ValidationError(IMAGE_NOT_AN_IMAGE, code="not_an_image") from None
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(IMAGE_WRONG_FORMAT, code="image_format")
    if width * height > IMAGE_MAX_PIXELS:
        raise ValidationError(IMAGE_TOO_MANY_PIXELS, code="image_pixels")
    try:
        _decode_to_the_end(upload)
    except _UNREADABLE:
        raise ValidationError(IMAGE_DAMAGED, code="image_damaged") from None
    finally:
        upload.seek(0)


def _decode_to_the_end(upload) -> None:
    """Decode every pixel: `verify` alone passes a truncated JPEG, which fails later, when the
    photo is resized. Pillow needs the file opened again after `verify`."""
    upload.seek(0)
    with Image.open(upload) as image:
        image.verify()
    upload.seek(0)
    with Image.open(upload) as image:
        image.load()


class ListingForm(forms.ModelForm):
    category = forms.TypedChoiceField(label=_("Category"), coerce=int, choices=())
    price_tiers = forms.CharField(
        label=_("Wholesale prices"),
        required=False,
        max_length=300,
        help_text=_(
            "Optional. Lower prices for larger quantities: “from quantity: price”, separated "
            "by semicolons, e.g. “10: 95000; 100: 90000”."
        ),
    )

    class Meta:
        model = Listing
        fields = [
            "title",
            "category",
            "description",
            "price",
            "price_on_request",
            "unit",
            "min_order_quantity",
            "condition",
            "region",
            "sku",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "price": _("In tenge, VAT included. Leave empty if the price is on request."),
            "min_order_quantity": _("The smallest quantity a buyer can order, in the unit."),
            "sku": _("Optional: your own article number; a catalogue import updates by it."),
        }

    def __init__(self, *args, company_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.company_id = company_id
        self.fields["category"].choices = [*BLANK_CHOICE_DASH, *category_choices()]
        # The same bounds as the model's check constraints, said next to the field.
        self.fields["price"].validators.append(MinValueValidator(0))
        self.fields["price"].widget.attrs.update({"min": "0", "step": "0.01"})
        self.fields["min_order_quantity"].validators.append(MinValueValidator(1))
        self.fields["min_order_quantity"].widget.attrs.update(
            {"min": "1", "max": str(MAX_ORDER_QUANTITY)}
        )
        self.fields["description"].widget.attrs.update(
            {"maxlength": "5000", "data-counter": "description-counter"}
        )
        if self.instance.pk:
            self.initial["category"] = self.instance.category_id
            self.initial["price_tiers"] = format_tiers(self.instance.price_tiers.all())

    def clean_category(self):
        category = Category.objects.filter(pk=self.cleaned_data["category"]).first()
        if category is None or category.parent_id is None:
            raise ValidationError(CATEGORY_SECTION, code="section")
        return category

    def clean(self):
        cleaned = super().clean()
        on_request = cleaned.get("price_on_request")
        price = cleaned.get("price")
        if "price" not in self.errors:
            if on_request and price is not None:
                self.add_error("price", ValidationError(PRICE_AND_ON_REQUEST, code="both"))
            elif not on_request and price is None:
                self.add_error("price", ValidationError(PRICE_REQUIRED, code="price_required"))
        self._clean_tiers(cleaned)
        return cleaned

    def _clean_tiers(self, cleaned) -> None:
        text = cleaned.get("price_tiers", "")
        try:
            tiers = parse_tiers(text, min_order=cleaned.get("min_order_quantity") or 1)
        except TierError as error:
            self.add_error("price_tiers", ValidationError(error.message, code="tiers"))
            return
        if tiers and cleaned.get("price_on_request"):
            self.add_error("price_tiers", ValidationError(TIERS_ON_REQUEST, code="on_request"))
            return
        cleaned["price_tiers"] = tiers

    def clean_sku(self):
        sku = self.cleaned_data.get("sku", "").strip()
        company_id = self.instance.company_id if self.instance.pk else self.company_id
        taken = Listing.objects.filter(company_id=company_id, sku=sku).exclude(pk=self.instance.pk)
        if sku and company_id and taken.exists():
            raise ValidationError(SKU_TAKEN, code="sku_taken")
        return sku

    def listing_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in (*self.Meta.fields, "price_tiers")}


class ListingImageForm(forms.Form):
    image = forms.FileField(
        label=_("Add a photo"),
        help_text=_("JPEG, PNG or WebP, up to 5 MB; up to 10 photos."),
        validators=[validate_listing_image],
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class ReviewForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
        error_messages={
            "required": REVIEW_RATING_REQUIRED,
            "invalid_choice": REVIEW_RATING_REQUIRED,
        },
    )

    class Meta:
        model = Review
        fields = ["rating", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "maxlength": "2000"})}
        labels = {"text": _("Your review")}
        error_messages = {"text": {"required": REVIEW_TEXT_REQUIRED}}


# No real value of a search parameter is longer (a query of words is at most 200).
QUERY_VALUE_MAX_LENGTH = 200
# The largest id PostgreSQL's bigint holds: a larger one names nothing, and would overflow.
ID_MAX = 2**63 - 1
_PRICE_ERRORS = dict.fromkeys(
    ("invalid", "max_digits", "max_decimal_places", "max_whole_digits", "min_value"),
    SEARCH_PRICE_INVALID,
)


class _BoundedQueryValue:
    """A query-string field that refuses, before parsing, what no person types.

    A value longer than QUERY_VALUE_MAX_LENGTH, or with digits other than ASCII ones (int()
    and Decimal() read "١٢" and "１２" as 12), is invalid without reaching the parser.
    """

    def to_python(self, value):
        if isinstance(value, str) and (len(value) > QUERY_VALUE_MAX_LENGTH or not value.isascii()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class BoundedIntegerField(_BoundedQueryValue, forms.IntegerField):
    pass


class BoundedDecimalField(_BoundedQueryValue, forms.DecimalField):
    pass


def _id_field(message):
    return BoundedIntegerField(
        required=False,
        min_value=1,
        max_value=ID_MAX,
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), message),
    )


class SearchForm(forms.Form):
    """The search page's query string. Invalid values are dropped, never a server error."""

    q = forms.CharField(label=_("Search"), max_length=QUERY_VALUE_MAX_LENGTH, required=False)
    category = _id_field(SEARCH_INVALID_CATEGORY)
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    price_min = BoundedDecimalField(
        label=_("Price from"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
        error_messages=_PRICE_ERRORS,
    )
    price_max = BoundedDecimalField(
        label=_("to"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
        error_messages=_PRICE_ERRORS,
    )
    condition = forms.ChoiceField(
        label=_("Condition"),
        choices=[("", _("Any")), *Listing.Condition.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    seller = _id_field(SEARCH_INVALID_SELLER)
    delivers_to = forms.ChoiceField(
        label=_("Delivers to my region"),
        choices=[("", _("Any region")), *Region.choices],
        required=False,
    )
    sort = forms.ChoiceField(
        label=_("Sort"), choices=Sort.CHOICES, required=False, widget=forms.Select
    )
    # Any page past the last shows the last one: only the parsing needs a bound.
    page = BoundedIntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data, *, tree: CategoryTree):
        super().__init__(data)
        self.tree = tree

    def clean_category(self):
        pk = self.cleaned_data.get("category")
        if pk is None:
            return None
        if pk not in self.tree.by_id:
            raise ValidationError(SEARCH_INVALID_CATEGORY, code="unknown_category")
        return self.tree.by_id[pk]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and high < low:
            self.add_error("price_max", ValidationError(SEARCH_PRICE_RANGE, code="range"))
        return cleaned

    def canonical_query(self) -> str | None:
        """Return the one query string of this search, or None when a value is invalid.

        The same search written otherwise (parameters in another order, ones the page does
        not read, defaults spelled out, extra spaces) has the same canonical query, so the
        page cache keeps one entry for it, whatever a crawler varies.
        """
        if not self.is_valid():
            return None
        data = self.cleaned_data
        values = {
            "q": " ".join((data.get("q") or "").split()),
            "category": data["category"].pk if data.get("category") else "",
            "region": data.get("region") or "",
            "price_min": _plain(data.get("price_min")),
            "price_max": _plain(data.get("price_max")),
            "condition": data.get("condition") or "",
            "seller": data.get("seller") or "",
            "delivers_to": data.get("delivers_to") or "",
            "sort": data.get("sort") or "",
            "page": data.get("page") if (data.get("page") or 1) > 1 else "",
        }
        return urlencode({name: value for name, value in values.items() if value != ""})

    @classmethod
    def query_as_sent(cls, query) -> str | None:
        """Return the query string as sent, written as `canonical_query` writes it (names in
        its order), or None with a name the page does not read or given twice.

        Equal to the canonical query exactly when the visitor sent that query (as every
        link of the portal does), without validating anything.
        """
        repeated = any(len(values) > 1 for _name, values in query.lists())
        if repeated or not set(query).issubset(cls.base_fields):
            return None
        return urlencode([(name, query[name]) for name in cls.base_fields if name in query])

    def params(self) -> SearchParams:
        """Return the valid parameters; a field with an error counts as not given."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        return SearchParams(
            q=(data.get("q") or "").strip(),
            category=data.get("category"),
            region=data.get("region") or "",
            price_min=_decimal(data.get("price_min")),
            price_max=_decimal(data.get("price_max")),
            condition=data.get("condition") or "",
            seller_id=data.get("seller"),
            delivers_to=data.get("delivers_to") or "",
            sort=data.get("sort") or "",
            page=data.get("page") or 1,
        )


def _plain(value) -> str:
    """Return a price as the shortest string of its value ("100", "99.5"), or ""."""
    if not isinstance(value, Decimal):
        return ""
    return format(value.normalize(), "f")


def _decimal(value) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


RULE_REQUIRED = _("Choose the rule that is broken: every moderation decision cites one.")


class ModerationRuleForm(forms.Form):
    """Staff's choice of the rule a moderation decision cites (admin actions)."""

    rule = forms.ChoiceField(
        label=_("Rule broken"),
        choices=[*BLANK_CHOICE_DASH, *Rule.choices],
        error_messages={"required": RULE_REQUIRED, "invalid_choice": RULE_REQUIRED},
        help_text=_("The seller sees it, and the person who complained is told it."),
    )
