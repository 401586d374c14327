"""`{% load phones %}` … `{{ number|phone }}`: a phone number written for reading."""

from django import template

from accounts.phones import phone_format, phone_uri

register = template.Library()


@register.filter
def phone(value) -> str:
    """Return «+7 701 123 45 67» for a Kazakhstan number (see accounts.phones)."""
    return phone_format(value)


@register.filter
def phone_link(value) -> str:
    """Return the number's tel: URI."""
    return phone_uri(value)
