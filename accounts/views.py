"""The Personal Account: pages about the signed-in user's own data.

No URL here takes an id: every page reads and writes the data of `request.user` only,
so nobody can reach another person's profile, company, consents or export by changing a
URL or a posted field.
"""

import json
from functools import wraps

from allauth.core import ratelimit
from cookie_consent.models import CookieGroup
from cookie_consent.processor import CookiesProcessor
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts import selectors, services
from accounts.forms import (
    CompanyForm,
    ConsentChangeForm,
    DeliveryRegionsForm,
    PasswordConfirmForm,
    ProfileForm,
)
from accounts.notifications.forms import NotificationsForm
from accounts.notifications.selectors import notification_choices
from accounts.notifications.services import notification_preferences_save
from privacy.labels import readable_download, readable_export
from privacy.models import Purpose
from privacy.registry import ExportEncoder
from privacy.services import ConsentError, request_meta

EMAIL_UNVERIFIED_MESSAGE = _(
    "Confirm your e-mail address first: we must be sure that this account is yours before "
    "we show, hand out or erase its data."
)
TOO_MANY_ATTEMPTS_MESSAGE = _("Too many attempts. Wait a minute and try again.")
PROFILE_SAVED_MESSAGE = _("Your profile is saved.")
COMPANY_CREATED_MESSAGE = _("Your company is saved: you can now publish listings as a seller.")
COMPANY_SAVED_MESSAGE = _("Your company is saved.")
DELIVERY_SAVED_MESSAGE = _("Your delivery regions are saved.")
COMPANY_UNVERIFIED_MESSAGE = _(
    "You changed the company's name or BIN, so staff will verify it again."
)
CONSENT_GRANTED_MESSAGE = _("Thank you: your consent to “%(purpose)s” is recorded.")
OBJECTION_REGISTERED_MESSAGE = _(
    "Your objection to “%(purpose)s” is registered. We answer it within the legal period; "
    "you will find the answer under your data requests."
)
CONSENT_WITHDRAWN_MESSAGE = _("Your consent to “%(purpose)s” is withdrawn.")
NOTIFICATIONS_SAVED_MESSAGE = _("Your choice of e-mails is saved.")
ACCOUNT_CLOSED_MESSAGE = _(
    "Your account is closed and its data will be erased, except what the law requires us to "
    "keep. Thank you for using Dala Market."
)


def email_verified_required(view):
    """Send a signed-in user whose e-mail is not confirmed to the privacy page's prompt."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not selectors.email_verified(request.user):
            messages.warning(request, EMAIL_UNVERIFIED_MESSAGE)
            return redirect("accounts:privacy")
        return view(request, *args, **kwargs)

    return wrapped


def _password_form(request, data=None):
    """Return the password confirmation form; rate-limited like allauth's reauthentication."""
    form = PasswordConfirmForm(data, user=request.user)
    if data is not None and not ratelimit.consume(
        request, action="reauthenticate", user=request.user
    ):
        form.is_valid()
        form.add_error("password", TOO_MANY_ATTEMPTS_MESSAGE)
    return form


