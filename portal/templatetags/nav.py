"""`{% load nav %}` … `{% if request.path|within:section_url %}`: marking the current section."""

from django import template

register = template.Library()


@register.filter
def within(path, section_url) -> bool:
    """Whether `path` is the page at `section_url` or one of the pages below it."""
    return bool(section_url) and str(path).startswith(str(section_url))
