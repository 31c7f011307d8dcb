"""How the audit records of community decisions read (danvan.audit.trail)."""

from danvan.audit.trail import Action, Field, register_trail

from .models import Channel, Decision

register_trail(
    Decision,
    actions={
        "decision.create": Action("lập việc đưa ra cộng đồng dân cư bàn và quyết định", headline="title"),
        "decision.notice": Action("thông báo việc bàn và quyết định", headline="notice_on"),
        "decision.online_poll": Action(
            "ghi kết quả thăm dò biểu quyết trực tuyến", headline="online_poll_yes"
        ),
        "decision.open": Action("mở biểu quyết", headline="households_total"),
        "decision.tally": Action("ghi kết quả kiểm phiếu", headline="households"),
        "decision.online_vote": Action("biểu quyết trực tuyến thay cho hộ", nobody="Người dân"),
        "decision.close": Action("kết thúc biểu quyết và công bố kết quả", headline="status"),
    },
    fields={
        "channel": Field("hình thức", lambda v: Channel(v).label if v in Channel.values else str(v)),
        "households": Field("số hộ được tính", lambda v: f"{v} hộ"),
        "yes": Field("tán thành", lambda v: f"{v} hộ"),
        "no": Field("không tán thành", lambda v: f"{v} hộ"),
        "other": Field("ý kiến khác", lambda v: f"{v} hộ"),
        "cluster": Field("cụm dân cư"),
    },
)
