"""Units in the portal's search: every administrative unit and organisation, current or former.

Kind label "Đơn vị" for administrative units, "Tổ chức" for organisations; the summary says what the
unit is, where it belongs and when it is in force, e.g. "Xã thuộc Huyện Tam Nông, Tỉnh Đồng Tháp ·
hiệu lực từ 01/01/2019". The code, short name and address are searchable too.
"""

from danvan.core.formatting import format_date
from danvan.search.registry import Document, register

from .models import Level, Unit

KIND_UNIT = "Đơn vị"
KIND_ORGANISATION = "Tổ chức"


def _ancestor_names(unit: Unit) -> list[str]:
    names, node = [], unit.parent
    while node is not None:
        names.append(node.name)
        node = node.parent
    return names


def _validity(unit: Unit) -> str:
    if unit.valid_from and unit.valid_to:
        return f"hiệu lực từ {format_date(unit.valid_from)} đến {format_date(unit.valid_to)}"
    if unit.valid_from:
        return f"hiệu lực từ {format_date(unit.valid_from)}"
    if unit.valid_to:
        return f"hiệu lực đến {format_date(unit.valid_to)}"
    return ""


def unit_document(unit: Unit) -> Document:
    ancestors = _ancestor_names(unit)
    if ancestors:
        what = f"{unit.get_kind_display()} thuộc {', '.join(ancestors)}"
    else:  # the top of the tree: "Cấp tỉnh" reads better than a bare "Tỉnh"
        what = Level(unit.level).label if unit.level else unit.get_kind_display()
    summary = " · ".join(part for part in (what, _validity(unit)) if part)
    return Document(
        kind=KIND_ORGANISATION if unit.is_organisation else KIND_UNIT,
        title=unit.name,
        summary=summary,
        body=" ".join(part for part in (unit.code, unit.short_name, unit.address) if part),
        url=unit.get_absolute_url(),
        unit=unit,
    )


register(
    Unit,
    to_document=unit_document,
    # Four levels cover province → district → commune → hamlet → organisation without a query per unit.
    queryset=lambda: Unit.objects.select_related("parent__parent__parent__parent"),
)
