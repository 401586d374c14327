"""The one exception every write of orders raises when it refuses a change."""


class OrderError(Exception):
    """A refused change; `message` is safe to show to the person who asked."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
