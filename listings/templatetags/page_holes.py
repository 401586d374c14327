"""`{% hole "name" %}`: the place of a part rendered per request in a shared page.

See listings/page_cache.py: the shared HTML keeps the marker, each request gets it filled.
"""

from django import template
from django.utils.safestring import mark_safe

from listings.page_cache import hole_marker

register = template.Library()


@register.simple_tag
def hole(name: str) -> str:
    return mark_safe(hole_marker(name))
