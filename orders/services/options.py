"""Sellers' shipping and payment options: the defaults a new seller starts with, and saving
what a seller offers on what conditions."""

from __future__ import annotations

from django.db import transaction

from orders.models import PaymentMethod, SellerOption, ShippingMethod

# A new seller starts with what most B2B sellers offer; they change it at /seller/settings/.
DEFAULT_OPTIONS: dict[str, dict[str, bool]] = {
    SellerOption.Kind.SHIPPING: {
        ShippingMethod.PICKUP: True,
        ShippingMethod.SELLER_DELIVERY: False,
        ShippingMethod.TRANSPORT_COMPANY: True,
    },
    SellerOption.Kind.PAYMENT: {
        PaymentMethod.BANK_TRANSFER: True,
        PaymentMethod.CASH_ON_DELIVERY: False,
        PaymentMethod.CARD_ON_DELIVERY: False,
    },
}


def option_key(option: SellerOption) -> tuple[str, str]:
    """Return what identifies an option of a seller: (kind, method)."""
    return option.kind, option.method


def seller_options_ensure(*, company) -> list[SellerOption]:
    """Return the seller's options, creating the defaults the first time they are needed.

    Lazily rather than by a signal: a company gets them when a page first needs them. One
    query when they exist; the insert ignores rows a parallel request created meanwhile.
    """
    options = list(SellerOption.objects.filter(company=company))
    present = {option_key(o) for o in options}
    missing = [
        SellerOption(company=company, kind=kind, method=method, is_enabled=enabled)
        for kind, methods in DEFAULT_OPTIONS.items()
        for method, enabled in methods.items()
        if (kind, method) not in present
    ]
    if not missing:
        return _ordered(options)
    SellerOption.objects.bulk_create(missing, ignore_conflicts=True)
    return _ordered(list(SellerOption.objects.filter(company=company)))


def _ordered(options: list[SellerOption]) -> list[SellerOption]:
    order = {key: n for n, key in enumerate(_all_option_keys())}
    return sorted(options, key=lambda o: order.get(option_key(o), len(order)))


def _all_option_keys() -> list[tuple[str, str]]:
    return [(kind, method) for kind, methods in DEFAULT_OPTIONS.items() for method in methods]


@transaction.atomic
def seller_options_save(*, company, choices: dict[tuple[str, str], tuple[bool, str]]) -> None:
    """Save which options the seller offers and on what conditions (validated by the form)."""
    options = {option_key(o): o for o in seller_options_ensure(company=company)}
    changed = []
    for key, (enabled, conditions) in choices.items():
        option = options.get(key)
        if option is not None:
            option.is_enabled = enabled
            option.conditions = conditions
            changed.append(option)
    SellerOption.objects.bulk_update(changed, ["is_enabled", "conditions"])
