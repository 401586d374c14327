"""What the search tests share: the page's address, its limits, the titles it shows."""

import html
import re

from listings.selectors import pages, search, search_queries

SEARCH = "/listings/"


def limits_set(monkeypatch, **limits):
    """Lower search's limits (COUNT_CAP, MAX_PAGES...) in every module that reads them."""
    for module in (search, search_queries, pages):
        for name, value in limits.items():
            if hasattr(module, name):
                monkeypatch.setattr(module, name, value)


CARD_TITLE = re.compile(r'class="listing-card-title"><a href="[^"]*">([^<]*)</a>')


def titles(response) -> list[str]:
    """Return the titles of the result cards, as the page shows them (cached or not)."""
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]
