"""How the audit records of the review read (danvan.audit.trail)."""

from danvan.audit.trail import Action, Field, date_text, register_trail

from .models import Conference, UnitReport

register_trail(
    UnitReport,
    actions={
        "review.report_create": Action("lập báo cáo sơ kết", headline="period"),
        "review.report_update": Action("sửa nội dung báo cáo sơ kết", headline="sections"),
        "review.manual_set": Action("nhập chỉ tiêu của báo cáo sơ kết", headline="indicators"),
        "review.report_submit": Action("gửi báo cáo sơ kết lên cấp trên", headline="submitted_on"),
        "review.report_return": Action("trả lại báo cáo sơ kết để sửa", headline="return_comment"),
        "review.report_approve": Action("duyệt báo cáo sơ kết", headline="approved_on"),
        "review.report_consolidate": Action(
            "tổng hợp số liệu từ báo cáo của các đơn vị trực thuộc", headline="reports"
        ),
        "review.direction_add": Action("thêm nhiệm vụ kỳ tới vào báo cáo sơ kết", headline="direction"),
        "review.direction_update": Action("sửa nhiệm vụ kỳ tới của báo cáo sơ kết", headline="direction"),
        "review.direction_remove": Action("xoá nhiệm vụ kỳ tới khỏi báo cáo sơ kết", headline="direction"),
        "review.report_render": Action("yêu cầu tạo tệp Word và PDF của báo cáo sơ kết"),
    },
    fields={
        "period": Field("kỳ báo cáo"),
        "sections": Field("các mục đã sửa"),
        "number": Field("số văn bản"),
        "issued_on": Field("ngày ban hành", date_text),
        "indicators": Field("chỉ tiêu"),
        "submitted_on": Field("ngày gửi", date_text),
        "late": Field("gửi muộn"),
        "return_comment": Field("ý kiến trả lại"),
        "approved_on": Field("ngày duyệt", date_text),
        "direction": Field("nhiệm vụ"),
        "due": Field("thời hạn", date_text),
        "note": Field("ghi chú"),
        "units": Field("đơn vị thực hiện"),
        "reports": Field("số báo cáo được tổng hợp", lambda n: f"{n} báo cáo" if n else ""),
    },
    hidden={"figures", "provenance", "rendering"},
)
register_trail(
    Conference,
    actions={
        "review.conference_record": Action("ghi hội nghị sơ kết", headline="day"),
        "review.article_send": Action("gửi bài viết về hội nghị sơ kết sang mục tin tức", headline="article"),
    },
    fields={
        "day": Field("ngày tổ chức", date_text),
        "chair": Field("chủ trì"),
        "article": Field("bài viết"),
    },
)
