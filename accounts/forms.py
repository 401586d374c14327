"""Forms of accounts: validation only. Saving is the services' job."""

from decimal import Decimal

from allauth.account import forms as allauth_forms
from django import forms
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from accounts.models import Company, User
from accounts.regions import Region
from accounts.validators import (
    PHONE_INVALID_MESSAGE,
    bin_normalise,
    normalise_iban,
    validate_bin,
    validate_kz_iban,
    validate_kz_phone,
)
from privacy.models import PolicyVersion, Purpose
from privacy.selectors import document_current, policy_current

ACCEPT_POLICY_REQUIRED_MESSAGE = _(
    "To create an account, accept the privacy policy: we cannot keep an account without "
    "processing the data it names."
)
ACCEPT_TERMS_REQUIRED_MESSAGE = _(
    "To create an account, accept the user agreement and the rules for listings and reviews."
)
CONFIRM_AGE_REQUIRED_MESSAGE = _(
    "Dala Market is only for people aged 18 and over: confirm your age to create an account."
)
AGE_LABEL = _("I confirm that I am 18 years old or older.")
NAME_REQUIRED_MESSAGE = _("Enter your name as it is written in your documents.")
PASSWORD_HELP = _(
    "At least 8 characters, not only digits, not a common password and not like your name "
    "or e-mail address."
)
PHONE_REQUIRED_MESSAGE = _("Enter a phone number where sellers and support can reach you.")
BIN_TAKEN_MESSAGE = _(
    "A company with this BIN is already registered on the portal. If it is yours, write to support."
)
PASSWORD_WRONG_MESSAGE = _("The password is not correct.")
# The longest address a mailbox can have (RFC 5321), and what every e-mail column holds.
EMAIL_MAX_LENGTH = 254
EMAIL_TOO_LONG_MESSAGE = _(
    "An e-mail address has at most %(limit_value)d characters; this one has %(show_value)d. "
    "Please check it."
)
PURPOSE_NOT_OPTIONAL_MESSAGE = _("This purpose cannot be changed here.")

MARKETING_LABEL = _(
    "Send me news, promotions and commercial offers of Dala Market by e-mail, SMS or phone. "
    "I can withdraw this consent at any time in my Personal Account."
)


def consent_label(policy):
    """Return the label of the privacy-policy checkbox, with a link to the policy in force."""
    if policy is not None:
        link_text = _("privacy policy (version %(version)s)") % {"version": policy.version}
    else:
        link_text = _("privacy policy")
    return format_html(
        str(
            _(
                "I have read the {policy_link} and agree to the processing of my personal "
                "data for the purposes it names as required for an account."
            )
        ),
        policy_link=_link(reverse("privacy:policy"), link_text),
    )


def _link(url, text):
    return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, text)


def terms_label(terms, rules):
    """Return the label of the user-agreement checkbox, linking both texts in force."""
    terms_text = _("user agreement")
    rules_text = _("rules for listings and reviews")
    if terms is not None:
        terms_text = _("user agreement (version %(version)s)") % {"version": terms.version}
    if rules is not None:
        rules_text = _("rules for listings and reviews (version %(version)s)") % {
            "version": rules.version
        }
    return format_html(
        str(_("I accept the {terms_link} and the {rules_link}.")),
        terms_link=_link(reverse("legal:terms"), terms_text),
        rules_link=_link(reverse("legal:rules"), rules_text),
    )


class KazakhstanPhoneField(PhoneNumberField):
    """A phone number of Kazakhstan, stored in E.164 (+77012345678)."""

    default_validators = [validate_kz_phone]

    def __init__(self, **kwargs):
        kwargs.setdefault("region", "KZ")
        kwargs.setdefault("help_text", _("A Kazakhstan number, for example +7 701 234 5678."))
        error_messages = {"invalid": PHONE_INVALID_MESSAGE, "required": PHONE_REQUIRED_MESSAGE}
        error_messages.update(kwargs.pop("error_messages", {}))
        super().__init__(error_messages=error_messages, **kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.update({"autocomplete": "tel", "placeholder": "+7 701 234 5678"})


class BinField(forms.CharField):
    """A BIN as a person types it: normalised (spaces, fullwidth digits), then validated.

    Every form that takes a BIN uses it (the Personal Account and admin), so the value that
    is validated and checked for uniqueness is the one that is stored.
    """

    default_validators = [validate_bin]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("BIN"))
        kwargs.setdefault("help_text", _("Business identification number: 12 digits."))
        kwargs.setdefault("error_messages", {"unique": BIN_TAKEN_MESSAGE})
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return bin_normalise(super().to_python(value))


