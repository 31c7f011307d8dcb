"""Service definitions (GET services/<code>) and the `attribute[…]` fields a POST is checked against.

Every service (a case field) takes more than a description, so every one declares `metadata: true` and the
same three attributes, in this order:

1. `kind` — phản ánh or kiến nghị (singlevaluelist, default phản ánh);
2. `hamlet` — the ấp/khóm where it happened: a singlevaluelist of the commune's hamlets in force when the
   definition is asked for a commune (`jurisdiction_id`), otherwise a string (a hamlet's name or code, looked
   up in the commune the request is posted to);
3. `consent_publish` — whether the citizen agrees that the text and the answer are published (default no).

`clean_attributes(definition, raw)` checks posted values against the definition: an unknown attribute, a list
for a single value, a value outside the list or a missing required attribute is a `DomainError` whose
Vietnamese message names the attribute as the client sent it.
"""

from dataclasses import dataclass, field

from danvan.core.errors import DomainError
from danvan.core.formatting import local_today
from danvan.core.text import normalize

from ..models import Kind

KIND_VALUES = [("feedback", "Phản ánh"), ("petition", "Kiến nghị")]
CONSENT_VALUES = [("yes", "Đồng ý"), ("no", "Không đồng ý")]


@dataclass
class Attribute:
    code: str
    datatype: str
    description: str
    order: int
    required: bool = False
    datatype_description: str | None = None
    values: list[tuple[str, str]] = field(default_factory=list)

    def as_data(self) -> dict:
        return {
            "variable": True,
            "code": self.code,
            "datatype": self.datatype,
            "required": self.required,
            "datatype_description": self.datatype_description,
            "order": self.order,
            "description": self.description,
            "values": [{"key": k, "name": n} for k, n in self.values],
        }


def hamlets_of(commune) -> list:
    return list(
        commune.children.communities().valid_on(local_today()).natural().only("code", "name", "parent")
    )


def attributes_for(commune=None) -> list[Attribute]:
    """The attributes of every service; with a commune, its hamlets are listed as the hamlet's values."""
    hamlet = Attribute(
        code="hamlet",
        datatype="string",
        description="Ấp, khóm nơi xảy ra sự việc (nếu biết).",
        order=2,
        datatype_description="Tên ấp, khóm, ví dụ: Ấp Phú Hòa.",
    )
    if commune is not None:
        hamlet.datatype = "singlevaluelist"
        hamlet.datatype_description = f"Chọn một ấp, khóm của {commune.name}."
        hamlet.values = [(h.code, h.name) for h in hamlets_of(commune)]
    return [
        Attribute(
            code="kind",
            datatype="singlevaluelist",
            description="Loại đơn: phản ánh một sự việc, hay kiến nghị với chính quyền.",
            order=1,
            datatype_description="Không chọn thì là phản ánh.",
            values=KIND_VALUES,
        ),
        hamlet,
        Attribute(
            code="consent_publish",
            datatype="singlevaluelist",
            description="Người gửi có đồng ý công khai nội dung phản ánh và câu trả lời trên cổng thông tin không.",
            order=3,
            datatype_description="Không chọn thì là không đồng ý: chỉ công khai tóm tắt, không có nội dung.",
            values=CONSENT_VALUES,
        ),
    ]


def definition_data(service_code: str, commune=None) -> dict:
    return {"service_code": service_code, "attributes": [a.as_data() for a in attributes_for(commune)]}


def parse_attribute_fields(items) -> dict[str, list[str]]:
    """`attribute[code]=v` and `attribute[code][]=v1&attribute[code][]=v2` from (name, [values]) pairs."""
    found: dict[str, list[str]] = {}
    for name, values in items:
        if not name.startswith("attribute[") or "]" not in name:
            continue
        code, rest = name[len("attribute[") :].split("]", 1)
        if rest not in ("", "[]"):
            raise DomainError(f"Tên trường {name} không hợp lệ: dùng attribute[mã] hoặc attribute[mã][].")
        found.setdefault(code.strip(), []).extend(v for v in values if v is not None)
    return found


def clean_attributes(attributes: list[Attribute], raw: dict[str, list[str]]) -> dict[str, str]:
    by_code = {a.code: a for a in attributes}
    cleaned: dict[str, str] = {}
    for code, values in raw.items():
        attribute = by_code.get(code)
        if attribute is None:
            known = ", ".join(sorted(by_code))
            raise DomainError(f"Dịch vụ này không có thông tin bổ sung attribute[{code}] (chỉ có: {known}).")
        values = [v.strip() for v in values if v and v.strip()]
        if not values:
            continue
        if len(values) > 1:
            raise DomainError(f"attribute[{code}] chỉ nhận một giá trị.")
        value = values[0]
        if attribute.values:
            keys = {k: k for k, _ in attribute.values}
            keys.update({normalize(n): k for k, n in attribute.values})
            chosen = keys.get(value) or keys.get(normalize(value))
            if chosen is None:
                names = "; ".join(f"{k} ({n})" for k, n in attribute.values[:20])
                more = "; …" if len(attribute.values) > 20 else ""
                raise DomainError(
                    f"Giá trị «{value}» không hợp lệ cho attribute[{code}]. Chọn một trong: {names}{more}."
                )
            value = chosen
        cleaned[code] = value
    for attribute in attributes:
        if attribute.required and attribute.code not in cleaned:
            raise DomainError(f"Vui lòng gửi attribute[{attribute.code}]: {attribute.description}")
    return cleaned


def kind_from(cleaned: dict[str, str], legacy: str = "") -> str:
    """`attribute[kind]`, else the older top-level `kind` field; feedback when neither is given."""
    kind = (cleaned.get("kind") or legacy or Kind.FEEDBACK).strip().lower()
    if kind not in {k for k, _ in KIND_VALUES}:
        raise DomainError("Qua Open311 chỉ gửi được phản ánh hoặc kiến nghị (kind=feedback hoặc petition).")
    return kind


def hamlet_from(value: str, commune):
    """The hamlet of `commune` named or coded `value` (None when empty); a DomainError when there is none."""
    value = (value or "").strip()
    if not value:
        return None
    wanted = normalize(value)
    for hamlet in hamlets_of(commune):
        if hamlet.code == value or normalize(hamlet.name) == wanted:
            return hamlet
    raise DomainError(f"{commune.name} không có ấp, khóm «{value}».")
