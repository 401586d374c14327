"""What other apps' templates show of deals: the header's unread count and a seller's
responsiveness. Loaded by those templates, so that the apps below deals never import it."""

from django import template

from deals import selectors

register = template.Library()


@register.simple_tag
def inbox_unread(user) -> int:
    """Return the user's unread messages: conversations and orders (cached per user)."""
    return selectors.unread_total(user=user)


@register.simple_tag
def seller_responsiveness(company):
    return selectors.seller_response_stats(company=company)
