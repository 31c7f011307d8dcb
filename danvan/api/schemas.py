"""What every router of the API shares: the error bodies, the base of request bodies, and paging.

- `ErrorOut` `{"detail": "<Vietnamese message>"}` is the body of every error the API answers (400, 401, 403,
  404, 405, 409, 429, 500); `ValidationErrorOut` is ninja's 422 body (`detail` lists what did not validate).
  `danvan.api.openapi` declares them on every operation.
- `InputSchema` is the base of every request body: it accepts only a JSON object. ninja's `Schema` reads its
  input through attribute access (it is built to read ORM objects), so a JSON array, string, number or null
  sent as the body of an operation whose fields all have defaults validated as "nothing given" and the
  operation ran (200). A test walks the API and fails for a body that does not derive from `InputSchema`.
- `paging(default_limit=…, max_limit=…)` is the query schema of `limit`/`offset` for a list endpoint
  (`paging: Query[NewsPaging]`), and `Paging.page(queryset)` the `{"count", "items"}` answer. A value out of
  range or not an integer is a 400 naming the parameter (`danvan.core.paging.bounded_int`).
"""

from functools import partial
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from danvan.core.paging import MAX_OFFSET, bounded_int


class FieldErrorOut(Schema):
    field: str | None
    detail: str


class ErrorOut(Schema):
    detail: str
    # a refusal of several fields at once (e.g. a case with a bad phone and a bad e-mail): each one
    errors: list[FieldErrorOut] | None = None


class ValidationIssue(Schema):
    type: str
    loc: list[str | int]
    msg: str
    ctx: dict[str, Any] | None = None


class ValidationErrorOut(Schema):
    detail: list[ValidationIssue]


class InputSchema(Schema):
    """Base of request bodies: a JSON object, nothing else (see the module docstring)."""

    model_config = ConfigDict(from_attributes=False)

    # Same name as ninja's validator on `Schema`, so it replaces it: a body needs no ORM attribute access.
    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, values, handler, info):
        if not isinstance(values, dict | cls):
            raise PydanticCustomError(
                "model_type", "Nội dung yêu cầu phải là một đối tượng JSON, không phải mảng hay giá trị đơn."
            )
        return handler(values)


def _bounded(name: str, default: int, minimum: int, maximum: int):
    return Annotated[
        int, BeforeValidator(partial(_read, name=name, default=default, minimum=minimum, maximum=maximum))
    ]


def _read(raw, *, name, default, minimum, maximum):
    # a DomainError raised inside validation is not a pydantic error: it leaves the validation and reaches
    # the API's DomainError handler (400 with the message), which is the answer wanted for paging
    return bounded_int(raw, name=name, default=default, minimum=minimum, maximum=maximum)


class Paging(Schema):
    limit: int
    offset: int

    def page(self, queryset) -> dict:
        """`{"count": n, "items": [...]}` for this page of `queryset` (evaluated here)."""
        return {"count": queryset.count(), "items": list(queryset[self.offset : self.offset + self.limit])}


_PAGINGS: dict[tuple[int, int], type[Paging]] = {}


def paging(*, default_limit: int = 20, max_limit: int = 100) -> type[Paging]:
    """The `limit`/`offset` query schema of a list endpoint; `limit` in 1…max_limit, `offset` in 0…MAX_OFFSET."""
    key = (default_limit, max_limit)
    if key not in _PAGINGS:
        _PAGINGS[key] = type(
            f"Paging{default_limit}of{max_limit}",
            (Paging,),
            {
                "__annotations__": {
                    "limit": _bounded("limit", default_limit, 1, max_limit),
                    "offset": _bounded("offset", 0, 0, MAX_OFFSET),
                },
                "limit": Field(
                    default_limit, ge=1, le=max_limit, description=f"Số mục tối đa trả về (1–{max_limit})."
                ),
                "offset": Field(
                    0, ge=0, le=MAX_OFFSET, description="Bỏ qua bấy nhiêu mục đầu danh sách (từ 0)."
                ),
                "__module__": __name__,
            },
        )
    return _PAGINGS[key]
