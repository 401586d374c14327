"""Reads of support: what a complaint is about, and the counts of open items for staff.

A complaint's target is looked up only among what the public may see (a visible listing, a
shown review, a seller whose account is active), so a report link never reveals whether a
draft or blocked item exists. An order is found only by its secret `public_id`, the part of
the link its buyer holds: knowing an order's number is not enough to report it.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass

from django.db.models import Count, Model
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from listings.models import Listing, Review
from orders.models import Order
from portal.errors import ShownError
from portal.text_types import StrOrPromise
from support.models import CallbackRequest, Complaint, Feedback

TARGET_BAD_ID = _(
    "This is not the number or the page address of a %(kind)s. Open the page of what you "
    "want to report and use its “Report” link, or paste the page address here."
)
ORDER_SIGN_IN = _(
    "Sign in with the account that placed this order to report it: only its buyer can."
)
TARGET_NOT_FOUND = _(
    "We could not find this %(kind)s. It may have been removed already; check the number "
    "or the page address."
)
TARGET_TOO_LONG = _(
    "This is longer than any page address of the portal (at most %(limit_value)d characters). "
    "Paste only the address of the page you want to report."
)

# Longer than any address of the portal's pages: a longer value is refused unread.
TARGET_MAX_LENGTH = 500
# A primary key of PostgreSQL's bigint has at most 19 digits; 18 always fit.
_PK_MAX_DIGITS = 18


class TargetError(ShownError):
    """A complaint target that cannot be found; `message` is safe to show."""


@dataclass(frozen=True)
class ComplaintTarget:
    """What a complaint is about, as found from a report link or what the reporter typed."""

    kind: str
    obj: Model
    label: str
    seller: Company | None

    @property
    def kind_label(self) -> str:
        return str(dict(target_kinds()).get(self.kind, self.kind)).lower()

    def fields(self) -> dict:
        """Return the complaint's foreign keys that point at this target."""
        values: dict[str, object] = {
            "target_kind": self.kind,
            "target_label": self.label[:255],
            "seller": self.seller,
        }
        if self.kind != Complaint.TargetKind.SELLER:
            values[self.kind] = self.obj
        return values


def target_kinds() -> list[tuple[str, StrOrPromise]]:
    """Return the kinds of target a complaint can be about, as form choices."""
    return list(Complaint.TargetKind.choices)


def report_link_identifier(value: str) -> str:
    """Return the last path segment of a pasted page address (…/listings/12/?a#b → "12").

    A bare id is its own last segment; a segment with a space in it names nothing ("").
    Plain string operations, each one pass over the value: a regular expression here once
    backtracked through every split of a long value and cost seconds of CPU per request.
    """
    path = (value or "").strip().partition("?")[0].partition("#")[0]
    segment = path.rstrip("/").rpartition("/")[2]
    return "" if any(character.isspace() for character in segment) else segment


def _identifier(value: str) -> str:
    if len(value or "") > TARGET_MAX_LENGTH:
        raise TargetError(TARGET_TOO_LONG % {"limit_value": TARGET_MAX_LENGTH})
    return report_link_identifier(value)


def _pk(value: str, kind_label) -> int:
    ident = _identifier(value)
    # `isdigit` alone also takes "²" and "١٢", which int() then refuses or reads as
    # another number: an id is ASCII digits only.
    if not (ident.isascii() and ident.isdigit()) or len(ident) > _PK_MAX_DIGITS:
        raise TargetError(TARGET_BAD_ID % {"kind": kind_label})
    return int(ident)


