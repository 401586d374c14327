"""allauth's account adapter: where sign-up hands the new user to the accounts services,
and where allauth's e-mails get the portal's name."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from accounts.forms import SignupForm
from accounts.services import user_signup_record
from privacy.services import request_meta


@dataclass(frozen=True)
class PortalSite:
    """What allauth's e-mails call `current_site`: the portal's name, and the host served.

    Without django.contrib.sites allauth names the site after the request's host, so its
    e-mails greeted "Hello from 127.0.0.1:8000!".
    """

    name: str
    domain: str

    @classmethod
    def for_request(cls, request) -> "PortalSite":
        domain = request.get_host() if request is not None else urlsplit(settings.SITE_URL).netloc
        return cls(name=settings.SITE_NAME, domain=domain)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Send allauth's e-mail with the portal's name as the site's."""
        from allauth.core import context as allauth_context

        site = PortalSite.for_request(allauth_context.request)
        super().send_mail(template_prefix, email, {"current_site": site, **context})

    def format_email_subject(self, subject: str) -> str:
        return f"[{settings.SITE_NAME}] {subject}"

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
            policy=form.policy,
            **request_meta(request),
        )
