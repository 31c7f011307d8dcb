"""How the audit records of legal rules and day swaps read (danvan.audit.trail)."""

from danvan.audit.trail import Action, register_trail

from .models import DaySwap, LegalRule

register_trail(
    LegalRule,
    actions={
        "rule.create": Action("thêm quy định", headline="title"),
        "rule.update": Action("sửa quy định"),
        "rule.close": Action("kết thúc hiệu lực quy định", headline="valid_to"),
    },
)
register_trail(
    DaySwap,
    actions={"swap.set": Action("đặt ngày hoán đổi làm việc"), "swap.delete": Action("xoá ngày hoán đổi")},
)
