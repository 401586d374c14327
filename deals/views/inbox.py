"""Questions on listings, the conversations, and the one inbox of each person."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import seller_required
from accounts.selectors import company_of
from deals import selectors, services
from deals.models import Side
from deals.views.common import MESSAGE_SENT
from listings.models import Listing
from orders.forms import MessageForm
from portal.lookups import found_or_404


@login_required
@require_http_methods(["GET", "POST"])
def ask(request, listing_id):
    """Ask the seller about a listing (a guest signs in or up first and comes back here)."""
    listing = get_object_or_404(Listing.objects.visible().select_related("company"), pk=listing_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.conversation_ask(
                user=request.user, listing=listing, body=form.cleaned_data["body"]
            )
        except services.DealError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, MESSAGE_SENT)
            return redirect("deals:conversation", pk=conversation.pk)
    return render(request, "deals/ask.html", {"listing": listing, "form": form})


def _inbox(request, *, company=None):
    items = selectors.inbox_list(user=request.user, company=company)
    context = {"items": items, "company": company, "is_seller_inbox": company is not None}
    if company is None:
        # A seller who also buys reads the buyers' side here and their desk's side there.
        context["is_seller"] = company_of(request.user) is not None
    return render(request, "deals/inbox.html", context)


@login_required
@require_GET
def inbox(request):
    return _inbox(request)


@seller_required
@require_GET
def seller_inbox(request, company):
    return _inbox(request, company=company)


def _thread(request, conversation, *, side, action, company=None):
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_send(
                conversation=conversation,
                side=side,
                author=request.user,
                body=form.cleaned_data["body"],
            )
        except services.DealError as error:
            form.add_error("body", error.message)
        else:
            messages.success(request, MESSAGE_SENT)
            return redirect(reverse(action, args=[conversation.pk]) + "#messages")
    services.messages_mark_read(conversation=conversation, reader_side=side, reader=request.user)
    context = {
        "conversation": conversation,
        "form": form,
        "viewer_side": side,
        "action": reverse(action, args=[conversation.pk]),
        "company": company,
    }
    return render(request, "deals/conversation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request, pk):
    found_conversation = found_or_404(selectors.conversation_get(pk=pk, user=request.user))
    return _thread(request, found_conversation, side=Side.BUYER, action="deals:conversation")


@seller_required
@require_http_methods(["GET", "POST"])
def seller_conversation(request, company, pk):
    found_conversation = found_or_404(selectors.conversation_get(pk=pk, company=company))
    return _thread(
        request,
        found_conversation,
        side=Side.SELLER,
        action="deals:seller_conversation",
        company=company,
    )
