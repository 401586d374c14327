"""Pages of orders: the cart, checkout, a buyer's orders, and the seller's order desk.

Views stay thin: a form, then a service or a selector, then a redirect or a page. Object
pages fetch through `orders.selectors`, which answer 404 to anybody but the order's
buyer or seller.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import seller_required
from accounts.models import Company
from listings.models import Listing
from orders import flows, selectors, services
from orders.cart import Cart, cart_for_update, cart_view
from orders.flows import ORDER_ALREADY_SENT
from orders.forms import (
    CancelForm,
    CheckoutForm,
    ConfirmForm,
    MessageForm,
    QuantityForm,
    SellerOptionsForm,
)
from orders.lookup import ORDER_LINK_KEEP
from orders.models import CONTACT_FIELDS, Order, OrderMessage
from portal.lookups import found_or_404
from privacy.selectors import erasure_waiting
from privacy.services import disclosure_record

ADDED_TO_CART = _("“%(title)s” is in your cart.")
CART_UPDATED = _("The quantity is changed.")
CART_REMOVED = _("The item is removed from your cart.")
FORM_EXPIRED = _("The form has expired. Please check it and send it again.")
FIX_ERRORS = _("Please correct the errors below.")
MESSAGE_SENT = _("Your message is sent.")
SETTINGS_SAVED = _("Your shipping and payment options are saved.")
UNKNOWN_ACTION = _("Choose what to do with the order.")
DISCLOSURE_REASON = _("The seller opened the order to handle it")


# --- The cart -----------------------------------------------------------------------------


@require_GET
def cart_detail(request):
    cart = cart_view(Cart(request.session))
    return render(request, "orders/cart.html", {"cart": cart})


@require_POST
def cart_add(request, listing_id):
    listing = get_object_or_404(Listing.objects.visible().select_related("company"), pk=listing_id)
    form = QuantityForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.first_error())
        return redirect(listing)
    try:
        with cart_for_update(request.session) as cart:
            services.cart_add(
                cart=cart,
                listing=listing,
                quantity=form.cleaned_data["quantity"],
                user=request.user,
            )
    except services.OrderError as error:
        messages.error(request, error.message)
        return redirect(listing)
    messages.success(request, ADDED_TO_CART % {"title": listing.title})
    return redirect("orders:cart")


@require_POST
def cart_change(request, listing_id):
    if listing_id not in Cart(request.session):
        return redirect("orders:cart")
    listing = get_object_or_404(Listing, pk=listing_id)
    form = QuantityForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.first_error())
        return redirect("orders:cart")
    try:
        with cart_for_update(request.session) as cart:
            services.cart_change(cart=cart, listing=listing, quantity=form.cleaned_data["quantity"])
    except services.OrderError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, CART_UPDATED)
    return redirect("orders:cart")


@require_POST
def cart_remove(request, listing_id):
    with cart_for_update(request.session) as cart:
        services.cart_remove(cart=cart, listing_id=listing_id)
    messages.success(request, CART_REMOVED)
    return redirect("orders:cart")


# --- Checkout -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def checkout(request, seller_id):
    company = get_object_or_404(Company, pk=seller_id)
    if request.user.is_authenticated and company.owner_id == request.user.pk:
        messages.error(request, services.OWN_COMPANY)
        return redirect("orders:cart")
    if request.method == "POST":
        # One checkout of a session at a time: two tabs sent at once must not both order
        # what the cart held (the second finds it already ordered).
        with cart_for_update(request.session) as cart:
            return _checkout_post(request, company, cart)
    group = cart_view(Cart(request.session)).group(company.pk)
    if group is None:
        messages.error(request, services.CART_EMPTY_FOR_SELLER)
        return redirect("orders:cart")
    options = services.seller_options_ensure(company=company)
    form = CheckoutForm(initial=flows.checkout_initial(request.user), options=options)
    return _checkout_page(request, company, group, form)


def _checkout_post(request, company, cart):
    previous = selectors.order_by_checkout_token(token=request.POST.get("checkout_token", ""))
    if previous is not None:
        messages.info(request, ORDER_ALREADY_SENT)
        return redirect(previous)
    group = cart_view(cart).group(company.pk)
    if group is None:
        messages.error(request, services.CART_EMPTY_FOR_SELLER)
        return redirect("orders:cart")
    options = services.seller_options_ensure(company=company)
    form = CheckoutForm(request.POST, options=options)
    if form.is_valid():
        order = flows.checkout_place(request, company=company, cart=cart, form=form)
        if order is not None:
            return redirect(order)
    elif "checkout_token" in form.errors:
        # A form without its one-time token (an old page, a crafted post): give it one.
        data = request.POST.copy()
        data["checkout_token"] = services.checkout_token_new()
        form = CheckoutForm(data, options=options)
        form.is_valid()
        messages.error(request, FORM_EXPIRED)
    else:
        messages.error(request, FIX_ERRORS)
    return _checkout_page(request, company, group, form)


def _checkout_page(request, company, group, form):
    context = {
        "company": company,
        "group": group,
        "form": form,
        "consent_text": services.CHECKOUT_CONSENT_TEXT,
        "price_note": services.CHECKOUT_PRICE_NOTE,
    }
    return render(request, "orders/checkout.html", context)


# --- The buyer's side -----------------------------------------------------------------------


def _buyer_page(request, order, *, message_form=None):
    services.messages_mark_read(
        order=order, reader_side=OrderMessage.Side.BUYER, reader=request.user
    )
    context = {
        "order": order,
        "keep_link_notice": ORDER_LINK_KEEP if order.is_guest else "",
        "message_form": message_form or MessageForm(),
        "message_action": reverse("orders:message", args=[order.public_id]),
        "viewer_side": OrderMessage.Side.BUYER,
    }
    return render(request, "orders/order_detail.html", context)


@require_GET
def order_detail(request, public_id):
    order = found_or_404(selectors.order_get_for_buyer(public_id=public_id, user=request.user))
    return _buyer_page(request, order)


@require_POST
def order_message(request, public_id):
    order = found_or_404(selectors.order_get_for_buyer(public_id=public_id, user=request.user))
    form = MessageForm(request.POST)
    if form.is_valid():
        services.message_send(
            order=order,
            side=OrderMessage.Side.BUYER,
            body=form.cleaned_data["body"],
            author=request.user,
        )
        messages.success(request, MESSAGE_SENT)
        return redirect(order.get_absolute_url() + "#messages")
    return _buyer_page(request, order, message_form=form)


@login_required
@require_GET
def account_orders(request):
    orders = selectors.order_list_for_buyer(user=request.user)
    page = Paginator(orders, 25).get_page(request.GET.get("page"))
    return render(request, "orders/account_orders.html", {"page": page})


# --- The seller's order desk ----------------------------------------------------------------


@seller_required
@require_GET
def desk(request, company):
    status = request.GET.get("status", "")
    if status not in Order.Status.values:
        status = ""
    orders = selectors.order_list_for_seller(company=company, status=status)
    page = Paginator(orders, 25).get_page(request.GET.get("page"))
    context = {
        "company": company,
        "page": page,
        "status": status,
        "statuses": Order.Status.choices,
        "status_counts": selectors.order_status_counts(company=company),
    }
    return render(request, "orders/desk.html", context)


def _desk_page(request, company, order, **forms):
    """Render the order for its seller, recording that they saw the buyer's contact data."""
    disclosure_record(
        actor=request.user,
        actor_label=company.name,
        subject=order.buyer,
        email="" if order.buyer_id else order.email,
        fields=CONTACT_FIELDS + (("buyer_signatory",) if order.buyer_signatory else ()),
        purpose="orders",
        reason=DISCLOSURE_REASON,  # lazy: stored as its message id, read in any language
        object_label=f"№ {order.number}",
    )
    services.messages_mark_read(
        order=order, reader_side=OrderMessage.Side.SELLER, reader=request.user
    )
    context = {
        "company": company,
        "order": order,
        "confirm_form": forms.get("confirm_form")
        or ConfirmForm(initial={"final_total": order.total}),
        "cancel_form": forms.get("cancel_form") or CancelForm(),
        "message_form": forms.get("message_form") or MessageForm(),
        "message_action": reverse("orders:desk_message", args=[order.pk]),
        "viewer_side": OrderMessage.Side.SELLER,
        # The buyer asked for erasure: their contact data stays only for this order.
        "buyer_erasure_waiting": erasure_waiting(user=order.buyer, email=order.email),
    }
    return render(request, "orders/desk_detail.html", context)


