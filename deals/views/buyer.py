"""The buyer's side of requests for quotation: posting, comparing, countering, accepting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Company
from deals import selectors, services
from deals.forms import AcceptForm, CounterForm, RequestForm
from deals.models import QuoteRequest
from deals.views.common import FIX_ERRORS, MESSAGE_SENT
from listings.models import Category, Listing
from orders.flows import checkout_initial
from orders.forms import MessageForm
from orders.services import CHECKOUT_CONSENT_TEXT
from portal.lookups import found_or_404
from privacy.services import request_meta

REQUEST_SENT = _("Your request is sent to %(n)s sellers. Their quotes will appear here.")
QUOTE_DECLINED = _("The quote is declined.")
COUNTER_SENT = _("Your counter-offer is sent to the seller.")
REQUEST_CANCELLED = _("The request is closed. The sellers who quoted are told.")
ORDER_PLACED = _(
    "You accepted the quote: order %(number)s is placed with %(seller)s. Only now does the "
    "seller see your contact data."
)


def _number(value) -> int | None:
    value = str(value or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


def _initial_from_listing(request) -> dict:
    """Return the request pre-filled from a "Request a price" listing, sent to its seller."""
    pk = _number(request.GET.get("listing"))
    listing = Listing.objects.visible().filter(pk=pk).first() if pk else None
    if listing is None:
        return {}
    return {
        "title": listing.title,
        "category": listing.category_id,
        "unit": listing.unit,
        "audience": QuoteRequest.Audience.CHOSEN,
        "sellers": [listing.company_id],
    }


def _seller_choices(data, preset=()):
    """Return the sellers to offer as checkboxes: the matching ones, and a preset one."""
    pk = _number(data.get("category"))
    category = Category.objects.filter(pk=pk).first() if pk else None
    region = data.get("region", "")
    ids = {int(p) for p in preset if str(p).isdigit() and len(str(p)) < 10}
    if category is not None and region:
        matching = selectors.seller_match_list(category=category, region=region)
        ids |= set(matching.values_list("pk", flat=True)[:50])
    return Company.objects.filter(pk__in=ids, owner__is_active=True).select_related("owner")


def _field_values(request) -> dict:
    """Return what the GET query pre-fills ("Show matching sellers" submits the form by GET)."""
    names = (
        "title",
        "description",
        "category",
        "quantity",
        "unit",
        "region",
        "needed_by",
        "budget",
        "buyer_organization",
        "audience",
    )
    return {name: request.GET[name][:2000] for name in names if name in request.GET}


@login_required
@require_http_methods(["GET", "POST"])
def rfq_new(request):
    if request.method == "POST":
        sellers = Company.objects.filter(owner__is_active=True).select_related("owner")
        form = RequestForm(request.POST, sellers=sellers)
        if form.is_valid():
            try:
                rfq = services.request_post(
                    buyer=request.user,
                    audience=form.cleaned_data["audience"],
                    sellers=form.cleaned_data["sellers"],
                    **form.request_data(),
                )
            except services.DealError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, REQUEST_SENT % {"n": rfq.recipients.count()})
                return redirect(rfq)
        messages.error(request, FIX_ERRORS)
        choices = _seller_choices(request.POST, request.POST.getlist("sellers")[:50])
        form.fields["sellers"].queryset = choices
    else:
        company = getattr(request.user, "company", None)
        initial = {
            "region": request.user.region,
            "quantity": 1,
            "buyer_organization": company.name if company else "",
            **_initial_from_listing(request),
            **_field_values(request),
        }
        choices = _seller_choices(initial, initial.get("sellers", []))
        form = RequestForm(initial=initial, sellers=choices)
    return render(request, "deals/rfq_new.html", {"form": form, "seller_choices": choices})


@login_required
@require_GET
def rfq_list(request):
    rows = selectors.request_list_for_buyer(user=request.user)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "deals/rfq_list.html", {"page": page})


def _comparison(request, rfq, **forms):
    quotes = selectors.quote_list_for_request(request=rfq)
    context = {
        "rfq": rfq,
        "quotes": quotes,
        "counter_form": forms.get("counter_form"),
        "counter_quote": forms.get("quote"),
        "question_form": MessageForm(),
    }
    return render(request, "deals/rfq_detail.html", context)


@login_required
@require_GET
def rfq_detail(request, public_id):
    rfq = found_or_404(selectors.request_get_for_buyer(public_id=public_id, user=request.user))
    return _comparison(request, rfq)


def _quote_of_buyer(request, public_id, quote_id):
    rfq = found_or_404(selectors.request_get_for_buyer(public_id=public_id, user=request.user))
    return rfq, found_or_404(selectors.quote_get_for_buyer(request=rfq, pk=quote_id))


@login_required
@require_POST
def quote_decline(request, public_id, quote_id):
    rfq, quote = _quote_of_buyer(request, public_id, quote_id)
    try:
        services.quote_decline(quote=quote, user=request.user)
    except services.DealError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, QUOTE_DECLINED)
    return redirect(rfq)


@login_required
@require_POST
def quote_counter(request, public_id, quote_id):
    rfq, quote = _quote_of_buyer(request, public_id, quote_id)
    form = CounterForm(request.POST)
    if form.is_valid():
        try:
            services.counter_send(quote=quote, user=request.user, **form.cleaned_data)
        except services.DealError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, COUNTER_SENT)
            return redirect(rfq)
    messages.error(request, FIX_ERRORS)
    return _comparison(request, rfq, counter_form=form, quote=quote)


@login_required
@require_POST
def quote_ask(request, public_id, quote_id):
    rfq, quote = _quote_of_buyer(request, public_id, quote_id)
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["body"][0])
        return redirect(rfq)
    conversation = services.quote_question(
        user=request.user, quote=quote, body=form.cleaned_data["body"]
    )
    messages.success(request, MESSAGE_SENT)
    return redirect("deals:conversation", pk=conversation.pk)


@login_required
@require_POST
def rfq_cancel(request, public_id):
    rfq = found_or_404(selectors.request_get_for_buyer(public_id=public_id, user=request.user))
    try:
        services.request_cancel(request=rfq, user=request.user)
    except services.DealError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, REQUEST_CANCELLED)
    return redirect(rfq)


@login_required
@require_http_methods(["GET", "POST"])
def quote_accept(request, public_id, quote_id):
    """The order form of a quote: the buyer's contact data go to this seller only now."""
    rfq, quote = _quote_of_buyer(request, public_id, quote_id)
    if request.method == "POST":
        form = AcceptForm(request.POST)
        if form.is_valid():
            try:
                order = services.quote_accept(
                    quote=quote,
                    user=request.user,
                    contact=form.contact(),
                    checkout_token=form.cleaned_data["checkout_token"],
                    **request_meta(request),
                )
            except services.DealError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, ORDER_PLACED % {"number": order.number, "seller": quote.company.name}
                )
                return redirect(order)
        messages.error(request, FIX_ERRORS)
    else:
        initial = checkout_initial(request.user)
        form = AcceptForm(initial=initial)
    context = {"rfq": rfq, "quote": quote, "form": form, "consent_text": CHECKOUT_CONSENT_TEXT}
    return render(request, "deals/accept.html", context)
