"""The privacy app's admin, one module per topic (importing them registers them)."""

from privacy.admin import authorities, breaches, documents, ledgers, requests  # noqa: F401
