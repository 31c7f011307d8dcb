"""Domain errors that services raise and views turn into Vietnamese messages."""

from django.core.exceptions import ValidationError


class DomainError(Exception):
    """A business rule refused the operation; `message` is shown to the user as is."""

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


class DomainErrors(DomainError):
    """Every refusal found in one round of checks (a form's fields all checked at once), in field order.

    It is a DomainError whose message, code and field are those of the first refusal (all the messages
    joined when there are several), so a caller that handles one DomainError — an API handler, a view that
    shows one message — keeps working; a form shows each of `errors` beside its own field.
    """

    def __init__(self, errors):
        self.errors = list(errors)
        if not self.errors:
            raise ValueError("DomainErrors needs at least one error")
        first = self.errors[0]
        message = " ".join(e.message for e in self.errors)
        super().__init__(message, code=first.code, field=first.field)


class ErrorCollector:
    """Runs named validation steps and keeps every DomainError they raise instead of stopping at the first.

    errors = ErrorCollector()
    with errors.step():
        title = clean_title(title)
    errors.raise_if_any()      # DomainErrors with every refusal, or nothing
    """

    def __init__(self):
        self.errors: list[DomainError] = []

    def add(self, exc: DomainError) -> None:
        self.errors.extend(errors_of(exc))

    def step(self):
        return _Step(self)

    def has(self, field: str) -> bool:
        return any(e.field == field for e in self.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise DomainErrors(self.errors)


class _Step:
    def __init__(self, collector: ErrorCollector):
        self.collector = collector

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, DomainError):
            self.collector.add(exc)
            return True
        return False


def errors_of(exc: DomainError) -> list[DomainError]:
    """The single refusals inside `exc` (itself when it is a single DomainError)."""
    return list(getattr(exc, "errors", None) or [exc])


class NotFoundOrForbidden(Exception):
    """Raised by access_* gates: a missing object and a forbidden one look the same (404)."""


__all__ = [
    "DomainError",
    "DomainErrors",
    "ErrorCollector",
    "NotFoundOrForbidden",
    "ValidationError",
    "errors_of",
]
