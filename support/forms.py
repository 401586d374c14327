"""Forms of support: validation only. Writing is in `support.services`.

Every form carries a honeypot field (`HONEYPOT_FIELD`) that people never see: the view
drops a submission that fills it before validating anything.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from accounts.forms import EMAIL_MAX_LENGTH, EMAIL_TOO_LONG_MESSAGE
from accounts.validators import validate_kz_phone
from support import selectors, texts
from support.models import (
    NAME_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TOPIC_MAX_LENGTH,
    CallbackRequest,
    Complaint,
)

HONEYPOT_FIELD = "website"

KIND_REQUIRED = _("Choose what you are reporting: a listing, a review, a seller or an order.")
TARGET_REQUIRED = _("Give the number or the page address of what you are reporting.")
REASON_REQUIRED = _("Choose the reason for your complaint.")
TEXT_REQUIRED = _("Describe the problem in a few words.")
TEXT_TOO_LONG = _("Please keep it under %(limit_value)d characters (it has %(show_value)d now).")
NAME_REQUIRED = _("Enter your name, so that we know how to address you.")
NAME_TOO_LONG = _("Please shorten your name to %(limit_value)d characters.")
EMAIL_INVALID = _("Enter a valid e-mail address, e.g. name@company.kz.")
PHONE_REQUIRED = _("Enter the phone number we should call.")
PHONE_INVALID = _("Enter a Kazakhstan phone number, e.g. +7 701 234 56 78.")
TIME_REQUIRED = _("Choose when we should call you.")
TOPIC_REQUIRED = _("Tell us briefly what the call is about.")
TOPIC_TOO_LONG = _("Please keep the topic under %(limit_value)d characters.")
MESSAGE_REQUIRED = _("Write your message.")
REJECT_REASON_REQUIRED = _("Give the reason for rejecting: the reporter is told it.")


def honeypot_filled(data) -> bool:
    """Return whether a submission filled the field that only bots see."""
    return bool((data.get(HONEYPOT_FIELD) or "").strip())


class HoneypotForm(forms.Form):
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]


def _name_field():
    return forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": NAME_REQUIRED, "max_length": NAME_TOO_LONG},
    )


def _email_field():
    return forms.EmailField(
        label=_("Your e-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": EMAIL_INVALID,
            "invalid": EMAIL_INVALID,
            "max_length": EMAIL_TOO_LONG_MESSAGE,
        },
    )


def _text_field(label, required_message):
    # No `maxlength` attribute: a browser would cut a pasted text silently, and the person
    # should rather see the message and shorten it themselves.
    return forms.CharField(
        label=label,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=format_lazy(_("Up to {n} characters."), n=TEXT_MAX_LENGTH),
        error_messages={"required": required_message, "max_length": TEXT_TOO_LONG},
    )


class ComplaintForm(HoneypotForm):
    target_kind = forms.ChoiceField(
        label=_("What are you reporting?"),
        error_messages={"required": KIND_REQUIRED, "invalid_choice": KIND_REQUIRED},
    )
    target = forms.CharField(
        label=_("Its number or page address"),
        max_length=selectors.TARGET_MAX_LENGTH,
        help_text=_("Filled in for you when you come from the “Report” link on its page."),
        error_messages={
            "required": TARGET_REQUIRED,
            "max_length": selectors.TARGET_TOO_LONG,
        },
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=Complaint.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": REASON_REQUIRED, "invalid_choice": REASON_REQUIRED},
    )
    text = _text_field(_("What is wrong?"), TEXT_REQUIRED)
    name = _name_field()
    email = _email_field()

    field_order = ["target_kind", "target", "reason", "text", "name", "email"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_kind"].choices = [*BLANK_CHOICE_DASH, *selectors.target_kinds()]
        self.user = user
        self.signed_in = user is not None and user.is_authenticated
        if self.signed_in:
            del self.fields["name"]
            del self.fields["email"]
        self.consent_statement = (
            texts.CONSENT_COMPLAINT_USER if self.signed_in else texts.CONSENT_COMPLAINT_GUEST
        )

    def clean(self):
        cleaned = super().clean()
        kind, value = cleaned.get("target_kind"), cleaned.get("target")
        if kind and value:
            try:
                cleaned["target_obj"] = selectors.complaint_target_get(
                    kind=kind, value=value, user=self.user
                )
            except selectors.TargetError as error:
                self.add_error("target", error.message)
        return cleaned


class CallbackForm(HoneypotForm):
    name = _name_field()
    phone = PhoneNumberField(
        label=_("Phone"),
        region="KZ",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("A Kazakhstan number, e.g. +7 701 234 56 78."),
        error_messages={"required": PHONE_REQUIRED, "invalid": PHONE_INVALID},
    )
    preferred_time = forms.ChoiceField(
        label=_("When should we call?"),
        choices=CallbackRequest.PreferredTime.choices,
        initial=CallbackRequest.PreferredTime.ANY,
        error_messages={"required": TIME_REQUIRED, "invalid_choice": TIME_REQUIRED},
    )
    topic = forms.CharField(
        label=_("Topic"),
        max_length=TOPIC_MAX_LENGTH,
        error_messages={"required": TOPIC_REQUIRED, "max_length": TOPIC_TOO_LONG},
    )

    consent_statement = texts.CONSENT_CALLBACK

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        try:  # +7 is shared with Russia: only numbers of Kazakhstan's plan are called back
            validate_kz_phone(phone)
        except ValidationError:
            raise forms.ValidationError(PHONE_INVALID, code="invalid") from None
        return phone


class FeedbackForm(HoneypotForm):
    name = _name_field()
    email = _email_field()
    message = _text_field(_("Message"), MESSAGE_REQUIRED)

    consent_statement = texts.CONSENT_FEEDBACK


class CloseComplaintForm(forms.Form):
    """Staff's message to the reporters when resolving or rejecting complaints in admin."""

    message = forms.CharField(
        label=_("Message to the reporter"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TEXT_TOO_LONG},
    )

    def __init__(self, *args, reason_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["message"]
        field.required = reason_required
        if reason_required:
            field.label = _("Reason for rejecting (sent to the reporter)")
            field.error_messages["required"] = REJECT_REASON_REQUIRED
        else:
            field.help_text = _("Leave empty to send the standard thank-you message.")
