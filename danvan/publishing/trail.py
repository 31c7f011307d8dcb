"""How the audit records of news articles read (danvan.audit.trail)."""

from danvan.audit.trail import Action, Field, register_trail
from danvan.units.models import Unit

from .models import Article

register_trail(
    Article,
    actions={
        "article.create": Action("viết bài", headline="title"),
        "article.update": Action("sửa bài viết"),
        "article.submit": Action("gửi duyệt"),
        "article.approve": Action("duyệt đăng", headline="publish_at"),
        "article.return": Action("trả lại bài viết", headline="review_note"),
        "article.archive": Action("lưu trữ bài viết"),
        "article.restore": Action("khôi phục bài viết"),
        "article.publish_scheduled": Action("đăng bài theo giờ đã hẹn"),
    },
    fields={"body": Field("nội dung", hide_values=True), "review_note": Field("ý kiến")},
    hidden={"search_text", "version", "slug"},
)

register_trail(
    Unit,
    actions={"content.image_upload": Action("tải ảnh lên cho bài viết, nội dung công khai")},
    fields={"image": Field("ảnh", lambda v: "một ảnh")},
)
