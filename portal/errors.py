"""The base of the exceptions by which a write or a read refuses what a person asked."""


class ShownError(Exception):
    """A refusal whose `message` (a translatable text) is safe to show to the person."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
