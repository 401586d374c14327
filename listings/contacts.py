"""A seller's contacts behind the "Show contacts" button: one request per click, limited.

The phone and e-mail are not in the listing or seller page itself, where any crawler would
collect them with the page; they come from a POST (which crawlers do not send), counted
per IP address in the shared cache (django-ratelimit), so that a person sees the sellers
they are interested in and a script cannot walk every seller's contacts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from accounts.phones import phone_format, phone_uri
from listings import selectors
from portal.lookups import found_or_404

RATE_PER_IP = "30/h"
CONTACTS_LIMITED = _(
    "You have opened the contacts of many sellers in a short time. Please try again later."
)


@dataclass(frozen=True)
class Contacts:
    phone: str
    phone_link: str
    email: str
    whatsapp_link: str
    telegram_link: str
    telegram: str


def seller_contacts_of(company) -> Contacts:
    """Return the company's contacts with the links a phone opens them with."""
    phone = company.contact_phone
    whatsapp = company.whatsapp
    telegram = company.telegram.lstrip("@")
    return Contacts(
        phone=phone_format(phone),
        phone_link=phone_uri(phone),
        email=company.contact_email,
        # wa.me takes the number in international form without "+" (WhatsApp's own format).
        whatsapp_link=f"https://wa.me/{whatsapp.as_e164.lstrip('+')}" if whatsapp else "",
        telegram_link=f"https://t.me/{telegram}" if telegram else "",
        telegram=f"@{telegram}" if telegram else "",
    )


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
def seller_contacts(request, pk):
    company = found_or_404(selectors.seller_get(pk=pk))
    rate = getattr(settings, "CONTACTS_RATE_PER_IP", RATE_PER_IP)
    if is_ratelimited(request, group="listings.contacts", key="ip", rate=rate, increment=True):
        if _wants_json(request):
            return JsonResponse({"error": str(CONTACTS_LIMITED)}, status=429)
        context = {"company": company, "refusal": CONTACTS_LIMITED}
        return render(request, "listings/contacts.html", context, status=429)
    contacts = seller_contacts_of(company)
    headers = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
    if _wants_json(request):
        return JsonResponse(asdict(contacts), headers=headers)
    context = {"company": company, "contacts": contacts}
    response = render(request, "listings/contacts.html", context)
    for name, value in headers.items():
        response[name] = value
    return response
