"""allauth's account adapter: where sign-up hands the new user to the accounts services,
and where allauth's own e-mails (confirmation, password reset, notices) join the outbox, with
the portal's name."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings

from accounts.forms import SignupForm, email_length_check
from accounts.services import user_signup_record
from outbox.services import mail_queue
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
    def clean_email(self, email):
        """Refuse an address too long to store, in every allauth form that takes one."""
        return email_length_check(super().clean_email(email))

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
            terms_text=form.terms_text(),
            age_text=form.age_text(),
            policy=form.policy,
            **request_meta(request),
        )

    def send_mail(self, template_prefix, email, context):
        """Queue the e-mail in the outbox instead of sending it inside the request.

        allauth renders it as usual (our templates in templates/account/email/); the outbox
        sends it after commit, retries while the mail server is down, and keeps it within
        the privacy rules of every other mail.
        """
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            # The portal's name, not the host's ("Hello from 127.0.0.1:8000!").
            "current_site": PortalSite.for_request(request),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (c for c, mimetype in getattr(message, "alternatives", ()) if mimetype == "text/html"),
            None,
        )
        if message.content_subtype == "html":
            body, html = "", message.body
        else:
            body = message.body
        mail_queue(
            to=email,
            subject=message.subject,
            body=body,
            html=html,
            headers=message.extra_headers,
            priority="high",
        )