def _name_field(label, autocomplete, *, required=True):
    return forms.CharField(
        label=label,
        max_length=150,
        required=required,
        error_messages={"required": NAME_REQUIRED_MESSAGE},
        widget=forms.TextInput(attrs={"autocomplete": autocomplete}),
    )


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up with the person's name, phone and the privacy consents."""

    field_order = [
        "email",
        "password1",
        "password2",
        "first_name",
        "last_name",
        "patronymic",
        "phone",
        "accept_privacy_policy",
        "accept_terms",
        "confirm_age",
        "marketing_opt_in",
    ]

    first_name = _name_field(_("First name"), "given-name")
    last_name = _name_field(_("Last name"), "family-name")
    patronymic = _name_field(_("Patronymic"), "additional-name", required=False)
    phone = KazakhstanPhoneField(label=_("Phone"))
    accept_privacy_policy = forms.BooleanField(
        required=True, error_messages={"required": ACCEPT_POLICY_REQUIRED_MESSAGE}
    )
    accept_terms = forms.BooleanField(
        required=True, error_messages={"required": ACCEPT_TERMS_REQUIRED_MESSAGE}
    )
    confirm_age = forms.BooleanField(
        required=True, label=AGE_LABEL, error_messages={"required": CONFIRM_AGE_REQUIRED_MESSAGE}
    )
    marketing_opt_in = forms.BooleanField(required=False, initial=False, label=MARKETING_LABEL)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy_current()
        self.fields["accept_privacy_policy"].label = consent_label(self.policy)
        self.fields["accept_terms"].label = terms_label(
            document_current(document=PolicyVersion.Document.TERMS),
            document_current(document=PolicyVersion.Document.RULES),
        )
        # allauth's own labels have no Kazakh translation: the portal's words, translated.
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].widget.attrs["placeholder"] = _("name@company.kz")
        self.fields["password1"].label = _("Password")
        self.fields["password1"].widget.attrs["placeholder"] = ""
        self.fields["password1"].help_text = PASSWORD_HELP
        self.fields["password2"].label = _("Password (again)")
        self.fields["password2"].widget.attrs["placeholder"] = ""

    def consent_text(self) -> str:
        """Return the privacy-policy consent exactly as the person read it (plain text)."""
        return strip_tags(str(self.fields["accept_privacy_policy"].label))

    def marketing_text(self) -> str:
        return str(self.fields["marketing_opt_in"].label)

    def terms_text(self) -> str:
        return strip_tags(str(self.fields["accept_terms"].label))

    def age_text(self) -> str:
        return str(self.fields["confirm_age"].label)


def email_length_check(email: str) -> str:
    """Return the address, or raise at the field when it is longer than a column holds.

    allauth cuts a longer value to the column's length without a word, so the account
    would get an address nobody owns.
    """
    if len(email) > EMAIL_MAX_LENGTH:
        raise forms.ValidationError(
            EMAIL_TOO_LONG_MESSAGE,
            code="max_length",
            params={"limit_value": EMAIL_MAX_LENGTH, "show_value": len(email)},
        )
    return email


