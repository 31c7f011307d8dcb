"""Domain errors that services raise and views turn into Vietnamese messages."""

from django.core.exceptions import ValidationError


class DomainError(Exception):
    """A business rule refused the operation; `message` is shown to the user as is."""

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


class NotFoundOrForbidden(Exception):
    """Raised by access_* gates: a missing object and a forbidden one look the same (404)."""


__all__ = ["DomainError", "NotFoundOrForbidden", "ValidationError"]
