"""Pages of mailings: the unsubscribe link (no sign-in) and the digest's categories."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from mailings import selectors, services
from mailings.forms import FollowedCategoriesForm
from mailings.services import Unsubscribed
from mailings.unsubscribe import ONE_CLICK_FIELD, ONE_CLICK_VALUE
from privacy.services import request_meta

UNSUBSCRIBE_BUTTON = _("Unsubscribe from news and offers")
UNSUBSCRIBE_PAGE_TEXT = _(
    "Unsubscribe from news and offers: withdraw my consent to marketing mailings from Dala Market."
)
ONE_CLICK_TEXT = _(
    "Unsubscribe in one click from the mail program (List-Unsubscribe-Post): withdraw the "
    "consent to marketing mailings from Dala Market."
)
UNSUBSCRIBED_MESSAGE = _(
    "You are unsubscribed: Dala Market sends you no more news or offers. E-mails about your "
    "orders and your account still arrive."
)
ALREADY_MESSAGE = _("You were already unsubscribed: nothing has changed.")
INVALID_MESSAGE = _(
    "This unsubscribe link is not valid or has expired, so nothing has changed. Sign in and "
    "withdraw the consent on your privacy page, or write to us."
)
CATEGORIES_SAVED_MESSAGE = _("The categories of your weekly digest are saved.")
OUTCOME_MESSAGES = {
    Unsubscribed.WITHDRAWN: UNSUBSCRIBED_MESSAGE,
    Unsubscribed.ALREADY: ALREADY_MESSAGE,
    Unsubscribed.INVALID: INVALID_MESSAGE,
}


def _outcome(request, outcome: Unsubscribed, *, one_click: bool):
    status = 400 if outcome == Unsubscribed.INVALID else 200
    message = OUTCOME_MESSAGES[outcome]
    if one_click:  # a mail program reads the status; a short text is enough
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    context = {"message": message, "done": outcome != Unsubscribed.INVALID}
    return render(request, "mailings/unsubscribed.html", context, status=status)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One-click unsubscribe (RFC 8058) and the page with one button behind it.

    The mail program's POST carries no cookie and no CSRF token: it is exempt, and safe
    because the signed token authenticates it and withdrawing twice changes nothing more.
    Every other POST is the page's own form and is CSRF-checked as usual.
    """
    if request.method == "POST" and request.POST.get(ONE_CLICK_FIELD) == ONE_CLICK_VALUE:
        outcome = services.unsubscribe_confirm(
            token=token, text_shown=ONE_CLICK_TEXT, **request_meta(request)
        )
        return _outcome(request, outcome, one_click=True)
    return _unsubscribe_page(request, token)


@csrf_protect
def _unsubscribe_page(request, token):
    if request.method == "POST":
        outcome = services.unsubscribe_confirm(
            token=token, text_shown=UNSUBSCRIBE_PAGE_TEXT, **request_meta(request)
        )
        return _outcome(request, outcome, one_click=False)
    if services.unsubscribe_subject(token=token) is None:
        return _outcome(request, Unsubscribed.INVALID, one_click=False)
    context = {"token": token, "button": UNSUBSCRIBE_BUTTON, "statement": UNSUBSCRIBE_PAGE_TEXT}
    return render(request, "mailings/unsubscribe.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def categories(request):
    """The categories whose new listings the person's weekly digest shows."""
    ids, suggested = selectors.followed_category_ids(user=request.user)
    form = FollowedCategoriesForm(
        request.POST or None, choices=selectors.category_options(), initial={"categories": ids}
    )
    if request.method == "POST" and form.is_valid():
        services.followed_categories_save(
            user=request.user, categories=form.cleaned_data["categories"]
        )
        messages.success(request, CATEGORIES_SAVED_MESSAGE)
        return redirect("mailings:categories")
    checked = {str(value) for value in form["categories"].value() or ()}
    context = {"form": form, "suggested": suggested, "checked": checked}
    return render(request, "mailings/categories.html", context)
