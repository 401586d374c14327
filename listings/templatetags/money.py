"""`{% load money %}` … `{{ amount|money }}`: an amount in tenge in the page's language."""

from django import template

from listings.money import money_format

register = template.Library()


@register.filter(is_safe=True)
def money(amount) -> str:
    """Return the amount written for the active language, e.g. «9 090 000 ₸»."""
    return money_format(amount)