@seller_required
@require_GET
def desk_detail(request, company, pk):
    order = found_or_404(selectors.order_get_for_seller(company=company, pk=pk))
    return _desk_page(request, company, order)


@seller_required
@require_POST
def desk_status(request, company, pk):
    order = found_or_404(selectors.order_get_for_seller(company=company, pk=pk))
    action = request.POST.get("action", "")
    form = flows.desk_action_form(action, request.POST)
    if form is None:
        messages.error(request, UNKNOWN_ACTION)
    elif not form.is_valid():
        messages.error(request, FIX_ERRORS)
        return _desk_page(request, company, order, **{f"{action}_form": form})
    else:
        flows.order_status_change(request, order=order, action=action, form=form)
    return redirect("orders:desk_detail", pk=order.pk)


@seller_required
@require_POST
def desk_message(request, company, pk):
    order = found_or_404(selectors.order_get_for_seller(company=company, pk=pk))
    form = MessageForm(request.POST)
    if form.is_valid():
        services.message_send(
            order=order,
            side=OrderMessage.Side.SELLER,
            body=form.cleaned_data["body"],
            author=request.user,
        )
        messages.success(request, MESSAGE_SENT)
        return redirect(reverse("orders:desk_detail", args=[order.pk]) + "#messages")
    return _desk_page(request, company, order, message_form=form)


@seller_required
@require_http_methods(["GET", "POST"])
def seller_settings(request, company):
    options = services.seller_options_ensure(company=company)
    form = SellerOptionsForm(request.POST or None, options=options)
    if request.method == "POST":
        if form.is_valid():
            services.seller_options_save(company=company, choices=form.choices())
            messages.success(request, SETTINGS_SAVED)
            return redirect("orders:seller_settings")
        messages.error(request, FIX_ERRORS)
    return render(request, "orders/settings.html", {"company": company, "form": form})
