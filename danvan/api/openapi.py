"""Every status an operation can answer is declared in the OpenAPI schema, by one rule (not per endpoint).

The operation's own `response={…}` declares what it returns itself (200/201, and the errors it returns as
`Status(…)` or raises for its own reasons: a 404 of a unit code in a body, a 409). The error handlers of
`danvan.api.errors` answer the rest, so `declare_error_responses` adds to every operation whatever of these it
does not declare yet, each with the error body of `danvan.api.schemas`:

| status | declared on | why |
| --- | --- | --- |
| 400 | every operation | a value refused (paging out of range, unknown code, a service's refusal), an unreadable body, a NUL character anywhere (`errors.refusal`) |
| 401, 403 | operations with `security` | not signed in; CSRF token missing or wrong, or no permission |
| 404 | operations with path parameters | the object named by the path is missing or not the caller's |
| 422 | operations with parameters or a body | ninja's validation (`detail` lists the fields) |
| 500 | every operation | a defect: JSON, logged, nothing internal |

A test walks the schema and checks each operation declares these; the schemathesis job
(`danvan/api/tests/test_fuzz.py`, `make test-api`) checks that the answers stay within what is declared.
"""

from .errors import OWN_ERROR_FORMAT_PREFIXES
from .schemas import ErrorOut, ValidationErrorOut

DESCRIPTIONS = {
    400: "Yêu cầu không hợp lệ (thông báo trong detail)",
    401: "Chưa đăng nhập",
    403: "Không có quyền, hoặc thiếu mã CSRF",
    404: "Không tìm thấy",
    422: "Dữ liệu không đúng định dạng (detail liệt kê từng lỗi)",
    500: "Lỗi máy chủ (đã được ghi lại)",
}

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _component(schema: dict, model) -> str:
    """Put `model`'s JSON schema (and the models it uses) into the components; its reference."""
    json_schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, definition in json_schema.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components.setdefault(model.__name__, json_schema)
    return f"#/components/schemas/{model.__name__}"


def expected_error_statuses(operation: dict) -> set[int]:
    """The error statuses the rule above gives this OpenAPI operation."""
    statuses = {400, 500}
    parameters = operation.get("parameters", [])
    if parameters or "requestBody" in operation:
        statuses.add(422)
    if any(p.get("in") == "path" for p in parameters):
        statuses.add(404)
    if operation.get("security"):
        statuses |= {401, 403}
    return statuses


def declare_error_responses(schema: dict) -> dict:
    error_ref = _component(schema, ErrorOut)
    validation_ref = _component(schema, ValidationErrorOut)
    for path, path_item in schema.get("paths", {}).items():
        if path.startswith(OWN_ERROR_FORMAT_PREFIXES):  # they declare their own errors, in their own format
            continue
        for method, operation in path_item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            declared = {int(code) for code in responses}  # ninja's keys are ints, JSON's strings
            for status in sorted(expected_error_statuses(operation) - declared):
                ref = validation_ref if status == 422 else error_ref
                responses[status] = {
                    "description": DESCRIPTIONS[status],
                    "content": {"application/json": {"schema": {"$ref": ref}}},
                }
            operation["responses"] = dict(sorted(responses.items(), key=lambda item: int(item[0])))
    return schema
