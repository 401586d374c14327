"""The one exception every write of orders raises when it refuses a change."""

from portal.errors import ShownError


class OrderError(ShownError):
    """A refused change; `message` is safe to show to the person who asked."""
