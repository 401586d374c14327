"""The form of /account/notifications/: one choice per kind a person may switch."""

from django import forms

from accounts.notifications.kinds import OPTIONAL


class NotificationsForm(forms.Form):
    """A radio choice per optional kind; `rows` pairs each field with its kind's texts."""

    def __init__(self, *args, initial_choices: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for info in OPTIONAL:
            self.fields[info.code] = forms.ChoiceField(
                label=info.label,
                help_text=info.help,
                choices=info.deliveries,
                initial=initial_choices.get(info.code, info.default),
                widget=forms.RadioSelect,
            )

    def rows(self):
        return [(info, self[info.code]) for info in OPTIONAL]
