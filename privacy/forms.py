from django import forms
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
