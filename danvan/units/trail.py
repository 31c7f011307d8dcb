"""How the audit records of units read (danvan.audit.trail)."""

from danvan.audit.trail import Action, Field, date_text, register_trail

from .models import Succession, Unit

register_trail(
    Unit,
    actions={
        "unit.create": Action("tạo đơn vị", headline="name"),
        "unit.update": Action("sửa thông tin đơn vị"),
        "unit.move": Action("chuyển đơn vị sang đơn vị cấp trên khác", headline="parent_id"),
        "unit.count": Action("cập nhật số hộ, số cử tri"),
    },
    fields={
        "as_of": Field("số liệu tính đến ngày", date_text),
        "households": Field("số hộ"),
        "voters": Field("số cử tri"),
        "residents": Field("số nhân khẩu"),
    },
    hidden={"search_name", "path", "depth"},
)
register_trail(
    Succession,
    actions={"unit.succession": Action("ghi nhận kế thừa đơn vị", headline="successor")},
    fields={"share": Field("tỷ lệ chuyển sang", lambda v: f"{float(v) * 100:.0f}%".replace(".", ","))},
)