@login_required
def overview(request):
    return render(
        request,
        "accounts/overview.html",
        {
            "company": selectors.company_of(request.user),
            "email_verified": selectors.email_verified(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, PROFILE_SAVED_MESSAGE)
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def company(request):
    existing = selectors.company_of(request.user)
    form = CompanyForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        was_verified = existing is not None and existing.is_verified
        saved = services.company_save(owner=request.user, **form.cleaned_data)
        if existing is None:
            # A new seller's next step is their first listing: take them straight there.
            messages.success(request, COMPANY_CREATED_MESSAGE)
            return redirect("listings:desk_create")
        messages.success(request, COMPANY_SAVED_MESSAGE)
        if was_verified and not saved.is_verified:
            messages.warning(request, COMPANY_UNVERIFIED_MESSAGE)
        return redirect("accounts:company")
    return render(request, "accounts/company.html", {"form": form, "company": existing})


@login_required
@require_http_methods(["GET", "POST"])
def company_delivery(request):
    company = selectors.company_of(request.user)
    if company is None:
        return redirect("accounts:company")
    stated = {row.region: row.cost for row in company.delivery_regions.all()}
    form = DeliveryRegionsForm(request.POST or None, stated=stated)
    if request.method == "POST" and form.is_valid():
        services.company_delivery_save(company=company, regions=form.regions())
        messages.success(request, DELIVERY_SAVED_MESSAGE)
        return redirect("accounts:company_delivery")
    return render(request, "accounts/company_delivery.html", {"form": form, "company": company})


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    """Which notification e-mails the person receives, and how often."""
    rows = notification_choices(user=request.user)
    form = NotificationsForm(
        request.POST or None, initial_choices={row.info.code: row.delivery for row in rows}
    )
    if request.method == "POST" and form.is_valid():
        notification_preferences_save(user=request.user, choices=form.cleaned_data)
        messages.success(request, NOTIFICATIONS_SAVED_MESSAGE)
        return redirect("accounts:notifications")
    context = {
        "form": form,
        "required": selectors.notification_required_kinds(),
        "marketing_consent": selectors.marketing_consent_given(user=request.user),
    }
    return render(request, "accounts/notifications.html", context)


@login_required
def privacy(request):
    user = request.user
    return render(
        request,
        "accounts/privacy.html",
        {
            "email_verified": selectors.email_verified(user),
            "consents": selectors.consent_overview(user=user),
            "history": selectors.consent_history_recent(user=user),
            "disclosures": selectors.disclosure_recent(user=user),
        },
    )


@login_required
@require_POST
@email_verified_required
def consent_change(request):
    form = ConsentChangeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("accounts:privacy")
    purpose = form.cleaned_data["purpose"]
    grant = form.cleaned_data["action"] == "grant"
    try:
        services.consent_change(
            user=request.user,
            purpose=purpose,
            grant=grant,
            text_shown=consent_text_shown(purpose, grant=grant),
            **request_meta(request),
        )
    except ConsentError as error:
        messages.error(request, str(error))
        return redirect("accounts:privacy")
    message = CONSENT_GRANTED_MESSAGE if grant else CONSENT_WITHDRAWN_MESSAGE
    messages.success(request, message % {"purpose": purpose.title})
    response = redirect("accounts:privacy")
    if purpose.cookie_group:
        # A cookie purpose is decided in the browser too: keep this browser's cookie choice
        # the same as the ledger, so that what loads matches what the person chose here.
        groups = CookieGroup.objects.filter(varname=purpose.cookie_group)
        CookiesProcessor(request, response).process(groups, "accept" if grant else "decline")
    return response


def consent_text_shown(purpose, *, grant):
    """Return what the privacy page shows next to the button the person pressed."""
    verb = _("Grant consent") if grant else _("Withdraw consent")
    return f"{verb}: {purpose.title}. {purpose.explanation}"


@login_required
@require_POST
@email_verified_required
def purpose_object(request):
    """Object to a purpose that rests on the portal's legitimate interest (staff answer it)."""
    purpose = get_object_or_404(Purpose, code=request.POST.get("purpose", ""))
    try:
        services.purpose_object(user=request.user, purpose=purpose)
    except ConsentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, OBJECTION_REGISTERED_MESSAGE % {"purpose": purpose.title})
    return redirect("accounts:privacy")


@login_required
@require_http_methods(["GET", "POST"])
@email_verified_required
def consent_withdraw_required(request, purpose):
    """Confirm, with the password, the withdrawal of a required purpose: it closes the account."""
    purpose = get_object_or_404(Purpose, code=purpose, is_required=True)
    return _close_account_page(request, withdrawn_purpose=purpose)


@login_required
@require_http_methods(["GET", "POST"])
@email_verified_required
def account_delete(request):
    return _close_account_page(request, withdrawn_purpose=None)


def _close_account_page(request, *, withdrawn_purpose):
    form = _password_form(request, request.POST if request.method == "POST" else None)
    context = {"form": form, "purpose": withdrawn_purpose}
    if request.method == "POST" and form.is_valid():
        text = render_close_text(withdrawn_purpose)
        services.account_close(
            user=request.user,
            withdrawn_purpose=withdrawn_purpose,
            text_shown=text,
            **request_meta(request),
        )
        logout(request)
        messages.success(request, ACCOUNT_CLOSED_MESSAGE)
        return redirect("home")
    context["close_text"] = render_close_text(withdrawn_purpose)
    return render(request, "accounts/close_account.html", context)


def render_close_text(withdrawn_purpose):
    """Return the statement the person confirms on the closing page (also kept in the ledger)."""
    if withdrawn_purpose is None:
        return str(services.ACCOUNT_CLOSED_TEXT)
    return str(
        _(
            "I withdraw my consent to “%(purpose)s”. I understand that the portal cannot keep "
            "an account without it: my account is closed and its data erased, except what "
            "the law requires to keep."
        )
        % {"purpose": withdrawn_purpose.title}
    )


@login_required
@email_verified_required
@never_cache
def data_summary(request):
    """Show the person's data as the download contains it, readable in the browser."""
    export = selectors.subject_data(user=request.user)
    sections = readable_export(export, purposes=selectors.purpose_titles())
    return render(request, "accounts/data_summary.html", {"sections": sections})


@login_required
@require_POST
@email_verified_required
def data_download(request):
    export = selectors.subject_data(user=request.user)
    services.data_access_record(user=request.user, export=export)
    # Every name in the file is in the person's language, as on the summary page.
    readable = readable_download(readable_export(export, purposes=selectors.purpose_titles()))
    body = json.dumps(readable, cls=ExportEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"dala-market-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
