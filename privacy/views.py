import json
from functools import wraps

from cookie_consent.forms import ProcessCookiesForm
from cookie_consent.models import CookieGroup
from cookie_consent.views import (
    CookieGroupAcceptView,
    CookieGroupDeclineView,
    CookieGroupListView,
    is_ajax_like,
)
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.csrf import csrf_failure
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from privacy import selectors, services, statistics
from privacy.forms import DataRequestForm, PolicyAcceptForm
from privacy.labels import readable_download, readable_export
from privacy.limits import data_request_refused
from privacy.models import DataRequest
from privacy.registry import ExportEncoder, normalise_email
from privacy.texts import COOKIE_BANNER_TEXT, COOKIE_GROUP_TEXT, POLICY_ACCEPT_TEXT

REQUEST_ACCEPTED_MESSAGE = _(
    "Your request is registered. We answer it within the legal period; you will find the "
    "outcome in your Personal Account."
)
REQUEST_RATE_LIMITED_MESSAGE = _(
    "Too many requests were sent from your address or about this e-mail address. Please "
    "try again in an hour; what you typed is kept below."
)
ERASURE_NEEDS_PASSWORD_MESSAGE = _(
    "Erasing your data closes your account. Confirm it with your password on this page."
)


@login_required
def policy_accept(request):
    current = selectors.policy_current()
    if current is None:
        raise Http404("No privacy policy has been published.")
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    label = POLICY_ACCEPT_TEXT % {"version": current.version}
    form = PolicyAcceptForm(request.POST or None, label=label)
    if request.method == "POST" and form.is_valid():
        services.policy_accept(
            user=request.user, policy=current, text_shown=label, **services.request_meta(request)
        )
        request.session[services.POLICY_SESSION_KEY] = current.version
        return redirect(next_url)
    accepted = selectors.policy_accepted_version(user=request.user)
    return render(
        request,
        "privacy/policy_accept.html",
        {
            "form": form,
            "policy": current,
            "changes": selectors.policy_changes_since(version=accepted),
            "next": next_url,
        },
    )


class CookieSettingsView(CookieGroupListView):
    """The cookie settings page: every group, necessary ones included, with its cookies."""

    def get_queryset(self):
        return CookieGroup.objects.prefetch_related("cookie_set__partners").order_by("ordering")


def _same_origin(request) -> bool:
    """Return whether a POST comes from the portal's own pages, by the browser's headers.

    Sec-Fetch-Site (every current browser) or else Origin or Referer: a cross-site form
    or script cannot forge them. Django's test client is trusted as Django's CSRF check
    trusts it.
    """
    if getattr(request, "_dont_enforce_csrf_checks", False):
        return True
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    own = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin in own
    referer = request.headers.get("Referer", "")
    return any(referer.startswith(f"{site}/") for site in own)


def same_origin_required(view):
    """Refuse (403, as a CSRF failure) a POST that did not come from the portal's pages.

    The cookie banner is part of pages shared between visitors (the page cache), which can
    carry no CSRF token; its forms are protected by their origin instead.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and not _same_origin(request):
            return csrf_failure(request, reason="The request did not come from this site.")
        return view(request, *args, **kwargs)

    return wrapped


class _LedgerMixin:
    """Also record a signed-in user's cookie choice in the consent ledger."""

    accepted: bool

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        form = ProcessCookiesForm(data=request.POST)
        if request.user.is_authenticated and form.is_valid():
            groups = list(form.get_cookie_groups())
            if is_ajax_like(request) or request.POST.get("from_banner"):
                text = str(COOKIE_BANNER_TEXT)
            else:
                text = "\n".join(
                    COOKIE_GROUP_TEXT
                    % {"group": gettext(g.name), "description": gettext(g.description)}
                    for g in groups
                )
            services.cookie_choice_record(
                user=request.user,
                groups=groups,
                accepted=self.accepted,
                text_shown=text,
                **services.request_meta(request),
            )
        return response


@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(same_origin_required, name="dispatch")
class CookieAcceptView(_LedgerMixin, CookieGroupAcceptView):
    accepted = True


@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(same_origin_required, name="dispatch")
class CookieDeclineView(_LedgerMixin, CookieGroupDeclineView):
    accepted = False


def _own_erasure(request, data) -> bool:
    """Return whether a signed-in person asks to erase the account they are signed in to."""
    return (
        request.user.is_authenticated
        and data["kind"] == DataRequest.Kind.ERASURE
        and normalise_email(data["email"]) == normalise_email(request.user.email)
    )


@require_http_methods(["GET", "POST"])
def request_create(request):
    initial = {"email": request.user.email} if request.user.is_authenticated else {}
    form = DataRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _own_erasure(request, form.cleaned_data):
            # Erasing one's own account is closing it: the same page, password and consent
            # withdrawals as in the Personal Account, not a request verified by the session.
            messages.info(request, ERASURE_NEEDS_PASSWORD_MESSAGE)
            return redirect("accounts:delete")
        if data_request_refused(request, email=form.cleaned_data["email"]):
            form.add_error(None, REQUEST_RATE_LIMITED_MESSAGE)
            return render(request, "privacy/request.html", {"form": form}, status=429)
        data_request = services.data_request_submit(
            **form.cleaned_data,
            user=request.user,
            confirm_url_for=lambda token: request.build_absolute_uri(
                reverse("privacy:request_confirm", args=[token])
            ),
        )
        if data_request.status == DataRequest.Status.VERIFIED:
            messages.success(request, REQUEST_ACCEPTED_MESSAGE)
            return redirect("privacy:request")
        return redirect("privacy:request_sent")
    return render(request, "privacy/request.html", {"form": form})


def request_sent(request):
    return render(request, "privacy/request_sent.html")


@require_http_methods(["GET", "POST"])
def request_confirm(request, token: str):
    """Confirm a guest's request. GET shows a button, so that mail scanners that open
    links do not confirm requests on the person's behalf."""
    try:
        data_request = services.data_request_unsign(
            token=token, salt=services.REQUEST_CONFIRM_SALT, days=services.REQUEST_CONFIRM_DAYS
        )
    except services.DataRequestError as error:
        return render(request, "privacy/request_invalid.html", {"error": error}, status=404)
    if request.method == "POST":
        services.data_request_verify(data_request=data_request)
        return render(request, "privacy/request_confirmed.html", {"data_request": data_request})
    return render(request, "privacy/request_confirm.html", {"data_request": data_request})


def request_download(request, token: str):
    """Let a guest download the answer to their access request through the e-mailed link."""
    try:
        data_request = services.data_request_unsign(
            token=token, salt=services.REQUEST_DOWNLOAD_SALT, days=services.REQUEST_DOWNLOAD_DAYS
        )
    except services.DataRequestError as error:
        return render(request, "privacy/request_invalid.html", {"error": error}, status=404)
    if data_request.kind != DataRequest.Kind.ACCESS or data_request.export is None:
        raise Http404
    # Named in the reader's language, like the Personal Account's download.
    readable = readable_download(readable_export(data_request.export))
    response = HttpResponse(
        json.dumps(readable, cls=ExportEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="my-data-{data_request.pk}.json"'
    return response


def stats(request):
    return render(request, "privacy/stats.html", {"charts": statistics.published()})
