"""Turning a selector's "nothing here" into the 404 a view answers."""

from typing import TypeVar

from django.http import Http404

T = TypeVar("T")


def found_or_404(found: T | None) -> T:
    """Return what a selector found; raise Http404 when it found nothing (None).

    Selectors answer None both for what does not exist and for what this person may not
    see, so a URL edited to another person's object is the same 404 as a missing one.
    """
    if found is None:
        raise Http404
    return found
