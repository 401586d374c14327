"""Text that goes into an e-mail header (a subject, a sender's display name).

The one place that makes such text safe: a line break in a header would start a new header
(injection), and Django refuses to send it at all (BadHeaderError), so a company named with
a CR/LF once made every "order placed" e-mail to its buyers fail for good. Names come from
people (companies, listings), so every header built from them passes through here. It lives
in privacy, the lowest app that sends e-mail, so that every app above can use it.
"""

import unicodedata

# What an e-mail subject column holds (orders.OutgoingMail.subject).
HEADER_MAX_LENGTH = 255

# Line and paragraph separators split a header as a line break does for some mail software.
_BREAKING_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}


def header_text(value, *, max_length: int = HEADER_MAX_LENGTH) -> str:
    """Return `value` as one line: control and separator characters become spaces, runs of
    whitespace one space, and the result is cut to `max_length` characters."""
    text = "".join(
        " " if unicodedata.category(character) in _BREAKING_CATEGORIES else character
        for character in str(value)
    )
    return " ".join(text.split())[:max_length]
