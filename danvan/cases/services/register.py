"""The register of cases as XLSX, audited."""

from danvan.audit.services import audit_record
from danvan.core.errors import DomainError
from danvan.core.formatting import format_number, local_today


def export_register(*, actor, unit, cases, filters: str = "") -> bytes:
    """The register of cases (XLSX) of `cases` — a queryset already scoped to `actor` — refused above
    `exports.MAX_ROWS`; every export of these personal data is audited."""
    from .. import exports

    count = cases.count()
    if count > exports.MAX_ROWS:
        raise DomainError(
            f"Danh sách có {format_number(count)} hồ sơ, vượt quá {format_number(exports.MAX_ROWS)} dòng một lần "
            "xuất. Vui lòng lọc theo đơn vị, loại đơn hoặc trạng thái.",
            code="too_many",
        )
    data = exports.register_xlsx(cases.iterator(chunk_size=2000), exports.register_title(unit, local_today()))
    audit_record(
        actor=actor,
        action="case.export",
        obj=unit if unit is not None else actor,
        unit=unit,
        changes={"rows": [None, count], "filters": [None, filters]},
    )
    return data
