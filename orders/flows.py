"""What the order pages do with a valid form, one flow function per form.

The way django-allauth's views hand a valid form to `allauth/account/internal/flows/`: the
view keeps the HTTP (which form, then a redirect or the page again); the flow calls the
service and tells the person what happened, or puts the refusal on the form.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from accounts.selectors import company_of
from orders import services
from orders.company_details import BuyerCompany
from orders.forms import CancelForm, ConfirmForm, StepForm
from orders.models import Order
from privacy.services import request_meta

ORDER_SENT = _(
    "Your order %(number)s is sent to the seller. They will confirm the final cost and "
    "conditions; we sent the details to %(email)s."
)
ORDER_ALREADY_SENT = _("This order was already sent: here it is.")
STATUS_CHANGED = _("The order is now “%(status)s”. The buyer is told by e-mail.")


def checkout_initial(user) -> dict:
    """Return a new order form's values: the buyer's profile and company, a one-time token."""
    initial = {"checkout_token": services.checkout_token_new()}
    if not user.is_authenticated:
        return initial
    name = user.get_full_name()
    company = company_of(user)
    return {
        **initial,
        # get_full_name falls back to the e-mail, which is no name to put on an order.
        "full_name": "" if name == user.email else name,
        "organization": company.name if company else "",
        "email": user.email,
        "phone": user.phone or "",
        "address": user.address,
        **(BuyerCompany.initial_of(company) if company else {}),
    }


def checkout_place(request, *, company, cart, form) -> Order | None:
    """Send the valid order form to the seller; return the order, or None with the refusal
    on the form. A second submit of the same form finds the first order."""
    try:
        placed = services.order_place(
            cart=cart,
            company=company,
            user=request.user,
            checkout_token=form.cleaned_data["checkout_token"],
            **form.order_data(),
            **request_meta(request),
        )
    except services.OrderError as error:
        form.add_error(None, error.message)
        return None
    order = placed.order
    if placed.created:
        messages.success(request, ORDER_SENT % {"number": order.number, "email": order.email})
    else:
        messages.info(request, ORDER_ALREADY_SENT)
    return order


# What the seller's order desk can do with an order: the form each action validates, and
# the service it calls with the form's cleaned data.
DESK_ACTIONS = {
    "confirm": (ConfirmForm, services.order_confirm),
    "ship": (StepForm, services.order_ship),
    "complete": (StepForm, services.order_complete),
    "cancel": (CancelForm, services.order_cancel),
}


def desk_action_form(action: str, data) -> forms.Form | None:
    """Return the bound form of a desk action, or None for an action the desk does not have."""
    if action not in DESK_ACTIONS:
        return None
    form_class, _service = DESK_ACTIONS[action]
    return form_class(data)


def order_status_change(request, *, order: Order, action: str, form) -> Order | None:
    """Move the order on by the desk action's valid form; return it, or None if refused
    (the refusal is a message)."""
    _form_class, service = DESK_ACTIONS[action]
    try:
        order = service(order=order, actor=request.user, **form.cleaned_data)
    except services.OrderError as error:
        messages.error(request, error.message)
        return None
    messages.success(request, STATUS_CHANGED % {"status": order.status_label})
    return order
