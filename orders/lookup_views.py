"""The page where a guest asks for their order link again (see orders.lookup)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from orders import lookup
from orders.forms import OrderLinkForm

TEMPLATE = "orders/find.html"


@require_http_methods(["GET", "POST"])
def order_find(request):
    form = OrderLinkForm(request.POST or None)
    if request.method == "GET" or not form.is_valid():
        return render(request, TEMPLATE, {"form": form})
    data = form.cleaned_data
    refusal = lookup.order_link_refusal(request, email=data["email"])
    if refusal is not None:
        form.add_error(None, refusal)
        return render(request, TEMPLATE, {"form": form}, status=429)
    lookup.order_link_send(email=data["email"], number=data["number"])
    messages.success(request, lookup.LINK_MAYBE_SENT)
    return redirect("orders:find")
