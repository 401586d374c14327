from cookie_consent.util import get_not_accepted_or_declined_cookie_groups
from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from privacy import labels
from privacy.links import absolute_url_of
from privacy.texts import COOKIE_BANNER_TEXT

register = template.Library()


@register.simple_tag
def cookie_banner_text():
    """Return the banner's text: the same constant the consent ledger records."""
    return COOKIE_BANNER_TEXT


@register.inclusion_tag("privacy/_cookie_banner.html", takes_context=True)
def cookie_banner(context):
    """Render the cookie banner on the server, for a visitor who has not chosen yet.

    Whether it shows, and which groups its buttons answer, depend on nothing but the
    visitor's `cookie_consent` cookie (and the cookie groups): pages shared from the page
    cache are keyed by the choices that cookie records (listings/page_cache.py,
    `cookie_choices`), so a shared page carries the banner exactly for the visitors who
    should see it. Its forms carry no CSRF
    token, for the same reason: the cookie views check the request's origin instead
    (privacy.views.same_origin_required).
    """
    request = context["request"]
    undecided = get_not_accepted_or_declined_cookie_groups(request)
    return {"groups": [group.varname for group in undecided], "next": request.get_full_path()}


@register.simple_tag
def absolute_url(name: str, *args) -> str:
    """Return the absolute URL of a named view, for e-mails (see privacy.links)."""
    return absolute_url_of(name, *args)


@register.filter
def policy_html(text: str):
    """Render a policy text: "## " lines become headings, blank lines separate paragraphs.

    Everything is escaped; staff write the text but it is still never trusted as HTML.
    """
    blocks = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            blocks.append(format_html("<h2>{}</h2>", lines[0][3:]))
            lines = lines[1:]
        if lines:
            blocks.append(format_html("<p>{}</p>", " ".join(lines)))
    return format_html_join("\n", "{}", ((b,) for b in blocks))


@register.filter
def stored_text(value: str) -> str:
    """Show a text a ledger stored as its English message id in the reader's language."""
    return gettext(value) if value else value


@register.filter
def field_labels(names) -> str:
    """Name a list of stored field names ("full_name") as a person reads them."""
    return labels.fields_label(names or [])


@register.inclusion_tag("privacy/_change_notice.html")
def legal_change_notice():
    """Tell visitors which legal texts changed in the last 30 days (the home page).

    Its content is `privacy.selectors.legal_notice_key()`: a page cache that stores a page
    with this notice must put that key in its own.
    """
    from privacy.selectors import legal_notice_list

    return {"notices": legal_notice_list()}


@register.inclusion_tag("admin/privacy/_request_counts.html")
def privacy_request_counts():
    """Render the admin index's counts of new and overdue data requests, and late breaches."""
    from privacy.selectors import breach_overdue_list, data_request_counts

    return {"counts": data_request_counts(), "breaches_overdue": len(breach_overdue_list())}


@register.filter
def processing_restricted(user) -> bool:
    """Whether a signed-in person's data may not be used for analytics now (a restriction).

    Asked only once the analytics cookies are accepted: no query on most pages.
    """
    from privacy.selectors import subject_is_restricted

    if not getattr(user, "is_authenticated", False):
        return False
    return subject_is_restricted(user=user)
