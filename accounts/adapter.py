"""allauth's account adapter: where sign-up hands the new user to the accounts services."""

from allauth.account.adapter import DefaultAccountAdapter

from accounts.forms import SignupForm, email_length_check
from accounts.services import user_signup_record
from privacy.services import request_meta


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        """Refuse an address too long to store, in every allauth form that takes one."""
        return email_length_check(super().clean_email(email))

    def save_user(self, request, user, form, commit=True):
        """Save a signed-up user with the name, phone and consents of the portal's form."""
        user = super().save_user(request, user, form, commit=False)
        if not commit or not isinstance(form, SignupForm):
            if commit:
                user.save()
            return user
        data = form.cleaned_data
        return user_signup_record(
            user=user,
            patronymic=data.get("patronymic", ""),
            phone=data["phone"],
            marketing_opt_in=data.get("marketing_opt_in", False),
            consent_text=form.consent_text(),
            marketing_text=form.marketing_text(),
            terms_text=form.terms_text(),
            age_text=form.age_text(),
            policy=form.policy,
            **request_meta(request),
        )
