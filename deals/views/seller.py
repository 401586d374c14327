"""The seller's side of requests for quotation: incoming requests, quotes, counter-offers."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import seller_required
from deals import selectors, services
from deals.forms import PreferenceForm, QuoteForm
from deals.models import Quote, SellerPreference
from deals.views.common import FIX_ERRORS
from orders.forms import MessageForm
from orders.services import seller_options_ensure
from portal.lookups import found_or_404

QUOTE_SENT = _("Your quote is sent to the buyer.")
REQUEST_DECLINED = _("You declined this request.")
COUNTER_ACCEPTED = _("You accepted the counter-offer: your quote is revised with its figures.")
COUNTER_DECLINED = _("You declined the counter-offer. Your quote stands as it was.")
PREFERENCE_SAVED = _("Your choice of e-mails is saved.")


@seller_required
@require_GET
def seller_rfq(request, company):
    rows = selectors.recipient_list_for_seller(company=company)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "deals/seller_rfq.html", {"company": company, "page": page})


def _quote_initial(rfq, quote: Quote | None) -> dict:
    if quote is not None:
        return {name: getattr(quote, name) for name in Quote.TERM_FIELDS}
    return {"quantity": rfq.quantity, "delivery_cost": 0, "delivery_date": rfq.needed_by}


def _seller_page(request, company, recipient, *, form=None):
    rfq = recipient.request
    services.recipient_open(recipient=recipient, actor=request.user)
    quote = selectors.quote_get_for_seller(company=company, request=rfq)
    options = seller_options_ensure(company=company)
    form = form or QuoteForm(initial=_quote_initial(rfq, quote), options=options)
    context = {
        "company": company,
        "recipient": recipient,
        "rfq": rfq,
        "quote": quote,
        "form": form,
        "question_form": MessageForm(),
    }
    return render(request, "deals/seller_rfq_detail.html", context)


@seller_required
@require_http_methods(["GET", "POST"])
def seller_rfq_detail(request, company, public_id):
    recipient = found_or_404(selectors.recipient_get(company=company, public_id=public_id))
    if request.method != "POST":
        return _seller_page(request, company, recipient)
    form = QuoteForm(request.POST, options=seller_options_ensure(company=company))
    if form.is_valid():
        try:
            services.quote_submit(
                request=recipient.request,
                company=company,
                actor=request.user,
                terms=form.cleaned_data,
            )
        except services.DealError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, QUOTE_SENT)
            return redirect("deals:seller_rfq_detail", public_id=public_id)
    messages.error(request, FIX_ERRORS)
    return _seller_page(request, company, recipient, form=form)


@seller_required
@require_POST
def seller_rfq_decline(request, company, public_id):
    recipient = found_or_404(selectors.recipient_get(company=company, public_id=public_id))
    try:
        services.recipient_decline(recipient=recipient)
    except services.DealError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, REQUEST_DECLINED)
    return redirect("deals:seller_rfq")


@seller_required
@require_POST
def counter_answer(request, company, public_id, counter_id):
    recipient = found_or_404(selectors.recipient_get(company=company, public_id=public_id))
    quote = found_or_404(selectors.quote_get_for_seller(company=company, request=recipient.request))
    counter = found_or_404(next((c for c in quote.counters.all() if c.pk == counter_id), None))
    accept = request.POST.get("answer") == "accept"
    try:
        services.counter_answer(counter=counter, company=company, actor=request.user, accept=accept)
    except services.DealError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, COUNTER_ACCEPTED if accept else COUNTER_DECLINED)
    return redirect("deals:seller_rfq_detail", public_id=public_id)


@seller_required
@require_http_methods(["GET", "POST"])
def seller_rfq_settings(request, company):
    current = SellerPreference.objects.filter(company=company).first()
    initial = {"rfq_mail": current.rfq_mail if current else SellerPreference.Mail.EACH}
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.preference_save(company=company, rfq_mail=form.cleaned_data["rfq_mail"])
        messages.success(request, PREFERENCE_SAVED)
        return redirect("deals:seller_rfq")
    return render(request, "deals/seller_settings.html", {"company": company, "form": form})