def complaint_target_get(*, kind: str, value: str, user=None) -> ComplaintTarget:
    """Return the target of this kind named by `value` (an id or a page address).

    Raise `TargetError` with a message for the reporter when `value` is malformed or names
    nothing the public can see. An order follows the rule of its page: a guest's order is
    reported by whoever holds its link, a signed-in buyer's order only by that buyer.
    """
    labels = dict(target_kinds())
    if kind not in labels:
        raise TargetError(TARGET_BAD_ID % {"kind": _("listing, review, seller or order")})
    kind_label = str(labels[kind]).lower()
    finder = _FINDERS[kind]
    try:
        return finder(value, kind_label, user)
    except (
        Listing.DoesNotExist,
        Review.DoesNotExist,
        Company.DoesNotExist,
        Order.DoesNotExist,
    ) as error:
        raise TargetError(TARGET_NOT_FOUND % {"kind": kind_label}) from error


def _listing(value, kind_label, user) -> ComplaintTarget:
    listing = Listing.objects.visible().select_related("company").get(pk=_pk(value, kind_label))
    return ComplaintTarget("listing", listing, listing.title, listing.company)


def _review(value, kind_label, user) -> ComplaintTarget:
    review = (
        Review.objects.shown()
        .filter(company__owner__is_active=True)
        .select_related("company")
        .get(pk=_pk(value, kind_label))
    )
    label = _("Review #%(pk)s of %(seller)s") % {"pk": review.pk, "seller": review.company.name}
    return ComplaintTarget("review", review, str(label), review.company)


def _seller(value, kind_label, user) -> ComplaintTarget:
    company = Company.objects.filter(owner__is_active=True).get(pk=_pk(value, kind_label))
    return ComplaintTarget("seller", company, company.name, company)


def _order(value, kind_label, user) -> ComplaintTarget:
    ident = _identifier(value)
    try:
        if not ident.isascii():
            raise ValueError(ident)
        public_id = uuid.UUID(ident)
    except ValueError as error:
        raise TargetError(TARGET_BAD_ID % {"kind": kind_label}) from error
    order = Order.objects.select_related("company").get(public_id=public_id)
    if order.buyer_id is not None and getattr(user, "pk", None) != order.buyer_id:
        raise TargetError(ORDER_SIGN_IN)
    label = _("Order %(number)s from %(seller)s") % {
        "number": order.number,
        "seller": order.company.name,
    }
    return ComplaintTarget("order", order, str(label), order.company)


_FINDERS = {"listing": _listing, "review": _review, "seller": _seller, "order": _order}


ADMIN_PAGES = {
    "listing": "admin:listings_listing_change",
    "review": "admin:listings_review_change",
    "seller": "admin:accounts_company_change",
    "order": "admin:orders_order_change",
}


def complaint_target_links(complaint: Complaint) -> list[tuple[str, str]]:
    """Return (title, url) links to the target's public page and its admin page.

    An order has no public page staff could open (only its buyer can), so it gets the
    admin link alone. Builds URLs from ids only: no query per row of a change list.
    """
    kind = complaint.target_kind
    target_id = {"listing": complaint.listing_id, "review": complaint.review_id,
                 "seller": complaint.seller_id, "order": complaint.order_id}.get(kind)  # fmt: skip
    if target_id is None:
        return []
    links = []
    if kind == "listing":
        links.append((str(_("Public page")), reverse("listings:detail", args=[target_id])))
    elif kind == "seller" or (kind == "review" and complaint.seller_id):
        seller_page = reverse("listings:seller_detail", args=[complaint.seller_id])
        links.append(
            (str(_("Public page")), seller_page + ("#reviews" if kind == "review" else ""))
        )
    with contextlib.suppress(NoReverseMatch):  # that model is not registered in admin
        links.append((str(_("Admin page")), reverse(ADMIN_PAGES[kind], args=[target_id])))
    return links


def support_open_counts() -> dict[str, int]:
    """Return how many complaints, callback requests and feedback wait for staff."""
    by_status = dict(
        Complaint.objects.filter(status__in=Complaint.OPEN_STATUSES)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {
        "complaints_new": by_status.get(Complaint.Status.NEW, 0),
        "complaints_in_review": by_status.get(Complaint.Status.IN_REVIEW, 0),
        "callbacks": CallbackRequest.objects.open().count(),
        "feedback": Feedback.objects.open().count(),
    }
