"""The public support forms: a complaint, a callback request, a message to the portal.

Each POST goes through the same steps: a filled honeypot is dropped with the usual
success page (a bot learns nothing); an invalid form is shown again with its messages;
a valid one over the rate limit is shown again, as typed, with a message and status 429;
otherwise one service call saves it with its consent, and the browser is redirected.
"""

from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from privacy.services import request_meta
from support import selectors, services
from support.forms import CallbackForm, ComplaintForm, FeedbackForm, honeypot_filled
from support.limits import submission_refused

RATE_LIMITED = _(
    "You have sent several requests in a short time. Please wait an hour and send this "
    "again: what you typed is kept below."
)
FIX_ERRORS = _("Please correct the errors below.")
LINK_PARAMETERS = ("listing", "review", "seller", "order")

SENT = {
    "complaint": (
        _("Your complaint is sent"),
        _("Thank you. We look into every complaint and tell you the outcome by e-mail."),
    ),
    "callback": (
        _("Your request is sent"),
        _("Thank you. We will call you back at the time you chose, on working days."),
    ),
    "feedback": (
        _("Your message is sent"),
        _("Thank you. We answer by e-mail, usually within two working days."),
    ),
}


def _user(request):
    return request.user if request.user.is_authenticated else None


def _form_page(request, template, form, *, status=200, **context):
    if form.is_bound and form.errors and not form.non_field_errors():
        context["error_summary"] = FIX_ERRORS
    return render(request, template, {"form": form, **context}, status=status)


def _refuse(request, template, form, **context):
    form.add_error(None, RATE_LIMITED)
    return _form_page(request, template, form, status=429, **context)


@require_http_methods(["GET", "POST"])
def complaint(request):
    template = "support/complaint.html"
    if request.method == "GET":
        form, target, target_error = _complaint_from_link(request)
        return _form_page(request, template, form, target=target, target_error=target_error)
    if honeypot_filled(request.POST):
        return redirect("support:complaint_sent")
    form = ComplaintForm(request.POST, user=request.user)
    if not form.is_valid():
        return _form_page(request, template, form, target=form.cleaned_data.get("target_obj"))
    data = form.cleaned_data
    identity = request.user.email if form.signed_in else data["email"]
    if submission_refused(request, form="complaint", identity=identity):
        return _refuse(request, template, form, target=data["target_obj"])
    services.complaint_submit(
        target=data["target_obj"],
        reason=data["reason"],
        text=data["text"],
        consent_text=form.consent_statement,
        user=_user(request),
        name=data.get("name", ""),
        email=data.get("email", ""),
        **request_meta(request),
    )
    return redirect("support:complaint_sent")


def _complaint_from_link(request):
    """Return the form prefilled from a report link (`?listing=12`), its target or error."""
    user = request.user
    for kind in LINK_PARAMETERS:
        if kind in request.GET:
            value = request.GET[kind]
            # A value over the limit is refused below: it is not worth showing again.
            shown = value if len(value) <= selectors.TARGET_MAX_LENGTH else ""
            form = ComplaintForm(initial={"target_kind": kind, "target": shown}, user=user)
            try:
                target = selectors.complaint_target_get(kind=kind, value=value, user=user)
            except selectors.TargetError as error:
                return form, None, error.message
            return form, target, None
    return ComplaintForm(user=user), None, None


@require_http_methods(["GET", "POST"])
def callback(request):
    template = "support/callback.html"
    user = _user(request)
    if request.method == "GET":
        initial = {"name": user.get_full_name(), "phone": user.phone} if user else {}
        return _form_page(request, template, CallbackForm(initial=initial))
    if honeypot_filled(request.POST):
        return redirect("support:callback_sent")
    form = CallbackForm(request.POST)
    if not form.is_valid():
        return _form_page(request, template, form)
    data = form.cleaned_data
    if submission_refused(request, form="callback", identity=data["phone"].as_e164):
        return _refuse(request, template, form)
    services.callback_submit(
        name=data["name"],
        phone=data["phone"],
        preferred_time=data["preferred_time"],
        topic=data["topic"],
        consent_text=form.consent_statement,
        user=user,
        **request_meta(request),
    )
    return redirect("support:callback_sent")


@require_http_methods(["GET", "POST"])
def feedback(request):
    template = "support/feedback.html"
    user = _user(request)
    if request.method == "GET":
        initial = {"name": user.get_full_name(), "email": user.email} if user else {}
        return _form_page(request, template, FeedbackForm(initial=initial))
    if honeypot_filled(request.POST):
        return redirect("support:feedback_sent")
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _form_page(request, template, form)
    data = form.cleaned_data
    if submission_refused(request, form="feedback", identity=data["email"]):
        return _refuse(request, template, form)
    services.feedback_submit(
        name=data["name"],
        email=data["email"],
        message=data["message"],
        consent_text=form.consent_statement,
        user=user,
        **request_meta(request),
    )
    return redirect("support:feedback_sent")


@require_GET
def sent(request, kind):
    title, text = SENT[kind]
    return render(request, "support/sent.html", {"title": title, "text": text, "kind": kind})
