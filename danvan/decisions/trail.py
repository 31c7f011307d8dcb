"""How the audit records of community decisions read (danvan.audit.trail)."""

from danvan.audit.trail import Action, Field, register_trail

from .models import Channel, Decision, Initiative

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
        "decision.create_commune": Action(
            "lập việc bàn và quyết định trong phạm vi toàn xã", headline="title"
        ),
        "decision.open_commune": Action("mở biểu quyết ở các thôn, tổ dân phố của xã", headline="status"),
        "decision.close_commune": Action(
            "kết thúc việc toàn xã và công bố kết quả", headline="hamlets_passed"
        ),
        "decision.documents": Action(
            "ghi nhận đã gửi tài liệu đến từng hộ", headline="documents_delivered_on"
        ),
        "decision.counting": Action("ghi Ban kiểm phiếu và người chứng kiến", headline="board"),
        "decision.minutes_sent": Action(
            "ghi nhận đã gửi biên bản đến UBND và Ủy ban MTTQ xã", headline="minutes_sent_on"
        ),
        "decision.recognition": Action("ghi văn bản công nhận của cấp xã", headline="recognition"),
        "decision.disclose": Action("công khai kết quả bàn và quyết định", headline="disclosed_on"),
        "decision.implement": Action("ghi kết quả tổ chức thực hiện", headline="implemented_on"),
        "decision.amendment": Action("lập việc sửa đổi quyết định", headline="amendment"),
        "decision.annul": Action("ghi quyết định hủy bỏ", headline="annulment_number"),
    },
    fields={
        "channel": Field("hình thức", lambda v: Channel(v).label if v in Channel.values else str(v)),
        "households": Field("số hộ được tính", lambda v: f"{v} hộ"),
        "yes": Field("tán thành", lambda v: f"{v} hộ"),
        "no": Field("không tán thành", lambda v: f"{v} hộ"),
        "other": Field("ý kiến khác", lambda v: f"{v} hộ"),
        "cluster": Field("cụm dân cư"),
        "hamlets_total": Field("tổng số thôn, tổ dân phố", lambda v: f"{v} thôn"),
        "hamlets_passed": Field("số thôn thông qua", lambda v: f"{v} thôn"),
        "on_time": Field("thời hạn", lambda v: "đúng hạn" if v else "trễ hạn"),
        "board": Field("số thành viên Ban kiểm phiếu", lambda v: f"{v} người"),
        "witnesses": Field("số người chứng kiến", lambda v: f"{v} người"),
        "amendment": Field("việc sửa đổi"),
    },
)


def _day(value) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


register_trail(
    Initiative,
    actions={
        "initiative.propose": Action("đề xuất sáng kiến", headline="title", nobody="Người dân"),
        "initiative.consent": Action("đồng thuận sáng kiến thay cho hộ", nobody="Người dân"),
        "initiative.consents_record": Action("ghi ý kiến đồng thuận của các hộ", headline="households"),
        "initiative.reach": Action("sáng kiến đủ số hộ đồng thuận", headline="consents"),
        "initiative.approve": Action(
            "ghi nhận Ban công tác Mặt trận đồng ý đưa ra cộng đồng", headline="reason"
        ),
        "initiative.draft": Action("lập dự thảo việc bàn và quyết định từ sáng kiến"),
    },
    fields={
        "households": Field("số hộ", lambda v: f"{v} hộ"),
        "consents": Field("số hộ đồng thuận", lambda v: f"{v} hộ"),
        "reason": Field("lý do"),
        "given_on": Field("ngày đồng thuận", lambda v: _day(v)),
    },
)
