"""The type of a text shown to people: a string, or a lazy translation that becomes one.

Messages are module constants made with gettext_lazy, so a function that returns one
returns a lazy string, translated when it is rendered in the reader's language.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
else:
    from django.utils.functional import Promise

    StrOrPromise = str | Promise

__all__ = ["StrOrPromise"]
