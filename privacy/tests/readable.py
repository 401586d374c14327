"""Helpers for tests that read pages as a person does: visible text, and code identifiers."""

import re
from html.parser import HTMLParser

from privacy.registry import Erasure, LegalBasis, registry

# Elements whose text a person does not read as text of the page.
HIDDEN = {"script", "style", "template", "code", "noscript", "title"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.chunks = []

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth and data.strip():
            self.chunks.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    """Return the text chunks of a page a person reads (not scripts, code or attributes)."""
    parser = _TextParser()
    parser.feed(html)
    return parser.chunks


def registry_identifiers() -> set[str]:
    """Return every code name the registry holds: field names, export columns and codes."""
    names = set()
    for source in registry.sources():
        names.update(source.fields)
        names.update(source.export_fields)
        names.add(source.key)
    names.update(LegalBasis.values)
    names.update(Erasure.values)
    names.update({"grant", "withdraw"})
    # Words that are also plain English ("delete", "keep", "consent", "contract") cannot tell
    # a code from a sentence on an English page; underscores and dots always can.
    return {n for n in names if "_" in n or "." in n or n in {"anonymise", "grant", "withdraw"}}


def identifiers_in(chunks: list[str], identifiers: set[str]) -> list[str]:
    """Return the identifiers that appear as whole words in the text."""
    text = "\n".join(chunks)
    return sorted(
        name for name in identifiers if re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", text)
    )
