from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

POLICY_NOT_ACCEPTED = _("Tick the box to accept the policy, or close your account instead.")


class PolicyAcceptForm(forms.Form):
    accept = forms.BooleanField(
        required=True,
        error_messages={"required": POLICY_NOT_ACCEPTED},
    )

    def __init__(self, *args, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept"].label = label


REQUEST_KIND_REQUIRED = _("Choose what you are asking for.")
REQUEST_EMAIL_INVALID = _("Enter the e-mail address you used on the portal, e.g. name@company.kz.")
REQUEST_DETAILS_TOO_LONG = _("Please keep the details under 2000 characters.")


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you ask for?"),
        error_messages={"required": REQUEST_KIND_REQUIRED, "invalid_choice": REQUEST_KIND_REQUIRED},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The address of your account or of your orders. We send a link to it."),
        error_messages={"required": REQUEST_EMAIL_INVALID, "invalid": REQUEST_EMAIL_INVALID},
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        error_messages={"max_length": REQUEST_DETAILS_TOO_LONG},
    )

    def __init__(self, *args, **kwargs):
        from privacy.models import DataRequest

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [*BLANK_CHOICE_DASH, *DataRequest.Kind.choices]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the person)"), widget=forms.Textarea(attrs={"rows": 4})
    )