class ProfileForm(forms.ModelForm):
    first_name = _name_field(_("First name"), "given-name")
    last_name = _name_field(_("Last name"), "family-name")
    patronymic = _name_field(_("Patronymic"), "additional-name", required=False)
    phone = KazakhstanPhoneField(label=_("Phone"))

    class Meta:
        model = User
        fields = ["first_name", "last_name", "patronymic", "phone", "region", "address", "language"]
        widgets = {"address": forms.TextInput(attrs={"autocomplete": "street-address"})}
        help_texts = {"address": _("Used only to fill in delivery details of your orders.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out of a posted form, the language stays as it was (see profile_update).
        self.fields["language"].required = False


class CompanyForm(forms.ModelForm):
    # Declared here rather than taken from the model so that a BIN of the wrong length gets
    # the one clear BIN message, not a second generic "at most 12 characters" one.
    bin = BinField()
    contact_phone = KazakhstanPhoneField(label=_("Contact phone"))
    whatsapp = KazakhstanPhoneField(
        label=_("WhatsApp number"),
        required=False,
        help_text=_("Optional: buyers get a WhatsApp link with your contacts."),
    )
    iban = forms.CharField(
        label=_("Account (IBAN)"),
        required=False,
        max_length=34,
        validators=[validate_kz_iban],
        help_text=_("KZ and 18 letters or digits; printed on your invoices."),
    )
    description = forms.CharField(
        label=_("About the company"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000, "data-counter": "desc-count"}),
    )

    class Meta:
        model = Company
        fields = [
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
            "vat_rate",
        ]
        help_texts = {
            "telegram": _("Optional: your username, e.g. @agro_kz."),
            "bic": _("The bank's BIC (SWIFT code), e.g. HSBKKZKX; printed on your invoices."),
            "authorised_person": _("Who signs for the company: full name and position."),
            "contact_email": _("Buyers write to this address about your listings."),
        }

    def clean_iban(self):
        return normalise_iban(self.cleaned_data.get("iban", ""))

    def clean_bic(self):
        return self.cleaned_data.get("bic", "").strip().upper()

    def clean_telegram(self):
        return self.cleaned_data.get("telegram", "").strip().lstrip("@")


DELIVERY_COST_WITHOUT_REGION = _("Tick the region to deliver there, or leave its cost empty.")


class DeliveryRegionsForm(forms.Form):
    """The regions a seller delivers to, each with a cost (empty: by agreement)."""

    def __init__(self, *args, stated: dict[str, object], **kwargs):
        super().__init__(*args, **kwargs)
        for region, label in Region.choices:
            self.fields[f"deliver_{region}"] = forms.BooleanField(
                label=label, required=False, initial=region in stated
            )
            self.fields[f"cost_{region}"] = forms.DecimalField(
                label=_("Cost to %(region)s, ₸") % {"region": label},
                required=False,
                min_value=0,
                max_digits=14,
                decimal_places=2,
                initial=stated.get(region),
                widget=forms.NumberInput(attrs={"min": "0", "step": "any"}),
            )

    def rows(self):
        """Return (tick field, cost field) per region, for the template's table."""
        return [(self[f"deliver_{r}"], self[f"cost_{r}"]) for r in Region.values]

    def clean(self):
        cleaned = super().clean()
        for region in Region.values:
            cost = cleaned.get(f"cost_{region}")
            if cost is not None and not cleaned.get(f"deliver_{region}"):
                self.add_error(f"cost_{region}", DELIVERY_COST_WITHOUT_REGION)
        return cleaned

    def regions(self) -> dict[str, Decimal | None]:
        data = self.cleaned_data
        return {r: data.get(f"cost_{r}") for r in Region.values if data.get(f"deliver_{r}")}


class PasswordConfirmForm(forms.Form):
    """Ask for the account's password before an action that cannot be undone."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(PASSWORD_WRONG_MESSAGE, code="password_wrong")
        return password


class ConsentChangeForm(forms.Form):
    """Grant or withdraw consent to one optional, consent-based purpose."""

    purpose = forms.ModelChoiceField(
        queryset=Purpose.objects.filter(Purpose.CHANGEABLE),
        to_field_name="code",
        error_messages={"invalid_choice": PURPOSE_NOT_OPTIONAL_MESSAGE},
    )
    action = forms.ChoiceField(choices=[("grant", _("Grant")), ("withdraw", _("Withdraw"))])
