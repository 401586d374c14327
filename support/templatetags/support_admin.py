from django import template

from support.selectors import support_open_counts

register = template.Library()


@register.inclusion_tag("support/admin/open_counts.html")
def support_open_items():
    """Render the counts of complaints, callbacks and feedback waiting for staff."""
    return {"counts": support_open_counts()}
