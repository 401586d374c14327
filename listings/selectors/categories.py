"""The category tree, read in one query and kept in the cache for every page."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.core.cache import cache

from listings.models import Category

logger = logging.getLogger(__name__)


@dataclass
class CategoryTree:
    """Every category, loaded in one query, with the lookups the pages need."""

    by_id: dict[int, Category]
    children: dict[int | None, list[Category]]

    @classmethod
    def of(cls, categories) -> CategoryTree:
        by_id: dict[int, Category] = {}
        children: dict[int | None, list[Category]] = {}
        for category in categories:
            by_id[category.pk] = category
            children.setdefault(category.parent_id, []).append(category)
        return cls(by_id=by_id, children=children)

    def sections(self) -> list[Category]:
        return self.children.get(None, [])

    def children_of(self, category: Category) -> list[Category]:
        return self.children.get(category.pk, [])

    def subtree_ids(self, category: Category) -> list[int]:
        """Return the ids of the category and everything below it."""
        ids, stack = [], [category]
        while stack:
            node = stack.pop()
            ids.append(node.pk)
            stack.extend(self.children.get(node.pk, []))
        return ids

    def path(self, category: Category) -> list[Category]:
        """Return the chain from the section down to `category` (breadcrumbs)."""
        chain = [category]
        while chain[0].parent_id is not None:
            chain.insert(0, self.by_id[chain[0].parent_id])
        return chain

    def section_of(self, category_id: int) -> Category:
        return self.path(self.by_id[category_id])[0]


CATEGORY_CACHE_KEY = "listings:categories"
CATEGORY_CACHE_SECONDS = 300
# Each process also keeps the tree it read for this long: unpickling it from the shared
# cache cost more than the rest of a search page served from the cache.
CATEGORY_LOCAL_SECONDS = 10
_held: dict[str, tuple[float, CategoryTree]] = {}


def category_tree() -> CategoryTree:
    """Return the catalogue, from the cache: every page asks for it, staff rarely change it.

    Admin clears the cached copy when a category is saved or deleted (`category_tree_clear`):
    the change shows at once in that process, within CATEGORY_LOCAL_SECONDS in the others.
    Without a reachable cache the catalogue is read from the database.
    """
    now = time.monotonic()
    held = _held.get("tree")
    if held is not None and held[0] > now:
        return held[1]
    tree = CategoryTree.of(_categories())
    _held["tree"] = (now + CATEGORY_LOCAL_SECONDS, tree)
    return tree


def _categories() -> list[Category]:
    try:
        categories = cache.get(CATEGORY_CACHE_KEY)
    except Exception:  # the cache is an optimisation: a page must not fail without it
        logger.warning("Category cache unavailable", exc_info=True)
        categories = None
    if categories is None:
        categories = list(Category.objects.all())
        try:
            cache.set(CATEGORY_CACHE_KEY, categories, CATEGORY_CACHE_SECONDS)
        except Exception:
            logger.warning("Category cache unavailable", exc_info=True)
    return categories


def category_tree_clear() -> None:
    _held.clear()
    cache.delete(CATEGORY_CACHE_KEY)


def category_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Return subsections grouped under their sections, for a form's <optgroup>s."""
    tree = category_tree()
    return [
        (section.name, [(child.pk, child.name) for child in tree.children_of(section)])
        for section in tree.sections()
    ]
